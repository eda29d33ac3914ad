// Hand-made records for the diff tests.
#pragma once

#include <string>
#include <utility>

#include "schema/schema.h"

namespace recital::testing {

// A paragraph of section s whose text is its lead phrase, a space and the rest.
inline Paragraph P(Section s, std::string lead, std::string rest, std::string number = "") {
  Paragraph p;
  p.section = s;
  p.lead = lead;
  p.text = lead + " " + rest;
  p.number = std::move(number);
  return p;
}

}  // namespace recital::testing

// Hand-made records for the diff tests.
#pragma once

#include <string>
#include <utility>

#include "diff/diff.h"
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

// d with the edits of its changed paragraphs (neither unchanged, added nor removed) cleared:
// what DiffOptions::word_edits = false must give, all else equal.
inline DiffResult WithChangedEditsCleared(DiffResult d) {
  for (Change& c : d.changes) {
    if (c.status != ChangeStatus::kUnchanged && c.status != ChangeStatus::kAdded &&
        c.status != ChangeStatus::kRemoved) {
      c.edits.clear();
    }
  }
  return d;
}

}  // namespace recital::testing

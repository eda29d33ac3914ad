// Rendering of a parsed Resolution record for people (text) and tools (JSON). Used by
// `recital parse` and `recital show`.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "schema/schema.h"

namespace recital::cli {

// The record as the stable JSON interface of `recital parse --format json`. Keys, always
// present (nlohmann::json prints them sorted): symbol, session, number, title, agenda_items, committee, report,
// distribution_date, adoption_date, meeting, language, layout,
// preamble [{lead, text, footnotes: [int]}],
// operative [{number, lead, text, footnotes: [int], subparagraphs: [{number, text}]}],
// footnotes [{number, text}], citations [{symbol, date}], documents [string],
// warnings [string]. Unknown scalar values (empty string, 0) are null; lists are [] when empty.
nlohmann::json RecordToJson(const Resolution& r);

// A readable multi-line rendering: header fields, then the paragraphs with their lead
// phrases, footnotes, citations and warnings. Ends with a newline.
std::string RecordToText(const Resolution& r);

}  // namespace recital::cli

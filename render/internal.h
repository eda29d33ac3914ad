// Shared by the renderers of render/; not part of the module's interface.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "history/history.h"

namespace recital::render {

// ` dir="rtl"` when the first letter of text is of a right-to-left script (Arabic, Hebrew),
// else "": an Arabic paragraph reads right to left in the HTML pages, and every other text
// keeps the page's direction (and its exact bytes).
std::string HtmlDirAttribute(std::string_view text);

// The "sessions" array of `recital log --json` and of the report's JSON.
nlohmann::json SessionsJson(const std::vector<history::SessionRow>& rows);

// Pieces of the report's side-by-side HTML (report.cc), shared with serve's comparison page.
// "reworded, moved, lead changed"; "moved" for a paragraph that only moved.
std::string StatusPhrase(const Change& c);
// The edit script of a change; added/removed paragraphs without edits get one whole edit, an
// unchanged one its text as one equal edit.
std::vector<Edit> EditsOf(const Change& c);
// One side of a change: the equal words and that side's <del> (old) or <ins> (new) words.
std::string HtmlSide(const std::vector<Edit>& edits, bool old_side);
// <tr>: the label and status, the old side, the new side (with a lead-change callout).
std::string HtmlChangeRow(const Change& c);

}  // namespace recital::render

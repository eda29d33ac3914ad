// Pieces of the Akoma Ntoso renderer shared by render/akn*.cc. Not part of the module's
// interface (render/render.h documents the IRIs and eIds these build).
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace recital::render::akn {

// ISO 639-2 code of a record's language ("en" -> "eng"); "und" when unknown. Two-letter codes
// outside the six UN languages are kept as they are.
std::string LanguageCode(std::string_view language);
// "17 December 1999" for "1999-12-17"; the input itself when it is not an ISO date.
std::string LongDate(std::string_view iso);
// True for "YYYY-MM-DD" with a month 01-12 and a day 01-31 (what xsd:date takes).
bool IsIsoDate(std::string_view s);
// 1 -> "1st", 83 -> "83rd", 111 -> "111th".
std::string Ordinal(uint32_t n);
// The number part of a Work IRI (render.h) for a symbol, "" when symbol is empty.
std::string IriNumberOfSymbol(std::string_view symbol);
// "/akn/un/statement/deliberation/unga/<date or undated>/<number>".
std::string WorkIri(std::string_view organ, std::string_view date, std::string_view number);

// The annexed instruments of a record: Resolution::annexes in order, then one untitled group
// for annex paragraphs past their counts.
struct AnnexGroup {
  std::string title;
  size_t first = 0;  // index into Resolution::annex
  size_t count = 0;
};
std::vector<AnnexGroup> AnnexGroups(const Resolution& r);

// eIds of a record's paragraphs, in section order; unique within the whole document.
struct ParagraphIds {
  std::vector<std::string> preamble, operative, annex;
  const std::vector<std::string>& Of(Section s) const;
};
ParagraphIds AssignParagraphIds(const Resolution& r);
// "item_" + the letters and digits of a sub-paragraph number ("(a)" -> "item_a"), or
// "item_N" by position when it has none; unique among *used.
std::string ItemId(const std::string& number, size_t position, std::vector<std::string>* used);

// Fills a <p> (or <i>-holding inline element) with a paragraph's text: the lead phrase in <i>,
// an <authorialNote> holding footnote N's text at each marker (footnotes of r), and each cited
// resolution of r written in the text (short or full symbol) as <ref href> to its Work IRI.
// Notes get eIds note_prefix + "__authorialNote_" + k, k counting on from *note_count.
struct InlineText {
  std::string_view text;
  std::string_view lead;  // a prefix of text, or "" (also when it is not a prefix)
  const std::vector<FootnoteRef>* footnotes = nullptr;
};
void AppendInline(pugi::xml_node p, const InlineText& in, const Resolution& r,
                  const std::string& note_prefix, size_t* note_count);

}  // namespace recital::render::akn

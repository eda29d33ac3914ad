// The Resolution record: the in-memory form every module exchanges, its Cap'n Proto encoding
// and its content hashes. schema/ holds the only code that reads or writes Cap'n Proto bytes.
//
// Encoding is split so that identical wording is stored once:
//   EncodeParagraph(p)  -> the wording object (lead, text, sub-paragraph wording); its
//                          XXH3-128 is the paragraph's identity (WordingHash).
//   EncodeResolution(r) -> the resolution record of formats 1-3; paragraphs appear as
//                          ParagraphUse entries (wording hash + number + footnote references).
//   EncodeResolutionInline(r) -> the record of format 4: each ParagraphUse carries its wording
//                          inline (no hash); the wording's identity is still WordingHash.
// Thread safety: all functions are pure and may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/status.h"

namespace recital {

// XXH3-128 digest. Bytes are the canonical (big-endian high64, low64) form, as `xxhsum -H2`
// prints them.
struct Hash128 {
  uint64_t high = 0;
  uint64_t low = 0;
  bool operator==(const Hash128&) const = default;
  auto operator<=>(const Hash128&) const = default;
  bool IsZero() const { return high == 0 && low == 0; }
  std::string ToHex() const;                    // 32 lowercase hex digits
  std::string ToBytes() const;                  // 16 canonical bytes
  static bool FromHex(std::string_view hex, Hash128* out);
  static bool FromBytes(std::string_view bytes, Hash128* out);  // needs exactly 16 bytes
};

// XXH3-128 of the bytes.
Hash128 HashBytes(std::string_view bytes);

enum class Section : uint8_t { kPreamble = 0, kOperative = 1, kAnnex = 2 };
const char* SectionName(Section s);  // "preamble", "operative", "annex"

struct FootnoteRef {
  uint32_t number = 0;       // as printed in the release
  uint32_t byte_offset = 0;  // offset in the canonical text where the marker stood
  bool operator==(const FootnoteRef&) const = default;
};

struct SubParagraph {
  std::string number;  // "(a)", "(i)"
  std::string text;    // canonical, markers removed
  std::vector<FootnoteRef> footnotes;
  bool operator==(const SubParagraph&) const = default;
};

struct Paragraph {
  Section section = Section::kPreamble;
  std::string number;  // "1" for operative paragraphs; "" for preamble
  std::string lead;    // lead phrase, a prefix of text ("Recalling", "Calls upon")
  std::string text;    // canonical text including the lead phrase; NFC, single spaces, no markers
  std::vector<FootnoteRef> footnotes;
  std::vector<SubParagraph> subparagraphs;
  bool operator==(const Paragraph&) const = default;
};

struct Footnote {
  uint32_t number = 0;
  std::string text;
  bool operator==(const Footnote&) const = default;
};

struct Citation {
  std::string symbol;  // full symbol "A/RES/48/113"
  std::string date;    // ISO 8601, "" when the text gives none
  bool operator==(const Citation&) const = default;
};

// An annexed instrument: its title and how many of Resolution::annex (consecutive, in order)
// belong to it.
struct Annex {
  std::string title;            // "" when the annex has none
  uint32_t paragraph_count = 0;
  bool operator==(const Annex&) const = default;
};

// Unknown values are empty strings / 0; never guessed.
struct Resolution {
  std::string symbol;  // "A/RES/54/144", "A/RES/2957(XXVII)"
  uint32_t session = 0;       // regular session; 0 for special and emergency special sessions
  std::string session_code;   // "ES-11", "S-27" when the session is not a regular one, else ""
  uint32_t number = 0;
  std::string title;
  std::vector<std::string> agenda_items;  // "111", "68 (a)"
  std::string committee;                  // "Third Committee", "without reference to a Main Committee"
  std::string report;                     // "A/54/600"
  std::string distribution_date;          // ISO 8601
  uint32_t meeting = 0;                   // plenary meeting number
  std::string adoption_date;              // ISO 8601
  std::vector<Paragraph> preamble;
  std::vector<Paragraph> operative;
  std::vector<Paragraph> annex;
  // Titles and grouping of the annex paragraphs. Empty in records without annex titles: then
  // (and for annex paragraphs past the counts) the paragraphs form one untitled annex.
  std::vector<Annex> annexes;
  std::vector<Footnote> footnotes;
  std::vector<Citation> citations;
  std::vector<std::string> documents;
  std::string language;        // "en"
  std::string layout;          // "ods", "unorg", "modern", "web"
  std::string parser_version;
  Hash128 raw_hash;            // XXH3-128 of the release bytes
  std::vector<std::string> warnings;
  // A partial copy: its text ends inside its last paragraph (document order: preamble,
  // operative, annex), which is then cut off; or it starts after the beginning of the text.
  // Set by the parser; comparisons use them to compare only what the copy contains.
  bool truncated_end = false;
  bool starts_mid_document = false;
  bool operator==(const Resolution&) const = default;
};

// The wording object of a paragraph (lead, text, sub-paragraph numbers and texts).
std::string EncodeParagraph(const Paragraph& p);
// Identity of a paragraph's wording: HashBytes(EncodeParagraph(p)).
Hash128 WordingHash(const Paragraph& p);
// Fills lead, text and sub-paragraph wording of *out; leaves section, number and footnotes
// alone. Corruption when the bytes are not a valid, limit-respecting Paragraph message.
Status DecodeParagraph(std::string_view bytes, Paragraph* out);

// The resolution record, paragraphs by wording hash (archive formats 1-3).
std::string EncodeResolution(const Resolution& r);
// The resolution record with every paragraph's wording inline (archive format 4): decodes
// without any wording object, and compresses well against the release it was parsed from.
std::string EncodeResolutionInline(const Resolution& r);
// Wording hashes in document order (preamble, operative, annex): read from the record (hash
// form) or computed from the inline wording (WordingHash), without any wording object.
struct ParagraphUseRef {
  Hash128 hash;
  Section section;
  std::string number;
};
Result<std::vector<ParagraphUseRef>> ListParagraphUses(std::string_view resolution_bytes);
// Decodes a resolution; load_wording(hash, &paragraph) fills the wording of each paragraph
// given by hash (called once per such paragraph, in document order; an error from it is
// returned as is); inline wordings need no loader (it may then be empty). Corruption when the
// bytes are not a valid record, or a paragraph has a hash and no loader was given.
using WordingLoader = std::function<Status(const Hash128&, Paragraph*)>;
Result<Resolution> DecodeResolution(std::string_view bytes, const WordingLoader& load_wording);

// Library versions, for `recital --version`.
std::string CapnpVersionString();
std::string XxhashVersionString();

}  // namespace recital

// Internal pieces of the ingest parser, shared between its .cc files. Not a public header:
// only ingest/*.cc, tests/ingest and tests/fuzz include it.
//
// Pipeline (parse.cc): ValidateRelease -> NormalizeRelease (NFC, line ends, odd spaces) ->
// DetectLayout/DetectLanguage -> CleanLines (page furniture and site debris become page
// breaks) -> SplitRegions (cover / body / adoption line / footnote list) -> ParseCover ->
// ParseFootnoteList -> SplitParagraphs -> BuildParagraphs (lead phrases, numbers,
// sub-paragraphs, footnote markers) -> ExtractCitations.
// Nothing here uses std::regex: every scanner is linear and bounded, so hostile input can
// neither blow the stack nor take quadratic time.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "schema/schema.h"
#include "schema/strings.h"

namespace recital::ingest {

inline constexpr std::string_view kPageBreak = "\f";

// The language a release is parsed as. English and unrecognised texts take the English rules
// (the scanners of cover.cc, leads.cc, text.cc); the other five take lang_*.cc.
enum class Lang : uint8_t { kUnknown, kEn, kFr, kEs, kRu, kZh, kAr };
// "en", "fr", "es", "ru", "zh", "ar" -> the Lang; anything else kUnknown.
Lang LangFromCode(std::string_view code);
constexpr bool UsesEnglishRules(Lang lang) { return lang == Lang::kEn || lang == Lang::kUnknown; }

// ---- validate.cc ----
// OK, or InvalidInput / ResourceExhausted whose message starts with options.source_name.
Status ValidateRelease(std::string_view bytes, const ParseOptions& options);
// Offset of the first invalid UTF-8 sequence, or npos when the bytes are valid UTF-8.
size_t FindInvalidUtf8(std::string_view bytes);

// ---- text.cc: text helpers (ASCII classes, case and Trim: schema/strings.h) ----
// Runs of whitespace become one space; leading/trailing whitespace removed.
std::string CollapseSpaces(std::string_view s);
std::vector<std::string> SplitLines(std::string_view s);
// "17 December 1999" / "17 December, 1999" at pos -> "1999-12-17", *end past it; "" if none.
std::string ParseDateAt(std::string_view s, size_t pos, size_t* end);
// The first date at or after from; *at receives its position. "" when there is none.
std::string FindDate(std::string_view s, size_t from = 0, size_t* at = nullptr);
// Digits at s[*i] (at most max_digits); false when none or more digits follow.
bool ReadUint(std::string_view s, size_t* i, uint32_t* out, size_t max_digits = 6);

// ---- normalize.cc ----
// Unicode NFC, CRLF/CR -> LF, no-break and other odd spaces -> space, soft hyphens and
// zero-width characters removed, tabs -> spaces (tab stops of 8, so indentation survives).
std::string NormalizeRelease(std::string_view utf8);

// ---- stray.cc ----
// Occurrences of ASCII words (letters only), case-insensitively; lookups never allocate.
class Vocabulary {
 public:
  void Add(std::string_view word);
  // Adds every maximal run of ASCII letters of text, but only hashes them into a Bloom filter:
  // the table is filled on the first lookup the filter does not answer, which most documents
  // never need. text must outlive the vocabulary.
  void AddTextLazily(std::string_view text);
  int Count(std::string_view word) const;
  // True when lower(a + b) was added.
  bool ContainsJoined(std::string_view a, std::string_view b) const;
  bool empty() const { return words_ == 0; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0, length = 0;
    int count = 0;  // 0: free
  };
  void Grow() const;
  void Insert(std::string_view word, uint64_t hash) const;
  void Materialize() const;  // inserts the words of the lazily added texts
  const Slot* Find(std::string_view a, std::string_view b) const;
  void SetBloom(uint64_t hash);
  bool MayContain(uint64_t hash) const;
  std::vector<uint64_t> bloom_;  // 2^18 bits, two per word
  // A bit per (length, first letter, last letter) of the words added: most joins of two
  // pieces are ruled out without hashing.
  static size_t ShapeKey(size_t length, char first, char last);
  void SetShape(std::string_view word);
  std::array<uint64_t, 1024> shapes_{};
  size_t words_ = 0;
  // The table, filled on demand (hence mutable; a Vocabulary is never shared between threads).
  mutable std::vector<std::string_view> pending_;
  mutable std::string arena_;  // the lower-cased words, back to back
  mutable std::vector<Slot> slots_;
  mutable size_t size_ = 0;
};
Vocabulary MakeVocabulary(const std::vector<std::string>& words);
// Adds every maximal run of ASCII letters of s.
void AddWordsToVocabulary(std::string_view s, Vocabulary* vocabulary);
// Repairs within one paragraph of running text: spaces before , ; : . ) removed, words
// split by stray spaces re-joined where the document itself shows the whole word.
// vocabulary: lower-cased word -> occurrences in the whole document.
std::string RepairStraySpaces(std::string_view text, const Vocabulary& vocabulary);
// Share of word-like tokens that look like fragments of a split word (0..1); the short words
// of French and Spanish texts (lang) are words, not fragments.
double StraySpaceScore(std::string_view text, Lang lang = Lang::kEn);

// ---- symbols.cc: where a release writes its symbol (the grammar: schema/symbol.h) ----
struct SymbolMatch {
  std::string symbol;
  uint32_t session = 0;
  uint32_t number = 0;
  size_t pos = std::string_view::npos;
};
// The first "A/RES/54/144" or "A/RES/2957(XXVII)" (stray spaces tolerated) in text.
SymbolMatch FindResolutionSymbol(std::string_view text, size_t from = 0);
// Symbols written by web sites: "G.A. res. 51/70", "Resolution 57/302", "A36r125",
// a line "2294 (XXII)". Only for the cover region.
SymbolMatch FindSiteSymbol(std::string_view cover);

// ---- detect.cc ----
// "ods", "unorg", "modern" or "web".
std::string DetectLayout(std::string_view text);
// "en", "fr", "es", "ru", "zh", "ar" or "" (unknown): GuessLanguage(text).code.
std::string DetectLanguage(std::string_view text);
struct LanguageGuess {
  std::string code;     // ISO 639-1, "" when unknown
  // Set when the text holds much of a second language too (a runner-up with at least a third
  // of the winner's evidence): what it is, for the warning.
  std::string also;
  bool bitext = false;  // English and lang interleaved on the same lines (alignment pages)
};
// The language from the text alone: scripts first (Han -> zh, Cyrillic -> ru, Arabic -> ar,
// counted as words, two Han characters to a word), then among Latin texts the most frequent
// function words of English, French and Spanish.
LanguageGuess GuessLanguage(std::string_view text);

// ---- debris.cc ----
struct CleanResult {
  std::vector<std::string> lines;  // debris lines replaced by kPageBreak
  size_t removed_lines = 0;
  // Per line: known to come back unchanged from CleanLines (kept as is, or a page break).
  std::vector<bool> settled;
};
// Drops page furniture (ODS markers, running headers, job footers, barcodes, "/...",
// rules) and site debris (menus, disclaimers) line by line and inline. Lines whose flag in
// settled (when given) is set are passed through: every line is cleaned on its own, so a
// line an earlier pass left unchanged needs no second look.
CleanResult CleanLines(std::vector<std::string> lines, const std::vector<bool>* settled = nullptr);
// True when a whole (trimmed) line is page furniture or site debris.
bool IsDebrisLine(std::string_view trimmed);
// Splits over-long lines (texts collapsed onto one line) at structural points: before
// "The General Assembly,", numbered paragraphs, lead phrases after , or ;, "(a)" after : or ;,
// footnote rules "____".
// settled (optional, one flag per line) is carried along: a line left whole keeps its flag,
// pieces of a cut line get false.
// lang: where paragraphs and lead phrases start (English rules for kEn and kUnknown).
std::vector<std::string> UnfoldLongLines(std::vector<std::string> lines, std::vector<bool>* settled = nullptr,
                                         Lang lang = Lang::kEn);

// ---- leads.cc ----
enum class LeadKind { kNone, kPreamble, kOperative };
struct LeadMatch {
  LeadKind kind = LeadKind::kNone;
  size_t length = 0;  // bytes of text that form the lead phrase
  bool known = false; // from the table (else by rule)
};
// Known lead phrase (longest match, case-insensitive for ALL-CAPS text) at the start of
// text, else the rule for unknown ones (participle/adjective for preamble, third-person verb
// for operative). kNone when the text does not open with a lead phrase.
LeadMatch MatchLead(std::string_view text);
// Only the table: a known lead phrase at the start of text.
LeadMatch MatchKnownLead(std::string_view text);

// ---- regions (cover.cc) ----
struct Regions {
  std::vector<std::string> cover;      // lines before the body
  std::vector<std::string> body;       // paragraphs region
  std::vector<std::string> footnotes;  // footnote list lines (may contain kPageBreak)
  std::string adoption;                // the adoption line(s), flattened
  bool has_opening = false;            // "The General Assembly," found
};
// lang: the enacting formula, paragraph starts and the adoption line of that language.
Regions SplitRegions(std::vector<std::string> lines, Lang lang = Lang::kEn);
// Fills symbol, session, number, title, agenda items, committee, report, dates, meeting.
// raw_text is the whole normalized release (for symbols written anywhere in the cover).
// Returns true when a cover block was found (numbered title, "Distr.", session or agenda line).
bool ParseCover(const Regions& regions, std::string_view raw_text, Resolution* r);

// ---- footnotes.cc ----
std::vector<Footnote> ParseFootnoteList(const std::vector<std::string>& lines);
// Removes footnote markers from text (see ExtractMarkers in footnotes.cc for the forms),
// appending FootnoteRefs with offsets into the returned text. state carries the marker
// sequence across paragraphs.
struct MarkerState {
  std::vector<uint32_t> known;  // numbers of the footnote list, empty when there is none
  bool list_truncated = false;  // the list is cut off: numbers past its end may exist
  uint32_t max_seen = 0;
  bool any_seen = false;
  bool mid_document = false;  // the text starts after the first page
  bool bare_numbers = false;  // layout where markers are bare numbers after a space
  Lang lang = Lang::kEn;      // other languages: their dates and words before numbers are text
};
std::string ExtractMarkers(std::string_view text, MarkerState* state, std::vector<FootnoteRef>* refs);

// ---- body.cc ----
struct RawParagraph {
  std::string text;  // joined, spaces collapsed, markers still in
};
// Body lines -> paragraph texts (also sub-paragraph texts, which BuildParagraphs attaches).
std::vector<RawParagraph> SplitParagraphs(const std::vector<std::string>& body, Lang lang = Lang::kEn);
// Classifies raw paragraphs into r->preamble / r->operative, with lead, number,
// sub-paragraphs and footnote references; adds warnings (leading fragment, cut-off end).
// has_opening: the body follows "The General Assembly," (so a first paragraph without a
// lead phrase is still a paragraph, not the tail of one from an earlier page).
void BuildParagraphs(const std::vector<RawParagraph>& raw, bool has_opening, MarkerState* markers,
                     Resolution* r, Lang lang = Lang::kEn);

// ---- citations.cc ----
// Citations of resolutions (with dates) and other document symbols from paragraph texts,
// footnotes and the report field. Other languages than English: "résolution 47/135 du
// 18 décembre 1992", "resolución 47/135, de 18 de diciembre de 1992", "резолюцию 59/108 от
// 3 декабря 2004 года", "1994年12月9日第49/35 A号决议", "القرار 55/2".
void ExtractCitations(Resolution* r, Lang lang = Lang::kEn);

}  // namespace recital::ingest

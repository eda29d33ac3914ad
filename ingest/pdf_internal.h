// Internal pieces of the PDF reader, shared between ingest/pdf_*.cc, tests/ingest and the
// layout fuzzer. Not a public header.
//
// A PDF release is read in two independent steps:
//   1. Extraction (pdf_extract.cc, the only code that touches poppler): bytes -> PdfText, a
//      plain sequence of text boxes (page, bounding box, font size, italic/bold/barcode flags,
//      UTF-8 text), one box per run of one font inside a word.
//   2. Layout (pdf_lines.cc, pdf_layout.cc, pdf_cover.cc, pdf_body.cc): PdfText -> Resolution,
//      a pure function of the boxes: page furniture dropped by position and font, lines and
//      paragraphs rebuilt from geometry, footnotes from the small type below the rule, lead
//      phrases from the italic run that opens a paragraph.
// Layout never trusts its input: the fuzzer feeds it arbitrary box sequences.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/ingest_internal.h"
#include "schema/schema.h"

namespace recital::ingest {

// ---- the box sequence (extraction's output, layout's input) ----
enum PdfBoxFlags : uint8_t {
  kPdfItalic = 1,   // italic or oblique font
  kPdfBold = 2,     // bold font
  kPdfBarcode = 4,  // a barcode font (the job-number barcode of UN documents)
};

struct PdfBox {
  uint32_t page = 0;  // 0-based
  // Bounding box in points, origin at the top left of the page, y growing downwards.
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float size = 0;     // font size in points
  uint8_t flags = 0;  // PdfBoxFlags
  std::string text;   // UTF-8, no spaces inside (one word or part of one)
  bool operator==(const PdfBox&) const = default;
};

struct PdfPageSize {
  float width = 0, height = 0;
  bool operator==(const PdfPageSize&) const = default;
};

struct PdfText {
  std::vector<PdfPageSize> pages;
  std::vector<PdfBox> boxes;  // in poppler's reading order; layout sorts them itself
  bool operator==(const PdfText&) const = default;
};

// True when bytes look like a PDF (the "%PDF-" header within the first 1024 bytes).
bool LooksLikePdf(std::string_view bytes);

// ---- pdf_extract.cc (poppler) or pdf_loader.cc (the same, loaded on first use) ----
// The text boxes of every page. InvalidInput, with a message that starts with source_name,
// when the PDF is truncated or corrupt, encrypted, or has no text layer at all (a scan: needs
// OCR). IOError when the PDF reader module cannot be loaded (static builds, see
// cmake/RecitalDeps.cmake).
Result<PdfText> ExtractPdfText(std::string_view bytes, const std::string& source_name);

// A flat binary form of PdfText (the PDF module hands its result across a C boundary in it).
std::string EncodePdfText(const PdfText& text);
// Corruption when the bytes are not an EncodePdfText result.
Result<PdfText> DecodePdfText(std::string_view bytes);

// ---- layout ----
// Font flags of a PDF font name ("TimesNewRomanPS-ItalicMT", "ABCDEE+Times-BoldItalic",
// "Barcode 3 of 9 by request").
uint8_t PdfFontFlags(std::string_view font_name);

// One text line of a page: boxes whose vertical extents overlap, left to right.
struct PdfLine {
  uint32_t page = 0;
  float x0 = 0, x1 = 0;       // left and right edge
  float top = 0, bottom = 0;  // of the line's main-size boxes
  float size = 0;             // main font size (most characters)
  std::vector<PdfBox> boxes;  // sorted by x0
  bool bold = false;          // every letter bold
  bool italic = false;        // every letter italic
  std::string text;           // boxes joined (words re-joined where the gap is no space)
};

// Lines of every page in reading order (pages in order, lines top to bottom). Boxes with
// unusable geometry (NaN, infinite, inverted, off any page) or invalid UTF-8 are dropped.
std::vector<PdfLine> BuildPdfLines(const PdfText& text);
// A line of a table (or a note under one) inside the running text: set smaller than the text,
// or with cells more than three ems apart.
bool IsPdfTableRow(const PdfLine& l, float body_size);
// Joins the boxes of one line into text: a gap narrower than kPdfWordGap em is no space
// (justified text splits words into pieces), spaces before closing punctuation dropped.
inline constexpr float kPdfWordGap = 0.148f;
std::string JoinPdfBoxes(const std::vector<PdfBox>& boxes);
// Appends a line's text to a paragraph: a line ending in a hyphen continues the word
// ("post-" + "conflict"), otherwise one space.
void AppendPdfLine(std::string* paragraph, std::string_view line);

// Where each line belongs (pdf_layout.cc decides, by position and font).
enum class PdfRole : uint8_t {
  kBody,      // running text: paragraphs, headings, the adoption line
  kCover,     // page 1 above the body: symbol, session, agenda, title
  kHeader,    // running header (symbol, short title) at the top of a page
  kFooter,    // job number, barcode, page number at the bottom of a page
  kRule,      // the short rule above the footnotes
  kFootnote,  // footnote text below the rule, in the smaller size
};

struct PdfMetrics {
  float body_size = 10;       // font size of the running text (most characters)
  std::vector<float> margin;  // per page: left edge of the running text's lines
};

// A symbol as printed on a PDF: "A/RES/78/8", "A/RES/ES-11/1", "A/RES/78/8/Corr.1".
struct PdfSymbol {
  std::string symbol;
  uint32_t session = 0;      // 0 for a special or emergency special session
  std::string session_code;  // "ES-11", "S-27"
  uint32_t number = 0;
  size_t pos = std::string_view::npos;  // where it starts in the text searched
};
PdfSymbol FindPdfSymbol(std::string_view text);

// ---- pdf_cover.cc ----
// Index of the first line after the cover on page 1: after the bold numbered title ("78/8.
// Title", with the bold lines that continue it; the title goes to *title), else the "The
// General Assembly," line, else 0 (no cover found).
size_t PdfCoverEnd(const std::vector<PdfLine>& lines, const std::vector<PdfRole>& roles,
                   std::string* title);
// Symbol, session, agenda items, committee and report, dates from the kCover lines (the
// symbol from a running header when the cover has none).
void ParsePdfCover(const std::vector<PdfLine>& lines, const std::vector<PdfRole>& roles,
                   size_t cover_end, Resolution* r);
// "30th plenary meeting", "55th (resumed) plenary meeting" -> the meeting number; else 0.
uint32_t PdfPlenaryMeeting(std::string_view line);

// ---- pdf_body.cc ----
// Footnotes from the lines below the rules, in order: a line that opens with a footnote number
// (small raised digits, or digits alone) starts a footnote, other lines continue it.
std::vector<Footnote> BuildPdfFootnotes(const std::vector<PdfLine>& lines,
                                        const std::vector<size_t>& note_lines);
// The running text (body line indices, in reading order) -> preamble, operative and annex
// paragraphs with numbers, lead phrases (the opening italic run), sub-paragraphs, footnote
// references (small raised digits whose number is in `footnotes`), and r->annexes.
// annex_from: index into body_lines from which on the text is annexed (after the adoption
// line), or body_lines.size().
void BuildPdfBody(const std::vector<PdfLine>& lines, const std::vector<size_t>& body_lines,
                  size_t annex_from, const PdfMetrics& metrics, Resolution* r);

// ParseRelease for bytes that LooksLikePdf: size limit, extraction, layout, then raw_hash,
// parser_version, language and citations as for text releases.
Result<Resolution> ParsePdfRelease(std::string_view bytes, const ParseOptions& options);

// Boxes -> record. warnings and all fields as ParseRelease documents them; raw_hash,
// parser_version are left to the caller. InvalidInput (message starting with source_name)
// when there is no text at all (image-only: needs OCR) or no resolution in it.
Result<Resolution> LayoutPdfResolution(const PdfText& text, const std::string& source_name);

}  // namespace recital::ingest

// Lines -> regions of a PDF release, by position and font: the cover block on page 1, running
// headers at the top and footers at the bottom of every page, the footnotes below the short
// rule, the adoption line; then the record's cover fields. Paragraphs are pdf_body.cc's.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "ingest/pdf_internal.h"

namespace recital::ingest {
namespace {

bool IsDigits(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

std::vector<std::string_view> Tokens(std::string_view t) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && t[i] == ' ') ++i;
    const size_t b = i;
    while (i < t.size() && t[i] != ' ') ++i;
    if (i > b) out.push_back(t.substr(b, i - b));
  }
  return out;
}

// The pieces of a UN page footer: job number "23-21904" (or "23-24915*", reissued), "(E)",
// print date "151123", page "2/5", barcode text "*2321904*", "Please recycle".
bool IsFooterToken(std::string_view t) {
  if (t.size() == 9 && IsAsciiDigit(t[0]) && t.back() == '*')
    t.remove_suffix(1);  // "23-24915*": reissued
  if (t.size() == 8 && IsDigits(t.substr(0, 2)) && t[2] == '-' && IsDigits(t.substr(3)))
    return true;
  if (t.size() == 3 && t[0] == '(' && IsAsciiUpper(t[1]) && t[2] == ')') return true;
  if (t.size() == 6 && IsDigits(t)) return true;
  const size_t slash = t.find('/');
  if (slash != std::string_view::npos && IsDigits(t.substr(0, slash)) &&
      IsDigits(t.substr(slash + 1))) {
    return true;
  }
  if (t.size() >= 3 && t.front() == '*' && t.back() == '*') return true;
  return t == "Please" || t == "recycle";
}

bool IsFooterLine(const PdfLine& l, float page_height) {
  if (l.top < 0.75f * page_height) return false;
  for (const PdfBox& b : l.boxes) {
    if (b.flags & kPdfBarcode) return true;
  }
  const std::vector<std::string_view> tokens = Tokens(l.text);
  if (tokens.empty()) return false;
  for (std::string_view t : tokens) {
    if (!IsFooterToken(t) && FindPdfSymbol(t).pos != 0) return false;
  }
  return true;
}

// Running headers: the symbol and the short title, in a smaller size at the top of a page.
bool IsHeaderLine(const PdfLine& l, float page_height, float body_size) {
  if (l.bottom > 0.15f * page_height) return false;
  return l.size < 0.95f * body_size || FindPdfSymbol(l.text).pos != std::string_view::npos;
}

bool IsRuleLine(const PdfLine& l) {
  size_t n = 0;
  for (char c : l.text) {
    if (c != '_') return false;
    ++n;
  }
  return n >= 5;
}

float Mode(const std::map<float, size_t>& counts, float fallback) {
  float best = fallback;
  size_t most = 0;
  for (const auto& [v, n] : counts) {
    if (n > most) best = v, most = n;
  }
  return best;
}

float BodySize(const std::vector<PdfLine>& lines) {
  std::map<float, size_t> chars;
  for (const PdfLine& l : lines) chars[l.size] += l.text.size();
  return Mode(chars, 10);
}

// Left edge of a page's running text: the leftmost x shared by two body lines (continuation
// lines start there; first lines are indented), else the leftmost line.
std::vector<float> Margins(const std::vector<PdfLine>& lines, const std::vector<PdfRole>& roles,
                           size_t pages, float body_size) {
  std::vector<std::map<float, size_t>> starts(pages);
  for (size_t i = 0; i < lines.size(); ++i) {
    const PdfLine& l = lines[i];
    if (roles[i] != PdfRole::kBody || std::fabs(l.size - body_size) > 0.05f * body_size ||
        IsPdfTableRow(l, body_size)) {
      continue;
    }
    starts[l.page][std::round(l.x0)] += 1;
  }
  std::vector<float> margin(pages, -1);
  float last = -1;
  for (size_t p = 0; p < pages; ++p) {
    for (const auto& [x, n] : starts[p]) {
      if (n >= 2) {
        margin[p] = x;
        break;
      }
    }
    if (margin[p] < 0 && !starts[p].empty()) margin[p] = starts[p].begin()->first;
    if (margin[p] < 0) margin[p] = last;
    last = margin[p];
  }
  for (size_t p = pages; p-- > 0;) {  // leading pages without text take the next page's edge
    if (margin[p] < 0 && p + 1 < pages) margin[p] = margin[p + 1];
  }
  return margin;
}

void AssignRoles(const std::vector<PdfLine>& lines, const std::vector<PdfPageSize>& pages,
                 float body_size, std::vector<PdfRole>* roles) {
  roles->assign(lines.size(), PdfRole::kBody);
  size_t b = 0;
  while (b < lines.size()) {
    const uint32_t page = lines[b].page;
    size_t e = b;
    while (e < lines.size() && lines[e].page == page) ++e;
    const float height = pages[page].height > 0 ? pages[page].height : 792;
    size_t bottom = e;
    while (bottom > b && IsFooterLine(lines[bottom - 1], height))
      (*roles)[--bottom] = PdfRole::kFooter;
    size_t top = b;
    if (page > 0) {
      while (top < bottom && IsHeaderLine(lines[top], height, body_size))
        (*roles)[top++] = PdfRole::kHeader;
    }
    for (size_t i = bottom; i-- > top;) {
      if (IsRuleLine(lines[i]) && lines[i].top > 0.3f * height) {
        (*roles)[i] = PdfRole::kRule;
        for (size_t k = i + 1; k < bottom; ++k) (*roles)[k] = PdfRole::kFootnote;
        break;
      }
    }
    b = e;
  }
}

}  // namespace

Result<Resolution> LayoutPdfResolution(const PdfText& text, const std::string& source_name) {
  const std::vector<PdfLine> lines = BuildPdfLines(text);
  if (lines.empty()) {
    return Status::InvalidInput(source_name +
                                ": PDF without a text layer (scanned pages?): it needs OCR "
                                "before it can be read");
  }
  Resolution r;
  r.layout = "pdf";
  PdfMetrics metrics;
  metrics.body_size = BodySize(lines);
  std::vector<PdfRole> roles;
  AssignRoles(lines, text.pages, metrics.body_size, &roles);
  const size_t cover_end = PdfCoverEnd(lines, roles, &r.title);
  for (size_t i = 0; i < cover_end; ++i) {
    if (roles[i] == PdfRole::kBody) roles[i] = PdfRole::kCover;
  }
  metrics.margin = Margins(lines, roles, text.pages.size(), metrics.body_size);
  ParsePdfCover(lines, roles, cover_end, &r);

  std::vector<size_t> body, notes;
  size_t annex_from = std::string::npos;
  bool adoption_found = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (roles[i] == PdfRole::kFootnote) notes.push_back(i);
    if (roles[i] != PdfRole::kBody) continue;
    const uint32_t meeting = adoption_found ? 0 : PdfPlenaryMeeting(lines[i].text);
    if (meeting != 0) {
      adoption_found = true;
      r.meeting = meeting;
      if (i + 1 < lines.size() && roles[i + 1] == PdfRole::kBody) {
        const std::string date = FindDate(lines[i + 1].text);
        if (!date.empty()) {
          r.adoption_date = date;
          ++i;
        }
      }
      annex_from = body.size();
      continue;
    }
    body.push_back(i);
  }
  if (annex_from == std::string::npos) annex_from = body.size();
  r.footnotes = BuildPdfFootnotes(lines, notes);
  BuildPdfBody(lines, body, annex_from, metrics, &r);
  if (r.preamble.empty() && r.operative.empty() && r.annex.empty()) {
    return Status::InvalidInput(source_name +
                                ": not a resolution (no paragraphs found in the PDF)");
  }
  bool structured = false;  // a lead phrase or a paragraph number somewhere
  for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
    for (const Paragraph& p : *list)
      structured = structured || !p.lead.empty() || !p.number.empty();
  }
  if (r.symbol.empty() && cover_end == 0 && !structured) {
    return Status::InvalidInput(source_name +
                                ": not a resolution (no symbol, no cover block, no lead phrases or "
                                "numbered paragraphs in the PDF)");
  }
  if (cover_end == 0) r.warnings.push_back("no cover block on the first page");
  if (!adoption_found) r.warnings.push_back("no adoption line");
  if (r.operative.empty() && r.annex.empty()) r.warnings.push_back("no operative paragraphs found");
  return r;
}

}  // namespace recital::ingest

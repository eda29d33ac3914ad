// Boxes -> text lines. Lines come from geometry alone: boxes whose vertical extents overlap
// by half the smaller height sit on one line (a raised footnote marker overlaps its line
// wholly); inside a line, the horizontal gap decides between a space and a word that
// justified text cut into pieces ("post" "-conflict", "framew" "ork,").
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "ingest/pdf_internal.h"

namespace recital::ingest {
namespace {

bool Usable(const PdfBox& b, const std::vector<PdfPageSize>& pages) {
  for (float f : {b.x0, b.y0, b.x1, b.y1, b.size}) {
    if (!std::isfinite(f) || std::fabs(f) > 1e5f) return false;
  }
  if (b.page >= pages.size() || b.x1 < b.x0 || b.y1 <= b.y0 || b.size <= 0.5f) return false;
  if (b.text.empty() || b.text.size() > 4096) return false;
  return FindInvalidUtf8(b.text) == std::string_view::npos;
}

float Height(const PdfBox& b) { return b.y1 - b.y0; }

bool IsClosingPunct(std::string_view t) {
  if (t.empty()) return false;
  const char c = t[0];
  return c == ',' || c == ';' || c == ':' || c == '.' || c == ')' || c == ']' || c == '!' ||
         c == '?';
}

bool HasLetter(std::string_view t) {
  for (char c : t) {
    if (IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Box text as the text parsers normalise a release: NFC, odd spaces become spaces, soft
// hyphens and zero-width characters go; a non-breaking hyphen (U+2011) or U+2010 is "-".
void NormalizeBoxText(std::string* t) {
  bool ascii = true;
  for (char c : *t) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return;
  std::string mapped;  // not std::string::replace: GCC 12 warns -Wrestrict (bug 105329)
  mapped.reserve(t->size());
  for (size_t i = 0; i < t->size(); ++i) {
    const std::string_view rest = std::string_view(*t).substr(i);
    if (std::string_view(rest).starts_with("\xE2\x80\x90") || std::string_view(rest).starts_with("\xE2\x80\x91")) {
      mapped += '-';
      i += 2;
    } else {
      mapped += (*t)[i];
    }
  }
  *t = std::string(Trim(NormalizeRelease(mapped)));
}

void FinishLine(PdfLine* line) {
  for (PdfBox& b : line->boxes) NormalizeBoxText(&b.text);
  std::erase_if(line->boxes, [](const PdfBox& b) { return b.text.empty(); });
  if (line->boxes.empty()) return;  // dropped by BuildPdfLines
  std::stable_sort(line->boxes.begin(), line->boxes.end(),
                   [](const PdfBox& a, const PdfBox& b) { return a.x0 < b.x0; });
  // Main size: the size that sets the most characters (ties: the larger).
  std::map<float, size_t> chars;
  for (const PdfBox& b : line->boxes) chars[std::round(b.size * 4) / 4] += b.text.size();
  float best = 0;
  size_t most = 0;
  for (const auto& [size, n] : chars) {
    if (n >= most) best = size, most = n;
  }
  line->size = best;
  line->x0 = line->boxes.front().x0;
  line->x1 = line->boxes.front().x1;
  line->top = 1e9f;
  line->bottom = -1e9f;
  bool any_letter = false;
  line->bold = line->italic = true;
  for (const PdfBox& b : line->boxes) {
    line->x0 = std::min(line->x0, b.x0);
    line->x1 = std::max(line->x1, b.x1);
    if (std::fabs(b.size - best) <= 0.1f * best + 0.3f) {
      line->top = std::min(line->top, b.y0);
      line->bottom = std::max(line->bottom, b.y1);
    }
    if (HasLetter(b.text)) {
      any_letter = true;
      line->bold = line->bold && (b.flags & kPdfBold) != 0;
      line->italic = line->italic && (b.flags & kPdfItalic) != 0;
    }
  }
  if (!any_letter) line->bold = line->italic = false;
  if (line->top > line->bottom) {  // no box of the main size (cannot happen): whole extent
    for (const PdfBox& b : line->boxes) {
      line->top = std::min(line->top, b.y0);
      line->bottom = std::max(line->bottom, b.y1);
    }
  }
  line->text = JoinPdfBoxes(line->boxes);
}

}  // namespace

bool IsPdfTableRow(const PdfLine& l, float body_size) {
  if (l.size < 0.92f * body_size) return true;
  for (size_t k = 1; k < l.boxes.size(); ++k) {
    if (l.boxes[k].x0 - l.boxes[k - 1].x1 > 3.0f * l.size) return true;
  }
  return false;
}

std::string JoinPdfBoxes(const std::vector<PdfBox>& boxes) {
  std::string out;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const PdfBox& b = boxes[i];
    if (i > 0) {
      const PdfBox& a = boxes[i - 1];
      const float em = std::max(a.size, b.size);
      const bool gap = b.x0 - a.x1 >= kPdfWordGap * em;
      const bool after_open = !out.empty() && (out.back() == '(' || out.back() == '[');
      if (gap && !after_open && !IsClosingPunct(b.text)) out += ' ';
    }
    out += b.text;
  }
  return out;
}

void AppendPdfLine(std::string* p, std::string_view line) {
  line = Trim(line);
  if (line.empty()) return;
  if (std::string_view(*p).ends_with("\xC2\xAD")) {  // soft hyphen: a word the typesetter hyphenated
    p->resize(p->size() - 2);
    *p += line;
    return;
  }
  if (p->size() >= 2 && p->back() == '-' && (*p)[p->size() - 2] != ' ') {
    *p += line;  // "post-" + "conflict": UN texts break lines only at real hyphens
    return;
  }
  if (!p->empty()) *p += ' ';
  *p += line;
}

std::vector<PdfLine> BuildPdfLines(const PdfText& text) {
  std::vector<const PdfBox*> boxes;
  boxes.reserve(text.boxes.size());
  for (const PdfBox& b : text.boxes) {
    if (Usable(b, text.pages)) boxes.push_back(&b);
  }
  std::stable_sort(boxes.begin(), boxes.end(), [](const PdfBox* a, const PdfBox* b) {
    if (a->page != b->page) return a->page < b->page;
    return a->y0 + a->y1 < b->y0 + b->y1;
  });
  std::vector<PdfLine> lines;
  float top = 0, bottom = 0;  // extent of the line being built
  for (const PdfBox* b : boxes) {
    bool joins = false;
    if (!lines.empty() && lines.back().page == b->page) {
      const float overlap = std::min(bottom, b->y1) - std::max(top, b->y0);
      joins = overlap >= 0.5f * std::min(bottom - top, Height(*b));
    }
    if (!joins) {
      if (!lines.empty()) FinishLine(&lines.back());
      lines.emplace_back();
      lines.back().page = b->page;
      top = b->y0;
      bottom = b->y1;
    }
    lines.back().boxes.push_back(*b);
    // The extent follows the line's own boxes, never a tall neighbour's: a 20-point capital
    // on the cover must not swallow the lines beside it.
    if (joins && Height(*b) <= 1.5f * (bottom - top)) {
      top = std::min(top, b->y0);
      bottom = std::max(bottom, b->y1);
    }
  }
  if (!lines.empty()) FinishLine(&lines.back());
  std::erase_if(lines, [](const PdfLine& l) { return l.boxes.empty(); });
  std::stable_sort(lines.begin(), lines.end(), [](const PdfLine& a, const PdfLine& b) {
    if (a.page != b.page) return a.page < b.page;
    return a.top < b.top;
  });
  return lines;
}

}  // namespace recital::ingest

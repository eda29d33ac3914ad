// PDF -> text boxes with poppler's C++ API: the only code that touches poppler. Everything
// after this (lines, paragraphs, the record) is layout over plain boxes.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "ingest/pdf_internal.h"

namespace recital::ingest {
namespace {

// Past these a release is refused rather than read: no resolution comes near them (the
// longest in the corpus has 59 pages and 30,000 words).
constexpr int kMaxPages = 2000;
constexpr size_t kMaxBoxes = 4'000'000;

// poppler prints its complaints about damaged files on stderr; the caller reports one clear
// error instead.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string Utf8(const poppler::ustring& u) {
  const poppler::byte_array b = u.to_utf8();
  std::string s(b.begin(), b.end());
  while (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

// A PDF ends with "%%EOF" (ISO 32000-1, 7.5.5), give or take trailing whitespace. poppler
// reconstructs a file cut short and would silently read what is left.
bool HasEndMarker(std::string_view bytes) {
  const size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 0;
  return bytes.find("%%EOF", tail) != std::string_view::npos;
}

// Appends the box, split where the font flags change inside it (a comma set in roman after
// an italic lead phrase belongs to the same poppler word).
// Font flags by font name: a document uses a handful of fonts and every glyph asks.
class FontFlags {
 public:
  uint8_t Of(const std::string& name) {
    for (const auto& [n, f] : known_) {
      if (n == name) return f;
    }
    known_.emplace_back(name, PdfFontFlags(name));
    return known_.back().second;
  }

 private:
  std::vector<std::pair<std::string, uint8_t>> known_;
};

void AppendBox(const poppler::text_box& b, uint32_t page, FontFlags* fonts,
               std::vector<PdfBox>* out) {
  const poppler::rectf r = b.bbox();
  PdfBox box;
  box.page = page;
  box.x0 = float(r.left());
  box.y0 = float(r.top());
  box.x1 = float(r.right());
  box.y1 = float(r.bottom());
  box.size = float(b.get_font_size());
  const poppler::ustring u = b.text();
  if (!b.has_font_info() || u.size() <= 1) {
    box.flags = b.has_font_info() ? fonts->Of(b.get_font_name(0)) : 0;
    box.text = Utf8(u);
    out->push_back(std::move(box));
    return;
  }
  const size_t n = u.size();
  std::vector<uint8_t> flags(n);
  bool mixed = false;
  for (size_t i = 0; i < n; ++i) {
    flags[i] = fonts->Of(b.get_font_name(int(i)));
    mixed = mixed || flags[i] != flags[0];
  }
  // Glyph boxes are only trusted when every glyph has one (complex scripts may map several
  // code units to one glyph); otherwise the box stays whole with its first glyph's font.
  bool glyphs_ok = mixed;
  for (size_t i = 0; glyphs_ok && i < n; ++i) glyphs_ok = b.char_bbox(i).width() > 0;
  if (!glyphs_ok) {
    box.flags = flags[0];
    box.text = Utf8(u);
    out->push_back(std::move(box));
    return;
  }
  for (size_t s = 0; s < n;) {
    size_t e = s + 1;
    while (e < n && flags[e] == flags[s]) ++e;
    PdfBox piece = box;
    piece.flags = flags[s];
    piece.x0 = float(b.char_bbox(s).left());
    piece.x1 = float(b.char_bbox(e - 1).right());
    poppler::ustring part(e - s, 0);
    std::copy(u.begin() + long(s), u.begin() + long(e), part.begin());
    piece.text = Utf8(part);
    out->push_back(std::move(piece));
    s = e;
  }
}

}  // namespace

Result<PdfText> ExtractPdfText(std::string_view bytes, const std::string& source_name) {
  SilencePoppler();
  if (!HasEndMarker(bytes)) {
    return Status::InvalidInput(
        source_name + ": truncated PDF (no %%EOF marker at the end: the file was cut short)");
  }
  if (bytes.size() > size_t(INT32_MAX)) {
    return Status::ResourceExhausted(source_name + ": PDF too large to read");
  }
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), int(bytes.size())));
  if (doc == nullptr) {
    return Status::InvalidInput(source_name + ": corrupt PDF (poppler cannot read its structure)");
  }
  if (doc->is_locked()) {
    return Status::InvalidInput(source_name +
                                ": encrypted PDF (it needs a password to open); decrypt it first");
  }
  const int pages = doc->pages();
  if (pages <= 0) return Status::InvalidInput(source_name + ": corrupt PDF (no pages)");
  if (pages > kMaxPages) {
    return Status::ResourceExhausted(source_name + ": " + std::to_string(pages) +
                                     " pages is more than the " + std::to_string(kMaxPages) +
                                     " a release may have");
  }
  PdfText out;
  out.pages.reserve(size_t(pages));
  FontFlags fonts;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (page == nullptr) {
      return Status::InvalidInput(source_name + ": corrupt PDF (page " + std::to_string(i + 1) +
                                  " cannot be read)");
    }
    const poppler::rectf r = page->page_rect();
    out.pages.push_back({float(r.width()), float(r.height())});
    for (const poppler::text_box& b : page->text_list(poppler::page::text_list_include_font)) {
      if (b.rotation() != 0) continue;  // vertical margin notes are never resolution text
      AppendBox(b, uint32_t(i), &fonts, &out.boxes);
    }
    if (out.boxes.size() > kMaxBoxes) {
      return Status::ResourceExhausted(source_name + ": more than " + std::to_string(kMaxBoxes) +
                                       " words of text");
    }
  }
  return out;
}

}  // namespace recital::ingest

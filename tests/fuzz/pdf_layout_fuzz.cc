// libFuzzer target: layout reconstruction (boxes -> Resolution, ingest/pdf_layout.cc and
// friends) must never crash, hang or break the record's invariants on any box sequence.
// Input: either an EncodePdfText sequence (the seeds: boxes of real PDFs, written by
// pdf_layout_seeds) or a compact form any bytes decode to: a page count, then per box
// page, x, y, width, height, size, flags, text length and text. Poppler itself is not
// fuzzed here (its extraction yields only such sequences).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "ingest/pdf_internal.h"

namespace {

using recital::ingest::PdfBox;
using recital::ingest::PdfText;

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "pdf_layout_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

class Bytes {
 public:
  Bytes(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  bool empty() const { return at_ >= n_; }
  uint8_t U8() { return at_ < n_ ? d_[at_++] : 0; }
  uint16_t U16() { return uint16_t(U8() | (U8() << 8)); }
  // A coordinate: mostly sane values, sometimes the ones that break arithmetic.
  float Coord() {
    const uint16_t v = U16();
    switch (v) {
      case 0xFFFF:
        return std::numeric_limits<float>::quiet_NaN();
      case 0xFFFE:
        return std::numeric_limits<float>::infinity();
      case 0xFFFD:
        return -1e30f;
      default:
        return float(v) / 50.0f - 100.0f;
    }
  }
  std::string Text(size_t n) {
    std::string s;
    for (size_t i = 0; i < n && !empty(); ++i) s += char(U8());
    return s;
  }

 private:
  const uint8_t* d_;
  size_t n_;
  size_t at_ = 0;
};

PdfText Compact(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  PdfText t;
  const size_t pages = 1 + in.U8() % 6;
  for (size_t p = 0; p < pages; ++p) t.pages.push_back({612, 792});
  while (!in.empty() && t.boxes.size() < 4000) {
    PdfBox b;
    b.page = in.U8() % (pages + 1);  // sometimes a page that does not exist
    b.x0 = in.Coord();
    b.y0 = in.Coord();
    b.x1 = b.x0 + float(in.U8()) / 2;
    b.y1 = b.y0 + float(in.U8()) / 8;
    b.size = float(in.U8()) / 8;
    b.flags = in.U8() & 7;
    b.text = in.Text(in.U8() % 24);
    t.boxes.push_back(std::move(b));
  }
  return t;
}

void CheckParagraph(const recital::Paragraph& p) {
  Require(p.text.compare(0, p.lead.size(), p.lead) == 0, "lead is a prefix of text");
  for (const recital::FootnoteRef& f : p.footnotes)
    Require(f.byte_offset <= p.text.size(), "footnote offset inside text");
  for (const recital::SubParagraph& s : p.subparagraphs) {
    for (const recital::FootnoteRef& f : s.footnotes)
      Require(f.byte_offset <= s.text.size(), "sub footnote offset");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  PdfText text;
  if (bytes.substr(0, 8) == "RPDFTXT1") {
    recital::Result<PdfText> decoded = recital::ingest::DecodePdfText(bytes);
    if (!decoded.ok()) return 0;
    text = std::move(*decoded);
  } else {
    text = Compact(data, size);
  }
  recital::Result<recital::Resolution> r = recital::ingest::LayoutPdfResolution(text, "fuzz");
  if (!r.ok()) {
    Require(r.status().message().rfind("fuzz: ", 0) == 0, "error names the source");
    return 0;
  }
  Require(!r->preamble.empty() || !r->operative.empty() || !r->annex.empty(),
          "a record has paragraphs");
  size_t counted = 0;
  for (const recital::Annex& a : r->annexes) counted += a.paragraph_count;
  Require(counted == r->annex.size(), "annex counts add up to the annex paragraphs");
  for (const auto* list : {&r->preamble, &r->operative, &r->annex}) {
    for (const recital::Paragraph& p : *list) CheckParagraph(p);
  }
  for (const recital::Paragraph& p : r->annex)
    Require(p.section == recital::Section::kAnnex, "annex section");
  (void)recital::EncodeResolutionInline(*r);
  return 0;
}

// The box sequence's small helpers: PDF sniffing, font flags, and the flat binary form the
// PDF reader module hands its boxes back in.
#include <cstring>
#include <string>

#include "ingest/pdf_internal.h"

namespace recital::ingest {
namespace {

bool ContainsNoCase(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (StartsWithNoCase(s.substr(i), needle)) return true;
  }
  return false;
}

constexpr std::string_view kMagic = "RPDFTXT1";

void PutU32(std::string* out, uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = char((v >> (8 * i)) & 0xFF);
  out->append(b, 4);
}
void PutF32(std::string* out, float f) {
  uint32_t v = 0;
  std::memcpy(&v, &f, 4);
  PutU32(out, v);
}

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool U32(uint32_t* v) {
    if (b_.size() - at_ < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i)
      *v |= uint32_t(static_cast<unsigned char>(b_[at_ + size_t(i)])) << (8 * i);
    at_ += 4;
    return true;
  }
  bool F32(float* f) {
    uint32_t v = 0;
    if (!U32(&v)) return false;
    std::memcpy(f, &v, 4);
    return true;
  }
  bool U8(uint8_t* v) {
    if (at_ >= b_.size()) return false;
    *v = static_cast<uint8_t>(b_[at_++]);
    return true;
  }
  bool Bytes(size_t n, std::string* s) {
    if (b_.size() - at_ < n) return false;
    s->assign(b_.substr(at_, n));
    at_ += n;
    return true;
  }
  size_t left() const { return b_.size() - at_; }

 private:
  std::string_view b_;
  size_t at_ = 0;
};

}  // namespace

bool LooksLikePdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

uint8_t PdfFontFlags(std::string_view name) {
  uint8_t f = 0;
  if (ContainsNoCase(name, "italic") || ContainsNoCase(name, "oblique")) f |= kPdfItalic;
  if (ContainsNoCase(name, "bold") || ContainsNoCase(name, "black") ||
      ContainsNoCase(name, "heavy")) {
    f |= kPdfBold;
  }
  if (ContainsNoCase(name, "barcode") || ContainsNoCase(name, "3 of 9") ||
      ContainsNoCase(name, "code39")) {
    f |= kPdfBarcode;
  }
  return f;
}

std::string EncodePdfText(const PdfText& t) {
  std::string out(kMagic);
  PutU32(&out, uint32_t(t.pages.size()));
  for (const PdfPageSize& p : t.pages) {
    PutF32(&out, p.width);
    PutF32(&out, p.height);
  }
  PutU32(&out, uint32_t(t.boxes.size()));
  for (const PdfBox& b : t.boxes) {
    PutU32(&out, b.page);
    for (float f : {b.x0, b.y0, b.x1, b.y1, b.size}) PutF32(&out, f);
    out += char(b.flags);
    PutU32(&out, uint32_t(b.text.size()));
    out += b.text;
  }
  return out;
}

Result<PdfText> DecodePdfText(std::string_view bytes) {
  auto bad = [] { return Status::Corruption("PDF reader module: malformed box sequence"); };
  if (bytes.substr(0, kMagic.size()) != kMagic) return bad();
  Reader r(bytes.substr(kMagic.size()));
  PdfText t;
  uint32_t pages = 0, boxes = 0;
  if (!r.U32(&pages) || pages > r.left() / 8) return bad();
  t.pages.resize(pages);
  for (PdfPageSize& p : t.pages) {
    if (!r.F32(&p.width) || !r.F32(&p.height)) return bad();
  }
  if (!r.U32(&boxes) || boxes > r.left() / 29) return bad();
  t.boxes.resize(boxes);
  for (PdfBox& b : t.boxes) {
    uint32_t len = 0;
    if (!r.U32(&b.page) || !r.F32(&b.x0) || !r.F32(&b.y0) || !r.F32(&b.x1) || !r.F32(&b.y1) ||
        !r.F32(&b.size) || !r.U8(&b.flags) || !r.U32(&len) || !r.Bytes(len, &b.text)) {
      return bad();
    }
  }
  if (r.left() != 0) return bad();
  return t;
}

}  // namespace recital::ingest

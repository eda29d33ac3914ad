// The PDF reader as a loadable module (static builds): `recital` links every library
// statically but poppler, which Debian ships only as a shared library with some thirty
// dependencies; loading those at every start would cost each command about 3 ms. The module
// is loaded on the first PDF instead (pdf_loader.cc). Its interface is plain C: bytes in, the
// box sequence (EncodePdfText) or an error message out, in memory the caller frees with
// recital_pdf_free_v1.
#include <cstdlib>
#include <cstring>
#include <string>

#include "ingest/pdf_internal.h"

namespace {

char* Copy(const std::string& s, size_t* size) {
  char* out = static_cast<char*>(std::malloc(s.size() == 0 ? 1 : s.size()));
  if (out != nullptr && !s.empty()) std::memcpy(out, s.data(), s.size());
  *size = s.size();
  return out;
}

}  // namespace

// Returns 0 and the encoded boxes, or the StatusCode of the failure and its message.
extern "C" __attribute__((visibility("default"))) int recital_pdf_extract_v1(
    const char* bytes, size_t size, const char* source_name, char** out, size_t* out_size) {
  recital::Result<recital::ingest::PdfText> text =
      recital::ingest::ExtractPdfText(std::string_view(bytes, size), source_name);
  if (!text.ok()) {
    *out = Copy(text.status().message(), out_size);
    return static_cast<int>(text.status().code());
  }
  *out = Copy(recital::ingest::EncodePdfText(*text), out_size);
  return *out == nullptr ? static_cast<int>(recital::StatusCode::kResourceExhausted) : 0;
}

extern "C" __attribute__((visibility("default"))) void recital_pdf_free_v1(char* p) {
  std::free(p);
}

// Input checks done before any parsing: size, emptiness, binary data, UTF-8 validity.
#include <string>

#include "ingest/ingest_internal.h"

namespace recital::ingest {

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and out-of-range code points are invalid.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

Status ValidateRelease(std::string_view bytes, const ParseOptions& options) {
  const std::string& src = options.source_name;
  if (bytes.size() > options.max_bytes) {
    return Status::ResourceExhausted(src + ": " + std::to_string(bytes.size()) +
                                     " bytes is larger than the limit of " +
                                     std::to_string(options.max_bytes) + " bytes");
  }
  bool blank = true;
  size_t controls = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) {
      return Status::InvalidInput(src + ": binary data (NUL byte at offset " +
                                  std::to_string(i) + "), not a text release");
    }
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
    if (c > ' ') blank = false;
  }
  if (bytes.empty() || blank) {
    return Status::InvalidInput(src + ": empty file (no text to parse)");
  }
  if (controls * 20 > bytes.size()) {
    return Status::InvalidInput(src + ": binary data (" + std::to_string(controls) +
                                " control bytes), not a text release");
  }
  const size_t bad = FindInvalidUtf8(bytes);
  if (bad != std::string_view::npos) {
    return Status::InvalidInput(src + ": not valid UTF-8 (invalid byte sequence at offset " +
                                std::to_string(bad) + ")");
  }
  return Status::Ok();
}

}  // namespace recital::ingest

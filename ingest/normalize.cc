// Unicode and whitespace normalisation of a whole release.
#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "ingest/ingest_internal.h"

namespace recital::ingest {
namespace {

// Decodes one UTF-8 code point at s[i] (input is validated UTF-8); returns its length.
size_t DecodeAt(std::string_view s, size_t i, uint32_t* cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > s.size()) len = 1;
  uint32_t v = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *cp = v;
  return len;
}

bool IsOddSpace(uint32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}
bool IsInvisible(uint32_t cp) {
  return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

// NFC of one segment of validated UTF-8, appended to out.
void AppendNfc(std::string_view seg, std::string* out) {
  utf8proc_uint8_t* nfc = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(seg.data()),
                                          utf8proc_ssize_t(seg.size()), &nfc,
                                          utf8proc_option_t(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(nfc, &std::free);
  if (n < 0 || nfc == nullptr) {
    out->append(seg);  // cannot happen on validated UTF-8; keep the text as is
    return;
  }
  out->append(reinterpret_cast<const char*>(nfc), size_t(n));
}

// ASCII is always NFC, and an ASCII character never composes with what precedes it, so only
// each run of non-ASCII characters (with the one ASCII character before it, which may take
// its combining marks) goes through utf8proc: NFC is the costliest step.
std::string Nfc(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t done = 0, i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t b = i > done ? i - 1 : i;
    size_t e = i;
    while (e < s.size() && static_cast<unsigned char>(s[e]) >= 0x80) ++e;
    out.append(s, done, b - done);
    AppendNfc(std::string_view(s).substr(b, e - b), &out);
    done = i = e;
  }
  out.append(s, done);
  return out;
}

bool IsPlainAscii(char c) { return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x80; }

}  // namespace

std::string NormalizeRelease(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t column = 0;
  bool ascii = true;
  for (size_t i = 0; i < utf8.size();) {
    // Printable ASCII, by far the most of every release, is copied run by run.
    size_t e = i;
    while (e < utf8.size() && IsPlainAscii(utf8[e])) ++e;
    if (e > i) {
      out.append(utf8.substr(i, e - i));
      column += e - i;
      i = e;
      if (i == utf8.size()) break;
    }
    uint32_t cp = 0;
    const size_t len = DecodeAt(utf8, i, &cp);
    if (cp == '\r') {
      out += '\n';
      column = 0;
      i += (i + 1 < utf8.size() && utf8[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    i += len;
    if (cp == '\n' || cp == '\f' || cp == '\v' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
      out += '\n';
      column = 0;
    } else if (cp == '\t') {
      const size_t next = (column / 8 + 1) * 8;
      out.append(next - column, ' ');
      column = next;
    } else if (IsOddSpace(cp) || (cp < 0x20)) {
      out += ' ';
      ++column;
    } else if (IsInvisible(cp)) {
      // dropped
    } else {
      out.append(utf8.substr(i - len, len));
      ascii = ascii && cp < 0x80;
      ++column;
    }
  }
  return ascii ? out : Nfc(out);
}

}  // namespace recital::ingest

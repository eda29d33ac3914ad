// Unicode and whitespace normalisation of a whole release, and the repair of words split by
// stray spaces in text pulled out of PDFs.
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

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

std::string Nfc(std::string_view s) {
  // ASCII is always NFC; most releases are ASCII, and NFC is the costliest step.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(s);
  }
  std::string in(s);
  utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(in.c_str()));
  if (out == nullptr) return in;  // cannot happen on validated UTF-8; keep the text as is
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out));
}

}  // namespace

std::string NormalizeRelease(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t column = 0;
  for (size_t i = 0; i < utf8.size();) {
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
      ++column;
    }
  }
  return Nfc(out);
}

namespace {

constexpr std::array<std::string_view, 40> kShortWords = {
    "a", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my",
    "no", "of", "on", "or", "so", "to", "up", "us", "we", "all", "and", "any", "are", "but",
    "can", "for", "has", "her", "his", "its", "not", "our", "the", "who", "was"};

bool IsShortWord(std::string_view w) {
  const std::string l = ToLowerAscii(w);
  for (std::string_view k : kShortWords)
    if (l == k) return true;
  return false;
}

bool IsWordToken(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (!IsAsciiAlpha(c)) return false;
  return true;
}

std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

}  // namespace

double StraySpaceScore(std::string_view text) {
  size_t words = 0, fragments = 0;
  for (std::string_view t : Tokens(text)) {
    while (!t.empty() && !IsAsciiAlpha(t.back())) t.remove_suffix(1);
    if (!IsWordToken(t)) continue;
    ++words;
    if (t.size() <= 3 && !IsShortWord(t)) ++fragments;
  }
  return words == 0 ? 0.0 : double(fragments) / double(words);
}

Vocabulary MakeVocabulary(const std::vector<std::string>& words) {
  Vocabulary counts;
  for (const std::string& w : words) ++counts[ToLowerAscii(w)];
  return counts;
}

std::string RepairStraySpaces(std::string_view text, const Vocabulary& counts) {
  // 1. No space before closing punctuation: "development ," -> "development,".
  std::string s;
  s.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == ',' || c == ';' || c == ':' || c == '.' || c == ')') && !s.empty() && s.back() == ' ' &&
        s.size() >= 2 && (IsAsciiAlpha(s[s.size() - 2]) || s[s.size() - 2] == ')')) {
      s.pop_back();
    }
    s += c;
  }
  if (counts.empty()) return s;
  // 2. Join two alphabetic pieces when the joined word occurs elsewhere in the document and
  // at least one piece is not a word of its own there ("countri es" -> "countries").
  auto known = [&](std::string_view w) {
    auto it = counts.find(ToLowerAscii(w));
    return IsShortWord(w) || (it != counts.end() && it->second >= 2);
  };
  std::vector<std::string_view> toks = Tokens(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < toks.size(); ++i) {
    std::string_view a = toks[i];
    if (i + 1 < toks.size()) {
      std::string_view b = toks[i + 1];
      std::string_view core_b = b;
      while (!core_b.empty() && !IsAsciiAlpha(core_b.back())) core_b.remove_suffix(1);
      if (IsWordToken(a) && IsWordToken(core_b) && IsAsciiLower(core_b[0]) &&
          (!known(a) || !known(core_b))) {
        const std::string joined = ToLowerAscii(std::string(a) + std::string(core_b));
        if (counts.count(joined) != 0) {
          if (!out.empty()) out += ' ';
          out += a;
          out += b;
          ++i;
          continue;
        }
      }
    }
    if (!out.empty()) out += ' ';
    out += a;
  }
  return out;
}

}  // namespace recital::ingest

// Resolution symbols, Roman numerals and ordinal session names.
#include <array>
#include <cctype>
#include <string>

#include "ingest/ingest_internal.h"

namespace recital::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsRomanChar(char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C'; }

// Parses digits at s[*i], skipping nothing; returns false when there are none or too many.
bool ReadNumber(std::string_view s, size_t* i, uint32_t* out) {
  size_t j = *i;
  uint32_t v = 0;
  while (j < s.size() && IsDigit(s[j]) && j - *i < 6) v = v * 10 + uint32_t(s[j++] - '0');
  if (j == *i || (j < s.size() && IsDigit(s[j]))) return false;
  *i = j;
  *out = v;
  return true;
}

void SkipSpaces(std::string_view s, size_t* i, size_t max) {
  size_t n = 0;
  while (*i < s.size() && s[*i] == ' ' && n < max) ++*i, ++n;
}

}  // namespace

uint32_t RomanToInt(std::string_view r) {
  if (r.empty() || r.size() > 12) return 0;
  auto val = [](char c) -> int {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      default: return 0;
    }
  };
  int total = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    const int v = val(r[i]);
    if (v == 0) return 0;
    const int next = i + 1 < r.size() ? val(r[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? uint32_t(total) : 0;
}

uint32_t OrdinalWordsToInt(std::string_view words) {
  static constexpr std::array<std::string_view, 20> kUnits = {
      "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
      "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
      "seventeenth", "eighteenth", "nineteenth"};
  static constexpr std::array<std::string_view, 10> kTensOrd = {
      "", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
      "eightieth", "ninetieth"};
  static constexpr std::array<std::string_view, 10> kTens = {
      "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  std::string w;
  for (char c : words) w += char(std::tolower(static_cast<unsigned char>(c)));
  for (size_t u = 1; u < kUnits.size(); ++u)
    if (w == kUnits[u]) return uint32_t(u);
  for (size_t t = 2; t < kTens.size(); ++t) {
    if (w == kTensOrd[t]) return uint32_t(t * 10);
    const std::string prefix = std::string(kTens[t]) + "-";
    if (w.rfind(prefix, 0) == 0) {
      const std::string rest = w.substr(prefix.size());
      for (size_t u = 1; u < 10; ++u)
        if (rest == kUnits[u]) return uint32_t(t * 10 + u);
    }
  }
  return 0;
}

SymbolMatch FindResolutionSymbol(std::string_view s, size_t from) {
  SymbolMatch m;
  for (size_t p = s.find("A/RES/", from); p != std::string_view::npos;
       p = s.find("A/RES/", p + 1)) {
    size_t i = p + 6;
    uint32_t a = 0;
    if (!ReadNumber(s, &i, &a) || a == 0) continue;
    if (i < s.size() && s[i] == '/') {
      ++i;
      SkipSpaces(s, &i, 1);
      uint32_t b = 0;
      if (!ReadNumber(s, &i, &b) || b == 0) continue;
      m.symbol = "A/RES/" + std::to_string(a) + "/" + std::to_string(b);
      m.session = a;
      m.number = b;
      m.pos = p;
      return m;
    }
    size_t j = i;
    SkipSpaces(s, &j, 1);
    if (j < s.size() && s[j] == '(') {
      size_t k = j + 1;
      while (k < s.size() && IsRomanChar(s[k])) ++k;
      if (k < s.size() && s[k] == ')' && k > j + 1) {
        const std::string roman(s.substr(j + 1, k - j - 1));
        const uint32_t session = RomanToInt(roman);
        if (session == 0) continue;
        m.symbol = "A/RES/" + std::to_string(a) + "(" + roman + ")";
        m.session = session;
        m.number = a;
        m.pos = p;
        return m;
      }
    }
  }
  return m;
}

}  // namespace recital::ingest

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

namespace {

SymbolMatch Modern(uint32_t session, uint32_t number, size_t pos) {
  SymbolMatch m;
  m.symbol = "A/RES/" + std::to_string(session) + "/" + std::to_string(number);
  m.session = session;
  m.number = number;
  m.pos = pos;
  return m;
}

// "51/70" at s[i] (session 1..200, number 1..9999); false otherwise.
bool ReadSessionNumber(std::string_view s, size_t i, uint32_t* session, uint32_t* number) {
  if (i > 0 && (IsDigit(s[i - 1]) || s[i - 1] == '/')) return false;
  if (!ReadNumber(s, &i, session) || *session == 0 || *session > 200) return false;
  if (i >= s.size() || s[i] != '/') return false;
  ++i;
  return ReadNumber(s, &i, number) && *number > 0 && *number < 10000;
}

}  // namespace

SymbolMatch FindSiteSymbol(std::string_view c) {
  uint32_t a = 0, b = 0;
  // Citation lines of law libraries: "G.A. res. 51/70".
  for (size_t p = c.find("G.A. res. "); p != std::string_view::npos; p = c.find("G.A. res. ", p + 1)) {
    if (ReadSessionNumber(c, p + 10, &a, &b)) return Modern(a, b, p);
  }
  // "UN Resolution 57/302", "General Assembly resolution 51/77", "Resolution Nº ...".
  const std::string lower = ToLowerAscii(c);
  for (size_t p = lower.find("resolution "); p != std::string::npos;
       p = lower.find("resolution ", p + 1)) {
    if (ReadSessionNumber(c, p + 11, &a, &b)) return Modern(a, b, p);
  }
  // un.org file names: "A36r125".
  for (size_t p = 0; p + 4 < c.size(); ++p) {
    if (c[p] != 'A' || (p > 0 && IsAsciiAlpha(c[p - 1]))) continue;
    size_t i = p + 1;
    if (!ReadNumber(c, &i, &a) || a == 0 || a > 200 || i >= c.size() || c[i] != 'r') continue;
    ++i;
    if (ReadNumber(c, &i, &b) && b > 0 && (i >= c.size() || !IsAsciiAlpha(c[i]))) {
      return Modern(a, b, p);
    }
  }
  // Old style written as "2294 (XXII)" on its own.
  for (size_t p = c.find(" ("); p != std::string_view::npos; p = c.find(" (", p + 1)) {
    size_t k = p + 2;
    while (k < c.size() && IsRomanChar(c[k])) ++k;
    if (k == p + 2 || k >= c.size() || c[k] != ')') continue;
    size_t d = p;
    while (d > 0 && IsDigit(c[d - 1])) --d;
    if (d == p || p - d > 4 || (d > 0 && !IsAsciiSpace(c[d - 1]))) continue;
    if (d >= 11 && ToLowerAscii(c.substr(d - 11, 11)) == "resolution ") continue;
    const std::string roman(c.substr(p + 2, k - p - 2));
    const uint32_t session = RomanToInt(roman);
    size_t i = d;
    uint32_t n = 0;
    if (session == 0 || !ReadNumber(c, &i, &n) || n == 0) continue;
    SymbolMatch m;
    m.symbol = "A/RES/" + std::to_string(n) + "(" + roman + ")";
    m.session = session;
    m.number = n;
    m.pos = d;
    return m;
  }
  return {};
}

}  // namespace recital::ingest

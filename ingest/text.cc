// Text helpers of the ingest scanners (lines, spaces, dates, numbers); the ASCII classes,
// case and trimming are schema/strings.h.
#include <array>
#include <string>

#include "ingest/ingest_internal.h"

namespace recital::ingest {

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t b = i;
    while (b < s.size() && IsAsciiSpace(s[b])) ++b;
    size_t e = b;
    while (e < s.size() && !IsAsciiSpace(s[e])) ++e;
    if (e > b) {
      if (!out.empty()) out += ' ';
      out.append(s.substr(b, e - b));
    }
    i = e;
  }
  return out;
}

std::vector<std::string> SplitLines(std::string_view s) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < s.size()) lines.emplace_back(s.substr(start));
      break;
    }
    lines.emplace_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

bool ReadUint(std::string_view s, size_t* i, uint32_t* out, size_t max_digits) {
  size_t j = *i;
  uint64_t v = 0;
  while (j < s.size() && IsAsciiDigit(s[j]) && j - *i < max_digits) v = v * 10 + uint64_t(s[j++] - '0');
  if (j == *i || (j < s.size() && IsAsciiDigit(s[j]))) return false;
  *i = j;
  *out = uint32_t(v);
  return true;
}

namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"};

std::string Two(uint32_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::string ParseDateAt(std::string_view s, size_t pos, size_t* end) {
  size_t i = pos;
  if (i > 0 && (IsAsciiDigit(s[i - 1]) || IsAsciiAlpha(s[i - 1]))) return "";
  uint32_t day = 0;
  if (!ReadUint(s, &i, &day, 2) || day == 0 || day > 31) return "";
  if (i >= s.size() || s[i] != ' ') return "";
  ++i;
  size_t month = 0;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (s.substr(i).starts_with(kMonths[m])) {
      month = m + 1;
      i += kMonths[m].size();
      break;
    }
  }
  if (month == 0) return "";
  if (i < s.size() && s[i] == ',') ++i;
  if (i >= s.size() || s[i] != ' ') return "";
  ++i;
  uint32_t year = 0;
  const size_t ystart = i;
  while (i < s.size() && IsAsciiDigit(s[i]) && i - ystart < 4) year = year * 10 + uint32_t(s[i++] - '0');
  if (i - ystart != 4 || year < 1900 || year > 2100) return "";
  if (end) *end = i;
  return std::to_string(year) + "-" + Two(uint32_t(month)) + "-" + Two(day);
}

std::string FindDate(std::string_view s, size_t from, size_t* at) {
  for (size_t i = from; i < s.size(); ++i) {
    if (!IsAsciiDigit(s[i])) continue;
    size_t end = 0;
    std::string d = ParseDateAt(s, i, &end);
    if (!d.empty()) {
      if (at) *at = i;
      return d;
    }
  }
  return "";
}

}  // namespace recital::ingest

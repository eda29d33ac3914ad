// Dates of the other five languages to ISO 8601. Each form is read exactly as UN editing writes
// it; the month tables are the only vocabulary.
#include <array>
#include <string>

#include "ingest/lang_internal.h"

namespace recital::ingest {
namespace {

using Months = std::array<std::string_view, 12>;

constexpr Months kFrMonths = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                              "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr Months kEsMonths = {"enero",  "febrero", "marzo",      "abril",   "mayo",      "junio",
                              "julio",  "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
// Genitive, as a date writes them ("9 декабря").
constexpr Months kRuMonths = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                              "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
// Arabic UN texts write the Levantine name, a slash, then the Egyptian one ("كانون الأول/ديسمبر");
// either alone is read too.
constexpr Months kArLevantine = {"كانون الثاني", "شباط", "آذار",  "نيسان",       "أيار",         "حزيران",
                                 "تموز",         "آب",   "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"};
constexpr std::array<std::string_view, 14> kArEgyptian = {
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيه", "يوليه", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    "يونيو", "يوليو"};

std::string Two(uint32_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string Iso(uint32_t year, uint32_t month, uint32_t day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return "";
  return std::to_string(year) + "-" + Two(month) + "-" + Two(day);
}

// Digits at s[*i], ASCII or Arabic-Indic (U+0660-0669); at most max_digits.
bool ReadNumber(std::string_view s, size_t* i, uint32_t* out, size_t max_digits) {
  size_t j = *i, digits = 0;
  uint32_t v = 0;
  while (j < s.size() && digits < max_digits) {
    size_t len = 0;
    const uint32_t cp = CodePointAt(s, j, &len);
    uint32_t d = 10;
    if (cp >= '0' && cp <= '9') d = cp - '0';
    if (cp >= 0x660 && cp <= 0x669) d = cp - 0x660;
    if (d == 10) break;
    v = v * 10 + d;
    j += len;
    ++digits;
  }
  if (digits == 0) return false;
  size_t len = 0;
  const uint32_t next = CodePointAt(s, j, &len);
  if ((next >= '0' && next <= '9') || (next >= 0x660 && next <= 0x669)) return false;
  *i = j;
  *out = v;
  return true;
}

// The month of table at s[i] (first letter in either case), its number, *i moved past it.
uint32_t ReadMonth(std::string_view s, size_t* i, const auto& table) {
  for (size_t m = 0; m < table.size(); ++m) {
    const std::string_view name = table[m];
    if (*i + name.size() > s.size()) continue;
    size_t len_text = 0, len_name = 0;
    const uint32_t a = CodePointAt(s, *i, &len_text), b = CodePointAt(name, 0, &len_name);
    if (LowerCodePoint(a) != b || s.substr(*i + len_text, name.size() - len_name) != name.substr(len_name)) continue;
    const size_t end = *i + len_text + name.size() - len_name;
    if (IsWordCodePoint(CodePointAt(s, end))) continue;
    *i = end;
    return uint32_t(m % 12) + 1;
  }
  return 0;
}

bool Skip(std::string_view s, size_t* i, std::string_view what) {
  if (!s.substr(*i).starts_with(what)) return false;
  *i += what.size();
  return true;
}

// The day at s[pos], not glued to a word or number before it.
bool ReadDay(std::string_view s, size_t pos, size_t* i, uint32_t* day, bool glue_ok) {
  const uint32_t before = CodePointBefore(s, pos);
  if (before != 0 && (IsAsciiDigit(char(before < 0x80 ? before : 0)) || (before >= 0x660 && before <= 0x669) ||
                      (!glue_ok && IsWordCodePoint(before)))) {
    return false;
  }
  *i = pos;
  return ReadNumber(s, i, day, 2) && *day >= 1 && *day <= 31;
}

std::string FrenchDate(std::string_view s, size_t pos, size_t* end) {
  size_t i = 0;
  uint32_t day = 0, year = 0;
  if (!ReadDay(s, pos, &i, &day, false)) return "";
  if (day == 1 && !Skip(s, &i, "er")) Skip(s, &i, "ER");
  if (!Skip(s, &i, " ")) return "";
  const uint32_t month = ReadMonth(s, &i, kFrMonths);
  if (month == 0 || !Skip(s, &i, " ") || !ReadNumber(s, &i, &year, 4)) return "";
  *end = i;
  return Iso(year, month, day);
}

std::string SpanishDate(std::string_view s, size_t pos, size_t* end) {
  size_t i = 0;
  uint32_t day = 0, year = 0;
  if (!ReadDay(s, pos, &i, &day, false)) return "";
  if (!Skip(s, &i, "\xC2\xB0")) Skip(s, &i, "\xC2\xBA");  // 1° / 1º
  if (!Skip(s, &i, " de ")) return "";
  const uint32_t month = ReadMonth(s, &i, kEsMonths);
  if (month == 0) {
    size_t j = i;
    if (ReadMonth(s, &j, std::array<std::string_view, 1>{"setiembre"}) == 0) return "";
    i = j;
    if (!Skip(s, &i, " de ") || !ReadNumber(s, &i, &year, 4)) return "";
    *end = i;
    return Iso(year, 9, day);
  }
  if (!Skip(s, &i, " de ") || !ReadNumber(s, &i, &year, 4)) return "";
  *end = i;
  return Iso(year, month, day);
}

std::string RussianDate(std::string_view s, size_t pos, size_t* end) {
  size_t i = 0;
  uint32_t day = 0, year = 0;
  if (!ReadDay(s, pos, &i, &day, false) || !Skip(s, &i, " ")) return "";
  const uint32_t month = ReadMonth(s, &i, kRuMonths);
  if (month == 0 || !Skip(s, &i, " ") || !ReadNumber(s, &i, &year, 4)) return "";
  size_t j = i;
  if (Skip(s, &j, " года") || Skip(s, &j, " г.")) i = j;
  *end = i;
  return Iso(year, month, day);
}

// "1993年12月16日" (the 日 is sometimes missing: "1995年3月21").
std::string ChineseDate(std::string_view s, size_t pos, size_t* end) {
  const uint32_t before = CodePointBefore(s, pos);
  if (before != 0 && before < 0x80 && IsAsciiAlnum(char(before))) return "";
  size_t i = pos;
  uint32_t year = 0, month = 0, day = 0;
  if (!ReadNumber(s, &i, &year, 4) || !Skip(s, &i, "年")) return "";
  Skip(s, &i, " ");
  if (!ReadNumber(s, &i, &month, 2) || !Skip(s, &i, "月")) return "";
  Skip(s, &i, " ");
  if (!ReadNumber(s, &i, &day, 2)) return "";
  Skip(s, &i, "日");
  *end = i;
  return Iso(year, month, day);
}

std::string ArabicDate(std::string_view s, size_t pos, size_t* end) {
  size_t i = 0;
  uint32_t day = 0, year = 0;
  if (!ReadDay(s, pos, &i, &day, false) || !Skip(s, &i, " ")) return "";
  uint32_t month = ReadMonth(s, &i, kArLevantine);
  if (month != 0) {
    size_t j = i;
    while (Skip(s, &j, " ")) {
    }
    if (Skip(s, &j, "/")) {
      while (Skip(s, &j, " ")) {
      }
      const uint32_t second = ReadMonth(s, &j, kArEgyptian);
      if (second == month) i = j;
    }
  } else {
    month = ReadMonth(s, &i, kArEgyptian);
  }
  if (month == 0 || !Skip(s, &i, " ") || !ReadNumber(s, &i, &year, 4)) return "";
  *end = i;
  return Iso(year, month, day);
}

}  // namespace

std::string ParseDateAtLang(std::string_view s, size_t pos, size_t* end, Lang lang) {
  size_t e = 0;
  std::string d = ParseDateAt(s, pos, &e);
  if (d.empty()) {
    switch (lang) {
      case Lang::kFr: d = FrenchDate(s, pos, &e); break;
      case Lang::kEs: d = SpanishDate(s, pos, &e); break;
      case Lang::kRu: d = RussianDate(s, pos, &e); break;
      case Lang::kZh: d = ChineseDate(s, pos, &e); break;
      case Lang::kAr: d = ArabicDate(s, pos, &e); break;
      case Lang::kEn:
      case Lang::kUnknown: break;
    }
  }
  if (!d.empty() && end) *end = e;
  return d;
}

std::string FindDateLang(std::string_view s, Lang lang, size_t from, size_t* at) {
  for (size_t i = from; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    // Dates start with a digit (ASCII, or Arabic-Indic: 0xD9 0xA0-0xA9).
    if (!IsAsciiDigit(char(c)) && !(c == 0xD9 && i + 1 < s.size() &&
                                    (static_cast<unsigned char>(s[i + 1]) & 0xF0) == 0xA0)) {
      continue;
    }
    size_t end = 0;
    std::string d = ParseDateAtLang(s, i, &end, lang);
    if (!d.empty()) {
      if (at) *at = i;
      return d;
    }
  }
  return "";
}

bool IsDateLine(std::string_view t, Lang lang) {
  t = Trim(t);
  size_t end = 0;
  if (t.empty() || ParseDateAtLang(t, 0, &end, lang).empty()) return false;
  std::string_view rest = Trim(t.substr(end));
  return rest.empty() || rest == "." || rest == "," || rest == "года" || rest == "года.";
}

}  // namespace recital::ingest

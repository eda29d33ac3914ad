// Citations of earlier resolutions in the other five languages (English: citations.cc):
//   fr  "ses résolutions 54/148 et 54/149 du 17 décembre 1999"
//   es  "su resolución 47/135, de 18 de diciembre de 1992"
//   ru  "резолюции 48/84 В от 16 декабря 1993 года, 50/80 В от 12 декабря 1995 года"
//   ar  "قراريها 57/301 المؤرخ 13 آذار/مارس 2003 و 73/299 المؤرخ 14 حزيران/ يونيه 2019"
//   zh  "1991年12月9日第46/62号、1993年12月16日第48/84 B号和1995年12月12日第50/80 B号决议"
#include <array>
#include <string>

#include "ingest/lang_internal.h"
#include "schema/symbol.h"

namespace recital::ingest {
namespace {

bool Skip(std::string_view s, size_t* i, std::string_view what) {
  if (!s.substr(*i).starts_with(what)) return false;
  *i += what.size();
  return true;
}

// A resolution number at s[*i] ("47/135", "2625 (XXV)", "377 A (V)" is not read: the part
// letter before a Roman session is rare outside old resolutions), not glued to a number.
bool ReadCited(std::string_view s, size_t* i, std::string* symbol) {
  if (*i > 0 && (IsAsciiDigit(s[*i - 1]) || s[*i - 1] == '/')) return false;
  auto found = ReadResolutionSymbol(s, *i, SymbolForm::kShort);
  if (!found || found->symbol.kind == SymbolKind::kEmergencyResolution) return false;
  if (found->symbol.kind == SymbolKind::kResolution && found->symbol.session > 200) return false;
  if (found->end < s.size() && IsAsciiDigit(s[found->end])) return false;
  *symbol = found->symbol.ToString();
  *i = found->end;
  // Parts: "48/84 B", "56/64 B" (Cyrillic В is read as B: the text was latinized).
  while (*i + 2 <= s.size() && s[*i] == ' ' && IsAsciiUpper(s[*i + 1]) &&
         (*i + 2 == s.size() || !IsAsciiAlpha(s[*i + 2]))) {
    *i += 2;
  }
  return true;
}

// The date that follows a cited number ("du 18 décembre 1992", ", de 18 de diciembre de 1992",
// "от 3 декабря 2004 года", "المؤرخ 13 آذار/مارس 2003").
std::string DateAfter(std::string_view s, size_t* i, Lang lang) {
  static constexpr std::array<std::string_view, 9> kBefore = {
      " en date du ", " du ", ", de ", " de ", " от ", " المؤرخ ", " المؤرخة ", " المؤرخين ", " المؤرخان "};
  for (std::string_view b : kBefore) {
    size_t j = *i;
    if (!Skip(s, &j, b)) continue;
    size_t end = 0;
    const std::string d = ParseDateAtLang(s, j, &end, lang);
    if (!d.empty()) {
      *i = end;
      return d;
    }
  }
  return "";
}

bool SkipSeparator(std::string_view s, size_t* i) {
  static constexpr std::array<std::string_view, 13> kSeparators = {
      ", ainsi que ", " ainsi que ", ", así como ", " así como ", ", а также ", " а также ", ", et ", " et ",
      ", y ", " y ", " и ", "، ", ", "};
  for (std::string_view sep : kSeparators) {
    if (Skip(s, i, sep)) return true;
  }
  if (Skip(s, i, " و ") || Skip(s, i, " و")) return true;  // Arabic "و" is written on the next word
  return false;
}

// Moves *i past a list item that is no resolution number we read ("2480 B (XXIII) du 21
// décembre 1968", "2 (I)") to the separator after it; false when none follows soon.
bool SkipItem(std::string_view s, size_t* i) {
  const size_t limit = std::min(s.size(), *i + 80);
  for (size_t j = *i; j < limit; ++j) {
    size_t k = j;
    if (SkipSeparator(s, &k) && k < s.size() && IsAsciiDigit(s[k])) {
      *i = j;
      return true;
    }
  }
  return false;
}

void ScanList(std::string_view s, size_t i, Lang lang, std::vector<Citation>* out) {
  std::vector<Citation> list;
  for (;;) {
    Citation c;
    if (ReadCited(s, &i, &c.symbol)) {
      c.date = DateAfter(s, &i, lang);
      list.push_back(c);
    } else if (!SkipItem(s, &i)) {
      break;
    }
    const size_t before = i;
    if (!SkipSeparator(s, &i)) break;
    if (i < s.size() && !IsAsciiDigit(s[i])) {
      i = before;
      break;
    }
  }
  // "54/148 et 54/149 du 17 décembre 1999": the date covers the undated ones before it.
  for (size_t k = list.size(); k-- > 1;) {
    if (list[k - 1].date.empty()) list[k - 1].date = list[k].date;
  }
  out->insert(out->end(), list.begin(), list.end());
}

// Chinese: every "第NN/NNN号" of a clause that ends in 决议, with the date just before 第.
void ScanChinese(std::string_view s, std::vector<Citation>* out) {
  for (size_t p = s.find("第"); p != std::string_view::npos; p = s.find("第", p + 3)) {
    size_t i = p + 3;
    Citation c;
    if (!ReadCited(s, &i, &c.symbol)) continue;
    // A part letter glued to the number: "第41/6J号".
    if (i + 1 < s.size() && IsAsciiUpper(s[i]) && !IsAsciiAlpha(s[i + 1])) ++i;
    if (!Skip(s, &i, "号") && !Skip(s, &i, "號")) continue;
    // The clause must name a resolution (决议), not a decision or an article; lists of
    // eighteen dated numbers ("、") come before it.
    const size_t end = std::min(s.size(), i + 2000);
    bool resolution = false;
    for (size_t k = i; k < end;) {
      if (MatchFoldedAt(s, k, "决议") > 0) {
        resolution = true;
        break;
      }
      const uint32_t cp = CodePointAt(s, k);
      if (cp == ',' || cp == 0xFF0C || cp == 0x3002 || cp == ';' || cp == 0xFF1B || MatchFoldedAt(s, k, "决定") > 0) break;
      size_t len = 0;
      CodePointAt(s, k, &len);
      k += len;
    }
    if (!resolution) continue;
    for (size_t b = p > 24 ? p - 24 : 0; b < p; ++b) {
      size_t date_end = 0;
      const std::string d = ParseDateAtLang(s, b, &date_end, Lang::kZh);
      if (!d.empty() && date_end == p) {
        c.date = d;
        break;
      }
    }
    out->push_back(c);
  }
}

}  // namespace

std::vector<Citation> ScanIntlCitations(std::string_view text, Lang lang) {
  std::vector<Citation> out;
  if (lang == Lang::kZh) {
    ScanChinese(text, &out);
    return out;
  }
  const std::string s = LatinizeSymbolLetters(text);
  static constexpr std::array<std::string_view, 5> kKeywords = {"résolution", "resolución", "resoluciones", "резолюци",
                                                                "قرار"};
  for (std::string_view k : kKeywords) {
    for (size_t p = 0;;) {
      size_t len = 0;
      // Stems: "резолюцию", "قراريها" continue after the keyword; find it anywhere.
      size_t at = std::string::npos;
      for (size_t q = p; q < s.size(); ++q) {
        if ((static_cast<unsigned char>(s[q]) & 0xC0) == 0x80) continue;
        len = MatchFoldedAt(s, q, k);
        if (len > 0) {
          at = q;
          break;
        }
      }
      if (at == std::string::npos) break;
      // The first number within a few words ("sa résolution 2625 (XXV)", "قراريها 57/301").
      size_t i = at + len;
      const size_t limit = std::min(s.size(), i + 24);
      while (i < limit && !IsAsciiDigit(s[i])) ++i;
      if (i < limit) ScanList(s, i, lang, &out);
      p = at + len;
    }
  }
  return out;
}

}  // namespace recital::ingest

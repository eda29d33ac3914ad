// Citations of earlier resolutions ("its resolutions 48/113 of 20 December 1993 and
// 49/173", "resolution 2294 (XXII) of 11 December 1967", "45/140 A and B", ECOSOC
// "1995/55") and other document symbols ("A/54/600", "A/51/12/Add.1").
#include <string>

#include "ingest/ingest_internal.h"
#include "ingest/lang_internal.h"
#include "schema/symbol.h"

namespace recital::ingest {
namespace {

enum class Organ { kAssembly, kEcosoc, kOther };

Organ OrganBefore(std::string_view s, size_t p) {
  const std::string_view before = Trim(s.substr(p >= 60 ? p - 60 : 0, p >= 60 ? 60 : p));
  if (before.ends_with("Economic and Social Council")) return Organ::kEcosoc;
  if (before.ends_with("General Assembly") || before.ends_with("Assembly")) return Organ::kAssembly;
  size_t b = before.size();
  while (b > 0 && before[b - 1] != ' ') --b;
  const std::string_view word = before.substr(b);
  if (!word.empty() && IsAsciiUpper(word[0])) return Organ::kOther;  // "Security Council", "Rights"
  return Organ::kAssembly;
}

// One resolution number at s[*i]; fills symbol, advances *i.
bool ReadResolution(std::string_view s, size_t* i, Organ organ, std::string* symbol) {
  size_t k = *i;
  uint32_t a = 0, b = 0;
  if (!ReadUint(s, &k, &a, 4) || a == 0) return false;
  // ECOSOC numbers its resolutions by year ("1995/55") and is not in the Assembly's grammar.
  const bool ecosoc = organ == Organ::kEcosoc;
  if (k < s.size() && s[k] == '/') {
    ++k;
    if (!ReadUint(s, &k, &b, 5) || b == 0) return false;
    if (organ == Organ::kAssembly && a > 200) return false;
    *symbol = ecosoc ? "E/RES/" + std::to_string(a) + "/" + std::to_string(b)
                     : ResolutionSymbol(a, b).ToString();
    *i = k;
    return true;
  }
  // "2294 (XXII)", "538 B (VI)"
  size_t j = k;
  if (j + 2 < s.size() && s[j] == ' ' && IsAsciiUpper(s[j + 1]) && s[j + 2] == ' ') j += 2;
  if (j + 2 >= s.size() || s[j] != ' ' || s[j + 1] != '(') return false;
  size_t e = j + 2;
  while (e < s.size() && IsRomanNumeralChar(s[e])) ++e;
  if (e == j + 2 || e >= s.size() || s[e] != ')') return false;
  const std::string_view roman = s.substr(j + 2, e - j - 2);
  const uint32_t session = RomanToInt(roman);
  if (session == 0) return false;
  *symbol = ecosoc ? "E/RES/" + std::to_string(a) + "(" + std::string(roman) + ")"
                   : OldResolutionSymbol(a, session).ToString();
  *i = e + 1;
  return true;
}

bool Consume(std::string_view s, size_t* i, std::string_view token) {
  if (!s.substr(*i).starts_with(token)) return false;
  *i += token.size();
  return true;
}

void AddCitation(Resolution* r, const Citation& c) {
  if (c.symbol == r->symbol) return;
  for (Citation& x : r->citations) {
    if (x.symbol == c.symbol) {
      if (x.date.empty()) x.date = c.date;
      return;
    }
  }
  r->citations.push_back(c);
}

void ScanCitations(std::string_view s, Resolution* r) {
  for (size_t p = s.find("resolution"); p != std::string_view::npos; p = s.find("resolution", p + 1)) {
    if (p > 0 && IsAsciiAlpha(s[p - 1])) continue;
    const Organ organ = OrganBefore(s, p);
    size_t i = p + 10;
    if (i < s.size() && s[i] == 's') ++i;
    if (organ == Organ::kOther || !Consume(s, &i, " ")) continue;
    std::vector<Citation> list;
    for (;;) {
      Citation c;
      if (!ReadResolution(s, &i, organ, &c.symbol)) break;
      // Parts: "45/140 A and B", "35/41 A to C".
      while (i + 2 <= s.size() && s[i] == ' ' && IsAsciiUpper(s[i + 1]) &&
             (i + 2 == s.size() || !IsAsciiAlpha(s[i + 2]))) {
        i += 2;
        if (s.substr(i).starts_with(" and ") && i + 6 <= s.size() && IsAsciiUpper(s[i + 5]) &&
            (i + 6 == s.size() || !IsAsciiAlpha(s[i + 6]))) {
          i += 6;
        }
      }
      if (Consume(s, &i, " of ")) {
        size_t end = 0;
        c.date = ParseDateAt(s, i, &end);
        if (!c.date.empty()) i = end;
      }
      list.push_back(c);
      if (Consume(s, &i, ", and, in particular, ") || Consume(s, &i, " and, in particular, ") ||
          Consume(s, &i, ", in particular, ") || Consume(s, &i, ", as well as ") ||
          Consume(s, &i, " as well as ") || Consume(s, &i, ", and ") || Consume(s, &i, " and ") ||
          Consume(s, &i, ", ")) {
        continue;
      }
      break;
    }
    // "resolutions 32/67 and 32/70 of 8 December 1977": the date covers the undated ones before.
    for (size_t k = list.size(); k-- > 1;) {
      if (list[k - 1].date.empty()) list[k - 1].date = list[k].date;
    }
    for (const Citation& c : list) AddCitation(r, c);
  }
}

void ScanDocuments(std::string_view s, Resolution* r) {
  for (size_t p = 0; p + 3 < s.size(); ++p) {
    const char c = s[p];
    if ((c != 'A' && c != 'E' && c != 'S') || s[p + 1] != '/' || (p > 0 && (IsAsciiAlpha(s[p - 1]) || IsAsciiDigit(s[p - 1]) || s[p - 1] == '/'))) {
      continue;
    }
    size_t e = p + 2;
    while (e < s.size() && (IsAsciiAlpha(s[e]) || IsAsciiDigit(s[e]) || s[e] == '/' || s[e] == '.' || s[e] == '-')) ++e;
    while (e > p && (s[e - 1] == '.' || s[e - 1] == '/' || s[e - 1] == '-')) --e;
    const std::string_view sym = s.substr(p, e - p);
    bool digit = false;
    for (char x : sym) digit |= IsAsciiDigit(x);
    if (!digit || sym.size() < 5 || sym.starts_with("A/RES/") || sym.starts_with("E/RES/") || sym.starts_with("S/RES/")) {
      p = e;
      continue;
    }
    bool seen = false;
    for (const std::string& d : r->documents) seen |= d == sym;
    if (!seen) r->documents.emplace_back(sym);
    p = e;
  }
}

}  // namespace

void ExtractCitations(Resolution* r, Lang lang) {
  std::vector<std::string> texts;
  for (const auto* list : {&r->preamble, &r->operative}) {
    for (const Paragraph& p : *list) {
      texts.push_back(p.text);
      for (const SubParagraph& s : p.subparagraphs) texts.push_back(s.text);
    }
  }
  if (!UsesEnglishRules(lang)) {
    for (const std::string& t : texts) {
      for (const Citation& c : ScanIntlCitations(t, lang)) AddCitation(r, c);
    }
    // Symbols typed with Cyrillic look-alike letters ("А/56/530") are read in Latin.
    if (lang == Lang::kRu) {
      for (std::string& t : texts) t = LatinizeSymbolLetters(t);
    }
  }
  for (const std::string& t : texts) ScanCitations(t, r);
  std::vector<std::string> docs_before = r->documents;
  r->documents.clear();
  if (!r->report.empty()) r->documents.push_back(r->report);
  for (const std::string& d : docs_before) ScanDocuments(d, r);
  for (const std::string& t : texts) ScanDocuments(t, r);
  for (const Footnote& f : r->footnotes) ScanDocuments(f.text, r);
}

}  // namespace recital::ingest

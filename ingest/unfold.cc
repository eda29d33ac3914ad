// Texts collapsed onto a few long lines (web copies of PDFs) carry their structure inline.
// UnfoldLongLines cuts such lines where the structure is unambiguous, so the line-based
// stages after it see one paragraph start per line.
#include <algorithm>
#include <string>

#include "ingest/ingest_internal.h"
#include "ingest/lang_internal.h"

namespace recital::ingest {
namespace {

bool EndsParagraphChar(char c) { return c == ',' || c == ';' || c == ':' || c == '.'; }

// Position just before an optional footnote marker ("3", "[3]", "3/") that ends at end,
// so "Rights, 2 Reaffirming" still counts as ", " before the lead.
size_t SkipMarkerBackwards(std::string_view s, size_t end) {
  size_t i = end;
  while (i > 0 && s[i - 1] == ' ') --i;
  size_t j = i;
  if (j > 0 && (s[j - 1] == ']' || s[j - 1] == '/')) --j;
  const size_t digits_end = j;
  while (j > 0 && IsAsciiDigit(s[j - 1])) --j;
  if (digits_end - j == 0 || digits_end - j > 2) return i;
  if (j > 0 && s[j - 1] == '[') --j;
  while (j > 0 && s[j - 1] == ' ') --j;
  return j;
}

bool PrecededByParagraphEnd(std::string_view s, size_t p) {
  size_t i = p;
  while (i > 0 && s[i - 1] == ' ') --i;
  if (i > 0 && EndsParagraphChar(s[i - 1])) return true;
  const size_t j = SkipMarkerBackwards(s, p);
  if (j > 0 && EndsParagraphChar(s[j - 1])) return true;
  // Glued markers: "Refugees;2 2. Notes".
  size_t k = i;
  while (k > 0 && IsAsciiDigit(s[k - 1]) && i - k < 2) --k;
  return k < i && k > 0 && EndsParagraphChar(s[k - 1]);
}

bool NumberedParagraphAt(std::string_view s, size_t p) {
  size_t i = p;
  uint32_t n = 0;
  if (!ReadUint(s, &i, &n, 3) || n == 0 || i + 2 >= s.size()) return false;
  return s[i] == '.' && s[i + 1] == ' ' && IsAsciiUpper(s[i + 2]);
}

bool SubParagraphAt(std::string_view s, size_t p) {
  if (p + 3 >= s.size() || s[p] != '(') return false;
  size_t i = p + 1;
  while (i < s.size() && i - p <= 5 && IsAsciiLower(s[i])) ++i;
  return i > p + 1 && i + 1 < s.size() && s[i] == ')' && s[i + 1] == ' ';
}

// Leading running header "A/RES/55/74" or "A/RES/51/71 Page 2"; its length or 0.
size_t RunningSymbolPrefix(std::string_view s) {
  if (!s.starts_with("A/RES/")) return 0;
  const SymbolMatch m = FindResolutionSymbol(s);
  if (m.pos != 0) return 0;
  size_t e = 6;
  while (e < s.size() && s[e] != ' ') ++e;
  size_t after = e;
  while (after < s.size() && s[after] == ' ') ++after;
  if (s.substr(after).starts_with("Page ")) {
    size_t i = after + 5;
    uint32_t n = 0;
    if (ReadUint(s, &i, &n, 3)) e = i;
  }
  return e;
}

// Other languages: "12. Text" whose text starts with a capital of any script, a Han or an
// Arabic letter; Arabic also "12 - Text".
bool IntlNumberedParagraphAt(std::string_view s, size_t p) {
  size_t i = p;
  uint32_t n = 0;
  if (!ReadUint(s, &i, &n, 3) || n == 0 || i + 2 >= s.size()) return false;
  size_t at = 0;
  if (s[i] == '.' && s[i + 1] == ' ') {
    at = i + 2;
  } else if (s.substr(i).starts_with(" - ")) {
    at = i + 3;
  } else {
    return false;
  }
  const uint32_t cp = CodePointAt(s, at);
  return IsUpperLetter(cp) || IsHan(cp) || IsArabicLetter(cp);
}

// PrecededByParagraphEnd with the Arabic comma and semicolon and the full-width forms.
bool IntlPrecededByParagraphEnd(std::string_view s, size_t p) {
  if (PrecededByParagraphEnd(s, p)) return true;
  size_t i = p;
  while (i > 0 && s[i - 1] == ' ') --i;
  const size_t j = SkipMarkerBackwards(s, p);
  return EndsWithParagraphPunctuation(s.substr(0, i)) || EndsWithParagraphPunctuation(s.substr(0, j));
}

// A part heading of the operative part ("I", "II", "A", "B"): a Roman numeral or one capital.
bool IsPartHeading(std::string_view t) {
  t = Trim(t);
  if (t.empty() || t.size() > 4) return false;
  if (t.size() == 1) return IsAsciiUpper(t[0]);
  return t.find_first_not_of("IVX") == std::string_view::npos;
}

// The start of a part heading between a paragraph end and the numbered paragraph at p
// ("2001, I 1. Prend acte"), else npos.
size_t HeadingBefore(std::string_view s, size_t p) {
  size_t e = p;
  while (e > 0 && s[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && s[b - 1] != ' ') --b;
  if (b == 0 || b == e || !IsPartHeading(s.substr(b, e - b)) || !IntlPrecededByParagraphEnd(s, b)) {
    return std::string_view::npos;
  }
  return b;
}

// The enacting formula inside a line, as a paragraph start: capitalised (the formula at the end
// of "Resolución aprobada por la Asamblea General" is not one) and followed by its comma or an
// operative lead; Chinese "大会," / "大会，".
bool IsIntlOpeningAt(std::string_view at, Lang lang) {
  if (lang == Lang::kZh) return at.starts_with("大会,") || at.starts_with("大会，");
  const size_t n = IntlOpeningLength(at, lang);
  if (n == 0 || n == Trim(at).size()) return false;
  const uint32_t cp = CodePointAt(at, 0);
  return IsUpperLetter(cp) || IsArabicLetter(cp);
}

// CutPoints of a line in a language other than English: before the enacting formula,
// numbered paragraphs, "(a)" after : or ;, and known lead phrases after a paragraph end
// (capitalised ones only where lower-case leads also occur inside paragraphs).
std::vector<size_t> IntlCutPoints(std::string_view s, Lang lang) {
  std::vector<size_t> cuts;
  size_t begin = 0;
  while (begin < s.size() && s[begin] == ' ') ++begin;
  const size_t sym = RunningSymbolPrefix(s.substr(begin));
  if (sym > 0 && begin + sym < s.size()) cuts.push_back(begin + sym);
  for (size_t p = begin + 1; p < s.size(); ++p) {
    if (s[p - 1] != ' ' || s[p] == ' ') continue;
    const std::string_view at = s.substr(p);
    const uint32_t cp = CodePointAt(s, p);
    if (IsIntlOpeningAt(at, lang) && !s.substr(0, p).ends_with("إن ")) {  // "إن الجمعية العامة،" is one formula
      cuts.push_back(p);
    } else if (s[p] == '_' && at.starts_with("_____")) {
      cuts.push_back(p);
    } else if (IsAsciiDigit(s[p]) && IntlNumberedParagraphAt(s, p)) {
      const size_t heading = HeadingBefore(s, p);
      if (heading != std::string_view::npos) {
        cuts.push_back(heading);  // "..., I 1. Prend acte": the heading becomes a line of its own
        cuts.push_back(p);
      } else if (IntlPrecededByParagraphEnd(s, p)) {
        cuts.push_back(p);
      }
    } else if (s[p] == '(' && SubParagraphAt(s, p) && p >= 2 && (s[p - 2] == ':' || s[p - 2] == ';')) {
      cuts.push_back(p);
    } else if (lang != Lang::kZh && (IsUpperLetter(cp) || lang == Lang::kAr) && IntlPrecededByParagraphEnd(s, p)) {
      const size_t j = SkipMarkerBackwards(s, p);
      size_t i = p;
      while (i > 0 && s[i - 1] == ' ') --i;
      const std::string_view before = s.substr(0, j > 0 ? j : i);
      const bool after_comma = before.ends_with(",") || before.ends_with(";") || before.ends_with("،") ||
                               before.ends_with("؛") || s.substr(0, i).ends_with(",") || s.substr(0, i).ends_with(";") ||
                               s.substr(0, i).ends_with("،") || s.substr(0, i).ends_with("؛");
      if (after_comma && MatchKnownLeadLang(at, lang).kind != LeadKind::kNone) cuts.push_back(p);
    }
    if (p >= 6 && s[p - 2] == '_' && s[p - 6] == '_') cuts.push_back(p);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

std::vector<size_t> CutPoints(std::string_view s) {
  std::vector<size_t> cuts;
  size_t begin = 0;
  while (begin < s.size() && s[begin] == ' ') ++begin;
  const size_t sym = RunningSymbolPrefix(s.substr(begin));
  if (sym > 0 && begin + sym < s.size()) {
    cuts.push_back(begin + sym);
    size_t rest = begin + sym;
    while (rest < s.size() && s[rest] == ' ') ++rest;
    // A running title before the first paragraph: "A/RES/67/150 Assistance ... Recognizing".
    const std::string_view tail = s.substr(rest);
    if (MatchKnownLead(tail).kind == LeadKind::kNone && !NumberedParagraphAt(s, rest)) {
      for (size_t p = rest + 1; p < s.size() && p < rest + 300; ++p) {
        if (s[p - 1] != ' ' || !IsAsciiUpper(s[p])) continue;
        if (MatchKnownLead(s.substr(p)).kind == LeadKind::kNone) continue;
        if (!PrecededByParagraphEnd(s, p)) cuts.push_back(p);
        break;
      }
    }
  }
  for (size_t p = begin + 1; p < s.size(); ++p) {
    if (s[p - 1] != ' ') continue;
    const std::string_view at = s.substr(p);
    if ((s[p] == 'T' && at.starts_with("The General Assembly,")) || (s[p] == '_' && at.starts_with("_____"))) {
      cuts.push_back(p);
    } else if (IsAsciiDigit(s[p]) && NumberedParagraphAt(s, p) && PrecededByParagraphEnd(s, p)) {
      cuts.push_back(p);
    } else if (s[p] == '(' && SubParagraphAt(s, p) && p >= 2 && (s[p - 2] == ':' || s[p - 2] == ';')) {
      cuts.push_back(p);
    } else if (IsAsciiUpper(s[p]) && PrecededByParagraphEnd(s, p)) {
      const size_t j = SkipMarkerBackwards(s, p);
      size_t i = p;
      while (i > 0 && s[i - 1] == ' ') --i;
      const char before = j > 0 ? s[j - 1] : (i > 0 ? s[i - 1] : ' ');
      const char direct = i > 0 ? s[i - 1] : ' ';
      if ((before == ',' || before == ';' || direct == ',' || direct == ';') &&
          MatchKnownLead(at).kind != LeadKind::kNone) {
        cuts.push_back(p);
      }
    }
    // After a footnote rule the block continues on its own line.
    if (s[p - 1] == ' ' && p >= 6 && s[p - 2] == '_' && s[p - 6] == '_') cuts.push_back(p);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

}  // namespace

std::vector<std::string> UnfoldLongLines(std::vector<std::string> lines, std::vector<bool>* settled, Lang lang) {
  std::vector<std::string> out;
  std::vector<bool> out_settled;
  out.reserve(lines.size());
  out_settled.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string& line = lines[i];
    const std::vector<size_t> cuts = UsesEnglishRules(lang) ? CutPoints(line) : IntlCutPoints(line, lang);
    if (cuts.empty()) {
      out.push_back(std::move(line));
      out_settled.push_back(settled != nullptr && i < settled->size() && (*settled)[i]);
      continue;
    }
    size_t prev = 0;
    for (size_t c : cuts) {
      if (c <= prev) continue;
      std::string piece = line.substr(prev, c - prev);
      while (!piece.empty() && piece.back() == ' ') piece.pop_back();
      // Part headings inside the text are not kept (as in English texts, where they stand on
      // lines of their own and are not paragraphs).
      if (!Trim(piece).empty() && !(!UsesEnglishRules(lang) && IsPartHeading(piece))) out.push_back(std::move(piece));
      prev = c;
    }
    out.push_back(line.substr(prev));
    out_settled.resize(out.size(), false);
  }
  if (settled != nullptr) *settled = std::move(out_settled);
  return out;
}

}  // namespace recital::ingest

// Technical tokens: what every session's rollover changes without changing substance.
//
// A technical token is a resolution or document symbol (38/121, A/RES/38/121, A/54/600,
// A/C.3/54/L.5, 2040 (XX)), a date or part of one (16 December 1983, December 1983, 1983), a
// session ordinal (fifty-fourth, 54th, first session) or a number in a reference (para. 7,
// No. 12). A technical span is a maximal run of technical tokens and the connectors that join
// them in a list (",", "and", "of", "-", "/", "(", ")"), beginning and ending with a technical
// token: "38/121 of 16 December 1983 and 39/140 of 14 December 1984" is one span, so a recall
// chain that grows by one resolution stays one span. Spans are what pairing neutralises and
// what a technical change may touch.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "diff/internal.h"
#include "schema/strings.h"
#include "schema/symbol.h"

namespace recital::diff_internal {
namespace {

bool IsRoman(std::string_view s) {
  if (s.empty() || s.size() > 8) return false;
  for (char c : s)
    if (!IsRomanNumeralChar(c)) return false;
  return true;
}
// t == std::string_view(&c, 1), without a call to memcmp: asked several times of every token.
inline bool IsChar(std::string_view t, char c) { return t.size() == 1 && t[0] == c; }

// AllAsciiDigits, inlined: asked of nearly every token.
inline bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsAsciiDigit(c)) return false;
  return true;
}
bool HasDigit(std::string_view s) {
  for (char c : s)
    if (IsAsciiDigit(c)) return true;
  return false;
}

// A list of lower-case words with, for each word size, one bit per first letter: checked for
// nearly every token of every paragraph a diff prepares, and one table look-up rules out almost
// every word before any comparison.
template <size_t N>
struct WordList {
  std::array<std::string_view, N> words;
  std::array<uint32_t, 16> first_letters{};  // by word size: bit (letter - 'a')

  constexpr explicit WordList(std::array<std::string_view, N> list) : words(list) {
    for (std::string_view w : words) first_letters[w.size()] |= uint32_t{1} << (w[0] - 'a');
  }
  bool Contains(std::string_view word) const {
    if (word.empty() || word.size() >= first_letters.size()) return false;
    const char first = AsciiLower(word[0]);
    if (first < 'a' || first > 'z' || ((first_letters[word.size()] >> (first - 'a')) & 1u) == 0)
      return false;
    for (std::string_view w : words)
      if (w.size() == word.size() && w[0] == first && EqualsNoCase(word, w)) return true;
    return false;
  }
};

template <size_t N>
bool InList(std::string_view word, const WordList<N>& list) {
  return list.Contains(word);
}

constexpr WordList<12> kMonths({"january", "february", "march",     "april",   "may",      "june",
                                "july",    "august",   "september", "october", "november", "december"});
// Ordinals that only ever count sessions, anniversaries, decades, reports in resolutions.
constexpr WordList<26> kOrdinals({
    "fourth",     "fifth",      "sixth",     "seventh",    "eighth",     "ninth",
    "tenth",      "eleventh",   "twelfth",   "thirteenth", "fourteenth", "fifteenth",
    "sixteenth",  "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth",
    "fortieth",   "fiftieth",   "sixtieth",  "seventieth", "eightieth",  "ninetieth",
    "hundredth",  "thousandth"});
constexpr WordList<3> kLowOrdinals({"first", "second", "third"});
constexpr WordList<8> kTens({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                             "ninety"});
constexpr WordList<2> kSessionWords({"session", "sessions"});

bool IsMonth(std::string_view w) { return InList(w, kMonths); }
bool IsYear(std::string_view w) {
  if (w.size() != 4 || !AllDigits(w)) return false;
  return (w[0] == '1' && w[1] == '9') || (w[0] == '2' && w[1] == '0');
}
bool IsDay(std::string_view w) {
  if (w.empty() || w.size() > 2 || !AllDigits(w)) return false;
  const int d = w.size() == 1 ? w[0] - '0' : (w[0] - '0') * 10 + (w[1] - '0');
  return d >= 1 && d <= 31;
}
// "54th", "1st", "22nd", "3rd"
bool IsNumericOrdinal(std::string_view w) {
  size_t i = 0;
  while (i < w.size() && IsAsciiDigit(w[i])) ++i;
  if (i == 0 || i == w.size()) return false;
  std::string_view suffix = w.substr(i);
  return EqualsNoCase(suffix, "th") || EqualsNoCase(suffix, "st") || EqualsNoCase(suffix, "nd") ||
         EqualsNoCase(suffix, "rd");
}

}  // namespace

std::vector<TechToken> TechnicalTokens(std::string_view text) {
  std::vector<TechToken> toks;
  TechnicalTokensInto(text, &toks);
  return toks;
}

void TechnicalTokensInto(std::string_view text, std::vector<TechToken>* out) {
  std::vector<TechToken>& toks = *out;
  toks.clear();
  toks.reserve(text.size() / 4 + 16);  // about one token per word: rarely grows
  std::vector<WordPiece> pieces;
  bool space_before = false;
  for (size_t i = 0; i < text.size();) {
    if (IsAsciiSpace(text[i])) {
      space_before = true;
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool ascii = static_cast<unsigned char>(text[i]) < 0x80;
    if (IsWordByte(text[i])) {
      for (; j < text.size() && IsWordByte(text[j]); ++j) {
        if (static_cast<unsigned char>(text[j]) >= 0x80) ascii = false;
      }
    }
    if (IsWordByte(text[i]) && !ascii) {  // maybe Chinese, or punctuation of another script glued on
      pieces.clear();
      AppendWordRun(text.substr(i, j - i), &pieces);
      for (const WordPiece& p : pieces) {
        TechToken t;
        t.text = p.text;
        t.word = p.word;
        t.space_before = space_before;
        toks.push_back(t);
        space_before = false;
      }
      i = j;
      continue;
    }
    TechToken t;
    t.text = text.substr(i, j - i);
    t.word = IsWordByte(text[i]);
    t.space_before = space_before;
    toks.push_back(t);
    space_before = false;
    i = j;
  }
  const size_t n = toks.size();
  auto text_at = [&](size_t k) -> std::string_view { return k < n ? toks[k].text : ""; };
  auto joined = [&](size_t k) { return k < n && !toks[k].space_before; };
  auto mark = [&](size_t from, size_t to) {
    for (size_t k = from; k < to && k < n; ++k) toks[k].technical = true;
  };
  for (size_t k = 0; k < n; ++k) {
    if (toks[k].technical) continue;
    std::string_view w = toks[k].text;
    // A symbol: components joined by "/" with no space around, one of them holding a digit
    // ("38/121", "A/RES/38/121", "A/C.3/54/L.5", "A/54/600/Add.1"); components may hold
    // "." or "-" between word pieces ("C.3", "ES-11").
    if (toks[k].word) {
      size_t end = k + 1;
      bool slash = false, digit = HasDigit(w);
      while (end + 1 < n && joined(end) && joined(end + 1) && toks[end + 1].word &&
             (IsChar(text_at(end), '/') || IsChar(text_at(end), '.') ||
              IsChar(text_at(end), '-'))) {
        if (IsChar(text_at(end), '/')) slash = true;
        digit = digit || HasDigit(text_at(end + 1));
        end += 2;
      }
      if (slash && digit) {
        mark(k, end);
        k = end - 1;
        continue;
      }
    }
    // "2040 (XX)", "1284(XIII)": a resolution number of the first thirty sessions.
    if (AllDigits(w) && IsChar(text_at(k + 1), '(') && IsRoman(text_at(k + 2)) &&
        IsChar(text_at(k + 3), ')')) {
      mark(k, k + 4);
      k += 3;
      continue;
    }
    if (IsMonth(w) || IsYear(w) || IsNumericOrdinal(w) || InList(w, kOrdinals)) {
      toks[k].technical = true;
      continue;
    }
    // "fifty-fourth": tens, "-", an ordinal, written together.
    if (InList(w, kTens) && IsChar(text_at(k + 1), '-') && joined(k + 1) && joined(k + 2) &&
        (InList(text_at(k + 2), kOrdinals) || InList(text_at(k + 2), kLowOrdinals))) {
      mark(k, k + 3);
      k += 2;
      continue;
    }
    if (InList(w, kLowOrdinals) && InList(text_at(k + 1), kSessionWords)) {
      toks[k].technical = true;
      continue;
    }
    // A day before its month ("16 December").
    if (IsDay(w) && IsMonth(text_at(k + 1))) {
      toks[k].technical = true;
      continue;
    }
    // A part letter after a resolution number: "35/41 A and B", "54/237 C".
    if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'H' && k >= 1 &&
        (toks[k - 1].technical ||
         (k >= 2 && (IsChar(text_at(k - 1), ',') || EqualsNoCase(text_at(k - 1), "and")) &&
          toks[k - 2].technical && toks[k - 2].text.size() == 1))) {
      toks[k].technical = true;
      continue;
    }
    // A number in a reference: "para. 7", "paras. 7 and 8", "No. 12", "paragraph 7".
    if (AllDigits(w) && k >= 1) {
      size_t p = IsChar(text_at(k - 1), '.') && k >= 2 ? k - 2 : k - 1;
      std::string_view before = text_at(p);
      if (EqualsNoCase(before, "para") || EqualsNoCase(before, "paras") ||
          EqualsNoCase(before, "no") || EqualsNoCase(before, "nos") ||
          EqualsNoCase(before, "paragraph") || EqualsNoCase(before, "paragraphs") ||
          (k >= 1 && toks[k - 1].technical)) {
        toks[k].technical = true;
        continue;
      }
    }
  }
  // Connectors between two technical tokens join them into one span.
  auto is_connector = [](std::string_view t) {
    return IsChar(t, ',') || IsChar(t, '-') || IsChar(t, '/') || IsChar(t, '(') ||
           IsChar(t, ')') || EqualsNoCase(t, "and") || EqualsNoCase(t, "of") ||
           EqualsNoCase(t, "to") || t == "\xE2\x80\x93";  // en dash
  };
  size_t span = 0;
  for (size_t k = 0; k < n;) {
    if (!toks[k].technical) {
      ++k;
      continue;
    }
    size_t last = k;  // last technical token of the span
    for (size_t next = k + 1;;) {
      while (next < n && !toks[next].technical && is_connector(toks[next].text)) ++next;
      if (next >= n || !toks[next].technical) break;
      last = next++;
    }
    for (size_t m = k; m <= last; ++m) {
      toks[m].in_span = true;
      toks[m].span = span;
    }
    ++span;
    k = last + 1;
  }
}

bool IsCountingWord(std::string_view w) {
  return (!w.empty() && AllDigits(w)) || IsNumericOrdinal(w) || InList(w, kOrdinals) ||
         InList(w, kTens);
}

std::string TechnicalKey(std::string_view text) {
  const std::string folded = FoldTypography(text);
  std::vector<TechToken> toks = TechnicalTokens(folded);
  std::string out;
  for (size_t k = 0; k < toks.size(); ++k) {
    if (toks[k].in_span && k > 0 && toks[k - 1].in_span && toks[k - 1].span == toks[k].span) {
      continue;  // one mark per span
    }
    if (!out.empty()) out += ' ';
    if (toks[k].in_span) {
      out += "\xC2\xA7";  // the section sign stands for the span
      continue;
    }
    // "its resolutions §" and "its resolution §": a chain that grew from one to two.
    std::string_view w = toks[k].text;
    bool before_span = k + 1 < toks.size() && toks[k + 1].in_span;
    if (before_span && (EqualsNoCase(w, "resolutions") || EqualsNoCase(w, "decisions"))) {
      w.remove_suffix(1);
    }
    out += w;
  }
  return out;
}

}  // namespace recital::diff_internal

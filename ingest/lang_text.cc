// Code points and their classes for the scanners of the other five languages (lang_*.cc).
// Letter classes come from utf8proc (already ingest's Unicode library, for NFC).
#include <utf8proc.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/lang_internal.h"

namespace recital::ingest {

uint32_t CodePointAt(std::string_view s, size_t i, size_t* len) {
  if (i >= s.size()) {
    if (len) *len = 0;
    return 0;
  }
  utf8proc_int32_t cp = 0;
  const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                              utf8proc_ssize_t(s.size() - i), &cp);
  if (n <= 0) {
    if (len) *len = 1;
    return 0xFFFD;
  }
  if (len) *len = size_t(n);
  return uint32_t(cp);
}

uint32_t CodePointBefore(std::string_view s, size_t i, size_t* start) {
  if (i == 0 || i > s.size()) {
    if (start) *start = 0;
    return 0;
  }
  size_t b = i - 1;
  while (b > 0 && i - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  size_t len = 0;
  uint32_t cp = CodePointAt(s, b, &len);
  if (b + len != i) {  // a broken sequence: the last byte on its own
    b = i - 1;
    cp = 0xFFFD;
  }
  if (start) *start = b;
  return cp;
}

bool IsHan(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

bool IsArabicLetter(uint32_t cp) {
  return ((cp >= 0x620 && cp <= 0x64A) || (cp >= 0x66E && cp <= 0x6D3) || (cp >= 0x750 && cp <= 0x77F) ||
          (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) &&
         cp != 0x640;  // tatweel is not a letter
}

bool IsCyrillic(uint32_t cp) { return cp >= 0x400 && cp <= 0x4FF; }

bool IsLetter(uint32_t cp) {
  const utf8proc_category_t c = utf8proc_category(utf8proc_int32_t(cp));
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
         c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}

bool IsUpperLetter(uint32_t cp) {
  const utf8proc_category_t c = utf8proc_category(utf8proc_int32_t(cp));
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool IsLowerLetter(uint32_t cp) { return utf8proc_category(utf8proc_int32_t(cp)) == UTF8PROC_CATEGORY_LL; }

uint32_t LowerCodePoint(uint32_t cp) {
  if (cp < 0x80) return uint32_t(AsciiLower(char(cp)));
  return uint32_t(utf8proc_tolower(utf8proc_int32_t(cp)));
}

bool IsWordCodePoint(uint32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(char(cp));
  const utf8proc_category_t c = utf8proc_category(utf8proc_int32_t(cp));
  return IsLetter(cp) || c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_MN ||
         c == UTF8PROC_CATEGORY_MC;
}

bool EndsWithParagraphPunctuation(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return false;
  const char c = s.back();
  if (c == ',' || c == ';' || c == ':' || c == '.') return true;
  const uint32_t cp = CodePointBefore(s, s.size());
  return cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A || cp == 0x3002 || cp == 0x060C || cp == 0x061B ||
         cp == 0xFF0E;
}

std::string LatinizeSymbolLetters(std::string_view s) {
  // Cyrillic capitals that share their glyph with a Latin one, as Russian texts type symbols.
  static constexpr struct {
    uint32_t cyrillic;
    char latin;
  } kLookAlikes[] = {{0x410, 'A'}, {0x412, 'B'}, {0x421, 'C'}, {0x415, 'E'}, {0x41D, 'H'}, {0x41A, 'K'},
                     {0x41C, 'M'}, {0x41E, 'O'}, {0x420, 'P'}, {0x422, 'T'}, {0x425, 'X'}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    const uint32_t cp = CodePointAt(s, i, &len);
    char latin = 0;
    for (const auto& l : kLookAlikes) {
      if (l.cyrillic == cp) latin = l.latin;
    }
    if (latin != 0) {
      out += latin;
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}


namespace {

// Traditional -> Simplified, pairs of characters: only those the cover and lead vocabularies
// (and the words around them) use, so pages in Traditional characters read like the others.
constexpr std::string_view kTraditionalSimplified =
    "會会決决議议屆届項项據据員员過过經经發发顧顾認认識识歡欢強强銘铭記记審审籲吁請请"
    "贊赞揚扬確确關关遺遗還还進进鑒鉴於于慮虑讚赞賞赏勵励譴谴責责佈布準准謝谢體体報报"
    "題题聯联國国將将對对與与為为處处應应嚴严實实現现護护織织動动極极稱称點点無无滿满"
    "義义專专門门別别緊紧盡尽濟济歷历級级監监視视層层興兴務务術术衛卫厲厉協协調调參参"
    "閱阅標标約约條条權权總总長长組组問问劃划執执復复傳传統统單单區区達达選选舉举觀观"
    "測测圍围產产雙双邊边導导憂忧獲获鑑鉴懷怀樂乐歲岁際际屬属紀纪錄录構构廣广驚惊憤愤"
    "歎叹嘆叹響响擔担負负喚唤憲宪類类號号聲声戰战爭争勝胜綜综覽览敘叙說说書书則则戶户"
    "種种該该資资適适證证態态離离難难維维續续蘇苏軍军這这個个們们時时後后從从來来寶宝"
    "頒颁獎奖劑剂療疗險险雜杂隊队團团並并";

struct FoldPair {
  uint32_t from, to;
};

const std::vector<FoldPair>& TraditionalTable() {
  static const std::vector<FoldPair> table = [] {
    std::vector<FoldPair> t;
    for (size_t i = 0; i < kTraditionalSimplified.size();) {
      size_t a = 0, b = 0;
      const uint32_t from = CodePointAt(kTraditionalSimplified, i, &a);
      const uint32_t to = CodePointAt(kTraditionalSimplified, i + a, &b);
      t.push_back({from, to});
      i += a + b;
    }
    std::sort(t.begin(), t.end(), [](const FoldPair& x, const FoldPair& y) { return x.from < y.from; });
    return t;
  }();
  return table;
}

}  // namespace

uint32_t FoldCodePoint(uint32_t cp) {
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x2BC) return '\'';
  if (IsHan(cp)) {
    const auto& t = TraditionalTable();
    auto it = std::lower_bound(t.begin(), t.end(), cp, [](const FoldPair& p, uint32_t c) { return p.from < c; });
    return it != t.end() && it->from == cp ? it->to : cp;
  }
  return LowerCodePoint(cp);
}

size_t MatchFoldedAt(std::string_view t, size_t pos, std::string_view phrase) {
  size_t i = pos, j = 0;
  while (j < phrase.size()) {
    if (i >= t.size()) return 0;
    size_t li = 0, lj = 0;
    const uint32_t a = CodePointAt(t, i, &li), b = CodePointAt(phrase, j, &lj);
    if (FoldCodePoint(a) != b) return 0;
    i += li;
    j += lj;
  }
  return i - pos;
}

size_t MatchWordsAt(std::string_view t, size_t pos, std::string_view phrase) {
  const size_t n = MatchFoldedAt(t, pos, phrase);
  if (n == 0) return 0;
  if (IsHan(CodePointBefore(phrase, phrase.size()))) return n;
  return IsWordCodePoint(CodePointAt(t, pos + n)) ? 0 : n;
}

size_t FindWords(std::string_view t, std::string_view phrase, size_t from, size_t* len) {
  if (phrase.empty()) return std::string_view::npos;
  const bool han = IsHan(CodePointAt(phrase, 0));
  for (size_t i = from; i < t.size(); ++i) {
    if ((static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) continue;  // not a character start
    if (!han && i > 0 && IsWordCodePoint(CodePointBefore(t, i))) continue;
    const size_t n = MatchWordsAt(t, i, phrase);
    if (n > 0) {
      if (len) *len = n;
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace recital::ingest

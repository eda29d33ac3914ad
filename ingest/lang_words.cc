// The fixed wording of the other five languages: the enacting formula, session ordinals, the
// plenary meeting line, committees, agenda items, and what marks a draft.
#include <array>
#include <string>

#include "ingest/lang_internal.h"
#include "schema/symbol.h"

namespace recital::ingest {
namespace {

struct Valued {
  std::string_view word;
  uint32_t value;
};

bool SkipText(std::string_view s, size_t* i, std::string_view what) {
  if (!s.substr(*i).starts_with(what)) return false;
  *i += what.size();
  return true;
}

void SkipSpaces(std::string_view s, size_t* i) {
  while (*i < s.size() && s[*i] == ' ') ++*i;
}

// The word at s[i] (letters, and combining marks), lower-cased through FoldCodePoint.
std::string FoldedWordAt(std::string_view s, size_t i, size_t* len) {
  std::string w;
  size_t j = i;
  while (j < s.size()) {
    size_t l = 0;
    const uint32_t cp = CodePointAt(s, j, &l);
    if (!IsWordCodePoint(cp) || IsAsciiDigit(char(cp < 0x80 ? cp : 0))) break;
    const uint32_t f = FoldCodePoint(cp);
    // Re-encode the folded code point.
    if (f < 0x80) {
      w += char(f);
    } else if (f < 0x800) {
      w += char(0xC0 | (f >> 6));
      w += char(0x80 | (f & 0x3F));
    } else if (f < 0x10000) {
      w += char(0xE0 | (f >> 12));
      w += char(0x80 | ((f >> 6) & 0x3F));
      w += char(0x80 | (f & 0x3F));
    } else {
      w += char(0xF0 | (f >> 18));
      w += char(0x80 | ((f >> 12) & 0x3F));
      w += char(0x80 | ((f >> 6) & 0x3F));
      w += char(0x80 | (f & 0x3F));
    }
    j += l;
  }
  *len = j - i;
  return w;
}

uint32_t Lookup(std::string_view w, const auto& table) {
  for (const Valued& v : table)
    if (v.word == w) return v.value;
  return 0;
}

// ---- session ordinals ----

constexpr std::array<Valued, 9> kFrTens = {{{"vingt", 20}, {"vingts", 20}, {"trente", 30}, {"quarante", 40},
                                            {"cinquante", 50}, {"soixante", 60}, {"dix", 10}, {"quatre", 4},
                                            {"cent", 100}}};
constexpr std::array<Valued, 27> kFrOrdinals = {{
    {"premier", 1},     {"première", 1},   {"unième", 1},      {"deuxième", 2},    {"second", 2},
    {"seconde", 2},     {"troisième", 3},  {"quatrième", 4},   {"cinquième", 5},   {"sixième", 6},
    {"septième", 7},    {"huitième", 8},   {"neuvième", 9},    {"dixième", 10},    {"onzième", 11},
    {"douzième", 12},   {"treizième", 13}, {"quatorzième", 14}, {"quinzième", 15}, {"seizième", 16},
    {"vingtième", 20},  {"trentième", 30}, {"quarantième", 40}, {"cinquantième", 50}, {"soixantième", 60},
    {"centième", 100},  {"millième", 1000}}};

// "Cinquante-cinquième", "Soixante et unième", "Soixante-dixième", "Quatre-vingtième".
uint32_t FrenchOrdinal(std::string_view s, size_t* len) {
  uint32_t total = 0;
  uint32_t prev = 0;
  size_t i = 0;
  for (;;) {
    size_t l = 0;
    const std::string w = FoldedWordAt(s, i, &l);
    if (w.empty()) return 0;
    if (const uint32_t o = Lookup(w, kFrOrdinals)) {
      total += (prev == 4 && o == 20) ? 76 : o;  // quatre-vingtième
      *len = i + l;
      return total;
    }
    const uint32_t c = Lookup(w, kFrTens);
    if (c == 0) return 0;
    total += (prev == 4 && c == 20) ? 76 : c;  // quatre-vingt
    prev = c;
    i += l;
    if (!SkipText(s, &i, "-") && !SkipText(s, &i, " et ") && !SkipText(s, &i, " ")) return 0;
  }
}

constexpr std::array<Valued, 32> kEsOrdinals = {{
    {"primer", 1},        {"primero", 1},     {"primera", 1},      {"segundo", 2},       {"segunda", 2},
    {"tercer", 3},        {"tercero", 3},     {"tercera", 3},      {"cuarto", 4},        {"quinto", 5},
    {"sexto", 6},         {"séptimo", 7},     {"sétimo", 7},       {"octavo", 8},        {"noveno", 9},
    {"décimo", 10},       {"undécimo", 11},   {"duodécimo", 12},   {"vigésimo", 20},     {"trigésimo", 30},
    {"cuadragésimo", 40}, {"quincuagésimo", 50}, {"sexagésimo", 60}, {"septuagésimo", 70}, {"octogésimo", 80},
    {"nonagésimo", 90},   {"centésimo", 100}, {"cuarta", 4},       {"quinta", 5},        {"sexta", 6},
    {"séptima", 7},       {"octava", 8}}};

// "Quincuagésimo quinto", "Sexagésimo primer".
uint32_t SpanishOrdinal(std::string_view s, size_t* len) {
  uint32_t total = 0;
  size_t i = 0, end = 0;
  for (int words = 0; words < 3; ++words) {
    size_t l = 0;
    const uint32_t v = Lookup(FoldedWordAt(s, i, &l), kEsOrdinals);
    if (v == 0) break;
    total += v;
    end = i + l;
    i = end;
    if (!SkipText(s, &i, " ")) break;
  }
  *len = end;
  return total;
}

constexpr std::array<Valued, 9> kRuCardinalTens = {{{"двадцать", 20}, {"тридцать", 30}, {"сорок", 40},
                                                    {"пятьдесят", 50}, {"шестьдесят", 60}, {"семьдесят", 70},
                                                    {"восемьдесят", 80}, {"девяносто", 90}, {"сто", 100}}};
// Ordinal stems, longest first where one is a prefix of another; any case ending may follow.
constexpr std::array<Valued, 29> kRuOrdinalStems = {{
    {"одиннадцат", 11}, {"двенадцат", 12}, {"тринадцат", 13}, {"четырнадцат", 14}, {"пятнадцат", 15},
    {"шестнадцат", 16}, {"семнадцат", 17}, {"восемнадцат", 18}, {"девятнадцат", 19}, {"двадцат", 20},
    {"тридцат", 30},    {"сороков", 40},   {"пятидесят", 50},  {"шестидесят", 60},  {"семидесят", 70},
    {"восьмидесят", 80}, {"девяност", 90}, {"перв", 1},        {"втор", 2},         {"трет", 3},
    {"четверт", 4},     {"четвёрт", 4},    {"пят", 5},         {"шест", 6},         {"седьм", 7},
    {"восьм", 8},       {"девят", 9},      {"десят", 10},      {"сот", 100}}};

// "Шестьдесят первая", "Пятидесятая".
uint32_t RussianOrdinal(std::string_view s, size_t* len) {
  size_t i = 0, l = 0;
  uint32_t total = 0;
  std::string w = FoldedWordAt(s, i, &l);
  if (const uint32_t tens = Lookup(w, kRuCardinalTens)) {
    total = tens;
    i += l;
    if (!SkipText(s, &i, " ")) return 0;
    w = FoldedWordAt(s, i, &l);
  }
  for (const Valued& v : kRuOrdinalStems) {
    if (w.starts_with(v.word) && w.size() - v.word.size() <= 6) {
      *len = i + l;
      return total + v.value;
    }
  }
  return 0;
}

// "五十", "六十一", "十" (Chinese numerals) or ASCII digits.
uint32_t ChineseNumber(std::string_view s, size_t* len) {
  static constexpr std::array<std::string_view, 10> kDigits = {"零", "一", "二", "三", "四",
                                                               "五", "六", "七", "八", "九"};
  size_t i = 0;
  uint32_t n = 0;
  if (ReadUint(s, &i, &n, 3)) {
    *len = i;
    return n;
  }
  uint32_t total = 0, digit = 0;
  bool any = false;
  for (;;) {
    bool matched = false;
    for (uint32_t d = 0; d < kDigits.size(); ++d) {
      if (SkipText(s, &i, kDigits[d])) {
        digit = d;
        matched = any = true;
      }
    }
    if (SkipText(s, &i, "两")) digit = 2, matched = any = true;
    if (SkipText(s, &i, "十")) total += (digit == 0 ? 1 : digit) * 10, digit = 0, matched = any = true;
    if (SkipText(s, &i, "百")) total += (digit == 0 ? 1 : digit) * 100, digit = 0, matched = any = true;
    if (!matched) break;
  }
  *len = i;
  return any ? total + digit : 0;
}

constexpr std::array<Valued, 19> kArOrdinals = {{
    {"الأولى", 1},   {"الحادية", 1},  {"الثانية", 2},  {"الثالثة", 3},  {"الرابعة", 4},
    {"الخامسة", 5},  {"السادسة", 6},  {"السابعة", 7},  {"الثامنة", 8},  {"التاسعة", 9},
    {"العاشرة", 10}, {"العشرون", 20}, {"الثلاثون", 30}, {"الأربعون", 40}, {"الخمسون", 50},
    {"الستون", 60},  {"السبعون", 70}, {"الثمانون", 80}, {"التسعون", 90}}};

// "الحادية والستون" (61), "الخمسون" (50), "الحادية عشرة" (11).
uint32_t ArabicOrdinal(std::string_view s, size_t* len) {
  size_t i = 0, end = 0;
  uint32_t total = 0;
  for (int words = 0; words < 3; ++words) {
    size_t l = 0;
    std::string w = FoldedWordAt(s, i, &l);
    if (words > 0 && w.starts_with("و")) w.erase(0, 2);  // "والستون": و + the tens
    uint32_t v = Lookup(w, kArOrdinals);
    if (v == 0 && words > 0 && (w == "عشرة" || w == "عشر")) v = 10;
    if (v == 0) break;
    total += v;
    end = i + l;
    i = end;
    if (!SkipText(s, &i, " ")) break;
  }
  *len = end;
  return total;
}

}  // namespace

uint32_t SessionOrdinalAt(std::string_view s, Lang lang, size_t* len) {
  size_t l = 0;
  uint32_t n = 0;
  switch (lang) {
    case Lang::kFr: n = FrenchOrdinal(s, &l); break;
    case Lang::kEs: n = SpanishOrdinal(s, &l); break;
    case Lang::kRu: n = RussianOrdinal(s, &l); break;
    case Lang::kZh: n = ChineseNumber(s, &l); break;
    case Lang::kAr: n = ArabicOrdinal(s, &l); break;
    case Lang::kEn:
    case Lang::kUnknown: break;
  }
  if (n == 0 || n > 200) return 0;
  if (len) *len = l;
  return n;
}

std::string_view OpeningFormula(Lang lang) {
  switch (lang) {
    case Lang::kFr: return "L'Assemblée générale,";
    case Lang::kEs: return "La Asamblea General,";
    case Lang::kRu: return "Генеральная Ассамблея,";
    case Lang::kZh: return "大会,";
    case Lang::kAr: return "إن الجمعية العامة،";
    case Lang::kEn:
    case Lang::kUnknown: break;
  }
  return "The General Assembly,";
}

size_t IntlOpeningLength(std::string_view t, Lang lang) {
  static constexpr std::array<std::string_view, 7> kFormulas = {
      "l'assemblée générale", "la asamblea general", "генеральная ассамблея", "大会",
      "إن الجمعية العامة", "الجمعية العامة", "the general assembly"};
  for (std::string_view f : kFormulas) {
    const size_t n = MatchFoldedAt(t, 0, f);
    if (n == 0) continue;
    size_t i = n;
    SkipSpaces(t, &i);
    // The formula alone on its line: Chinese pages print "大会" so; elsewhere it is the organ's
    // name in the cover ("Генеральная Ассамблея" under "Организация Объединенных Наций").
    if (i == t.size()) {
      if (lang == Lang::kZh) return i;
      continue;
    }
    size_t comma = 0;
    const uint32_t cp = CodePointAt(t, i, &comma);
    if (cp == ',' || cp == 0x060C || cp == 0xFF0C) return i + comma;
    // "L'Assemblée générale Adopte la déclaration suivante": no comma, an operative lead follows.
    if (f != "大会" && f != "الجمعية العامة" && MatchKnownLeadLang(t.substr(i), lang).kind == LeadKind::kOperative) {
      return i;
    }
  }
  return 0;
}

uint32_t PlenaryMeetingLine(std::string_view t, Lang lang) {
  t = Trim(t);
  size_t i = 0;
  uint32_t n = 0;
  if (lang == Lang::kZh) {  // "第45次全体会议"
    if (!SkipText(t, &i, "第") || !ReadUint(t, &i, &n, 5) || !SkipText(t, &i, "次")) return 0;
    return MatchFoldedAt(t, i, "全体会议") > 0 ? n : 0;
  }
  if (lang == Lang::kAr) {  // "الجلسة العامة 67"
    const size_t m = MatchFoldedAt(t, 0, "الجلسة العامة ");
    if (m == 0) return 0;
    i = m;
    return ReadUint(t, &i, &n, 5) ? n : 0;
  }
  if (!ReadUint(t, &i, &n, 5) || n == 0) return 0;
  static constexpr std::array<std::string_view, 9> kSuffixes = {"ème", "eme", "e", "re", "ère", "a.", "ª", "a", "-е"};
  for (std::string_view suffix : kSuffixes) {
    size_t j = i;
    if (!SkipText(t, &j, suffix)) continue;
    SkipSpaces(t, &j);
    for (std::string_view words : {"séance plénière", "sesión plenaria", "пленарное заседание", "пленарном заседании"}) {
      if (MatchFoldedAt(t, j, words) > 0) return n;
    }
  }
  return 0;
}

uint32_t FindMeetingNumber(std::string_view s, Lang lang) {
  // "Séance plénière: 67ème" (un.org's French index pages).
  size_t len = 0;
  const size_t p = FindWords(s, "séance plénière:", 0, &len);
  if (p != std::string_view::npos) {
    size_t i = p + len;
    SkipSpaces(s, &i);
    uint32_t n = 0;
    if (ReadUint(s, &i, &n, 5)) return n;
  }
  const size_t a = FindWords(s, "الجلسة العامة", 0, &len);  // "اتخذ في الجلسة العامة 67"
  if (a != std::string_view::npos) {
    size_t i = a + len;
    SkipSpaces(s, &i);
    uint32_t n = 0;
    if (ReadUint(s, &i, &n, 5)) return n;
  }
  // A meeting line run into other text.
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsAsciiDigit(s[i]) && !(lang == Lang::kZh && s.substr(i).starts_with("第"))) continue;
    if (i > 0 && (IsAsciiDigit(s[i - 1]) || s[i - 1] == '/')) continue;
    const uint32_t n = PlenaryMeetingLine(s.substr(i, 80), lang);
    if (n != 0) return n;
  }
  return 0;
}

std::string DraftKind(std::string_view flat, Lang lang) {
  (void)lang;
  for (std::string_view d : {"projet de décision", "proyecto de decisión", "проект решения", "决定草案",
                             "مشروع مقرر", "draft decision"}) {
    if (FindWords(flat, d) != std::string_view::npos) return "decision";
  }
  for (std::string_view d : {"projet de résolution", "proyecto de resolución", "проект резолюции", "决议草案",
                             "مشروع قرار", "draft resolution", "distr.: limited", "distr. limited",
                             "distr.: limitée", "distr. limitée", "distr. limitada", "distr.: limitada"}) {
    if (FindWords(flat, d) != std::string_view::npos) return "resolution";
  }
  return "";
}

namespace {

// A document symbol at s[i] ("A/55/598", "А/56/530" with a Cyrillic А): Latin, or "".
std::string DocSymbolAt(std::string_view s, size_t i) {
  const std::string latin = LatinizeSymbolLetters(s.substr(i, 60));
  if (!latin.starts_with("A/")) return "";
  size_t e = 0;
  while (e < latin.size() && (IsAsciiAlnum(latin[e]) || latin[e] == '/' || latin[e] == '.' || latin[e] == '-')) ++e;
  while (e > 0 && (latin[e - 1] == '.' || latin[e - 1] == '/' || latin[e - 1] == '-')) --e;
  return latin.substr(0, e);
}

// The first document symbol in "(" ... within limit bytes after from.
std::string SymbolInParenthesis(std::string_view s, size_t from, size_t limit) {
  const size_t open = s.find('(', from);
  if (open == std::string_view::npos || open > from + limit) return "";
  size_t i = open + 1;
  SkipSpaces(s, &i);
  return DocSymbolAt(s, i);
}

constexpr std::array<std::string_view, 6> kCommitteeNames = {"First Committee", "Second Committee",
                                                             "Third Committee", "Fourth Committee",
                                                             "Fifth Committee", "Sixth Committee"};

struct CommitteeWords {
  std::string_view phrase;
  uint32_t number;  // 1-6; 0: without reference to a Main Committee
};

constexpr std::array<CommitteeWords, 37> kCommittees = {{
    {"sans renvoi à une grande commission", 0},
    {"sin remisión previa a una comisión principal", 0},
    {"sin remisión a una comisión principal", 0},
    {"без передачи в главные комитеты", 0},
    {"без передачи в главный комитет", 0},
    {"未经发交主要委员会", 0},
    {"دون إحالة إلى لجنة رئيسية", 0},
    {"première commission", 1}, {"deuxième commission", 2}, {"troisième commission", 3},
    {"quatrième commission", 4}, {"cinquième commission", 5}, {"sixième commission", 6},
    {"primera comisión", 1},  {"segunda comisión", 2},  {"tercera comisión", 3},
    {"cuarta comisión", 4},   {"quinta comisión", 5},   {"sexta comisión", 6},
    {"первого комитета", 1},  {"второго комитета", 2},  {"третьего комитета", 3},
    {"четвертого комитета", 4}, {"пятого комитета", 5}, {"шестого комитета", 6},
    {"第一委员会", 1}, {"第二委员会", 2}, {"第三委员会", 3}, {"第四委员会", 4}, {"第五委员会", 5},
    {"第六委员会", 6},
    {"اللجنة الأولى", 1}, {"اللجنة الثانية", 2}, {"اللجنة الثالثة", 3}, {"اللجنة الرابعة", 4},
    {"اللجنة الخامسة", 5}, {"اللجنة السادسة", 6}}};

}  // namespace

void ParseIntlCommittee(std::string_view flat, Lang lang, std::string* committee, std::string* report,
                        std::vector<std::string>* documents) {
  (void)lang;
  size_t best = std::string_view::npos, best_len = 0;
  uint32_t number = 0;
  for (const CommitteeWords& c : kCommittees) {
    size_t len = 0;
    const size_t p = FindWords(flat, c.phrase, 0, &len);
    if (p < best) best = p, best_len = len, number = c.number;
  }
  if (best == std::string_view::npos) {
    // "بناء على توصية اللجنة (A/61/387، الفقرة 9)": on the recommendation of the Committee.
    size_t len = 0;
    const size_t p = FindWords(flat, "بناء على توصية اللجنة", 0, &len);
    if (p != std::string_view::npos) {
      *report = SymbolInParenthesis(flat, p + len, 8);
      return;
    }
    // Sites that list a resolution's facts: "Rapport: A/52/610", "Informe: A/55/598".
    for (std::string_view label : {"rapport:", "informe:", "доклад:"}) {
      const size_t at = FindWords(flat, label, 0, &len);
      if (at == std::string_view::npos) continue;
      size_t i = at + len;
      SkipSpaces(flat, &i);
      *report = DocSymbolAt(flat, i);
      if (!report->empty()) return;
    }
    return;
  }
  const std::string doc = SymbolInParenthesis(flat, best + best_len, number == 4 ? 80 : 12);
  if (number == 0) {
    *committee = "without reference to a Main Committee";
    if (!doc.empty()) documents->push_back(doc);
    return;
  }
  *committee = std::string(kCommitteeNames[number - 1]);
  *report = doc;
}

std::vector<std::string> ParseIntlAgenda(std::string_view f, Lang lang) {
  (void)lang;
  std::vector<std::string> items;
  static constexpr std::array<std::string_view, 11> kKeys = {"points", "point", "temas", "tema", "пункты", "пункт",
                                                             "议程项目", "البندان", "البنود", "البند", "item"};
  size_t i = std::string_view::npos;
  for (std::string_view k : kKeys) {
    size_t len = 0;
    for (size_t p = FindWords(f, k, 0, &len); p != std::string_view::npos; p = FindWords(f, k, p + 1, &len)) {
      size_t j = p + len;
      SkipSpaces(f, &j);
      if (j < f.size() && IsAsciiDigit(f[j])) {
        i = j;
        break;
      }
    }
    if (i != std::string_view::npos) break;
  }
  if (i == std::string_view::npos) return items;
  for (;;) {
    uint32_t n = 0;
    if (!ReadUint(f, &i, &n, 4) || n == 0) break;
    std::string item = std::to_string(n);
    // "66 (a)", "66(a)", "66 a)", "66, b,".
    size_t j = i;
    SkipSpaces(f, &j);
    const bool comma = SkipText(f, &j, ", ");
    const bool paren = SkipText(f, &j, "(");
    if (j < f.size() && IsAsciiLower(f[j]) && j + 1 < f.size() &&
        (f[j + 1] == ')' || (comma && f[j + 1] == ','))) {
      item += std::string(" (") + f[j] + ")";
      i = j + 2;
    } else {
      (void)paren;
    }
    items.push_back(item);
    j = i;
    SkipSpaces(f, &j);
    if (SkipText(f, &j, ",") || SkipText(f, &j, "et ") || SkipText(f, &j, "y ") || SkipText(f, &j, "и ") ||
        SkipText(f, &j, "和") || SkipText(f, &j, "و")) {
      SkipSpaces(f, &j);
      i = j;
      continue;
    }
    break;
  }
  return items;
}

}  // namespace recital::ingest

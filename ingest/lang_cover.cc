// The cover block and adoption line of a release in French, Spanish, Russian, Chinese or Arabic
// (English: cover.cc). The record keeps what the text says, in the record's own conventions:
// ISO dates, the canonical symbol, English committee names (the committees are one closed set,
// so language versions of one resolution carry the same value).
#include <string>

#include "ingest/lang_internal.h"
#include "schema/symbol.h"

namespace recital::ingest {
namespace {

std::string Flatten(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) {
    s += l;
    s += ' ';
  }
  return CollapseSpaces(s);
}

// A title line cleaned of site furniture ("Maintien de la sécurité internationale | |").
std::string CleanIntlTitle(std::string_view t) {
  std::string s = CollapseSpaces(t);
  const size_t bar = s.find(" |");
  if (bar != std::string::npos) s.resize(bar);
  while (!s.empty() && (s.back() == '.' || s.back() == ' ' || s.back() == '|')) s.pop_back();
  return s;
}

// "55/79. Les droits de l'enfant", "ES-10/22. 保护平民...", "50/28. 聯合國..." at a line start or
// after a space (collapsed covers); wrapped titles continue on the following lines.
std::string NumberedIntlTitle(const std::vector<std::string>& cover, uint32_t* session, uint32_t* number) {
  for (size_t li = 0; li < cover.size(); ++li) {
    const std::string_view line = cover[li];
    for (size_t p = 0; p < line.size(); ++p) {
      if (p > 0 && line[p - 1] != ' ') continue;
      size_t i = p;
      uint32_t a = 0, b = 0;
      const bool emergency = line.substr(p).starts_with("ES-");
      if (emergency) i += 3;
      if (!ReadUint(line, &i, &a, 4) || a == 0 || i >= line.size() || line[i] != '/') continue;
      ++i;
      if (!ReadUint(line, &i, &b, 4) || b == 0 || a > 200) continue;
      // "55/79." as printed; "52/48 | Maintien de ..." on a site that sets the number apart.
      // Arabic: "61/53 - صون الأمن الدولي".
      if (line.substr(i).starts_with(" | ") || line.substr(i).starts_with(" - ")) {
        i += 2;
      } else if (i >= line.size() || line[i] != '.') {
        continue;
      }
      ++i;
      std::string title(Trim(line.substr(i)));
      for (size_t k = li + 1; title.empty() && k < cover.size(); ++k) {  // "55/56." alone on its line
        title = std::string(Trim(cover[k]));
        li = k;
        if (!title.empty()) break;
      }
      const uint32_t first = CodePointAt(title, 0);
      if (title.empty() || !(IsUpperLetter(first) || IsHan(first) || IsArabicLetter(first) || first == '"')) {
        continue;
      }
      for (size_t k = li + 1; k < cover.size(); ++k) {  // wrapped titles
        const std::string_view t = Trim(cover[k]);
        if (t.empty() || t == kPageBreak) break;
        title += ' ';
        title.append(t);
      }
      if (!emergency) {
        *session = a;
        *number = b;
      }
      return CleanIntlTitle(title);
    }
  }
  return "";
}

// The title some sites print in quotes after the symbol: Резолюция 68/262, ... "Территориальная
// целостность Украины".
std::string QuotedTitle(std::string_view flat) {
  const size_t open = flat.find('"');
  if (open == std::string_view::npos) return "";
  const size_t close = flat.find('"', open + 1);
  if (close == std::string_view::npos || close - open < 6) return "";
  return CleanIntlTitle(flat.substr(open + 1, close - open - 1));
}

// "Résolution 56/262", "Резолюция 60/94", "联合国大会第50/52号决议", "القرار 61/53": a resolution
// number a site writes beside a word for resolution.
SymbolMatch IntlSiteSymbol(std::string_view flat) {
  static constexpr std::string_view kWords[] = {"résolution", "resolución", "резолюция", "第", "大会",
                                                "القرار", "قرار"};
  for (std::string_view w : kWords) {
    size_t len = 0;
    for (size_t p = FindWords(flat, w, 0, &len); p != std::string_view::npos; p = FindWords(flat, w, p + 1, &len)) {
      size_t i = p + len;
      while (i < flat.size() && flat[i] == ' ') ++i;
      if (i > 0 && i < flat.size() && IsAsciiDigit(flat[i - 1])) continue;
      auto found = ReadResolutionSymbol(flat, i, SymbolForm::kShort);
      if (!found || found->symbol.kind != SymbolKind::kResolution || found->symbol.session > 200) continue;
      // Not a longer number ("50/52" must not be read out of "50/521").
      if (found->end < flat.size() && IsAsciiDigit(flat[found->end])) continue;
      SymbolMatch m;
      m.symbol = found->symbol.ToString();
      m.session = found->symbol.session;
      m.number = found->symbol.number;
      m.pos = p;
      return m;
    }
  }
  return {};
}

// The regular session from "<ordinal> session" and its forms in each language. A special or
// emergency special session ("Onzième session extraordinaire d'urgence") is no regular one:
// 0, and *code gets "ES-11" / "S-27".
uint32_t IntlSession(std::string_view flat, Lang lang, std::string* code) {
  if (lang == Lang::kZh) {  // "第五十届会议"
    for (size_t p = flat.find("第"); p != std::string_view::npos; p = flat.find("第", p + 1)) {
      size_t len = 0;
      const uint32_t n = SessionOrdinalAt(flat.substr(p + 3), lang, &len);
      if (n != 0 && MatchFoldedAt(flat, p + 3 + len, "届会议") > 0) return n;
    }
    return 0;
  }
  if (lang == Lang::kAr) {  // "الدورة الحادية والستون"
    size_t len = 0;
    for (size_t p = FindWords(flat, "الدورة", 0, &len); p != std::string_view::npos;
         p = FindWords(flat, "الدورة", p + 1, &len)) {
      size_t i = p + len;
      if (i < flat.size() && flat[i] == ' ') ++i;
      const uint32_t n = SessionOrdinalAt(flat.substr(i), lang, nullptr);
      if (n != 0) return n;
    }
    return 0;
  }
  const std::string_view keyword = lang == Lang::kFr ? " session" : lang == Lang::kEs ? " período de sesiones"
                                                                                      : " сессия";
  for (size_t p = 0; p < flat.size(); ++p) {
    if (p > 0 && flat[p - 1] != ' ') continue;
    size_t len = 0;
    const uint32_t n = SessionOrdinalAt(flat.substr(p), lang, &len);
    const size_t k = n != 0 ? MatchFoldedAt(flat, p + len, keyword) : 0;
    if (k == 0) continue;
    if (lang == Lang::kFr && MatchFoldedAt(flat, p + len + k, " extraordinaire") > 0) {
      *code = (MatchFoldedAt(flat, p + len + k, " extraordinaire d'urgence") > 0 ? "ES-" : "S-") + std::to_string(n);
      return 0;
    }
    return n;
  }
  return 0;
}

// The date right after the adoption phrase of the cover ("adoptée par l'Assemblée générale le
// 15 décembre 2004"), or right before it in Chinese ("2011年12月2日大会决议").
std::string HeaderAdoptionDate(std::string_view flat, Lang lang) {
  static constexpr std::string_view kPhrases[] = {
      "adoptée par l'assemblée générale", "aprobada por la asamblea general", "принятая генеральной ассамблеей",
      "اتخذته الجمعية العامة", "المعقودة في", "date:"};
  for (std::string_view phrase : kPhrases) {
    size_t len = 0;
    const size_t p = FindWords(flat, phrase, 0, &len);
    if (p == std::string_view::npos) continue;
    size_t at = 0;
    const std::string d = FindDateLang(flat, lang, p + len, &at);
    const size_t distr = flat.find("Distr.", p);
    if (!d.empty() && at < p + len + 200 && (distr == std::string_view::npos || distr > at)) return d;
  }
  if (lang == Lang::kZh) {
    const size_t p = FindWords(flat, "大会决议");
    if (p != std::string_view::npos) {
      for (size_t b = p > 24 ? p - 24 : 0; b < p; ++b) {
        size_t end = 0;
        const std::string d = ParseDateAtLang(flat, b, &end, lang);
        if (!d.empty() && Trim(flat.substr(end, p - end)).empty()) return d;
      }
    }
  }
  return "";
}

}  // namespace

bool ParseIntlCover(const Regions& regions, std::string_view raw_text, Lang lang, Resolution* r) {
  const std::string flat = Flatten(regions.cover);
  SymbolMatch sym = FindResolutionSymbol(LatinizeSymbolLetters(raw_text));
  uint32_t title_session = 0, title_number = 0;
  r->title = NumberedIntlTitle(regions.cover, &title_session, &title_number);
  if (sym.pos == std::string_view::npos) sym = IntlSiteSymbol(flat);
  if (r->title.empty() && sym.pos != std::string_view::npos) r->title = QuotedTitle(flat.substr(sym.pos));
  if (sym.pos == std::string_view::npos && title_session >= 31) {
    sym.symbol = ResolutionSymbol(title_session, title_number).ToString();
    sym.session = title_session;
    sym.number = title_number;
    sym.pos = 0;
  }
  if (sym.pos != std::string_view::npos) {
    r->symbol = sym.symbol;
    r->session = sym.session;
    r->number = sym.number;
  } else {
    r->number = title_number;
    r->warnings.push_back("no symbol found");
  }
  const size_t special = r->symbol.find("/ES-");
  if (special != std::string::npos) {  // "A/RES/ES-10/22": the tenth emergency special session
    size_t i = special + 4;
    uint32_t n = 0;
    if (ReadUint(r->symbol, &i, &n, 3)) r->session_code = "ES-" + std::to_string(n);
  } else if (r->session == 0) {
    r->session = IntlSession(flat, lang, &r->session_code);
  }
  r->agenda_items = ParseIntlAgenda(flat, lang);
  ParseIntlCommittee(flat, lang, &r->committee, &r->report, &r->documents);
  const size_t distr = flat.find("Distr.");
  if (distr != std::string::npos) {
    size_t at = 0;
    const std::string d = FindDateLang(flat, lang, distr, &at);
    if (!d.empty() && at < distr + 60) r->distribution_date = d;
  }
  // The adoption line at the end ("67e séance plénière" and the date), else the cover's.
  if (!regions.adoption.empty()) {
    r->meeting = FindMeetingNumber(regions.adoption, lang);
    r->adoption_date = FindDateLang(regions.adoption, lang);
  }
  if (r->meeting == 0) r->meeting = FindMeetingNumber(flat, lang);
  if (r->adoption_date.empty()) r->adoption_date = HeaderAdoptionDate(flat, lang);
  const std::string draft = DraftKind(flat, lang);
  if (draft == "decision") {
    r->warnings.push_back("draft decision, not a resolution");
  } else if (!draft.empty()) {
    r->warnings.push_back("draft resolution (limited distribution), not an adopted text");
  }
  return title_number != 0 || distr != std::string::npos || !r->agenda_items.empty() || r->session != 0;
}

std::string KeepBitextSide(std::string_view text, Lang lang, bool* bitext) {
  *bitext = false;
  auto is_script = [lang](uint32_t cp) {
    return lang == Lang::kAr ? IsArabicLetter(cp) : lang == Lang::kRu ? IsCyrillic(cp) : IsHan(cp);
  };
  std::string out;
  size_t kept = 0;
  for (const std::string& line : SplitLines(text)) {
    size_t first = std::string::npos;
    for (size_t i = 0; i < line.size();) {
      size_t len = 0;
      if (is_script(CodePointAt(line, i, &len))) {
        first = i;
        break;
      }
      i += len;
    }
    std::string_view keep;
    if (first != std::string::npos) {
      // The translation starts at its first letter, with the brackets and quotes that open it.
      size_t b = first;
      while (b > 0 && (line[b - 1] == '(' || line[b - 1] == '[' || line[b - 1] == '"')) --b;
      keep = std::string_view(line).substr(b);
      ++kept;
    } else {
      // A segment both sides share, printed twice: "A/74/L.75A/74/L.75", "16 July 202016 July 2020".
      const std::string_view t = Trim(line);
      const size_t half = t.size() / 2;
      if (t.size() % 2 == 0 && half > 0 && t.substr(0, half) == t.substr(half)) keep = t.substr(half);
    }
    out.append(keep);
    out += '\n';
  }
  *bitext = kept > 0;
  return out;
}

}  // namespace recital::ingest

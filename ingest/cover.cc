// The cover block: symbol, session, number, title, agenda items, committee and report,
// distribution date; and the adoption line: plenary meeting and date.
#include <string>

#include "ingest/ingest_internal.h"
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

// "Agenda item 66 (a)", "Agenda items 12 and 96 (d)".
std::vector<std::string> ParseAgenda(std::string_view f) {
  std::vector<std::string> items;
  size_t p = f.find("Agenda item");
  if (p == std::string_view::npos) return items;
  size_t i = p + 11;
  if (i < f.size() && f[i] == 's') ++i;
  for (;;) {
    if (i >= f.size() || f[i] != ' ') break;
    ++i;
    uint32_t n = 0;
    if (!ReadUint(f, &i, &n, 4) || n == 0) break;
    std::string item = std::to_string(n);
    if (i + 3 < f.size() && f[i] == ' ' && f[i + 1] == '(' && IsAsciiLower(f[i + 2]) && f[i + 3] == ')') {
      item += std::string(" (") + f[i + 2] + ")";
      i += 4;
    }
    items.push_back(item);
    if (f.substr(i).starts_with(",")) {
      ++i;
    } else if (f.substr(i).starts_with(" and")) {
      i += 4;
    } else {
      break;
    }
  }
  return items;
}

std::string TitleCaseWords(std::string_view s) {
  std::string out;
  bool start = true;
  for (char c : s) {
    if (IsAsciiAlpha(c)) {
      out += start ? AsciiUpper(c) : AsciiLower(c);
      start = false;
    } else {
      out += c;
      start = c == ' ' || c == '(';
    }
  }
  return out;
}

// A document symbol at s[i] ("A/54/600", "A/51/604/Add.4", "A/55/L.52"); "" if none.
std::string ReadDocSymbol(std::string_view s, size_t i) {
  size_t e = i;
  while (e < s.size() && (IsAsciiAlpha(s[e]) || IsAsciiDigit(s[e]) || s[e] == '/' || s[e] == '.' || s[e] == '-')) ++e;
  while (e > i && (s[e - 1] == '.' || s[e - 1] == '/')) --e;
  return std::string(s.substr(i, e - i));
}

void ParseCommittee(std::string_view f, Resolution* r) {
  const std::string lower = AsciiLower(f);
  size_t p = lower.find("without reference to a main committee");
  if (p != std::string::npos) {
    r->committee = "without reference to a Main Committee";
    const size_t open = f.find('(', p);
    if (open != std::string_view::npos && open < p + 45) {
      const std::string doc = ReadDocSymbol(f, open + 1);
      if (!doc.empty()) r->documents.push_back(doc);
    }
    return;
  }
  for (std::string_view key : {"on the report of the ", "on the reports of the "}) {
    p = lower.find(key);
    if (p == std::string::npos) continue;
    const size_t b = p + key.size();
    const size_t c = lower.find("committee", b);
    if (c == std::string::npos || c - b > 60) continue;
    r->committee = TitleCaseWords(f.substr(b, c + 9 - b));
    const size_t open = f.find('(', c);
    if (open != std::string_view::npos && open < c + 12 && open + 1 < f.size() && f[open + 1] == 'A') {
      r->report = ReadDocSymbol(f, open + 1);
    }
    return;
  }
}

// A title line cleaned of site suffixes and headlines.
std::string CleanTitle(std::string_view t) {
  std::string s = CollapseSpaces(t);
  for (std::string_view suffix : {" : resolution / adopted by the General Assembly",
                                  ": resolution / adopted by the General Assembly"}) {
    if (s.ends_with(suffix)) s.resize(s.size() - suffix.size());
  }
  // A site's headline in capitals: "RESOLUTION ON THE ROLE OF ...": the title is what follows.
  for (std::string_view head : {"RESOLUTION ON ", "RESOLUTION OF "}) {
    if (s.size() > head.size() + 10 && s.starts_with(head) && IsAsciiUpper(s[head.size()])) {
      s.erase(0, head.size());
    }
  }
  // "CONFLICT:Breaking": a colon between two words takes a space after it.
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == ':' && IsAsciiAlpha(s[i - 1]) && IsAsciiAlpha(s[i + 1])) s.insert(i + 1, " ");
  }
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

bool IsCoverKeywordLine(std::string_view t) {
  if (t.empty() || t == kPageBreak) return true;
  if (!FindDate(t).empty() && t.size() < 30) return true;
  if (FindResolutionSymbol(t).pos != std::string_view::npos || FindSiteSymbol(t).pos != std::string_view::npos) {
    return true;
  }
  const std::string l = AsciiLower(t);
  for (std::string_view k : {"session", "agenda item", "distr.", "resolution adopted", "on the report",
                             "original:", "|", "•", "author:", "document source", "date:"}) {
    if (l.find(k) != std::string::npos) return true;
  }
  if (l == "united nations" || l == "general assembly" || l == "united nations general assembly" ||
      l.starts_with("- ") || l.ends_with(" p.") || l == "english") {
    return true;
  }
  size_t upper = 0, lower = 0;
  for (char c : t) upper += IsAsciiUpper(c), lower += IsAsciiLower(c);
  return lower == 0 && upper > 0;
}

// "54/144. Title", "1284. Title" (line start) or "... 55/56. Title" (flattened cover).
std::string NumberedTitle(const std::vector<std::string>& cover, uint32_t* session, uint32_t* number) {
  for (size_t li = 0; li < cover.size(); ++li) {
    const std::string_view line = cover[li];
    for (size_t p = 0; p < line.size(); ++p) {
      if (!IsAsciiDigit(line[p]) || (p > 0 && line[p - 1] != ' ')) continue;
      size_t i = p;
      uint32_t a = 0, b = 0;
      if (!ReadUint(line, &i, &a, 4) || a == 0) continue;
      if (i < line.size() && line[i] == '/') {
        ++i;
        if (!ReadUint(line, &i, &b, 4) || b == 0 || a > 200) continue;
      } else if (Trim(line.substr(0, p)).size() > 0) {
        continue;  // "NNNN. Title" only at the start of a line
      }
      if (i + 1 >= line.size() || line[i] != '.' || line[i + 1] != ' ') continue;
      std::string title(Trim(line.substr(i + 1)));
      if (title.empty() || !IsAsciiUpper(title[0])) continue;
      for (size_t k = li + 1; k < cover.size(); ++k) {  // wrapped titles
        const std::string_view t = Trim(cover[k]);
        if (t.empty() || t == kPageBreak || (t.size() == 1 && IsAsciiUpper(t[0]))) break;
        title += ' ';  // not `" " + std::string(t)`: GCC 12 -O3 warns -Wrestrict (bug 105329)
        title.append(t);
      }
      if (b != 0) {
        *session = a;
        *number = b;
      } else {
        *number = a;
      }
      return CleanTitle(title);
    }
  }
  return "";
}

std::string BlockTitle(const std::vector<std::string>& cover) {
  for (const std::string& l : cover) {
    const size_t p = l.find(", G.A. res. ");
    if (p != std::string::npos) return CleanTitle(l.substr(0, p));
  }
  size_t i = cover.size();
  size_t skipped = 0;
  while (i > 0 && IsCoverKeywordLine(Trim(cover[i - 1])) && skipped < 8) --i, ++skipped;
  if (i == 0) return "";
  std::string title;
  size_t lines = 0;
  while (i > 0 && lines < 4) {
    const std::string_view t = Trim(cover[i - 1]);
    if (IsCoverKeywordLine(t) || t.ends_with(":") || (lines > 0 && t.ends_with("."))) break;
    title = std::string(t) + (title.empty() ? "" : " " + title);
    --i;
    ++lines;
  }
  // Sites repeat the title ("Title Title" from a heading and a breadcrumb).
  const size_t half = title.size() / 2;
  if (title.size() % 2 == 1 && title[half] == ' ' && title.compare(0, half, title, half + 1, half) == 0) {
    title.resize(half);
  }
  size_t words = 0;
  for (char c : title) words += c == ' ';
  return words >= 2 ? CleanTitle(title) : "";
}

void ParseAdoption(const Regions& regions, std::string_view flat, Resolution* r) {
  std::string_view a = regions.adoption;
  std::string holder;
  if (a.empty()) {
    const size_t p = flat.find("plenary meeting");
    if (p != std::string_view::npos) {
      size_t b = p;
      while (b > 0 && flat[b - 1] != ' ') --b;
      if (b > 0) --b;
      while (b > 0 && flat[b - 1] != ' ') --b;
      holder = std::string(flat.substr(b, p + 60 - b > flat.size() - b ? flat.size() - b : p + 60 - b));
      a = holder;
    }
  }
  if (!a.empty()) {
    size_t i = 0;
    uint32_t n = 0;
    if (ReadUint(a, &i, &n, 5)) r->meeting = n;
    r->adoption_date = FindDate(a);
  }
  const size_t on = flat.find("adopted by the General Assembly on ");
  if (r->adoption_date.empty() && on != std::string_view::npos) {
    size_t end = 0;
    r->adoption_date = ParseDateAt(flat, on + 35, &end);
  }
}

}  // namespace

bool ParseCover(const Regions& regions, std::string_view raw_text, Resolution* r) {
  const std::string flat = Flatten(regions.cover);
  SymbolMatch sym = FindResolutionSymbol(raw_text);
  if (sym.pos == std::string_view::npos) sym = FindSiteSymbol(flat);
  uint32_t title_session = 0, title_number = 0;
  r->title = NumberedTitle(regions.cover, &title_session, &title_number);
  if (r->title.empty()) r->title = BlockTitle(regions.cover);
  if (sym.pos == std::string_view::npos && title_session >= 31) {
    // "51/75." is the resolution number itself; the symbol follows from it.
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
  if (r->session == 0) {
    for (size_t p = flat.find(" session"); p != std::string::npos; p = flat.find(" session", p + 1)) {
      size_t b = p;
      while (b > 0 && flat[b - 1] != ' ') --b;
      const uint32_t s = SessionFromOrdinal(std::string_view(flat).substr(b, p - b));
      if (s != 0) {
        r->session = s;
        break;
      }
    }
  }
  if (r->session == 0) {
    const size_t p = flat.find(" sess.");
    size_t b = p;
    while (p != std::string::npos && b > 0 && flat[b - 1] != ' ' && flat[b - 1] != '(') --b;
    size_t i = b;
    uint32_t n = 0;
    if (p != std::string::npos && ReadUint(flat, &i, &n, 3) && n > 0 && n <= 200) r->session = n;
  }
  r->agenda_items = ParseAgenda(flat);
  ParseCommittee(flat, r);
  const size_t distr = flat.find("Distr.");
  if (distr != std::string::npos) {
    size_t at = 0;
    const std::string d = FindDate(flat, distr, &at);
    if (!d.empty() && at < distr + 60) r->distribution_date = d;
  }
  ParseAdoption(regions, flat, r);
  const std::string lower = AsciiLower(flat);
  if (lower.find("draft resolution") != std::string::npos || lower.find("distr.: limited") != std::string::npos ||
      lower.find("distr. limited") != std::string::npos) {
    r->warnings.push_back("draft resolution (limited distribution), not an adopted text");
  }
  return title_number != 0 || distr != std::string::npos || !r->agenda_items.empty() ||
         flat.find(" session") != std::string::npos;
}

}  // namespace recital::ingest

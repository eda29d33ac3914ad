// Page furniture and site debris. Whole debris lines become page breaks (so a paragraph
// split by a page break can be re-joined); debris inside lines is cut out.
#include <array>
#include <string>

#include "ingest/ingest_internal.h"

namespace recital::ingest {
namespace {

// Menus, disclaimers and navigation of the sites the corpus comes from, matched as line
// prefixes. Only lines that can never be resolution text belong here.
constexpr std::array<std::string_view, 22> kSiteDebris = {
    "Close sites icon close", "Search form", "Search for the country site", "Country profile",
    "Country website", "Executive Committee Meetings", "This is not a UNHCR publication",
    "URL for areas of image", "Select target paragraph", "You are on page",
    "Get Acrobat Reader", "U.S. Department of State", "Other State Department Archive",
    "Home Issues & Press", "You are in:", "Prima Pagina", "Reg. Tribunale",
    "Direttore responsabile", "150 150 Rapaport", "Court:", "Publication Date:",
    "Resolution Number:"};
// The first characters of kSiteDebris, to skip the list for most lines.
constexpr std::string_view kSiteDebrisFirst = "CSEUTYGOHPRD1";

bool AllOf(std::string_view s, char c) {
  if (s.empty()) return false;
  for (char x : s)
    if (x != c) return false;
  return true;
}

bool OnlyChars(std::string_view s, std::string_view allowed) {
  for (char c : s)
    if (allowed.find(c) == std::string_view::npos && !IsAsciiDigit(c)) return false;
  return true;
}

// "A/RES/54/144", "A/RES/53/", "A/RES/54/144 Page 3", "/RES /74/ 268".
bool IsRunningSymbol(std::string_view t) {
  if (t.starts_with("A/RES/")) {
    std::string_view rest = t.substr(6);
    const size_t page = rest.find("Page");
    if (page != std::string_view::npos) {
      if (!OnlyChars(rest.substr(page + 4), " ")) return false;
      rest = Trim(rest.substr(0, page));
    }
    return OnlyChars(rest, "/() IVXLC");
  }
  return t.starts_with("/RES") && OnlyChars(t.substr(4), "/ ");
}

size_t FindInlineJobFooter(std::string_view s, size_t* len);

}  // namespace

bool IsDebrisLine(std::string_view t) {
  if (t.empty()) return false;
  if (t.starts_with("<<ODS") || (t.front() == '[' && t.back() == ']' && t.size() <= 6 &&
                                  t.find(' ') == std::string_view::npos && !IsAsciiDigit(t[1]))) {
    return true;
  }
  if (AllOf(t, '-') || AllOf(t, '=') || AllOf(t, '*')) return true;
  if (t.ends_with("/...") && OnlyChars(t.substr(0, t.size() - 4), " \t")) return true;
  if (t == "Page" || (t.starts_with("Page ") && OnlyChars(t.substr(5), " of"))) return true;
  if (IsRunningSymbol(t)) return true;
  // Job numbers and barcodes: "N0029482E", "*2228912*", "22-28912 (E) 060123", "060123".
  if (t.size() == 9 && IsAsciiUpper(t[0]) && IsAsciiUpper(t[8]) && OnlyChars(t.substr(1, 7), "")) return true;
  if (t.size() >= 5 && t.front() == '*' && t.back() == '*' && OnlyChars(t.substr(1, t.size() - 2), "")) return true;
  if (t.find("(E)") != std::string_view::npos && OnlyChars(t, " -()E*")) return true;
  if (t.size() == 6 && OnlyChars(t, "")) return true;
  if (kSiteDebrisFirst.find(t.front()) == std::string_view::npos) return false;
  for (std::string_view d : kSiteDebris)
    if (t.starts_with(d)) return true;
  return false;
}

namespace {

// Removes "[hj1]" and "<<ODS ...>>" markers; false (out untouched) when there are none.
bool CutMarkers(std::string_view line, std::string* out) {
  if (line.find("[hj") == std::string_view::npos && line.find("<<ODS") == std::string_view::npos) return false;
  std::string s(line);
  for (size_t p = s.find("[hj"); p != std::string::npos; p = s.find("[hj", p)) {
    const size_t e = s.find(']', p);
    if (e == std::string::npos || e - p > 6) break;
    s.erase(p, e - p + 1);
  }
  for (size_t p = s.find("<<ODS"); p != std::string::npos; p = s.find("<<ODS", p)) {
    size_t e = s.find(">>", p);
    if (e == std::string::npos) break;
    const size_t second = s.find("<<ODS", e);
    if (second != std::string::npos) {
      const size_t e2 = s.find(">>", second);
      e = e2 == std::string::npos ? e : e2;
    }
    s.erase(p, e + 2 - p);
  }
  *out = std::move(s);
  return true;
}

// Only tokens that start with a digit or "*" can be debris.
bool HasDebrisCandidate(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if ((IsAsciiDigit(s[i]) || s[i] == '*') && (i == 0 || s[i - 1] == ' ')) return true;
  }
  return false;
}

// The length of the debris token at s[i] (s[i] starts a token ending at e), or 0.
size_t DebrisTokenLength(std::string_view s, size_t i, size_t e) {
  const std::string_view tok = s.substr(i, e - i);
  const bool anchor = tok.size() >= 2 && tok.size() <= 4 && tok.back() == 'F' &&
                      OnlyChars(tok.substr(0, tok.size() - 1), "");
  const bool barcode = tok.size() >= 7 && tok.front() == '*' && tok.back() == '*' &&
                       OnlyChars(tok.substr(1, tok.size() - 2), "");
  // The date code printed before a barcode: "060123 *2228912*".
  const bool date_code = tok.size() == 6 && OnlyChars(tok, "") && e + 2 < s.size() && s[e] == ' ' &&
                         s[e + 1] == '*' && IsAsciiDigit(s[e + 2]);
  size_t footer_len = 0;
  if (FindInlineJobFooter(s.substr(i), &footer_len) == 0) return footer_len;
  return anchor || barcode || date_code ? tok.size() : 0;
}

// Cuts ODS markers, "[hj1]", PDF footnote anchors ("0F", "10F"), barcodes and job footers
// out of a line. Returns false (out untouched) when the line has none.
bool CutInlineDebris(std::string_view line, std::string* out) {
  std::string marked;
  const bool cut_markers = CutMarkers(line, &marked);
  const std::string_view s = cut_markers ? std::string_view(marked) : line;
  if (!HasDebrisCandidate(s)) {
    if (cut_markers) *out = std::move(marked);
    return cut_markers;
  }
  // Token-level: "10F" anchors, "*2228912*", "060123" right after a barcode or job footer.
  std::string cut;
  cut.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;  // copied as is up to the next token start
    while (j < s.size() && (s[j] == ' ' || (j > 0 && s[j - 1] != ' '))) ++j;
    cut.append(s.substr(i, j - i));
    i = j;
    if (i >= s.size()) break;
    size_t e = i;
    while (e < s.size() && s[e] != ' ') ++e;
    const size_t debris = (IsAsciiDigit(s[i]) || s[i] == '*') ? DebrisTokenLength(s, i, e) : 0;
    if (debris > 0) {
      while (!cut.empty() && cut.back() == ' ') cut.pop_back();
      i += debris;
      continue;
    }
    cut.append(s.substr(i, e - i));
    i = e;
  }
  if (!cut_markers && cut.size() == line.size()) return false;
  *out = std::move(cut);
  return true;
}

// "22-28912 (E)" optionally followed by " 060123": returns 0 and its length when s starts
// with one, npos otherwise.
size_t FindInlineJobFooter(std::string_view s, size_t* len) {
  size_t i = 0;
  uint32_t v = 0;
  if (!ReadUint(s, &i, &v, 2) || i != 2 || i >= s.size() || s[i] != '-') return std::string_view::npos;
  ++i;
  const size_t b = i;
  if (!ReadUint(s, &i, &v, 5) || i - b != 5) return std::string_view::npos;
  if (s.substr(i, 4) != " (E)") return std::string_view::npos;
  i += 4;
  size_t j = i + 1;
  if (i < s.size() && s[i] == ' ' && ReadUint(s, &j, &v, 6) && j - i - 1 == 6) i = j;
  *len = i;
  return 0;
}

}  // namespace

CleanResult CleanLines(std::vector<std::string> lines, const std::vector<bool>* settled) {
  CleanResult out;
  out.lines.reserve(lines.size());
  out.settled.reserve(lines.size());
  auto keep = [&out](std::string&& line, bool is_settled) {
    out.lines.push_back(std::move(line));
    out.settled.push_back(is_settled);
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string& raw = lines[i];
    if (settled != nullptr && i < settled->size() && (*settled)[i]) {
      keep(std::move(raw), true);
      continue;
    }
    const std::string_view t = Trim(raw);
    if (IsDebrisLine(t)) {
      ++out.removed_lines;
      keep(std::string(kPageBreak), true);
      continue;
    }
    std::string cut;
    if (!CutInlineDebris(raw, &cut)) {
      keep(std::move(raw), true);
      continue;
    }
    if (!t.empty() && Trim(cut).empty()) {
      ++out.removed_lines;
      keep(std::string(kPageBreak), true);
      continue;
    }
    keep(std::move(cut), false);  // cutting may have made new debris (joined tokens)
  }
  return out;
}

}  // namespace recital::ingest

// The cover block of a PDF release (page 1 above the text): symbol, session, agenda items,
// committee and report, distribution and adoption dates, the numbered title; and the
// adoption line ("30th plenary meeting") that closes the text.
#include <string>

#include "ingest/pdf_internal.h"
#include "schema/symbol.h"

namespace recital::ingest {
namespace {

// "78/8. Title", "ES-11/1. Title": the length of the resolution number that opens the title
// line, 0 when there is none.
size_t TitleNumberLength(std::string_view t) {
  size_t i = 0;
  if (std::string_view(t).starts_with("ES-")) {
    i = 3;
  } else if (std::string_view(t).starts_with("S-")) {
    i = 2;
  }
  uint32_t a = 0, b = 0;
  if (!ReadUint(t, &i, &a, 3) || i >= t.size() || t[i] != '/') return 0;
  ++i;
  if (!ReadUint(t, &i, &b, 4) || i >= t.size() || t[i] != '.') return 0;
  ++i;
  if (i < t.size() && t[i] != ' ') return 0;
  return i;
}

bool IsOpeningLine(const PdfLine& l) {
  return std::string_view(l.text).starts_with("The General Assembly") && l.text.size() <= 24;
}

// "Agenda item 101 (b)", "Agenda items 12 and 96 (ll)" -> {"101 (b)"}, {"12", "96 (ll)"}.
// Sub-items run past z as "(aa)", "(ll)".
std::vector<std::string> AgendaItems(std::string_view f) {
  std::vector<std::string> items;
  const size_t p = f.find("Agenda item");
  if (p == std::string_view::npos) return items;
  size_t i = p + 11;
  if (i < f.size() && f[i] == 's') ++i;
  while (i < f.size() && f[i] == ' ') {
    ++i;
    uint32_t n = 0;
    if (!ReadUint(f, &i, &n, 4) || n == 0) break;
    std::string item = std::to_string(n);
    if (i + 3 < f.size() && f[i] == ' ' && f[i + 1] == '(') {
      size_t k = i + 2;
      while (k < f.size() && k < i + 5 && IsAsciiLower(f[k])) ++k;
      if (k > i + 2 && k < f.size() && f[k] == ')') {
        item += std::string(f.substr(i, k + 1 - i));
        i = k + 1;
      }
    }
    items.push_back(std::move(item));
    if (std::string_view(f.substr(i)).starts_with(",")) {
      ++i;
    } else if (std::string_view(f.substr(i)).starts_with(" and")) {
      i += 4;
    } else {
      break;
    }
  }
  return items;
}

// Document symbols ("A/78/576", "A/ES-11/L.1/Add.1") inside the parentheses at open.
std::vector<std::string> SymbolsInParens(std::string_view f, size_t open) {
  std::vector<std::string> out;
  const size_t close = f.find(')', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return out;
  const std::string_view inside = f.substr(open + 1, close - open - 1);
  for (size_t a = inside.find("A/"); a != std::string_view::npos; a = inside.find("A/", a + 1)) {
    if (a > 0 && inside[a - 1] != ' ' && inside[a - 1] != '(') continue;
    size_t e = a;
    while (e < inside.size() && inside[e] != ' ' && inside[e] != ',') ++e;
    std::string_view sym = inside.substr(a, e - a);
    while (!sym.empty() && (sym.back() == '.' || sym.back() == ';')) sym.remove_suffix(1);
    out.emplace_back(sym);
  }
  return out;
}

// "[on the report of the Special Political and Decolonization Committee (Fourth Committee)
// (A/80/537, para. 15)]": the committee as printed and the report; "[without reference to a
// Main Committee (A/78/L.7)]": that, and the draft among the documents.
void Committee(std::string_view f, Resolution* r) {
  size_t p = f.find("without reference to a Main Committee");
  if (p != std::string_view::npos) {
    r->committee = "without reference to a Main Committee";
    for (std::string& d : SymbolsInParens(f, f.find('(', p))) r->documents.push_back(std::move(d));
    return;
  }
  for (std::string_view key : {"on the report of the ", "on the reports of the "}) {
    p = f.find(key);
    if (p == std::string_view::npos) continue;
    const size_t b = p + key.size();
    size_t e = f.find(" (A/", b);
    const size_t bracket = f.find(']', b);
    if (e == std::string_view::npos || (bracket != std::string_view::npos && bracket < e))
      e = bracket;
    if (e == std::string_view::npos || e - b > 120) return;
    r->committee = std::string(Trim(f.substr(b, e - b)));
    if (f.substr(e, 4) == " (A/") {
      const std::vector<std::string> reports = SymbolsInParens(f, e + 1);
      if (!reports.empty()) r->report = reports.front();
    }
    return;
  }
}

}  // namespace

PdfSymbol FindPdfSymbol(std::string_view s) {
  PdfSymbol m;
  for (size_t p = s.find("A/RES/"); p != std::string_view::npos; p = s.find("A/RES/", p + 1)) {
    size_t i = p + 6;
    std::string code;
    if (std::string_view(s.substr(i)).starts_with("ES-")) {
      code = "ES-";
      i += 3;
    } else if (std::string_view(s.substr(i)).starts_with("S-")) {
      code = "S-";
      i += 2;
    }
    uint32_t session = 0, number = 0;
    if (!ReadUint(s, &i, &session, 3) || session == 0 || i >= s.size() || s[i] != '/') continue;
    ++i;
    if (!ReadUint(s, &i, &number, 4) || number == 0) continue;
    m.symbol = "A/RES/" + code + std::to_string(session) + "/" + std::to_string(number);
    for (std::string_view suffix : {"/Corr.", "/Rev.", "/Add."}) {
      if (!std::string_view(s.substr(i)).starts_with(suffix)) continue;
      size_t k = i + suffix.size();
      uint32_t n = 0;
      if (ReadUint(s, &k, &n, 2) && n > 0) m.symbol += std::string(suffix) + std::to_string(n);
      break;
    }
    if (code.empty()) {
      m.session = session;
    } else {
      m.session_code = code + std::to_string(session);
    }
    m.number = number;
    m.pos = p;
    return m;
  }
  return m;
}

size_t PdfCoverEnd(const std::vector<PdfLine>& lines, const std::vector<PdfRole>& roles,
                   std::string* title) {
  for (size_t i = 0; i < lines.size() && lines[i].page == 0; ++i) {
    if (roles[i] != PdfRole::kBody) continue;
    if (IsOpeningLine(lines[i])) return i;
    const size_t n = TitleNumberLength(lines[i].text);
    if (n == 0 || !lines[i].bold) continue;
    *title = std::string(Trim(std::string_view(lines[i].text).substr(n)));
    size_t k = i + 1;
    for (; k < lines.size() && lines[k].page == 0 && roles[k] == PdfRole::kBody; ++k) {
      const PdfLine& l = lines[k];
      if (!l.bold || IsOpeningLine(l) || l.top - lines[k - 1].bottom > 0.6f * l.size) break;
      AppendPdfLine(title, l.text);
    }
    return k;
  }
  return 0;
}

void ParsePdfCover(const std::vector<PdfLine>& lines, const std::vector<PdfRole>& roles,
                   size_t cover_end, Resolution* r) {
  std::string flat;
  for (size_t i = 0; i < cover_end; ++i) {
    if (roles[i] == PdfRole::kCover) AppendPdfLine(&flat, lines[i].text);
  }
  PdfSymbol sym = FindPdfSymbol(flat);
  for (size_t i = 0; i < lines.size() && sym.pos == std::string_view::npos; ++i) {
    if (roles[i] == PdfRole::kHeader) sym = FindPdfSymbol(lines[i].text);  // running headers
  }
  if (sym.pos != std::string_view::npos) {
    r->symbol = sym.symbol;
    r->session = sym.session;
    r->session_code = sym.session_code;
    r->number = sym.number;
  } else {
    r->warnings.push_back("no symbol found");
  }
  if (r->session == 0 && r->session_code.empty()) {
    for (size_t p = flat.find(" session"); p != std::string::npos;
         p = flat.find(" session", p + 1)) {
      size_t b = p;
      while (b > 0 && flat[b - 1] != ' ') --b;
      r->session = SessionFromOrdinal(std::string_view(flat).substr(b, p - b));
      if (r->session != 0) break;
    }
  }
  r->agenda_items = AgendaItems(flat);
  Committee(flat, r);
  const size_t distr = flat.find("Distr.");
  if (distr != std::string::npos) {
    size_t at = 0;
    const std::string d = FindDate(flat, distr, &at);
    if (!d.empty() && at < distr + 40) r->distribution_date = d;
  }
  const size_t on = flat.find("adopted by the General Assembly on ");
  if (on != std::string::npos) {
    size_t end = 0;
    r->adoption_date = ParseDateAt(flat, on + 35, &end);
  }
}

uint32_t PdfPlenaryMeeting(std::string_view t) {
  const size_t p = t.find("plenary meeting");
  if (p == std::string_view::npos || p > 30) return 0;
  size_t i = 0;
  uint32_t n = 0;
  if (!ReadUint(t, &i, &n, 5) || i + 2 > t.size()) return 0;
  const std::string_view suffix = t.substr(i, 2);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return 0;
  return n;
}

}  // namespace recital::ingest

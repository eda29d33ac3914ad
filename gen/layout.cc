// Rendering a record as release text: the ODS text-export layout and the 1990s un.org layout.
#include <string>
#include <vector>

#include "gen/gen_internal.h"
#include "schema/strings.h"
#include "schema/symbol.h"

namespace recital::gen {
namespace internal {

std::string Capitalized(std::string s) {
  if (!s.empty()) s[0] = AsciiUpper(s[0]);
  return s;
}

std::string OrdinalSuffix(uint32_t n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string HumanDate(const std::string& iso) {
  static const char* const kMonths[] = {"January", "February", "March",     "April",
                                        "May",     "June",     "July",      "August",
                                        "September", "October", "November", "December"};
  if (iso.size() != 10) return iso;
  int month = std::stoi(iso.substr(5, 2));
  int day = std::stoi(iso.substr(8, 2));
  if (month < 1 || month > 12) return iso;
  return std::to_string(day) + " " + kMonths[month - 1] + " " + iso.substr(0, 4);
}

}  // namespace internal

namespace {

using internal::Capitalized;
using internal::HumanDate;
using internal::OrdinalSuffix;

// Text with footnote markers put back where they stood: "1" glued (ODS) or "  1/" (un.org).
std::string WithMarkers(const std::string& text, const std::vector<FootnoteRef>& refs, bool ods) {
  std::string out;
  size_t pos = 0;
  for (const FootnoteRef& f : refs) {
    size_t at = std::min<size_t>(f.byte_offset, text.size());
    if (at < pos) continue;
    out.append(text, pos, at - pos);
    out += ods ? std::to_string(f.number) : "  " + std::to_string(f.number) + "/";
    pos = at;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// Greedy word wrap; the first line starts with `first`, later lines with `rest`.
std::string Wrap(const std::string& text, const std::string& first, const std::string& rest,
                 size_t width) {
  std::string out, line = first;
  size_t line_words = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    std::string word = text.substr(i, j - i);
    i = j + 1;
    if (word.empty()) continue;
    if (line_words > 0 && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = rest;
      line_words = 0;
    }
    if (line_words > 0) line += ' ';
    line += word;
    ++line_words;
  }
  out += line + "\n";
  return out;
}

std::string Session(const Resolution& r) {
  return Capitalized(SessionOrdinal(r.session)) + " session";
}

std::string ShortNumber(const Resolution& r) {
  return std::to_string(r.session) + "/" + std::to_string(r.number) + ".";
}

std::string RenderOds(const Resolution& r) {
  const std::string right(74, ' ');
  std::string o;
  o += "UNITED\t\t\t\t\t\t\t\t\tA\nNATIONS\n\n\n\n             General Assembly\n\n\n";
  o += right + "Distr.\n" + right + "GENERAL\n\n" + right + r.symbol + "\n" + right +
       HumanDate(r.distribution_date) + "\n\n" + right + "\n\n\n\n\n";
  o += Session(r) + "\n";
  if (!r.agenda_items.empty()) o += "Agenda item " + r.agenda_items.front() + "\n";
  o += "\n\n\tRESOLUTION ADOPTED BY THE GENERAL ASSEMBLY\n\n";
  if (!r.committee.empty())
    o += "\t[on the report of the " + r.committee + " (" + r.report + ")]\n\n";
  o += "\n" + ShortNumber(r) + "\t" + r.title + "\n\n    The General Assembly,\n\n";
  for (const Paragraph& p : r.preamble) o += "    " + WithMarkers(p.text, p.footnotes, true) + "\n\n";
  for (const Paragraph& p : r.operative) {
    o += "    " + p.number + ".\t" + WithMarkers(p.text, p.footnotes, true) + "\n\n";
    for (const SubParagraph& s : p.subparagraphs)
      o += "\t" + s.number + "\t" + WithMarkers(s.text, s.footnotes, true) + "\n\n";
  }
  o += "\n\t " + OrdinalSuffix(r.meeting) + " plenary meeting\n\t" + HumanDate(r.adoption_date) +
       "\n\n";
  for (const Footnote& f : r.footnotes) o += std::to_string(f.number) + " " + f.text + "\n";
  o += "[hj1]\n<<ODS JOB NO>>N" + std::to_string(1000000 + (r.session * 7919 + r.number) % 8999999) +
       "E<<ODS JOB NO>>\n<<ODS DOC SYMBOL1>>" + r.symbol +
       "<<ODS DOC SYMBOL1>>\n<<ODS DOC SYMBOL2>><<ODS DOC SYMBOL2>>\n";
  o += "---------------\n\n\t" + r.symbol + "\n\tPage \n\n\n\t/...\n";
  return o;
}

std::string RenderUnorg(const Resolution& r, int width) {
  const size_t w = static_cast<size_t>(width < 40 ? 40 : width);
  std::string o = "United Nations\n\n" + r.symbol + "\n\n\nGeneral Assembly\n\nDistr. GENERAL  \n\n" +
                  HumanDate(r.distribution_date) + "\n\nORIGINAL:\nENGLISH\n\n\n\n";
  o += Session(r) + "\n";
  if (!r.agenda_items.empty()) o += "Agenda item " + r.agenda_items.front() + "\n";
  o += "\n\n                  RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY\n\n";
  if (!r.committee.empty())
    o += "               [on the report of the " + r.committee + " (" + r.report + ")]\n\n";
  std::string num = ShortNumber(r);
  std::string head = std::string(12, ' ') + num + std::string(num.size() < 12 ? 12 - num.size() : 1, ' ');
  o += "\n" + Wrap(r.title, head, std::string(24, ' '), 60) + "\n\n";
  o += "      The General Assembly,\n\n";
  for (const Paragraph& p : r.preamble)
    o += Wrap(WithMarkers(p.text, p.footnotes, false), "      ", "", w) + "\n";
  for (const Paragraph& p : r.operative) {
    std::string lead = "      " + p.number + ".";
    lead += std::string(lead.size() < 12 ? 12 - lead.size() : 1, ' ');
    o += Wrap(WithMarkers(p.text, p.footnotes, false), lead, "", w) + "\n";
    for (const SubParagraph& s : p.subparagraphs)
      o += Wrap(WithMarkers(s.text, s.footnotes, false), "      " + s.number + "  ", "", w) + "\n";
  }
  o += "\n" + std::string(41, ' ') + OrdinalSuffix(r.meeting) + " plenary meeting\n" +
       std::string(41, ' ') + HumanDate(r.adoption_date) + "\n\n";
  if (!r.footnotes.empty()) {
    o += "\n_______________\n\n";
    for (const Footnote& f : r.footnotes)
      o += Wrap(f.text, "      " + std::to_string(f.number) + "/  ", "", w) + "\n";
  }
  return o;
}

}  // namespace

std::string RenderRelease(const Resolution& r, const std::string& layout, int wrap_width) {
  return layout == "unorg" ? RenderUnorg(r, wrap_width) : RenderOds(r);
}

}  // namespace recital::gen

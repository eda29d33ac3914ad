// serve's comparison page (any two resolutions side by side) and phrase search page.
#include <fmt/format.h>

#include <set>

#include "render/internal.h"
#include "render/pages_internal.h"
#include "render/render.h"
#include "schema/symbol.h"

namespace recital::render {
namespace {

using pages::PageParts;

std::string CompareForm(const CompareView& v) {
  std::string out = fmt::format(
      "<form class=\"compare\" action=\"/compare\" method=\"get\">\n"
      "<label>Older <input name=\"from\" list=\"symbols\" value=\"{}\" required "
      "placeholder=\"A/RES/60/7\"></label>\n"
      "<label>Newer <input name=\"to\" list=\"symbols\" value=\"{}\" required "
      "placeholder=\"A/RES/62/7\"></label>\n<button type=\"submit\">Compare</button>\n"
      "<datalist id=\"symbols\">",
      HtmlEscape(v.from_arg), HtmlEscape(v.to_arg));
  for (const std::string& s : v.symbols) out += "<option value=\"" + HtmlEscape(s) + "\">";
  return out + "</datalist>\n</form>\n";
}

std::string SideHeading(const Resolution& r) {
  return fmt::format("{} ({}{})", pages::ResolutionLink(r.symbol, r.symbol),
                     HtmlEscape(pages::SessionText(r.session)),
                     r.adoption_date.empty() ? "" : ", " + HtmlEscape(r.adoption_date));
}

std::string SideBySide(const Resolution& from, const Resolution& to, const DiffResult& d) {
  std::string out = fmt::format(
      "<h2>{} → {}</h2>\n<p class=\"meta\">{}. Every paragraph in the newer resolution's order; "
      "deleted words are <del>struck through</del> on the older side, inserted words "
      "<ins>underlined</ins> on the newer side. <a href=\"{}\">JSON</a></p>\n",
      HtmlEscape(from.symbol), HtmlEscape(to.symbol), HtmlEscape(SummaryLine(d.summary)),
      HtmlEscape("/api/diff?from=" + QueryEscape(from.symbol) + "&to=" + QueryEscape(to.symbol)));
  if (d.changes.empty()) return out + "<p class=\"none\">Neither resolution has paragraphs.</p>\n";
  out += fmt::format(
      "<table class=\"sbs\"><thead><tr><th>Paragraph</th><th>{}</th><th>{}</th></tr></thead>"
      "<tbody>\n",
      SideHeading(from), SideHeading(to));
  for (const Change& c : d.changes) {
    std::string row = HtmlChangeRow(c);
    if (!IsReportedChange(c) && row.starts_with("<tr>")) row.insert(3, " class=\"same\"");
    out += row;
  }
  return out + "</tbody></table>\n";
}

// The paragraph of a hit with every occurrence marked, its sub-paragraphs below.
std::string MarkedWording(const store::PhraseHit& hit) {
  std::vector<pages::Span> own;
  std::vector<std::vector<pages::Span>> subs(hit.wording.subparagraphs.size());
  for (const store::PhraseMatch& m : hit.matches) {
    const pages::Span span{m.byte_offset, m.byte_length};
    if (m.subparagraph < 0) {
      own.push_back(span);
    } else if (size_t(m.subparagraph) < subs.size()) {
      subs[size_t(m.subparagraph)].push_back(span);
    }
  }
  std::string out = "<p>" + pages::MarkSpans(hit.wording.text, own, "<mark>", "</mark>") + "</p>";
  if (subs.empty()) return out;
  out += "<ol class=\"sub\">";
  for (size_t i = 0; i < subs.size(); ++i) {
    const SubParagraph& s = hit.wording.subparagraphs[i];
    out += fmt::format("<li><span class=\"num\">{}</span>{}</li>", HtmlEscape(s.number),
                       pages::MarkSpans(s.text, subs[i], "<mark>", "</mark>"));
  }
  return out + "</ol>";
}

std::string Hits(const history::GrepResult& grep) {
  size_t paragraphs = 0;
  std::set<std::string> resolutions;
  for (const history::GrepSeries& g : grep.series) {
    paragraphs += g.paragraphs.size();
    for (const history::GrepParagraph& p : g.paragraphs) resolutions.insert(p.symbol);
  }
  if (grep.series.empty()) {
    return fmt::format("<p class=\"none\">No paragraph of the archive holds “{}”.</p>\n",
                       HtmlEscape(grep.phrase));
  }
  std::string out = fmt::format(
      "<p class=\"meta\">“{}”: {} paragraph{} in {} resolution{} of {} series (newest version "
      "of each resolution; case and punctuation ignored).</p>\n",
      HtmlEscape(grep.phrase), paragraphs, paragraphs == 1 ? "" : "s", resolutions.size(),
      resolutions.size() == 1 ? "" : "s", grep.series.size());
  for (const history::GrepSeries& g : grep.series) {
    const history::GrepParagraph& first = g.paragraphs.front();
    const history::GrepParagraph& last = g.paragraphs.back();
    out += fmt::format(
        "<section class=\"hits\"><h2><a href=\"{}\">{}</a></h2>\n<p class=\"meta\">First in {} "
        "({}), last in {} ({}).</p>\n<ol class=\"hits\">\n",
        pages::SeriesHref(g.series.key), HtmlEscape(g.series.name),
        pages::ResolutionLink(first.symbol, first.symbol), pages::SessionText(first.session),
        pages::ResolutionLink(last.symbol, last.symbol), pages::SessionText(last.session));
    for (const history::GrepParagraph& p : g.paragraphs) {
      const std::string href = pages::ResolutionHref(p.symbol) + "#" + pages::ParagraphId(p.position);
      out += fmt::format("<li><a href=\"{}\">{}, paragraph {}</a>{}</li>\n", href,
                         HtmlEscape(p.symbol), p.position + 1, MarkedWording(grep.hits[p.hit]));
    }
    out += "</ol></section>\n";
  }
  return out;
}

}  // namespace

std::string ComparePage(const CompareView& v) {
  PageParts parts;
  std::string& b = parts.body;
  if (v.from != nullptr && v.to != nullptr && v.diff != nullptr) {
    parts.title = v.from->symbol + " → " + v.to->symbol;
    parts.api = "/api/diff?from=" + QueryEscape(v.from->symbol) + "&to=" + QueryEscape(v.to->symbol);
    b = "<h1>Compare two resolutions</h1>\n" + CompareForm(v) + SideBySide(*v.from, *v.to, *v.diff);
  } else {
    parts.title = "Compare";
    b = "<h1>Compare two resolutions</h1>\n<p class=\"meta\">Any two archived resolutions, "
        "not only consecutive sessions of one series.</p>\n" +
        CompareForm(v);
  }
  return pages::Frame(parts);
}

std::string SearchPage(std::string_view phrase, const history::GrepResult* grep) {
  PageParts parts;
  parts.title = phrase.empty() ? std::string("Search") : "Search: " + std::string(phrase);
  parts.phrase = std::string(phrase);
  if (grep != nullptr) parts.api = "/api/grep?q=" + QueryEscape(phrase);
  std::string& b = parts.body;
  b = fmt::format(
      "<h1>Search</h1>\n<form class=\"phrase\" action=\"/search\" method=\"get\"><input "
      "type=\"search\" name=\"q\" value=\"{}\" placeholder=\"a phrase, e.g. voluntary "
      "repatriation\" aria-label=\"Phrase\" size=\"40\"> <button type=\"submit\">Search</button>"
      "</form>\n",
      HtmlEscape(phrase));
  if (grep != nullptr) b += Hits(*grep);
  return pages::Frame(parts);
}

}  // namespace recital::render

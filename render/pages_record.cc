// serve's pages of one resolution: the record, and the lineage (blame) of its paragraphs.
#include <fmt/format.h>

#include <algorithm>

#include "render/pages_internal.h"
#include "render/render.h"
#include "schema/symbol.h"

namespace recital::render {
namespace {

using pages::PageParts;

bool AtBoundary(std::string_view text, size_t i) {
  return i == text.size() || (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80);
}

// text with its lead phrase (a prefix) in <em class="lead"> and each footnote marker as a
// superscript link to the footnote, where the marker stood.
std::string TextWithMarkers(std::string_view text, std::string_view lead,
                            std::vector<FootnoteRef> notes) {
  std::sort(notes.begin(), notes.end(), [](const FootnoteRef& a, const FootnoteRef& b) {
    return a.byte_offset < b.byte_offset;
  });
  const size_t lead_end = !lead.empty() && text.starts_with(lead) ? lead.size() : 0;
  bool in_lead = lead_end > 0;
  std::string out = in_lead ? "<em class=\"lead\">" : "";
  size_t pos = 0;
  auto close_lead = [&] {
    out += HtmlEscape(text.substr(pos, lead_end - pos)) + "</em>";
    pos = lead_end;
    in_lead = false;
  };
  for (const FootnoteRef& n : notes) {
    if (n.byte_offset < pos || n.byte_offset > text.size() || !AtBoundary(text, n.byte_offset))
      continue;
    if (in_lead && n.byte_offset >= lead_end) close_lead();
    out += HtmlEscape(text.substr(pos, n.byte_offset - pos));
    pos = n.byte_offset;
    out += fmt::format("<sup><a href=\"#fn-{0}\">{0}</a></sup>", n.number);
  }
  if (in_lead) close_lead();
  return out + HtmlEscape(text.substr(pos));
}

std::string SubParagraphs(const Paragraph& p) {
  if (p.subparagraphs.empty()) return "";
  std::string out = "<ol class=\"sub\">";
  for (const SubParagraph& s : p.subparagraphs) {
    out += fmt::format("<li><span class=\"num\">{}</span>{}</li>", HtmlEscape(s.number),
                       TextWithMarkers(s.text, "", s.footnotes));
  }
  return out + "</ol>";
}

std::string NumberLabel(std::string_view number) {
  if (number.empty()) return "";
  return HtmlEscape(number) + (number.back() == ')' ? "" : ".");
}

std::string RecordParagraph(const Resolution& r, const Paragraph& p, size_t position) {
  const std::string id = pages::ParagraphId(position);
  return fmt::format(
      "<div class=\"para\" id=\"{0}\"><span class=\"num\">{1}</span><div class=\"text\"><p>{2}"
      "</p>{3}</div><span class=\"side\"><a class=\"lineage\" href=\"{4}#{0}\" title=\"Where "
      "this wording began, and its earlier wordings\">lineage</a></span></div>\n",
      id, NumberLabel(p.number), TextWithMarkers(p.text, p.lead, p.footnotes), SubParagraphs(p),
      pages::BlameHref(r.symbol));
}

// The annex paragraphs grouped by Resolution::annexes; paragraphs past the counts form one
// more, untitled annex.
std::vector<std::pair<std::string, size_t>> AnnexSizes(const Resolution& r) {
  std::vector<std::pair<std::string, size_t>> out;
  size_t used = 0;
  for (const Annex& a : r.annexes) {
    const size_t n = std::min<size_t>(a.paragraph_count, r.annex.size() - used);
    out.push_back({a.title, n});
    used += n;
  }
  if (used < r.annex.size()) out.push_back({"", r.annex.size() - used});
  return out;
}

std::string Facts(const Resolution& r, const ResolutionPageContext& context) {
  std::string out = "<dl class=\"facts\">\n";
  auto fact = [&](const char* name, const std::string& html) {
    if (!html.empty()) out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", name, html);
  };
  fact("Session", r.session ? std::to_string(r.session) : HtmlEscape(r.session_code));
  std::string adopted = HtmlEscape(r.adoption_date);
  if (r.meeting) adopted += fmt::format("{}{}th plenary meeting", adopted.empty() ? "" : ", ", r.meeting);
  fact("Adopted", adopted);
  fact("Committee", HtmlEscape(r.committee));
  fact("Report", HtmlEscape(r.report));
  std::string items;
  for (const std::string& a : r.agenda_items) items += (items.empty() ? "" : ", ") + HtmlEscape(a);
  fact("Agenda items", items);
  fact("Distributed", HtmlEscape(r.distribution_date));
  if (const Series* s = context.series) {
    auto at = std::find(s->symbols.begin(), s->symbols.end(), r.symbol);
    std::string html = fmt::format("<a href=\"{}\">{}</a>", pages::SeriesHref(s->key), HtmlEscape(s->name));
    if (at != s->symbols.end()) {
      const size_t i = size_t(at - s->symbols.begin());
      html += fmt::format(" — resolution {} of {}", i + 1, s->symbols.size());
      if (i > 0) {
        html += fmt::format("; previous {} (<a href=\"{}\">compare</a>)",
                            pages::ResolutionLink(s->symbols[i - 1], s->symbols[i - 1]),
                            pages::CompareHref(s->symbols[i - 1], r.symbol));
      }
      if (i + 1 < s->symbols.size()) {
        html += "; next " + pages::ResolutionLink(s->symbols[i + 1], s->symbols[i + 1]);
      }
    }
    fact("Series", html);
  }
  return out + "</dl>\n";
}

std::string Notes(const Resolution& r, const ResolutionPageContext& context) {
  std::string out;
  if (!r.footnotes.empty()) {
    out += "<section id=\"footnotes\"><h2>Footnotes</h2>\n<ol class=\"footnotes\">\n";
    for (const Footnote& f : r.footnotes) {
      out += fmt::format("<li id=\"fn-{0}\" value=\"{0}\">{1}</li>\n", f.number, HtmlEscape(f.text));
    }
    out += "</ol></section>\n";
  }
  if (!r.citations.empty()) {
    out += "<section id=\"citations\"><h2>Resolutions cited</h2>\n<ul>\n";
    for (size_t i = 0; i < r.citations.size(); ++i) {
      const Citation& c = r.citations[i];
      const bool linked = i < context.citation_archived.size() && context.citation_archived[i];
      out += "<li>" + (linked ? pages::ResolutionLink(c.symbol, c.symbol) : HtmlEscape(c.symbol));
      if (!c.date.empty()) out += " of " + HtmlEscape(c.date);
      out += "</li>\n";
    }
    out += "</ul></section>\n";
  }
  if (!r.warnings.empty()) {
    out += "<section id=\"warnings\"><h2>Parser warnings</h2>\n<ul>\n";
    for (const std::string& w : r.warnings) out += "<li>" + HtmlEscape(w) + "</li>\n";
    out += "</ul></section>\n";
  }
  return out;
}

// ---- blame ---------------------------------------------------------------------------------

std::string Lineage(const history::BlameParagraph& p) {
  if (p.lineage.empty()) return "";
  std::string out = "<ol class=\"lineage\">\n";
  for (size_t k = 0; k < p.lineage.size(); ++k) {
    const history::LineageEntry& e = p.lineage[k];
    const std::string& newer_text = k == 0 ? p.text : p.lineage[k - 1].text;
    const std::string& newer_symbol = k == 0 ? p.since : p.lineage[k - 1].symbol;
    out += fmt::format(
        "<li><span class=\"from\">from {} until {} (<a href=\"{}\">compare</a>):</span> {}</li>\n",
        pages::ResolutionLink(e.symbol, ShortSymbol(e.symbol)),
        pages::ResolutionLink(newer_symbol, ShortSymbol(newer_symbol)),
        pages::CompareHref(e.symbol, newer_symbol), EditsHtml(DiffWords(e.text, newer_text)));
  }
  return out + "</ol>";
}

}  // namespace

std::string ResolutionPage(const Resolution& r, const ResolutionPageContext& context) {
  PageParts parts;
  parts.title = r.symbol;
  parts.api = PagePath("/api/resolution/", r.symbol);
  std::string& b = parts.body;
  b = fmt::format("<h1>{}</h1>\n<p class=\"title\">{}</p>\n", HtmlEscape(r.symbol),
                  HtmlEscape(r.title.empty() ? "(no title)" : r.title));
  b += Facts(r, context);
  b += fmt::format("<p><a href=\"{}\">Lineage of every paragraph</a> · <a href=\"/compare?from="
                   "{}\">Compare with another resolution</a></p>\n",
                   pages::BlameHref(r.symbol), HtmlEscape(QueryEscape(r.symbol)));
  size_t position = 0;
  auto section = [&](const char* id, const std::string& heading, const std::vector<Paragraph>& ps,
                     size_t first, size_t count) {
    if (count == 0) return;
    b += fmt::format("<section class=\"{}\"><h2>{}</h2>\n", id, HtmlEscape(heading));
    for (size_t i = first; i < first + count; ++i) b += RecordParagraph(r, ps[i], position++);
    b += "</section>\n";
  };
  section("preamble", "Preamble", r.preamble, 0, r.preamble.size());
  section("operative", "Operative paragraphs", r.operative, 0, r.operative.size());
  size_t first = 0;
  for (const auto& [title, count] : AnnexSizes(r)) {
    section("annex", title.empty() ? std::string("Annex") : "Annex: " + title, r.annex, first, count);
    first += count;
  }
  if (position == 0) b += "<p class=\"none\">No paragraphs were found in this release.</p>\n";
  b += Notes(r, context);
  return pages::Frame(parts);
}

std::string BlamePage(const history::BlameView& blame) {
  const history::SeriesHistory& h = blame.history;
  PageParts parts;
  parts.title = "Lineage of " + blame.symbol;
  parts.api = PagePath("/api/blame/", blame.symbol);
  std::string& b = parts.body;
  b = fmt::format("<h1>Lineage of {}</h1>\n", pages::ResolutionLink(blame.symbol, blame.symbol));
  if (!h.records.empty()) {
    b += fmt::format("<p class=\"title\">{}</p>\n", HtmlEscape(h.records.back().title));
  }
  b += fmt::format(
      "<p class=\"meta\">Series <a href=\"{}\">{}</a>, {} resolution{} up to this one. For every "
      "paragraph: the resolution where its present wording first appeared, then each earlier "
      "wording with the words that changed on the way to the next (<del>deleted</del>, "
      "<ins>inserted</ins>).</p>\n",
      pages::SeriesHref(h.series.key), HtmlEscape(h.series.name), h.records.size(),
      h.records.size() == 1 ? "" : "s");
  const char* open_section = nullptr;
  for (size_t i = 0; i < blame.paragraphs.size(); ++i) {
    const history::BlameParagraph& p = blame.paragraphs[i];
    if (open_section != SectionName(p.section)) {
      if (open_section != nullptr) b += "</section>\n";
      open_section = SectionName(p.section);
      std::string heading = open_section;
      heading[0] = static_cast<char>(heading[0] - 'a' + 'A');
      b += fmt::format("<section class=\"{}\"><h2>{}</h2>\n", open_section, heading);
    }
    b += fmt::format(
        "<div class=\"para\" id=\"{}\"><span class=\"num\">{}</span><div class=\"text\"><p>{}</p>"
        "{}</div><span class=\"side\">since {}</span></div>\n",
        pages::ParagraphId(i), NumberLabel(p.number), TextWithMarkers(p.text, p.lead, {}), Lineage(p),
        pages::ResolutionLink(p.since, ShortSymbol(p.since)));
  }
  if (open_section != nullptr) b += "</section>\n";
  return pages::Frame(parts);
}

}  // namespace recital::render

// serve's series pages: the index of every series, and one series as a chart and a timeline.
#include <fmt/format.h>

#include <algorithm>

#include "render/pages_internal.h"
#include "render/render.h"
#include "schema/symbol.h"

namespace recital::render {
namespace {

using pages::PageParts;

uint32_t SessionOfSymbol(const std::string& symbol) {
  std::optional<Symbol> s = ParseSymbol(symbol);
  return s ? s->session : 0;
}

std::string SessionRange(const Series& s) {
  if (s.symbols.empty()) return "";
  const uint32_t first = SessionOfSymbol(s.symbols.front());
  const uint32_t last = SessionOfSymbol(s.symbols.back());
  if (first == 0 || last == 0) return "";
  return first == last ? fmt::format(", session {}", first)
                       : fmt::format(", sessions {}–{}", first, last);
}

// Shows only the series whose text holds the filter (case-insensitive); the count follows.
constexpr const char* kFilterScript = R"js((function () {
  var box = document.getElementById('filter');
  var items = document.querySelectorAll('#series-list > li');
  var shown = document.getElementById('shown');
  function apply() {
    var q = box.value.trim().toLowerCase(), n = 0;
    for (var i = 0; i < items.length; i++) {
      var hit = !q || items[i].textContent.toLowerCase().indexOf(q) >= 0;
      items[i].hidden = !hit;
      if (hit) n++;
    }
    shown.textContent = n;
  }
  box.addEventListener('input', apply);
  apply();
})();
)js";

// ---- the chart ---------------------------------------------------------------------------

constexpr const char* kSubstantiveColour = "#1f5fa8";
constexpr const char* kTechnicalColour = "#e0a526";

// Bars of changed paragraphs per session, substantive below technical, on a scale from 0 to
// the largest total; the first session has no bar (nothing to compare with).
std::string ChangeChart(const history::LogView& log) {
  const auto& rows = log.rows;
  constexpr int kBar = 26, kGap = 14, kLeft = 44, kTop = 18, kPlot = 160, kBottom = 34;
  size_t max_total = 1;
  for (const history::SessionRow& r : rows) {
    if (r.has_previous)
      max_total = std::max(max_total, SubstantiveChanges(r.summary) + r.summary.technical);
  }
  const int width = kLeft + int(rows.size()) * (kBar + kGap) + kGap;
  const int height = kTop + kPlot + kBottom;
  const int base = kTop + kPlot;
  std::string out = fmt::format(
      "<svg class=\"changes\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-labelledby=\"chart-title\">\n"
      "<title id=\"chart-title\">Changed paragraphs per session of {2}</title>\n",
      width, height, HtmlEscape(log.series.name));
  std::vector<size_t> ticks = {0};
  if (max_total / 2 > 0 && max_total / 2 < max_total) ticks.push_back(max_total / 2);
  ticks.push_back(max_total);
  for (size_t tick : ticks) {
    const double y = base - double(kPlot) * double(tick) / double(max_total);
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ccc\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">{}</text>\n",
        kLeft, width - kGap / 2, y, y, kLeft - 6, y + 4, tick);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const history::SessionRow& r = rows[i];
    const int x = kLeft + kGap + int(i) * (kBar + kGap);
    const int centre = x + kBar / 2;
    const std::string label = r.session ? std::to_string(r.session) : ShortSymbol(r.symbol);
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
        centre, base + 15, HtmlEscape(label));
    if (!r.has_previous) {
      out += fmt::format(
          "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#777\">first"
          "</text>\n",
          centre, base - 4);
      continue;
    }
    const size_t substantive = SubstantiveChanges(r.summary);
    const size_t technical = r.summary.technical;
    const double h_sub = double(kPlot) * double(substantive) / double(max_total);
    const double h_tech = double(kPlot) * double(technical) / double(max_total);
    out += fmt::format(
        "<a href=\"{}\"><g class=\"bar\" data-session=\"{}\"><title>{}: {} substantive, {} "
        "technical ({})</title>\n"
        "<rect class=\"substantive\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" "
        "fill=\"{}\"/>\n"
        "<rect class=\"technical\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" "
        "fill=\"{}\"/></g></a>\n"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{}"
        "</text>\n",
        pages::CompareHref(rows[i - 1].symbol, r.symbol), HtmlEscape(label),
        HtmlEscape(r.symbol), substantive, technical, HtmlEscape(SummaryLine(r.summary)), x,
        base - h_sub, kBar, h_sub, kSubstantiveColour, x, base - h_sub - h_tech, kBar, h_tech,
        kTechnicalColour, centre, base - h_sub - h_tech - 4, substantive + technical);
  }
  return out + "</svg>\n";
}

std::string TimelineRow(const history::LogView& log, size_t i) {
  const history::SessionRow& r = log.rows[i];
  std::string out = fmt::format(
      "<tr id=\"session-{}\"><td class=\"n\">{}</td><td>{}<div class=\"title\">{}</div></td>"
      "<td>{}</td>",
      i + 1, r.session ? std::to_string(r.session) : "?", pages::ResolutionLink(r.symbol, r.symbol),
      HtmlEscape(r.title), r.adoption_date.empty() ? "?" : HtmlEscape(r.adoption_date));
  if (r.has_previous) {
    out += fmt::format(
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td>"
        "<td><a href=\"{}\">compare with {}</a> · <a href=\"{}\">lineage</a></td></tr>\n",
        SubstantiveChanges(r.summary), r.summary.technical, HtmlEscape(SummaryLine(r.summary)),
        pages::CompareHref(log.rows[i - 1].symbol, r.symbol),
        HtmlEscape(ShortSymbol(log.rows[i - 1].symbol)), pages::BlameHref(r.symbol));
  } else {
    out += fmt::format(
        "<td class=\"n\">–</td><td class=\"n\">–</td><td class=\"none\">first of the series</td>"
        "<td><a href=\"{}\">lineage</a></td></tr>\n",
        pages::BlameHref(r.symbol));
  }
  return out;
}

}  // namespace

size_t SubstantiveChanges(const DiffSummary& s) {
  const size_t reworded = s.reworded >= s.technical ? s.reworded - s.technical : 0;
  return reworded + s.added + s.removed + s.split + s.merged;
}

std::string IndexPage(const std::vector<Series>& all, std::string_view filter) {
  size_t resolutions = 0;
  for (const Series& s : all) resolutions += s.symbols.size();
  PageParts parts;
  parts.title = "Series";
  parts.api = "/api/series";
  std::string& b = parts.body;
  b = fmt::format("<h1>Series</h1>\n<p class=\"meta\">{} series, {} resolution{} in this "
                  "archive. A series is one subject carried from session to session.</p>\n",
                  all.size(), resolutions, resolutions == 1 ? "" : "s");
  if (all.empty()) {
    b += "<p class=\"none\">Nothing archived yet: add releases with <code>recital ingest</code>."
         "</p>\n";
    return pages::Frame(parts);
  }
  b += fmt::format(
      "<p><label>Filter: <input type=\"search\" id=\"filter\" value=\"{}\" "
      "placeholder=\"name, key or symbol\" autocomplete=\"off\"></label> "
      "<span class=\"meta\"><span id=\"shown\">{}</span> shown</span></p>\n"
      "<ol class=\"series\" id=\"series-list\">\n",
      HtmlEscape(filter), all.size());
  for (const Series& s : all) {
    b += fmt::format(
        "<li><a class=\"name\" href=\"{}\">{}</a> <code>{}</code> <span class=\"meta\">{} "
        "resolution{}{}</span><br><span class=\"members\">",
        pages::SeriesHref(s.key), HtmlEscape(s.name), HtmlEscape(s.key), s.symbols.size(),
        s.symbols.size() == 1 ? "" : "s", SessionRange(s));
    for (const std::string& sym : s.symbols) b += pages::ResolutionLink(sym, ShortSymbol(sym));
    b += "</span></li>\n";
  }
  b += "</ol>\n";
  parts.script = kFilterScript;
  return pages::Frame(parts);
}

std::string SeriesPage(const history::LogView& log) {
  const auto& rows = log.rows;
  PageParts parts;
  parts.title = log.series.name;
  parts.api = PagePath("/api/log/", log.series.key);
  std::string& b = parts.body;
  b = fmt::format("<h1>{}</h1>\n<p class=\"meta\">Series <code>{}</code>, {} session{}", HtmlEscape(log.series.name),
                  HtmlEscape(log.series.key), rows.size(), rows.size() == 1 ? "" : "s");
  if (!rows.empty()) {
    b += fmt::format(", {} to {}", pages::ResolutionLink(rows.front().symbol, rows.front().symbol),
                     pages::ResolutionLink(rows.back().symbol, rows.back().symbol));
  }
  b += ".</p>\n";
  b += fmt::format(
      "<figure class=\"chart\">\n{}<figcaption>Changed paragraphs of each session against the "
      "previous one: <span class=\"swatch\" style=\"background:{}\"></span>substantive "
      "(reworded, added, removed, split, merged) and <span class=\"swatch\" "
      "style=\"background:{}\"></span>technical (only symbols, dates and session numbers "
      "changed). A bar opens the comparison.</figcaption>\n</figure>\n",
      ChangeChart(log), kSubstantiveColour, kTechnicalColour);
  b += "<h2>Sessions</h2>\n<table class=\"timeline\"><thead><tr><th>Session</th><th>Resolution"
       "</th><th>Adopted</th><th>Substantive</th><th>Technical</th><th>Against the previous "
       "session</th><th></th></tr></thead><tbody>\n";
  for (size_t i = 0; i < rows.size(); ++i) b += TimelineRow(log, i);
  b += "</tbody></table>\n";
  return pages::Frame(parts);
}

}  // namespace recital::render

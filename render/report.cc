// Change reports of a series: Markdown, HTML, JSON, and one pair for a terminal.
#include <fmt/format.h>

#include "render/internal.h"
#include "render/render.h"

namespace recital::render {
namespace {

using history::SeriesHistory;
using history::SessionRow;

std::string RefLabel(const ParagraphRef& r) {
  return fmt::format("{} {}", SectionName(r.section),
                     r.number.empty() ? std::to_string(r.index + 1) : r.number);
}

std::string RefsLabel(const std::vector<ParagraphRef>& refs) {
  std::string out;
  for (const ParagraphRef& r : refs) out += (out.empty() ? "" : " + ") + RefLabel(r);
  return out;
}

std::string StatusPhrase(const Change& c) {
  const bool only_moved = c.status == ChangeStatus::kUnchanged && c.moved;
  std::string s = only_moved ? "moved" : ChangeStatusName(c.status);
  if (c.technical) s += ", technical";
  if (c.truncated) s += ", cut off in one copy";
  if (c.moved && !only_moved) s += ", moved";
  if (c.lead_changed) s += ", lead changed";
  return s;
}

// The edit script of a change; added/removed paragraphs without edits get one whole edit.
std::vector<Edit> EditsOf(const Change& c) {
  if (!c.edits.empty()) return c.edits;
  std::vector<Edit> out;
  for (const ParagraphRef& f : c.from) out.push_back({EditOp::kDelete, f.text});
  for (const ParagraphRef& t : c.to) out.push_back({EditOp::kInsert, t.text});
  if (c.status == ChangeStatus::kUnchanged && !c.to.empty()) out = {{EditOp::kEqual, c.to[0].text}};
  return out;
}

std::string PairTitle(const SeriesHistory& h, size_t pair) {
  return fmt::format("{} → {}", h.records[pair].symbol, h.records[pair + 1].symbol);
}

std::string SessionLabel(const Resolution& r) {
  return r.session ? fmt::format("session {}", r.session) : std::string("session ?");
}

// ---- Markdown --------------------------------------------------------------------------

std::string MdOverview(const SeriesHistory& h) {
  std::string out =
      "| Symbol | Session | Adopted | Unchanged | Reworded | Technical | Added | Removed | Moved | "
      "Split | Merged |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const SessionRow& r : history::OverviewRows(h)) {
    const DiffSummary& s = r.summary;
    std::string counts = r.has_previous ? fmt::format("{} | {} | {} | {} | {} | {} | {} | {}",
                                                      s.unchanged, s.reworded, s.technical, s.added,
                                                      s.removed, s.moved, s.split, s.merged)
                                        : "– | – | – | – | – | – | – | –";
    out += fmt::format("| {} | {} | {} | {} |\n", r.symbol,
                       r.session ? std::to_string(r.session) : "?",
                       r.adoption_date.empty() ? "?" : r.adoption_date, counts);
  }
  return out;
}

// "No paragraph changed." or, when --substantive hid technical changes, says so.
std::string NothingShown(const DiffResult& d) {
  if (d.summary.technical == 0) return "No paragraph changed.";
  return fmt::format("No substantive change ({} technical change{} not shown).",
                     d.summary.technical, d.summary.technical == 1 ? "" : "s");
}

std::string MdChange(const Change& c) {
  std::string out = fmt::format("### {} — {}\n\n", ChangeLabel(c), StatusPhrase(c));
  if (c.lead_changed && !c.from.empty() && !c.to.empty()) {
    out += fmt::format("> **Lead phrase changed:** \"{}\" → \"{}\"\n\n",
                       MarkdownEscape(c.from[0].lead), MarkdownEscape(c.to[0].lead));
  }
  out += EditsMarkdown(EditsOf(c)) + "\n\n";
  return out;
}

// ---- HTML ------------------------------------------------------------------------------

constexpr const char* kCss = R"css(
body{font-family:Georgia,"Times New Roman",serif;max-width:78rem;margin:2rem auto;padding:0 1rem;
  line-height:1.45;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.25rem;border-bottom:1px solid #bbb;
  margin-top:2.5rem} .meta{color:#555}
nav.toc{background:#f5f5f5;border:1px solid #ddd;padding:.4rem 1.2rem;margin:1rem 0}
nav.toc h2{border:0;margin:.4rem 0;font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f0f0f0} td.n{text-align:right;font-variant-numeric:tabular-nums}
table.sbs td.old,table.sbs td.new{width:43%} table.sbs td.label{width:14%;font-size:.9rem}
.status{display:block;color:#555;font-style:italic}
del{background:#ffd7d5;color:#82071e;text-decoration:line-through}
ins{background:#ccf2d0;color:#055d20;text-decoration:underline}
.lead-change{border-left:4px solid #b08800;background:#fff8c5;padding:.25rem .6rem;margin:.3rem 0}
.none{color:#777;font-style:italic}
tr.technical td{background:#f7f7f7} tr.technical .status{color:#777}
@media print{
  body{max-width:none;margin:0;font-size:10pt}
  nav.toc{break-after:page}
  section.pair{break-before:page}
  tr{break-inside:avoid}
  a{color:inherit;text-decoration:none}
  del,ins{background:none;color:#000}
  del{text-decoration:line-through}
  ins{text-decoration:underline;font-weight:bold}
  del::before{content:"[-"} del::after{content:"-]"}
  ins::before{content:"{+"} ins::after{content:"+}"}
  .lead-change{background:none;border-left:3px solid #000}
}
)css";

// Old or new side of a change: the equal words and that side's deleted/inserted words.
std::string HtmlSide(const std::vector<Edit>& edits, bool old_side) {
  std::string out;
  for (const Edit& e : edits) {
    if (e.op == EditOp::kEqual) {
      out += HtmlEscape(e.text);
    } else if (e.op == EditOp::kDelete && old_side) {
      out += "<del>" + HtmlEscape(e.text) + "</del>";
    } else if (e.op == EditOp::kInsert && !old_side) {
      out += "<ins>" + HtmlEscape(e.text) + "</ins>";
    }
  }
  return out;
}

std::string HtmlChangeRow(const Change& c) {
  std::vector<Edit> edits = EditsOf(c);
  std::string row = fmt::format("<tr{}><td class=\"label\">{}<span class=\"status\">{}</span></td>",
                                c.technical ? " class=\"technical\"" : "",
                                HtmlEscape(ChangeLabel(c)), HtmlEscape(StatusPhrase(c)));
  std::string callout;
  if (c.lead_changed && !c.from.empty() && !c.to.empty()) {
    callout = fmt::format(
        "<p class=\"lead-change\"><strong>Lead phrase changed:</strong> <del>{}</del> → "
        "<ins>{}</ins></p>",
        HtmlEscape(c.from[0].lead), HtmlEscape(c.to[0].lead));
  }
  std::string old_text, new_text;
  for (const Edit& e : edits) {
    if (e.op != EditOp::kInsert) old_text += e.text;
    if (e.op != EditOp::kDelete) new_text += e.text;
  }
  row += c.from.empty() ? "<td class=\"old none\">(not present)</td>"
                        : "<td class=\"old\"" + HtmlDirAttribute(old_text) + ">" + HtmlSide(edits, true) + "</td>";
  row += c.to.empty() ? "<td class=\"new none\">(removed)</td>"
                      : "<td class=\"new\"" + HtmlDirAttribute(new_text) + ">" + callout + HtmlSide(edits, false) +
                            "</td>";
  return row + "</tr>\n";
}

std::string HtmlOverview(const SeriesHistory& h) {
  std::string out =
      "<table class=\"overview\"><thead><tr><th>Symbol</th><th>Session</th><th>Adopted</th>"
      "<th>Unchanged</th><th>Reworded</th><th>Technical</th><th>Added</th><th>Removed</th>"
      "<th>Moved</th><th>Split</th><th>Merged</th></tr></thead><tbody>\n";
  for (const SessionRow& r : history::OverviewRows(h)) {
    out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td>", HtmlEscape(r.symbol),
                       r.session ? std::to_string(r.session) : "?",
                       r.adoption_date.empty() ? "?" : HtmlEscape(r.adoption_date));
    const DiffSummary& s = r.summary;
    for (size_t n :
         {s.unchanged, s.reworded, s.technical, s.added, s.removed, s.moved, s.split, s.merged}) {
      out += r.has_previous ? fmt::format("<td class=\"n\">{}</td>", n) : "<td class=\"n\">–</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string HtmlPair(const SeriesHistory& h, size_t i, bool substantive) {
  const Resolution& a = h.records[i];
  const Resolution& b = h.records[i + 1];
  std::string out = fmt::format(
      "<section class=\"pair\" id=\"pair-{}\">\n<h2>{}</h2>\n<p class=\"meta\">From {} ({}) to {} "
      "({}): {}.</p>\n",
      i + 1, HtmlEscape(PairTitle(h, i)), HtmlEscape(SessionLabel(a)),
      a.adoption_date.empty() ? "date unknown" : HtmlEscape(a.adoption_date),
      HtmlEscape(SessionLabel(b)),
      b.adoption_date.empty() ? "date unknown" : HtmlEscape(b.adoption_date),
      HtmlEscape(SummaryLine(h.diffs[i].summary)));
  std::string rows;
  for (const Change& c : h.diffs[i].changes) {
    if (IsReportedChange(c, substantive)) rows += HtmlChangeRow(c);
  }
  if (rows.empty())
    return out + "<p>" + HtmlEscape(NothingShown(h.diffs[i])) + "</p>\n</section>\n";
  out += fmt::format(
      "<table class=\"sbs\"><thead><tr><th>Paragraph</th><th>{} ({})</th><th>{} ({})</th></tr>"
      "</thead><tbody>\n",
      HtmlEscape(a.symbol), HtmlEscape(SessionLabel(a)), HtmlEscape(b.symbol),
      HtmlEscape(SessionLabel(b)));
  return out + rows + "</tbody></table>\n</section>\n";
}

}  // namespace

bool IsReportedChange(const Change& c, bool substantive) {
  if (substantive && c.technical && !c.moved) return false;
  return c.status != ChangeStatus::kUnchanged || c.moved;
}

std::string ChangeLabel(const Change& c) {
  const std::vector<ParagraphRef>& now = c.to.empty() ? c.from : c.to;
  std::string label = RefsLabel(now);
  if (c.to.empty()) label += " (old numbering)";
  if (!c.from.empty() && !c.to.empty()) {
    std::string was = RefsLabel(c.from);
    if (was != label) label += " (was " + was + ")";
  }
  if (!label.empty()) label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

std::string ReportMarkdown(const SeriesHistory& h, bool substantive) {
  std::string out = fmt::format("# Change report: {}\n\n", MarkdownEscape(h.series.name));
  out += fmt::format("Series `{}`, {} resolution{}", h.series.key, h.records.size(),
                     h.records.size() == 1 ? "" : "s");
  if (!h.records.empty()) {
    out += fmt::format(", {} to {}", h.records.front().symbol, h.records.back().symbol);
  }
  out += ".\nChanged words are marked [-deleted-] and {+inserted+}";
  out += substantive ? "; technical changes (symbols, dates, session numbers only) are not "
                       "listed, only counted.\n\n## Contents\n\n"
                     : ".\n\n## Contents\n\n";
  out += "- Overview\n";
  for (size_t i = 0; i < h.diffs.size(); ++i) {
    out += fmt::format("- {}: {}\n", PairTitle(h, i), SummaryLine(h.diffs[i].summary));
  }
  out += "\n## Overview\n\n" + MdOverview(h);
  for (size_t i = 0; i < h.diffs.size(); ++i) {
    const Resolution& a = h.records[i];
    const Resolution& b = h.records[i + 1];
    if (!out.ends_with("\n\n")) out += "\n";
    out += fmt::format("## {}\n\nFrom {} ({}) to {} ({}): {}.\n\n", PairTitle(h, i),
                       SessionLabel(a), a.adoption_date.empty() ? "date unknown" : a.adoption_date,
                       SessionLabel(b), b.adoption_date.empty() ? "date unknown" : b.adoption_date,
                       SummaryLine(h.diffs[i].summary));
    bool any = false;
    for (const Change& c : h.diffs[i].changes) {
      if (!IsReportedChange(c, substantive)) continue;
      out += MdChange(c);
      any = true;
    }
    if (!any && substantive) out += NothingShown(h.diffs[i]) + "\n\n";
  }
  return out;
}

std::string ReportHtml(const SeriesHistory& h, bool substantive) {
  std::string title = "Change report: " + h.series.name;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"generator\" content=\"Recital change report\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
      HtmlEscape(title), kCss, HtmlEscape(title));
  out += fmt::format(
      "<p class=\"meta\">Series <code>{}</code>, {} resolution{}{}. Deleted words "
      "are <del>struck through</del>, inserted words <ins>underlined</ins>{}.</p>\n",
      HtmlEscape(h.series.key), h.records.size(), h.records.size() == 1 ? "" : "s",
      h.records.empty() ? ""
                        : ", " + HtmlEscape(h.records.front().symbol) + " to " +
                              HtmlEscape(h.records.back().symbol),
      substantive ? "; technical changes (symbols, dates, session numbers only) are not listed, "
                    "only counted"
                  : "");
  out +=
      "<nav class=\"toc\" id=\"contents\">\n<h2>Contents</h2>\n<ol>\n"
      "<li><a href=\"#overview\">Overview</a></li>\n";
  for (size_t i = 0; i < h.diffs.size(); ++i) {
    out += fmt::format("<li><a href=\"#pair-{}\">{}</a>: {}</li>\n", i + 1,
                       HtmlEscape(PairTitle(h, i)), HtmlEscape(SummaryLine(h.diffs[i].summary)));
  }
  out += "</ol>\n</nav>\n<section id=\"overview\">\n<h2>Overview</h2>\n" + HtmlOverview(h) +
         "</section>\n";
  for (size_t i = 0; i < h.diffs.size(); ++i) out += HtmlPair(h, i, substantive);
  return out + "</body>\n</html>\n";
}

nlohmann::json ReportJson(const SeriesHistory& h, bool substantive) {
  nlohmann::json sessions = SessionsJson(history::OverviewRows(h));
  nlohmann::json pairs = nlohmann::json::array();
  for (size_t i = 0; i < h.diffs.size(); ++i) {
    // The change objects of `recital diff --format json`, changed paragraphs only.
    nlohmann::json all = DiffJson(h.diffs[i]);
    nlohmann::json changes = nlohmann::json::array();
    for (size_t k = 0; k < h.diffs[i].changes.size(); ++k) {
      if (IsReportedChange(h.diffs[i].changes[k], substantive)) {
        changes.push_back(all["changes"][k]);
      }
    }
    pairs.push_back({{"from", h.records[i].symbol},
                     {"to", h.records[i + 1].symbol},
                     {"summary", SummaryJson(h.diffs[i].summary)},
                     {"changes", changes}});
  }
  return {{"series", {{"key", h.series.key}, {"name", h.series.name}}},
          {"sessions", sessions},
          {"pairs", pairs}};
}

std::string PairText(const SeriesHistory& h, size_t pair, bool colour, bool substantive) {
  const Palette p(colour);
  const char* bold = p.bold;
  const char* reset = p.reset;
  std::string out = fmt::format("{}{}{}: {}\n", bold, PairTitle(h, pair), reset,
                                SummaryLine(h.diffs[pair].summary));
  for (const Change& c : h.diffs[pair].changes) {
    if (!IsReportedChange(c, substantive)) continue;
    out += fmt::format("\n{}{}{} ({})\n", bold, ChangeLabel(c), reset, StatusPhrase(c));
    if (c.lead_changed && !c.from.empty() && !c.to.empty()) {
      out += fmt::format("  lead phrase changed: \"{}\" -> \"{}\"\n", c.from[0].lead, c.to[0].lead);
    }
    out += "  " + EditsText(EditsOf(c), colour) + "\n";
  }
  return out;
}

}  // namespace recital::render

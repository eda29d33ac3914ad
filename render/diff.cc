// Text, Markdown, HTML and JSON renderings of a resolution diff.
#include <fmt/format.h>

#include <cmath>

#include "render/internal.h"
#include "render/render.h"

namespace recital::render {
namespace {

// Not shown as a change: unchanged in place, or with --substantive a technical update.
bool Quiet(const Change& c, bool substantive) { return !IsReportedChange(c, substantive); }

// "reworded PP2 -> PP3 (similarity 0.82, moved, lead changed: A -> B)"
std::string Header(const Change& c) {
  std::string h = ChangeStatusName(c.status);
  if (!c.from.empty() && !c.to.empty()) {
    h += " " + ParagraphLabels(c.from) + " -> " + ParagraphLabels(c.to);
  } else if (!c.to.empty()) {
    h += " " + ParagraphLabels(c.to);
  } else {
    h += " " + ParagraphLabels(c.from);
  }
  std::vector<std::string> notes;
  if (c.status != ChangeStatus::kAdded && c.status != ChangeStatus::kRemoved &&
      c.status != ChangeStatus::kUnchanged)
    notes.push_back(fmt::format("similarity {:.2f}", c.similarity));
  if (c.technical) notes.push_back("technical");
  if (c.truncated) notes.push_back("cut off in one copy");
  if (c.moved) notes.push_back("moved");
  if (c.lead_changed)
    notes.push_back("lead changed: " + c.from.front().lead + " -> " + c.to.front().lead);
  if (!notes.empty()) {
    h += " (";
    for (size_t i = 0; i < notes.size(); ++i) h += (i ? ", " : "") + notes[i];
    h += ")";
  }
  return h;
}

std::string PlainText(const Change& c) {
  return c.to.empty() ? c.from.front().text : c.to.front().text;
}

nlohmann::json RefJson(const ParagraphRef& r) {
  return {{"section", SectionName(r.section)},
          {"index", r.index},
          {"number", r.number},
          {"lead", r.lead},
          {"text", r.text}};
}

nlohmann::json SideJson(const std::vector<ParagraphRef>& refs) {
  if (refs.empty()) return nullptr;
  if (refs.size() == 1) return RefJson(refs.front());
  nlohmann::json a = nlohmann::json::array();
  for (const ParagraphRef& r : refs) a.push_back(RefJson(r));
  return a;
}

// A run of collapsed paragraphs: unchanged ones, and technical changes under --substantive.
struct QuietRun {
  size_t unchanged = 0;
  size_t technical = 0;
};

// Calls emit(change) for shown changes and collapsed(run) for runs of quiet ones.
template <typename Emit, typename Collapsed>
void Walk(const DiffResult& diff, const DiffRenderOptions& options, Emit emit,
          Collapsed collapsed) {
  QuietRun run;
  for (const Change& c : diff.changes) {
    if (!options.all && Quiet(c, options.substantive)) {
      ++(c.status == ChangeStatus::kUnchanged ? run.unchanged : run.technical);
      continue;
    }
    if (run.unchanged + run.technical) collapsed(run);
    run = {};
    emit(c);
  }
  if (run.unchanged + run.technical) collapsed(run);
}

// "3 unchanged paragraphs", "3 unchanged paragraphs, 1 technical change", "2 technical changes"
std::string Collapsed(const QuietRun& run) {
  std::string out;
  if (run.unchanged) {
    out = std::to_string(run.unchanged) +
          (run.unchanged == 1 ? " unchanged paragraph" : " unchanged paragraphs");
  }
  if (run.technical) {
    out += (out.empty() ? "" : ", ") + std::to_string(run.technical) +
           (run.technical == 1 ? " technical change" : " technical changes");
  }
  return out;
}

}  // namespace

std::string ParagraphLabel(const ParagraphRef& ref) {
  switch (ref.section) {
    case Section::kPreamble:
      return "PP" + std::to_string(ref.index + 1);
    case Section::kOperative:
      return "OP" + (ref.number.empty() ? std::to_string(ref.index + 1) : ref.number);
    case Section::kAnnex:
      return "AN" + std::to_string(ref.index + 1);
  }
  return "?";
}

std::string ParagraphLabels(const std::vector<ParagraphRef>& refs) {
  std::string out;
  for (const ParagraphRef& r : refs) out += (out.empty() ? "" : "+") + ParagraphLabel(r);
  return out;
}

std::string SummaryLine(const DiffSummary& s) {
  std::vector<std::pair<size_t, const char*>> parts = {
      {s.reworded, "reworded"},
      {s.technical, "technical"},
      {s.added, "added"},
      {s.removed, "removed"},
      {s.split, "split"},
      {s.merged, "merged"},
      {s.moved, "moved"},
      {s.unchanged, "unchanged"},
      {s.truncated, "cut off in one copy"},
      {s.not_compared, "not compared (outside a partial copy)"}};
  std::string out;
  bool changed = false;
  for (const auto& [n, name] : parts) {
    if (n == 0) continue;
    if (std::string_view(name) != "unchanged") changed = true;
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + name;
  }
  if (!changed) return out.empty() ? "no changes" : "no changes (" + out + ")";
  return out;
}

std::string DiffText(const DiffResult& diff, const DiffRenderOptions& options) {
  const Palette p(options.colour);
  std::string out =
      std::string(p.bold) + "diff " + diff.from_symbol + " -> " + diff.to_symbol + p.reset + "\n";
  Walk(
      diff, options,
      [&](const Change& ch) {
        out += "\n" + std::string(p.bold) + Header(ch) + p.reset + "\n";
        out +=
            "  " +
            (Quiet(ch, options.substantive) ? PlainText(ch) : EditsText(ch.edits, options.colour)) +
            "\n";
      },
      [&](const QuietRun& run) { out += "\n  ... " + Collapsed(run) + "\n"; });
  out += "\n" + SummaryLine(diff.summary) + "\n";
  return out;
}

// Paragraph text is escaped and marked as in a report (render.h: changed words); the
// headers are ours (labels, statuses, symbols) and stay as written.
std::string DiffMarkdown(const DiffResult& diff, const DiffRenderOptions& options) {
  std::string out = "## " + diff.from_symbol + " → " + diff.to_symbol + "\n\n";
  Walk(
      diff, options,
      [&](const Change& ch) {
        out += "**" + Header(ch) + "**\n\n> " +
               (Quiet(ch, options.substantive) ? MarkdownEscape(PlainText(ch))
                                               : EditsMarkdown(ch.edits)) +
               "\n\n";
      },
      [&](const QuietRun& run) { out += "*… " + Collapsed(run) + "*\n\n"; });
  out += "Summary: " + SummaryLine(diff.summary) + "\n";
  return out;
}

std::string DiffHtmlFragment(const DiffResult& diff, const DiffRenderOptions& options) {
  std::string out = "<section class=\"recital-diff\">\n<h2>" + HtmlEscape(diff.from_symbol) +
                    " &rarr; " + HtmlEscape(diff.to_symbol) + "</h2>\n";
  Walk(
      diff, options,
      [&](const Change& ch) {
        out += "<div class=\"change " + std::string(ChangeStatusName(ch.status)) +
               (ch.technical ? " technical" : "") + "\"><h3>" + HtmlEscape(Header(ch)) +
               "</h3><p" + HtmlDirAttribute(PlainText(ch)) + ">" +
               (Quiet(ch, options.substantive) ? HtmlEscape(PlainText(ch)) : EditsHtml(ch.edits)) +
               "</p></div>\n";
      },
      [&](const QuietRun& run) {
        out += "<p class=\"collapsed\">&hellip; " + Collapsed(run) + "</p>\n";
      });
  out += "<p class=\"summary\">" + HtmlEscape(SummaryLine(diff.summary)) + "</p>\n</section>\n";
  return out;
}

std::string DiffHtml(const DiffResult& diff, const DiffRenderOptions& options) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
         HtmlEscape(diff.from_symbol + " -> " + diff.to_symbol) +
         "</title>\n<style>body{font-family:serif;max-width:50em;margin:auto}"
         "del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:none}"
         ".collapsed{color:#777}h3{font-size:1em;font-family:sans-serif}"
         ".technical h3{color:#666;font-weight:normal}</style></head>\n<body>\n" +
         DiffHtmlFragment(diff, options) + "</body></html>\n";
}

nlohmann::json SummaryJson(const DiffSummary& s) {
  return {{"unchanged", s.unchanged}, {"reworded", s.reworded},
          {"added", s.added},         {"removed", s.removed},
          {"split", s.split},         {"merged", s.merged},
          {"moved", s.moved},         {"technical", s.technical},
          {"truncated", s.truncated}, {"not_compared", s.not_compared}};
}

nlohmann::json DiffJson(const DiffResult& diff, bool substantive) {
  nlohmann::json changes = nlohmann::json::array();
  for (const Change& c : diff.changes) {
    if (substantive && c.status != ChangeStatus::kUnchanged && !IsReportedChange(c, true)) continue;
    nlohmann::json edits = nlohmann::json::array();
    for (const Edit& e : c.edits) edits.push_back({{"op", EditOpName(e.op)}, {"text", e.text}});
    changes.push_back({{"status", ChangeStatusName(c.status)},
                       {"moved", c.moved},
                       {"lead_changed", c.lead_changed},
                       {"technical", c.technical},
                       {"truncated", c.truncated},
                       {"similarity", std::round(c.similarity * 1000.0) / 1000.0},
                       {"section", SectionName(c.section)},
                       {"from", SideJson(c.from)},
                       {"to", SideJson(c.to)},
                       {"edits", std::move(edits)}});
  }
  return {{"from", {{"symbol", diff.from_symbol}}},
          {"to", {{"symbol", diff.to_symbol}}},
          {"changes", std::move(changes)},
          {"summary", SummaryJson(diff.summary)}};
}

}  // namespace recital::render

// The session-to-session change report of a follow-up series (`recital report`, `recital
// demo`): an overview table (one row per session: symbol, date, counts against the previous
// session), then for each pair of consecutive resolutions every changed paragraph with its
// word-level changes, lead-phrase changes called out.
//
// Formats:
//   Markdown  readable as plain text: words marked git-word-diff style, [-deleted-] and
//             {+inserted+}; a contents list; no HTML.
//   HTML      one self-contained file: inline CSS, nothing loaded from the network, no
//             JavaScript. Old and new side by side (<del>/<ins>, marked by colour AND by
//             strike-through/underline and bracket marks so they survive black-and-white
//             print), a table of contents linking to each pair, lead changes in a callout
//             (<p class="lead-change">).
//   JSON      {"series": {"key", "name"}, "sessions": [{"symbol", "session", "adoption_date",
//             "title", "changes": null | {"unchanged", "reworded", "added", "removed", "moved",
//             "split", "merged"}}], "pairs": [{"from", "to", "summary": {...same counts},
//             "changes": [change objects of `recital diff --format json`, see
//             cli/render_diff.h]}]}. Only changed paragraphs (not unchanged-in-place ones)
//             are listed.
// Output is deterministic (no clock, no paths), so it can be compared with golden files.
// Thread safety: pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "cli/util_history.h"

namespace recital::cli {

std::string ReportMarkdown(const SeriesHistory& history);
std::string ReportHtml(const SeriesHistory& history);
nlohmann::json ReportJson(const SeriesHistory& history);

// The changes of one pair (history.diffs[pair]) for a terminal: one block per changed
// paragraph, words marked [-deleted-]{+inserted+} (in red/green when colour is true).
std::string PairText(const SeriesHistory& history, size_t pair, bool colour);

// The `recital log` table: a header line naming the series, then one line per session with
// the counts against the previous session ("-" for the first). Ends with a newline.
std::string LogText(const Series& series, const std::vector<SessionRow>& rows);

// True for changes a report lists (anything but an unchanged paragraph in place).
bool IsReportedChange(const Change& c);

// "operative 3", "preamble 5" (1-based position), with "(was operative 4)" when it moved or
// was renumbered.
std::string ChangeLabel(const Change& c);

}  // namespace recital::cli

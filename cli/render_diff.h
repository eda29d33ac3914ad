// Renders a diff::DiffResult as text, Markdown, HTML or JSON. Used by `recital diff`; reusable
// by any command that shows one resolution against another (reports, demo).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diff/diff.h"

namespace recital::cli {

struct DiffRenderOptions {
  bool colour = false;  // ANSI colours (text only); else [-old-]{+new+} markers
  bool all = false;     // show unchanged paragraphs instead of collapsing them
};

// "PP3" for the third preamble paragraph, "OP12" for operative paragraph 12 (its number, else
// its position), "AN2" for annex paragraphs; several joined with "+".
std::string ParagraphLabel(const ParagraphRef& ref);
std::string ParagraphLabels(const std::vector<ParagraphRef>& refs);

// A word diff inline: "[-old-]{+new+}" markers, or red/green ANSI colour when colour is set.
std::string EditsToText(const std::vector<Edit>& edits, bool colour);
// "~~old~~**new**" for Markdown; "<del>old</del><ins>new</ins>" (HTML-escaped) for HTML.
std::string EditsToMarkdown(const std::vector<Edit>& edits);
std::string EditsToHtml(const std::vector<Edit>& edits);

// One header line per change ("reworded PP2 -> PP3 (similarity 0.82, moved, lead changed:
// Welcomes -> Notes with concern)") and its word diff; runs of unchanged paragraphs collapsed
// into "... N unchanged paragraphs" unless options.all. Ends with a summary line.
std::string DiffToText(const DiffResult& diff, const DiffRenderOptions& options);
std::string DiffToMarkdown(const DiffResult& diff, const DiffRenderOptions& options);
// A complete, self-contained HTML document (inline CSS).
std::string DiffToHtml(const DiffResult& diff, const DiffRenderOptions& options);
// The HTML body part only (no <html>/<head>), for embedding in a larger page.
std::string DiffToHtmlFragment(const DiffResult& diff, const DiffRenderOptions& options);

// The JSON interface of `recital diff --format json`:
// {"from": {"symbol"}, "to": {"symbol"}, "changes": [{"status", "moved", "lead_changed",
//  "similarity", "section", "from": {"section", "index", "number", "lead", "text"} | [..] | null,
//  "to": ... , "edits": [{"op", "text"}]}], "summary": {"unchanged", "reworded", "added",
//  "removed", "split", "merged", "moved"}}. Every paragraph appears (unchanged ones with empty
// edits); the side holding several paragraphs of a split/merge is a list.
nlohmann::json DiffToJson(const DiffResult& diff);
nlohmann::json SummaryToJson(const DiffSummary& summary);

// "3 reworded, 1 added, 1 removed, 1 moved, 20 unchanged" (zero counts left out; "no changes"
// when nothing changed).
std::string SummaryLine(const DiffSummary& summary);

}  // namespace recital::cli

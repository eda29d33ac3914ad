// recital::render — one way to show each thing Recital computes: records, diffs, series,
// logs, blame, phrase search and change reports, as terminal text, Markdown, HTML and JSON.
// The CLI prints these strings; `recital serve` returns the same ones (JsonText of the same
// JSON values), so a JSON key documented here is one interface for both.
//
// Conventions shared by every renderer:
//   - Changed words. Text and Markdown mark a deleted run `[-old-]` and an inserted run
//     `{+new+}` (git's --word-diff style), delete before insert. Markdown escapes the words
//     (MarkdownEscape) like all paragraph text, so the marks survive any Markdown reader and
//     read the same as plain text. HTML wraps them in <del>/<ins>. On a terminal the text marks
//     become red/green (Palette).
//   - HTML: every text goes through HtmlEscape (& < > " '); pages are self-contained (inline
//     CSS, nothing from the network, no JavaScript but the filter box of serve's index page).
//   - JSON: keys are stable interfaces (README); unknown scalars are null, empty lists [].
// Thread safety: pure functions of their arguments; call from any thread. Output is
// deterministic (no clock, no paths), so it can be compared with golden files.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "diff/diff.h"
#include "history/history.h"
#include "schema/schema.h"
#include "schema/symbol.h"

namespace recital::render {

// ---- shared pieces --------------------------------------------------------------------------

// & < > " ' as entities; everything else (UTF-8 included) unchanged.
std::string HtmlEscape(std::string_view s);
// A backslash before each of * _ ` < | \ so Markdown shows them as written.
std::string MarkdownEscape(std::string_view s);

// The terminal styles Recital uses (ANSI SGR sequences), all defined here. With colour off
// every member is "" so callers can format unconditionally. Whether to use colour (a terminal,
// no NO_COLOR, TERM != dumb) is the caller's decision.
struct Palette {
  explicit Palette(bool colour);
  const char* bold;
  const char* dim;
  const char* deleted;   // red
  const char* inserted;  // green
  const char* match;     // bold red: a search hit
  const char* reset;
};

// JSON output, all of it (every command's --json, one line per result or a whole document),
// goes through these two functions, so it is always valid JSON (valid UTF-8), whatever bytes
// the values hold. File names, typed names and phrases are bytes and need not be UTF-8; the
// archive keeps them as given. A string that is not valid UTF-8 is written with each byte that
// is not part of a valid UTF-8 sequence replaced by U+FFFD, and the object holding it gains
// "<key>_bytes": the exact bytes as text, each such byte and every '%' written %XX (upper-case
// hex, as in a URI), so that percent-decoding gives the bytes back. For a list holding such a
// string, "<key>_bytes" is the whole list so written (other elements: null when not strings).
// A "<key>_bytes" key the object already has is left alone. Valid UTF-8 is never changed.
//
// j as the CLI prints it: two-space indentation, keys sorted, a final newline.
std::string JsonText(const nlohmann::json& j);
// j on one line (no indentation), keys sorted, a final newline: `ingest --json` lines.
std::string JsonLine(const nlohmann::json& j);
// j with every string repaired as above (what JsonText and JsonLine print).
nlohmann::json JsonWithValidUtf8(const nlohmann::json& j);
// True when s is valid UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view s);

// A word diff inline: `[-old-]{+new+}`, or red/green when colour is set.
std::string EditsText(const std::vector<Edit>& edits, bool colour);
// `[-old-]{+new+}` with every word MarkdownEscape'd.
std::string EditsMarkdown(const std::vector<Edit>& edits);
// <del>old</del><ins>new</ins>, every word HtmlEscape'd.
std::string EditsHtml(const std::vector<Edit>& edits);

// ---- records (`recital parse`, `recital show`) -----------------------------------------------

// Keys, always present: symbol, session, number, title, agenda_items, committee, report,
// distribution_date, adoption_date, meeting, language, layout,
// preamble [{lead, text, footnotes: [int]}],
// operative [{number, lead, text, footnotes: [int], subparagraphs: [{number, text}]}],
// footnotes [{number, text}], citations [{symbol, date}], documents [string], warnings [string].
nlohmann::json RecordJson(const Resolution& r);
// Header fields, then the paragraphs with their lead phrases, footnotes, citations and
// warnings. Ends with a newline.
std::string RecordText(const Resolution& r);

// ---- parallel language versions (`recital show --parallel`, serve's /parallel) ------------

// Two columns of `width` terminal columns in all (at least 30; CJK characters count two), "|"
// between them: each row's paragraphs side by side under its section's heading (a blank line
// between rows), sub-paragraphs indented below; "(missing)" where the other copy has a paragraph
// the structure lacks, "(not in this copy)" outside a partial copy's text, "[cut off]" after a
// cut-off paragraph.
// Ends with the count of aligned rows and each disagreement ("structure agrees" when none).
std::string ParallelText(const std::string& symbol, const ParallelResult& p, int width);
// {"symbol", "languages": [left, right], "rows": [{"section", "annex" (1-based | null),
//  "number" (both sides' | null), "coverage" ("both" | "left_only" | "right_only"),
//  "left"/"right": {"index", "number", "lead", "text", "truncated"} | null,
//  "subparagraphs": [{"key", "left", "right"}]}], "issues": [{"kind", "section", "row",
//  "message"}], "notes": [string], "summary": {"aligned", "not_compared", "issues", "agrees"}}
nlohmann::json ParallelJson(const std::string& symbol, const ParallelResult& p);
// A self-contained page / the <section class="recital-parallel"> alone: a table with one row
// per paragraph; each cell carries lang="xx" and, for Arabic, dir="rtl".
std::string ParallelHtml(const std::string& symbol, const ParallelResult& p);
std::string ParallelHtmlFragment(const std::string& symbol, const ParallelResult& p);

// ---- diffs (`recital diff`) ------------------------------------------------------------------

struct DiffRenderOptions {
  bool colour = false;  // terminal colours (text only)
  bool all = false;     // show unchanged paragraphs instead of collapsing them
  // `--substantive`: a technical change (Change::technical, not moved) is shown as an unchanged
  // paragraph is: collapsed ("... 3 unchanged paragraphs, 1 technical change") unless `all`,
  // else its new wording without marks. The summary line keeps every count.
  bool substantive = false;
};

// "PP3" for the third preamble paragraph, "OP12" for operative paragraph 12 (its number, else
// its position), "AN2" for annex paragraphs; several joined with "+".
std::string ParagraphLabel(const ParagraphRef& ref);
std::string ParagraphLabels(const std::vector<ParagraphRef>& refs);
// "3 reworded, 1 added, 1 removed, 1 moved, 20 unchanged" (zero counts left out; "no changes"
// when nothing changed).
std::string SummaryLine(const DiffSummary& summary);

// One header line per change ("reworded PP2 -> PP3 (similarity 0.82, technical, moved, lead
// changed: Welcomes -> Notes with concern)") and its word diff; runs of unchanged paragraphs
// collapsed into "... N unchanged paragraphs" unless options.all. Ends with a summary line.
// A technical change says "technical" in its header (Markdown too; HTML adds the class
// "technical" to its div).
std::string DiffText(const DiffResult& diff, const DiffRenderOptions& options);
std::string DiffMarkdown(const DiffResult& diff, const DiffRenderOptions& options);
// A complete, self-contained HTML document.
std::string DiffHtml(const DiffResult& diff, const DiffRenderOptions& options);
// The <section class="recital-diff"> only, for embedding in a larger page.
std::string DiffHtmlFragment(const DiffResult& diff, const DiffRenderOptions& options);
// {"from": {"symbol"}, "to": {"symbol"}, "changes": [{"status", "moved", "lead_changed",
//  "similarity", "section", "from": {"section", "index", "number", "lead", "text"} | [..] | null,
//  "to": ..., "edits": [{"op", "text"}]}], "summary": SummaryJson}. Every paragraph appears
// (unchanged ones with empty edits); the side holding several paragraphs of a split/merge is a
// list; similarity rounded to 3 decimals. Added keys: "technical" and "truncated" per change.
// substantive: technical changes (not moved) are left out of "changes"; the summary keeps them.
nlohmann::json DiffJson(const DiffResult& diff, bool substantive = false);
// {"unchanged", "reworded", "added", "removed", "split", "merged", "moved", "technical",
//  "truncated", "not_compared"}
nlohmann::json SummaryJson(const DiffSummary& summary);

// ---- series, log, blame, grep ----------------------------------------------------------------

// `recital series`: per series "KEY  NAME" then its short symbols on an indented line.
std::string SeriesListText(const std::vector<Series>& all);
// [{"key", "name", "symbols": [...]}]
nlohmann::json SeriesListJson(const std::vector<Series>& all);

// True when a session's only changes against the previous one are technical (some reworded
// paragraphs, all technical; nothing added, removed, moved, split or merged).
bool OnlyTechnicalChanges(const DiffSummary& summary);

// `recital log`: a header line naming the series, then one line per session with the counts
// against the previous session ("-" for the first); TECHNICAL counts the reworded paragraphs
// that changed only technically (also counted in REWORDED). substantive: sessions whose
// changes are OnlyTechnicalChanges are left out (the header says how many); the counts of the
// rows shown stay. Ends with a newline.
std::string LogText(const history::LogView& log, bool substantive = false);
// {"series": {"key", "name"}, "sessions": [{"symbol", "session", "adoption_date", "title",
//  "changes": null | SummaryJson}]}; substantive leaves sessions out as LogText does.
nlohmann::json LogJson(const history::LogView& log, bool substantive = false);

// `recital blame`: a header line, then per section its paragraphs: number, "since" symbol
// (where the substance began), current wording, and each earlier wording on a dimmed line,
// "[technical]" before one that a technical update replaced.
std::string BlameText(const history::BlameView& blame, bool colour);
// {"symbol", "paragraphs": [{"section", "number", "lead", "text", "since", "wording_since",
//  "lineage": [{"symbol", "text", "technical"}]}]}, lineage newest first.
nlohmann::json BlameJson(const history::BlameView& blame);

// `recital grep`: per series a header line (name, key, first and last session, "?" unknown),
// then one line per paragraph: short symbol, the paragraph's label as the diff gives it
// (ParagraphLabel: "PP3", "OP6"), text with the first match highlighted when colour is set. ""
// when nothing matched.
std::string GrepText(const history::GrepResult& grep, bool colour);
// {"phrase", "series": [{"key", "name", "first": {"symbol", "session"}, "last": {...},
//  "paragraphs": [{"symbol", "session", "position", "label", "lead", "text", "matches":
//  [{"subparagraph", "byte_offset", "byte_length"}]}]}]}; position 1-based in document order,
// label as in the text, subparagraph null for the paragraph's own text.
nlohmann::json GrepJson(const history::GrepResult& grep);
// `recital grep -l`: one full symbol per line, in the order given (sorted by symbol).
std::string GrepDocumentsText(const std::vector<store::PhraseDocument>& docs);
// [{"symbol", "versions": [{"version", "language"}]}]: the searched versions holding the phrase.
nlohmann::json GrepDocumentsJson(const std::vector<store::PhraseDocument>& docs);
// `recital grep -c`: "SYMBOL:N" per line, N the paragraph lines `recital grep` gives it.
std::string GrepCountsText(const std::vector<history::GrepCount>& counts);
// [{"symbol", "paragraphs"}].
nlohmann::json GrepCountsJson(const std::vector<history::GrepCount>& counts);

// ---- change reports (`recital report`, `recital demo`) ---------------------------------------

// The session-to-session change report of a loaded series (history.diffs required): an
// overview table (one row per session: symbol, date, counts against the previous session,
// technical ones among them), then for each pair of consecutive resolutions every reported
// change (IsReportedChange) with its word changes, lead-phrase changes called out, technical
// and cut-off ones said so ("reworded, technical"; HTML rows of class "technical").
// substantive: technical changes are not listed (IsReportedChange(c, true)); a pair left with
// nothing to list says "No substantive change (N technical changes not shown)."; the overview
// and the counts stay.
//   Markdown  a contents list, the overview as a table, changes marked as above.
//   HTML      one self-contained page: old and new side by side (<del>/<ins>, marked by colour
//             AND by strike-through/underline and, in print, bracket marks), a table of
//             contents linking to each pair, lead changes in <p class="lead-change">.
//   JSON      {"series": {"key", "name"}, "sessions": [as LogJson], "pairs": [{"from", "to",
//             "summary": SummaryJson, "changes": [change objects of DiffJson]}]}.
std::string ReportMarkdown(const history::SeriesHistory& history, bool substantive = false);
std::string ReportHtml(const history::SeriesHistory& history, bool substantive = false);
nlohmann::json ReportJson(const history::SeriesHistory& history, bool substantive = false);

// The changes of one pair (history.diffs[pair]) for a terminal: a title line, then one block
// per reported change, words marked as EditsText.
std::string PairText(const history::SeriesHistory& history, size_t pair, bool colour,
                     bool substantive = false);

// ---- Akoma Ntoso (`recital export --format akn`) ---------------------------------------------
//
// A resolution as an Akoma Ntoso 3.0 <statement name="resolution"> in the UN profile AKN4UN:
// meta (FRBR Work/Expression/Manifestation, TLC references, the footnotes as <notes>, lineage
// as <otherReferences>, Recital's own fields in <proprietary>), coverPage (symbol, distribution
// date, session, agenda items, committee and report), preface (number and title), preamble
// (enacting formula, one <p> per paragraph), mainBody (operative <paragraph>s with <num>,
// sub-paragraphs as <blockList>/<item>), conclusions (plenary meeting and adoption date) and
// annexed instruments as <attachments>. Lead phrases are <i>; footnotes are <authorialNote> at
// their markers; cited resolutions are <ref href> to their Work IRIs. Valid against the OASIS
// schema (../shared/schemas/akn/akomantoso30.xsd) for every record, known fields or not.
//
// IRIs: /akn/un/statement/deliberation/<organ>/<date>/<number>, organ "unga" (also "ecosoc",
// "unsc" for citations of their resolutions), date the adoption date (a citation's date as the
// text gives it) or "undated" when unknown, number the symbol without "A/RES/" and with '-'
// for '/' ("54-144", "ES-11-1", "2957(XXVII)"), else "<session>-<number>", else "unknown".
// A paragraph is addressed as <Work IRI>/!main~<eId>.
// eIds: preamble__p_N (position), para_N (printed number; para_pN by position when it has
// none), <paragraph>__list_1__item_X (sub-paragraph number's letters/digits), att_N__... inside
// annex N, ...__authorialNote_N; unique within the document.
inline constexpr const char* kAknNamespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
// Recital's namespace: the lineage attributes on paragraphs and the <proprietary> block.
inline constexpr const char* kRecitalAknNamespace = "urn:x-recital:akn:1";

// The Work IRI of a resolution (rules above).
std::string AknWorkIri(const Resolution& r);
// The Work IRI of a cited resolution (symbol as in Citation::symbol; date ISO 8601 or "").
std::string AknCitationIri(std::string_view symbol, std::string_view date);

// What the archive knows of each paragraph's past (from its series: history::BlameSymbol),
// written as attributes of Recital's namespace on the paragraph's element and, for the
// predecessor, as an <implicitReference> in <analysis>:
//   recital:wording   the wording's identity (WordingHash, hex): the same in every session that
//                     uses these words
//   recital:since     Work IRI of the session where the current wording first appeared
//   recital:continues IRI (<Work IRI>/!main~<eId>) of the paragraph of the previous session this
//                     one continues; recital:change how ("unchanged", "reworded", "split",
//                     "merged"), recital:moved="true" when it moved
// A paragraph without `continues` is new in this session (or the series starts here).
struct AknParagraphLineage {
  Section section = Section::kPreamble;
  size_t index = 0;           // position in its section of the exported record
  std::string since;          // Work IRI, "" unknown
  std::string continues;      // paragraph IRI, "" none
  std::string change;         // with continues
  bool moved = false;
};
struct AknLineage {
  std::string series_key;   // "" when the resolution was exported without its series
  std::string series_name;
  std::vector<std::string> members;  // symbols of the series up to this one, session order
  std::vector<std::string> member_iris;
  std::vector<AknParagraphLineage> paragraphs;
};
// The lineage of blame.symbol's paragraphs: blame.paragraphs for `since`, the diff of the
// previous member to this one for `continues` (a history with one record: no predecessors).
AknLineage AknLineageOf(const history::BlameView& blame);
// The lineage of every member of a loaded series (diffs used when loaded), in series order:
// what AknLineageOf gives for each member, computed once for the whole series.
std::vector<AknLineage> AknSeriesLineage(const history::SeriesHistory& history);

// The Akoma Ntoso document (UTF-8, indented, ends with a newline). lineage may be null (a
// release file exported without an archive): paragraphs then carry recital:wording only.
// Deterministic: the Manifestation's date is the Work's, never the clock.
std::string AknXml(const Resolution& r, const AknLineage* lineage = nullptr);

// True for a document AknXml wrote (its root declares kRecitalAknNamespace): what
// `recital export` may overwrite.
bool IsAknExport(std::string_view bytes);

// ---- Word with tracked changes (`--format docx`) --------------------------------------------
//
// A .docx package (minizip; parts written with pugixml) holding the newer resolution's text with
// every change against the older one as a native tracked change by author "Recital", dated by
// the newer resolution's adoption (no date when unknown): deleted words in <w:del>, inserted
// ones in <w:ins>; added paragraphs inserted whole (their paragraph marks too), removed ones
// deleted whole where they stood, a moved paragraph deleted where it stood and inserted where
// it stands; a split's new paragraph ends are insertions. Operative numbers as text ("3." and
// a tab; renumbering is not a change), lead phrases in italics, sub-paragraphs on paragraphs
// of their own, title, meeting and adoption date as word diffs. Paragraphs a partial copy did
// not let the diff compare are written plain. Accepting every change gives the newer text,
// rejecting every change the older wording under the newer numbers (but see substantive; a
// partial older copy's missing paragraphs stay, they were not compared). Revision tracking
// is switched on in the document's settings. Footnotes are not written. Deterministic: same
// input, same bytes. Internal only if minizip fails (it writes to memory).
struct DocxOptions {
  // Technical changes (Change::technical: symbols, dates, session ordinals) are written as the
  // newer text, plain, not as tracked changes.
  bool substantive = false;
};
Result<std::string> DiffDocx(const Resolution& from, const Resolution& to, const DiffResult& diff,
                             const DocxOptions& options = {});
// Every consecutive pair of a loaded series (history.diffs required, else Internal), one after
// the other, each starting on a new page with its own title, each dated by its newer member's
// adoption. A series of one resolution gives its text without changes.
Result<std::string> ReportDocx(const history::SeriesHistory& history,
                               const DocxOptions& options = {});
// True for a Word document DiffDocx or ReportDocx wrote (a zip whose comment, at its very end,
// is kDocxComment): what `-o FILE` may overwrite.
inline constexpr std::string_view kDocxComment = "Written by Recital: tracked changes";
bool IsDocxExport(std::string_view bytes);

// Which report a file holds, judged by the exact head (and, for HTML, the end) that
// ReportMarkdown / ReportHtml / ReportJson write; kNone for anything else, an empty file
// included. `report -o` and `demo --html` replace only files that are reports of theirs.
enum class ReportFileKind { kNone, kMarkdown, kHtml, kJson };
ReportFileKind ReportFileKindOf(std::string_view contents);

// True for changes a report lists (anything but an unchanged paragraph in place); with
// substantive, not a technical change that stayed in place either.
bool IsReportedChange(const Change& c, bool substantive = false);
// "Operative 3", "Preamble 5" (number, else 1-based position), with "(was operative 4)" when
// it moved or was renumbered, "(old numbering)" for a removed one.
std::string ChangeLabel(const Change& c);

// ---- pages of `recital serve` ----------------------------------------------------------------

// Complete HTML documents for the web interface (serve/serve.h). Self-contained like every HTML
// here (inline CSS, nothing fetched), except that the index page runs a few lines of inline
// JavaScript (its filter box; the page is complete without it). Links follow serve's URL
// layout: /series/KEY, /resolution/SYMBOL, /blame/SYMBOL, /compare?from=&to=, /search?q=, and
// each page names its JSON twin under /api/ in its footer. Every paragraph carries the id
// "pN", N its 1-based position in document order (preamble, operative, annex; as grep's
// positions), the same on the record, blame and search pages, so /blame/SYMBOL#p3 is the
// lineage of the third paragraph. Every page has a phrase search box in its header.

// "/resolution/A/RES/54/144": prefix, then value with every byte but A-Z a-z 0-9 - . _ ~ / ( )
// percent-encoded.
std::string PagePath(std::string_view prefix, std::string_view value);
// A query-string value: every byte but A-Z a-z 0-9 - . _ ~ percent-encoded.
std::string QueryEscape(std::string_view value);

// `/`: every series (name, key, session range, members), with a filter box preset to
// `filter`, and the phrase search.
std::string IndexPage(const std::vector<Series>& all, std::string_view filter);

// Changed paragraphs of a session against the previous one that are substance, not the
// session's rollover: reworded but not technical, added, removed, split and merged (moves
// are not counted: the wording stayed).
size_t SubstantiveChanges(const DiffSummary& summary);

// `/series/KEY`: an inline SVG chart of changed paragraphs per session, substantive
// (SubstantiveChanges) and technical (DiffSummary::technical) in two colours, each bar linking
// to the comparison with the previous session; then the sessions as a timeline table (symbol,
// date, title, counts, comparison and blame links).
std::string SeriesPage(const history::LogView& log);

// What the record page shows besides the record.
struct ResolutionPageContext {
  const Series* series = nullptr;      // its series, if known: link, previous and next member
  std::vector<bool> citation_archived;  // per Resolution::citations: linked when true
};
// `/resolution/SYMBOL`: header fields, the paragraphs by section (lead phrases set off,
// footnote markers linked to the footnotes), footnotes, citations, warnings. Each paragraph
// links to its lineage (/blame/SYMBOL#pN).
std::string ResolutionPage(const Resolution& r, const ResolutionPageContext& context);

// `/compare`: from and to as asked (the form's values), the archive's symbols for the pickers,
// and, when both resolutions were loaded, them and their diff.
struct CompareView {
  std::string from_arg, to_arg;
  std::vector<std::string> symbols;
  const Resolution* from = nullptr;  // set together with to and diff
  const Resolution* to = nullptr;
  const DiffResult* diff = nullptr;
};
// The form, then (with a diff) the two resolutions side by side, every paragraph in the new
// resolution's order: deleted words in <del> on the old side, inserted words in <ins> on the
// new side, unchanged paragraphs plain, lead phrase changes called out (as the report).
std::string ComparePage(const CompareView& view);

// `/blame/SYMBOL`: per paragraph the resolution where its wording began (linked) and each
// earlier wording with the words that changed on the way to the next one (<del>/<ins>).
std::string BlamePage(const history::BlameView& blame);

// `/search?q=`: the form, then (grep != nullptr) the hits by series, each paragraph linked
// to its place in the resolution (#pN) with every occurrence of the phrase in <mark>.
std::string SearchPage(std::string_view phrase, const history::GrepResult* grep);

// An error page: the HTTP status (404, 400, 500...) and what went wrong.
std::string ErrorPage(int http_status, std::string_view message);

}  // namespace recital::render

// recital::diff — what changed between two resolutions, paragraph by paragraph and word by word,
// and which resolutions form one follow-up series. Works on in-memory records only: no database,
// no I/O. Thread safety: every function is pure; call from any thread.
//
// Pairing (DiffResolutions), per section (preamble, operative, annex):
//   1. identical paragraphs by normalised wording (number, footnote markers, line wrapping and
//      typographic quote/dash variants ignored), also when moved or renumbered;
//   2. the longest order-preserving chain of those pairs are anchors; between two anchors the
//      remaining paragraphs are aligned by a monotone dynamic programme with 1-0, 0-1, 1-1, 1-2
//      (split) and 2-1 (merge) beads scored by token similarity;
//   3. what is still unpaired is paired across gaps and across sections (a preamble clause that
//      became operative) by best similarity; such pairs are moves;
//   4. the rest is added or removed.
// A pair is "reworded" rather than "removed + added" when its similarity reaches
// DiffOptions::reword_threshold. Similarity is measured with technical spans neutralised (see
// Similarity), so a paragraph whose only change is the session's rollover always pairs, and is
// flagged Change::technical.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/schema.h"

namespace recital {

// ---- word diff ----------------------------------------------------------------------------

enum class EditOp : uint8_t { kEqual = 0, kInsert = 1, kDelete = 2 };
const char* EditOpName(EditOp op);  // "equal", "insert", "delete"

struct Edit {
  EditOp op = EditOp::kEqual;
  std::string text;  // the exact bytes of the tokens (spaces included)
  bool operator==(const Edit&) const = default;
};

// Tokens of a text: runs of letters/digits (any non-ASCII UTF-8 byte counts as a letter, so
// words of every UN language stay whole), single punctuation characters, and runs of spaces.
// A run holding Chinese (or other text written without spaces between words), full-width or
// Arabic punctuation or guillemets is cut at ICU's word boundaries: "大会回顾其决议，" ->
// "大会" "回顾" "其" "决议" "，".
// The views point into `text`; concatenated they give `text` back.
std::vector<std::string_view> Tokenize(std::string_view text);

// Word-level edit script turning a into b: a minimal token diff (Myers) followed by a
// semantic clean-up that absorbs short equalities between changes (like diff-match-patch's
// cleanupSemantic), so the result reads as changed phrases. Within a change the delete comes
// before the insert. Concatenating equal+delete texts gives a; equal+insert texts gives b.
std::vector<Edit> DiffWords(std::string_view a, std::string_view b);

// Similarity of two wordings in 0..1: Dice coefficient over the multisets of content tokens
// (lowercased words and numbers; punctuation and a few function words ignored; each technical
// span -- symbols, dates, session ordinals joined as a list -- counts as one neutral token, so
// two wordings that differ only in those score 1). 1 for equal wording, about 0.1-0.3 for two
// unrelated paragraphs of one resolution.
double Similarity(std::string_view a, std::string_view b);

// The text DiffResolutions compares for a paragraph: its text followed by each
// sub-paragraph's number and text, separated by single spaces.
std::string ParagraphFullText(const Paragraph& p);

// Whether two wordings differ only in technical tokens (Change::technical): not equal, and
// equal once each technical span is replaced by one mark.
bool IsTechnicalChange(std::string_view a, std::string_view b);

// Normalised wording used for identity: tokens separated by single spaces, curly quotes and
// dashes folded to ASCII. Equal keys == the same wording for the diff.
std::string NormalizedWording(std::string_view text);

// ---- resolution diff ----------------------------------------------------------------------

enum class ChangeStatus : uint8_t { kUnchanged, kReworded, kAdded, kRemoved, kSplit, kMerged };
// "unchanged", "reworded", "added", "removed", "split", "merged"
const char* ChangeStatusName(ChangeStatus s);

// One paragraph as it stood on one side.
struct ParagraphRef {
  Section section = Section::kPreamble;
  size_t index = 0;    // 0-based position within its section
  std::string number;  // "" in the preamble
  std::string lead;
  std::string text;    // ParagraphFullText
  bool operator==(const ParagraphRef&) const = default;
};

struct Change {
  ChangeStatus status = ChangeStatus::kUnchanged;
  bool moved = false;         // its position relative to the other paired paragraphs changed
  bool lead_changed = false;  // the lead phrase differs (case-insensitive), e.g. Welcomes -> Notes
  // A reworded 1:1 pair whose wordings differ only in technical tokens: resolution and document
  // symbols, dates, session ordinals, years and numbers in references, with the list words
  // joining them ("38/121 of 16 December 1983" -> "38/121 of 16 December 1983 and 39/140 of 14
  // December 1984"). What every session's rollover changes; not substance.
  bool technical = false;
  // One side is the cut-off last paragraph of a partial copy (Resolution::truncated_end): it was
  // compared with the same stretch of the other, whole paragraph, so the lost tail is neither a
  // deletion nor an insertion. Unchanged when the cut-off wording is the start of the whole one.
  bool truncated = false;
  double similarity = 1.0;    // 0..1; 0 for added/removed
  Section section = Section::kPreamble;  // section on the new side (old side when removed)
  std::vector<ParagraphRef> from;  // empty when added; two or more when merged
  std::vector<ParagraphRef> to;    // empty when removed; two or more when split
  std::vector<Edit> edits;         // word diff old -> new (all equal when unchanged)
  bool operator==(const Change&) const = default;  // similarity compared exactly
};

struct DiffSummary {
  size_t unchanged = 0, reworded = 0, added = 0, removed = 0, split = 0, merged = 0;
  size_t moved = 0;  // changes carrying the moved flag (of any status)
  size_t technical = 0;  // reworded changes that are technical (also counted in reworded)
  size_t truncated = 0;  // changes with a cut-off paragraph (also counted by their status)
  // Paragraphs outside the stretch of text the other, partial copy holds (it starts late or is
  // cut off): not compared, so neither removed nor added, and not in changes.
  size_t not_compared = 0;
  bool operator==(const DiffSummary&) const = default;
};

struct DiffResult {
  std::string from_symbol;
  std::string to_symbol;
  // In reading order of the new resolution, removed paragraphs where they stood.
  std::vector<Change> changes;
  DiffSummary summary;
  // True when anything but unchanged, unmoved paragraphs was found.
  bool HasChanges() const;
  bool operator==(const DiffResult&) const = default;
};

struct DiffOptions {
  // Minimum Similarity for a 1:1 pair to count as reworded (below: removed + added; a shorter
  // paragraph of 8+ content words 85% inside the longer one also pairs). Checked in
  // tests/integration/accuracy_test.cc against the generator's own truth (gen/ never consults
  // this engine): its rewordings (at most a third of the content words edited, or a
  // session-bound clause restated) score >= 0.57, its removed x added pairs (no content word in
  // common) <= 0.12; 99% of the pairs of distinct paragraphs within one real corpus resolution
  // (same subject, same vocabulary) score < 0.45, so 0.5 sits between.
  double reword_threshold = 0.5;
  // Minimum similarity between one paragraph and the concatenation of two for a split/merge.
  double split_threshold = 0.6;
  // Fill Change::edits for unchanged paragraphs too (one equal edit); off keeps results small.
  bool edits_for_unchanged = false;
  // Fill Change::edits of changed paragraphs (the word diff). Off: their edits stay empty and
  // nothing else changes (alignment, statuses, similarities, flags, summary), for callers that
  // read no edits, such as the stored lineage (about 40% of a pair's diff time is the word diff).
  bool word_edits = true;
};

DiffResult DiffResolutions(const Resolution& from, const Resolution& to,
                           const DiffOptions& options = {});

// ---- prepared resolutions ----------------------------------------------------------------
// What DiffResolutions computes for each side before pairing (each paragraph's full text,
// normalised wording and content-token bag), kept so that a resolution diffed twice -- the
// newer member of one pair of a series and the older member of the next -- is prepared once.
//
// Ownership: holds its own copy of the Resolution it was prepared from (PrepareResolution takes
// it by value; move it in to avoid the copy), so it never dangles; resolution() stays valid as
// long as any copy of this object lives. Copies are cheap and share that immutable state
// (reference-counted): a PreparedResolution may be read from several threads at once.
// Memory: besides the record, about twice its paragraph text (each paragraph's full text and
// normalised wording) and 8 bytes per content word.
// A default-constructed one is an empty Resolution, prepared.
class PreparedResolution;

// Prepares r for DiffPrepared. Never fails. Costs what DiffResolutions spends on one side
// before pairing (BM_PrepareResolution against BM_DiffResolutionsPair in bench/diff_bench.cc:
// about a third of a pair of similar resolutions).
PreparedResolution PrepareResolution(Resolution r);

// The same result as DiffResolutions(from.resolution(), to.resolution(), options), for every
// input (tests/diff/prepared_test.cc and tests/integration/diff_prepared_corpus_test.cc check
// it), without preparing either side again.
DiffResult DiffPrepared(const PreparedResolution& from, const PreparedResolution& to,
                        const DiffOptions& options = {});

class PreparedResolution {
 public:
  PreparedResolution() = default;
  // The resolution as it was given to PrepareResolution.
  const Resolution& resolution() const;

  struct State;  // defined in diff/internal.h

 private:
  explicit PreparedResolution(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  friend PreparedResolution PrepareResolution(Resolution r);
  friend DiffResult DiffPrepared(const PreparedResolution& from, const PreparedResolution& to,
                                 const DiffOptions& options);
  std::shared_ptr<const State> state_;  // null: an empty Resolution
};

// ---- series ----------------------------------------------------------------------------

// What series detection needs to know about one archived resolution.
struct SeriesMember {
  std::string symbol;  // "A/RES/51/70"
  uint32_t session = 0;
  std::string title;
  std::vector<std::string> agenda_items;
  // Symbols this resolution recalls as its own earlier resolutions ("Recalling its
  // resolutions 48/113 of ..."), full form "A/RES/48/113".
  std::vector<std::string> recalls;
  // True when recalls come from paragraphs naming "its resolution(s)" (in any of the six
  // languages), false when they are all of the record's citations.
  bool recalls_own = false;
  std::string language;  // Resolution::language ("" unknown)
  // WordingHash of each whole paragraph of at least kSeriesParagraphWords words, document
  // order, each once (a cut-off first or last paragraph of a partial copy left out): what
  // "shared paragraphs" compares.
  std::vector<Hash128> paragraphs;
  // Only for a member without a title (NormalizeTitle empty, e.g. a later page of a document):
  // the words of its paragraphs as NormalizeTitle writes them, so a series title the text
  // names can be found in it (SeriesNamedTitles). Empty otherwise.
  std::string untitled_text;
};

// A paragraph shorter than this many words is not evidence of a series when shared: short
// paragraphs ("Having considered the report of the Secretary-General ...") recur across
// subjects.
inline constexpr size_t kSeriesParagraphWords = 25;

// Builds a member from a record: recalls come from preamble paragraphs that recall "its
// resolution(s)" in the record's language ("sa résolution", "sus resoluciones", "свою
// резолюцию", "回顾其...第60/123号决议", "قرارها"), else from all of the record's citations.
SeriesMember SeriesMemberFromResolution(const Resolution& r);

// Lower-case title words, single spaces, without punctuation, articles and prepositions, and
// without a leading "Report of" / "Work of" (the annual item on a body is titled either way:
// "Work of the Office of the High Commissioner" and "Office of the High Commissioner" give the
// same string). Two sessions of one series that kept the title give the same string.
std::string NormalizeTitle(std::string_view title);

// What equal titles compare by: a normalised title without its spaces, so a title whose words
// were split by stray spaces (PDF extraction: "The rol e of diamonds in fuellin g conflict")
// equals the clean one.
std::string SeriesTitleKey(std::string_view normalized_title);
// The SeriesTitleKeys of the titles a member titled raw_title joins when a member holds them
// (DetectSeries): the heading before a colon ("Scale of assessments: ..." joins "Scale of
// assessments") and each prefix of kMinWordsOfQualifiedTitle words or more of its normalised
// title, shorter than the whole. Used by DetectSeries and by the closure of one series.
std::vector<std::string> SeriesHeadKeys(std::string_view raw_title);

// Whether two normalised titles speak of the same subject: at least two words in common, and
// at least half the words of the shorter one.
bool RelatedTitles(std::string_view normalized_a, std::string_view normalized_b);

// Every run of at least two whole words of `untitled_text` (SeriesMember::untitled_text) that
// is a normalised title for which `is_title` returns true, as (run, word count). The runs are
// views into untitled_text. max_words bounds the run length (the longest title's words).
std::vector<std::pair<std::string_view, size_t>> SeriesNamedTitles(
    std::string_view untitled_text, size_t max_words,
    const std::function<bool(std::string_view)>& is_title);

struct Series {
  std::string key;   // stable: "s-" + 12 hex digits of the hash of the earliest member's symbol
  std::string name;  // readable: the title of the newest member (or a user-given name)
  std::vector<std::string> symbols;  // session order (then symbol order)
};

// User corrections kept in the archive.
struct SeriesOverrides {
  std::vector<std::pair<std::string, std::string>> names;  // series key -> name
  std::vector<std::pair<std::string, std::string>> joins;  // key a, key b: one series
  std::vector<std::string> split_out;  // symbols taken out into a series of their own
  // Symbol a, symbol b: the series holding each are one, wherever detection puts them; not
  // applied when either is split out (a split is the later, more precise correction).
  std::vector<std::pair<std::string, std::string>> member_joins;
};

// Groups members into series. Two members are one series when (split-out members take part
// in none of these):
//   1. their normalised titles are equal (and not empty; SeriesTitleKey; counting words such
//      as "seventy-fourth" or 2024 left out), or one's title is "Heading: subject" and the
//      other's is the Heading;
//   2. one recalls the other, the recalled one of an earlier session, and they are of one
//      subject: either has no title, or their titles share two words and half of the longer
//      title's (under one "Heading:", of the subjects), or they recall a third resolution in
//      common and their titles do not run side by side (one title's sessions all before the
//      other's: a title that changed), or they share a paragraph (below). A recall of another
//      subject's resolution ("Recalling its resolution 2040 (XX) ... on refugees in Africa" in
//      a report on the High Commissioner's work) is not membership by itself. Members in two
//      languages (SeriesMember::language, both known) are of one subject when the recalling one
//      recalls its own resolutions (recalls_own) or they recall a third resolution in common:
//      titles in two languages cannot be compared;
//   3. they are of different sessions (or one session is unknown) and share whole paragraphs
//      (SeriesMember::paragraphs) that members of at most two titles carry (not common wording
//      such as the 2030 Agenda recall): one paragraph when either has no title (pages without a
//      title join by their text), two, and a quarter of the shorter one's, when both have
//      titles that differ (a title changed but the text carried on).
// Then a group whose members all lack a title joins the members whose title its text names
// (SeriesNamedTitles): the longest title named, none when two different titles tie.
// User corrections last: split-outs, joins (keys of the detected grouping), member joins,
// names.
// Output sorted by the session of each series' first member, then key. Members with an empty
// symbol are ignored.
std::vector<Series> DetectSeries(const std::vector<SeriesMember>& members,
                                 const SeriesOverrides& overrides = {});

// ---- parallel view of two language versions -----------------------------------------
// Paragraphs paired by structure (position, number, sub-paragraph label, annex), never by
// wording, so it works across languages.
// One paragraph (or sub-paragraph) as it stands in one language version.
struct ParallelCell {
  size_t index = 0;     // 0-based position within its section (sub-paragraph: within its parent)
  std::string number;   // as printed: "1", "(a)", "а)"; "" when none
  std::string lead;     // "" for sub-paragraphs
  std::string text;     // paragraph text without its sub-paragraphs
  bool truncated = false;  // the cut-off last paragraph of a partial copy
};

// Where a row stands relative to the stretch each copy holds.
enum class ParallelCoverage : uint8_t {
  kBoth = 0,          // both copies cover this place (a missing side is a disagreement)
  kLeftOnly = 1,      // only the left copy covers it (the right one starts later / is cut off)
  kRightOnly = 2,     // only the right copy covers it
};
const char* ParallelCoverageName(ParallelCoverage c);  // "both", "left_only", "right_only"

struct ParallelSubRow {
  std::string key;  // the label both sides agree on, normalised: "a", "b", "i", or "#3"
  std::optional<ParallelCell> left, right;
};

struct ParallelRow {
  Section section = Section::kPreamble;
  uint32_t annex = 0;  // 0-based annex index (annex section only)
  // The number both sides carry ("4"), else "" (the preamble, unnumbered paragraphs).
  std::string number;
  std::optional<ParallelCell> left, right;
  ParallelCoverage coverage = ParallelCoverage::kBoth;
  std::vector<ParallelSubRow> subparagraphs;
};

// A place where the two structures disagree (inside the stretch both copies cover).
struct ParallelIssue {
  // "count" (a section holds a different number of paragraphs), "only_left" / "only_right"
  // (a paragraph or sub-paragraph on one side only), "number" (paired paragraphs numbered
  // differently), "gap" (numbering skips on one side: 3 then 5).
  std::string kind;
  Section section = Section::kPreamble;
  size_t row = 0;       // index into ParallelResult::rows (0 for section-wide issues)
  std::string message;  // readable, in English, names the languages and paragraph numbers
};

struct ParallelResult {
  std::string left_language, right_language;  // Resolution::language of each side
  std::vector<ParallelRow> rows;  // document order: preamble, operative, annex
  std::vector<ParallelIssue> issues;
  // Rows both copies cover and that hold both sides (sub-paragraphs not counted).
  size_t aligned = 0;
  // Rows outside one copy's stretch: not compared.
  size_t not_compared = 0;
  // How a copy without numbers was placed, when not by a known position; not issues.
  std::vector<std::string> notes;
  bool Agrees() const { return issues.empty(); }
};

// Pairs the paragraphs of two language versions of one resolution by structure:
//   preamble     by position;
//   operative    by number where both sides number them (numbers are anchors, in order), the
//                unnumbered ones between two anchors by position;
//   annex        per annex (Resolution::annexes), as the operative part;
//   sub-paragraphs by label, read the same in every script: (a)/а)/(أ) -> 1st, (i) -> 1st
//                roman, digits by value; unreadable labels by position.
// A copy that starts mid-document (Resolution::starts_mid_document) is placed by its numbers;
// an unnumbered first stretch (preamble) is placed against the end of the other copy's when
// the copy goes on to a later section, else at the offset where the figures of the two texts
// (years, symbols, numbers: the same in every language) agree best. A copy cut off
// (Resolution::truncated_end) is compared up to its last paragraph, which is marked truncated.
// What lies outside either copy's stretch is shown but never an issue.
ParallelResult AlignParallel(const Resolution& left, const Resolution& right);

// The ordinal a sub-paragraph label stands for, script-independent: "(a)" "a)" "а)" "(أ)" -> 1,
// "(b)" "б)" "(ب)" -> 2, "3" "3)" "(3)" -> 3; with roman (a list of roman numerals: its first
// label is "i"), "(ii)" -> 2. 0 when not a label.
uint32_t SubparagraphOrdinal(std::string_view label, bool roman);

}  // namespace recital

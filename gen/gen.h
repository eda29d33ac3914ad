// recital::gen — synthetic follow-up series of General Assembly resolutions with known edits,
// for tests, benchmarks, the crash test and `recital demo`. Written from our own vocabulary and
// paragraph templates; no corpus text is copied.
//
// Each series starts from a seed resolution (built in, or the paragraphs of a record the caller
// parsed) and evolves session by session with known edits: rewording, added, removed, moved,
// split and merged paragraphs, changed lead phrases, renumbered footnotes (and, in the unorg
// layout, re-wrapped lines). Every release is rendered as release text in the chosen layout and
// comes with its truth: the record the text encodes and the changes from the previous session.
//
// The truth is what the generator did, by construction, never what an engine under test
// makes of it; and each recorded change is unambiguous by the generator's own measure of
// wording (below, with its own tokeniser; gen/ depends on schema/ only, never on diff/):
//   reworded: at most a third of the paragraph's content words are edited (session-bound
//             clauses excepted: they are restated for each session, see session_bound);
//   added:    drawn from a vocabulary of its own, it shares no content word with any other
//             paragraph of the previous or the new session;
//   and no edit makes a paragraph word for word like another of either session (which of two
//   equal paragraphs moved, or was split off, nobody could tell).
//
// Deterministic: the same options give byte-identical output on every platform. Series are
// generated independently (series i uses seed ^ i), so a 100,000-release run streams through
// GenerateSeries without holding more than one series in memory.
// Thread safety: pure functions; call from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"

namespace recital::gen {

struct GenOptions {
  uint64_t seed = 1;
  uint32_t series = 1;          // number of independent series
  uint32_t sessions = 10;       // releases per series (successive sessions)
  uint32_t first_session = 50;  // session of the first release (1995 for 50)
  std::string layout = "ods";   // "ods" (document-system text export) or "unorg" (1990s un.org)
  // Seed resolution: when set, every series starts from its preamble and operative paragraphs
  // (leads and texts) instead of a built-in one; its title is kept for series 0.
  const Resolution* seed_record = nullptr;
  uint32_t preamble_paragraphs = 12;   // built-in seed size (an ~8-10 KB release with defaults)
  uint32_t operative_paragraphs = 18;
  // Edits per session (each touches distinct paragraphs; session-bound paragraphs such as the
  // recall clause and "Decides to continue ..." are reworded every session besides these).
  uint32_t rewordings = 2;
  uint32_t lead_changes = 1;
  uint32_t additions = 1;
  uint32_t removals = 1;
  uint32_t moves = 1;
  double split_probability = 0.5;  // per session
  double merge_probability = 0.5;
  double title_change_probability = 0.1;  // per session: series detection must follow recalls
};

// One true change between consecutive releases of a series. Indices are 0-based positions
// within their section, as in diff::ParagraphRef.
struct TruthRef {
  Section section = Section::kPreamble;
  size_t index = 0;
};
struct TruthChange {
  std::string status;  // "reworded", "added", "removed", "split", "merged", "unchanged"
  bool moved = false;
  bool lead_changed = false;
  // A session-bound clause restated for the new session (the recall of earlier resolutions,
  // the report requested for the next session, the next session's agenda item): reworded by
  // what it is, not within IsBoundedRewording. Not in TruthJson.
  bool session_bound = false;
  std::vector<TruthRef> from;  // empty when added
  std::vector<TruthRef> to;    // empty when removed
};

struct GeneratedRelease {
  uint32_t series_index = 0;
  uint32_t session = 0;
  std::string filename;  // "A-RES-54-101.ods.txt" (symbol with '/' -> '-', layout, .txt)
  std::string text;      // the release as written
  Resolution truth_record;  // what a perfect parser returns for text (raw_hash left zero)
  std::string previous_symbol;         // "" for the first session
  std::vector<TruthChange> changes;    // from the previous release; every paragraph that is not
                                       // unchanged-in-place appears once (unchanged omitted)
};

// Calls sink once per release: series 0 sessions in order, then series 1, ... Stops at and
// returns the first error from sink. InvalidInput for a bad layout or zero sessions.
Status GenerateSeries(const GenOptions& options,
                      const std::function<Status(GeneratedRelease&&)>& sink);

// Convenience for small runs: everything in memory.
Result<std::vector<GeneratedRelease>> GenerateSeriesVector(const GenOptions& options);

// The truth of one release as JSON text (stable keys): {"file", "symbol", "series", "session",
// "previous", "title", "changes": [{"status", "moved", "lead_changed", "from": [{"section",
// "index"}], "to": [...]}]}.
std::string TruthJson(const GeneratedRelease& release);

// ---- The generator's own measure of wording ------------------------------------------------

// Content words of a text, in order: maximal runs of ASCII letters and digits (a byte >= 0x80
// counts as a letter), ASCII-lowercased, without a short list of function words and
// prepositions ("the", "of", "and", "to", "in", "through", ...). "Secretary-General" is two.
std::vector<std::string> ContentWords(std::string_view text);
// Word edits (Levenshtein over ContentWords: substituting, inserting or deleting one content
// word counts 1) that turn a into b.
size_t ContentWordEdits(std::string_view a, std::string_view b);
// A rewording by the generator's rule: at least one content word edited, and at most a third
// of a's content words (3 * ContentWordEdits(a, b) <= ContentWords(a).size()).
bool IsBoundedRewording(std::string_view a, std::string_view b);
// True when a and b have no content word in common.
bool SharesNoContentWord(std::string_view a, std::string_view b);

// Renders a record as release text in a layout ("ods" or "unorg"); wrap_width is used by the
// unorg layout only. Exposed for tests that re-wrap or re-lay-out a record.
std::string RenderRelease(const Resolution& r, const std::string& layout, int wrap_width = 72);

}  // namespace recital::gen

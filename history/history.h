// recital::history — what an archive says about resolutions across sessions: follow-up series
// (detected, named and corrected by the user), the series of one resolution loaded with the
// diffs between consecutive sessions, the lineage of every paragraph (blame), the per-session
// log, and phrase search grouped by series.
//
// Everything here returns plain structs; nothing prints or builds JSON (render/ does, so the
// CLI and `recital serve` show the same data the same way).
//
// Thread safety: the free functions taking a `const store::Archive&` keep no state and may run
// concurrently on one archive (each archive read is its own short read transaction, see
// store/store.h); a SeriesFinder is for one thread. Results never point into the archive.
// Errors: those of the store calls made (NotFound for an unknown symbol, Corruption for a bad
// record, IOError), plus the InvalidInput/NotFound named per function.
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

#include "diff/diff.h"
#include "schema/schema.h"
#include "schema/status.h"
#include "store/store.h"

namespace recital::history {

// ---- symbols as people type them ------------------------------------------------------------


// ---- stored series identity: the user's corrections ------------------------------------------

// The one owner of the `series/*` archive settings, where the user's corrections of series
// detection live (nothing else reads or writes these keys):
//   series/name/<series key>  = name        the series is shown under this name
//   series/join/<series key a> = <key b>     the two detected series are one
//   series/split/<symbol>     = ""           the resolution forms a series of its own
//   series/join-members/<symbol a> <symbol b> = ""  the series holding the two are one
// Series keys are those of detection ("s-" + 12 hex digits of the hash of the earliest
// member's symbol). A correction stays with its series when later members arrive; when an
// earlier member arrives the series' key changes, and a correction stored under the old key
// follows the member that key was made from (a name stored under the current key wins).
// Each writer is one archive transaction; later reads (ArchiveSeries, SeriesFinder, ...) apply
// it. Writers check their arguments only (InvalidInput); they do not check that the key or
// symbol exists (the caller resolved it, see ResolveSeriesArg).
class SeriesCorrections {
 public:
  // Every stored correction, in key order. Unknown series/* keys are ignored.
  static Result<SeriesOverrides> Load(const store::Archive& archive);
  // InvalidInput for an empty key or name.
  static Status Rename(store::Archive& archive, std::string_view series_key, std::string_view name);
  // InvalidInput for an empty key, or when both keys are the same series.
  static Status Join(store::Archive& archive, std::string_view series_key_a,
                     std::string_view series_key_b);
  // The series holding two resolutions are one wherever detection puts them (stored by the
  // symbols, see SeriesOverrides::member_joins): how a join is kept when detection already
  // groups the two. InvalidInput for an empty or equal symbol, or one holding a space.
  static Status JoinMembers(store::Archive& archive, std::string_view symbol_a,
                            std::string_view symbol_b);
  // InvalidInput for an empty symbol.
  static Status SplitOut(store::Archive& archive, std::string_view symbol);
};

// ---- series over an archive ------------------------------------------------------------------

// Every series of the archive: DetectSeries (diff/diff.h) over the newest version of every
// document (titled with the newest title any of its versions gives), with the stored
// corrections. Read from the stored series index when it is fresh (format 6, below); else
// decodes every record (one snapshot).
Result<std::vector<Series>> ArchiveSeries(const store::Archive& archive);
// The series of ArchiveSeries, in its order, handed to fn one at a time (the Series object is
// reused from one call to the next: copy what is kept), so listing them all never holds them
// all: `recital series` at 100,000 releases. fn's error stops the walk and is returned.
Status ForEachArchiveSeries(const store::Archive& archive,
                            const std::function<Status(const Series&)>& fn);

// ---- stored series membership (format 6; store/FORMAT.md "Format 6") -------------------------
// The result of ArchiveSeries kept in the store's derived index `series`, stamped with the
// archive's input generation: fresh until the next write that adds a version, changes a current
// version or a setting (a series correction). Readers use it only while fresh and compute
// otherwise, so it can be late, never wrong. Archives older than format 6 have none.

// Computes ArchiveSeries and stores it when the index is stale; false when it was fresh (or the
// archive predates format 6, or other writers kept changing the inputs: left stale). Needs a
// read-write archive. The SeriesCorrections writers call it after their write.
Result<bool> RefreshSeriesIndex(store::Archive& archive);
// The stored series, in ArchiveSeries order; nullopt when the index is stale or absent.
// Corruption for a malformed entry.
Result<std::optional<std::vector<Series>>> StoredArchiveSeries(const store::Archive& archive);
// The stored series of an archived symbol; nullopt when stale, absent or not a member.
Result<std::optional<Series>> StoredSeriesOf(const store::Archive& archive,
                                             const std::string& symbol);
// The IngestOptions::derive of history/: keeps the derived indexes in the transaction that
// changed the touched documents. The series index: when it was fresh, detects again only the
// series the touched documents can change (the closure of each, SeriesFinder over the stored
// titles) and rewrites those; when stale (or series joins are stored), rebuilds it whole.
class DeriveCache;  // below
// `cache` (optional) keeps what one transaction decoded for the next ones of the same writer.
Status DeriveIndexes(const store::Archive& archive, store::DerivedTxn& txn,
                     const std::vector<std::string>& touched, DeriveCache* cache = nullptr);
// Its series part.
Status DeriveSeriesIndex(const store::Archive& archive, store::DerivedTxn& txn,
                         const std::vector<std::string>& touched, DeriveCache* cache = nullptr);

// What DeriveIndexes keeps between the transactions of one writer (one `recital ingest`): the
// records it decoded, by record hash, so that a release is decoded once when it arrives and
// again only when it has left the cache by the time its successor arrives. A record hash names
// one record forever (content addressing), so no entry can go stale, even across aborted
// transactions. Bounded by an estimate of the memory the records hold. Not thread-safe: one
// per writer.
class DeriveCache {
 public:
  explicit DeriveCache(size_t max_bytes = size_t{64} << 20);
  ~DeriveCache();
  DeriveCache(const DeriveCache&) = delete;
  DeriveCache& operator=(const DeriveCache&) = delete;
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};
// `recital verify`: when the index is fresh, every difference between it and ArchiveSeries
// computed afresh (one line each); empty when they agree or the index is stale.
Result<std::vector<std::string>> CheckSeriesIndex(const store::Archive& archive);

// The series of archived symbols, decoding only the records that may belong to each (same
// normalised title, recall and citation links, whole paragraphs shared through the paragraph
// index, titles a page without one names; transitively), plus once the documents without a
// title: the same series as picking it from ArchiveSeries (it detects the whole archive when
// the corrections hold joins). Remembers every series it has detected. Not thread-safe; must
// not outlive the archive.
class CatalogueReader;  // history/internal.h

class SeriesFinder {
 public:
  // Lists the documents once (titles) and loads the corrections.
  static Result<std::unique_ptr<SeriesFinder>> Create(const store::Archive& archive);
  ~SeriesFinder();
  SeriesFinder(const SeriesFinder&) = delete;
  SeriesFinder& operator=(const SeriesFinder&) = delete;

  // `symbol` in full form ("A/RES/54/144"). NotFound when it is not archived.
  Result<Series> Find(const std::string& symbol);
  // Keep the records Find decodes (newest versions) for TakeRecord; off by default (grep
  // finds the series of many symbols and needs none of the records).
  void KeepRecords();
  // A record Find decoded and kept (moved out), or nullopt.
  std::optional<Resolution> TakeRecord(const std::string& symbol);

  // For the ingest hook (series_index.cc): a finder that reads documents when first met and
  // titles from the stored catalogue (never lists the archive); every series it detected;
  // the session of a member it decoded (0 when it did not).
  static Result<std::unique_ptr<SeriesFinder>> CreateOverCatalogue(
      const store::Archive& archive, CatalogueReader* catalogue, SeriesOverrides overrides);
  const std::vector<Series>& Found() const;
  uint32_t SessionOf(const std::string& symbol) const;

 private:
  struct State;
  explicit SeriesFinder(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// SeriesFinder::Create + Find for one symbol.
Result<Series> SeriesOfSymbol(const store::Archive& archive, const std::string& symbol);

// The series an argument names: the symbol of a member (full or "54/144"), a series key
// ("s-1a2b...") or a series name (case-insensitive, whole or unique prefix). NotFound with a
// message saying what was tried; InvalidInput when a name prefix is ambiguous.
Result<Series> ResolveSeriesArg(const store::Archive& archive, std::string_view arg);

// Narrows a series to members whose session lies in [from, to]; a bound is a session number
// ("54") or a member's symbol. Empty bound = open. InvalidInput for a bound that is neither,
// or when no member is left.
Result<Series> SliceSeries(const store::Archive& archive, const Series& series,
                           const std::string& from, const std::string& to);

// ---- a series loaded with its diffs ---------------------------------------------------------

// records[i] in session order, diffs[i] = records[i] -> records[i + 1] (so diffs.size() ==
// records.size() - 1, or 0 when loaded without diffs).
struct SeriesHistory {
  Series series;
  std::vector<Resolution> records;
  std::vector<DiffResult> diffs;
};
// records_from: take the records a SeriesFinder kept instead of decoding them again.
// with_diffs = false leaves diffs empty; options are those of every diff made. language:
// each member's current version in that language where stored, else in its preferred language
// (store::Document::current); "" = every member's preferred language.
Result<SeriesHistory> LoadSeriesHistory(const store::Archive& archive, const Series& series,
                                        SeriesFinder* records_from = nullptr,
                                        bool with_diffs = true, const DiffOptions& options = {},
                                        std::string_view language = {});

// ---- lineage (blame) -------------------------------------------------------------------------

struct LineageEntry {
  std::string symbol;  // where this wording first appeared
  std::string text;    // the wording (ParagraphFullText)
  // The next newer wording replaced this one by a technical update only (Change::technical:
  // symbols, dates, session ordinals), so the substance carried on.
  bool technical = false;
};
// One paragraph of the newest record of a history.
struct BlameParagraph {
  Section section = Section::kPreamble;
  std::string number;
  std::string lead;
  std::string text;  // ParagraphFullText of the current wording
  // Where the current substance began: the current wording's start, or further back through
  // technical updates (its lineage lists them, marked technical).
  std::string since;
  std::string wording_since;          // where the current wording, to the letter, first appeared
  std::vector<LineageEntry> lineage;  // earlier wordings, newest first
};

// Follows the diff pairing from the last record of `history` back to the first: a paragraph
// keeps its wording across an unchanged pair (moved or not, or compared over the stretch a
// cut-off copy holds); a reworded, split or merged pair starts a new wording (a merge is followed
// through its first part), a technical one an update of the same substance; an added paragraph
// ends the walk. A paragraph the older copy does not reach (a partial copy: not compared) is
// not added there: the walk compares it with the copies before, and ends without a change
// when none reaches it. Uses history.diffs when they are all there; else diffs the pairs
// itself with `options`, newest first, and stops at the first pair no paragraph's walk
// reaches. Paragraphs in document order: preamble, operative, annex.
std::vector<BlameParagraph> BlameLast(const SeriesHistory& history,
                                      const DiffOptions& options = {});

// `recital blame SYMBOL`: the series of an archived symbol up to that symbol and the blame of
// its paragraphs. NotFound when the symbol is not archived (the message names it).
struct BlameView {
  std::string symbol;     // NormalizeSymbol (schema/symbol.h) of the argument
  // Records only: diffs empty (blame diffs only the pairs it needs). Read from the stored
  // lineage (default options, fresh index), the records before the last hold only the header
  // (symbol, session, number, title, adoption date, language); all_records decodes them all.
  SeriesHistory history;
  std::vector<BlameParagraph> paragraphs;
};
Result<BlameView> BlameSymbol(const store::Archive& archive, std::string_view symbol_arg,
                              const DiffOptions& options = {}, bool all_records = false);

// ---- log -----------------------------------------------------------------------------------

// One session of a series, with its counts against the previous session.
struct SessionRow {
  std::string symbol;
  uint32_t session = 0;  // 0: unknown
  std::string adoption_date;
  std::string title;
  bool has_previous = false;  // false for the first session of the series
  DiffSummary summary;        // against the previous session
};
// One row per record; without history.diffs every row has has_previous false.
std::vector<SessionRow> OverviewRows(const SeriesHistory& history);

// `recital log SERIES|SYMBOL`: the series an argument names (as ResolveSeriesArg) and its rows,
// each diffed with `options`.
struct LogView {
  Series series;
  std::vector<SessionRow> rows;
};
Result<LogView> LogOf(const store::Archive& archive, std::string_view target,
                      const DiffOptions& options = {}, std::string_view language = {});

// ---- stored paragraph lineage (format 6; store/FORMAT.md "Format 6", `lineage`) -------------
// Per consecutive pair of every series, at the default DiffOptions and each member's current
// version of its preferred language: log's counts and blame's producing changes, so that LogOf
// and BlameSymbol read entries instead of diffing (when the index is fresh and the options are
// the defaults; otherwise they compute, the reference path). An entry names the two versions it
// was computed from: a reader that finds other current versions computes.

// The entries of every consecutive pair of `all` (a whole-archive grouping), decoding each
// member's record once: for Archive::ReplaceDerived(kLineageIndex, ...).
Result<std::vector<std::pair<std::string, std::string>>> LineageIndexEntries(
    const store::Archive& archive, const std::vector<Series>& all);
// Inside a derive callback: deletes the entries of pairs of `before` that are no pairs of
// `after`, and puts the entry of every pair of `after` that has none or one naming other
// versions (reads of `archive` see the transaction). Leaves the stamp to the caller
// (DerivedTxn::MarkFresh).
Status UpdateLineageIndex(const store::Archive& archive, store::DerivedTxn& txn,
                          const std::vector<Series>& before, const std::vector<Series>& after,
                          DeriveCache* cache = nullptr);
// As RefreshSeriesIndex for the lineage index (whole rebuild when stale; ArchiveSeries gives
// the grouping). False when it was fresh, the archive predates format 6, or writers kept
// changing the inputs.
Result<bool> RefreshLineageIndex(store::Archive& archive);
// `recital verify`: when the index is fresh, every difference between it and
// LineageIndexEntries computed afresh (one line each); empty when they agree or it is stale.
Result<std::vector<std::string>> CheckLineageIndex(const store::Archive& archive);

// ---- phrase search grouped by series -------------------------------------------------------

// One paragraph of the newest version of one resolution holding the phrase.
struct GrepParagraph {
  std::string symbol;
  uint32_t session = 0;   // of the document's newest version; 0 unknown
  uint32_t position = 0;  // in document order, preamble first, 0-based
  size_t hit = 0;         // index into GrepResult::hits: the wording and where the phrase is
  // Where position is, as the diff names paragraphs (render::ParagraphLabel: PP3, OP6):
  Section section = Section::kPreamble;
  uint32_t index = 0;  // 0-based within its section
  std::string number;  // operative and annex paragraphs: as numbered in the text; may be ""
  uint32_t version = 0;  // the stored version the paragraph was found in
  std::string language;  // that version's language (ISO 639-1; "" unknown)
};
struct GrepSeries {
  Series series;
  std::vector<GrepParagraph> paragraphs;  // by session, then symbol, then position; never empty
};
struct GrepResult {
  std::string phrase;                  // as asked
  std::vector<store::PhraseHit> hits;  // Archive::FindPhrase's hits (all versions)
  std::vector<GrepSeries> series;      // by first session, then series key; empty: no match
};
// Archive::FindPhrase, then the uses in the newest version of each document grouped by series.
// series_arg non-empty: only that series (ResolveSeriesArg, whose errors are returned first).
// Errors of FindPhrase: InvalidInput when the phrase holds no word or the archive predates
// format 4; Corruption. `method`: FindPhrase's (the result is the same; tests compare them);
// read from uses, the paragraphs are placed from the records FindPhrase decoded.
Result<GrepResult> Grep(const store::Archive& archive, std::string_view phrase,
                        std::string_view series_arg = {},
                        store::PhraseOptions::Method method = store::PhraseOptions::Method::kAuto);
// `recital grep -l`: the documents Grep lists (the symbols of its paragraphs), sorted by symbol,
// each with the searched versions holding the phrase (Archive::FindPhraseDocuments: no series
// grouping, and for a common word few records decoded). series_arg as Grep's.
Result<std::vector<store::PhraseDocument>> GrepDocuments(const store::Archive& archive,
                                                         std::string_view phrase,
                                                         std::string_view series_arg = {});
// `recital grep -c`: per document Grep lists, by symbol, how many paragraph lines it gives it.
struct GrepCount {
  std::string symbol;
  size_t paragraphs = 0;
};
Result<std::vector<GrepCount>> GrepCounts(const store::Archive& archive, std::string_view phrase,
                                          std::string_view series_arg = {});

// ---- language versions -----------------------------------------------------------------------

// The newest stored version of `symbol` whose record is in `language` (Resolution::language,
// "en", "fr", ...), decoding versions newest first. NotFound for an unknown symbol, or one with
// no version in that language (the message names the languages it has). One function, so it
// can become the store's per-language current version.
Result<Resolution> LanguageVersion(const store::Archive& archive, const std::string& symbol,
                                   const std::string& language);
// The two language versions of `symbol` named by "en,fr", aligned (AlignParallel). InvalidInput
// when `languages` is not two codes separated by a comma; errors of LanguageVersion.
Result<ParallelResult> ParallelVersions(const store::Archive& archive, const std::string& symbol,
                                        const std::string& languages);

}  // namespace recital::history

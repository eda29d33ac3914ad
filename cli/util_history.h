// Helpers shared by the history commands (log, blame, grep, report, demo): finding the series
// a SERIES|SYMBOL argument names, loading its records in session order with the diffs between
// consecutive sessions, and the lineage of every paragraph back through the series.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diff/diff.h"
#include "schema/schema.h"
#include "schema/status.h"
#include "store/store.h"

namespace recital::cli {

// "54/144", "a/res/54/144", "A/RES/54/144" -> "A/RES/54/144"; anything else unchanged.
std::string NormalizeSymbolArg(std::string_view arg);

// The user's series corrections as `recital series` stores them in the archive settings
// (series/name/<key> = name, series/join/<key a> = <key b>, series/split/<symbol>).
Result<SeriesOverrides> LoadSeriesOverrides(const store::Archive& archive);

// Every series of the archive: DetectSeries over the newest version of every document, with
// the stored overrides. Decodes every record (one snapshot).
Result<std::vector<Series>> ArchiveSeries(const store::Archive& archive);

// The series of one archived document, decoding only the records that may belong to it
// (same normalised title, recall and citation links, transitively). Same result as picking
// it from ArchiveSeries (falls back to that when the overrides hold joins). NotFound when
// the symbol is not archived.
Result<Series> SeriesOfSymbol(const store::Archive& archive, const std::string& symbol);

// SeriesOfSymbol for many symbols: lists the documents once and remembers every series it
// has detected. Not thread-safe; must not outlive the archive.
class SeriesFinder {
 public:
  static Result<std::unique_ptr<SeriesFinder>> Create(const store::Archive& archive);
  // NotFound when the symbol is not archived.
  Result<Series> Find(const std::string& symbol);

 private:
  explicit SeriesFinder(const store::Archive& archive) : archive_(archive) {}
  void Remember(Series s);
  const store::Archive& archive_;
  SeriesOverrides overrides_;
  std::map<std::string, std::string> title_of_;                  // symbol -> normalised title
  std::map<std::string, std::vector<std::string>> by_title_;     // normalised title -> symbols
  std::map<std::string, size_t> series_of_;                      // symbol -> index in found_
  std::vector<Series> found_;
};

// The series an argument names: a series key ("s-1a2b..."), a series name (case-insensitive,
// whole or unique prefix) or the symbol of a member (full or "54/144"). NotFound with a message
// saying what was tried; InvalidInput when a name prefix is ambiguous.
Result<Series> ResolveSeriesArg(const store::Archive& archive, std::string_view arg);

// Narrows a series to members whose session lies in [from, to]; a bound is a session number
// ("54") or a member's symbol. Empty bound = open. InvalidInput for a bound that is neither.
Result<Series> SliceSeries(const store::Archive& archive, const Series& series,
                           const std::string& from, const std::string& to);

// A series loaded for reporting: records[i] in session order, diffs[i] = records[i] ->
// records[i + 1] (so diffs.size() == records.size() - 1, or 0).
struct SeriesHistory {
  Series series;
  std::vector<Resolution> records;
  std::vector<DiffResult> diffs;
};
Result<SeriesHistory> LoadSeriesHistory(const store::Archive& archive, const Series& series);

// Blame of one paragraph of the newest record of a history.
struct LineageEntry {
  std::string symbol;  // where this wording first appeared
  std::string text;    // the wording (ParagraphFullText)
};
struct BlameParagraph {
  Section section = Section::kPreamble;
  std::string number;
  std::string lead;
  std::string text;                   // ParagraphFullText of the current wording
  std::string since;                  // symbol where the current wording first appeared
  std::vector<LineageEntry> lineage;  // earlier wordings, newest first
};
// Follows the diff pairing from the last record of `history` back to the first: a paragraph
// keeps its wording across an unchanged pair (moved or not); a reworded, split or merged pair
// starts a new wording; an added paragraph ends the walk.
std::vector<BlameParagraph> BlameLast(const SeriesHistory& history);

// Per-session counts for log and report overviews, from a DiffSummary.
struct SessionRow {
  std::string symbol;
  uint32_t session = 0;
  std::string adoption_date;
  std::string title;
  bool has_previous = false;  // false for the first session of the series
  DiffSummary summary;        // against the previous session
};
std::vector<SessionRow> OverviewRows(const SeriesHistory& history);

// "A/RES/54/144" -> "54/144" for compact tables; other symbols unchanged.
std::string ShortSymbol(std::string_view symbol);

}  // namespace recital::cli

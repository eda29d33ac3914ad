// Helpers shared by the history commands (log, blame, grep, report, demo): finding the series
// a SERIES|SYMBOL argument names, loading its records in session order with the diffs between
// consecutive sessions, and the lineage of every paragraph back through the series.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

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
  // Keep the records Find decodes (newest versions) for TakeRecord; off by default (grep
  // finds the series of many symbols and needs none of the records).
  void KeepRecords() { keep_records_ = true; }
  // A record Find decoded and kept (moved out), or nullopt.
  std::optional<Resolution> TakeRecord(const std::string& symbol);

 private:
  explicit SeriesFinder(const store::Archive& archive) : archive_(archive) {}
  void Remember(Series s);
  const store::Archive& archive_;
  SeriesOverrides overrides_;
  bool keep_records_ = false;
  std::map<std::string, Resolution> records_;                    // kept by Find
  // Every archived symbol -> its normalised title's index in mates_ (kNoTitle: empty).
  static constexpr uint32_t kNoTitle = UINT32_MAX;
  std::unordered_map<std::string, uint32_t> title_id_;
  std::vector<std::vector<std::string>> mates_;                  // symbols per normalised title
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
// records_from: take the records a SeriesFinder kept instead of decoding them again.
// with_diffs = false leaves diffs empty.
Result<SeriesHistory> LoadSeriesHistory(const store::Archive& archive, const Series& series,
                                        SeriesFinder* records_from = nullptr,
                                        bool with_diffs = true);

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
// starts a new wording; an added paragraph ends the walk. Uses history.diffs when they are
// all there; else diffs the pairs itself, newest first, and stops at the first pair no
// paragraph's walk reaches.
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

// ---- log and blame as the commands compute them (also timed in process by
// bench/query_bench.cc) ----

// `recital blame SYMBOL`: the series of an archived symbol up to that symbol (its records and
// the diffs between them) and the blame of its paragraphs. NotFound when the symbol is not
// archived (the message names it).
struct BlameView {
  SeriesHistory history;  // records only: diffs empty (blame diffs only the pairs it needs)
  std::vector<BlameParagraph> paragraphs;
};
Result<BlameView> BlameSymbol(const store::Archive& archive, std::string_view symbol_arg);
// {"symbol", "paragraphs": [{"section", "number", "lead", "text", "since", "lineage":
// [{"symbol", "text"}]}]}, as `recital blame --format json` prints it.
nlohmann::json BlameJson(const std::string& symbol, const std::vector<BlameParagraph>& ps);

// `recital log SERIES|SYMBOL`: the series an argument names (ResolveSeriesArg) and its
// per-session rows.
struct LogView {
  Series series;
  std::vector<SessionRow> rows;
};
Result<LogView> LogOf(const store::Archive& archive, std::string_view target);
// {"series": {"key", "name"}, "sessions": [...]}, as `recital log --json` prints it.
nlohmann::json LogJson(const Series& series, const std::vector<SessionRow>& rows);

// "A/RES/54/144" -> "54/144" for compact tables; other symbols unchanged.
std::string ShortSymbol(std::string_view symbol);

}  // namespace recital::cli

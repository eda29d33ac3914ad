// Shared by the files of history/; not part of the module's interface.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diff/diff.h"
#include "history/history.h"
#include "store/store.h"

namespace recital::history {

// DetectSeries with the user's corrections bound to today's series: a correction names a
// series by the key it had when it was made (its earliest member's), so when an earlier
// member has joined that series since, the correction follows the member whose key it names
// instead of being lost. With no names or joins stored this is DetectSeries itself.
std::vector<Series> DetectWithCorrections(const std::vector<SeriesMember>& members,
                                          const SeriesOverrides& corrections);

// ArchiveSeries computed (never read from the stored index): the reference the stored index
// is built from and checked against.
Result<std::vector<Series>> ComputeArchiveSeries(const store::Archive& archive);

// The title series detection gives a document: its current version's (preferred language), or
// when that one has none (a part of the document) the newest title another version gives.
// titled (optional): raw title -> whether it normalises to a title (a cache).
const std::string& DocumentTitle(const store::Document& d,
                                 std::unordered_map<std::string, bool>* titled = nullptr);

// SeriesMemberFromResolution of a document's current version, with the document's title.
SeriesMember MemberOf(const Resolution& newest, const std::string& title);

// ComputeArchiveSeries, with the session of every archived document's member.
Result<std::vector<Series>> ComputeArchiveSeries(const store::Archive& archive,
                                                 std::map<std::string, uint32_t>* sessions);

// The whole content of the derived series index (store/FORMAT.md "Format 6", layout in
// series_index.cc) computed from the archive (ComputeArchiveSeries and the titles).
// series (optional): the series it holds, in ArchiveSeries order.
Result<std::vector<std::pair<std::string, std::string>>> SeriesIndexEntries(
    const store::Archive& archive, std::vector<Series>* series = nullptr);

// The titles of the archive as the stored series index keeps them (series_index.cc), read by
// SeriesFinder::CreateOverCatalogue instead of listing every document.
class CatalogueReader {
 public:
  virtual ~CatalogueReader() = default;
  // The documents whose title has this SeriesTitleKey (none: no such title).
  virtual Result<std::vector<std::string>> TitleHolders(const std::string& title_key) = 0;
  // The SeriesTitleKeys of the titles whose SeriesHeadKeys hold title_key (may hold more).
  virtual Result<std::vector<std::string>> TitlesHeadedBy(const std::string& title_key) = 0;
  // At least the number of words of the longest normalised title.
  virtual Result<size_t> MaxTitleWords() = 0;
  // The documents without a title.
  virtual Result<std::vector<std::string>> Untitled() = 0;
};

// ---- the stored lineage (lineage_index.cc) ----
// One entry of the `lineage` index decoded: a consecutive pair of a series.
struct StoredPair {
  uint32_t older_version = 0, newer_version = 0;  // current versions the records were read at
  DiffSummary summary;                            // DiffResolutions(older, newer).summary
  uint64_t counts[3] = {0, 0, 0};  // paragraphs of the newer record: preamble, operative, annex
  // Per paragraph of the newer record (document order): the change that produced it.
  struct Slot {
    enum Kind : uint8_t { kNotReached, kAdded, kStep } kind = kNotReached;
    Section from_section = Section::kPreamble;  // kStep: the first older paragraph
    uint64_t from_index = 0;
    bool unchanged = false;  // ChangeStatus::kUnchanged
    bool technical = false;  // Change::technical
    bool exact = false;      // the older paragraph's text is this one's (no delta)
    bool merged = false;     // several older paragraphs: their texts joined by spaces
    uint64_t first_length = 0;  // merged: the bytes of the first one in the joined text
    std::string_view delta;     // !exact: the joined older text against this paragraph's text
  };
  std::vector<Slot> slots;  // views into the value decoded
};
// One entry of the `lineage` index: a series of >= 2 members and the bodies of its pairs.
inline constexpr std::string_view kSeriesLineagePrefix = "l/";
struct SeriesLineage {
  std::vector<std::string> symbols;  // session order
  std::vector<uint32_t> versions;    // current version (preferred language) of each
  std::vector<std::string> pairs;    // pairs[i]: symbols[i] -> symbols[i + 1], EncodeLineagePair
};
std::string EncodeSeriesLineage(const SeriesLineage& s);
Status DecodeSeriesLineage(std::string_view value, SeriesLineage* out);
std::string EncodeLineagePair(uint32_t older_version, uint32_t newer_version,
                              const Resolution& newer, const DiffResult& diff);
Status DecodeLineagePair(std::string_view value, StoredPair* out);
// The options the lineage index is computed at (DiffOptions{}; edits_for_unchanged does not
// change log's counts or blame).
inline bool IsDefaultDiffOptions(const DiffOptions& o) {
  const DiffOptions d;
  return o.reword_threshold == d.reword_threshold && o.split_threshold == d.split_threshold;
}
// log and blame from the stored lineage at the default options; nullopt when the index is
// stale, lacks an entry, names other versions, or (blame) a walk needs a pair not stored.
Result<std::optional<LogView>> StoredLogOf(const store::Archive& archive, std::string_view target);
Result<std::optional<BlameView>> StoredBlameOf(const store::Archive& archive,
                                               const std::string& symbol);

// The record of one version of an archived document (0: its current version), prepared for
// DiffPrepared, through the writer's cache (null: decoded every time), or as the derive
// transaction's batch parsed it (txn may be null). Reads of `archive` see the derive
// transaction.
Result<PreparedResolution> CachedRecord(const store::Archive& archive,
                                        const store::DerivedTxn* txn, DeriveCache* cache,
                                        const std::string& symbol, uint32_t version);
// Leaves the record of that version out of the cache from now on (it was the older member of
// the pair just computed: in an ingest in session order its successor has taken its place).
void ForgetCachedRecord(const store::Archive& archive, DeriveCache* cache,
                        const std::string& symbol, uint32_t version);

}  // namespace recital::history

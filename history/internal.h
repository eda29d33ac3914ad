// Shared by the files of history/; not part of the module's interface.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diff/diff.h"
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

}  // namespace recital::history

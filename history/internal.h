// Shared by the files of history/; not part of the module's interface.
#pragma once

#include <string>
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

// The derived index entries (store/FORMAT.md "Format 6", layout in series_index.cc) of a
// whole-archive grouping.
std::vector<std::pair<std::string, std::string>> SeriesIndexEntries(const std::vector<Series>& all);

}  // namespace recital::history

// Shared by the files of history/; not part of the module's interface.
#pragma once

#include <vector>

#include "diff/diff.h"

namespace recital::history {

// DetectSeries with the user's corrections bound to today's series: a correction names a
// series by the key it had when it was made (its earliest member's), so when an earlier
// member has joined that series since, the correction follows the member whose key it names
// instead of being lost. With no names or joins stored this is DetectSeries itself.
std::vector<Series> DetectWithCorrections(const std::vector<SeriesMember>& members,
                                          const SeriesOverrides& corrections);

}  // namespace recital::history

// Step 7, format version 6 -> 7 (store/FORMAT.md "Format 7"). Format 7 changes the layout of
// both derived indexes (`series`: documents by number, title keys by hash; `lineage`: an entry
// split into values that fit a leaf page). They are derived, so this step does not convert
// them: it empties both databases and removes their stamps, which leaves them stale (readers
// compute; `recital migrate` rebuilds them in the new layout right after the step, as after
// step 6, since migrations must not depend on history/). A run killed in between leaves a
// correct format-7 archive whose indexes are rebuilt by its next writer.
#include <string>

#include "migrations/steps.h"
#include "store/catalogue.h"
#include "store/migration.h"

namespace recital::migrations {

Step M0007DerivedLayout() {
  Step s;
  s.number = 7;
  s.name = "derived_layout";
  s.from_version = 6;
  s.to_version = 7;
  s.description = "empty the series and lineage indexes for their format-7 layout (stale until rebuilt)";
  s.apply = [](store::MigrationTxn& txn) -> Status {
    for (std::string_view index : {store::kSeriesIndex, store::kLineageIndex}) {
      RECITAL_RETURN_IF_ERROR(txn.Recreate(index));
      RECITAL_RETURN_IF_ERROR(
          txn.Delete("meta", std::string(store::kMetaDerivedStampPrefix) + std::string(index)));
    }
    return Status::Ok();
  };
  return s;
}

}  // namespace recital::migrations

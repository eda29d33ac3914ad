// Step 6, format version 5 -> 6 (in progress; store/FORMAT.md "Format 6"). Format 6 keeps
// derived indexes (the series membership history/ computes) with the input generation they
// were computed at. This step only makes the empty `series` database; the input generation is
// absent (read as 0) and no index has a stamp, so every derived index reads as stale until
// history/ builds it (`recital migrate` does right after the step: migrations must not
// depend on history/). A run killed in between leaves a correct format-6 archive whose index
// is rebuilt by its next writer or computed by its readers.
#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {

Step M0006InputGeneration() {
  Step s;
  s.number = 6;
  s.name = "input_generation";
  s.from_version = 5;
  s.to_version = 6;
  s.description = "add the derived series and lineage indexes (empty, stale until built) and its stamp";
  s.apply = [](store::MigrationTxn& txn) -> Status {
    RECITAL_RETURN_IF_ERROR(txn.Recreate("series"));
    return txn.Recreate("lineage");
  };
  return s;
}

}  // namespace recital::migrations

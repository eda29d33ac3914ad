// Step 7, format version 6 -> 7 (store/FORMAT.md "Format 7"). Two parts in one transaction:
// - the word index's use postings (m0007_word_uses.cc: every document posted for the words of
//   every wording its versions use, so `grep -l` of a common word decodes almost nothing);
// - the `series` index's smaller layout (stored series keys as bytes, front-coded symbols,
//   title hashes in `q/`). Derived indexes are not converted: the step empties `series` and
//   `lineage` and removes their stamps, which leaves them stale (readers compute; `recital
//   migrate` rebuilds them right after the step, as after step 6, since migrations must not
//   depend on history/). A run killed in between leaves a correct format-7 archive whose
//   indexes are rebuilt by its next writer.
#include <string>

#include "migrations/steps.h"
#include "store/catalogue.h"
#include "store/migration.h"

namespace recital::migrations {

Step M0007DerivedLayout() {
  Step s;
  s.number = 7;
  s.name = "word_uses_series_layout";
  s.from_version = 6;
  s.to_version = 7;
  s.description =
      "post every document for the words of every wording it uses (grep -l), and empty the "
      "series and lineage indexes for their format-7 layout (stale until rebuilt)";
  s.apply = [](store::MigrationTxn& txn) -> Status {
    RECITAL_RETURN_IF_ERROR(RepostWordUses(txn));
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

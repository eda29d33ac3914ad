// Step 5, second part (see m0005_versions_phrases.cc): word positions for phrase search. Not
// written yet: a no-op.
#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {

Status BuildPhrasePositionsV5(store::MigrationTxn&) { return Status::Ok(); }

}  // namespace recital::migrations

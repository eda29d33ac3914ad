// Step 5, first part (see m0005_versions_phrases.cc): document versions with language,
// completeness and a current version per language. Not written yet: a no-op.
#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {

Status UpgradeDocumentVersionsV5(store::MigrationTxn&) { return Status::Ok(); }

}  // namespace recital::migrations

// Step 5, second part (see m0005_versions_phrases.cc): word pairs for phrase search. The words
// database gains a key per pair of adjacent words (store/FORMAT.md "words"), built by the
// store (AddWordPairPostings) so that ingest and this step share one definition of the keys.
#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {

Status BuildPhrasePositionsV5(store::MigrationTxn& txn) {
  return store::AddWordPairPostings(txn);
}

}  // namespace recital::migrations

// Format 7 (issue #17), the word index's part: use postings. Until format 6 a posting (word, n)
// of the words database named only the document that stored a wording first, so `recital grep
// -l` of a common word found the documents repeating a wording only by decoding ~half the
// records. Format 7 also posts every document for the word keys of every wording any of its
// versions uses, in use chunks (store/FORMAT.md "words", uses), which ingest keeps from then
// on. RepostWordUses builds them from the records (one pass over every version, as step 5);
// the lead's step m0007 calls it in its one write transaction. Existing first-use and pair
// postings are not touched.
#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {

Status RepostWordUses(store::MigrationTxn& txn) { return store::AddWordUsePostings(txn); }

}  // namespace recital::migrations

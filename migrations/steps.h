// Private to migrations/: one factory per numbered step file, listed in order by AllSteps().
// (A list, not self-registration: static registrars in a static library can be dropped by
// the linker.)
#pragma once

#include "migrations/migrations.h"

namespace recital::migrations {

Step M0001Initial();
Step M0002WordIndex();
Step M0003CompactIndexes();
Step M0004InlineWordings();
Step M0005VersionsPhrases();
Step M0006InputGeneration();
Step M0007DerivedLayout();

// The two parts of step 5 (m0005_document_versions.cc, m0005_phrase_positions.cc).
Status UpgradeDocumentVersionsV5(store::MigrationTxn& txn);
Status BuildPhrasePositionsV5(store::MigrationTxn& txn);

// Format 7's word index part (m0007_word_uses.cc): adds the use postings (store/FORMAT.md
// "words", uses) of every document for the word keys of every wording its versions use;
// replaces any already there. For step 7, inside its write transaction.
Status RepostWordUses(store::MigrationTxn& txn);

}  // namespace recital::migrations

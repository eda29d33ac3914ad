// Step 5, format version 4 -> 5. Two independent parts, each in its own file so they can be
// written and reviewed apart; they run in this order in the step's one write transaction (a
// killed run leaves version 4 untouched):
//   - m0005_document_versions.cc: a document's versions know their language and whether the
//     copy is complete, a part (a page) or cut off, and which version is current per language
//     (format 4 took the newest file ingested);
//   - m0005_phrase_positions.cc: the word index posts pairs of adjacent words, so the
//     candidates of a phrase are the documents that hold it (store/FORMAT.md "words").
#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {

Step M0005VersionsPhrases() {
  Step s;
  s.number = 5;
  s.name = "versions_phrases";
  s.from_version = 4;
  s.to_version = 5;
  s.description = "record each version's language and completeness and the current version per "
                  "language; index pairs of adjacent words for phrase search";
  s.apply = [](store::MigrationTxn& txn) -> Status {
    RECITAL_RETURN_IF_ERROR(UpgradeDocumentVersionsV5(txn));
    return BuildPhrasePositionsV5(txn);
  };
  return s;
}

}  // namespace recital::migrations

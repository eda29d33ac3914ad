// Private to store/: the word index (store/FORMAT.md "words", format version 2). The public
// half (NormalizeWordForIndex, SplitWordsForIndex, ParagraphIndexKeys, FindPhrase) is in
// store.h; this is what ingest.cc and verify.cc use inside their transactions.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"
#include "store/lmdb_env.h"

namespace recital::store {

// Adds (key, WordPosting(wording_hash)) for every key (ParagraphIndexKeys of the wording) to
// the words database (format 3: the posting is the hash's first 4 bytes). Pairs already
// present are left alone, so it is safe to repeat.
Status PutWordPostings(Txn& txn, MDB_dbi words, const Hash128& wording_hash,
                       const std::vector<std::string>& keys);

// Verify's half: collects the postings every paragraph object implies, then compares them
// with the words database in both directions.
class WordIndexCheck {
 public:
  void AddParagraph(const Hash128& wording_hash, const Paragraph& wording);
  // Calls problem(what) for each missing or unexpected posting (at most max_reports of each
  // kind, then one summary line).
  Status Compare(const Txn& txn, MDB_dbi words,
                 const std::function<void(std::string)>& problem) const;

 private:
  std::set<std::string> expected_;  // key NUL posting bytes
};

}  // namespace recital::store

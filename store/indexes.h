// Private to store/: the indexes over documents (store/FORMAT.md "Format 3", "Format 4"):
// document numbers (doc_numbers, doc_symbols), one packed list of uses per wording
// (paragraph_uses), the format-4 cited_by lists, and the word postings ingest leaves pending.
// Ingest writes them through PutParagraphIndexes; readers and verify use the rest. Value
// layouts: store/migration.h (EncodeUseList, EncodeNumberList, DocNumberKey).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"
#include "store/catalogue.h"
#include "store/encoding.h"
#include "store/lmdb_env.h"

namespace recital::store {

// The document number of symbol; nullopt when it has none.
Result<std::optional<uint32_t>> DocNumberOf(const Txn& txn, const Dbis& dbis,
                                            std::string_view symbol);
// The number of symbol, giving it the next free one (largest + 1, from 1) when it has none.
Result<uint32_t> EnsureDocNumber(Txn& txn, const Dbis& dbis, std::string_view symbol);
// Every doc_symbols entry: number -> symbol. Corruption when a key is not a u32.
Result<std::map<uint32_t, std::string>> ReadDocSymbols(const Txn& txn, const Dbis& dbis);

// One paragraph of a release being ingested, in document order.
struct IndexedParagraph {
  Hash128 hash;                            // wording hash (paragraph object key)
  const std::vector<std::string>* words;   // ParagraphPostingKeys of the wording
};

// Ingest's one call for a stored version: gives symbol a number if new, adds the use
// (number, version, position i) of every paragraphs[i] to its wording's list, and posts the
// document for the words of every wording that had no list yet (a wording first stored by
// this version: format 4's words index) and (format 7) for the word keys of every older
// wording the document had no use of yet, those not among the first ones (use postings).
// Inside ingest's transaction.
// Word postings wait here until FlushWordPostings (word key -> document numbers, any order).
struct PendingWordPostings {
  // By key; std::less<> so a key is looked up as a string_view and copied only when new.
  using ByKey = std::map<std::string, std::vector<uint32_t>, std::less<>>;
  // Keys (words and pairs) of the wordings a version stored first: first-use chunks.
  ByKey first;
  // Format 7: word keys of the older wordings a version uses (use chunks; store/words.h).
  ByKey uses;
  void clear() {
    first.clear();
    uses.clear();
  }
};
Status PutParagraphIndexes(Txn& txn, const Dbis& dbis, std::string_view symbol,
                           uint32_t version, const std::vector<IndexedParagraph>& paragraphs,
                           PendingWordPostings* pending_words);
// Writes the pending postings (one read and one write per word and chunk, however many
// documents of the batch posted it; a use chunk also reads the word's first-use chunk and
// leaves out the documents posted there) and clears them. Before the transaction commits.
Status FlushWordPostings(Txn& txn, MDB_dbi words, PendingWordPostings* pending);

// Format 4 cited_by: adds citing_doc to the documents citing `cited` (idempotent).
Status PutCitedBy(Txn& txn, const Dbis& dbis, std::string_view cited, uint32_t citing_doc);
// The symbols citing `cited`, sorted; empty when none. Reads format 4's packed value, or an
// older archive's duplicates.
Result<std::vector<std::string>> ReadCitedBy(const Txn& txn, const Dbis& dbis,
                                             std::string_view cited);

// Every use of a wording with symbols, sorted by (symbol, version, position); empty when none.
// symbols (optional): document number -> symbol, read from and added to (one snapshot), for
// callers reading the uses of many wordings.
Result<std::vector<ParagraphUse>> ReadParagraphUses(
    const Txn& txn, const Dbis& dbis, const Hash128& wording_hash,
    std::unordered_map<uint32_t, std::string>* symbols = nullptr);

// Verify's check of doc_numbers, doc_symbols and paragraph_uses: collects the uses the records
// imply, then compares in both directions.
class UsesIndexCheck {
 public:
  using ProblemFn = std::function<void(std::string what, std::set<std::string> symbols)>;
  void AddDocument(const std::string& symbol) { documents_.insert(symbol); }
  void AddUse(const Hash128& wording, const std::string& symbol, uint32_t version,
              uint32_t position);
  Status Compare(const Txn& txn, const Dbis& dbis, const ProblemFn& problem) const;

 private:
  Status CompareNumbers(const Txn& txn, const Dbis& dbis, const ProblemFn& problem,
                        std::map<uint32_t, std::string>* names) const;
  std::set<std::string> documents_;
  // wording hash bytes -> (symbol, version, position)
  std::map<std::string, std::set<std::tuple<std::string, uint32_t, uint32_t>>> expected_;
};

}  // namespace recital::store

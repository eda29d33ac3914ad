// Step 3, format version 2 -> 3: compact indexes. Version 2 kept one LMDB duplicate per
// paragraph use (`symbol NUL version position`) and one 16-byte wording hash per word posting;
// on 1,000 generated releases those two indexes were ~7 MB of an 11.5 MB archive, against
// 1.3 MB of objects. Version 3 (store/FORMAT.md "Format 3"):
//   - doc_numbers / doc_symbols: every document gets a number (here: 1, 2, ... in symbol
//     order; ingest gives new documents the next one);
//   - paragraph_uses: no longer dup-sorted; one value per wording, the packed list of its uses
//     over document numbers (store::EncodeUseList);
//   - words: the duplicates are the first 4 bytes of the wording hash (V3WordPosting,
//     migrations/legacy_formats.h); a phrase search mapped them to wordings through the
//     paragraph_uses keys (format 4 replaced them).
// The step reads both old indexes into memory, recreates the databases (LMDB keeps a
// database's flags, so paragraph_uses has to be dropped and created again) and writes the new
// ones, all in one write transaction: a killed run leaves version 2 untouched. It uses the
// store's own encoders of the values format 4 still has (store/migration.h), so those layouts
// have one definition; the ones format 4 dropped are in migrations/legacy_formats.h.
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "migrations/legacy_formats.h"
#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {
namespace {

Status CompactIndexes(store::MigrationTxn& txn) {
  std::map<std::string, uint32_t> numbers;  // symbol -> document number
  RECITAL_RETURN_IF_ERROR(txn.ForEach("docs", [&](std::string_view k, std::string_view) {
    uint32_t n = static_cast<uint32_t>(numbers.size() + 1);
    numbers.emplace(std::string(k), n);
    return Status::Ok();
  }));
  std::map<std::string, std::vector<store::PackedUse>> uses;  // wording hash bytes -> uses
  RECITAL_RETURN_IF_ERROR(txn.ForEach("paragraph_uses", [&](std::string_view k,
                                                             std::string_view v) {
    store::ParagraphUse use;
    if (k.size() != 16 || !DecodeV2Use(v, &use)) {
      return Status::Corruption("paragraph_uses holds a malformed entry: run `recital verify`");
    }
    auto doc = numbers.find(use.symbol);
    if (doc == numbers.end()) {
      return Status::Corruption("paragraph_uses names " + use.symbol +
                                ", which is not a document: run `recital verify`");
    }
    uses[std::string(k)].push_back({doc->second, use.version, use.position});
    return Status::Ok();
  }));
  std::set<std::pair<std::string, std::string>> postings;  // (word, first bytes of the hash)
  RECITAL_RETURN_IF_ERROR(txn.ForEach("words", [&](std::string_view k, std::string_view v) {
    if (v.size() != 16) {
      return Status::Corruption("words holds a posting of " + std::to_string(v.size()) +
                                " bytes, not a wording hash: run `recital verify`");
    }
    postings.emplace(std::string(k), std::string(v.substr(0, kV3WordPostingBytes)));
    return Status::Ok();
  }));
  for (const char* db : {"paragraph_uses", "words", "doc_numbers", "doc_symbols"}) {
    RECITAL_RETURN_IF_ERROR(txn.Recreate(db));
  }
  for (const auto& [symbol, n] : numbers) {
    std::string key = store::DocNumberKey(n);
    RECITAL_RETURN_IF_ERROR(txn.Put("doc_numbers", symbol, key));
    RECITAL_RETURN_IF_ERROR(txn.Put("doc_symbols", key, symbol));
  }
  for (auto& [hash, list] : uses) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    RECITAL_RETURN_IF_ERROR(txn.Put("paragraph_uses", hash, store::EncodeUseList(list)));
  }
  for (const auto& [word, posting] : postings) {
    RECITAL_RETURN_IF_ERROR(txn.Put("words", word, posting));
  }
  return Status::Ok();
}

}  // namespace

Step M0003CompactIndexes() {
  Step s;
  s.number = 3;
  s.name = "compact_indexes";
  s.from_version = 2;
  s.to_version = 3;
  s.description = "compact the indexes: number the documents (doc_numbers, doc_symbols), pack "
                  "each wording's uses into one paragraph_uses value, cut word postings to 4 "
                  "bytes";
  s.apply = CompactIndexes;
  return s;
}

}  // namespace recital::migrations

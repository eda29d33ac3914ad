// Step 4, format version 3 -> 4: paragraph wordings move inside the records, and the word
// index points at documents. Why: on 1,000 generated releases the archive (after `mdb_copy
// -c`) was 5.3 MB against 534 KB for `git gc --aggressive` of the same files. Two thirds of
// that were per-wording costs: 8,002 paragraph objects (a 16-byte key, a 19-byte header and a
// zstd frame each, 551 KB of values), records listing 16-byte wording hashes (434 B each, the
// hashes do not compress), and 206,484 word postings (1.6 MB). Version 4 (store/FORMAT.md
// "Format 4"):
//   - every record is re-encoded with its wordings inline (schema EncodeResolutionInline) and
//     stored against the record of its release's base release and its own release, as ingest
//     does: a repeated paragraph costs a back-reference, a new one a few matches into the
//     release. Its key (the content hash) changes, so docs and titles are rewritten;
//   - the old records and every paragraph object are deleted (a wording is read from the
//     record of any use; paragraph_uses, unchanged, is its one entry);
//   - words is recreated and rebuilt: (word, document number) for each wording's first use;
//   - cites is emptied (a record lists what it cites) and cited_by recreated with one packed
//     list of citing document numbers per cited symbol (on those 1,000 releases the two
//     dup-sorted databases were 348 KB).
// Records are converted in order of their release's chain depth, so the record a record is
// compressed against is already converted. All in one write transaction: a killed run leaves
// version 3 untouched. (Steps 2 and 3 write postings into whatever `words` this build
// creates; this step rebuilds it from scratch, so their words work does not matter here.)
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {
namespace {

struct Version {
  int depth = 0;           // of the release object (its base is converted first)
  std::string symbol;
  uint32_t doc = 0;        // document number
  size_t index = 0;        // into the symbol's versions
  Hash128 raw, record;     // old record
  std::optional<Hash128> base_raw;  // the release's first base, when it has one
};

// Depth and first base of a stored release object.
Status ReleaseChain(store::MigrationTxn& txn, Version* v) {
  auto value = txn.Get("objects", v->raw.ToBytes());
  if (!value.ok()) return value.status();
  if (!value->has_value()) {
    return Status::Corruption(v->symbol + ": release object " + v->raw.ToHex() +
                              " is missing: run `recital verify`");
  }
  auto object = store::ParseStoredObject(**value, v->raw);
  if (!object.ok()) return object.status();
  v->depth = object->depth;
  if (!object->bases.empty()) v->base_raw = object->bases.front();
  return Status::Ok();
}

Status InlineWordings(store::MigrationTxn& txn) {
  std::map<std::string, uint32_t> numbers;  // symbol -> document number
  RECITAL_RETURN_IF_ERROR(txn.ForEach("doc_symbols", [&](std::string_view k, std::string_view v) {
    uint32_t n = 0;
    if (!store::DecodeDocNumberKey(k, &n)) {
      return Status::Corruption("doc_symbols key is not a number: run `recital verify`");
    }
    numbers[std::string(v)] = n;
    return Status::Ok();
  }));
  std::map<std::string, std::vector<store::DocumentVersion>> docs;
  std::vector<Version> order;
  RECITAL_RETURN_IF_ERROR(txn.ForEach("docs", [&](std::string_view k, std::string_view v) {
    auto versions = store::DecodeDocVersions(v, k);
    if (!versions.ok()) return versions.status();
    auto n = numbers.find(std::string(k));
    if (n == numbers.end()) {
      return Status::Corruption(std::string(k) + " has no document number: run `recital verify`");
    }
    for (size_t i = 0; i < versions->size(); ++i) {
      Version x;
      x.symbol = std::string(k);
      x.doc = n->second;
      x.index = i;
      x.raw = (*versions)[i].raw_hash;
      x.record = (*versions)[i].record_hash;
      order.push_back(std::move(x));
    }
    docs.emplace(std::string(k), std::move(*versions));
    return Status::Ok();
  }));
  for (auto& v : order) RECITAL_RETURN_IF_ERROR(ReleaseChain(txn, &v));
  std::stable_sort(order.begin(), order.end(), [](const Version& a, const Version& b) {
    return std::tie(a.depth, a.doc, a.index) < std::tie(b.depth, b.doc, b.index);
  });

  std::map<Hash128, Hash128> new_record;      // old record -> new record
  std::map<Hash128, Hash128> record_of_raw;   // release -> its new record
  std::map<std::string, std::set<uint32_t>> postings;  // word -> documents
  std::map<std::string, std::set<uint32_t>> cited_by;  // cited symbol -> citing documents
  std::vector<store::PackedUse> uses;
  for (const auto& v : order) {
    auto old = txn.LoadObject(v.record);
    if (!old.ok()) return old.status().WithContext(v.symbol + " record");
    auto r = DecodeResolution(*old, [&](const Hash128& h, Paragraph* p) -> Status {
      auto wording = txn.LoadObject(h);
      if (!wording.ok()) return wording.status();
      return DecodeParagraph(*wording, p).WithContext("paragraph object " + h.ToHex());
    });
    if (!r.ok()) return r.status().WithContext(v.symbol + " record " + v.record.ToHex());
    std::vector<Hash128> bases;
    if (v.base_raw) {
      if (auto it = record_of_raw.find(*v.base_raw); it != record_of_raw.end()) {
        bases.push_back(it->second);
      }
    }
    bases.push_back(v.raw);
    auto key = txn.PutObject(store::ObjectType::kRecord, EncodeResolutionInline(*r), bases);
    if (!key.ok()) return key.status();
    new_record[v.record] = *key;
    record_of_raw[v.raw] = *key;
    for (const auto& c : r->citations) {
      if (store::IsCitedSymbol(c.symbol, v.symbol)) cited_by[c.symbol].insert(v.doc);
    }
    // Word postings: a wording's words go to the document of its first use.
    uint32_t position = 0;
    for (const auto* list : {&r->preamble, &r->operative, &r->annex}) {
      for (const auto& p : *list) {
        Hash128 h = WordingHash(p);
        auto value = txn.Get("paragraph_uses", h.ToBytes());
        if (!value.ok()) return value.status();
        if (!value->has_value() || !store::DecodeUseList(**value, &uses) || uses.empty()) {
          return Status::Corruption("paragraph_uses has no uses of " + h.ToHex() + " (" +
                                    v.symbol + "): run `recital verify`");
        }
        const store::PackedUse first = uses.front();
        if (first.doc == v.doc && first.version == v.index + 1 && first.position == position) {
          for (const auto& word : store::ParagraphIndexKeys(p)) postings[word].insert(v.doc);
        }
        ++position;
      }
    }
  }

  // docs and titles name the new records.
  for (auto& [symbol, versions] : docs) {
    for (auto& ver : versions) ver.record_hash = new_record.at(ver.record_hash);
    RECITAL_RETURN_IF_ERROR(txn.Put("docs", symbol, store::EncodeDocVersions(versions)));
  }
  std::vector<std::pair<std::string, std::string>> titles;
  RECITAL_RETURN_IF_ERROR(txn.ForEach("titles", [&](std::string_view k, std::string_view v) {
    Hash128 record;
    if (v.size() == 32 && Hash128::FromBytes(v.substr(16), &record)) {
      if (auto it = new_record.find(record); it != new_record.end()) {
        titles.emplace_back(std::string(k), std::string(v.substr(0, 16)) + it->second.ToBytes());
      }
    }
    return Status::Ok();
  }));
  for (const auto& [k, v] : titles) RECITAL_RETURN_IF_ERROR(txn.Put("titles", k, v));

  // Old records and paragraph objects go.
  std::set<std::string> keep;
  for (const auto& [old, now] : new_record) keep.insert(now.ToBytes());
  std::vector<std::string> drop;
  RECITAL_RETURN_IF_ERROR(txn.ForEach("objects", [&](std::string_view k, std::string_view v) {
    Hash128 h;
    bool old_record = Hash128::FromBytes(k, &h) && new_record.count(h) && !keep.count(std::string(k));
    bool paragraph = !v.empty() && v[0] == static_cast<char>(store::ObjectType::kParagraph);
    if (old_record || paragraph) drop.emplace_back(k);
    return Status::Ok();
  }));
  for (const auto& k : drop) RECITAL_RETURN_IF_ERROR(txn.Delete("objects", k));

  // Citations: cites is left empty (the records are the forward index), cited_by packed.
  RECITAL_RETURN_IF_ERROR(txn.Recreate("cites"));
  RECITAL_RETURN_IF_ERROR(txn.Recreate("cited_by"));
  for (const auto& [cited, set] : cited_by) {
    RECITAL_RETURN_IF_ERROR(txn.Put("cited_by", cited,
                                    store::EncodeNumberList({set.begin(), set.end()})));
  }

  RECITAL_RETURN_IF_ERROR(txn.Recreate("words"));
  std::map<std::string, std::vector<uint32_t>> lists;
  for (auto& [word, set] : postings) lists.emplace(word, std::vector<uint32_t>(set.begin(), set.end()));
  for (const auto& [k, v] : store::EncodeWordIndex(lists)) {
    RECITAL_RETURN_IF_ERROR(txn.Put("words", k, v));
  }
  return Status::Ok();
}

}  // namespace

Step M0004InlineWordings() {
  Step s;
  s.number = 4;
  s.name = "inline_wordings";
  s.from_version = 3;
  s.to_version = 4;
  s.description = "store paragraph wordings inside the records (re-encode every record, delete "
                  "the paragraph objects), index words by document and pack cited_by";
  s.apply = InlineWordings;
  return s;
}

}  // namespace recital::migrations

// The compact indexes of format 3: document numbers, packed paragraph uses, and verify's check
// of both. Layouts: store/FORMAT.md "Format 3"; value encodings in store/encoding.cc.
#include "store/indexes.h"

#include <algorithm>
#include <iterator>

#include "store/words.h"

namespace recital::store {
namespace {

Result<uint32_t> DecodeNumber(std::string_view bytes, std::string_view what) {
  uint32_t n = 0;
  if (!GetU32BE(&bytes, &n) || !bytes.empty() || n == 0) {
    return Status::Corruption(std::string(what) + " is not a document number");
  }
  return n;
}

std::string DescribeUse(const std::string& hash_bytes, const std::string& symbol,
                        uint32_t version, uint32_t position) {
  Hash128 h;
  Hash128::FromBytes(hash_bytes, &h);
  return h.ToHex() + " at " + symbol + " version " + std::to_string(version) + " position " +
         std::to_string(position);
}

}  // namespace

Result<std::optional<uint32_t>> DocNumberOf(const Txn& txn, const Dbis& dbis,
                                            std::string_view symbol) {
  auto v = txn.Get(dbis.doc_numbers, symbol);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<uint32_t>();
  auto n = DecodeNumber(**v, "doc_numbers value of " + std::string(symbol));
  if (!n.ok()) return n.status();
  return std::optional<uint32_t>(*n);
}

Result<uint32_t> EnsureDocNumber(Txn& txn, const Dbis& dbis, std::string_view symbol) {
  auto known = DocNumberOf(txn, dbis, symbol);
  if (!known.ok()) return known.status();
  if (known->has_value()) return **known;
  auto cur = Cursor::Open(txn, dbis.doc_symbols);
  if (!cur.ok()) return cur.status();
  std::string_view k, v;
  auto last = cur->Get(MDB_LAST, &k, &v);
  if (!last.ok()) return last.status();
  uint32_t next = 1;
  if (*last) {
    auto n = DecodeNumber(k, "doc_symbols key");
    if (!n.ok()) return n.status();
    if (*n == UINT32_MAX) return Status::ResourceExhausted("no document numbers left");
    next = *n + 1;
  }
  std::string key = DocNumberKey(next);
  RECITAL_RETURN_IF_ERROR(txn.Put(dbis.doc_numbers, symbol, key));
  // Numbers only grow, so doc_symbols is written in key order: MDB_APPEND fills its pages.
  RECITAL_RETURN_IF_ERROR(txn.Put(dbis.doc_symbols, key, symbol, MDB_APPEND));
  return next;
}

Result<std::map<uint32_t, std::string>> ReadDocSymbols(const Txn& txn, const Dbis& dbis) {
  std::map<uint32_t, std::string> out;
  auto cur = Cursor::Open(txn, dbis.doc_symbols);
  if (!cur.ok()) return cur.status();
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) return out;
    auto n = DecodeNumber(k, "doc_symbols key");
    if (!n.ok()) return n.status();
    out[*n] = std::string(v);
  }
}

Status PutParagraphIndexes(Txn& txn, const Dbis& dbis, std::string_view symbol,
                           uint32_t version, const std::vector<IndexedParagraph>& paragraphs,
                           PendingWordPostings* pending_words) {
  auto doc = EnsureDocNumber(txn, dbis, symbol);
  if (!doc.ok()) return doc.status();
  std::vector<PackedUse> uses;
  // Views into the paragraphs' keys (sorting and deduplicating copies of ~1,000 keys per
  // release was ~4% of an ingest's CPU).
  std::vector<std::string_view> new_words;   // of the wordings this version stores first
  std::vector<std::string_view> used_words;  // of older wordings this document did not use yet
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const IndexedParagraph& para = paragraphs[i];
    std::string key = para.hash.ToBytes();
    auto current = txn.Get(dbis.paragraph_uses, key);
    if (!current.ok()) return current.status();
    uses.clear();
    if (!current->has_value()) {
      // A new wording: its words are posted for this document in this same transaction.
      new_words.insert(new_words.end(), para.words->begin(), para.words->end());
    } else if (!DecodeUseList(**current, &uses)) {
      return Status::Corruption("paragraph_uses entry of " + para.hash.ToHex() + " is malformed");
    } else {
      // An older wording (format 7): its word keys are posted for this document unless one
      // of its versions used the wording before (then they are posted already).
      auto mine = std::lower_bound(uses.begin(), uses.end(), PackedUse{*doc, 0, 0});
      if (mine == uses.end() || mine->doc != *doc) {
        for (const auto& w : *para.words) {
          if (!IsPairKey(w)) used_words.push_back(w);
        }
      }
    }
    PackedUse use{*doc, version, static_cast<uint32_t>(i)};
    auto at = std::lower_bound(uses.begin(), uses.end(), use);
    if (at != uses.end() && *at == use) continue;
    uses.insert(at, use);
    RECITAL_RETURN_IF_ERROR(txn.Put(dbis.paragraph_uses, key, EncodeUseList(uses)));
  }
  std::sort(new_words.begin(), new_words.end());
  new_words.erase(std::unique(new_words.begin(), new_words.end()), new_words.end());
  std::sort(used_words.begin(), used_words.end());
  used_words.erase(std::unique(used_words.begin(), used_words.end()), used_words.end());
  auto post = [&](PendingWordPostings::ByKey& to, std::string_view word) {
    auto it = to.find(word);
    if (it == to.end()) it = to.emplace(std::string(word), std::vector<uint32_t>()).first;
    it->second.push_back(*doc);
  };
  auto first = new_words.begin();
  for (std::string_view word : used_words) {  // a word this version also posts first needs no use
    while (first != new_words.end() && *first < word) ++first;
    if (first != new_words.end() && *first == word) continue;
    post(pending_words->uses, word);
  }
  for (std::string_view word : new_words) post(pending_words->first, word);
  return Status::Ok();
}

namespace {

// Reads the chunk value at key into *numbers (cleared; empty when absent).
Status ReadChunk(const Txn& txn, MDB_dbi words, const std::string& key, const std::string& word,
                 uint32_t chunk, std::vector<uint32_t>* numbers) {
  auto current = txn.Get(words, key);
  if (!current.ok()) return current.status();
  numbers->clear();
  if (current->has_value() && !DecodeWordChunk(**current, chunk, numbers, /*canonical=*/false)) {
    return Status::Corruption("words: the value of '" + word + "' chunk " +
                              std::to_string(chunk) + " is malformed");
  }
  return Status::Ok();
}

// Merges one kind of pending postings into its chunks; use chunks leave out the documents of
// the word's first-use chunk (written before them).
Status FlushChunks(Txn& txn, MDB_dbi words, PendingWordPostings::ByKey* pending, bool use) {
  std::vector<uint32_t> numbers, first;
  std::string key;
  for (auto& [word, docs] : *pending) {
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    for (size_t from = 0; from < docs.size();) {  // one chunk at a time
      uint32_t chunk = docs[from] >> kWordChunkShift;
      size_t to = from;
      while (to < docs.size() && (docs[to] >> kWordChunkShift) == chunk) ++to;
      auto begin = docs.begin() + from, end = docs.begin() + to;
      from = to;
      if (use) {
        RECITAL_RETURN_IF_ERROR(
            ReadChunk(txn, words, WordChunkKey(word, chunk), word, chunk, &first));
        if (!first.empty()) {
          end = std::remove_if(begin, end, [&](uint32_t n) {
            return std::binary_search(first.begin(), first.end(), n);
          });
          if (begin == end) continue;
        }
      }
      key = use ? WordUseChunkKey(word, chunk) : WordChunkKey(word, chunk);
      RECITAL_RETURN_IF_ERROR(ReadChunk(txn, words, key, word, chunk, &numbers));
      size_t before = numbers.size();
      numbers.insert(numbers.end(), begin, end);
      std::inplace_merge(numbers.begin(), numbers.begin() + before, numbers.end());
      numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
      if (numbers.size() != before) {
        RECITAL_RETURN_IF_ERROR(txn.Put(words, key, EncodeWordChunk(numbers)));
      }
    }
  }
  pending->clear();
  return Status::Ok();
}

}  // namespace

Status FlushWordPostings(Txn& txn, MDB_dbi words, PendingWordPostings* pending) {
  RECITAL_RETURN_IF_ERROR(FlushChunks(txn, words, &pending->first, false));
  return FlushChunks(txn, words, &pending->uses, true);
}

Status PutCitedBy(Txn& txn, const Dbis& dbis, std::string_view cited, uint32_t citing_doc) {
  auto current = txn.Get(dbis.cited_by, cited);
  if (!current.ok()) return current.status();
  std::vector<uint32_t> docs;
  if (current->has_value() && !DecodeNumberList(**current, &docs)) {
    return Status::Corruption("cited_by entry of " + std::string(cited) + " is malformed");
  }
  auto at = std::lower_bound(docs.begin(), docs.end(), citing_doc);
  if (at != docs.end() && *at == citing_doc) return Status::Ok();
  docs.insert(at, citing_doc);
  return txn.Put(dbis.cited_by, cited, EncodeNumberList(docs));
}

Result<std::vector<std::string>> ReadCitedBy(const Txn& txn, const Dbis& dbis,
                                             std::string_view cited) {
  std::vector<std::string> out;
  auto cur = Cursor::Open(txn, dbis.cited_by);
  if (!cur.ok()) return cur.status();
  std::string_view k = cited, v;
  auto found = cur->Get(MDB_SET_KEY, &k, &v);
  if (!found.ok()) return found.status();
  if (!*found) return out;
  unsigned flags = 0;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_dbi_flags(txn.get(), dbis.cited_by, &flags), "dbi_flags"));
  if (flags & MDB_DUPSORT) {  // before format 4: one duplicate per citing symbol
    for (;;) {
      out.emplace_back(v);
      auto more = cur->Get(MDB_NEXT_DUP, &k, &v);
      if (!more.ok()) return more.status();
      if (!*more) break;
    }
  } else {
    std::vector<uint32_t> docs;
    if (!DecodeNumberList(v, &docs)) {
      return Status::Corruption("cited_by entry of " + std::string(cited) + " is malformed");
    }
    for (uint32_t n : docs) {
      auto s = txn.Get(dbis.doc_symbols, DocNumberKey(n));
      if (!s.ok()) return s.status();
      if (!s->has_value()) {
        return Status::Corruption("cited_by entry of " + std::string(cited) +
                                  " names document number " + std::to_string(n) +
                                  ", which doc_symbols does not have");
      }
      out.emplace_back(**s);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<ParagraphUse>> ReadParagraphUses(
    const Txn& txn, const Dbis& dbis, const Hash128& wording_hash,
    std::unordered_map<uint32_t, std::string>* symbols) {
  std::vector<ParagraphUse> out;
  auto value = txn.Get(dbis.paragraph_uses, wording_hash.ToBytes());
  if (!value.ok()) return value.status();
  if (!value->has_value()) return out;
  std::vector<PackedUse> uses;
  if (!DecodeUseList(**value, &uses)) {
    return Status::Corruption("paragraph_uses entry of " + wording_hash.ToHex() + " is malformed");
  }
  std::string symbol;
  uint32_t symbol_doc = 0;
  for (const auto& u : uses) {
    if (u.doc != symbol_doc && symbols != nullptr) {
      if (auto known = symbols->find(u.doc); known != symbols->end()) {
        symbol = known->second;
        symbol_doc = u.doc;
      }
    }
    if (u.doc != symbol_doc) {
      auto s = txn.Get(dbis.doc_symbols, DocNumberKey(u.doc));
      if (!s.ok()) return s.status();
      if (!s->has_value()) {
        return Status::Corruption("paragraph_uses entry of " + wording_hash.ToHex() +
                                  " names document number " + std::to_string(u.doc) +
                                  ", which doc_symbols does not have");
      }
      symbol = std::string(**s);
      symbol_doc = u.doc;
      if (symbols != nullptr) symbols->emplace(u.doc, symbol);
    }
    out.push_back(ParagraphUse{symbol, u.version, u.position});
  }
  std::sort(out.begin(), out.end(), [](const ParagraphUse& a, const ParagraphUse& b) {
    return std::tie(a.symbol, a.version, a.position) < std::tie(b.symbol, b.version, b.position);
  });
  return out;
}

void UsesIndexCheck::AddUse(const Hash128& wording, const std::string& symbol, uint32_t version,
                            uint32_t position) {
  expected_[wording.ToBytes()].insert({symbol, version, position});
}

Status UsesIndexCheck::CompareNumbers(const Txn& txn, const Dbis& dbis, const ProblemFn& problem,
                                      std::map<uint32_t, std::string>* names) const {
  std::map<std::string, uint32_t> by_symbol;
  auto* numbers = &by_symbol;
  auto cur = Cursor::Open(txn, dbis.doc_numbers);
  if (!cur.ok()) return cur.status();
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::string symbol(k);
    auto n = DecodeNumber(v, "doc_numbers value of " + symbol);
    if (!n.ok()) {
      problem(n.status().message(), {symbol});
    } else if (!documents_.count(symbol)) {
      problem("doc_numbers: number " + std::to_string(*n) + " for " + symbol +
                  ", which is not a document", {});
    } else {
      (*numbers)[symbol] = *n;
    }
  }
  for (const auto& symbol : documents_) {
    if (!numbers->count(symbol)) problem("doc_numbers: " + symbol + " has no number", {symbol});
  }
  auto read = ReadDocSymbols(txn, dbis);
  if (!read.ok()) {
    problem(read.status().message(), {});
    return Status::Ok();
  }
  *names = std::move(*read);
  for (const auto& [n, symbol] : *names) {
    auto it = numbers->find(symbol);
    if (it == numbers->end() || it->second != n) {
      problem("doc_symbols: number " + std::to_string(n) + " names " + symbol +
                  ", which doc_numbers does not give that number", {symbol});
    }
  }
  for (const auto& [symbol, n] : *numbers) {
    auto it = names->find(n);
    if (it == names->end() || it->second != symbol) {
      problem("doc_symbols: number " + std::to_string(n) + " of " + symbol + " does not name it",
              {symbol});
    }
  }
  return Status::Ok();
}

Status UsesIndexCheck::Compare(const Txn& txn, const Dbis& dbis, const ProblemFn& problem) const {
  if (dbis.doc_numbers == 0 || dbis.doc_symbols == 0) {
    problem("archive has no 'doc_numbers' or 'doc_symbols' database (format 3 needs them)", {});
    return Status::Ok();
  }
  // Uses name documents through doc_symbols, as readers do.
  std::map<uint32_t, std::string> names;
  RECITAL_RETURN_IF_ERROR(CompareNumbers(txn, dbis, problem, &names));
  using UseSet = std::set<std::tuple<std::string, uint32_t, uint32_t>>;
  auto report = [&](const std::string& hash, const UseSet& uses, const char* kind) {
    for (const auto& [symbol, version, position] : uses) {
      problem("paragraph_uses: " + std::string(kind) + " " +
                  DescribeUse(hash, symbol, version, position), {symbol});
    }
  };
  std::set<std::string> seen;
  auto cur = Cursor::Open(txn, dbis.paragraph_uses);
  if (!cur.ok()) return cur.status();
  std::string_view k, v;
  std::vector<PackedUse> packed;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::string hash(k);
    if (hash.size() != 16 || !DecodeUseList(v, &packed) || EncodeUseList(packed) != v) {
      problem("paragraph_uses: malformed entry (" + std::to_string(k.size()) + "-byte key)", {});
      continue;
    }
    seen.insert(hash);
    UseSet actual;
    for (const auto& u : packed) {
      auto name = names.find(u.doc);
      actual.insert({name == names.end() ? "document number " + std::to_string(u.doc)
                                         : name->second,
                     u.version, u.position});
    }
    auto want = expected_.find(hash);
    const UseSet empty;
    const UseSet& expected = want == expected_.end() ? empty : want->second;
    UseSet missing, extra;
    std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                        std::inserter(missing, missing.end()));
    std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                        std::inserter(extra, extra.end()));
    report(hash, missing, "missing entry");
    report(hash, extra, "entry without a document");
  }
  for (const auto& [hash, uses] : expected_) {
    if (!seen.count(hash)) report(hash, uses, "missing entry");
  }
  return Status::Ok();
}

}  // namespace recital::store

// The word index's postings (store/words.h, store/FORMAT.md "words"): the chunk encoding of
// format 4 and writing postings at ingest and in migrations.
#include <algorithm>
#include <map>
#include <set>

#include "store/encoding.h"
#include "store/indexes.h"
#include "store/words.h"

namespace recital::store {
namespace {

constexpr char kKeySeparator = '\xFF';
constexpr size_t kChunkBytes = 3;
enum : unsigned char { kList = 0, kBitmap = 1 };

std::string EncodeList(const std::vector<uint32_t>& numbers) {
  std::string out(1, static_cast<char>(kList));
  uint32_t previous = 0;
  for (size_t i = 0; i < numbers.size(); ++i) {
    uint32_t offset = numbers[i] & kWordChunkMask;
    PutVarint(&out, i == 0 ? offset : offset - previous - 1);
    previous = offset;
  }
  return out;
}

std::string EncodeBitmap(const std::vector<uint32_t>& numbers) {
  uint32_t first = (numbers.front() & kWordChunkMask) / 8;
  uint32_t last = (numbers.back() & kWordChunkMask) / 8;
  std::string out(1, static_cast<char>(kBitmap));
  PutVarint(&out, first);
  size_t base = out.size();
  out.resize(base + last - first + 1, '\0');
  for (uint32_t n : numbers) {
    uint32_t offset = n & kWordChunkMask;
    out[base + offset / 8 - first] |= static_cast<char>(1u << (offset % 8));
  }
  return out;
}

}  // namespace

std::string WordChunkKey(std::string_view word_key, uint32_t chunk) {
  std::string out(word_key);
  out.push_back(kKeySeparator);
  out.push_back(static_cast<char>(chunk >> 16));
  out.push_back(static_cast<char>(chunk >> 8));
  out.push_back(static_cast<char>(chunk));
  return out;
}

std::string WordUseChunkKey(std::string_view word_key, uint32_t chunk) {
  std::string out = WordChunkKey(word_key, chunk);
  out[word_key.size() + 1] = static_cast<char>(kWordUseChunkFlag | (chunk >> 16));
  return out;
}

bool ParseWordKey(std::string_view key, std::string_view* word_key, uint32_t* chunk, bool* use) {
  if (key.size() < kChunkBytes + 2 || key[key.size() - kChunkBytes - 1] != kKeySeparator) {
    return false;
  }
  *word_key = key.substr(0, key.size() - kChunkBytes - 1);
  if (word_key->find(kKeySeparator) != std::string_view::npos) return false;
  uint32_t c = 0;
  for (size_t i = key.size() - kChunkBytes; i < key.size(); ++i) {
    c = (c << 8) | static_cast<unsigned char>(key[i]);
  }
  *use = (c >> 16) & kWordUseChunkFlag;
  if (*use) c &= ~(uint32_t{kWordUseChunkFlag} << 16);
  if (c > (UINT32_MAX >> kWordChunkShift)) return false;
  if (*use && IsPairKey(*word_key)) return false;
  *chunk = c;
  return true;
}

bool ParseWordChunkKey(std::string_view key, std::string_view* word_key, uint32_t* chunk) {
  bool use = false;
  return ParseWordKey(key, word_key, chunk, &use) && !use;
}

std::string EncodeWordChunk(const std::vector<uint32_t>& numbers) {
  if (numbers.empty()) return std::string();
  std::string list = EncodeList(numbers);
  // A bitmap cannot win below 1 + 1 + span/8 bytes; skip building it when the list is shorter.
  uint32_t span = (numbers.back() & kWordChunkMask) / 8 - (numbers.front() & kWordChunkMask) / 8;
  if (list.size() <= span + 2) return list;
  std::string bitmap = EncodeBitmap(numbers);
  return bitmap.size() < list.size() ? bitmap : list;
}

bool DecodeWordChunk(std::string_view value, uint32_t chunk, std::vector<uint32_t>* numbers,
                     bool canonical) {
  if (value.empty() || chunk > (UINT32_MAX >> kWordChunkShift)) return false;
  auto kind = static_cast<unsigned char>(value[0]);
  std::string_view in = value.substr(1);
  std::vector<uint32_t> got;
  uint32_t base = chunk << kWordChunkShift;
  if (kind == kList) {
    uint64_t offset = 0;
    for (bool first = true; !in.empty(); first = false) {
      uint64_t v = 0;
      if (!GetVarint(&in, &v)) return false;
      offset = first ? v : offset + v + 1;
      if (offset > kWordChunkMask) return false;
      got.push_back(base | static_cast<uint32_t>(offset));
    }
  } else if (kind == kBitmap) {
    uint64_t first = 0;
    if (!GetVarint(&in, &first) || first > kWordChunkMask / 8 || in.empty() ||
        first + in.size() > (kWordChunkMask + 1) / 8 || in.front() == 0 || in.back() == 0) {
      return false;
    }
    for (size_t j = 0; j < in.size(); ++j) {
      auto bits = static_cast<unsigned char>(in[j]);
      for (uint32_t i = 0; i < 8; ++i) {
        if (bits & (1u << i)) got.push_back(base | static_cast<uint32_t>((first + j) * 8 + i));
      }
    }
  } else {
    return false;
  }
  if (got.empty() || (canonical && EncodeWordChunk(got) != value)) return false;
  numbers->insert(numbers->end(), got.begin(), got.end());
  return true;
}

Status PutWordPostings(Txn& txn, MDB_dbi words, uint32_t doc_number,
                       const std::vector<std::string>& keys) {
  PendingWordPostings pending;  // ingest batches these; one document is a batch of one
  for (const auto& word : keys) pending.first[word].push_back(doc_number);
  return FlushWordPostings(txn, words, &pending);
}

std::vector<std::pair<std::string, std::string>> EncodeWordIndex(
    const std::map<std::string, std::vector<uint32_t>>& postings) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<uint32_t> chunk_numbers;
  for (const auto& [word, numbers] : postings) {
    for (size_t i = 0; i < numbers.size();) {
      uint32_t chunk = numbers[i] >> kWordChunkShift;
      chunk_numbers.clear();
      for (; i < numbers.size() && numbers[i] >> kWordChunkShift == chunk; ++i) {
        chunk_numbers.push_back(numbers[i]);
      }
      out.emplace_back(WordChunkKey(word, chunk), EncodeWordChunk(chunk_numbers));
    }
  }
  // "ab" sorts before "abc", but "ab" 0xFF after "abc" 0xFF: sort by the keys themselves.
  std::sort(out.begin(), out.end());
  return out;
}

void WordPostingsBuilder::Add(uint32_t doc_number, const Hash128& wording_hash,
                              const Paragraph& wording) {
  if (!seen_.insert(wording_hash).second) return;
  for (const auto& key : ParagraphPostingKeys(wording, format_version_)) {
    auto& numbers = postings_[key];
    if (numbers.empty() || numbers.back() != doc_number) numbers.push_back(doc_number);
  }
}

std::map<std::string, std::vector<uint32_t>> WordPostingsBuilder::Finish() && {
  for (auto& [word, numbers] : postings_) {
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  }
  seen_.clear();
  return std::move(postings_);
}

Status AddWordPairPostings(MigrationTxn& txn) {
  std::map<uint32_t, std::string> symbols;  // documents in number order: first use first
  RECITAL_RETURN_IF_ERROR(txn.ForEach("doc_symbols", [&](std::string_view k, std::string_view v) {
    uint32_t n = 0;
    if (!DecodeDocNumberKey(k, &n)) return Status::Corruption("doc_symbols: malformed key");
    symbols.emplace(n, std::string(v));
    return Status::Ok();
  }));
  // The word postings already there: a wording's pairs go to the first document (in number
  // order) posted for all its words, the one ingest posted it for, so that one document holds
  // all its keys (the first document in number order need not be the one that stored it first:
  // a later version of an earlier document may repeat a wording another document brought).
  std::map<std::string, std::vector<uint32_t>, std::less<>> word_docs;
  RECITAL_RETURN_IF_ERROR(txn.ForEach("words", [&](std::string_view k, std::string_view v) {
    std::string_view word;
    uint32_t chunk = 0;
    bool use = false;
    if (!ParseWordKey(k, &word, &chunk, &use) || word.find(kWordPairSeparator) != word.npos) {
      return Status::Corruption("words: a key is not word 0xFF chunk");
    }
    if (use) return Status::Ok();  // format 7's use chunks: not the first-use postings
    auto it = word_docs.find(word);
    if (it == word_docs.end()) it = word_docs.emplace(std::string(word), std::vector<uint32_t>()).first;
    if (!DecodeWordChunk(v, chunk, &it->second)) {
      return Status::Corruption("words: the postings of '" + std::string(word) + "' are malformed");
    }
    return Status::Ok();
  }));
  auto posted_for_all = [&](const Paragraph& p, uint32_t number) {
    for (const auto& key : ParagraphIndexKeys(p)) {
      auto it = word_docs.find(key);
      if (it == word_docs.end() ||
          !std::binary_search(it->second.begin(), it->second.end(), number)) {
        return false;
      }
    }
    return true;
  };
  std::set<Hash128> seen;
  std::map<Hash128, std::pair<uint32_t, Paragraph>> unposted;  // no document had all its words
  std::map<std::string, std::vector<uint32_t>> pairs;
  auto post = [&](const Paragraph& p, uint32_t number) {
    for (auto& key : ParagraphPairKeys(p)) pairs[std::move(key)].push_back(number);
  };
  for (const auto& [number, name] : symbols) {
    const std::string& symbol = name;  // a lambda below names it (clang: no binding captures)
    auto value = txn.Get("docs", symbol);
    if (!value.ok()) return value.status();
    if (!value->has_value()) {
      return Status::Corruption("doc_symbols names " + symbol + ", which docs does not have");
    }
    auto versions = DecodeDocVersions(**value, symbol);
    if (!versions.ok()) return versions.status();
    for (const DocumentVersion& v : *versions) {
      auto content = txn.LoadObject(v.record_hash);
      if (!content.ok()) return content.status().WithContext("record of " + symbol);
      auto record = DecodeResolution(*content, [&](const Hash128& h, Paragraph*) {
        return Status::Corruption("record of " + symbol + " refers to paragraph object " +
                                  h.ToHex() + " (format 4 keeps wordings in the record)");
      });
      if (!record.ok()) return record.status().WithContext("record of " + symbol);
      for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
        for (const Paragraph& p : *list) {
          Hash128 h = WordingHash(p);
          if (seen.count(h)) continue;
          if (posted_for_all(p, number)) {
            seen.insert(h);
            unposted.erase(h);
            post(p, number);
          } else {
            unposted.try_emplace(h, number, p);
          }
        }
      }
    }
  }
  // A damaged word index (verify reports it): post for the first document that uses it.
  for (const auto& [h, first] : unposted) post(first.second, first.first);
  for (auto& [key, numbers] : pairs) {
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  }
  for (const auto& [k, v] : EncodeWordIndex(pairs)) {
    RECITAL_RETURN_IF_ERROR(txn.Put("words", k, v));
  }
  return Status::Ok();
}

Status AddWordUsePostings(MigrationTxn& txn) {
  // The first-use postings of every word (pairs have no use postings), and the use chunks
  // already there (replaced: the step may meet an archive a writer of format 7 touched).
  std::map<std::string, std::vector<uint32_t>, std::less<>> first;
  std::vector<std::string> old_uses;
  RECITAL_RETURN_IF_ERROR(txn.ForEach("words", [&](std::string_view k, std::string_view v) {
    std::string_view word;
    uint32_t chunk = 0;
    bool use = false;
    if (!ParseWordKey(k, &word, &chunk, &use)) {
      return Status::Corruption("words: a key is not word 0xFF chunk");
    }
    if (use) {
      old_uses.emplace_back(k);
      return Status::Ok();
    }
    if (IsPairKey(word)) return Status::Ok();
    auto it = first.find(word);
    if (it == first.end()) it = first.emplace(std::string(word), std::vector<uint32_t>()).first;
    if (!DecodeWordChunk(v, chunk, &it->second)) {
      return Status::Corruption("words: the postings of '" + std::string(word) + "' are malformed");
    }
    return Status::Ok();
  }));
  for (const auto& k : old_uses) RECITAL_RETURN_IF_ERROR(txn.Delete("words", k));
  std::map<uint32_t, std::string> symbols;  // in number order, so each list grows sorted
  RECITAL_RETURN_IF_ERROR(txn.ForEach("doc_symbols", [&](std::string_view k, std::string_view v) {
    uint32_t n = 0;
    if (!DecodeDocNumberKey(k, &n)) return Status::Corruption("doc_symbols: malformed key");
    symbols.emplace(n, std::string(v));
    return Status::Ok();
  }));
  std::map<std::string, std::vector<uint32_t>> uses;
  std::set<Hash128> wordings;      // of the current document
  std::set<std::string> doc_words;  // word keys of the current document's wordings
  for (const auto& [number, name] : symbols) {
    const std::string& symbol = name;  // a lambda below names it (clang: no binding captures)
    auto value = txn.Get("docs", symbol);
    if (!value.ok()) return value.status();
    if (!value->has_value()) {
      return Status::Corruption("doc_symbols names " + symbol + ", which docs does not have");
    }
    auto versions = DecodeDocVersions(**value, symbol);
    if (!versions.ok()) return versions.status();
    wordings.clear();
    doc_words.clear();
    for (const DocumentVersion& v : *versions) {
      auto content = txn.LoadObject(v.record_hash);
      if (!content.ok()) return content.status().WithContext("record of " + symbol);
      auto record = DecodeResolution(*content, [&](const Hash128& h, Paragraph*) {
        return Status::Corruption("record of " + symbol + " refers to paragraph object " +
                                  h.ToHex() + " (format 4 keeps wordings in the record)");
      });
      if (!record.ok()) return record.status().WithContext("record of " + symbol);
      for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
        for (const Paragraph& p : *list) {
          if (!wordings.insert(WordingHash(p)).second) continue;
          for (auto& key : ParagraphIndexKeys(p)) doc_words.insert(std::move(key));
        }
      }
    }
    for (const auto& word : doc_words) {
      auto it = first.find(word);
      if (it != first.end() && std::binary_search(it->second.begin(), it->second.end(), number)) {
        continue;
      }
      uses[word].push_back(number);
    }
  }
  std::vector<uint32_t> chunk_numbers;
  for (const auto& [word, numbers] : uses) {
    for (size_t i = 0; i < numbers.size();) {
      uint32_t chunk = numbers[i] >> kWordChunkShift;
      chunk_numbers.clear();
      for (; i < numbers.size() && numbers[i] >> kWordChunkShift == chunk; ++i) {
        chunk_numbers.push_back(numbers[i]);
      }
      RECITAL_RETURN_IF_ERROR(
          txn.Put("words", WordUseChunkKey(word, chunk), EncodeWordChunk(chunk_numbers)));
    }
  }
  return Status::Ok();
}

}  // namespace recital::store

// The word index's postings (store/words.h, store/FORMAT.md "words"): the chunk encoding of
// format 4 and writing postings at ingest and in migrations.
#include <algorithm>

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

bool ParseWordChunkKey(std::string_view key, std::string_view* word_key, uint32_t* chunk) {
  if (key.size() < kChunkBytes + 2 || key[key.size() - kChunkBytes - 1] != kKeySeparator) {
    return false;
  }
  *word_key = key.substr(0, key.size() - kChunkBytes - 1);
  if (word_key->find(kKeySeparator) != std::string_view::npos) return false;
  uint32_t c = 0;
  for (size_t i = key.size() - kChunkBytes; i < key.size(); ++i) {
    c = (c << 8) | static_cast<unsigned char>(key[i]);
  }
  *chunk = c;
  return true;
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

bool DecodeWordChunk(std::string_view value, uint32_t chunk, std::vector<uint32_t>* numbers) {
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
  if (got.empty() || EncodeWordChunk(got) != value) return false;
  numbers->insert(numbers->end(), got.begin(), got.end());
  return true;
}

Status PutWordPostings(Txn& txn, MDB_dbi words, uint32_t doc_number,
                       const std::vector<std::string>& keys) {
  PendingWordPostings pending;  // ingest batches these; one document is a batch of one
  for (const auto& word : keys) pending[word].push_back(doc_number);
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
  for (const auto& key : ParagraphIndexKeys(wording)) {
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

}  // namespace recital::store

// Verify's check of the word index (store/words.h WordIndexCheck, store/FORMAT.md "words").
#include <algorithm>

#include "store/encoding.h"
#include "store/indexes.h"
#include "store/words.h"

namespace recital::store {
namespace {

constexpr size_t kMaxReports = 20;

// Counts problems of one kind; reports the first kMaxReports.
struct Reporter {
  const std::function<void(std::string)>& problem;
  size_t count = 0;
  void operator()(const std::string& what) {
    if (++count <= kMaxReports) problem(what);
  }
};

std::string Shorten(const std::string& text) {
  if (text.size() <= 60) return text;
  size_t n = 57;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n) + "...";
}

// A key as a person reads it: a pair key's 0xFE separator shown as a space.
std::string Readable(std::string_view key) {
  std::string out(key);
  std::replace(out.begin(), out.end(), kWordPairSeparator, ' ');
  return out;
}

bool IsDupSort(const Txn& txn, MDB_dbi dbi) {
  unsigned flags = 0;
  return mdb_dbi_flags(txn.get(), dbi, &flags) == MDB_SUCCESS && (flags & MDB_DUPSORT) != 0;
}

}  // namespace

uint32_t WordIndexCheck::WordId(const std::string& key) {
  return word_ids_.emplace(key, static_cast<uint32_t>(word_ids_.size())).first->second;
}

void WordIndexCheck::AddParagraph(uint32_t doc_number, const Hash128& wording_hash,
                                  const Paragraph& paragraph) {
  auto [it, added] = wordings_.try_emplace(wording_hash);
  Wording& w = it->second;
  if (added) {
    for (const auto& key : ParagraphPostingKeys(paragraph, format_version_)) {
      w.word_ids.push_back(WordId(key));
    }
    std::sort(w.word_ids.begin(), w.word_ids.end());
    w.text = Shorten(paragraph.text);
  } else if (!w.docs.empty() && w.docs.back() == doc_number) {
    return;  // the same wording again in this document: its words are in already
  }
  w.docs.push_back(doc_number);
  for (uint32_t id : w.word_ids) doc_words_.push_back(uint64_t{id} << 32 | doc_number);
  // Versions repeat most paragraphs: keep the list from growing with copies.
  if (doc_words_.size() > (1u << 20) && doc_words_.size() > 2 * doc_words_unique_) {
    std::sort(doc_words_.begin(), doc_words_.end());
    doc_words_.erase(std::unique(doc_words_.begin(), doc_words_.end()), doc_words_.end());
    doc_words_unique_ = doc_words_.size();
  }
}

Status WordIndexCheck::Compare(const Txn& txn, MDB_dbi words,
                               const std::function<void(std::string)>& problem) const {
  if (IsDupSort(txn, words)) {
    problem("words: the database has format 3's layout (DUPSORT): run `recital migrate`");
    return Status::Ok();
  }
  std::vector<uint64_t> truth = doc_words_;  // (word, doc) pairs the records hold
  std::sort(truth.begin(), truth.end());
  truth.erase(std::unique(truth.begin(), truth.end()), truth.end());
  // Postings of words some paragraph has, as (word id, doc) pairs.
  std::vector<uint64_t> posted;
  Reporter malformed{problem}, unsound{problem};
  auto cur = Cursor::Open(txn, words);
  if (!cur.ok()) return cur.status();
  std::string_view k, v, word;
  std::vector<uint32_t> numbers;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    uint32_t chunk = 0;
    bool use = false;
    numbers.clear();
    if (!ParseWordKey(k, &word, &chunk, &use)) {
      malformed("words: key of " + std::to_string(k.size()) + " bytes is not word 0xFF chunk");
      continue;
    }
    if (!DecodeWordChunk(v, chunk, &numbers)) {
      malformed("words: the postings of '" + Readable(word) + "' (chunk " +
                std::to_string(chunk) + ") are malformed");
      continue;
    }
    auto id = word_ids_.find(std::string(word));
    for (uint32_t n : numbers) {
      uint64_t pair = id == word_ids_.end() ? 0 : uint64_t{id->second} << 32 | n;
      if (id == word_ids_.end() || !std::binary_search(truth.begin(), truth.end(), pair)) {
        unsound("words: posting '" + Readable(word) + "' -> document number " +
                std::to_string(n) + ", which has no paragraph with that word");
        continue;
      }
      posted.push_back(pair);
    }
  }
  std::sort(posted.begin(), posted.end());  // keys are in word order, ids are not
  posted.erase(std::unique(posted.begin(), posted.end()), posted.end());
  // Format 7: every (word, document) the records hold is posted, first use or use.
  Reporter unposted{problem};
  if (format_version_ >= kWordUsesFormat) {
    std::vector<const std::string*> names(word_ids_.size());
    for (const auto& [key, id] : word_ids_) names[id] = &key;
    for (uint64_t pair : truth) {
      const std::string& key = *names[pair >> 32];
      if (IsPairKey(key) || std::binary_search(posted.begin(), posted.end(), pair)) continue;
      unposted("words: document number " + std::to_string(static_cast<uint32_t>(pair)) +
               " uses a wording with '" + key + "' but is not posted for it");
    }
  }
  Reporter unfindable{problem};
  for (const auto& [hash, w] : wordings_) {
    bool found = false;
    for (uint32_t doc : w.docs) {  // (a lambda may not capture a structured binding in C++20)
      found = std::all_of(w.word_ids.begin(), w.word_ids.end(), [&](uint32_t id) {
        return std::binary_search(posted.begin(), posted.end(), uint64_t{id} << 32 | doc);
      });
      if (found) break;
    }
    if (!found) {
      unfindable("words: wording " + hash.ToHex() + " ('" + w.text +
                 "') has no document whose postings hold all its words");
    }
  }
  for (const Reporter* r : {&malformed, &unsound, &unposted, &unfindable}) {
    if (r->count > kMaxReports) {
      problem("words: " + std::to_string(r->count) + " problems of this kind in all");
    }
  }
  return Status::Ok();
}

}  // namespace recital::store

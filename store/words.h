// Private to store/: the word index (store/FORMAT.md "words"). The public half
// (NormalizeWordForIndex, SplitWordsForIndex, ParagraphIndexKeys, FindPhrase) is in store.h; this
// is what ingest, verify and migration 0004 use inside their transactions.
//
// Format 4 (a plain database): a posting (word, n) says that document number n (doc_symbols),
// in some version, stored a NEW paragraph wording (one without a paragraph_uses entry before)
// that holds the word. Postings are grouped in chunks of 4096 document numbers:
//   key   = word key bytes (ParagraphIndexKeys, valid UTF-8, so never 0xFF) + 0xFF
//           + chunk (n >> 12) as 3 bytes big-endian
//   value = kind byte, then the numbers of the chunk (offsets n & 4095, sorted, unique):
//           kind 0: varint(first offset), then varint(offset - previous offset - 1) each;
//           kind 1: varint(first byte index b), then the bitmap bytes b.. up to the last
//                   non-zero one (bit i of byte j = offset 8 * j + i).
//           whichever is shorter (kind 0 on a tie), so every value is canonical, at most
//           1 + 2 + 512 bytes: no LMDB overflow pages.
// Format 7 adds use chunks beside a word's chunks (kWordUseChunkFlag below): the documents that
// use an older wording holding the word, so first-use and use postings together are every
// document using a wording with it.
// Format 3's layout (DUPSORT|DUPFIXED, word -> 4-byte wording hash prefix) is only read by
// migration 0003 and replaced by migration 0004; nothing here reads or writes it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"
#include "store/lmdb_env.h"
#include "store/migration.h"

namespace recital::store {

inline constexpr unsigned kWordChunkShift = 12;  // 4096 document numbers per chunk
inline constexpr uint32_t kWordChunkMask = (1u << kWordChunkShift) - 1;

// Format 5 adds pair keys to the same database: for every two adjacent words of one text
// (Paragraph.text or one sub-paragraph's), first key 0xFE second key, posted like a word. Valid
// UTF-8 never holds 0xFE or 0xFF, so a pair key is never a word key and splits one way.
inline constexpr int kWordPairsFormat = 5;
inline constexpr char kWordPairSeparator = '\xFE';
std::string WordPairKey(std::string_view first_key, std::string_view second_key);
// Whether the pair of these word keys is posted: not when either is an ASCII word of at most 3
// bytes (FORMAT.md says why). Indexing and queries both ask this one function.
bool IsPairIndexed(std::string_view first_key, std::string_view second_key);
// The pair keys of a wording (those IsPairIndexed), sorted, unique.
std::vector<std::string> ParagraphPairKeys(const Paragraph& wording);
// What the words database posts for a wording in an archive of format_version: its word keys
// (ParagraphIndexKeys) and, from format 5, its pair keys; sorted, unique.
std::vector<std::string> ParagraphPostingKeys(const Paragraph& wording, int format_version);

// A phrase search's query (FindPhrase, FindPhraseDocuments): the phrase's normalised words,
// the words keys a document must be posted for to be a candidate (word keys; from format 5
// the posted pairs), sorted, unique, and the longest word (a quick filter for texts).
struct PhraseQuery {
  std::vector<std::string> words;
  std::vector<std::string> keys;
  std::string probe;
  // Postings for every key prove that the document stored a wording holding the phrase: one
  // word whose key is not cut, or two such words whose pair is posted (pairs never cross from
  // one text to the next, so the pair is the run). Longer phrases' keys may come from
  // different wordings.
  bool postings_exact = false;
};
// InvalidInput when the phrase has no words or the archive predates the word index.
Result<PhraseQuery> MakePhraseQuery(std::string_view phrase, int format_version,
                                    const std::string& archive_dir, bool has_words);
// Whether the paragraph's text or one of its sub-paragraph texts holds the phrase as a run of
// whole words (the test FindPhrase reports matches by).
bool ParagraphHoldsPhrase(const Paragraph& p, const PhraseQuery& query);
// The documents posted for every key (intersected rarest first), by number.
Result<std::vector<uint32_t>> DocumentCandidates(const Txn& txn, MDB_dbi words,
                                                 const std::vector<std::string>& keys);

// Format 7 (issue #17): use postings (store/FORMAT.md "words", uses). Beside a word's chunks
// of first-use postings, the key word 0xFF (0x80 | chunk >> 16) (chunk >> 8 & 0xFF)
// (chunk & 0xFF) (a "use chunk": chunks are below 2^20, so a first-use key's byte is at most
// 0x0F and a word's use chunks sort after all its first-use chunks) posts documents some
// version of which uses a wording holding the word, left out those ingest found posted in the
// word's first-use chunk already. Word keys only, never pairs. So the documents using a
// wording holding word w are exactly the union of w's first-use and use postings.
inline constexpr int kWordUsesFormat = 7;
inline constexpr unsigned char kWordUseChunkFlag = 0x80;
// Whether a words key's word part is a pair (holds kWordPairSeparator).
inline bool IsPairKey(std::string_view key) {
  return key.find(kWordPairSeparator) != std::string_view::npos;
}
// The use-chunk key of (word key, chunk); chunk < 2^20.
std::string WordUseChunkKey(std::string_view word_key, uint32_t chunk);
// Splits a words key of either kind: *use says whether it is a use chunk's. False when it is
// neither (no 0xFF + 3 bytes at its end, empty word, a word holding 0xFF, a chunk >= 2^20, or
// a use chunk of a pair).
bool ParseWordKey(std::string_view key, std::string_view* word_key, uint32_t* chunk, bool* use);
// The documents some version of which uses a wording holding every one of word_keys (pair
// keys are skipped: they have no use postings): each word's first-use and use postings
// united, then intersected. Only meaningful from format 7 (kWordUsesFormat).
Result<std::vector<uint32_t>> DocumentsUsingWords(const Txn& txn, MDB_dbi words,
                                                  const std::vector<std::string>& keys);
// AddWordUsePostings (migration to format 7) is declared in store/migration.h.

// The words key of (word key, chunk); chunk < 2^20.
std::string WordChunkKey(std::string_view word_key, uint32_t chunk);
// Splits a first-use words key; false when it is not one (no 0xFF + 3 bytes at its end, empty
// word, a chunk >= 2^20, or a use chunk's key: ParseWordKey reads both).
bool ParseWordChunkKey(std::string_view key, std::string_view* word_key, uint32_t* chunk);
// The value of one chunk: numbers sorted, unique, non-empty, all with the same n >> 12.
std::string EncodeWordChunk(const std::vector<uint32_t>& numbers);
// Appends the numbers of a chunk value (absolute: chunk << 12 | offset) to *numbers; false when
// the value is malformed or not canonical (EncodeWordChunk would not give these bytes).
// canonical = false skips the last check (ingest's merge, which writes values anew: re-encoding
// every chunk it reads was a tenth of ingest's CPU once use chunks were merged too).
bool DecodeWordChunk(std::string_view value, uint32_t chunk, std::vector<uint32_t>* numbers,
                     bool canonical = true);

// Format 4, ingest: adds doc_number to the postings of every key (sorted, unique: the union of
// ParagraphIndexKeys of the wordings this version stores for the first time). Idempotent.
// One get and at most one put per key, inside the caller's write transaction.
Status PutWordPostings(Txn& txn, MDB_dbi words, uint32_t doc_number,
                       const std::vector<std::string>& keys);

// EncodeWordIndex (a complete posting map -> the words database's pairs, in key order, so
// MDB_APPEND works) is declared in store/migration.h: migration 0004 uses it too.

// Format 4: builds the posting map of a whole archive. Feed every paragraph of every stored
// version, in ingest order if known (documents by number, versions in order, is as good): a
// wording's keys are posted for the document of the first Add that has it.
class WordPostingsBuilder {
 public:
  // The keys posted are ParagraphPostingKeys(wording, format_version).
  explicit WordPostingsBuilder(int format_version = kFormatVersion)
      : format_version_(format_version) {}
  void Add(uint32_t doc_number, const Hash128& wording_hash, const Paragraph& wording);
  // word key -> sorted unique document numbers (EncodeWordIndex's input).
  std::map<std::string, std::vector<uint32_t>> Finish() &&;

 private:
  int format_version_;
  std::set<Hash128> seen_;
  std::map<std::string, std::vector<uint32_t>> postings_;
};

// Verify's check of the index. Call AddParagraph(doc_number, hash, paragraph) for every
// paragraph (preamble, operative, annex) of every version of every document, the hash being
// WordingHash(paragraph) and doc_number the document's number (doc_numbers). Compare then
// reports (a) a key or value that does not decode, (b) a posting (word, n) where no version of
// document n has the word in any paragraph (a number with no document fails this too), and
// (c) a wording none of whose using documents has postings for all its words (a phrase search
// could miss it). Which document stored a wording first is not recorded, so postings cannot be
// predicted exactly: any using document will do.
// A words database with format 3's layout (DUPSORT) is reported as such, and nothing else.
class WordIndexCheck {
 public:
  // The keys expected per wording are ParagraphPostingKeys(paragraph, format_version).
  void SetFormat(int format_version) { format_version_ = format_version; }
  void AddParagraph(uint32_t doc_number, const Hash128& wording_hash, const Paragraph& paragraph);
  // Calls problem(what) for each problem (at most 20 of each kind, then one summary line).
  Status Compare(const Txn& txn, MDB_dbi words,
                 const std::function<void(std::string)>& problem) const;

 private:
  struct Wording {
    std::vector<uint32_t> word_ids;  // sorted
    std::vector<uint32_t> docs;      // documents using it, unsorted, may repeat
    std::string text;                // for reports
  };
  uint32_t WordId(const std::string& key);

  int format_version_ = kFormatVersion;

  std::unordered_map<std::string, uint32_t> word_ids_;
  std::map<Hash128, Wording> wordings_;
  std::vector<uint64_t> doc_words_;                  // word id << 32 | doc number
  size_t doc_words_unique_ = 0;                      // size after the last dedup
};

}  // namespace recital::store

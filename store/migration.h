// recital::store's interface for migrations/, and only for it (everyone else uses
// store/store.h). A migration step runs inside Archive::Migrate's one write transaction: it
// reads and writes the named databases of store/FORMAT.md by name through MigrationTxn, and
// encodes and decodes the values of the current format with the functions below, so every
// layout the current format still uses has one definition, the store's. What only older
// formats used (format 2's paragraph_uses duplicates, format 3's 4-byte word postings) is not
// here: migrations/ keeps it, being the only code that still reads it.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"
#include "store/store.h"

namespace recital::store {

// Byte 0 of an objects value: what the object holds (store/FORMAT.md "objects").
enum class ObjectType : uint8_t {
  kRelease = 1,    // release bytes exactly as received
  kParagraph = 2,  // a paragraph wording (formats 1-3 only)
  kRecord = 3,     // a resolution record
};

// What a migration may do inside its one write transaction (see Archive::Migrate). Database
// names are those of store/FORMAT.md ("objects", "docs", ...). Views returned by Get and
// handed to ForEach are valid only during the call/callback. InvalidInput for an unknown
// database name or one an older archive does not have.
class MigrationTxn {
 public:
  virtual ~MigrationTxn() = default;
  virtual Result<std::optional<std::string>> Get(std::string_view db, std::string_view key) = 0;
  virtual Status Put(std::string_view db, std::string_view key, std::string_view value) = 0;
  virtual Status Delete(std::string_view db, std::string_view key) = 0;
  // Every (key, value) in key order (every duplicate for dup-sorted databases). An error from
  // fn stops the walk and is returned.
  virtual Status ForEach(std::string_view db,
                         const std::function<Status(std::string_view, std::string_view)>& fn) = 0;
  // The content of an object (decompressed, hash-checked), whatever its type. NotFound when
  // absent, Corruption when it does not decode.
  virtual Result<std::string> LoadObject(const Hash128& hash) = 0;
  // Deletes a database and creates it again, empty, with the flags the current format gives
  // it (how format 3 turned the dup-sorted paragraph_uses into a plain one). Not for meta,
  // objects or docs (InvalidInput).
  virtual Status Recreate(std::string_view db) = 0;
  // Stores an object of this type and content, compressed the way ingest compresses it,
  // against the contents of `bases` (stored objects, at most 4, in this order; one that is
  // missing or whose chain is too deep is left out). Returns the key (the content's hash); an
  // object already stored under it is left as it is.
  virtual Result<Hash128> PutObject(ObjectType type, std::string_view content,
                                    const std::vector<Hash128>& bases) = 0;
};

// ---- objects ---------------------------------------------------------------------------
// The header of an objects value.
struct StoredObject {
  ObjectType type = ObjectType::kRelease;
  uint8_t depth = 0;           // 0 without a base, else 1 + the largest base depth
  std::vector<Hash128> bases;  // the objects it was compressed against, in order; may be empty
};
// Corruption naming the object (key) when the header is malformed.
Result<StoredObject> ParseStoredObject(std::string_view value, const Hash128& key);

// ---- values of the current format (store/FORMAT.md) -----------------------------------
// docs value (layout 2, format 5): every version of a document with its language and
// completeness, and the current version per language. Decode also reads layout 1 (formats
// 1-4: languages "", every copy complete, the newest current).
std::string EncodeDocument(const Document& doc);
Result<Document> DecodeDocument(std::string_view value, std::string_view symbol);
// The versions only; EncodeDocVersions applies the current-version rule (no user choices).
std::string EncodeDocVersions(const std::vector<DocumentVersion>& versions);
Result<std::vector<DocumentVersion>> DecodeDocVersions(std::string_view value,
                                                       std::string_view symbol);

// doc_symbols key and doc_numbers value: the document number as u32 big-endian (numbers start
// at 1). Decode: false unless exactly 4 bytes.
std::string DocNumberKey(uint32_t number);
bool DecodeDocNumberKey(std::string_view key, uint32_t* number);

// paragraph_uses value (format 3 on): every use of one wording, as doc numbers (doc_symbols),
// not symbols. Sorted by (doc, version, position), no two equal; each use is varint(doc -
// previous doc, the first against 0), varint(version), varint(position).
struct PackedUse {
  uint32_t doc = 0, version = 0, position = 0;
  auto operator<=>(const PackedUse&) const = default;
};
std::string EncodeUseList(const std::vector<PackedUse>& sorted_uses);
// false when malformed, empty, unsorted or repeating (the encoding is canonical).
bool DecodeUseList(std::string_view value, std::vector<PackedUse>* uses);

// cited_by value (format 4): the documents citing one symbol, as doc numbers, sorted, no
// repeats; each varint(number - previous number, the first against 0).
std::string EncodeNumberList(const std::vector<uint32_t>& sorted_numbers);
// false when malformed, empty, unsorted, repeating or holding 0 (the encoding is canonical).
bool DecodeNumberList(std::string_view value, std::vector<uint32_t>* numbers);

// words (format 4, store/words.h): the (key, value) pairs of the words database for a
// complete posting map word key -> sorted unique document numbers, in LMDB key order.
std::vector<std::pair<std::string, std::string>> EncodeWordIndex(
    const std::map<std::string, std::vector<uint32_t>>& postings);

// words (format 5): posts the word pairs (store/FORMAT.md "words") of every wording for the
// first document, in (document number, version) order, whose record holds it, beside the word
// keys already there. For an archive whose words database holds no pair keys (format 4).
// Corruption when a record does not decode or doc_symbols names a document docs lacks.
Status AddWordPairPostings(MigrationTxn& txn);

// words (format 7): posts every document for the word keys of every wording any of its
// versions uses, in use chunks (store/FORMAT.md "words", uses), leaving out (word, document)
// already in first-use chunks; use chunks already there are replaced. First-use and pair keys
// are kept. Corruption when a words key, a record or docs does not decode.
Status AddWordUsePostings(MigrationTxn& txn);

// Symbols are LMDB keys and dup values: at most this long.
inline constexpr size_t kMaxSymbolBytes = 200;

// Whether a record of `citing` citing `cited` is indexed (cited_by): a usable symbol, not
// itself. The one rule for ingest, verify, CitationsOf and migrations.
inline bool IsCitedSymbol(std::string_view cited, std::string_view citing) {
  return !cited.empty() && cited != citing && cited.size() <= kMaxSymbolBytes &&
         cited.find('\0') == std::string_view::npos;
}

}  // namespace recital::store

// Private to store/: byte layouts of index values (store/FORMAT.md).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"
#include "store/store.h"

namespace recital::store {

void PutVarint(std::string* out, uint64_t v);
void PutLengthPrefixed(std::string* out, std::string_view s);
void PutU32BE(std::string* out, uint32_t v);

// Reads from the front of *in, advancing it; false when the bytes run out or are malformed.
bool GetVarint(std::string_view* in, uint64_t* v);
bool GetLengthPrefixed(std::string_view* in, std::string_view* s);
bool GetU32BE(std::string_view* in, uint32_t* v);
bool GetHash(std::string_view* in, Hash128* h);

// docs value: every version of a document.
std::string EncodeDocVersions(const std::vector<DocumentVersion>& versions);
Result<std::vector<DocumentVersion>> DecodeDocVersions(std::string_view value,
                                                       std::string_view symbol);

// paragraph_uses dup value: symbol NUL version(u32 BE) position(u32 BE).
std::string EncodeUse(std::string_view symbol, uint32_t version, uint32_t position);
bool DecodeUse(std::string_view value, ParagraphUse* use);

// paragraph_uses value (format 3): every use of one wording, as doc numbers (doc_symbols), not
// symbols. Sorted by (doc, version, position), no two equal; each use is varint(doc - previous
// doc, the first against 0), varint(version), varint(position).
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

// words duplicate (format 3): the first kWordPostingBytes bytes of the wording hash.
inline constexpr size_t kWordPostingBytes = 4;
std::string WordPosting(const Hash128& wording_hash);

// doc_symbols key: the doc number as u32 big-endian (numbers start at 1).
std::string DocNumberKey(uint32_t number);

// titles key: the title lower-cased (ASCII), runs of white space as one space, at most
// kMaxTitleKeyBytes bytes. "" when the title is empty.
inline constexpr size_t kMaxTitleKeyBytes = 400;
std::string TitleKey(std::string_view title);

// Symbols are LMDB keys and dup values: at most this long.
inline constexpr size_t kMaxSymbolBytes = 200;

}  // namespace recital::store

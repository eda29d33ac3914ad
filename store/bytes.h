// Private to store/, beside the LMDB env at the bottom: the byte primitives every value layout
// is written with (store/FORMAT.md "Conventions"): unsigned LEB128 varints, length-prefixed
// strings, big-endian u32, 16-byte hashes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "schema/schema.h"

namespace recital::store {

void PutVarint(std::string* out, uint64_t v);
void PutLengthPrefixed(std::string* out, std::string_view s);
void PutU32BE(std::string* out, uint32_t v);

// Read from the front of *in, advancing it; false when the bytes run out or are malformed.
bool GetVarint(std::string_view* in, uint64_t* v);
bool GetLengthPrefixed(std::string_view* in, std::string_view* s);
bool GetU32BE(std::string_view* in, uint32_t* v);
bool GetHash(std::string_view* in, Hash128* h);

}  // namespace recital::store

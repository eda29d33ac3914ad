// Internal pieces of the ingest parser, shared between its .cc files. Not a public header:
// only ingest/*.cc, tests/ingest and tests/fuzz include it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "schema/schema.h"

namespace recital::ingest {

// ---- validate.cc ----
// OK, or InvalidInput / ResourceExhausted whose message starts with options.source_name.
Status ValidateRelease(std::string_view bytes, const ParseOptions& options);
// Offset of the first invalid UTF-8 sequence, or npos when the bytes are valid UTF-8.
size_t FindInvalidUtf8(std::string_view bytes);

// ---- symbols.cc ----
// A resolution symbol found in text: "A/RES/54/144" or "A/RES/2957(XXVII)".
struct SymbolMatch {
  std::string symbol;
  uint32_t session = 0;
  uint32_t number = 0;
  size_t pos = std::string_view::npos;
};
// The first resolution symbol in text (also "A/RES/54/ 144" with stray spaces), or pos npos.
SymbolMatch FindResolutionSymbol(std::string_view text, size_t from = 0);
// Roman numeral (I..C range used by sessions 1-40) to integer, 0 when not one.
uint32_t RomanToInt(std::string_view roman);
// "Fifty-fourth" -> 54, "Eighth" -> 8; 0 when unknown.
uint32_t OrdinalWordsToInt(std::string_view words);

}  // namespace recital::ingest

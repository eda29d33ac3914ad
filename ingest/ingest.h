// recital::ingest — raw release bytes -> Resolution record. No database, no I/O but what the
// caller hands in. Thread safety: every function is pure; call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "schema/schema.h"

namespace recital {

// Releases larger than this are refused unless ParseOptions says otherwise.
inline constexpr size_t kDefaultMaxReleaseBytes = 16u << 20;  // 16 MiB

struct ParseOptions {
  size_t max_bytes = kDefaultMaxReleaseBytes;
  // Name used in error messages and warnings (usually the file path).
  std::string source_name = "<input>";
};

// The parser version written into every record (Resolution::parser_version).
std::string_view ParserVersion();

// Parses one release. On success the record has raw_hash = HashBytes(bytes), layout,
// language, parser_version, and warnings for everything it could not find (no symbol, text
// cut off, ...). Unknown fields stay empty/0; nothing is guessed.
// Errors (message starts with source_name and says what is wrong):
//   InvalidInput       empty, binary, not UTF-8, or not a resolution at all
//   ResourceExhausted  larger than options.max_bytes
Result<Resolution> ParseRelease(std::string_view bytes, const ParseOptions& options = {});

}  // namespace recital

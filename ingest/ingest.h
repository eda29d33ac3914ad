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

// Parses one release: plain text, a PDF (recognised by "%PDF-" in its first 1024 bytes, read
// with poppler and rebuilt from its page layout; layout "pdf"), or an Akoma Ntoso resolution
// (an XML document whose root element is akomaNtoso: what `recital export --format akn` writes,
// or an AKN4UN <statement> of the same shape; layout "akn"). A Recital export reads back into
// the record it was written from, every field equal but raw_hash (the hash of the XML) and
// layout. On success the record has
// raw_hash = HashBytes(bytes), layout, language, parser_version, and warnings for everything it
// could not find (no symbol, text cut off, ...). Unknown fields stay empty/0; nothing is guessed.
// Errors (message starts with source_name and says what is wrong):
//   InvalidInput       empty, binary, not UTF-8, or not a resolution at all; a PDF that is
//                      truncated, corrupt, encrypted, or has no text layer (a scan: needs OCR);
//                      Akoma Ntoso that is not well-formed, not in the 3.0 namespace, not a
//                      <statement>, or without preambular or operative paragraphs
//   ResourceExhausted  larger than options.max_bytes (or a PDF past 2,000 pages)
//   IOError            static builds: the PDF reader module (recital-pdf.so) cannot be loaded
// Thread safety: PDFs too may be parsed from several threads at once.
Result<Resolution> ParseRelease(std::string_view bytes, const ParseOptions& options = {});

}  // namespace recital

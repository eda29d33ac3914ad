// libFuzzer target: ParseRelease must never crash, hang or break the record's invariants on
// any input. Seeds: the real corpus (scripts/fuzz).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "ingest/ingest.h"

namespace {

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "parse_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

void CheckParagraph(const recital::Paragraph& p) {
  Require(p.text.compare(0, p.lead.size(), p.lead) == 0, "lead is a prefix of text");
  for (const recital::FootnoteRef& f : p.footnotes) Require(f.byte_offset <= p.text.size(), "footnote offset inside text");
  for (const recital::SubParagraph& s : p.subparagraphs) {
    for (const recital::FootnoteRef& f : s.footnotes) Require(f.byte_offset <= s.text.size(), "sub footnote offset");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  recital::ParseOptions options;
  options.max_bytes = 1 << 20;
  options.source_name = "fuzz";
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // PDF bytes go to poppler, which this target does not fuzz; pdf_layout_fuzz covers the
  // layout code that reads its boxes.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return 0;
  recital::Result<recital::Resolution> r = recital::ParseRelease(bytes, options);
  if (!r.ok()) {
    Require(r.status().message().rfind("fuzz: ", 0) == 0, "error names the source");
    return 0;
  }
  Require(!r->preamble.empty() || !r->operative.empty(), "a parsed record has paragraphs");
  for (const recital::Paragraph& p : r->preamble) CheckParagraph(p);
  for (const recital::Paragraph& p : r->operative) CheckParagraph(p);
  Require(r->raw_hash == recital::HashBytes(bytes), "raw_hash");
  (void)recital::EncodeResolution(*r);
  return 0;
}

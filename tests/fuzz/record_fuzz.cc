// libFuzzer target for record decoding: DecodeParagraph, ListParagraphUses and
// DecodeResolution (hash-form and format 4's inline paragraph stream) must turn any bytes into
// a record or a Corruption status, never crash.
// Each input is also parsed as a release; a parsed record must survive an encode/decode
// round trip unchanged, so the fuzzer reaches deep into valid encodings too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "schema/schema.h"

namespace {

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "record_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

void DecodeRaw(std::string_view bytes) {
  recital::Paragraph p;
  const recital::Status ps = recital::DecodeParagraph(bytes, &p);
  Require(ps.ok() || ps.IsCorruption(), "DecodeParagraph: ok or Corruption");
  const auto uses = recital::ListParagraphUses(bytes);
  Require(uses.ok() || uses.status().IsCorruption(), "ListParagraphUses: ok or Corruption");
  const auto r = recital::DecodeResolution(bytes, [&](const recital::Hash128&, recital::Paragraph* out) {
    return recital::DecodeParagraph(bytes, out).ok() ? recital::Status::Ok() : recital::Status::Ok();
  });
  Require(r.ok() || r.status().IsCorruption(), "DecodeResolution: ok or Corruption");
}

void RoundTrip(std::string_view bytes) {
  recital::ParseOptions options;
  options.max_bytes = 1 << 20;
  auto parsed = recital::ParseRelease(bytes, options);
  if (!parsed.ok()) return;
  std::map<recital::Hash128, std::string> wordings;
  std::vector<recital::Hash128> wordings_in_order;
  for (const auto* list : {&parsed->preamble, &parsed->operative, &parsed->annex}) {
    for (const recital::Paragraph& p : *list) {
      wordings[recital::WordingHash(p)] = recital::EncodeParagraph(p);
      wordings_in_order.push_back(recital::WordingHash(p));
    }
  }
  const std::string encoded = recital::EncodeResolution(*parsed);
  auto decoded = recital::DecodeResolution(encoded, [&](const recital::Hash128& h, recital::Paragraph* out) {
    auto it = wordings.find(h);
    if (it == wordings.end()) return recital::Status::NotFound("wording");
    return recital::DecodeParagraph(it->second, out);
  });
  Require(decoded.ok(), "a parsed record decodes");
  Require(*decoded == *parsed, "encode/decode round trip is lossless");
  // Format 4's record: wordings inline, no loader; its uses hash like the wordings.
  const std::string inline_encoded = recital::EncodeResolutionInline(*parsed);
  auto inline_decoded = recital::DecodeResolution(inline_encoded, nullptr);
  Require(inline_decoded.ok(), "a parsed inline record decodes");
  Require(*inline_decoded == *parsed, "inline encode/decode round trip is lossless");
  auto uses = recital::ListParagraphUses(inline_encoded);
  Require(uses.ok() && uses->size() == wordings_in_order.size(), "inline uses listed");
  for (size_t i = 0; i < uses->size(); ++i) {
    Require((*uses)[i].hash == wordings_in_order[i], "inline use hash is the wording hash");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  DecodeRaw(bytes);
  RoundTrip(bytes);
  return 0;
}

#include "migrations/legacy_formats.h"

namespace recital::migrations {
namespace {

void PutU32BE(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

uint32_t U32BE(std::string_view four) {
  uint32_t r = 0;
  for (int i = 0; i < 4; ++i) r = (r << 8) | static_cast<uint8_t>(four[i]);
  return r;
}

}  // namespace

std::string EncodeV2Use(std::string_view symbol, uint32_t version, uint32_t position) {
  std::string out(symbol);
  out.push_back('\0');
  PutU32BE(&out, version);
  PutU32BE(&out, position);
  return out;
}

bool DecodeV2Use(std::string_view value, store::ParagraphUse* use) {
  size_t nul = value.find('\0');
  if (nul == std::string_view::npos || value.size() != nul + 9) return false;
  use->symbol = value.substr(0, nul);
  use->version = U32BE(value.substr(nul + 1, 4));
  use->position = U32BE(value.substr(nul + 5, 4));
  return true;
}

std::string V3WordPosting(const Hash128& wording_hash) {
  return wording_hash.ToBytes().substr(0, kV3WordPostingBytes);
}

}  // namespace recital::migrations

// Private to migrations/: value layouts only older formats used, which no current code writes
// or reads (store/FORMAT.md "Format 3", "Format 4" say what replaced them). The layouts the
// current format still uses are the store's (store/migration.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "schema/schema.h"
#include "store/store.h"

namespace recital::migrations {

// Format 2's paragraph_uses duplicate: symbol NUL version(u32 BE) position(u32 BE).
std::string EncodeV2Use(std::string_view symbol, uint32_t version, uint32_t position);
// false unless exactly that layout.
bool DecodeV2Use(std::string_view value, store::ParagraphUse* use);

// Format 3's words duplicate: the first kV3WordPostingBytes bytes of the wording hash.
inline constexpr size_t kV3WordPostingBytes = 4;
std::string V3WordPosting(const Hash128& wording_hash);

}  // namespace recital::migrations

// Private to store/: byte layouts of index values (store/FORMAT.md). The encoders migrations
// use too (docs values, use lists, number lists, document numbers) are declared in
// store/migration.h, once; this header adds what only the store itself needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "schema/schema.h"
#include "store/bytes.h"
#include "store/migration.h"

namespace recital::store {

// titles key: the title lower-cased (ASCII), runs of white space as one space, at most
// kMaxTitleKeyBytes bytes. "" when the title is empty.
inline constexpr size_t kMaxTitleKeyBytes = 400;
std::string TitleKey(std::string_view title);

}  // namespace recital::store

// Shared by the renderers of render/; not part of the module's interface.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "history/history.h"

namespace recital::render {

// The "sessions" array of `recital log --json` and of the report's JSON.
nlohmann::json SessionsJson(const std::vector<history::SessionRow>& rows);

}  // namespace recital::render

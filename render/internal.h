// Shared by the renderers of render/; not part of the module's interface.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "history/history.h"

namespace recital::render {

// ` dir="rtl"` when the first letter of text is of a right-to-left script (Arabic, Hebrew),
// else "": an Arabic paragraph reads right to left in the HTML pages, and every other text
// keeps the page's direction (and its exact bytes).
std::string HtmlDirAttribute(std::string_view text);

// The "sessions" array of `recital log --json` and of the report's JSON.
nlohmann::json SessionsJson(const std::vector<history::SessionRow>& rows);

}  // namespace recital::render

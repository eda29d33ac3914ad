// Writing a command's output to a file or stdout. Part of the CLI only.
#pragma once

#include <string>
#include <string_view>

namespace recital::cli {

// data to path, whole or not at all (a temporary file beside it, renamed over it); to stdout
// when path is "" or "-", except binary data (a Word document) on a terminal, which is refused.
// Prints the error and returns false on failure.
bool WriteOutput(const std::string& path, std::string_view data, bool binary = false);

}  // namespace recital::cli

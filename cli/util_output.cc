#include "cli/util_output.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/common.h"

namespace recital::cli {

bool WriteOutput(const std::string& path, std::string_view data, bool binary) {
  namespace fs = std::filesystem;
  if (path.empty() || path == "-") {
    if (binary && IsTerminal(stdout)) {
      PrintError("not writing a binary document to a terminal: name a file with -o FILE");
      return false;
    }
    std::fwrite(data.data(), 1, data.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    PrintError(path + ": is a directory (name a file)");
    return false;
  }
  const std::string tmp = path + ".recital-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      PrintError(path + ": cannot write");
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    PrintError(path + ": cannot write: " + ec.message());
    return false;
  }
  return true;
}

}  // namespace recital::cli

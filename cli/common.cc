#include "cli/common.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace recital::cli {


std::string ResolveArchivePath(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  const char* env = std::getenv("RECITAL_ARCHIVE");
  if (env != nullptr && env[0] != '\0') return env;
  return kDefaultArchive;
}

bool IsTerminal(FILE* stream) { return isatty(fileno(stream)) == 1; }

bool UseColour(FILE* stream) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && no_colour[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return IsTerminal(stream);
}

Result<std::string> ReadFileLimited(const std::string& path, size_t max_bytes) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return Status::InvalidInput(path + ": cannot read: " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidInput(path + ": is a directory");
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return Status::ResourceExhausted(path + ": file is " + std::to_string(st.st_size) +
                                     " bytes, over the limit of " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidInput(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  std::string data = std::move(ss).str();
  if (data.size() > max_bytes) {
    return Status::ResourceExhausted(path + ": file is over the limit of " +
                                     std::to_string(max_bytes) + " bytes");
  }
  return data;
}

void PrintError(const std::string& message) {
  std::fprintf(stderr, "recital: %s\n", message.c_str());
}

}  // namespace recital::cli

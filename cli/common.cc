#include "cli/common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdarg>
#include <cstdlib>
#include <cstring>

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

namespace {

const char* FileKind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Closes the descriptor on every return path.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<std::string> ReadFileLimited(const std::string& path, size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO with no writer must not wait; the descriptor is then checked
  // with fstat (what was opened, not what a name pointed to a moment before) and only a
  // regular file is read.
  Fd in{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (in.fd < 0) {
    int e = errno;
    if (e == ENOENT || e == ENOTDIR) return Status::NotFound(path + ": " + std::strerror(e));
    return Status::IOError(path + ": cannot open: " + std::strerror(e));
  }
  struct stat st;
  if (::fstat(in.fd, &st) != 0) return Status::IOError(path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) {
    return Status::InvalidInput(path + ": is " + FileKind(st.st_mode) +
                                ", not a release file; refused without reading it");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return Status::ResourceExhausted(path + ": file is " + std::to_string(st.st_size) +
                                     " bytes, over the limit of " + std::to_string(max_bytes));
  }
  // Regular files never block; clear O_NONBLOCK anyway so a short read means end of file.
  int flags = ::fcntl(in.fd, F_GETFL);
  if (flags >= 0) ::fcntl(in.fd, F_SETFL, flags & ~O_NONBLOCK);
  // Read at most max_bytes + 1: a file that grows after fstat is still caught, never read whole.
  std::string data;
  data.resize(std::min<uint64_t>(static_cast<uint64_t>(st.st_size), max_bytes) + 1);
  size_t got = 0;
  for (;;) {
    if (got == data.size()) {
      if (data.size() > max_bytes) break;
      data.resize(std::min<size_t>(max_bytes + 1, data.size() * 2));
    }
    ssize_t n = ::read(in.fd, data.data() + got, data.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(path + ": read failed: " + std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  if (got > max_bytes) {
    return Status::ResourceExhausted(path + ": file is over the limit of " +
                                     std::to_string(max_bytes) + " bytes");
  }
  data.resize(got);
  return data;
}

void PrintError(const std::string& message) {
  std::fprintf(stderr, "recital: %s\n", message.c_str());
}

namespace {
int stdout_errno = 0;  // why the first failed write to stdout failed; 0 none seen

void NoteErrno(int e) {
  if (stdout_errno == 0) stdout_errno = e != 0 ? e : EIO;
}
}  // namespace

void Out(std::string_view text) {
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) NoteErrno(errno);
}

void OutF(const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  errno = 0;
  if (std::vfprintf(stdout, format, args) < 0) NoteErrno(errno);
  va_end(args);
}

void NoteStandardOutputError() {
  if (std::ferror(stdout)) NoteErrno(errno);
}

bool FlushStandardOutput() {
  errno = 0;
  if (std::fflush(stdout) != 0) NoteErrno(errno);
  if (stdout_errno == 0 && !std::ferror(stdout)) return true;
  if (stdout_errno == 0) stdout_errno = EIO;
  PrintError(std::string("cannot write to standard output: ") + std::strerror(stdout_errno));
  return false;
}

CLI::Validator WholeNumber(uint64_t min, uint64_t max) {
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& value) -> std::string {
        uint64_t n = 0;
        const char* end = value.data() + value.size();
        auto [ptr, ec] = std::from_chars(value.data(), end, n);
        if (value.empty() || ec != std::errc() || ptr != end || n < min || n > max)
          return "expected a whole number from " + range + ", not " + value;
        return std::string();
      },
      "in [" + std::to_string(min) + " - " + std::to_string(max) + "]");
}

CLI::Validator NumberBetween(double min, double max) {
  auto text = [](double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);
    return std::string(buf);
  };
  const std::string range = text(min) + " to " + text(max);
  return CLI::Validator(
      [min, max, range](std::string& value) -> std::string {
        char* end = nullptr;
        errno = 0;
        double d = value.empty() ? NAN : std::strtod(value.c_str(), &end);
        if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(d) ||
            d < min || d > max)
          return "expected a number from " + range + ", not " + value;
        return std::string();
      },
      "in [" + text(min) + " - " + text(max) + "]");
}

}  // namespace recital::cli

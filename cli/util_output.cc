#include "cli/util_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/common.h"
#include "store/store.h"

namespace recital::cli {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxInspectedBytes = 64u << 20;

std::string Errno(int e) { return std::strerror(e); }

// Writes all of data to fd; the errno of a failed write, else 0.
int WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

Status WriteDirectly(const std::string& path, std::string_view contents) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Status::IOError(path + ": cannot open for writing: " + Errno(errno));
  int e = WriteAll(fd, contents);
  if (::close(fd) != 0 && e == 0) e = errno;
  if (e != 0) return Status::IOError(path + ": cannot write: " + Errno(e));
  return Status::Ok();
}

// Creates a new file beside target (O_EXCL: never an existing one) holding contents, fsync'd;
// its name in *tmp. Mode 0666 less the umask, as any new file; mode_from_target keeps the
// replaced file's permissions instead.
Status WriteTemporary(const fs::path& target, std::string_view contents,
                      const struct stat* mode_from_target, std::string* tmp) {
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    fs::path p = target;
    p += ".recital-tmp-" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
    *tmp = p.string();
    fd = ::open(tmp->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt >= 100)) {
      return Status::IOError(target.string() + ": cannot write: " + Errno(errno));
    }
  }
  int e = WriteAll(fd, contents);
  if (e == 0 && mode_from_target != nullptr) ::fchmod(fd, mode_from_target->st_mode & 07777);
  if (e == 0 && ::fsync(fd) != 0) e = errno;
  if (::close(fd) != 0 && e == 0) e = errno;
  if (e != 0) {
    ::unlink(tmp->c_str());
    return Status::IOError(target.string() + ": cannot write: " + Errno(e));
  }
  return Status::Ok();
}

// Where WriteOutputFile writes.
struct Destination {
  enum { kReplace, kDirect } how = kReplace;
  fs::path target;          // kReplace: the file to create or replace (links resolved)
  bool existing = false;    // kReplace: target exists (its stat in st)
  struct stat st {};
};

Result<Destination> Judge(const std::string& path,
                          const std::function<bool(std::string_view existing)>& is_ours,
                          const std::string& what) {
  Destination d;
  struct stat& st = d.st;
  d.target = path;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::InvalidInput(path + ": is a directory");
    if (!S_ISREG(st.st_mode)) {
      d.how = Destination::kDirect;
      return d;
    }
    std::error_code ec;
    d.target = fs::canonical(path, ec);  // the file a symbolic link names
    if (ec) return Status::IOError(path + ": " + ec.message());
    d.existing = true;
  } else if (errno != ENOENT) {
    return Status::IOError(path + ": " + Errno(errno));
  } else if (::lstat(path.c_str(), &st) == 0) {
    return Status::InvalidInput(path + ": is a symbolic link to a missing file; not following it");
  }
  fs::path dir = d.target.parent_path();
  if (dir.empty()) dir = ".";
  if (LooksLikeArchiveDir(dir.string())) {
    return Status::InvalidInput(path + ": " + dir.string() +
                                " is a Recital archive directory; not writing into it (choose "
                                "a file elsewhere)");
  }
  if (d.existing && st.st_size > 0) {
    auto old = ReadFileLimited(d.target.string(), kMaxInspectedBytes);
    if (!old.ok() || !is_ours(*old)) {
      return Status::InvalidInput(path + " exists and is not " + what +
                                  "; not overwriting it (remove it first, or choose another file)");
    }
  }
  return d;
}

}  // namespace

bool LooksLikeArchiveDir(const std::string& dir) {
  for (std::string_view name : {std::string_view("data.mdb"), std::string_view("lock.mdb"),
                                store::kArchiveLockFile}) {
    struct stat st;
    if (::lstat((fs::path(dir) / name).c_str(), &st) == 0) return true;
  }
  return false;
}

Status CheckOutputFile(const std::string& path,
                       const std::function<bool(std::string_view existing)>& is_ours,
                       const std::string& what) {
  return Judge(path, is_ours, what).status();
}

Status WriteOutputFile(const std::string& path, std::string_view contents,
                       const std::function<bool(std::string_view existing)>& is_ours,
                       const std::string& what) {
  auto d = Judge(path, is_ours, what);
  if (!d.ok()) return d.status();
  if (d->how == Destination::kDirect) return WriteDirectly(path, contents);
  const fs::path& target = d->target;
  std::string tmp;
  if (Status s = WriteTemporary(target, contents, d->existing ? &d->st : nullptr, &tmp); !s.ok())
    return s;
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Status::IOError(path + ": cannot replace: " + Errno(e));
  }
  return Status::Ok();
}

}  // namespace recital::cli

// ArchiveLock (store/archive_lock.h).
#include "store/archive_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/store.h"  // kArchiveLockFile

namespace recital::store {
namespace fs = std::filesystem;
namespace {

std::string Errno(int err) { return std::strerror(err); }

// O_RDWR|O_CREAT, else (read-only directory or file) O_RDONLY: flock works on either.
int OpenLockFile(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
    do {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
  }
  return fd;
}

// flock without waiting; false (errno EWOULDBLOCK) when another open of the file holds it.
bool TryFlock(int fd, int op) {
  int rc;
  do {
    rc = ::flock(fd, op | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  return rc == 0;
}

std::string LockPath(const std::string& dir) {
  return (fs::path(dir) / std::string(kArchiveLockFile)).string();
}

}  // namespace

ArchiveLock& ArchiveLock::operator=(ArchiveLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

ArchiveLock::~ArchiveLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last fd of the open file releases the flock
}

Result<ArchiveLock> ArchiveLock::AcquireShared(const std::string& dir, bool create_dir) {
  std::error_code ec;
  if (create_dir) {
    fs::create_directories(dir, ec);  // opening the archive reports a failure with its message
  } else if (!fs::exists(fs::path(dir) / "data.mdb", ec)) {
    return ArchiveLock();  // no archive: do not leave a lock file in a stranger's directory
  }
  int fd = OpenLockFile(LockPath(dir));
  if (fd < 0) {
    // A read-only directory without a lock file: nobody can gc it either, so nothing to guard.
    if (errno == EACCES || errno == EROFS || errno == EPERM || errno == ENOENT) {
      return ArchiveLock();
    }
    return Status::IOError("cannot open lock file " + LockPath(dir) + ": " + Errno(errno));
  }
  ArchiveLock lock(fd);
  if (!TryFlock(fd, LOCK_SH)) {
    if (errno == EWOULDBLOCK) {
      return Status::IOError("archive " + dir +
                             " is being repacked by `recital gc`; try again when it is done");
    }
    return Status::IOError("cannot lock " + LockPath(dir) + ": " + Errno(errno));
  }
  return lock;
}

Result<ArchiveLock> ArchiveLock::AcquireExclusive(const std::string& dir) {
  int fd = OpenLockFile(LockPath(dir));
  if (fd < 0) {
    return Status::IOError("cannot create lock file " + LockPath(dir) + ": " + Errno(errno));
  }
  ArchiveLock lock(fd);
  if (!TryFlock(fd, LOCK_EX)) {
    if (errno == EWOULDBLOCK) {
      return Status::IOError("archive " + dir +
                             " is in use by another recital process (an ingest, a reader); gc "
                             "needs it to itself; try again when they are done");
    }
    return Status::IOError("cannot lock " + LockPath(dir) + ": " + Errno(errno));
  }
  return lock;
}

}  // namespace recital::store

// ArchiveLock and its write gate (store/archive_lock.h).
#include "store/archive_lock.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace recital::store {
namespace fs = std::filesystem;
namespace {

constexpr off_t kArchiveByte = 0, kGateByte = 1;

std::string Errno(int err) { return std::strerror(err); }

std::string DataPath(const std::string& dir) { return (fs::path(dir) / "data.mdb").string(); }

// F_OFD_SETLK(W) on one byte; type F_RDLCK, F_WRLCK or F_UNLCK. 0 or errno.
int OfdLock(int fd, off_t byte, short type, bool wait) {
  struct flock fl;
  std::memset(&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = byte;
  fl.l_len = 1;
  int rc;
  do {
    rc = ::fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
  } while (rc != 0 && errno == EINTR);
  return rc == 0 ? 0 : errno;
}

bool Conflict(int err) { return err == EAGAIN || err == EACCES || err == EWOULDBLOCK; }

// Byte 1 for the transactions of one env (store/archive_lock.h). Holds its own dup of the
// lock's descriptor: the same open file description, so the same lock owner, whatever happens
// to the ArchiveLock object. Writers of one env are serialized by write_mu_ (OFD locks do not
// conflict within their own open file description).
class WriteGate : public TxnGate {
 public:
  WriteGate(int fd, bool lockless_reads) : fd_(fd), lockless_reads_(lockless_reads) {}
  ~WriteGate() override { ::close(fd_); }

  Status Enter(bool write) override {
    if (write) {
      write_mu_.lock();
      int err = OfdLock(fd_, kGateByte, F_WRLCK, /*wait=*/true);
      if (err != 0) {
        write_mu_.unlock();
        return Status::IOError("cannot lock the archive's data.mdb for writing: " + Errno(err));
      }
      return Status::Ok();
    }
    if (!lockless_reads_) return Status::Ok();
    std::lock_guard<std::mutex> lock(read_mu_);
    if (readers_ == 0) {
      int err = OfdLock(fd_, kGateByte, F_RDLCK, /*wait=*/true);
      if (err != 0) return Status::IOError("cannot lock the archive's data.mdb: " + Errno(err));
    }
    ++readers_;
    return Status::Ok();
  }

  void Leave(bool write) override {
    if (write) {
      OfdLock(fd_, kGateByte, F_UNLCK, false);
      write_mu_.unlock();
      return;
    }
    if (!lockless_reads_) return;
    std::lock_guard<std::mutex> lock(read_mu_);
    if (--readers_ == 0) OfdLock(fd_, kGateByte, F_UNLCK, false);
  }

 private:
  int fd_;
  bool lockless_reads_;
  std::mutex write_mu_, read_mu_;
  int readers_ = 0;
};

}  // namespace

std::string LockFilePath(const std::string& dir) { return (fs::path(dir) / "lock.mdb").string(); }

ArchiveLock::ArchiveLock(ArchiveLock&& other) noexcept
    : fd_(other.fd_), writable_(other.writable_) {
  other.fd_ = -1;
}

ArchiveLock& ArchiveLock::operator=(ArchiveLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    writable_ = other.writable_;
    other.fd_ = -1;
  }
  return *this;
}

ArchiveLock::~ArchiveLock() {
  if (fd_ >= 0) ::close(fd_);  // the last descriptor of the description: its locks go
}

Result<ArchiveLock> ArchiveLock::Acquire(const std::string& dir, Mode mode, bool* would_block) {
  *would_block = false;
  const std::string path = DataPath(dir);
  // A gc swaps data.mdb at most once per run; a few rounds settle any race with it.
  for (int attempt = 0; attempt < 8; ++attempt) {
    bool writable = true;
    int fd;
    do {
      fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
      writable = false;
      do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      } while (fd < 0 && errno == EINTR);
    }
    if (fd < 0) {
      int err = errno;
      if (err == ENOENT) return Status::NotFound("no archive at " + dir);
      return Status::IOError("cannot open " + path + ": " + Errno(err));
    }
    ArchiveLock lock(fd, writable);
    if (mode == Mode::kExclusive && !writable) {
      return Status::IOError("cannot lock " + path + " for this: you may not write it (" +
                             Errno(EACCES) + ")");
    }
    int err = OfdLock(fd, kArchiveByte, mode == Mode::kShared ? F_RDLCK : F_WRLCK, false);
    if (err != 0) {
      if (Conflict(err)) {
        *would_block = true;
        return Status::IOError("archive " + dir + " is locked by another process");
      }
      return Status::IOError("cannot lock " + path + ": " + Errno(err));
    }
    // The lock counts only if it is on the archive's file: the one at the path now.
    struct stat held, at_path;
    if (::fstat(fd, &held) != 0) return Status::IOError("cannot stat " + path + ": " + Errno(errno));
    if (::stat(path.c_str(), &at_path) != 0) {
      if (errno == ENOENT) return Status::NotFound("no archive at " + dir);
      return Status::IOError("cannot stat " + path + ": " + Errno(errno));
    }
    if (held.st_dev == at_path.st_dev && held.st_ino == at_path.st_ino) return lock;
    // Swapped between the open and the lock: the lock is on a file that is no longer the
    // archive's. Drop it and lock the new one.
  }
  return Status::IOError(path + " keeps being replaced while it is locked; try again");
}

Status ArchiveLock::Downgrade() {
  int err = OfdLock(fd_, kArchiveByte, F_RDLCK, false);
  if (err != 0) return Status::IOError("cannot downgrade the archive lock: " + Errno(err));
  return Status::Ok();
}

Result<std::shared_ptr<TxnGate>> ArchiveLock::MakeGate(bool lockless_reads) const {
  int fd = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);
  if (fd < 0) return Status::IOError("cannot duplicate the archive lock: " + Errno(errno));
  return std::shared_ptr<TxnGate>(std::make_shared<WriteGate>(fd, lockless_reads));
}

}  // namespace recital::store

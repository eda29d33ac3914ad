// Private to store/: the whole-archive lock, beside the LMDB env (it knows files, not databases).
//
// An advisory flock(2) on DIR/recital.lock (kArchiveLockFile, store/store.h). Every open archive
// holds it shared; RepackArchive (`recital gc`) takes it exclusively, so gc never swaps data.mdb
// under an open archive of any Recital process (this one included: flocks on separate opens
// conflict), and BackupArchive holds it shared while it copies. Tools that bypass Recital
// (mdb_stat, mdb_copy) do not take it.
#pragma once

#include <string>

#include "schema/status.h"

namespace recital::store {

// Held for the life of the object. The fd is close-on-exec; the kernel drops the lock when the
// process dies, also on SIGKILL.
class ArchiveLock {
 public:
  ArchiveLock() = default;  // holds nothing
  ArchiveLock(ArchiveLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ArchiveLock& operator=(ArchiveLock&& other) noexcept;
  ArchiveLock(const ArchiveLock&) = delete;
  ArchiveLock& operator=(const ArchiveLock&) = delete;
  ~ArchiveLock();

  // The lock every open archive holds, taken before LMDB maps the file. Creates the lock file if
  // missing (and the directory when create_dir is set). Holds nothing, without error, when there
  // is no archive at dir and create_dir is unset (opening then fails with NotFound anyway) or
  // when the directory is read-only and has no lock file. Never waits: IOError "being repacked"
  // while a gc holds it exclusively (try again when it is done).
  static Result<ArchiveLock> AcquireShared(const std::string& dir, bool create_dir);
  // The lock gc takes. Never waits: IOError naming the archive "in use" while any archive (of
  // any process) holds it; IOError when the lock file cannot be created.
  static Result<ArchiveLock> AcquireExclusive(const std::string& dir);

  bool held() const { return fd_ >= 0; }

 private:
  explicit ArchiveLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace recital::store

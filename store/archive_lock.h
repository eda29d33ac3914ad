// Private to store/: the archive lock, beside the LMDB env (it knows files, not databases).
//
// Open file description locks (fcntl F_OFD_SETLK, Linux 3.15 on) on DIR/data.mdb itself, not on
// a lock file of their own. A lock file can be deleted or replaced under a running process (an
// "empty file" cleaner, a user): a second process then locks a new file and believes itself
// alone (Recital up to #14 flocked DIR/recital.lock, and a gc swapped data.mdb under a running
// ingest that way). data.mdb cannot be replaced without replacing the archive, and every lock is
// proved to be on the file at the path (same device and inode) after it is taken. OFD locks
// belong to an open file description: two opens in one process conflict as two processes do,
// and the kernel drops them when the last descriptor closes, also on SIGKILL. LMDB takes no
// fcntl lock on data.mdb (its own are on lock.mdb), so the two never meet.
//
// Byte 0, the archive. Every open archive holds it shared for its life. `recital gc` holds it
// exclusively (it swaps data.mdb); so does, for as long as that takes, an open that has to create
// LMDB's lock file lock.mdb (store/catalogue.cc): a process may create lock.mdb only when it is
// alone with the archive, or two processes would run on two lock files (two writers at once;
// readers whose pages a writer reuses). A deleted lock.mdb is thus refused while the archive is
// open anywhere, and re-created safely once it is not.
//
// Byte 1, the write gate (WriteGate below): every writer holds it exclusively for each write
// transaction; a reader without lock.mdb (MDB_NOLOCK: a user who may not write the archive's
// lock file, a full disk) holds it shared for each read transaction. LMDB's reader table in
// lock.mdb is what keeps a writer from reusing pages a reader still reads; a lockless reader is
// not in it, so it keeps writers out instead while its transaction lasts.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "schema/status.h"
#include "store/lmdb_env.h"

namespace recital::store {

class ArchiveLock {
 public:
  enum class Mode { kShared, kExclusive };

  ArchiveLock() = default;  // holds nothing
  ArchiveLock(ArchiveLock&& other) noexcept;
  ArchiveLock& operator=(ArchiveLock&& other) noexcept;
  ArchiveLock(const ArchiveLock&) = delete;
  ArchiveLock& operator=(const ArchiveLock&) = delete;
  ~ArchiveLock();

  // Opens DIR/data.mdb (read-write when the user may, else read-only; close-on-exec) and takes
  // byte 0 in mode, without waiting. Then proves that the locked file is the one at the path
  // (a gc may have swapped it between the open and the lock) and starts again on a fresh open
  // when it is not. Errors: NotFound (no data.mdb); Busy-style IOError when another open holds
  // a conflicting lock (would_block is then set: an exclusive holder for kShared, any holder for
  // kExclusive); IOError (the OS refused: names the file and errno; kExclusive needs a data.mdb
  // the user may write).
  static Result<ArchiveLock> Acquire(const std::string& dir, Mode mode, bool* would_block);

  // Exclusive -> shared, atomically (no other open can take the lock in between).
  Status Downgrade();

  bool held() const { return fd_ >= 0; }
  bool writable() const { return writable_; }  // data.mdb was opened read-write
  // The gate every transaction of an env opened under this lock passes (byte 1). lockless_reads:
  // the env runs without lock.mdb, so its read transactions take the gate too.
  Result<std::shared_ptr<TxnGate>> MakeGate(bool lockless_reads) const;

 private:
  explicit ArchiveLock(int fd, bool writable) : fd_(fd), writable_(writable) {}
  int fd_ = -1;
  bool writable_ = false;
};

// LMDB's lock file of the archive in dir ("DIR/lock.mdb").
std::string LockFilePath(const std::string& dir);

}  // namespace recital::store

// Repacking an archive (`recital gc`) and the whole-archive lock that makes it safe.
//
// LMDB B-tree pages of databases keyed by random hashes are 50-70% full after ingest (a split
// leaves two half pages) and `mdb_copy -c` only drops free pages. RepackArchive rewrites every
// database in key order with MDB_APPEND into a fresh file (full pages) and swaps it in. It is a
// logical copy, byte for byte per (key, value): the format version and every answer stay the
// same. Layout notes: store/FORMAT.md, "Repacking".
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "schema/status.h"

namespace recital::store {

// Name of the lock file in the archive directory, and of gc's scratch directory there.
inline constexpr std::string_view kArchiveLockFile = "recital.lock";
inline constexpr std::string_view kRepackTmpDir = ".gc-tmp";

// An advisory flock(2) on DIR/recital.lock, held for the life of the object (the fd is
// close-on-exec; the kernel drops the lock when the process dies, also on SIGKILL). Every
// Archive holds a shared one; RepackArchive takes it exclusively, so it never swaps the file
// under an open Archive of any Recital process (this one included: flocks on separate opens
// conflict). Tools that bypass Recital (mdb_stat, mdb_copy) do not take it.
class ArchiveLock {
 public:
  ArchiveLock() = default;  // holds nothing
  ArchiveLock(ArchiveLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ArchiveLock& operator=(ArchiveLock&& other) noexcept;
  ArchiveLock(const ArchiveLock&) = delete;
  ArchiveLock& operator=(const ArchiveLock&) = delete;
  ~ArchiveLock();

  // The lock Archive::Open takes, before it opens LMDB. Creates the lock file if missing (and
  // the directory when create_dir is set). Holds nothing, without error, when there is no
  // archive at dir and create_dir is unset (opening then fails with NotFound anyway) or when
  // the directory is read-only and has no lock file. Never waits: IOError "being repacked"
  // while a gc holds it exclusively (try again when it is done).
  static Result<ArchiveLock> AcquireShared(const std::string& dir, bool create_dir);
  // The lock gc takes. Never waits: IOError naming the archive "in use" while any Archive
  // (of any process) holds it; IOError when the lock file cannot be created.
  static Result<ArchiveLock> AcquireExclusive(const std::string& dir);

  bool held() const { return fd_ >= 0; }

 private:
  explicit ArchiveLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

struct RepackStats {
  uint64_t before_bytes = 0, after_bytes = 0;  // size of DIR/data.mdb
  uint64_t before_pages = 0, after_pages = 0;  // pages in use (last page number + 1)
  uint64_t page_size = 0;
  uint64_t databases = 0;  // named databases copied
  uint64_t entries = 0;    // (key, value) pairs copied, every duplicate counted
  double seconds = 0;
};

struct RepackProgress {
  enum class Stage {
    kCopying,  // after each commit and after each database
    kSynced,   // the new file is complete and on disk; DIR/data.mdb is still the old one
    kSwapped,  // DIR/data.mdb is the new file; the scratch directory is not removed yet
  };
  Stage stage = Stage::kCopying;
  std::string_view database;  // the one being copied (kCopying)
  uint64_t databases_done = 0, databases_total = 0;
  uint64_t entries_done = 0, entries_total = 0;
};

struct RepackOptions {
  // A write transaction of the new file is committed after this many entries or value bytes,
  // whichever comes first: bounds memory (LMDB keeps a transaction's dirty pages in memory).
  uint64_t commit_entries = 200000;
  uint64_t commit_bytes = 64u << 20;
  // Called on the calling thread (progress display; tests kill the process from it).
  std::function<void(const RepackProgress&)> on_progress;
};

// Rewrites DIR/data.mdb in key order, under ArchiveLock::AcquireExclusive. The new file is
// written in DIR/.gc-tmp (removed first if a killed gc left one), synced, then renamed over
// DIR/data.mdb, and the directory synced: a gc killed at any point leaves the old archive or
// the complete new one. Errors: NotFound (no archive at dir), IOError (in use by another
// Recital process or this one; disk), FormatTooNew (archive of a newer Recital: not touched),
// Corruption (not an archive, or LMDB finds damage), ResourceExhausted (map cannot grow).
Result<RepackStats> RepackArchive(const std::string& dir, const RepackOptions& options = {});

}  // namespace recital::store

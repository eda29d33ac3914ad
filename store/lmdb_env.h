// Private to store/, its bottom layer: RAII over LMDB. It knows LMDB and nothing of the archive
// (no database names, no flags of ours, no format): store/catalogue.h is the layer above.
// LMDB return codes become Status only in LmdbStatus().
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "schema/status.h"

namespace recital::store {

// The one place an LMDB rc (or an errno LMDB passes on) becomes a Status; names the operation
// and adds mdb_strerror. MDB_NOTFOUND, ENOENT: NotFound. MDB_MAP_FULL, MDB_READERS_FULL,
// MDB_TXN_FULL, MDB_DBS_FULL: ResourceExhausted. MDB_CORRUPTED, MDB_PAGE_NOTFOUND, MDB_INVALID,
// MDB_VERSION_MISMATCH, MDB_BAD_DBI: Corruption. EACCES, EROFS, ENOSPC ("No space left on
// device"), EIO, ENOMEM and other errno values: IOError. Other LMDB codes: Internal.
Status LmdbStatus(int rc, std::string_view operation);

inline MDB_val ToVal(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}
inline std::string_view FromVal(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

// Passed around every transaction of an Env (the archive lock's write gate,
// store/archive_lock.h). Enter may block while a conflicting transaction of another open runs.
class TxnGate {
 public:
  virtual ~TxnGate() = default;
  virtual Status Enter(bool write) = 0;
  virtual void Leave(bool write) = 0;
};

struct EnvOptions {
  bool read_only = true;
  // MDB_NOLOCK: no lock.mdb. Only for an environment no other process can reach at the same
  // time (a new archive in a private directory, gc's copy), or one whose transactions pass a
  // TxnGate that keeps writers out (SetGate: a lockless reader).
  bool lockless = false;
  // Initial map size; 0 = 64 MiB. Raised to at least twice the file's size; Grow() doubles it.
  size_t initial_map_bytes = 0;
  unsigned max_dbs = 16;  // named databases that may be open at once
};

class Env {
 public:
  // Opens the LMDB environment in the directory dir, which must exist (LMDB creates data.mdb
  // and lock.mdb there when missing and !read_only; callers check data.mdb first, see
  // store/data_file.h). MDB_NOTLS: read transactions are not tied to a thread. Clears the reader
  // slots of dead processes. Installs the fault guard (below) once per process.
  static Result<std::unique_ptr<Env>> Open(const std::string& dir, const EnvOptions& options);
  ~Env();
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;
  MDB_env* get() const { return env_; }
  bool read_only() const { return read_only_; }
  bool lockless() const { return lockless_; }
  const std::string& dir() const { return dir_; }
  // Every transaction begun after this passes gate (kept alive by the Env).
  void SetGate(std::shared_ptr<TxnGate> gate) { gate_ = std::move(gate); }
  TxnGate* gate() const { return gate_.get(); }
  // Doubles the map size. No transaction of this process may be active.
  Status Grow();
  // Bytes of the map in use (last page + 1) * page size.
  Result<uint64_t> UsedBytes() const;
  // Writes a compacted copy of the environment (mdb_env_copyfd2, MDB_CP_COMPACT: a consistent
  // snapshot, also while others write) to fd, from its current offset; does not sync it.
  Status CopyCompactedToFd(int fd) const;
  // The Status of a failed write (rc from LMDB): a full disk is said as such. LMDB turns a
  // write cut short into EIO (mdb_page_flush), so EIO with (almost) no space left on dir's file
  // system reads "no space left on device" too.
  Status WriteError(int rc, std::string_view operation) const;

 private:
  Env() = default;
  friend class Txn;
  // Where LMDB mapped the file (mdb_env_info's me_mapaddr is the meta page's address hint,
  // not the map), found from a page pointer of the given read transaction; 0 when unknown. The
  // map moves when its size changes, so it is looked up again for every new map size.
  uintptr_t MapBase(MDB_txn* read_txn, size_t map_size) const;

  MDB_env* env_ = nullptr;
  bool read_only_ = true;
  bool lockless_ = false;
  std::string dir_;
  std::shared_ptr<TxnGate> gate_;
  mutable std::mutex map_mu_;
  mutable uintptr_t map_base_ = 0;
  mutable size_t map_base_size_ = 0;
};

// The fault guard. LMDB trusts its file: a damaged page can make it follow a wild pointer
// (SIGSEGV, e.g. in mdb_xcursor_init1 on a node that claims duplicates in a database without
// them) or read past the end of the file (SIGBUS), and its assertions abort. Every LMDB call
// that reads pages (Txn::Get, Txn::OpenDbi, Txn::Stat, Cursor::Open, Cursor::Get,
// Env::CopyCompactedToFd) runs under a guard: a SIGSEGV or
// SIGBUS raised inside it, or an LMDB assertion, returns Corruption ("the archive's B-tree is
// damaged: reading it faulted ...") from that call instead of killing the process. Read
// transactions also check every key and value LMDB returns lies inside the file's pages before
// anyone reads it, and bound cursor walks by what the file can hold (a damaged tree can loop).
// Faults outside a guarded call go to the handler that was installed before (a sanitizer's,
// libFuzzer's) or kill the process as before. Write calls (Put, Del, Commit) are not guarded:
// jumping out of a half-done page split would leave LMDB's state unknown.

class Txn {
 public:
  // Read-only or read-write transaction; handles MDB_MAP_RESIZED from other processes. Passes
  // the env's gate (a write waits while a lockless reader reads, and the other way round).
  static Result<Txn> Begin(const Env& env, bool write);
  // A handle on another's transaction (the write transaction a derive callback runs in, read
  // through the archive's const methods): it reads and writes it but never ends it (Abort only
  // lets go, Commit is refused). The owner must outlive it.
  static Txn Borrow(const Txn& owner);
  Txn(Txn&& other) noexcept;
  Txn& operator=(Txn&& other) noexcept;
  ~Txn();  // aborts unless committed
  Status Commit();
  void Abort();
  MDB_txn* get() const { return txn_; }
  bool write() const { return write_; }
  // True once a put or the commit failed with MDB_MAP_FULL: grow the map and redo the work.
  bool map_full() const { return map_full_; }

  // NotFound-free lookup: nullopt when absent. The view is valid until the txn ends.
  Result<std::optional<std::string_view>> Get(MDB_dbi dbi, std::string_view key) const;
  // Put, Del: MDB_KEYEXIST under MDB_NODUPDATA or MDB_NOOVERWRITE is OK (nothing written).
  Status Put(MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags = 0);
  // Absent key (or pair) is OK.
  Status Del(MDB_dbi dbi, std::string_view key, std::optional<std::string_view> value = {});
  // Every entry of the database (mdb_drop without deleting it). Like Put, Del and Commit, a
  // full map sets map_full() (the writer grows the map and retries the batch).
  Status Empty(MDB_dbi dbi, std::string_view what);
  // mdb_dbi_open under the guard: nullopt when the database does not exist (and !MDB_CREATE).
  // name nullptr: the main database.
  Result<std::optional<MDB_dbi>> OpenDbi(const char* name, unsigned flags) const;
  // mdb_stat under the guard (it reads the database's root when its record is stale).
  Result<MDB_stat> Stat(MDB_dbi dbi) const;

 private:
  friend class Cursor;
  // Whether a view LMDB returned lies inside the pages of the file (always true in a write
  // transaction, whose views may be in dirty pages).
  bool InFile(const MDB_val& v) const;
  Txn(MDB_txn* txn, bool write, const Env* env) : txn_(txn), write_(write), env_(env) {}
  void Release();  // leaves the gate once the LMDB transaction is gone
  MDB_txn* txn_ = nullptr;
  bool write_ = false;
  bool map_full_ = false;
  const Env* env_ = nullptr;
  bool borrowed_ = false;    // Borrow: not ours to end
  TxnGate* gate_ = nullptr;  // entered; left by Release
  uintptr_t file_lo_ = 0, file_hi_ = 0;  // read transactions: the mapped pages of the file
  uint64_t max_steps_ = 0;
};

class Cursor {
 public:
  static Result<Cursor> Open(const Txn& txn, MDB_dbi dbi);
  Cursor(Cursor&& other) noexcept
      : cur_(other.cur_), bounds_(other.bounds_), steps_(other.steps_),
        last_key_(other.last_key_), last_value_(other.last_value_), placed_(other.placed_) {
    other.cur_ = nullptr;
  }
  ~Cursor();
  MDB_cursor* get() const { return cur_; }
  // mdb_cursor_get: *key / *value are inputs for seeking ops (MDB_SET_RANGE, MDB_GET_BOTH)
  // and outputs always. false at the end / not found. Views valid until the txn ends.
  // Corruption when LMDB faults, returns a view outside the file, or, in a read transaction,
  // steps (MDB_NEXT, MDB_NEXT_DUP) to an entry that does not sort after the one before (every
  // database of ours uses LMDB's default order: a damaged tree that loops goes back) or walks
  // more entries than the file can hold.
  Result<bool> Get(MDB_cursor_op op, std::string_view* key, std::string_view* value);

 private:
  struct Bounds {
    bool check = false;  // a read transaction: views must lie in [lo, hi)
    uintptr_t lo = 0, hi = 0;
    uint64_t max_steps = 0;
  };
  Cursor(MDB_cursor* c, const Bounds& b) : cur_(c), bounds_(b) {}
  MDB_cursor* cur_ = nullptr;
  Bounds bounds_;
  uint64_t steps_ = 0;
  std::string_view last_key_, last_value_;  // where the cursor is (read transactions)
  bool placed_ = false;
};

// Test seam for crash tests (tests/store/crash_test.cc): when a hook is set, hook(n) runs
// before the n-th write of this process since it was set: every Txn::Put, Txn::Del and commit of
// a write transaction, counted from 1. A test kills its (forked) process from it, so the kill
// lands at an exact point of a transaction whatever the machine's speed. Set it before any
// transaction starts; nullptr removes it. Never set outside tests.
using WriteHook = void (*)(uint64_t write_number);
void SetWriteHookForTesting(WriteHook hook);

}  // namespace recital::store

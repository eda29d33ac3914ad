// Private to store/, its bottom layer: RAII over LMDB. It knows LMDB and nothing of the archive
// (no database names, no flags of ours, no format): store/catalogue.h is the layer above.
// LMDB return codes become Status only in LmdbStatus().
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <memory>
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

struct EnvOptions {
  bool read_only = true;
  // Initial map size; 0 = 64 MiB. Raised to at least twice the file's size; Grow() doubles it.
  size_t initial_map_bytes = 0;
  unsigned max_dbs = 16;  // named databases that may be open at once
};

class Env {
 public:
  // Opens the LMDB environment in the directory dir, which must exist (LMDB creates data.mdb
  // and lock.mdb there when missing and !read_only). MDB_NOTLS: read transactions are not tied
  // to a thread. Clears the reader slots of dead processes.
  static Result<std::unique_ptr<Env>> Open(const std::string& dir, const EnvOptions& options);
  ~Env();
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;
  MDB_env* get() const { return env_; }
  bool read_only() const { return read_only_; }
  // Doubles the map size. No transaction of this process may be active.
  Status Grow();
  // Bytes of the map in use (last page + 1) * page size.
  Result<uint64_t> UsedBytes() const;
  // Writes a compacted copy of the environment (mdb_env_copy2, MDB_CP_COMPACT: a consistent
  // snapshot, also while others write) as to_dir/data.mdb; to_dir must exist and hold no
  // data.mdb.
  Status CopyCompacted(const std::string& to_dir) const;

 private:
  Env() = default;
  MDB_env* env_ = nullptr;
  bool read_only_ = true;
};

class Txn {
 public:
  // Read-only or read-write transaction; handles MDB_MAP_RESIZED from other processes.
  static Result<Txn> Begin(const Env& env, bool write);
  Txn(Txn&& other) noexcept
      : txn_(other.txn_), write_(other.write_), map_full_(other.map_full_) {
    other.txn_ = nullptr;
  }
  Txn& operator=(Txn&& other) noexcept;
  ~Txn();  // aborts unless committed
  Status Commit();
  void Abort();
  MDB_txn* get() const { return txn_; }
  // True once a put or the commit failed with MDB_MAP_FULL: grow the map and redo the work.
  bool map_full() const { return map_full_; }

  // NotFound-free lookup: nullopt when absent. The view is valid until the txn ends.
  Result<std::optional<std::string_view>> Get(MDB_dbi dbi, std::string_view key) const;
  // MDB_KEYEXIST under MDB_NODUPDATA or MDB_NOOVERWRITE is OK (nothing written).
  Status Put(MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags = 0);
  // Absent key (or pair) is OK.
  Status Del(MDB_dbi dbi, std::string_view key, std::optional<std::string_view> value = {});

 private:
  Txn(MDB_txn* txn, bool write) : txn_(txn), write_(write) {}
  MDB_txn* txn_ = nullptr;
  bool write_ = false;
  bool map_full_ = false;
};

class Cursor {
 public:
  static Result<Cursor> Open(const Txn& txn, MDB_dbi dbi);
  Cursor(Cursor&& other) noexcept : cur_(other.cur_) { other.cur_ = nullptr; }
  ~Cursor();
  MDB_cursor* get() const { return cur_; }
  // mdb_cursor_get: *key / *value are inputs for seeking ops (MDB_SET_RANGE, MDB_GET_BOTH)
  // and outputs always. false at the end / not found. Views valid until the txn ends.
  Result<bool> Get(MDB_cursor_op op, std::string_view* key, std::string_view* value);

 private:
  explicit Cursor(MDB_cursor* c) : cur_(c) {}
  MDB_cursor* cur_ = nullptr;
};

// Test seam for crash tests (tests/store/crash_test.cc): when a hook is set, hook(n) runs
// before the n-th write of this process since it was set: every Txn::Put, Txn::Del and commit of
// a write transaction, counted from 1. A test kills its (forked) process from it, so the kill
// lands at an exact point of a transaction whatever the machine's speed. Set it before any
// transaction starts; nullptr removes it. Never set outside tests.
using WriteHook = void (*)(uint64_t write_number);
void SetWriteHookForTesting(WriteHook hook);

}  // namespace recital::store

// Private to store/: RAII over LMDB. LMDB return codes become Status only in LmdbStatus().
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "schema/status.h"
#include "store/repack.h"

namespace recital::store {

// The one place an LMDB rc becomes a Status: names the operation, adds mdb_strerror.
Status LmdbStatus(int rc, std::string_view operation);

inline MDB_val ToVal(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}
inline std::string_view FromVal(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

// Named databases of the archive (store/FORMAT.md).
struct Dbis {
  MDB_dbi meta = 0, objects = 0, docs = 0, paragraph_uses = 0, cites = 0, cited_by = 0,
          settings = 0, titles = 0;
  // Format 2. Every writer creates it; 0 only in an older archive opened read-only.
  MDB_dbi words = 0;
  // Format 3 (store/indexes.h). Every writer creates them; 0 only in an older archive opened
  // read-only.
  MDB_dbi doc_numbers = 0, doc_symbols = 0;
};

class Txn;

class Env {
 public:
  // When create is set, the databases are created and init(txn) runs in the same write
  // transaction, so a process killed while creating leaves either nothing or a whole archive.
  using InitFn = std::function<Status(Txn& txn, const Dbis& dbis)>;
  // Takes ArchiveLock::AcquireShared (store/repack.h) first and holds it until destruction,
  // unless take_archive_lock is unset (gc, which holds the exclusive one).
  static Result<std::unique_ptr<Env>> Open(const std::string& dir, bool read_only, bool create,
                                           size_t initial_map_bytes, const InitFn& init,
                                           bool take_archive_lock = true);
  ~Env();
  MDB_env* get() const { return env_; }
  bool read_only() const { return read_only_; }
  const Dbis& dbis() const { return dbis_; }
  // Doubles the map size. No transaction of this process may be active.
  Status Grow();
  // Bytes of the map in use (last page + 1) * page size.
  Result<uint64_t> UsedBytes() const;
  // The dbi of a database by name, or nullopt.
  std::optional<MDB_dbi> DbiByName(std::string_view name) const;
  // For migrations, inside their write transaction: (re)opens every database by name, so
  // handles closed by an aborted Recreate are valid again (call it first in every attempt).
  Status RefreshDbis(Txn& txn);
  // Deletes the database and creates it again, empty, with the flags this format gives it
  // (a format-2 paragraph_uses, DUPSORT, becomes the format-3 one without). InvalidInput for
  // names that are not recreatable (meta, objects, docs).
  Status RecreateDbi(Txn& txn, std::string_view name);

 private:
  Env() = default;
  Status OpenDbis(bool create, const InitFn& init);
  ArchiveLock lock_;  // released after ~Env closed env_
  MDB_env* env_ = nullptr;
  bool read_only_ = true;
  Dbis dbis_;
};

class Txn {
 public:
  // Read-only or read-write transaction; handles MDB_MAP_RESIZED from other processes.
  static Result<Txn> Begin(const Env& env, bool write);
  Txn(Txn&& other) noexcept : txn_(other.txn_), map_full_(other.map_full_) {
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
  Status Put(MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags = 0);
  Status Del(MDB_dbi dbi, std::string_view key, std::optional<std::string_view> value = {});

 private:
  explicit Txn(MDB_txn* txn) : txn_(txn) {}
  MDB_txn* txn_ = nullptr;
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

}  // namespace recital::store

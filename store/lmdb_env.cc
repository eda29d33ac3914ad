#include "store/lmdb_env.h"

#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace recital::store {
namespace {

// Start small: LMDB's file grows with use, the map is only address space. Grow() doubles it.
constexpr size_t kInitialMapBytes = 64u << 20;
constexpr unsigned kMaxReaders = 256;

std::atomic<WriteHook> g_write_hook{nullptr};
std::atomic<uint64_t> g_writes{0};

void BeforeWrite() {
  if (WriteHook hook = g_write_hook.load(std::memory_order_relaxed)) hook(++g_writes);
}

}  // namespace

void SetWriteHookForTesting(WriteHook hook) {
  g_writes = 0;
  g_write_hook = hook;
}

Status LmdbStatus(int rc, std::string_view operation) {
  if (rc == MDB_SUCCESS) return Status::Ok();
  std::string msg = "LMDB " + std::string(operation) + ": " + mdb_strerror(rc);
  switch (rc) {
    case MDB_NOTFOUND:
      return Status::NotFound(msg);
    case MDB_MAP_FULL:
    case MDB_READERS_FULL:
    case MDB_TXN_FULL:
    case MDB_DBS_FULL:
      return Status::ResourceExhausted(msg);
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_INVALID:
    case MDB_VERSION_MISMATCH:
    case MDB_BAD_DBI:
      return Status::Corruption(msg);
    case ENOENT:
      return Status::NotFound(msg);
    case EACCES:
    case EROFS:
    case ENOSPC:
    case EIO:
    case ENOMEM:
      return Status::IOError(msg);
    default:
      return rc > 0 ? Status::IOError(msg) : Status::Internal(msg);
  }
}

Result<std::unique_ptr<Env>> Env::Open(const std::string& dir, const EnvOptions& options) {
  std::unique_ptr<Env> env(new Env());
  env->read_only_ = options.read_only;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_create(&env->env_), "env_create"));
  RECITAL_RETURN_IF_ERROR(
      LmdbStatus(mdb_env_set_maxdbs(env->env_, options.max_dbs), "env_set_maxdbs"));
  RECITAL_RETURN_IF_ERROR(
      LmdbStatus(mdb_env_set_maxreaders(env->env_, kMaxReaders), "set_maxreaders"));
  // The map must cover the file; a file grown by another process is picked up at open.
  struct stat st;
  size_t map = options.initial_map_bytes != 0 ? options.initial_map_bytes : kInitialMapBytes;
  if (::stat((dir + "/data.mdb").c_str(), &st) == 0) {
    while (map < static_cast<size_t>(st.st_size) * 2) map *= 2;
  }
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_mapsize(env->env_, map), "env_set_mapsize"));
  // MDB_NOTLS: read transactions are not tied to a thread slot, so worker threads and nested
  // helpers may each hold one. No MDB_NOLOCK: readers in other processes must see MVCC.
  unsigned flags = MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0);
  RECITAL_RETURN_IF_ERROR(
      LmdbStatus(mdb_env_open(env->env_, dir.c_str(), flags, 0644), "env_open " + dir));
  int dead = 0;
  mdb_reader_check(env->env_, &dead);  // clear reader slots of killed processes
  return env;
}

Env::~Env() {
  if (env_ != nullptr) mdb_env_close(env_);
}

Status Env::Grow() {
  MDB_envinfo info;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env_, &info), "env_info"));
  return LmdbStatus(mdb_env_set_mapsize(env_, info.me_mapsize * 2), "env_set_mapsize");
}

Result<uint64_t> Env::UsedBytes() const {
  MDB_envinfo info;
  MDB_stat st;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env_, &info), "env_info"));
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_stat(env_, &st), "env_stat"));
  return static_cast<uint64_t>(info.me_last_pgno + 1) * st.ms_psize;
}

Status Env::CopyCompacted(const std::string& to_dir) const {
  return LmdbStatus(mdb_env_copy2(env_, to_dir.c_str(), MDB_CP_COMPACT), "env_copy2 " + to_dir);
}

Result<Txn> Txn::Begin(const Env& env, bool write) {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env.get(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  if (rc == MDB_MAP_RESIZED) {
    // Another process grew the map: adopt its size and retry once.
    RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_mapsize(env.get(), 0), "env_set_mapsize"));
    rc = mdb_txn_begin(env.get(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  }
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, write ? "txn_begin (write)" : "txn_begin (read)"));
  return Txn(txn, write);
}

Txn& Txn::operator=(Txn&& other) noexcept {
  if (this != &other) {
    Abort();
    txn_ = other.txn_;
    write_ = other.write_;
    map_full_ = other.map_full_;
    other.txn_ = nullptr;
  }
  return *this;
}

Txn::~Txn() { Abort(); }

void Txn::Abort() {
  if (txn_ != nullptr) mdb_txn_abort(txn_);
  txn_ = nullptr;
}

Status Txn::Commit() {
  if (write_) BeforeWrite();
  MDB_txn* t = txn_;
  txn_ = nullptr;  // commit frees the txn even when it fails
  int rc = mdb_txn_commit(t);
  if (rc == MDB_MAP_FULL) map_full_ = true;
  return LmdbStatus(rc, "txn_commit");
}

Result<std::optional<std::string_view>> Txn::Get(MDB_dbi dbi, std::string_view key) const {
  MDB_val k = ToVal(key), v;
  int rc = mdb_get(txn_, dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::optional<std::string_view>();
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, "get"));
  return std::optional<std::string_view>(FromVal(v));
}

Status Txn::Put(MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags) {
  BeforeWrite();
  MDB_val k = ToVal(key), v = ToVal(value);
  int rc = mdb_put(txn_, dbi, &k, &v, flags);
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc == MDB_KEYEXIST && (flags & (MDB_NODUPDATA | MDB_NOOVERWRITE))) return Status::Ok();
  return LmdbStatus(rc, "put");
}

Status Txn::Del(MDB_dbi dbi, std::string_view key, std::optional<std::string_view> value) {
  BeforeWrite();
  MDB_val k = ToVal(key), v;
  if (value) v = ToVal(*value);
  int rc = mdb_del(txn_, dbi, &k, value ? &v : nullptr);
  if (rc == MDB_NOTFOUND) return Status::Ok();
  return LmdbStatus(rc, "del");
}

Result<Cursor> Cursor::Open(const Txn& txn, MDB_dbi dbi) {
  MDB_cursor* c = nullptr;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_cursor_open(txn.get(), dbi, &c), "cursor_open"));
  return Cursor(c);
}

Cursor::~Cursor() {
  if (cur_ != nullptr) mdb_cursor_close(cur_);
}

Result<bool> Cursor::Get(MDB_cursor_op op, std::string_view* key, std::string_view* value) {
  MDB_val k{0, nullptr}, v{0, nullptr};
  if (key != nullptr) k = ToVal(*key);
  if (value != nullptr) v = ToVal(*value);
  int rc = mdb_cursor_get(cur_, &k, &v, op);
  if (rc == MDB_NOTFOUND) return false;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, "cursor_get"));
  if (key != nullptr) *key = FromVal(k);
  if (value != nullptr) *value = FromVal(v);
  return true;
}

}  // namespace recital::store

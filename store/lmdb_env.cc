#include "store/lmdb_env.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace recital::store {
namespace {

// Start small: LMDB's file grows with use, the map is only address space. Grow() doubles it.
constexpr size_t kInitialMapBytes = 64u << 20;
constexpr unsigned kMaxDbs = 16;

}  // namespace

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

Result<std::unique_ptr<Env>> Env::Open(const std::string& dir, bool read_only, bool create,
                                       size_t initial_map_bytes, const InitFn& init,
                                       bool take_archive_lock) {
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(dir) / "data.mdb", ec)) {
    if (!create) return Status::NotFound("no archive at " + dir);
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::IOError("cannot create archive directory " + dir + ": " + ec.message());
  }
  std::unique_ptr<Env> env(new Env());
  if (take_archive_lock) {
    // Before LMDB maps the file: gc must not swap data.mdb under an open environment.
    auto lock = ArchiveLock::AcquireShared(dir, create);
    if (!lock.ok()) return lock.status();
    env->lock_ = std::move(*lock);
  }
  env->read_only_ = read_only;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_create(&env->env_), "env_create"));
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_maxdbs(env->env_, kMaxDbs), "env_set_maxdbs"));
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_maxreaders(env->env_, 256), "set_maxreaders"));
  // The map must cover the file; a file grown by another process is picked up at open.
  struct stat st;
  size_t map = initial_map_bytes != 0 ? initial_map_bytes : kInitialMapBytes;
  if (::stat((dir + "/data.mdb").c_str(), &st) == 0) {
    while (map < static_cast<size_t>(st.st_size) * 2) map *= 2;
  }
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_mapsize(env->env_, map), "env_set_mapsize"));
  // MDB_NOTLS: read transactions are not tied to a thread slot, so worker threads and nested
  // helpers may each hold one. No MDB_NOLOCK: readers in other processes must see MVCC.
  unsigned flags = MDB_NOTLS | (read_only ? MDB_RDONLY : 0);
  Status st_open = LmdbStatus(mdb_env_open(env->env_, dir.c_str(), flags, 0644), "env_open " + dir);
  if (!st_open.ok()) return st_open;
  int dead = 0;
  mdb_reader_check(env->env_, &dead);  // clear reader slots of killed processes
  RECITAL_RETURN_IF_ERROR(env->OpenDbis(create && !read_only, init));
  return env;
}

Env::~Env() {
  if (env_ != nullptr) mdb_env_close(env_);
}

namespace {

// Every named database (store/FORMAT.md) with the flags this format creates it with. LMDB keeps
// the flags a database was created with, so an older archive's databases open with theirs
// (a format-2 paragraph_uses stays DUPSORT until migration 0003 recreates it). `core` ones
// exist in every version; the others are created by writers and absent (dbi 0) when an older
// archive is opened read-only.
struct NamedDb {
  const char* name;
  MDB_dbi Dbis::*member;
  unsigned flags;
  bool core;
};
constexpr NamedDb kNamedDbs[] = {
    {"meta", &Dbis::meta, 0, true},
    {"objects", &Dbis::objects, 0, true},
    {"docs", &Dbis::docs, 0, true},
    {"paragraph_uses", &Dbis::paragraph_uses, 0, true},
    {"cites", &Dbis::cites, MDB_DUPSORT, true},    // empty from format 4
    {"cited_by", &Dbis::cited_by, 0, true},        // DUPSORT before format 4
    {"settings", &Dbis::settings, 0, true},
    {"titles", &Dbis::titles, 0, true},
    {"words", &Dbis::words, 0, false},  // format 2; DUPSORT|DUPFIXED before format 4
    {"doc_numbers", &Dbis::doc_numbers, 0, false},                  // format 3
    {"doc_symbols", &Dbis::doc_symbols, 0, false},                  // format 3
};

const NamedDb* FindNamed(std::string_view name) {
  for (const auto& n : kNamedDbs) {
    if (name == n.name) return &n;
  }
  return nullptr;
}

}  // namespace

Status Env::OpenDbis(bool create, const InitFn& init) {
  auto txn = Txn::Begin(*this, !read_only_);
  if (!txn.ok()) return txn.status();
  if (create) {
    // Never add our databases to somebody else's LMDB environment.
    MDB_dbi probe, main_dbi;
    MDB_stat main;
    if (mdb_dbi_open(txn->get(), "meta", 0, &probe) == MDB_NOTFOUND &&
        mdb_dbi_open(txn->get(), nullptr, 0, &main_dbi) == 0 &&
        mdb_stat(txn->get(), main_dbi, &main) == 0 && main.ms_entries != 0) {
      const char* path = "";
      mdb_env_get_path(env_, &path);
      return Status::Corruption(std::string(path) +
                                " holds an LMDB database that is not a Recital archive");
    }
  }
  for (const auto& n : kNamedDbs) {
    if (!n.core) continue;
    unsigned flags = n.flags | (create ? MDB_CREATE : 0);
    int rc = mdb_dbi_open(txn->get(), n.name, flags, &(dbis_.*n.member));
    if (rc == MDB_NOTFOUND) {
      MDB_stat main;
      const char* path = "";
      mdb_env_get_path(env_, &path);
      MDB_dbi main_dbi;
      if (mdb_dbi_open(txn->get(), nullptr, 0, &main_dbi) == 0 &&
          mdb_stat(txn->get(), main_dbi, &main) == 0 && main.ms_entries == 0) {
        return Status::NotFound("no archive at " + std::string(path) + " (the database is empty)");
      }
      return Status::Corruption("archive has no '" + std::string(n.name) +
                                "' database: not a Recital archive, or damaged");
    }
    RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, std::string("dbi_open ") + n.name));
  }
  if (create && init) RECITAL_RETURN_IF_ERROR(init(*txn, dbis_));
  // words (format 2) and doc_numbers/doc_symbols (format 3) are filled by ingest and the
  // migrations. An older archive opened for writing gains them empty; opened read-only it has
  // none (0) and the format check sends the user to `recital migrate`.
  for (const auto& n : kNamedDbs) {
    if (n.core) continue;
    unsigned flags = n.flags | (read_only_ ? 0 : MDB_CREATE);
    int rc = mdb_dbi_open(txn->get(), n.name, flags, &(dbis_.*n.member));
    if (rc == MDB_NOTFOUND) {
      dbis_.*n.member = 0;
    } else {
      RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, std::string("dbi_open ") + n.name));
    }
  }
  return txn->Commit();
}

std::optional<MDB_dbi> Env::DbiByName(std::string_view name) const {
  const NamedDb* n = FindNamed(name);
  if (n == nullptr || dbis_.*n->member == 0) return std::nullopt;
  return dbis_.*n->member;
}

Status Env::RefreshDbis(Txn& txn) {
  for (const auto& n : kNamedDbs) {
    MDB_dbi dbi = 0;
    int rc = mdb_dbi_open(txn.get(), n.name, 0, &dbi);
    if (rc == MDB_NOTFOUND) {
      dbis_.*n.member = 0;
      continue;
    }
    RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, std::string("dbi_open ") + n.name));
    dbis_.*n.member = dbi;
  }
  return Status::Ok();
}

Status Env::RecreateDbi(Txn& txn, std::string_view name) {
  const NamedDb* n = FindNamed(name);
  if (n == nullptr || name == "meta" || name == "objects" || name == "docs") {
    return Status::InvalidInput("database '" + std::string(name) + "' cannot be recreated");
  }
  MDB_dbi dbi = 0;
  int rc = mdb_dbi_open(txn.get(), n->name, 0, &dbi);
  if (rc == MDB_SUCCESS) {
    dbis_.*n->member = 0;  // mdb_drop closes the handle, whatever happens next
    RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_drop(txn.get(), dbi, 1), "drop " + std::string(name)));
  } else if (rc != MDB_NOTFOUND) {
    return LmdbStatus(rc, "dbi_open " + std::string(name));
  }
  rc = mdb_dbi_open(txn.get(), n->name, n->flags | MDB_CREATE, &dbi);
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, "dbi_open (create) " + std::string(name)));
  dbis_.*n->member = dbi;
  return Status::Ok();
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

Result<Txn> Txn::Begin(const Env& env, bool write) {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env.get(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  if (rc == MDB_MAP_RESIZED) {
    // Another process grew the map: adopt its size and retry once.
    RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_mapsize(env.get(), 0), "env_set_mapsize"));
    rc = mdb_txn_begin(env.get(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  }
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, write ? "txn_begin (write)" : "txn_begin (read)"));
  return Txn(txn);
}

Txn& Txn::operator=(Txn&& other) noexcept {
  if (this != &other) {
    Abort();
    txn_ = other.txn_;
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
  MDB_val k = ToVal(key), v = ToVal(value);
  int rc = mdb_put(txn_, dbi, &k, &v, flags);
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc == MDB_KEYEXIST && (flags & (MDB_NODUPDATA | MDB_NOOVERWRITE))) return Status::Ok();
  return LmdbStatus(rc, "put");
}

Status Txn::Del(MDB_dbi dbi, std::string_view key, std::optional<std::string_view> value) {
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

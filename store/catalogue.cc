// The archive's catalogue (store/catalogue.h): named databases and their flags, meta, the
// format check, opening an archive's environment.
#include "store/catalogue.h"

#include <filesystem>
#include <iterator>

#include "store/bytes.h"
#include "store/store.h"

namespace recital::store {
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
constexpr unsigned kMaxDbs = 16;
static_assert(std::size(kNamedDbs) <= kMaxDbs);

const NamedDb* FindNamed(std::string_view name) {
  for (const auto& n : kNamedDbs) {
    if (name == n.name) return &n;
  }
  return nullptr;
}

std::string EnvPath(const Env& env) {
  const char* path = "";
  mdb_env_get_path(env.get(), &path);
  return path;
}

// Runs in the transaction that creates the databases: a new archive gets its magic and
// format version atomically with its databases.
Status InitMeta(Txn& txn, const Dbis& dbis, const std::string& dir) {
  auto magic = txn.Get(dbis.meta, kMetaMagicKey);
  if (!magic.ok()) return magic.status();
  if (magic->has_value()) return Status::Ok();
  // A brand-new environment has no objects; anything else without magic is not ours.
  MDB_stat st;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_stat(txn.get(), dbis.objects, &st), "stat"));
  if (st.ms_entries != 0) return Status::Corruption(dir + " is not a Recital archive");
  RECITAL_RETURN_IF_ERROR(txn.Put(dbis.meta, kMetaMagicKey, kMetaMagic));
  return WriteFormatVersion(txn, dbis, kFormatVersion);
}

Status OpenDbis(const Env& env, bool create, const std::string& dir, Dbis* dbis) {
  auto txn = Txn::Begin(env, !env.read_only());
  if (!txn.ok()) return txn.status();
  if (create) {
    // Never add our databases to somebody else's LMDB environment.
    MDB_dbi probe, main_dbi;
    MDB_stat main;
    if (mdb_dbi_open(txn->get(), "meta", 0, &probe) == MDB_NOTFOUND &&
        mdb_dbi_open(txn->get(), nullptr, 0, &main_dbi) == 0 &&
        mdb_stat(txn->get(), main_dbi, &main) == 0 && main.ms_entries != 0) {
      return Status::Corruption(EnvPath(env) +
                                " holds an LMDB database that is not a Recital archive");
    }
  }
  for (const auto& n : kNamedDbs) {
    if (!n.core) continue;
    unsigned flags = n.flags | (create ? MDB_CREATE : 0);
    int rc = mdb_dbi_open(txn->get(), n.name, flags, &(dbis->*n.member));
    if (rc == MDB_NOTFOUND) {
      MDB_stat main;
      MDB_dbi main_dbi;
      if (mdb_dbi_open(txn->get(), nullptr, 0, &main_dbi) == 0 &&
          mdb_stat(txn->get(), main_dbi, &main) == 0 && main.ms_entries == 0) {
        return Status::NotFound("no archive at " + EnvPath(env) + " (the database is empty)");
      }
      return Status::Corruption("archive has no '" + std::string(n.name) +
                                "' database: not a Recital archive, or damaged");
    }
    RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, std::string("dbi_open ") + n.name));
  }
  if (create) RECITAL_RETURN_IF_ERROR(InitMeta(*txn, *dbis, dir));
  // words (format 2) and doc_numbers/doc_symbols (format 3) are filled by ingest and the
  // migrations. An older archive opened for writing gains them empty; opened read-only it has
  // none (0) and the format check sends the user to `recital migrate`.
  for (const auto& n : kNamedDbs) {
    if (n.core) continue;
    unsigned flags = n.flags | (env.read_only() ? 0 : MDB_CREATE);
    int rc = mdb_dbi_open(txn->get(), n.name, flags, &(dbis->*n.member));
    if (rc == MDB_NOTFOUND) {
      dbis->*n.member = 0;
    } else {
      RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, std::string("dbi_open ") + n.name));
    }
  }
  return txn->Commit();
}

}  // namespace

Result<ArchiveEnv> OpenArchiveEnv(const std::string& dir, const ArchiveEnvOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(dir) / "data.mdb", ec)) {
    if (!options.create) return Status::NotFound("no archive at " + dir);
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::IOError("cannot create archive directory " + dir + ": " + ec.message());
  }
  ArchiveEnv out;
  if (options.take_archive_lock) {
    // Before LMDB maps the file: gc must not swap data.mdb under an open environment.
    auto lock = ArchiveLock::AcquireShared(dir, options.create);
    if (!lock.ok()) return lock.status();
    out.lock = std::move(*lock);
  }
  EnvOptions env_options;
  env_options.read_only = options.read_only;
  env_options.initial_map_bytes = options.initial_map_bytes;
  env_options.max_dbs = kMaxDbs;
  auto env = Env::Open(dir, env_options);
  if (!env.ok()) return env.status();
  out.env = std::move(*env);
  RECITAL_RETURN_IF_ERROR(
      OpenDbis(*out.env, options.create && !options.read_only, dir, &out.dbis));
  return out;
}

Result<int> CheckFormat(const Txn& txn, const Dbis& dbis, const std::string& dir,
                        bool allow_old) {
  auto magic = txn.Get(dbis.meta, kMetaMagicKey);
  if (!magic.ok()) return magic.status();
  if (!magic->has_value() || **magic != kMetaMagic) {
    return Status::Corruption(dir + " is not a Recital archive (no magic value in meta)");
  }
  auto version = txn.Get(dbis.meta, kMetaFormatKey);
  if (!version.ok()) return version.status();
  std::string_view v = version->value_or("");
  uint32_t n = 0;
  if (!GetU32BE(&v, &n) || !v.empty()) {
    return Status::Corruption(dir + ": unreadable format version in meta");
  }
  int format = static_cast<int>(n);
  if (format > kFormatVersion) {
    return Status::FormatTooNew("archive " + dir + " has format version " +
                                std::to_string(format) + ", this Recital reads up to " +
                                std::to_string(kFormatVersion) +
                                ": upgrade Recital; the archive was not touched");
  }
  if (format < kFormatVersion && !allow_old) {
    return Status::InvalidInput("archive " + dir + " has the older format version " +
                                std::to_string(format) + " (this Recital writes " +
                                std::to_string(kFormatVersion) +
                                "): run `recital migrate --archive " + dir + "` to upgrade it");
  }
  return format;
}

Status WriteFormatVersion(Txn& txn, const Dbis& dbis, int version) {
  std::string v;
  PutU32BE(&v, static_cast<uint32_t>(version));
  return txn.Put(dbis.meta, kMetaFormatKey, v);
}

std::optional<MDB_dbi> DbiByName(const Dbis& dbis, std::string_view name) {
  const NamedDb* n = FindNamed(name);
  if (n == nullptr || dbis.*n->member == 0) return std::nullopt;
  return dbis.*n->member;
}

Status RefreshDbis(Txn& txn, Dbis* dbis) {
  for (const auto& n : kNamedDbs) {
    MDB_dbi dbi = 0;
    int rc = mdb_dbi_open(txn.get(), n.name, 0, &dbi);
    if (rc == MDB_NOTFOUND) {
      dbis->*n.member = 0;
      continue;
    }
    RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, std::string("dbi_open ") + n.name));
    dbis->*n.member = dbi;
  }
  return Status::Ok();
}

Status RecreateDbi(Txn& txn, Dbis* dbis, std::string_view name) {
  const NamedDb* n = FindNamed(name);
  if (n == nullptr || name == "meta" || name == "objects" || name == "docs") {
    return Status::InvalidInput("database '" + std::string(name) + "' cannot be recreated");
  }
  MDB_dbi dbi = 0;
  int rc = mdb_dbi_open(txn.get(), n->name, 0, &dbi);
  if (rc == MDB_SUCCESS) {
    dbis->*n->member = 0;  // mdb_drop closes the handle, whatever happens next
    RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_drop(txn.get(), dbi, 1), "drop " + std::string(name)));
  } else if (rc != MDB_NOTFOUND) {
    return LmdbStatus(rc, "dbi_open " + std::string(name));
  }
  rc = mdb_dbi_open(txn.get(), n->name, n->flags | MDB_CREATE, &dbi);
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, "dbi_open (create) " + std::string(name)));
  dbis->*n->member = dbi;
  return Status::Ok();
}

}  // namespace recital::store

// The archive's catalogue (store/catalogue.h): named databases and their flags, meta, the
// format check, opening an archive's environment.
#include "store/catalogue.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <thread>
#include <vector>

#include "store/bytes.h"
#include "store/data_file.h"
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
    {"series", &Dbis::series, 0, false},                            // format 6, derived
    {"lineage", &Dbis::lineage, 0, false},                          // format 6, derived
};
constexpr unsigned kMaxDbs = 16;
static_assert(std::size(kNamedDbs) <= kMaxDbs);

const NamedDb* FindNamed(std::string_view name) {
  for (const auto& n : kNamedDbs) {
    if (name == n.name) return &n;
  }
  return nullptr;
}

// Opening: how long an open waits for a conflicting holder of the archive lock that holds it
// briefly (another process creating lock.mdb) before saying who holds it.
constexpr int kLockAttempts = 40;
constexpr auto kLockRetryDelay = std::chrono::milliseconds(5);
// lock.mdb is created by us with its space allocated: LMDB maps it and writes its header through
// the map, which dies of SIGBUS on a full disk. LMDB uses a bigger lock file whole (its reader
// table grows to fit: 64 KiB hold ~1,000 reader slots, more than kMaxReaders).
constexpr off_t kLockFileBytes = 64 << 10;

std::string Errno(int err) { return std::strerror(err); }

bool WriteRefused(int err) { return err == EACCES || err == EPERM || err == EROFS; }
bool NoSpace(int err) { return err == ENOSPC || err == EDQUOT; }

struct FileId {
  dev_t dev = 0;
  ino_t ino = 0;
  bool operator==(const FileId&) const = default;
};

// lock.mdb's identity, or nullopt when absent; IOError when it cannot be looked at.
Result<std::optional<FileId>> LockFileId(const std::string& dir) {
  struct stat st;
  if (::lstat(LockFilePath(dir).c_str(), &st) != 0) {
    if (errno == ENOENT) return std::optional<FileId>();
    return Status::IOError("cannot look at " + LockFilePath(dir) + ": " + Errno(errno));
  }
  return std::optional<FileId>(FileId{st.st_dev, st.st_ino});
}

// 0 when the file can be opened for writing, else errno.
int OpenForWriting(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  ::close(fd);
  return 0;
}

// Creates lock.mdb (the caller holds the archive lock exclusively) with its space allocated.
// 0 or errno; nothing is left behind on failure.
int CreateLockFile(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  int err = ::posix_fallocate(fd, 0, kLockFileBytes);
  ::close(fd);
  if (err != 0) ::unlink(path.c_str());
  return err;
}

std::string LockFileMissingMessage(const std::string& dir) {
  return "LMDB's lock file " + LockFilePath(dir) +
         " is missing while another process has the archive open (was it deleted under it?): "
         "without the lock file that process uses, a second one cannot share the archive "
         "safely; wait until the other process is done (or stop it), then try again";
}

std::string BeingRepackedMessage(const std::string& dir) {
  return "archive " + dir + " is being repacked by `recital gc`; try again when it is done";
}

// Takes the archive lock as OpenLockedEnv needs it: shared when lock.mdb exists, exclusive
// when it must be created. *create_lock_file: lock.mdb is absent and this process holds the
// lock exclusively to create it. *data_read_only: a reader who may not write data.mdb (it holds
// the lock shared, and never creates lock.mdb).
Result<ArchiveLock> TakeOpenLock(const std::string& dir, bool read_only, bool* create_lock_file) {
  bool last_exclusive = false;
  for (int attempt = 0; attempt < kLockAttempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(kLockRetryDelay);
    auto id = LockFileId(dir);
    if (!id.ok()) return id.status();
    last_exclusive = !id->has_value();
    bool would_block = false;
    auto lock = ArchiveLock::Acquire(
        dir, last_exclusive ? ArchiveLock::Mode::kExclusive : ArchiveLock::Mode::kShared,
        &would_block);
    if (lock.ok()) {
      *create_lock_file = last_exclusive;
      return lock;
    }
    if (would_block) continue;
    if (last_exclusive && read_only && lock.status().IsIOError()) {
      // lock.mdb absent, and data.mdb not writable for this user: a reader goes without
      // lock.mdb (it could not create one safely), holding the lock shared like any open.
      auto shared = ArchiveLock::Acquire(dir, ArchiveLock::Mode::kShared, &would_block);
      if (shared.ok() || !would_block) {
        *create_lock_file = false;
        return shared;
      }
      last_exclusive = false;
      continue;
    }
    return lock.status();
  }
  return Status::IOError(last_exclusive ? LockFileMissingMessage(dir) : BeingRepackedMessage(dir));
}

// Runs in the transaction that creates a new archive's databases: every database of this
// format, magic and version, atomically.
Status InitNewArchive(Txn& txn, Dbis* dbis) {
  for (const auto& n : kNamedDbs) {
    auto dbi = txn.OpenDbi(n.name, n.flags | MDB_CREATE);
    if (!dbi.ok()) return dbi.status();
    dbis->*n.member = **dbi;
  }
  RECITAL_RETURN_IF_ERROR(txn.Put(dbis->meta, kMetaMagicKey, kMetaMagic));
  return WriteFormatVersion(txn, *dbis, kFormatVersion);
}

// Opens the databases of an existing environment; writes nothing before the magic is proved.
Status OpenDbis(const Env& env, const std::string& dir, Dbis* dbis) {
  const std::string data = (std::filesystem::path(dir) / "data.mdb").string();
  int format = 0;
  std::vector<const NamedDb*> missing;
  {
    auto txn = Txn::Begin(env, /*write=*/false);
    if (!txn.ok()) return txn.status();
    auto meta = txn->OpenDbi("meta", 0);
    if (!meta.ok()) return meta.status();
    if (!meta->has_value()) {
      auto main_dbi = txn->OpenDbi(nullptr, 0);
      if (!main_dbi.ok()) return main_dbi.status();
      auto main = txn->Stat(**main_dbi);
      if (!main.ok()) return main.status();
      if (main->ms_entries == 0) {
        return Status::Corruption(data +
                                  " is an empty LMDB environment, not a Recital archive (its "
                                  "creation was interrupted?); remove it and ingest again");
      }
      return Status::Corruption(data + " holds an LMDB database that is not a Recital archive "
                                       "(no 'meta' database); it was not touched");
    }
    auto magic = txn->Get(**meta, kMetaMagicKey);
    if (!magic.ok()) return magic.status();
    if (!magic->has_value() || **magic != kMetaMagic) {
      return Status::Corruption(data + " holds an LMDB database that is not a Recital archive "
                                       "(no Recital magic in its 'meta' database); it was not "
                                       "touched");
    }
    auto version = txn->Get(**meta, kMetaFormatKey);
    if (!version.ok()) return version.status();
    std::string_view v = version->value_or("");
    uint32_t n = 0;
    format = GetU32BE(&v, &n) && v.empty() ? static_cast<int>(n) : kFormatVersion + 1;
    for (const auto& named : kNamedDbs) {
      auto dbi = txn->OpenDbi(named.name, 0);
      if (!dbi.ok()) return dbi.status();
      if (dbi->has_value()) {
        dbis->*named.member = **dbi;
      } else if (named.core) {
        return Status::Corruption("archive " + dir + " has no '" + std::string(named.name) +
                                  "' database: damaged");
      } else {
        dbis->*named.member = 0;
        missing.push_back(&named);
      }
    }
    RECITAL_RETURN_IF_ERROR(txn->Commit());  // keeps the handles for every transaction
  }
  // words (format 2) and doc_numbers/doc_symbols (format 3) are filled by ingest and the
  // migrations. An older archive opened for writing gains them empty; opened read-only it has
  // none (0) and the format check sends the user to `recital migrate`. A newer archive is not
  // touched.
  if (missing.empty() || env.read_only() || format > kFormatVersion) return Status::Ok();
  auto txn = Txn::Begin(env, /*write=*/true);
  if (!txn.ok()) return txn.status();
  for (const NamedDb* named : missing) {
    auto dbi = txn->OpenDbi(named->name, named->flags | MDB_CREATE);
    if (!dbi.ok()) return dbi.status();
    dbis->*named->member = **dbi;
  }
  return txn->Commit();
}

}  // namespace

Result<ArchiveEnv> OpenLockedEnv(const std::string& dir, const ArchiveEnvOptions& options) {
  const std::string data = (std::filesystem::path(dir) / "data.mdb").string();
  auto info = CheckDataFile(data);
  if (!info.ok()) {
    if (info.status().IsNotFound()) return Status::NotFound("no archive at " + dir);
    return info.status();
  }
  ArchiveEnv out;
  EnvOptions env_options;
  env_options.read_only = options.read_only;
  env_options.initial_map_bytes = options.initial_map_bytes;
  env_options.max_dbs = kMaxDbs;
  if (options.caller_holds_exclusive) {
    env_options.read_only = true;
    env_options.lockless = true;
    auto env = Env::Open(dir, env_options);
    if (!env.ok()) return env.status();
    out.env = std::move(*env);
    out.lockless = true;
    return out;
  }
  bool create_lock_file = false;
  auto lock = TakeOpenLock(dir, options.read_only, &create_lock_file);
  if (!lock.ok()) return lock.status();
  out.lock = std::move(*lock);
  const std::string lock_path = LockFilePath(dir);
  if (!options.read_only && !out.lock.writable()) {
    return Status::IOError("cannot write archive " + dir + ": you may not write " + data + " (" +
                           Errno(EACCES) + ")");
  }
  bool created = false;
  if (create_lock_file) {
    int err = CreateLockFile(lock_path);
    if (err == 0) {
      created = true;
    } else if (!options.read_only) {
      return Status::IOError("cannot create LMDB's lock file " + lock_path + ": " +
                             (NoSpace(err) ? "no space left on device" : Errno(err)));
    } else {
      out.lockless = true;  // a reader reads without it, behind the write gate
    }
  } else if (auto id = LockFileId(dir); !id.ok()) {
    return id.status();
  } else if (!id->has_value()) {
    out.lockless = options.read_only;  // lock.mdb cannot be made by a reader who may not write
    if (!options.read_only) return Status::IOError(LockFileMissingMessage(dir));
  } else if (int err = OpenForWriting(lock_path); err != 0) {
    if (!options.read_only || !WriteRefused(err)) {
      return Status::IOError("cannot use LMDB's lock file " + lock_path + ": " + Errno(err) +
                             (WriteRefused(err) ? " (changing the archive needs it writable)"
                                                : ""));
    }
    out.lockless = true;  // another user's archive: read it without its lock file
  }
  auto before = LockFileId(dir);
  if (!before.ok()) return before.status();
  env_options.lockless = out.lockless;
  env_options.read_only = options.read_only;
  auto env = Env::Open(dir, env_options);
  if (!env.ok()) {
    if (created) ::unlink(lock_path.c_str());  // made by this call, used by nobody
    return env.status();
  }
  out.env = std::move(*env);
  if (!out.lockless) {
    // LMDB opened lock.mdb by its path: it must be the file that was there (and that every other
    // process of this archive uses), not one re-created in between.
    auto after = LockFileId(dir);
    if (!after.ok()) return after.status();
    if (!before->has_value() || !after->has_value() || **before != **after) {
      return Status::IOError(lock_path + " was replaced while the archive was being opened "
                                         "(deleted by another program?); try again");
    }
  }
  if (create_lock_file) RECITAL_RETURN_IF_ERROR(out.lock.Downgrade());
  auto gate = out.lock.MakeGate(out.lockless);
  if (!gate.ok()) return gate.status();
  out.env->SetGate(std::move(*gate));
  return out;
}

Result<ArchiveEnv> OpenArchiveEnv(const std::string& dir, const ArchiveEnvOptions& options) {
  if (options.create) RECITAL_RETURN_IF_ERROR(CreateArchive(dir));
  auto out = OpenLockedEnv(dir, options);
  if (!out.ok()) return out.status();
  RECITAL_RETURN_IF_ERROR(OpenDbis(*out->env, dir, &out->dbis));
  return out;
}

Status CreateArchive(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  bool made_dir = false;
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno != ENOENT) return Status::IOError("cannot look at " + dir + ": " + Errno(errno));
    made_dir = fs::create_directories(dir, ec);
    if (ec) return Status::IOError("cannot create archive directory " + dir + ": " + ec.message());
  } else if (!S_ISDIR(st.st_mode)) {
    return Status::InvalidInput(dir + " exists and is not a directory");
  }
  const std::string data = (fs::path(dir) / "data.mdb").string();
  if (::lstat(data.c_str(), &st) == 0) return Status::Ok();  // something is there: open judges
  std::string tmp_template = (fs::path(dir) / ".recital-new-XXXXXX").string();
  if (::mkdtemp(tmp_template.data()) == nullptr) {
    int err = errno;
    if (made_dir) fs::remove(dir, ec);
    return Status::IOError("cannot create an archive in " + dir + ": " +
                           (NoSpace(err) ? "no space left on device" : Errno(err)));
  }
  const std::string tmp = tmp_template;
  auto clean_up = [&] {
    fs::remove(fs::path(tmp) / "data.mdb", ec);
    fs::remove(tmp, ec);
    if (made_dir) fs::remove(dir, ec);  // only if empty: nothing of anyone else's
  };
  Status st_create = [&]() -> Status {
    EnvOptions env_options;
    env_options.read_only = false;
    env_options.lockless = true;  // a private directory: nobody else can open it
    env_options.max_dbs = kMaxDbs;
    auto env = Env::Open(tmp, env_options);
    if (!env.ok()) return env.status();
    auto txn = Txn::Begin(**env, /*write=*/true);
    if (!txn.ok()) return txn.status();
    Dbis dbis;
    RECITAL_RETURN_IF_ERROR(InitNewArchive(*txn, &dbis));
    return txn->Commit();  // synced: LMDB flushes data and meta pages at commit
  }();
  if (!st_create.ok()) {
    struct statvfs vfs;
    const bool full = st_create.IsIOError() && ::statvfs(tmp.c_str(), &vfs) == 0 &&
                      static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize < (1u << 20);
    const uint64_t free_bytes = full ? static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize : 0;
    clean_up();
    if (full) {
      return Status::IOError("cannot create an archive in " + dir +
                             ": no space left on device (" + std::to_string(free_bytes) +
                             " bytes free); nothing was left behind");
    }
    return st_create.WithContext("creating an archive in " + dir);
  }
  bool exists = false;
  Status moved = RenameNoReplace((fs::path(tmp) / "data.mdb").string(), data, &exists);
  if (!moved.ok() || exists) {
    made_dir = false;  // another process's archive may be there now
    clean_up();
    return moved;  // exists: another process created the archive meanwhile; open that one
  }
  made_dir = false;
  Status synced = SyncDir(dir);
  clean_up();
  return synced;
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

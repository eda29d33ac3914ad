// Whole-archive copies (store/store.h): RepackArchive (`recital gc`) and BackupArchive. Both
// take the archive lock (store/archive_lock.h) so gc never swaps data.mdb under a copy.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "store/archive_lock.h"
#include "store/catalogue.h"
#include "store/data_file.h"
#include "store/lmdb_env.h"
#include "store/store.h"

namespace recital::store {
namespace fs = std::filesystem;

namespace {

std::string Errno(int err) { return std::strerror(err); }

using EnvPtr = std::unique_ptr<MDB_env, void (*)(MDB_env*)>;

struct SourceDb {
  std::string name;
  MDB_dbi dbi = 0;
  unsigned flags = 0;
  uint64_t entries = 0;
};

// Every named database listed in the main database, with its flags and entry count.
Result<std::vector<SourceDb>> ListDatabases(const Txn& txn) {
  auto main_dbi = txn.OpenDbi(nullptr, 0);
  if (!main_dbi.ok()) return main_dbi.status();
  auto cur = Cursor::Open(txn, **main_dbi);
  if (!cur.ok()) return cur.status();
  std::vector<SourceDb> dbs;
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    SourceDb db;
    db.name = std::string(k);
    auto dbi = txn.OpenDbi(db.name.c_str(), 0);
    if (!dbi.ok()) return dbi.status().WithContext("not a Recital archive, or damaged");
    if (!dbi->has_value()) return Status::Corruption("database " + db.name + " vanished");
    db.dbi = **dbi;
    RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_dbi_flags(txn.get(), db.dbi, &db.flags), "dbi_flags"));
    auto st = txn.Stat(db.dbi);
    if (!st.ok()) return st.status().WithContext("database " + db.name);
    db.entries = st->ms_entries;
    dbs.push_back(std::move(db));
  }
  return dbs;
}

// The write side: one transaction at a time on the new environment, committed in chunks.
// Write cursors are freed by LMDB when their transaction ends, so cursor_ is never closed
// after a commit or an abort.
class Writer {
 public:
  explicit Writer(MDB_env* env) : env_(env) {}
  ~Writer() {
    if (txn_ != nullptr) mdb_txn_abort(txn_);
  }
  bool map_full() const { return map_full_; }

  Status Begin(const std::string& name, unsigned flags, MDB_dbi* dbi) {
    RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_txn_begin(env_, nullptr, 0, &txn_), "txn_begin"));
    RECITAL_RETURN_IF_ERROR(LmdbStatus(
        mdb_dbi_open(txn_, name.c_str(), flags | MDB_CREATE, dbi), "dbi_open (new) " + name));
    dbi_ = *dbi;
    return LmdbStatus(mdb_cursor_open(txn_, dbi_, &cursor_), "cursor_open (new)");
  }
  Status Put(std::string_view key, std::string_view value, unsigned flags) {
    MDB_val k = ToVal(key), v = ToVal(value);
    int rc = mdb_cursor_put(cursor_, &k, &v, flags);
    if (rc == MDB_MAP_FULL) map_full_ = true;
    return LmdbStatus(rc, "put (new)");
  }
  Status Commit() {
    MDB_txn* t = txn_;
    txn_ = nullptr;
    cursor_ = nullptr;
    int rc = mdb_txn_commit(t);
    if (rc == MDB_MAP_FULL) map_full_ = true;
    return LmdbStatus(rc, "txn_commit (new)");
  }
  Status Reopen(const std::string& name, unsigned flags) {
    RECITAL_RETURN_IF_ERROR(Commit());
    MDB_dbi dbi;
    return Begin(name, flags, &dbi);
  }

 private:
  MDB_env* env_;
  MDB_txn* txn_ = nullptr;
  MDB_cursor* cursor_ = nullptr;
  MDB_dbi dbi_ = 0;
  bool map_full_ = false;
};

struct CopyState {
  const RepackOptions* options;
  RepackProgress progress;
};

// Copies one database in key order with MDB_APPEND (every duplicate, in order, with
// MDB_APPENDDUP), so every page but the last of each level is filled.
Status CopyDatabase(const Txn& src, const SourceDb& db, Writer& writer, CopyState& state) {
  MDB_dbi dst = 0;
  RECITAL_RETURN_IF_ERROR(writer.Begin(db.name, db.flags, &dst));
  auto cur = Cursor::Open(src, db.dbi);
  if (!cur.ok()) return cur.status();
  const bool dupsort = (db.flags & MDB_DUPSORT) != 0;
  std::string prev_key;
  bool first = true;
  uint64_t chunk_entries = 0, chunk_bytes = 0;
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    // MDB_APPEND refuses a key equal to the last one: a further duplicate is MDB_APPENDDUP.
    bool same_key = dupsort && !first && k == prev_key;
    unsigned flags = same_key ? MDB_APPENDDUP : (MDB_APPEND | (dupsort ? MDB_APPENDDUP : 0));
    RECITAL_RETURN_IF_ERROR(writer.Put(k, v, flags).WithContext("copying " + db.name));
    if (dupsort) prev_key.assign(k);
    first = false;
    ++state.progress.entries_done;
    chunk_bytes += k.size() + v.size();
    if (++chunk_entries >= state.options->commit_entries ||
        chunk_bytes >= state.options->commit_bytes) {
      RECITAL_RETURN_IF_ERROR(writer.Reopen(db.name, db.flags));
      chunk_entries = chunk_bytes = 0;
      if (state.options->on_progress) state.options->on_progress(state.progress);
    }
  }
  RECITAL_RETURN_IF_ERROR(writer.Commit());
  ++state.progress.databases_done;
  if (state.options->on_progress) state.options->on_progress(state.progress);
  return Status::Ok();
}

// rename(2) replaces DIR/data.mdb atomically; the directory sync makes the swap durable.
Status SwapIn(const std::string& dir, const std::string& tmp) {
  const fs::path data = fs::path(dir) / "data.mdb", new_data = fs::path(tmp) / "data.mdb";
  if (::rename(new_data.c_str(), data.c_str()) != 0) {
    int err = errno;
    return Status::IOError("cannot move " + new_data.string() + " over " + data.string() + ": " +
                           Errno(err) + " (the archive is unchanged)");
  }
  return SyncDir(dir);
}

// gc's scratch directory holds its marker file first, then the new data.mdb (and, written by
// older Recital versions, a lock.mdb). Only such a directory, or an empty one, is gc's to
// remove: anything else at DIR/.gc-tmp belongs to somebody else and makes gc refuse.
constexpr std::string_view kScratchMarker = ".recital-gc";

Status RemoveScratch(const std::string& tmp) {
  struct stat st;
  if (::lstat(tmp.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return Status::IOError("cannot look at " + tmp + ": " + Errno(errno));
  }
  const std::string not_ours = tmp + " exists and is not a scratch directory `recital gc` made";
  if (!S_ISDIR(st.st_mode)) {
    return Status::InvalidInput(not_ours + " (not a directory); move it away and run gc again");
  }
  std::error_code ec;
  std::vector<fs::path> entries;
  bool marked = false;
  for (const auto& e : fs::directory_iterator(tmp, ec)) {
    std::string name = e.path().filename().string();
    if (name == kScratchMarker) {
      marked = true;
    } else if (name != "data.mdb" && name != "lock.mdb") {
      return Status::InvalidInput(not_ours + " (it holds " + name +
                                  "); move it away and run gc again");
    }
    entries.push_back(e.path());
  }
  if (ec) return Status::IOError("cannot read " + tmp + ": " + ec.message());
  if (!entries.empty() && !marked) {
    return Status::InvalidInput(not_ours + " (no " + std::string(kScratchMarker) +
                                " marker in it); move it away and run gc again");
  }
  for (const auto& e : entries) {
    if (e.filename() != kScratchMarker && !fs::remove(e, ec) && ec) {
      return Status::IOError("cannot remove " + e.string() + ": " + ec.message());
    }
  }
  fs::remove(fs::path(tmp) / std::string(kScratchMarker), ec);  // last: a kill leaves it marked
  if (!fs::remove(tmp, ec) && ec) return Status::IOError("cannot remove " + tmp + ": " + ec.message());
  return Status::Ok();
}

Status MakeScratch(const std::string& tmp) {
  if (::mkdir(tmp.c_str(), 0755) != 0) {
    return Status::IOError("cannot create " + tmp + ": " + Errno(errno));
  }
  const std::string marker = (fs::path(tmp) / std::string(kScratchMarker)).string();
  int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    int err = errno;
    ::rmdir(tmp.c_str());
    return Status::IOError("cannot create " + marker + ": " + Errno(err));
  }
  ::close(fd);
  return Status::Ok();
}

struct NewFile {
  uint64_t pages = 0;
};

// One attempt at writing the new environment in tmp with the given map size. map_full is set
// when the map was too small (the caller retries with a larger one).
Result<NewFile> WriteNewFile(Env& src_env, const std::string& tmp, size_t map_bytes,
                             unsigned file_mode, CopyState& state, bool* map_full) {
  auto txn = Txn::Begin(src_env, false);
  if (!txn.ok()) return txn.status();
  auto dbs = ListDatabases(*txn);
  if (!dbs.ok()) return dbs.status();
  state.progress = RepackProgress{};
  state.progress.databases_total = dbs->size();
  for (const auto& db : *dbs) state.progress.entries_total += db.entries;

  MDB_env* raw = nullptr;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_create(&raw), "env_create (new)"));
  EnvPtr env(raw, mdb_env_close);
  unsigned maxdbs = std::max<unsigned>(16, static_cast<unsigned>(dbs->size()) + 1);
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_maxdbs(env.get(), maxdbs), "set_maxdbs"));
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_mapsize(env.get(), map_bytes), "set_mapsize"));
  // No sync per commit: the file counts only once mdb_env_sync(force) below returned. No
  // lock.mdb: only this process knows the directory (and a lock file, mapped, would die of
  // SIGBUS on a full disk).
  RECITAL_RETURN_IF_ERROR(LmdbStatus(
      mdb_env_open(env.get(), tmp.c_str(), MDB_NOSYNC | MDB_NOMETASYNC | MDB_NOLOCK, file_mode),
      "env_open " + tmp));
  Writer writer(env.get());
  for (const auto& db : *dbs) {
    state.progress.database = db.name;
    Status st = CopyDatabase(*txn, db, writer, state);
    if (!st.ok()) {
      *map_full = writer.map_full();
      return st;
    }
  }
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_sync(env.get(), 1), "env_sync (new)"));
  MDB_envinfo info;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env.get(), &info), "env_info (new)"));
  return NewFile{static_cast<uint64_t>(info.me_last_pgno) + 1};
}

}  // namespace

Result<RepackStats> RepackArchive(const std::string& dir, const RepackOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path data = fs::path(dir) / "data.mdb";
  struct stat st_before;
  if (::lstat(data.c_str(), &st_before) != 0) return Status::NotFound("no archive at " + dir);
  if (S_ISLNK(st_before.st_mode)) {
    // gc renames a new file over data.mdb, which would replace the link with a file and leave
    // the old archive where the link pointed.
    return Status::InvalidInput(data.string() +
                                " is a symbolic link: gc writes a new data.mdb and renames it "
                                "into place, which would replace the link with a file; refused "
                                "(put the file itself in place of the link to gc it)");
  }
  bool would_block = false;
  auto lock = ArchiveLock::Acquire(dir, ArchiveLock::Mode::kExclusive, &would_block);
  if (!lock.ok()) {
    if (lock.status().IsNotFound()) return lock.status();
    if (would_block) {
      return Status::IOError("archive " + dir +
                             " is in use by another recital process (an ingest, a reader); gc "
                             "needs it to itself; try again when they are done");
    }
    return lock.status();
  }
  if (::stat(data.c_str(), &st_before) != 0) return Status::NotFound("no archive at " + dir);

  RepackStats stats;
  stats.before_bytes = static_cast<uint64_t>(st_before.st_size);
  const std::string tmp = (fs::path(dir) / std::string(kRepackTmpDir)).string();
  RECITAL_RETURN_IF_ERROR(RemoveScratch(tmp));  // left by a killed gc; never anything else

  ArchiveEnvOptions open;
  open.caller_holds_exclusive = true;  // this process holds the archive lock exclusively
  auto src = OpenArchiveEnv(dir, open);
  if (!src.ok()) return src.status();
  {
    auto txn = Txn::Begin(*src->env, false);
    if (!txn.ok()) return txn.status();
    // Any older version too: the copy is logical, so it keeps whatever layout it finds.
    auto format = CheckFormat(*txn, src->dbis, dir, /*allow_old=*/true);
    if (!format.ok()) return format.status();
  }
  MDB_envinfo info;
  MDB_stat env_stat;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_info(src->env->get(), &info), "env_info"));
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_stat(src->env->get(), &env_stat), "env_stat"));
  stats.before_pages = static_cast<uint64_t>(info.me_last_pgno) + 1;
  stats.page_size = env_stat.ms_psize;

  CopyState state{&options, {}};
  size_t map_bytes = static_cast<size_t>(stats.before_bytes) * 2 + (64u << 20);
  Result<NewFile> written = Status::Internal("no attempt");
  for (int attempt = 0;; ++attempt) {
    RECITAL_RETURN_IF_ERROR(MakeScratch(tmp));
    bool map_full = false;
    written = WriteNewFile(*src->env, tmp, map_bytes, st_before.st_mode & 0777, state, &map_full);
    if (written.ok() || !map_full || attempt >= 6) break;
    RECITAL_RETURN_IF_ERROR(RemoveScratch(tmp));
    map_bytes *= 2;
  }
  if (!written.ok()) {
    (void)RemoveScratch(tmp);
    Status st = written.status();
    return st.WithContext("gc of " + dir + " (the archive is unchanged)");
  }
  src->env.reset();  // no mapping of the old file survives the swap
  stats.after_pages = written->pages;
  stats.databases = state.progress.databases_total;
  stats.entries = state.progress.entries_done;
  state.progress.stage = RepackProgress::Stage::kSynced;
  if (options.on_progress) options.on_progress(state.progress);

  Status swapped = SwapIn(dir, tmp);
  if (!swapped.ok()) {
    (void)RemoveScratch(tmp);
    return swapped;
  }
  state.progress.stage = RepackProgress::Stage::kSwapped;
  if (options.on_progress) options.on_progress(state.progress);
  (void)RemoveScratch(tmp);  // only the marker is left in it

  struct stat st_after;
  if (::stat(data.c_str(), &st_after) == 0) stats.after_bytes = st_after.st_size;
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

Status BackupArchive(const std::string& archive_dir, const std::string& backup_dir) {
  const fs::path target = fs::path(backup_dir) / "data.mdb";
  struct stat st;
  if (::lstat(target.c_str(), &st) == 0) {
    return Status::InvalidInput("backup directory " + backup_dir +
                                " already holds an archive; name an empty or new directory");
  }
  const fs::path source = fs::path(archive_dir) / "data.mdb";
  if (::stat(source.c_str(), &st) != 0) return Status::NotFound("no archive at " + archive_dir);
  // Opened as any reader (the archive lock shared: no gc swaps the file under the copy). The
  // copy is of the whole environment (every named database with the main one): no catalogue
  // needed, and an archive of any format version is copied as it is.
  ArchiveEnvOptions open;
  auto env = OpenLockedEnv(archive_dir, open);
  if (!env.ok()) return env.status().WithContext("backup: cannot open archive " + archive_dir);
  std::error_code ec;
  fs::create_directories(backup_dir, ec);
  if (ec) {
    return Status::IOError("cannot create backup directory " + backup_dir + ": " + ec.message());
  }
  // A temporary name, synced, then renamed: a backup killed or failed midway never leaves a
  // data.mdb that is cut short (which every command would then refuse as truncated).
  std::string tmp = (fs::path(backup_dir) / ".data.mdb.partial-XXXXXX").string();
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) {
    return Status::IOError("cannot create a file in backup directory " + backup_dir + ": " +
                           Errno(errno));
  }
  auto fail = [&](Status st) {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return st.WithContext("backup: copying " + archive_dir + " to " + backup_dir +
                          " (nothing was left there)");
  };
  if (::fchmod(fd, st.st_mode & 0777) != 0) {
    return fail(Status::IOError("cannot set the mode of " + tmp + ": " + Errno(errno)));
  }
  Status copied = env->env->CopyCompactedToFd(fd);
  if (!copied.ok()) return fail(copied);
  if (::fsync(fd) != 0) return fail(Status::IOError("cannot sync " + tmp + ": " + Errno(errno)));
  int closed = ::close(fd);
  fd = -1;
  if (closed != 0) return fail(Status::IOError("cannot close " + tmp + ": " + Errno(errno)));
  bool exists = false;
  Status moved = RenameNoReplace(tmp, target.string(), &exists);
  if (!moved.ok()) return fail(moved);
  if (exists) {
    return fail(Status::InvalidInput("backup directory " + backup_dir +
                                     " already holds an archive; name an empty or new directory"));
  }
  return SyncDir(backup_dir);
}

}  // namespace recital::store

// Private to store/, the layer above the LMDB env: the archive's catalogue. Which named
// databases an archive has and with which flags, the meta keys, the magic and the one format
// check (store/FORMAT.md "Named databases", "meta"), and opening an archive's environment: the
// archive lock, the LMDB env, the databases, in that order.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "schema/status.h"
#include "store/archive_lock.h"
#include "store/lmdb_env.h"

namespace recital::store {

// meta keys and the magic value (store/FORMAT.md "meta").
inline constexpr std::string_view kMetaMagicKey = "magic";
inline constexpr std::string_view kMetaMagic = "recital-archive";
inline constexpr std::string_view kMetaFormatKey = "format_version";

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

struct ArchiveEnvOptions {
  bool read_only = true;
  // No archive at dir: create the directory, the databases, magic and format version (in one
  // write transaction, so a process killed while creating leaves nothing or a whole archive).
  bool create = false;
  size_t initial_map_bytes = 0;  // EnvOptions::initial_map_bytes
  // Take ArchiveLock::AcquireShared before LMDB maps the file, held as long as the env is open.
  // Unset only by gc, which holds the exclusive one.
  bool take_archive_lock = true;
};

// An open archive environment. Members are destroyed in reverse order, so the lock is released
// after the environment closed.
struct ArchiveEnv {
  ArchiveLock lock;
  std::unique_ptr<Env> env;
  Dbis dbis;
};

// Opens the archive in dir. Errors: NotFound (no archive there and !create, or an empty LMDB
// file), Corruption (an LMDB environment that is not a Recital archive, or lacks one of our
// databases), IOError (the lock: a gc is running; the OS refused), LmdbStatus errors. Does not
// check the format version: CheckFormat does.
Result<ArchiveEnv> OpenArchiveEnv(const std::string& dir, const ArchiveEnvOptions& options);

// The one format check (Archive::Open, gc): magic, then version against kFormatVersion.
// Corruption without magic, FormatTooNew when newer, InvalidInput when older and !allow_old.
Result<int> CheckFormat(const Txn& txn, const Dbis& dbis, const std::string& dir, bool allow_old);

// Writes format_version into meta.
Status WriteFormatVersion(Txn& txn, const Dbis& dbis, int version);

// For migrations (Archive::Migrate), inside their write transaction.
// The dbi of a database by name, or nullopt (unknown name, or absent in an older archive).
std::optional<MDB_dbi> DbiByName(const Dbis& dbis, std::string_view name);
// (Re)opens every database by name, so handles closed by an aborted RecreateDbi are valid
// again (call it first in every attempt).
Status RefreshDbis(Txn& txn, Dbis* dbis);
// Deletes the database and creates it again, empty, with the flags this format gives it (a
// format-2 paragraph_uses, DUPSORT, becomes the format-3 one without). InvalidInput for names
// that are not recreatable (meta, objects, docs).
Status RecreateDbi(Txn& txn, Dbis* dbis, std::string_view name);

}  // namespace recital::store

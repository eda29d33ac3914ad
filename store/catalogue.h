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
// Format 6: the generation of what derived indexes are computed from (varint; absent = 0), and
// each derived index's stamp, "derived/<name>" (varint: the generation it was computed at).
inline constexpr std::string_view kMetaInputGenerationKey = "input_generation";
inline constexpr std::string_view kMetaDerivedStampPrefix = "derived/";

// Named databases of the archive (store/FORMAT.md).
struct Dbis {
  MDB_dbi meta = 0, objects = 0, docs = 0, paragraph_uses = 0, cites = 0, cited_by = 0,
          settings = 0, titles = 0;
  // Format 2. Every writer creates it; 0 only in an older archive opened read-only.
  MDB_dbi words = 0;
  // Format 3 (store/indexes.h). Every writer creates them; 0 only in an older archive opened
  // read-only.
  MDB_dbi doc_numbers = 0, doc_symbols = 0;
  // Format 6: the derived series index (keys and values owned by history/). Every writer
  // creates it; 0 only in an older archive opened read-only.
  MDB_dbi series = 0;
  // Format 6: the derived lineage index (history/), as `series`.
  MDB_dbi lineage = 0;
};

struct ArchiveEnvOptions {
  bool read_only = true;
  // No archive at dir: CreateArchive(dir) first.
  bool create = false;
  size_t initial_map_bytes = 0;  // EnvOptions::initial_map_bytes
  // Set only by gc, which holds the archive lock exclusively itself: the env is opened read-only
  // without lock.mdb (no other process can open the archive meanwhile) and takes no lock.
  bool caller_holds_exclusive = false;
};

// An open archive environment. Members are destroyed in reverse order, so the lock is released
// after the environment closed.
struct ArchiveEnv {
  ArchiveLock lock;
  std::unique_ptr<Env> env;
  Dbis dbis;
  bool lockless = false;  // opened without lock.mdb (MDB_NOLOCK), read-only
};

// Opens the environment of the archive in dir, with its lock, and no database: the data file
// is checked first (store/data_file.h); the archive lock taken shared (store/archive_lock.h),
// exclusively while lock.mdb has to be created; lock.mdb created with its space allocated up
// front (LMDB maps it and would die of SIGBUS on a full disk), or, for a reader who may not
// write it (permissions, a read-only or full file system), the env opened without it
// (MDB_NOLOCK) behind the write gate. lock.mdb must still be the file at its path once LMDB
// opened it. Errors: NotFound (no data.mdb), Corruption (data.mdb damaged or truncated), IOError
// (a gc runs; lock.mdb missing while another process has the archive open; a file the user may
// not write, named; the OS refused), LmdbStatus errors.
Result<ArchiveEnv> OpenLockedEnv(const std::string& dir, const ArchiveEnvOptions& options);

// OpenLockedEnv and the databases. Checks that the environment is a Recital archive (the meta
// database and its magic) before writing anything to it; a writer then creates the databases
// of later formats an older archive lacks (words, doc_numbers, doc_symbols), unless the format
// is newer than this build's. Errors: those of OpenLockedEnv; Corruption (an LMDB environment
// that is not a Recital archive, an empty one, or one without one of our databases). Does not
// check the format version: CheckFormat does.
Result<ArchiveEnv> OpenArchiveEnv(const std::string& dir, const ArchiveEnvOptions& options);

// Creates an archive in dir (and dir) unless dir/data.mdb exists, as any kind of file, even
// empty, even a dangling link: then nothing is done (opening it judges what it is). Creation is
// atomic and never replaces a file: the databases, magic and format version are written to a
// fresh LMDB environment in a private directory (dir/.recital-new-XXXXXX, without lock.mdb),
// synced, and its data.mdb is moved to dir/data.mdb only if no such name exists then
// (renameat2 RENAME_NOREPLACE, else link(2)). On failure everything made is removed, the
// directory too when this call made it. Errors: IOError (the OS refused; "no space left on
// device"), InvalidInput (dir is not a directory).
Status CreateArchive(const std::string& dir);

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

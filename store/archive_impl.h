// Private to store/: Archive::Impl and helpers shared by archive.cc, ingest.cc and verify.cc.
#pragma once

#include <memory>
#include <shared_mutex>
#include <string>

#include "store/encoding.h"
#include "store/lmdb_env.h"
#include "store/objects.h"
#include "store/store.h"

namespace recital::store {

// meta keys (store/FORMAT.md).
inline constexpr std::string_view kMetaMagicKey = "magic";
inline constexpr std::string_view kMetaMagic = "recital-archive";
inline constexpr std::string_view kMetaFormatKey = "format_version";

struct Archive::Impl {
  std::string dir;
  std::unique_ptr<Env> env;
  int format_version = 0;
  // Readers hold it shared for the life of their transaction; growing the map (which LMDB
  // allows only with no transaction open in this process) holds it exclusively.
  mutable std::shared_mutex txn_mutex;

  const Dbis& dbis() const { return env->dbis(); }
  Status RequireWritable() const {
    if (env->read_only()) return Status::InvalidInput("archive " + dir + " was opened read-only");
    return Status::Ok();
  }
};

// Versions of symbol in this transaction; nullopt when unknown.
Result<std::optional<std::vector<DocumentVersion>>> ReadDocVersions(const Txn& txn,
                                                                    const Dbis& dbis,
                                                                    std::string_view symbol);

// Decodes a record and its paragraph wording through reader.
Result<Resolution> LoadResolution(ObjectReader& reader, const Hash128& record_hash);

// Writes format_version into meta.
Status WriteFormatVersion(Txn& txn, const Dbis& dbis, int version);

}  // namespace recital::store

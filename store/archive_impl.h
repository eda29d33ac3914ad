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

// Decodes a record through reader (format 4 records hold their wordings; older ones name
// paragraph objects, which it loads too).
Result<Resolution> LoadResolution(ObjectReader& reader, const Hash128& record_hash);

// A wording (lead, text, sub-paragraph numbers and texts; nothing else) from the
// record of its first use in paragraph_uses (format 4 has no paragraph objects). NotFound when
// no stored version uses it; Corruption when that use holds another wording.
Result<Paragraph> LoadWording(const Txn& txn, const Dbis& dbis, ObjectReader& reader,
                              const Hash128& wording_hash);

// Whether a record of `citing` citing `cited` is indexed (cited_by): a usable symbol, not
// itself. The one rule for ingest, verify, CitationsOf and migrations.
inline bool IsCitedSymbol(std::string_view cited, std::string_view citing) {
  return !cited.empty() && cited != citing && cited.size() <= kMaxSymbolBytes &&
         cited.find('\0') == std::string_view::npos;
}

// The one format check (Archive::Open, gc): magic, then version against kFormatVersion.
// Corruption without magic, FormatTooNew when newer, InvalidInput when older and !allow_old.
Result<int> CheckFormat(const Txn& txn, const Dbis& dbis, const std::string& dir, bool allow_old);

// Writes format_version into meta.
Status WriteFormatVersion(Txn& txn, const Dbis& dbis, int version);

}  // namespace recital::store

// Helpers of migration_helpers.h (tests/CMakeLists.txt builds *_helpers.cc into the test binary).
#include "tests/migrations/migration_helpers.h"

#include <lmdb.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "migrations/legacy_formats.h"
#include "store/migration.h"

namespace recital::testing {
namespace {

// Runs fn in one write transaction on the environment in dir.
Status WithTxn(const std::string& dir, bool write, const std::function<int(MDB_txn*)>& fn) {
  MDB_env* raw = nullptr;
  if (mdb_env_create(&raw) != 0) return Status::Internal("env_create");
  std::unique_ptr<MDB_env, void (*)(MDB_env*)> env(raw, mdb_env_close);
  mdb_env_set_maxdbs(env.get(), 32);
  mdb_env_set_mapsize(env.get(), 1ull << 30);
  int rc = mdb_env_open(env.get(), dir.c_str(), write ? 0 : MDB_RDONLY, 0644);
  if (rc != 0) return Status::IOError(std::string("env_open: ") + mdb_strerror(rc));
  MDB_txn* txn = nullptr;
  rc = mdb_txn_begin(env.get(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  if (rc != 0) return Status::IOError(std::string("txn_begin: ") + mdb_strerror(rc));
  rc = fn(txn);
  if (rc != 0) {
    mdb_txn_abort(txn);
    return Status::IOError(std::string("lmdb: ") + mdb_strerror(rc));
  }
  rc = mdb_txn_commit(txn);
  if (rc != 0) return Status::IOError(std::string("commit: ") + mdb_strerror(rc));
  return Status::Ok();
}

MDB_val Val(const std::string& s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }

std::string U32BE(uint32_t v) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(v >> (24 - 8 * i));
  return out;
}

}  // namespace

void CopyArchive(const std::string& from_dir, const std::string& to_dir) {
  std::filesystem::create_directories(to_dir);
  std::filesystem::copy_file(std::filesystem::path(from_dir) / "data.mdb",
                             std::filesystem::path(to_dir) / "data.mdb",
                             std::filesystem::copy_options::overwrite_existing);
}

Status SetFormatVersion(const std::string& dir, uint32_t version) {
  return WithTxn(dir, true, [&](MDB_txn* txn) {
    MDB_dbi meta;
    int rc = mdb_dbi_open(txn, "meta", 0, &meta);
    if (rc != 0) return rc;
    std::string key = "format_version", value = U32BE(version);
    MDB_val k = Val(key), v = Val(value);
    return mdb_put(txn, meta, &k, &v, 0);
  });
}

namespace {

// Reads every (key, value) of a database.
int ReadAll(MDB_txn* txn, MDB_dbi dbi, std::vector<std::pair<std::string, std::string>>* out) {
  MDB_cursor* cur = nullptr;
  int rc = mdb_cursor_open(txn, dbi, &cur);
  if (rc != 0) return rc;
  MDB_val k, v;
  for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
       rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
    out->emplace_back(std::string(static_cast<char*>(k.mv_data), k.mv_size),
                      std::string(static_cast<char*>(v.mv_data), v.mv_size));
  }
  mdb_cursor_close(cur);
  return rc == MDB_NOTFOUND ? 0 : rc;
}

// Drops the database name (if present) and creates it empty with flags; *dbi is the new one.
int Remake(MDB_txn* txn, const char* name, unsigned flags, MDB_dbi* dbi) {
  int rc = mdb_dbi_open(txn, name, 0, dbi);
  if (rc == 0) rc = mdb_drop(txn, *dbi, 1);
  if (rc != 0 && rc != MDB_NOTFOUND) return rc;
  return mdb_dbi_open(txn, name, flags | MDB_CREATE, dbi);
}

int PutRaw(MDB_txn* txn, MDB_dbi dbi, const std::string& key, const std::string& value) {
  MDB_val k = Val(key), v = Val(value);
  return mdb_put(txn, dbi, &k, &v, 0);
}

// The format-2 indexes rebuilt from the format-3 ones (store/FORMAT.md), in one transaction.
int RewriteIndexesAsV2(MDB_txn* txn) {
  MDB_dbi numbers, symbols, uses, words;
  int rc = mdb_dbi_open(txn, "doc_symbols", 0, &symbols);
  if (rc == MDB_NOTFOUND) return 0;  // no format-3 indexes: nothing to do
  std::vector<std::pair<std::string, std::string>> symbol_rows, use_rows, word_rows;
  if (rc == 0) rc = ReadAll(txn, symbols, &symbol_rows);
  if (rc == 0) rc = mdb_dbi_open(txn, "paragraph_uses", 0, &uses);
  if (rc == 0) rc = ReadAll(txn, uses, &use_rows);
  if (rc == 0) rc = mdb_dbi_open(txn, "words", 0, &words);
  if (rc == 0) rc = ReadAll(txn, words, &word_rows);
  if (rc != 0) return rc;
  std::map<uint32_t, std::string> names;
  for (const auto& [k, v] : symbol_rows) {
    uint32_t n = 0;
    if (!store::DecodeDocNumberKey(k, &n)) return MDB_CORRUPTED;
    names[n] = v;
  }
  rc = Remake(txn, "paragraph_uses", MDB_DUPSORT, &uses);
  for (size_t i = 0; rc == 0 && i < use_rows.size(); ++i) {
    std::vector<store::PackedUse> list;
    if (!store::DecodeUseList(use_rows[i].second, &list)) return MDB_CORRUPTED;
    for (const auto& u : list) {
      rc = PutRaw(txn, uses, use_rows[i].first, migrations::EncodeV2Use(names[u.doc], u.version, u.position));
      if (rc != 0) return rc;
    }
  }
  // A 4-byte posting stands for every wording whose hash starts with it.
  std::multimap<std::string, std::string> by_prefix;
  for (const auto& [hash, list] : use_rows) {
    by_prefix.emplace(hash.substr(0, migrations::kV3WordPostingBytes), hash);
  }
  if (rc == 0) rc = Remake(txn, "words", MDB_DUPSORT | MDB_DUPFIXED, &words);
  for (size_t i = 0; rc == 0 && i < word_rows.size(); ++i) {
    auto [from, to] = by_prefix.equal_range(word_rows[i].second);
    for (auto it = from; rc == 0 && it != to; ++it) rc = PutRaw(txn, words, word_rows[i].first, it->second);
  }
  if (rc == 0) rc = mdb_drop(txn, symbols, 1);
  if (rc == 0) rc = mdb_dbi_open(txn, "doc_numbers", 0, &numbers);
  if (rc == 0) rc = mdb_drop(txn, numbers, 1);
  return rc;
}

}  // namespace

Status DowngradeToV2(const std::string& dir) {
  RECITAL_RETURN_IF_ERROR(WithTxn(dir, true, RewriteIndexesAsV2));
  return SetFormatVersion(dir, 2);
}

Status DowngradeToV1(const std::string& dir) {
  RECITAL_RETURN_IF_ERROR(WithTxn(dir, true, RewriteIndexesAsV2));
  RECITAL_RETURN_IF_ERROR(WithTxn(dir, true, [&](MDB_txn* txn) {
    MDB_dbi words;
    int rc = mdb_dbi_open(txn, "words", 0, &words);
    if (rc == MDB_NOTFOUND) return 0;
    if (rc != 0) return rc;
    return mdb_drop(txn, words, 1);
  }));
  return SetFormatVersion(dir, 1);
}

Status ForEachPair(const std::string& dir, const std::string& db,
                   const std::function<void(const std::string&, const std::string&)>& fn) {
  return WithTxn(dir, false, [&](MDB_txn* txn) {
    MDB_dbi dbi;
    int rc = mdb_dbi_open(txn, db.c_str(), 0, &dbi);
    if (rc != 0) return rc;
    std::vector<std::pair<std::string, std::string>> rows;
    rc = ReadAll(txn, dbi, &rows);
    for (const auto& [k, v] : rows) fn(k, v);
    return rc;
  });
}

int64_t CountEntries(const std::string& dir, const std::string& db) {
  int64_t count = -1;
  Status st = WithTxn(dir, false, [&](MDB_txn* txn) {
    MDB_dbi dbi;
    int rc = mdb_dbi_open(txn, db.c_str(), 0, &dbi);
    if (rc == MDB_NOTFOUND) return 0;
    if (rc != 0) return rc;
    MDB_stat st;
    rc = mdb_stat(txn, dbi, &st);
    if (rc == 0) count = static_cast<int64_t>(st.ms_entries);
    return rc;
  });
  return st.ok() ? count : -2;
}

Status DeletePair(const std::string& dir, const std::string& db, const std::string& key,
                  const std::string& value) {
  return WithTxn(dir, true, [&](MDB_txn* txn) {
    MDB_dbi dbi;
    int rc = mdb_dbi_open(txn, db.c_str(), 0, &dbi);
    if (rc != 0) return rc;
    MDB_val k = Val(key), v = Val(value);
    return mdb_del(txn, dbi, &k, &v);
  });
}

Status PutPair(const std::string& dir, const std::string& db, const std::string& key,
               const std::string& value) {
  return WithTxn(dir, true, [&](MDB_txn* txn) {
    MDB_dbi dbi;
    int rc = mdb_dbi_open(txn, db.c_str(), 0, &dbi);
    if (rc != 0) return rc;
    MDB_val k = Val(key), v = Val(value);
    return mdb_put(txn, dbi, &k, &v, 0);
  });
}

}  // namespace recital::testing

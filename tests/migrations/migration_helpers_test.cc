// Implementation of migration_test_util.h (named *_test.cc so the tests glob builds it).
#include "tests/migrations/migration_test_util.h"

#include <lmdb.h>

#include <filesystem>
#include <functional>
#include <memory>

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

Status DowngradeToV1(const std::string& dir) {
  RECITAL_RETURN_IF_ERROR(WithTxn(dir, true, [&](MDB_txn* txn) {
    MDB_dbi words;
    int rc = mdb_dbi_open(txn, "words", 0, &words);
    if (rc == MDB_NOTFOUND) return 0;
    if (rc != 0) return rc;
    return mdb_drop(txn, words, 1);
  }));
  return SetFormatVersion(dir, 1);
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

// The store's bottom layers (store/lmdb_env.h, store/catalogue.h): the one mapping of LMDB
// codes to what the caller should do next, transactions that abort unless committed, the
// crash tests' write seam, and what the catalogue refuses to open.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "store/catalogue.h"
#include "store/lmdb_env.h"
#include "store/store.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using ::testing::HasSubstr;

TEST(LmdbStatusTest, EachCodeSaysWhatTheCallerShouldDoNext) {
  EXPECT_TRUE(store::LmdbStatus(MDB_SUCCESS, "put").ok());
  EXPECT_TRUE(store::LmdbStatus(MDB_NOTFOUND, "get").IsNotFound());
  EXPECT_TRUE(store::LmdbStatus(ENOENT, "env_open").IsNotFound());
  // Damage: run `recital verify`, restore a backup.
  for (int rc : {MDB_CORRUPTED, MDB_PAGE_NOTFOUND, MDB_INVALID, MDB_VERSION_MISMATCH,
                 MDB_BAD_DBI}) {
    EXPECT_TRUE(store::LmdbStatus(rc, "get").IsCorruption()) << rc;
  }
  // Out of room inside LMDB: grow the map (MDB_MAP_FULL is what IngestBatch grows on).
  for (int rc : {MDB_MAP_FULL, MDB_READERS_FULL, MDB_TXN_FULL, MDB_DBS_FULL}) {
    EXPECT_TRUE(store::LmdbStatus(rc, "put").IsResourceExhausted()) << rc;
  }
  // The operating system refused: fix the disk or the permissions.
  for (int rc : {EACCES, EROFS, ENOSPC, EIO, ENOMEM, EPERM}) {
    EXPECT_TRUE(store::LmdbStatus(rc, "txn_commit").IsIOError()) << rc;
  }
  // Our own misuse of LMDB.
  EXPECT_EQ(store::LmdbStatus(MDB_BAD_TXN, "put").code(), StatusCode::kInternal);
  // The message names the operation and LMDB's text.
  EXPECT_EQ(store::LmdbStatus(ENOSPC, "txn_commit").message(),
            "LMDB txn_commit: No space left on device");
  EXPECT_THAT(store::LmdbStatus(MDB_CORRUPTED, "cursor_get").message(),
              HasSubstr("LMDB cursor_get: MDB_CORRUPTED"));
}

class EnvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::EnvOptions options;
    options.read_only = false;
    auto env = store::Env::Open(dir_.str(), options);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(*env);
    auto txn = store::Txn::Begin(*env_, false);
    ASSERT_TRUE(txn.ok());
    ASSERT_EQ(mdb_dbi_open(txn->get(), nullptr, 0, &main_), 0);
    ASSERT_TRUE(txn->Commit().ok());
  }
  std::optional<std::string> Read(std::string_view key) {
    auto txn = store::Txn::Begin(*env_, false);
    EXPECT_TRUE(txn.ok());
    auto v = txn->Get(main_, key);
    EXPECT_TRUE(v.ok());
    if (!v->has_value()) return std::nullopt;
    return std::string(**v);
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Env> env_;
  MDB_dbi main_ = 0;
};

// A delete needs pages too (copy-on-write of its path). On a full map it must say so through
// map_full(), as Put does, so that the writer grows the map and retries the batch: the derived
// indexes replace entries through a delete, and a 100,000-release ingest stopped with
// "LMDB del: MDB_MAP_FULL" before.
TEST(EnvFullMapTest, ADeleteOnAFullMapSetsMapFull) {
  testing::TempDir dir;
  store::EnvOptions options;
  options.read_only = false;
  options.initial_map_bytes = 256 * 1024;
  auto env = store::Env::Open(dir.str(), options);
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  MDB_dbi dbi = 0;
  {
    auto txn = store::Txn::Begin(**env, false);
    ASSERT_TRUE(txn.ok());
    ASSERT_EQ(mdb_dbi_open(txn->get(), nullptr, 0, &dbi), 0);
    ASSERT_TRUE(txn->Commit().ok());
  }
  // Fill the map, one committed transaction per entry, until a put finds it full. A reader
  // open from the start keeps every page a later transaction frees from being reused, so
  // nothing is left for the deletes' copies.
  auto reader = store::Txn::Begin(**env, false);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const std::string value(1000, 'x');
  int stored = 0;
  for (;; ++stored) {
    ASSERT_LT(stored, 10000) << "the map never filled";
    auto txn = store::Txn::Begin(**env, true);
    ASSERT_TRUE(txn.ok());
    char key[16];
    std::snprintf(key, sizeof key, "k%06d", stored);
    Status st = txn->Put(dbi, key, value);
    if (!st.ok()) {
      ASSERT_TRUE(txn->map_full()) << st.ToString();
      break;
    }
    st = txn->Commit();
    if (!st.ok()) {
      ASSERT_TRUE(txn->map_full()) << st.ToString();
      break;
    }
  }
  ASSERT_GT(stored, 10);
  auto txn = store::Txn::Begin(**env, true);
  ASSERT_TRUE(txn.ok());
  Status st = Status::Ok();
  for (int i = 0; i < stored && st.ok(); ++i) {
    char key[16];
    std::snprintf(key, sizeof key, "k%06d", i);
    st = txn->Del(dbi, key);
  }
  ASSERT_FALSE(st.ok()) << "every delete fitted: the test did not reach a full map";
  EXPECT_TRUE(st.IsResourceExhausted()) << st.ToString();
  EXPECT_TRUE(txn->map_full());
}

TEST_F(EnvTest, WriteTransactionLeavesNothingUnlessCommitted) {
  {
    auto txn = store::Txn::Begin(*env_, true);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(txn->Put(main_, "A/RES/54/144", "aborted").ok());
  }  // destroyed without Commit
  EXPECT_EQ(Read("A/RES/54/144"), std::nullopt);
  {
    auto txn = store::Txn::Begin(*env_, true);
    ASSERT_TRUE(txn->Put(main_, "A/RES/54/144", "committed").ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_EQ(Read("A/RES/54/144"), "committed");
}

TEST_F(EnvTest, NoOverwriteKeepsTheValueAndDeletingNothingIsFine) {
  auto txn = store::Txn::Begin(*env_, true);
  ASSERT_TRUE(txn->Put(main_, "k", "first").ok());
  EXPECT_TRUE(txn->Put(main_, "k", "second", MDB_NOOVERWRITE).ok());
  EXPECT_TRUE(txn->Del(main_, "absent").ok());
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(Read("k"), "first");
}

std::vector<uint64_t> g_seen_writes;
void RecordWrite(uint64_t n) { g_seen_writes.push_back(n); }

TEST_F(EnvTest, WriteHookCountsPutsDeletesAndWriteCommitsOnly) {
  g_seen_writes.clear();
  store::SetWriteHookForTesting(RecordWrite);
  {
    auto txn = store::Txn::Begin(*env_, true);
    ASSERT_TRUE(txn->Put(main_, "a", "1").ok());
    ASSERT_TRUE(txn->Put(main_, "b", "2").ok());
    ASSERT_TRUE(txn->Del(main_, "a").ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_EQ(Read("b"), "2");  // a read transaction's commit is not a write
  store::SetWriteHookForTesting(nullptr);
  {
    auto txn = store::Txn::Begin(*env_, true);
    ASSERT_TRUE(txn->Put(main_, "c", "3").ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_EQ(g_seen_writes, (std::vector<uint64_t>{1, 2, 3, 4}));
}

TEST(CatalogueTest, NoArchiveIsNotFoundAndNothingIsCreated) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/none";
  auto env = store::OpenArchiveEnv(dir, store::ArchiveEnvOptions{});
  ASSERT_TRUE(env.status().IsNotFound()) << env.status().ToString();
  EXPECT_EQ(env.status().message(), "no archive at " + dir);
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(CatalogueTest, CreatedArchiveHasEveryDatabaseMagicAndTheCurrentFormat) {
  testing::TempDir tmp;
  store::ArchiveEnvOptions create;
  create.read_only = false;
  create.create = true;
  {
    auto env = store::OpenArchiveEnv(tmp.str(), create);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    EXPECT_TRUE(env->lock.held());
    EXPECT_EQ(store::DbiByName(env->dbis, "words"), env->dbis.words);
    EXPECT_NE(env->dbis.doc_symbols, 0u);
    EXPECT_EQ(store::DbiByName(env->dbis, "no_such_database"), std::nullopt);
    auto txn = store::Txn::Begin(*env->env, false);
    ASSERT_TRUE(txn.ok());
    auto magic = txn->Get(env->dbis.meta, "magic");
    ASSERT_TRUE(magic.ok() && magic->has_value());
    EXPECT_EQ(**magic, "recital-archive");
    auto format = store::CheckFormat(*txn, env->dbis, tmp.str(), /*allow_old=*/false);
    ASSERT_TRUE(format.ok()) << format.status().ToString();
    EXPECT_EQ(*format, store::kFormatVersion);
  }
  // Opened read-only, the same databases are there.
  auto ro = store::OpenArchiveEnv(tmp.str(), store::ArchiveEnvOptions{});
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_NE(ro->dbis.words, 0u);
}

TEST(CatalogueTest, OnlyIndexDatabasesCanBeRecreated) {
  testing::TempDir tmp;
  store::ArchiveEnvOptions create;
  create.read_only = false;
  create.create = true;
  auto env = store::OpenArchiveEnv(tmp.str(), create);
  ASSERT_TRUE(env.ok());
  auto txn = store::Txn::Begin(*env->env, true);
  ASSERT_TRUE(txn.ok());
  for (const char* db : {"meta", "objects", "docs", "no_such_database"}) {
    EXPECT_TRUE(store::RecreateDbi(*txn, &env->dbis, db).IsInvalidInput()) << db;
  }
  ASSERT_TRUE(txn->Put(env->dbis.words, "word", "posting").ok());
  ASSERT_TRUE(store::RecreateDbi(*txn, &env->dbis, "words").ok());
  auto v = txn->Get(env->dbis.words, "word");
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->has_value());
}

}  // namespace
}  // namespace recital

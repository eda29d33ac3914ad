// The store's dependencies, exercised for real: LMDB in a temp directory and zstd.
#include <lmdb.h>
#include <zstd.h>

#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace recital {
namespace {

TEST(StoreDepsTest, LmdbWritesAndReadsBackInTempDir) {
  testing::TempDir dir;
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  ASSERT_EQ(mdb_env_set_mapsize(env, 1 << 20), 0);
  ASSERT_EQ(mdb_env_open(env, dir.str().c_str(), 0, 0644), 0);
  MDB_txn* txn = nullptr;
  MDB_dbi dbi;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, nullptr, 0, &dbi), 0);
  std::string k = "A/RES/54/144", v = "Fifty-fourth session";
  MDB_val key{k.size(), k.data()}, val{v.size(), v.data()};
  ASSERT_EQ(mdb_put(txn, dbi, &key, &val, 0), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  ASSERT_EQ(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), 0);
  MDB_val out;
  ASSERT_EQ(mdb_get(txn, dbi, &key, &out), 0);
  EXPECT_EQ(std::string(static_cast<char*>(out.mv_data), out.mv_size), v);
  mdb_txn_abort(txn);
  mdb_env_close(env);
}

TEST(StoreDepsTest, ZstdRoundTrip) {
  std::string in;
  for (int i = 0; i < 200; ++i) in += "Calls upon all States to respect the rights of refugees; ";
  std::string comp(ZSTD_compressBound(in.size()), '\0');
  size_t n = ZSTD_compress(comp.data(), comp.size(), in.data(), in.size(), 3);
  ASSERT_FALSE(ZSTD_isError(n));
  EXPECT_LT(n, in.size() / 10);
  std::string out(in.size(), '\0');
  size_t m = ZSTD_decompress(out.data(), out.size(), comp.data(), n);
  ASSERT_FALSE(ZSTD_isError(m));
  out.resize(m);
  EXPECT_EQ(out, in);
}

}  // namespace
}  // namespace recital

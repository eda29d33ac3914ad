// ObjectReader (store/objects.h): an object is decoded from its bases, and theirs; a record's
// bases form a graph, not a chain (the previous session's record, and its own release, whose
// base is the previous session's release, which the previous record is also built on).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/lmdb_env.h"
#include "store/objects.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using ::testing::HasSubstr;

class ObjectReaderTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    store::EnvOptions options;
    options.read_only = false;
    auto env = store::Env::Open(dir_.str(), options);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(*env);
    auto txn = store::Txn::Begin(*env_, true);
    ASSERT_TRUE(txn.ok());
    ASSERT_EQ(mdb_dbi_open(txn->get(), nullptr, 0, &objects_), 0);
    ASSERT_TRUE(txn->Commit().ok());
  }
  // Stores content compressed against `bases` (names already stored); returns its hash.
  Hash128 Put(const std::string& name, const std::string& content,
              const std::vector<std::string>& bases) {
    std::vector<store::BaseRef> refs;
    uint8_t depth = 0;
    for (const std::string& b : bases) {
      refs.push_back({hash_.at(b), depth_.at(b), contents_.at(b)});
      depth = std::max<uint8_t>(depth, depth_.at(b) + 1);
    }
    store::Compressor comp(3);
    comp.SetBases(refs, content.size());
    const std::string value = comp.Encode(store::ObjectType::kRecord, content, !refs.empty());
    const Hash128 h = HashBytes(content);
    auto txn = store::Txn::Begin(*env_, true);
    EXPECT_TRUE(txn.ok());
    EXPECT_TRUE(txn->Put(objects_, h.ToBytes(), value).ok());
    EXPECT_TRUE(txn->Commit().ok());
    hash_[name] = h;
    depth_[name] = depth;
    contents_[name] = content;
    return h;
  }
  // Text that compresses against its predecessor: most of it repeats.
  static std::string Text(int session, const std::string& kind) {
    std::string t;
    for (int i = 0; i < 40; ++i) {
      t += "Recalling its resolution " + std::to_string(50 + i) + "/" + std::to_string(i * 7) +
           " on " + kind + " of session " + std::to_string(i < 30 ? 1 : session) + ".\n";
    }
    return t;
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Env> env_;
  MDB_dbi objects_ = 0;
  std::map<std::string, Hash128> hash_;
  std::map<std::string, uint8_t> depth_;
  std::map<std::string, std::string> contents_;
};

// Four sessions as ingest stores them: release k on release k-1, record k on record k-1 and
// release k. Record 4 needs every object below it; release 2 is reached by four paths. Each
// object reads back as stored, whatever was read before and whether the cache keeps bases.
TEST_P(ObjectReaderTest, ARecordsGraphOfBasesDecodesToWhatWasStored) {
  Put("release1", Text(1, "releases"), {});
  Put("record1", Text(1, "records"), {"release1"});
  for (int k = 2; k <= 4; ++k) {
    const std::string n = std::to_string(k), p = std::to_string(k - 1);
    Put("release" + n, Text(k, "releases"), {"release" + p});
    Put("record" + n, Text(k, "records"), {"record" + p, "release" + n});
  }
  ASSERT_EQ(depth_["record4"], 4);
  auto txn = store::Txn::Begin(*env_, false);
  ASSERT_TRUE(txn.ok());
  store::ObjectReader reader(*txn, objects_, 1u << 20, /*keep_bases=*/GetParam());
  // Newest first (nothing cached), then the rest, then all again (whatever the cache kept).
  for (const char* name : {"record4", "release3", "record2", "record1", "release4", "record3",
                           "release1", "release2", "record4", "record2"}) {
    auto got = reader.Load(hash_[name], store::ObjectType::kRecord);
    ASSERT_TRUE(got.ok()) << name << ": " << got.status().ToString();
    EXPECT_EQ(**got, contents_[name]) << name;
  }
  // A reader that forgot its cache decodes the whole graph again.
  reader.Forget();
  auto again = reader.Load(hash_["record4"], store::ObjectType::kRecord);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(**again, contents_["record4"]);
}

// A damaged base shared by two paths: the error names the damaged object and the one asked for.
TEST_P(ObjectReaderTest, ADamagedBaseIsNamedWithTheObjectAskedFor) {
  Put("release1", Text(1, "releases"), {});
  Put("release2", Text(2, "releases"), {"release1"});
  Put("record2", Text(2, "records"), {"release1", "release2"});
  {
    // release1's value replaced by another text's: it decodes, but not to its hash.
    auto txn = store::Txn::Begin(*env_, true);
    ASSERT_TRUE(txn.ok());
    store::Compressor comp(3);
    const std::string damaged = comp.Encode(store::ObjectType::kRecord, Text(9, "damage"), false);
    ASSERT_TRUE(txn->Put(objects_, hash_["release1"].ToBytes(), damaged).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto txn = store::Txn::Begin(*env_, false);
  ASSERT_TRUE(txn.ok());
  store::ObjectReader reader(*txn, objects_, 1u << 20, /*keep_bases=*/GetParam());
  auto got = reader.Load(hash_["record2"], store::ObjectType::kRecord);
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(got.status().IsCorruption()) << got.status().ToString();
  EXPECT_THAT(got.status().message(), HasSubstr("object " + hash_["release1"].ToHex()));
  EXPECT_THAT(got.status().message(), HasSubstr("a base of object " + hash_["record2"].ToHex()));
  EXPECT_THAT(got.status().message(), HasSubstr("hash mismatch"));
}

// A base that is not there: NotFound, naming it and the object built on it.
TEST_P(ObjectReaderTest, AMissingBaseIsNotFoundNamingIt) {
  Put("release1", Text(1, "releases"), {});
  Put("release2", Text(2, "releases"), {"release1"});
  {
    auto txn = store::Txn::Begin(*env_, true);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(txn->Del(objects_, hash_["release1"].ToBytes()).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto txn = store::Txn::Begin(*env_, false);
  ASSERT_TRUE(txn.ok());
  store::ObjectReader reader(*txn, objects_, 1u << 20, /*keep_bases=*/GetParam());
  auto got = reader.Load(hash_["release2"], store::ObjectType::kRecord);
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(got.status().IsNotFound()) << got.status().ToString();
  EXPECT_THAT(got.status().message(), HasSubstr(hash_["release1"].ToHex() + ": missing"));
  EXPECT_THAT(got.status().message(), HasSubstr(hash_["release2"].ToHex()));
}

INSTANTIATE_TEST_SUITE_P(KeepBasesOrNot, ObjectReaderTest, ::testing::Bool());

}  // namespace
}  // namespace recital

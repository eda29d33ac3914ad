// Verify: damage made behind the store's back is found and blamed on the right documents.
#include <lmdb.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// Opens the archive's LMDB directly and lets fn edit one database in a write transaction.
void EditRaw(const std::string& dir, const char* db,
             const std::function<void(MDB_txn*, MDB_dbi)>& fn) {
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 16);
  ASSERT_EQ(mdb_env_open(env, dir.c_str(), 0, 0644), 0);
  MDB_txn* txn = nullptr;
  MDB_dbi dbi;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, db, 0, &dbi), 0);
  fn(txn, dbi);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
}

// Flips one byte in the middle of the payload of the object stored under hash.
void FlipByteInObject(const std::string& dir, const Hash128& hash) {
  EditRaw(dir, "objects", [&](MDB_txn* txn, MDB_dbi dbi) {
    std::string key = hash.ToBytes();
    MDB_val k{key.size(), key.data()}, v;
    ASSERT_EQ(mdb_get(txn, dbi, &k, &v), 0);
    std::string value(static_cast<char*>(v.mv_data), v.mv_size);
    ASSERT_GT(value.size(), 24u);
    value[value.size() / 2 + 8] ^= 0x20;
    MDB_val nv{value.size(), value.data()};
    ASSERT_EQ(mdb_put(txn, dbi, &k, &nv, 0), 0);
  });
}

const std::vector<std::string> kPre = {
    "Recalling its resolution on assistance to refugees in the region,",
    "Noting with appreciation the work of the High Commissioner and of the Member States,",
};

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::OpenOptions o;
    o.read_only = false;
    o.create_if_missing = true;
    auto a = store::Archive::Open(dir_.str(), o);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    archive_ = std::move(*a);
    // 50/1 and 51/1 share a title, so 51/1's release is compressed against 50/1's; 52/9 is
    // unrelated and shares no paragraph.
    first_ = testing::FakeRelease("A/RES/50/1", 50, "Refugees", kPre, {"Urges all States to help;"});
    second_ = testing::FakeRelease("A/RES/51/1", 51, "Refugees", kPre, {"Urges all States to act;"});
    std::string other = testing::FakeRelease("A/RES/52/9", 52, "Other", {"Bearing in mind,"},
                                             {"Decides something else entirely;"});
    std::vector<store::ReleaseInput> in = {{"a", first_}, {"b", second_}, {"c", other}};
    store::IngestOptions io;
    io.parse = testing::FakeParse;
    ASSERT_TRUE(archive_->IngestBatch(std::move(in), io, nullptr).ok());
    auto report = archive_->Verify();
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->ok()) << report->problems[0].what;
    EXPECT_EQ(report->documents_checked, 3u);
    archive_.reset();
  }
  store::VerifyReport Reverify() {
    auto a = store::Archive::Open(dir_.str(), {});
    EXPECT_TRUE(a.ok());
    auto r = (*a)->Verify();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }
  std::vector<std::string> AllSymbols(const store::VerifyReport& r) {
    std::set<std::string> s;
    for (const auto& p : r.problems) s.insert(p.symbols.begin(), p.symbols.end());
    return {s.begin(), s.end()};
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Archive> archive_;
  std::string first_, second_;
};

TEST_F(VerifyTest, FlippedByteInReleaseIsReportedWithEveryDocumentDependingOnIt) {
  FlipByteInObject(dir_.str(), HashBytes(first_));
  auto r = Reverify();
  ASSERT_FALSE(r.ok());
  // 50/1's bytes are the base of 51/1's bytes (same title) and of 52/9's (nothing similar:
  // compressed against document 1, which is 50/1), so all three are touched.
  EXPECT_THAT(AllSymbols(r), UnorderedElementsAre("A/RES/50/1", "A/RES/51/1", "A/RES/52/9"));
  bool named = false;
  for (const auto& p : r.problems) named |= p.what.find(HashBytes(first_).ToHex()) != std::string::npos;
  EXPECT_TRUE(named);
}

TEST_F(VerifyTest, FlippedByteInALeafReleaseTouchesOnlyItsDocument) {
  FlipByteInObject(dir_.str(), HashBytes(second_));  // nothing is compressed against 51/1
  auto r = Reverify();
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(AllSymbols(r), UnorderedElementsAre("A/RES/51/1"));
}

// Format 4 keeps a wording inside the records: 50/1's record holds the shared preamble, and
// 51/1's record (same title, so the similar release's record is its base) is compressed
// against it, as is 52/9's (nothing similar: document 1's record). Damage to it touches all.
TEST_F(VerifyTest, FlippedByteInSharedRecordTouchesBothUsers) {
  Hash128 record;
  {
    auto a = store::Archive::Open(dir_.str(), {});
    ASSERT_TRUE(a.ok());
    auto doc = (*a)->GetDocument("A/RES/50/1");
    ASSERT_TRUE(doc.ok());
    record = doc->newest().record_hash;
  }
  FlipByteInObject(dir_.str(), record);
  auto r = Reverify();
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(AllSymbols(r), UnorderedElementsAre("A/RES/50/1", "A/RES/51/1", "A/RES/52/9"));
  // And the shared wording can no longer be read: its first use is in that record.
  auto a = store::Archive::Open(dir_.str(), {});
  ASSERT_TRUE(a.ok());
  auto parsed = testing::FakeParse(first_, "a");
  auto wording = (*a)->GetParagraphWording(WordingHash(parsed->preamble[1]));
  EXPECT_FALSE(wording.ok());
}

TEST_F(VerifyTest, MissingIndexEntryIsReported) {
  EditRaw(dir_.str(), "cited_by", [](MDB_txn*, MDB_dbi) {});
  EditRaw(dir_.str(), "paragraph_uses", [&](MDB_txn* txn, MDB_dbi dbi) {
    auto parsed = testing::FakeParse(second_, "b");
    std::string key = WordingHash(parsed->operative[0]).ToBytes();
    MDB_val k{key.size(), key.data()};
    ASSERT_EQ(mdb_del(txn, dbi, &k, nullptr), 0);
  });
  auto r = Reverify();
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0].what, HasSubstr("paragraph_uses: missing entry"));
  EXPECT_THAT(r.problems[0].symbols, UnorderedElementsAre("A/RES/51/1"));
}

TEST_F(VerifyTest, DeletedObjectIsReported) {
  EditRaw(dir_.str(), "objects", [&](MDB_txn* txn, MDB_dbi dbi) {
    std::string key = HashBytes(second_).ToBytes();
    MDB_val k{key.size(), key.data()};
    ASSERT_EQ(mdb_del(txn, dbi, &k, nullptr), 0);
  });
  auto r = Reverify();
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(AllSymbols(r), UnorderedElementsAre("A/RES/51/1"));
}

// Format 4 keeps wordings inside the records: a paragraph object (type 2, as formats 1-3 wrote
// them) in a format-4 archive is a problem, even a well-formed one.
TEST_F(VerifyTest, ParagraphObjectInAFormatFourArchiveIsReported) {
  Paragraph p;
  p.lead = "Urges";
  p.text = "Urges all States to help;";
  std::string content = EncodeParagraph(p);
  std::string key = HashBytes(content).ToBytes();
  std::string value = std::string("\x02\x00\x00", 3) + content;  // type 2, stored, depth 0
  EditRaw(dir_.str(), "objects", [&](MDB_txn* txn, MDB_dbi dbi) {
    MDB_val k{key.size(), key.data()}, v{value.size(), value.data()};
    ASSERT_EQ(mdb_put(txn, dbi, &k, &v, 0), 0);
  });
  auto r = Reverify();
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0].what, HasSubstr("a paragraph object, which format 4 no longer has"));
  EXPECT_THAT(r.problems[0].what, HasSubstr(HashBytes(content).ToHex()));
}

}  // namespace
}  // namespace recital

// recital::store library: open/format checks, ingest outcomes, dedup, indexes, verify, growth.
#include <lmdb.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "store/migration.h"
#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using store::Archive;
using store::IngestResult;
using store::IngestStatus;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::unique_ptr<Archive> Create(const std::string& dir, size_t map_bytes = 0) {
  store::OpenOptions o;
  o.read_only = false;
  o.create_if_missing = true;
  o.initial_map_bytes = map_bytes;
  auto a = Archive::Open(dir, o);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? std::move(*a) : nullptr;
}

std::vector<IngestResult> Ingest(Archive& a, std::vector<std::pair<std::string, std::string>> files) {
  std::vector<store::ReleaseInput> inputs;
  for (auto& [name, bytes] : files) inputs.push_back({name, bytes});
  store::IngestOptions o;
  o.parse = testing::FakeParse;
  o.ingest_time = 1700000000;
  std::vector<IngestResult> out;
  Status st = a.IngestBatch(std::move(inputs), o, [&](const IngestResult& r) { out.push_back(r); });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

// Writes meta/format_version directly, as an older or newer Recital would have.
void SetFormatVersionRaw(const std::string& dir, uint32_t version) {
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 16);
  ASSERT_EQ(mdb_env_open(env, dir.c_str(), 0, 0644), 0);
  MDB_txn* txn = nullptr;
  MDB_dbi dbi;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
  char v[4] = {static_cast<char>(version >> 24), static_cast<char>(version >> 16),
               static_cast<char>(version >> 8), static_cast<char>(version)};
  std::string key = "format_version";
  MDB_val k{key.size(), key.data()}, val{4, v};
  ASSERT_EQ(mdb_put(txn, dbi, &k, &val, 0), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
}

const std::vector<std::string> kShared = {
    "Recalling its earlier resolutions on the question,",
    "Noting with concern the situation of refugees in the region,",
    "Reaffirming the importance of international cooperation,",
};

TEST(ArchiveTest, OpenRefusesMissingNewerAndOlderFormats) {
  testing::TempDir dir;
  auto missing = Archive::Open(dir.str() + "/none", {});
  EXPECT_TRUE(missing.status().IsNotFound()) << missing.status().ToString();
  ASSERT_NE(Create(dir.str()), nullptr);
  auto ro = Archive::Open(dir.str(), {});
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_EQ((*ro)->format_version(), store::kFormatVersion);
  ro = Status::NotFound("closed");

  SetFormatVersionRaw(dir.str(), store::kFormatVersion + 1);
  auto newer = Archive::Open(dir.str(), {});
  EXPECT_TRUE(newer.status().IsFormatTooNew());
  EXPECT_THAT(newer.status().message(), HasSubstr("upgrade Recital"));

  SetFormatVersionRaw(dir.str(), 0);
  auto older = Archive::Open(dir.str(), {});
  EXPECT_TRUE(older.status().IsInvalidInput());
  EXPECT_THAT(older.status().message(), HasSubstr("recital migrate"));
  store::OpenOptions o;
  o.read_only = false;
  o.allow_old_format = true;
  auto old = Archive::Open(dir.str(), o);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ((*old)->format_version(), 0);
  Status st = (*old)->Migrate(store::kFormatVersion, [](store::MigrationTxn& txn) {
    return txn.Put("settings", "migrated", "yes");
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  old = Status::NotFound("closed");
  auto now = Archive::Open(dir.str(), {});
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  EXPECT_EQ((*now)->GetSetting("migrated")->value_or(""), "yes");
}

// An LMDB environment with nothing in it is not an absent archive (creating one there would
// write into a file that exists): it is refused, for reading and for creating alike.
TEST(ArchiveTest, EmptyLmdbEnvironmentIsRefusedAndNotWrittenTo) {
  testing::TempDir dir;
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  ASSERT_EQ(mdb_env_open(env, dir.str().c_str(), 0, 0644), 0);
  mdb_env_close(env);
  const std::string before = testing::ReadFile(dir.str() + "/data.mdb");
  auto a = Archive::Open(dir.str(), {});
  ASSERT_TRUE(a.status().IsCorruption()) << a.status().ToString();
  EXPECT_THAT(a.status().message(), ::testing::HasSubstr("empty LMDB environment"));
  store::OpenOptions create;
  create.read_only = false;
  create.create_if_missing = true;
  auto c = Archive::Open(dir.str(), create);
  ASSERT_TRUE(c.status().IsCorruption()) << c.status().ToString();
  EXPECT_EQ(testing::ReadFile(dir.str() + "/data.mdb"), before);
}

TEST(ArchiveTest, NotAnArchiveIsRefused) {
  testing::TempDir dir;
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  ASSERT_EQ(mdb_env_open(env, dir.str().c_str(), 0, 0644), 0);
  MDB_txn* txn = nullptr;
  MDB_dbi dbi;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, nullptr, 0, &dbi), 0);
  std::string key = "someone else's data";
  MDB_val k{key.size(), key.data()}, v{key.size(), key.data()};
  ASSERT_EQ(mdb_put(txn, dbi, &k, &v, 0), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
  auto a = Archive::Open(dir.str(), {});
  EXPECT_TRUE(a.status().IsCorruption()) << a.status().ToString();
  store::OpenOptions rw;
  rw.read_only = false;
  rw.create_if_missing = true;
  EXPECT_FALSE(Archive::Open(dir.str(), rw).ok());
}

TEST(IngestTest, AddedThenUnchangedThenVersionAndRefusals) {
  testing::TempDir dir;
  auto a = Create(dir.str());
  std::string v1 = testing::FakeRelease("A/RES/54/1", 54, "Refugees", kShared, {"Urges States;"});
  std::string v2 = testing::FakeRelease("A/RES/54/1", 54, "Refugees", kShared, {"Urges all States;"});
  auto r = Ingest(*a, {{"one.txt", v1},
                       {"copy.txt", v1},
                       {"nosymbol.txt", "P Just a paragraph\n"},
                       {"bad.txt", "FAIL\n"},
                       {"two.txt", v2}});
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[0].status, IngestStatus::kAdded);
  EXPECT_EQ(r[0].symbol, "A/RES/54/1");
  EXPECT_EQ(r[1].status, IngestStatus::kUnchanged);
  EXPECT_EQ(r[1].version, 1u);
  EXPECT_EQ(r[2].status, IngestStatus::kRefused);
  EXPECT_THAT(r[2].message, HasSubstr("no document symbol"));
  EXPECT_EQ(r[3].status, IngestStatus::kRefused);
  EXPECT_THAT(r[3].message, HasSubstr("bad.txt"));
  EXPECT_EQ(r[4].status, IngestStatus::kVersion);
  EXPECT_EQ(r[4].version, 2u);

  EXPECT_EQ(*a->GetRawRelease("A/RES/54/1"), v2);
  EXPECT_EQ(*a->GetRawRelease("A/RES/54/1", 1), v1);
  EXPECT_TRUE(a->GetRawRelease("A/RES/54/1", 3).status().IsNotFound());
  EXPECT_TRUE(a->GetRawRelease("A/RES/9/9").status().IsNotFound());
  auto doc = a->GetDocument("A/RES/54/1");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->versions.size(), 2u);
  EXPECT_EQ(doc->versions[0].source_name, "one.txt");
  EXPECT_EQ(doc->versions[1].source_name, "two.txt");
  EXPECT_EQ(doc->versions[1].ingest_time, 1700000000);
  EXPECT_EQ(doc->versions[1].raw_hash, HashBytes(v2));

  auto res = a->GetResolution("A/RES/54/1");
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  auto expected = testing::FakeParse(v2, "two.txt");
  EXPECT_EQ(*res, *expected);
  auto res1 = a->GetResolution("A/RES/54/1", 1);
  ASSERT_TRUE(res1.ok());
  EXPECT_EQ(res1->operative.at(0).text, "Urges States;");
}

TEST(IngestTest, SharedParagraphsAreStoredOnceAndIndexed) {
  testing::TempDir dir;
  auto a = Create(dir.str());
  auto r = Ingest(*a, {{"a", testing::FakeRelease("A/RES/50/1", 50, "T", kShared, {"Decides A;"})},
                       {"b", testing::FakeRelease("A/RES/51/1", 51, "T",
                                                  {"Welcomes the report,", kShared[0], kShared[1], kShared[2]},
                                                  {"Decides B;"}, {"A/RES/50/1"})}});
  ASSERT_EQ(r.size(), 2u);
  auto stats = a->Stats();
  ASSERT_TRUE(stats.ok());
  // 3 shared + "Decides A;" + "Welcomes the report," + "Decides B;".
  EXPECT_EQ(stats->paragraph_objects, 6u);
  EXPECT_EQ(stats->paragraph_uses, 9u);
  EXPECT_EQ(stats->reused_paragraphs, 3u);
  EXPECT_EQ(stats->documents, 2u);
  EXPECT_EQ(stats->raw_objects, 2u);
  EXPECT_EQ(stats->record_objects, 2u);

  Paragraph p;
  p.text = kShared[1];
  p.lead = "Noting";
  auto uses = a->ParagraphUses(WordingHash(p));
  ASSERT_TRUE(uses.ok());
  EXPECT_THAT(*uses, ElementsAre(store::ParagraphUse{"A/RES/50/1", 1, 1},
                                 store::ParagraphUse{"A/RES/51/1", 1, 2}));
  auto wording = a->GetParagraphWording(WordingHash(p));
  ASSERT_TRUE(wording.ok());
  EXPECT_EQ(wording->text, kShared[1]);
  EXPECT_THAT(*a->CitationsOf("A/RES/51/1"), ElementsAre("A/RES/50/1"));
  EXPECT_THAT(*a->CitedBy("A/RES/50/1"), ElementsAre("A/RES/51/1"));
  EXPECT_TRUE(a->CitedBy("A/RES/51/1")->empty());

  std::vector<std::string> seen;
  Status st = a->ForEachResolution([&](const store::Document& d, const Resolution& res) {
    seen.push_back(d.symbol + "=" + res.symbol);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok());
  EXPECT_THAT(seen, ElementsAre("A/RES/50/1=A/RES/50/1", "A/RES/51/1=A/RES/51/1"));
  auto listed = a->ListDocuments(51);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).symbol, "A/RES/51/1");
  auto report = a->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.at(0).what;
}

TEST(IngestTest, ReingestChangesNothing) {
  testing::TempDir dir;
  auto a = Create(dir.str());
  std::vector<std::pair<std::string, std::string>> files;
  for (uint32_t s = 50; s < 60; ++s) {
    files.push_back({"f" + std::to_string(s),
                     testing::FakeRelease("A/RES/" + std::to_string(s) + "/7", s, "Series",
                                          kShared, {"Decides in session " + std::to_string(s)})});
  }
  auto first = Ingest(*a, files);
  auto before = a->Stats();
  auto again = Ingest(*a, files);
  auto after = a->Stats();
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before->object_bytes, after->object_bytes);
  EXPECT_EQ(before->raw_objects + before->paragraph_objects + before->record_objects,
            after->raw_objects + after->paragraph_objects + after->record_objects);
  EXPECT_EQ(before->stored_bytes, after->stored_bytes);
  EXPECT_EQ(before->versions, after->versions);
  for (const auto& r : again) EXPECT_EQ(r.status, IngestStatus::kUnchanged) << r.source_name;
}

TEST(IngestTest, MapGrowsWhenFull) {
  testing::TempDir dir;
  auto a = Create(dir.str(), 256 << 10);
  std::mt19937 rng(42);  // fixed seed: incompressible filler so the data outgrows the map
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 40; ++i) {
    std::string filler;
    for (int j = 0; j < 40000; ++j) filler.push_back(static_cast<char>('a' + rng() % 26));
    files.push_back({"g" + std::to_string(i),
                     testing::FakeRelease("A/RES/60/" + std::to_string(i), 60, "", {filler}, {})});
  }
  auto r = Ingest(*a, files);
  ASSERT_EQ(r.size(), 40u);
  for (const auto& x : r) EXPECT_EQ(x.status, IngestStatus::kAdded);
  EXPECT_EQ(*a->GetRawRelease("A/RES/60/39"), files[39].second);
  auto stats = a->Stats();
  EXPECT_GT(stats->stored_bytes, 256u << 10);
}

TEST(IngestTest, ReadOnlyArchiveRefusesWrites) {
  testing::TempDir dir;
  Create(dir.str());
  auto ro = Archive::Open(dir.str(), {});
  ASSERT_TRUE(ro.ok());
  store::IngestOptions o;
  o.parse = testing::FakeParse;
  EXPECT_TRUE((*ro)->IngestBatch({}, o, nullptr).IsInvalidInput());
  EXPECT_TRUE((*ro)->PutSetting("k", "v").IsInvalidInput());
}

TEST(SettingsTest, PutGetListDelete) {
  testing::TempDir dir;
  auto a = Create(dir.str());
  ASSERT_TRUE(a->PutSetting("series/name/x", "CIS refugees").ok());
  ASSERT_TRUE(a->PutSetting("series/name/y", "Palestine").ok());
  ASSERT_TRUE(a->PutSetting("other", "1").ok());
  EXPECT_EQ(a->GetSetting("series/name/x")->value_or(""), "CIS refugees");
  EXPECT_FALSE(a->GetSetting("nope")->has_value());
  auto list = a->ListSettings("series/");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(1).second, "Palestine");
  ASSERT_TRUE(a->DeleteSetting("series/name/x").ok());
  EXPECT_FALSE(a->GetSetting("series/name/x")->has_value());
}

}  // namespace
}  // namespace recital

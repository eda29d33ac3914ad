// Derived indexes (format 6; store/FORMAT.md "Format 6"): the input generation moves on with
// every write that changes documents or settings, and a derived index reads as fresh only at
// the generation it was stamped with. Expected generations are counted by hand: one per write
// transaction that stored a version (IngestFakeFiles commits `batch` releases per transaction),
// one per setting written or deleted, one per current-version choice.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;
using testing::TempDir;

class DerivedIndexTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Archive> Open() {
    store::OpenOptions o;
    o.read_only = false;
    o.create_if_missing = true;
    auto a = store::Archive::Open(dir_.str() + "/a", o);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? std::move(a).value() : nullptr;
  }
  uint64_t Generation(const store::Archive& a) {
    auto g = a.InputGeneration();
    EXPECT_TRUE(g.ok()) << g.status().ToString();
    return g.ok() ? *g : 0;
  }
  bool Fresh(const store::Archive& a) {
    auto r = a.ReadDerived(store::kSeriesIndex, "");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && r->fresh;
  }
  TempDir dir_;
};

TEST_F(DerivedIndexTest, ANewArchiveHasGenerationZeroAndNoFreshIndex) {
  auto a = Open();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->format_version(), store::kFormatVersion);
  EXPECT_EQ(Generation(*a), 0u);
  EXPECT_FALSE(Fresh(*a));  // never built
}

TEST_F(DerivedIndexTest, ReplaceStoresEntriesInKeyOrderAndStampsThem) {
  auto a = Open();
  ASSERT_TRUE(a);
  auto done = a->ReplaceDerived(store::kSeriesIndex, 0,
                                Entries{{"s/b", "2"}, {"m/x", "b"}, {"s/a", "1"}, {"m/y", "a"}});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_TRUE(*done);
  auto s = a->ReadDerived(store::kSeriesIndex, "s/");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->fresh);
  EXPECT_EQ(s->generation, 0u);
  EXPECT_EQ(s->entries, (Entries{{"s/a", "1"}, {"s/b", "2"}}));
  auto m = a->GetDerived(store::kSeriesIndex, {"m/y", "m/z"});
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->fresh);
  ASSERT_EQ(m->values.size(), 2u);
  EXPECT_EQ(m->values[0], std::optional<std::string>("a"));
  EXPECT_EQ(m->values[1], std::nullopt);
  // A second replace drops what the first wrote.
  ASSERT_TRUE(a->ReplaceDerived(store::kSeriesIndex, 0, Entries{{"s/c", "3"}}).ok());
  auto all = a->ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->entries, (Entries{{"s/c", "3"}}));
}

TEST_F(DerivedIndexTest, ASettingMakesTheIndexStaleAndAnOlderResultIsRefused) {
  auto a = Open();
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->ReplaceDerived(store::kSeriesIndex, 0, Entries{{"s/a", "1"}}).ok());
  ASSERT_TRUE(a->PutSetting("series/name/s-1", "Name").ok());
  EXPECT_EQ(Generation(*a), 1u);
  EXPECT_FALSE(Fresh(*a));
  auto stale = a->ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(stale.ok());
  EXPECT_TRUE(stale->entries.empty());  // stale content is never handed out
  // A result computed at generation 0 arrives late: refused, nothing written.
  auto late = a->ReplaceDerived(store::kSeriesIndex, 0, Entries{{"s/late", "x"}});
  ASSERT_TRUE(late.ok());
  EXPECT_FALSE(*late);
  ASSERT_TRUE(a->ReplaceDerived(store::kSeriesIndex, 1, Entries{{"s/now", "y"}}).ok());
  auto now = a->ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(now.ok());
  EXPECT_TRUE(now->fresh);
  EXPECT_EQ(now->entries, (Entries{{"s/now", "y"}}));
  ASSERT_TRUE(a->DeleteSetting("series/name/s-1").ok());
  EXPECT_EQ(Generation(*a), 2u);
  EXPECT_FALSE(Fresh(*a));
}

TEST_F(DerivedIndexTest, IngestMovesTheGenerationOncePerTransactionThatStoredAVersion) {
  const std::string src = dir_.str() + "/src";
  std::filesystem::create_directories(src);
  std::vector<std::string> files = testing::WriteFakeReleases(src, 60, 5);
  ASSERT_TRUE(testing::IngestFakeFiles(dir_.str() + "/a", files, nullptr, /*batch=*/3).ok());
  {
    auto a = Open();
    ASSERT_TRUE(a);
    EXPECT_EQ(Generation(*a), 2u);  // 5 releases in transactions of 3 and 2
  }
  // The same files again: all unchanged, no transaction stores anything.
  ASSERT_TRUE(testing::IngestFakeFiles(dir_.str() + "/a", files, nullptr, 3).ok());
  auto a = Open();
  ASSERT_TRUE(a);
  EXPECT_EQ(Generation(*a), 2u);
  ASSERT_TRUE(a->ReplaceDerived(store::kSeriesIndex, 2, Entries{{"s/a", "1"}}).ok());
  ASSERT_TRUE(a->SetCurrentVersion("A/RES/60/7", 1).ok());
  EXPECT_EQ(Generation(*a), 3u);
  EXPECT_FALSE(Fresh(*a));
  auto report = a->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
}

// The derive callback gets the records its batch parsed (DerivedTxn::BatchRecord), byte for
// byte the record objects the batch stored, and nothing for records of earlier batches.
TEST_F(DerivedIndexTest, TheCallbackGetsTheRecordsOfItsOwnBatchOnly) {
  const std::string src = dir_.str() + "/src";
  std::filesystem::create_directories(src);
  std::vector<std::string> files = testing::WriteFakeReleases(src, 60, 5);
  auto a = Open();
  ASSERT_TRUE(a);
  std::vector<store::ReleaseInput> inputs;
  for (const auto& f : files) inputs.push_back({f, std::nullopt});
  store::IngestOptions options;
  options.parse = testing::FakeParse;
  options.batch_releases = 3;  // 60, 61, 62 then 63, 64
  std::vector<std::vector<std::string>> batches;
  std::string problem;
  options.derive = [&](store::DerivedTxn& txn, const std::vector<std::string>& touched) {
    batches.push_back(touched);
    for (int session = 60; session <= 64; ++session) {
      const std::string symbol = "A/RES/" + std::to_string(session) + "/7";
      auto doc = a->GetDocument(symbol);  // reads this transaction
      if (!doc.ok()) continue;            // a later batch's
      const Hash128 h = doc->current().record_hash;
      auto bytes = txn.BatchRecord(h);
      const bool mine = std::find(touched.begin(), touched.end(), symbol) != touched.end();
      if (mine != (bytes != nullptr)) problem += symbol + (mine ? " missing; " : " not ours; ");
      if (bytes && HashBytes(*bytes) != h) problem += symbol + " bytes differ; ";
    }
    return Status::Ok();
  };
  ASSERT_TRUE(a->IngestBatch(std::move(inputs), options, nullptr).ok());
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0], (std::vector<std::string>{"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}));
  EXPECT_EQ(batches[1], (std::vector<std::string>{"A/RES/63/7", "A/RES/64/7"}));
  EXPECT_EQ(problem, "");
}

TEST_F(DerivedIndexTest, BadNamesAndKeysAreRefused) {
  auto a = Open();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->ReadDerived("titles", "").status().code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(a->ReadDerived(store::kLineageIndex, "").ok());
  EXPECT_EQ(a->ReplaceDerived(store::kSeriesIndex, 0, Entries{{"k", "1"}, {"k", "2"}})
                .status()
                .code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(a->ReplaceDerived(store::kSeriesIndex, 0, Entries{{"", "1"}}).status().code(),
            StatusCode::kInvalidInput);
  EXPECT_FALSE(Fresh(*a));  // nothing was written
}

}  // namespace
}  // namespace recital

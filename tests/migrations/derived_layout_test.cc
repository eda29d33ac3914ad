// Migration step 7 (m0007_derived_layout.cc): format 7 changes the layout of both derived
// indexes, so the step empties `series` and `lineage` and removes their stamps. An index a
// format-6 writer left fresh must not be read as format-7 truth after the step; `recital
// migrate` then rebuilds both. The golden archive of format 6 (tests/testdata/golden-v6: the
// seven documents of golden-v6-src, written through store/ only, so its indexes are empty and
// stale) must migrate and verify clean.
#include <gtest/gtest.h>

#include <string>

#include "migrations/migrations.h"
#include "store/store.h"
#include "tests/migrations/migration_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;
using testing::TempDir;

std::string GoldenV6() { return std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/golden-v6"; }

TEST(DerivedLayoutMigrationTest, GoldenFormatSixBecomesSevenWithItsSevenDocuments) {
  TempDir dir;
  testing::CopyArchive(GoldenV6(), dir.str());
  auto plan = migrations::Migrate(dir.str(), {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->steps.size(), 1u);
  EXPECT_EQ(plan->steps.front()->number, 7);
  auto archive = store::Archive::Open(dir.str(), {});
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  EXPECT_EQ((*archive)->format_version(), 7);
  auto docs = (*archive)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  EXPECT_EQ(docs->size(), 7u);
  for (std::string_view index : {store::kSeriesIndex, store::kLineageIndex}) {
    auto read = (*archive)->ReadDerived(index, "");
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_FALSE(read->fresh) << index;
  }
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
}

// An archive whose indexes a format-6 writer kept fresh (made here: ingested by this build,
// then marked format 6, which is what a format-6 archive with built indexes looks like apart
// from their old layout).
TEST(DerivedLayoutMigrationTest, IndexesFreshBeforeTheStepAreStaleAfterItUntilMigrateRebuilds) {
  TempDir releases, dir;
  auto gen = RunRecital({"generate", "--seed", "3", "--series", "3", "--sessions", "4", "--out",
                         releases.str(), "--quiet"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::filesystem::remove(releases.path() / "truth.jsonl");
  auto ingest = RunRecital({"ingest", "--archive", dir.str(), releases.str()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  {
    auto archive = store::Archive::Open(dir.str(), {});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    for (std::string_view index : {store::kSeriesIndex, store::kLineageIndex}) {
      auto read = (*archive)->ReadDerived(index, "");
      ASSERT_TRUE(read.ok());
      ASSERT_TRUE(read->fresh) << index;  // the ingest hook kept them
      ASSERT_FALSE(read->entries.empty()) << index;
    }
  }
  ASSERT_TRUE(testing::SetFormatVersion(dir.str(), 6).ok());

  auto plan = migrations::Migrate(dir.str(), {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->steps.size(), 1u);
  EXPECT_EQ(testing::CountEntries(dir.str(), "series"), 0);
  EXPECT_EQ(testing::CountEntries(dir.str(), "lineage"), 0);
  {
    auto archive = store::Archive::Open(dir.str(), {});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    for (std::string_view index : {store::kSeriesIndex, store::kLineageIndex}) {
      auto read = (*archive)->ReadDerived(index, "");
      ASSERT_TRUE(read.ok());
      EXPECT_FALSE(read->fresh) << index;
    }
  }

  // `recital migrate` on the format-7 archive rebuilds both, and verify compares them with a
  // recomputation.
  auto migrate = RunRecital({"migrate", "--archive", dir.str()});
  ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  {
    auto archive = store::Archive::Open(dir.str(), {});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    for (std::string_view index : {store::kSeriesIndex, store::kLineageIndex}) {
      auto read = (*archive)->ReadDerived(index, "");
      ASSERT_TRUE(read.ok());
      EXPECT_TRUE(read->fresh) << index;
      EXPECT_FALSE(read->entries.empty()) << index;
    }
  }
  auto verify = RunRecital({"verify", "--archive", dir.str()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace recital

// Migration step 6 (m0006_input_generation.cc) on the golden archive of format 5: the archive
// becomes format 6 with an empty, stale series index (no stamp; input generation 0), and keeps
// its seven documents (tests/testdata/golden-v5-src: 58/101, 58/230, 59/241, 59/98, 60/101,
// 60/215, 61/50). Building the index is history/'s (`recital migrate` does it; tests/cli).
#include <gtest/gtest.h>

#include <string>

#include "migrations/migrations.h"
#include "store/store.h"
#include "tests/migrations/migration_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using testing::TempDir;

std::string GoldenV5() { return std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/golden-v5"; }

TEST(InputGenerationMigrationTest, FormatFiveBecomesSixWithAStaleEmptySeriesIndex) {
  TempDir dir;
  testing::CopyArchive(GoldenV5(), dir.str());
  auto plan = migrations::Migrate(dir.str(), {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->steps.size(), 2u);  // 6, then 7 (which leaves the derived indexes stale too)
  EXPECT_EQ(plan->steps.front()->number, 6);
  auto archive = store::Archive::Open(dir.str(), {});
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  EXPECT_EQ((*archive)->format_version(), 7);
  auto gen = (*archive)->InputGeneration();
  ASSERT_TRUE(gen.ok());
  EXPECT_EQ(*gen, 0u);
  auto index = (*archive)->ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_FALSE(index->fresh);
  auto docs = (*archive)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  EXPECT_EQ(docs->size(), 7u);
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
}

}  // namespace
}  // namespace recital

namespace recital {
namespace {

// The documented key of a series: "s-" + 12 hex digits of the hash of its earliest symbol.
// The series index stores those 12 hex digits as 6 bytes (format 7).
std::string StoredKeyOf(const std::string& earliest_symbol) {
  return HashBytes(earliest_symbol).ToBytes().substr(0, 6);
}

TEST(InputGenerationMigrationTest, MigrateCommandBuildsTheSeriesIndex) {
  TempDir dir;
  testing::CopyArchive(GoldenV5(), dir.str());
  auto run = testing::RunRecital({"migrate", "--archive", dir.str()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto archive = store::Archive::Open(dir.str(), {});
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  // The two invented series of golden-v5-src: displaced persons (58/101, 59/98, 60/101, 61/50)
  // and coastal water management (58/230, 59/241, 60/215).
  auto m = (*archive)->GetDerived(store::kSeriesIndex,
                                  {"m/A/RES/61/50", "m/A/RES/59/98", "m/A/RES/60/215"});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_TRUE(m->fresh);
  ASSERT_EQ(m->values.size(), 3u);
  // A member entry is the series key (its 12 hex digits as 6 bytes), then the hash of the
  // document's title.
  auto key_of = [&](size_t i) { return m->values[i].value_or("").substr(0, 6); };
  EXPECT_EQ(key_of(0), StoredKeyOf("A/RES/58/101"));
  EXPECT_EQ(key_of(1), StoredKeyOf("A/RES/58/101"));
  EXPECT_EQ(key_of(2), StoredKeyOf("A/RES/58/230"));
  auto series = (*archive)->ReadDerived(store::kSeriesIndex, "s/");
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(series->entries.size(), 2u);
  auto verify = testing::RunRecital({"verify", "--archive", dir.str()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace recital

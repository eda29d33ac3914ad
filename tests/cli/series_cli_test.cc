// `recital series` corrections through the binary: join, rename and split apply to the
// commands that follow, and nonsense is refused with exit 2 and a message.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/history_fixture.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;
using testing::TempDir;

TEST(SeriesCliTest, CorrectionsApplyToLaterCommandsAndNonsenseIsRefused) {
  TempDir dir;
  const std::string archive = testing::IngestLighthouse(dir);
  std::vector<testing::GeneratedTruth> truth;
  testing::IngestGenerated(dir, 3, 3, &truth);
  ASSERT_EQ(truth.size(), 3u);
  auto more = RunRecital({"ingest", "--archive", archive, dir.str() + "/gen"});
  ASSERT_EQ(more.exit_code, 0) << more.err;
  auto before = RunRecital({"series", "--archive", archive, "--json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  ASSERT_EQ(json::parse(before.out).size(), 2u) << before.out;

  auto join = RunRecital({"series", "join", "60/7", truth.front().symbol, "--archive", archive});
  ASSERT_EQ(join.exit_code, 0) << join.err;
  EXPECT_EQ(join.err.rfind("recital: joined series s-", 0), 0u) << join.err;
  auto after = RunRecital({"series", "--archive", archive, "--json"});
  json all = json::parse(after.out);
  ASSERT_EQ(all.size(), 1u) << after.out;
  EXPECT_EQ(all[0]["symbols"].size(), 6u);
  // Two members of one series: the join is kept (by the members), nothing else changes.
  auto again = RunRecital({"series", "join", "62/7", truth.back().symbol, "--archive", archive});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("are already one series"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("the join is kept"), std::string::npos) << again.err;
  auto kept = RunRecital({"series", "--archive", archive, "--json"});
  EXPECT_EQ(json::parse(kept.out), all) << kept.out;
  // One series named twice by its key is not a join.
  const std::string key = all[0]["key"];
  auto self = RunRecital({"series", "join", key, key, "--archive", archive});
  EXPECT_EQ(self.exit_code, 2);
  EXPECT_NE(self.err.find("are already one series"), std::string::npos) << self.err;

  auto rename = RunRecital({"series", "rename", "61/7", "Lights and more", "--archive", archive});
  ASSERT_EQ(rename.exit_code, 0) << rename.err;
  auto log = RunRecital({"log", "--archive", archive, "lights and more", "--json"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  EXPECT_EQ(json::parse(log.out)["series"]["name"], "Lights and more");
  EXPECT_EQ(json::parse(log.out)["sessions"].size(), 6u);

  auto empty = RunRecital({"series", "rename", "61/7", "", "--archive", archive});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("must not be empty"), std::string::npos) << empty.err;
  auto unknown = RunRecital({"series", "split", "A/RES/9/9", "--archive", archive});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("series split: A/RES/9/9"), std::string::npos) << unknown.err;

  auto split = RunRecital({"series", "split", "62/7", "--archive", archive});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  EXPECT_EQ(split.err, "recital: A/RES/62/7 now forms a series of its own\n");
  auto last = RunRecital({"series", "--archive", archive, "--json"});
  EXPECT_EQ(json::parse(last.out).size(), 2u) << last.out;
}

}  // namespace
}  // namespace recital

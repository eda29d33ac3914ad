// Technical changes through the binary: `diff --substantive` (what it shows, its exit status),
// `log --substantive`, and the --threshold option of log, blame and report. The releases are the
// lighthouse files (tests/testdata/lighthouse, our own wording) with a recall paragraph whose
// only change from one session to the next is the recalled symbol and date.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/history_fixture.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;
using testing::TempDir;

std::string Lighthouse(const std::string& name) {
  return testing::ReadFile(std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/lighthouse/" + name);
}

// The release text with `recall` as its first preamble paragraph.
std::string WithRecall(std::string text, const std::string& recall) {
  const std::string at = "    Noting the importance";
  const size_t p = text.find(at);
  EXPECT_NE(p, std::string::npos);
  if (p != std::string::npos) text.insert(p, "    " + recall + "\n\n");
  return text;
}

// 61/7 twice: with "Recalling its resolution 59/7 ..." and with "... 60/7 ..." (the rollover).
struct TwoCopies {
  TempDir dir;
  std::string old_file = dir.str() + "/old.txt";
  std::string new_file = dir.str() + "/new.txt";
  TwoCopies() {
    const std::string text = Lighthouse("A-RES-61-7.ods.txt");
    testing::WriteFile(old_file,
                       WithRecall(text, "Recalling its resolution 59/7 of 2 December 2004,"));
    testing::WriteFile(new_file,
                       WithRecall(text, "Recalling its resolution 60/7 of 1 December 2005,"));
  }
};

TEST(TechnicalCliTest, DiffMarksATechnicalChangeAndSubstantiveLeavesItOut) {
  TwoCopies c;
  auto all = RunRecital({"diff", c.old_file, c.new_file});
  EXPECT_EQ(all.exit_code, 1) << all.err;
  EXPECT_NE(all.out.find("reworded PP1 -> PP1 (similarity 1.00, technical)\n"
                         "  Recalling its resolution [-59-]{+60+}/7 of [-2-]{+1+} December "
                         "[-2004-]{+2005+},"),
            std::string::npos)
      << all.out;
  // Nothing but a technical change: shown as unchanged, counted, exit 0.
  auto quiet = RunRecital({"diff", "--substantive", c.old_file, c.new_file});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_NE(quiet.out.find("  ... 5 unchanged paragraphs, 1 technical change\n"), std::string::npos)
      << quiet.out;
  EXPECT_NE(quiet.out.find("1 reworded, 1 technical, 5 unchanged"), std::string::npos) << quiet.out;
  auto j = RunRecital({"diff", "--substantive", "--format", "json", c.old_file, c.new_file});
  EXPECT_EQ(j.exit_code, 0) << j.err;
  json d = json::parse(j.out);
  EXPECT_EQ(d["changes"].size(), 5u);  // the five unchanged paragraphs
  EXPECT_EQ(d["summary"]["technical"], 1);
  EXPECT_EQ(d["summary"]["reworded"], 1);
}

TEST(TechnicalCliTest, LogCountsTechnicalChangesAndSubstantiveLeavesOutSessionsWithNoOther) {
  TempDir dir;
  const std::string rel = dir.str() + "/releases";
  std::filesystem::create_directories(rel);
  // 60/7 and 61/7 recall earlier resolutions; 62/7 is 61/7 with the recall rolled over only.
  std::string r61 = WithRecall(Lighthouse("A-RES-61-7.ods.txt"),
                               "Recalling its resolution 59/7 of 2 December 2004,");
  std::string r62 = WithRecall(Lighthouse("A-RES-61-7.ods.txt"),
                               "Recalling its resolution 61/7 of 4 December 2006,");
  for (auto [from, to] : {std::pair<std::string, std::string>{"61/7.", "62/7."},
                          {"A/RES/61/7", "A/RES/62/7"},
                          {"Sixty-first session", "Sixty-second session"},
                          {"4 December 2006", "5 December 2007"}}) {
    for (size_t p = r62.find(from); p != std::string::npos; p = r62.find(from, p + to.size())) {
      r62.replace(p, from.size(), to);
    }
  }
  testing::WriteFile(rel + "/A-RES-61-7.ods.txt", r61);
  testing::WriteFile(rel + "/A-RES-62-7.ods.txt", r62);
  const std::string archive = dir.str() + "/archive";
  auto ingest = RunRecital({"ingest", "--archive", archive, rel});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto log = RunRecital({"log", "--archive", archive, "62/7", "--json"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  json j = json::parse(log.out);
  ASSERT_EQ(j["sessions"].size(), 2u) << log.out;
  EXPECT_EQ(j["sessions"][1]["changes"]["technical"], 1);
  EXPECT_EQ(j["sessions"][1]["changes"]["reworded"], 1);
  auto text = RunRecital({"log", "--archive", archive, "62/7"});
  EXPECT_NE(text.out.find("TECHNICAL"), std::string::npos) << text.out;
  auto substantive = RunRecital({"log", "--archive", archive, "62/7", "--substantive", "--json"});
  ASSERT_EQ(substantive.exit_code, 0) << substantive.err;
  json s = json::parse(substantive.out);
  ASSERT_EQ(s["sessions"].size(), 1u) << substantive.out;
  EXPECT_EQ(s["sessions"][0]["symbol"], "A/RES/61/7");
  // Blame: the recall's substance dates from 61/7; its wording from 62/7.
  auto blame = RunRecital({"blame", "--archive", archive, "62/7", "--format", "json"});
  ASSERT_EQ(blame.exit_code, 0) << blame.err;
  json p = json::parse(blame.out)["paragraphs"][0];
  EXPECT_EQ(p["since"], "A/RES/61/7");
  EXPECT_EQ(p["wording_since"], "A/RES/62/7");
  EXPECT_EQ(p["lineage"][0]["technical"], true);
}

TEST(TechnicalCliTest, ThresholdIsAnOptionOfLogBlameAndReport) {
  TempDir dir;
  const std::string archive = testing::IngestLighthouse(dir);
  // 60/7 -> 61/7 gives O1 "and best practices": "Encourages Member States to share information
  // on lighthouse maintenance;" has 7 content words, the new wording those and 2 more
  // (similarity 14/16 = 0.875, and too short for the diff's containment rule, which needs 8).
  // At 0.9 that pair is removed + added; P2 (Aware -> Concerned, 7 of its 8 content words
  // kept, inside the new one) stays reworded.
  auto log = RunRecital({"log", "--archive", archive, "62/7", "--json", "--threshold", "0.9"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  json j = json::parse(log.out);
  EXPECT_EQ(j["sessions"][1]["changes"]["reworded"], 1);
  EXPECT_EQ(j["sessions"][1]["changes"]["removed"], 2);
  EXPECT_EQ(j["sessions"][1]["changes"]["added"], 1);
  // Blame: O1's lineage now ends at 61/7's wording, which began there.
  auto blame =
      RunRecital({"blame", "--archive", archive, "62/7", "--threshold", "0.9", "--format", "json"});
  ASSERT_EQ(blame.exit_code, 0) << blame.err;
  json o1 = json::parse(blame.out)["paragraphs"][2];
  EXPECT_EQ(o1["lead"], "Urges");
  ASSERT_EQ(o1["lineage"].size(), 1u) << blame.out;
  EXPECT_EQ(o1["lineage"][0]["symbol"], "A/RES/61/7");
  auto default_blame = RunRecital({"blame", "--archive", archive, "62/7", "--format", "json"});
  EXPECT_EQ(json::parse(default_blame.out)["paragraphs"][2]["lineage"].size(), 2u);
  auto report = RunRecital(
      {"report", "--archive", archive, "62/7", "--format", "json", "--threshold", "0.9"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(json::parse(report.out)["pairs"][0]["summary"]["removed"], 2);
  auto bad = RunRecital({"log", "--archive", archive, "62/7", "--threshold", "2"});
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace recital

// log, blame, report and demo on a hand-written series (expected values from its
// construction, see history_fixture.h), on a generated series (against the generator's truth)
// and on the real corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
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

std::string Golden(const std::string& name) {
  return testing::ReadFile(std::string(RECITAL_SOURCE_DIR) + "/tests/cli/golden/" + name);
}

TEST(LogTest, LighthouseCountsMatchTheEditsMade) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"log", "--archive", archive, "A/RES/62/7", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["sessions"].size(), 3u) << r.out;
  EXPECT_EQ(j["sessions"][0]["symbol"], "A/RES/60/7");
  EXPECT_TRUE(j["sessions"][0]["changes"].is_null());
  EXPECT_EQ(j["sessions"][0]["adoption_date"], "2005-12-01");
  // 60 -> 61: P1, O2, O3 unchanged; P2 (lead) and O1 reworded; P3 removed.
  json c1 = j["sessions"][1]["changes"];
  EXPECT_EQ(c1["unchanged"], 3);
  EXPECT_EQ(c1["reworded"], 2);
  EXPECT_EQ(c1["removed"], 1);
  EXPECT_EQ(c1["added"], 0);
  EXPECT_EQ(c1["moved"], 0);
  // 61 -> 62: P1, P2, Requests, Decides unchanged (two renumbered, not moved); O1 reworded;
  // Invites added.
  json c2 = j["sessions"][2]["changes"];
  EXPECT_EQ(c2["unchanged"], 4);
  EXPECT_EQ(c2["reworded"], 1);
  EXPECT_EQ(c2["added"], 1);
  EXPECT_EQ(c2["removed"], 0);
  EXPECT_EQ(c2["moved"], 0);
  // Any member names the series, short symbols too.
  auto r2 = RunRecital({"log", "--archive", archive, "60/7", "--json"});
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_EQ(json::parse(r2.out), j);
}

TEST(LogTest, TextMatchesGolden) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"log", "--archive", archive, "A/RES/61/7"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("log_lighthouse.txt"));
}

TEST(LogTest, UnknownSeriesIsExitTwoWithMessage) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"log", "--archive", archive, "A/RES/99/1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("A/RES/99/1"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(LogTest, GeneratedSeriesFollowsTheGeneratorsTruth) {
  TempDir dir;
  std::vector<testing::GeneratedTruth> truth;
  std::string archive = testing::IngestGenerated(dir, 11, 8, &truth);
  ASSERT_EQ(truth.size(), 8u);
  auto r = RunRecital({"log", "--archive", archive, truth.back().symbol, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["sessions"].size(), truth.size()) << "series detection lost a session (the "
                                                    "generator changes titles; recalls join them)";
  for (size_t i = 0; i < truth.size(); ++i) {
    EXPECT_EQ(j["sessions"][i]["symbol"], truth[i].symbol);
    EXPECT_EQ(j["sessions"][i]["session"], truth[i].session);
    if (i == 0) continue;
    std::map<std::string, int>& t = truth[i].changes;
    json c = j["sessions"][i]["changes"];
    EXPECT_EQ(c["added"], t["added"]) << truth[i].file;
    EXPECT_EQ(c["removed"], t["removed"]) << truth[i].file;
    EXPECT_EQ(c["split"], t["split"]) << truth[i].file;
    EXPECT_EQ(c["merged"], t["merged"]) << truth[i].file;
  }
}

TEST(BlameTest, RewordedParagraphFollowsItsLineage) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"blame", "--archive", archive, "A/RES/62/7", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["symbol"], "A/RES/62/7");
  json ps = j["paragraphs"];
  ASSERT_EQ(ps.size(), 6u) << r.out;
  auto lineage = [](const json& p) {
    std::vector<std::pair<std::string, std::string>> v;
    for (const auto& e : p["lineage"]) v.emplace_back(e["symbol"], e["text"]);
    return v;
  };
  using V = std::vector<std::pair<std::string, std::string>>;
  // Noting: never changed.
  EXPECT_EQ(ps[0]["section"], "preamble");
  EXPECT_EQ(ps[0]["since"], "A/RES/60/7");
  EXPECT_EQ(lineage(ps[0]), V{});
  // Concerned (was Aware in 60/7).
  EXPECT_EQ(ps[1]["lead"], "Concerned");
  EXPECT_EQ(ps[1]["since"], "A/RES/61/7");
  EXPECT_EQ(lineage(ps[1]), (V{{"A/RES/60/7", testing::kAware}}));
  // Urges: reworded twice, newest earlier wording first.
  EXPECT_EQ(ps[2]["section"], "operative");
  EXPECT_EQ(ps[2]["number"], "1");
  EXPECT_EQ(ps[2]["text"], testing::kUrges62);
  EXPECT_EQ(ps[2]["since"], "A/RES/62/7");
  EXPECT_EQ(lineage(ps[2]), (V{{"A/RES/61/7", testing::kEncourages61},
                               {"A/RES/60/7", testing::kEncourages60}}));
  // Invites: new in 62/7.
  EXPECT_EQ(ps[3]["since"], "A/RES/62/7");
  EXPECT_EQ(lineage(ps[3]), V{});
  // Requests and Decides: renumbered only, so their wording dates from 60/7.
  EXPECT_EQ(ps[4]["number"], "3");
  EXPECT_EQ(ps[4]["since"], "A/RES/60/7");
  EXPECT_EQ(ps[5]["since"], "A/RES/60/7");
}

TEST(BlameTest, MiddleOfSeriesLooksOnlyBackwards) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"blame", "--archive", archive, "61/7", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json ps = json::parse(r.out)["paragraphs"];
  ASSERT_EQ(ps.size(), 5u);
  EXPECT_EQ(ps[2]["text"], testing::kEncourages61);
  EXPECT_EQ(ps[2]["since"], "A/RES/61/7");
  ASSERT_EQ(ps[2]["lineage"].size(), 1u);
  EXPECT_EQ(ps[2]["lineage"][0]["symbol"], "A/RES/60/7");
}

TEST(BlameTest, TextMatchesGolden) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"blame", "--archive", archive, "A/RES/62/7"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("blame_lighthouse.txt"));
}

TEST(BlameTest, UnknownSymbolIsExitTwo) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"blame", "--archive", archive, "A/RES/1/1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}

TEST(ReportTest, MarkdownMatchesGolden) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"report", "--archive", archive, "A/RES/62/7", "--format", "md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("report_lighthouse.md"));
}

TEST(ReportTest, FromToBoundsSliceTheSeries) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital(
      {"report", "--archive", archive, "60/7", "--from", "61", "--to", "A/RES/62/7", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["sessions"].size(), 2u);
  ASSERT_EQ(j["pairs"].size(), 1u);
  EXPECT_EQ(j["pairs"][0]["from"], "A/RES/61/7");
  EXPECT_EQ(j["pairs"][0]["to"], "A/RES/62/7");
  // Only changed paragraphs: Urges (reworded, lead changed) and Invites (added).
  json ch = j["pairs"][0]["changes"];
  ASSERT_EQ(ch.size(), 2u) << ch.dump(1);
  EXPECT_EQ(ch[0]["status"], "reworded");
  EXPECT_TRUE(ch[0]["lead_changed"]);
  EXPECT_EQ(ch[1]["status"], "added");
  auto bad = RunRecital({"report", "--archive", archive, "60/7", "--from", "A/RES/5/5"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("A/RES/5/5"), std::string::npos) << bad.err;
}

TEST(ReportTest, WritesFileWithDashO) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  std::string out = dir.str() + "/r.html";
  auto r = RunRecital({"report", "--archive", archive, "62/7", "--format", "html", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::string html = testing::ReadFile(out);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  // Self-contained: nothing fetched, no script.
  for (const char* bad : {"<script", "<link", "src=", "http://", "https://", "@import"})
    EXPECT_EQ(html.find(bad), std::string::npos) << bad;
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(DemoTest, RunsEndToEndAndRefusesForeignDirectories) {
  TempDir dir;
  std::string archive = dir.str() + "/demo-archive", html = dir.str() + "/demo.html";
  auto r = RunRecital({"demo", "--archive", archive, "--html", html, "--sessions", "8"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("8 sessions"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Latest changes: A/RES/56/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(html), std::string::npos) << r.out;
  EXPECT_NE(testing::ReadFile(html).find("<nav class=\"toc\""), std::string::npos);
  // Again: the demo archive is recreated, still 8 sessions.
  auto again = RunRecital({"demo", "--archive", archive, "--html", html, "--sessions", "8"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto log = RunRecital({"log", "--archive", archive, "A/RES/57/101", "--json"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  EXPECT_EQ(json::parse(log.out)["sessions"].size(), 8u);
  // A directory that is not a demo archive is never touched, nor a foreign HTML file.
  std::string foreign = dir.str() + "/mine";
  std::filesystem::create_directories(foreign);
  testing::WriteFile(foreign + "/notes.txt", "keep me");
  auto refused = RunRecital({"demo", "--archive", foreign, "--html", html});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("not a Recital demo archive"), std::string::npos) << refused.err;
  EXPECT_EQ(testing::ReadFile(foreign + "/notes.txt"), "keep me");
  std::string other_html = dir.str() + "/other.html";
  testing::WriteFile(other_html, "<p>my page</p>");
  auto no_html = RunRecital({"demo", "--archive", archive, "--html", other_html});
  EXPECT_EQ(no_html.exit_code, 2);
  EXPECT_EQ(testing::ReadFile(other_html), "<p>my page</p>");
}

TEST(DemoTest, UsesReleaseFilesFromDir) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"demo", dir.str() + "/releases", "--archive", dir.str() + "/d",
                       "--html", dir.str() + "/d.html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Latest changes: A/RES/61/7 → A/RES/62/7"), std::string::npos) << r.out;
}

// ---- real corpus ---------------------------------------------------------------------------

class CorpusHistoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (testing::CorpusDir().empty()) return;
    dir_ = new TempDir;
    archive_ = dir_->str() + "/archive";
    // The English text releases (top-level *.txt; multilingual/ and pdf/ hold other kinds).
    std::vector<std::string> args = {"ingest", "--archive", archive_};
    for (const std::string& f : testing::CorpusFiles()) args.push_back(f);
    auto r = RunRecital(args);
    ASSERT_LE(r.exit_code, 1) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
  static std::string archive_;
};
TempDir* CorpusHistoryTest::dir_ = nullptr;
std::string CorpusHistoryTest::archive_;

TEST_F(CorpusHistoryTest, LogOfCisFollowUpHasItsSessionsInOrder) {
  RECITAL_REQUIRE_CORPUS();
  auto r = RunRecital({"log", "--archive", archive_, "A/RES/54/144", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  std::vector<std::string> symbols;
  for (const auto& s : j["sessions"]) symbols.push_back(s["symbol"]);
  // SOURCES.tsv: series cis-followup holds 50/151, 51/70 (two copies, archived once), 54/144,
  // 56/134 and 58/154 (pages without a title that share whole paragraphs with 54/144).
  EXPECT_EQ(symbols, (std::vector<std::string>{"A/RES/50/151", "A/RES/51/70", "A/RES/54/144",
                                               "A/RES/56/134", "A/RES/58/154"}))
      << r.out;
  auto pos = [&](const std::string& s) { return std::find(symbols.begin(), symbols.end(), s); };
  ASSERT_NE(pos("A/RES/54/144"), symbols.end()) << r.out;
  EXPECT_EQ(j["sessions"][pos("A/RES/54/144") - symbols.begin()]["adoption_date"], "1999-12-17");
}

TEST_F(CorpusHistoryTest, BlameOf54_144SinceIsAlwaysASeriesMember) {
  RECITAL_REQUIRE_CORPUS();
  auto log = RunRecital({"log", "--archive", archive_, "A/RES/54/144", "--json"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  std::set<std::string> members;
  json sessions = json::parse(log.out)["sessions"];
  for (const auto& s : sessions) members.insert(s["symbol"].get<std::string>());
  auto r = RunRecital({"blame", "--archive", archive_, "A/RES/54/144", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json ps = json::parse(r.out)["paragraphs"];
  ASSERT_GE(ps.size(), 20u);  // the complete ODS export: 13 preamble + operative paragraphs
  size_t older = 0;
  for (const auto& p : ps) {
    EXPECT_TRUE(members.count(p["since"].get<std::string>())) << p.dump();
    if (p["since"] != "A/RES/54/144") ++older;
    for (const auto& e : p["lineage"])
      EXPECT_TRUE(members.count(e["symbol"].get<std::string>())) << e.dump();
  }
  EXPECT_GT(older, 0u) << "some wording of 54/144 comes from an earlier session";
}

TEST_F(CorpusHistoryTest, ReportOfUnhcrAnnualRendersEveryFormat) {
  RECITAL_REQUIRE_CORPUS();
  for (const char* format : {"md", "html", "json"}) {
    auto r = RunRecital({"report", "--archive", archive_, "A/RES/51/75", "--format", format});
    ASSERT_EQ(r.exit_code, 0) << format << ": " << r.err;
    EXPECT_NE(r.out.find("A/RES/50/152"), std::string::npos) << format;
  }
  auto j = RunRecital({"report", "--archive", archive_, "A/RES/51/75", "--format", "json"});
  EXPECT_GE(json::parse(j.out)["sessions"].size(), 10u);
}

}  // namespace
}  // namespace recital

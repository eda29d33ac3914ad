// recital grep on the hand-written lighthouse series (which sessions hold which phrase is known
// from its construction, history_fixture.h) and on the real corpus.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tests/cli/history_fixture.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;
using testing::TempDir;

TEST(GrepTest, PhraseInSomeSessionsReportsFirstAndLast) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  // "best practices" was inserted in 61/7 and kept in 62/7; case and punctuation ignored.
  auto r = RunRecital({"grep", "--archive", archive, "BEST, Practices", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["series"].size(), 1u) << r.out;
  json s = j["series"][0];
  EXPECT_EQ(s["name"], "Cooperation on the maintenance of lighthouses in coastal States");
  EXPECT_EQ(s["first"]["symbol"], "A/RES/61/7");
  EXPECT_EQ(s["first"]["session"], 61);
  EXPECT_EQ(s["last"]["symbol"], "A/RES/62/7");
  ASSERT_EQ(s["paragraphs"].size(), 2u);
  EXPECT_EQ(s["paragraphs"][0]["text"], testing::kEncourages61);
  EXPECT_EQ(s["paragraphs"][0]["position"], 3);  // after the two preamble paragraphs
  EXPECT_EQ(s["paragraphs"][1]["text"], testing::kUrges62);
  json m = s["paragraphs"][1]["matches"][0];
  EXPECT_EQ(std::string(testing::kUrges62).substr(m["byte_offset"], m["byte_length"]),
            "best practices");
}

TEST(GrepTest, RemovedWordingIsFoundOnlyWhereItStood) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"grep", "--archive", archive, "working group", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json s = json::parse(r.out)["series"][0];
  EXPECT_EQ(s["first"]["symbol"], "A/RES/60/7");
  EXPECT_EQ(s["last"]["symbol"], "A/RES/60/7");
  // The unchanged Requests paragraph is in all three sessions.
  auto all = RunRecital({"grep", "--archive", archive, "submit a report", "--json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  json a = json::parse(all.out)["series"][0];
  EXPECT_EQ(a["first"]["symbol"], "A/RES/60/7");
  EXPECT_EQ(a["last"]["symbol"], "A/RES/62/7");
  EXPECT_EQ(a["paragraphs"].size(), 3u);
}

TEST(GrepTest, TextOutputAndExitCodes) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"grep", "--archive", archive, "lighthouse keepers"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Cooperation on the maintenance of lighthouses in coastal States (s-518afefe407c)\n"
            "  first A/RES/62/7 (session 62), last A/RES/62/7 (session 62); 1 resolution\n"
            "  62/7             OP2  Invites regional organizations to support training "
            "programmes for lighthouse keepers;\n");
  // Whole words only: "lighthouse keep" is not a phrase of the archive.
  auto none = RunRecital({"grep", "--archive", archive, "lighthouse keep"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(none.out.empty());
  auto bad = RunRecital({"grep", "--archive", archive, "best practices", "--series", "A/RES/9/9"});
  EXPECT_EQ(bad.exit_code, 2);
  auto only = RunRecital({"grep", "--archive", archive, "best practices", "--series", "60/7"});
  EXPECT_EQ(only.exit_code, 0) << only.err;
}

TEST(GrepTest, CorpusPhraseGroupsTheCisFollowUpSeries) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  std::string archive = dir.str() + "/archive";
  std::vector<std::string> args = {"ingest", "--archive", archive};
  for (const std::string& f : testing::CorpusFiles()) args.push_back(f);
  auto ing = RunRecital(args);
  ASSERT_LE(ing.exit_code, 1) << ing.err;
  auto r = RunRecital({"grep", "--archive", archive, "Commonwealth of Independent States",
                       "--series", "A/RES/54/144", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json s = json::parse(r.out)["series"];
  ASSERT_EQ(s.size(), 1u) << r.out;
  // SOURCES.tsv: 58/154 (a page without a title, joined by the whole paragraphs it shares with
  // 54/144) is the newest archived member of the series, and names the CIS.
  EXPECT_EQ(s[0]["last"]["symbol"], "A/RES/58/154");
  EXPECT_LE(s[0]["first"]["session"].get<int>(), 51);
  EXPECT_GE(s[0]["paragraphs"].size(), 5u);
}

TEST(GrepTest, FilesWithMatchesAndCountOnTheLighthouse) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  // "share information" is in O1 of every session (reworded around it each time).
  auto l = RunRecital({"grep", "--archive", archive, "-l", "share information"});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  EXPECT_EQ(l.out, "A/RES/60/7\nA/RES/61/7\nA/RES/62/7\n");
  auto c = RunRecital({"grep", "--archive", archive, "--count", "best practices"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out, "A/RES/61/7:1\nA/RES/62/7:1\n");
  auto j = RunRecital({"grep", "--archive", archive, "--files-with-matches", "--json", "keepers"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_EQ(json::parse(j.out), json::parse(R"([{"symbol": "A/RES/62/7",
                                                 "versions": [{"version": 1, "language": "en"}]}])"));
  auto none = RunRecital({"grep", "--archive", archive, "-l", "lighthouse keep"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(none.out.empty());
  auto both = RunRecital({"grep", "--archive", archive, "-l", "-c", "keepers"});
  EXPECT_EQ(both.exit_code, 2);
}

// -l and -c list exactly the resolutions (and versions, and paragraph counts) the full output
// shows, for common words (most documents are candidates) and rare phrases alike.
TEST(GrepTest, FilesWithMatchesAndCountAgreeWithTheFullOutputOnTheCorpus) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  std::string archive = dir.str() + "/archive";
  std::vector<std::string> args = {"ingest", "--archive", archive};
  for (const std::string& f : testing::CorpusFiles()) args.push_back(f);
  args.push_back(testing::CorpusDir() + "/pdf");
  args.push_back(testing::CorpusDir() + "/multilingual");
  auto ing = RunRecital(args);
  ASSERT_LE(ing.exit_code, 1) << ing.err;
  size_t found = 0;
  for (const char* phrase :
       {"the", "Assembly", "countries", "General Assembly", "refugees", "decolonization",
        "Commonwealth of Independent States", "voluntary repatriation", "Nations Unies",
        "联合国", "Организации", "no-such-word-anywhere"}) {
    auto full = RunRecital({"grep", "--archive", archive, phrase, "--json"});
    ASSERT_LE(full.exit_code, 1) << phrase << ": " << full.err;
    std::map<std::string, size_t> counts;
    std::set<std::pair<std::string, int>> versions;
    const json parsed = json::parse(full.out);
    for (const json& s : parsed["series"]) {
      for (const json& p : s["paragraphs"]) {
        ++counts[p["symbol"].get<std::string>()];
        versions.emplace(p["symbol"].get<std::string>(), p["version"].get<int>());
      }
    }
    std::string expect_l, expect_c;
    for (const auto& [symbol, n] : counts) {
      expect_l += symbol + "\n";
      expect_c += symbol + ":" + std::to_string(n) + "\n";
    }
    auto l = RunRecital({"grep", "--archive", archive, "-l", phrase});
    EXPECT_EQ(l.exit_code, full.exit_code) << phrase;
    EXPECT_EQ(l.out, expect_l) << phrase;
    auto c = RunRecital({"grep", "--archive", archive, "-c", phrase});
    EXPECT_EQ(c.exit_code, full.exit_code) << phrase;
    EXPECT_EQ(c.out, expect_c) << phrase;
    auto lj = RunRecital({"grep", "--archive", archive, "-l", "--json", phrase});
    ASSERT_EQ(lj.exit_code, full.exit_code) << phrase << ": " << lj.err;
    std::set<std::pair<std::string, int>> listed;
    const json listed_json = json::parse(lj.out);
    for (const json& d : listed_json) {
      for (const json& v : d["versions"]) {
        listed.emplace(d["symbol"].get<std::string>(), v["version"].get<int>());
      }
    }
    // Every version the full output shows a paragraph of is listed (the full output leaves
    // out a part's paragraph whose wording the current version shows).
    for (const auto& v : versions) EXPECT_TRUE(listed.count(v)) << phrase << ": " << v.first;
    found += counts.size();
  }
  EXPECT_GT(found, 100u);  // the common words are in most of the corpus
}

}  // namespace
}  // namespace recital

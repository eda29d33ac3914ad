// Series detection on the real corpus, through the binary: pairwise precision and recall against
// the series column of SOURCES.tsv (what the corpus's collector recorded for each file, not
// anything Recital computed), the cases issue #15 names, the correction repro of #15, and the
// title clean-up.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/series_pr.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;
using testing::TempDir;

// symbol -> series name of SOURCES.tsv (rows with a series and a file present).
std::map<std::string, std::string> TruthSeries() {
  std::map<std::string, std::string> truth;
  std::istringstream in(testing::ReadFile(testing::CorpusDir() + "/SOURCES.tsv"));
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& l) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream cs(l);
    while (std::getline(cs, cell, '\t')) cells.push_back(cell);
    return cells;
  };
  std::getline(in, line);
  header = split(line);
  size_t file = 0, symbol = 0, series = 0;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "file") file = i;
    if (header[i] == "symbol") symbol = i;
    if (header[i] == "series") series = i;
  }
  const std::set<std::string> files = [] {
    std::set<std::string> out;
    for (const std::string& f : testing::CorpusFiles()) out.insert(f.substr(f.rfind('/') + 1));
    return out;
  }();
  while (std::getline(in, line)) {
    std::vector<std::string> c = split(line);
    if (c.size() <= std::max({file, symbol, series}) || c[series].empty()) continue;
    if (files.count(c[file])) truth[c[symbol]] = c[series];
  }
  return truth;
}

class SeriesCorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (testing::CorpusDir().empty()) return;
    dir_ = new TempDir;
    archive_ = dir_->str() + "/archive";
    std::vector<std::string> args = {"ingest", "--archive", archive_};
    for (const std::string& f : testing::CorpusFiles()) args.push_back(f);
    auto r = RunRecital(args);
    ASSERT_LE(r.exit_code, 1) << r.err;
    auto s = RunRecital({"series", "--archive", archive_, "--json"});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    for (const json& series : json::parse(s.out)) {
      for (const json& sym : series["symbols"]) key_of_[sym.get<std::string>()] = series["key"];
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
    key_of_.clear();
  }
  static bool Together(const std::string& a, const std::string& b) {
    auto ia = key_of_.find(a), ib = key_of_.find(b);
    return ia != key_of_.end() && ib != key_of_.end() && ia->second == ib->second;
  }
  static TempDir* dir_;
  static std::string archive_;
  static std::map<std::string, std::string> key_of_;  // symbol -> detected series key
};
TempDir* SeriesCorpusTest::dir_ = nullptr;
std::string SeriesCorpusTest::archive_;
std::map<std::string, std::string> SeriesCorpusTest::key_of_;

TEST_F(SeriesCorpusTest, PairwisePrecisionAndRecallAgainstSourcesAreAtLeast097) {
  RECITAL_REQUIRE_CORPUS();
  const std::map<std::string, std::string> truth = TruthSeries();
  ASSERT_GE(truth.size(), 40u);
  for (const auto& [sym, series] : truth) {
    EXPECT_TRUE(key_of_.count(sym)) << sym << " is not in any series";
  }
  const testing::PairCounts c = testing::CountSeriesPairs(truth, key_of_);
  EXPECT_GE(c.precision(), 0.97) << "tp " << c.tp << " fp " << c.fp << " fn " << c.fn;
  EXPECT_GE(c.recall(), 0.97) << "tp " << c.tp << " fp " << c.fp << " fn " << c.fn;
}

TEST_F(SeriesCorpusTest, TheCasesOfIssue15) {
  RECITAL_REQUIRE_CORPUS();
  // 2197 (XXI), a report on the High Commissioner's work, recalls 2040 (XX) on refugees in
  // Africa: another subject, so 2040 (XX) is not of the annual series.
  EXPECT_TRUE(Together("A/RES/2197(XXI)", "A/RES/41/124"));
  EXPECT_FALSE(Together("A/RES/2040(XX)", "A/RES/2197(XXI)"));
  // 728 (VIII) "Work of the Office of the United Nations High Commissioner for Refugees" is of
  // the series that became "Report of ..." and then "Office of ...".
  EXPECT_TRUE(Together("A/RES/728(VIII)", "A/RES/41/124"));
  EXPECT_TRUE(Together("A/RES/728(VIII)", "A/RES/925(X)"));
  // ... but "Continuation of the Office ..." is not.
  EXPECT_FALSE(Together("A/RES/2294(XXII)", "A/RES/41/124"));
  EXPECT_TRUE(Together("A/RES/2294(XXII)", "A/RES/47/104"));
  // Pages without a title: 56/134 and 58/154 share whole paragraphs with 54/144.
  EXPECT_TRUE(Together("A/RES/56/134", "A/RES/54/144"));
  EXPECT_TRUE(Together("A/RES/58/154", "A/RES/54/144"));
  // Titles cleaned of the site's headline (56/263) and of stray spaces (74/268).
  EXPECT_TRUE(Together("A/RES/56/263", "A/RES/55/56"));
  EXPECT_TRUE(Together("A/RES/74/268", "A/RES/55/56"));
  // 51/71's newest copy is a page without a title; the document keeps its other copy's title.
  EXPECT_TRUE(Together("A/RES/51/71", "A/RES/50/149"));
  EXPECT_FALSE(Together("A/RES/51/71", "A/RES/41/124"));
}

TEST_F(SeriesCorpusTest, LogOfAChangedTitleSeriesFollowsItFromItsFirstSession) {
  RECITAL_REQUIRE_CORPUS();
  auto r = RunRecital({"log", "--archive", archive_, "A/RES/51/75", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_GE(j["sessions"].size(), 20u);
  EXPECT_EQ(j["sessions"][0]["symbol"], "A/RES/728(VIII)");
  EXPECT_EQ(j["series"]["key"], key_of_.at("A/RES/51/75"));
}

// Issue #15: `ingest 51/70 54/144 56/134; series rename 54/144 "CIS follow-up"; series join
// 56/134 54/144; ingest 50/151` keeps the name and the join, and `log "CIS follow-up"` works.
TEST(SeriesCorrectionCorpusTest, RenameAndJoinSurviveAnEarlierMember) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  const std::string archive = dir.str() + "/archive";
  const std::string c = testing::CorpusDir() + "/";
  auto first = RunRecital({"ingest", "--archive", archive, c + "A-RES-51-70.unorg.txt",
                           c + "A-RES-54-144.ods.txt", c + "A-RES-56-134.girlsrights-p2.txt"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto rename = RunRecital({"series", "rename", "54/144", "CIS follow-up", "--archive", archive});
  ASSERT_EQ(rename.exit_code, 0) << rename.err;
  // Detection already joins the page (whole shared paragraphs): the join is kept.
  auto join = RunRecital({"series", "join", "56/134", "54/144", "--archive", archive});
  ASSERT_EQ(join.exit_code, 0) << join.err;
  auto later = RunRecital({"ingest", "--archive", archive, c + "A-RES-50-151.unorg.txt"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  auto log = RunRecital({"log", "--archive", archive, "CIS follow-up", "--json"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  json j = json::parse(log.out);
  EXPECT_EQ(j["series"]["name"], "CIS follow-up");
  std::vector<std::string> symbols;
  for (const json& s : j["sessions"]) symbols.push_back(s["symbol"]);
  EXPECT_EQ(symbols, (std::vector<std::string>{"A/RES/50/151", "A/RES/51/70", "A/RES/54/144",
                                               "A/RES/56/134"}));
  // The join holds where detection alone would part them: 56/134 split out and back.
  auto split = RunRecital({"series", "split", "56/134", "--archive", archive});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  auto rejoin = RunRecital({"series", "join", "56/134", "54/144", "--archive", archive});
  ASSERT_EQ(rejoin.exit_code, 0) << rejoin.err;
  auto all = RunRecital({"series", "--archive", archive, "--json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(json::parse(all.out).size(), 1u) << all.out;
}

TEST(SeriesTitleCorpusTest, TitlesLoseTheSiteHeadlineAndTheColonGetsItsSpace) {
  RECITAL_REQUIRE_CORPUS();
  auto r = RunRecital(
      {"parse", testing::CorpusDir() + "/A-RES-56-263.rapaport.txt", "--format", "json"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  const std::string title = json::parse(r.out)["title"];
  EXPECT_EQ(title.rfind("THE ROLE OF DIAMONDS IN FUELLING CONFLICT: Breaking the link", 0), 0u)
      << title;
}

}  // namespace
}  // namespace recital

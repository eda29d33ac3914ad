// The series `recital log SYMBOL` and `recital blame SYMBOL` find for one symbol (expanding only
// the documents joined to it) is the series the whole-archive detection (`recital series
// --json`) puts it in, on the real corpus, whose resolutions cite other series.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;
using testing::TempDir;

// Ingests the corpus's English text releases (its top-level *.txt files; the multilingual/ and
// pdf/ folders hold other kinds) into archive and returns `recital series --json`.
json IngestCorpusAndListSeries(const std::string& archive) {
  std::vector<std::string> args = {"ingest", "--archive", archive};
  for (const std::string& f : testing::CorpusFiles()) args.push_back(f);
  auto ingest = RunRecital(args);
  EXPECT_EQ(ingest.exit_code, 0) << ingest.err;
  auto all = RunRecital({"series", "--archive", archive, "--json"});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  return all.exit_code == 0 ? json::parse(all.out) : json::array();
}

TEST(SeriesLookupTest, LogOfEverySymbolGivesItsWholeArchiveSeries) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  const std::string archive = dir.str() + "/archive";
  json series = IngestCorpusAndListSeries(archive);
  ASSERT_TRUE(series.is_array());
  size_t checked = 0, multi = 0;
  for (const json& s : series) {
    std::vector<std::string> expected = s["symbols"].get<std::vector<std::string>>();
    ASSERT_FALSE(expected.empty());
    if (expected.size() > 1) ++multi;
    // The first and the last member: the lookup starts from either end of the series.
    for (const std::string& sym : {expected.front(), expected.back()}) {
      auto log = RunRecital({"log", "--archive", archive, sym, "--json"});
      ASSERT_EQ(log.exit_code, 0) << sym << ": " << log.err;
      json j = json::parse(log.out);
      EXPECT_EQ(j["series"]["key"], s["key"]) << sym;
      std::vector<std::string> got;
      for (const json& row : j["sessions"]) got.push_back(row["symbol"]);
      EXPECT_EQ(got, expected) << sym;
      ++checked;
    }
  }
  EXPECT_GE(checked, 2u);
  EXPECT_GE(multi, 1u) << "the corpus should hold at least one series of several sessions";
}

TEST(SeriesLookupTest, BlameOfTheLastMemberWalksTheWholeSeries) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  const std::string archive = dir.str() + "/archive";
  for (const json& s : IngestCorpusAndListSeries(archive)) {
    std::vector<std::string> members = s["symbols"].get<std::vector<std::string>>();
    if (members.size() < 2) continue;
    auto blame = RunRecital({"blame", "--archive", archive, members.back(), "--format", "json"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    // Every "since" and lineage symbol is a member of the series.
    // A named value: a range-for over json::parse(...)["paragraphs"] would iterate a member
    // of a temporary destroyed before the loop body (ASan: heap-use-after-free).
    const json blamed = json::parse(blame.out);
    for (const json& p : blamed["paragraphs"]) {
      EXPECT_NE(std::find(members.begin(), members.end(), p["since"].get<std::string>()),
                members.end())
          << p["since"];
      for (const json& e : p["lineage"]) {
        EXPECT_NE(std::find(members.begin(), members.end(), e["symbol"].get<std::string>()),
                  members.end())
            << e["symbol"];
      }
    }
  }
}

}  // namespace
}  // namespace recital

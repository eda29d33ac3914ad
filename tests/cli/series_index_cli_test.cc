// The stored series index on the real corpus (../shared/corpus, read in place), kept by
// `recital ingest` in each batch's own transaction: whatever the order and the batch size, the
// series listed are those of one sorted ingest, and `recital verify` (which detects the series
// again over the whole archive and compares) finds nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;
using testing::TempDir;

std::string SeriesListing(const std::string& archive) {
  auto r = RunRecital({"series", "--archive", archive, "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(SeriesIndexCliTest, AnyIngestOrderAndBatchGivesTheSeriesOfOneSortedIngest) {
  RECITAL_REQUIRE_CORPUS();
  std::vector<std::string> files = testing::CorpusFiles();
  ASSERT_GT(files.size(), 50u);
  for (const auto& e : std::filesystem::directory_iterator(testing::CorpusDir() + "/pdf")) {
    if (e.path().extension() == ".pdf") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  TempDir dir;
  const std::string sorted = dir.str() + "/sorted";
  std::vector<std::string> args = {"ingest", "--archive", sorted};
  args.insert(args.end(), files.begin(), files.end());
  ASSERT_EQ(RunRecital(args).exit_code, 0);
  const std::string want = SeriesListing(sorted);
  // SOURCES.tsv's unhcr-annual series (the High Commissioner's annual resolution, 1953-2000:
  // 27 symbols, read from the file) is one series.
  const nlohmann::json listing = nlohmann::json::parse(want);
  const std::vector<std::string> unhcr = {
      "A/RES/728(VIII)", "A/RES/925(X)",   "A/RES/1284(XIII)", "A/RES/1499(XV)",
      "A/RES/1959(XVIII)", "A/RES/2197(XXI)", "A/RES/2594(XXIV)", "A/RES/2650(XXV)",
      "A/RES/2789(XXVI)", "A/RES/2956(XXVII)", "A/RES/3143(XXVIII)", "A/RES/32/67",
      "A/RES/33/26",      "A/RES/34/60",      "A/RES/35/41",      "A/RES/36/125",
      "A/RES/39/140",     "A/RES/40/118",     "A/RES/41/124",     "A/RES/42/109",
      "A/RES/43/117",     "A/RES/45/140",     "A/RES/48/116",     "A/RES/49/169",
      "A/RES/50/152",     "A/RES/51/75",      "A/RES/55/74"};
  bool found = false;
  for (const auto& series : listing) {
    std::vector<std::string> members = series["symbols"];
    if (std::find(members.begin(), members.end(), unhcr.front()) == members.end()) continue;
    found = true;
    for (const std::string& s : unhcr) {
      EXPECT_NE(std::find(members.begin(), members.end(), s), members.end()) << s;
    }
  }
  EXPECT_TRUE(found);
  std::mt19937 shuffle(17);
  for (const char* batch : {"3"}) {  // (one order: every ingest of the corpus takes seconds)
    std::vector<std::string> order = files;
    std::shuffle(order.begin(), order.end(), shuffle);
    const std::string archive = dir.str() + "/batch-" + batch;
    args = {"ingest", "--batch", batch, "--archive", archive};
    args.insert(args.end(), order.begin(), order.end());
    ASSERT_EQ(RunRecital(args).exit_code, 0);
    EXPECT_EQ(SeriesListing(archive), want) << "batch " << batch;
    auto verify = RunRecital({"verify", "--archive", archive});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    EXPECT_NE(verify.out.find(", 0 problem(s)"), std::string::npos) << verify.out;
  }
}

}  // namespace
}  // namespace recital

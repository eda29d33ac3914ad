// The archive commands end to end: ingest, cat, ls, show, verify, stats on the real corpus and
// on releases written by these tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using ::testing::HasSubstr;
using testing::RunRecital;

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

std::vector<std::string> IngestArgs(const std::string& archive,
                                    const std::vector<std::string>& files) {
  std::vector<std::string> args = {"ingest", "--archive", archive, "--json"};
  args.insert(args.end(), files.begin(), files.end());
  return args;
}

TEST(StoreCliTest, EveryCorpusFileComesBackByteForByte) {
  RECITAL_REQUIRE_CORPUS();
  testing::TempDir dir;
  std::string archive = dir.str() + "/a";
  auto files = testing::CorpusFiles();
  ASSERT_FALSE(files.empty());
  auto run = RunRecital(IngestArgs(archive, files));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto results = JsonLines(run.out);
  ASSERT_EQ(results.size(), files.size());
  for (const auto& r : results) {
    std::string file = r["file"];
    ASSERT_TRUE(r["status"] == "added" || r["status"] == "version") << r.dump();
    std::string symbol = r["symbol"];
    auto cat = RunRecital({"cat", "--archive", archive, symbol, "--version",
                           std::to_string(r["version"].get<int>())});
    ASSERT_EQ(cat.exit_code, 0) << cat.err;
    EXPECT_EQ(cat.out, testing::ReadFile(file)) << file;
  }
  auto verify = RunRecital({"verify", "--archive", archive});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

TEST(StoreCliTest, IngestingTheCorpusAgainChangesNothing) {
  RECITAL_REQUIRE_CORPUS();
  testing::TempDir dir;
  std::string archive = dir.str() + "/a";
  auto files = testing::CorpusFiles();
  ASSERT_EQ(RunRecital(IngestArgs(archive, files)).exit_code, 0);
  auto before = RunRecital({"stats", "--archive", archive, "--json"});
  auto again = RunRecital(IngestArgs(archive, files));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const auto& r : JsonLines(again.out)) EXPECT_EQ(r["status"], "unchanged") << r.dump();
  auto after = RunRecital({"stats", "--archive", archive, "--json"});
  ASSERT_EQ(before.exit_code, 0);
  auto b = nlohmann::json::parse(before.out), a = nlohmann::json::parse(after.out);
  EXPECT_EQ(b["objects"], a["objects"]);
  EXPECT_EQ(b["object_bytes"], a["object_bytes"]);
  EXPECT_EQ(b["stored_bytes"], a["stored_bytes"]);
  EXPECT_EQ(b["versions"], a["versions"]);
  EXPECT_GT(b["documents"].get<int>(), 10);
}

TEST(StoreCliTest, ShowGivesTheSameJsonAsParse) {
  RECITAL_REQUIRE_CORPUS();
  testing::TempDir dir;
  std::string archive = dir.str() + "/a";
  std::string file = testing::CorpusDir() + "/A-RES-54-144.ods.txt";
  ASSERT_EQ(RunRecital(IngestArgs(archive, {file})).exit_code, 0);
  auto show = RunRecital({"show", "--archive", archive, "A/RES/54/144", "--format", "json"});
  auto parse = RunRecital({"parse", file, "--format", "json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  ASSERT_EQ(parse.exit_code, 0) << parse.err;
  EXPECT_EQ(nlohmann::json::parse(show.out), nlohmann::json::parse(parse.out));
  auto text = RunRecital({"show", "--archive", archive, "A/RES/54/144"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("A/RES/54/144"));
}

TEST(StoreCliTest, RefusedAndMissingFilesAreReportedAndAMissingOneExitsTwo) {
  testing::TempDir dir;
  std::string archive = dir.str() + "/a";
  std::string good = dir.str() + "/A-RES-55-101.ods.txt", junk = dir.str() + "/notes.txt";
  testing::WriteFile(good, testing::SeriesRelease(1, 55));
  testing::WriteFile(junk, "Shopping list: bread, milk, and a resolution to do better.\n");
  auto run = RunRecital(IngestArgs(archive, {junk, dir.str() + "/absent.txt", good}));
  EXPECT_EQ(run.exit_code, 2) << run.err;  // refused alone exit 1; a missing file is trouble
  std::map<std::string, std::string> status;
  for (const auto& r : JsonLines(run.out)) status[r["file"]] = r["status"];
  EXPECT_EQ(status[junk], "refused");
  EXPECT_EQ(status[dir.str() + "/absent.txt"], "refused");
  EXPECT_EQ(status[good], "added");
  EXPECT_THAT(run.err, HasSubstr("refused"));  // the summary line
  auto plain = RunRecital({"ingest", "--archive", archive, junk});
  EXPECT_EQ(plain.exit_code, 1);
  EXPECT_THAT(plain.err, HasSubstr(junk));
  EXPECT_THAT(plain.out, HasSubstr("1 files: 0 added, 0 new versions, 0 unchanged, 1 refused"));
}

TEST(StoreCliTest, DirectoriesAreReadRecursivelyAndLsListsDocuments) {
  testing::TempDir dir;
  std::string archive = dir.str() + "/a", in = dir.str() + "/in";
  std::filesystem::create_directories(in + "/deeper");
  std::filesystem::create_directories(in + "/.hidden");
  testing::WriteFile(in + "/A-RES-55-101.ods.txt", testing::SeriesRelease(1, 55));
  testing::WriteFile(in + "/deeper/A-RES-56-101.ods.txt", testing::SeriesRelease(1, 56));
  testing::WriteFile(in + "/.hidden/x.txt", "not read");
  auto run = RunRecital({"ingest", "--archive", archive, in});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("2 files: 2 added"));
  auto ls = RunRecital({"ls", "--archive", archive, "--json"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  auto docs = nlohmann::json::parse(ls.out);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["symbol"], "A/RES/55/101");
  EXPECT_EQ(docs[0]["versions"].size(), 1u);
  auto s56 = RunRecital({"ls", "--archive", archive, "--session", "56"});
  EXPECT_THAT(s56.out, HasSubstr("A/RES/56/101"));
  EXPECT_THAT(s56.out, ::testing::Not(HasSubstr("A/RES/55/101")));
}

TEST(StoreCliTest, NewBytesForAKnownSymbolAddAVersion) {
  testing::TempDir dir;
  std::string archive = dir.str() + "/a";
  std::string v1 = dir.str() + "/v1.txt", v2 = dir.str() + "/v2.txt";
  testing::WriteFile(v1, testing::SeriesRelease(2, 57));
  testing::WriteFile(v2, testing::SeriesRelease(2, 57, /*variant=*/1));
  ASSERT_EQ(RunRecital({"ingest", "--archive", archive, v1}).exit_code, 0);
  auto run = RunRecital(IngestArgs(archive, {v2}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(JsonLines(run.out).at(0)["status"], "version");
  EXPECT_EQ(RunRecital({"cat", "--archive", archive, "A/RES/57/102"}).out, testing::ReadFile(v2));
  EXPECT_EQ(RunRecital({"cat", "--archive", archive, "A/RES/57/102", "--version", "1"}).out,
            testing::ReadFile(v1));
  auto bad = RunRecital({"cat", "--archive", archive, "A/RES/57/102", "--version", "3"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("2 version(s)"));
}

TEST(StoreCliTest, MissingArchiveIsAClearError) {
  testing::TempDir dir;
  for (const char* cmd : {"ls", "verify", "stats"}) {
    auto run = RunRecital({cmd, "--archive", dir.str() + "/nothing"});
    EXPECT_EQ(run.exit_code, 2) << cmd;
    EXPECT_THAT(run.err, HasSubstr("no archive at")) << cmd;
  }
  auto env = RunRecital({"ls"}, {"RECITAL_ARCHIVE=" + dir.str() + "/viaenv"});
  EXPECT_THAT(env.err, HasSubstr("viaenv"));
}

}  // namespace
}  // namespace recital

namespace recital {
namespace {

// Corpus files whose text carries no symbol (SOURCES.tsv gives it) are stored under the symbol
// their file name spells; the session follows from that symbol so the series log orders them.
TEST(StoreCliTest, SymbolFromFileNameAlsoGivesTheSession) {
  RECITAL_REQUIRE_CORPUS();
  testing::TempDir dir;
  std::string archive = dir.str() + "/a";
  std::string corpus = testing::CorpusDir();
  auto run = testing::RunRecital({"ingest", "--archive", archive, "--json",
                                  corpus + "/A-RES-33-26.unhcr.txt",
                                  corpus + "/A-RES-3143(XXVIII).refworld.txt"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto ls = testing::RunRecital({"ls", "--archive", archive, "--json"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_THAT(ls.out, ::testing::HasSubstr("A/RES/33/26"));
  for (auto [symbol, session, number] :
       {std::tuple{"A/RES/33/26", 33u, 26u}, std::tuple{"A/RES/3143(XXVIII)", 28u, 3143u}}) {
    auto show = testing::RunRecital({"show", "--archive", archive, symbol, "--format", "json"});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    auto j = nlohmann::json::parse(show.out);
    EXPECT_EQ(j["session"], session) << symbol;
    EXPECT_EQ(j["number"], number) << symbol;
  }
}

}  // namespace
}  // namespace recital

// `recital gc` end to end: every answer the same afterwards, refused while the archive is in
// use, JSON keys, and the real corpus coming back byte for byte after a gc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "store/store.h"
#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::RunRecital;

struct Stored {
  std::string file, symbol;
  int version = 0;
};

// Ingests files with `recital ingest --json`; what was stored, per file.
std::vector<Stored> Ingest(const std::string& archive, const std::vector<std::string>& files) {
  std::vector<std::string> args = {"ingest", "--archive", archive, "--json"};
  args.insert(args.end(), files.begin(), files.end());
  auto run = RunRecital(args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::vector<Stored> out;
  std::istringstream in(run.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    if (j["status"] != "added" && j["status"] != "version") continue;
    out.push_back({j["file"], j["symbol"], j["version"].get<int>()});
  }
  return out;
}

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") files.push_back(e.path().string());  // not truth.jsonl
  }
  std::sort(files.begin(), files.end());
  return files;
}

// cat and show --format json of every stored version, and ls.
std::vector<std::string> Answers(const std::string& archive, const std::vector<Stored>& stored) {
  std::vector<std::string> out;
  for (const auto& s : stored) {
    std::string v = std::to_string(s.version);
    auto cat = RunRecital({"cat", "--archive", archive, s.symbol, "--version", v});
    auto show = RunRecital({"show", "--archive", archive, s.symbol, "--format", "json"});
    EXPECT_EQ(cat.exit_code, 0) << cat.err;
    EXPECT_EQ(show.exit_code, 0) << show.err;
    out.push_back(cat.out);
    out.push_back(show.out);
  }
  out.push_back(RunRecital({"ls", "--archive", archive}).out);
  return out;
}

TEST(GcCliTest, GeneratedSeriesAnswersTheSameAfterGc) {
  testing::TempDir dir;
  const std::string releases = dir.str() + "/rel", archive = dir.str() + "/a";
  auto gen = RunRecital({"generate", "--out", releases, "--series", "4", "--sessions", "8",
                         "--seed", "3", "--quiet"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  auto stored = Ingest(archive, FilesIn(releases));
  ASSERT_EQ(stored.size(), 32u);
  auto before = Answers(archive, stored);
  auto gc = RunRecital({"gc", "--archive", archive, "--json"});
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  auto j = nlohmann::json::parse(gc.out);
  for (const char* key : {"before_bytes", "after_bytes", "seconds"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_LE(j["after_bytes"].get<uint64_t>(), j["before_bytes"].get<uint64_t>());
  EXPECT_EQ(j["after_bytes"].get<uint64_t>(), fs::file_size(fs::path(archive) / "data.mdb"));
  EXPECT_EQ(Answers(archive, stored), before);
  auto verify = RunRecital({"verify", "--archive", archive});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  // The plain summary names both sizes.
  auto plain = RunRecital({"gc", "--archive", archive});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_THAT(plain.out, HasSubstr("gc: "));
  EXPECT_THAT(plain.out, HasSubstr(" bytes ("));
  EXPECT_THAT(plain.out, HasSubstr("pages"));
}

TEST(GcCliTest, RefusedWithExitTwoWhileTheArchiveIsOpen) {
  testing::TempDir dir;
  const std::string releases = dir.str() + "/rel", archive = dir.str() + "/a";
  ASSERT_EQ(RunRecital({"generate", "--out", releases, "--sessions", "3", "--quiet"}).exit_code,
            0);
  ASSERT_EQ(Ingest(archive, FilesIn(releases)).size(), 3u);
  {
    auto reader = store::Archive::Open(archive, {});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto gc = RunRecital({"gc", "--archive", archive});
    EXPECT_EQ(gc.exit_code, 2);
    EXPECT_THAT(gc.err, HasSubstr("archive " + archive + " is in use by another recital process"));
    EXPECT_THAT(gc.err, HasSubstr("try again when they are done"));
    EXPECT_EQ(gc.out, "");
  }
  EXPECT_EQ(RunRecital({"gc", "--archive", archive}).exit_code, 0);
}

TEST(GcCliTest, NoArchiveAndHelp) {
  testing::TempDir dir;
  auto gc = RunRecital({"gc", "--archive", dir.str() + "/none"});
  EXPECT_EQ(gc.exit_code, 2);
  EXPECT_THAT(gc.err, HasSubstr("no archive at"));
  auto help = RunRecital({"gc", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Example:"));
  EXPECT_THAT(help.out, HasSubstr("recital gc --archive"));
}

TEST(GcCliTest, EveryCorpusFileComesBackByteForByteAfterGc) {
  RECITAL_REQUIRE_CORPUS();
  testing::TempDir dir;
  const std::string archive = dir.str() + "/a";
  auto files = testing::CorpusFiles();
  auto stored = Ingest(archive, files);
  ASSERT_EQ(stored.size(), files.size());
  auto gc = RunRecital({"gc", "--archive", archive});
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  for (const auto& s : stored) {
    auto cat = RunRecital({"cat", "--archive", archive, s.symbol, "--version",
                           std::to_string(s.version)});
    ASSERT_EQ(cat.exit_code, 0) << cat.err;
    EXPECT_EQ(cat.out, testing::ReadFile(s.file)) << s.file;
  }
  EXPECT_EQ(RunRecital({"verify", "--archive", archive}).exit_code, 0);
}

}  // namespace
}  // namespace recital

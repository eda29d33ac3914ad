// `recital ingest DIR`: what a directory walk takes. A collection folder holds more than
// releases (README, SOURCES.tsv, PDFs); only its *.txt files are releases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using ::testing::HasSubstr;
using testing::RunRecital;

TEST(StoreCliTest, DirectoryWalkTakesOnlyTextFilesUnlessAllFiles) {
  testing::TempDir dir;
  std::string in = dir.str() + "/in";
  std::filesystem::create_directories(in + "/sub");
  testing::WriteFile(in + "/A-RES-55-101.ods.txt", testing::SeriesRelease(1, 55));
  testing::WriteFile(in + "/sub/A-RES-56-101.ods.TXT", testing::SeriesRelease(1, 56));
  testing::WriteFile(in + "/SOURCES.tsv", "file\tsymbol\nA-RES-55-101.ods.txt\tA/RES/55/101\n");
  testing::WriteFile(in + "/README.md", "# My collection\n");

  auto run = RunRecital({"ingest", "--archive", dir.str() + "/a", in});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("2 files: 2 added, 0 new versions, 0 unchanged, 0 refused"));
  EXPECT_THAT(run.err, HasSubstr("2 files in the directories given are not *.txt"));
  EXPECT_THAT(run.err, HasSubstr("--all-files"));

  // Named on the command line, a file is always taken (and here refused: not a resolution).
  auto named = RunRecital({"ingest", "--archive", dir.str() + "/a", in + "/README.md"});
  EXPECT_EQ(named.exit_code, 1) << named.err;
  EXPECT_THAT(named.out, HasSubstr("1 files: 0 added, 0 new versions, 0 unchanged, 1 refused"));

  // --all-files walks everything: the two .txt are unchanged, README.md is refused.
  auto all = RunRecital({"ingest", "--archive", dir.str() + "/b", "--all-files", in});
  EXPECT_THAT(all.out, HasSubstr("4 files: 2 added"));
  EXPECT_THAT(all.err, ::testing::Not(HasSubstr("not *.txt")));
}

}  // namespace
}  // namespace recital

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;

TEST(CliMainTest, VersionNamesEveryLibrary) {
  auto r = RunRecital({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* lib : {"recital ", "LMDB 0.9", "zstd 1.", "xxHash 0.8", "Cap'n Proto 0.9"}) {
    EXPECT_NE(r.out.find(lib), std::string::npos) << lib << " missing from:\n" << r.out;
  }
}

TEST(CliMainTest, HelpListsUsageAndExitsZero) {
  auto r = RunRecital({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
}

TEST(CliMainTest, UnknownCommandIsMisuseExitTwo) {
  auto r = RunRecital({"no-such-command"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace recital

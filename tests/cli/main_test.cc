#include <gtest/gtest.h>

#include <sstream>
#include <string>

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

// As git: `recital --help` names each command with one short line; the detail is in
// `recital COMMAND --help`. Everything fits an 80-column terminal.
TEST(CliMainTest, HelpGivesOneShortLinePerCommand) {
  auto r = RunRecital({"--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  bool in_commands = false;
  int commands = 0;
  while (std::getline(in, line)) {
    EXPECT_LE(line.size(), 80u) << line;
    if (line == "Subcommands:") {
      in_commands = true;
      continue;
    }
    if (!in_commands || line.empty()) {
      in_commands = in_commands && !line.empty();
      continue;
    }
    // "  name   brief": a command name at two spaces, never a continuation line.
    EXPECT_EQ(line.rfind("  ", 0), 0u) << line;
    EXPECT_NE(line[2], ' ') << "a continuation line: " << line;
    ++commands;
  }
  EXPECT_GE(commands, 16);
  // The detail lives in the command's own help.
  auto ingest = RunRecital({"ingest", "--help"});
  EXPECT_NE(ingest.out.find("Directories are read"), std::string::npos) << ingest.out;
}

TEST(CliMainTest, UnknownCommandIsMisuseExitTwo) {
  auto r = RunRecital({"no-such-command"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace recital

// The man page (STYLE.md: generated from --help with help2man; cli/CMakeLists.txt, scripts/make-man).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "tests/test_util.h"

namespace recital {
namespace {

// True when page holds text (a plain bool keeps a failure message short: no page dump).
bool Has(const std::string& page, const std::string& text) {
  return page.find(text) != std::string::npos;
}

TEST(ManPageTest, HasASectionForEveryCommandInHelp) {
  // The build writes recital.1 at the top of the build tree (cli/recital -> ../recital.1).
  std::filesystem::path page =
      std::filesystem::path(RECITAL_BINARY).parent_path().parent_path() / "recital.1";
  if (!std::filesystem::exists(page)) {
    GTEST_SKIP() << page << " was not built: help2man is not installed (scripts/install-deps)";
  }
  std::string man = testing::ReadFile(page.string());
  EXPECT_TRUE(Has(man, ".TH RECITAL \"1\""));
  auto help = testing::RunRecital({"--help"});
  ASSERT_EQ(help.exit_code, 0);
  std::istringstream in(help.out.substr(help.out.find("Subcommands:")));
  std::string line;
  int commands = 0;
  const std::regex command_line("^  ([a-z][a-z-]*)  .*");
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, command_line)) continue;
    ++commands;
    EXPECT_TRUE(Has(man, ".SS \"recital " + m[1].str() + "\"")) << m[1];
  }
  EXPECT_GE(commands, 16);  // parse ingest ls show cat verify stats diff generate series log ...
  // The --help text of a command is in it, options and example included.
  EXPECT_TRUE(Has(man, "--all-files  "));  // the option table of `recital ingest --help`
  EXPECT_TRUE(Has(man, "  recital ingest --archive ~/un-archive"));  // its example
}

}  // namespace
}  // namespace recital

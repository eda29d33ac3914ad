// Helpers for tests: temp directories, the real corpus, running the CLI.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace recital::testing {

// A fresh directory under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// ../shared/corpus, or "" when absent (tests then GTEST_SKIP() with CorpusMissingMessage()).
std::string CorpusDir();
std::string CorpusMissingMessage();
// All *.txt files of the corpus, sorted; empty when absent.
std::vector<std::string> CorpusFiles();
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& data);

// Runs the built `recital` binary with args (each passed as one argument), stdin from
// /dev/null. Captures stdout and stderr separately.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
RunResult RunRecital(const std::vector<std::string>& args,
                     const std::vector<std::string>& env = {});

}  // namespace recital::testing

// Skips the current test when the corpus is absent.
#define RECITAL_REQUIRE_CORPUS()                                          \
  do {                                                                    \
    if (::recital::testing::CorpusDir().empty())                          \
      GTEST_SKIP() << ::recital::testing::CorpusMissingMessage();         \
  } while (0)

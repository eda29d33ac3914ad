// Atomicity and isolation with real processes: `recital ingest` killed with SIGKILL at random
// points, and a reader walking the archive while an ingest runs.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <random>
#include <sstream>
#include <thread>

#include "store/store.h"
#include "tests/store/store_test_util.h"
#include "tests/test_util.h"

namespace recital {
namespace {

// Starts `recital ingest --json` with stdout into out_path; returns the child's pid.
pid_t StartIngest(const std::string& archive, const std::vector<std::string>& files,
                  const std::string& out_path, const std::string& batch) {
  std::vector<std::string> args = {RECITAL_BINARY, "ingest", "--archive", archive, "--json",
                                   "--batch", batch};
  args.insert(args.end(), files.begin(), files.end());
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int null = open("/dev/null", O_RDWR);
    if (out < 0 || null < 0) _exit(127);
    dup2(out, 1);
    dup2(null, 2);
    dup2(null, 0);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// The (symbol, version, file) of every line reporting a stored release. A line cut off by the
// kill is not a report and is skipped.
struct Stored {
  std::string symbol;
  int version;
  std::string file;
};
std::vector<Stored> StoredLines(const std::string& out) {
  std::vector<Stored> stored;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("status")) continue;
    if (j["status"] == "added" || j["status"] == "version") {
      stored.push_back({j["symbol"], j["version"], j["file"]});
    }
  }
  return stored;
}

// Opens read-only, verifies, and checks each reported release byte for byte.
void CheckArchive(const std::string& archive, const std::vector<Stored>& stored, int round) {
  auto a = store::Archive::Open(archive, {});
  if (!a.ok() && a.status().IsNotFound()) {
    ASSERT_TRUE(stored.empty()) << "round " << round;  // killed before the archive existed
    return;
  }
  ASSERT_TRUE(a.ok()) << "round " << round << ": " << a.status().ToString();
  auto report = (*a)->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->ok()) << "round " << round << ": " << report->problems[0].what;
  for (const auto& s : stored) {
    auto raw = (*a)->GetRawRelease(s.symbol, s.version);
    ASSERT_TRUE(raw.ok()) << "round " << round << ": " << s.file << ": " << raw.status().ToString();
    ASSERT_EQ(*raw, testing::ReadFile(s.file)) << "round " << round << ": " << s.file;
    ASSERT_TRUE((*a)->GetResolution(s.symbol, s.version).ok()) << s.file;
  }
}

TEST(CrashTest, KilledIngestLeavesOnlyWholeReleases) {
  const uint32_t seed = 20261128;
  std::printf("crash test seed %u\n", seed);
  std::fflush(stdout);  // forked children must not inherit a full buffer
  std::mt19937 rng(seed);
  testing::TempDir dir;
  std::string archive = dir.str() + "/archive";
  // 4 series x 40 sessions, ODS layout, each release ~2 KB.
  std::vector<std::string> files;
  for (uint32_t session = 40; session < 80; ++session) {
    for (uint32_t series = 0; series < 4; ++series) {
      std::string f = dir.str() + "/A-RES-" + std::to_string(session) + "-" +
                      std::to_string(100 + series) + ".ods.txt";
      testing::WriteFile(f, testing::SeriesRelease(series, session));
      files.push_back(f);
    }
  }
  std::vector<Stored> all_stored;
  int kills = 0, max_delay_us = 40000;
  for (int round = 0; kills < 20 && round < 80; ++round) {
    // Each round offers the next 12 files not yet reported stored, so there is always new
    // work to interrupt, after two that are (to be found unchanged).
    std::set<std::string> done;
    for (const auto& s : all_stored) done.insert(s.file);
    std::vector<std::string> offered;
    for (const auto& f : files) {
      if (done.count(f) && offered.size() < 2) offered.push_back(f);
    }
    for (const auto& f : files) {
      if (!done.count(f) && offered.size() < 14) offered.push_back(f);
    }
    std::string out = dir.str() + "/out" + std::to_string(round);
    pid_t pid = StartIngest(archive, offered, out, "3");
    ASSERT_GT(pid, 0);
    // Odd rounds: kill at a random time. Even rounds: wait until the child has reported a
    // random number of results (so commits have happened), then kill a little later.
    if (round % 2 == 1) {
      int delay = std::uniform_int_distribution<int>(0, max_delay_us)(rng);
      std::this_thread::sleep_for(std::chrono::microseconds(delay));
    } else {
      size_t lines = std::uniform_int_distribution<size_t>(1, 10)(rng);
      for (int i = 0; i < 20000; ++i) {
        std::ifstream so_far(out);
        size_t seen = std::count(std::istreambuf_iterator<char>(so_far),
                                 std::istreambuf_iterator<char>(), '\n');
        if (seen >= lines) break;
        siginfo_t info{};
        if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) break;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
      std::this_thread::sleep_for(
          std::chrono::microseconds(std::uniform_int_distribution<int>(0, 3000)(rng)));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
      ++kills;
    } else {
      max_delay_us = std::max(2000, max_delay_us * 3 / 4);  // finished first: kill sooner
    }
    // The child may have been killed before it created its output file.
    std::ifstream out_file(out);
    std::string out_text((std::istreambuf_iterator<char>(out_file)), std::istreambuf_iterator<char>());
    auto stored = StoredLines(out_text);
    all_stored.insert(all_stored.end(), stored.begin(), stored.end());
    CheckArchive(archive, all_stored, round);
    if (HasFatalFailure()) return;
  }
  std::printf("killed %d ingests mid-run; %zu releases reported stored\n", kills, all_stored.size());
  std::fflush(stdout);
  EXPECT_GE(kills, 20);
  // A last run without a kill completes everything.
  std::vector<std::string> args = {"ingest", "--archive", archive, "--json"};
  args.insert(args.end(), files.begin(), files.end());
  auto run = testing::RunRecital(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto stored = StoredLines(run.out);
  all_stored.insert(all_stored.end(), stored.begin(), stored.end());
  CheckArchive(archive, all_stored, -1);
  auto a = store::Archive::Open(archive, {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->ListDocuments()->size(), files.size());
}

TEST(CrashTest, ReaderDuringIngestSeesOnlyCompleteReleases) {
  testing::TempDir dir;
  std::string archive = dir.str() + "/archive";
  std::map<std::string, std::string> bytes_by_symbol;
  std::vector<std::string> files;
  for (uint32_t session = 30; session < 80; ++session) {
    for (uint32_t series = 0; series < 3; ++series) {
      std::string f = dir.str() + "/r" + std::to_string(session) + "_" + std::to_string(series);
      std::string text = testing::SeriesRelease(series, session);
      testing::WriteFile(f, text);
      files.push_back(f);
      bytes_by_symbol["A/RES/" + std::to_string(session) + "/" + std::to_string(100 + series)] = text;
    }
  }
  // Create the archive first so the reader can open it at once.
  ASSERT_EQ(testing::RunRecital({"ingest", "--archive", archive, files[0]}).exit_code, 0);
  pid_t pid = StartIngest(archive, files, dir.str() + "/out", "2");
  int snapshots = 0, max_seen = 0;
  for (;;) {
    int status = 0;
    bool done = waitpid(pid, &status, WNOHANG) == pid;
    auto a = store::Archive::Open(archive, {});
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto docs = (*a)->ListDocuments();
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    for (const auto& d : *docs) {
      auto raw = (*a)->GetRawRelease(d.symbol);
      ASSERT_TRUE(raw.ok()) << d.symbol << ": " << raw.status().ToString();
      ASSERT_EQ(*raw, bytes_by_symbol[d.symbol]) << d.symbol;
      auto res = (*a)->GetResolution(d.symbol);
      ASSERT_TRUE(res.ok()) << d.symbol << ": " << res.status().ToString();
      ASSERT_EQ(res->symbol, d.symbol);
    }
    ++snapshots;
    max_seen = std::max<int>(max_seen, docs->size());
    if (done) {
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
      break;
    }
  }
  EXPECT_EQ(max_seen, static_cast<int>(files.size()));
  EXPECT_GE(snapshots, 2);
  std::printf("reader took %d snapshots during the ingest\n", snapshots);
  std::fflush(stdout);
}

}  // namespace
}  // namespace recital

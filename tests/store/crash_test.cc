// Atomicity and isolation with real processes. A forked child ingests and SIGKILLs itself
// before its n-th LMDB write (store::SetWriteHookForTesting): whatever n, the archive holds only
// whole releases and every release reported stored. A reader in another process, run while a
// child writer is held mid-transaction, sees only complete releases. Kill points are counted in
// writes, never in time, so every kill lands however loaded the machine is.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "store/lmdb_env.h"
#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;

// Series `series` at session `session` in FakeParse's line format: most wording repeats the
// previous session's, so releases compress against each other as a real series does.
std::string SeriesFakeRelease(uint32_t series, uint32_t session) {
  const std::string topic = "the displaced persons of region " + std::to_string(series);
  const std::string previous =
      "A/RES/" + std::to_string(session - 1) + "/" + std::to_string(100 + series);
  std::vector<std::string> pre = {
      "Recalling its resolution " + previous + " on " + topic + ",",
      "Having considered the report of the Secretary-General on " + topic + ",",
      "Noting with satisfaction the efforts of the Office of the United Nations High "
      "Commissioner for Refugees in the region,",
  };
  std::vector<std::string> op = {
      "Takes note of the report of the Secretary-General;",
      "Calls upon all States to continue to support " + topic + ";",
      "Requests the Secretary-General to report at session " + std::to_string(session + 1) + ";",
  };
  if (session % 3 == 0) op.insert(op.begin() + 1, "Welcomes the progress made since session " +
                                                      std::to_string(session - 1) + ";");
  return testing::FakeRelease("A/RES/" + std::to_string(session) + "/" +
                                  std::to_string(100 + series),
                              session, "Assistance to " + topic, pre, op, {previous});
}

struct Release {
  std::string file;
  std::string symbol;
};

// Stored results as the child reports them: "symbol TAB version TAB file" per line, written
// with write(2) from the ingest callback, which runs only after the release's transaction
// committed. A line cut off by the kill has no newline and is skipped.
struct Stored {
  std::string symbol;
  uint32_t version = 0;
  std::string file;
};

std::vector<Stored> ReadStored(const std::string& path) {
  std::vector<Stored> out;
  std::string text = fs::exists(path) ? testing::ReadFile(path) : "";
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline: cut off
    size_t a = line.find('\t'), b = line.rfind('\t');
    if (a == std::string::npos || a == b) continue;
    uint32_t version = static_cast<uint32_t>(std::stoul(line.substr(a + 1, b - a - 1)));
    out.push_back({line.substr(0, a), version, line.substr(b + 1)});
  }
  return out;
}

// Ingests files (paths; the store reads them) into archive, creating it; reports stored
// results to report_fd (-1: none). Returns the status of IngestBatch.
Status IngestFiles(const std::string& archive, const std::vector<std::string>& files,
                   int report_fd) {
  store::OpenOptions o;
  o.read_only = false;
  o.create_if_missing = true;
  auto a = store::Archive::Open(archive, o);
  if (!a.ok()) return a.status();
  std::vector<store::ReleaseInput> inputs;
  for (const auto& f : files) inputs.push_back({f, std::nullopt});
  store::IngestOptions options;
  options.parse = testing::FakeParse;
  options.batch_releases = 3;
  return (*a)->IngestBatch(std::move(inputs), options, [&](const store::IngestResult& r) {
    if (report_fd < 0) return;
    if (r.status != store::IngestStatus::kAdded && r.status != store::IngestStatus::kVersion) {
      return;
    }
    std::string line = r.symbol + "\t" + std::to_string(r.version) + "\t" + r.source_name + "\n";
    (void)!::write(report_fd, line.data(), line.size());
  });
}

uint64_t g_kill_at = 0;
void KillAtWrite(uint64_t n) {
  if (n == g_kill_at) raise(SIGKILL);
}
uint64_t g_writes = 0;
void CountWrite(uint64_t n) { g_writes = n; }

// Opens read-only, verifies, and checks each reported release byte for byte.
void CheckArchive(const std::string& archive, const std::vector<Stored>& stored,
                  const std::string& where) {
  auto a = store::Archive::Open(archive, {});
  if (!a.ok() && a.status().IsNotFound()) {
    ASSERT_TRUE(stored.empty()) << where;  // killed before the archive existed
    return;
  }
  ASSERT_TRUE(a.ok()) << where << ": " << a.status().ToString();
  auto report = (*a)->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->ok()) << where << ": " << report->problems[0].what;
  for (const auto& s : stored) {
    auto raw = (*a)->GetRawRelease(s.symbol, s.version);
    ASSERT_TRUE(raw.ok()) << where << ": " << s.file << ": " << raw.status().ToString();
    ASSERT_EQ(*raw, testing::ReadFile(s.file)) << where << ": " << s.file;
    ASSERT_TRUE((*a)->GetResolution(s.symbol, s.version).ok()) << s.file;
  }
}

// Writes 4 series x 40 sessions of releases into dir; returns their paths in session order.
std::vector<std::string> WriteSeries(const std::string& dir, uint32_t series, uint32_t first,
                                     uint32_t last) {
  std::vector<std::string> files;
  for (uint32_t session = first; session < last; ++session) {
    for (uint32_t s = 0; s < series; ++s) {
      std::string f = dir + "/r" + std::to_string(session) + "_" + std::to_string(s) + ".txt";
      testing::WriteFile(f, SeriesFakeRelease(s, session));
      files.push_back(f);
    }
  }
  return files;
}

TEST(CrashTest, KilledIngestLeavesOnlyWholeReleases) {
  const uint32_t seed = 20261128;
  std::printf("crash test seed %u\n", seed);
  std::mt19937 rng(seed);
  testing::TempDir dir;
  const std::string archive = dir.str() + "/archive", probe = dir.str() + "/probe";
  const std::vector<std::string> files = WriteSeries(dir.str(), 4, 40, 80);
  std::vector<Stored> all_stored;
  int kills = 0;
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    // Each round offers the next 12 files not yet reported stored, so there is always new work
    // to interrupt, after two that are (to be found unchanged).
    std::set<std::string> done;
    for (const auto& s : all_stored) done.insert(s.file);
    std::vector<std::string> offered;
    for (const auto& f : files) {
      if (done.count(f) && offered.size() < 2) offered.push_back(f);
    }
    for (const auto& f : files) {
      if (!done.count(f) && offered.size() < 14) offered.push_back(f);
    }
    // The writes an uninterrupted run makes, on a copy of the archive as it is now.
    fs::remove_all(probe);
    if (fs::exists(archive + "/data.mdb")) {
      fs::create_directories(probe);
      fs::copy_file(archive + "/data.mdb", probe + "/data.mdb");
    }
    store::SetWriteHookForTesting(CountWrite);
    g_writes = 0;
    Status probed = IngestFiles(probe, offered, -1);
    store::SetWriteHookForTesting(nullptr);
    ASSERT_TRUE(probed.ok()) << probed.ToString();
    ASSERT_GT(g_writes, 0u);
    // Kill before a write drawn from all of them: anywhere from the first put to the last
    // commit. The child reports what it stored only after each commit.
    g_kill_at = std::uniform_int_distribution<uint64_t>(1, g_writes)(rng);
    const std::string out = dir.str() + "/out" + std::to_string(round);
    std::fflush(stdout);  // the child must not inherit unwritten output
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
      store::SetWriteHookForTesting(KillAtWrite);
      Status st = IngestFiles(archive, offered, fd);
      _exit(st.ok() ? 0 : 3);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child was to die before write " << g_kill_at << " of " << g_writes;
    ++kills;
    auto stored = ReadStored(out);
    all_stored.insert(all_stored.end(), stored.begin(), stored.end());
    CheckArchive(archive, all_stored, "after a kill before write " + std::to_string(g_kill_at));
    if (HasFatalFailure()) return;
  }
  std::printf("killed %d ingests mid-run; %zu releases reported stored\n", kills,
              all_stored.size());
  EXPECT_EQ(kills, kRounds);
  // A last run without a kill completes everything.
  const std::string out = dir.str() + "/out-last";
  int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(IngestFiles(archive, files, fd).ok());
  ::close(fd);
  auto stored = ReadStored(out);
  all_stored.insert(all_stored.end(), stored.begin(), stored.end());
  CheckArchive(archive, all_stored, "after the last run");
  auto a = store::Archive::Open(archive, {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->ListDocuments()->size(), files.size());
  // A release is reported stored at most once (one killed after its commit but before the
  // report is found unchanged by the next run, and never reported).
  std::set<std::string> reported;
  for (const auto& s : all_stored) reported.insert(s.file);
  EXPECT_EQ(reported.size(), all_stored.size());
}

// The child writer stops before every kPauseEvery-th write: it tells the parent (one byte on
// a pipe) and waits for its answer, its write transaction open.
constexpr uint64_t kPauseEvery = 40;
int g_to_parent = -1, g_from_parent = -1;
void PauseForReader(uint64_t n) {
  if (n % kPauseEvery != 0) return;
  char c = 'p';
  if (::write(g_to_parent, &c, 1) != 1) _exit(4);
  if (::read(g_from_parent, &c, 1) != 1) _exit(5);
}

TEST(CrashTest, ReaderDuringIngestSeesOnlyCompleteReleases) {
  testing::TempDir dir;
  const std::string archive = dir.str() + "/archive";
  const std::vector<std::string> files = WriteSeries(dir.str(), 3, 30, 80);
  std::map<std::string, std::string> bytes_by_symbol;
  for (uint32_t session = 30; session < 80; ++session) {
    for (uint32_t s = 0; s < 3; ++s) {
      bytes_by_symbol["A/RES/" + std::to_string(session) + "/" + std::to_string(100 + s)] =
          SeriesFakeRelease(s, session);
    }
  }
  // Create the archive first so the reader can open it at once.
  ASSERT_TRUE(IngestFiles(archive, {files[0]}, -1).ok());
  int to_parent[2], from_parent[2];
  ASSERT_EQ(::pipe(to_parent), 0);
  ASSERT_EQ(::pipe(from_parent), 0);
  std::fflush(stdout);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(to_parent[0]);
    ::close(from_parent[1]);
    g_to_parent = to_parent[1];
    g_from_parent = from_parent[0];
    store::SetWriteHookForTesting(PauseForReader);
    _exit(IngestFiles(archive, files, -1).ok() ? 0 : 3);
  }
  ::close(to_parent[1]);
  ::close(from_parent[0]);
  int pauses = 0, partial = 0;
  size_t max_seen = 0;
  for (;;) {
    char c = 0;
    bool paused = ::read(to_parent[0], &c, 1) == 1;  // 0 bytes: the child is done
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
    max_seen = std::max(max_seen, docs->size());
    if (!paused) break;
    ++pauses;
    if (docs->size() > 1 && docs->size() < files.size()) ++partial;
    ASSERT_EQ(::write(from_parent[1], &c, 1), 1);
  }
  ::close(from_parent[1]);
  ::close(to_parent[0]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(max_seen, files.size());
  // 150 releases take well over 10 x kPauseEvery writes; the reader looked in at each pause,
  // and saw the archive part-way (neither the first release only nor all of them) at most.
  EXPECT_GE(pauses, 10);
  EXPECT_GE(partial, pauses / 2);
  std::printf("reader took %d snapshots during the ingest, %d of a part-way archive\n", pauses,
              partial);
}

}  // namespace
}  // namespace recital

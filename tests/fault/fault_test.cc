// Fault injection (#14): ingest, gc, migrate and backup with an I/O error, a short write, a
// dead disk or a kill at every write, sync and rename they make (tests/fault/fault_shim.h), each
// in a forked child on a fresh copy of the same archive. Whatever failed, the child ends without
// a crash (only the shim's SIGKILL), the archive verifies, every release the child reported
// stored is there byte for byte, nothing of it that a gc or a migration had is lost, and the same
// command run again without faults completes. Fault points are counted in calls, never in time.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "history/history.h"
#include "migrations/migrations.h"
#include "store/store.h"
#include "tests/fault/fault_shim.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;

struct Kind {
  int kind;
  bool persistent;
  const char* name;
};
constexpr Kind kKinds[] = {{kFaultEio, false, "EIO"},
                           {kFaultShort, false, "short write"},
                           {kFaultEio, true, "dead disk (EIO from then on)"},
                           {kFaultKill, false, "SIGKILL"}};

// One command under test. `base` is prepared once; every run gets a fresh copy of it as `work`
// (the shim's root). run() executes in the child and reports with Report(); check() and
// rerun() run in the parent, without faults.
struct Scenario {
  std::function<void(const std::string& base)> prepare;
  std::function<Status(const std::string& work)> run;
  // killed: the run died of the shim's SIGKILL, which may leave scratch files (removed by the
  // next run, or, for a creation, left unused).
  std::function<void(const std::string& work, const std::vector<std::string>& reported,
                     bool killed)>
      check;
};

int g_report_fd = -1;
void Report(const std::string& line) {
  std::string l = line + "\n";
  (void)!::write(g_report_fd, l.data(), l.size());  // outside the shim's root: never counted
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(fs::exists(path) ? testing::ReadFile(path) : "");
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // cut off by a kill
    out.push_back(line);
  }
  return out;
}

struct ChildResult {
  int status = 0;
  long calls = 0;
};

// Runs s.run on a fresh copy of base in a child with the shim armed.
ChildResult RunChild(const Scenario& s, const std::string& base, const std::string& work,
                     const std::string& report, long fail_at, const Kind& kind) {
  fs::remove_all(work);
  fs::copy(base, work, fs::copy_options::recursive);
  fs::remove(report);
  int pipe_fd[2];
  if (::pipe(pipe_fd) != 0) return {};
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    ::close(pipe_fd[0]);
    g_report_fd = ::open(report.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    FaultShimArm(work.c_str(), fail_at, kind.kind, kind.persistent);
    Status st = s.run(work);
    long calls = FaultShimCalls();
    FaultShimDisarm();
    (void)!::write(pipe_fd[1], &calls, sizeof calls);
    _exit(st.ok() ? 0 : 1);
  }
  ::close(pipe_fd[1]);
  ChildResult r;
  if (::read(pipe_fd[0], &r.calls, sizeof r.calls) != sizeof r.calls) r.calls = -1;
  ::close(pipe_fd[0]);
  waitpid(pid, &r.status, 0);
  return r;
}

// Every fault point when there are few; else the first and last ones (creation, commit, sync,
// rename and directory sync are at the ends) and an even spread between.
std::vector<long> Points(long calls) {
  std::vector<long> out;
  for (long n = 1; n <= calls; ++n) {
    if (calls <= 60 || n <= 15 || n > calls - 30 || n % ((calls - 45) / 15 + 1) == 0) {
      out.push_back(n);
    }
  }
  return out;
}

void RunScenario(const char* name, const Scenario& s) {
  testing::TempDir tmp;
  const std::string base = tmp.str() + "/base", work = tmp.str() + "/work",
                    report = tmp.str() + "/report";
  fs::create_directories(base);
  s.prepare(base);
  ChildResult probe = RunChild(s, base, work, report, 0, kKinds[0]);
  ASSERT_TRUE(WIFEXITED(probe.status) && WEXITSTATUS(probe.status) == 0)
      << name << ": the run without faults failed";
  ASSERT_GT(probe.calls, 0) << name;
  const std::vector<long> points = Points(probe.calls);
  int runs = 0, failed_runs = 0;
  for (const Kind& kind : kKinds) {
    for (long n : points) {
      SCOPED_TRACE(std::string(name) + ": " + kind.name + " at call " + std::to_string(n) +
                   " of " + std::to_string(probe.calls));
      ChildResult r = RunChild(s, base, work, report, n, kind);
      ++runs;
      if (WIFSIGNALED(r.status)) {
        ASSERT_TRUE(kind.kind == kFaultKill && WTERMSIG(r.status) == SIGKILL)
            << "the child died of signal " << WTERMSIG(r.status);
      } else if (WEXITSTATUS(r.status) != 0) {
        ++failed_runs;
      }
      s.check(work, ReadLines(report), WIFSIGNALED(r.status));
      if (::testing::Test::HasFatalFailure()) return;
      // The same command without faults completes from whatever was left.
      fs::remove(report);
      g_report_fd = ::open(report.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
      Status again = s.run(work);
      ::close(g_report_fd);
      ASSERT_TRUE(again.ok()) << "run again: " << again.ToString();
      s.check(work, ReadLines(report), WIFSIGNALED(r.status));
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
  std::printf("%s: %ld calls under the shim; %d faulty runs, %d of them failed cleanly\n", name,
              probe.calls, runs, failed_runs);
  EXPECT_GT(failed_runs, 0) << name << ": no fault ever surfaced";
}

// ---- checks ---------------------------------------------------------------------------

// The archive at dir verifies (allow_old: any format version) and holds every "symbol TAB
// version TAB file" reported, byte for byte. Returns its documents (symbol -> newest bytes).
std::map<std::string, std::string> CheckArchive(const std::string& dir,
                                                const std::vector<std::string>& reported,
                                                bool allow_old = false) {
  std::map<std::string, std::string> out;
  store::OpenOptions o;
  o.allow_old_format = allow_old;
  auto a = store::Archive::Open(dir, o);
  if (!a.ok() && a.status().IsNotFound()) {
    EXPECT_TRUE(reported.empty()) << "releases reported stored, and no archive";
    return out;
  }
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  if (!a.ok()) return out;
  // Verify judges the current format only (an older one's indexes have older layouts).
  if ((*a)->format_version() == store::kFormatVersion) {
    auto report = (*a)->Verify();
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (report.ok()) {
      EXPECT_TRUE(report->ok()) << report->problems[0].what;
    }
  }
  for (const auto& line : reported) {
    size_t t1 = line.find('\t'), t2 = line.rfind('\t');
    std::string symbol = line.substr(0, t1), file = line.substr(t2 + 1);
    uint32_t version = static_cast<uint32_t>(std::stoul(line.substr(t1 + 1, t2 - t1 - 1)));
    auto raw = (*a)->GetRawRelease(symbol, version);
    EXPECT_TRUE(raw.ok()) << symbol << " version " << version << ": " << raw.status().ToString();
    if (raw.ok()) {
      EXPECT_EQ(*raw, testing::ReadFile(file)) << symbol;
    }
  }
  auto docs = (*a)->ListDocuments();
  EXPECT_TRUE(docs.ok()) << docs.status().ToString();
  if (docs.ok()) {
    for (const auto& d : *docs) {
      auto raw = (*a)->GetRawRelease(d.symbol);
      EXPECT_TRUE(raw.ok()) << d.symbol;
      if (raw.ok()) out[d.symbol] = *raw;
    }
  }
  return out;
}

// Nothing but the archive's files is left, unless the run was killed mid-way.
void ExpectNoScratch(const std::string& dir, bool killed) {
  if (!fs::exists(dir)) return;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename();
    bool scratch = name.rfind(".recital-new-", 0) == 0 || name == ".gc-tmp";
    EXPECT_TRUE(name == "data.mdb" || name == "lock.mdb" || (killed && scratch))
        << dir << " holds " << name;
  }
}

Status IngestReporting(const std::string& dir, const std::vector<std::string>& files) {
  std::vector<testing::StoredRelease> stored;
  store::OpenOptions o;
  o.read_only = false;
  o.create_if_missing = true;
  o.defer_create = true;
  auto a = store::Archive::Open(dir, o);
  if (!a.ok()) return a.status();
  std::vector<store::ReleaseInput> inputs;
  for (const auto& f : files) inputs.push_back({f, std::nullopt});
  store::IngestOptions options;
  options.parse = testing::FakeParse;
  options.batch_releases = 3;
  // The derived indexes (format 6) in each batch's transaction, as `recital ingest` keeps them.
  store::Archive& archive = **a;
  options.derive = [&archive](store::DerivedTxn& txn, const std::vector<std::string>& touched) {
    return history::DeriveIndexes(archive, txn, touched);
  };
  return (*a)->IngestBatch(std::move(inputs), options, [](const store::IngestResult& r) {
    if (r.status == store::IngestStatus::kAdded || r.status == store::IngestStatus::kVersion) {
      Report(r.symbol + "\t" + std::to_string(r.version) + "\t" + r.source_name);
    }
  });
}

// Releases live outside the shim's root (they are only read).
std::vector<std::string> Releases(const std::string& dir, uint32_t first, uint32_t count) {
  fs::create_directories(dir);
  return testing::WriteFakeReleases(dir, first, count);
}

// The series index after a faulty ingest: fresh (then equal to detection over what the archive
// holds), or stale (readers compute); never fresh and wrong.
void ExpectSeriesIndexTrue(const std::string& dir) {
  auto a = store::Archive::Open(dir, {});
  if (!a.ok() && a.status().code() == StatusCode::kNotFound) return;  // nothing was created
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto check = history::CheckSeriesIndex(**a);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->empty()) << check->front();
}

TEST(FaultTest, IngestIntoANewArchive) {
  testing::TempDir files_dir;
  auto files = Releases(files_dir.str(), 50, 7);
  Scenario s;
  s.prepare = [](const std::string&) {};
  s.run = [&](const std::string& work) { return IngestReporting(work + "/a", files); };
  s.check = [&](const std::string& work, const std::vector<std::string>& reported,
                bool killed) {
    CheckArchive(work + "/a", reported);
    ExpectSeriesIndexTrue(work + "/a");
    ExpectNoScratch(work + "/a", killed);
  };
  RunScenario("ingest into a new archive", s);
}

TEST(FaultTest, IngestIntoAnArchiveWithNewVersions) {
  testing::TempDir files_dir;
  auto first = Releases(files_dir.str() + "/first", 50, 6);
  // The same symbols again with other bytes (new versions), and new ones.
  auto more = Releases(files_dir.str() + "/more", 53, 8);
  for (const auto& f : more) testing::WriteFile(f, testing::ReadFile(f) + "P A late addition,\n");
  Scenario s;
  s.prepare = [&](const std::string& base) {
    ASSERT_TRUE(testing::IngestFakeFiles(base + "/a", first, nullptr).ok());
  };
  s.run = [&](const std::string& work) { return IngestReporting(work + "/a", more); };
  s.check = [&](const std::string& work, const std::vector<std::string>& reported,
                bool killed) {
    auto docs = CheckArchive(work + "/a", reported);
    EXPECT_GE(docs.size(), 6u);  // what was there before is still there
    ExpectSeriesIndexTrue(work + "/a");
    ExpectNoScratch(work + "/a", killed);
  };
  RunScenario("ingest into an existing archive", s);
}

// Format 6: a derived index is replaced whole or not at all. Before the run the index holds
// "old" entries stamped at an older generation (a setting was written since: stale); after a
// faulty replace it is still stale, or fresh with exactly the new entries, never a mix.
TEST(FaultTest, ReplaceDerivedIndex) {
  testing::TempDir files_dir;
  auto files = Releases(files_dir.str(), 50, 4);
  std::vector<std::pair<std::string, std::string>> fresh_entries;
  for (int i = 0; i < 2000; ++i) {  // several pages: many writes before the commit
    fresh_entries.emplace_back("m/A/RES/" + std::to_string(i), std::string(40, 'n'));
  }
  Scenario s;
  s.prepare = [&](const std::string& base) {
    ASSERT_TRUE(testing::IngestFakeFiles(base + "/a", files, nullptr).ok());
    store::OpenOptions o;
    o.read_only = false;
    auto a = store::Archive::Open(base + "/a", o);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto gen = (*a)->InputGeneration();
    ASSERT_TRUE(gen.ok());
    auto old = (*a)->ReplaceDerived(store::kSeriesIndex, *gen, {{"m/old", "o"}});
    ASSERT_TRUE(old.ok() && *old);
    ASSERT_TRUE((*a)->PutSetting("series/name/s-0", "x").ok());
  };
  s.run = [&](const std::string& work) -> Status {
    store::OpenOptions o;
    o.read_only = false;
    auto a = store::Archive::Open(work + "/a", o);
    if (!a.ok()) return a.status();
    auto gen = (*a)->InputGeneration();
    if (!gen.ok()) return gen.status();
    auto done = (*a)->ReplaceDerived(store::kSeriesIndex, *gen, fresh_entries);
    if (!done.ok()) return done.status();
    return *done ? Status::Ok() : Status::Internal("inputs changed under the test");
  };
  s.check = [&](const std::string& work, const std::vector<std::string>&, bool killed) {
    CheckArchive(work + "/a", {});
    auto a = store::Archive::Open(work + "/a", {});
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto read = (*a)->ReadDerived(store::kSeriesIndex, "");
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    if (read->fresh) {
      EXPECT_EQ(read->entries.size(), fresh_entries.size());
      EXPECT_EQ(read->entries.front().first, "m/A/RES/0");
    }
    ExpectNoScratch(work + "/a", killed);
  };
  RunScenario("replace a derived index", s);
}

TEST(FaultTest, Gc) {
  testing::TempDir files_dir;
  auto files = Releases(files_dir.str(), 50, 12);
  std::map<std::string, std::string> before;
  Scenario s;
  s.prepare = [&](const std::string& base) {
    ASSERT_TRUE(testing::IngestFakeFiles(base + "/a", files, nullptr).ok());
    before = CheckArchive(base + "/a", {});
  };
  s.run = [](const std::string& work) {
    store::RepackOptions options;
    options.commit_entries = 20;  // several commits of the new file
    auto gc = store::RepackArchive(work + "/a", options);
    return gc.ok() ? Status::Ok() : gc.status();
  };
  s.check = [&](const std::string& work, const std::vector<std::string>&, bool killed) {
    EXPECT_EQ(CheckArchive(work + "/a", {}), before);
    ExpectNoScratch(work + "/a", killed);
  };
  RunScenario("gc", s);
}

TEST(FaultTest, MigrateWithBackup) {
  const std::string golden = std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/golden-v3";
  std::map<std::string, std::string> before;
  Scenario s;
  s.prepare = [&](const std::string& base) {
    fs::create_directories(base + "/a");
    fs::copy_file(golden + "/data.mdb", base + "/a/data.mdb");
    before = CheckArchive(base + "/a", {}, /*allow_old=*/true);
    ASSERT_FALSE(before.empty());
  };
  s.run = [](const std::string& work) {
    migrations::MigrateOptions options;
    // A backup only when none was made yet: a second one into the same directory is refused.
    if (!fs::exists(work + "/backup/data.mdb")) options.backup_dir = work + "/backup";
    auto done = migrations::Migrate(work + "/a", options);
    return done.ok() ? Status::Ok() : done.status();
  };
  s.check = [&](const std::string& work, const std::vector<std::string>&, bool killed) {
    auto plan = migrations::PlanMigration(work + "/a");
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    // Each step is atomic: the archive is at 3, between steps (4, 5), or current.
    EXPECT_TRUE(plan->from_version >= 3 && plan->from_version <= store::kFormatVersion)
        << plan->from_version;
    EXPECT_EQ(CheckArchive(work + "/a", {}, /*allow_old=*/true), before);
    // The backup directory holds a complete copy of the old version, or no data.mdb at all.
    if (fs::exists(work + "/backup/data.mdb")) {
      EXPECT_EQ(CheckArchive(work + "/backup", {}, /*allow_old=*/true), before);
    }
    ExpectNoScratch(work + "/a", killed);
  };
  RunScenario("migrate --backup", s);
}

}  // namespace
}  // namespace recital

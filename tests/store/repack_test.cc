// Whole-archive copies. RepackArchive (`recital gc`): a logical copy in key order that is never
// larger, swapped in only when no Archive has the directory open, and that a kill at any point
// cannot damage. BackupArchive (`recital migrate --backup`): a compacted copy taken under the
// shared archive lock.
#include <lmdb.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "store/archive_lock.h"
#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Every (database, key, value) of the environment, read with LMDB directly.
using Dump = std::map<std::string, std::vector<std::pair<std::string, std::string>>>;
Dump DumpAll(const std::string& dir) {
  Dump out;
  MDB_env* env = nullptr;
  EXPECT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 32);
  if (mdb_env_open(env, dir.c_str(), MDB_RDONLY, 0644) != 0) {
    ADD_FAILURE() << "cannot open " << dir;
    mdb_env_close(env);
    return out;
  }
  MDB_txn* txn = nullptr;
  EXPECT_EQ(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), 0);
  MDB_dbi main_dbi;
  EXPECT_EQ(mdb_dbi_open(txn, nullptr, 0, &main_dbi), 0);
  auto each = [&](MDB_dbi dbi, auto fn) {
    MDB_cursor* c = nullptr;
    EXPECT_EQ(mdb_cursor_open(txn, dbi, &c), 0);
    MDB_val k, v;
    for (int rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
      fn(std::string(static_cast<char*>(k.mv_data), k.mv_size),
         std::string(static_cast<char*>(v.mv_data), v.mv_size));
    }
    mdb_cursor_close(c);
  };
  std::vector<std::string> names;
  each(main_dbi, [&](const std::string& k, const std::string&) { names.push_back(k); });
  for (const auto& name : names) {
    MDB_dbi dbi;
    EXPECT_EQ(mdb_dbi_open(txn, name.c_str(), 0, &dbi), 0) << name;
    unsigned flags = 0;
    mdb_dbi_flags(txn, dbi, &flags);
    auto& rows = out[name + "/" + std::to_string(flags)];
    each(dbi, [&](const std::string& k, const std::string& v) { rows.emplace_back(k, v); });
  }
  mdb_txn_abort(txn);
  mdb_env_close(env);
  return out;
}

uint64_t FileSize(const std::string& dir) { return fs::file_size(fs::path(dir) / "data.mdb"); }

std::string Word(std::mt19937& rng) {
  static const char* kWords[] = {"peace",   "security", "development", "rights",  "women",
                                 "children", "climate", "ocean",       "nuclear", "refugees",
                                 "trade",   "health",   "education",   "water",   "food"};
  return kWords[rng() % (sizeof kWords / sizeof kWords[0])];
}

// An archive of `documents` releases with random-ish paragraphs (objects keyed by random
// hashes: half-full pages after ingest). Seed printed, fixed.
void MakeArchive(const std::string& dir, int documents, unsigned seed = 7) {
  std::printf("seed %u\n", seed);
  std::mt19937 rng(seed);
  store::OpenOptions o;
  o.read_only = false;
  o.create_if_missing = true;
  auto archive = store::Archive::Open(dir, o);
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  std::vector<store::ReleaseInput> in;
  for (int i = 0; i < documents; ++i) {
    std::vector<std::string> pre, op;
    for (int p = 0; p < 4; ++p) {
      std::string text = "Recalling its " + std::to_string(rng() % 100000);
      for (int w = 0; w < 12; ++w) text += " " + Word(rng);
      pre.push_back(text + ",");
    }
    for (int p = 0; p < 5; ++p) {
      std::string text = "Urges " + std::to_string(rng() % 100000);
      for (int w = 0; w < 15; ++w) text += " " + Word(rng);
      op.push_back(text + ";");
    }
    uint32_t session = 40 + i % 30;
    std::string symbol = "A/RES/" + std::to_string(session) + "/" + std::to_string(100 + i);
    std::vector<std::string> cites;
    if (i > 0) cites.push_back("A/RES/" + std::to_string(40 + (i - 1) % 30) + "/" +
                               std::to_string(99 + i));
    in.push_back({"r" + std::to_string(i),
                  testing::FakeRelease(symbol, session, "Title " + std::to_string(i % 17), pre,
                                       op, cites)});
  }
  store::IngestOptions io;
  io.parse = testing::FakeParse;
  ASSERT_TRUE((*archive)->IngestBatch(std::move(in), io, nullptr).ok());
}

void ExpectVerifies(const std::string& dir) {
  auto archive = store::Archive::Open(dir, {});
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problems[0].what;
}

TEST(RepackTest, CopyIsIdenticalVerifiesAndIsSmaller) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  MakeArchive(dir, 400);
  Dump before = DumpAll(dir);
  ASSERT_GE(before.size(), 11u);
  const uint64_t size_before = FileSize(dir);
  store::RepackOptions options;
  options.commit_entries = 97;  // many commits: exercises the chunking
  auto stats = store::RepackArchive(dir, options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(DumpAll(dir), before);
  EXPECT_EQ(stats->before_bytes, size_before);
  EXPECT_EQ(stats->after_bytes, FileSize(dir));
  EXPECT_LT(stats->after_bytes, stats->before_bytes);
  EXPECT_LT(stats->after_pages, stats->before_pages);
  EXPECT_EQ(stats->databases, before.size());
  uint64_t entries = 0;
  for (const auto& [name, rows] : before) entries += rows.size();
  EXPECT_EQ(stats->entries, entries);
  EXPECT_FALSE(fs::exists(fs::path(dir) / ".gc-tmp"));
  ExpectVerifies(dir);
  // A second gc finds nothing more to gain and changes nothing.
  auto again = store::RepackArchive(dir);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_LE(again->after_bytes, again->before_bytes);
  EXPECT_EQ(DumpAll(dir), before);
}

TEST(RepackTest, ReadsAnswerTheSameAfterGc) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  MakeArchive(dir, 60);
  auto read_all = [&] {
    std::vector<std::string> out;
    auto archive = store::Archive::Open(dir, {});
    EXPECT_TRUE(archive.ok());
    if (!archive.ok()) return out;
    auto docs = (*archive)->ListDocuments();
    EXPECT_TRUE(docs.ok());
    for (const auto& d : *docs) {
      auto raw = (*archive)->GetRawRelease(d.symbol);
      auto res = (*archive)->GetResolution(d.symbol);
      EXPECT_TRUE(raw.ok() && res.ok()) << d.symbol;
      if (!raw.ok() || !res.ok()) continue;
      std::string text = d.symbol + "\n" + *raw + "\n" + res->title + "\n";
      for (const auto& p : res->preamble) text += p.text + "\n";
      for (const auto& p : res->operative) text += p.number + " " + p.text + "\n";
      out.push_back(text);
    }
    return out;
  };
  auto before = read_all();
  ASSERT_EQ(before.size(), 60u);
  ASSERT_TRUE(store::RepackArchive(dir).ok());
  EXPECT_EQ(read_all(), before);
}

TEST(RepackTest, RefusedWhileAnArchiveIsOpenAndWorksAfter) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  MakeArchive(dir, 20);
  {
    auto reader = store::Archive::Open(dir, {});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto gc = store::RepackArchive(dir);
    ASSERT_FALSE(gc.ok());
    EXPECT_TRUE(gc.status().IsIOError());
    EXPECT_THAT(gc.status().message(), HasSubstr("is in use by another recital process"));
    EXPECT_THAT(gc.status().message(), HasSubstr(dir));
    // Two readers share the lock.
    auto second = store::Archive::Open(dir, {});
    EXPECT_TRUE(second.ok()) << second.status().ToString();
  }
  EXPECT_TRUE(store::RepackArchive(dir).ok());
}

TEST(RepackTest, RefusedWhileAnotherProcessHasItOpen) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  MakeArchive(dir, 10);
  int ready[2], done[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(done), 0);
  std::fflush(stdout);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto archive = store::Archive::Open(dir, {});
    char c = archive.ok() ? 'y' : 'n';
    if (write(ready[1], &c, 1) != 1) _exit(3);
    if (read(done[0], &c, 1) != 1) _exit(4);
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  auto gc = store::RepackArchive(dir);
  EXPECT_FALSE(gc.ok());
  EXPECT_THAT(gc.status().message(), HasSubstr("in use"));
  ASSERT_EQ(write(done[1], "x", 1), 1);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  for (int fd : {ready[0], ready[1], done[0], done[1]}) close(fd);
  EXPECT_TRUE(store::RepackArchive(dir).ok());
}

TEST(RepackTest, OpenDuringGcIsRefusedWithAClearMessage) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  MakeArchive(dir, 10);
  bool tried = false;
  store::RepackOptions options;
  options.on_progress = [&](const store::RepackProgress& p) {
    if (tried || p.stage != store::RepackProgress::Stage::kCopying) return;
    tried = true;
    auto archive = store::Archive::Open(dir, {});
    ASSERT_FALSE(archive.ok());
    EXPECT_THAT(archive.status().message(), HasSubstr("being repacked"));
  };
  ASSERT_TRUE(store::RepackArchive(dir, options).ok());
  EXPECT_TRUE(tried);
}

TEST(RepackTest, StaleScratchDirectoryIsRemoved) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  MakeArchive(dir, 10);
  Dump before = DumpAll(dir);
  fs::create_directories(fs::path(dir) / ".gc-tmp");
  testing::WriteFile(dir + "/.gc-tmp/.recital-gc", "");  // gc's marker: the directory is its own
  testing::WriteFile(dir + "/.gc-tmp/data.mdb", "half a file from a killed gc");
  testing::WriteFile(dir + "/.gc-tmp/lock.mdb", "x");
  // An archive with a stale scratch directory opens as usual.
  ExpectVerifies(dir);
  ASSERT_TRUE(store::RepackArchive(dir).ok());
  EXPECT_FALSE(fs::exists(fs::path(dir) / ".gc-tmp"));
  EXPECT_EQ(DumpAll(dir), before);
}

TEST(RepackTest, NoArchiveIsNotFoundAndLeavesNoFiles) {
  testing::TempDir tmp;
  auto gc = store::RepackArchive(tmp.str() + "/none");
  EXPECT_TRUE(gc.status().IsNotFound());
  EXPECT_FALSE(fs::exists(tmp.path() / "none"));
  // Opening a directory that holds no archive does not leave a lock file in it.
  auto open = store::Archive::Open(tmp.str(), {});
  EXPECT_FALSE(open.ok());
  EXPECT_FALSE(fs::exists(tmp.path() / std::string(store::kArchiveLockFile)));
}

// A child runs gc and kills itself with SIGKILL at progress call `kill_at` (counting every
// stage); the archive left behind must be the old one or the complete new one.
TEST(RepackTest, KilledGcLeavesAnArchiveThatVerifies) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  MakeArchive(dir, 120);
  const Dump before = DumpAll(dir);
  // Count the progress calls of a full run on a copy.
  const std::string probe = tmp.str() + "/probe";
  fs::copy(dir, probe);
  int calls = 0;
  store::RepackOptions options;
  options.commit_entries = 50;
  options.on_progress = [&](const store::RepackProgress&) { ++calls; };
  ASSERT_TRUE(store::RepackArchive(probe, options).ok());
  ASSERT_GT(calls, 10);
  std::mt19937 rng(11);
  std::printf("seed 11, %d progress calls\n", calls);
  // Copying (first, random), synced (before the rename), swapped (after it).
  std::vector<int> points = {1, 2 + static_cast<int>(rng() % (calls - 3)), calls - 1, calls};
  for (int kill_at : points) {
    SCOPED_TRACE("killed at progress call " + std::to_string(kill_at));
    std::fflush(stdout);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int n = 0;
      store::RepackOptions child;
      child.commit_entries = 50;
      child.on_progress = [&](const store::RepackProgress&) {
        if (++n == kill_at) raise(SIGKILL);
      };
      (void)store::RepackArchive(dir, child);
      _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    EXPECT_EQ(DumpAll(dir), before);
    ExpectVerifies(dir);
  }
  ASSERT_TRUE(store::RepackArchive(dir).ok());
  EXPECT_FALSE(fs::exists(fs::path(dir) / ".gc-tmp"));
  EXPECT_EQ(DumpAll(dir), before);
}

TEST(RepackTest, OlderFormatKeepsItsVersion) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/v2";
  fs::copy(std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/golden-v2", dir);
  fs::remove(fs::path(dir) / "lock.mdb");
  Dump before = DumpAll(dir);
  ASSERT_TRUE(store::RepackArchive(dir).ok());
  EXPECT_EQ(DumpAll(dir), before);
  store::OpenOptions o;
  o.allow_old_format = true;
  auto archive = store::Archive::Open(dir, o);
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  EXPECT_EQ((*archive)->format_version(), 2);
}

TEST(BackupTest, CopyHoldsEveryEntryAndOpensAsAnArchive) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a", backup = tmp.str() + "/backup/v4";
  MakeArchive(dir, 30);
  ASSERT_TRUE(store::BackupArchive(dir, backup).ok());
  EXPECT_EQ(DumpAll(backup), DumpAll(dir));
  ExpectVerifies(backup);
  // The archive itself is still usable, and the copy is not one to write over.
  ExpectVerifies(dir);
  Status again = store::BackupArchive(dir, backup);
  ASSERT_TRUE(again.IsInvalidInput()) << again.ToString();
  EXPECT_THAT(again.message(), HasSubstr("already holds an archive"));
}

TEST(BackupTest, RefusedWhileAGcHoldsTheArchiveLock) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a", backup = tmp.str() + "/b";
  MakeArchive(dir, 5);
  {
    bool busy = false;
    auto gc = store::ArchiveLock::Acquire(dir, store::ArchiveLock::Mode::kExclusive,
                                          &busy);  // what RepackArchive holds
    ASSERT_TRUE(gc.ok()) << gc.status().ToString();
    Status st = store::BackupArchive(dir, backup);
    ASSERT_TRUE(st.IsIOError()) << st.ToString();
    EXPECT_THAT(st.message(), HasSubstr("being repacked"));
    EXPECT_FALSE(fs::exists(fs::path(backup) / "data.mdb"));
  }
  // And a gc waits for no backup: while one holds the lock shared, gc is refused.
  bool busy = false;
  auto shared = store::ArchiveLock::Acquire(dir, store::ArchiveLock::Mode::kShared, &busy);
  ASSERT_TRUE(shared.ok());
  auto gc = store::RepackArchive(dir);
  ASSERT_TRUE(gc.status().IsIOError()) << gc.status().ToString();
  EXPECT_THAT(gc.status().message(), HasSubstr("in use"));
}

TEST(BackupTest, NoArchiveIsNotFound) {
  testing::TempDir tmp;
  Status st = store::BackupArchive(tmp.str() + "/none", tmp.str() + "/b");
  EXPECT_TRUE(st.IsNotFound()) << st.ToString();
}

}  // namespace
}  // namespace recital

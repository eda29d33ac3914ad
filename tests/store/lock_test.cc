// Who may open an archive, and what an open may create (#14 items 1, 7, 10, 12). Processes are
// real: a forked child holds the archive open, paused at an exact write by the write hook
// (store::SetWriteHookForTesting), while the parent tries what a second process would.
#include <fcntl.h>
#include <lmdb.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/lmdb_env.h"
#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// ---- a child holding a write transaction open -------------------------------------------

int g_to_parent = -1, g_from_parent = -1;
void PauseAtFirstWrite(uint64_t n) {
  if (n != 1) return;
  char c = 'p';
  if (::write(g_to_parent, &c, 1) != 1) _exit(4);
  if (::read(g_from_parent, &c, 1) != 1) _exit(5);
}

// A child ingesting files into dir, stopped before its first write (inside its first write
// transaction) until Release(). It writes what it stored, one "symbol TAB version" line each, to
// `report`.
class PausedWriter {
 public:
  PausedWriter(const std::string& dir, const std::vector<std::string>& files,
               const std::string& report) {
    int to_parent[2], from_parent[2];
    if (::pipe(to_parent) != 0 || ::pipe(from_parent) != 0) return;
    std::fflush(stdout);
    pid_ = fork();
    if (pid_ == 0) {
      ::close(to_parent[0]);
      ::close(from_parent[1]);
      g_to_parent = to_parent[1];
      g_from_parent = from_parent[0];
      store::SetWriteHookForTesting(PauseAtFirstWrite);
      std::vector<testing::StoredRelease> stored;
      Status st = testing::IngestFakeFiles(dir, files, &stored, 2);
      std::string lines;
      for (const auto& s : stored) lines += s.symbol + "\t" + std::to_string(s.version) + "\n";
      testing::WriteFile(report, lines);
      _exit(st.ok() ? 0 : 3);
    }
    ::close(to_parent[1]);
    ::close(from_parent[0]);
    to_parent_ = to_parent[0];
    from_parent_ = from_parent[1];
    char c = 0;
    paused_ = ::read(to_parent_, &c, 1) == 1;
  }
  ~PausedWriter() { (void)Release(); }
  bool paused() const { return paused_; }
  // Lets the child finish; its exit status (0 = ingest OK), or -1.
  int Release() {
    if (pid_ <= 0) return -1;
    char c = 'g';
    (void)!::write(from_parent_, &c, 1);
    ::close(from_parent_);
    ::close(to_parent_);
    int status = 0;
    pid_t pid = pid_;
    pid_ = -1;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  int to_parent_ = -1, from_parent_ = -1;
  bool paused_ = false;
};

void ExpectVerifiesWithDocuments(const std::string& dir, size_t documents) {
  auto a = store::Archive::Open(dir, {});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto report = (*a)->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problems[0].what;
  EXPECT_EQ(report->documents_checked, documents);
}

// #14 item 1: the archive lock is on data.mdb itself, so deleting any other file (the
// recital.lock that Recital used to flock) cannot let gc swap data.mdb under a running ingest.
TEST(ArchiveLockTest, GcIsRefusedWhileAnIngestRunsWhateverLockFileIsDeleted) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  auto first = testing::WriteFakeReleases(tmp.str(), 50, 2);
  ASSERT_TRUE(testing::IngestFakeFiles(dir, first, nullptr).ok());
  auto more = testing::WriteFakeReleases(tmp.str(), 52, 8);
  PausedWriter writer(dir, more, tmp.str() + "/report");
  ASSERT_TRUE(writer.paused());
  fs::remove(fs::path(dir) / "recital.lock");  // what an "empty file" cleaner does
  auto gc = store::RepackArchive(dir);
  ASSERT_FALSE(gc.ok()) << "gc swapped data.mdb under a running ingest";
  EXPECT_TRUE(gc.status().IsIOError()) << gc.status().ToString();
  EXPECT_THAT(gc.status().message(), HasSubstr("in use"));
  // A reader may still open the archive meanwhile.
  EXPECT_TRUE(store::Archive::Open(dir, {}).ok());
  ASSERT_EQ(writer.Release(), 0);
  ExpectVerifiesWithDocuments(dir, 10);
  EXPECT_TRUE(store::RepackArchive(dir).ok());  // alone now
  ExpectVerifiesWithDocuments(dir, 10);
}

// #14 item 1: LMDB's lock file deleted under a running writer. A second process would create a
// new lock.mdb and write beside the first (two writers: lost releases, SIGSEGV). It is refused
// with a message naming the file; once the first is done the archive opens again.
TEST(ArchiveLockTest, DeletedLockMdbKeepsASecondWriterOutUntilTheFirstIsDone) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  auto first = testing::WriteFakeReleases(tmp.str(), 50, 2);
  ASSERT_TRUE(testing::IngestFakeFiles(dir, first, nullptr).ok());
  auto more = testing::WriteFakeReleases(tmp.str(), 52, 8);
  {
    PausedWriter writer(dir, more, tmp.str() + "/report");
    ASSERT_TRUE(writer.paused());
    ASSERT_TRUE(fs::remove(fs::path(dir) / "lock.mdb"));
    store::OpenOptions rw;
    rw.read_only = false;
    auto second = store::Archive::Open(dir, rw);
    ASSERT_FALSE(second.ok()) << "a second writer opened beside the first";
    EXPECT_TRUE(second.status().IsIOError()) << second.status().ToString();
    EXPECT_THAT(second.status().message(), HasSubstr(dir + "/lock.mdb"));
    EXPECT_THAT(second.status().message(), HasSubstr("missing while another process"));
    EXPECT_FALSE(fs::exists(fs::path(dir) / "lock.mdb"));  // not re-created beside the first
    ASSERT_EQ(writer.Release(), 0);
  }
  // Alone now: a writer re-creates lock.mdb, and everything the first one stored is there.
  auto last = testing::WriteFakeReleases(tmp.str(), 60, 2);
  ASSERT_TRUE(testing::IngestFakeFiles(dir, last, nullptr).ok());
  EXPECT_TRUE(fs::exists(fs::path(dir) / "lock.mdb"));
  ExpectVerifiesWithDocuments(dir, 12);
}

// #14 item 7: an LMDB environment that is not a Recital archive, even one with a database named
// "meta", is never written to: no databases added, no magic, no version.
TEST(ForeignEnvironmentTest, IsRefusedBeforeAnythingIsWritten) {
  testing::TempDir tmp;
  const std::string dir = tmp.str();
  {
    MDB_env* env = nullptr;
    ASSERT_EQ(mdb_env_create(&env), 0);
    mdb_env_set_maxdbs(env, 4);
    ASSERT_EQ(mdb_env_open(env, dir.c_str(), 0, 0644), 0);
    MDB_txn* txn = nullptr;
    MDB_dbi meta;
    ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
    ASSERT_EQ(mdb_dbi_open(txn, "meta", MDB_CREATE, &meta), 0);
    std::string key = "owner", value = "somebody else";
    MDB_val k{key.size(), key.data()}, v{value.size(), value.data()};
    ASSERT_EQ(mdb_put(txn, meta, &k, &v, 0), 0);
    ASSERT_EQ(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
  }
  const std::string before = testing::ReadFile(dir + "/data.mdb");
  store::OpenOptions create;
  create.read_only = false;
  create.create_if_missing = true;
  for (bool with_create : {true, false}) {
    store::OpenOptions o = create;
    o.create_if_missing = with_create;
    auto a = store::Archive::Open(dir, o);
    ASSERT_FALSE(a.ok());
    EXPECT_TRUE(a.status().IsCorruption()) << a.status().ToString();
    EXPECT_THAT(a.status().message(), HasSubstr("not a Recital archive"));
  }
  auto run = testing::RunRecital({"ingest", "--archive", dir, "/dev/null"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(testing::ReadFile(dir + "/data.mdb"), before);
  // Read back with LMDB alone: still one named database, "meta", holding only its own key.
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 4);
  ASSERT_EQ(mdb_env_open(env, dir.c_str(), MDB_RDONLY, 0644), 0);
  MDB_txn* txn = nullptr;
  MDB_dbi main_dbi, meta;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, nullptr, 0, &main_dbi), 0);
  ASSERT_EQ(mdb_dbi_open(txn, "meta", 0, &meta), 0);
  MDB_stat st;
  ASSERT_EQ(mdb_stat(txn, main_dbi, &st), 0);
  EXPECT_EQ(st.ms_entries, 1u);
  ASSERT_EQ(mdb_stat(txn, meta, &st), 0);
  EXPECT_EQ(st.ms_entries, 1u);
  mdb_txn_abort(txn);
  mdb_env_close(env);
}

// ---- creating an archive (#14 item 12) ---------------------------------------------------

TEST(CreateArchiveTest, EmptyDataFileIsADamagedArchiveNeverRecreated) {
  testing::TempDir tmp;
  testing::WriteFile(tmp.str() + "/data.mdb", "");
  store::OpenOptions create;
  create.read_only = false;
  create.create_if_missing = true;
  auto a = store::Archive::Open(tmp.str(), create);
  ASSERT_FALSE(a.ok()) << "an archive was created over a 0-byte data.mdb";
  EXPECT_TRUE(a.status().IsCorruption()) << a.status().ToString();
  EXPECT_THAT(a.status().message(), HasSubstr("is empty (0 bytes)"));
  EXPECT_EQ(fs::file_size(tmp.path() / "data.mdb"), 0u);
  auto files = testing::WriteFakeReleases(tmp.str(), 50, 1);
  auto run = testing::RunRecital({"ingest", "--archive", tmp.str(), files[0]});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr("is empty (0 bytes)"));
  EXPECT_EQ(fs::file_size(tmp.path() / "data.mdb"), 0u);
}

TEST(CreateArchiveTest, DanglingLinkIsNotFollowedToCreateAFile) {
  testing::TempDir tmp;
  const std::string target = tmp.str() + "/elsewhere.mdb";
  fs::create_symlink(target, tmp.path() / "data.mdb");
  store::OpenOptions create;
  create.read_only = false;
  create.create_if_missing = true;
  auto a = store::Archive::Open(tmp.str(), create);
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("symbolic link"));
  EXPECT_FALSE(fs::exists(target));
}

// Nothing to store, no archive: an ingest whose files are all missing or refused creates
// nothing (as root, `--archive /` used to leave a /data.mdb behind).
TEST(CreateArchiveTest, IngestOfNothingStorableCreatesNoArchive) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/new/archive";
  auto run = testing::RunRecital({"ingest", "--archive", dir, tmp.str() + "/missing.txt"});
  EXPECT_EQ(run.exit_code, 2) << run.err;  // a missing file is trouble (README: ingest)
  EXPECT_FALSE(fs::exists(tmp.path() / "new")) << "ingest of a missing file created an archive";
  testing::WriteFile(tmp.str() + "/refused.txt", "not a resolution\n");
  store::OpenOptions lazy;
  lazy.read_only = false;
  lazy.create_if_missing = true;
  lazy.defer_create = true;
  {
    auto a = store::Archive::Open(dir, lazy);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    EXPECT_TRUE((*a)->ListDocuments().status().IsNotFound());
    store::IngestOptions options;
    options.parse = testing::FakeParse;
    std::vector<store::IngestResult> results;
    ASSERT_TRUE((*a)->IngestBatch({{tmp.str() + "/refused.txt", std::nullopt}}, options,
                                  [&](const store::IngestResult& r) { results.push_back(r); })
                    .ok());
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, store::IngestStatus::kRefused);
    EXPECT_FALSE(fs::exists(tmp.path() / "new"));
    // The first release to store creates it, in the same run.
    auto files = testing::WriteFakeReleases(tmp.str(), 50, 3);
    std::vector<store::ReleaseInput> inputs = {{tmp.str() + "/refused.txt", std::nullopt}};
    for (const auto& f : files) inputs.push_back({f, std::nullopt});
    results.clear();
    ASSERT_TRUE((*a)->IngestBatch(std::move(inputs), options, [&](const store::IngestResult& r) {
      results.push_back(r);
    }).ok());
    ASSERT_EQ(results.size(), 4u);
    EXPECT_EQ(results[3].status, store::IngestStatus::kAdded);
    auto docs = (*a)->ListDocuments();
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    EXPECT_EQ(docs->size(), 3u);
  }
  ExpectVerifiesWithDocuments(dir, 3);
  // No scratch directory of the creation is left.
  for (const auto& e : fs::directory_iterator(dir)) {
    EXPECT_THAT(e.path().filename().string(), ::testing::AnyOf("data.mdb", "lock.mdb"));
  }
}

// ---- gc's own files only (#14 item 12) -----------------------------------------------------

TEST(GcScratchTest, ADirectoryGcDidNotMakeIsLeftAloneAndGcRefused) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  ASSERT_TRUE(testing::IngestFakeFiles(dir, testing::WriteFakeReleases(tmp.str(), 50, 3),
                                       nullptr)
                  .ok());
  fs::create_directories(fs::path(dir) / ".gc-tmp");
  testing::WriteFile(dir + "/.gc-tmp/notes.txt", "mine");
  auto gc = store::RepackArchive(dir);
  ASSERT_FALSE(gc.ok()) << "gc deleted a directory it did not make";
  EXPECT_TRUE(gc.status().IsInvalidInput()) << gc.status().ToString();
  EXPECT_THAT(gc.status().message(), HasSubstr("not a scratch directory `recital gc` made"));
  EXPECT_EQ(testing::ReadFile(dir + "/.gc-tmp/notes.txt"), "mine");
  // A stale one without gc's marker (files of the same names) is not gc's either.
  fs::remove(fs::path(dir) / ".gc-tmp/notes.txt");
  testing::WriteFile(dir + "/.gc-tmp/data.mdb", "somebody's copy");
  EXPECT_FALSE(store::RepackArchive(dir).ok());
  EXPECT_EQ(testing::ReadFile(dir + "/.gc-tmp/data.mdb"), "somebody's copy");
  // A plain file of that name neither.
  fs::remove_all(fs::path(dir) / ".gc-tmp");
  testing::WriteFile(dir + "/.gc-tmp", "a file");
  EXPECT_FALSE(store::RepackArchive(dir).ok());
  EXPECT_EQ(testing::ReadFile(dir + "/.gc-tmp"), "a file");
  // An empty directory holds nothing of anyone's.
  fs::remove(fs::path(dir) / ".gc-tmp");
  fs::create_directories(fs::path(dir) / ".gc-tmp");
  EXPECT_TRUE(store::RepackArchive(dir).ok());
  EXPECT_FALSE(fs::exists(fs::path(dir) / ".gc-tmp"));
}

TEST(GcScratchTest, SymlinkedDataFileIsRefusedAndLeftALink) {
  testing::TempDir tmp;
  const std::string real = tmp.str() + "/real", dir = tmp.str() + "/a";
  ASSERT_TRUE(testing::IngestFakeFiles(real, testing::WriteFakeReleases(tmp.str(), 50, 3),
                                       nullptr)
                  .ok());
  fs::create_directories(dir);
  fs::create_symlink(real + "/data.mdb", fs::path(dir) / "data.mdb");
  ExpectVerifiesWithDocuments(dir, 3);  // readers follow the link
  auto gc = store::RepackArchive(dir);
  ASSERT_FALSE(gc.ok()) << "gc replaced the link with a file";
  EXPECT_THAT(gc.status().message(), HasSubstr("is a symbolic link"));
  EXPECT_TRUE(fs::is_symlink(fs::path(dir) / "data.mdb"));
  ExpectVerifiesWithDocuments(real, 3);
}

// ---- another user (#14 item 10) ---------------------------------------------------------

// Runs fn in a child process as a user who may not write the archive: as root, the user
// nobody (65534); otherwise this user, with the archive's files and directory made read-only.
// Returns fn's exit status (0 = its checks passed), or -1 when that user cannot be had.
int AsReadOnlyUser(const std::string& dir, const std::function<int()>& fn) {
  const bool root = ::geteuid() == 0;
  if (!root) {
    for (const auto& e : fs::directory_iterator(dir)) ::chmod(e.path().c_str(), 0444);
    ::chmod(dir.c_str(), 0555);
  }
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    if (root && (::setgid(65534) != 0 || ::setuid(65534) != 0)) _exit(100);
    _exit(fn());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!root) {
    ::chmod(dir.c_str(), 0755);
    for (const auto& e : fs::directory_iterator(dir)) ::chmod(e.path().c_str(), 0644);
  }
  if (!WIFEXITED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status) == 100 ? -1 : WEXITSTATUS(status);
}

TEST(ReadOnlyUserTest, ReadsAnArchiveItMayNotWriteAndIsToldWhyItCannotWrite) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  ASSERT_TRUE(testing::IngestFakeFiles(dir, testing::WriteFakeReleases(tmp.str(), 50, 4),
                                       nullptr)
                  .ok());
  ASSERT_TRUE(fs::exists(fs::path(dir) / "lock.mdb"));
  ::chmod(tmp.str().c_str(), 0755);
  int rc = AsReadOnlyUser(dir, [&] {
    auto a = store::Archive::Open(dir, {});
    if (!a.ok()) {
      std::fprintf(stderr, "read-only open: %s\n", a.status().ToString().c_str());
      return 1;
    }
    auto docs = (*a)->ListDocuments();
    if (!docs.ok() || docs->size() != 4) return 2;
    auto report = (*a)->Verify();
    if (!report.ok() || !report->ok()) return 3;
    auto raw = (*a)->GetRawRelease("A/RES/52/7");
    if (!raw.ok()) return 4;
    a->reset();
    store::OpenOptions rw;
    rw.read_only = false;
    auto w = store::Archive::Open(dir, rw);
    if (w.ok()) return 5;
    std::string m = w.status().message();
    std::fprintf(stderr, "read-write open: %s\n", m.c_str());
    if (m.find(dir + "/data.mdb") == std::string::npos &&
        m.find(dir + "/lock.mdb") == std::string::npos) {
      return 6;  // must name the file it may not write
    }
    return 0;
  });
  if (rc == -1) GTEST_SKIP() << "cannot become the user nobody here";
  EXPECT_EQ(rc, 0) << "1: refused to open read-only; 2-4: reads failed; 5-6: write open";
  // The owner's archive is unchanged by the visit, and writable by the owner.
  auto more = testing::WriteFakeReleases(tmp.str(), 54, 1);
  ASSERT_TRUE(testing::IngestFakeFiles(dir, more, nullptr).ok());
  ExpectVerifiesWithDocuments(dir, 5);
}

// A reader without lock.mdb (MDB_NOLOCK) is not in LMDB's reader table, so it keeps writers out
// while its transaction lasts: it holds byte 1 of data.mdb shared (store/archive_lock.h).
TEST(ReadOnlyUserTest, LocklessReaderHoldsTheWriteGateDuringItsTransaction) {
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/a";
  ASSERT_TRUE(testing::IngestFakeFiles(dir, testing::WriteFakeReleases(tmp.str(), 50, 3),
                                       nullptr)
                  .ok());
  ::chmod(tmp.str().c_str(), 0755);
  int to_parent[2], from_parent[2];
  ASSERT_EQ(::pipe(to_parent), 0);
  ASSERT_EQ(::pipe(from_parent), 0);
  const bool root = ::geteuid() == 0;
  if (!root) ::chmod((dir + "/lock.mdb").c_str(), 0444);
  std::fflush(stdout);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (root && (::setgid(65534) != 0 || ::setuid(65534) != 0)) _exit(100);
    auto a = store::Archive::Open(dir, {});
    if (!a.ok()) _exit(1);
    int calls = 0;
    Status st = (*a)->ForEachResolution([&](const store::Document&, const Resolution&) {
      if (calls++ == 0) {
        char c = 'r';
        if (::write(to_parent[1], &c, 1) != 1 || ::read(from_parent[0], &c, 1) != 1) _exit(2);
      }
      return Status::Ok();
    });
    _exit(st.ok() && calls == 3 ? 0 : 3);
  }
  char c = 0;
  bool paused = ::read(to_parent[0], &c, 1) == 1;
  int holder = F_UNLCK;
  if (paused) {
    int fd = ::open((dir + "/data.mdb").c_str(), O_RDWR | O_CLOEXEC);
    struct flock fl;
    std::memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 1;
    fl.l_len = 1;
    if (fd >= 0 && ::fcntl(fd, F_OFD_GETLK, &fl) == 0) holder = fl.l_type;
    if (fd >= 0) ::close(fd);
  }
  (void)!::write(from_parent[1], &c, 1);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  if (!root) ::chmod((dir + "/lock.mdb").c_str(), 0644);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 100) GTEST_SKIP() << "cannot become nobody";
  ASSERT_TRUE(paused);
  EXPECT_EQ(holder, F_RDLCK) << "a writer could have begun while the lockless reader read";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
}  // namespace recital

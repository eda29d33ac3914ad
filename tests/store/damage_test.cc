// Damaged archives and hostile inputs (#14 items 3, 5, 6, 8): a truncated data.mdb, a flipped
// byte in docs, damaged B-tree pages, files that are not files. Every command ends with a message
// or a report, never a signal.
#include <lmdb.h>
#include <signal.h>
#include <sys/resource.h>
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

#include "store/encoding.h"
#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::RunRecital;

std::string MakeArchive(const testing::TempDir& tmp, uint32_t releases) {
  const std::string dir = tmp.str() + "/a";
  auto files = testing::WriteFakeReleases(tmp.str(), 50, releases);
  Status st = testing::IngestFakeFiles(dir, files, nullptr);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return dir;
}

std::vector<std::string> Problems(const std::string& dir) {
  auto a = store::Archive::Open(dir, {});
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  if (!a.ok()) return {"cannot open: " + a.status().ToString()};
  auto report = (*a)->Verify();
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  std::vector<std::string> out;
  if (report.ok()) {
    for (const auto& p : report->problems) out.push_back(p.what);
  }
  return out;
}

// Edits the value of one key of one database with LMDB directly.
void EditValue(const std::string& dir, const char* db, const std::string& key,
               const std::function<void(std::string*)>& edit) {
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 16);
  ASSERT_EQ(mdb_env_open(env, dir.c_str(), 0, 0644), 0);
  MDB_txn* txn = nullptr;
  MDB_dbi dbi;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, db, 0, &dbi), 0);
  MDB_val k{key.size(), const_cast<char*>(key.data())}, v;
  ASSERT_EQ(mdb_get(txn, dbi, &k, &v), 0);
  std::string value(static_cast<char*>(v.mv_data), v.mv_size);
  edit(&value);
  MDB_val nv{value.size(), value.data()};
  ASSERT_EQ(mdb_put(txn, dbi, &k, &nv, 0), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
}

// LMDB 0.9 leaf nodes in data.mdb: mn_lo, mn_hi (data size), mn_flags, mn_ksize (u16 each,
// host order), then the key. Calls patch(file, offset of the node) for every node with this key.
int PatchNodes(const std::string& dir, const std::string& key,
               const std::function<void(std::string*, size_t)>& patch) {
  std::string file = testing::ReadFile(dir + "/data.mdb");
  int n = 0;
  for (size_t at = file.find(key); at != std::string::npos; at = file.find(key, at + 1)) {
    if (at < 8) continue;
    uint16_t ksize;
    std::memcpy(&ksize, file.data() + at - 2, 2);
    if (ksize != key.size()) continue;
    patch(&file, at - 8);
    ++n;
  }
  testing::WriteFile(dir + "/data.mdb", file);
  return n;
}

void SetU16(std::string* file, size_t at, uint16_t v) { std::memcpy(file->data() + at, &v, 2); }

// ---- #14 item 3: a truncated data.mdb --------------------------------------------------------

TEST(TruncatedArchiveTest, EveryCommandRefusesItWithAMessageInsteadOfSigbus) {
  testing::TempDir tmp;
  const std::string dir = MakeArchive(tmp, 40);
  const auto size = fs::file_size(fs::path(dir) / "data.mdb");
  ASSERT_GT(size, 8u * 4096);
  fs::resize_file(fs::path(dir) / "data.mdb", size / 2);  // a copy cut short
  auto a = store::Archive::Open(dir, {});
  ASSERT_FALSE(a.ok());
  EXPECT_TRUE(a.status().IsCorruption()) << a.status().ToString();
  EXPECT_THAT(a.status().message(), HasSubstr(dir + "/data.mdb is truncated"));
  for (std::vector<std::string> args :
       {std::vector<std::string>{"verify"}, {"ls"}, {"show", "A/RES/51/7"}, {"stats"},
        {"cat", "A/RES/51/7"}, {"gc"}}) {
    std::string cmd = args[0];
    args.insert(args.end(), {"--archive", dir});
    auto run = RunRecital(args);
    EXPECT_EQ(run.exit_code, 2) << cmd << " (128 + 7 is SIGBUS): " << run.err;
    EXPECT_THAT(run.err, HasSubstr("truncated")) << cmd;
  }
  auto run = RunRecital({"ingest", "--archive", dir, tmp.str() + "/r50.txt"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(fs::file_size(fs::path(dir) / "data.mdb"), size / 2);  // nothing written to it
}

TEST(TruncatedArchiveTest, DataFileWithoutItsMetaPagesIsRefused) {
  testing::TempDir tmp;
  const std::string dir = MakeArchive(tmp, 3);
  fs::resize_file(fs::path(dir) / "data.mdb", 100);
  auto a = store::Archive::Open(dir, {});
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("truncated"));
  testing::WriteFile(dir + "/data.mdb", std::string(9000, 'x'));
  a = store::Archive::Open(dir, {});
  ASSERT_FALSE(a.ok());
  EXPECT_THAT(a.status().message(), HasSubstr("not an LMDB data file"));
}

// A backup is written under a temporary name and renamed once complete and synced: the backup
// directory never holds a data.mdb that is cut short, and nothing else is left in it.
TEST(BackupFileTest, BackupLeavesOnlyACompleteDataFile) {
  testing::TempDir tmp;
  const std::string dir = MakeArchive(tmp, 5), backup = tmp.str() + "/b";
  ASSERT_TRUE(store::BackupArchive(dir, backup).ok());
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(backup)) names.push_back(e.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"data.mdb"});
  EXPECT_EQ(Problems(backup).size(), 0u);
}

// ---- #14 item 5: verify checks docs -------------------------------------------------------

TEST(VerifyDocsTest, SessionTitleNumberAndDateInDocsAreCheckedAgainstTheRecord) {
  testing::TempDir tmp;
  const std::string dir = MakeArchive(tmp, 3);
  ASSERT_EQ(Problems(dir).size(), 0u);
  // A flipped byte in the title (its letters are stored as they are).
  EditValue(dir, "docs", "A/RES/51/7", [](std::string* v) {
    size_t at = v->find("Refugees");
    ASSERT_NE(at, std::string::npos);
    (*v)[at] ^= 0x20;  // "refugees"
  });
  auto problems = Problems(dir);
  ASSERT_EQ(problems.size(), 1u) << "verify said ok about a changed title";
  EXPECT_THAT(problems[0], HasSubstr("A/RES/51/7 version 1: docs gives title \"refugees in the "
                                     "region\", the record \"Refugees in the region\""));
  // A session changed from 52 to 14 (it would regroup the series).
  EditValue(dir, "docs", "A/RES/52/7", [](std::string* v) {
    auto versions = store::DecodeDocVersions(*v, "A/RES/52/7");
    ASSERT_TRUE(versions.ok());
    (*versions)[0].session = 14;
    *v = store::EncodeDocVersions(*versions);
  });
  problems = Problems(dir);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr(
                            "A/RES/52/7 version 1: docs gives session 14, the record 52")));
}

TEST(VerifyDocsTest, IngestTimeInTheFutureAndRepeatedReleasesAreReported) {
  testing::TempDir tmp;
  const std::string dir = MakeArchive(tmp, 2);
  EditValue(dir, "docs", "A/RES/50/7", [](std::string* v) {
    auto versions = store::DecodeDocVersions(*v, "A/RES/50/7");
    ASSERT_TRUE(versions.ok());
    (*versions)[0].ingest_time = int64_t{1} << 40;  // a flipped high bit
    versions->push_back(versions->back());          // the same bytes a second time
    versions->back().version = 2;
    *v = store::EncodeDocVersions(*versions);
  });
  auto problems = Problems(dir);
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("ingest time in the future")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("the same release bytes as version 1")));
}

// Format 5: a version's language and completeness must be its record's, and the current
// version of a language must be a version of that language and the one the rule picks.
TEST(VerifyDocsTest, WrongLanguageCompletenessAndCurrentVersionAreReported) {
  testing::TempDir tmp;
  const std::string dir = MakeArchive(tmp, 2);
  EditValue(dir, "docs", "A/RES/50/7", [](std::string* v) {
    auto doc = store::DecodeDocument(*v, "A/RES/50/7");
    ASSERT_TRUE(doc.ok());
    ASSERT_EQ(doc->versions.size(), 1u);
    doc->versions[0].completeness = store::Completeness::kPart;
    *v = store::EncodeDocument(*doc);
  });
  EditValue(dir, "docs", "A/RES/51/7", [](std::string* v) {
    auto doc = store::DecodeDocument(*v, "A/RES/51/7");
    ASSERT_TRUE(doc.ok());
    const std::string lang = doc->versions[0].language;
    doc->versions[0].language = lang == "fr" ? "es" : "fr";
    *v = store::EncodeDocument(*doc);  // the current entry still names the old language
  });
  auto problems = Problems(dir);
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr(
                            "A/RES/50/7 version 1: docs gives completeness part, the record complete")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("A/RES/51/7 version 1: docs gives language")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr(
                            "which is not a version of that language")));
}

// ---- #14 item 6: damaged pages ---------------------------------------------------------

// A leaf node that claims duplicates (F_DUPDATA) in a database without them: LMDB follows its
// null sub-cursor (mdb_xcursor_init1) and dies of SIGSEGV. Verify reports it, readers say so.
TEST(DamagedPageTest, VerifyEndsWithAReportAndReadersWithAMessage) {
  testing::TempDir tmp;
  const std::string dir = MakeArchive(tmp, 6);
  int patched = PatchNodes(dir, "A/RES/53/7", [](std::string* f, size_t node) {
    uint16_t flags;
    std::memcpy(&flags, f->data() + node + 4, 2);
    SetU16(f, node + 4, flags | 0x04);  // F_DUPDATA
  });
  ASSERT_GE(patched, 1);
  auto run = RunRecital({"verify", "--archive", dir});
  EXPECT_EQ(run.exit_code, 1) << "128 + 11 is SIGSEGV: " << run.err;
  EXPECT_THAT(run.out, HasSubstr("FAILED"));
  EXPECT_THAT(run.out, HasSubstr("the archive's B-tree is damaged"));
  run = RunRecital({"verify", "--archive", dir, "--json"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"ls"}, {"show", "A/RES/53/7"}, {"stats"}}) {
    std::string cmd = args[0];
    args.insert(args.end(), {"--archive", dir});
    run = RunRecital(args);
    EXPECT_EQ(run.exit_code, 2) << cmd << ": " << run.err;
    EXPECT_THAT(run.err, HasSubstr("B-tree is damaged")) << cmd;
  }
  // What the damage does not touch still reads.
  run = RunRecital({"cat", "--archive", dir, "A/RES/51/7"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

// A node whose data size runs past the end of the file: LMDB hands out a view beyond its map,
// which is refused before anything reads it.
TEST(DamagedPageTest, ValueRunningPastTheFileIsRefusedBeforeItIsRead) {
  testing::TempDir tmp;
  const std::string dir = MakeArchive(tmp, 4);
  int patched = PatchNodes(dir, "A/RES/52/7", [](std::string* f, size_t node) {
    SetU16(f, node, 0xfff0);      // mn_lo
    SetU16(f, node + 2, 0x0fff);  // mn_hi: ~256 MiB
  });
  ASSERT_GE(patched, 1);
  auto problems = Problems(dir);
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("returned a value outside the file")));
  auto a = store::Archive::Open(dir, {});
  ASSERT_TRUE(a.ok());
  auto doc = (*a)->GetDocument("A/RES/52/7");
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(doc.status().IsCorruption()) << doc.status().ToString();
}

// ---- #14 item 8: what ingest reads ------------------------------------------------------

std::vector<store::IngestResult> IngestPaths(const std::string& dir,
                                             const std::vector<std::string>& paths) {
  store::OpenOptions o;
  o.read_only = false;
  o.create_if_missing = true;
  auto a = store::Archive::Open(dir, o);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  std::vector<store::IngestResult> out;
  if (!a.ok()) return out;
  std::vector<store::ReleaseInput> inputs;
  for (const auto& p : paths) inputs.push_back({p, std::nullopt});
  store::IngestOptions options;
  options.parse = testing::FakeParse;
  Status st = (*a)->IngestBatch(std::move(inputs), options,
                                [&](const store::IngestResult& r) { out.push_back(r); });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

// Runs fn in a child with a time bound (a FIFO read blocked forever before #14); its exit code.
int InChild(unsigned seconds, const std::function<int()>& fn) {
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    alarm(seconds);
    _exit(fn());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(IngestInputTest, FilesThatAreNotRegularAreRefusedWithoutReadingOrBlocking) {
  testing::TempDir tmp;
  const std::string fifo = tmp.str() + "/pipe.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  int rc = InChild(30, [&] {
    auto results = IngestPaths(tmp.str() + "/a", {fifo, "/dev/zero", tmp.str()});
    if (results.size() != 3) return 1;
    for (const auto& r : results) {
      if (r.status != store::IngestStatus::kRefused) return 2;
    }
    if (results[0].message.find("a FIFO, not a regular file") == std::string::npos) return 3;
    if (results[1].message.find("a character device") == std::string::npos) return 4;
    if (results[2].message.find("a directory") == std::string::npos) return 5;
    return 0;
  });
  EXPECT_EQ(rc, 0) << "128 + 14 (SIGALRM): the FIFO blocked the ingest";
}

// A file over the limit is refused from its size, before it is read: a sparse 256 MiB file
// costs no memory (it cost its size in RSS before).
TEST(IngestInputTest, OversizedFileIsRefusedWithoutBeingRead) {
  testing::TempDir tmp;
  const std::string big = tmp.str() + "/big.txt";
  testing::WriteFile(big, "");
  fs::resize_file(big, 256u << 20);
  int rc = InChild(60, [&] {
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    auto results = IngestPaths(tmp.str() + "/a", {big});
    getrusage(RUSAGE_SELF, &after);
    if (results.size() != 1 || results[0].status != store::IngestStatus::kRefused) return 1;
    if (results[0].message != big + ": file is 268435456 bytes, over the limit of 16777216") {
      return 2;
    }
    long grown_kib = after.ru_maxrss - before.ru_maxrss;
    return grown_kib < 64 * 1024 ? 0 : 3;
  });
  EXPECT_EQ(rc, 0) << "3: the file was read into memory";
}

}  // namespace
}  // namespace recital

// A full disk (#14 item 4): every command ends with "no space left on device" (never SIGBUS),
// the archive stays valid with everything reported stored, and nothing made by the failed
// command is left behind. The disk is a small tmpfs mounted for each test, so these run only as
// root (CI runs as root) and skip otherwise; sizes are small, so they take a second or two.
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::RunRecital;

// A tmpfs of `kib` KiB at tmp/disk, unmounted at the end.
class SmallDisk {
 public:
  SmallDisk(const testing::TempDir& tmp, int kib) : path_(tmp.str() + "/disk") {
    fs::create_directories(path_);
    std::string opts = "size=" + std::to_string(kib) + "k";
    mounted_ = ::geteuid() == 0 && ::mount("tmpfs", path_.c_str(), "tmpfs", 0, opts.c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& path() const { return path_; }
  uint64_t Free() const {
    struct statvfs v;
    return ::statvfs(path_.c_str(), &v) == 0 ? uint64_t{v.f_bavail} * v.f_frsize : 0;
  }
  // Takes every free byte but `leave`.
  void Fill(uint64_t leave = 0) {
    uint64_t free_bytes = Free();
    if (free_bytes <= leave) return;
    int fd = ::open((path_ + "/filler-" + std::to_string(fillers_++)).c_str(),
                    O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return;
    (void)::posix_fallocate(fd, 0, static_cast<off_t>(free_bytes - leave));
    ::close(fd);
  }

 private:
  std::string path_;
  bool mounted_ = false;
  int fillers_ = 0;
};

#define REQUIRE_DISK(disk)                                                               \
  do {                                                                                   \
    if (!(disk).mounted()) GTEST_SKIP() << "needs root to mount a small tmpfs (CI runs as root)"; \
  } while (0)

std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Generate(const testing::TempDir& tmp, int series) {
  const std::string out = tmp.str() + "/releases";
  auto run = RunRecital({"generate", "--series", std::to_string(series), "--sessions", "10",
                         "--out", out});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void ExpectVerifies(const std::string& archive) {
  auto run = RunRecital({"verify", "--archive", archive});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST(DiskFullTest, IngestSaysNoSpaceAndKeepsEverythingItReported) {
  testing::TempDir tmp;
  SmallDisk disk(tmp, 512);
  REQUIRE_DISK(disk);
  auto files = Generate(tmp, 30);
  const std::string archive = disk.path() + "/a";
  std::vector<std::string> args = {"ingest", "--archive", archive, "--json"};
  args.insert(args.end(), files.begin(), files.end());
  auto run = RunRecital(args);
  ASSERT_EQ(run.exit_code, 2) << "128 + 7 is SIGBUS: " << run.err;
  EXPECT_THAT(run.err, HasSubstr("no space left on device"));
  std::istringstream lines(run.out);
  std::string line;
  int stored = 0;
  while (std::getline(lines, line)) {
    auto r = nlohmann::json::parse(line);
    if (r["status"] != "added") continue;
    ++stored;
    auto cat = RunRecital({"cat", "--archive", archive, r["symbol"].get<std::string>()});
    ASSERT_EQ(cat.exit_code, 0) << cat.err;
    EXPECT_EQ(cat.out, testing::ReadFile(r["file"])) << r["file"];
  }
  EXPECT_GT(stored, 0);
  EXPECT_LT(stored, static_cast<int>(files.size()));
  ExpectVerifies(archive);
  EXPECT_EQ(Names(archive), (std::vector<std::string>{"data.mdb", "lock.mdb"}));
}

TEST(DiskFullTest, NewArchiveOnAFullDiskLeavesNothing) {
  testing::TempDir tmp;
  SmallDisk disk(tmp, 256);
  REQUIRE_DISK(disk);
  auto files = Generate(tmp, 1);
  disk.Fill();
  auto run = RunRecital({"ingest", "--archive", disk.path() + "/new", files[0]});
  EXPECT_EQ(run.exit_code, 2) << "128 + 7 is SIGBUS: " << run.err;
  EXPECT_THAT(run.err, HasSubstr("no space left on device"));
  EXPECT_FALSE(fs::exists(disk.path() + "/new"));
}

TEST(DiskFullTest, GcSaysNoSpaceAndLeavesTheArchiveAndNoScratch) {
  testing::TempDir tmp;
  SmallDisk disk(tmp, 1024);
  REQUIRE_DISK(disk);
  auto files = Generate(tmp, 4);
  const std::string archive = disk.path() + "/a";
  std::vector<std::string> args = {"ingest", "--archive", archive};
  args.insert(args.end(), files.begin(), files.end());
  ASSERT_EQ(RunRecital(args).exit_code, 0);
  const std::string before = testing::ReadFile(archive + "/data.mdb");
  disk.Fill(16 << 10);  // room for a little, not for a copy
  auto run = RunRecital({"gc", "--archive", archive});
  EXPECT_EQ(run.exit_code, 2) << "128 + 7 is SIGBUS: " << run.err;
  EXPECT_THAT(run.err, HasSubstr("o space left on device"));
  EXPECT_THAT(run.err, HasSubstr("the archive is unchanged"));
  EXPECT_EQ(Names(archive), (std::vector<std::string>{"data.mdb", "lock.mdb"}));
  EXPECT_EQ(testing::ReadFile(archive + "/data.mdb"), before);
  ExpectVerifies(archive);
}

// lock.mdb has to be created (deleted, or never made: a copied archive) on a disk with no room:
// LMDB would map it and die of SIGBUS writing its header. Readers go on without it; a writer
// says why it cannot; neither leaves a lock.mdb behind.
TEST(DiskFullTest, ReadersNeedNoLockFileAndWritersSayWhyTheyCannotCreateIt) {
  testing::TempDir tmp;
  SmallDisk disk(tmp, 1024);
  REQUIRE_DISK(disk);
  auto files = Generate(tmp, 2);
  const std::string archive = disk.path() + "/a";
  std::vector<std::string> args = {"ingest", "--archive", archive};
  args.insert(args.end(), files.begin(), files.end() - 1);
  ASSERT_EQ(RunRecital(args).exit_code, 0);
  fs::remove(archive + "/lock.mdb");
  disk.Fill();
  for (const char* cmd : {"ls", "verify", "stats"}) {
    auto run = RunRecital({cmd, "--archive", archive});
    EXPECT_EQ(run.exit_code, 0) << cmd << " (128 + 7 is SIGBUS): " << run.err;
  }
  auto run = RunRecital({"ingest", "--archive", archive, files.back()});
  EXPECT_EQ(run.exit_code, 2) << "128 + 7 is SIGBUS: " << run.err;
  EXPECT_THAT(run.err, HasSubstr(archive + "/lock.mdb: no space left on device"));
  EXPECT_EQ(Names(archive), std::vector<std::string>{"data.mdb"});
}

}  // namespace
}  // namespace recital

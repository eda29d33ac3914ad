// Migrations: the golden archive of every released format version opens (refused with the
// migrate hint), migrates and verifies; a killed migration leaves the old or the new version
// and a re-run finishes; `recital migrate --dry-run` says what would change and changes nothing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "migrations/migrations.h"
#include "store/migration.h"
#include "store/store.h"
#include "tests/migrations/migration_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;
using testing::TempDir;

std::string GoldenDir(int version) {
  return std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/golden-v" + std::to_string(version);
}

// The version on disk, whatever it is (-1 when it cannot be opened).
int DiskVersion(const std::string& dir) {
  store::OpenOptions options;
  options.allow_old_format = true;
  auto archive = store::Archive::Open(dir, options);
  return archive.ok() ? (*archive)->format_version() : -1;
}

void ExpectVerifiedCurrent(const std::string& dir) {
  store::OpenOptions options;
  auto archive = store::Archive::Open(dir, options);
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  EXPECT_EQ((*archive)->format_version(), store::kFormatVersion);
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problems.size() << " problems, first: "
                            << report->problems[0].what;
}

TEST(MigrationsTest, StepsAreNumberedInOrderUpToTheCurrentVersion) {
  const auto& steps = migrations::AllSteps();
  ASSERT_EQ(steps.size(), static_cast<size_t>(store::kFormatVersion));
  for (size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].number, static_cast<int>(i + 1));
    EXPECT_EQ(steps[i].from_version, steps[i].number - 1);
    EXPECT_EQ(steps[i].to_version, steps[i].number);
    EXPECT_FALSE(steps[i].description.empty());
    EXPECT_EQ(static_cast<bool>(steps[i].apply), i > 0) << steps[i].name;
  }
}

TEST(GoldenArchiveTest, VersionOneIsRefusedWithTheMigrateHint) {
  TempDir dir;
  testing::CopyArchive(GoldenDir(1), dir.str());
  store::OpenOptions options;
  auto archive = store::Archive::Open(dir.str(), options);
  ASSERT_FALSE(archive.ok());
  EXPECT_TRUE(archive.status().IsInvalidInput());
  EXPECT_NE(archive.status().message().find("older format version 1"), std::string::npos)
      << archive.status().message();
  // Every other command says the same and exits 2.
  auto ls = RunRecital({"ls", "--archive", dir.str()});
  EXPECT_EQ(ls.exit_code, 2);
  EXPECT_NE(ls.err.find("format version 1"), std::string::npos) << ls.err;
  EXPECT_NE(ls.err.find("recital migrate --archive " + dir.str()), std::string::npos) << ls.err;
  EXPECT_EQ(DiskVersion(dir.str()), 1);
}

TEST(GoldenArchiveTest, VersionOneMigratesToCurrentAndVerifiesClean) {
  TempDir dir;
  testing::CopyArchive(GoldenDir(1), dir.str());
  std::vector<int> done;
  migrations::MigrateOptions options;
  options.on_step_done = [&](const migrations::Step& s) { done.push_back(s.number); };
  auto plan = migrations::Migrate(dir.str(), options);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->from_version, 1);
  EXPECT_EQ(plan->to_version, store::kFormatVersion);
  EXPECT_EQ(done, (std::vector<int>{2, 3, 4, 5, 6, 7}));
  ExpectVerifiedCurrent(dir.str());
  auto verify = RunRecital({"verify", "--archive", dir.str()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  // Running it again has nothing to do.
  auto again = RunRecital({"migrate", "--archive", dir.str()});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("nothing to do"), std::string::npos) << again.out;
}

// FindPhrase on the migrated golden archive agrees with reading every paragraph of every
// stored version.
void ExpectPhrasesLikeAFullScan(int golden_version) {
  SCOPED_TRACE("golden archive of version " + std::to_string(golden_version));
  TempDir dir;
  testing::CopyArchive(GoldenDir(golden_version), dir.str());
  ASSERT_TRUE(migrations::Migrate(dir.str(), {}).ok());
  auto archive = store::Archive::Open(dir.str(), store::OpenOptions{});
  ASSERT_TRUE(archive.ok());
  auto docs = (*archive)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_GE(docs->size(), 4u);
  // Every version's paragraphs, as word lists, by use.
  std::vector<std::pair<store::ParagraphUse, std::vector<std::string>>> paragraphs;
  for (const auto& doc : *docs) {
    for (const auto& v : doc.versions) {
      auto r = (*archive)->GetResolution(doc.symbol, v.version);
      ASSERT_TRUE(r.ok());
      uint32_t position = 0;
      for (const auto* list : {&r->preamble, &r->operative, &r->annex}) {
        for (const auto& p : *list) {
          std::vector<std::string> words = store::SplitWordsForIndex(p.text);
          for (const auto& sub : p.subparagraphs) {
            words.push_back("\x01");  // a phrase never runs across a sub-paragraph boundary
            for (auto& w : store::SplitWordsForIndex(sub.text)) words.push_back(w);
          }
          paragraphs.push_back({{doc.symbol, v.version, position++}, words});
        }
      }
    }
  }
  ASSERT_GE(paragraphs.size(), 10u);
  // Phrases: three words from the middle of some paragraphs, one word, and one absent.
  std::vector<std::string> phrases = {"General Assembly", "zzzz-not-a-word"};
  for (size_t i = 0; i < paragraphs.size(); i += paragraphs.size() / 5) {
    const auto& w = paragraphs[i].second;
    if (w.size() >= 5) phrases.push_back(w[2] + " " + w[3] + ", " + w[4]);
  }
  for (const auto& phrase : phrases) {
    std::vector<std::string> want = store::SplitWordsForIndex(phrase);
    std::set<std::tuple<std::string, uint32_t, uint32_t>> expected, found;
    for (const auto& [use, words] : paragraphs) {
      for (size_t i = 0; i + want.size() <= words.size(); ++i) {
        if (std::equal(want.begin(), want.end(), words.begin() + i)) {
          expected.insert({use.symbol, use.version, use.position});
          break;
        }
      }
    }
    auto hits = (*archive)->FindPhrase(phrase);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    for (const auto& hit : *hits) {
      for (const auto& use : hit.uses) found.insert({use.symbol, use.version, use.position});
    }
    EXPECT_EQ(found, expected) << "phrase: " << phrase;
    if (phrase != "zzzz-not-a-word") {
      EXPECT_FALSE(found.empty()) << phrase;
    }
  }
}

TEST(GoldenArchiveTest, MigratedArchiveFindsPhrasesLikeAFullScan) {
  ExpectPhrasesLikeAFullScan(1);
  ExpectPhrasesLikeAFullScan(2);
  ExpectPhrasesLikeAFullScan(3);
  ExpectPhrasesLikeAFullScan(4);
  ExpectPhrasesLikeAFullScan(5);
  ExpectPhrasesLikeAFullScan(6);
}

TEST(MigrateCommandTest, DryRunSaysWhatWouldChangeAndChangesNothing) {
  TempDir dir;
  testing::CopyArchive(GoldenDir(1), dir.str());
  std::string before = testing::ReadFile(dir.str() + "/data.mdb");
  auto run = RunRecital({"migrate", "--dry-run", "--archive", dir.str()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // Step 5's description is checked for its head only: its parts are still being written.
  const std::string head =
      "archive " + dir.str() + " is at format version 1; this Recital writes 7\n"
      "would run 6 step(s):\n"
      "  m0002 word_index (1 -> 2): add the word index (words: normalised word "
      "-> paragraph wordings) that `recital grep` searches, built from every "
      "stored paragraph\n"
      "  m0003 compact_indexes (2 -> 3): compact the indexes: number the "
      "documents (doc_numbers, doc_symbols), pack each wording's uses into one "
      "paragraph_uses value, cut word postings to 4 bytes\n"
      "  m0004 inline_wordings (3 -> 4): store paragraph wordings inside the "
      "records (re-encode every record, delete the paragraph objects), index "
      "words by document and pack cited_by\n"
      "  m0005 versions_phrases (4 -> 5): ";
  EXPECT_EQ(run.out.substr(0, head.size()), head);
  EXPECT_TRUE(run.out.ends_with("\ndry run: nothing changed\n")) << run.out;
  EXPECT_EQ(testing::ReadFile(dir.str() + "/data.mdb"), before);
  EXPECT_EQ(DiskVersion(dir.str()), 1);
  auto json = RunRecital({"migrate", "-n", "--json", "--archive", dir.str()});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"from_version\": 1"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"name\": \"word_index\""), std::string::npos) << json.out;
  EXPECT_EQ(testing::ReadFile(dir.str() + "/data.mdb"), before);
}

TEST(MigrateCommandTest, BackupKeepsTheOldVersionAndIsNeverOverwritten) {
  TempDir dir, backups;
  testing::CopyArchive(GoldenDir(1), dir.str());
  std::string backup = backups.str() + "/v1";
  auto run = RunRecital({"migrate", "--archive", dir.str(), "--backup", backup});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("migrated " + dir.str() + " from format version 1 to 7"),
            std::string::npos) << run.out;
  EXPECT_EQ(DiskVersion(backup), 1);
  EXPECT_EQ(DiskVersion(dir.str()), 7);
  // The backup is a whole archive: it migrates and verifies too.
  ASSERT_TRUE(migrations::Migrate(backup, {}).ok());
  ExpectVerifiedCurrent(backup);
  // A directory that already holds an archive is refused; nothing is migrated.
  TempDir old;
  testing::CopyArchive(GoldenDir(1), old.str());
  auto refused = RunRecital({"migrate", "--archive", old.str(), "--backup", backup});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("already holds an archive"), std::string::npos) << refused.err;
  EXPECT_EQ(DiskVersion(old.str()), 1);
}

TEST(MigrateCommandTest, NewerArchiveIsRefusedAndUntouched) {
  TempDir dir;
  testing::CopyArchive(GoldenDir(1), dir.str());
  ASSERT_TRUE(testing::SetFormatVersion(dir.str(), store::kFormatVersion + 1).ok());
  std::string before = testing::ReadFile(dir.str() + "/data.mdb");
  for (auto args : {std::vector<std::string>{"migrate", "--archive", dir.str()},
                    std::vector<std::string>{"ls", "--archive", dir.str()}}) {
    auto run = RunRecital(args);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("format version " + std::to_string(store::kFormatVersion + 1)),
              std::string::npos) << run.err;
    EXPECT_NE(run.err.find("upgrade Recital"), std::string::npos) << run.err;
  }
  EXPECT_EQ(testing::ReadFile(dir.str() + "/data.mdb"), before);
}

// A MigrationTxn that passes every call on and, before each write (Put, Delete, Recreate,
// PutObject), counts it and calls the kill hook with the count since the migration began.
class CountingTxn : public store::MigrationTxn {
 public:
  CountingTxn(store::MigrationTxn& inner, uint64_t* writes,
              const std::function<void(uint64_t)>& hook)
      : inner_(inner), writes_(writes), hook_(hook) {}
  Result<std::optional<std::string>> Get(std::string_view db, std::string_view key) override {
    return inner_.Get(db, key);
  }
  Status Put(std::string_view db, std::string_view key, std::string_view value) override {
    Write();
    return inner_.Put(db, key, value);
  }
  Status Delete(std::string_view db, std::string_view key) override {
    Write();
    return inner_.Delete(db, key);
  }
  Status ForEach(std::string_view db,
                 const std::function<Status(std::string_view, std::string_view)>& fn) override {
    return inner_.ForEach(db, fn);
  }
  Result<std::string> LoadObject(const Hash128& hash) override { return inner_.LoadObject(hash); }
  Status Recreate(std::string_view db) override {
    Write();
    return inner_.Recreate(db);
  }
  Result<Hash128> PutObject(store::ObjectType type, std::string_view content,
                            const std::vector<Hash128>& bases) override {
    Write();
    return inner_.PutObject(type, content, bases);
  }

 private:
  void Write() {
    ++*writes_;
    if (hook_) hook_(*writes_);
  }
  store::MigrationTxn& inner_;
  uint64_t* writes_;
  const std::function<void(uint64_t)>& hook_;
};

// Runs the steps dir needs as migrations::Migrate does (each in Archive::Migrate's one
// transaction), through CountingTxn. on_step(step, false) runs inside the step's transaction
// before the step does anything, on_write(n) before the n-th write of the whole run, and
// on_step(step, true) once the step has committed. Returns the writes of each step run.
Result<std::map<int, uint64_t>> MigrateWithHooks(const std::string& dir,
                                                 const std::function<void(uint64_t)>& on_write,
                                                 const std::function<void(int, bool)>& on_step) {
  auto plan = migrations::PlanMigration(dir);
  if (!plan.ok()) return plan.status();
  store::OpenOptions open;
  open.read_only = false;
  open.allow_old_format = true;
  auto archive = store::Archive::Open(dir, open);
  if (!archive.ok()) return archive.status();
  std::map<int, uint64_t> per_step;
  uint64_t writes = 0;
  for (const migrations::Step* step : plan->steps) {
    const uint64_t before = writes;
    Status st = (*archive)->Migrate(step->to_version, [&](store::MigrationTxn& txn) {
      writes = before;  // a retried attempt (the map grew) counts from the step's start again
      if (on_step) on_step(step->number, false);
      CountingTxn counting(txn, &writes, on_write);
      return step->apply(counting);
    });
    if (!st.ok()) return st;
    per_step[step->number] = writes - before;
    if (on_step) on_step(step->number, true);
  }
  return per_step;
}

// Where a child migration kills itself: before write `write` (counted over the whole run), or
// at the start of step `step` (inside its transaction) or after it committed (`committed`).
// `version` is the format version it must leave.
struct KillPoint {
  uint64_t write = 0;
  int step = 0;
  bool committed = false;
  int version = 0;
  std::string Describe() const {
    if (write != 0) return "before write " + std::to_string(write);
    return (committed ? "after step " : "at the start of step ") + std::to_string(step);
  }
};

// Forks a child that migrates dir and SIGKILLs itself at the kill point; true when it died so.
bool KillMigrationAt(const std::string& dir, const KillPoint& at) {
  std::fflush(stdout);  // the child must not inherit unwritten output
  pid_t pid = fork();
  if (pid == 0) {
    auto hit = MigrateWithHooks(
        dir, [&](uint64_t n) { if (n == at.write) raise(SIGKILL); },
        [&](int step, bool committed) {
          if (step == at.step && committed == at.committed) raise(SIGKILL);
        });
    _exit(hit.ok() ? 0 : 3);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// A generated set ingested by this build, aged by downgrade to from_version, is migrated and
// killed at chosen points: at the start of every step, its first and last write, after every
// step but the last committed, and writes drawn with a fixed seed. Counted in writes, not time,
// so every kill lands however loaded the machine is. Each kill leaves exactly the version
// before the step it interrupted, or after the step it followed (never a mixture: the old
// version has none of the new indexes), and a re-run of `recital migrate` finishes and
// verifies clean.
void KillMigrationsFrom(int from_version, Status (*downgrade)(const std::string&)) {
  TempDir releases, pristine;
  auto gen = RunRecital({"generate", "--seed", "11", "--series", "8", "--sessions", "8",
                         "--out", releases.str(), "--quiet"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::filesystem::remove(releases.path() / "truth.jsonl");  // the generator's answers
  auto ingest = RunRecital({"ingest", "--archive", pristine.str(), releases.str()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  ASSERT_TRUE(downgrade(pristine.str()).ok());
  ASSERT_EQ(DiskVersion(pristine.str()), from_version);

  // The writes of each step, from an uninterrupted run on a copy.
  TempDir probe;
  testing::CopyArchive(pristine.str(), probe.str());
  auto per_step = MigrateWithHooks(probe.str(), nullptr, nullptr);
  ASSERT_TRUE(per_step.ok()) << per_step.status().ToString();
  ExpectVerifiedCurrent(probe.str());
  ASSERT_EQ(per_step->size(), static_cast<size_t>(store::kFormatVersion - from_version));

  std::vector<KillPoint> points;
  uint64_t first = 1;
  for (const auto& [step, writes] : *per_step) {
    // (Step 2 writes nothing here: this build's archive has no paragraph objects to index.)
    points.push_back({0, step, false, step - 1});
    if (writes > 0) {
      points.push_back({first, 0, false, step - 1});
      points.push_back({first + writes - 1, 0, false, step - 1});
    }
    if (step < store::kFormatVersion) points.push_back({0, step, true, step});
    first += writes;
  }
  ASSERT_GT(first, 1u);
  const uint64_t total = first - 1;
  const unsigned seed = 20261128 + from_version;
  std::printf("MigrateKillTest from %d: seed %u, %llu writes\n", from_version, seed,
              static_cast<unsigned long long>(total));
  std::mt19937 rng(seed);
  for (int i = 0; i < 6; ++i) {
    uint64_t n = std::uniform_int_distribution<uint64_t>(1, total)(rng);
    int step = from_version + 1;
    for (uint64_t end = (*per_step)[step]; n > end; end += (*per_step)[step]) ++step;
    points.push_back({n, 0, false, step - 1});
  }

  int kills = 0;
  std::map<int, int> left;  // version -> kills that left it
  for (const KillPoint& at : points) {
    SCOPED_TRACE("killed " + at.Describe());
    TempDir dir;
    testing::CopyArchive(pristine.str(), dir.str());
    ASSERT_TRUE(KillMigrationAt(dir.str(), at));
    ++kills;
    int version = DiskVersion(dir.str());
    ASSERT_EQ(version, at.version);
    ++left[version];
    // Each version has exactly its own indexes.
    if (version == 1) {
      EXPECT_LE(testing::CountEntries(dir.str(), "words"), 0);
    }
    if (version < 3) {
      EXPECT_LE(testing::CountEntries(dir.str(), "doc_symbols"), 0);
    } else {
      EXPECT_GT(testing::CountEntries(dir.str(), "doc_symbols"), 0);
    }
    auto rerun = RunRecital({"migrate", "--archive", dir.str()});
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    ExpectVerifiedCurrent(dir.str());
  }
  std::printf("MigrateKillTest from %d: %d kills;", from_version, kills);
  for (const auto& [version, n] : left) std::printf(" %d left version %d;", n, version);
  std::printf("\n");
  EXPECT_EQ(kills, static_cast<int>(points.size()));
}

TEST(MigrateKillTest, KilledMigrationLeavesOldOrNewVersionAndRerunFinishes) {
  KillMigrationsFrom(1, testing::DowngradeToV1);
}

TEST(MigrateKillTest, KilledIndexCompactionLeavesVersionTwoOrThreeAndRerunFinishes) {
  KillMigrationsFrom(2, testing::DowngradeToV2);
}

}  // namespace
}  // namespace recital

// The write pipeline (store/writer_pipeline.cc, store/writer.cc): workers compress a release
// against an earlier release of the same run before it is committed, skip wordings already
// stored, and the writer still stores exactly what a one-by-one ingest stores.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using store::Archive;
using store::IngestResult;
using store::IngestStatus;

using Files = std::vector<std::pair<std::string, std::string>>;

std::unique_ptr<Archive> Create(const std::string& dir) {
  store::OpenOptions o;
  o.read_only = false;
  o.create_if_missing = true;
  auto a = Archive::Open(dir, o);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? std::move(*a) : nullptr;
}

std::vector<IngestResult> Ingest(Archive& a, const Files& files, int threads = 2,
                                 size_t batch = 64) {
  std::vector<store::ReleaseInput> inputs;
  for (const auto& [name, bytes] : files) inputs.push_back({name, bytes});
  store::IngestOptions o;
  o.parse = testing::FakeParse;
  o.ingest_time = 1700000000;
  o.threads = threads;
  o.batch_releases = batch;
  std::vector<IngestResult> out;
  Status st = a.IngestBatch(std::move(inputs), o, [&](const IngestResult& r) { out.push_back(r); });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

std::string Symbol(int series, int session) {
  return "A/RES/" + std::to_string(session) + "/" + std::to_string(100 + series);
}

// Series `series`, session `session`: most wording repeats the previous session's; each
// session changes two operative paragraphs and cites the previous session.
std::string Release(int series, int session) {
  std::vector<std::string> preamble, operative;
  for (int i = 0; i < 8; ++i) {
    preamble.push_back("Recalling its resolution number " + std::to_string(i) + " on topic " +
                       std::to_string(series) + " concerning the protection of civilians and " +
                       "the work of the relevant agencies in the region,");
  }
  for (int i = 0; i < 10; ++i) {
    int changed = (i == session % 10 || i == (session + 3) % 10) ? session : 0;
    operative.push_back("Requests the Secretary-General to report on item " + std::to_string(i) +
                        " of topic " + std::to_string(series) + " in the version " +
                        std::to_string(changed) + " of the reporting cycle, including on the " +
                        "implementation of the present resolution;");
  }
  std::vector<std::string> cites;
  if (session > 50) cites.push_back(Symbol(series, session - 1));
  return testing::FakeRelease(Symbol(series, session), session,
                              "Topic " + std::to_string(series) + " question", preamble,
                              operative, cites);
}

// 4 series x 12 sessions, session-major (as files sorted by symbol come): a release's
// previous session is 4 inputs earlier, inside one batch.
Files SeriesFiles() {
  Files files;
  for (int session = 50; session < 62; ++session) {
    for (int series = 0; series < 4; ++series) {
      files.push_back({"f" + std::to_string(session) + "-" + std::to_string(series),
                       Release(series, session)});
    }
  }
  return files;
}

TEST(WriterPipelineTest, SeriesInOneBatchIsCompressedAgainstEarlierSessions) {
  const Files files = SeriesFiles();
  testing::TempDir dir;
  auto a = Create(dir.str());
  auto results = Ingest(*a, files);
  ASSERT_EQ(results.size(), files.size());
  for (const auto& r : results) EXPECT_EQ(r.status, IngestStatus::kAdded) << r.source_name;
  auto stats = a->Stats();
  ASSERT_TRUE(stats.ok());

  // Without a base: each release alone in its own archive.
  uint64_t alone = 0;
  for (const auto& f : files) {
    testing::TempDir one;
    auto b = Create(one.str());
    Ingest(*b, {f});
    alone += b->Stats()->raw_object_bytes;
  }
  // Each session repeats ~90% of the previous one: the first of each series is stored alone,
  // the 11 others as small deltas.
  EXPECT_LT(stats->raw_object_bytes * 3, alone)
      << "with bases " << stats->raw_object_bytes << ", alone " << alone;

  for (const auto& f : files) {
    std::string symbol = testing::FakeParse(f.second, f.first)->symbol;
    auto raw = a->GetRawRelease(symbol);
    ASSERT_TRUE(raw.ok()) << raw.status().ToString();
    EXPECT_EQ(*raw, f.second) << symbol;
  }
  auto report = a->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.at(0).what;
}

TEST(WriterPipelineTest, ArchiveBytesDoNotDependOnThreadsOrBatching) {
  const Files files = SeriesFiles();
  testing::TempDir d1, d2, d3;
  auto together = Create(d1.str());
  Ingest(*together, files, 2, 64);
  auto serial = Create(d2.str());
  Ingest(*serial, files, 1, 1);
  auto one_by_one = Create(d3.str());  // every base committed before it is used
  for (const auto& f : files) Ingest(*one_by_one, {f}, 2, 64);
  auto s1 = together->Stats(), s2 = serial->Stats(), s3 = one_by_one->Stats();
  ASSERT_TRUE(s1.ok() && s2.ok() && s3.ok());
  EXPECT_EQ(s1->raw_object_bytes, s3->raw_object_bytes);
  EXPECT_EQ(s1->paragraph_object_bytes, s3->paragraph_object_bytes);
  EXPECT_EQ(s1->record_object_bytes, s3->record_object_bytes);
  EXPECT_EQ(s1->object_bytes, s2->object_bytes);
  EXPECT_EQ(s1->paragraph_objects, s3->paragraph_objects);
}

TEST(WriterPipelineTest, ReingestAndDuplicatesInOneRunStoreNothingTwice) {
  const Files files = SeriesFiles();
  testing::TempDir dir;
  auto a = Create(dir.str());
  Files half(files.begin(), files.begin() + files.size() / 2);
  Ingest(*a, half);
  // The second run holds known releases, new ones, and one file twice.
  Files run = files;
  run.push_back(files.back());
  auto results = Ingest(*a, run);
  ASSERT_EQ(results.size(), run.size());
  for (size_t i = 0; i < run.size(); ++i) {
    bool known = i < half.size() || i + 1 == run.size();
    EXPECT_EQ(results[i].status, known ? IngestStatus::kUnchanged : IngestStatus::kAdded) << i;
  }
  auto before = a->Stats();
  auto again = Ingest(*a, files);
  for (const auto& r : again) EXPECT_EQ(r.status, IngestStatus::kUnchanged);
  auto after = a->Stats();
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before->object_bytes, after->object_bytes);
  EXPECT_EQ(before->stored_bytes, after->stored_bytes);

  // Distinct wordings: 8 preamble per series, and per series 10 operative paragraphs at
  // version 0 plus each session's two changed ones (session numbers 50..61 are distinct).
  EXPECT_EQ(after->paragraph_objects, 4u * (8 + 10 + 12 * 2));
  testing::TempDir fresh;
  auto b = Create(fresh.str());
  Ingest(*b, files);
  EXPECT_EQ(b->Stats()->object_bytes, after->object_bytes);
  auto report = a->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.at(0).what;
}

}  // namespace
}  // namespace recital

// Format 3's compact indexes (store/indexes.h, migrations/m0003_compact_indexes.cc): the golden
// archives of versions 1 and 2 migrate to 3 with every paragraph use intact (checked against
// the records and against the format-2 index itself), ingest keeps numbering documents after a
// migration, and verify reports damage to the new databases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <tuple>

#include "migrations/legacy_formats.h"
#include "migrations/migrations.h"
#include "store/migration.h"
#include "store/store.h"
#include "tests/migrations/migration_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;
using Uses = std::vector<store::ParagraphUse>;

std::string GoldenDir(int version) {
  return std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/golden-v" + std::to_string(version);
}

bool UseLess(const store::ParagraphUse& a, const store::ParagraphUse& b) {
  return std::tie(a.symbol, a.version, a.position) < std::tie(b.symbol, b.version, b.position);
}

// Every use of every wording, from the records of every stored version (document order over
// preamble, operative, annex), sorted like ParagraphUses.
std::map<Hash128, Uses> UsesFromRecords(const store::Archive& archive) {
  std::map<Hash128, Uses> out;
  auto docs = archive.ListDocuments();
  EXPECT_TRUE(docs.ok());
  if (!docs.ok()) return out;
  for (const auto& doc : *docs) {
    for (const auto& v : doc.versions) {
      auto r = archive.GetResolution(doc.symbol, v.version);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok()) continue;
      uint32_t position = 0;
      for (const auto* list : {&r->preamble, &r->operative, &r->annex}) {
        for (const auto& p : *list) out[WordingHash(p)].push_back({doc.symbol, v.version, position++});
      }
    }
  }
  for (auto& [h, uses] : out) std::sort(uses.begin(), uses.end(), UseLess);
  return out;
}

// The format-2 paragraph_uses of an archive, read raw: one duplicate per use.
std::map<Hash128, Uses> UsesOfVersionTwo(const std::string& dir) {
  std::map<Hash128, Uses> out;
  Status st = testing::ForEachPair(dir, "paragraph_uses", [&](const std::string& k,
                                                             const std::string& v) {
    Hash128 h;
    store::ParagraphUse use;
    EXPECT_TRUE(Hash128::FromBytes(k, &h));
    EXPECT_TRUE(migrations::DecodeV2Use(v, &use));
    out[h].push_back(use);
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  for (auto& [h, uses] : out) std::sort(uses.begin(), uses.end(), UseLess);
  return out;
}

void ExpectUsesKept(int golden_version) {
  SCOPED_TRACE("golden archive of version " + std::to_string(golden_version));
  TempDir dir;
  testing::CopyArchive(GoldenDir(golden_version), dir.str());
  std::map<Hash128, Uses> before;
  if (golden_version == 2) before = UsesOfVersionTwo(dir.str());
  auto plan = migrations::Migrate(dir.str(), {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->from_version, golden_version);
  auto archive = store::Archive::Open(dir.str(), store::OpenOptions{});
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  EXPECT_EQ((*archive)->format_version(), store::kFormatVersion);
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems[0].what;
  std::map<Hash128, Uses> expected = UsesFromRecords(**archive);
  ASSERT_GE(expected.size(), 20u);
  if (golden_version == 2) {
    EXPECT_EQ(before, expected);  // format 2 said the same
  }
  size_t total = 0, reused = 0;
  for (const auto& [h, uses] : expected) {
    auto got = (*archive)->ParagraphUses(h);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(*got, uses) << h.ToHex();
    total += uses.size();
    reused += uses.size() > 1;
  }
  auto stats = (*archive)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->paragraph_uses, total);
  EXPECT_EQ(stats->reused_paragraphs, reused);
  // A wording nobody uses has no uses.
  auto none = (*archive)->ParagraphUses(HashBytes("no such wording"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(CompactIndexesTest, GoldenArchivesKeepEveryParagraphUse) {
  ExpectUsesKept(1);
  ExpectUsesKept(2);
  ExpectUsesKept(3);
}

TEST(CompactIndexesTest, VersionTwoRunsOnlyStepThree) {
  TempDir dir;
  testing::CopyArchive(GoldenDir(2), dir.str());
  std::vector<int> done;
  migrations::MigrateOptions options;
  options.on_step_done = [&](const migrations::Step& s) { done.push_back(s.number); };
  auto plan = migrations::Migrate(dir.str(), options);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(done, (std::vector<int>{3, 4, 5, 6, 7}));
  // The golden A/RES/61/50 uses one wording at positions 2 and 4.
  Paragraph p;
  p.section = Section::kOperative;
  p.lead = "Takes";
  p.text = "Takes note of the report of the Secretary-General;";
  auto archive = store::Archive::Open(dir.str(), store::OpenOptions{});
  ASSERT_TRUE(archive.ok());
  auto uses = (*archive)->ParagraphUses(WordingHash(p));
  ASSERT_TRUE(uses.ok());
  EXPECT_THAT(*uses, ::testing::IsSupersetOf(Uses{{"A/RES/61/50", 1, 2}, {"A/RES/61/50", 1, 4}}));
  auto verify = testing::RunRecital({"verify", "--archive", dir.str()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

// The golden line format (scripts/golden_ingest.cc), enough of it for these releases.
Result<Resolution> ParseLines(std::string_view bytes, const std::string&) {
  Resolution r;
  std::istringstream in{std::string(bytes)};
  std::string line;
  while (std::getline(in, line)) {
    size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string tag = line.substr(0, space), rest = line.substr(space + 1);
    if (tag == "SYMBOL") r.symbol = rest;
    if (tag != "P" && tag != "O") continue;
    Paragraph p;
    p.section = tag == "P" ? Section::kPreamble : Section::kOperative;
    p.number = tag == "O" ? std::to_string(r.operative.size() + 1) : "";
    p.lead = rest.substr(0, rest.find(' '));
    p.text = rest;
    (tag == "P" ? r.preamble : r.operative).push_back(std::move(p));
  }
  return r;
}

TEST(CompactIndexesTest, IngestAfterMigrationNumbersNewDocumentsAndVerifies) {
  TempDir dir;
  testing::CopyArchive(GoldenDir(2), dir.str());
  ASSERT_TRUE(migrations::Migrate(dir.str(), {}).ok());
  size_t numbered = 0;
  ASSERT_TRUE(testing::ForEachPair(dir.str(), "doc_symbols", [&](const std::string&,
                                                                const std::string&) {
                ++numbered;
              }).ok());
  store::OpenOptions open;
  open.read_only = false;
  auto archive = store::Archive::Open(dir.str(), open);
  ASSERT_TRUE(archive.ok());
  const std::string shared = "P Deeply concerned at the continuing plight of displaced persons "
                             "in the Lake Region,\n";
  std::vector<store::ReleaseInput> inputs = {
      {"new.txt", "SYMBOL A/RES/62/7\n" + shared + "O Decides to act at once;\n"},
      {"again.txt", "SYMBOL A/RES/58/101\n" + shared + "O Decides to act at once;\n"}};
  store::IngestOptions options;
  options.parse = ParseLines;
  options.threads = 1;
  std::vector<store::IngestStatus> statuses;
  ASSERT_TRUE((*archive)->IngestBatch(inputs, options, [&](const store::IngestResult& r) {
    statuses.push_back(r.status);
  }).ok());
  EXPECT_EQ(statuses, (std::vector<store::IngestStatus>{store::IngestStatus::kAdded,
                                                         store::IngestStatus::kVersion}));
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems[0].what;
  std::map<Hash128, Uses> expected = UsesFromRecords(**archive);
  for (const auto& [h, uses] : expected) {
    auto got = (*archive)->ParagraphUses(h);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, uses) << h.ToHex();
  }
  auto hits = (*archive)->FindPhrase("decides to act at once");
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].uses, (Uses{{"A/RES/58/101", 2, 1}, {"A/RES/62/7", 1, 1}}));
  archive = Status::NotFound("closed");
  size_t after = 0;
  std::string last_symbol, last_key;
  ASSERT_TRUE(testing::ForEachPair(dir.str(), "doc_symbols", [&](const std::string& k,
                                                                const std::string& v) {
                ++after;
                last_key = k;
                last_symbol = v;
              }).ok());
  EXPECT_EQ(after, numbered + 1);  // only the new document got a number, the next one
  EXPECT_EQ(last_symbol, "A/RES/62/7");
  EXPECT_EQ(last_key, store::DocNumberKey(static_cast<uint32_t>(numbered + 1)));
}

TEST(CompactIndexesTest, VerifyReportsDamagedNumbersAndUseLists) {
  TempDir dir;
  testing::CopyArchive(GoldenDir(2), dir.str());
  ASSERT_TRUE(migrations::Migrate(dir.str(), {}).ok());
  // A/RES/61/50 uses "Decides to remain seized of the matter." once, at position 5.
  Paragraph p;
  p.section = Section::kOperative;
  p.lead = "Decides";
  p.text = "Decides to remain seized of the matter.";
  std::string key = WordingHash(p).ToBytes();
  std::string number;
  ASSERT_TRUE(testing::ForEachPair(dir.str(), "doc_numbers", [&](const std::string& k,
                                                                const std::string& v) {
                if (k == "A/RES/61/50") number = v;
              }).ok());
  ASSERT_EQ(number.size(), 4u);
  uint32_t doc = static_cast<uint8_t>(number[3]);
  // The list now claims a second use by the same version, at position 9.
  std::string list = store::EncodeUseList({{doc, 1, 5}, {doc, 1, 9}});
  ASSERT_TRUE(testing::PutPair(dir.str(), "paragraph_uses", key, list).ok());
  auto archive = store::Archive::Open(dir.str(), store::OpenOptions{});
  ASSERT_TRUE(archive.ok());
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  std::vector<std::string> what;
  for (const auto& problem : report->problems) what.push_back(problem.what);
  EXPECT_THAT(what, ::testing::Contains(HasSubstr("paragraph_uses: entry without a document " +
                                                  WordingHash(p).ToHex() +
                                                  " at A/RES/61/50 version 1 position 9")));
}

TEST(CompactIndexesTest, VerifyReportsADocumentWithoutANumber) {
  TempDir dir;
  testing::CopyArchive(GoldenDir(2), dir.str());
  ASSERT_TRUE(migrations::Migrate(dir.str(), {}).ok());
  std::string number;
  ASSERT_TRUE(testing::ForEachPair(dir.str(), "doc_numbers", [&](const std::string& k,
                                                                const std::string& v) {
                if (k == "A/RES/59/98") number = v;
              }).ok());
  ASSERT_TRUE(testing::DeletePair(dir.str(), "doc_numbers", "A/RES/59/98", number).ok());
  auto archive = store::Archive::Open(dir.str(), store::OpenOptions{});
  ASSERT_TRUE(archive.ok());
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  std::vector<std::string> what;
  for (const auto& problem : report->problems) {
    what.push_back(problem.what);
    EXPECT_EQ(problem.symbols, (std::vector<std::string>{"A/RES/59/98"})) << problem.what;
  }
  EXPECT_THAT(what, ::testing::Contains("doc_numbers: A/RES/59/98 has no number"));
  EXPECT_THAT(what, ::testing::Contains(HasSubstr("names A/RES/59/98, which doc_numbers does "
                                                  "not give that number")));
}

TEST(LegacyFormatsTest, VersionTwoUsesAndVersionThreePostingsRoundTrip) {
  std::string use = migrations::EncodeV2Use("A/RES/54/144", 2, 258);
  EXPECT_EQ(use, std::string("A/RES/54/144\0\0\0\0\x02\0\0\x01\x02", 21));
  store::ParagraphUse back;
  ASSERT_TRUE(migrations::DecodeV2Use(use, &back));
  EXPECT_EQ(back, (store::ParagraphUse{"A/RES/54/144", 2, 258}));
  EXPECT_FALSE(migrations::DecodeV2Use("A/RES/54/144", &back));                   // no NUL
  EXPECT_FALSE(migrations::DecodeV2Use(use.substr(0, use.size() - 1), &back));  // truncated
  EXPECT_EQ(migrations::V3WordPosting(HashBytes("x")), HashBytes("x").ToBytes().substr(0, 4));
}

}  // namespace
}  // namespace recital

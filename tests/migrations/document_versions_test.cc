// Migration step 5, first part (m0005_document_versions.cc): the golden archive of format 4 gets
// each version's language and completeness from its record and a current version per language
// by the rule (complete beats cut off beats a part; among equals the newest). Expected values
// are read by hand from tests/testdata/golden-v4-src (see its README): files ingested in name
// order, so each zz- file is version 2 of its symbol. The golden writer sets a record's
// language only where the file says LANGUAGE, so the English copies have language "".
#include <gtest/gtest.h>

#include <string>

#include "migrations/migrations.h"
#include "store/store.h"
#include "tests/migrations/migration_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;
using testing::TempDir;

std::string GoldenV4() { return std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/golden-v4"; }

class DocumentVersionsMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::CopyArchive(GoldenV4(), dir_.str());
    auto plan = migrations::Migrate(dir_.str(), {});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    store::OpenOptions options;
    options.read_only = false;
    auto archive = store::Archive::Open(dir_.str(), options);
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(*archive);
  }
  store::Document Doc(const std::string& symbol) {
    auto d = archive_->GetDocument(symbol);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : store::Document{};
  }
  TempDir dir_;
  std::unique_ptr<store::Archive> archive_;
};

TEST_F(DocumentVersionsMigrationTest, CompleteCopyStaysCurrentOverALaterCutOffCopy) {
  store::Document d = Doc("A/RES/60/215");
  ASSERT_EQ(d.versions.size(), 2u);
  EXPECT_EQ(d.versions[0].completeness, store::Completeness::kComplete);
  EXPECT_EQ(d.versions[1].completeness, store::Completeness::kCutOff);  // TRUNCATED
  EXPECT_EQ(d.current().version, 1u);
  EXPECT_EQ(store::CurrentReason(d, 2), "version 1 is complete and this copy is cut off");
  auto r = archive_->GetResolution("A/RES/60/215");  // version 0: the current one
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->truncated_end);
}

TEST_F(DocumentVersionsMigrationTest, ALaterPageIsAPartNotTheCurrentVersion) {
  store::Document d = Doc("A/RES/59/241");
  ASSERT_EQ(d.versions.size(), 2u);
  EXPECT_EQ(d.versions[1].completeness, store::Completeness::kPart);  // MIDSTART
  EXPECT_EQ(d.current().version, 1u);
  // A text query still reads the part: it may hold what no other copy holds.
  EXPECT_EQ(store::SearchedVersions(d), (std::vector<uint32_t>{1, 2}));
}

TEST_F(DocumentVersionsMigrationTest, FrenchCopyIsAVersionInItsOwnLanguage) {
  store::Document d = Doc("A/RES/61/50");
  ASSERT_EQ(d.versions.size(), 2u);
  EXPECT_EQ(d.versions[0].language, "");  // the golden writer sets no language for English
  EXPECT_EQ(d.versions[1].language, "fr");
  EXPECT_EQ(d.languages(), (std::vector<std::string>{"", "fr"}));
  EXPECT_EQ(d.current().version, 1u);  // preferred: no "en", so the first stored language
  ASSERT_NE(d.try_current("fr"), nullptr);
  EXPECT_EQ(d.try_current("fr")->version, 2u);
  EXPECT_EQ(d.try_current("es"), nullptr);
  ASSERT_EQ(d.current_versions.size(), 2u);
  EXPECT_FALSE(d.current_versions[0].chosen);
}

TEST_F(DocumentVersionsMigrationTest, CompleteCorrectedReReleaseReplacesTheOldOne) {
  store::Document d = Doc("A/RES/60/101");
  ASSERT_EQ(d.versions.size(), 2u);
  EXPECT_EQ(d.versions[0].completeness, store::Completeness::kComplete);
  EXPECT_EQ(d.versions[1].completeness, store::Completeness::kComplete);
  EXPECT_EQ(d.current().version, 2u);
}

TEST_F(DocumentVersionsMigrationTest, MigratedArchiveVerifiesAndShowsVersions) {
  auto report = archive_->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems[0].what;
  archive_.reset();
  auto shown = RunRecital({"show", "A/RES/60/215", "--versions", "--archive", dir_.str()});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("not current: version 1 is complete and this copy is cut off"),
            std::string::npos)
      << shown.out;
}

TEST_F(DocumentVersionsMigrationTest, UserChoiceOverridesTheRuleUntilReturnedToIt) {
  ASSERT_TRUE(archive_->SetCurrentVersion("A/RES/60/215", 2).ok());
  store::Document d = Doc("A/RES/60/215");
  EXPECT_EQ(d.current().version, 2u);
  ASSERT_FALSE(d.current_versions.empty());
  EXPECT_TRUE(d.current_versions[0].chosen);
  auto report = archive_->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems[0].what;
  ASSERT_TRUE(archive_->ClearCurrentChoice("A/RES/60/215", "").ok());
  EXPECT_EQ(Doc("A/RES/60/215").current().version, 1u);
  EXPECT_TRUE(archive_->SetCurrentVersion("A/RES/60/215", 3).IsNotFound());
}

}  // namespace
}  // namespace recital

// `recital grep -l` and `-c` (history::GrepDocuments, GrepCounts, Archive::FindPhraseDocuments)
// on the lighthouse series and the other hand-written records (history_test_util.h), where
// which resolution holds which wording is known from their construction.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "history/history.h"
#include "tests/history/history_test_util.h"

namespace recital {
namespace {

using Method = store::PhraseDocumentOptions::Method;

class GrepDocumentsTest : public ::testing::Test {
 protected:
  void SetUp() override { archive_.Ingest(testing::AllRecords()); }
  store::Archive& archive() { return archive_.archive(); }

  // The symbols FindPhraseDocuments gives by one method.
  std::vector<std::string> Symbols(const std::string& phrase, Method method,
                                   const std::set<std::string>* only = nullptr) {
    store::PhraseDocumentOptions options;
    options.method = method;
    options.only = only;
    auto docs = archive().FindPhraseDocuments(phrase, options);
    EXPECT_TRUE(docs.ok()) << docs.status().ToString();
    std::vector<std::string> out;
    if (docs.ok()) {
      for (const auto& d : *docs) out.push_back(d.symbol);
    }
    return out;
  }
  // Every method gives `expected`.
  void ExpectDocuments(const std::string& phrase, const std::vector<std::string>& expected) {
    for (Method m : {Method::kAuto, Method::kFromWordings, Method::kFromDocuments,
                     Method::kFromUses}) {
      EXPECT_EQ(Symbols(phrase, m), expected) << phrase << ", method " << static_cast<int>(m);
    }
  }

  testing::RecordArchive archive_;
};

TEST_F(GrepDocumentsTest, AWordingRepeatedLaterIsFoundInEveryResolutionUsingIt) {
  // "Decides to remain seized of the matter." was stored by 60/7 and repeated word for word by
  // 61/7 and 62/7, which posted nothing for it.
  ExpectDocuments("seized", {"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"});
  ExpectDocuments("SEIZED of the matter", {"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"});
}

TEST_F(GrepDocumentsTest, TwoWordPhraseListsEveryResolutionHoldingTheRun) {
  // In the three lighthouse resolutions and both fisheries ones (61/30 repeats 60/20's
  // paragraph); 61/99 has "coastal States" but not the run.
  ExpectDocuments("Member States",
                  {"A/RES/60/20", "A/RES/60/7", "A/RES/61/30", "A/RES/61/7", "A/RES/62/7"});
  ExpectDocuments("lighthouse keepers", {"A/RES/62/7"});
  ExpectDocuments("lighthouse keep", {});
}

TEST_F(GrepDocumentsTest, SeriesArgumentLimitsTheDocuments) {
  auto docs = history::GrepDocuments(archive(), "Member States", "61/30");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].symbol, "A/RES/60/20");
  EXPECT_EQ((*docs)[1].symbol, "A/RES/61/30");
  ASSERT_EQ((*docs)[1].versions.size(), 1u);
  EXPECT_EQ((*docs)[1].versions[0].version, 1u);
  EXPECT_EQ((*docs)[1].versions[0].language, "en");
  const std::set<std::string> fisheries = {"A/RES/60/20", "A/RES/61/30"};
  for (Method m : {Method::kFromWordings, Method::kFromDocuments, Method::kFromUses}) {
    EXPECT_EQ(Symbols("Member States", m, &fisheries),
              std::vector<std::string>({"A/RES/60/20", "A/RES/61/30"}));
  }
  EXPECT_TRUE(history::GrepDocuments(archive(), "Member States", "A/RES/9/9").status().IsNotFound());
}

TEST_F(GrepDocumentsTest, OnlyTheCurrentVersionIsSearched) {
  // A corrected 62/7 without the "Invites" paragraph: its first version still holds "lighthouse
  // keepers" (and is the one posted for "keepers"), but is no longer current.
  std::vector<Resolution> records = testing::LighthouseRecords();
  Resolution corrected = records[2];
  corrected.operative.erase(corrected.operative.begin() + 1);
  archive_.Ingest({corrected});
  ExpectDocuments("keepers", {});
  ExpectDocuments("lighthouse keepers", {});
  // Still in the corrected version: found there, as version 2.
  auto docs = history::GrepDocuments(archive(), "best practices");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[1].symbol, "A/RES/62/7");
  ASSERT_EQ((*docs)[1].versions.size(), 1u);
  EXPECT_EQ((*docs)[1].versions[0].version, 2u);
  ExpectDocuments("practices", {"A/RES/61/7", "A/RES/62/7"});
}

TEST_F(GrepDocumentsTest, CountsArePerResolutionParagraphs) {
  // "States": Aware/Concerned and Encourages/Urges in each lighthouse resolution, the
  // "Calls upon" paragraph in each of the others.
  auto counts = history::GrepCounts(archive(), "States");
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  std::vector<std::pair<std::string, size_t>> got;
  for (const auto& c : *counts) got.emplace_back(c.symbol, c.paragraphs);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, size_t>>{{"A/RES/60/20", 1},
                                                                {"A/RES/60/7", 2},
                                                                {"A/RES/61/30", 1},
                                                                {"A/RES/61/7", 2},
                                                                {"A/RES/61/99", 1},
                                                                {"A/RES/62/7", 2}}));
  auto none = history::GrepCounts(archive(), "lighthouse keep");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(GrepDocumentsTest, NoWordsIsInvalidInput) {
  EXPECT_TRUE(history::GrepDocuments(archive(), " ,.; ").status().IsInvalidInput());
  EXPECT_TRUE(history::GrepCounts(archive(), " ,.; ").status().IsInvalidInput());
}

}  // namespace
}  // namespace recital

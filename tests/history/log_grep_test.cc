// The log of a series (per-session counts) and phrase search grouped by series, on the
// lighthouse series (which session holds which wording is known from its construction).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "history/history.h"
#include "tests/history/history_test_util.h"

namespace recital {
namespace {

class LogGrepTest : public ::testing::Test {
 protected:
  void SetUp() override { archive_.Ingest(testing::AllRecords()); }
  store::Archive& archive() { return archive_.archive(); }
  testing::RecordArchive archive_;
};

TEST_F(LogGrepTest, LogCountsTheEditsMadeInEachSession) {
  auto log = history::LogOf(archive(), "A/RES/62/7");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->series.key, testing::KeyOf("A/RES/60/7"));
  ASSERT_EQ(log->rows.size(), 3u);
  EXPECT_EQ(log->rows[0].symbol, "A/RES/60/7");
  EXPECT_EQ(log->rows[0].session, 60u);
  EXPECT_EQ(log->rows[0].adoption_date, "2005-12-01");
  EXPECT_EQ(log->rows[0].title, testing::kLighthouseTitle);
  EXPECT_FALSE(log->rows[0].has_previous);
  // 60 -> 61: P1, O2, O3 unchanged; P2 (lead) and O1 reworded; P3 removed.
  const DiffSummary& a = log->rows[1].summary;
  EXPECT_TRUE(log->rows[1].has_previous);
  EXPECT_EQ(a.unchanged, 3u);
  EXPECT_EQ(a.reworded, 2u);
  EXPECT_EQ(a.removed, 1u);
  EXPECT_EQ(a.added, 0u);
  // 61 -> 62: four unchanged (two renumbered, not moved), O1 reworded, Invites added.
  const DiffSummary& b = log->rows[2].summary;
  EXPECT_EQ(b.unchanged, 4u);
  EXPECT_EQ(b.reworded, 1u);
  EXPECT_EQ(b.added, 1u);
  EXPECT_EQ(b.moved, 0u);
}

TEST_F(LogGrepTest, LogOfASeriesNameOrShortSymbolIsTheSame) {
  auto by_symbol = history::LogOf(archive(), "60/7");
  auto by_name = history::LogOf(archive(), "cooperation on the maintenance of lighthouses");
  ASSERT_TRUE(by_symbol.ok()) << by_symbol.status().ToString();
  ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
  ASSERT_EQ(by_symbol->rows.size(), by_name->rows.size());
  for (size_t i = 0; i < by_name->rows.size(); ++i) {
    EXPECT_EQ(by_symbol->rows[i].symbol, by_name->rows[i].symbol);
  }
  EXPECT_TRUE(history::LogOf(archive(), "A/RES/99/1").status().IsNotFound());
}

TEST_F(LogGrepTest, OverviewWithoutDiffsHasNoCounts) {
  history::SeriesHistory h;
  h.records = testing::LighthouseRecords();
  auto rows = history::OverviewRows(h);
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) EXPECT_FALSE(r.has_previous) << r.symbol;
}

TEST_F(LogGrepTest, GrepGroupsParagraphsBySeriesInSessionOrder) {
  // "best practices" was inserted in 61/7 and kept (reworded) in 62/7.
  auto g = history::Grep(archive(), "BEST, Practices");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->phrase, "BEST, Practices");
  ASSERT_EQ(g->series.size(), 1u);
  const history::GrepSeries& s = g->series[0];
  EXPECT_EQ(s.series.key, testing::KeyOf("A/RES/60/7"));
  ASSERT_EQ(s.paragraphs.size(), 2u);
  EXPECT_EQ(s.paragraphs[0].symbol, "A/RES/61/7");
  EXPECT_EQ(s.paragraphs[0].session, 61u);
  EXPECT_EQ(s.paragraphs[0].position, 2u);  // after the two preamble paragraphs, 0-based
  EXPECT_EQ(s.paragraphs[1].symbol, "A/RES/62/7");
  const store::PhraseHit& hit = g->hits.at(s.paragraphs[1].hit);
  EXPECT_EQ(hit.wording.text, testing::kUrges62);
  ASSERT_FALSE(hit.matches.empty());
  EXPECT_EQ(hit.wording.text.substr(hit.matches[0].byte_offset, hit.matches[0].byte_length),
            "best practices");
}

TEST_F(LogGrepTest, GrepOrdersSeriesByTheirFirstSession) {
  // "Member States" is in the lighthouses from 60/7 and in the fisheries from 60/20;
  // "Calls upon" in the fisheries (60) and in 61/99.
  auto g = history::Grep(archive(), "calls upon");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->series.size(), 2u);
  EXPECT_EQ(g->series[0].series.key, testing::KeyOf("A/RES/60/20"));
  EXPECT_EQ(g->series[0].paragraphs.size(), 2u);
  EXPECT_EQ(g->series[1].series.key, testing::KeyOf("A/RES/61/99"));
}

TEST_F(LogGrepTest, GrepSeriesArgumentLimitsTheSearch) {
  auto only = history::Grep(archive(), "Member States", "61/30");
  ASSERT_TRUE(only.ok()) << only.status().ToString();
  ASSERT_EQ(only->series.size(), 1u);
  EXPECT_EQ(only->series[0].series.key, testing::KeyOf("A/RES/60/20"));
  auto unknown = history::Grep(archive(), "Member States", "A/RES/9/9");
  EXPECT_TRUE(unknown.status().IsNotFound()) << unknown.status().ToString();
}

TEST_F(LogGrepTest, GrepSeesOnlyTheNewestVersionOfEachResolution) {
  // A corrected 62/7 without the "Invites" paragraph: its old wording is no longer found.
  std::vector<Resolution> records = testing::LighthouseRecords();
  Resolution corrected = records[2];
  corrected.operative.erase(corrected.operative.begin() + 1);
  archive_.Ingest({corrected});
  auto g = history::Grep(archive(), "lighthouse keepers");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_FALSE(g->hits.empty());  // the first version still holds it
  EXPECT_TRUE(g->series.empty());
}

TEST_F(LogGrepTest, GrepOfNoWordsIsInvalidInput) {
  EXPECT_TRUE(history::Grep(archive(), " ,.; ").status().IsInvalidInput());
}

}  // namespace
}  // namespace recital

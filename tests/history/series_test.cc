// Series over an archive: whole-archive detection, the per-symbol finder, what an argument
// names, slicing by session, loading a series with its diffs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "history/history.h"
#include "tests/history/history_test_util.h"

namespace recital {
namespace {

using Symbols = std::vector<std::string>;

class SeriesTest : public ::testing::Test {
 protected:
  void SetUp() override { archive_.Ingest(testing::AllRecords()); }
  store::Archive& archive() { return archive_.archive(); }
  testing::RecordArchive archive_;
};

TEST_F(SeriesTest, ArchiveSeriesGroupsByTitleAndRecallNotByCitation) {
  auto all = history::ArchiveSeries(archive());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  Series light = testing::SeriesWith(*all, "A/RES/60/7");
  EXPECT_EQ(light.symbols, (Symbols{"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}));
  EXPECT_EQ(light.name, testing::kLighthouseTitle);
  EXPECT_EQ(light.key, testing::KeyOf("A/RES/60/7"));
  // Another title, joined by "Recalling its resolution 60/20"; named after the newest member.
  Series fish = testing::SeriesWith(*all, "A/RES/60/20");
  EXPECT_EQ(fish.symbols, (Symbols{"A/RES/60/20", "A/RES/61/30"}));
  EXPECT_EQ(fish.name, "Cooperation on sustainable fisheries and aquaculture");
  // Cites 60/7 without recalling it as its own resolution: a series of its own.
  EXPECT_EQ(testing::SeriesWith(*all, "A/RES/61/99").symbols, Symbols{"A/RES/61/99"});
  // Sorted by first session, then key: the two session-60 series come before 61/99.
  EXPECT_EQ(all->back().symbols, Symbols{"A/RES/61/99"});
}

TEST_F(SeriesTest, FinderGivesEachSymbolItsWholeArchiveSeries) {
  auto all = history::ArchiveSeries(archive());
  ASSERT_TRUE(all.ok());
  auto finder = history::SeriesFinder::Create(archive());
  ASSERT_TRUE(finder.ok()) << finder.status().ToString();
  for (const Resolution& r : testing::AllRecords()) {
    auto s = (*finder)->Find(r.symbol);
    ASSERT_TRUE(s.ok()) << r.symbol << ": " << s.status().ToString();
    Series expected = testing::SeriesWith(*all, r.symbol);
    EXPECT_EQ(s->key, expected.key) << r.symbol;
    EXPECT_EQ(s->name, expected.name) << r.symbol;
    EXPECT_EQ(s->symbols, expected.symbols) << r.symbol;
  }
  auto none = (*finder)->Find("A/RES/1/1");
  EXPECT_TRUE(none.status().IsNotFound());
}

TEST_F(SeriesTest, FinderHandsOverTheRecordsItDecodedOnce) {
  auto finder = history::SeriesFinder::Create(archive());
  ASSERT_TRUE(finder.ok());
  (*finder)->KeepRecords();
  ASSERT_TRUE((*finder)->Find("A/RES/62/7").ok());
  auto kept = (*finder)->TakeRecord("A/RES/61/7");
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(*kept, *archive().GetResolution("A/RES/61/7"));
  EXPECT_FALSE((*finder)->TakeRecord("A/RES/61/7").has_value());   // moved out
  EXPECT_FALSE((*finder)->TakeRecord("A/RES/60/20").has_value());  // another series
}

TEST_F(SeriesTest, FinderKeepsNoRecordsUnlessAsked) {
  auto finder = history::SeriesFinder::Create(archive());
  ASSERT_TRUE(finder.ok());
  ASSERT_TRUE((*finder)->Find("A/RES/62/7").ok());
  EXPECT_FALSE((*finder)->TakeRecord("A/RES/62/7").has_value());
}

TEST_F(SeriesTest, ArgumentNamesASeriesBySymbolKeyOrName) {
  const Symbols lighthouses = {"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"};
  for (const char* arg : {"A/RES/61/7", "61/7", "a/res/62/7", "Cooperation on the maintenance",
                          "COOPERATION ON THE MAINTENANCE OF LIGHTHOUSES IN COASTAL STATES"}) {
    auto s = history::ResolveSeriesArg(archive(), arg);
    ASSERT_TRUE(s.ok()) << arg << ": " << s.status().ToString();
    EXPECT_EQ(s->symbols, lighthouses) << arg;
  }
  const std::string key = testing::KeyOf("A/RES/60/20");
  auto by_key = history::ResolveSeriesArg(archive(), key);
  ASSERT_TRUE(by_key.ok()) << by_key.status().ToString();
  EXPECT_EQ(by_key->symbols, (Symbols{"A/RES/60/20", "A/RES/61/30"}));
}

TEST_F(SeriesTest, AmbiguousNamePrefixIsInvalidInputAndUnknownIsNotFound) {
  auto ambiguous = history::ResolveSeriesArg(archive(), "cooperation on");
  EXPECT_TRUE(ambiguous.status().IsInvalidInput()) << ambiguous.status().ToString();
  EXPECT_NE(ambiguous.status().message().find("2 series names"), std::string::npos)
      << ambiguous.status().message();
  auto unknown = history::ResolveSeriesArg(archive(), "A/RES/99/1");
  EXPECT_TRUE(unknown.status().IsNotFound()) << unknown.status().ToString();
  EXPECT_NE(unknown.status().message().find("A/RES/99/1"), std::string::npos);
}

TEST_F(SeriesTest, SliceKeepsTheSessionsBetweenTheBounds) {
  auto s = history::ResolveSeriesArg(archive(), "60/7");
  ASSERT_TRUE(s.ok());
  auto all = history::SliceSeries(archive(), *s, "", "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->symbols, s->symbols);
  auto late = history::SliceSeries(archive(), *s, "61", "A/RES/62/7");
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->symbols, (Symbols{"A/RES/61/7", "A/RES/62/7"}));
  EXPECT_EQ(late->key, s->key);
  auto early = history::SliceSeries(archive(), *s, "", "60/7");
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->symbols, Symbols{"A/RES/60/7"});
  // A symbol of another series is no bound; nor is a range holding no session.
  auto other = history::SliceSeries(archive(), *s, "A/RES/60/20", "");
  EXPECT_TRUE(other.status().IsInvalidInput());
  EXPECT_NE(other.status().message().find("A/RES/60/20"), std::string::npos);
  EXPECT_TRUE(history::SliceSeries(archive(), *s, "70", "").status().IsInvalidInput());
}

TEST_F(SeriesTest, LoadedHistoryHasTheRecordsInOrderAndOneDiffPerPair) {
  auto s = history::ResolveSeriesArg(archive(), "62/7");
  ASSERT_TRUE(s.ok());
  auto h = history::LoadSeriesHistory(archive(), *s);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  ASSERT_EQ(h->records.size(), 3u);
  EXPECT_EQ(h->records[0].symbol, "A/RES/60/7");
  EXPECT_EQ(h->records[2].symbol, "A/RES/62/7");
  ASSERT_EQ(h->diffs.size(), 2u);
  EXPECT_EQ(h->diffs[1].from_symbol, "A/RES/61/7");
  EXPECT_EQ(h->diffs[1].to_symbol, "A/RES/62/7");
  auto bare = history::LoadSeriesHistory(archive(), *s, nullptr, /*with_diffs=*/false);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->records.size(), 3u);
  EXPECT_TRUE(bare->diffs.empty());
}

// A series whose title changed ("Work of the Office of the Keeper ..." -> "Report of the
// Keeper ..." -> "Office of the Keeper ..."), pages without a title, and a resolution of
// another subject that one member recalls: our own wording, in the shapes of the corpus's
// UNHCR series (728 (VIII), 2197 (XXI) recalling 2040 (XX), 55/74, 56/134).
class ChangedTitleSeriesTest : public ::testing::Test {
 protected:
  static constexpr const char* kLong =
      "Reaffirming that the keepers of lighthouses along every coast of the world provide an "
      "essential service to all seafarers, whose safety depends on lights that are kept burning "
      "through every night of the year,";  // 34 words
  static constexpr const char* kShortShared = "Noting the report of the Secretary-General,";

  void SetUp() override {
    using testing::Record;
    Resolution work = Record(69, 1, "Work of the Office of the Keeper of Lighthouses", {},
                             {"Invites the Keeper to report on his work;"});
    Resolution report = Record(70, 1, "Report of the Keeper of Lighthouses", {kLong, kShortShared},
                               {"Requests the Keeper to continue his work;"});
    Resolution office = Record(71, 1, "Office of the Keeper of Lighthouses",
                               {"Recalling its resolution 70/1 of 1 December 2015,", kLong},
                               {"Requests the Keeper to continue his work;"});
    office.citations.push_back({"A/RES/70/1", "2015-12-01"});
    Resolution seafarers = Record(71, 9, "Assistance to seafarers in distress", {kShortShared},
                                  {"Calls upon States to rescue seafarers in distress;"});
    // A report on the Keeper recalling the seafarers' resolution: another subject.
    Resolution report72 = Record(72, 1, "Report of the Keeper of Lighthouses",
                                 {"Recalling its resolution 71/9 of 2 December 2016, on "
                                  "seafarers in distress,",
                                  kShortShared},
                                 {"Requests the Keeper to continue his work;"});
    report72.citations.push_back({"A/RES/71/9", "2016-12-02"});
    // A later page of 73/4 without a title: it shares the long paragraph with 70/1 and 71/1.
    Resolution page = Record(73, 4, "", {kLong}, {"Decides to remain seized of the matter."});
    // A page without a title sharing no whole paragraph: its text names the Keeper.
    Resolution named = Record(74, 4, "", {},
                              {"Expresses its gratitude to the Keeper of Lighthouses for his "
                               "untiring efforts;"});
    // 75/2: its first version has a title, its newest (a later page) none: the document keeps
    // the title, although the page names the Keeper of Lighthouses.
    Resolution titled = Record(75, 2, "Assistance to seafarers in distress", {kShortShared},
                               {"Calls upon States to rescue seafarers in distress;"});
    Resolution later_page =
        Record(75, 2, "", {}, {"Thanks the Keeper of Lighthouses for the lights;"});
    archive_.Ingest({work, report, office, seafarers, report72, page, named, titled});
    archive_.Ingest({later_page});
  }
  store::Archive& archive() { return archive_.archive(); }
  testing::RecordArchive archive_;
};

TEST_F(ChangedTitleSeriesTest, TitlesRecallsParagraphsAndNamedTitlesMakeTheSeries) {
  auto all = history::ArchiveSeries(archive());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  Series keeper = testing::SeriesWith(*all, "A/RES/70/1");
  EXPECT_EQ(keeper.symbols, (Symbols{"A/RES/69/1", "A/RES/70/1", "A/RES/71/1", "A/RES/72/1",
                                     "A/RES/73/4", "A/RES/74/4"}));
  EXPECT_EQ(keeper.name, "Report of the Keeper of Lighthouses");  // 74/4 has none
  EXPECT_EQ(testing::SeriesWith(*all, "A/RES/71/9").symbols, (Symbols{"A/RES/71/9", "A/RES/75/2"}));
}

TEST_F(ChangedTitleSeriesTest, FinderGivesEachSymbolItsWholeArchiveSeries) {
  auto all = history::ArchiveSeries(archive());
  ASSERT_TRUE(all.ok());
  for (const char* symbol : {"A/RES/69/1", "A/RES/70/1", "A/RES/71/1", "A/RES/71/9", "A/RES/72/1",
                             "A/RES/73/4", "A/RES/74/4", "A/RES/75/2"}) {
    // A fresh finder per symbol: the lookup must not depend on what an earlier one found.
    auto s = history::SeriesOfSymbol(archive(), symbol);
    ASSERT_TRUE(s.ok()) << symbol << ": " << s.status().ToString();
    Series expected = testing::SeriesWith(*all, symbol);
    EXPECT_EQ(s->key, expected.key) << symbol;
    EXPECT_EQ(s->name, expected.name) << symbol;
    EXPECT_EQ(s->symbols, expected.symbols) << symbol;
  }
}

}  // namespace
}  // namespace recital

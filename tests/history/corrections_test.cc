// The user's corrections of series detection (SeriesCorrections): what is stored, and that
// every later read (whole-archive detection, the per-symbol finder, argument lookup) applies it.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "history/history.h"
#include "tests/history/history_test_util.h"

namespace recital {
namespace {

using history::SeriesCorrections;
using Symbols = std::vector<std::string>;

class CorrectionsTest : public ::testing::Test {
 protected:
  void SetUp() override { archive_.Ingest(testing::AllRecords()); }
  store::Archive& archive() { return archive_.archive(); }

  // The series of symbol as ArchiveSeries and as a fresh SeriesFinder see it; fails the test
  // when they disagree.
  Series SeriesOf(const std::string& symbol) {
    auto all = history::ArchiveSeries(archive());
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    Series whole = all.ok() ? testing::SeriesWith(*all, symbol) : Series{};
    auto found = history::SeriesOfSymbol(archive(), symbol);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    if (found.ok()) {
      EXPECT_EQ(found->key, whole.key) << symbol;
      EXPECT_EQ(found->name, whole.name) << symbol;
      EXPECT_EQ(found->symbols, whole.symbols) << symbol;
    }
    return whole;
  }

  const std::string light_key_ = testing::KeyOf("A/RES/60/7");
  const std::string fish_key_ = testing::KeyOf("A/RES/60/20");
  testing::RecordArchive archive_;
};

TEST_F(CorrectionsTest, NothingStoredMeansNoCorrections) {
  auto o = SeriesCorrections::Load(archive());
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_TRUE(o->names.empty());
  EXPECT_TRUE(o->joins.empty());
  EXPECT_TRUE(o->split_out.empty());
}

TEST_F(CorrectionsTest, LoadGivesBackWhatTheWritersStored) {
  ASSERT_TRUE(SeriesCorrections::Rename(archive(), light_key_, "Lighthouses").ok());
  ASSERT_TRUE(SeriesCorrections::Join(archive(), light_key_, fish_key_).ok());
  ASSERT_TRUE(SeriesCorrections::SplitOut(archive(), "A/RES/61/30").ok());
  // Settings that are not corrections are not read as ones.
  ASSERT_TRUE(archive().PutSetting("series/unknown/x", "y").ok());
  ASSERT_TRUE(archive().PutSetting("other/name/" + light_key_, "z").ok());
  auto o = SeriesCorrections::Load(archive());
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(o->names, (Pairs{{light_key_, "Lighthouses"}}));
  EXPECT_EQ(o->joins, (Pairs{{light_key_, fish_key_}}));
  EXPECT_EQ(o->split_out, Symbols{"A/RES/61/30"});
}

TEST_F(CorrectionsTest, RenamedSeriesIsShownAndFoundUnderItsNewName) {
  ASSERT_TRUE(SeriesCorrections::Rename(archive(), light_key_, "Lighthouses").ok());
  Series s = SeriesOf("A/RES/61/7");
  EXPECT_EQ(s.name, "Lighthouses");
  EXPECT_EQ(s.key, light_key_);
  auto by_name = history::ResolveSeriesArg(archive(), "lighthouses");
  ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
  EXPECT_EQ(by_name->key, light_key_);
  // Renamed again: the newest name wins.
  ASSERT_TRUE(SeriesCorrections::Rename(archive(), light_key_, "Aids to navigation").ok());
  EXPECT_EQ(SeriesOf("A/RES/60/7").name, "Aids to navigation");
}

TEST_F(CorrectionsTest, JoinedSeriesAreOneInSessionOrder) {
  ASSERT_TRUE(SeriesCorrections::Join(archive(), light_key_, fish_key_).ok());
  const Symbols joined = {"A/RES/60/20", "A/RES/60/7", "A/RES/61/30", "A/RES/61/7", "A/RES/62/7"};
  EXPECT_EQ(SeriesOf("A/RES/61/30").symbols, joined);
  EXPECT_EQ(SeriesOf("A/RES/62/7").symbols, joined);
  EXPECT_EQ(SeriesOf("A/RES/61/99").symbols, Symbols{"A/RES/61/99"});
}

TEST_F(CorrectionsTest, SplitResolutionFormsASeriesOfItsOwn) {
  ASSERT_TRUE(SeriesCorrections::SplitOut(archive(), "A/RES/61/7").ok());
  EXPECT_EQ(SeriesOf("A/RES/61/7").symbols, Symbols{"A/RES/61/7"});
  EXPECT_EQ(SeriesOf("A/RES/61/7").key, testing::KeyOf("A/RES/61/7"));
  EXPECT_EQ(SeriesOf("A/RES/62/7").symbols, (Symbols{"A/RES/60/7", "A/RES/62/7"}));
}

TEST_F(CorrectionsTest, CorrectionsHoldWhenALaterSessionArrives) {
  ASSERT_TRUE(SeriesCorrections::Rename(archive(), light_key_, "Lighthouses").ok());
  ASSERT_TRUE(SeriesCorrections::SplitOut(archive(), "A/RES/61/7").ok());
  archive_.Ingest(
      {testing::Record(63, 7, testing::kLighthouseTitle, {testing::kNoting}, {testing::kDecides})});
  Series s = SeriesOf("A/RES/63/7");
  EXPECT_EQ(s.key, light_key_);
  EXPECT_EQ(s.name, "Lighthouses");
  EXPECT_EQ(s.symbols, (Symbols{"A/RES/60/7", "A/RES/62/7", "A/RES/63/7"}));
}

TEST_F(CorrectionsTest, CorrectionsFollowTheirSeriesWhenAnEarlierSessionArrives) {
  ASSERT_TRUE(SeriesCorrections::Rename(archive(), light_key_, "Lighthouses").ok());
  ASSERT_TRUE(SeriesCorrections::Join(archive(), light_key_, testing::KeyOf("A/RES/61/99")).ok());
  // 59/7 becomes the earliest lighthouse resolution: the series' key is now its key.
  archive_.Ingest(
      {testing::Record(59, 7, testing::kLighthouseTitle, {testing::kNoting}, {testing::kDecides})});
  Series s = SeriesOf("A/RES/60/7");
  EXPECT_EQ(s.key, testing::KeyOf("A/RES/59/7"));
  EXPECT_EQ(s.name, "Lighthouses");
  EXPECT_EQ(s.symbols,
            (Symbols{"A/RES/59/7", "A/RES/60/7", "A/RES/61/7", "A/RES/61/99", "A/RES/62/7"}));
  // A name given under the new key wins over the one that followed the old key.
  ASSERT_TRUE(SeriesCorrections::Rename(archive(), s.key, "Aids to navigation").ok());
  EXPECT_EQ(SeriesOf("A/RES/62/7").name, "Aids to navigation");
}

TEST_F(CorrectionsTest, MemberJoinIsKeptAndASplitWinsOverIt) {
  ASSERT_TRUE(SeriesCorrections::JoinMembers(archive(), "A/RES/61/7", "A/RES/61/99").ok());
  auto o = SeriesCorrections::Load(archive());
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(o->member_joins, (Pairs{{"A/RES/61/7", "A/RES/61/99"}}));
  EXPECT_TRUE(o->joins.empty());
  EXPECT_EQ(SeriesOf("A/RES/61/99").symbols,
            (Symbols{"A/RES/60/7", "A/RES/61/7", "A/RES/61/99", "A/RES/62/7"}));
  ASSERT_TRUE(SeriesCorrections::SplitOut(archive(), "A/RES/61/7").ok());
  EXPECT_EQ(SeriesOf("A/RES/61/99").symbols, Symbols{"A/RES/61/99"});
  EXPECT_EQ(SeriesOf("A/RES/62/7").symbols, (Symbols{"A/RES/60/7", "A/RES/62/7"}));
  EXPECT_TRUE(
      SeriesCorrections::JoinMembers(archive(), "A/RES/61/7", "A/RES/61/7").IsInvalidInput());
  EXPECT_TRUE(SeriesCorrections::JoinMembers(archive(), "", "A/RES/61/7").IsInvalidInput());
  EXPECT_TRUE(SeriesCorrections::JoinMembers(archive(), "A/RES/61/7", "a b").IsInvalidInput());
}

// The repro of issue #15 in our own wording: members arrive 51, 54, a page of 56 without a
// title; the user names the series and joins the page; then the earlier 50 arrives (and the
// series' key changes). Name and join hold, and the outcome is that of any other order.
TEST(CorrectionsOrderTest, NameAndJoinSurviveAnEarlierMemberAndAreThoseOfAnyOrder) {
  const std::string long_text =
      "Reaffirming the view of the Conference that the primary responsibility for keeping the "
      "lights of the coast burning lies with the coastal States themselves, with the support of "
      "the international community,";
  const std::string title = "Follow-up to the regional conference on lighthouses";
  auto records = [&] {
    Resolution r50 =
        testing::Record(50, 151, "Comprehensive review of coastal lights",
                        {"Recalling its resolutions 48/113 and 49/173,"}, {"Decides;"});
    Resolution r51 = testing::Record(
        51, 70, title, {"Recalling its resolutions 48/113, 49/173 and 50/151,", long_text},
        {"Decides;"});
    r51.citations = {{"A/RES/48/113", ""}, {"A/RES/49/173", ""}, {"A/RES/50/151", ""}};
    Resolution r54 = testing::Record(54, 144, title, {long_text}, {"Requests;"});
    Resolution r56 = testing::Record(56, 134, "", {long_text}, {"Welcomes;"});
    return std::vector<Resolution>{r50, r51, r54, r56};
  };
  auto correct = [](store::Archive& a) {
    auto s = history::ResolveSeriesArg(a, "54/144");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE(SeriesCorrections::Rename(a, s->key, "Lights follow-up").ok());
    // Detection already joins the page (it shares a whole paragraph): the join is kept by
    // the members.
    auto page = history::ResolveSeriesArg(a, "56/134");
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->key, s->key);
    ASSERT_TRUE(SeriesCorrections::JoinMembers(a, "A/RES/56/134", "A/RES/54/144").ok());
  };
  const std::vector<Resolution> all = records();
  testing::RecordArchive late_first;
  late_first.Ingest({all[1], all[2], all[3]});
  correct(late_first.archive());
  late_first.Ingest({all[0]});
  testing::RecordArchive all_first;
  all_first.Ingest(all);
  correct(all_first.archive());
  for (testing::RecordArchive* a : {&late_first, &all_first}) {
    auto s = history::ResolveSeriesArg(a->archive(), "lights follow-up");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->key, testing::KeyOf("A/RES/50/151"));
    EXPECT_EQ(s->name, "Lights follow-up");
    EXPECT_EQ(s->symbols, (Symbols{"A/RES/50/151", "A/RES/51/70", "A/RES/54/144", "A/RES/56/134"}));
  }
}

TEST_F(CorrectionsTest, WritersRefuseEmptyArgumentsAndStoreNothing) {
  EXPECT_TRUE(SeriesCorrections::Rename(archive(), light_key_, "").IsInvalidInput());
  EXPECT_TRUE(SeriesCorrections::Rename(archive(), "", "Name").IsInvalidInput());
  EXPECT_TRUE(SeriesCorrections::Join(archive(), light_key_, light_key_).IsInvalidInput());
  EXPECT_TRUE(SeriesCorrections::Join(archive(), "", fish_key_).IsInvalidInput());
  EXPECT_TRUE(SeriesCorrections::SplitOut(archive(), "").IsInvalidInput());
  auto settings = archive().ListSettings("series/");
  ASSERT_TRUE(settings.ok());
  EXPECT_TRUE(settings->empty());
}

}  // namespace
}  // namespace recital

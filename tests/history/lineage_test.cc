// Lineage (blame): the walk back through a series, on hand-made diffs (so the walk is tested
// apart from the diff engine) and on the lighthouse series (expected values from its
// construction, history_test_util.h).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "history/history.h"
#include "tests/history/history_test_util.h"

namespace recital {
namespace {

using history::BlameParagraph;
using history::LineageEntry;
using history::SeriesHistory;
using Lineage = std::vector<std::pair<std::string, std::string>>;

Lineage LineageOf(const BlameParagraph& p) {
  Lineage out;
  for (const LineageEntry& e : p.lineage) out.emplace_back(e.symbol, e.text);
  return out;
}

ParagraphRef Ref(Section section, size_t index, std::string text) {
  ParagraphRef r;
  r.section = section;
  r.index = index;
  r.text = std::move(text);
  return r;
}

Change MakeChange(ChangeStatus status, std::vector<ParagraphRef> from,
                  std::vector<ParagraphRef> to) {
  Change c;
  c.status = status;
  c.from = std::move(from);
  c.to = std::move(to);
  return c;
}

// Records with only operative paragraphs of the given texts.
Resolution Ops(uint32_t session, std::vector<std::string> texts) {
  return testing::Record(session, 1, "Hand-made", {}, std::move(texts));
}

SeriesHistory HistoryOf(std::vector<Resolution> records, std::vector<std::vector<Change>> diffs) {
  SeriesHistory h;
  for (size_t i = 0; i + 1 < records.size() && i < diffs.size(); ++i) {
    DiffResult d;
    d.from_symbol = records[i].symbol;
    d.to_symbol = records[i + 1].symbol;
    d.changes = std::move(diffs[i]);
    h.diffs.push_back(std::move(d));
  }
  for (const Resolution& r : records) h.series.symbols.push_back(r.symbol);
  h.records = std::move(records);
  return h;
}

TEST(LineageTest, UnchangedWordingDatesFromTheFirstSessionThatHadIt) {
  const Section O = Section::kOperative;
  auto h = HistoryOf(
      {Ops(50, {"Decides."}), Ops(51, {"Decides."}), Ops(52, {"Decides."})},
      {{MakeChange(ChangeStatus::kUnchanged, {Ref(O, 0, "Decides.")}, {Ref(O, 0, "Decides.")})},
       {MakeChange(ChangeStatus::kUnchanged, {Ref(O, 0, "Decides.")}, {Ref(O, 0, "Decides.")})}});
  auto blame = history::BlameLast(h);
  ASSERT_EQ(blame.size(), 1u);
  EXPECT_EQ(blame[0].since, "A/RES/50/1");
  EXPECT_EQ(blame[0].text, "Decides.");
  EXPECT_TRUE(blame[0].lineage.empty());
}

TEST(LineageTest, MergeStartsAWordingAndTheWalkGoesOnThroughItsFirstPart) {
  const Section O = Section::kOperative;
  // 50: "a0"; 51: "a" (reworded from a0), "b" (added); 52: "ab" (merged from a and b).
  auto h = HistoryOf(
      {Ops(50, {"a0"}), Ops(51, {"a", "b"}), Ops(52, {"ab"})},
      {{MakeChange(ChangeStatus::kReworded, {Ref(O, 0, "a0")}, {Ref(O, 0, "a")}),
        MakeChange(ChangeStatus::kAdded, {}, {Ref(O, 1, "b")})},
       {MakeChange(ChangeStatus::kMerged, {Ref(O, 0, "a"), Ref(O, 1, "b")}, {Ref(O, 0, "ab")})}});
  auto blame = history::BlameLast(h);
  ASSERT_EQ(blame.size(), 1u);
  EXPECT_EQ(blame[0].since, "A/RES/52/1");
  // The merged wordings joined by a space, then the first part's earlier wording.
  EXPECT_EQ(LineageOf(blame[0]), (Lineage{{"A/RES/51/1", "a b"}, {"A/RES/50/1", "a0"}}));
}

TEST(LineageTest, MovedParagraphIsFollowedToItsOldPosition) {
  const Section O = Section::kOperative;
  // 51 swaps the two paragraphs of 50 (both unchanged, moved); 52 rewords the first.
  auto h = HistoryOf({Ops(50, {"x", "y"}), Ops(51, {"y", "x"}), Ops(52, {"y2", "x"})},
                     {{MakeChange(ChangeStatus::kUnchanged, {Ref(O, 1, "y")}, {Ref(O, 0, "y")}),
                       MakeChange(ChangeStatus::kUnchanged, {Ref(O, 0, "x")}, {Ref(O, 1, "x")})},
                      {MakeChange(ChangeStatus::kReworded, {Ref(O, 0, "y")}, {Ref(O, 0, "y2")}),
                       MakeChange(ChangeStatus::kUnchanged, {Ref(O, 1, "x")}, {Ref(O, 1, "x")})}});
  h.diffs[0].changes[0].moved = true;
  auto blame = history::BlameLast(h);
  ASSERT_EQ(blame.size(), 2u);
  EXPECT_EQ(blame[0].since, "A/RES/52/1");
  EXPECT_EQ(LineageOf(blame[0]), (Lineage{{"A/RES/50/1", "y"}}));
  EXPECT_EQ(blame[1].since, "A/RES/50/1");
}

TEST(LineageTest, AddedParagraphHasNoEarlierWording) {
  const Section O = Section::kOperative;
  auto h = HistoryOf({Ops(50, {"x"}), Ops(51, {"x", "new"})},
                     {{MakeChange(ChangeStatus::kUnchanged, {Ref(O, 0, "x")}, {Ref(O, 0, "x")}),
                       MakeChange(ChangeStatus::kAdded, {}, {Ref(O, 1, "new")})}});
  auto blame = history::BlameLast(h);
  ASSERT_EQ(blame.size(), 2u);
  EXPECT_EQ(blame[1].since, "A/RES/51/1");
  EXPECT_TRUE(blame[1].lineage.empty());
  EXPECT_EQ(blame[1].number, "2");
  EXPECT_EQ(blame[1].section, Section::kOperative);
}

TEST(LineageTest, EmptyHistoryHasNoParagraphs) {
  EXPECT_TRUE(history::BlameLast(SeriesHistory{}).empty());
}

TEST(LineageTest, LighthouseRewordingsAreListedNewestFirst) {
  SeriesHistory h;
  h.records = testing::LighthouseRecords();
  auto blame = history::BlameLast(h);  // no diffs given: BlameLast diffs the pairs itself
  ASSERT_EQ(blame.size(), 6u);
  // Noting: never changed.
  EXPECT_EQ(blame[0].section, Section::kPreamble);
  EXPECT_EQ(blame[0].since, "A/RES/60/7");
  EXPECT_EQ(LineageOf(blame[0]), Lineage{});
  // Concerned (was Aware in 60/7).
  EXPECT_EQ(blame[1].lead, "Concerned");
  EXPECT_EQ(blame[1].since, "A/RES/61/7");
  EXPECT_EQ(LineageOf(blame[1]), (Lineage{{"A/RES/60/7", testing::kAware}}));
  // Urges: reworded twice.
  EXPECT_EQ(blame[2].section, Section::kOperative);
  EXPECT_EQ(blame[2].number, "1");
  EXPECT_EQ(blame[2].text, testing::kUrges62);
  EXPECT_EQ(blame[2].since, "A/RES/62/7");
  EXPECT_EQ(LineageOf(blame[2]), (Lineage{{"A/RES/61/7", testing::kEncourages61},
                                          {"A/RES/60/7", testing::kEncourages60}}));
  // Invites: new in 62/7.
  EXPECT_EQ(blame[3].since, "A/RES/62/7");
  EXPECT_EQ(LineageOf(blame[3]), Lineage{});
  // Requests and Decides: renumbered only, so their wording dates from 60/7.
  EXPECT_EQ(blame[4].number, "3");
  EXPECT_EQ(blame[4].since, "A/RES/60/7");
  EXPECT_EQ(blame[5].since, "A/RES/60/7");
}

TEST(LineageTest, GivenDiffsGiveTheSameLineageAsComputedOnes) {
  SeriesHistory without;
  without.records = testing::LighthouseRecords();
  SeriesHistory with = without;
  for (size_t i = 1; i < with.records.size(); ++i) {
    with.diffs.push_back(DiffResolutions(with.records[i - 1], with.records[i]));
  }
  auto a = history::BlameLast(without);
  auto b = history::BlameLast(with);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].since, b[i].since) << i;
    EXPECT_EQ(LineageOf(a[i]), LineageOf(b[i])) << i;
  }
}

TEST(LineageTest, TechnicalUpdateCarriesTheSubstanceBack) {
  const Section O = Section::kOperative;
  // 50 -> 51 technical, 51 -> 52 substantive, 52 -> 53 technical.
  auto h =
      HistoryOf({Ops(50, {"w50"}), Ops(51, {"w51"}), Ops(52, {"w52"}), Ops(53, {"w53"})},
                {{MakeChange(ChangeStatus::kReworded, {Ref(O, 0, "w50")}, {Ref(O, 0, "w51")})},
                 {MakeChange(ChangeStatus::kReworded, {Ref(O, 0, "w51")}, {Ref(O, 0, "w52")})},
                 {MakeChange(ChangeStatus::kReworded, {Ref(O, 0, "w52")}, {Ref(O, 0, "w53")})}});
  h.diffs[0].changes[0].technical = true;
  h.diffs[2].changes[0].technical = true;
  auto blame = history::BlameLast(h);
  ASSERT_EQ(blame.size(), 1u);
  EXPECT_EQ(blame[0].text, "w53");
  EXPECT_EQ(blame[0].wording_since, "A/RES/53/1");
  EXPECT_EQ(blame[0].since, "A/RES/52/1");  // w52 -> w53 was an update of the same substance
  EXPECT_EQ(LineageOf(blame[0]),
            (Lineage{{"A/RES/52/1", "w52"}, {"A/RES/51/1", "w51"}, {"A/RES/50/1", "w50"}}));
  std::vector<bool> technical;
  for (const LineageEntry& e : blame[0].lineage) technical.push_back(e.technical);
  EXPECT_EQ(technical, (std::vector<bool>{true, false, true}));
}

TEST(LineageTest, RecallRolloverIsTechnicalThroughTheDiffEngine) {
  SeriesHistory h;
  h.records = {
      testing::Record(50, 1, "T", {"Recalling its resolution 49/1 of 1 December 1994,"}, {}),
      testing::Record(51, 1, "T", {"Recalling its resolution 50/1 of 5 December 1995,"}, {})};
  auto blame = history::BlameLast(h);
  ASSERT_EQ(blame.size(), 1u);
  EXPECT_EQ(blame[0].since, "A/RES/50/1");
  EXPECT_EQ(blame[0].wording_since, "A/RES/51/1");
  ASSERT_EQ(blame[0].lineage.size(), 1u);
  EXPECT_TRUE(blame[0].lineage[0].technical);
  EXPECT_EQ(blame[0].lineage[0].text, "Recalling its resolution 49/1 of 1 December 1994,");
}

TEST(LineageTest, ParagraphAPartialCopyDoesNotReachIsComparedWithTheCopyBefore) {
  const Section O = Section::kOperative;
  // 51 is a copy cut off before "y": the pair 51 -> 52 does not compare y (no change holds it),
  // so blame compares y with 50, which has it unchanged.
  auto h =
      HistoryOf({Ops(50, {"x.", "y."}), Ops(51, {"x."}), Ops(52, {"x.", "y."})},
                {{MakeChange(ChangeStatus::kUnchanged, {Ref(O, 0, "x.")}, {Ref(O, 0, "x.")})},
                 {MakeChange(ChangeStatus::kUnchanged, {Ref(O, 0, "x.")}, {Ref(O, 0, "x.")})}});
  auto blame = history::BlameLast(h);
  ASSERT_EQ(blame.size(), 2u);
  EXPECT_EQ(blame[0].since, "A/RES/50/1");
  EXPECT_EQ(blame[1].text, "y.");
  EXPECT_EQ(blame[1].since, "A/RES/50/1");
  EXPECT_TRUE(blame[1].lineage.empty());
  // No earlier copy reaches it: its wording dates from the first copy that has it.
  h.records[0] = Ops(50, {"x."});
  blame = history::BlameLast(h);
  EXPECT_EQ(blame[1].since, "A/RES/52/1");
}

TEST(LineageTest, CutOffCopyOfAnUnchangedParagraphIsContinuity) {
  const std::string whole = "Decides to keep the lights burning through every night of the year;";
  SeriesHistory h;
  h.records = {
      Ops(50, {"Calls upon States to maintain lighthouses;", whole}),
      Ops(51, {"Calls upon States to maintain lighthouses;", "Decides to keep the lights"}),
      Ops(52, {"Calls upon States to maintain lighthouses;", whole})};
  h.records[1].truncated_end = true;  // the copy of 51 ends inside its last paragraph
  auto blame = history::BlameLast(h);
  ASSERT_EQ(blame.size(), 2u);
  EXPECT_EQ(blame[1].text, whole);
  EXPECT_EQ(blame[1].since, "A/RES/50/1");
  EXPECT_TRUE(blame[1].lineage.empty());
}

TEST(BlameSymbolTest, MiddleOfSeriesLooksOnlyBackwards) {
  testing::RecordArchive a;
  a.Ingest(testing::LighthouseRecords());
  auto view = history::BlameSymbol(a.archive(), "61/7");
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->symbol, "A/RES/61/7");
  ASSERT_EQ(view->history.records.size(), 2u);
  EXPECT_EQ(view->history.records.back().symbol, "A/RES/61/7");
  ASSERT_EQ(view->paragraphs.size(), 5u);
  EXPECT_EQ(view->paragraphs[2].text, testing::kEncourages61);
  EXPECT_EQ(view->paragraphs[2].since, "A/RES/61/7");
  EXPECT_EQ(LineageOf(view->paragraphs[2]), (Lineage{{"A/RES/60/7", testing::kEncourages60}}));
}

TEST(BlameSymbolTest, UnknownSymbolIsNotFoundNamingIt) {
  testing::RecordArchive a;
  a.Ingest(testing::LighthouseRecords());
  auto view = history::BlameSymbol(a.archive(), "A/RES/1/1");
  ASSERT_FALSE(view.ok());
  EXPECT_TRUE(view.status().IsNotFound());
  EXPECT_NE(view.status().message().find("A/RES/1/1"), std::string::npos)
      << view.status().message();
}

}  // namespace
}  // namespace recital

// Series detection over record metadata (no database).
#include <gtest/gtest.h>
#include <algorithm>
#include <string>
#include <vector>

#include "diff/diff.h"

namespace recital {
namespace {

SeriesMember M(std::string symbol, uint32_t session, std::string title,
               std::vector<std::string> recalls = {}) {
  SeriesMember m;
  m.symbol = std::move(symbol);
  m.session = session;
  m.title = std::move(title);
  m.recalls = std::move(recalls);
  return m;
}

// Titles of our own; the shape (a title change within the series) follows 48/113 .. 54/144.
std::vector<SeriesMember> Members() {
  const std::string old_title = "Comprehensive review of displacement in the eastern region";
  const std::string new_title = "Follow-up to the eastern regional conference on displacement";
  return {
      M("A/RES/54/144", 54, new_title,
        {"A/RES/48/113", "A/RES/49/173", "A/RES/50/151", "A/RES/51/70", "A/RES/53/123"}),
      M("A/RES/48/113", 48, old_title),
      M("A/RES/49/173", 49, old_title + ".", {"A/RES/48/113"}),
      M("A/RES/50/151", 50, "Comprehensive Review of Displacement in the Eastern Region",
        {"A/RES/48/113", "A/RES/49/173"}),
      M("A/RES/51/70", 51, new_title, {"A/RES/48/113", "A/RES/49/173", "A/RES/50/151"}),
      M("A/RES/51/77", 51, "The rights of the child", {"A/RES/44/25"}),
      M("A/RES/52/107", 52, "The rights of the child", {"A/RES/51/77"}),
  };
}

TEST(SeriesTest, TitleChangeIsBridgedByTheRecallChain) {
  std::vector<Series> all = DetectSeries(Members());
  ASSERT_EQ(all.size(), 2u);
  const Series& cis = all[0];  // starts at session 48
  std::vector<std::string> want = {"A/RES/48/113", "A/RES/49/173", "A/RES/50/151", "A/RES/51/70",
                                   "A/RES/54/144"};
  EXPECT_EQ(cis.symbols, want);
  EXPECT_EQ(cis.name, "Follow-up to the eastern regional conference on displacement");
  EXPECT_EQ(cis.key.size(), 14u);
  EXPECT_EQ(cis.key.rfind("s-", 0), 0u);
  std::vector<std::string> child = {"A/RES/51/77", "A/RES/52/107"};
  EXPECT_EQ(all[1].symbols, child);
}

TEST(SeriesTest, KeyIsStableWhenLaterMembersArrive) {
  std::vector<SeriesMember> few = Members();
  few.erase(few.begin());  // without 54/144
  std::vector<Series> before = DetectSeries(few);
  std::vector<Series> after = DetectSeries(Members());
  EXPECT_EQ(before[0].key, after[0].key);
}

TEST(SeriesTest, RecallOfALaterSessionDoesNotJoin) {
  std::vector<SeriesMember> ms = {M("A/RES/50/1", 50, "Alpha question", {"A/RES/52/9"}),
                                  M("A/RES/52/9", 52, "Beta question")};
  EXPECT_EQ(DetectSeries(ms).size(), 2u);
}

TEST(SeriesTest, UserCorrectionsApply) {
  std::vector<Series> all = DetectSeries(Members());
  SeriesOverrides o;
  o.names = {{all[1].key, "Children"}};
  o.joins = {{all[0].key, all[1].key}};
  std::vector<Series> joined = DetectSeries(Members(), o);
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].symbols.size(), 7u);
  EXPECT_EQ(joined[0].symbols.front(), "A/RES/48/113");

  SeriesOverrides s;
  s.split_out = {"A/RES/52/107"};
  s.names = {{all[0].key, "CIS follow-up"}};
  std::vector<Series> split = DetectSeries(Members(), s);
  ASSERT_EQ(split.size(), 3u);
  EXPECT_EQ(split[0].name, "CIS follow-up");
  EXPECT_EQ(split[2].symbols, std::vector<std::string>{"A/RES/52/107"});
}

TEST(SeriesTest, MemberFromRecordReadsTheRecallingParagraph) {
  Resolution r;
  r.symbol = "A/RES/51/70";
  r.session = 51;
  Paragraph p;
  p.text =
      "Recalling its resolutions 48/113 of 20 December 1993, 49/173 of 23 December 1994 and, "
      "in particular, 50/151 of 21 December 1995,";
  r.preamble.push_back(p);
  p.text = "Noting the report A/51/12/Add.1 and resolution 2200 A (XXI),";
  r.preamble.push_back(p);
  SeriesMember m = SeriesMemberFromResolution(r);
  std::vector<std::string> want = {"A/RES/48/113", "A/RES/49/173", "A/RES/50/151"};
  EXPECT_EQ(m.recalls, want);
}

TEST(SeriesTest, NormalizeTitleIgnoresCaseArticlesAndPunctuation) {
  EXPECT_EQ(NormalizeTitle("The Rights of the Child."), NormalizeTitle("Rights of the child"));
  EXPECT_NE(NormalizeTitle("Rights of the child"), NormalizeTitle("Rights of migrants"));
}

TEST(SeriesTest, NormalizeTitleDropsALeadingReportOfOrWorkOf) {
  EXPECT_EQ(NormalizeTitle("Work of the Office of the Keeper of Lighthouses"),
            "office keeper lighthouses");
  EXPECT_EQ(NormalizeTitle("Office of the Keeper of Lighthouses"), "office keeper lighthouses");
  EXPECT_EQ(NormalizeTitle("Report of the Keeper of Lighthouses"), "keeper lighthouses");
  // Only a head followed by "of", and only at the start.
  EXPECT_EQ(NormalizeTitle("Work programme of the Keeper"), "work programme keeper");
  EXPECT_EQ(NormalizeTitle("Keeper of Lighthouses: report of the Keeper"),
            "keeper lighthouses report keeper");
  EXPECT_EQ(NormalizeTitle("Continuation of the Office of the Keeper"),
            "continuation office keeper");
}

TEST(SeriesTest, TitleKeyIgnoresStraySpaces) {
  EXPECT_EQ(SeriesTitleKey(NormalizeTitle("The rol e of lighthou ses in coastal States")),
            SeriesTitleKey(NormalizeTitle("The role of lighthouses in coastal States")));
  EXPECT_NE(SeriesTitleKey(NormalizeTitle("The role of lighthouses")),
            SeriesTitleKey(NormalizeTitle("The role of beacons")));
  // Equal keys group members.
  std::vector<SeriesMember> ms = {
      M("A/RES/55/1", 55, "The role of lighthouses in coastal States"),
      M("A/RES/74/1", 74, "The rol e of lighthou ses in coastal States")};
  EXPECT_EQ(DetectSeries(ms).size(), 1u);
}

TEST(SeriesTest, RelatedTitlesShareTwoWordsAndHalfTheShorter) {
  EXPECT_TRUE(RelatedTitles("office keeper lighthouses", "keeper lighthouses"));
  // One word in common of three: another subject.
  EXPECT_FALSE(RelatedTitles("assistance refugees africa", "keeper lighthouses refugees"));
  // Two in common, but not half of the shorter (five words).
  EXPECT_FALSE(RelatedTitles("alpha beta gamma delta epsilon", "alpha beta zeta eta theta iota"));
  EXPECT_FALSE(RelatedTitles("", "keeper"));
}

// The shape of 2040 (XX) and 2197 (XXI): a report on an office recalls a resolution on another
// subject; that recall alone is no membership.
TEST(SeriesTest, RecallOfAnotherSubjectsResolutionIsNotMembership) {
  std::vector<SeriesMember> ms = {
      M("A/RES/2040(XX)", 20, "Assistance to refugees in Africa"),
      M("A/RES/2197(XXI)", 21, "Report of the Keeper of Lighthouses", {"A/RES/2040(XX)"}),
      M("A/RES/2294(XXII)", 22, "Report of the Keeper of Lighthouses", {"A/RES/2197(XXI)"})};
  std::vector<Series> all = DetectSeries(ms);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].symbols, std::vector<std::string>{"A/RES/2040(XX)"});
  EXPECT_EQ(all[1].symbols, (std::vector<std::string>{"A/RES/2197(XXI)", "A/RES/2294(XXII)"}));
}

TEST(SeriesTest, RecallAcrossUnrelatedTitlesJoinsWithARecallOrAParagraphInCommon) {
  // A third resolution both recall: one line of work under two titles (48/113: 50/151, 51/70).
  std::vector<SeriesMember> ms = {
      M("A/RES/50/1", 50, "Comprehensive review of lighthouse safety", {"A/RES/48/9"}),
      M("A/RES/51/1", 51, "Follow-up to the beacon conference", {"A/RES/48/9", "A/RES/50/1"})};
  EXPECT_EQ(DetectSeries(ms).size(), 1u);
  // No recall in common, no paragraph: two series.
  ms[1].recalls = {"A/RES/50/1"};
  EXPECT_EQ(DetectSeries(ms).size(), 2u);
  // One whole paragraph in common: one.
  ms[0].paragraphs = {HashBytes("shared paragraph")};
  ms[1].paragraphs = {HashBytes("shared paragraph"), HashBytes("its own")};
  EXPECT_EQ(DetectSeries(ms).size(), 1u);
}

// Two subjects of one agenda item, each a series of its own title running side by side (78/234
// and 79/161 on the Durban follow-up, 78/190 and 79/160 on Nazism), both recall the item's
// founding resolution; 79/160 recalling 78/234 does not make them one. A title that changed
// (48/113 .. 50/151, then 51/70 ..) ends before the next begins: there the recall in common
// joins.
TEST(SeriesTest, RecallInCommonDoesNotJoinTitlesRunningSideBySide) {
  std::vector<SeriesMember> ms = {
      M("A/RES/78/1", 78, "Lighthouse safety", {"A/RES/66/1"}),
      M("A/RES/79/1", 79, "Lighthouse safety", {"A/RES/66/1", "A/RES/78/1"}),
      M("A/RES/78/2", 78, "Maritime beacons", {"A/RES/66/1"}),
      M("A/RES/79/2", 79, "Maritime beacons", {"A/RES/66/1", "A/RES/78/2", "A/RES/78/1"})};
  EXPECT_EQ(DetectSeries(ms).size(), 2u);
  ms[2].session = 76;  // "Maritime beacons" in 76 and 77, "Lighthouse safety" from 78 on
  ms[3] = M("A/RES/77/2", 77, "Maritime beacons", {"A/RES/66/1", "A/RES/78/2"});
  ms[1].recalls.push_back("A/RES/77/2");
  EXPECT_EQ(DetectSeries(ms).size(), 1u);
}

// "Nuclear disarmament" (79/50) recalls "Follow-up to the 2013 high-level meeting of the General
// Assembly on nuclear disarmament" (78/27): two words in common are all of the shorter title
// but not half of the longer one, so the recall is of another subject.
TEST(SeriesTest, RecallJoinsTitlesSharingHalfTheLongerTitle) {
  std::vector<SeriesMember> ms = {
      M("A/RES/78/27", 78,
        "Follow-up to the 2013 high-level meeting of the General Assembly on nuclear disarmament"),
      M("A/RES/79/50", 79, "Nuclear disarmament", {"A/RES/78/27"})};
  EXPECT_EQ(DetectSeries(ms).size(), 2u);
  ms[0].title = "Nuclear disarmament verification";  // two of three words: one subject
  EXPECT_EQ(DetectSeries(ms).size(), 1u);
}

// Common wording (the 2030 Agenda recall) that members of three or more titles carry word for
// word joins nothing, and two shared paragraphs of some thirty (the boilerplate of two
// territories' resolutions) do not make two titles one series.
TEST(SeriesTest, CommonWordingDoesNotJoinTitles) {
  const Hash128 agenda = HashBytes("agenda"), a = HashBytes("a"), b = HashBytes("b");
  std::vector<SeriesMember> ms = {M("A/RES/78/1", 78, "Lighthouse safety"),
                                  M("A/RES/79/1", 79, "Maritime beacons"),
                                  M("A/RES/80/1", 80, "Harbour pilots")};
  for (auto& m : ms) m.paragraphs = {agenda, a, b};
  EXPECT_EQ(DetectSeries(ms).size(), 3u);  // every paragraph under three titles
  ms[2].paragraphs = {agenda};
  // a and b: two titles, two paragraphs of three: one series; agenda (three titles) alone no.
  std::vector<Series> all = DetectSeries(ms);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].symbols, (std::vector<std::string>{"A/RES/78/1", "A/RES/79/1"}));
  // Three shared paragraphs among thirty-one each: not a good part of either.
  ms.pop_back();
  for (int i = 0; i < 28; ++i) {
    ms[0].paragraphs.push_back(HashBytes("own 0 " + std::to_string(i)));
    ms[1].paragraphs.push_back(HashBytes("own 1 " + std::to_string(i)));
  }
  EXPECT_EQ(DetectSeries(ms).size(), 2u);
}

TEST(SeriesTest, TitlesIgnoreSessionOrdinalsAndYears) {
  std::vector<SeriesMember> ms = {
      M("A/RES/78/108", 78,
        "Report of the International Law Commission on the work of its seventy-fourth session"),
      M("A/RES/79/121", 79,
        "Report of the International Law Commission on the work of its seventy-fifth session"),
      M("A/RES/78/252", 78, "Questions relating to the proposed programme budget for 2024"),
      M("A/RES/79/257", 79, "Questions relating to the proposed programme budget for 2025")};
  std::vector<Series> all = DetectSeries(ms);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].symbols.size(), 2u);
  EXPECT_EQ(all[1].symbols.size(), 2u);
}

TEST(SeriesTest, HeadingAndSubjectJoinTheHeadingAlone) {
  std::vector<SeriesMember> ms = {
      M("A/RES/78/2", 78,
        "Scale of assessments for the apportionment of the expenses of the United Nations: "
        "requests under Article 19 of the Charter"),
      M("A/RES/79/249", 79,
        "Scale of assessments for the apportionment of the expenses of the United Nations")};
  std::vector<Series> all = DetectSeries(ms);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].symbols, (std::vector<std::string>{"A/RES/78/2", "A/RES/79/249"}));
}

// A long title followed by a qualifier is a sub-item of that title's subject, as the official
// releases' SOURCES.tsv groups them (the decolonization Declaration and its resolution on the
// specialized agencies, adopted side by side every year; the scale of assessments and the
// peacekeeping scale). A short title (under six words) is not a subject by itself.
TEST(SeriesTest, QualifiedLongTitleJoinsTheTitleItStartsWith) {
  const std::string declaration =
      "Implementation of the Declaration on the Granting of Independence to Colonial Countries "
      "and Peoples";
  std::vector<SeriesMember> ms = {
      M("A/RES/78/101", 78, declaration),
      M("A/RES/79/96", 79,
        declaration + " by the specialized agencies and the international institutions "
                      "associated with the United Nations"),
      M("A/RES/79/249", 79,
        "Scale of assessments for the apportionment of the expenses of the United Nations"),
      M("A/RES/79/250", 79,
        "Scale of assessments for the apportionment of the expenses of the United Nations "
        "peacekeeping operations"),
      M("A/RES/79/10", 79, "Question of Palestine"),
      M("A/RES/79/11", 79, "Question of Palestine and the Middle East")};
  std::vector<Series> all = DetectSeries(ms);
  ASSERT_EQ(all.size(), 4u);
  std::vector<std::vector<std::string>> groups;
  for (const Series& s : all) groups.push_back(s.symbols);
  std::sort(groups.begin(), groups.end());
  EXPECT_EQ(groups, (std::vector<std::vector<std::string>>{{"A/RES/78/101", "A/RES/79/96"},
                                                           {"A/RES/79/10"},
                                                           {"A/RES/79/11"},
                                                           {"A/RES/79/249", "A/RES/79/250"}}));
}

TEST(SeriesTest, PageWithoutTitleJoinsByOneSharedParagraphOfAnotherSession) {
  const Hash128 shared = HashBytes("a whole paragraph"), other = HashBytes("another");
  std::vector<SeriesMember> ms = {M("A/RES/54/1", 54, "Follow-up to the beacon conference"),
                                  M("A/RES/56/1", 56, ""), M("A/RES/56/2", 56, "")};
  ms[0].paragraphs = {shared, other};
  ms[1].paragraphs = {shared};
  std::vector<Series> all = DetectSeries(ms);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].symbols, (std::vector<std::string>{"A/RES/54/1", "A/RES/56/1"}));
  EXPECT_EQ(all[0].name, "Follow-up to the beacon conference");
  // The same paragraph in two documents of one session (a session's common wording) is not a
  // series.
  ms[0].session = 56;
  EXPECT_EQ(DetectSeries(ms).size(), 3u);
}

TEST(SeriesTest, TwoTitlesShareTwoParagraphsToBeOneSeries) {
  std::vector<SeriesMember> ms = {M("A/RES/40/1", 40, "Lighthouse safety"),
                                  M("A/RES/41/1", 41, "Maritime beacons")};
  ms[0].paragraphs = {HashBytes("one"), HashBytes("two"), HashBytes("three")};
  ms[1].paragraphs = {HashBytes("one")};
  EXPECT_EQ(DetectSeries(ms).size(), 2u);
  ms[1].paragraphs.push_back(HashBytes("two"));
  EXPECT_EQ(DetectSeries(ms).size(), 1u);
}

TEST(SeriesTest, PagesWithoutTitleJoinTheLongestTitleTheirTextNames) {
  std::vector<SeriesMember> ms = {M("A/RES/50/1", 50, "Report of the Keeper of Lighthouses"),
                                  M("A/RES/51/1", 51, "Keeper of Lighthouses"),
                                  M("A/RES/51/2", 51, "Lighthouses"),  // one word: never looked for
                                  M("A/RES/52/7", 52, "Rights of the child"),
                                  M("A/RES/55/1", 55, "")};
  ms[4].untitled_text = "expresses appreciation keeper lighthouses lighthouses child";
  std::vector<Series> all = DetectSeries(ms);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].symbols, (std::vector<std::string>{"A/RES/50/1", "A/RES/51/1", "A/RES/55/1"}));
  // Two different titles of the longest length named: none is chosen.
  ms[3].title = "Rights of the young";
  ms[4].untitled_text = "keeper lighthouses rights young";
  EXPECT_EQ(DetectSeries(ms).size(), 4u);
  // A page joined to a titled member otherwise names no title.
  ms[4].untitled_text = "keeper lighthouses";
  ms[4].recalls = {"A/RES/52/7"};
  all = DetectSeries(ms);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].symbols, (std::vector<std::string>{"A/RES/52/7", "A/RES/55/1"}));
}

TEST(SeriesTest, NamedTitlesAreRunsOfWholeWords) {
  auto named = SeriesNamedTitles("the keeper lighthouses keeperx", 3, [](std::string_view t) {
    return t == "keeper lighthouses" || t == "lighthouses keeper";
  });
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].first, "keeper lighthouses");
  EXPECT_EQ(named[0].second, 2u);
}

TEST(SeriesTest, MemberJoinsHoldWhereverDetectionPutsThemUnlessSplit) {
  std::vector<SeriesMember> ms = {M("A/RES/60/1", 60, "Lighthouse safety"),
                                  M("A/RES/61/1", 61, "Lighthouse safety"),
                                  M("A/RES/61/2", 61, "Maritime beacons")};
  SeriesOverrides o;
  o.member_joins = {{"A/RES/61/1", "A/RES/61/2"}};
  std::vector<Series> all = DetectSeries(ms, o);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].symbols, (std::vector<std::string>{"A/RES/60/1", "A/RES/61/1", "A/RES/61/2"}));
  // Already one series: nothing changes. A split of either wins.
  o.member_joins = {{"A/RES/60/1", "A/RES/61/1"}};
  EXPECT_EQ(DetectSeries(ms, o).size(), 2u);
  o.split_out = {"A/RES/61/1"};
  o.member_joins = {{"A/RES/61/1", "A/RES/61/2"}};
  EXPECT_EQ(DetectSeries(ms, o).size(), 3u);
}

TEST(SeriesTest, MemberFromRecordListsWholeParagraphsAndTheTextOfAnUntitledPage) {
  const std::string long_text =
      "Reaffirming the view of the Conference that the primary responsibility for keeping the "
      "lights of the coast burning lies with the coastal States themselves, with the support of "
      "the international community,";  // 33 words
  Resolution r;
  r.symbol = "A/RES/56/134";
  r.session = 56;
  Paragraph p;
  p.text = long_text;
  r.preamble.push_back(p);
  p.text = "Noting the report of the Keeper of Lighthouses,";  // 8 words: too short
  r.preamble.push_back(p);
  p.text = long_text + " and cut off";  // the last paragraph of a copy cut off there
  r.operative.push_back(p);
  r.truncated_end = true;
  SeriesMember m = SeriesMemberFromResolution(r);
  EXPECT_EQ(m.paragraphs, std::vector<Hash128>{WordingHash(r.preamble[0])});
  EXPECT_EQ(m.untitled_text.rfind("reaffirming view conference that primary responsibility", 0), 0u)
      << m.untitled_text;
  EXPECT_NE(m.untitled_text.find("noting report keeper lighthouses"), std::string::npos);
  // With a title: no text kept. A copy starting mid-document drops its first paragraph.
  r.title = "Follow-up to the beacon conference";
  r.truncated_end = false;
  r.starts_mid_document = true;
  m = SeriesMemberFromResolution(r);
  EXPECT_TRUE(m.untitled_text.empty());
  EXPECT_EQ(m.paragraphs, std::vector<Hash128>{WordingHash(r.operative[0])});
}


// kSeriesParagraphWords counts the words of the whole paragraph, sub-paragraphs included (their
// labels too: "(a)" is the word "a").
TEST(SeriesTest, ParagraphLengthCountsSubParagraphs) {
  std::string twenty;  // "w1 w2 ... w20:"
  for (int i = 1; i <= 20; ++i) twenty += "w" + std::to_string(i) + (i < 20 ? " " : ":");
  Resolution r;
  r.symbol = "A/RES/56/135";
  r.title = "Follow-up to the beacon conference";
  Paragraph p;
  p.text = twenty;
  SubParagraph sub;
  sub.number = "(a)";
  sub.text = "x1 x2 x3 x4;";  // 20 + 1 + 4 = 25 words
  p.subparagraphs = {sub};
  r.operative.push_back(p);
  sub.text = "y1 y2 y3;";  // 20 + 1 + 3 = 24 words: too short
  p.subparagraphs = {sub};
  r.operative.push_back(p);
  const SeriesMember m = SeriesMemberFromResolution(r);
  EXPECT_EQ(m.paragraphs, std::vector<Hash128>{WordingHash(r.operative[0])});
}

}  // namespace
}  // namespace recital

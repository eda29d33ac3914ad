// Series detection over record metadata (no database).
#include <string>
#include <vector>

#include <gtest/gtest.h>

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
  p.text = "Recalling its resolutions 48/113 of 20 December 1993, 49/173 of 23 December 1994 and, "
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

}  // namespace
}  // namespace recital

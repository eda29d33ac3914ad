// Technical changes: what a session's rollover changes (symbols, dates, session ordinals, years)
// pairs and is flagged apart from substantive rewording. Wordings written for the test, in the
// style of the "Recalling its resolution ..." chains of real series.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diff/diff.h"

namespace recital {
namespace {

TEST(TechnicalTest, RecallOfTheNextResolutionIsTechnical) {
  EXPECT_TRUE(IsTechnicalChange("Recalling its resolution 38/121 of 16 December 1983,",
                                "Recalling its resolution 39/140 of 14 December 1984,"));
}

TEST(TechnicalTest, RecallChainThatGrowsByOneIsTechnical) {
  EXPECT_TRUE(IsTechnicalChange(
      "Recalling its resolution 51/70 of 12 December 1996,",
      "Recalling its resolutions 51/70 of 12 December 1996 and 52/102 of 12 December 1997,"));
  EXPECT_TRUE(IsTechnicalChange(
      "Recalling its resolutions 51/70 of 12 December 1996 and 52/102 of 12 December 1997,",
      "Recalling its resolutions 51/70 of 12 December 1996, 52/102 of 12 December 1997 and "
      "53/123 of 9 December 1998,"));
}

TEST(TechnicalTest, SymbolsOfEveryFormAreTechnical) {
  EXPECT_TRUE(IsTechnicalChange("Recalling its resolution 2040 (XX) of 7 December 1965,",
                                "Recalling its resolution 2197 (XXI) of 16 December 1966,"));
  EXPECT_TRUE(IsTechnicalChange("Having considered the report of the Secretary-General (A/54/600),",
                                "Having considered the report of the Secretary-General (A/55/312),"));
  EXPECT_TRUE(IsTechnicalChange("Recalling its resolutions 35/41 A and B of 25 November 1980,",
                                "Recalling its resolution 38/121 of 16 December 1983,"));
  EXPECT_TRUE(IsTechnicalChange("Taking note of document A/C.3/54/L.5,",
                                "Taking note of document A/C.3/55/L.12,"));
}

TEST(TechnicalTest, SessionOrdinalsAndYearsAreTechnical) {
  EXPECT_TRUE(IsTechnicalChange(
      "Decides to include in the provisional agenda of its fifty-fourth session the item.",
      "Decides to include in the provisional agenda of its fifty-fifth session the item."));
  EXPECT_TRUE(IsTechnicalChange("Requests a report at its sixtieth session;",
                                "Requests a report at its sixty-first session;"));
  EXPECT_TRUE(IsTechnicalChange("the work of its 54th session in 1999,",
                                "the work of its 55th session in 2000,"));
}

TEST(TechnicalTest, SubstantiveChangesAreNotTechnical) {
  // Equal wording is no change at all.
  EXPECT_FALSE(IsTechnicalChange("Recalling its resolution 38/121 of 16 December 1983,",
                                 "Recalling its resolution 38/121 of 16 December 1983,"));
  // A changed word besides the symbols.
  EXPECT_FALSE(IsTechnicalChange("Recalling its resolution 38/121 of 16 December 1983,",
                                 "Reaffirming its resolution 39/140 of 14 December 1984,"));
  // Amounts are substance, not technical numbers.
  EXPECT_FALSE(IsTechnicalChange("Approves an appropriation of 3 million dollars;",
                                 "Approves an appropriation of 5 million dollars;"));
  // The Second and Third Committees are different bodies, not a rollover.
  EXPECT_FALSE(IsTechnicalChange("on the report of the Second Committee,",
                                 "on the report of the Third Committee,"));
}

TEST(TechnicalTest, TechnicalChangeScoresAsEqualForPairing) {
  EXPECT_DOUBLE_EQ(Similarity("Recalling its resolution 38/121 of 16 December 1983,",
                              "Recalling its resolution 39/140 of 14 December 1984,"),
                   1.0);
}

Paragraph Para(Section s, std::string lead, std::string text, std::string number = "") {
  Paragraph p;
  p.section = s;
  p.lead = std::move(lead);
  p.text = std::move(text);
  p.number = std::move(number);
  return p;
}

TEST(TechnicalTest, RolloverPairsAsTechnicalRewordingAndIsCounted) {
  const Section pre = Section::kPreamble, op = Section::kOperative;
  Resolution a, b;
  a.symbol = "A/RES/39/140";
  b.symbol = "A/RES/40/118";
  a.preamble = {Para(pre, "Recalling", "Recalling its resolution 38/121 of 16 December 1983,"),
                Para(pre, "Noting", "Noting the work of the regional offices on water statistics,")};
  b.preamble = {Para(pre, "Recalling", "Recalling its resolution 39/140 of 14 December 1984,"),
                Para(pre, "Noting", "Noting the work of the regional offices on water statistics,")};
  a.operative = {Para(op, "Welcomes", "Welcomes the report of the expert group on groundwater;", "1")};
  b.operative = {Para(op, "Notes", "Notes the report of the expert group on groundwater;", "1")};
  DiffResult d = DiffResolutions(a, b);
  ASSERT_EQ(d.changes.size(), 3u);
  const Change& recall = d.changes[0];
  EXPECT_EQ(recall.status, ChangeStatus::kReworded);
  EXPECT_TRUE(recall.technical);
  EXPECT_FALSE(recall.lead_changed);
  ASSERT_EQ(recall.from.size(), 1u);
  EXPECT_EQ(recall.from[0].index, 0u);
  const Change& op1 = d.changes[2];
  EXPECT_EQ(op1.status, ChangeStatus::kReworded);
  EXPECT_FALSE(op1.technical);
  EXPECT_TRUE(op1.lead_changed);
  EXPECT_EQ(d.summary.reworded, 2u);
  EXPECT_EQ(d.summary.technical, 1u);
  EXPECT_EQ(d.summary.unchanged, 1u);
  EXPECT_EQ(d.summary.added + d.summary.removed, 0u);
}

TEST(TechnicalTest, OneCloseRewordingBeatsTwoLooseCrossingPairs) {
  // Old PP2 became new PP1 with one word changed; old PP1 and new PP2 are other recalls of the
  // same body. The close pair must win over pairing PP1-PP1 and PP2-PP2 loosely.
  const Section pre = Section::kPreamble;
  Resolution a, b;
  a.symbol = "A/RES/49/1";
  b.symbol = "A/RES/50/1";
  a.preamble = {
      Para(pre, "Recalling also", "Recalling also Council resolutions 1989/91 of 26 July 1989 and "
                                  "1991/93 of 26 July 1991, in which the Council decided on the "
                                  "convening and mandate of the conference on rural water,"),
      Para(pre, "Recalling further", "Recalling further Council decision 1994/227 of 14 July 1994, "
                                     "by which the Council approved the provisional agenda for the "
                                     "session of the Commission on rural water,")};
  b.preamble = {
      Para(pre, "Recalling also", "Recalling also Council decision 1994/227 of 14 July 1994, by "
                                  "which the Council approved the provisional agenda for the "
                                  "session of the then Commission on rural water,"),
      Para(pre, "Recalling further", "Recalling further Council resolution 1995/55 of 28 July 1995 "
                                     "on the implementation of the programme of action, by which "
                                     "the Council endorsed the terms of reference of the renamed "
                                     "Commission on rural water,")};
  DiffResult d = DiffResolutions(a, b);
  bool found = false;
  for (const Change& c : d.changes) {
    if (c.status == ChangeStatus::kReworded && c.from.size() == 1 && c.to.size() == 1 &&
        c.from[0].index == 1 && c.to[0].index == 0)
      found = true;
  }
  EXPECT_TRUE(found) << "old PP2 -> new PP1 not paired";
}

}  // namespace
}  // namespace recital

// Paragraph pairing and classification on hand-made records (through the parser:
// tests/integration/parser_diff_test.cc).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "tests/diff/diff_test_util.h"

namespace recital {
namespace {

using testing::P;

// A record of our own wording (no corpus text).
Resolution Base() {
  Resolution r;
  r.symbol = "A/RES/60/1";
  const Section pre = Section::kPreamble, op = Section::kOperative;
  r.preamble = {
      P(pre, "Recalling", "its resolutions 58/10 of 1 December 2003 and 59/20 of 3 December 2004,"),
      P(pre, "Welcoming", "the efforts of the regional commissions to improve statistics on rural water supply,"),
      P(pre, "Convinced", "that reliable statistics are essential for planning sanitation programmes in small towns,"),
      P(pre, "Noting", "the report of the expert group on household surveys and its recommendations,"),
  };
  std::vector<std::pair<std::string, std::string>> ops = {
      {"Calls upon", "Member States to collect disaggregated data on access to drinking water;"},
      {"Encourages", "donors to finance training of national statisticians in census methods;"},
      {"Invites", "the regional banks to support pilot projects for rainwater harvesting in arid zones;"},
      {"Requests", "the Secretary-General to convene a meeting of experts on groundwater monitoring;"},
      {"Stresses", "the role of local authorities in maintaining village pumps and wells;"},
      {"Decides", "to consider the question again at its sixty-second session."},
  };
  for (size_t i = 0; i < ops.size(); ++i)
    r.operative.push_back(P(op, ops[i].first, ops[i].second, std::to_string(i + 1)));
  return r;
}

void Renumber(Resolution* r) {
  for (size_t i = 0; i < r->operative.size(); ++i) r->operative[i].number = std::to_string(i + 1);
}

const Change* Find(const DiffResult& d, ChangeStatus s) {
  for (const Change& c : d.changes)
    if (c.status == s) return &c;
  return nullptr;
}

TEST(AlignTest, IdenticalRecordsHaveNoChanges) {
  DiffResult d = DiffResolutions(Base(), Base());
  EXPECT_FALSE(d.HasChanges());
  EXPECT_EQ(d.summary.unchanged, 10u);
}

TEST(AlignTest, InsertedParagraphDoesNotMakeRenumberedOnesChanged) {
  Resolution b = Base();
  b.operative.insert(b.operative.begin() + 1,
                     P(Section::kOperative, "Urges", "all parties to protect water installations during armed conflict;"));
  Renumber(&b);
  DiffResult d = DiffResolutions(Base(), b);
  EXPECT_EQ(d.summary.added, 1u);
  EXPECT_EQ(d.summary.unchanged, 10u);
  EXPECT_EQ(d.summary.moved, 0u);
  EXPECT_EQ(d.changes.size(), 11u);
  EXPECT_EQ(d.changes[4 + 1].status, ChangeStatus::kAdded);  // reading order: after OP1
  EXPECT_EQ(d.changes[5].to.front().number, "2");
}

TEST(AlignTest, RenumberingAloneIsNoChange) {
  Resolution b = Base();
  for (size_t i = 0; i < b.operative.size(); ++i) b.operative[i].number = std::to_string(i + 3);
  EXPECT_FALSE(DiffResolutions(Base(), b).HasChanges());
}

TEST(AlignTest, FootnoteRenumberingAloneIsNoChange) {
  Resolution a = Base(), b = Base();
  a.preamble[3].footnotes = {{1, 20}};
  a.operative[0].footnotes = {{2, 10}};
  b.preamble[1].footnotes = {{1, 15}};
  b.preamble[3].footnotes = {{2, 20}};
  b.operative[0].footnotes = {{3, 10}};
  a.footnotes = {{1, "A/60/100."}, {2, "A/60/200."}};
  b.footnotes = {{1, "A/61/50."}, {2, "A/61/100."}, {3, "A/61/200."}};
  EXPECT_FALSE(DiffResolutions(a, b).HasChanges());
}

TEST(AlignTest, MovedParagraphIsPairedNotAddedAndRemoved) {
  Resolution b = Base();
  Paragraph moved = b.operative[0];
  b.operative.erase(b.operative.begin());
  b.operative.insert(b.operative.begin() + 4, moved);
  Renumber(&b);
  DiffResult d = DiffResolutions(Base(), b);
  EXPECT_EQ(d.summary.added, 0u);
  EXPECT_EQ(d.summary.removed, 0u);
  EXPECT_EQ(d.summary.unchanged, 10u);
  ASSERT_EQ(d.summary.moved, 1u);
  for (const Change& c : d.changes) {
    if (!c.moved) continue;
    EXPECT_EQ(c.from.front().number, "1");
    EXPECT_EQ(c.to.front().number, "5");
  }
}

TEST(AlignTest, LeadChangeIsFlagged) {
  Resolution b = Base();
  b.preamble[1] = P(Section::kPreamble, "Noting with concern",
                    "the efforts of the regional commissions to improve statistics on rural water supply,");
  DiffResult d = DiffResolutions(Base(), b);
  const Change* c = Find(d, ChangeStatus::kReworded);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->lead_changed);
  EXPECT_FALSE(c->moved);
  EXPECT_GT(c->similarity, 0.6);
  EXPECT_LT(c->similarity, 1.0);
  ASSERT_GE(c->edits.size(), 2u);
  EXPECT_EQ(c->edits[0].op, EditOp::kDelete);
  EXPECT_EQ(c->edits[0].text, "Welcoming");
  EXPECT_EQ(c->edits[1].text, "Noting with concern");
}

TEST(AlignTest, UnrelatedReplacementIsRemovedPlusAdded) {
  Resolution b = Base();
  b.operative[2] = P(Section::kOperative, "Invites",
                     "universities to publish open curricula on hydrology and soil science;", "3");
  DiffResult d = DiffResolutions(Base(), b);
  EXPECT_EQ(d.summary.reworded, 0u);
  EXPECT_EQ(d.summary.added, 1u);
  EXPECT_EQ(d.summary.removed, 1u);
}

TEST(AlignTest, ClauseMovedFromPreambleToOperativeIsFound) {
  Resolution b = Base();
  b.preamble.erase(b.preamble.begin() + 3);
  b.operative.insert(b.operative.begin() + 2,
                     P(Section::kOperative, "Takes note of",
                       "the report of the expert group on household surveys and its recommendations;"));
  Renumber(&b);
  DiffResult d = DiffResolutions(Base(), b);
  const Change* c = Find(d, ChangeStatus::kReworded);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->moved);
  EXPECT_TRUE(c->lead_changed);
  EXPECT_EQ(c->from.front().section, Section::kPreamble);
  EXPECT_EQ(c->to.front().section, Section::kOperative);
  EXPECT_EQ(c->section, Section::kOperative);
  EXPECT_EQ(d.summary.added + d.summary.removed, 0u);
}

TEST(AlignTest, SplitAndMergeAreRecognised) {
  Resolution a = Base();
  a.operative[1] = P(Section::kOperative, "Encourages",
                     "donors to finance training of national statisticians in census methods, "
                     "and to support the modernization of civil registration offices in remote provinces;", "2");
  Resolution b = Base();
  b.operative[1] = P(Section::kOperative, "Encourages",
                     "donors to finance training of national statisticians in census methods;", "2");
  b.operative.insert(b.operative.begin() + 2,
                     P(Section::kOperative, "Also encourages",
                       "donors to support the modernization of civil registration offices in remote provinces;"));
  Renumber(&b);
  DiffResult split = DiffResolutions(a, b);
  const Change* s = Find(split, ChangeStatus::kSplit);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->from.size(), 1u);
  ASSERT_EQ(s->to.size(), 2u);
  EXPECT_EQ(s->to[0].number, "2");
  EXPECT_EQ(s->to[1].number, "3");
  DiffResult merge = DiffResolutions(b, a);
  const Change* m = Find(merge, ChangeStatus::kMerged);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->from.size(), 2u);
  EXPECT_EQ(m->to.size(), 1u);
  EXPECT_EQ(merge.summary.added + merge.summary.removed, 0u);
}

}  // namespace
}  // namespace recital

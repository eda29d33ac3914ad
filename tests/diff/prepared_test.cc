// PreparedResolution / DiffPrepared: the same result as DiffResolutions, with each side prepared
// once. Wordings written for the test (corpus pairs: tests/integration/diff_prepared_corpus_test.cc).
#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "tests/diff/diff_test_util.h"
#include "diff/internal.h"

namespace recital {
namespace {

using testing::P;

SubParagraph Sub(std::string number, std::string text) {
  SubParagraph s;
  s.number = std::move(number);
  s.text = std::move(text);
  return s;
}

const Section kPre = Section::kPreamble, kOp = Section::kOperative, kAnnex = Section::kAnnex;

Resolution Older() {
  Resolution r;
  r.symbol = "A/RES/61/5";
  r.preamble = {
      P(kPre, "Recalling", "its resolution 59/20 of 3 December 2004,"),
      P(kPre, "Welcoming", "the \xE2\x80\x9Cregional\xE2\x80\x9D efforts on rural water supply \xE2\x80\x93 "
                           "in particular the commissions\xE2\x80\x99 work,"),
      P(kPre, "Noting", "the report of the expert group on household surveys,"),
      P(kPre, "Bearing in mind", "the scarcity of data on small island developing States,"),
  };
  r.operative = {
      P(kOp, "Calls upon", "Member States to collect disaggregated data on access to water;", "1"),
      P(kOp, "Encourages", "donors to finance training of national statisticians in census methods "
                           "and to share their survey tools with neighbouring countries;", "2"),
      P(kOp, "Invites", "the regional banks to support pilot projects for rainwater harvesting;", "3"),
      P(kOp, "Decides", "to consider the question again at its sixty-second session.", "4"),
  };
  Paragraph with_subs = P(kOp, "Requests", "the Secretary-General:", "5");
  with_subs.subparagraphs = {Sub("(a)", "to report on\xC2\xA0progress;"),
                             Sub("(b)", "to con\xC2\xADvene experts;")};
  r.operative.push_back(with_subs);
  r.annex = {P(kAnnex, "Guidelines", "for the collection of statistics on drinking water.")};
  return r;
}

// The session's rollover, typography, a rewording, a split, a clause moved from the preamble to
// the operative part, an addition and a removal.
Resolution Newer() {
  Resolution r;
  r.symbol = "A/RES/62/7";
  r.preamble = {
      P(kPre, "Recalling", "its resolutions 59/20 of 3 December 2004 and 61/5 of 1 December 2006,"),
      P(kPre, "Welcoming", "the \"regional\" efforts on rural water supply - in particular the "
                           "commissions' work,"),
  };
  r.operative = {
      P(kOp, "Calls upon", "Member States to collect disaggregated data on access to safe water;", "1"),
      P(kOp, "Encourages", "donors to finance training of national statisticians in census methods;", "2"),
      P(kOp, "Encourages also", "donors to share their survey tools with neighbouring countries;", "3"),
      P(kOp, "Invites", "the regional banks to support pilot projects for rainwater harvesting;", "4"),
      P(kOp, "Takes note", "of the report of the expert group on household surveys;", "5"),
      P(kOp, "Takes note also", "of the\fnew\vmapping of aquifers in border areas;", "6"),
      P(kOp, "Decides", "to consider the question again at its sixty-third session.", "7"),
  };
  Paragraph with_subs = P(kOp, "Requests", "the Secretary-General:", "8");
  with_subs.subparagraphs = {Sub("(a)", "to report on progress;"), Sub("(b)", "to convene experts;")};
  r.operative.push_back(with_subs);
  r.annex = {P(kAnnex, "Guidelines", "for the collection of statistics on drinking water.")};
  return r;
}

DiffOptions EveryOptionSet() {
  DiffOptions o;
  o.reword_threshold = 0.4;
  o.split_threshold = 0.5;
  o.edits_for_unchanged = true;
  return o;
}

TEST(PreparedTest, DiffPreparedEqualsDiffResolutions) {
  const Resolution a = Older(), b = Newer();
  const PreparedResolution pa = PrepareResolution(a), pb = PrepareResolution(b);
  for (const DiffOptions& o : {DiffOptions{}, EveryOptionSet()}) {
    const DiffResult want = DiffResolutions(a, b, o);
    EXPECT_EQ(DiffPrepared(pa, pb, o), want);
    EXPECT_EQ(DiffPrepared(pb, pa, o), DiffResolutions(b, a, o));
    EXPECT_EQ(DiffPrepared(pa, pa, o), DiffResolutions(a, a, o));
  }
  // Checked by hand on the two records above.
  const DiffResult d = DiffPrepared(pa, pb);
  EXPECT_EQ(d.from_symbol, "A/RES/61/5");
  EXPECT_EQ(d.to_symbol, "A/RES/62/7");
  EXPECT_EQ(d.summary.unchanged, 4u);  // Welcoming (typography), Invites, Requests, the annex
  EXPECT_EQ(d.summary.reworded, 4u);   // Recalling, Calls upon, Decides, Noting -> Takes note
  EXPECT_EQ(d.summary.technical, 2u);  // the recall chain, sixty-second -> sixty-third
  EXPECT_EQ(d.summary.split, 1u);      // Encourages -> Encourages, Encourages also
  EXPECT_EQ(d.summary.added, 1u);      // Takes note also
  EXPECT_EQ(d.summary.removed, 1u);    // Bearing in mind
  EXPECT_EQ(d.summary.moved, 1u);      // Noting: preamble -> operative
}

TEST(PreparedTest, WithoutWordEditsOnlyTheChangedParagraphsLoseTheirEdits) {
  const Resolution a = Older(), b = Newer();
  const PreparedResolution pa = PrepareResolution(a), pb = PrepareResolution(b);
  DiffOptions no_words;
  no_words.word_edits = false;
  const DiffResult full = DiffPrepared(pa, pb);
  const DiffResult lean = DiffPrepared(pa, pb, no_words);
  EXPECT_EQ(lean, testing::WithChangedEditsCleared(full));
  EXPECT_EQ(DiffResolutions(a, b, no_words), lean);
  // The pair has changed paragraphs (4 reworded, a split) whose full edits are not empty.
  EXPECT_NE(full, lean);
  for (const Change& c : lean.changes) {
    if (c.status == ChangeStatus::kReworded || c.status == ChangeStatus::kSplit) {
      EXPECT_TRUE(c.edits.empty());
    }
  }
}

TEST(PreparedTest, OnePreparedSideServesAsNewerThenOlder) {
  Resolution first = Older(), second = Newer(), third = Newer();
  third.symbol = "A/RES/63/9";
  third.operative.pop_back();
  const PreparedResolution p1 = PrepareResolution(first);
  const PreparedResolution p2 = PrepareResolution(second);
  const PreparedResolution p3 = PrepareResolution(third);
  EXPECT_EQ(DiffPrepared(p1, p2), DiffResolutions(first, second));
  EXPECT_EQ(DiffPrepared(p2, p3), DiffResolutions(second, third));
}

TEST(PreparedTest, KeepsItsOwnCopyOfTheResolution) {
  PreparedResolution kept;
  {
    Resolution temporary = Older();
    kept = PrepareResolution(std::move(temporary));
  }  // the caller's record is gone; the prepared one owns what it points into
  const PreparedResolution copy = kept;
  EXPECT_EQ(copy.resolution().symbol, "A/RES/61/5");
  EXPECT_EQ(DiffPrepared(copy, PrepareResolution(Newer())), DiffResolutions(Older(), Newer()));
}

TEST(PreparedTest, DefaultConstructedIsAnEmptyResolution) {
  const PreparedResolution empty;
  EXPECT_TRUE(empty.resolution().preamble.empty());
  const Resolution b = Newer();
  const DiffResult d = DiffPrepared(empty, PrepareResolution(b));
  EXPECT_EQ(d, DiffResolutions(Resolution{}, b));
  EXPECT_EQ(d.summary.added, b.preamble.size() + b.operative.size() + b.annex.size());
  EXPECT_EQ(DiffPrepared(empty, empty), DiffResolutions(Resolution{}, Resolution{}));
}

TEST(PreparedTest, PartialCopiesGiveTheSameResult) {
  Resolution cut = Newer();
  cut.truncated_end = true;
  cut.annex.clear();
  Paragraph& last = cut.operative.back();
  last.subparagraphs.clear();
  last.text = "Requests the Secre";
  Resolution late = Older();
  late.starts_mid_document = true;
  late.preamble.clear();
  const Resolution whole = Older();
  for (const auto& [x, y] : {std::pair{whole, cut}, std::pair{cut, whole}, std::pair{late, cut},
                             std::pair{cut, late}}) {
    EXPECT_EQ(DiffPrepared(PrepareResolution(x), PrepareResolution(y)), DiffResolutions(x, y));
  }
}

// The prepared paragraph is what the definitions in diff.h / internal.h give, whichever path
// PrepareParagraphs takes (typography folded or not, form feeds, text cut at ICU boundaries).
TEST(PreparedTest, PreparedParagraphMatchesItsDefinition) {
  const std::vector<std::string> texts = {
      "Recalling its resolution 38/121 of 16 December 1983 and 39/140 of 14 December 1984,",
      "the \xE2\x80\x98so-called\xE2\x80\x99 \xE2\x80\x9Cgreen\xE2\x80\x9D agenda \xE2\x80\x94 "
      "and the fifty\xE2\x80\x93" "fourth session",
      "a\xC2\xA0no-break space and a soft\xC2\xADhyphen",
      "form\ffeed and vertical\vtab, A/C.3/54/L.5",
      "\xE5\xA4\xA7\xE4\xBC\x9A\xE5\x9B\x9E\xE9\xA1\xBE\xE5\x85\xB6\xE5\x86\xB3\xE8\xAE\xAE"
      "\xEF\xBC\x8C 54/144",
      "\xD8\xA5\xD9\x86 \xD8\xA7\xD9\x84\xD8\xAC\xD9\x85\xD8\xB9\xD9\x8A\xD8\xA9 "
      "\xC2\xAB\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x85\xD8\xA9\xC2\xBB",
      "",
      "   ",
  };
  Resolution r;
  for (const std::string& t : texts) {
    Paragraph p;
    p.text = t;
    r.preamble.push_back(p);
  }
  const std::vector<diff_internal::Para> paras = diff_internal::PrepareParagraphs(r);
  ASSERT_EQ(paras.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    SCOPED_TRACE(texts[i]);
    EXPECT_EQ(paras[i].full, texts[i]);
    EXPECT_EQ(paras[i].key, NormalizedWording(texts[i]));
    EXPECT_EQ(paras[i].bag, diff_internal::ContentBag(texts[i]));
    EXPECT_EQ(paras[i].paragraph, &r.preamble[i]);
  }
  // Two of them checked by hand: quotes and dashes folded; form feed and tab kept as tokens.
  EXPECT_EQ(paras[1].key, "the ' so - called ' \" green \" agenda - and the fifty - fourth session");
  EXPECT_EQ(paras[3].key, "form \f feed and vertical \v tab , A / C . 3 / 54 / L . 5");
}

TEST(PreparedTest, FoldTypographyIntoReportsWhetherItChangedAnything) {
  std::string out = "untouched";
  EXPECT_FALSE(diff_internal::FoldTypographyInto("plain \xE2\x82\xAC text", &out));
  EXPECT_EQ(out, "untouched");
  EXPECT_TRUE(diff_internal::FoldTypographyInto("x\xE2\x80\x99s \xE2\x80\x94 y\xC2\xAD", &out));
  EXPECT_EQ(out, "x's - y");
  EXPECT_EQ(diff_internal::FoldTypography("plain"), "plain");
}


// BagOverlapAtLeast: exact from at_least up; below, an upper bound of the overlap still below
// at_least (pairing only compares it with thresholds no lower than at_least).
TEST(PreparedTest, BagOverlapAtLeastIsExactFromItsThreshold) {
  const diff_internal::Bag a = {1, 1, 2, 3, 5, 8, 13, 21}, b = {1, 2, 2, 3, 4, 8, 34};
  // Common: 1, 2, 3, 8 -> 4 (checked by hand).
  EXPECT_EQ(diff_internal::BagOverlap(a, b), 4u);
  for (size_t at_least = 0; at_least <= 4; ++at_least) {
    EXPECT_EQ(diff_internal::BagOverlapAtLeast(a, b, at_least), 4u) << at_least;
  }
  for (size_t at_least = 5; at_least <= 9; ++at_least) {
    const size_t got = diff_internal::BagOverlapAtLeast(a, b, at_least);
    EXPECT_LT(got, at_least);
    EXPECT_GE(got, 4u);
  }
  constexpr unsigned kSeed = 17;
  std::mt19937 rng(kSeed);
  for (int round = 0; round < 2000; ++round) {
    diff_internal::Bag x(rng() % 70), y(rng() % 70);
    for (uint64_t& v : x) v = rng() % 40;
    for (uint64_t& v : y) v = rng() % 40;
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    const size_t exact = diff_internal::BagOverlap(x, y);
    const size_t at_least = rng() % 72;
    const size_t got = diff_internal::BagOverlapAtLeast(x, y, at_least);
    if (exact >= at_least) {
      ASSERT_EQ(got, exact) << "seed " << kSeed << " round " << round;
    } else {
      ASSERT_LT(got, at_least) << "seed " << kSeed << " round " << round;
      ASSERT_GE(got, exact) << "seed " << kSeed << " round " << round;
    }
  }
}

}  // namespace
}  // namespace recital

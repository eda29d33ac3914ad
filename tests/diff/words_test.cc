// Tokens, similarity and the word diff.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diff/diff.h"

namespace recital {
namespace {

std::string Side(const std::vector<Edit>& edits, EditOp keep) {
  std::string out;
  for (const Edit& e : edits)
    if (e.op == EditOp::kEqual || e.op == keep) out += e.text;
  return out;
}

size_t ChangeRuns(const std::vector<Edit>& edits) {
  size_t runs = 0;
  bool in_change = false;
  for (const Edit& e : edits) {
    if (e.op == EditOp::kEqual) {
      in_change = false;
    } else if (!in_change) {
      ++runs;
      in_change = true;
    }
  }
  return runs;
}

TEST(TokenizeTest, TokensConcatenateToTheText) {
  std::string text = "Calls upon the Secretary-General1 to report, in 1999; «États» déjà.";
  std::string joined;
  for (std::string_view t : Tokenize(text)) joined += t;
  EXPECT_EQ(joined, text);
  std::vector<std::string_view> toks = Tokenize("Secretary-General, 53/123");
  std::vector<std::string_view> want = {"Secretary", "-", "General", ",", " ", "53", "/", "123"};
  EXPECT_EQ(toks, want);
}

TEST(TokenizeTest, NonAsciiWordsStayWhole) {
  std::vector<std::string_view> toks = Tokenize("Assemblée générale");
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(toks[0], "Assemblée");
  EXPECT_EQ(toks[2], "générale");
}

TEST(TokenizeTest, ChineseIsCutAtWordBoundaries) {
  // No spaces between Chinese words: ICU's dictionary finds them; numbers and the symbol's
  // pieces stay apart, the full-width comma is a token of its own.
  const std::string text = "又回顾其1993年12月16日第48/113号决议，";
  std::vector<std::string_view> toks = Tokenize(text);
  std::string joined;
  for (std::string_view t : toks) joined += t;
  EXPECT_EQ(joined, text);
  auto has = [&](std::string_view w) { return std::find(toks.begin(), toks.end(), w) != toks.end(); };
  EXPECT_TRUE(has("回顾"));
  EXPECT_TRUE(has("决议"));
  EXPECT_TRUE(has("1993"));
  EXPECT_TRUE(has("48"));
  EXPECT_TRUE(has("113"));
  EXPECT_EQ(toks.back(), "，");
  EXPECT_GT(toks.size(), 10u);
}

TEST(TokenizeTest, ArabicCommaAndGuillemetsAreCutOffTheWord) {
  EXPECT_EQ(Tokenize("الجمعية العامة،"),
            (std::vector<std::string_view>{"الجمعية", " ", "العامة", "،"}));
  EXPECT_EQ(Tokenize("«États»"), (std::vector<std::string_view>{"«", "États", "»"}));
}

TEST(DiffWordsTest, ChineseChangeIsAWordNotTheClause) {
  // One word changed inside a clause without spaces: only that word is deleted and inserted.
  auto edits = DiffWords("大会，回顾其关于和平文化的决议，", "大会，重申其关于和平文化的决议，");
  std::string deleted, inserted;
  for (const Edit& e : edits) {
    if (e.op == EditOp::kDelete) deleted += e.text;
    if (e.op == EditOp::kInsert) inserted += e.text;
  }
  EXPECT_EQ(deleted, "回顾");
  EXPECT_EQ(inserted, "重申");
}

TEST(DiffWordsTest, IdenticalTextIsOneEquality) {
  auto edits = DiffWords("Welcomes the report.", "Welcomes the report.");
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].op, EditOp::kEqual);
}

TEST(DiffWordsTest, ReconstructsBothSides) {
  std::string a = "Calls upon all States to provide adequate resources for the Programme of Action;";
  std::string b = "Calls upon all Member States to provide sufficient and predictable funding for the "
                  "Programme of Action and its follow-up;";
  auto edits = DiffWords(a, b);
  EXPECT_EQ(Side(edits, EditOp::kDelete), a);
  EXPECT_EQ(Side(edits, EditOp::kInsert), b);
}

TEST(DiffWordsTest, LeadChangeIsOnePhrase) {
  auto edits = DiffWords("Welcomes the efforts of the Office of the High Commissioner;",
                         "Notes with concern the efforts of the Office of the High Commissioner;");
  ASSERT_GE(edits.size(), 3u);
  EXPECT_EQ(edits[0].op, EditOp::kDelete);
  EXPECT_EQ(edits[0].text, "Welcomes");
  EXPECT_EQ(edits[1].op, EditOp::kInsert);
  EXPECT_EQ(edits[1].text, "Notes with concern");
  EXPECT_EQ(edits[2].op, EditOp::kEqual);
  EXPECT_EQ(edits[2].text, " the efforts of the Office of the High Commissioner;");
}

TEST(DiffWordsTest, CleanupMergesScatteredWordsIntoPhrases) {
  // Raw token diff keeps "the" and "of" as islands; the clean-up reads as one rewrite.
  std::string a = "to strengthen the capacity of the national authorities in the region";
  std::string b = "to improve the coordination of the humanitarian response in the region";
  auto edits = DiffWords(a, b);
  EXPECT_EQ(ChangeRuns(edits), 1u);
  EXPECT_EQ(Side(edits, EditOp::kDelete), a);
  EXPECT_EQ(Side(edits, EditOp::kInsert), b);
}

TEST(DiffWordsTest, LineWrappingIsNotAChange) {
  auto edits = DiffWords("Recalling its resolutions 48/113 of\n20 December 1993,",
                         "Recalling its resolutions 48/113 of 20 December 1993,");
  for (const Edit& e : edits) EXPECT_EQ(e.op, EditOp::kEqual);
}

TEST(DiffWordsTest, InsertionAtTheEnd) {
  auto edits = DiffWords("Decides to continue;", "Decides to continue its consideration;");
  ASSERT_EQ(edits.size(), 3u);
  EXPECT_EQ(edits[1].op, EditOp::kInsert);
  EXPECT_EQ(edits[1].text, " its consideration");  // no space after it to rotate
}

TEST(SimilarityTest, RangeAndOrdering) {
  std::string a = "Calls upon the countries of the region to strengthen their cooperation with the "
                  "Office of the United Nations High Commissioner for Refugees;";
  std::string reworded = "Calls upon the countries of the region to further strengthen their "
                         "cooperation with the Office of the High Commissioner;";
  std::string unrelated = "Decides to include in the provisional agenda of its fifty-fifth "
                          "session the item entitled \"Elimination of racism\".";
  EXPECT_DOUBLE_EQ(Similarity(a, a), 1.0);
  EXPECT_GT(Similarity(a, reworded), 0.7);
  EXPECT_LT(Similarity(a, unrelated), 0.2);
  EXPECT_DOUBLE_EQ(Similarity("", ""), 1.0);
}

TEST(NormalizedWordingTest, FoldsTypographyAndSpacing) {
  EXPECT_EQ(NormalizedWording("the  Children\xE2\x80\x99s Fund\n(UNICEF)"),
            NormalizedWording("the Children's Fund (UNICEF)"));
  EXPECT_NE(NormalizedWording("Welcomes the report"), NormalizedWording("welcomes the report"));
}

}  // namespace
}  // namespace recital

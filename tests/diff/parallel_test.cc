// AlignParallel: two language versions paired by structure. Records written here by hand; the
// real language versions of the corpus are in tests/integration/parallel_corpus_test.cc.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diff/diff.h"

namespace recital {
namespace {

Paragraph P(Section s, std::string number, std::string text,
            std::vector<std::string> subs = {}) {
  Paragraph p;
  p.section = s;
  p.number = std::move(number);
  p.text = std::move(text);
  for (auto& label : subs) p.subparagraphs.push_back({label, "text " + label, {}});
  return p;
}

Resolution Record(std::string lang, size_t preamble, std::vector<std::string> operative) {
  Resolution r;
  r.symbol = "A/RES/60/1";
  r.language = std::move(lang);
  for (size_t i = 0; i < preamble; ++i) {
    r.preamble.push_back(P(Section::kPreamble, "", "preamble " + std::to_string(i + 1)));
  }
  for (auto& n : operative) r.operative.push_back(P(Section::kOperative, n, "operative " + n));
  return r;
}

size_t CountIssues(const ParallelResult& p, const std::string& kind) {
  size_t n = 0;
  for (const auto& i : p.issues) n += i.kind == kind;
  return n;
}

TEST(ParallelTest, SameStructureAlignsEveryParagraph) {
  auto p = AlignParallel(Record("en", 3, {"1", "2", "3"}), Record("fr", 3, {"1", "2", "3"}));
  EXPECT_TRUE(p.Agrees());
  EXPECT_EQ(p.aligned, 6u);
  EXPECT_EQ(p.not_compared, 0u);
  ASSERT_EQ(p.rows.size(), 6u);
  EXPECT_EQ(p.rows[3].number, "1");
  EXPECT_EQ(p.rows[3].left->text, "operative 1");
  EXPECT_EQ(p.rows[3].right->text, "operative 1");
  EXPECT_EQ(p.left_language, "en");
  EXPECT_EQ(p.right_language, "fr");
}

TEST(ParallelTest, OperativeParagraphsPairByNumberAndAMissingOneIsReported) {
  auto p = AlignParallel(Record("en", 2, {"1", "2", "3", "4"}), Record("ru", 2, {"1", "3", "4"}));
  ASSERT_EQ(p.rows.size(), 6u);
  // Paragraph 3 pairs with paragraph 3, not with the second paragraph of the Russian text.
  EXPECT_EQ(p.rows[4].number, "3");
  EXPECT_EQ(p.rows[4].right->number, "3");
  EXPECT_FALSE(p.rows[3].right.has_value());
  EXPECT_EQ(p.rows[3].left->number, "2");
  EXPECT_EQ(CountIssues(p, "only_left"), 1u);
  EXPECT_EQ(CountIssues(p, "count"), 1u);
  EXPECT_EQ(CountIssues(p, "gap"), 1u);  // ru: 3 follows 1
  EXPECT_EQ(p.aligned, 5u);
}

TEST(ParallelTest, ExtraPreambleParagraphIsADisagreement) {
  auto p = AlignParallel(Record("en", 4, {"1"}), Record("es", 3, {"1"}));
  EXPECT_EQ(CountIssues(p, "only_left"), 1u);
  EXPECT_EQ(CountIssues(p, "count"), 1u);
  EXPECT_EQ(p.aligned, 4u);
}

TEST(ParallelTest, CutOffCopyIsComparedOnlyOverWhatItHolds) {
  Resolution whole = Record("en", 4, {"1", "2", "3"});
  Resolution cut = Record("zh", 4, {"1"});
  cut.truncated_end = true;
  auto p = AlignParallel(whole, cut);
  EXPECT_TRUE(p.Agrees()) << p.issues[0].message;
  EXPECT_EQ(p.aligned, 5u);
  EXPECT_EQ(p.not_compared, 2u);
  EXPECT_TRUE(p.rows[4].right->truncated);
  EXPECT_EQ(p.rows[5].coverage, ParallelCoverage::kLeftOnly);
  EXPECT_EQ(p.rows[6].coverage, ParallelCoverage::kLeftOnly);
}

TEST(ParallelTest, LaterPageIsPlacedByItsNumbers) {
  Resolution whole = Record("fr", 5, {"1", "2", "3", "4", "5", "6"});
  Resolution page = Record("en", 0, {"4", "5"});
  page.starts_mid_document = true;
  page.truncated_end = true;
  auto p = AlignParallel(page, whole);
  EXPECT_TRUE(p.Agrees());
  EXPECT_EQ(p.aligned, 2u);
  EXPECT_EQ(p.not_compared, 9u);  // 5 preamble, operative 1-3 and 6
  EXPECT_EQ(p.rows[8].number, "4");
  EXPECT_EQ(p.rows[8].coverage, ParallelCoverage::kBoth);
  EXPECT_EQ(p.rows[0].coverage, ParallelCoverage::kRightOnly);
}

TEST(ParallelTest, LateStartingPreambleIsPlacedAgainstTheEndWhenTheCopyGoesOn) {
  Resolution whole = Record("en", 6, {"1", "2"});
  Resolution page = Record("fr", 2, {"1"});
  page.starts_mid_document = true;
  page.truncated_end = true;
  auto p = AlignParallel(whole, page);
  // The page's two preamble paragraphs are the whole text's 5th and 6th.
  EXPECT_FALSE(p.rows[3].right.has_value());
  EXPECT_EQ(p.rows[4].right->index, 0u);
  EXPECT_EQ(p.rows[5].right->index, 1u);
  EXPECT_TRUE(p.Agrees());
  EXPECT_EQ(p.aligned, 3u);
}

TEST(ParallelTest, PreambleOnlyPageIsPlacedByItsFigures) {
  Resolution whole = Record("en", 5, {"1"});
  whole.preamble[2].text = "Recalling its resolution 47/135 of 18 December 1992";
  whole.preamble[3].text = "Recalling also its resolutions 2 (I) and 50/11 of 2 November 1995";
  Resolution page;
  page.language = "es";
  page.starts_mid_document = true;
  page.truncated_end = true;
  page.preamble.push_back(P(Section::kPreamble, "", "Recordando su resolución 47/135, de 18 de "
                                                    "diciembre de 1992"));
  page.preamble.push_back(P(Section::kPreamble, "", "Recordando también sus resoluciones 2 (I) "
                                                    "y 50/11, de 2 de noviembre de 1995"));
  auto p = AlignParallel(whole, page);
  EXPECT_EQ(p.rows[2].right->index, 0u);
  EXPECT_EQ(p.rows[3].right->index, 1u);
  EXPECT_TRUE(p.Agrees());
  EXPECT_EQ(p.notes.size(), 1u);
}

TEST(ParallelTest, SubparagraphsPairByLabelInEveryScript) {
  Resolution en = Record("en", 0, {});
  en.operative.push_back(P(Section::kOperative, "1", "Requests", {"(a)", "(b)", "(c)"}));
  Resolution ru = Record("ru", 0, {});
  ru.operative.push_back(P(Section::kOperative, "1", "просит", {"а)", "в)"}));
  Resolution ar = Record("ar", 0, {});
  ar.operative.push_back(P(Section::kOperative, "1", "تطلب", {"(أ)", "(ب)", "(ج)"}));
  auto p = AlignParallel(en, ru);
  ASSERT_EQ(p.rows.size(), 1u);
  ASSERT_EQ(p.rows[0].subparagraphs.size(), 3u);
  EXPECT_EQ(p.rows[0].subparagraphs[1].key, "b");
  EXPECT_FALSE(p.rows[0].subparagraphs[1].right.has_value());  // б) is missing in Russian
  EXPECT_EQ(p.rows[0].subparagraphs[2].right->number, "в)");
  EXPECT_EQ(CountIssues(p, "only_left"), 1u);
  auto q = AlignParallel(en, ar);
  EXPECT_TRUE(q.Agrees());
  EXPECT_EQ(q.rows[0].subparagraphs[2].right->number, "(ج)");
}

TEST(ParallelTest, SubparagraphLabelsReadAsOrdinals) {
  EXPECT_EQ(SubparagraphOrdinal("(a)", false), 1u);
  EXPECT_EQ(SubparagraphOrdinal("c)", false), 3u);
  EXPECT_EQ(SubparagraphOrdinal("б)", false), 2u);
  EXPECT_EQ(SubparagraphOrdinal("к)", false), 10u);  // Russian lists skip й
  EXPECT_EQ(SubparagraphOrdinal("(هـ)", false), 5u);
  EXPECT_EQ(SubparagraphOrdinal("（b）", false), 2u);  // full-width brackets
  EXPECT_EQ(SubparagraphOrdinal("(iv)", true), 4u);
  EXPECT_EQ(SubparagraphOrdinal("(i)", false), 9u);
  EXPECT_EQ(SubparagraphOrdinal("(12)", false), 12u);
  EXPECT_EQ(SubparagraphOrdinal("()", false), 0u);
  EXPECT_EQ(SubparagraphOrdinal("(zz)", false), 0u);
}

TEST(ParallelTest, AnnexParagraphsPairPerAnnex) {
  Resolution en = Record("en", 1, {"1"});
  Resolution fr = Record("fr", 1, {"1"});
  for (auto* r : {&en, &fr}) {
    r->annexes = {{"A", 2}, {"B", 1}};
    r->annex = {P(Section::kAnnex, "1", "a1"), P(Section::kAnnex, "2", "a2"),
                P(Section::kAnnex, "1", "b1")};
  }
  fr.annexes = {{"A", 1}, {"B", 2}};
  fr.annex[1].number = "1";
  fr.annex[2].number = "2";
  auto p = AlignParallel(en, fr);
  ASSERT_EQ(p.rows.size(), 6u);
  EXPECT_EQ(p.rows[3].section, Section::kAnnex);
  EXPECT_EQ(p.rows[3].annex, 0u);
  EXPECT_FALSE(p.rows[3].right.has_value() && p.rows[4].right.has_value());
  EXPECT_EQ(CountIssues(p, "only_left"), 1u);   // annex A paragraph 2
  EXPECT_EQ(CountIssues(p, "only_right"), 1u);  // annex B paragraph 2
}

}  // namespace
}  // namespace recital

// `recital show SYMBOL --parallel a,b` and the six languages in one archive: the whole of
// ../shared/corpus/multilingual ingested, language versions of one symbol side by side, a
// series across languages, grep of a Chinese and an Arabic phrase.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;

class ParallelCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (testing::CorpusDir().empty()) return;
    dir_ = new testing::TempDir();
    archive_ = dir_->str() + "/a";
    auto r = RunRecital({"ingest", "--archive", archive_, testing::CorpusDir() + "/multilingual"});
    // 1: one file is refused (A/61/L.56 in Russian holds only its cover and sponsors).
    ASSERT_EQ(r.exit_code, 1) << r.err;
    ASSERT_NE(r.err.find("A-61-L.56.ru"), std::string::npos) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { RECITAL_REQUIRE_CORPUS(); }
  static testing::TempDir* dir_;
  static std::string archive_;
};
testing::TempDir* ParallelCliTest::dir_ = nullptr;
std::string ParallelCliTest::archive_;

TEST_F(ParallelCliTest, EnglishAndFrenchOf76_268AlignParagraphForParagraph) {
  // Both copies hold the cover and the first six preamble paragraphs, the sixth cut off
  // ("Recalling that Arabic, Chinese..." / "Rappelant que l'anglais, l'arabe...").
  auto r = RunRecital({"show", "--archive", archive_, "A/RES/76/268", "--parallel", "en,fr",
                       "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["languages"], nlohmann::json::array({"en", "fr"}));
  ASSERT_EQ(j["rows"].size(), 6u);
  EXPECT_EQ(j["summary"]["aligned"], 6);
  EXPECT_EQ(j["summary"]["agrees"], true);
  EXPECT_EQ(j["rows"][1]["left"]["lead"], "Bearing in mind");
  EXPECT_EQ(j["rows"][1]["right"]["lead"], "Consciente");
  EXPECT_EQ(j["rows"][5]["left"]["truncated"], true);
  EXPECT_EQ(j["rows"][5]["right"]["truncated"], true);
}

TEST_F(ParallelCliTest, TextViewHasTwoColumnsWithinTheWidth) {
  auto r = RunRecital({"show", "--archive", archive_, "76/268", "--parallel", "fr,en",
                       "--width", "60"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("A/RES/76/268  fr | en"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Consciente"), std::string::npos);
  EXPECT_NE(r.out.find("structure agrees"), std::string::npos);
  EXPECT_NE(r.out.find(" | "), std::string::npos);
}

TEST_F(ParallelCliTest, HtmlOfArabicIsRightToLeft) {
  auto r = RunRecital({"show", "--archive", archive_, "A/RES/61/53", "--parallel", "en,ar",
                       "--format", "html"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("lang=\"ar\" dir=\"rtl\""), std::string::npos);
  EXPECT_NE(r.out.find("<td lang=\"en\">"), std::string::npos);
}

TEST_F(ParallelCliTest, LanguageWithoutAVersionIsTrouble) {
  auto r = RunRecital({"show", "--archive", archive_, "A/RES/76/268", "--parallel", "en,ru"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no version in language \"ru\""), std::string::npos) << r.err;
  auto bad = RunRecital({"show", "--archive", archive_, "A/RES/76/268", "--parallel", "en"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("two language codes"), std::string::npos) << bad.err;
  auto html = RunRecital({"show", "--archive", archive_, "A/RES/76/268", "--format", "html"});
  EXPECT_EQ(html.exit_code, 2);
}

TEST_F(ParallelCliTest, SeriesJoinsMembersAcrossLanguages) {
  auto r = RunRecital({"series", "--archive", archive_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto all = nlohmann::json::parse(r.out);
  auto series_of = [&](const std::string& symbol) -> std::string {
    for (const auto& s : all) {
      for (const auto& m : s["symbols"]) {
        if (m == symbol) return s["key"];
      }
    }
    return "";
  };
  // Good-neighbourliness in South-Eastern Europe: 56/18 (Russian) recalls 52/48 (French and
  // Chinese versions) among "свои резолюции".
  EXPECT_NE(series_of("A/RES/52/48"), "");
  EXPECT_EQ(series_of("A/RES/52/48"), series_of("A/RES/56/18"));
  // Multilingualism: 56/262 (French) recalls "ses résolutions ... 50/11" (English); 59/309 and
  // 61/266 (Spanish) recall "sus resoluciones ... 56/262"; 63/306 and 69/324 (English) share
  // the title of 50/11; 76/268 (French, newest version) the title of 56/262.
  const std::string multilingualism = series_of("A/RES/50/11");
  EXPECT_NE(multilingualism, "");
  for (const char* s : {"A/RES/56/262", "A/RES/59/309", "A/RES/61/266", "A/RES/63/306",
                        "A/RES/69/324", "A/RES/76/268"}) {
    EXPECT_EQ(series_of(s), multilingualism) << s;
  }
  // The Mediterranean (60/94, Russian) is another subject.
  EXPECT_NE(series_of("A/RES/60/94"), series_of("A/RES/56/18"));
}

TEST_F(ParallelCliTest, GrepFindsAChineseAndAnArabicPhraseInTheWholeCollection) {
  // ES-10/22 exists only in Chinese, A/74/L.75 only in Arabic (beside its English segments).
  auto zh = RunRecital({"grep", "--archive", archive_, "保护平民", "--json"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.out.find("ES-10/22"), std::string::npos) << zh.out;
  auto ar = RunRecital({"grep", "--archive", archive_, "الأمم المتحدة", "--json"});
  ASSERT_EQ(ar.exit_code, 0) << ar.err;
  EXPECT_NE(ar.out.find("A/74/L.75"), std::string::npos) << ar.out;
}

TEST(ParallelFilesTest, DiffParallelComparesTwoFilesWithoutAnArchive) {
  RECITAL_REQUIRE_CORPUS();
  // 52/48: French preamble 1-8 (8th cut), Chinese 1-12 (12th cut).
  const std::string ml = testing::CorpusDir() + "/multilingual/";
  auto r = RunRecital({"diff", ml + "A-RES-52-48.fr.un-org-french-ga.txt",
                       ml + "A-RES-52-48.zh.static-un-org.txt", "--parallel", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["languages"], nlohmann::json::array({"fr", "zh"}));
  EXPECT_EQ(j["summary"]["aligned"], 8);
  EXPECT_EQ(j["summary"]["not_compared"], 4);
  auto md = RunRecital({"diff", ml + "A-RES-52-48.fr.un-org-french-ga.txt",
                        ml + "A-RES-52-48.zh.static-un-org.txt", "--parallel", "--format", "md"});
  EXPECT_EQ(md.exit_code, 2);
}

}  // namespace
}  // namespace recital

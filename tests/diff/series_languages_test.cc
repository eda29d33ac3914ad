// Series across languages: recalls of "its resolution(s)" read in the six languages, and members
// in two languages joined by a recall (titles in two languages cannot be compared).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diff/diff.h"

namespace recital {
namespace {

Resolution WithPreamble(const std::string& lang, const std::string& text) {
  Resolution r;
  r.symbol = "A/RES/61/1";
  r.session = 61;
  r.language = lang;
  r.preamble.push_back({Section::kPreamble, "", "", text, {}, {}});
  r.citations.push_back({"A/RES/2625(XXV)", ""});  // what the fallback would take
  return r;
}

TEST(SeriesLanguagesTest, OwnResolutionsAreRecognisedInEveryLanguage) {
  const std::vector<std::pair<std::string, std::string>> recalls = {
      {"fr", "Rappelant sa résolution 60/123 du 15 décembre 2005,"},
      {"fr", "Rappelant également ses résolutions 58/10 et 60/123,"},
      {"es", "Recordando sus resoluciones 58/10, de 3 de noviembre de 2003, y 60/123,"},
      {"ru", "ссылаясь на свою резолюцию 60/123 от 15 декабря 2005 года,"},
      {"zh", "回顾其2005年12月15日第60/123号决议,"},
      {"zh", "又回顧其2005年12月15日第60/123號決議,"},  // Traditional characters
      {"ar", "وإذ تشير إلى قرارها 60/123 المؤرخ 15 كانون الأول/ديسمبر 2005،"},
  };
  for (const auto& [lang, text] : recalls) {
    SeriesMember m = SeriesMemberFromResolution(WithPreamble(lang, text));
    EXPECT_TRUE(m.recalls_own) << text;
    EXPECT_EQ(m.language, lang);
    ASSERT_FALSE(m.recalls.empty()) << text;
    EXPECT_EQ(m.recalls.back(), "A/RES/60/123") << text;
  }
  // The Security Council's resolutions are not the Assembly's own: the citations stand in.
  SeriesMember council = SeriesMemberFromResolution(
      WithPreamble("fr", "Rappelant les résolutions 1173 (1998) du Conseil de sécurité,"));
  EXPECT_FALSE(council.recalls_own);
  EXPECT_EQ(council.recalls, std::vector<std::string>{"A/RES/2625(XXV)"});
}

SeriesMember Member(std::string symbol, uint32_t session, std::string lang, std::string title,
                    std::vector<std::string> recalls, bool own) {
  SeriesMember m;
  m.symbol = std::move(symbol);
  m.session = session;
  m.language = std::move(lang);
  m.title = std::move(title);
  m.recalls = std::move(recalls);
  m.recalls_own = own;
  return m;
}

TEST(SeriesLanguagesTest, RecallOfItsOwnResolutionJoinsAcrossLanguages) {
  auto s = DetectSeries({Member("A/RES/50/11", 50, "en", "Multilingualism", {}, false),
                         Member("A/RES/56/262", 56, "fr", "Multilinguisme",
                                {"A/RES/47/135", "A/RES/50/11"}, true)});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].symbols, (std::vector<std::string>{"A/RES/50/11", "A/RES/56/262"}));
}

TEST(SeriesLanguagesTest, CitationOnlyInAnotherLanguageDoesNotJoin) {
  // The French text names 50/11 only among its citations (not as its own resolution) and the
  // two recall nothing in common: the titles cannot tell, so no join.
  auto s = DetectSeries({Member("A/RES/50/11", 50, "en", "Multilingualism", {}, false),
                         Member("A/RES/56/262", 56, "fr", "Multilinguisme", {"A/RES/50/11"},
                                false)});
  EXPECT_EQ(s.size(), 2u);
}

TEST(SeriesLanguagesTest, SameLanguageStillNeedsOneSubject) {
  // English to English: a recall of another subject's resolution is not membership.
  auto s = DetectSeries({Member("A/RES/20/40", 20, "en", "Refugees in Africa", {}, false),
                         Member("A/RES/21/97", 21, "en", "Report of the High Commissioner",
                                {"A/RES/20/40"}, true)});
  EXPECT_EQ(s.size(), 2u);
}

}  // namespace
}  // namespace recital

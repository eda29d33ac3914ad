// The commands on releases in other languages than English (../shared/corpus/multilingual):
// parse reports the language, grep finds Chinese and Arabic phrases, diff compares two Chinese
// releases word by word.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;
using testing::TempDir;

std::string Multilingual(const std::string& file) { return testing::CorpusDir() + "/multilingual/" + file; }

TEST(MultilingualCliTest, ParseJsonGivesTheLanguageFoundInTheText) {
  RECITAL_REQUIRE_CORPUS();
  auto r = RunRecital({"parse", Multilingual("A-RES-76-268.fr.girlsrightsplatform.txt"),
                       Multilingual("A-RES-56-18.ru.kodeks.txt"), Multilingual("A-RES-52-48.zh.static-un-org.txt"),
                       "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["language"], "fr");
  EXPECT_EQ(j[0]["symbol"], "A/RES/76/268");
  EXPECT_EQ(j[0]["preamble"][0]["lead"], "Considérant");
  EXPECT_EQ(j[1]["language"], "ru");
  EXPECT_EQ(j[1]["preamble"][0]["lead"], "ссылаясь на");
  EXPECT_EQ(j[2]["language"], "zh");
  EXPECT_EQ(j[2]["preamble"][0]["lead"], "回顾");
}

TEST(MultilingualCliTest, GrepFindsChineseAndArabicPhrases) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  const std::string archive = dir.str() + "/archive";
  auto ing = RunRecital({"ingest", "--archive", archive, Multilingual("A-RES-65-119.zh.zh-wikisource.txt"),
                         Multilingual("A-74-L.75.ar.conferences-unite-bitext.txt")});
  ASSERT_EQ(ing.exit_code, 0) << ing.err;
  // Chinese: no spaces; the phrase is found inside the run of characters.
  auto zh = RunRecital({"grep", "--archive", archive, "第三个铲除殖民主义国际十年", "--json"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  json s = json::parse(zh.out)["series"];
  ASSERT_EQ(s.size(), 1u) << zh.out;
  EXPECT_EQ(s[0]["last"]["symbol"], "A/RES/65/119");
  ASSERT_EQ(s[0]["paragraphs"].size(), 1u) << zh.out;  // operative 1 only ("第二个..." elsewhere)
  EXPECT_EQ(s[0]["paragraphs"][0]["text"], "宣布2011-2020年为第三个铲除殖民主义国际十年;");
  // Arabic: "مباني الأمم المتحدة" (United Nations premises), in the first preamble paragraph.
  auto ar = RunRecital({"grep", "--archive", archive, "مباني الأمم المتحدة", "--json"});
  ASSERT_EQ(ar.exit_code, 0) << ar.err;
  s = json::parse(ar.out)["series"];
  ASSERT_EQ(s.size(), 1u) << ar.out;
  EXPECT_EQ(s[0]["last"]["symbol"], "A/74/L.75");
  auto none = RunRecital({"grep", "--archive", archive, "殖民主义国际二十年"});
  EXPECT_EQ(none.exit_code, 1);
}

TEST(MultilingualCliTest, DiffOfTwoChineseReleasesMarksWords) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  std::string text = testing::ReadFile(Multilingual("A-RES-65-119.zh.zh-wikisource.txt"));
  const std::string from = "吁请各会员国加紧努力", to = "吁请各会员国继续努力";
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  const std::string old_file = dir.str() + "/old.txt", new_file = dir.str() + "/new.txt";
  testing::WriteFile(old_file, text);
  testing::WriteFile(new_file, text.replace(at, from.size(), to));
  auto r = RunRecital({"diff", old_file, new_file});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("吁请各会员国[-加紧-]{+继续+}努力"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace recital

// The parallel view's renderers: two columns within the width, JSON keys, HTML direction.
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "render/render.h"

namespace recital {
namespace {

// Terminal columns of a line: CJK ideographs take two (what a terminal shows).
size_t Columns(const std::string& line) {
  size_t cols = 0;
  for (size_t i = 0; i < line.size();) {
    auto b = static_cast<unsigned char>(line[i]);
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    cols += (len == 3 && b >= 0xE4 && b <= 0xE9) ? 2 : 1;  // U+4E00..U+9FFF
    i += len;
  }
  return cols;
}

ParallelResult Sample() {
  Resolution en, other;
  en.language = "en";
  en.preamble.push_back({Section::kPreamble, "", "Recalling", std::string(
      "Recalling its resolution 47/135 of 18 December 1992, by which it adopted the Declaration on "
      "the Rights of Persons Belonging to National or Ethnic, Religious and Linguistic Minorities,"),
      {}, {}});
  en.operative.push_back({Section::kOperative, "1", "Requests", "Requests the Secretary-General:",
                          {}, {{"(a)", "to report;", {}}}});
  other = en;
  other.language = "zh";
  other.preamble[0].text =
      "回顾其1992年12月18日第47/135号决议，其中大会通过了《在民族或族裔、宗教和语言上属于少数群体的人的权利宣言》，";
  other.operative[0].text = "请秘书长：";
  other.operative[0].subparagraphs.clear();
  return AlignParallel(en, other);
}

TEST(ParallelRenderTest, TextColumnsStayWithinTheWidth) {
  ParallelResult p = Sample();
  for (int width : {40, 80}) {
    std::string text = render::ParallelText("A/RES/1/1", p, width);
    std::istringstream in(text);
    std::string line;
    size_t rows_with_bar = 0;
    while (std::getline(in, line)) {
      EXPECT_LE(Columns(line), static_cast<size_t>(width)) << line;
      rows_with_bar += line.find(" | ") != std::string::npos;
    }
    EXPECT_GT(rows_with_bar, 4u);
    // Every character of the Chinese paragraph is printed (wrapped, not cut).
    EXPECT_NE(text.find("宣言"), std::string::npos);
    EXPECT_NE(text.find("(missing)"), std::string::npos);  // (a) has no Chinese counterpart
    EXPECT_NE(text.find("only_left"), std::string::npos);
  }
}

TEST(ParallelRenderTest, JsonHasStableKeys) {
  auto j = render::ParallelJson("A/RES/1/1", Sample());
  EXPECT_EQ(j["symbol"], "A/RES/1/1");
  EXPECT_EQ(j["languages"][0], "en");
  EXPECT_EQ(j["languages"][1], "zh");
  ASSERT_EQ(j["rows"].size(), 2u);
  EXPECT_EQ(j["rows"][0]["section"], "preamble");
  EXPECT_TRUE(j["rows"][0]["number"].is_null());
  EXPECT_EQ(j["rows"][1]["number"], "1");
  EXPECT_EQ(j["rows"][1]["coverage"], "both");
  EXPECT_EQ(j["rows"][1]["subparagraphs"][0]["key"], "a");
  EXPECT_TRUE(j["rows"][1]["subparagraphs"][0]["right"].is_null());
  EXPECT_EQ(j["summary"]["aligned"], 2);
  EXPECT_EQ(j["summary"]["agrees"], false);
  EXPECT_EQ(j["issues"][0]["kind"], "only_left");
}

TEST(ParallelRenderTest, HtmlMarksLanguageAndArabicDirection) {
  Resolution en, ar;
  en.language = "en";
  en.preamble.push_back({Section::kPreamble, "", "", "Recalling <its> resolution", {}, {}});
  ar = en;
  ar.language = "ar";
  ar.preamble[0].text = "إذ تشير إلى قرارها";
  std::string html = render::ParallelHtml("A/RES/1/1", AlignParallel(en, ar));
  EXPECT_NE(html.find("<td lang=\"ar\" dir=\"rtl\">إذ تشير إلى قرارها</td>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<td lang=\"en\">Recalling &lt;its&gt; resolution</td>"), std::string::npos);
  EXPECT_NE(html.find("The structures agree."), std::string::npos);
}

}  // namespace
}  // namespace recital

// The pages of `recital serve` as render/ builds them: links, escaping of everything that came
// from a request or a record, and the change counts of the series chart.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "render/render.h"

namespace recital {
namespace {

bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(PagesTest, PathsKeepSymbolsAsWrittenAndEscapeTheRest) {
  EXPECT_EQ(render::PagePath("/resolution/", "A/RES/54/144"), "/resolution/A/RES/54/144");
  EXPECT_EQ(render::PagePath("/resolution/", "A/RES/1284(XIII)"),
            "/resolution/A/RES/1284(XIII)");
  EXPECT_EQ(render::PagePath("/series/", "a b?#&\"<"), "/series/a%20b%3F%23%26%22%3C");
  EXPECT_EQ(render::PagePath("/series/", "réfugiés"), "/series/r%C3%A9fugi%C3%A9s");
}

TEST(PagesTest, QueryValuesEscapeEverythingButUnreserved) {
  EXPECT_EQ(render::QueryEscape("A/RES/54/144"), "A%2FRES%2F54%2F144");
  EXPECT_EQ(render::QueryEscape("voluntary repatriation"), "voluntary%20repatriation");
  EXPECT_EQ(render::QueryEscape("a&b=c+d"), "a%26b%3Dc%2Bd");
  EXPECT_EQ(render::QueryEscape("Az09-._~"), "Az09-._~");
}

TEST(PagesTest, RequestTextIsEscapedWherePagesRepeatIt) {
  const std::string evil = "\"><script>alert(1)</script>";
  const std::string error = render::ErrorPage(404, evil + " is not a resolution");
  EXPECT_FALSE(Has(error, "<script>alert"));
  EXPECT_TRUE(Has(error, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(Has(error, "404"));

  const std::string search = render::SearchPage(evil, nullptr);
  EXPECT_FALSE(Has(search, "<script>alert"));
  EXPECT_TRUE(Has(search, "value=\"&quot;&gt;&lt;script&gt;"));

  render::CompareView view;
  view.from_arg = evil;
  view.to_arg = "54/144";
  view.symbols = {"A/RES/54/144"};
  const std::string compare = render::ComparePage(view);
  EXPECT_FALSE(Has(compare, "<script>alert"));

  const std::string index = render::IndexPage({}, evil);
  EXPECT_FALSE(Has(index, "\"><script>alert"));
}

TEST(PagesTest, IndexListsEachSeriesWithItsMembersLinked) {
  Series s;
  s.key = "s-0123456789ab";
  s.name = "Lighthouses & buoys";
  s.symbols = {"A/RES/60/7", "A/RES/61/8"};
  const std::string page = render::IndexPage({s}, "");
  EXPECT_TRUE(Has(page, "Lighthouses &amp; buoys"));
  EXPECT_TRUE(Has(page, "href=\"/series/s-0123456789ab\""));
  EXPECT_TRUE(Has(page, "href=\"/resolution/A/RES/61/8\""));
  EXPECT_TRUE(Has(page, "sessions 60–61"));
  EXPECT_TRUE(Has(page, "<!DOCTYPE html>"));
}

TEST(PagesTest, SubstantiveChangesLeaveOutTechnicalRewordingAndMoves) {
  DiffSummary s;
  s.unchanged = 10;
  s.reworded = 5;
  s.technical = 2;  // two of the five rewordings
  s.added = 1;
  s.removed = 1;
  s.split = 1;
  s.merged = 1;
  s.moved = 3;
  EXPECT_EQ(render::SubstantiveChanges(s), 3u + 1 + 1 + 1 + 1);
  EXPECT_EQ(render::SubstantiveChanges(DiffSummary{}), 0u);
}

}  // namespace
}  // namespace recital

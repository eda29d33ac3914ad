// The pages and the JSON API of `recital serve` over the real corpus, through HTTP. Expected
// words come from reading the releases (A-RES-51-70.unorg.txt, A-RES-54-144.ods.txt).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/serve/serve_test_util.h"

namespace recital {
namespace {

using testing::CorpusServerTest;
using testing::Get;
using testing::HttpReply;

class ServePagesTest : public CorpusServerTest {};
class ServeApiTest : public CorpusServerTest {};

bool Has(const std::string& body, const std::string& part) {
  return body.find(part) != std::string::npos;
}

// The CIS follow-up series: 50/151, 51/70 and 54/144 are in the corpus.
constexpr const char* kCisTitle =
    "Follow-up to the Regional Conference to Address the Problems of Refugees";

TEST_F(ServePagesTest, IndexListsTheSeriesWithLinksAndASearchBox) {
  const HttpReply r = Get(port(), "/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(Has(r.body, kCisTitle));
  EXPECT_TRUE(Has(r.body, "Assistance to refugees, returnees and displaced persons in Africa"));
  EXPECT_TRUE(Has(r.body, "href=\"/series/s-"));
  EXPECT_TRUE(Has(r.body, "href=\"/resolution/A/RES/54/144\""));
  EXPECT_TRUE(Has(r.body, "action=\"/search\""));
}

TEST_F(ServePagesTest, PagesAreSelfContained) {
  for (const char* target : {"/", "/resolution/A/RES/54/144", "/series/54/144",
                             "/compare?from=51/70&to=54/144", "/blame/54/144",
                             "/search?q=voluntary+repatriation"}) {
    const HttpReply r = Get(port(), target);
    ASSERT_EQ(r.status, 200) << target;
    // Nothing that a browser would fetch (the SVG's xmlns is a name, not a fetch).
    EXPECT_FALSE(Has(r.body, "href=\"http")) << target;
    EXPECT_FALSE(Has(r.body, "href=\"//")) << target;
    EXPECT_FALSE(Has(r.body, "src=")) << target;
    EXPECT_FALSE(Has(r.body, "url(")) << target;
    EXPECT_FALSE(Has(r.body, "@import")) << target;
    EXPECT_FALSE(Has(r.body, "rel=\"stylesheet\"")) << target;
    EXPECT_TRUE(Has(r.headers.at("content-security-policy"), "default-src 'none'")) << target;
  }
}

TEST_F(ServePagesTest, ResolutionPageShowsTheRecordEachParagraphLinkedToItsLineage) {
  const HttpReply r = Get(port(), "/resolution/A/RES/54/144");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Has(r.body, kCisTitle));
  EXPECT_TRUE(Has(r.body, "Third Committee"));
  // The first operative paragraph, lead phrase set off; the last one of the preamble is p13.
  EXPECT_TRUE(Has(r.body, "Takes note of"));
  EXPECT_TRUE(Has(r.body, "<em class=\"lead\">Decides</em> to continue its consideration of "
                          "the question at its fifty-fifth session."));
  EXPECT_TRUE(Has(r.body, "href=\"/blame/A/RES/54/144#p1\""));
  EXPECT_TRUE(Has(r.body, "href=\"/blame/A/RES/54/144#p29\""));  // 13 preamble + 16 operative
  EXPECT_FALSE(Has(r.body, "href=\"/blame/A/RES/54/144#p30\""));
  // Footnotes are kept, markers removed from the text.
  EXPECT_TRUE(Has(r.body, "Treaty Series, vol. 189, No. 2545."));
  EXPECT_FALSE(Has(r.body, "Secretary-General1"));
}

TEST_F(ServePagesTest, SymbolsMayBeWrittenShortOrPercentEncoded) {
  const std::string full = Get(port(), "/resolution/A/RES/54/144").body;
  EXPECT_EQ(Get(port(), "/resolution/54/144").body, full);
  EXPECT_EQ(Get(port(), "/resolution/A%2FRES%2F54%2F144").body, full);
  const HttpReply roman = Get(port(), "/resolution/A/RES/1284(XIII)");
  EXPECT_EQ(roman.status, 200);
  EXPECT_TRUE(Has(roman.body, "1284(XIII)"));
}

TEST_F(ServePagesTest, SeriesPageDrawsChangesPerSessionAndListsTheSessions) {
  const HttpReply r = Get(port(), "/series/54/144");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Has(r.body, kCisTitle));
  EXPECT_TRUE(Has(r.body, "<svg"));
  EXPECT_TRUE(Has(r.body, "class=\"substantive\""));
  EXPECT_TRUE(Has(r.body, "class=\"technical\""));
  const size_t a = r.body.find("A/RES/50/151"), b = r.body.find("A/RES/51/70"),
               c = r.body.find("A/RES/54/144");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(c, std::string::npos);
  // In session order, each linked to the comparison with the one before.
  EXPECT_TRUE(Has(r.body, "/compare?from=A%2FRES%2F51%2F70&amp;to=A%2FRES%2F54%2F144"));
  // The series key works as well as a member's symbol.
  const auto log = nlohmann::json::parse(Get(port(), "/api/log/54/144").body);
  const std::string key = log["series"]["key"];
  EXPECT_EQ(Get(port(), "/series/" + key).body, r.body);
}

TEST_F(ServePagesTest, CompareShowsAnyTwoResolutionsWithDeletedAndInsertedWords) {
  // 51/70 -> 54/144 skips session 52 and 53 (not in the corpus); the conference "held at
  // Geneva on 30 and 31 May 1996" is only in 51/70; 53/123 is first recalled in 54/144.
  const HttpReply r = Get(port(), "/compare?from=A/RES/51/70&to=A/RES/54/144");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Has(r.body, "<del>, held at Geneva on 30 and 31 May 1996</del>"));
  const size_t ins = r.body.find("53/123 of 9 December 1998</ins>");
  ASSERT_NE(ins, std::string::npos);
  EXPECT_NE(r.body.rfind("<ins>", ins), std::string::npos);
  // Two unrelated resolutions compare too, in either order.
  EXPECT_EQ(Get(port(), "/compare?from=A/RES/77/199&to=A/RES/1284(XIII)").status, 200);
  // Without parameters it is the form, listing the archive's symbols.
  const HttpReply form = Get(port(), "/compare");
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form.body, "A/RES/56/134"));
}

TEST_F(ServePagesTest, BlameGivesWhereEachWordingBeganAndItsEarlierWordings) {
  const HttpReply r = Get(port(), "/blame/A/RES/54/144");
  ASSERT_EQ(r.status, 200) << r.body;
  // "Recalling that the protection and promotion of human rights ..." is worded as in 51/70.
  const size_t p11 = r.body.find("id=\"p11\"");
  ASSERT_NE(p11, std::string::npos);
  const size_t p12 = r.body.find("id=\"p12\"", p11);
  const std::string para = r.body.substr(p11, p12 - p11);
  EXPECT_TRUE(Has(para, "the protection and promotion of human rights"));
  EXPECT_TRUE(Has(para, "since <a href=\"/resolution/A/RES/51/70\">51/70</a>"));
}

TEST_F(ServePagesTest, SearchMarksThePhraseInEveryHit) {
  const HttpReply r = Get(port(), "/search?q=voluntary+repatriation");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Has(r.body, "<mark>voluntary repatriation</mark>"));
  EXPECT_TRUE(Has(r.body, "value=\"voluntary repatriation\""));
  // Hits link to the paragraph in its resolution.
  EXPECT_TRUE(Has(r.body, "#p"));
  const HttpReply none = Get(port(), "/search?q=zzyzx+quokka");
  EXPECT_EQ(none.status, 200);
  EXPECT_FALSE(Has(none.body, "<mark>"));
}

TEST_F(ServePagesTest, UnknownThingsAre404Pages) {
  for (const char* target : {"/resolution/A/RES/99/999", "/blame/A/RES/99/999",
                             "/series/no-such-series", "/compare?from=51/70&to=99/999",
                             "/no/such/page", "/resolution/"}) {
    const HttpReply r = Get(port(), target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.headers.at("content-type"), "text/html; charset=utf-8") << target;
  }
  EXPECT_TRUE(Has(Get(port(), "/resolution/A/RES/99/999").body, "A/RES/99/999"));
}

TEST_F(ServePagesTest, HeadIsAnsweredWithoutABody) {
  const std::string raw = testing::SendRaw(
      port(), "HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  const HttpReply r = testing::ParseReply(raw);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
}

// ---- the API gives the CLI's JSON ---------------------------------------------------------

void ExpectSameJson(int port, const std::string& target, const std::vector<std::string>& cli) {
  const HttpReply r = Get(port, target);
  ASSERT_EQ(r.status, 200) << target << ": " << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/json; charset=utf-8");
  const testing::RunResult run = testing::RunRecital(cli);
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.err;
  // Byte for byte, but for the line end the CLI adds.
  std::string out = run.out;
  if (!r.body.ends_with('\n') && out.ends_with('\n')) out.pop_back();
  EXPECT_EQ(r.body, out) << target;
}

TEST_F(ServeApiTest, EveryRouteAnswersWhatTheCliPrints) {
  const std::string a = archive_dir();
  ExpectSameJson(port(), "/api/series", {"series", "--archive", a, "--json"});
  ExpectSameJson(port(), "/api/resolution/A/RES/54/144",
                 {"show", "A/RES/54/144", "--archive", a, "--format", "json"});
  ExpectSameJson(port(), "/api/diff?from=A/RES/51/70&to=A/RES/54/144",
                 {"diff", "A/RES/51/70", "A/RES/54/144", "--archive", a, "--format", "json"});
  ExpectSameJson(port(), "/api/blame/A/RES/54/144",
                 {"blame", "A/RES/54/144", "--archive", a, "--format", "json"});
  ExpectSameJson(port(), "/api/log/54/144", {"log", "54/144", "--archive", a, "--json"});
  ExpectSameJson(port(), "/api/grep?q=voluntary%20repatriation",
                 {"grep", "voluntary repatriation", "--archive", a, "--json"});
}

TEST_F(ServeApiTest, ResolutionJsonHoldsTheRecord) {
  const auto j = nlohmann::json::parse(Get(port(), "/api/resolution/54/144").body);
  EXPECT_EQ(j["symbol"], "A/RES/54/144");
  EXPECT_EQ(j["session"], 54);
  EXPECT_EQ(j["operative"].size(), 16u);
  EXPECT_EQ(j["preamble"].size(), 13u);
  EXPECT_EQ(j["report"], "A/54/600");
}

TEST_F(ServeApiTest, ErrorsAreJsonWithTheHttpStatus) {
  struct Case {
    const char* target;
    int status;
  };
  for (const Case& c : {Case{"/api/resolution/A/RES/99/999", 404},
                        Case{"/api/blame/A/RES/99/999", 404}, Case{"/api/log/no-such", 404},
                        Case{"/api/diff?from=51/70", 400}, Case{"/api/diff?to=51/70", 400},
                        Case{"/api/diff?from=51/70&to=99/999", 404}, Case{"/api/grep?q=", 400},
                        Case{"/api/grep", 400}, Case{"/api/nothing", 404}}) {
    const HttpReply r = Get(port(), c.target);
    EXPECT_EQ(r.status, c.status) << c.target << ": " << r.body;
    const auto j = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << c.target << ": " << r.body;
    EXPECT_TRUE(j.contains("error")) << c.target;
  }
}

}  // namespace
}  // namespace recital

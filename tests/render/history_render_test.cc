// Logs, blame, grep, series lists and reports as text and JSON, from hand-made history structs
// (expected output written by hand; the JSON keys are the documented interfaces).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "render/render.h"

namespace recital {
namespace {

using nlohmann::json;

std::vector<std::string> Keys(const json& j) {
  std::vector<std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
  return out;
}
using KeyList = std::vector<std::string>;

Series TwoSessions() { return {"s-0123456789ab", "Lighthouses", {"A/RES/60/7", "A/RES/61/7"}}; }

history::LogView SomeLog() {
  history::LogView log;
  log.series = TwoSessions();
  history::SessionRow first;
  first.symbol = "A/RES/60/7";
  first.session = 60;
  first.adoption_date = "2005-12-01";
  first.title = "Lighthouses";
  history::SessionRow second = first;
  second.symbol = "A/RES/61/7";
  second.session = 0;  // unknown
  second.adoption_date = "";
  second.has_previous = true;
  second.summary.unchanged = 3;
  second.summary.reworded = 2;
  log.rows = {first, second};
  return log;
}

TEST(LogRenderTest, TextIsATableWithDashesForTheFirstSession) {
  EXPECT_EQ(render::LogText(SomeLog()),
            "Series: Lighthouses (s-0123456789ab, 2 sessions)\n"
            "SYMBOL               SESSION ADOPTED    UNCHANGED REWORDED TECHNICAL ADDED REMOVED "
            "MOVED SPLIT MERGED  TITLE\n"
            "A/RES/60/7                60 2005-12-01         -        -         -     -       - "
            "    -     -      -  Lighthouses\n"
            "A/RES/61/7                 ? ?                  3        2         0     0       0 "
            "    0     0      0  Lighthouses\n");
}

TEST(LogRenderTest, TechnicalCountsShowAndSubstantiveLeavesOutTechnicalOnlySessions) {
  history::LogView log = SomeLog();
  history::SessionRow third = log.rows[1];
  third.symbol = "A/RES/62/7";
  third.session = 62;
  third.summary.unchanged = 4;
  third.summary.reworded = 1;
  third.summary.technical = 1;  // its only change: a technical update
  log.rows.push_back(third);
  log.rows[1].summary.technical = 1;  // one of 61/7's two rewordings is technical
  const std::string all = render::LogText(log);
  EXPECT_NE(all.find("A/RES/61/7                 ? ?                  3        2         1"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("A/RES/62/7"), std::string::npos) << all;
  const std::string substantive = render::LogText(log, /*substantive=*/true);
  EXPECT_EQ(substantive.rfind("Series: Lighthouses (s-0123456789ab, 3 sessions; 1 with technical "
                              "changes only not shown)\n",
                              0),
            0u)
      << substantive;
  EXPECT_NE(substantive.find("A/RES/61/7"), std::string::npos) << substantive;
  EXPECT_EQ(substantive.find("A/RES/62/7"), std::string::npos) << substantive;
  json j = render::LogJson(log, /*substantive=*/true);
  ASSERT_EQ(j["sessions"].size(), 2u);
  EXPECT_EQ(j["sessions"][1]["changes"]["technical"], 1);
  EXPECT_EQ(render::LogJson(log)["sessions"].size(), 3u);
  EXPECT_TRUE(render::OnlyTechnicalChanges(third.summary));
  EXPECT_FALSE(render::OnlyTechnicalChanges(log.rows[1].summary));
  EXPECT_FALSE(render::OnlyTechnicalChanges(DiffSummary{}));
}

TEST(LogRenderTest, JsonHasTheDocumentedKeysAndNullsForUnknowns) {
  json j = render::LogJson(SomeLog());
  EXPECT_EQ(Keys(j), (KeyList{"series", "sessions"}));
  EXPECT_EQ(j["series"], (json{{"key", "s-0123456789ab"}, {"name", "Lighthouses"}}));
  ASSERT_EQ(j["sessions"].size(), 2u);
  EXPECT_EQ(Keys(j["sessions"][0]),
            (KeyList{"adoption_date", "changes", "session", "symbol", "title"}));
  EXPECT_TRUE(j["sessions"][0]["changes"].is_null());
  EXPECT_TRUE(j["sessions"][1]["session"].is_null());
  EXPECT_TRUE(j["sessions"][1]["adoption_date"].is_null());
  EXPECT_EQ(j["sessions"][1]["changes"]["reworded"], 2);
}

history::BlameView SomeBlame() {
  history::BlameView b;
  b.symbol = "A/RES/61/7";
  Resolution r60, r61;
  r60.symbol = "A/RES/60/7";
  r61.symbol = "A/RES/61/7";
  r61.title = "Lighthouses";
  b.history.series = TwoSessions();
  b.history.records = {r60, r61};
  history::BlameParagraph p;
  p.section = Section::kOperative;
  p.number = "1";
  p.lead = "Urges";
  p.text = "Urges States;";
  p.since = "A/RES/61/7";
  p.lineage = {{"A/RES/60/7", "Encourages States;"}};
  b.paragraphs = {p};
  return b;
}

TEST(BlameRenderTest, TextListsEachParagraphWithItsEarlierWordings) {
  EXPECT_EQ(render::BlameText(SomeBlame(), false),
            "A/RES/61/7 (Lighthouses): series 'Lighthouses' from 60/7\n"
            "\noperative\n"
            "   1  since 61/7           Urges States;\n"
            "      from  60/7           Encourages States;\n");
  std::string coloured = render::BlameText(SomeBlame(), true);
  EXPECT_NE(coloured.find("\x1b[2m      from  60/7"), std::string::npos) << coloured;
}

TEST(BlameRenderTest, JsonHasTheDocumentedKeys) {
  json j = render::BlameJson(SomeBlame());
  EXPECT_EQ(Keys(j), (KeyList{"paragraphs", "symbol"}));
  EXPECT_EQ(j["symbol"], "A/RES/61/7");
  EXPECT_EQ(Keys(j["paragraphs"][0]),
            (KeyList{"lead", "lineage", "number", "section", "since", "text", "wording_since"}));
  EXPECT_EQ(j["paragraphs"][0]["section"], "operative");
  EXPECT_EQ(j["paragraphs"][0]["lineage"][0],
            (json{{"symbol", "A/RES/60/7"}, {"text", "Encourages States;"}, {"technical", false}}));
}

TEST(BlameRenderTest, TechnicalUpdatesAreMarkedInTextAndJson) {
  history::BlameView b = SomeBlame();
  history::BlameParagraph& p = b.paragraphs[0];
  p.text = "Recalling its resolution 60/7,";
  p.since = "A/RES/60/7";  // the substance began in 60/7; 61/7 updated the symbol only
  p.wording_since = "A/RES/61/7";
  p.lineage = {{"A/RES/60/7", "Recalling its resolution 59/7,", true}};
  EXPECT_EQ(render::BlameText(b, false),
            "A/RES/61/7 (Lighthouses): series 'Lighthouses' from 60/7\n"
            "\noperative\n"
            "   1  since 60/7           Recalling its resolution 60/7,\n"
            "      from  60/7           [technical] Recalling its resolution 59/7,\n");
  json j = render::BlameJson(b);
  EXPECT_EQ(j["paragraphs"][0]["since"], "A/RES/60/7");
  EXPECT_EQ(j["paragraphs"][0]["wording_since"], "A/RES/61/7");
  EXPECT_EQ(j["paragraphs"][0]["lineage"][0]["technical"], true);
}

history::GrepResult SomeGrep() {
  history::GrepResult g;
  g.phrase = "best practices";
  store::PhraseHit hit;
  hit.wording.lead = "Urges";
  hit.wording.text = "Urges best practices;";
  hit.matches = {{-1, 6, 14}};
  g.hits = {hit};
  history::GrepSeries s;
  s.series = TwoSessions();
  // Operative paragraph 1 after two preamble paragraphs, in both sessions.
  history::GrepParagraph p;
  p.symbol = "A/RES/60/7";
  p.session = 60;
  p.position = 2;
  p.hit = 0;
  p.section = Section::kOperative;
  p.index = 0;
  p.number = "1";
  s.paragraphs = {p, p};
  s.paragraphs[1].symbol = "A/RES/61/7";
  s.paragraphs[1].session = 61;
  g.series = {s};
  return g;
}

TEST(GrepRenderTest, TextGroupsBySeriesAndHighlightsOnlyWithColour) {
  EXPECT_EQ(render::GrepText(SomeGrep(), false),
            "Lighthouses (s-0123456789ab)\n"
            "  first A/RES/60/7 (session 60), last A/RES/61/7 (session 61); 2 resolutions\n"
            "  60/7             OP1  Urges best practices;\n"
            "  61/7             OP1  Urges best practices;\n");
  std::string coloured = render::GrepText(SomeGrep(), true);
  EXPECT_NE(coloured.find("Urges \x1b[1;31mbest practices\x1b[0m;"), std::string::npos) << coloured;
}

// Before: "¶3" (the position in document order) where diff says PP3 or OP6.
TEST(GrepRenderTest, LabelsAreTheDiffsAndUnknownSessionsAQuestionMark) {
  history::GrepResult g = SomeGrep();
  history::GrepParagraph& preamble = g.series[0].paragraphs[0];
  preamble.section = Section::kPreamble;
  preamble.index = 2;
  preamble.number = "";
  preamble.session = 0;  // unknown
  history::GrepParagraph& unnumbered = g.series[0].paragraphs[1];
  unnumbered.index = 5;
  unnumbered.number = "";  // an operative paragraph without a number: its position
  EXPECT_EQ(render::GrepText(g, false),
            "Lighthouses (s-0123456789ab)\n"
            "  first A/RES/60/7 (session ?), last A/RES/61/7 (session 61); 2 resolutions\n"
            "  60/7             PP3  Urges best practices;\n"
            "  61/7             OP6  Urges best practices;\n");
  json j = render::GrepJson(g);
  EXPECT_EQ(j["series"][0]["paragraphs"][0]["label"], "PP3");
  EXPECT_EQ(j["series"][0]["paragraphs"][1]["label"], "OP6");
}

TEST(GrepRenderTest, JsonHasTheDocumentedKeys) {
  json j = render::GrepJson(SomeGrep());
  EXPECT_EQ(Keys(j), (KeyList{"phrase", "series"}));
  json s = j["series"][0];
  EXPECT_EQ(Keys(s), (KeyList{"first", "key", "last", "name", "paragraphs"}));
  EXPECT_EQ(s["first"], (json{{"symbol", "A/RES/60/7"}, {"session", 60}}));
  json p = s["paragraphs"][1];
  EXPECT_EQ(Keys(p),
            (KeyList{"label", "language", "lead", "matches", "position", "session", "symbol", "text",
                     "version"}));
  EXPECT_EQ(p["position"], 3);
  EXPECT_EQ(p["label"], "OP1");
  EXPECT_EQ(p["matches"][0],
            (json{{"subparagraph", nullptr}, {"byte_offset", 6}, {"byte_length", 14}}));
  EXPECT_EQ(render::GrepText(history::GrepResult{}, false), "");
}

TEST(SeriesRenderTest, ListShowsKeyNameAndShortSymbols) {
  std::vector<Series> all = {TwoSessions()};
  EXPECT_EQ(render::SeriesListText(all), "s-0123456789ab  Lighthouses\n    60/7 61/7\n");
  EXPECT_EQ(render::SeriesListJson(all),
            json::parse(R"([{"key": "s-0123456789ab", "name": "Lighthouses",
                             "symbols": ["A/RES/60/7", "A/RES/61/7"]}])"));
}

history::SeriesHistory SomeReportHistory() {
  history::SeriesHistory h;
  h.series = TwoSessions();
  Resolution a, b;
  a.symbol = "A/RES/60/7";
  a.session = 60;
  b.symbol = "A/RES/61/7";
  b.session = 61;
  b.adoption_date = "2006-12-04";
  h.records = {a, b};
  DiffResult d;
  d.from_symbol = a.symbol;
  d.to_symbol = b.symbol;
  Change c;
  c.status = ChangeStatus::kReworded;
  c.lead_changed = true;
  c.section = Section::kOperative;
  c.from = {{Section::kOperative, 0, "1", "Encourages", "Encourages *all*;"}};
  c.to = {{Section::kOperative, 0, "1", "Urges", "Urges all;"}};
  c.edits = {
      {EditOp::kDelete, "Encourages *all*"}, {EditOp::kInsert, "Urges all"}, {EditOp::kEqual, ";"}};
  d.changes = {c};
  d.summary.reworded = 1;
  h.diffs = {d};
  return h;
}

TEST(ReportRenderTest, MarkdownUsesTheChangeMarks) {
  std::string md = render::ReportMarkdown(SomeReportHistory());
  EXPECT_NE(md.find("Changed words are marked [-deleted-] and {+inserted+}."), std::string::npos)
      << md;
  EXPECT_NE(md.find("### Operative 1 — reworded, lead changed\n\n"
                    "> **Lead phrase changed:** \"Encourages\" → \"Urges\"\n\n"
                    "[-Encourages \\*all\\*-]{+Urges all+};\n"),
            std::string::npos)
      << md;
}

TEST(ReportRenderTest, HtmlShowsOldAndNewSidesEscaped) {
  std::string html = render::ReportHtml(SomeReportHistory());
  EXPECT_NE(html.find("<td class=\"old\"><del>Encourages *all*</del>;</td>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<p class=\"lead-change\">"), std::string::npos);
  for (const char* bad : {"<script", "<link", "src=", "http://", "https://"}) {
    EXPECT_EQ(html.find(bad), std::string::npos) << bad;
  }
}

TEST(ReportRenderTest, TechnicalChangesAreMarkedAndSubstantiveDoesNotListThem) {
  history::SeriesHistory h = SomeReportHistory();
  Change& c = h.diffs[0].changes[0];
  c.lead_changed = false;
  c.technical = true;
  c.from = {{Section::kPreamble, 0, "", "Recalling", "Recalling its resolution 59/7,"}};
  c.to = {{Section::kPreamble, 0, "", "Recalling", "Recalling its resolution 60/7,"}};
  c.section = Section::kPreamble;
  c.edits = {{EditOp::kEqual, "Recalling its resolution "},
             {EditOp::kDelete, "59/7"},
             {EditOp::kInsert, "60/7"},
             {EditOp::kEqual, ","}};
  h.diffs[0].summary.technical = 1;
  const std::string md = render::ReportMarkdown(h);
  EXPECT_NE(md.find("### Preamble 1 — reworded, technical\n\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| A/RES/61/7 | 61 | 2006-12-04 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"),
            std::string::npos)
      << md;
  EXPECT_NE(render::PairText(h, 0, false).find("Preamble 1 (reworded, technical)"),
            std::string::npos);
  EXPECT_NE(render::ReportHtml(h).find("<tr class=\"technical\">"), std::string::npos);

  const std::string quiet = render::ReportMarkdown(h, /*substantive=*/true);
  EXPECT_EQ(quiet.find("### Preamble 1"), std::string::npos) << quiet;
  EXPECT_NE(quiet.find("No substantive change (1 technical change not shown)."), std::string::npos)
      << quiet;
  // The overview keeps the counts.
  EXPECT_NE(quiet.find("| A/RES/61/7 | 61 | 2006-12-04 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"),
            std::string::npos);
  EXPECT_NE(render::ReportHtml(h, true).find("No substantive change (1 technical change not "
                                             "shown)."),
            std::string::npos);
  json j = render::ReportJson(h, true);
  EXPECT_TRUE(j["pairs"][0]["changes"].empty());
  EXPECT_EQ(j["pairs"][0]["summary"]["technical"], 1);
  EXPECT_EQ(render::PairText(h, 0, false, true).find("Preamble 1"), std::string::npos);
}

TEST(ReportRenderTest, JsonHasTheDocumentedKeys) {
  json j = render::ReportJson(SomeReportHistory());
  EXPECT_EQ(Keys(j), (KeyList{"pairs", "series", "sessions"}));
  EXPECT_EQ(Keys(j["pairs"][0]), (KeyList{"changes", "from", "summary", "to"}));
  EXPECT_EQ(j["pairs"][0]["changes"].size(), 1u);
  EXPECT_EQ(j["sessions"][1]["adoption_date"], "2006-12-04");
  EXPECT_TRUE(j["sessions"][0]["adoption_date"].is_null());
}

// What `report -o` and `demo --html` may replace: exactly the reports these renderers write.
TEST(ReportFileKindTest, RecognisesEachReportFormatAndNothingElse) {
  const history::SeriesHistory h = SomeReportHistory();
  using render::ReportFileKind;
  EXPECT_EQ(render::ReportFileKindOf(render::ReportMarkdown(h)), ReportFileKind::kMarkdown);
  EXPECT_EQ(render::ReportFileKindOf(render::ReportHtml(h)), ReportFileKind::kHtml);
  EXPECT_EQ(render::ReportFileKindOf(render::JsonText(render::ReportJson(h))),
            ReportFileKind::kJson);
  const std::string html = render::ReportHtml(h);
  for (const std::string& other : std::vector<std::string>{
           "",
           "# My notes\n",
           "# Change report: mine\n\nSome text of my own.\n",
           // Our generator tag in a page of someone else's.
           "<html><head><meta name=\"generator\" content=\"Recital change report\"></head>"
           "<body>my page</body></html>\n",
           // Our head, cut short (not a whole report).
           html.substr(0, html.size() / 2),
           "{\n  \"pairs\": [],\n  \"mine\": 1\n}\n",
           "{\"pairs\": [], \"series\": {\"key\": \"k\", \"name\": \"n\"}, \"sessions\": []}",
       }) {
    EXPECT_EQ(render::ReportFileKindOf(other), ReportFileKind::kNone) << other;
  }
}

}  // namespace
}  // namespace recital

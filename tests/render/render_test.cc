// The renderers' shared conventions (escaping, change marks, colours) and the JSON keys that
// are interfaces, on small hand-made values (expected output written by hand).
#include "render/render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recital {
namespace {

using nlohmann::json;

std::vector<std::string> Keys(const json& j) {
  std::vector<std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
  return out;
}
using KeyList = std::vector<std::string>;

std::vector<Edit> SomeEdits() {
  return {{EditOp::kEqual, "Urges "},
          {EditOp::kDelete, "*all*"},
          {EditOp::kInsert, "Member_States"},
          {EditOp::kEqual, " to act;"}};
}

ParagraphRef Ref(Section section, size_t index, std::string number, std::string text) {
  ParagraphRef r;
  r.section = section;
  r.index = index;
  r.number = std::move(number);
  r.lead = text.substr(0, text.find(' '));
  r.text = std::move(text);
  return r;
}

// 50/1 -> 51/1: operative 1 reworded (as SomeEdits), operative 2 added, one unchanged.
DiffResult SomeDiff() {
  DiffResult d;
  d.from_symbol = "A/RES/50/1";
  d.to_symbol = "A/RES/51/1";
  Change same;
  same.status = ChangeStatus::kUnchanged;
  same.section = Section::kPreamble;
  same.from = {Ref(Section::kPreamble, 0, "", "Noting the States' reports,")};
  same.to = same.from;
  Change reworded;
  reworded.status = ChangeStatus::kReworded;
  reworded.similarity = 0.8234;
  reworded.section = Section::kOperative;
  reworded.from = {Ref(Section::kOperative, 0, "1", "Urges *all* to act;")};
  reworded.to = {Ref(Section::kOperative, 0, "1", "Urges Member_States to act;")};
  reworded.edits = SomeEdits();
  Change added;
  added.status = ChangeStatus::kAdded;
  added.similarity = 0;
  added.section = Section::kOperative;
  added.to = {Ref(Section::kOperative, 1, "2", "Decides <to> continue;")};
  added.edits = {{EditOp::kInsert, "Decides <to> continue;"}};
  d.changes = {same, reworded, added};
  d.summary.unchanged = 1;
  d.summary.reworded = 1;
  d.summary.added = 1;
  return d;
}

TEST(EscapeTest, HtmlEscapesAllFiveSpecialCharactersAndNothingElse) {
  EXPECT_EQ(render::HtmlEscape("a & b < c > d \" e ' f"),
            "a &amp; b &lt; c &gt; d &quot; e &#39; f");
  EXPECT_EQ(render::HtmlEscape("Résolution 54/144 — «paix»"), "Résolution 54/144 — «paix»");
  EXPECT_EQ(render::HtmlEscape(""), "");
}

TEST(EscapeTest, MarkdownEscapesItsSpecialCharactersWithABackslash) {
  EXPECT_EQ(render::MarkdownEscape("*a* _b_ `c` <d> e|f \\g [h] #i"),
            "\\*a\\* \\_b\\_ \\`c\\` \\<d> e\\|f \\\\g [h] #i");
}

TEST(ChangeMarksTest, MarkdownMarksDeletedAndInsertedWordsAndEscapesThem) {
  EXPECT_EQ(render::EditsMarkdown(SomeEdits()), "Urges [-\\*all\\*-]{+Member\\_States+} to act;");
}

TEST(ChangeMarksTest, TextUsesTheSameMarksWithoutColourAndColoursOnATerminal) {
  EXPECT_EQ(render::EditsText(SomeEdits(), false), "Urges [-*all*-]{+Member_States+} to act;");
  EXPECT_EQ(render::EditsText(SomeEdits(), true),
            "Urges \x1b[31m*all*\x1b[0m\x1b[32mMember_States\x1b[0m to act;");
}

TEST(ChangeMarksTest, HtmlWrapsChangesInDelAndInsEscaped) {
  std::vector<Edit> edits = {
      {EditOp::kEqual, "a<b "}, {EditOp::kDelete, "x's"}, {EditOp::kInsert, "y&z"}};
  EXPECT_EQ(render::EditsHtml(edits), "a&lt;b <del>x&#39;s</del><ins>y&amp;z</ins>");
}

TEST(PaletteTest, NoColourMeansNoEscapeSequences) {
  render::Palette off(false);
  for (const char* s : {off.bold, off.dim, off.deleted, off.inserted, off.match, off.reset}) {
    EXPECT_STREQ(s, "");
  }
  render::Palette on(true);
  EXPECT_STREQ(on.bold, "\x1b[1m");
  EXPECT_STREQ(on.reset, "\x1b[0m");
  EXPECT_STREQ(on.match, "\x1b[1;31m");
}

TEST(DiffRenderTest, MarkdownUsesTheChangeMarksAndEscapesParagraphText) {
  render::DiffRenderOptions o;
  o.all = true;
  EXPECT_EQ(render::DiffMarkdown(SomeDiff(), o),
            "## A/RES/50/1 → A/RES/51/1\n\n"
            "**unchanged PP1 -> PP1**\n\n> Noting the States' reports,\n\n"
            "**reworded OP1 -> OP1 (similarity 0.82)**\n\n"
            "> Urges [-\\*all\\*-]{+Member\\_States+} to act;\n\n"
            "**added OP2**\n\n> {+Decides \\<to> continue;+}\n\n"
            "Summary: 1 reworded, 1 added, 1 unchanged\n");
}

TEST(DiffRenderTest, TextCollapsesUnchangedParagraphs) {
  EXPECT_EQ(render::DiffText(SomeDiff(), {}),
            "diff A/RES/50/1 -> A/RES/51/1\n\n  ... 1 unchanged paragraph\n\n"
            "reworded OP1 -> OP1 (similarity 0.82)\n  Urges [-*all*-]{+Member_States+} to act;\n\n"
            "added OP2\n  {+Decides <to> continue;+}\n\n1 reworded, 1 added, 1 unchanged\n");
}

TEST(DiffRenderTest, HtmlEscapesApostrophesAndAngleBrackets) {
  render::DiffRenderOptions o;
  o.all = true;
  std::string html = render::DiffHtml(SomeDiff(), o);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("Noting the States&#39; reports,"), std::string::npos) << html;
  EXPECT_NE(html.find("Decides &lt;to&gt; continue;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(DiffRenderTest, JsonHasTheDocumentedKeys) {
  json j = render::DiffJson(SomeDiff());
  EXPECT_EQ(Keys(j), (KeyList{"changes", "from", "summary", "to"}));
  EXPECT_EQ(j["from"]["symbol"], "A/RES/50/1");
  ASSERT_EQ(j["changes"].size(), 3u);
  json c = j["changes"][1];
  EXPECT_EQ(Keys(c), (KeyList{"edits", "from", "lead_changed", "moved", "section", "similarity",
                              "status", "technical", "to", "truncated"}));
  EXPECT_EQ(c["status"], "reworded");
  EXPECT_DOUBLE_EQ(c["similarity"].get<double>(), 0.823);
  EXPECT_EQ(Keys(c["from"]), (KeyList{"index", "lead", "number", "section", "text"}));
  EXPECT_EQ(c["edits"][1], (json{{"op", "delete"}, {"text", "*all*"}}));
  EXPECT_TRUE(j["changes"][2]["from"].is_null());
  EXPECT_EQ(Keys(j["summary"]),
            (KeyList{"added", "merged", "moved", "not_compared", "removed", "reworded", "split",
                      "technical", "truncated", "unchanged"}));
}

// SomeDiff with a technical change after the unchanged paragraph: "Recalling its resolution
// 49/1," -> "... 50/1,".
DiffResult DiffWithATechnicalChange() {
  DiffResult d = SomeDiff();
  Change tech;
  tech.status = ChangeStatus::kReworded;
  tech.technical = true;
  tech.similarity = 1.0;
  tech.section = Section::kPreamble;
  tech.from = {Ref(Section::kPreamble, 1, "", "Recalling its resolution 49/1,")};
  tech.to = {Ref(Section::kPreamble, 1, "", "Recalling its resolution 50/1,")};
  tech.edits = {{EditOp::kEqual, "Recalling its resolution "},
                {EditOp::kDelete, "49/1"},
                {EditOp::kInsert, "50/1"},
                {EditOp::kEqual, ","}};
  d.changes.insert(d.changes.begin() + 1, tech);
  d.summary.reworded = 2;
  d.summary.technical = 1;
  return d;
}

TEST(DiffRenderTest, TechnicalChangesAreMarkedAndSubstantiveShowsThemAsUnchanged) {
  const DiffResult d = DiffWithATechnicalChange();
  EXPECT_EQ(render::DiffText(d, {}),
            "diff A/RES/50/1 -> A/RES/51/1\n\n  ... 1 unchanged paragraph\n\n"
            "reworded PP2 -> PP2 (similarity 1.00, technical)\n"
            "  Recalling its resolution [-49/1-]{+50/1+},\n\n"
            "reworded OP1 -> OP1 (similarity 0.82)\n  Urges [-*all*-]{+Member_States+} to act;\n\n"
            "added OP2\n  {+Decides <to> continue;+}\n\n"
            "2 reworded, 1 technical, 1 added, 1 unchanged\n");
  render::DiffRenderOptions o;
  o.substantive = true;
  // Collapsed with the unchanged paragraph before it; the summary keeps every count.
  EXPECT_EQ(render::DiffText(d, o),
            "diff A/RES/50/1 -> A/RES/51/1\n\n  ... 1 unchanged paragraph, 1 technical change\n\n"
            "reworded OP1 -> OP1 (similarity 0.82)\n  Urges [-*all*-]{+Member_States+} to act;\n\n"
            "added OP2\n  {+Decides <to> continue;+}\n\n"
            "2 reworded, 1 technical, 1 added, 1 unchanged\n");
  // With --all it is shown, as an unchanged paragraph is: its wording without marks.
  o.all = true;
  const std::string md = render::DiffMarkdown(d, o);
  EXPECT_NE(md.find("**reworded PP2 -> PP2 (similarity 1.00, technical)**\n\n"
                    "> Recalling its resolution 50/1,\n\n"),
            std::string::npos)
      << md;
  const std::string html = render::DiffHtml(d, {});
  EXPECT_NE(html.find("<div class=\"change reworded technical\"><h3>reworded PP2 -&gt; PP2 "
                      "(similarity 1.00, technical)</h3>"),
            std::string::npos)
      << html;
}

TEST(DiffRenderTest, SubstantiveJsonLeavesTechnicalChangesOutButCountsThem) {
  const DiffResult d = DiffWithATechnicalChange();
  json all = render::DiffJson(d);
  ASSERT_EQ(all["changes"].size(), 4u);
  EXPECT_EQ(all["changes"][1]["technical"], true);
  json substantive = render::DiffJson(d, /*substantive=*/true);
  ASSERT_EQ(substantive["changes"].size(), 3u);  // the unchanged paragraph stays
  EXPECT_EQ(substantive["changes"][0]["status"], "unchanged");
  EXPECT_EQ(substantive["changes"][1]["from"]["text"], "Urges *all* to act;");
  EXPECT_EQ(substantive["summary"], all["summary"]);
  EXPECT_EQ(substantive["summary"]["technical"], 1);
  // A technical change that moved is still shown.
  Change moved = d.changes[1];
  moved.moved = true;
  EXPECT_TRUE(render::IsReportedChange(moved, true));
  EXPECT_FALSE(render::IsReportedChange(d.changes[1], true));
  EXPECT_TRUE(render::IsReportedChange(d.changes[1]));
}

TEST(RecordRenderTest, JsonHasEveryKeyWithNullsForUnknownValues) {
  Resolution r;
  r.symbol = "A/RES/50/1";
  r.session = 50;
  Paragraph p;
  p.section = Section::kOperative;
  p.number = "1";
  p.text = "Decides;";
  r.operative.push_back(p);
  json j = render::RecordJson(r);
  EXPECT_EQ(Keys(j),
            (KeyList{"adoption_date", "agenda_items", "citations", "committee", "distribution_date",
                     "documents", "footnotes", "language", "layout", "meeting", "number",
                     "operative", "preamble", "report", "session", "symbol", "title", "warnings"}));
  EXPECT_TRUE(j["title"].is_null());
  EXPECT_TRUE(j["number"].is_null());
  EXPECT_EQ(j["session"], 50);
  EXPECT_EQ(Keys(j["operative"][0]),
            (KeyList{"footnotes", "lead", "number", "subparagraphs", "text"}));
  EXPECT_TRUE(j["operative"][0]["lead"].is_null());
}

TEST(JsonTextTest, IndentsByTwoAndEndsWithANewline) {
  EXPECT_EQ(render::JsonText(json{{"b", 1}, {"a", json::array({"x"})}}),
            "{\n  \"a\": [\n    \"x\"\n  ],\n  \"b\": 1\n}\n");
}

}  // namespace
}  // namespace recital

// Word export with tracked changes (render/docx*.cc) on hand-made pairs whose edits are known:
// what accepting and rejecting every change gives, which words are tracked, by whom and when,
// italics, sub-paragraphs, moves, technical updates, and the package itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "render/render.h"
#include "tests/docx_util.h"

namespace recital {
namespace {

using testing::Review;
using testing::ReviewedParagraphs;
using testing::TrackedChange;
using testing::TrackedChanges;

Paragraph Para(Section s, std::string number, std::string lead, std::string text) {
  Paragraph p;
  p.section = s;
  p.number = std::move(number);
  p.lead = std::move(lead);
  p.text = std::move(text);
  return p;
}

Paragraph Pre(std::string lead, std::string rest) {
  return Para(Section::kPreamble, "", lead, lead + rest);
}
Paragraph Op(std::string number, std::string lead, std::string rest) {
  return Para(Section::kOperative, std::move(number), lead, lead + rest);
}

Resolution Record(std::string symbol, std::string title, uint32_t meeting, std::string adopted) {
  Resolution r;
  r.symbol = std::move(symbol);
  r.title = std::move(title);
  r.meeting = meeting;
  r.adoption_date = std::move(adopted);
  r.language = "en";
  return r;
}

// 61/7 -> 62/7: preamble 2 lead Aware -> Concerned, preamble 3 removed; operative 1 Encourages
// -> Urges and "and best practices" added, operative 2 added, the old 2 and 3 renumbered.
Resolution Old() {
  Resolution r = Record("A/RES/61/7", "Lighthouses in coastal States", 80, "2006-12-04");
  r.preamble = {Pre("Noting", " the importance of lighthouses for the safety of navigation,"),
                Pre("Aware", " that many coastal States lack the means to maintain them,"),
                Pre("Welcoming", " the establishment of a working group on aids to navigation,")};
  r.operative = {Op("1", "Encourages", " Member States to share information on maintenance;"),
                 Op("2", "Requests", " the Secretary-General to submit a report on the matter;"),
                 Op("3", "Decides", " to remain seized of the matter.")};
  return r;
}

Resolution New() {
  Resolution r =
      Record("A/RES/62/7", "Lighthouses in coastal States and islands", 75, "2007-12-05");
  r.preamble = {Pre("Noting", " the importance of lighthouses for the safety of navigation,"),
                Pre("Concerned", " that many coastal States lack the means to maintain them,")};
  r.operative = {
      Op("1", "Urges", " Member States to share information and best practices on maintenance;"),
      Op("2", "Invites", " regional organizations to support training programmes for keepers;"),
      Op("3", "Requests", " the Secretary-General to submit a report on the matter;"),
      Op("4", "Decides", " to remain seized of the matter.")};
  return r;
}

std::string DocumentXml(const Resolution& from, const Resolution& to, bool substantive = false) {
  render::DocxOptions options;
  options.substantive = substantive;
  Result<std::string> bytes = render::DiffDocx(from, to, DiffResolutions(from, to), options);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? testing::DocxPart(*bytes, "word/document.xml") : "";
}

const char* const kHeader = "Changes from A/RES/61/7 to A/RES/62/7 as tracked changes (Recital)";

TEST(DocxTest, AcceptingEveryChangeGivesTheNewTextAndRejectingTheOld) {
  const std::string xml = DocumentXml(Old(), New());
  const std::vector<std::string> accepted = {
      "A/RES/62/7",
      "Lighthouses in coastal States and islands",
      kHeader,
      "The General Assembly,",
      "Noting the importance of lighthouses for the safety of navigation,",
      "Concerned that many coastal States lack the means to maintain them,",
      "1.\tUrges Member States to share information and best practices on maintenance;",
      "2.\tInvites regional organizations to support training programmes for keepers;",
      "3.\tRequests the Secretary-General to submit a report on the matter;",
      "4.\tDecides to remain seized of the matter.",
      "75th plenary meeting",
      "5 December 2007"};
  EXPECT_EQ(ReviewedParagraphs(xml, Review::kAccept), accepted);
  // Rejected: the old wording, under the new numbers (renumbering is not a change).
  const std::vector<std::string> rejected = {
      "A/RES/62/7",
      "Lighthouses in coastal States",
      kHeader,
      "The General Assembly,",
      "Noting the importance of lighthouses for the safety of navigation,",
      "Aware that many coastal States lack the means to maintain them,",
      "Welcoming the establishment of a working group on aids to navigation,",
      "1.\tEncourages Member States to share information on maintenance;",
      "3.\tRequests the Secretary-General to submit a report on the matter;",
      "4.\tDecides to remain seized of the matter.",
      "80th plenary meeting",
      "4 December 2006"};
  EXPECT_EQ(ReviewedParagraphs(xml, Review::kReject), rejected);
}

TEST(DocxTest, OnlyTheEditedWordsAreTrackedByRecitalOnTheNewAdoptionDate) {
  const std::string xml = DocumentXml(Old(), New());
  std::vector<std::pair<std::string, std::string>> changes;
  for (const TrackedChange& c : TrackedChanges(xml)) {
    EXPECT_EQ(c.author, "Recital");
    EXPECT_EQ(c.date, "2007-12-05T00:00:00Z");
    changes.emplace_back(c.kind, c.text);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"ins", " and islands"},
      {"del", "Aware"},
      {"ins", "Concerned"},
      {"del", "Welcoming the establishment of a working group on aids to navigation,"},
      {"del", "Encourages"},
      {"ins", "Urges"},
      {"ins", "and best practices "},  // the word diff keeps the space after a run
      {"ins", "2.\tInvites regional organizations to support training programmes for keepers;"},
      {"del", "80th"},
      {"ins", "75th"},
      {"del", "4"},
      {"ins", "5"},
      {"del", "2006"},
      {"ins", "2007"}};
  EXPECT_EQ(changes, expected);
}

TEST(DocxTest, LeadPhrasesAreItalicAlsoWhenDeletedOrInserted) {
  const std::string xml = DocumentXml(Old(), New());
  EXPECT_NE(xml.find("<w:i/></w:rPr><w:t xml:space=\"preserve\">Urges</w:t>"), std::string::npos);
  EXPECT_NE(xml.find("<w:i/></w:rPr><w:delText xml:space=\"preserve\">Encourages</w:delText>"),
            std::string::npos);
  EXPECT_NE(xml.find("<w:i/></w:rPr><w:t xml:space=\"preserve\">Noting</w:t>"), std::string::npos);
  // The rest of a paragraph is upright.
  EXPECT_NE(xml.find("<w:r><w:t xml:space=\"preserve\"> the importance of lighthouses"),
            std::string::npos);
}

TEST(DocxTest, SubParagraphsKeepTheirOwnParagraphsAndNumbers) {
  Resolution from = Record("A/RES/61/8", "Keepers", 0, "");
  Resolution to = Record("A/RES/62/8", "Keepers", 0, "");
  Paragraph p = Op("1", "Calls upon", " States:");
  p.subparagraphs = {{"(a)", "to train lighthouse keepers;", {}},
                     {"(b)", "to report on their training to the Assembly.", {}}};
  from.operative = {p};
  p.subparagraphs[1].text = "to report on their training and equipment to the Assembly.";
  to.operative = {p};
  const std::string xml = DocumentXml(from, to);
  const std::vector<std::string> accepted = {
      "A/RES/62/8",
      "Keepers",
      "Changes from A/RES/61/8 to A/RES/62/8 as tracked changes (Recital)",
      "The General Assembly,",
      "1.\tCalls upon States:",
      "(a)\tto train lighthouse keepers;",
      "(b)\tto report on their training and equipment to the Assembly."};
  EXPECT_EQ(ReviewedParagraphs(xml, Review::kAccept), accepted);
  const std::vector<TrackedChange> changes = TrackedChanges(xml);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, "ins");
  EXPECT_EQ(changes[0].text, "and equipment ");
  EXPECT_EQ(changes[0].date, "");  // no adoption date known: none written
  EXPECT_EQ(xml.find("w:date="), std::string::npos);
}

TEST(DocxTest, MovedParagraphIsDeletedWhereItStoodAndInsertedWhereItStands) {
  Resolution from = Record("A/RES/61/9", "Moves", 0, "2006-12-04");
  Resolution to = Record("A/RES/62/9", "Moves", 0, "2007-12-05");
  const Paragraph a = Pre("Recalling", " the charter of the lighthouse service and its history,");
  const Paragraph b = Pre("Noting", " with appreciation the reports on coastal navigation safety,");
  const Paragraph c = Pre("Aware", " of the cost of maintaining remote stations in winter,");
  from.preamble = {a, b, c};
  to.preamble = {b, c, a};
  const std::string xml = DocumentXml(from, to);
  auto body = [](std::vector<std::string> v) {
    return std::vector<std::string>(v.begin() + 4, v.end());
  };
  EXPECT_EQ(body(ReviewedParagraphs(xml, Review::kAccept)),
            (std::vector<std::string>{b.text, c.text, a.text, "5 December 2007"}));
  EXPECT_EQ(body(ReviewedParagraphs(xml, Review::kReject)),
            (std::vector<std::string>{a.text, b.text, c.text, "4 December 2006"}));
}

TEST(DocxTest, SubstantiveLeavesTechnicalUpdatesPlain) {
  Resolution from = Record("A/RES/61/7", "Lighthouses", 0, "");
  Resolution to = Record("A/RES/62/7", "Lighthouses", 0, "");
  from.preamble = {Pre("Recalling", " its resolution 60/7 of 1 December 2005,")};
  to.preamble = {Pre("Recalling", " its resolution 61/7 of 4 December 2006,")};
  from.operative = {Op("1", "Decides", " to remain seized of the matter.")};
  to.operative = {Op("1", "Decides", " to remain actively seized of the matter.")};
  std::vector<std::string> tracked;
  for (const TrackedChange& c : TrackedChanges(DocumentXml(from, to))) tracked.push_back(c.text);
  // "/7" is the same token on both sides.
  EXPECT_EQ(tracked, (std::vector<std::string>{"60", "61", "1", "4", "2005", "2006", "actively "}));
  const std::string xml = DocumentXml(from, to, /*substantive=*/true);
  tracked.clear();
  for (const TrackedChange& c : TrackedChanges(xml)) tracked.push_back(c.text);
  EXPECT_EQ(tracked, std::vector<std::string>{"actively "});
  const std::vector<std::string> accepted = ReviewedParagraphs(xml, Review::kAccept);
  EXPECT_NE(std::find(accepted.begin(), accepted.end(), to.preamble[0].text), accepted.end());
}

TEST(DocxTest, PackageHasTheWordPartsTrackingOnAndTheSameBytesEachTime) {
  const Resolution from = Old(), to = New();
  const DiffResult d = DiffResolutions(from, to);
  Result<std::string> a = render::DiffDocx(from, to, d);
  Result<std::string> b = render::DiffDocx(from, to, d);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(a->substr(0, 2), "PK");
  EXPECT_EQ(testing::DocxPartNames(*a),
            (std::vector<std::string>{
                "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                "word/document.xml", "word/styles.xml", "word/settings.xml", "docProps/core.xml"}));
  EXPECT_NE(testing::DocxPart(*a, "word/settings.xml").find("<w:trackRevisions/>"),
            std::string::npos);
  EXPECT_NE(testing::DocxPart(*a, "[Content_Types].xml").find("wordprocessingml.document.main+xml"),
            std::string::npos);
}

TEST(DocxTest, SeriesReportHasOnePairPerPage) {
  history::SeriesHistory h;
  h.series.name = "Lighthouses";
  Resolution first = Old();
  first.symbol = "A/RES/60/7";
  first.adoption_date = "2005-12-01";
  h.records = {first, Old(), New()};
  h.diffs = {DiffResolutions(h.records[0], h.records[1]),
             DiffResolutions(h.records[1], h.records[2])};
  Result<std::string> bytes = render::ReportDocx(h);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const std::string xml = testing::DocxPart(*bytes, "word/document.xml");
  EXPECT_NE(xml.find("<w:br w:type=\"page\"/>"), std::string::npos);
  const std::vector<std::string> accepted = ReviewedParagraphs(xml, Review::kAccept);
  EXPECT_EQ(std::count(accepted.begin(), accepted.end(), "A/RES/61/7"), 1);
  EXPECT_EQ(std::count(accepted.begin(), accepted.end(), "A/RES/62/7"), 1);
  // 60/7 -> 61/7 changes only the adoption date: dated by 61/7's adoption.
  std::vector<std::string> dates;
  for (const TrackedChange& c : TrackedChanges(xml)) dates.push_back(c.date);
  EXPECT_EQ(dates.front(), "2006-12-04T00:00:00Z");
  EXPECT_EQ(dates.back(), "2007-12-05T00:00:00Z");
  h.diffs.clear();
  EXPECT_EQ(render::ReportDocx(h).status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace recital

// Akoma Ntoso export (render/akn*.cc): the document's parts, IRIs and eIds for known and unknown
// values, inline markup, lineage; every document checked against the OASIS schema.
#include <gtest/gtest.h>

#include <string>

#include "render/render.h"
#include "tests/akn_schema.h"

namespace recital {
namespace {

using testing::AknSchema;

#define EXPECT_VALID_AKN(xml)                                                 \
  do {                                                                        \
    if (AknSchema::Get().available()) {                                       \
      EXPECT_EQ(AknSchema::Get().Validate(xml), "") << (xml);                 \
    } else {                                                                  \
      std::fprintf(stderr, "%s\n", AknSchema::Get().MissingMessage().c_str()); \
    }                                                                         \
  } while (0)

bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

Paragraph Para(Section s, std::string number, std::string lead, std::string text) {
  Paragraph p;
  p.section = s;
  p.number = std::move(number);
  p.lead = std::move(lead);
  p.text = std::move(text);
  return p;
}

Resolution Cis54() {
  Resolution r;
  r.symbol = "A/RES/54/144";
  r.session = 54;
  r.number = 144;
  r.title = "Follow-up to the Regional Conference";
  r.agenda_items = {"111"};
  r.committee = "Third Committee";
  r.report = "A/54/600";
  r.distribution_date = "2000-02-22";
  r.meeting = 83;
  r.adoption_date = "1999-12-17";
  r.language = "en";
  r.layout = "ods";
  Paragraph pp = Para(Section::kPreamble, "", "Recalling",
                      "Recalling its resolution 48/113 of 20 December 1993 and the reports of the "
                      "Secretary-General,");
  pp.footnotes = {{1, 92}};  // after "Secretary-General"
  r.preamble.push_back(pp);
  r.operative.push_back(Para(Section::kOperative, "1", "Calls upon", "Calls upon States to act;"));
  r.footnotes = {{1, "A/54/286."}};
  r.citations = {{"A/RES/48/113", "1993-12-20"}};
  return r;
}

TEST(AknTest, WellKnownRecordHasIdentificationCoverPrefaceAndConclusions) {
  const std::string xml = render::AknXml(Cis54());
  EXPECT_VALID_AKN(xml);
  EXPECT_TRUE(Has(xml, "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\""));
  EXPECT_TRUE(Has(xml, "<statement name=\"resolution\">"));
  EXPECT_TRUE(Has(xml, "<FRBRthis value=\"/akn/un/statement/deliberation/unga/1999-12-17/54-144/!main\"/>"));
  EXPECT_TRUE(Has(xml, "<FRBRuri value=\"/akn/un/statement/deliberation/unga/1999-12-17/54-144\"/>"));
  EXPECT_TRUE(Has(xml, "<FRBRuri value=\"/akn/un/statement/deliberation/unga/1999-12-17/54-144/eng@\"/>"));
  EXPECT_TRUE(Has(xml, "<FRBRalias value=\"A/RES/54/144\" name=\"UNSymbol\"/>"));
  EXPECT_TRUE(Has(xml, "<FRBRdate date=\"1999-12-17\" name=\"adoption\"/>"));
  EXPECT_TRUE(Has(xml, "<FRBRlanguage language=\"eng\"/>"));
  EXPECT_TRUE(Has(xml, "<session value=\"54\">Fifty-fourth session</session>"));
  EXPECT_TRUE(Has(xml, "<p>Agenda item <inline name=\"agendaItem\">111</inline></p>"));
  EXPECT_TRUE(Has(xml, "<p>[on the report of the <docCommittee refersTo=\"#committee\">Third "
                       "Committee</docCommittee> (<inline name=\"report\">A/54/600</inline>)]</p>"));
  EXPECT_TRUE(Has(xml, "<p><docNumber>54/144</docNumber>. <docTitle>Follow-up to the Regional "
                       "Conference</docTitle></p>"));
  EXPECT_TRUE(Has(xml, "<formula name=\"enactingFormula\">"));
  EXPECT_TRUE(Has(xml, "<inline name=\"meeting\">83rd plenary meeting</inline>"));
  EXPECT_TRUE(Has(xml, "<date date=\"1999-12-17\" refersTo=\"#adoption\">17 December 1999</date>"));
  EXPECT_TRUE(Has(xml, "<note eId=\"note_1\" marker=\"1\">"));
}

TEST(AknTest, LeadInItalicsFootnoteAtItsMarkerCitationAsReference) {
  const std::string xml = render::AknXml(Cis54());
  EXPECT_TRUE(Has(xml,
                  "><i>Recalling</i> its resolution <ref "
                  "href=\"/akn/un/statement/deliberation/unga/1993-12-20/48-113\">48/113</ref> of 20 "
                  "December 1993 and the reports of the Secretary-General<authorialNote marker=\"1\" "
                  "placement=\"bottom\" eId=\"preamble__p_1__authorialNote_1\"><p>A/54/286.</p>"
                  "</authorialNote>,</p>"))
      << xml;
  EXPECT_TRUE(Has(xml, "<paragraph eId=\"para_1\""));
  EXPECT_TRUE(Has(xml, "<num>1.</num>"));
  EXPECT_TRUE(Has(xml, "<p><i>Calls upon</i> States to act;</p>"));
}

TEST(AknTest, UnknownDateAndSymbolStillGiveAValidDocument) {
  Resolution r;
  r.operative.push_back(Para(Section::kOperative, "1", "", "Decides to act."));
  r.starts_mid_document = true;
  const std::string xml = render::AknXml(r);
  EXPECT_VALID_AKN(xml);
  EXPECT_EQ(render::AknWorkIri(r), "/akn/un/statement/deliberation/unga/undated/unknown");
  EXPECT_TRUE(Has(xml, "<FRBRdate date=\"0001-01-01\" name=\"unknown\"/>"));
  EXPECT_TRUE(Has(xml, "<FRBRlanguage language=\"und\"/>"));
  EXPECT_FALSE(Has(xml, "<coverPage"));
  EXPECT_FALSE(Has(xml, "<preamble"));  // starts mid-document: no enacting formula either
  EXPECT_FALSE(Has(xml, "<conclusions"));

  // Session and number without a symbol name the Work; a distribution date dates it.
  r.session = 54;
  r.number = 144;
  r.distribution_date = "2000-02-22";
  EXPECT_EQ(render::AknWorkIri(r), "/akn/un/statement/deliberation/unga/undated/54-144");
  const std::string dated = render::AknXml(r);
  EXPECT_VALID_AKN(dated);
  EXPECT_TRUE(Has(dated, "<FRBRdate date=\"2000-02-22\" name=\"distribution\"/>"));
}

TEST(AknTest, RecordWithoutOperativeParagraphsKeepsAnEmptyMainBody) {
  Resolution r;
  r.symbol = "A/RES/60/7";
  r.preamble.push_back(Para(Section::kPreamble, "", "Noting", "Noting the report,"));
  const std::string xml = render::AknXml(r);
  EXPECT_VALID_AKN(xml);
  EXPECT_TRUE(Has(xml, "<mainBody>\n      <p/>\n    </mainBody>")) << xml;
}

TEST(AknTest, SymbolsOfEverySessionKindNameTheirWork) {
  Resolution r;
  r.operative.push_back(Para(Section::kOperative, "1", "", "Demands."));
  r.adoption_date = "2023-10-27";
  r.symbol = "A/RES/ES-10/21";
  EXPECT_EQ(render::AknWorkIri(r), "/akn/un/statement/deliberation/unga/2023-10-27/ES-10-21");
  r.symbol = "A/RES/2957(XXVII)";
  EXPECT_EQ(render::AknWorkIri(r), "/akn/un/statement/deliberation/unga/2023-10-27/2957(XXVII)");
  r.symbol = "A/61/L.27";
  EXPECT_EQ(render::AknWorkIri(r), "/akn/un/statement/deliberation/unga/2023-10-27/61-L.27");
  const std::string draft = render::AknXml(r);
  EXPECT_VALID_AKN(draft);
  EXPECT_TRUE(Has(draft, "<statement name=\"resolutionDraft\">"));
  EXPECT_TRUE(Has(draft, "<FRBRsubtype value=\"resolutionDraft\"/>"));
  EXPECT_EQ(render::AknCitationIri("E/RES/1995/55", ""),
            "/akn/un/statement/deliberation/ecosoc/undated/1995-55");
  EXPECT_EQ(render::AknCitationIri("A/RES/48/113", "1993-12-20"),
            "/akn/un/statement/deliberation/unga/1993-12-20/48-113");

  r.symbol = "A/RES/ES-11/1";
  r.session_code = "ES-11";
  const std::string es = render::AknXml(r);
  EXPECT_VALID_AKN(es);
  EXPECT_TRUE(Has(es, "<session value=\"ES-11\">Session ES-11</session>"));
}

TEST(AknTest, EveryParagraphAndItemGetsAUniqueEid) {
  Resolution r;
  r.symbol = "A/RES/70/1";
  Paragraph one = Para(Section::kOperative, "1", "Decides", "Decides:");
  one.subparagraphs = {{"(a)", "to act;", {}}, {"(i)", "first;", {}}, {"", "a table row", {}},
                       {"(a)", "again;", {}}};
  r.operative = {one, Para(Section::kOperative, "1", "", "Repeated number;"),
                 Para(Section::kOperative, "", "", "No number.")};
  Paragraph pre = Para(Section::kPreamble, "", "Noting", "Noting the following:");
  pre.subparagraphs = {{"(a)", "one,", {}}};
  r.preamble = {pre};
  const std::string xml = render::AknXml(r);
  EXPECT_VALID_AKN(xml);
  for (const char* id : {"eId=\"para_1\"", "eId=\"para_1_2\"", "eId=\"para_p3\"",
                         "eId=\"para_1__list_1\"", "eId=\"para_1__list_1__item_a\"",
                         "eId=\"para_1__list_1__item_i\"", "eId=\"para_1__list_1__item_3\"",
                         "eId=\"para_1__list_1__item_a_2\"", "eId=\"preamble__container_1\"",
                         "eId=\"preamble__container_1__list_1__item_a\""}) {
    EXPECT_TRUE(Has(xml, id)) << id;
  }
  EXPECT_TRUE(Has(xml, "<container name=\"preambularParagraph\" eId=\"preamble__container_1\""));
  EXPECT_TRUE(Has(xml, "<num>(i)</num>"));
}

TEST(AknTest, AnnexedInstrumentsBecomeAttachmentsWithTheirTitles) {
  Resolution r;
  r.symbol = "A/RES/73/3";
  r.adoption_date = "2018-10-10";
  r.operative.push_back(Para(Section::kOperative, "1", "Approves", "Approves the declaration;"));
  r.annex = {Para(Section::kAnnex, "", "", "We, Heads of State,"),
             Para(Section::kAnnex, "1", "", "Commit to act;"),
             Para(Section::kAnnex, "1", "", "Staff table row")};
  r.annexes = {{"Political declaration", 2}, {"Staffing table", 1}};
  const std::string xml = render::AknXml(r);
  EXPECT_VALID_AKN(xml);
  EXPECT_TRUE(Has(xml, "<attachment eId=\"att_1\">"));
  EXPECT_TRUE(Has(xml, "<attachment eId=\"att_2\">"));
  EXPECT_TRUE(Has(xml, "<docTitle>Political declaration</docTitle>"));
  EXPECT_TRUE(Has(xml, "<docTitle>Staffing table</docTitle>"));
  EXPECT_TRUE(Has(xml, "eId=\"att_1__para_p1\""));
  EXPECT_TRUE(Has(xml, "eId=\"att_1__para_1\""));
  EXPECT_TRUE(Has(xml, "eId=\"att_2__para_1\""));
  EXPECT_TRUE(Has(xml, "<FRBRthis value=\"/akn/un/statement/deliberation/unga/2018-10-10/73-3/!annex_2\"/>"));
}

TEST(AknTest, TextIsEscapedAndCharactersXmlCannotCarryAreReplaced) {
  Resolution r;
  r.symbol = "A/RES/1/1";
  r.title = "Rights & \"duties\" <of> States\x01";
  r.operative.push_back(Para(Section::kOperative, "1", "", "Décide que « A < B » & C;"));
  const std::string xml = render::AknXml(r);
  EXPECT_VALID_AKN(xml);
  EXPECT_TRUE(Has(xml, "<docTitle>Rights &amp; \"duties\" &lt;of&gt; States </docTitle>")) << xml;
  EXPECT_TRUE(Has(xml, "<p>Décide que « A &lt; B » &amp; C;</p>"));
}

TEST(AknTest, MarkerWithoutFootnoteTextKeepsItsPlace) {
  Resolution r = Cis54();
  r.footnotes.clear();
  const std::string xml = render::AknXml(r);
  EXPECT_VALID_AKN(xml);
  EXPECT_TRUE(Has(xml, "Secretary-General<authorialNote marker=\"1\" placement=\"bottom\" "
                       "eId=\"preamble__p_1__authorialNote_1\"><p/></authorialNote>,"));
  EXPECT_FALSE(Has(xml, "<notes"));
}

TEST(AknTest, SeriesLineageNamesThePreviousParagraphAndWhereWordingBegan) {
  Resolution a;
  a.symbol = "A/RES/53/123";
  a.adoption_date = "1998-12-09";
  a.operative = {Para(Section::kOperative, "1", "Calls upon", "Calls upon all States to act now;"),
                 Para(Section::kOperative, "2", "Decides",
                      "Decides to continue its consideration of the question at its fifty-fourth "
                      "session.")};
  Resolution b;
  b.symbol = "A/RES/54/144";
  b.adoption_date = "1999-12-17";
  b.operative = {Para(Section::kOperative, "1", "Welcomes",
                      "Welcomes the new regional office for migration statistics;"),
                 Para(Section::kOperative, "2", "Calls upon", "Calls upon all States to act now;"),
                 Para(Section::kOperative, "3", "Decides",
                      "Decides to continue its consideration of the question at its fifty-fifth "
                      "session.")};
  history::SeriesHistory h;
  h.series = {"s-0123456789ab", "CIS conference", {a.symbol, b.symbol}};
  h.records = {a, b};
  const std::vector<render::AknLineage> lineage = render::AknSeriesLineage(h);
  ASSERT_EQ(lineage.size(), 2u);
  const std::string wa = "/akn/un/statement/deliberation/unga/1998-12-09/53-123";
  const std::string wb = "/akn/un/statement/deliberation/unga/1999-12-17/54-144";
  ASSERT_EQ(lineage[1].paragraphs.size(), 3u);
  EXPECT_EQ(lineage[1].paragraphs[0].continues, "");
  EXPECT_EQ(lineage[1].paragraphs[0].since, wb);
  EXPECT_EQ(lineage[1].paragraphs[1].continues, wa + "/!main~para_1");
  EXPECT_EQ(lineage[1].paragraphs[1].change, "unchanged");
  EXPECT_EQ(lineage[1].paragraphs[1].since, wa);
  EXPECT_EQ(lineage[1].paragraphs[2].continues, wa + "/!main~para_2");
  EXPECT_EQ(lineage[1].paragraphs[2].change, "reworded");
  EXPECT_EQ(lineage[1].paragraphs[2].since, wb);
  EXPECT_EQ(lineage[0].paragraphs[0].continues, "");
  EXPECT_EQ(lineage[1].members, (std::vector<std::string>{a.symbol, b.symbol}));

  const std::string xml = render::AknXml(b, &lineage[1]);
  EXPECT_VALID_AKN(xml);
  EXPECT_TRUE(Has(xml, "recital:since=\"" + wa + "\" recital:continues=\"" + wa +
                           "/!main~para_1\" recital:change=\"unchanged\""))
      << xml;
  EXPECT_TRUE(Has(xml, "<implicitReference for=\"#para_2\" href=\"" + wa +
                           "/!main~para_1\" refersTo=\"#continues\" showAs=\"unchanged\"/>"));
  EXPECT_TRUE(Has(xml, "<recital:series key=\"s-0123456789ab\" name=\"CIS conference\">"));
  EXPECT_TRUE(Has(xml, "<recital:member symbol=\"A/RES/53/123\" href=\"" + wa + "\"/>"));
  EXPECT_TRUE(Has(xml, "<TLCConcept eId=\"continues\""));
}

TEST(AknTest, TheValidatorRejectsWhatTheSchemaRejects) {
  if (!AknSchema::Get().available()) GTEST_SKIP() << AknSchema::Get().MissingMessage();
  // A statement needs meta and mainBody; a paragraph outside the schema's places is refused.
  EXPECT_NE(AknSchema::Get().Validate("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/"
                                      "ns/akn/3.0\"><statement/></akomaNtoso>"),
            "");
  std::string xml = render::AknXml(Cis54());
  xml.replace(xml.find("<coverPage>"), 11, "<coverPage><paragraph/>");
  EXPECT_NE(AknSchema::Get().Validate(xml), "");
  EXPECT_NE(AknSchema::Get().Validate("<akomaNtoso"), "");
}

TEST(AknTest, OwnExportsAreRecognised) {
  EXPECT_TRUE(render::IsAknExport(render::AknXml(Cis54())));
  EXPECT_FALSE(render::IsAknExport("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"/>"));
  EXPECT_FALSE(render::IsAknExport("Recalling its resolution"));
}

}  // namespace
}  // namespace recital

// Six official PDFs checked field by field. Every expected value below was read off the PDF by
// a person (its printed text, and which words are set in italics), not copied from the
// parser's output: A/RES/73/3 (an annexed declaration), A/RES/73/6, A/RES/ES-11/1 (an
// emergency special session), and A/RES/78/62, 79/36 and 80/105 (footnotes, sub-paragraphs,
// paragraphs that run across page breaks).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/ingest/pdf_test_util.h"

namespace recital {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

std::vector<std::string> Leads(const std::vector<Paragraph>& ps) {
  std::vector<std::string> out;
  for (const Paragraph& p : ps) out.push_back(p.lead);
  return out;
}

std::vector<std::string> Numbers(const std::vector<Paragraph>& ps) {
  std::vector<std::string> out;
  for (const Paragraph& p : ps) out.push_back(p.number);
  return out;
}

std::vector<std::string> OneToN(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 1; i <= n; ++i) out.push_back(std::to_string(i));
  return out;
}

// Offset of the end of `prefix` (where a footnote marker stood right after it).
uint32_t After(std::string_view prefix) { return uint32_t(prefix.size()); }

Resolution Parse(const std::string& file) {
  Result<Resolution> r = testing::ParsePdf(file);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(*r) : Resolution{};
}

TEST(PdfReferenceTest, A_RES_73_3_AdoptsADeclarationThatIsItsAnnex) {
  RECITAL_REQUIRE_PDF_CORPUS();
  const Resolution r = Parse("A_RES_73_3-EN.pdf");
  EXPECT_EQ(r.symbol, "A/RES/73/3");
  EXPECT_EQ(r.session, 73u);
  EXPECT_EQ(r.session_code, "");
  EXPECT_EQ(r.number, 3u);
  EXPECT_EQ(r.title,
            "Political declaration of the high-level meeting of the General Assembly on the fight "
            "against tuberculosis");
  EXPECT_THAT(r.agenda_items, ElementsAre("129"));
  EXPECT_EQ(r.committee, "without reference to a Main Committee");
  EXPECT_THAT(r.documents, ::testing::Contains("A/73/L.4"));
  EXPECT_EQ(r.distribution_date, "2018-10-18");
  EXPECT_EQ(r.adoption_date, "2018-10-10");
  EXPECT_EQ(r.meeting, 18u);
  // "The General Assembly" (no comma) and one unnumbered operative paragraph.
  EXPECT_TRUE(r.preamble.empty());
  ASSERT_EQ(r.operative.size(), 1u);
  EXPECT_EQ(r.operative[0].number, "");
  EXPECT_EQ(r.operative[0].lead, "Adopts");
  EXPECT_EQ(r.operative[0].text,
            "Adopts the following political declaration approved by the high-level meeting of the "
            "General Assembly on the fight against tuberculosis on 26 September 2018:");
  // The declaration: its title, an opening paragraph, then paragraphs 1 to 53.
  ASSERT_EQ(r.annexes.size(), 1u);
  EXPECT_EQ(r.annexes[0].title,
            "Political declaration of the high-level meeting of the General Assembly on the fight "
            "against tuberculosis");
  EXPECT_EQ(r.annexes[0].paragraph_count, 54u);
  ASSERT_EQ(r.annex.size(), 54u);
  for (const Paragraph& p : r.annex) EXPECT_EQ(p.section, Section::kAnnex);
  EXPECT_EQ(r.annex[0].number, "");
  EXPECT_THAT(
      r.annex[0].text,
      ::testing::StartsWith(
          "We, Heads of State and Government and representatives of States and Governments, "
          "assembled at the United Nations in New York on 26 September 2018, with a dedicated "
          "focus"));
  // "drug-" ends a line on page 1; the paragraph goes on across the page break.
  EXPECT_THAT(r.annex[0].text, HasSubstr("including its drug-resistant forms, is a critical"));
  EXPECT_THAT(
      r.annex[0].text,
      ::testing::EndsWith(
          "addresses the social and economic determinants of the epidemic and that protects and "
          "fulfils the human rights and dignity of all people, and we therefore:"));
  std::vector<std::string> numbers(1, "");
  for (const std::string& n : OneToN(53)) numbers.push_back(n);
  EXPECT_THAT(Numbers(r.annex), ElementsAreArray(numbers));
  // The declaration speaks in the first person plural, in roman type: no italic lead.
  EXPECT_EQ(r.annex[1].lead, "");
  EXPECT_EQ(r.annex[1].text,
            "Reaffirm the 2030 Agenda for Sustainable Development, including the resolve to end "
            "the tuberculosis epidemic by 2030, and the Addis Ababa Action Agenda of the Third "
            "International Conference on Financing for Development;");
  EXPECT_THAT(
      r.annex[1].footnotes,
      ElementsAre(FootnoteRef{1, After("Reaffirm the 2030 Agenda for Sustainable Development,")},
                  FootnoteRef{2, uint32_t(r.annex[1].text.size())}));
  EXPECT_THAT(
      r.annex[2].text,
      ::testing::StartsWith("Further reaffirm the 2016 political declaration of the high-level "
                            "meeting of the General "
                            "Assembly on antimicrobial resistance"));  // "high -level" in the PDF
  EXPECT_THAT(r.annex[19].text,
              ::testing::StartsWith("Commit to promoting access to affordable medicines"));
  EXPECT_THAT(r.annex[53].text, ::testing::EndsWith("which will serve to inform preparations for a "
                                                    "comprehensive review by Heads of State and "
                                                    "Government at a high-level meeting in 2023."));
  ASSERT_GE(r.footnotes.size(), 7u);
  EXPECT_EQ(r.footnotes[0], (Footnote{1, "Resolution 70/1."}));
  EXPECT_EQ(r.footnotes[1], (Footnote{2, "Resolution 69/313, annex."}));
  EXPECT_EQ(
      r.footnotes[3].text,
      "See Official Records of the General Assembly, Seventy-first Session, Supplement No. 53A "
      "and corrigendum (A/71/53/Add.1 and A/71/53/Add.1/Corr.1), chap. II.");
}

TEST(PdfReferenceTest, A_RES_73_6) {
  RECITAL_REQUIRE_PDF_CORPUS();
  const Resolution r = Parse("A_RES_73_6-EN.pdf");
  EXPECT_EQ(r.symbol, "A/RES/73/6");
  EXPECT_EQ(r.session, 73u);
  EXPECT_EQ(r.title,
            "Fiftieth anniversary of the first United Nations Conference on the Exploration and "
            "Peaceful Uses of Outer Space: space as a driver of sustainable development");
  EXPECT_THAT(r.agenda_items, ElementsAre("30"));
  EXPECT_EQ(r.committee, "without reference to a Main Committee");
  EXPECT_EQ(r.distribution_date, "2018-10-31");
  EXPECT_EQ(r.adoption_date, "2018-10-26");
  EXPECT_EQ(r.meeting, 26u);
  EXPECT_THAT(
      Leads(r.preamble),
      ElementsAre("Recalling", "Recognizing", "Convinced", "Emphasizing", "Convinced",
                  "Noting with satisfaction", "Recognizing", "Recognizing also",
                  "Recognizing further", "Emphasizing", "Reiterating", "Stressing", "Convinced",
                  "Seriously concerned", "Recognizing", "Mindful", "Reaffirming", "Mindful",
                  "Convinced", "Acknowledging", "Reiterating", "Noting with satisfaction",
                  "Noting with appreciation", "Emphasizing", "Welcoming"));
  EXPECT_THAT(
      Leads(r.operative),
      ElementsAre("Notes with appreciation", "Invites", "Acknowledges", "Encourages", "Encourages",
                  "Emphasizes", "Reaffirms", "Emphasizes", "Expresses its conviction", "Encourages",
                  "Encourages", "Emphasizes", "Urges", "Invites"));
  EXPECT_THAT(Numbers(r.operative), ElementsAreArray(OneToN(14)));
  EXPECT_EQ(
      r.preamble[0].text,
      "Recalling its resolutions 2453 A (XXIII) of 20 December 1968, 37/90 of 10 December 1982, "
      "54/68 of 6 December 1999, 59/2 of 20 October 2004 and 72/79 of 7 December 2017,");
  // "Confere nce" is set with a justification gap in the middle of the word.
  EXPECT_THAT(
      r.preamble[1].text,
      ::testing::StartsWith(
          "Recognizing that the fiftieth anniversary of the first United Nations Conference on the "
          "Exploration and Peaceful Uses of Outer Space (UNISPACE+50) offers a unique "
          "opportunity"));
  const std::string to_marker =
      "Recognizing that the fiftieth anniversary of the first United Nations Conference on the "
      "Exploration and Peaceful Uses of Outer Space (UNISPACE+50) offers a unique opportunity for "
      "Member States to reflect on more than 50 years of achievement in space exploration and use "
      "and to chart the future contribution of the Committee on the Peaceful Uses of Outer Space "
      "to "
      "the global governance of outer space activities,";
  EXPECT_THAT(r.preamble[1].footnotes, ElementsAre(FootnoteRef{1, After(to_marker)}));
  // Footnote 2 is cited again in operative paragraph 1 (and 4).
  EXPECT_EQ(r.operative[0].footnotes.size(), 1u);
  EXPECT_EQ(r.operative[0].footnotes[0].number, 2u);
  EXPECT_THAT(r.operative[1].text, HasSubstr("at its seventy-fifth session;"));  // "seventy -fifth"
  EXPECT_THAT(
      r.operative[4].text,
      HasSubstr("including capacity-building, information- and infrastructure-sharing and"));
  EXPECT_EQ(
      r.operative[13].text,
      "Invites Member States and other donors to provide voluntary extrabudgetary resources "
      "for these purposes, in accordance with the rules and procedures of the United Nations.");
  ASSERT_EQ(r.footnotes.size(), 6u);
  EXPECT_EQ(r.footnotes[0], (Footnote{1, "See A/AC.105/1137."}));
  EXPECT_EQ(r.footnotes[2], (Footnote{3, "Resolution 69/283, annex II."}));
  EXPECT_EQ(r.footnotes[3], (Footnote{4, "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."}));
  // Footnote 6 runs from page 3 onto page 4.
  EXPECT_THAT(r.footnotes[5].text,
              ::testing::StartsWith("Related documents include A/AC.105/1129,"));
  EXPECT_THAT(r.footnotes[5].text, ::testing::EndsWith("A/AC.105/1180 and A/AC.105/1181."));
  EXPECT_TRUE(r.annexes.empty());
}

TEST(PdfReferenceTest, A_RES_ES_11_1_EmergencySpecialSession) {
  RECITAL_REQUIRE_PDF_CORPUS();
  const Resolution r = Parse("A_RES_ES-11_1-EN.pdf");
  EXPECT_EQ(r.symbol, "A/RES/ES-11/1");
  EXPECT_EQ(r.session, 0u);  // not a regular session
  EXPECT_EQ(r.session_code, "ES-11");
  EXPECT_EQ(r.number, 1u);
  EXPECT_EQ(r.title, "Aggression against Ukraine");
  EXPECT_THAT(r.agenda_items, ElementsAre("5"));
  EXPECT_EQ(r.committee, "without reference to a Main Committee");
  EXPECT_THAT(r.documents, ::testing::IsSupersetOf({"A/ES-11/L.1", "A/ES-11/L.1/Add.1"}));
  EXPECT_EQ(r.distribution_date, "2022-03-18");
  EXPECT_EQ(r.adoption_date, "2022-03-02");
  EXPECT_EQ(r.meeting, 1u);
  EXPECT_THAT(Leads(r.preamble),
              ElementsAre("Reaffirming", "Recalling", "Recalling also", "Taking note", "Recalling",
                          "Recalling also", "Recalling further", "Bearing in mind", "Recalling",
                          "Condemning", "Reaffirming", "Expressing grave concern", "Recognizing",
                          "Endorsing", "Condemning", "Expressing grave concern",
                          "Expressing concern also", "Welcoming"));
  EXPECT_THAT(Leads(r.operative),
              ElementsAre("Reaffirms its commitment", "Deplores in the strongest terms", "Demands",
                          "Also demands", "Deplores", "Demands", "Calls upon", "Calls upon",
                          "Demands", "Deplores", "Condemns", "Demands", "Requests", "Urges",
                          "Welcomes and urges", "Decides"));
  EXPECT_THAT(Numbers(r.operative), ElementsAreArray(OneToN(16)));
  EXPECT_EQ(r.preamble[9].text,
            "Condemning the 24 February 2022 declaration by the Russian Federation of a “special "
            "military operation” in Ukraine,");
  const Paragraph& seven = r.operative[6];
  EXPECT_EQ(seven.text,
            "Calls upon the Russian Federation to abide by the principles set forth in the Charter "
            "and the Declaration on Friendly Relations;");
  EXPECT_THAT(seven.footnotes, ElementsAre(FootnoteRef{1, uint32_t(seven.text.size())}));
  const Paragraph& eleven = r.operative[10];
  const std::string to_1949 =
      "Condemns all violations of international humanitarian law and violations and abuses of "
      "human rights, and calls upon all parties to respect strictly the relevant provisions of "
      "international humanitarian law, including the Geneva Conventions of 1949";
  EXPECT_THAT(eleven.text,
              ::testing::StartsWith(to_1949 + " and Additional Protocol I thereto of 1977,"));
  EXPECT_THAT(
      eleven.footnotes,
      ElementsAre(FootnoteRef{2, After(to_1949)},
                  FootnoteRef{3, After(to_1949 + " and Additional Protocol I thereto of 1977,")}));
  EXPECT_THAT(eleven.text,
              HasSubstr("all medical personnel and humanitarian personnel exclusively"));
  EXPECT_THAT(r.operative[14].text,
              HasSubstr("to support the de-escalation of the current situation"));
  EXPECT_EQ(r.operative[15].text,
            "Decides to adjourn the eleventh emergency special session of the General Assembly "
            "temporarily and to authorize the President of the General Assembly to resume its "
            "meetings upon request from Member States.");
  EXPECT_THAT(r.footnotes,
              ElementsAre(Footnote{1, "Resolution 2625 (XXV), annex."},
                          Footnote{2, "United Nations, Treaty Series, vol. 75, Nos. 970–973."},
                          Footnote{3, "Ibid., vol. 1125, No. 17512."}));
}

TEST(PdfReferenceTest, A_RES_78_62_FootnotesAndSubParagraphs) {
  RECITAL_REQUIRE_PDF_CORPUS();
  const Resolution r = Parse("A_RES_78_62.pdf");
  EXPECT_EQ(r.symbol, "A/RES/78/62");
  EXPECT_EQ(r.session, 78u);
  EXPECT_EQ(r.title, "Report of the Disarmament Commission");
  EXPECT_THAT(r.agenda_items, ElementsAre("101 (b)"));
  EXPECT_EQ(r.committee, "First Committee");
  EXPECT_EQ(r.report, "A/78/576");
  EXPECT_EQ(r.distribution_date, "2023-12-06");
  EXPECT_EQ(r.adoption_date, "2023-12-04");
  EXPECT_EQ(r.meeting, 42u);
  EXPECT_THAT(Leads(r.preamble),
              ElementsAre("Having considered", "Recalling", "Considering",
                          "Recalling in particular", "Reaffirming", "Emphasizing once again"));
  EXPECT_THAT(Leads(r.operative), ElementsAre("Takes note", "Commends", "Notes with regret",
                                              "Reaffirms", "Requests", "Recommends", "Encourages",
                                              "Requests", "Requests", "Invites", "Decides"));
  EXPECT_THAT(Numbers(r.operative), ElementsAreArray(OneToN(11)));
  EXPECT_EQ(r.preamble[0].text, "Having considered the report of the Disarmament Commission,");
  EXPECT_THAT(r.preamble[0].footnotes,
              ElementsAre(FootnoteRef{
                  1, After("Having considered the report of the Disarmament Commission,")}));
  // Preamble paragraph 4 runs from page 1 to page 2; its marker sits after the closing quote.
  const std::string to_2 =
      "Recalling in particular General Assembly resolution 45/62 B of 4 December 1990, in which it "
      "noted with satisfaction the adoption by consensus of a set of “Ways and means to enhance "
      "the "
      "functioning of the Disarmament Commission”,";
  EXPECT_THAT(r.preamble[3].text,
              ::testing::StartsWith(to_2 + " Assembly decision 52/492 of 8 September 1998"));
  EXPECT_THAT(r.preamble[3].footnotes, ElementsAre(FootnoteRef{2, After(to_2)}));
  EXPECT_THAT(r.preamble[4].text,
              HasSubstr("that allows for in-depth deliberations"));  // "in -depth"
  const Paragraph& six = r.operative[5];
  EXPECT_EQ(six.text,
            "Recommends that the Disarmament Commission consider the following items at its "
            "substantive session of 2024:");
  ASSERT_EQ(six.subparagraphs.size(), 2u);
  EXPECT_EQ(six.subparagraphs[0].number, "(a)");
  EXPECT_EQ(six.subparagraphs[0].text, "[To be determined];");
  EXPECT_EQ(six.subparagraphs[1].number, "(b)");
  EXPECT_EQ(six.subparagraphs[1].text, "[To be determined];");
  // Paragraph 8 runs onto page 3; paragraph 9 has "Se cretary-" / "General" and "ren der".
  EXPECT_THAT(r.operative[7].text,
              HasSubstr("during 2024, namely from 1 to 19 April, and an organizational session"));
  const std::string to_5 =
      "Requests the Secretary-General to ensure full provision to the Disarmament Commission and "
      "its subsidiary bodies of interpretation and translation facilities in the official "
      "languages "
      "and to assign, as a matter of priority, all the resources and services necessary, including "
      "verbatim records, to that end, and also requests the Secretary-General to transmit to the "
      "Commission the annual report of the Conference on Disarmament on its 2023 session,";
  EXPECT_THAT(r.operative[8].text,
              ::testing::StartsWith(to_5 + " together with all the official records"));
  EXPECT_THAT(r.operative[8].text, HasSubstr("and to render all assistance"));
  EXPECT_THAT(r.operative[8].footnotes, ElementsAre(FootnoteRef{5, After(to_5)}));
  EXPECT_THAT(r.operative[9].text, HasSubstr("encourages the Chair-designate to commence"));
  EXPECT_EQ(
      r.operative[10].text,
      "Decides to include in the provisional agenda of its seventy-ninth session, under the "
      "item entitled “Review of the implementation of the recommendations and decisions adopted "
      "by the General Assembly at its tenth special session”, the sub-item entitled “Report of "
      "the Disarmament Commission”.");
  EXPECT_THAT(
      r.footnotes,
      ElementsAre(Footnote{1,
                           "Official Records of the General Assembly, Seventy-eighth Session, "
                           "Supplement No. 42 (A/78/42)."},
                  Footnote{2, "Resolution 44/119 C, annex."}, Footnote{3, "Resolution S-10/2."},
                  Footnote{4,
                           "Official Records of the General Assembly, Seventy-eighth Session, "
                           "Supplement No. 42 (A/78/42), annex."},
                  Footnote{5, "Ibid., Supplement No.27 (A/78/27)."}));
}

TEST(PdfReferenceTest, A_RES_79_36_NineSubParagraphsAndTenFootnotes) {
  RECITAL_REQUIRE_PDF_CORPUS();
  const Resolution r = Parse("A_RES_79_36.pdf");
  EXPECT_EQ(r.symbol, "A/RES/79/36");
  EXPECT_EQ(r.session, 79u);
  EXPECT_EQ(r.title, "Ethical imperatives for a nuclear-weapon-free world");
  EXPECT_THAT(r.agenda_items, ElementsAre("98 (ll)"));
  EXPECT_EQ(r.committee, "First Committee");
  EXPECT_EQ(r.report, "A/79/408");
  EXPECT_EQ(r.distribution_date, "2024-12-09");
  EXPECT_EQ(r.adoption_date, "2024-12-02");
  EXPECT_EQ(r.meeting, 43u);
  EXPECT_THAT(Leads(r.preamble), ElementsAre("Recalling", "Recalling also", "Recalling further",
                                             "Convinced", "Acknowledging", "Acknowledging also",
                                             "Acknowledging further", "Concerned", "Disappointed",
                                             "Noting with satisfaction", "Recalling", "Conscious"));
  EXPECT_THAT(Leads(r.operative), ElementsAre("Calls upon", "Acknowledges", "Declares", "Notes",
                                              "Stresses", "Decides"));
  EXPECT_THAT(Numbers(r.operative), ElementsAreArray(OneToN(6)));
  // Five markers in one paragraph that runs across the page break.
  const Paragraph& ack = r.preamble[4];
  EXPECT_THAT(ack.text,
              ::testing::StartsWith("Acknowledging, in this connection, the ethical imperatives"));
  std::vector<uint32_t> marks;
  for (const FootnoteRef& f : ack.footnotes) marks.push_back(f.number);
  EXPECT_THAT(marks, ElementsAre(1u, 2u, 3u, 4u, 5u));
  EXPECT_THAT(ack.text.substr(0, ack.footnotes[0].byte_offset),
              ::testing::EndsWith(
                  "a violation of the Charter and the laws of humanity and international law,"));
  EXPECT_THAT(ack.text.substr(0, ack.footnotes[4].byte_offset),
              ::testing::EndsWith("maintenance of nuclear arsenals,"));
  EXPECT_THAT(r.preamble[5].text,
              HasSubstr("article VI of the Treaty on the Non-Proliferation of Nuclear Weapons"));
  EXPECT_THAT(r.preamble[6].text, HasSubstr("convening an international conference to identify"));
  const Paragraph& declares = r.operative[2];
  EXPECT_EQ(declares.text, "Declares that:");
  ASSERT_EQ(declares.subparagraphs.size(), 9u);
  const char* letters[] = {"(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)"};
  for (size_t i = 0; i < 9; ++i) EXPECT_EQ(declares.subparagraphs[i].number, letters[i]);
  EXPECT_EQ(declares.subparagraphs[0].text,
            "The global threat posed by nuclear weapons must urgently be eliminated;");
  EXPECT_THAT(declares.subparagraphs[4].text,
              HasSubstr("nuclear disarmament and non-proliferation regime;"));
  const SubParagraph& g = declares.subparagraphs[6];
  EXPECT_EQ(
      g.text,
      "In a world where basic human needs have not yet been met, the vast resources allocated "
      "to the modernization of nuclear weapons arsenals could instead be redirected to meeting "
      "the Sustainable Development Goals;");
  EXPECT_THAT(g.footnotes, ElementsAre(FootnoteRef{10, uint32_t(g.text.size())}));
  EXPECT_EQ(
      declares.subparagraphs[8].text,
      "Given their indiscriminate nature and potential to annihilate humanity, nuclear weapons "
      "are inherently immoral;");
  ASSERT_EQ(r.footnotes.size(), 10u);
  EXPECT_EQ(r.footnotes[0], (Footnote{1, "See resolution 1653 (XVI)."}));
  EXPECT_EQ(r.footnotes[5], (Footnote{6, "United Nations, Treaty Series, vol. 729, No. 10485."}));
  EXPECT_EQ(r.footnotes[8], (Footnote{9, "A/CONF.229/2017/8."}));
}

TEST(PdfReferenceTest, A_RES_80_105_ParagraphsAcrossPagesAndAFourthCommitteeReport) {
  RECITAL_REQUIRE_PDF_CORPUS();
  const Resolution r = Parse("A_RES_80_105.pdf");
  EXPECT_EQ(r.symbol, "A/RES/80/105");
  EXPECT_EQ(r.session, 80u);
  EXPECT_EQ(
      r.title,
      "Implementation of the Declaration on the Granting of Independence to Colonial Countries "
      "and Peoples");
  EXPECT_THAT(r.agenda_items, ElementsAre("58"));
  EXPECT_EQ(r.committee, "Special Political and Decolonization Committee (Fourth Committee)");
  EXPECT_EQ(r.report, "A/80/537");
  EXPECT_EQ(r.distribution_date, "2025-12-08");
  EXPECT_EQ(r.adoption_date, "2025-12-05");
  EXPECT_EQ(r.meeting, 55u);
  EXPECT_THAT(
      Leads(r.preamble),
      ElementsAre("Having examined", "Recalling", "Bearing in mind", "Recognizing", "Taking note",
                  "Regretting", "Reiterating its conviction", "Noting with satisfaction",
                  "Stressing", "Noting with satisfaction", "Noting"));
  EXPECT_THAT(
      Leads(r.operative),
      ElementsAre("Reaffirms", "Reaffirms once again", "Reaffirms its determination",
                  "Affirms its support once again", "Calls upon", "Calls upon", "Requests",
                  "Calls upon", "Reaffirms", "Recalls", "Calls upon", "Calls upon", "Calls upon",
                  "Urges", "Urges", "Requests", "Requests", "Approves", "Requests"));
  EXPECT_THAT(Numbers(r.operative), ElementsAreArray(OneToN(19)));
  // The last preamble paragraph of page 1 goes on at the top of page 2.
  const Paragraph& taking = r.preamble[4];
  const std::string to_2 =
      "Taking note of the report of the Secretary-General on the Fourth International Decade for "
      "the Eradication of Colonialism,";
  EXPECT_EQ(taking.text,
            to_2 +
                " submitted pursuant to resolution 75/123, and reaffirming in this "
                "regard its continued commitment to decolonization and the eradication "
                "of colonialism,");
  EXPECT_THAT(taking.footnotes, ElementsAre(FootnoteRef{2, After(to_2)}));
  EXPECT_EQ(r.preamble[10].text,
            "Noting that the Pacific regional seminar was held in Dili from 21 to 23 May 2025,");
  const Paragraph& two = r.operative[1];
  const std::string to_3 =
      "Reaffirms once again that the existence of colonialism in any form or manifestation, "
      "including economic exploitation, is incompatible with the Charter of the United Nations, "
      "the "
      "Declaration on the Granting of Independence to Colonial Countries and Peoples";
  EXPECT_EQ(two.text, to_3 + " and the Universal Declaration of Human Rights;");
  EXPECT_THAT(two.footnotes,
              ElementsAre(FootnoteRef{3, After(to_3)}, FootnoteRef{4, uint32_t(two.text.size())}));
  const Paragraph& seven = r.operative[6];
  EXPECT_THAT(seven.text, ::testing::EndsWith("including independence, and in particular:"));
  ASSERT_GE(seven.subparagraphs.size(), 6u);
  EXPECT_EQ(seven.subparagraphs[0].text,
            "To formulate specific proposals to bring about an end to colonialism and to report "
            "thereon to the General Assembly at its eighty-first session;");
  EXPECT_EQ(seven.subparagraphs[4].number, "(e)");
  EXPECT_EQ(seven.subparagraphs[4].text,
            "To continue to dispatch visiting and special missions to the Non-Self-Governing "
            "Territories in accordance with the relevant resolutions on decolonization, including "
            "resolutions on specific Territories;");
  EXPECT_THAT(r.footnotes, ::testing::IsSupersetOf(
                               {Footnote{1,
                                         "Official Records of the General Assembly, Eightieth "
                                         "Session, Supplement No. 23 (A/80/23)."},
                                Footnote{2, "A/80/80."}, Footnote{3, "Resolution 1514 (XV)."},
                                Footnote{4, "Resolution 217 A (III)."}}));
}

}  // namespace
}  // namespace recital

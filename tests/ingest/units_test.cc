// Unit tests of the ingest stages on texts written for these tests (never corpus text).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ingest/ingest.h"
#include "ingest/ingest_internal.h"

namespace recital {
namespace {

using namespace ingest;

Result<Resolution> Parse(std::string_view text, size_t max = kDefaultMaxReleaseBytes) {
  ParseOptions o;
  o.source_name = "fixture.txt";
  o.max_bytes = max;
  return ParseRelease(text, o);
}

std::vector<uint32_t> Numbers(const std::vector<FootnoteRef>& refs) {
  std::vector<uint32_t> n;
  for (const FootnoteRef& f : refs) n.push_back(f.number);
  return n;
}

// A small release in the 1990s un.org layout, written for this test.
constexpr std::string_view kUnorg =
    "United Nations\n\nA/RES/60/999\n\nGeneral Assembly\n\nDistr. GENERAL\n\n"
    "3 March 2006\n\nSixtieth session\nAgenda item 68 (a)\n\n"
    "               [on the report of the Third Committee (A/60/500/Add.2)]\n\n"
    "            60/999.     Testing the parser on a\n"
    "                        wrapped title\n\n"
    "      The General Assembly,\n\n"
    "      Recalling its resolutions 45/140 A and B of 14 December 1990 and\n"
    "2294 (XXII) of 11 December 1967,\n\n"
    "      Having considered the report of the Secretary-General  1/ and the\n"
    "views of the forty-\nfifth session,  2/\n\n"
    "      1.    Takes note with appreciation of the report; 1/\n\n"
    "      2.    Requests the Secretary-General:\n\n"
    "      (a)   To report on the matter;\n\n"
    "      (b)   To consult States;\n\n"
    "                                          99th plenary meeting\n"
    "                                          20 December 2005\n\n"
    "1/ A/60/111.\n\n2/ Official Records, Supplement No. 3 (A/60/3).\n";

TEST(ValidateTest, RefusesEmptyBinaryNonUtf8AndOversizedInputNamingTheFile) {
  for (std::string_view bad : {std::string_view(""), std::string_view(" \n\t\n")}) {
    auto r = Parse(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().IsInvalidInput());
    EXPECT_EQ(r.status().message(), "fixture.txt: empty file (no text to parse)");
  }
  auto bin = Parse(std::string("PK\x03\x04\0\0abc", 9));
  ASSERT_FALSE(bin.ok());
  EXPECT_NE(bin.status().message().find("fixture.txt: binary data"), std::string::npos);
  auto latin1 = Parse("The General Assembly,\n\nRecalling caf\xe9 resolutions,\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_NE(latin1.status().message().find("fixture.txt: not valid UTF-8 (invalid byte sequence at offset 36)"),
            std::string::npos);
  auto big = Parse(kUnorg, 100);
  ASSERT_FALSE(big.ok());
  EXPECT_TRUE(big.status().IsResourceExhausted());
  EXPECT_EQ(big.status().message().rfind("fixture.txt: ", 0), 0u);
  auto prose = Parse("Hello there.\nThis is a shopping list: eggs, milk, bread.\n");
  ASSERT_FALSE(prose.ok());
  EXPECT_NE(prose.status().message().find("fixture.txt: not a resolution"), std::string::npos);
}

TEST(ValidateTest, RefusesACoverWithoutParagraphs) {
  auto r = Parse("A/RES/1/1\n\nThe General Assembly,\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "fixture.txt: not a resolution (no paragraphs found)");
}

TEST(WebLayoutTest, LeadWordsOnALineOfTheirOwnStartTheirParagraph) {
  auto r = Parse("The General Assembly,\n\nRecalling\n\nits resolution 48/113 of 20 December 1993,\n\n"
                 "Noting with concern\nthe situation,\n\n1.\nDecides to remain seized of the matter.\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->preamble.size(), 2u);
  EXPECT_EQ(r->preamble[0].text, "Recalling its resolution 48/113 of 20 December 1993,");
  EXPECT_EQ(r->preamble[0].lead, "Recalling");
  EXPECT_EQ(r->preamble[1].lead, "Noting with concern");
  ASSERT_EQ(r->operative.size(), 1u);
  EXPECT_EQ(r->operative[0].number, "1");
  EXPECT_EQ(r->operative[0].text, "Decides to remain seized of the matter.");
  EXPECT_NE(std::find(r->warnings.begin(), r->warnings.end(), "no symbol found"), r->warnings.end());
  EXPECT_NE(std::find(r->warnings.begin(), r->warnings.end(), "no adoption line"), r->warnings.end());
}

TEST(ValidateTest, Utf8CheckerRejectsOverlongAndSurrogates) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("C\xc3\xb4te d\xe2\x80\x99Ivoire"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("a\xc0\xafz"), 1u);          // overlong "/"
  EXPECT_EQ(FindInvalidUtf8("a\xed\xa0\x80z"), 1u);      // surrogate
  EXPECT_EQ(FindInvalidUtf8("ab\xe2\x80"), 2u);          // truncated
}

TEST(UnorgLayoutTest, ParsesCoverWrappedTextMarkersAndSubParagraphs) {
  auto r = Parse(kUnorg);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->symbol, "A/RES/60/999");
  EXPECT_EQ(r->session, 60u);
  EXPECT_EQ(r->number, 999u);
  EXPECT_EQ(r->title, "Testing the parser on a wrapped title");
  EXPECT_EQ(r->agenda_items, std::vector<std::string>{"68 (a)"});
  EXPECT_EQ(r->committee, "Third Committee");
  EXPECT_EQ(r->report, "A/60/500/Add.2");
  EXPECT_EQ(r->distribution_date, "2006-03-03");
  EXPECT_EQ(r->meeting, 99u);
  EXPECT_EQ(r->adoption_date, "2005-12-20");
  EXPECT_EQ(r->layout, "unorg");
  ASSERT_EQ(r->preamble.size(), 2u);
  EXPECT_EQ(r->preamble[1].text,
            "Having considered the report of the Secretary-General and the views of the forty-fifth session,");
  EXPECT_EQ(Numbers(r->preamble[1].footnotes), (std::vector<uint32_t>{1, 2}));
  ASSERT_EQ(r->operative.size(), 2u);
  EXPECT_EQ(r->operative[0].lead, "Takes note with appreciation of");
  EXPECT_EQ(r->operative[0].text, "Takes note with appreciation of the report;");
  EXPECT_EQ(Numbers(r->operative[0].footnotes), (std::vector<uint32_t>{1}));
  EXPECT_EQ(r->operative[1].text, "Requests the Secretary-General:");
  ASSERT_EQ(r->operative[1].subparagraphs.size(), 2u);
  EXPECT_EQ(r->operative[1].subparagraphs[0].number, "(a)");
  EXPECT_EQ(r->operative[1].subparagraphs[0].text, "To report on the matter;");
  ASSERT_EQ(r->footnotes.size(), 2u);
  EXPECT_EQ(r->footnotes[1].text, "Official Records, Supplement No. 3 (A/60/3).");
  const std::vector<Citation> cites = {{"A/RES/45/140", "1990-12-14"}, {"A/RES/2294(XXII)", "1967-12-11"}};
  EXPECT_EQ(r->citations, cites);
  EXPECT_TRUE(r->warnings.empty()) << r->warnings.front();
}

TEST(CollapsedLayoutTest, OneLineTextSplitsOnLeadPhrasesAndNumbers) {
  const std::string text =
      "A/RES/70/998 United Nations Distr.: General 2 February 2016 Seventieth session Agenda item 12 "
      "Resolution adopted by the General Assembly on 17 December 2015 [without reference to a Main "
      "Committee (A/70/L.99)] 70/998. A title for testing The General Assembly, Recalling its "
      "resolution 69/1 of 1 October 2014, Noting the Convention 1 and the Protocol, 2 Convinced of "
      "the need, 1. Decides to act; 2. Urges States to act. __________________ 1 2 "
      "First treaty text. Second treaty text. 16-00001 (E) 020216 *1600001*";
  auto r = Parse(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->symbol, "A/RES/70/998");
  EXPECT_EQ(r->layout, "modern");
  EXPECT_EQ(r->title, "A title for testing");
  EXPECT_EQ(r->committee, "without reference to a Main Committee");
  EXPECT_EQ(r->adoption_date, "2015-12-17");
  EXPECT_EQ(r->distribution_date, "2016-02-02");
  ASSERT_EQ(r->preamble.size(), 3u);
  EXPECT_EQ(r->preamble[1].text, "Noting the Convention and the Protocol,");
  EXPECT_EQ(Numbers(r->preamble[1].footnotes), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(r->preamble[2].lead, "Convinced");
  ASSERT_EQ(r->operative.size(), 2u);
  EXPECT_EQ(r->operative[1].text, "Urges States to act.");
  ASSERT_EQ(r->footnotes.size(), 2u);
  EXPECT_EQ(r->footnotes[1].text, "Second treaty text.");
}

TEST(MarkerTest, GluedMarkersNeedTheFootnoteSequence) {
  MarkerState st;
  std::vector<FootnoteRef> refs;
  EXPECT_EQ(ExtractMarkers("reports of the Secretary-General1 and of Refugees,2", &st, &refs),
            "reports of the Secretary-General and of Refugees,");
  EXPECT_EQ(Numbers(refs), (std::vector<uint32_t>{1, 2}));
  refs.clear();
  // 1951 is text, 3 the marker; Add.1 and Res.1588 are never markers.
  EXPECT_EQ(ExtractMarkers("Refugees of 19513 and A/51/12/Add.1 and CM/Res.1588 (LXII)", &st, &refs),
            "Refugees of 1951 and A/51/12/Add.1 and CM/Res.1588 (LXII)");
  EXPECT_EQ(Numbers(refs), (std::vector<uint32_t>{3}));
  refs.clear();
  EXPECT_EQ(ExtractMarkers("the Statute[4] of his Office", &st, &refs), "the Statute of his Office");
  EXPECT_EQ(refs[0].byte_offset, 11u);
}

TEST(MarkerTest, BareNumbersOnlyInSequenceAndNeverAfterPrepositions) {
  MarkerState st;
  st.bare_numbers = true;
  std::vector<FootnoteRef> refs;
  EXPECT_EQ(ExtractMarkers("Africa of 1969 1 and the Charter, 2 held from 5 to 13 September, "
                           "paragraph 3 of article 4, the Convention 3 and",
                           &st, &refs),
            "Africa of 1969 and the Charter, held from 5 to 13 September, paragraph 3 of article 4, "
            "the Convention and");
  EXPECT_EQ(Numbers(refs), (std::vector<uint32_t>{1, 2, 3}));
}

TEST(LeadTest, LongestKnownPhraseThenRuleForUnknownOnes) {
  auto lead = [](std::string_view t) { return std::string(t.substr(0, MatchLead(t).length)); };
  EXPECT_EQ(lead("Noting with deep concern the effects"), "Noting with deep concern");
  EXPECT_EQ(lead("Recalling also its resolution"), "Recalling also");
  EXPECT_EQ(lead("Also calls upon States"), "Also calls upon");
  EXPECT_EQ(lead("Takes note with satisfaction of the report"), "Takes note with satisfaction of");
  EXPECT_EQ(lead("Recognizing, therefore, that"), "Recognizing");
  EXPECT_EQ(lead("FURTHER RECOGNISING the impact"), "FURTHER RECOGNISING");
  EXPECT_EQ(lead("Extending its congratulations to"), "Extending its congratulations");
  EXPECT_EQ(MatchLead("Extending its congratulations to").kind, LeadKind::kPreamble);
  EXPECT_EQ(MatchLead("Strongly condemns the attacks").kind, LeadKind::kOperative);
  EXPECT_EQ(MatchLead("Report of the United Nations").kind, LeadKind::kNone);
}

TEST(SymbolTest, ModernOldStyleAndSiteForms) {
  EXPECT_EQ(FindResolutionSymbol("see A/RES/2957 (XXVII) and").symbol, "A/RES/2957(XXVII)");
  EXPECT_EQ(FindResolutionSymbol("A/RES/54/ 144").symbol, "A/RES/54/144");
  EXPECT_EQ(FindResolutionSymbol("A/RES/53/ Page").pos, std::string_view::npos);
  EXPECT_EQ(FindSiteSymbol("Some title, G.A. res. 51/70, 51 U.N. GAOR").symbol, "A/RES/51/70");
  EXPECT_EQ(FindSiteSymbol("Resolution A36r125").symbol, "A/RES/36/125");
  EXPECT_EQ(FindSiteSymbol("Title 2294 (XXII) 11 December 1967").symbol, "A/RES/2294(XXII)");
}

TEST(TextTest, DatesAndStraySpaces) {
  size_t end = 0;
  EXPECT_EQ(ParseDateAt("9 December 1998,", 0, &end), "1998-12-09");
  EXPECT_EQ(ParseDateAt("31 Smarch 1998", 0, &end), "");
  EXPECT_EQ(FindDate("Distr. GENERAL 22 February 2000"), "2000-02-22");
  const Vocabulary vocab = MakeVocabulary({"countries", "countries", "developing"});
  EXPECT_EQ(RepairStraySpaces("in developing countri es , and", vocab), "in developing countries, and");
  EXPECT_EQ(NormalizeRelease("Cafe\xcc\x81\r\nA\tB\xc2\xa0" "C"), "Caf\xc3\xa9\nA       B C");
}

TEST(TextTest, NfcComposesEachNonAsciiRunWithTheLetterBeforeIt) {
  // e + combining acute -> U+00E9 at the start, middle and end; the Kelvin sign U+212A -> K;
  // a precomposed U+00FC stays; pure ASCII between the runs is untouched.
  EXPECT_EQ(NormalizeRelease("e\xcc\x81t\xc3\xa9 und \xc3\xbc \xe2\x84\xaa x cafe\xcc\x81"),
            "\xc3\xa9t\xc3\xa9 und \xc3\xbc K x caf\xc3\xa9");
  // Two combining marks out of canonical order (acute 230 before dot below 220) are reordered,
  // then e + dot below composes to U+1EB9 and the acute stays (no precomposed form).
  EXPECT_EQ(NormalizeRelease("e\xcc\x81\xcc\xa3"), "\xe1\xba\xb9\xcc\x81");
  EXPECT_EQ(NormalizeRelease("plain ASCII only"), "plain ASCII only");
}

TEST(TextTest, VocabularyCountsWordsCaseBlindAndFindsJoinedPieces) {
  Vocabulary v;
  EXPECT_TRUE(v.empty());
  AddWordsToVocabulary("Countries, countries and COUNTRIES; developing-states", &v);
  EXPECT_FALSE(v.empty());
  EXPECT_EQ(v.Count("countries"), 3);
  EXPECT_EQ(v.Count("Countries"), 3);
  EXPECT_EQ(v.Count("developing"), 1);
  EXPECT_EQ(v.Count("states"), 1);
  EXPECT_EQ(v.Count("country"), 0);
  EXPECT_TRUE(v.ContainsJoined("countri", "es"));
  EXPECT_TRUE(v.ContainsJoined("Develop", "ing"));
  EXPECT_FALSE(v.ContainsJoined("countri", "e"));
  // Words past the 8-byte hash chunk and many distinct words (the table grows).
  for (int i = 0; i < 1000; ++i) v.Add("word" + std::string(size_t(i % 26 + 1), char('a' + i % 26)));
  EXPECT_EQ(v.Count("wordaa"), 0);
  EXPECT_EQ(v.Count("worda"), 39);
  EXPECT_FALSE(v.ContainsJoined("countriesCOUN", "tries"));
  EXPECT_EQ(RepairStraySpaces("  the countri es  and stat es", v), "the countries and states");
}

}  // namespace
}  // namespace recital

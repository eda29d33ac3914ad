// Akoma Ntoso input (ingest/akn*.cc): recognition by content, an AKN4UN resolution written by
// another tool (prefixed namespace, hierarchical paragraph, whitespace inside the text), and the
// refusals. The round trip of Recital's own exports is tests/integration/akn_corpus_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "ingest/akn_internal.h"
#include "ingest/ingest.h"

namespace recital {
namespace {

constexpr const char* kForeign = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- an AKN4UN resolution as another tool writes it -->
<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <an:statement name="resolution">
    <an:meta>
      <an:identification source="#un">
        <an:FRBRWork>
          <an:FRBRthis value="/akn/un/statement/deliberation/unga/2015-09-25/70-1/!main"/>
          <an:FRBRuri value="/akn/un/statement/deliberation/unga/2015-09-25/70-1"/>
          <an:FRBRdate date="2015-09-25" name="adoption"/>
          <an:FRBRauthor href="#unga"/>
          <an:FRBRcountry value="un"/>
        </an:FRBRWork>
        <an:FRBRExpression>
          <an:FRBRthis value="/akn/un/statement/deliberation/unga/2015-09-25/70-1/eng@/!main"/>
          <an:FRBRuri value="/akn/un/statement/deliberation/unga/2015-09-25/70-1/eng@"/>
          <an:FRBRdate date="2015-09-25" name="adoption"/>
          <an:FRBRauthor href="#unga"/>
          <an:FRBRlanguage language="eng"/>
        </an:FRBRExpression>
      </an:identification>
    </an:meta>
    <an:coverPage>
      <an:p><an:docNumber>A/RES/70/1</an:docNumber></an:p>
      <an:p><an:session value="70">Seventieth session</an:session></an:p>
    </an:coverPage>
    <an:preface>
      <an:p><an:docNumber>70/1.</an:docNumber> <an:docTitle>Transforming our world</an:docTitle></an:p>
    </an:preface>
    <an:preamble>
      <an:formula name="enactingFormula"><an:p>The General Assembly,</an:p></an:formula>
      <an:p><an:i>Recalling</an:i>
          its resolution 69/315 of 1 September 2015,</an:p>
    </an:preamble>
    <an:mainBody>
      <an:paragraph eId="para_1">
        <an:num>1.</an:num>
        <an:intro>
          <an:p><an:i>Adopts</an:i> the following document:<an:authorialNote marker="1" placement="bottom"><an:p>See annex.</an:p></an:authorialNote></an:p>
        </an:intro>
        <an:point eId="para_1__point_a"><an:num>(a)</an:num><an:content><an:p>the Agenda;</an:p></an:content></an:point>
        <an:point eId="para_1__point_b"><an:num>(b)</an:num><an:content><an:p>the targets.</an:p></an:content></an:point>
      </an:paragraph>
      <an:paragraph eId="para_2"><an:num>2.</an:num><an:content><an:p>Decides to continue.</an:p></an:content></an:paragraph>
    </an:mainBody>
    <an:conclusions>
      <an:p>4th plenary meeting<an:eol/><an:date date="2015-09-25">25 September 2015</an:date></an:p>
    </an:conclusions>
  </an:statement>
</an:akomaNtoso>
)";

const std::string kAkn = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

Result<Resolution> Parse(const std::string& xml) {
  ParseOptions po;
  po.source_name = "res.xml";
  return ParseRelease(xml, po);
}

TEST(AknReadTest, RecognisesAknByItsRootElementOnly) {
  EXPECT_TRUE(ingest::LooksLikeAkn(kForeign));
  EXPECT_TRUE(ingest::LooksLikeAkn("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!DOCTYPE x [ <!ENTITY a \"b\"> ]>"
                                   "<?pi data?><!-- c --><akomaNtoso>"));
  EXPECT_FALSE(ingest::LooksLikeAkn("<html><body>akomaNtoso</body></html>"));
  EXPECT_FALSE(ingest::LooksLikeAkn("The General Assembly,\n<akomaNtoso>"));
  EXPECT_FALSE(ingest::LooksLikeAkn("<!-- unterminated comment <akomaNtoso>"));
  EXPECT_FALSE(ingest::LooksLikeAkn(""));
}

TEST(AknReadTest, ForeignAkn4unResolutionGivesItsRecord) {
  Result<Resolution> r = Parse(kForeign);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->symbol, "A/RES/70/1");
  EXPECT_EQ(r->session, 70u);
  EXPECT_EQ(r->number, 1u);
  EXPECT_EQ(r->title, "Transforming our world");
  EXPECT_EQ(r->language, "en");
  EXPECT_EQ(r->layout, "akn");
  EXPECT_EQ(r->meeting, 4u);
  EXPECT_EQ(r->adoption_date, "2015-09-25");
  EXPECT_FALSE(r->starts_mid_document);
  EXPECT_TRUE(r->warnings.empty());
  EXPECT_EQ(r->raw_hash, HashBytes(kForeign));

  ASSERT_EQ(r->preamble.size(), 1u);
  EXPECT_EQ(r->preamble[0].text, "Recalling its resolution 69/315 of 1 September 2015,");
  EXPECT_EQ(r->preamble[0].lead, "Recalling");
  ASSERT_EQ(r->operative.size(), 2u);
  const Paragraph& one = r->operative[0];
  EXPECT_EQ(one.number, "1");
  EXPECT_EQ(one.lead, "Adopts");
  EXPECT_EQ(one.text, "Adopts the following document:");
  EXPECT_EQ(one.footnotes, (std::vector<FootnoteRef>{{1, 30}}));
  ASSERT_EQ(one.subparagraphs.size(), 2u);
  EXPECT_EQ(one.subparagraphs[0], (SubParagraph{"(a)", "the Agenda;", {}}));
  EXPECT_EQ(one.subparagraphs[1], (SubParagraph{"(b)", "the targets.", {}}));
  // Without <i>, the lead phrase is found as in text releases.
  EXPECT_EQ(r->operative[1].lead, "Decides");
  EXPECT_EQ(r->footnotes, (std::vector<Footnote>{{1, "See annex."}}));
  EXPECT_EQ(r->citations, (std::vector<Citation>{{"A/RES/69/315", "2015-09-01"}}));
}

TEST(AknReadTest, RefusesWhatIsNotAnAknResolution) {
  struct Case {
    std::string xml;
    std::string reason;
  };
  const std::string open = "<akomaNtoso xmlns=\"" + kAkn + "\">";
  const Case cases[] = {
      {open + "<statement><meta>", "res.xml: not well-formed XML"},
      {"<akomaNtoso xmlns=\"http://www.akomantoso.org/2.0\"><act/></akomaNtoso>",
       "outside the Akoma Ntoso 3.0 namespace"},
      {open + "<act><meta/><body/></act></akomaNtoso>", "an Akoma Ntoso <act>, not a resolution"},
      {open + "<statement><meta/><mainBody><p/></mainBody></statement></akomaNtoso>",
       "without preambular or operative paragraphs"},
      // An annex alone is no resolution (as for text releases).
      {open + "<statement><meta/><mainBody><p/></mainBody><attachments><attachment>"
              "<doc name=\"annex\"><meta/><mainBody><paragraph><num>1.</num><content><p>Text."
              "</p></content></paragraph></mainBody></doc></attachment></attachments>"
              "</statement></akomaNtoso>",
       "without preambular or operative paragraphs"},
  };
  for (const Case& c : cases) {
    Result<Resolution> r = Parse(c.xml);
    ASSERT_FALSE(r.ok()) << c.xml;
    EXPECT_TRUE(r.status().IsInvalidInput());
    EXPECT_NE(r.status().message().find(c.reason), std::string::npos) << r.status().message();
    EXPECT_EQ(r.status().message().rfind("res.xml: ", 0), 0u) << r.status().message();
  }
}

TEST(AknReadTest, DeeplyNestedMarkupIsRefusedNotRecursedInto) {
  for (const size_t depth : {40, 100000}) {
    std::string xml = "<akomaNtoso xmlns=\"" + kAkn + "\"><statement><meta/><mainBody><p>";
    for (size_t i = 0; i < depth; ++i) xml += "<b>";
    xml += "deep";
    for (size_t i = 0; i < depth; ++i) xml += "</b>";
    xml += "</p></mainBody></statement></akomaNtoso>";
    Result<Resolution> r = Parse(xml);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("nested more than 32 levels"), std::string::npos)
        << r.status().message();
  }
}

TEST(AknReadTest, NoEntityIsExpanded) {
  // An entity declared in the DOCTYPE is not expanded (and no external one is fetched): the
  // reference stays as written.
  const std::string xml =
      "<!DOCTYPE akomaNtoso [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]><akomaNtoso xmlns=\"" +
      kAkn + "\"><statement><meta/><mainBody><paragraph><num>1.</num><content><p>Decides &x; "
             "now.</p></content></paragraph></mainBody></statement></akomaNtoso>";
  Result<Resolution> r = Parse(xml);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->operative.size(), 1u);
  EXPECT_EQ(r->operative[0].text.find("root:"), std::string::npos);
}

}  // namespace
}  // namespace recital

// The reference document A-RES-54-144.ods.txt, checked field by field. Every expected value
// below was read off the release by hand, not copied from the parser's output.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace recital {
namespace {

class ReferenceOdsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RECITAL_REQUIRE_CORPUS();
    const std::string path = testing::CorpusDir() + "/A-RES-54-144.ods.txt";
    ParseOptions opts;
    opts.source_name = path;
    auto r = ParseRelease(testing::ReadFile(path), opts);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    rec_ = *r;
  }
  static std::vector<uint32_t> Notes(const Paragraph& p) {
    std::vector<uint32_t> n;
    for (const FootnoteRef& f : p.footnotes) n.push_back(f.number);
    return n;
  }
  Resolution rec_;
};

TEST_F(ReferenceOdsTest, CoverBlockAndAdoptionLine) {
  EXPECT_EQ(rec_.symbol, "A/RES/54/144");
  EXPECT_EQ(rec_.session, 54u);
  EXPECT_EQ(rec_.number, 144u);
  // The title follows "54/144." and a tab on its line; it must come back whole, without the
  // number. (Checked by hand against the release: 33 words, 238 bytes; asserted by its ends
  // and size rather than spelled out, so the corpus text stays in ../shared/corpus.)
  EXPECT_EQ(rec_.title.rfind("Follow-up to the Regional Conference", 0), 0u) << rec_.title;
  EXPECT_TRUE(rec_.title.ends_with("and Relevant Neighbouring States")) << rec_.title;
  EXPECT_NE(rec_.title.find("Commonwealth of Independent States"), std::string::npos);
  EXPECT_EQ(rec_.title.size(), 238u) << rec_.title;
  EXPECT_EQ(std::count(rec_.title.begin(), rec_.title.end(), ' '), 32) << rec_.title;
  EXPECT_EQ(rec_.agenda_items, std::vector<std::string>{"111"});
  EXPECT_EQ(rec_.committee, "Third Committee");
  EXPECT_EQ(rec_.report, "A/54/600");
  EXPECT_EQ(rec_.distribution_date, "2000-02-22");
  EXPECT_EQ(rec_.meeting, 83u);
  EXPECT_EQ(rec_.adoption_date, "1999-12-17");
  EXPECT_EQ(rec_.layout, "ods");
  EXPECT_EQ(rec_.language, "en");
  EXPECT_EQ(rec_.parser_version, std::string(ParserVersion()));
  EXPECT_FALSE(rec_.raw_hash.IsZero());
  EXPECT_TRUE(rec_.warnings.empty()) << rec_.warnings.front();
}

TEST_F(ReferenceOdsTest, ThirteenPreambleParagraphsWithLeadPhrases) {
  const std::vector<std::string> leads = {
      "Recalling", "Having considered", "Recognizing", "Reaffirming", "Noting with satisfaction",
      "Welcoming", "Taking note of", "Bearing in mind", "Taking into account", "Convinced",
      "Recalling", "Mindful", "Noting and reaffirming"};
  ASSERT_EQ(rec_.preamble.size(), 13u);
  for (size_t i = 0; i < leads.size(); ++i) {
    const Paragraph& p = rec_.preamble[i];
    EXPECT_EQ(p.lead, leads[i]) << i;
    EXPECT_EQ(p.text.rfind(p.lead, 0), 0u) << "lead is a prefix of the text";
    EXPECT_EQ(p.section, Section::kPreamble);
    EXPECT_EQ(p.number, "");
  }
  EXPECT_EQ(rec_.preamble[1].text,
            "Having considered the reports of the Secretary-General and of the United Nations High "
            "Commissioner for Refugees,");
  EXPECT_EQ(rec_.preamble[12].text,
            "Noting and reaffirming the importance of the 1951 Convention and the 1967 Protocol "
            "relating to the Status of Refugees,");
  EXPECT_EQ(rec_.preamble[5].text.substr(0, 77),
            "Welcoming the contributions of those countries that responded to the 1999 app");
}

TEST_F(ReferenceOdsTest, SixteenOperativeParagraphsNumberedWithLeads) {
  const std::vector<std::string> leads = {
      "Takes note of", "Calls upon", "Endorses", "Calls upon", "Invites", "Calls upon",
      "Invites", "Invites", "Calls upon", "Invites", "Welcomes", "Encourages", "Emphasizes",
      "Recognizes", "Requests", "Decides"};
  ASSERT_EQ(rec_.operative.size(), 16u);
  for (size_t i = 0; i < leads.size(); ++i) {
    const Paragraph& p = rec_.operative[i];
    EXPECT_EQ(p.number, std::to_string(i + 1));
    EXPECT_EQ(p.lead, leads[i]) << i;
    EXPECT_EQ(p.section, Section::kOperative);
    EXPECT_TRUE(p.subparagraphs.empty());
  }
  EXPECT_EQ(rec_.operative[0].text,
            "Takes note of the reports of the Secretary-General and of the United Nations High "
            "Commissioner for Refugees;");
  EXPECT_EQ(rec_.operative[15].text,
            "Decides to continue its consideration of the question at its fifty-fifth session.");
}

TEST_F(ReferenceOdsTest, SixFootnotesAttachedToTheRightParagraphs) {
  ASSERT_EQ(rec_.footnotes.size(), 6u);
  for (uint32_t i = 0; i < 6; ++i) EXPECT_EQ(rec_.footnotes[i].number, i + 1);
  EXPECT_EQ(rec_.footnotes[0].text, "A/54/286.");
  EXPECT_EQ(rec_.footnotes[3].text, "A/51/341 and Corr.1, appendix.");
  EXPECT_EQ(rec_.footnotes[4].text, "United Nations, Treaty Series, vol. 189, No. 2545.");
  EXPECT_EQ(rec_.footnotes[5].text, "Ibid., vol. 606, No. 8791.");
  // Preamble: "Secretary-General1 ... Refugees,2", "Refugees,3", "Conference,4",
  // "1951 Convention5 and the 1967 Protocol6".
  const std::vector<std::vector<uint32_t>> pre = {{}, {1, 2}, {3}, {4}, {}, {}, {}, {}, {}, {}, {}, {}, {5, 6}};
  for (size_t i = 0; i < pre.size(); ++i) EXPECT_EQ(Notes(rec_.preamble[i]), pre[i]) << "preamble " << i;
  EXPECT_EQ(Notes(rec_.operative[0]), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(Notes(rec_.operative[1]), (std::vector<uint32_t>{4}));
  EXPECT_EQ(Notes(rec_.operative[4]), (std::vector<uint32_t>{5, 6}));
  for (size_t i : {2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}) EXPECT_TRUE(Notes(rec_.operative[i]).empty()) << i;
  // Offsets point where the marker stood in the canonical text.
  const Paragraph& p = rec_.preamble[1];
  EXPECT_EQ(p.footnotes[0].byte_offset, std::string("Having considered the reports of the Secretary-General").size());
  EXPECT_EQ(p.footnotes[1].byte_offset, p.text.size());
  const Paragraph& q = rec_.preamble[12];
  EXPECT_EQ(q.text.substr(0, q.footnotes[0].byte_offset), "Noting and reaffirming the importance of the 1951 Convention");
  EXPECT_EQ(q.text.substr(q.footnotes[0].byte_offset, 19), " and the 1967 Proto");
}

TEST_F(ReferenceOdsTest, SixCitedResolutionsWithDates) {
  const std::vector<Citation> expected = {
      {"A/RES/48/113", "1993-12-20"}, {"A/RES/49/173", "1994-12-23"}, {"A/RES/50/151", "1995-12-21"},
      {"A/RES/51/70", "1996-12-12"},  {"A/RES/52/102", "1997-12-12"}, {"A/RES/53/123", "1998-12-09"}};
  EXPECT_EQ(rec_.citations, expected);
  for (const char* d : {"A/54/600", "A/54/286", "A/54/12", "A/51/341", "A/51/12/Add.1"}) {
    EXPECT_NE(std::find(rec_.documents.begin(), rec_.documents.end(), d), rec_.documents.end()) << d;
  }
}

TEST_F(ReferenceOdsTest, NoLayoutDebrisInAnyParagraph) {
  for (const auto* list : {&rec_.preamble, &rec_.operative}) {
    for (const Paragraph& p : *list) {
      for (const char* debris : {"<<", "[hj", "Page", "/...", "A/RES/54/144", "N0029482E", "29482", "\t", "  ", "\f"}) {
        EXPECT_EQ(p.text.find(debris), std::string::npos) << debris << " in: " << p.text;
      }
      EXPECT_NE(p.text.back(), ' ');
    }
  }
}

}  // namespace
}  // namespace recital

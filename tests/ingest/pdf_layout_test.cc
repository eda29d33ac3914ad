// Layout reconstruction on box sequences made by hand: the pure half of the PDF reader
// (no poppler). Each test builds the boxes a page would give and checks one rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ingest/pdf_internal.h"
#include "tests/ingest/pdf_test_util.h"

namespace recital::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr float kWidth = 0.5f;  // of a character, in ems: the boxes' widths follow from it

// Boxes of one line of words set at (x, top), a quarter em apart.
class Page {
 public:
  explicit Page(uint32_t page) : page_(page) {}
  // Adds the words of text; returns the x where the line ended.
  float Words(float x, float top, const std::string& text, float size = 10, uint8_t flags = 0) {
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && text[i] == ' ') ++i;
      size_t e = i;
      while (e < text.size() && text[e] != ' ') ++e;
      if (e > i) x = Box(x, top, text.substr(i, e - i), size, flags) + 0.25f * size;
      i = e;
    }
    return x;
  }
  // One box; returns its right edge.
  float Box(float x, float top, const std::string& text, float size = 10, uint8_t flags = 0) {
    PdfBox b;
    b.page = page_;
    b.x0 = x;
    b.x1 = x + kWidth * size * float(text.size());
    b.y0 = top;
    b.y1 = top + 1.1f * size;
    b.size = size;
    b.flags = flags;
    b.text = text;
    boxes_.push_back(b);
    return b.x1;
  }
  // A footnote marker: smaller and raised, right after x.
  void Marker(float x, float line_top, const std::string& n) {
    PdfBox b;
    b.page = page_;
    b.x0 = x;
    b.x1 = x + 3;
    b.y0 = line_top + 1;
    b.y1 = line_top + 6.5f;
    b.size = 6.5f;
    b.text = n;
    boxes_.push_back(b);
  }
  const std::vector<PdfBox>& boxes() const { return boxes_; }

 private:
  uint32_t page_;
  std::vector<PdfBox> boxes_;
};

PdfText Doc(const std::vector<Page>& pages) {
  PdfText t;
  for (const Page& p : pages) {
    t.pages.push_back({612, 792});
    t.boxes.insert(t.boxes.end(), p.boxes().begin(), p.boxes().end());
  }
  return t;
}

// The first page of a resolution up to "The General Assembly,"; returns the y below it.
float Cover(Page* p) {
  p->Words(123, 45, "United Nations", 14);
  p->Words(480, 48, "A/RES/78/999");
  p->Words(123, 70, "General Assembly", 20, kPdfBold);
  p->Words(397, 80, "Distr.: General");
  p->Words(397, 92, "9 November 2023");
  p->Words(60, 213, "Seventy-eighth session", 10, kPdfBold);
  p->Words(60, 225, "Agenda item 89");
  p->Words(123, 267, "Resolution adopted by the General Assembly on 8 November 2023", 14, kPdfBold);
  p->Words(123, 310, "[without reference to a Main Committee (A/78/L.99)]", 10, kPdfItalic);
  p->Words(85, 334, "78/999.", 12, kPdfBold);
  p->Words(133, 334, "Testing", 12, kPdfBold);
  p->Words(147, 360, "The General Assembly,", 10, kPdfItalic);
  return 378;
}

void Footer(Page* p, bool first) {
  p->Words(65, 740, first ? "23-99999 (E) 151123" : "2/2 23-99999");
  if (first) p->Box(65, 752, "*2399999*", 12, kPdfBarcode);
}

Resolution Layout(const std::vector<Page>& pages) {
  Result<Resolution> r = LayoutPdfResolution(Doc(pages), "t.pdf");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Resolution{};
}

TEST(PdfLinesTest, NarrowGapsInsideWordsAreNoSpaces) {
  Page p(0);
  float x = p.Box(100, 100, "post");
  x = p.Box(x + 1.0f, 100, "-conflict");  // 0.10 em: justification cut the word
  x = p.Box(x + 3.0f, 100, "recovery");   // 0.30 em: a space
  x = p.Box(x + 0.2f, 100, ",");
  x = p.Box(x + 3.0f, 100, "(");
  x = p.Box(x + 3.0f, 100, "a");
  p.Box(x + 3.0f, 100, ")");
  EXPECT_EQ(JoinPdfBoxes(p.boxes()), "post-conflict recovery, (a)");
}

TEST(PdfLinesTest, LineEndHyphenJoinsTheNextLineAndKeepsTheHyphen) {
  std::string t = "support post-";
  AppendPdfLine(&t, "conflict recovery");
  EXPECT_EQ(t, "support post-conflict recovery");
  std::string dash = "peace -";  // a dash set apart is no hyphen
  AppendPdfLine(&dash, "and");
  EXPECT_EQ(dash, "peace - and");
  std::string soft = "hyphen\xC2\xAD";
  AppendPdfLine(&soft, "ated");
  EXPECT_EQ(soft, "hyphenated");
  std::string plain = "two";
  AppendPdfLine(&plain, "  words ");
  EXPECT_EQ(plain, "two words");
}

TEST(PdfLinesTest, RaisedMarkerStaysOnItsLineAndLinesFollowTheirTops) {
  Page p(0);
  p.Words(100, 100, "second line", 10);
  float x = p.Words(100, 88, "first line", 10);
  p.Marker(x, 88, "1");
  const std::vector<PdfLine> lines = BuildPdfLines(Doc({p}));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "first line 1");
  EXPECT_EQ(lines[0].boxes.size(), 3u);
  EXPECT_EQ(lines[1].text, "second line");
}

TEST(PdfLinesTest, UnusableBoxesAreDropped) {
  Page p(0);
  p.Words(100, 100, "kept");
  PdfText t = Doc({p});
  PdfBox bad = t.boxes[0];
  bad.x0 = std::numeric_limits<float>::quiet_NaN();
  t.boxes.push_back(bad);
  bad = t.boxes[0];
  bad.page = 7;  // no such page
  t.boxes.push_back(bad);
  bad = t.boxes[0];
  bad.text = "\xFF\xFE";  // not UTF-8
  t.boxes.push_back(bad);
  bad = t.boxes[0];
  bad.y1 = bad.y0 - 1;  // upside down
  t.boxes.push_back(bad);
  const std::vector<PdfLine> lines = BuildPdfLines(t);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "kept");
}

TEST(PdfSymbolTest, EveryFormOfTheSet) {
  PdfSymbol s = FindPdfSymbol("United Nations A/RES/78/8 General Assembly");
  EXPECT_EQ(s.symbol, "A/RES/78/8");
  EXPECT_EQ(s.session, 78u);
  EXPECT_EQ(s.number, 8u);
  s = FindPdfSymbol("A/RES/ES-11/4");
  EXPECT_EQ(s.symbol, "A/RES/ES-11/4");
  EXPECT_EQ(s.session, 0u);
  EXPECT_EQ(s.session_code, "ES-11");
  EXPECT_EQ(s.number, 4u);
  s = FindPdfSymbol("A/RES/S-27/2");
  EXPECT_EQ(s.session_code, "S-27");
  EXPECT_EQ(FindPdfSymbol("A/RES/78/8/Corr.1").symbol, "A/RES/78/8/Corr.1");
  EXPECT_EQ(FindPdfSymbol("A/RES/78/8/Rev.2 x").symbol, "A/RES/78/8/Rev.2");
  EXPECT_EQ(FindPdfSymbol("A/RES/78 and A/78/L.7").pos, std::string_view::npos);
}

TEST(PdfBoxesTest, FontNamesGiveFlags) {
  EXPECT_EQ(PdfFontFlags("TimesNewRomanPS-ItalicMT"), kPdfItalic);
  EXPECT_EQ(PdfFontFlags("BCDJEE+TimesNewRomanPS-BoldItalicMT"), kPdfItalic | kPdfBold);
  EXPECT_EQ(PdfFontFlags("Helvetica-Oblique"), kPdfItalic);
  EXPECT_EQ(PdfFontFlags("BCDEEE+Barcode 3 of 9 by request"), kPdfBarcode);
  EXPECT_EQ(PdfFontFlags("TimesNewRomanPSMT"), 0);
}

TEST(PdfBoxesTest, EncodedBoxesDecodeToTheSame) {
  Page p(0);
  p.Words(100, 100, "Recalling its resolution", 10, kPdfItalic);
  PdfText t = Doc({p, Page(1)});
  Result<PdfText> back = DecodePdfText(EncodePdfText(t));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, t);
  const std::string bytes = EncodePdfText(t);
  for (size_t cut : {size_t(0), size_t(5), bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(DecodePdfText(bytes.substr(0, cut)).ok()) << cut;
  }
}

TEST(PdfLayoutTest, NoTextAtAllNeedsOcr) {
  PdfText t;
  t.pages.push_back({612, 792});
  Result<Resolution> r = LayoutPdfResolution(t, "scan.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("scan.pdf: PDF without a text layer"));
  EXPECT_THAT(r.status().message(), HasSubstr("OCR"));
}

TEST(PdfLayoutTest, CoverFieldsComeFromTheFirstPage) {
  Page p(0);
  float y = Cover(&p);
  p.Words(147, y, "1. Decides to test;");
  p.Words(397, y + 30, "30th plenary meeting", 10, kPdfItalic);
  p.Words(413, y + 42, "8 November 2023", 10, kPdfItalic);
  Footer(&p, true);
  const Resolution r = Layout({p});
  EXPECT_EQ(r.symbol, "A/RES/78/999");
  EXPECT_EQ(r.session, 78u);
  EXPECT_EQ(r.title, "Testing");
  EXPECT_THAT(r.agenda_items, ElementsAre("89"));
  EXPECT_EQ(r.committee, "without reference to a Main Committee");
  EXPECT_THAT(r.documents, ElementsAre("A/78/L.99"));
  EXPECT_EQ(r.distribution_date, "2023-11-09");
  EXPECT_EQ(r.adoption_date, "2023-11-08");
  EXPECT_EQ(r.meeting, 30u);
  ASSERT_EQ(r.operative.size(), 1u);
  EXPECT_EQ(r.operative[0].text, "Decides to test;");
}

TEST(PdfLayoutTest, RunningHeadersAndFootersAreDroppedAndParagraphsGoOnAcrossPages) {
  Page one(0), two(1);
  float y = Cover(&one);
  float x = one.Words(147, y, "Recalling", 10, kPdfItalic);
  one.Words(x, y, "its resolutions on page");
  one.Words(123, y + 12, "furniture, which the next page");
  Footer(&one, true);
  two.Words(60, 53, "A/RES/78/999 Testing", 8.5f, kPdfBold);  // running header
  two.Words(123, 73, "continues without an indent,");         // same paragraph
  x = two.Words(147, 91, "Noting", 10, kPdfItalic);
  two.Words(x, 91, "a new paragraph,");
  Footer(&two, false);
  const Resolution r = Layout({one, two});
  ASSERT_EQ(r.preamble.size(), 2u);
  EXPECT_EQ(r.preamble[0].text,
            "Recalling its resolutions on page furniture, which the next page continues without an "
            "indent,");
  EXPECT_EQ(r.preamble[1].text, "Noting a new paragraph,");
  EXPECT_EQ(r.preamble[1].lead, "Noting");
}

TEST(PdfLayoutTest, FootnotesBelowTheRuleAndTheirMarkers) {
  Page p(0);
  float y = Cover(&p);
  float x = p.Words(147, y, "Recalling", 10, kPdfItalic);
  x = p.Words(x, y, "the report,");
  p.Marker(x - 2.5f, y, "1");
  p.Words(123, 700, "__________________", 8, kPdfBold);
  p.Box(117, 718, "1", 5.5f);
  p.Words(123, 717, "See A/78/304.", 8.5f);
  p.Box(117, 729, "2", 5.5f);
  p.Words(123, 728, "Never cited.", 8.5f);
  Footer(&p, true);
  const Resolution r = Layout({p});
  ASSERT_EQ(r.preamble.size(), 1u);
  EXPECT_EQ(r.preamble[0].text, "Recalling the report,");
  EXPECT_THAT(r.preamble[0].footnotes,
              ElementsAre(FootnoteRef{1, uint32_t(r.preamble[0].text.size())}));
  EXPECT_THAT(r.footnotes, ElementsAre(Footnote{1, "See A/78/304."}, Footnote{2, "Never cited."}));
}

TEST(PdfLayoutTest, LeadPhraseIsTheWholeOpeningItalicRun) {
  Page p(0);
  float y = Cover(&p);
  float x = p.Words(147, y, "1.");
  x = p.Words(171, y, "Reiterates its call upon", 10, kPdfItalic);
  p.Words(x, y, "all States to act;");
  x = p.Words(147, y + 18, "2.");
  x = p.Words(171, y + 18, "Welcomes", 10, kPdfItalic);
  x = p.Box(x - 2.5f, y + 18, ",");  // a roman comma after the italic verb
  p.Words(x + 2.5f, y + 18, "in particular, the report;");
  x = p.Words(147, y + 36, "3.");
  p.Words(171, y + 36, "Recalls:", 10, kPdfItalic);  // italic throughout, opening sub-paragraphs
  p.Words(147, y + 54, "(a) The report;");
  x = p.Words(147, y + 72, "4.");
  p.Words(171, y + 72, "Decides that italics in the middle do not count;");
  Footer(&p, true);
  const Resolution r = Layout({p});
  ASSERT_EQ(r.operative.size(), 4u);
  EXPECT_EQ(r.operative[0].lead, "Reiterates its call upon");
  EXPECT_EQ(r.operative[1].lead, "Welcomes");
  EXPECT_EQ(r.operative[1].text, "Welcomes, in particular, the report;");
  EXPECT_EQ(r.operative[2].lead, "Recalls");
  ASSERT_EQ(r.operative[2].subparagraphs.size(), 1u);
  EXPECT_EQ(r.operative[2].subparagraphs[0].number, "(a)");
  EXPECT_EQ(r.operative[2].subparagraphs[0].text, "The report;");
  EXPECT_EQ(r.operative[3].lead, "");
}

TEST(PdfLayoutTest, PreambleAndOperativeByPunctuationAndLead) {
  Page p(0);
  float y = Cover(&p);
  float x = p.Words(147, y, "Desirous", 10, kPdfItalic);  // ends in s, yet a preamble adjective
  p.Words(x, y, "of peace,");
  x = p.Words(147, y + 18, "Recognizing also", 10, kPdfItalic);
  p.Words(x, y + 18, "that a slip ends this one;");  // a semicolon, yet a preamble participle
  x = p.Words(147, y + 36, "1.");
  x = p.Words(171, y + 36, "Decides", 10, kPdfItalic);
  p.Words(x, y + 36, "to act;");
  Footer(&p, true);
  const Resolution r = Layout({p});
  EXPECT_EQ(r.preamble.size(), 2u);
  EXPECT_EQ(r.operative.size(), 1u);
}

TEST(PdfLayoutTest, AnnexedInstrumentWithItsTitleAndNumberedParagraphs) {
  Page p(0);
  float y = Cover(&p);
  float x = p.Words(147, y, "Adopts", 10, kPdfItalic);
  p.Words(x, y, "the following political declaration:");
  p.Words(123, y + 24, "Political declaration on testing", 12, kPdfBold);
  p.Words(123, y + 38, "a subtitle in bold", 10, kPdfBold);
  p.Words(147, y + 56, "We, Heads of State, therefore:");
  p.Words(147, y + 74, "1. Reaffirm our commitment;");
  p.Words(147, y + 92, "2. Commit to test;");
  p.Words(397, y + 120, "19th plenary meeting", 10, kPdfItalic);
  p.Words(413, y + 132, "10 October 2018", 10, kPdfItalic);
  Footer(&p, true);
  const Resolution r = Layout({p});
  ASSERT_EQ(r.operative.size(), 1u);
  EXPECT_EQ(r.operative[0].lead, "Adopts");
  ASSERT_EQ(r.annexes.size(), 1u);
  EXPECT_EQ(r.annexes[0].title, "Political declaration on testing");
  EXPECT_EQ(r.annexes[0].paragraph_count, 3u);
  ASSERT_EQ(r.annex.size(), 3u);
  EXPECT_EQ(r.annex[0].number, "");
  EXPECT_EQ(r.annex[1].number, "1");
  EXPECT_EQ(r.annex[1].text, "Reaffirm our commitment;");
  EXPECT_EQ(r.annex[2].section, Section::kAnnex);
  EXPECT_EQ(r.meeting, 19u);
  EXPECT_EQ(r.adoption_date, "2018-10-10");
}

TEST(PdfLayoutTest, TextAfterTheAdoptionLineIsAnAnnex) {
  Page p(0);
  float y = Cover(&p);
  p.Words(147, y, "1. Decides that the table shall be as annexed;");
  p.Words(397, y + 20, "52nd plenary meeting", 10, kPdfItalic);
  p.Words(413, y + 32, "12 December 2024", 10, kPdfItalic);
  p.Words(123, y + 60, "Annex", 10, kPdfBold);
  p.Words(123, y + 72, "Staffing table", 10, kPdfBold);
  float x = p.Words(123, y + 96, "Category", 8.5f);
  p.Words(x + 100, y + 96, "Total", 8.5f);
  x = p.Words(123, y + 110, "D-2", 8.5f);
  p.Words(x + 100, y + 110, "127", 8.5f);
  Footer(&p, true);
  const Resolution r = Layout({p});
  ASSERT_EQ(r.operative.size(), 1u);
  ASSERT_EQ(r.annexes.size(), 1u);
  EXPECT_EQ(r.annexes[0].title, "Staffing table");
  EXPECT_EQ(r.annexes[0].paragraph_count, 2u);
  ASSERT_EQ(r.annex.size(), 2u);
  EXPECT_EQ(r.annex[0].text, "Category Total");
  EXPECT_EQ(r.annex[1].text, "D-2 127");
}

TEST(PdfLayoutTest, BareNumberSetOffByATabIsAParagraphNumber) {
  Page p(0);
  float y = Cover(&p);
  p.Words(147, y, "1. Decides to begin;");
  p.Box(147, y + 18, "2");  // the release lost the period
  p.Words(171, y + 18, "Condemns the typo;");
  Footer(&p, true);
  const Resolution r = Layout({p});
  ASSERT_EQ(r.operative.size(), 2u);
  EXPECT_EQ(r.operative[1].number, "2");
  EXPECT_EQ(r.operative[1].text, "Condemns the typo;");
}

}  // namespace
}  // namespace recital::ingest

// PDFs written at test time: a small resolution read end to end, and the PDFs that must be
// refused with a clear reason (truncated, corrupt, encrypted, scanned without a text layer).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "ingest/ingest.h"
#include "tests/ingest/pdf_make.h"
#include "tests/ingest/pdf_test_util.h"

namespace recital {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result<Resolution> ParseBytes(const std::string& bytes) {
  ParseOptions opts;
  opts.source_name = "test.pdf";
  return ParseRelease(bytes, opts);
}

TEST(PdfReadTest, HandWrittenResolutionReadsEndToEnd) {
  Result<Resolution> r = ParseBytes(testing::MakePdf(testing::SampleResolutionPages()));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->layout, "pdf");
  EXPECT_EQ(r->symbol, "A/RES/78/999");
  EXPECT_EQ(r->session, 78u);
  EXPECT_EQ(r->number, 999u);
  EXPECT_EQ(r->title, "Testing of the layout reader");
  EXPECT_THAT(r->agenda_items, ElementsAre("89"));
  EXPECT_EQ(r->distribution_date, "2023-11-09");
  EXPECT_EQ(r->adoption_date, "2023-11-08");
  EXPECT_EQ(r->meeting, 30u);
  ASSERT_EQ(r->preamble.size(), 1u);
  EXPECT_EQ(r->preamble[0].lead, "Recalling also");
  EXPECT_EQ(r->preamble[0].text, "Recalling also its resolution 77/1 of 1 January 2023,");
  EXPECT_THAT(r->preamble[0].footnotes,
              ElementsAre(FootnoteRef{1, uint32_t(r->preamble[0].text.size())}));
  ASSERT_EQ(r->operative.size(), 2u);
  EXPECT_EQ(r->operative[0].number, "1");
  EXPECT_EQ(r->operative[0].lead, "Calls upon");
  EXPECT_EQ(r->operative[0].text, "Calls upon all States to support post-conflict recovery;");
  EXPECT_EQ(r->operative[1].lead, "Decides");
  EXPECT_EQ(r->operative[1].text, "Decides to remain seized of the matter.");
  EXPECT_THAT(r->footnotes, ElementsAre(Footnote{1, "See A/77/1."}));
  for (const std::string& w : r->warnings) ADD_FAILURE() << "warning: " << w;
}

TEST(PdfReadTest, TruncatedPdfIsRefused) {
  const std::string pdf = testing::MakePdf(testing::SampleResolutionPages());
  Result<Resolution> r = ParseBytes(pdf.substr(0, pdf.size() / 2));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidInput());
  EXPECT_THAT(r.status().message(), HasSubstr("test.pdf: truncated PDF"));
}

TEST(PdfReadTest, TruncatedCorpusPdfIsRefused) {
  RECITAL_REQUIRE_PDF_CORPUS();
  const std::string pdf = testing::ReadFile(testing::PdfCorpusDir() + "/A_RES_78_62.pdf");
  for (size_t keep : {size_t(100), pdf.size() / 3, pdf.size() - 2000}) {
    Result<Resolution> r = ParseBytes(pdf.substr(0, keep));
    ASSERT_FALSE(r.ok()) << keep;
    EXPECT_THAT(r.status().message(), HasSubstr("truncated PDF")) << keep;
  }
}

TEST(PdfReadTest, CorruptPdfIsRefused) {
  std::string pdf = "%PDF-1.7\n";
  for (int i = 0; i < 200; ++i) pdf += "garbage \x01\x02\x03 obj << /Nothing >> ";
  pdf += "\n%%EOF\n";
  Result<Resolution> r = ParseBytes(pdf);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidInput());
  EXPECT_THAT(r.status().message(), HasSubstr("test.pdf: corrupt PDF"));
}

TEST(PdfReadTest, EncryptedPdfIsRefused) {
  testing::PdfOptions opts;
  opts.encrypted = true;
  Result<Resolution> r = ParseBytes(testing::MakePdf(testing::SampleResolutionPages(), opts));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidInput());
  EXPECT_THAT(r.status().message(), HasSubstr("test.pdf: encrypted PDF"));
  EXPECT_THAT(r.status().message(), HasSubstr("password"));
}

TEST(PdfReadTest, ImageOnlyPdfIsRefusedAsNeedingOcr) {
  testing::PdfPageSpec scan;
  scan.image = true;
  Result<Resolution> r = ParseBytes(testing::MakePdf({scan, scan}));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidInput());
  EXPECT_THAT(r.status().message(), HasSubstr("test.pdf: PDF without a text layer"));
  EXPECT_THAT(r.status().message(), HasSubstr("OCR"));
}

TEST(PdfReadTest, PdfWithTextButNoResolutionIsRefused) {
  testing::PdfPageSpec page;
  page.runs.push_back({72, 700, {{"R", 10, 0, "Shopping list"}}});
  Result<Resolution> r = ParseBytes(testing::MakePdf({page}));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("not a resolution"));
}

TEST(PdfReadTest, PdfLargerThanTheLimitIsRefused) {
  ParseOptions opts;
  opts.source_name = "big.pdf";
  opts.max_bytes = 100;
  Result<Resolution> r = ParseRelease(testing::MakePdf(testing::SampleResolutionPages()), opts);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsResourceExhausted());
}

}  // namespace
}  // namespace recital

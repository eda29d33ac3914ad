// The diff on what the PDF reader reads: annex paragraphs pair with annex paragraphs.
#include <gtest/gtest.h>

#include <string>

#include "diff/diff.h"
#include "tests/ingest/pdf_test_util.h"

namespace recital {
namespace {

TEST(PdfDiffTest, AnnexParagraphsPairWithAnnexParagraphs) {
  RECITAL_REQUIRE_PDF_CORPUS();
  Result<Resolution> old_r = testing::ParsePdf("A_RES_73_3-EN.pdf");
  ASSERT_TRUE(old_r.ok()) << old_r.status().message();
  Resolution new_r = *old_r;
  new_r.annex[5].text += " and strengthen it";  // a reworded declaration paragraph
  new_r.annex.erase(new_r.annex.begin() + 10);  // a removed one
  new_r.annexes[0].paragraph_count -= 1;
  const DiffResult d = DiffResolutions(*old_r, new_r);
  EXPECT_EQ(d.summary.reworded, 1u);
  EXPECT_EQ(d.summary.removed, 1u);
  EXPECT_EQ(d.summary.added, 0u);
  for (const Change& c : d.changes) {
    for (const ParagraphRef& f : c.from) {
      for (const ParagraphRef& t : c.to) EXPECT_EQ(f.section, t.section);
    }
    if (c.status == ChangeStatus::kReworded) {
      EXPECT_EQ(c.section, Section::kAnnex);
      ASSERT_EQ(c.to.size(), 1u);
      EXPECT_EQ(c.to[0].number, "5");
    }
  }
}

}  // namespace
}  // namespace recital

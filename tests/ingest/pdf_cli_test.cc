// PDFs through the `recital` commands: parse (the "annexes" and "session_code" keys), ingest
// of files and directories (*.pdf beside *.txt), cat giving back the exact bytes, verify,
// diff of two PDF files, and bad PDFs refused with nothing stored.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/ingest/pdf_make.h"
#include "tests/ingest/pdf_test_util.h"

namespace recital {
namespace {

using ::testing::HasSubstr;
using testing::RunRecital;

std::string Pdf(const std::string& file) { return testing::PdfCorpusDir() + "/" + file; }

TEST(PdfCliTest, ParseJsonCarriesTheAnnexedDeclaration) {
  RECITAL_REQUIRE_PDF_CORPUS();
  auto r = RunRecital({"parse", Pdf("A_RES_73_3-EN.pdf"), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["symbol"], "A/RES/73/3");
  EXPECT_EQ(j["layout"], "pdf");
  EXPECT_FALSE(j.contains("session_code"));
  ASSERT_TRUE(j.contains("annexes"));
  ASSERT_EQ(j["annexes"].size(), 1u);
  const auto& a = j["annexes"][0];
  EXPECT_EQ(a["title"],
            "Political declaration of the high-level meeting of the General Assembly on the fight "
            "against tuberculosis");
  ASSERT_EQ(a["paragraphs"].size(), 54u);
  const auto& first = a["paragraphs"][1];
  for (const char* key : {"number", "lead", "text", "footnotes"})
    EXPECT_TRUE(first.contains(key)) << key;
  EXPECT_EQ(first["number"], "1");
  EXPECT_EQ(first["footnotes"], nlohmann::json::array({1, 2}));
  EXPECT_THAT(first["text"].get<std::string>(), ::testing::StartsWith("Reaffirm the 2030 Agenda"));
  // The text form shows the annex too.
  auto text = RunRecital({"parse", Pdf("A_RES_73_3-EN.pdf")});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("\nAnnex: Political declaration of the high-level meeting"));
  EXPECT_THAT(text.out, HasSubstr("(54 paragraphs)"));
}

TEST(PdfCliTest, EmergencySpecialSessionHasASessionCodeAndNoRegularSession) {
  RECITAL_REQUIRE_PDF_CORPUS();
  auto r = RunRecital({"parse", Pdf("A_RES_ES-11_2-EN.pdf"), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["symbol"], "A/RES/ES-11/2");
  EXPECT_TRUE(j["session"].is_null());
  EXPECT_EQ(j["session_code"], "ES-11");
  EXPECT_FALSE(j.contains("annexes"));
  auto text = RunRecital({"parse", Pdf("A_RES_ES-11_2-EN.pdf")});
  EXPECT_THAT(text.out, HasSubstr("Session: ES-11\n"));
}

TEST(PdfCliTest, BadPdfsAreRefusedWithTheirReasonAndNothingIsStored) {
  testing::TempDir dir;
  const std::string encrypted = dir.str() + "/locked.pdf", scan = dir.str() + "/scan.pdf",
                    cut = dir.str() + "/cut.pdf";
  testing::PdfOptions locked;
  locked.encrypted = true;
  testing::WriteFile(encrypted, testing::MakePdf(testing::SampleResolutionPages(), locked));
  testing::PdfPageSpec image;
  image.image = true;
  testing::WriteFile(scan, testing::MakePdf({image}));
  const std::string whole = testing::MakePdf(testing::SampleResolutionPages());
  testing::WriteFile(cut, whole.substr(0, whole.size() / 2));

  auto parse = RunRecital({"parse", encrypted, scan, cut});
  EXPECT_EQ(parse.exit_code, 1) << parse.err;
  EXPECT_THAT(parse.err, HasSubstr(encrypted + ": encrypted PDF"));
  EXPECT_THAT(parse.err, HasSubstr(scan + ": PDF without a text layer"));
  EXPECT_THAT(parse.err, HasSubstr("needs OCR"));
  EXPECT_THAT(parse.err, HasSubstr(cut + ": truncated PDF"));

  const std::string archive = dir.str() + "/archive";
  auto ingest = RunRecital({"ingest", "--archive", archive, encrypted, scan, cut});
  EXPECT_EQ(ingest.exit_code, 1) << ingest.err;
  EXPECT_THAT(ingest.out, HasSubstr("3 files: 0 added, 0 new versions, 0 unchanged, 3 refused"));
  // Nothing stored, so no archive was made.
  EXPECT_FALSE(std::filesystem::exists(archive));
}

TEST(PdfCliTest, IngestTakesPdfsFromDirectoriesAndCatGivesBackTheExactBytes) {
  testing::TempDir dir;
  const std::string in = dir.str() + "/releases";
  std::filesystem::create_directories(in + "/sub");
  const std::string pdf = testing::MakePdf(testing::SampleResolutionPages());
  testing::WriteFile(in + "/sub/A_RES_78_999.pdf", pdf);
  testing::WriteFile(in + "/notes.md", "# not a release\n");
  const std::string archive = dir.str() + "/archive";
  auto ingest = RunRecital({"ingest", "--archive", archive, in});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_THAT(ingest.out, HasSubstr("1 files: 1 added"));
  EXPECT_THAT(ingest.err,
              HasSubstr("1 file in the directories given are not *.txt, *.pdf or *.akn.xml"));
  auto cat = RunRecital({"cat", "--archive", archive, "A/RES/78/999"});
  ASSERT_EQ(cat.exit_code, 0) << cat.err;
  EXPECT_TRUE(cat.out == pdf) << "cat returned " << cat.out.size() << " bytes, not the "
                              << pdf.size() << " of the PDF";
  auto verify = RunRecital({"verify", "--archive", archive});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto show = RunRecital({"show", "--archive", archive, "A/RES/78/999", "--format", "json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(nlohmann::json::parse(show.out)["layout"], "pdf");
  // The same bytes again are unchanged.
  auto again = RunRecital({"ingest", "--archive", archive, in + "/sub/A_RES_78_999.pdf"});
  EXPECT_THAT(again.out, HasSubstr("1 unchanged"));
}

TEST(PdfCliTest, CorpusPdfIngestsAndCatsBackByteForByte) {
  RECITAL_REQUIRE_PDF_CORPUS();
  testing::TempDir dir;
  const std::string archive = dir.str() + "/archive";
  auto ingest = RunRecital(
      {"ingest", "--archive", archive, Pdf("A_RES_ES-11_1-EN.pdf"), Pdf("A_RES_73_3-EN.pdf")});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  for (const auto& [symbol, file] : {std::pair{"A/RES/ES-11/1", "A_RES_ES-11_1-EN.pdf"},
                                     std::pair{"A/RES/73/3", "A_RES_73_3-EN.pdf"}}) {
    auto cat = RunRecital({"cat", "--archive", archive, symbol});
    ASSERT_EQ(cat.exit_code, 0) << cat.err;
    EXPECT_TRUE(cat.out == testing::ReadFile(Pdf(file))) << symbol;
  }
  auto show = RunRecital({"show", "--archive", archive, "A/RES/73/3", "--format", "json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto j = nlohmann::json::parse(show.out);
  ASSERT_TRUE(j.contains("annexes"));
  EXPECT_EQ(j["annexes"][0]["paragraphs"].size(), 54u);  // the annex survives the archive
  auto verify = RunRecital({"verify", "--archive", archive});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST(PdfCliTest, DiffOfTwoPdfFiles) {
  RECITAL_REQUIRE_PDF_CORPUS();
  auto r = RunRecital({"diff", Pdf("A_RES_78_62.pdf"), Pdf("A_RES_79_72.pdf"), "--format", "json"});
  ASSERT_EQ(r.exit_code, 1) << r.err;  // they differ
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["summary"]["unchanged"].get<int>(), 0);
  EXPECT_GT(j["summary"]["reworded"].get<int>(), 0);
}

}  // namespace
}  // namespace recital

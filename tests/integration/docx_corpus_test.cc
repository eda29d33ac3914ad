// The Word export over real releases: for consecutive releases of the corpus (text, then PDF;
// pairs of one series and pairs of unrelated resolutions alike), accepting every tracked
// change of the document gives exactly the newer record's text: its paragraphs in order, with
// their numbers and sub-paragraphs. Whatever the pairing found (moves, splits, merges, cut-off
// copies), nothing of the newer text is lost or doubled, and nothing of the older one stays.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "render/render.h"
#include "tests/docx_util.h"
#include "tests/ingest/pdf_test_util.h"

namespace recital {
namespace {

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

std::string Ordinal(uint32_t n) {
  const uint32_t tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13)
    suffix = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

std::string LongDate(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return std::to_string(std::stoi(iso.substr(8, 2))) + " " +
         kMonths[std::stoi(iso.substr(5, 2)) - 1] + " " + iso.substr(0, 4);
}

void AddParagraphs(const std::vector<Paragraph>& ps, std::vector<std::string>* out) {
  for (const Paragraph& p : ps) {
    out->push_back(p.number.empty() ? p.text : p.number + ".\t" + p.text);
    for (const SubParagraph& s : p.subparagraphs) {
      out->push_back(s.number.empty() ? s.text : s.number + "\t" + s.text);
    }
  }
}

// What the document reads as once every change is accepted (render.h, DiffDocx).
std::vector<std::string> Expected(const Resolution& from, const Resolution& to) {
  std::vector<std::string> out = {to.symbol};
  if (!from.title.empty() || !to.title.empty()) out.push_back(to.title);
  out.push_back("Changes from " + from.symbol + " to " + to.symbol +
                " as tracked changes (Recital)");
  out.push_back("The General Assembly,");
  AddParagraphs(to.preamble, &out);
  AddParagraphs(to.operative, &out);
  if (!from.annex.empty() || !to.annex.empty()) {
    out.push_back(to.annexes.empty() ? "Annex" : to.annexes.front().title);
  }
  AddParagraphs(to.annex, &out);
  if (from.meeting != 0 || to.meeting != 0) {
    out.push_back(to.meeting == 0 ? "" : Ordinal(to.meeting) + " plenary meeting");
  }
  if (!from.adoption_date.empty() || !to.adoption_date.empty()) {
    out.push_back(LongDate(to.adoption_date));
  }
  return out;
}

std::vector<Resolution> Parse(const std::vector<std::string>& files) {
  std::vector<Resolution> out;
  for (const std::string& file : files) {
    ParseOptions po;
    po.source_name = file;
    Result<Resolution> r = ParseRelease(testing::ReadFile(file), po);
    if (r.ok() && !r->symbol.empty()) out.push_back(std::move(*r));
  }
  return out;
}

TEST(DocxCorpusTest, AcceptingEveryChangeGivesTheNewerRecordsText) {
  RECITAL_REQUIRE_CORPUS();
  std::vector<std::vector<Resolution>> groups = {Parse(testing::CorpusFiles())};
  if (const std::string pdf = testing::PdfCorpusDir(); !pdf.empty()) {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(pdf)) {
      if (e.path().extension() == ".pdf") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    groups.push_back(Parse(files));
  }
  size_t pairs = 0, equal = 0;
  for (const std::vector<Resolution>& records : groups) {
    for (size_t i = 1; i < records.size(); ++i) {
      const Resolution& from = records[i - 1];
      const Resolution& to = records[i];
      SCOPED_TRACE(from.symbol + " -> " + to.symbol);
      Result<std::string> docx = render::DiffDocx(from, to, DiffResolutions(from, to));
      ASSERT_TRUE(docx.ok()) << docx.status().ToString();
      const std::vector<std::string> accepted = testing::ReviewedParagraphs(
          testing::DocxPart(*docx, "word/document.xml"), testing::Review::kAccept);
      const std::vector<std::string> expected = Expected(from, to);
      EXPECT_EQ(accepted, expected);
      ++pairs;
      equal += accepted == expected;
    }
  }
  std::printf("%zu pairs of corpus records: %zu read as the newer text once accepted\n", pairs,
              equal);
  EXPECT_GT(pairs, 0u);
}

}  // namespace
}  // namespace recital

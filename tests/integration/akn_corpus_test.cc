// Every release of the corpus (../shared/corpus/*.txt and pdf/*.pdf), parsed, exported to Akoma
// Ntoso, validates against the OASIS schema and reads back into the record it was written from:
// every field equal but raw_hash (the XML's own hash) and layout ("akn").
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "render/render.h"
#include "tests/akn_schema.h"
#include "tests/ingest/pdf_test_util.h"

namespace recital {
namespace {

std::string Refs(const std::vector<FootnoteRef>& refs) {
  std::string s;
  for (const FootnoteRef& f : refs) s += std::to_string(f.number) + "@" + std::to_string(f.byte_offset) + " ";
  return s;
}

// The first field in which a and b differ, "" when equal.
std::string FirstDifference(const Resolution& a, const Resolution& b) {
  if (a.symbol != b.symbol) return "symbol " + a.symbol + " / " + b.symbol;
  if (a.session != b.session || a.session_code != b.session_code) return "session";
  if (a.number != b.number) return "number";
  if (a.title != b.title) return "title: " + a.title + " / " + b.title;
  if (a.agenda_items != b.agenda_items) return "agenda_items";
  if (a.committee != b.committee) return "committee " + a.committee + " / " + b.committee;
  if (a.report != b.report) return "report";
  if (a.distribution_date != b.distribution_date || a.adoption_date != b.adoption_date) return "dates";
  if (a.meeting != b.meeting) return "meeting";
  const std::vector<Paragraph>* sections[][2] = {{&a.preamble, &b.preamble},
                                                 {&a.operative, &b.operative},
                                                 {&a.annex, &b.annex}};
  for (const auto& pair : sections) {
    if (pair[0]->size() != pair[1]->size()) {
      return "paragraph count " + std::to_string(pair[0]->size()) + " / " + std::to_string(pair[1]->size());
    }
    for (size_t i = 0; i < pair[0]->size(); ++i) {
      const Paragraph& p = (*pair[0])[i];
      const Paragraph& q = (*pair[1])[i];
      if (p.text != q.text) return "text of " + std::to_string(i) + ":\n  " + p.text + "\n  " + q.text;
      if (p.lead != q.lead) return "lead of " + std::to_string(i) + ": " + p.lead + " / " + q.lead;
      if (p.number != q.number) return "number of " + std::to_string(i);
      if (p.footnotes != q.footnotes) return "footnotes of " + std::to_string(i) + ": " + Refs(p.footnotes) + "/ " + Refs(q.footnotes);
      if (p.subparagraphs != q.subparagraphs) return "sub-paragraphs of " + std::to_string(i);
      if (p.section != q.section) return "section of " + std::to_string(i);
    }
  }
  if (a.annexes != b.annexes) return "annexes";
  if (a.footnotes != b.footnotes) return "footnotes";
  if (a.citations != b.citations) return "citations";
  if (a.documents != b.documents) return "documents";
  if (a.language != b.language) return "language " + a.language + " / " + b.language;
  if (a.warnings != b.warnings) return "warnings";
  if (a.truncated_end != b.truncated_end || a.starts_mid_document != b.starts_mid_document) return "partial-copy flags";
  if (a.parser_version != b.parser_version) return "parser_version";
  if (!(a == b)) return "another field";
  return "";
}

std::vector<std::string> CorpusReleases() {
  std::vector<std::string> files = testing::CorpusFiles();
  const std::string pdf = testing::PdfCorpusDir();
  if (!pdf.empty()) {
    std::vector<std::string> pdfs;
    for (const auto& e : std::filesystem::directory_iterator(pdf)) {
      if (e.path().extension() == ".pdf") pdfs.push_back(e.path().string());
    }
    std::sort(pdfs.begin(), pdfs.end());
    files.insert(files.end(), pdfs.begin(), pdfs.end());
  }
  return files;
}

// One test for the whole corpus: each release is read once (the sanitizer build pays for every
// PDF parse).
TEST(AknCorpusTest, EveryRecordExportsValidAknThatReadsBackEqual) {
  RECITAL_REQUIRE_CORPUS();
  const testing::AknSchema& schema = testing::AknSchema::Get();
  if (!schema.available()) std::fprintf(stderr, "%s\n", schema.MissingMessage().c_str());
  size_t exported = 0, valid = 0, equal = 0, pdfs = 0;
  for (const std::string& file : CorpusReleases()) {
    SCOPED_TRACE(file);
    ParseOptions po;
    po.source_name = file;
    Result<Resolution> r = ParseRelease(testing::ReadFile(file), po);
    if (!r.ok()) continue;  // refused releases (the corpus holds a few non-resolutions)
    pdfs += r->layout == "pdf";
    const std::string xml = render::AknXml(*r);
    ++exported;
    if (schema.available()) {
      const std::string errors = schema.Validate(xml);
      EXPECT_EQ(errors, "");
      valid += errors.empty();
    }
    ParseOptions back_options;
    back_options.source_name = file + ".akn.xml";
    Result<Resolution> back = ParseRelease(xml, back_options);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->layout, "akn");
    EXPECT_EQ(back->raw_hash, HashBytes(xml));
    back->layout = r->layout;
    back->raw_hash = r->raw_hash;
    const std::string difference = FirstDifference(*r, *back);
    EXPECT_EQ(difference, "");
    equal += difference.empty();
  }
  std::printf("exported %zu records (%zu from PDFs): %zu valid, %zu read back equal\n", exported,
              pdfs, valid, equal);
  EXPECT_GT(exported, 0u);
  if (schema.available()) {
    EXPECT_EQ(valid, exported);
  }
  EXPECT_EQ(equal, exported);
}

}  // namespace
}  // namespace recital

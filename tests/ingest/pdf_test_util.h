// Helpers for the PDF tests: the corpus of official PDFs (../shared/corpus/pdf, read in place,
// never copied) and its SOURCES.tsv.
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace recital::testing {

struct PdfSource {
  std::string file;     // "A_RES_78_8.pdf"
  std::string symbol;   // "A/RES/78/8"
  std::string session;  // "78", "ES-11"
  std::string series;   // "s052", "" when in no series
};

// ../shared/corpus/pdf, or "" when absent.
inline std::string PdfCorpusDir() {
  const std::string dir = CorpusDir();
  if (dir.empty()) return "";
  const std::string pdf = dir + "/pdf";
  return std::filesystem::exists(pdf + "/SOURCES.tsv") ? pdf : "";
}

// SOURCES.tsv rows in file order; empty when the corpus is absent.
inline std::vector<PdfSource> PdfSources() {
  std::vector<PdfSource> out;
  const std::string dir = PdfCorpusDir();
  if (dir.empty()) return out;
  std::istringstream in(ReadFile(dir + "/SOURCES.tsv"));
  std::string line;
  std::getline(in, line);  // header: file symbol session source_repository series ...
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string cell;
    std::istringstream cells(line);
    while (std::getline(cells, cell, '\t')) f.push_back(cell);
    if (f.size() < 3) continue;
    out.push_back({f[0], f[1], f[2], f.size() > 4 ? f[4] : ""});
  }
  return out;
}

inline Result<Resolution> ParsePdf(const std::string& file) {
  ParseOptions opts;
  opts.source_name = file;
  return ParseRelease(ReadFile(PdfCorpusDir() + "/" + file), opts);
}

}  // namespace recital::testing

namespace recital {
// Readable gtest failures for the record's small structs.
inline void PrintTo(const FootnoteRef& f, std::ostream* os) {
  *os << "{" << f.number << " @" << f.byte_offset << "}";
}
inline void PrintTo(const Footnote& f, std::ostream* os) {
  *os << "{" << f.number << ", \"" << f.text << "\"}";
}
}  // namespace recital

#define RECITAL_REQUIRE_PDF_CORPUS()                                          \
  do {                                                                        \
    if (::recital::testing::PdfCorpusDir().empty())                           \
      GTEST_SKIP() << "no PDF corpus at ../shared/corpus/pdf (SOURCES.tsv): " \
                   << ::recital::testing::CorpusMissingMessage();             \
  } while (0)

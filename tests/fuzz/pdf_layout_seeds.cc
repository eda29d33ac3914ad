// Writes seeds for pdf_layout_fuzz: the boxes of the first page of each PDF named, as
// EncodePdfText bytes, cut to at most MAX_BYTES (default 20000) at a box boundary.
//   pdf_layout_seeds OUT_DIR FILE.pdf... [--max-bytes N]
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/pdf_internal.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: pdf_layout_seeds OUT_DIR FILE.pdf... [--max-bytes N]\n");
    return 2;
  }
  const std::string out_dir = argv[1];
  size_t max_bytes = 20000;
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--max-bytes" && i + 1 < argc) {
      max_bytes = std::stoul(argv[++i]);
    } else {
      files.push_back(a);
    }
  }
  int written = 0;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    recital::Result<recital::ingest::PdfText> t = recital::ingest::ExtractPdfText(ss.str(), f);
    if (!t.ok()) {
      std::fprintf(stderr, "%s\n", t.status().message().c_str());
      continue;
    }
    recital::ingest::PdfText first;
    first.pages.assign(t->pages.begin(), t->pages.begin() + (t->pages.empty() ? 0 : 1));
    for (const recital::ingest::PdfBox& b : t->boxes) {
      if (b.page != 0) break;
      first.boxes.push_back(b);
      if (recital::ingest::EncodePdfText(first).size() > max_bytes) {
        first.boxes.pop_back();
        break;
      }
    }
    const std::string name = out_dir + "/" + f.substr(f.rfind('/') + 1) + ".boxes";
    std::ofstream(name, std::ios::binary) << recital::ingest::EncodePdfText(first);
    ++written;
  }
  std::fprintf(stderr, "pdf_layout_seeds: %d seeds\n", written);
  return written > 0 ? 0 : 1;
}

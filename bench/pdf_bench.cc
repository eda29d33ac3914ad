// PDF releases in process (no process start-up): BM_PdfParse is ParseRelease over every PDF of
// ../shared/corpus/pdf in turn, reporting pages/s (items) and MB/s (bytes); BM_PdfExtract is
// the poppler half alone (bytes -> boxes), BM_PdfLayout the layout half alone (boxes ->
// record, on boxes extracted beforehand). bench/pdf_bench.sh sets these beside pdftotext.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/pdf_internal.h"

namespace {

struct PdfFile {
  std::string bytes;
  bool extracted = false;
  recital::ingest::PdfText boxes;  // extracted on first use, outside the timed part
};

// The PDFs' bytes (read once); boxes are extracted file by file as iterations reach them, so
// a short run (bench/run --smoke) reads only the few files it times.
std::vector<PdfFile>& Corpus() {
  static std::vector<PdfFile> files = [] {
    std::vector<PdfFile> out;
    const std::filesystem::path dir = std::filesystem::path(RECITAL_CORPUS_DIR) / "pdf";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return out;
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() == ".pdf") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      out.push_back({ss.str(), false, {}});
    }
    return out;
  }();
  return files;
}

template <typename Fn>
void RunOverCorpus(benchmark::State& state, Fn&& fn) {
  std::vector<PdfFile>& corpus = Corpus();
  if (corpus.empty()) {
    state.SkipWithError("no PDFs at " RECITAL_CORPUS_DIR "/pdf");
    return;
  }
  size_t i = 0, bytes = 0, pages = 0;
  for (auto _ : state) {
    PdfFile& f = corpus[i++ % corpus.size()];
    if (!f.extracted) {
      state.PauseTiming();
      auto boxes = recital::ingest::ExtractPdfText(f.bytes, "bench");
      if (boxes.ok()) f.boxes = std::move(*boxes);
      f.extracted = true;
      state.ResumeTiming();
    }
    fn(f);
    bytes += f.bytes.size();
    pages += f.boxes.pages.size();
  }
  state.SetBytesProcessed(int64_t(bytes));
  state.SetItemsProcessed(int64_t(pages));  // items/s = pages/s
}

void BM_PdfParse(benchmark::State& state) {
  RunOverCorpus(state, [](const PdfFile& f) {
    auto r = recital::ParseRelease(f.bytes);
    benchmark::DoNotOptimize(r);
  });
}
BENCHMARK(BM_PdfParse)->Unit(benchmark::kMillisecond);

void BM_PdfExtract(benchmark::State& state) {
  RunOverCorpus(state, [](const PdfFile& f) {
    auto r = recital::ingest::ExtractPdfText(f.bytes, "bench");
    benchmark::DoNotOptimize(r);
  });
}
BENCHMARK(BM_PdfExtract)->Unit(benchmark::kMillisecond);

void BM_PdfLayout(benchmark::State& state) {
  RunOverCorpus(state, [](const PdfFile& f) {
    auto r = recital::ingest::LayoutPdfResolution(f.boxes, "bench");
    benchmark::DoNotOptimize(r);
  });
}
BENCHMARK(BM_PdfLayout)->Unit(benchmark::kMillisecond);

}  // namespace

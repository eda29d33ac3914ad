// BM_Parse: ParseRelease over every file of the real corpus (../shared/corpus), one file per
// iteration in turn; reports bytes/s (SetBytesProcessed). BM_ParseReference: the 10 KB ODS
// reference document alone.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace {

std::vector<std::string> LoadCorpus() {
  std::vector<std::string> texts;
  std::error_code ec;
  if (!std::filesystem::is_directory(RECITAL_CORPUS_DIR, ec)) return texts;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(RECITAL_CORPUS_DIR)) {
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  return texts;
}

void BM_Parse(benchmark::State& state) {
  static const std::vector<std::string> corpus = LoadCorpus();
  if (corpus.empty()) {
    state.SkipWithError("corpus not found at " RECITAL_CORPUS_DIR);
    return;
  }
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& text = corpus[i++ % corpus.size()];
    auto r = recital::ParseRelease(text);
    benchmark::DoNotOptimize(r);
    bytes += text.size();
  }
  state.SetBytesProcessed(int64_t(bytes));
  state.SetItemsProcessed(int64_t(state.iterations()));
}
BENCHMARK(BM_Parse);

void BM_ParseReference(benchmark::State& state) {
  std::ifstream in(std::string(RECITAL_CORPUS_DIR) + "/A-RES-54-144.ods.txt", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  if (text.empty()) {
    state.SkipWithError("reference document not found");
    return;
  }
  for (auto _ : state) {
    auto r = recital::ParseRelease(text);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
}
BENCHMARK(BM_ParseReference);

}  // namespace

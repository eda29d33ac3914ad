// BM_Parse: ParseRelease over every file of the real corpus (../shared/corpus), one file per
// iteration in turn; reports bytes/s (SetBytesProcessed). BM_ParseReference: the 10 KB ODS
// reference document alone. BM_ParseGenerated/ods and /unorg: generated releases (4 series x
// 25 sessions, as bench/large_corpus.sh makes them), one per iteration in turn.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gen/gen.h"
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

std::vector<std::string> Generated(const std::string& layout) {
  recital::gen::GenOptions opt;
  opt.seed = 1;
  opt.series = 4;
  opt.sessions = 25;
  opt.layout = layout;
  std::vector<std::string> texts;
  auto r = recital::gen::GenerateSeriesVector(opt);
  if (!r.ok()) return texts;
  for (auto& rel : *r) texts.push_back(std::move(rel.text));
  return texts;
}

const std::vector<std::string>& GeneratedTexts(const std::string& layout) {
  static const std::vector<std::string> ods = Generated("ods");
  static const std::vector<std::string> unorg = Generated("unorg");
  return layout == "ods" ? ods : unorg;
}

void BM_ParseGenerated(benchmark::State& state, const std::string& layout) {
  const std::vector<std::string>& texts = GeneratedTexts(layout);
  if (texts.empty()) {
    state.SkipWithError("generator failed");
    return;
  }
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& text = texts[i++ % texts.size()];
    auto r = recital::ParseRelease(text);
    benchmark::DoNotOptimize(r);
    bytes += text.size();
  }
  state.SetBytesProcessed(int64_t(bytes));
  state.SetItemsProcessed(int64_t(state.iterations()));
}
BENCHMARK_CAPTURE(BM_ParseGenerated, ods, std::string("ods"));
BENCHMARK_CAPTURE(BM_ParseGenerated, unorg, std::string("unorg"));

}  // namespace

// Diff engine micro benchmarks: pairing two ~10 KB resolutions, the word diff of one paragraph
// pair, a whole 30-session series, and the generator. Inputs are generated (seeded from the
// real 54/144 when the corpus is there) and prepared outside the timed loops.
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "gen/gen.h"
#include "diff/diff.h"
#include "ingest/ingest.h"

namespace recital {
namespace {

std::string ReadAll(const std::string& path) {
  std::string out;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

// A 30-session series seeded from A/RES/54/144 (~10 KB each), parsed by the real parser.
const std::vector<Resolution>& Series30() {
  static const std::vector<Resolution> records = [] {
    std::vector<Resolution> out;
    Resolution seed;
    gen::GenOptions opt;
    opt.seed = 54144;
    opt.sessions = 30;
    std::string text = ReadAll(std::string(RECITAL_CORPUS_DIR) + "/A-RES-54-144.ods.txt");
    if (!text.empty()) {
      auto parsed = ParseRelease(text);
      if (parsed.ok()) {
        seed = *parsed;
        opt.seed_record = &seed;
      }
    }
    auto rel = gen::GenerateSeriesVector(opt);
    if (!rel.ok()) return out;
    for (const auto& r : *rel) {
      auto parsed = ParseRelease(r.text);
      out.push_back(parsed.ok() ? *parsed : r.truth_record);
    }
    return out;
  }();
  return records;
}

void BM_DiffResolutionsPair(benchmark::State& state) {
  const auto& s = Series30();
  if (s.size() < 2) return state.SkipWithError("no series");
  for (auto _ : state) benchmark::DoNotOptimize(DiffResolutions(s[0], s[1]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DiffResolutionsPair);

void BM_DiffResolutionsIdentical(benchmark::State& state) {
  const auto& s = Series30();
  if (s.empty()) return state.SkipWithError("no series");
  for (auto _ : state) benchmark::DoNotOptimize(DiffResolutions(s[0], s[0]));
}
BENCHMARK(BM_DiffResolutionsIdentical);

void BM_DiffSeries30Sessions(benchmark::State& state) {
  const auto& s = Series30();
  for (auto _ : state) {
    for (size_t i = 1; i < s.size(); ++i) benchmark::DoNotOptimize(DiffResolutions(s[i - 1], s[i]));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(s.size() - 1));
}
BENCHMARK(BM_DiffSeries30Sessions)->Unit(benchmark::kMillisecond);

// Prepared forms (diff.h: PrepareResolution, DiffPrepared). Read each row as a ratio against
// BM_DiffResolutionsPair / BM_DiffSeries30Sessions of the same run:
//   BM_PrepareResolution          preparing one side alone;
//   BM_DiffPreparedPair           both sides prepared outside the loop (pairing + classification);
//   BM_DiffPreparedOneSidePair    the older side prepared outside, the newer prepared in the loop:
//                                 what a series walk pays per pair when each release is prepared
//                                 once, as the newer member of one pair and the older of the next;
//   BM_DiffSeries30SessionsPrepared  the 30-session walk with each release prepared once.
void BM_PrepareResolution(benchmark::State& state) {
  const auto& s = Series30();
  if (s.size() < 2) return state.SkipWithError("no series");
  for (auto _ : state) benchmark::DoNotOptimize(PrepareResolution(s[1]));
}
BENCHMARK(BM_PrepareResolution);

void BM_DiffPreparedPair(benchmark::State& state) {
  const auto& s = Series30();
  if (s.size() < 2) return state.SkipWithError("no series");
  const PreparedResolution a = PrepareResolution(s[0]), b = PrepareResolution(s[1]);
  for (auto _ : state) benchmark::DoNotOptimize(DiffPrepared(a, b));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DiffPreparedPair);

void BM_DiffPreparedOneSidePair(benchmark::State& state) {
  const auto& s = Series30();
  if (s.size() < 2) return state.SkipWithError("no series");
  const PreparedResolution a = PrepareResolution(s[0]);
  for (auto _ : state) benchmark::DoNotOptimize(DiffPrepared(a, PrepareResolution(s[1])));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DiffPreparedOneSidePair);

void BM_DiffSeries30SessionsPrepared(benchmark::State& state) {
  const auto& s = Series30();
  if (s.size() < 2) return state.SkipWithError("no series");
  for (auto _ : state) {
    PreparedResolution older = PrepareResolution(s[0]);
    for (size_t i = 1; i < s.size(); ++i) {
      PreparedResolution newer = PrepareResolution(s[i]);
      benchmark::DoNotOptimize(DiffPrepared(older, newer));
      older = std::move(newer);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(s.size() - 1));
}
BENCHMARK(BM_DiffSeries30SessionsPrepared)->Unit(benchmark::kMillisecond);

void BM_DiffWordsParagraph(benchmark::State& state) {
  const std::string a =
      "Calls upon the Governments of the countries of the region, in cooperation with the Office "
      "of the United Nations High Commissioner for Refugees and the International Organization for "
      "Migration, to strengthen their efforts and mutual cooperation relating to the follow-up to "
      "the regional conference, and welcomes the positive results achieved by them;";
  const std::string b =
      "Calls upon all Governments of the region, in close cooperation with the Office of the High "
      "Commissioner and the International Organization for Migration, to further strengthen their "
      "efforts relating to the follow-up to the regional conference after 2000, and notes with "
      "concern the limited results achieved by them so far;";
  for (auto _ : state) benchmark::DoNotOptimize(DiffWords(a, b));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(a.size() + b.size()));
}
BENCHMARK(BM_DiffWordsParagraph);

void BM_Similarity(benchmark::State& state) {
  const std::string a = "Reaffirming the view of the Conference that the primary responsibility for "
                        "tackling population displacement lies with the affected countries,";
  const std::string b = "Reaffirming also the view of the Conference that the responsibility for "
                        "tackling displacement problems lies primarily with the countries concerned,";
  for (auto _ : state) benchmark::DoNotOptimize(Similarity(a, b));
}
BENCHMARK(BM_Similarity);

void BM_GenerateReleases(benchmark::State& state) {
  gen::GenOptions opt;
  opt.series = static_cast<uint32_t>(state.range(0) / 10);
  opt.sessions = 10;
  for (auto _ : state) {
    size_t bytes = 0;
    Status st = gen::GenerateSeries(opt, [&](gen::GeneratedRelease&& r) {
      bytes += r.text.size();
      return Status::Ok();
    });
    benchmark::DoNotOptimize(bytes);
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_GenerateReleases)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace recital

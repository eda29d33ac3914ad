// Micro-benchmarks for the two per-release costs of ingest besides parsing: the XXH3-128
// content hash (recital::HashBytes) and zstd compression, alone and with the previous session
// as a raw-content dictionary (how the store compresses a new version against its base).
// Input: generated releases (gen/, fixed seed), so the numbers need no corpus.
#define ZSTD_STATIC_LINKING_ONLY  // raw-content dictionaries (exported by libzstd1)
#include <benchmark/benchmark.h>
#include <zstd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "gen/gen.h"
#include "schema/schema.h"

namespace {

// 10 series x 20 sessions, in series order (session k follows session k-1 of its series).
const std::vector<recital::gen::GeneratedRelease>& Releases() {
  static const std::vector<recital::gen::GeneratedRelease> releases = [] {
    recital::gen::GenOptions opt;
    opt.seed = 8;
    opt.series = 10;
    opt.sessions = 20;
    auto r = recital::gen::GenerateSeriesVector(opt);
    if (!r.ok()) {
      std::fprintf(stderr, "hash_compress_bench: generator failed: %s\n",
                   r.status().message().c_str());
      std::abort();
    }
    return std::move(r).value();
  }();
  return releases;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const auto& r : Releases()) n += r.text.size();
  return n;
}

void BM_Hash(benchmark::State& state) {
  const auto& releases = Releases();
  for (auto _ : state) {
    for (const auto& r : releases) benchmark::DoNotOptimize(recital::HashBytes(r.text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * releases.size()));
}
BENCHMARK(BM_Hash);

// Arg: zstd level. Reports the compressed/original ratio as a counter.
void BM_Compress(benchmark::State& state) {
  const auto& releases = Releases();
  const int level = static_cast<int>(state.range(0));
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  std::string out;
  size_t compressed = 0;
  for (auto _ : state) {
    compressed = 0;
    for (const auto& r : releases) {
      out.resize(ZSTD_compressBound(r.text.size()));
      size_t n = ZSTD_compressCCtx(cctx, out.data(), out.size(), r.text.data(), r.text.size(),
                                   level);
      if (ZSTD_isError(n)) state.SkipWithError(ZSTD_getErrorName(n));
      compressed += n;
    }
  }
  ZSTD_freeCCtx(cctx);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * releases.size()));
  state.counters["ratio"] = static_cast<double>(compressed) / static_cast<double>(TotalBytes());
}
BENCHMARK(BM_Compress)->Arg(3)->Arg(19);

// Level 3 with the previous release of the same series as a raw-content dictionary (the first
// of each series alone), the way the store keeps a new version: dictionary set-up included.
void BM_CompressWithBase(benchmark::State& state) {
  const auto& releases = Releases();
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  std::string out;
  size_t compressed = 0;
  for (auto _ : state) {
    compressed = 0;
    for (size_t i = 0; i < releases.size(); ++i) {
      const std::string& text = releases[i].text;
      out.resize(ZSTD_compressBound(text.size()));
      size_t n;
      if (i > 0 && releases[i - 1].series_index == releases[i].series_index) {
        const std::string& base = releases[i - 1].text;
        ZSTD_CDict* cdict = ZSTD_createCDict_advanced(
            base.data(), base.size(), ZSTD_dlm_byRef, ZSTD_dct_rawContent,
            ZSTD_getCParams(3, 0, base.size()), ZSTD_defaultCMem);
        n = ZSTD_compress_usingCDict(cctx, out.data(), out.size(), text.data(), text.size(),
                                     cdict);
        ZSTD_freeCDict(cdict);
      } else {
        n = ZSTD_compressCCtx(cctx, out.data(), out.size(), text.data(), text.size(), 3);
      }
      if (ZSTD_isError(n)) state.SkipWithError(ZSTD_getErrorName(n));
      compressed += n;
    }
  }
  ZSTD_freeCCtx(cctx);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * releases.size()));
  state.counters["ratio"] = static_cast<double>(compressed) / static_cast<double>(TotalBytes());
}
BENCHMARK(BM_CompressWithBase);

void BM_Decompress(benchmark::State& state) {
  const auto& releases = Releases();
  std::vector<std::string> frames;
  for (const auto& r : releases) {
    std::string f(ZSTD_compressBound(r.text.size()), '\0');
    size_t n = ZSTD_compress(f.data(), f.size(), r.text.data(), r.text.size(), 3);
    f.resize(ZSTD_isError(n) ? 0 : n);
    frames.push_back(std::move(f));
  }
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  std::string out;
  for (auto _ : state) {
    for (size_t i = 0; i < frames.size(); ++i) {
      out.resize(releases[i].text.size());
      size_t n = ZSTD_decompressDCtx(dctx, out.data(), out.size(), frames[i].data(),
                                     frames[i].size());
      if (ZSTD_isError(n)) state.SkipWithError(ZSTD_getErrorName(n));
    }
  }
  ZSTD_freeDCtx(dctx);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * releases.size()));
}
BENCHMARK(BM_Decompress);

}  // namespace

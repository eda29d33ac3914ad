// recital_postings_estimate: what the word index (store/FORMAT.md "words") would cost if a
// posting named every document using a wording, not only the one that stored it first, the
// index change `recital grep -l` of a common word would need to answer from postings alone.
// Reads an archive (read-only), rebuilds both posting maps in memory from its records and
// encodes them as the words database would hold them (EncodeWordIndex: same keys, chunks and
// value encoding), without writing anything.
//
//   recital_postings_estimate ARCHIVE [WORD...]
//
// Prints, for the index as it is (first use, WordPostingsBuilder) and for postings of every
// use (every version of every document, each wording's keys: ParagraphPostingKeys of format
// 5), the keys, postings, encoded key + value bytes; then per WORD its posted documents both
// ways and the time to decode its postings (the every-use map) and to list every document
// (Archive::ListDocuments: an upper bound of mapping numbers to symbols and versions).
// Documents are numbered by (first ingest time, session, number, symbol): ingest order for a
// corpus ingested in one run sorted by file name (bench/large_corpus.sh names).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "store/migration.h"
#include "store/store.h"
#include "store/words.h"

namespace {

using recital::Paragraph;
using recital::Status;
namespace store = recital::store;

struct Totals {
  size_t keys = 0, entries = 0, postings = 0, bytes = 0;
};

Totals Measure(const std::map<std::string, std::vector<uint32_t>>& postings) {
  Totals t;
  t.keys = postings.size();
  for (const auto& [k, v] : postings) t.postings += v.size();
  for (const auto& [k, v] : store::EncodeWordIndex(postings)) {
    ++t.entries;
    t.bytes += k.size() + v.size();
  }
  return t;
}

void Print(const char* what, const Totals& t) {
  std::printf("%-28s keys %zu  chunk entries %zu  postings %zu  key+value bytes %zu\n", what,
              t.keys, t.entries, t.postings, t.bytes);
}

double Ms(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs("usage: recital_postings_estimate ARCHIVE [WORD...]\n", stderr);
    return 2;
  }
  store::OpenOptions options;
  options.read_only = true;
  auto archive = store::Archive::Open(argv[1], options);
  if (!archive.ok()) {
    std::fprintf(stderr, "recital_postings_estimate: %s\n", archive.status().message().c_str());
    return 2;
  }
  auto docs = (*archive)->ListDocuments();
  if (!docs.ok()) {
    std::fprintf(stderr, "recital_postings_estimate: %s\n", docs.status().message().c_str());
    return 2;
  }
  std::sort(docs->begin(), docs->end(), [](const store::Document& a, const store::Document& b) {
    const auto& x = a.versions.front();
    const auto& y = b.versions.front();
    return std::tie(x.ingest_time, x.session, x.number, a.symbol) <
           std::tie(y.ingest_time, y.session, y.number, b.symbol);
  });
  store::WordPostingsBuilder first_use(store::kWordPairsFormat);
  std::map<std::string, std::vector<uint32_t>> every_use;
  size_t versions = 0, paragraphs = 0;
  for (size_t i = 0; i < docs->size(); ++i) {
    const store::Document& d = (*docs)[i];
    const auto n = static_cast<uint32_t>(i + 1);
    for (const store::DocumentVersion& v : d.versions) {
      auto r = (*archive)->GetResolution(d.symbol, v.version);
      if (!r.ok()) {
        std::fprintf(stderr, "recital_postings_estimate: %s\n", r.status().message().c_str());
        return 2;
      }
      ++versions;
      for (const auto* list : {&r->preamble, &r->operative, &r->annex}) {
        for (const Paragraph& p : *list) {
          ++paragraphs;
          Paragraph w;
          w.lead = p.lead;
          w.text = p.text;
          for (const auto& sub : p.subparagraphs) w.subparagraphs.push_back({sub.number, sub.text, {}});
          first_use.Add(n, recital::WordingHash(w), w);
          for (const auto& key : store::ParagraphPostingKeys(w, store::kWordPairsFormat)) {
            auto& numbers = every_use[key];
            if (numbers.empty() || numbers.back() != n) numbers.push_back(n);
          }
        }
      }
    }
  }
  auto first = std::move(first_use).Finish();
  std::printf("documents %zu  versions %zu  paragraphs %zu\n", docs->size(), versions, paragraphs);
  Print("first use (as indexed)", Measure(first));
  Print("every use (proposed)", Measure(every_use));
  for (int a = 2; a < argc; ++a) {
    std::string key = store::NormalizeWordForIndex(argv[a]);
    auto f = first.find(key);
    auto e = every_use.find(key);
    size_t nf = f == first.end() ? 0 : f->second.size();
    size_t ne = e == every_use.end() ? 0 : e->second.size();
    // The query side: decode the word's chunks from their encoding, and list the documents.
    std::map<std::string, std::vector<uint32_t>> one;
    if (e != every_use.end()) one.emplace(key, e->second);
    auto encoded = store::EncodeWordIndex(one);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<uint32_t> decoded;
    for (const auto& [k, v] : encoded) {
      std::string_view word;
      uint32_t chunk = 0;
      if (!store::ParseWordChunkKey(k, &word, &chunk) || !store::DecodeWordChunk(v, chunk, &decoded)) {
        std::fprintf(stderr, "recital_postings_estimate: does not decode\n");
        return 2;
      }
    }
    auto t1 = std::chrono::steady_clock::now();
    auto listed = (*archive)->ListDocuments();
    auto t2 = std::chrono::steady_clock::now();
    size_t value_bytes = 0;
    for (const auto& [k, v] : encoded) value_bytes += v.size();
    std::printf("%s: posted first use %zu, every use %zu documents (%zu chunks, %zu value bytes); "
                "decode %.3f ms, ListDocuments %.3f ms (%zu)\n",
                argv[a], nf, ne, encoded.size(), value_bytes, Ms(t0, t1), Ms(t1, t2),
                listed.ok() ? listed->size() : 0);
  }
  return 0;
}

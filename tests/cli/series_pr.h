// Pairwise precision and recall of a series grouping against a truth (the series columns of the
// corpora's SOURCES.tsv): over every pair of symbols the truth names, a pair is a true positive
// when both are in one truth series and one detected series.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace recital::testing {

struct PairCounts {
  size_t tp = 0, fp = 0, fn = 0;
  double precision() const { return double(tp) / double(tp + fp); }
  double recall() const { return double(tp) / double(tp + fn); }
};

// truth: symbol -> truth series; detected: symbol -> detected series key (symbols missing from
// it are in no series).
inline PairCounts CountSeriesPairs(const std::map<std::string, std::string>& truth,
                                   const std::map<std::string, std::string>& detected) {
  std::vector<std::string> symbols;
  for (const auto& [sym, series] : truth) symbols.push_back(sym);
  auto together = [&](const std::string& a, const std::string& b) {
    auto ia = detected.find(a), ib = detected.find(b);
    return ia != detected.end() && ib != detected.end() && ia->second == ib->second;
  };
  PairCounts c;
  for (size_t i = 0; i < symbols.size(); ++i) {
    for (size_t j = i + 1; j < symbols.size(); ++j) {
      const bool same = truth.at(symbols[i]) == truth.at(symbols[j]);
      const bool found = together(symbols[i], symbols[j]);
      c.tp += same && found;
      c.fp += !same && found;
      c.fn += same && !found;
    }
  }
  return c;
}

}  // namespace recital::testing

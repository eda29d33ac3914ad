// Precision and recall of the diff engine against generated series with known edits. The truth
// is the generator's own (gen/gen.h: what it did, unambiguous by its own measure of wording,
// never filtered by the diff), so this measures the diff and not the diff against itself.
// ACCURACY_VERBOSE=1 prints every miss with both records.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "gen/gen.h"
#include "diff/diff.h"
#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace recital {
namespace {

struct Counts {
  size_t tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp == 0 ? 1.0 : double(tp) / double(tp + fp); }
  double Recall() const { return tp + fn == 0 ? 1.0 : double(tp) / double(tp + fn); }
};

std::string Refs(const std::vector<gen::TruthRef>& v) {
  std::string s;
  for (const auto& r : v) s += std::string(SectionName(r.section)) + ":" + std::to_string(r.index) + " ";
  return s;
}
std::string Refs(const std::vector<ParagraphRef>& v) {
  std::string s;
  for (const auto& r : v) s += std::string(SectionName(r.section)) + ":" + std::to_string(r.index) + " ";
  return s;
}

// Category -> set of "from|to" keys.
using Keyed = std::map<std::string, std::set<std::string>>;

Keyed TruthKeys(const std::vector<gen::TruthChange>& changes) {
  Keyed k;
  for (const auto& c : changes) {
    std::string key = Refs(c.from) + "|" + Refs(c.to);
    if (c.status != "unchanged") k[c.status].insert(key);
    if (c.moved) k["moved"].insert(key);
    if (c.lead_changed) k["lead_changed"].insert(key);
  }
  return k;
}

Keyed DetectedKeys(const DiffResult& d) {
  Keyed k;
  for (const auto& c : d.changes) {
    std::string key = Refs(c.from) + "|" + Refs(c.to);
    if (c.status != ChangeStatus::kUnchanged) k[ChangeStatusName(c.status)].insert(key);
    if (c.moved) k["moved"].insert(key);
    if (c.lead_changed) k["lead_changed"].insert(key);
  }
  return k;
}

const std::vector<std::string> kCategories = {"reworded", "added", "removed", "split",
                                              "merged", "moved", "lead_changed"};

// Both sides of a pair, paragraph by paragraph, for reading a miss (ACCURACY_VERBOSE).
void PrintPair(const Resolution& from, const Resolution& to) {
  for (const auto& [side, r] : {std::pair{"old", &from}, std::pair{"new", &to}}) {
    for (const auto* v : {&r->preamble, &r->operative}) {
      for (size_t k = 0; k < v->size(); ++k) {
        std::printf("  %s %s:%zu %s\n", side, SectionName((*v)[k].section), k, (*v)[k].text.c_str());
      }
    }
  }
}

// Runs the diff over consecutive releases; parse=true diffs what the real parser reads from the
// generated text, else the truth records.
std::map<std::string, Counts> Evaluate(const gen::GenOptions& opt, bool parse, size_t* pairs,
                                       bool verbose = false) {
  std::map<std::string, Counts> counts;
  auto releases = gen::GenerateSeriesVector(opt);
  EXPECT_TRUE(releases.ok());
  if (!releases.ok()) return counts;
  std::vector<Resolution> records;
  for (const auto& r : *releases) {
    if (parse) {
      auto parsed = ParseRelease(r.text);
      EXPECT_TRUE(parsed.ok()) << r.filename;
      records.push_back(parsed.ok() ? *parsed : Resolution{});
    } else {
      records.push_back(r.truth_record);
    }
  }
  for (size_t i = 1; i < releases->size(); ++i) {
    const auto& rel = (*releases)[i];
    if (rel.previous_symbol.empty()) continue;
    ++*pairs;
    DiffResult d = DiffResolutions(records[i - 1], records[i]);
    Keyed truth = TruthKeys(rel.changes), got = DetectedKeys(d);
    if (verbose && truth != got) PrintPair(records[i - 1], records[i]);
    for (const std::string& cat : kCategories) {
      Counts& c = counts[cat];
      for (const auto& key : got[cat]) {
        if (truth[cat].count(key)) {
          ++c.tp;
        } else {
          ++c.fp;
          if (verbose) std::printf("FP %s %s %s\n", rel.filename.c_str(), cat.c_str(), key.c_str());
        }
      }
      for (const auto& key : truth[cat]) {
        if (!got[cat].count(key)) {
          ++c.fn;
          if (verbose) std::printf("FN %s %s %s\n", rel.filename.c_str(), cat.c_str(), key.c_str());
        }
      }
    }
  }
  return counts;
}

void Report(const char* what, const std::map<std::string, Counts>& counts, size_t pairs) {
  std::printf("%s (%zu consecutive pairs):\n", what, pairs);
  for (const std::string& cat : kCategories) {
    const Counts& c = counts.at(cat);
    std::printf("  %-13s tp %5zu fp %4zu fn %4zu  precision %.3f  recall %.3f\n", cat.c_str(), c.tp,
                c.fp, c.fn, c.Precision(), c.Recall());
  }
}

TEST(AccuracyTest, GeneratedSeriesTruthRecordsPrecisionRecallAtLeast099) {
  gen::GenOptions opt;
  opt.seed = 20261128;  // fixed; printed below
  opt.series = 8;
  opt.sessions = 30;
  std::printf("seed %llu, %u series x %u sessions\n", static_cast<unsigned long long>(opt.seed),
              opt.series, opt.sessions);
  size_t pairs = 0;
  auto counts = Evaluate(opt, /*parse=*/false, &pairs, getenv("ACCURACY_VERBOSE") != nullptr);
  Report("truth records", counts, pairs);
  for (const std::string& cat : kCategories) {
    EXPECT_GT(counts[cat].tp, 0u) << cat;
    EXPECT_GE(counts[cat].Precision(), 0.99) << cat;
    EXPECT_GE(counts[cat].Recall(), 0.99) << cat;
  }
}

}  // namespace
}  // namespace recital

namespace recital {
namespace {

TEST(AccuracyTest, GeneratedSeriesThroughTheParser) {
  gen::GenOptions opt;
  opt.seed = 77;
  opt.series = 3;
  opt.sessions = 30;
  for (const char* layout : {"ods", "unorg"}) {
    opt.layout = layout;
    size_t pairs = 0;
    auto counts = Evaluate(opt, /*parse=*/true, &pairs, getenv("ACCURACY_VERBOSE") != nullptr);
    Report(layout, counts, pairs);
    for (const std::string& cat : kCategories) {
      EXPECT_GT(counts[cat].tp, 0u) << layout << " " << cat;
      EXPECT_GE(counts[cat].Precision(), 0.99) << layout << " " << cat;
      EXPECT_GE(counts[cat].Recall(), 0.99) << layout << " " << cat;
    }
  }
}

}  // namespace
}  // namespace recital

namespace recital {
namespace {

// How DiffOptions::reword_threshold was chosen: true rewordings of the generated series must
// score above it, and unrelated paragraphs (generated removed x added of one session; every
// pair of distinct paragraphs within real resolutions of the corpus, which share a subject and
// its vocabulary) below it. The figures are printed.
TEST(AccuracyTest, ThresholdSeparatesRewordingsFromUnrelatedParagraphs) {
  gen::GenOptions opt;
  opt.seed = 99;
  opt.series = 6;
  opt.sessions = 30;
  auto releases = gen::GenerateSeriesVector(opt);
  ASSERT_TRUE(releases.ok());
  auto text_of = [](const Resolution& r, const gen::TruthRef& ref) {
    const auto& v = ref.section == Section::kPreamble ? r.preamble : r.operative;
    return ParagraphFullText(v[ref.index]);
  };
  double min_reworded = 1, max_unrelated_gen = 0;
  for (size_t i = 1; i < releases->size(); ++i) {
    const auto& prev = (*releases)[i - 1].truth_record;
    const auto& cur = (*releases)[i];
    if (cur.previous_symbol.empty()) continue;
    std::vector<std::string> removed, added;
    for (const auto& c : cur.changes) {
      if (c.status == "reworded")
        min_reworded = std::min(min_reworded, Similarity(text_of(prev, c.from[0]), text_of(cur.truth_record, c.to[0])));
      if (c.status == "removed") removed.push_back(text_of(prev, c.from[0]));
      if (c.status == "added") added.push_back(text_of(cur.truth_record, c.to[0]));
    }
    for (const auto& r : removed)
      for (const auto& a : added) max_unrelated_gen = std::max(max_unrelated_gen, Similarity(r, a));
  }
  std::vector<double> real;
  for (const std::string& path : testing::CorpusFiles()) {
    std::string bytes;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
      char buf[4096];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
      std::fclose(f);
    }
    auto r = ParseRelease(bytes);
    if (!r.ok()) continue;
    std::vector<std::string> ps;
    for (const auto& p : r->preamble) ps.push_back(ParagraphFullText(p));
    for (const auto& p : r->operative) ps.push_back(ParagraphFullText(p));
    for (size_t x = 0; x < ps.size(); ++x)
      for (size_t y = x + 1; y < ps.size(); ++y)
        if (NormalizedWording(ps[x]) != NormalizedWording(ps[y])) real.push_back(Similarity(ps[x], ps[y]));
  }
  std::sort(real.begin(), real.end());
  double threshold = DiffOptions{}.reword_threshold;
  std::printf("generated: min similarity of true rewordings %.3f, max of removed x added %.3f\n",
              min_reworded, max_unrelated_gen);
  if (!real.empty()) {
    std::printf("real corpus: %zu pairs of distinct paragraphs within one resolution: "
                "median %.3f, 99th percentile %.3f, max %.3f\n",
                real.size(), real[real.size() / 2], real[real.size() * 99 / 100], real.back());
    size_t above = static_cast<size_t>(real.end() - std::lower_bound(real.begin(), real.end(), threshold));
    std::printf("real pairs at or above the threshold %.2f: %zu\n", threshold, above);
    EXPECT_LT(real[real.size() * 99 / 100], threshold);
  }
  EXPECT_GE(min_reworded, threshold);
  EXPECT_LT(max_unrelated_gen, threshold);
}

}  // namespace
}  // namespace recital

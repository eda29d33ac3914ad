// DiffPrepared gives DiffResolutions' result on real releases from ../shared/corpus (English
// and the multilingual excerpts), parsed by the real parser: consecutive members of every series
// of SOURCES.tsv, and every file with the next one in name order (copies of one resolution from
// two sites, cut-off pages, other languages), each prepared side used twice.
#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "ingest/ingest.h"
#include "tests/diff/diff_test_util.h"
#include "tests/test_util.h"

namespace recital {
namespace {

struct Parsed {
  std::string name;
  Resolution record;
};

std::vector<Parsed> ParseAll(const std::vector<std::string>& paths) {
  std::vector<Parsed> out;
  for (const std::string& path : paths) {
    ParseOptions po;
    po.source_name = path;
    auto r = ParseRelease(testing::ReadFile(path), po);
    if (r.ok()) out.push_back({std::filesystem::path(path).filename().string(), std::move(r).value()});
  }
  return out;
}

std::vector<std::string> MultilingualFiles() {
  std::vector<std::string> out;
  const std::filesystem::path dir = std::filesystem::path(testing::CorpusDir()) / "multilingual";
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".txt") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Consecutive members of each series of SOURCES.tsv (by session), as file names.
std::vector<std::pair<std::string, std::string>> SeriesPairs() {
  std::istringstream in(testing::ReadFile(testing::CorpusDir() + "/SOURCES.tsv"));
  std::map<std::string, std::vector<std::pair<int, std::string>>> by_series;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string col; std::getline(fields, col, '\t');) cols.push_back(col);
    if (cols.size() < 4 || cols[2].empty()) continue;
    by_series[cols[2]].push_back({std::atoi(cols[3].c_str()), cols[0]});
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [series, members] : by_series) {
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (size_t i = 1; i < members.size(); ++i) out.push_back({members[i - 1].second, members[i].second});
  }
  return out;
}

void ExpectSame(const Resolution& a, const PreparedResolution& pa, const Resolution& b,
                const PreparedResolution& pb, const std::string& what) {
  DiffOptions all;
  all.edits_for_unchanged = true;
  for (const DiffOptions& o : {DiffOptions{}, all}) {
    EXPECT_TRUE(DiffPrepared(pa, pb, o) == DiffResolutions(a, b, o)) << what;
  }
  // Without the word diff (the stored lineage's options) only changed paragraphs' edits differ.
  DiffOptions no_words;
  no_words.word_edits = false;
  EXPECT_TRUE(DiffPrepared(pa, pb, no_words) ==
              testing::WithChangedEditsCleared(DiffResolutions(a, b)))
      << what;
}

TEST(DiffPreparedCorpusTest, SeriesNeighboursDiffAsDiffResolutionsDoes) {
  RECITAL_REQUIRE_CORPUS();
  std::vector<Parsed> files = ParseAll(testing::CorpusFiles());
  ASSERT_GE(files.size(), 40u);
  std::map<std::string, size_t> at;
  std::vector<PreparedResolution> prepared;
  for (size_t i = 0; i < files.size(); ++i) {
    at[files[i].name] = i;
    prepared.push_back(PrepareResolution(files[i].record));
  }
  size_t compared = 0;
  for (const auto& [older, newer] : SeriesPairs()) {
    auto a = at.find(older), b = at.find(newer);
    if (a == at.end() || b == at.end()) continue;
    ExpectSame(files[a->second].record, prepared[a->second], files[b->second].record,
               prepared[b->second], older + " -> " + newer);
    ++compared;
  }
  EXPECT_GE(compared, 20u);
  for (size_t i = 1; i < files.size(); ++i) {
    ExpectSame(files[i - 1].record, prepared[i - 1], files[i].record, prepared[i],
               files[i - 1].name + " -> " + files[i].name);
  }
}

TEST(DiffPreparedCorpusTest, MultilingualNeighboursDiffAsDiffResolutionsDoes) {
  RECITAL_REQUIRE_CORPUS();
  std::vector<Parsed> files = ParseAll(MultilingualFiles());
  if (files.empty()) GTEST_SKIP() << "no ../shared/corpus/multilingual";
  std::vector<PreparedResolution> prepared;
  for (const Parsed& f : files) prepared.push_back(PrepareResolution(f.record));
  for (size_t i = 1; i < files.size(); ++i) {
    ExpectSame(files[i - 1].record, prepared[i - 1], files[i].record, prepared[i],
               files[i - 1].name + " -> " + files[i].name);
  }
  ExpectSame(files.back().record, prepared.back(), files.front().record, prepared.front(),
             files.back().name + " -> " + files.front().name);
}

}  // namespace
}  // namespace recital

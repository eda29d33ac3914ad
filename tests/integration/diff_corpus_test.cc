// The diff on real resolutions from ../shared/corpus, parsed by the real parser.
#include <string>

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace recital {
namespace {

Resolution ParseText(const std::string& text, const std::string& name) {
  ParseOptions po;
  po.source_name = name;
  auto r = ParseRelease(text, po);
  EXPECT_TRUE(r.ok()) << name << ": " << r.status().ToString();
  return r.ok() ? *r : Resolution{};
}

Resolution ParseCorpus(const std::string& file) {
  std::string path = testing::CorpusDir() + "/" + file;
  return ParseText(testing::ReadFile(path), path);
}

// Re-wraps every long line of a text at `width` columns (paragraphs stay separated by blank
// lines): the layout change a different publishing site makes.
std::string Rewrap(const std::string& text, size_t width) {
  std::string out, line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    line = text.substr(start, end - start);
    start = end + 1;
    if (line.size() <= width) {
      out += line + "\n";
      continue;
    }
    size_t col = 0;
    size_t i = 0;
    while (i < line.size()) {
      size_t j = line.find(' ', i);
      if (j == std::string::npos) j = line.size();
      std::string word = line.substr(i, j - i);
      i = j + 1;
      if (col > 0 && col + 1 + word.size() > width) {
        out += "\n";
        col = 0;
      } else if (col > 0) {
        out += " ";
        ++col;
      }
      out += word;
      col += word.size();
    }
    out += "\n";
  }
  return out;
}

TEST(CorpusDiffTest, SameResolutionFromTwoSitesHasNoChangeWhereBothHaveTheText) {
  RECITAL_REQUIRE_CORPUS();
  Resolution unorg = ParseCorpus("A-RES-51-70.unorg.txt");
  Resolution humanrts = ParseCorpus("A-RES-51-70.humanrts.txt");
  ASSERT_GE(unorg.preamble.size(), 5u);
  ASSERT_GE(humanrts.preamble.size(), 5u);
  DiffResult d = DiffResolutions(unorg, humanrts);
  // Both pages stop early (un.org mid-PP6, humanrts mid-PP7): PP1-PP5 are whole in both, the
  // un.org PP6 is the start of the humanrts PP6 (same words, cut off), and the humanrts PP7
  // lies beyond the end of the un.org copy: nothing changed where both have the text.
  EXPECT_TRUE(unorg.truncated_end);
  EXPECT_TRUE(humanrts.truncated_end);
  size_t unchanged = 0, truncated = 0;
  for (const Change& c : d.changes) {
    EXPECT_FALSE(c.moved);
    EXPECT_EQ(c.status, ChangeStatus::kUnchanged) << c.to.front().text;
    if (c.status == ChangeStatus::kUnchanged) ++unchanged;
    if (c.truncated) {
      ++truncated;
      EXPECT_EQ(c.from.front().index + 1, unorg.preamble.size());
      EXPECT_EQ(c.to.front().index + 1, unorg.preamble.size());
    }
  }
  EXPECT_EQ(unchanged, 6u);
  EXPECT_EQ(truncated, 1u);
  EXPECT_EQ(d.summary.not_compared, 1u);
  EXPECT_FALSE(d.HasChanges());
}

TEST(CorpusDiffTest, TwoSessionsOfOneSeriesShowTheRealRewording) {
  RECITAL_REQUIRE_CORPUS();
  Resolution r50 = ParseCorpus("A-RES-50-151.unorg.txt");
  Resolution r51 = ParseCorpus("A-RES-51-70.unorg.txt");
  DiffResult d = DiffResolutions(r50, r51);
  // 50/151 recalled 48/113 and 49/173; 51/70 recalls those "and, in particular, 50/151".
  const Change* recall = nullptr;
  for (const Change& c : d.changes) {
    if (!c.from.empty() && c.from.front().text.rfind("Recalling its resolutions", 0) == 0) recall = &c;
  }
  ASSERT_NE(recall, nullptr);
  EXPECT_EQ(recall->status, ChangeStatus::kReworded);
  EXPECT_FALSE(recall->lead_changed);
  EXPECT_EQ(recall->to.front().index, 0u);
  std::string inserted, deleted;
  for (const Edit& e : recall->edits) {
    if (e.op == EditOp::kInsert) inserted += e.text;
    if (e.op == EditOp::kDelete) deleted += e.text;
  }
  EXPECT_NE(inserted.find("in particular, 50/151 of 21 December 1995"), std::string::npos) << inserted;
  EXPECT_EQ(deleted, " and");
  // The new preamble paragraphs of the follow-up text are additions.
  EXPECT_GE(d.summary.added, 3u);
  EXPECT_TRUE(d.HasChanges());
}

TEST(CorpusDiffTest, DraftAgainstItsOwnRewrappedCopyShowsNothing) {
  RECITAL_REQUIRE_CORPUS();
  std::string path = testing::CorpusDir() + "/A-61-L.27.stategov.txt";
  std::string text = testing::ReadFile(path);
  std::string wrapped = Rewrap(text, 60);
  ASSERT_NE(text, wrapped);
  Resolution a = ParseText(text, path);
  Resolution b = ParseText(wrapped, path + " (re-wrapped)");
  ASSERT_GE(a.preamble.size(), 3u);
  DiffResult d = DiffResolutions(a, b);
  EXPECT_FALSE(d.HasChanges());
  EXPECT_EQ(d.summary.unchanged, a.preamble.size() + a.operative.size() + a.annex.size());
}

TEST(CorpusDiffTest, ReferenceResolutionAgainstItselfShowsNothing) {
  RECITAL_REQUIRE_CORPUS();
  Resolution r = ParseCorpus("A-RES-54-144.ods.txt");
  ASSERT_EQ(r.operative.size(), 16u);
  DiffResult d = DiffResolutions(r, r);
  EXPECT_FALSE(d.HasChanges());
  EXPECT_EQ(d.summary.unchanged, r.preamble.size() + 16u);
}

}  // namespace
}  // namespace recital

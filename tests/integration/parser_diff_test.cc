// The diff through the parser: one generated record rendered two ways (re-wrapped, another
// layout, footnotes renumbered, operative paragraphs renumbered) must diff clean. Integration:
// gen writes the releases, ingest parses them, diff compares.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "gen/gen.h"
#include "ingest/ingest.h"

namespace recital {
namespace {

// Through the parser: the same generated record rendered two ways must diff clean.
Resolution ParseRendered(const Resolution& r, const std::string& layout, int width) {
  auto parsed = ParseRelease(gen::RenderRelease(r, layout, width));
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : Resolution{};
}

Resolution GeneratedRecord() {
  gen::GenOptions opt;
  opt.seed = 4242;
  opt.sessions = 1;
  auto rel = gen::GenerateSeriesVector(opt);
  EXPECT_TRUE(rel.ok());
  return rel.ok() ? rel->front().truth_record : Resolution{};
}

TEST(NoChangeTest, RewrappingAloneThroughTheParser) {
  Resolution r = GeneratedRecord();
  Resolution narrow = ParseRendered(r, "unorg", 58), wide = ParseRendered(r, "unorg", 79);
  ASSERT_EQ(narrow.operative.size(), r.operative.size());
  DiffResult d = DiffResolutions(narrow, wide);
  EXPECT_FALSE(d.HasChanges()) << d.summary.reworded << " reworded";
}

TEST(NoChangeTest, LayoutChangeAloneThroughTheParser) {
  Resolution r = GeneratedRecord();
  DiffResult d = DiffResolutions(ParseRendered(r, "ods", 0), ParseRendered(r, "unorg", 70));
  EXPECT_FALSE(d.HasChanges());
}

TEST(NoChangeTest, FootnoteRenumberingAloneThroughTheParser) {
  Resolution a = GeneratedRecord();
  Resolution b = a;
  // Give two more preamble paragraphs a footnote: every later footnote number moves up.
  uint32_t n = 0;
  b.footnotes.clear();
  for (size_t i = 0; i < b.preamble.size(); ++i) {
    Paragraph& p = b.preamble[i];
    if (i == 2 || i == 4) p.footnotes = {{0, static_cast<uint32_t>(p.text.size())}};
    for (FootnoteRef& f : p.footnotes) {
      f.number = ++n;
      b.footnotes.push_back({n, "See A/50/" + std::to_string(300 + n) + "."});
    }
  }
  ASSERT_GE(n, 3u);
  for (const char* layout : {"ods", "unorg"}) {
    DiffResult d = DiffResolutions(ParseRendered(a, layout, 70), ParseRendered(b, layout, 70));
    EXPECT_FALSE(d.HasChanges()) << layout;
  }
}

TEST(NoChangeTest, OperativeRenumberingAloneThroughTheParser) {
  Resolution a = GeneratedRecord();
  Resolution b = a;
  for (size_t i = 0; i < b.operative.size(); ++i) b.operative[i].number = std::to_string(i + 2);
  DiffResult d = DiffResolutions(ParseRendered(a, "ods", 70), ParseRendered(b, "ods", 70));
  EXPECT_FALSE(d.HasChanges());
}

}  // namespace
}  // namespace recital

// `recital diff`, `recital generate` and `recital series` through the built binary.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;

std::string Corpus(const std::string& f) { return testing::CorpusDir() + "/" + f; }

TEST(CliDiffTest, ExitStatusFollowsGnuDiff) {
  RECITAL_REQUIRE_CORPUS();
  auto same = RunRecital({"diff", Corpus("A-RES-54-144.ods.txt"), Corpus("A-RES-54-144.ods.txt")});
  EXPECT_EQ(same.exit_code, 0) << same.err;
  EXPECT_NE(same.out.find("no changes"), std::string::npos);
  auto changed = RunRecital({"diff", Corpus("A-RES-50-151.unorg.txt"), Corpus("A-RES-51-70.unorg.txt")});
  EXPECT_EQ(changed.exit_code, 1) << changed.err;
  auto missing = RunRecital({"diff", Corpus("A-RES-50-151.unorg.txt"), "/nonexistent/file.txt"},
                            {"RECITAL_ARCHIVE=/nonexistent/archive"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/file.txt"), std::string::npos) << missing.err;
}

TEST(CliDiffTest, PipedTextUsesMarkersAndCollapsesUnchanged) {
  RECITAL_REQUIRE_CORPUS();
  auto r = RunRecital({"diff", Corpus("A-RES-50-151.unorg.txt"), Corpus("A-RES-51-70.unorg.txt")});
  EXPECT_NE(r.out.find("[- and-]{+,+}"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos);
  auto same = RunRecital({"diff", Corpus("A-RES-51-70.unorg.txt"), Corpus("A-RES-51-70.humanrts.txt")});
  // PP1-PP5 whole in both copies, PP6 cut off in one of them (the same words as far as it goes).
  EXPECT_NE(same.out.find("... 6 unchanged paragraphs"), std::string::npos) << same.out;
  auto all = RunRecital({"diff", "--all", Corpus("A-RES-51-70.unorg.txt"), Corpus("A-RES-51-70.humanrts.txt")});
  EXPECT_EQ(all.out.find("unchanged paragraphs"), std::string::npos);
  EXPECT_NE(all.out.find("unchanged PP1 -> PP1"), std::string::npos) << all.out;
}

TEST(CliDiffTest, JsonHasTheInterfaceKeys) {
  RECITAL_REQUIRE_CORPUS();
  auto r = RunRecital({"diff", "--format", "json", Corpus("A-RES-50-151.unorg.txt"),
                       Corpus("A-RES-51-70.unorg.txt")});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["from"]["symbol"], "A/RES/50/151");
  EXPECT_EQ(j["to"]["symbol"], "A/RES/51/70");
  for (const char* k : {"unchanged", "reworded", "added", "removed", "split", "merged", "moved"})
    EXPECT_TRUE(j["summary"].contains(k)) << k;
  ASSERT_FALSE(j["changes"].empty());
  bool saw_reworded = false;
  for (const auto& c : j["changes"]) {
    for (const char* k : {"status", "moved", "lead_changed", "similarity", "section", "from", "to", "edits"})
      EXPECT_TRUE(c.contains(k)) << k;
    if (c["status"] == "added") { EXPECT_TRUE(c["from"].is_null()); }
    if (c["status"] == "removed") { EXPECT_TRUE(c["to"].is_null()); }
    if (c["status"] == "reworded") {
      saw_reworded = true;
      for (const char* k : {"section", "index", "number", "lead", "text"}) EXPECT_TRUE(c["from"].contains(k));
      EXPECT_EQ(c["from"]["lead"], "Recalling");
      for (const auto& e : c["edits"]) {
        std::string op = e["op"];
        EXPECT_TRUE(op == "equal" || op == "insert" || op == "delete") << op;
      }
    }
  }
  EXPECT_TRUE(saw_reworded);
}

TEST(CliDiffTest, OtherFormats) {
  RECITAL_REQUIRE_CORPUS();
  auto md = RunRecital({"diff", "--format", "md", Corpus("A-RES-50-151.unorg.txt"), Corpus("A-RES-51-70.unorg.txt")});
  // The Markdown change marks of render/render.h: [-deleted-]{+inserted+}.
  EXPECT_NE(md.out.find("[- and-]{+,+}"), std::string::npos) << md.out;
  auto html = RunRecital({"diff", "--format", "html", Corpus("A-RES-50-151.unorg.txt"), Corpus("A-RES-51-70.unorg.txt")});
  EXPECT_NE(html.out.find("<del> and</del><ins>,</ins>"), std::string::npos);
  EXPECT_NE(html.out.find("</html>"), std::string::npos);
}

TEST(CliGenerateTest, WritesReleasesAndTruthDeterministically) {
  testing::TempDir a, b;
  auto r1 = RunRecital({"generate", "--seed", "5", "--sessions", "4", "--series", "2", "--out", a.str()});
  auto r2 = RunRecital({"generate", "--seed", "5", "--sessions", "4", "--series", "2", "--out", b.str(),
                        "--layout", "ods"});
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  std::string truth = testing::ReadFile(a.str() + "/truth.jsonl");
  EXPECT_EQ(truth, testing::ReadFile(b.str() + "/truth.jsonl"));
  size_t lines = 0;
  for (char c : truth) lines += c == '\n';
  EXPECT_EQ(lines, 8u);
  std::string first = testing::ReadFile(a.str() + "/A-RES-50-101.ods.txt");
  EXPECT_NE(first.find("A/RES/50/101"), std::string::npos);
  EXPECT_EQ(first, testing::ReadFile(b.str() + "/A-RES-50-101.ods.txt"));
  // Consecutive sessions diff with changes; the truth of the second names the first.
  auto d = RunRecital({"diff", a.str() + "/A-RES-50-101.ods.txt", a.str() + "/A-RES-51-101.ods.txt"});
  EXPECT_EQ(d.exit_code, 1) << d.err;
  EXPECT_NE(truth.find("\"previous\":\"A/RES/50/101\""), std::string::npos);
  auto bad = RunRecital({"generate", "--layout", "pdf", "--out", a.str()});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST(CliSeriesTest, ListsTheCisSeriesAndKeepsCorrections) {
  RECITAL_REQUIRE_CORPUS();
  testing::TempDir dir;
  std::string arch = dir.str() + "/archive";
  auto ing = RunRecital({"ingest", "--archive", arch, Corpus("A-RES-50-151.unorg.txt"),
                         Corpus("A-RES-51-70.unorg.txt"), Corpus("A-RES-54-144.ods.txt"),
                         Corpus("A-RES-51-77.humanrts.txt")});
  ASSERT_EQ(ing.exit_code, 0) << ing.err;
  auto ls = RunRecital({"series", "--json", "--archive", arch});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  auto j = nlohmann::json::parse(ls.out);
  ASSERT_EQ(j.size(), 2u) << ls.out;
  std::vector<std::string> cis = {"A/RES/50/151", "A/RES/51/70", "A/RES/54/144"};
  EXPECT_EQ(j[0]["symbols"].get<std::vector<std::string>>(), cis);
  auto rn = RunRecital({"series", "rename", "54/144", "CIS follow-up", "--archive", arch});
  EXPECT_EQ(rn.exit_code, 0) << rn.err;
  auto sp = RunRecital({"series", "split", "A/RES/51/70", "--archive", arch});
  EXPECT_EQ(sp.exit_code, 0) << sp.err;
  auto after = nlohmann::json::parse(RunRecital({"series", "--json", "--archive", arch}).out);
  EXPECT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0]["name"], "CIS follow-up");
  auto d = RunRecital({"diff", "50/151", "A/RES/51/70", "--archive", arch});
  EXPECT_EQ(d.exit_code, 1) << d.err;
  EXPECT_NE(d.out.find("diff A/RES/50/151 -> A/RES/51/70"), std::string::npos);
  auto unknown = RunRecital({"series", "rename", "99/999", "x", "--archive", arch});
  EXPECT_EQ(unknown.exit_code, 2);
}

}  // namespace
}  // namespace recital

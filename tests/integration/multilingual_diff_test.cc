// The diff of two releases in the same language other than English: real texts from
// ../shared/corpus/multilingual, parsed by the real parser, one of them edited here the way a
// following session edits (a word replaced, a lead changed). The changes must be words, not
// whole clauses, and paragraphs must pair as reworded, not removed and added.
#include <string>

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace recital {
namespace {

std::string ReadMultilingual(const std::string& file) {
  return testing::ReadFile(testing::CorpusDir() + "/multilingual/" + file);
}

Resolution ParseText(const std::string& text, const std::string& name) {
  ParseOptions po;
  po.source_name = name;
  auto r = ParseRelease(text, po);
  EXPECT_TRUE(r.ok()) << name << ": " << r.status().ToString();
  return r.ok() ? *r : Resolution{};
}

// text with the first occurrence of from replaced by to (which must occur).
std::string ReplaceOnce(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

struct Edited {
  std::string deleted, inserted;
};

std::string TrimSpaces(const std::string& s) {
  const size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The deleted and inserted text of every reworded change, each change's on its own line
// (without the spaces around it: which side of a change a space goes to is the clean-up's).
Edited EditsOf(const DiffResult& d) {
  Edited e;
  for (const Change& c : d.changes) {
    if (c.status != ChangeStatus::kReworded) continue;
    std::string deleted, inserted;
    for (const Edit& x : c.edits) {
      if (x.op == EditOp::kDelete) deleted += x.text;
      if (x.op == EditOp::kInsert) inserted += x.text;
    }
    e.deleted += TrimSpaces(deleted) + '\n';
    e.inserted += TrimSpaces(inserted) + '\n';
  }
  return e;
}

TEST(MultilingualDiffTest, ChineseRewordingIsWordsNotClauses) {
  RECITAL_REQUIRE_CORPUS();
  const std::string file = "A-RES-65-119.zh.zh-wikisource.txt";
  const std::string a = ReadMultilingual(file);
  // Operative 2: "加紧努力" (redouble efforts) becomes "继续努力" (continue efforts); the
  // third preamble paragraph's lead 铭记 (bearing in mind) becomes 深信 (convinced).
  std::string b = ReplaceOnce(a, "吁请各会员国加紧努力", "吁请各会员国继续努力");
  b = ReplaceOnce(b, "\n铭记2009年", "\n深信2009年");
  const Resolution from = ParseText(a, file), to = ParseText(b, file + " (edited)");
  ASSERT_EQ(from.operative.size(), to.operative.size());
  const DiffResult d = DiffResolutions(from, to);
  EXPECT_EQ(d.summary.reworded, 2u);
  EXPECT_EQ(d.summary.added, 0u);
  EXPECT_EQ(d.summary.removed, 0u);
  const Edited e = EditsOf(d);
  EXPECT_EQ(e.deleted, "铭记\n加紧\n");
  EXPECT_EQ(e.inserted, "深信\n继续\n");
  bool lead_changed = false;
  for (const Change& c : d.changes) lead_changed = lead_changed || c.lead_changed;
  EXPECT_TRUE(lead_changed);
}

TEST(MultilingualDiffTest, ChineseSessionRolloverIsTechnical) {
  RECITAL_REQUIRE_CORPUS();
  const std::string file = "A-RES-65-119.zh.zh-wikisource.txt";
  const std::string a = ReadMultilingual(file);
  // A later session recalls a later resolution: only the symbol and its date change.
  const std::string b = ReplaceOnce(a, "2009年12月10日第64/106号决议", "2010年12月10日第65/119号决议");
  const DiffResult d = DiffResolutions(ParseText(a, file), ParseText(b, file + " (edited)"));
  ASSERT_EQ(d.summary.reworded, 1u);
  EXPECT_EQ(d.summary.technical, 1u);
}

TEST(MultilingualDiffTest, FrenchAndArabicWordChanges) {
  RECITAL_REQUIRE_CORPUS();
  {
    const std::string file = "A-RES-56-262.fr.ulaval-cefan.txt";
    const std::string a = ReadMultilingual(file);
    const std::string b = ReplaceOnce(a, "d’un coordonnateur des questions", "d’un coordonnateur principal des questions");
    const DiffResult d = DiffResolutions(ParseText(a, file), ParseText(b, file + " (edited)"));
    EXPECT_EQ(d.summary.reworded, 1u);
    const Edited e = EditsOf(d);
    EXPECT_EQ(e.deleted, "\n");
    EXPECT_EQ(e.inserted, "principal\n");
  }
  {
    const std::string file = "A-RES-61-53.ar.hugflare-osman_readability.txt";
    const std::string a = ReadMultilingual(file);
    // "مقاصد ومبادئ" (purposes and principles) -> "مبادئ" (principles).
    const std::string b = ReplaceOnce(a, "إلى مقاصد ومبادئ ميثاق", "إلى مبادئ ميثاق");
    const DiffResult d = DiffResolutions(ParseText(a, file), ParseText(b, file + " (edited)"));
    EXPECT_EQ(d.summary.reworded, 1u);
    const Edited e = EditsOf(d);
    EXPECT_EQ(e.deleted, "مقاصد ومبادئ\n");
    EXPECT_EQ(e.inserted, "مبادئ\n");
  }
}

}  // namespace
}  // namespace recital

// The language versions of one symbol in ../shared/corpus/multilingual, parsed by the real
// parser and aligned by structure (AlignParallel). Expected counts were read off the files by
// hand: which paragraphs each excerpt holds, where it starts and where it is cut off.
#include <string>

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace recital {
namespace {

Resolution Parse(const std::string& file) {
  ParseOptions po;
  po.source_name = file;
  auto r = ParseRelease(testing::ReadFile(testing::CorpusDir() + "/multilingual/" + file), po);
  EXPECT_TRUE(r.ok()) << file << ": " << r.status().ToString();
  return r.ok() ? *r : Resolution{};
}

struct Pair {
  const char* left;
  const char* right;
  size_t aligned;       // rows both excerpts cover, with a paragraph on each side
  size_t not_compared;  // rows outside one excerpt
  const char* why;
};

// Every pair here covers a common stretch paragraph for paragraph: no disagreement.
const Pair kAgreeing[] = {
    {"A-RES-52-48.fr.un-org-french-ga.txt", "A-RES-52-48.zh.static-un-org.txt", 8, 4,
     "fr holds preamble 1-8 (8th cut), zh 1-12 (12th cut)"},
    {"A-RES-55-56.en.girlsrightsplatform.txt", "A-RES-55-56.es.studylib-es.txt", 7, 1,
     "en preamble 1-8 (8th cut: 'Recalling all the relevant resolutions of the Security "
     "Council'), es 1-7 (7th cut: 'Haciendo hincapié')"},
    {"A-RES-59-26.en.girlsrightsplatform.txt", "A-RES-59-26.es.girlsrightsplatform.txt", 5, 1,
     "four preamble paragraphs each ('Calling upon'/'Exhortando' the third), then en holds "
     "operative 1-2, es operative 1 cut"},
    {"A-RES-61-53.en.ininet.txt", "A-RES-61-53.ar.hugflare-osman_readability.txt", 2, 6,
     "ar preamble 1-2 (2nd cut), en 1-8"},
    {"A-RES-76-268.en.scribd.txt", "A-RES-76-268.fr.girlsrightsplatform.txt", 6, 0,
     "preamble 1-6 each, the 6th ('Recalling that Arabic...'/'Rappelant que...') cut in both"},
    {"A-ES-11-L.1.en.scribd.txt", "A-ES-11-L.1.fr.reliefweb.txt", 2, 4,
     "en preamble 1-2 (2nd cut), fr 1-6"},
    {"A-ES-11-L.1.en.scribd.txt", "A-ES-11-L.1.zh.zh-wikisource.txt", 2, 6,
     "en preamble 1-2, zh 1-8 (8th cut)"},
    {"A-ES-11-L.1.fr.reliefweb.txt", "A-ES-11-L.1.zh.zh-wikisource.txt", 6, 2,
     "fr preamble 1-6 (6th cut: 'Rappelant également sa résolution 2625'), zh 1-8"},
    {"A-RES-62-88.fr.girlsrightsplatform.txt", "A-RES-62-88.zh.quwhkqv-mirror.txt", 2, 1,
     "declaration paragraphs 1 and 2 in both (fr 2 cut), zh goes on to 3 (cut)"},
    {"A-RES-62-88.en.webwire.txt", "A-RES-62-88.zh.quwhkqv-mirror.txt", 2, 3,
     "zh starts at declaration paragraph 1; en's 'Adopts' and heading come before it"},
    // No common stretch: the pages hold different parts of the resolution.
    {"A-RES-55-79.en.minorityforum-adattar-page3.txt", "A-RES-55-79.fr.girlsrightsplatform.txt",
     0, 8, "en operative 4-8 of section I, fr preamble 1-3"},
    {"A-RES-61-266.en.minorityforum-adattar-page4.txt", "A-RES-61-266.es.girlsrightsplatform.txt",
     0, 10, "en operative 17-20, es preamble 1-6"},
};

TEST(ParallelCorpusTest, LanguageVersionsAlignWhereBothExcerptsCoverTheText) {
  RECITAL_REQUIRE_CORPUS();
  for (const Pair& pair : kAgreeing) {
    SCOPED_TRACE(std::string(pair.left) + " | " + pair.right + ": " + pair.why);
    Resolution l = Parse(pair.left), r = Parse(pair.right);
    ParallelResult p = AlignParallel(l, r);
    EXPECT_EQ(p.aligned, pair.aligned);
    EXPECT_EQ(p.not_compared, pair.not_compared);
    for (const auto& issue : p.issues) ADD_FAILURE() << issue.kind << ": " << issue.message;
    // Symmetric: the same rows the other way round.
    ParallelResult q = AlignParallel(r, l);
    EXPECT_EQ(q.aligned, pair.aligned);
    EXPECT_EQ(q.issues.size(), 0u);
  }
}

TEST(ParallelCorpusTest, PairedParagraphsSayTheSameThing) {
  RECITAL_REQUIRE_CORPUS();
  // 52/48: the seventh preamble paragraph supports the Dayton agreement in both languages.
  auto p = AlignParallel(Parse("A-RES-52-48.fr.un-org-french-ga.txt"),
                         Parse("A-RES-52-48.zh.static-un-org.txt"));
  ASSERT_GE(p.rows.size(), 8u);
  EXPECT_NE(p.rows[6].left->text.find("Dayton"), std::string::npos);
  EXPECT_NE(p.rows[6].right->text.find("代顿"), std::string::npos);
  // 55/56: "Emphasizing" is "Haciendo hincapié", the seventh paragraph.
  auto q = AlignParallel(Parse("A-RES-55-56.en.girlsrightsplatform.txt"),
                         Parse("A-RES-55-56.es.studylib-es.txt"));
  ASSERT_GE(q.rows.size(), 7u);
  EXPECT_EQ(q.rows[6].left->lead.substr(0, 10), "Emphasizin");
  EXPECT_NE(q.rows[6].right->text.find("Haciendo hincapi"), std::string::npos);
  EXPECT_TRUE(q.rows[6].right->truncated);
}

TEST(ParallelCorpusTest, MergedParagraphIsReportedAsADisagreement) {
  RECITAL_REQUIRE_CORPUS();
  // 62/88 en prints "Adopts the following declaration:", the declaration's heading and its
  // paragraph 1 apart; the French copy is one line and the parser reads the three as one
  // paragraph. Paragraph 2 still pairs by its number; the two paragraphs French lacks are
  // reported.
  auto p = AlignParallel(Parse("A-RES-62-88.en.webwire.txt"),
                         Parse("A-RES-62-88.fr.girlsrightsplatform.txt"));
  size_t only_left = 0;
  for (const auto& i : p.issues) only_left += i.kind == "only_left";
  EXPECT_EQ(only_left, 2u);
  bool two = false;
  for (const auto& row : p.rows) {
    two = two || (row.number == "2" && row.left && row.right);
  }
  EXPECT_TRUE(two);
}

}  // namespace
}  // namespace recital

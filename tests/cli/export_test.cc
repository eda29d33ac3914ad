// recital export --format akn on the hand-written lighthouse series (its edits are known from its
// construction, history_fixture.h): the lineage each paragraph carries, the round trip through
// `recital ingest`, where documents go, and the refusals. Schema validity is checked where the
// test can link libxml2: tests/render/akn_test.cc, tests/integration/akn_corpus_test.cc.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/history_fixture.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;
using testing::TempDir;

constexpr const char* kWork60 = "/akn/un/statement/deliberation/unga/2005-12-01/60-7";
constexpr const char* kWork61 = "/akn/un/statement/deliberation/unga/2006-12-04/61-7";
constexpr const char* kWork62 = "/akn/un/statement/deliberation/unga/2007-12-05/62-7";

bool Has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The start tag of the element with this eId ("" when absent).
std::string StartTag(const std::string& xml, const std::string& eid) {
  const size_t at = xml.find("eId=\"" + eid + "\"");
  if (at == std::string::npos) return "";
  const size_t open = xml.rfind('<', at);
  return xml.substr(open, xml.find('>', at) - open + 1);
}

TEST(ExportTest, ParagraphsCarryTheLineageOfTheSeries) {
  TempDir dir;
  const std::string archive = testing::IngestLighthouse(dir);
  auto r = RunRecital({"export", "--archive", archive, "62/7"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& xml = r.out;
  EXPECT_TRUE(Has(xml, std::string("<FRBRuri value=\"") + kWork62 + "\"/>"));
  EXPECT_TRUE(Has(xml, "<FRBRalias value=\"A/RES/62/7\" name=\"UNSymbol\"/>"));
  // P1 "Noting ..." has not changed since 60/7 and continues 61/7's first paragraph.
  const std::string p1 = StartTag(xml, "preamble__p_1");
  EXPECT_TRUE(Has(p1, std::string("recital:since=\"") + kWork60 + "\"")) << p1;
  EXPECT_TRUE(Has(p1, std::string("recital:continues=\"") + kWork61 + "/!main~preamble__p_1\""))
      << p1;
  EXPECT_TRUE(Has(p1, "recital:change=\"unchanged\"")) << p1;
  // O1: Encourages -> Urges in 62/7, so its wording begins there.
  const std::string o1 = StartTag(xml, "para_1");
  EXPECT_TRUE(Has(o1, std::string("recital:since=\"") + kWork62 + "\"")) << o1;
  EXPECT_TRUE(Has(o1, std::string("recital:continues=\"") + kWork61 + "/!main~para_1\"")) << o1;
  EXPECT_TRUE(Has(o1, "recital:change=\"reworded\"")) << o1;
  EXPECT_TRUE(Has(xml, "<p><i>Urges</i> Member States")) << xml;
  // O2 "Invites ..." is new: it continues nothing.
  const std::string o2 = StartTag(xml, "para_2");
  ASSERT_FALSE(o2.empty());
  EXPECT_FALSE(Has(o2, "recital:continues")) << o2;
  // O3 "Requests ..." was 61/7's O2, renumbered only.
  const std::string o3 = StartTag(xml, "para_3");
  EXPECT_TRUE(Has(o3, std::string("recital:continues=\"") + kWork61 + "/!main~para_2\"")) << o3;
  EXPECT_TRUE(Has(o3, "recital:change=\"unchanged\"")) << o3;
  EXPECT_TRUE(Has(xml, "<recital:series ")) << xml;
}

TEST(ExportTest, AllToADirectoryIngestsBackIntoTheSameRecords) {
  TempDir dir;
  const std::string archive = testing::IngestLighthouse(dir);
  const std::string out = dir.str() + "/akn";
  auto r = RunRecital({"export", "--archive", archive, "--all", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"A-RES-60-7.akn.xml", "A-RES-61-7.akn.xml", "A-RES-62-7.akn.xml"}) {
    EXPECT_TRUE(std::filesystem::exists(out + "/" + name)) << name;
  }
  const std::string copy = dir.str() + "/copy";
  auto ingest = RunRecital({"ingest", "--archive", copy, out});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  EXPECT_TRUE(Has(ingest.out, "3 files: 3 added")) << ingest.out;
  for (const char* symbol : {"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}) {
    SCOPED_TRACE(symbol);
    auto a = RunRecital({"show", "--archive", archive, symbol, "--format", "json"});
    auto b = RunRecital({"show", "--archive", copy, symbol, "--format", "json"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    json ja = json::parse(a.out), jb = json::parse(b.out);
    EXPECT_EQ(ja["layout"], "ods");
    EXPECT_EQ(jb["layout"], "akn");
    ja.erase("layout");
    jb.erase("layout");
    EXPECT_EQ(ja, jb);
  }
}

TEST(ExportTest, ReleaseFileExportsWithoutAnArchive) {
  TempDir dir;
  const std::string release =
      std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/lighthouse/A-RES-61-7.ods.txt";
  const std::string out = dir.str() + "/61-7.xml";
  auto r =
      RunRecital({"export", release, "-o", out}, {"RECITAL_ARCHIVE=" + dir.str() + "/no-archive"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string xml = testing::ReadFile(out);
  EXPECT_TRUE(Has(xml, std::string("<FRBRuri value=\"") + kWork61 + "\"/>"));
  EXPECT_TRUE(Has(xml, "recital:wording="));
  EXPECT_FALSE(Has(xml, "recital:continues="));  // no archive, no lineage
  EXPECT_FALSE(std::filesystem::exists(dir.str() + "/no-archive"));
}

TEST(ExportTest, UnknownSymbolAndForeignFilesAreRefused) {
  TempDir dir;
  const std::string archive = testing::IngestLighthouse(dir);
  auto unknown = RunRecital({"export", "--archive", archive, "99/1"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(unknown.out.empty());
  EXPECT_TRUE(Has(unknown.err, "99/1")) << unknown.err;

  const std::string notes = dir.str() + "/notes.xml";
  testing::WriteFile(notes, "my own notes\n");
  auto over = RunRecital({"export", "--archive", archive, "62/7", "-o", notes});
  EXPECT_EQ(over.exit_code, 2);
  EXPECT_TRUE(Has(over.err, "not overwriting it")) << over.err;
  EXPECT_EQ(testing::ReadFile(notes), "my own notes\n");

  // An export of Recital's own is replaced.
  const std::string mine = dir.str() + "/62-7.xml";
  ASSERT_EQ(RunRecital({"export", "--archive", archive, "61/7", "-o", mine}).exit_code, 0);
  ASSERT_EQ(RunRecital({"export", "--archive", archive, "62/7", "-o", mine}).exit_code, 0);
  EXPECT_TRUE(Has(testing::ReadFile(mine), kWork62));

  auto several = RunRecital({"export", "--archive", archive, "61/7", "62/7"});
  EXPECT_EQ(several.exit_code, 2);
  EXPECT_TRUE(Has(several.err, "-o DIR")) << several.err;
  auto nothing = RunRecital({"export", "--archive", archive});
  EXPECT_EQ(nothing.exit_code, 2);
}

}  // namespace
}  // namespace recital

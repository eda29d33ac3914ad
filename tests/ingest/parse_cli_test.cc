// `recital parse`: the JSON interface (exact keys), several files, refused files.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;

const std::set<std::string> kKeys = {
    "symbol", "session", "number", "title", "agenda_items", "committee", "report",
    "distribution_date", "adoption_date", "meeting", "language", "layout", "preamble",
    "operative", "footnotes", "citations", "documents", "warnings"};

std::set<std::string> Keys(const nlohmann::json& j) {
  std::set<std::string> k;
  for (auto it = j.begin(); it != j.end(); ++it) k.insert(it.key());
  return k;
}

TEST(ParseCliTest, OneFilePrintsOneObjectWithTheDocumentedKeys) {
  RECITAL_REQUIRE_CORPUS();
  auto r = RunRecital({"parse", testing::CorpusDir() + "/A-RES-54-144.ods.txt", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(Keys(j), kKeys);
  EXPECT_EQ(j["symbol"], "A/RES/54/144");
  EXPECT_EQ(j["adoption_date"], "1999-12-17");
  EXPECT_EQ(j["preamble"].size(), 13u);
  EXPECT_EQ(Keys(j["preamble"][0]), (std::set<std::string>{"lead", "text", "footnotes"}));
  EXPECT_EQ(Keys(j["operative"][0]), (std::set<std::string>{"number", "lead", "text", "footnotes", "subparagraphs"}));
  EXPECT_EQ(j["operative"][0]["footnotes"], nlohmann::json::array({1, 2}));
  EXPECT_EQ(j["citations"][0], (nlohmann::json{{"symbol", "A/RES/48/113"}, {"date", "1993-12-20"}}));
}

TEST(ParseCliTest, UnknownValuesAreNullNeverGuessed) {
  testing::TempDir dir;
  const std::string f = dir.str() + "/page2.txt";
  testing::WriteFile(f, "Recalling its earlier work,\n\n1. Decides to continue;\n");
  auto r = RunRecital({"parse", f, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["symbol"].is_null());
  EXPECT_TRUE(j["session"].is_null());
  EXPECT_TRUE(j["adoption_date"].is_null());
  EXPECT_TRUE(j["title"].is_null());
  EXPECT_NE(r.out.find("no symbol found"), std::string::npos);
  EXPECT_NE(r.out.find("no adoption line"), std::string::npos);
}

TEST(ParseCliTest, SeveralFilesGiveAnArrayAndAMissingFileExitsTwo) {
  RECITAL_REQUIRE_CORPUS();
  testing::TempDir dir;
  const std::string empty = dir.str() + "/empty.txt";
  const std::string binary = dir.str() + "/binary.txt";
  testing::WriteFile(empty, "");
  testing::WriteFile(binary, std::string("\x7f" "ELF\0\0\0", 7));
  const std::string good = testing::CorpusDir() + "/A-RES-51-70.unorg.txt";
  auto r = RunRecital({"parse", good, empty, binary, dir.str() + "/missing.txt", "--format", "json"});
  EXPECT_EQ(r.exit_code, 2);  // refused files alone exit 1; a missing one is trouble
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 4u);
  EXPECT_EQ(j[0]["file"], good);
  EXPECT_EQ(j[0]["symbol"], "A/RES/51/70");
  EXPECT_EQ(j[1]["file"], empty);
  EXPECT_NE(j[1]["error"].get<std::string>().find("empty file"), std::string::npos);
  EXPECT_NE(j[2]["error"].get<std::string>().find("binary data"), std::string::npos);
  EXPECT_NE(r.err.find(empty + ": empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(binary + ": binary data"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt"), std::string::npos) << r.err;
}

TEST(ParseCliTest, TextFormatAndHelpWithExample) {
  RECITAL_REQUIRE_CORPUS();
  auto r = RunRecital({"parse", testing::CorpusDir() + "/A-RES-54-144.ods.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Symbol: A/RES/54/144"), std::string::npos);
  EXPECT_NE(r.out.find("16. [Decides] Decides to continue"), std::string::npos);
  auto h = RunRecital({"parse", "--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("Example"), std::string::npos);
  EXPECT_EQ(RunRecital({"parse"}).exit_code, 2);
  EXPECT_EQ(RunRecital({"parse", "x.txt", "--format", "xml"}).exit_code, 2);
}

}  // namespace
}  // namespace recital

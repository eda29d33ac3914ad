// Versions and languages on the real corpus (../shared/corpus, read in place): a cut-off copy
// with fewer paragraphs or a later page never replaces a better copy, whatever the ingest order;
// pages are parts; every language keeps its own current version; grep reads the current version
// of every language and the parts; `current` chooses and returns to the rule.
// Expected values checked by hand against the files (see the comments).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;
using testing::TempDir;

std::string Ingest(const std::string& archive, std::vector<std::string> files, bool reversed) {
  if (reversed) std::reverse(files.begin(), files.end());
  std::vector<std::string> args = {"ingest", "--archive", archive};
  args.insert(args.end(), files.begin(), files.end());
  auto r = RunRecital(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.err;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The source file of the current version of symbol in language lang ("" = preferred).
std::string CurrentSource(const std::string& archive, const std::string& symbol,
                          const std::string& lang = "") {
  std::vector<std::string> args = {"current", symbol, "--archive", archive, "--json"};
  if (!lang.empty()) args.insert(args.end(), {"--lang", lang});
  auto r = RunRecital(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  std::string want = lang.empty() ? j["preferred_language"].get<std::string>() : lang;
  for (const auto& c : j["current"]) {
    if (c["language"] == want) return c["source"];
  }
  return "";
}

// The short symbols (50/149) grep lists paragraphs of.
std::vector<std::string> GrepSymbols(const std::string& archive, const std::string& phrase) {
  auto r = RunRecital({"grep", "--archive", archive, phrase, "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  std::vector<std::string> out;
  const json j = json::parse(r.out);
  for (const auto& s : j["series"]) {
    for (const auto& p : s["paragraphs"]) out.push_back(p["symbol"]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

class VersionsCorpusTest : public ::testing::TestWithParam<bool> {};

TEST_P(VersionsCorpusTest, BetterCopyIsCurrentWhateverTheIngestOrder) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  const std::string archive = dir.str() + "/a";
  const std::string err = Ingest(archive, testing::CorpusFiles(), GetParam());
  // 50/149: both copies stop after ~2,000 bytes; humanrts reaches operative paragraph 3, unorg
  // stops inside operative paragraph 2 (same preamble): humanrts holds one more paragraph.
  EXPECT_TRUE(EndsWith(CurrentSource(archive, "A/RES/50/149"), "A-RES-50-149.humanrts.txt"));
  if (!GetParam()) {  // sorted: humanrts comes first, so unorg is the copy kept
    EXPECT_NE(err.find("kept A/RES/50/149 as version 2, not current: version 1 is cut off too"),
              std::string::npos)
        << err;
  }
  // "human rights" is in 50/149's and 50/152's humanrts copies only, and in 51/71's page 2
  // (girlsrights-p2, a part); format 4 missed all three when the other copy came last.
  auto found = GrepSymbols(archive, "human rights");
  for (const char* s : {"50/149", "50/152", "51/71"}) {
    EXPECT_TRUE(Has(found, std::string("A/RES/") + s)) << s << ::testing::PrintToString(found);
  }
  // 72/267: three later pages of one PDF (p2, p3, p4: none has the opening of the resolution),
  // so all are parts; the current is the one holding most paragraphs (p3: six preambular
  // paragraphs; p2 five; p4 operative 4-8).
  auto shown =
      RunRecital({"show", "A/RES/72/267", "--versions", "--archive", archive, "--format", "json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  json versions = json::parse(shown.out)["versions"];
  ASSERT_EQ(versions.size(), 3u);
  int current = 0;
  for (const auto& v : versions) {
    EXPECT_EQ(v["completeness"], "part");
    EXPECT_EQ(v["language"], "en");
    if (v["current"] == true) {
      ++current;
      EXPECT_TRUE(EndsWith(v["source"], "A-RES-72-267.minorityforum-p3.txt")) << v.dump();
    }
  }
  EXPECT_EQ(current, 1);
  auto verify = RunRecital({"verify", "--archive", archive});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

INSTANTIATE_TEST_SUITE_P(Orders, VersionsCorpusTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Reversed" : "Sorted"; });

class LanguageVersionsTest : public ::testing::TestWithParam<bool> {};

TEST_P(LanguageVersionsTest, EachLanguageKeepsItsCurrentVersion) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  const std::string archive = dir.str() + "/a";
  std::vector<std::string> files;
  for (const char* f :
       {"A-RES-52-48.fr.un-org-french-ga.txt", "A-RES-52-48.zh.static-un-org.txt"}) {
    files.push_back(testing::CorpusDir() + "/multilingual/" + f);
  }
  Ingest(archive, files, GetParam());
  auto ls = RunRecital({"ls", "--archive", archive, "--json"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  json docs = json::parse(ls.out);
  ASSERT_EQ(docs.size(), 1u);
  std::vector<std::string> langs = docs[0]["languages"];
  std::sort(langs.begin(), langs.end());
  EXPECT_EQ(langs, (std::vector<std::string>{"fr", "zh"}));
  auto text = RunRecital({"ls", "--archive", archive});
  EXPECT_NE(text.out.find(GetParam() ? "[zh fr]" : "[fr zh]"), std::string::npos) << text.out;
  // The Chinese title of 52/48, as the zh file gives it.
  auto zh = RunRecital({"show", "52/48", "--lang", "zh", "--archive", archive});
  EXPECT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.out.find("Title: 发展巴尔干国家间的睦邻关系"), std::string::npos) << zh.out;
  EXPECT_TRUE(
      EndsWith(CurrentSource(archive, "A/RES/52/48", "fr"), "A-RES-52-48.fr.un-org-french-ga.txt"));
  // "联合国" (United Nations) is in the Chinese text only: found whichever copy came last.
  EXPECT_TRUE(Has(GrepSymbols(archive, "联合国"), "A/RES/52/48"))
      << ::testing::PrintToString(GrepSymbols(archive, "联合国"));
  // A hit names the language it was found in: "52/48 zh" (text), "language": "zh" (JSON); the
  // French copy's "région des Balkans" is found in French.
  auto grep_zh = RunRecital({"grep", "--archive", archive, "联合国"});
  EXPECT_NE(grep_zh.out.find("  52/48 zh "), std::string::npos) << grep_zh.out;
  auto grep_fr = RunRecital({"grep", "--archive", archive, "région des Balkans", "--json"});
  ASSERT_EQ(grep_fr.exit_code, 0) << grep_fr.err;
  const json fr_hit = json::parse(grep_fr.out)["series"][0]["paragraphs"][0];
  EXPECT_EQ(fr_hit["language"], "fr") << grep_fr.out;
  EXPECT_EQ(fr_hit["version"], GetParam() ? 2 : 1) << grep_fr.out;
  auto en = RunRecital({"show", "52/48", "--lang", "en", "--archive", archive});
  EXPECT_EQ(en.exit_code, 2);
  EXPECT_NE(en.err.find("no version in language 'en'"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find("fr"), std::string::npos) << en.err;
  auto cat = RunRecital({"cat", "52/48", "--lang", "fr", "--archive", archive});
  EXPECT_EQ(cat.out, testing::ReadFile(files[0]));
  // log reads each member in the language asked for (the titles as the two files give them).
  auto log_zh = RunRecital({"log", "52/48", "--lang", "zh", "--archive", archive});
  EXPECT_EQ(log_zh.exit_code, 0) << log_zh.err;
  EXPECT_NE(log_zh.out.find("发展巴尔干国家间的睦邻关系"), std::string::npos) << log_zh.out;
  auto log_fr = RunRecital({"log", "52/48", "--lang", "fr", "--archive", archive});
  EXPECT_NE(log_fr.out.find("Maintien de la sécurité internationale"), std::string::npos)
      << log_fr.out;
  auto log_en = RunRecital({"log", "52/48", "--lang", "en", "--archive", archive});
  EXPECT_EQ(log_en.exit_code, 2);
  EXPECT_NE(log_en.err.find("languages stored: fr, zh"), std::string::npos) << log_en.err;
}

INSTANTIATE_TEST_SUITE_P(Orders, LanguageVersionsTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Reversed" : "Sorted"; });

TEST(CurrentCommandTest, ChoiceSticksOverLaterIngestsUntilAuto) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  const std::string archive = dir.str() + "/a";
  const std::string humanrts = testing::CorpusDir() + "/A-RES-50-149.humanrts.txt";
  const std::string unorg = testing::CorpusDir() + "/A-RES-50-149.unorg.txt";
  Ingest(archive, {unorg}, false);
  auto choose = RunRecital({"current", "50/149", "1", "--archive", archive});
  EXPECT_EQ(choose.exit_code, 0) << choose.err;
  EXPECT_NE(choose.out.find("chosen by the user"), std::string::npos) << choose.out;
  const std::string err = Ingest(archive, {humanrts}, false);
  EXPECT_NE(err.find("not current: version 1 was chosen by the user"), std::string::npos) << err;
  EXPECT_TRUE(EndsWith(CurrentSource(archive, "A/RES/50/149"), "A-RES-50-149.unorg.txt"));
  auto back = RunRecital({"current", "50/149", "--auto", "--archive", archive});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_TRUE(EndsWith(CurrentSource(archive, "A/RES/50/149"), "A-RES-50-149.humanrts.txt"));
  EXPECT_EQ(RunRecital({"current", "50/149", "3", "--archive", archive}).exit_code, 2);
  auto help = RunRecital({"current", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Example"), std::string::npos);
}

}  // namespace
}  // namespace recital

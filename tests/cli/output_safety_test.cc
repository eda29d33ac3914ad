// What the CLI writes and reads must never abort, block or destroy (issue #14): JSON output
// stays valid whatever bytes names hold, lost writes on stdout are trouble (exit 2), input files
// are read only when they are regular files and never past their limit, and the file writers
// (report -o, demo, generate) replace only what Recital wrote.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/history_fixture.h"
#include "tests/cli/run_util.h"
#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ReadFile;
using testing::RunRecital;
using testing::RunRecitalBounded;
using testing::TempDir;
using testing::WriteFile;

// "café.txt" as Latin-1: 0xE9 is not UTF-8.
const std::string kLatin1Name = "caf\xe9.txt";
const std::string kReplaced = "caf\xef\xbf\xbd.txt";  // U+FFFD in its place

std::string Lighthouse(const std::string& name) {
  return ReadFile((fs::path(RECITAL_SOURCE_DIR) / "tests" / "testdata" / "lighthouse" / name)
                      .string());
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

// Before: ingest --json aborted (nlohmann type_error.316) after committing the file, and every
// later ls --json aborted too.
TEST(JsonOutputTest, Latin1FileNameKeepsEveryJsonOutputValid) {
  TempDir dir;
  const std::string file = dir.str() + "/" + kLatin1Name, archive = dir.str() + "/a";
  WriteFile(file, Lighthouse("A-RES-60-7.ods.txt"));
  auto ingest = RunRecital({"ingest", "--archive", archive, "--json", file});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto lines = JsonLines(ingest.out);
  ASSERT_EQ(lines.size(), 1u) << ingest.out;
  EXPECT_EQ(lines[0]["status"], "added");
  EXPECT_EQ(lines[0]["file"], dir.str() + "/" + kReplaced);
  EXPECT_EQ(lines[0]["file_bytes"], dir.str() + "/caf%E9.txt");

  auto ls = RunRecital({"ls", "--archive", archive, "--json"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  json docs = json::parse(ls.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["versions"][0]["source"], dir.str() + "/" + kReplaced);
  EXPECT_EQ(docs[0]["versions"][0]["source_bytes"], dir.str() + "/caf%E9.txt");
  // The archive keeps the name as given: the text output shows the bytes themselves.
  auto text = RunRecital({"ls", "--archive", archive});
  EXPECT_EQ(text.exit_code, 0) << text.err;

  // parse --format json of several files carries the name in "file".
  const std::string other = dir.str() + "/A-RES-61-7.ods.txt";
  WriteFile(other, Lighthouse("A-RES-61-7.ods.txt"));
  auto parse = RunRecital({"parse", "--format", "json", file, other});
  ASSERT_EQ(parse.exit_code, 0) << parse.err;
  json parsed = json::parse(parse.out);
  EXPECT_EQ(parsed[0]["file"], dir.str() + "/" + kReplaced);
  EXPECT_EQ(parsed[0]["symbol"], "A/RES/60/7");
}

// Before: series rename stored the name, then series --json, log --json and report --format
// json aborted; grep --json of a phrase holding a stray byte aborted.
TEST(JsonOutputTest, NonUtf8NameAndPhraseGiveValidJsonAndTextNeverCrashes) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  auto rename = RunRecital({"series", "--archive", archive, "rename", "60/7", "Phares\xff 100%"});
  ASSERT_EQ(rename.exit_code, 0) << rename.err;
  auto series = RunRecital({"series", "--archive", archive, "--json"});
  ASSERT_EQ(series.exit_code, 0) << series.err;
  json s = json::parse(series.out);
  EXPECT_EQ(s[0]["name"], "Phares\xef\xbf\xbd 100%");
  EXPECT_EQ(s[0]["name_bytes"], "Phares%FF 100%25");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"log", "60/7", "--json"},
        std::vector<std::string>{"report", "60/7", "--format", "json"}}) {
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--archive", archive});
    auto r = RunRecital(full);
    EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
    EXPECT_TRUE(json::accept(r.out)) << args[0];
  }
  for (const char* cmd : {"log", "blame", "report"}) {
    auto r = RunRecital({cmd, "--archive", archive, "62/7"});
    EXPECT_EQ(r.exit_code, 0) << cmd << ": " << r.err;
  }
  auto grep = RunRecital({"grep", "--archive", archive, "\xff lighthouse keepers", "--json"});
  ASSERT_EQ(grep.exit_code, 0) << grep.err;
  json g = json::parse(grep.out);
  EXPECT_EQ(g["phrase"], "\xef\xbf\xbd lighthouse keepers");
  EXPECT_EQ(g["phrase_bytes"], "%FF lighthouse keepers");
  EXPECT_EQ(g["series"][0]["name_bytes"], "Phares%FF 100%25");
  auto grep_text = RunRecital({"grep", "--archive", archive, "\xff lighthouse keepers"});
  EXPECT_EQ(grep_text.exit_code, 0) << grep_text.err;
}

// Before: every one of these exited 0 with its output lost.
TEST(StdoutTest, LostWritesAreReportedAndExitTwo) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  const std::string f60 = dir.str() + "/releases/A-RES-60-7.ods.txt";
  const std::string f61 = dir.str() + "/releases/A-RES-61-7.ods.txt";
  const std::vector<std::vector<std::string>> commands = {
      {"ls", "--archive", archive},
      {"ls", "--archive", archive, "--json"},
      {"show", "--archive", archive, "A/RES/60/7"},
      {"cat", "--archive", archive, "A/RES/60/7"},
      {"parse", f60},
      {"report", "--archive", archive, "62/7"},
      {"verify", "--archive", archive},
      {"stats", "--archive", archive},
      {"diff", f60, f61},
      {"log", "--archive", archive, "62/7"},
      {"blame", "--archive", archive, "62/7"},
      {"grep", "--archive", archive, "lighthouse keepers"},
      {"series", "--archive", archive},
      {"ingest", "--archive", dir.str() + "/b", "--json", f60},
      {"--help"},
  };
  for (const auto& args : commands) {
    auto r = RunRecitalBounded(args, "/dev/full");
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("recital: cannot write to standard output: No space left on device"),
              std::string::npos)
        << args[0] << ": " << r.err;
  }
}

// Before: `parse /dev/zero` read without end and a FIFO without a writer blocked (both killed
// here by the time bound).
TEST(ReadFileTest, DevicesAndFifosAreRefusedAtOnceAsTrouble) {
  TempDir dir;
  const std::string fifo = dir.str() + "/release.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  for (const std::string& path : {std::string("/dev/zero"), fifo}) {
    auto parse = RunRecitalBounded({"parse", path}, "", 20);
    EXPECT_EQ(parse.exit_code, 2) << path << ": " << parse.err;
    EXPECT_NE(parse.err.find(path + ": is a "), std::string::npos) << parse.err;
    EXPECT_NE(parse.err.find("not a release file"), std::string::npos) << parse.err;
    auto diff = RunRecitalBounded({"diff", path, "/dev/null"}, "", 20);
    EXPECT_EQ(diff.exit_code, 2) << path << ": " << diff.err;
    EXPECT_NE(diff.err.find(path + ": is a "), std::string::npos) << diff.err;
  }
  // Over the limit by its size alone: refused without reading a byte (1 GiB, sparse).
  const std::string sparse = dir.str() + "/sparse.txt";
  WriteFile(sparse, "");
  fs::resize_file(sparse, 1ull << 30);
  auto big = RunRecitalBounded({"parse", sparse}, "", 20);
  EXPECT_EQ(big.exit_code, 1) << big.err;  // read and refused: too large
  EXPECT_NE(big.err.find("over the limit of 16777216"), std::string::npos) << big.err;
}

// Before: `report -o ARCHIVE/data.mdb` overwrote the archive and any other file was
// overwritten too.
TEST(ReportOutputTest, WritesOnlyNewFilesOrReportsOfOursNeverIntoAnArchive) {
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  const std::string data = archive + "/data.mdb";
  const std::string before = ReadFile(data);
  auto into = RunRecital({"report", "--archive", archive, "62/7", "-o", data});
  EXPECT_EQ(into.exit_code, 2);
  EXPECT_NE(into.err.find("is a Recital archive directory"), std::string::npos) << into.err;
  EXPECT_EQ(ReadFile(data), before);
  EXPECT_EQ(RunRecital({"verify", "--archive", archive}).exit_code, 0);

  const std::string notes = dir.str() + "/notes.md";
  WriteFile(notes, "# My notes on lighthouses\n");
  auto over = RunRecital({"report", "--archive", archive, "62/7", "-o", notes});
  EXPECT_EQ(over.exit_code, 2);
  EXPECT_NE(over.err.find(notes + " exists and is not a Recital report"), std::string::npos)
      << over.err;
  EXPECT_EQ(ReadFile(notes), "# My notes on lighthouses\n");

  const std::string out = dir.str() + "/report.md";
  ASSERT_EQ(RunRecital({"report", "--archive", archive, "62/7", "-o", out}).exit_code, 0);
  EXPECT_EQ(ReadFile(out).rfind("# Change report: ", 0), 0u);
  // A report of ours is replaced, in any of the formats.
  for (const char* format : {"html", "json", "md"}) {
    auto again = RunRecital({"report", "--archive", archive, "62/7", "-o", out, "--format", format});
    EXPECT_EQ(again.exit_code, 0) << format << ": " << again.err;
  }
  // No temporary file is left beside it.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) files += e.is_regular_file();
  EXPECT_EQ(files, 2u);  // notes.md and report.md
  auto missing_dir = RunRecital({"report", "--archive", archive, "62/7", "-o",
                                 dir.str() + "/no/such/dir/r.md"});
  EXPECT_EQ(missing_dir.exit_code, 2);
  EXPECT_NE(missing_dir.err.find("No such file or directory"), std::string::npos)
      << missing_dir.err;
}

// Before: demo deleted every file in DIR/releases, and overwrote any file holding its meta tag.
TEST(DemoOutputTest, RemovesOnlyWhatItMadeAndReplacesOnlyItsOwnReport) {
  TempDir dir;
  const std::string archive = dir.str() + "/demo", html = dir.str() + "/demo.html";
  auto first = RunRecital({"demo", "--archive", archive, "--html", html, "--sessions", "3"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto again = RunRecital({"demo", "--archive", archive, "--html", html, "--sessions", "3"});
  ASSERT_EQ(again.exit_code, 0) << again.err;

  const std::string mine = archive + "/releases/my-notes.txt";
  WriteFile(mine, "mine\n");
  auto refused = RunRecital({"demo", "--archive", archive, "--html", html, "--sessions", "3"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("releases/my-notes.txt is not a release the demo generated"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(ReadFile(mine), "mine\n");
  fs::remove(mine);

  // A generated release edited since: not the demo's any more.
  std::string edited;
  for (const auto& e : fs::directory_iterator(archive + "/releases")) edited = e.path().string();
  WriteFile(edited, ReadFile(edited) + "my annotation\n");
  auto changed = RunRecital({"demo", "--archive", archive, "--html", html, "--sessions", "3"});
  EXPECT_EQ(changed.exit_code, 2);
  EXPECT_NE(changed.err.find("or was changed since"), std::string::npos) << changed.err;
  EXPECT_TRUE(fs::exists(edited));

  const std::string page = dir.str() + "/page.html";
  const std::string page_text =
      "<html><head><meta name=\"generator\" content=\"Recital change report\"></head>"
      "<body>my page</body></html>\n";
  WriteFile(page, page_text);
  auto html_refused =
      RunRecital({"demo", "--archive", dir.str() + "/d2", "--html", page, "--sessions", "3"});
  EXPECT_EQ(html_refused.exit_code, 2);
  EXPECT_NE(html_refused.err.find("is not an HTML report Recital wrote"), std::string::npos)
      << html_refused.err;
  EXPECT_EQ(ReadFile(page), page_text);
  EXPECT_FALSE(fs::exists(dir.str() + "/d2"));  // refused before any work
}

// Before: generate --out wrote into any directory, over same-named files, silently.
TEST(GenerateOutputTest, RefusesAForeignDirectoryUnlessForcedAndReplacesItsOwnOutput) {
  TempDir dir;
  const std::string out = dir.str() + "/g";
  ASSERT_EQ(RunRecital({"generate", "--out", out, "--sessions", "4", "-q"}).exit_code, 0);
  // Over its own output: exactly the new series remains.
  ASSERT_EQ(RunRecital({"generate", "--out", out, "--sessions", "2", "-q"}).exit_code, 0);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"A-RES-50-101.ods.txt", "A-RES-51-101.ods.txt",
                                             "truth.jsonl"}));

  WriteFile(out + "/README.md", "my series\n");
  auto refused = RunRecital({"generate", "--out", out, "--sessions", "2", "-q"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("not the output of an earlier `recital generate`"), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  auto forced = RunRecital({"generate", "--out", out, "--sessions", "2", "-q", "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(ReadFile(out + "/README.md"), "my series\n");
}

}  // namespace
}  // namespace recital

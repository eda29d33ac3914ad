// `recital diff --format docx` and `recital report --format docx` on the lighthouse series: the
// files written and the exit status. What the documents hold is tested where minizip can read
// them: tests/render/docx_test.cc, tests/integration/docx_libreoffice_test.cc.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli/history_fixture.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;
using testing::TempDir;

TEST(DocxCliTest, DiffWritesAWordDocumentAndExitsAsDiff) {
  TempDir dir;
  const std::string archive = testing::IngestLighthouse(dir);
  const std::string out = dir.str() + "/changes.docx";
  auto r =
      RunRecital({"diff", "--archive", archive, "61/7", "62/7", "--format", "docx", "-o", out});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // changes found, as GNU diff
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(testing::ReadFile(out).substr(0, 2), "PK");
  EXPECT_FALSE(std::filesystem::exists(out + ".recital-tmp"));
  auto same = RunRecital({"diff", "--archive", archive, "62/7", "62/7", "--format", "docx",
                          "--substantive", "-o", out});
  EXPECT_EQ(same.exit_code, 0) << same.err;
  // Piped, the document goes to stdout.
  auto piped = RunRecital({"diff", "--archive", archive, "61/7", "62/7", "--format", "docx"});
  EXPECT_EQ(piped.exit_code, 1);
  EXPECT_EQ(piped.out.substr(0, 2), "PK");
}

TEST(DocxCliTest, ReportWritesOneDocumentForTheSeries) {
  TempDir dir;
  const std::string archive = testing::IngestLighthouse(dir);
  const std::string out = dir.str() + "/series.docx";
  auto r = RunRecital({"report", "--archive", archive, "62/7", "--format", "docx", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::ReadFile(out).substr(0, 2), "PK");
  EXPECT_NE(r.err.find("3 sessions"), std::string::npos) << r.err;
  auto bad =
      RunRecital({"report", "--archive", archive, "62/7", "--format", "docx", "-o", dir.str()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("is a directory"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace recital

// The HTML change report as a reader sees it: rendered by headless Chromium (Debian's
// `chromium`, installed by scripts/install-deps), asserting on the DOM it dumps. Skips with a
// message only when chromium is not installed.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/cli/history_fixture.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using testing::RunRecital;
using testing::TempDir;

bool HaveChromium() { return std::system("command -v chromium >/dev/null 2>&1") == 0; }

// The DOM of file `path` after Chromium loaded it, "" on failure.
std::string DumpDom(const std::string& path, const std::string& profile_dir) {
  std::string cmd =
      "timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir='" + profile_dir + "' --dump-dom 'file://" + path + "' 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return "";
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// The text between the first `open` at or after `from` and the next `close`.
std::string Between(const std::string& s, const std::string& open, const std::string& close,
                    size_t from = 0) {
  size_t a = s.find(open, from);
  if (a == std::string::npos) return "";
  a += open.size();
  size_t b = s.find(close, a);
  return b == std::string::npos ? "" : s.substr(a, b - a);
}

TEST(ReportHtmlTest, ChromiumShowsContentsSideBySideMarksAndLeadCallout) {
  if (!HaveChromium()) {
    GTEST_SKIP() << "chromium is not installed (scripts/install-deps installs it); the HTML "
                    "report was not checked in a browser";
  }
  TempDir dir;
  std::string archive = testing::IngestLighthouse(dir);
  std::string html = dir.str() + "/report.html";
  auto r = RunRecital({"report", "--archive", archive, "A/RES/62/7", "--format", "html", "-o", html});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string dom = DumpDom(html, dir.str() + "/chromium-profile");
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "chromium printed no DOM:\n" << dom;

  // Table of contents: one entry per pair, each linking to a section that exists.
  std::string toc = Between(dom, "<nav class=\"toc\"", "</nav>");
  EXPECT_NE(toc.find("<a href=\"#overview\">Overview</a>"), std::string::npos) << toc;
  EXPECT_NE(toc.find("<a href=\"#pair-1\">A/RES/60/7 → A/RES/61/7</a>: "
                     "2 reworded, 1 removed, 3 unchanged"),
            std::string::npos) << toc;
  EXPECT_NE(toc.find("<a href=\"#pair-2\">A/RES/61/7 → A/RES/62/7</a>: "
                     "1 reworded, 1 added, 4 unchanged"),
            std::string::npos) << toc;
  for (const char* id : {"id=\"overview\"", "id=\"pair-1\"", "id=\"pair-2\""})
    EXPECT_NE(dom.find(id), std::string::npos) << id;

  // Overview: a row per session with its counts against the previous one (unchanged,
  // reworded, technical among them, added).
  std::string overview = Between(dom, "<table class=\"overview\">", "</table>");
  EXPECT_NE(overview.find("<td>A/RES/62/7</td><td class=\"n\">62</td><td>2007-12-05</td>"
                          "<td class=\"n\">4</td><td class=\"n\">1</td><td class=\"n\">0</td>"
                          "<td class=\"n\">1</td>"),
            std::string::npos) << overview;

  // 60/7 -> 61/7: the inserted words, on the new side only; the old side keeps its words.
  size_t pair1 = dom.find("id=\"pair-1\"");
  std::string sbs1 = Between(dom, "<table class=\"sbs\">", "</table>", pair1);
  EXPECT_NE(sbs1.find("<td class=\"old\">Encourages Member States to share information on "
                      "lighthouse maintenance;</td>"),
            std::string::npos) << sbs1;
  EXPECT_NE(sbs1.find("<td class=\"new\">Encourages Member States to share information "
                      "<ins>and best practices </ins>on lighthouse maintenance;</td>"),
            std::string::npos) << sbs1;
  // The removed preamble paragraph: struck on the old side, nothing on the new side.
  EXPECT_NE(sbs1.find("<del>Welcoming the establishment of a working group on aids to "
                      "navigation,</del>"),
            std::string::npos) << sbs1;
  EXPECT_NE(sbs1.find("<td class=\"new none\">(removed)</td>"), std::string::npos) << sbs1;

  // 61/7 -> 62/7: lead phrase change called out, and the word marks on each side.
  size_t pair2 = dom.find("id=\"pair-2\"");
  std::string sbs2 = Between(dom, "<table class=\"sbs\">", "</table>", pair2);
  EXPECT_NE(sbs2.find("<td class=\"old\"><del>Encourages</del> Member States"), std::string::npos)
      << sbs2;
  EXPECT_NE(sbs2.find("<p class=\"lead-change\"><strong>Lead phrase changed:</strong> "
                      "<del>Encourages</del> → <ins>Urges</ins></p><ins>Urges</ins> Member States"),
            std::string::npos) << sbs2;
  EXPECT_NE(sbs2.find("<td class=\"old none\">(not present)</td><td class=\"new\"><ins>Invites "
                      "regional organizations"),
            std::string::npos) << sbs2;
  // Nothing a browser would fetch or run.
  for (const char* bad : {"<script", "<link", "<img", "<iframe", "url("})
    EXPECT_EQ(dom.find(bad), std::string::npos) << bad;
}

}  // namespace
}  // namespace recital

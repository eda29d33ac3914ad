// The pages in a real browser: headless Chromium loads them from an in-process server (with
// the Content-Security-Policy the server sends) and the test asserts on the DOM it ends with
// and on a screenshot of the comparison page. Skipped when no Chromium is installed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/serve/serve_test_util.h"

namespace recital {
namespace {

std::string FindChromium() {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome", "chrome"}) {
    size_t start = 0;
    while (start <= dirs.size()) {
      const size_t colon = dirs.find(':', start);
      const std::string dir = dirs.substr(start, colon == std::string::npos ? colon : colon - start);
      const std::string candidate = dir + "/" + name;
      if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  return "";
}

class ServeBrowserTest : public testing::CorpusServerTest {
 protected:
  void SetUp() override {
    chromium_ = FindChromium();
    if (chromium_.empty()) GTEST_SKIP() << "no chromium in PATH: browser tests skipped";
    CorpusServerTest::SetUp();
  }

  // Runs headless Chromium with a fresh profile; its stdout.
  std::string Chromium(const std::vector<std::string>& args) {
    const std::string out_path = tmp_.str() + "/stdout";
    pid_t pid = fork();
    if (pid == 0) {
      if (std::freopen(out_path.c_str(), "w", stdout) == nullptr ||
          std::freopen("/dev/null", "w", stderr) == nullptr)
        _exit(127);
      setenv("HOME", tmp_.str().c_str(), 1);
      std::vector<std::string> all = {chromium_,
                                      "--headless=new",
                                      "--no-sandbox",  // tests may run as root (CI containers)
                                      "--disable-gpu",
                                      "--no-first-run",
                                      "--user-data-dir=" + tmp_.str() + "/profile"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (std::string& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "chromium failed";
    return testing::ReadFile(out_path);
  }

  std::string Url(const std::string& target) {
    return "http://127.0.0.1:" + std::to_string(port()) + target;
  }
  std::string Dom(const std::string& target) { return Chromium({"--dump-dom", Url(target)}); }

  std::string chromium_;
  testing::TempDir tmp_;
};

bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST_F(ServeBrowserTest, ComparisonPageRendersDeletedAndInsertedWords) {
  const std::string dom = Dom("/compare?from=A/RES/51/70&to=A/RES/54/144");
  EXPECT_TRUE(Has(dom, "<table class=\"sbs\"")) << dom.substr(0, 500);
  EXPECT_TRUE(Has(dom, "<del>, held at Geneva on 30 and 31 May 1996</del>"));
  EXPECT_TRUE(Has(dom, "53/123 of 9 December 1998</ins>"));
}

TEST_F(ServeBrowserTest, IndexFilterRunsUnderThePagesContentSecurityPolicy) {
  // The filter box is preset from ?filter= and its script hides the series that do not match;
  // the DOM shows the script ran (it is inline, allowed by the policy the server sends).
  const std::string dom = Dom("/?filter=Africa");
  const size_t africa = dom.find("Assistance to refugees, returnees and displaced persons in Africa");
  const size_t cis = dom.find("Follow-up to the Regional Conference");
  ASSERT_NE(africa, std::string::npos);
  ASSERT_NE(cis, std::string::npos);
  const size_t africa_li = dom.rfind("<li", africa), cis_li = dom.rfind("<li", cis);
  EXPECT_FALSE(Has(dom.substr(africa_li, africa - africa_li), "hidden")) << dom.substr(africa_li, 200);
  EXPECT_TRUE(Has(dom.substr(cis_li, cis - cis_li), "hidden")) << dom.substr(cis_li, 200);
}

TEST_F(ServeBrowserTest, ResolutionAndSearchPagesLinkParagraphsToTheirLineage) {
  const std::string record = Dom("/resolution/A/RES/54/144");
  EXPECT_TRUE(Has(record, "href=\"/blame/A/RES/54/144#p14\""));
  const std::string search = Dom("/search?q=voluntary+repatriation");
  EXPECT_TRUE(Has(search, "<mark>voluntary repatriation</mark>"));
}

// A PNG of the window's size, and not a blank page (a white 1280x1000 page compresses to a few
// KiB; side-by-side text with coloured marks to far more, whatever the fonts).
TEST_F(ServeBrowserTest, ComparisonPageScreenshot) {
  const std::string png = tmp_.str() + "/compare.png";
  Chromium({"--window-size=1280,1000", "--screenshot=" + png,
            Url("/compare?from=A/RES/51/70&to=A/RES/54/144")});
  const std::string bytes = testing::ReadFile(png);
  ASSERT_GT(bytes.size(), 24u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto be32 = [&](size_t at) {
    return (uint32_t(uint8_t(bytes[at])) << 24) | (uint32_t(uint8_t(bytes[at + 1])) << 16) |
           (uint32_t(uint8_t(bytes[at + 2])) << 8) | uint32_t(uint8_t(bytes[at + 3]));
  };
  EXPECT_EQ(be32(16), 1280u);  // IHDR width
  EXPECT_EQ(be32(20), 1000u);  // IHDR height
  EXPECT_GT(bytes.size(), 50u * 1024) << "the screenshot looks blank";
  if (const char* keep = std::getenv("RECITAL_KEEP_SCREENSHOT"); keep != nullptr && *keep)
    std::filesystem::copy_file(png, keep, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace
}  // namespace recital

// `recital serve` as a user runs it: the URL on stderr, loopback by default, SIGTERM and
// SIGINT end it with exit 0, a taken port or a missing archive is exit 2 with the reason.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/serve/serve_test_util.h"

namespace recital {
namespace {

using testing::Get;
using testing::ServeProcess;

class ServeProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RECITAL_REQUIRE_CORPUS();
    archive_ = tmp_.str() + "/archive";
    const std::string dir = testing::CorpusDir();
    testing::IngestCorpus(archive_, {dir + "/A-RES-51-70.unorg.txt", dir + "/A-RES-54-144.ods.txt"});
  }
  testing::TempDir tmp_;
  std::string archive_;
};

TEST_F(ServeProcessTest, PrintsItsLoopbackUrlAndStopsOnSigtermWithExitZero) {
  ServeProcess serve(archive_);
  ASSERT_TRUE(serve.started()) << serve.Stderr();
  EXPECT_TRUE(serve.url().starts_with("http://127.0.0.1:")) << serve.url();
  const testing::HttpReply r = Get(serve.port(), "/resolution/A/RES/54/144");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Follow-up to the Regional Conference"), std::string::npos);
  EXPECT_EQ(serve.SignalAndWait(SIGTERM), 0) << serve.Stderr();
  EXPECT_NE(serve.Stderr().find("stopped serving"), std::string::npos) << serve.Stderr();
}

TEST_F(ServeProcessTest, StopsOnSigintWithExitZero) {
  ServeProcess serve(archive_);
  ASSERT_TRUE(serve.started()) << serve.Stderr();
  EXPECT_EQ(Get(serve.port(), "/api/series").status, 200);
  EXPECT_EQ(serve.SignalAndWait(SIGINT), 0) << serve.Stderr();
}

TEST_F(ServeProcessTest, StopsWhileAClientHoldsAHalfSentRequest) {
  ServeProcess serve(archive_);
  ASSERT_TRUE(serve.started()) << serve.Stderr();
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(serve.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string half = "GET / HTTP/1.1\r\n";
  ASSERT_GT(send(fd, half.data(), half.size(), MSG_NOSIGNAL), 0);
  EXPECT_EQ(Get(serve.port(), "/").status, 200);  // the half request is with a worker
  EXPECT_EQ(serve.SignalAndWait(SIGTERM), 0) << serve.Stderr();
  close(fd);
}

TEST_F(ServeProcessTest, APortInUseIsExitTwoWithTheReason) {
  ServeProcess first(archive_);
  ASSERT_TRUE(first.started()) << first.Stderr();
  const testing::RunResult second = testing::RunRecital(
      {"serve", "--archive", archive_, "--port", std::to_string(first.port())});
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1 port " + std::to_string(first.port())),
            std::string::npos)
      << second.err;
  EXPECT_EQ(first.SignalAndWait(SIGTERM), 0);
}

TEST_F(ServeProcessTest, MissingArchiveAndBadOptionsAreExitTwo) {
  const testing::RunResult missing =
      testing::RunRecital({"serve", "--archive", tmp_.str() + "/none", "--port", "0"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("none"), std::string::npos) << missing.err;
  EXPECT_EQ(testing::RunRecital({"serve", "--archive", archive_, "--port", "70000"}).exit_code,
            2);
  const testing::RunResult bad_bind =
      testing::RunRecital({"serve", "--archive", archive_, "--port", "0", "--bind", "not an ip"});
  EXPECT_EQ(bad_bind.exit_code, 2);
  EXPECT_NE(bad_bind.err.find("cannot listen"), std::string::npos) << bad_bind.err;
}

// The "done when": after `recital demo`, every page and API call has real content.
// Needs no corpus (the demo generates its series), so it is not a ServeProcessTest.
TEST(ServeDemoTest, EveryPageOfTheDemoArchiveHasContent) {
  testing::TempDir tmp;
  const std::string archive = tmp.str() + "/demo-archive";
  const testing::RunResult demo = testing::RunRecital(
      {"demo", "--archive", archive, "--html", tmp.str() + "/demo-report.html"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  ServeProcess serve(archive);
  ASSERT_TRUE(serve.started()) << serve.Stderr();
  // The demo's series: ten sessions, 50/101 to 59/101 (the generator's default seed).
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"/", "href=\"/series/"},
      {"/series/59/101", "<svg"},
      {"/resolution/A/RES/59/101", "href=\"/blame/A/RES/59/101#p1\""},
      {"/blame/A/RES/59/101", "id=\"p1\""},
      {"/compare?from=A/RES/50/101&to=A/RES/59/101", "<ins>"},
      {"/search?q=refugees", "<mark>"},
      {"/api/series", "\"key\""},
      {"/api/resolution/A/RES/59/101", "\"operative\""},
      {"/api/diff?from=A/RES/50/101&to=A/RES/59/101", "\"changes\""},
      {"/api/blame/A/RES/59/101", "A/RES/59/101"},
      {"/api/log/59/101", "\"sessions\""},
      {"/api/grep?q=refugees", "A/RES/"}};
  for (const auto& [target, part] : pages) {
    const testing::HttpReply r = Get(serve.port(), target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_NE(r.body.find(part), std::string::npos) << target << " lacks " << part;
  }
  EXPECT_EQ(serve.SignalAndWait(SIGTERM), 0) << serve.Stderr();
}

TEST_F(ServeProcessTest, HelpNamesEveryRouteAndAnExample) {
  const testing::RunResult help = testing::RunRecital({"serve", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* route : {"/series/KEY", "/resolution/SYMBOL", "/compare?from=SYMBOL&to=SYMBOL",
                            "/blame/SYMBOL", "/search?q=PHRASE", "--port", "--bind",
                            "recital serve --archive demo-archive"}) {
    EXPECT_NE(help.out.find(route), std::string::npos) << route;
  }
}

}  // namespace
}  // namespace recital

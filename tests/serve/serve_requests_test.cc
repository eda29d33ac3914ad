// Requests that must never hurt the server: malformed, oversized, hostile, slow, many at once,
// and reads while an ingest writes. Each case is sent as raw bytes; every answer must be the
// expected 4xx (or the page), and the server must go on answering.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "serve/internal.h"
#include "tests/serve/serve_test_util.h"

namespace recital {
namespace {

using testing::CorpusServerTest;
using testing::Get;
using testing::HttpReply;
using testing::ParseReply;
using testing::SendRaw;

class ServeRequestsTest : public CorpusServerTest {
 protected:
  // GET target as raw bytes with a loopback Host.
  HttpReply RawGet(const std::string& target, const std::string& headers = "") {
    return ParseReply(SendRaw(port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                          headers + "Connection: close\r\n\r\n"));
  }
};

TEST_F(ServeRequestsTest, MalformedTargetsAre400) {
  for (const std::string target :
       {"/%zz", "/resolution/%4", "/search?q=%", "/search?q=%G1", "/resolution/%ff",
        "/resolution/%C0%AF" /* overlong '/' */, "/resolution/%ED%A0%80" /* surrogate */,
        "/resolution/%F4%90%80%80" /* past U+10FFFF */, "/resolution/A%00B", "/search?q=a%0Db",
        "/search?q=%1B%5B31m", "http://evil.example/", "*", "resolution/54/144"}) {
    const HttpReply r = RawGet(target);
    EXPECT_EQ(r.status, 400) << target << ": " << r.body;
  }
}

TEST_F(ServeRequestsTest, PathTraversalNeverReachesAFile) {
  for (const std::string target :
       {"/../../../../etc/passwd", "/resolution/../../../../etc/passwd",
        "/resolution/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd", "/api/resolution/..%2f..%2fdata.mdb", "/resolution/%2Fetc%2Fpasswd",
        "/api/blame/../../../../proc/self/environ", "/data.mdb", "/lock.mdb",
        "/series/..%2f..%2fetc%2fshadow"}) {
    const HttpReply r = RawGet(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("PATH="), std::string::npos) << target;
  }
}

TEST_F(ServeRequestsTest, OversizedRequestsAreRefused) {
  EXPECT_EQ(RawGet("/resolution/" + std::string(5000, 'A')).status, 414);
  EXPECT_EQ(RawGet("/" + std::string(200000, 'x')).status, 414);
  std::string euros;
  for (int i = 0; i < 2000; ++i) euros += "%E2%82%AC";
  EXPECT_EQ(RawGet("/search?q=" + euros).status, 414);
  // One header line over the transport's limit, too many fields, too many bytes in all.
  EXPECT_EQ(RawGet("/", "X-Long: " + std::string(20000, 'a') + "\r\n").status, 400);
  std::string many, big;
  for (int i = 0; i < 150; ++i) many += "X-" + std::to_string(i) + ": a\r\n";
  for (int i = 0; i < 40; ++i) big += "X-" + std::to_string(i) + ": " + std::string(4000, 'a') + "\r\n";
  EXPECT_EQ(RawGet("/", many).status, 431);
  EXPECT_EQ(RawGet("/", big).status, 431);
  // A body announced at 100 MB is not read: this server takes no bodies at all.
  const HttpReply post = ParseReply(SendRaw(
      port(), "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n"
              "Connection: close\r\n\r\n" + std::string(1000, 'x')));
  EXPECT_EQ(post.status, 405);
}

TEST_F(ServeRequestsTest, OddButValidQueriesAreAnswered) {
  std::string pairs;
  for (int i = 0; i < 1000; ++i) pairs += "a=b&";
  EXPECT_EQ(RawGet("/search?" + pairs).status, 200);
  EXPECT_EQ(RawGet("/search?q=" + std::string(3000, 'x')).status, 200);
  std::string words;
  for (int i = 0; i < 1300; ++i) words += "a+";
  EXPECT_EQ(RawGet("/api/grep?q=" + words).status, 200);
  EXPECT_EQ(RawGet("/search?q=%E2%82%AC+r%C3%A9fugi%C3%A9s&&&q=second&=&x").status, 200);
  EXPECT_EQ(RawGet("/compare?from=&to=").status, 200);  // the empty form
  EXPECT_EQ(RawGet("/?filter=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body.find("<script>alert"),
            std::string::npos);
}

TEST_F(ServeRequestsTest, OtherMethodsAndBrokenRequestLinesAre4xx) {
  auto status_of = [&](const std::string& raw) { return ParseReply(SendRaw(port(), raw)).status; };
  const std::string tail = "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nContent-Length: 5\r\n" + tail + "hello"), 405);
  EXPECT_EQ(status_of("DELETE /resolution/54/144 HTTP/1.1\r\n" + tail), 405);
  EXPECT_EQ(status_of("BREW /pot HTTP/1.1\r\n" + tail), 400);
  EXPECT_EQ(status_of("GET / HTTP/9.9\r\n" + tail), 400);
  EXPECT_EQ(status_of(std::string("\x00\x01\x02\xff\r\n\r\n", 8)), 400);
  EXPECT_EQ(status_of("GET /a b HTTP/1.1\r\n" + tail), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nRange: bytes=99999999-\r\n" + tail), 416);
}

TEST_F(ServeRequestsTest, OnlyLoopbackHostNamesAreAnswered) {
  // A page elsewhere could reach this server through DNS rebinding; its Host gives it away.
  const std::string rest = "Connection: close\r\n\r\n";
  EXPECT_EQ(ParseReply(SendRaw(port(), "GET / HTTP/1.1\r\nHost: evil.example\r\n" + rest)).status,
            403);
  EXPECT_EQ(
      ParseReply(SendRaw(port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1.evil.example\r\n" + rest))
          .status,
      403);
  EXPECT_EQ(ParseReply(SendRaw(port(), "GET / HTTP/1.1\r\nHost: localhost:1\r\n" + rest)).status,
            200);
  EXPECT_EQ(ParseReply(SendRaw(port(), "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n" + rest)).status,
            200);
  EXPECT_EQ(ParseReply(SendRaw(port(), "GET / HTTP/1.0\r\n\r\n")).status, 200);
}

TEST_F(ServeRequestsTest, TheServerStillAnswersAfterAllOfThat) {
  RawGet("/%zz");
  SendRaw(port(), std::string("\xff\xfe\r\n\r\n", 6));
  testing::SendAndHangUp(port(), "GET / HTTP/1.1\r\n");  // hangs up mid-request
  testing::SendAndHangUp(port(), "GET /resolution/54/144 HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const HttpReply r = Get(port(), "/resolution/A/RES/54/144");
  EXPECT_EQ(r.status, 200);
}

// ---- slow clients, many clients, a writer --------------------------------------------------

class ServeLoadTest : public CorpusServerTest {};

// A client that sends half a request and then nothing holds one worker until the read timeout
// drops it; the others go on serving meanwhile.
TEST_F(ServeLoadTest, SlowClientIsDroppedAndDoesNotBlockOthers) {
  auto archive = testing::OpenForReading(archive_dir());
  ASSERT_NE(archive, nullptr);
  serve::ServeOptions options;
  options.port = 0;
  options.threads = 2;
  options.read_timeout_seconds = 1;
  auto server = serve::Server::Start(*archive, options);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const int p = (*server)->port();

  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  timeval guard{60, 0};  // only so that a broken server fails this test instead of hanging it
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof guard);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(p));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string half = "GET /resolution/54/144 HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  ASSERT_EQ(send(fd, half.data(), half.size(), MSG_NOSIGNAL), ssize_t(half.size()));

  EXPECT_EQ(Get(p, "/").status, 200);  // the other worker

  std::string answer;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, size_t(n));
  const int err = errno;
  close(fd);
  EXPECT_EQ(n, 0) << "the connection was not closed by the server: " << std::strerror(err);
  // Closed, at most with a 400 or 408 for the request it never finished.
  EXPECT_TRUE(answer.empty() || answer.starts_with("HTTP/1.1 400") ||
              answer.starts_with("HTTP/1.1 408"))
      << answer.substr(0, 80);
  EXPECT_EQ(Get(p, "/").status, 200);
}

// The bounded load test: 20 clients x 50 requests over every kind of page and API call;
// no request may fail. Latencies are printed (p50, p99), never asserted.
TEST_F(ServeLoadTest, TwentyClientsFiftyRequestsEachAllAnswered) {
  const std::vector<std::string> targets = {
      "/", "/series/54/144", "/resolution/A/RES/54/144", "/blame/A/RES/54/144",
      "/compare?from=A/RES/51/70&to=A/RES/54/144", "/search?q=voluntary+repatriation",
      "/api/series", "/api/resolution/A/RES/56/134", "/api/diff?from=50/151&to=51/70",
      "/api/blame/A/RES/77/199", "/api/log/54/144", "/api/grep?q=refugees"};
  constexpr int kClients = 20, kRequests = 50;
  std::vector<std::vector<double>> ms(kClients);
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kRequests; ++i) {
        const std::string& t = targets[size_t(c + i) % targets.size()];
        const auto start = std::chrono::steady_clock::now();
        const HttpReply r = Get(port(), t);
        const auto end = std::chrono::steady_clock::now();
        ms[size_t(c)].push_back(std::chrono::duration<double, std::milli>(end - start).count());
        if (r.status != 200 || r.body.empty()) {
          ++failures;
          std::fprintf(stderr, "%s: %d\n", t.c_str(), r.status);
        }
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::vector<double> all;
  for (const auto& v : ms) all.insert(all.end(), v.begin(), v.end());
  ASSERT_EQ(all.size(), size_t(kClients * kRequests));
  std::sort(all.begin(), all.end());
  const double p50 = all[all.size() / 2], p99 = all[all.size() * 99 / 100];
  std::printf("load: %zu requests, %d clients: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              all.size(), kClients, p50, p99, all.back());
  RecordProperty("p50_ms", std::to_string(p50));
  RecordProperty("p99_ms", std::to_string(p99));
}

// Readers go on while `recital ingest` writes to the same archive: every read succeeds and
// the releases ingested meanwhile are served once their transaction committed.
TEST_F(ServeLoadTest, ReadsSucceedWhileAnIngestRuns) {
  const std::vector<std::string> files = testing::CorpusFiles();
  ASSERT_GT(files.size(), 10u);
  std::vector<std::string> first, rest;
  for (const std::string& f : files) {
    (f.find("A-RES-56-134") != std::string::npos || f.find("A-RES-77-199") != std::string::npos
         ? rest
         : first)
        .push_back(f);
  }
  testing::TempDir tmp;
  const std::string dir = tmp.str() + "/archive";
  testing::IngestCorpus(dir, first);
  ASSERT_FALSE(HasFatalFailure());
  auto archive = testing::OpenForReading(dir);
  ASSERT_NE(archive, nullptr);
  serve::ServeOptions options;
  options.port = 0;
  auto server = serve::Server::Start(*archive, options);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const int p = (*server)->port();
  EXPECT_EQ(Get(p, "/api/resolution/A/RES/56/134").status, 404);

  std::atomic<bool> done{false};
  testing::RunResult ingest;
  std::thread writer([&] {
    std::vector<std::string> args = {"ingest", "--archive", dir};
    args.insert(args.end(), rest.begin(), rest.end());
    ingest = testing::RunRecital(args);
    done = true;
  });
  int reads = 0, failures = 0;
  while (!done || reads < 20) {
    const HttpReply r = Get(p, reads % 2 ? "/api/resolution/A/RES/54/144" : "/api/series");
    ++reads;
    if (r.status != 200) ++failures;
  }
  writer.join();
  EXPECT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_EQ(failures, 0) << "of " << reads << " reads";
  const HttpReply added = Get(p, "/resolution/A/RES/56/134");
  EXPECT_EQ(added.status, 200);
  EXPECT_NE(added.body.find("56/134"), std::string::npos);
}

// ---- request targets, unit by unit -----------------------------------------------------------

TEST(ServeTargetTest, DecodesPathAndQueryStrictly) {
  auto t = serve::internal::ParseTarget("/compare?from=A%2FRES%2F51%2F70&to=54/144&q=a+b");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/compare");
  EXPECT_EQ(t->Param("from"), "A/RES/51/70");
  EXPECT_EQ(t->Param("to"), "54/144");
  EXPECT_EQ(t->Param("q"), "a b");
  EXPECT_EQ(t->Param("absent"), "");
  auto plus = serve::internal::ParseTarget("/a+b");
  ASSERT_TRUE(plus.ok());
  EXPECT_EQ(plus->path, "/a+b");  // '+' is a space only in queries
  EXPECT_FALSE(serve::internal::ParseTarget("/x#frag").ok());
  EXPECT_FALSE(serve::internal::ParseTarget("").ok());
  EXPECT_TRUE(serve::internal::ParseTarget("/" + std::string(serve::kMaxTargetBytes + 1, 'a'))
                  .status()
                  .IsResourceExhausted());
}

TEST(ServeTargetTest, Utf8CheckRefusesOverlongSurrogatesAndTruncation) {
  using serve::internal::IsValidUtf8;
  EXPECT_TRUE(IsValidUtf8("réfugiés — 难民 — لاجئين"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(ServeTargetTest, LoopbackHostsAndAddresses) {
  using serve::internal::IsLoopbackHost;
  EXPECT_TRUE(IsLoopbackHost(""));
  EXPECT_TRUE(IsLoopbackHost("localhost:8080"));
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3:80"));
  EXPECT_TRUE(IsLoopbackHost("[::1]:8080"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1.nip.io"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.256"));
  EXPECT_FALSE(IsLoopbackHost("localhost:80x"));
  EXPECT_FALSE(IsLoopbackHost("[::2]"));
  EXPECT_FALSE(IsLoopbackHost("example.org"));
  EXPECT_TRUE(serve::IsLoopbackAddress("127.0.0.1"));
  EXPECT_FALSE(serve::IsLoopbackAddress("0.0.0.0"));
  EXPECT_FALSE(serve::IsLoopbackAddress("::"));
}

}  // namespace
}  // namespace recital

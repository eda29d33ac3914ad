// Helpers of the serve tests: a small HTTP/1.1 client over a plain socket (so tests can send
// exactly the bytes they mean, malformed ones included), an archive of the real corpus, and
// `recital serve` run as a child process.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "serve/serve.h"
#include "store/store.h"
#include "tests/test_util.h"

namespace recital::testing {

struct HttpReply {
  int status = 0;  // 0: no (parseable) answer, the connection was closed
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// Sends `raw` to 127.0.0.1:port and reads until the server closes the connection.
std::string SendRaw(int port, const std::string& raw);
// Sends `raw` and closes the connection without reading anything.
void SendAndHangUp(int port, const std::string& raw);
// Parses a response as SendRaw returns it (status line, headers, body as sent).
HttpReply ParseReply(const std::string& raw);
// GET target (sent exactly as given) with Host 127.0.0.1:port and Connection: close.
HttpReply Get(int port, const std::string& target);

// The corpus's *.txt releases ingested by the built `recital` into dir (fails the test on
// trouble); `files` picks some of them (all when empty).
void IngestCorpus(const std::string& dir, const std::vector<std::string>& files = {});
std::unique_ptr<store::Archive> OpenForReading(const std::string& dir);

// `recital serve --archive dir --port 0 ARGS...` as a child; url() once it printed it.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& archive_dir, const std::vector<std::string>& args = {});
  ~ServeProcess();  // SIGKILL if still running
  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  const std::string& url() const { return url_; }
  // Sends the signal and waits for the exit; the exit code (128 + signal when killed).
  int SignalAndWait(int signal);
  // The exit code once it ended by itself (waits).
  int Wait();
  std::string Stderr() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string url_;
  std::thread drain_;  // reads the child's stderr after the URL line
  std::shared_ptr<std::string> err_ = std::make_shared<std::string>();
  std::shared_ptr<std::mutex> err_mutex_ = std::make_shared<std::mutex>();
};

// Tests over one served archive of the whole corpus (made once per test binary run, kept
// until it exits): Server::Start in process on a free loopback port. Skips without the corpus.
class CorpusServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  static int port();
  static const std::string& archive_dir();

 public:
  class Cleanup;

 private:
  struct Shared;
  static Shared* shared_;
};

}  // namespace recital::testing

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <gtest/gtest.h>

#include "tests/serve/serve_test_util.h"

namespace recital::testing {

namespace {

int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

void SendAndHangUp(int port, const std::string& raw) {
  const int fd = Connect(port);
  if (fd < 0) return;
  (void)send(fd, raw.data(), raw.size(), MSG_NOSIGNAL);
  close(fd);
}

std::string SendRaw(int port, const std::string& raw) {
  const int fd = Connect(port);
  std::string out;
  if (fd >= 0) {
    size_t sent = 0;
    while (sent < raw.size()) {
      const ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;  // the server may refuse and close before reading everything
      sent += size_t(n);
    }
    char buf[16384];
    for (;;) {
      const ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, size_t(n));
    }
    close(fd);
  }
  return out;
}

HttpReply ParseReply(const std::string& raw) {
  HttpReply r;
  const size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || !raw.starts_with("HTTP/1.")) return r;
  const size_t sp = raw.find(' ');
  r.status = std::atoi(raw.c_str() + sp + 1);
  size_t line = raw.find("\r\n") + 2;
  while (line < head_end) {
    const size_t eol = raw.find("\r\n", line);
    const std::string field = raw.substr(line, eol - line);
    const size_t colon = field.find(':');
    if (colon != std::string::npos) {
      std::string name = field.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return char(std::tolower(c)); });
      size_t v = colon + 1;
      while (v < field.size() && field[v] == ' ') ++v;
      r.headers[name] = field.substr(v);
    }
    line = eol + 2;
  }
  r.body = raw.substr(head_end + 4);
  return r;
}

HttpReply Get(int port, const std::string& target) {
  return ParseReply(SendRaw(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                                      std::to_string(port) + "\r\nConnection: close\r\n\r\n"));
}

void IngestCorpus(const std::string& dir, const std::vector<std::string>& files) {
  std::vector<std::string> args = {"ingest", "--archive", dir};
  for (const std::string& f : files.empty() ? CorpusFiles() : files) args.push_back(f);
  const RunResult r = RunRecital(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

std::unique_ptr<store::Archive> OpenForReading(const std::string& dir) {
  store::OpenOptions options;
  options.initial_map_bytes = serve::kReaderMapBytes;  // as `recital serve` opens it
  auto a = store::Archive::Open(dir, options);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? std::move(*a) : nullptr;
}

ServeProcess::ServeProcess(const std::string& archive_dir, const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    const int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    std::vector<std::string> all = {RECITAL_BINARY, "serve", "--archive", archive_dir, "--port",
                                    "0"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  // Reads stderr until the URL line (or the end: it failed to start); the rest of stderr goes
  // to a file so the child never blocks on a full pipe.
  std::string seen;
  char c;
  while (read(pipe_fds[0], &c, 1) == 1) {
    seen += c;
    if (c == '\n' && seen.find("http://") != std::string::npos) break;
  }
  const size_t at = seen.find("http://");
  if (at != std::string::npos) {
    url_ = seen.substr(at, seen.find_first_of(" \n", at) - at);
    const size_t colon = url_.rfind(':');
    port_ = std::atoi(url_.c_str() + colon + 1);
  }
  {
    std::lock_guard<std::mutex> lock(*err_mutex_);
    *err_ += seen;
  }
  // The rest of stderr is collected on a thread, so the child never blocks on a full pipe.
  drain_ = std::thread([fd = pipe_fds[0], err = err_, mutex = err_mutex_] {
    char buf[4096];
    for (;;) {
      const ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) break;
      std::lock_guard<std::mutex> lock(*mutex);
      err->append(buf, size_t(n));
    }
    close(fd);
  });
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (drain_.joinable()) drain_.join();
}

int ServeProcess::Wait() {
  int status = 0;
  if (pid_ <= 0 || waitpid(pid_, &status, 0) != pid_) return -1;
  pid_ = -1;
  if (drain_.joinable()) drain_.join();
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int ServeProcess::SignalAndWait(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  return Wait();
}

std::string ServeProcess::Stderr() const {
  std::lock_guard<std::mutex> lock(*err_mutex_);
  return *err_;
}

struct CorpusServerTest::Shared {
  TempDir dir;
  std::unique_ptr<store::Archive> archive;
  std::unique_ptr<serve::Server> server;
};
CorpusServerTest::Shared* CorpusServerTest::shared_ = nullptr;

// Stops the shared server before the process exits (workers joined, archive closed).
class CorpusServerTest::Cleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    delete shared_;
    shared_ = nullptr;
  }
};
[[maybe_unused]] static ::testing::Environment* const kCleanup =
    ::testing::AddGlobalTestEnvironment(new CorpusServerTest::Cleanup);

void CorpusServerTest::SetUp() {
  RECITAL_REQUIRE_CORPUS();
  if (shared_ != nullptr) return;
  auto s = std::make_unique<Shared>();
  const std::string dir = s->dir.str() + "/archive";
  IngestCorpus(dir);
  ASSERT_FALSE(HasFatalFailure());
  s->archive = OpenForReading(dir);
  ASSERT_NE(s->archive, nullptr);
  serve::ServeOptions options;
  options.port = 0;
  options.threads = 4;
  auto server = serve::Server::Start(*s->archive, options);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  s->server = std::move(*server);
  shared_ = s.release();  // deleted by Cleanup when all tests ran
}

int CorpusServerTest::port() { return shared_->server->port(); }
const std::string& CorpusServerTest::archive_dir() { return shared_->archive->dir(); }

}  // namespace recital::testing

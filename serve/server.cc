// The running server: the transport (http_abi.h) on its accept thread, the Site as its
// handler, and `recital serve`'s wait for SIGINT/SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>

#include "serve/http_abi.h"
#include "serve/serve.h"

namespace recital::serve {
namespace {

// The transport's handler: C in, C out; nothing may unwind into the transport's frames.
void HandleRequest(void* user, const recital_http_request_v1* r, void* exchange,
                   recital_http_respond_v1 respond) {
  static constexpr char kError[] = "500 Internal Server Error\n";
  try {
    const auto* site = static_cast<const Site*>(user);
    Request request;
    request.method.assign(r->method, r->method_size);
    request.target.assign(r->target, r->target_size);
    request.host.assign(r->host, r->host_size);
    const Response response = site->Handle(request);
    respond(exchange, response.status, response.content_type.c_str(), response.body.data(),
            response.body.size());
  } catch (...) {
    respond(exchange, 500, "text/plain; charset=utf-8", kError, sizeof kError - 1);
  }
}

std::string UrlHost(const std::string& bind) {
  if (bind == "0.0.0.0" || bind.empty()) return "127.0.0.1";
  if (bind == "::") return "[::1]";
  if (bind.find(':') != std::string::npos) return "[" + bind + "]";
  return bind;
}

}  // namespace

struct Server::State {
  State(const store::Archive& archive, bool allow_any_host) : site(archive, allow_any_host) {}
  const HttpTransport* http = nullptr;
  void* handle = nullptr;
  Site site;
  std::string bind;
  int port = 0;
  std::thread accept_thread;
  std::mutex mutex;
  std::condition_variable ended_cv;
  bool ended = false;  // run returned
  int run_result = 0;
};

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Result<std::unique_ptr<Server>> Server::Start(const store::Archive& archive,
                                              const ServeOptions& options) {
  std::string error;
  const HttpTransport* http = LoadHttpTransport(&error);
  if (http == nullptr) return Status::IOError(error);
  // A client that hangs up mid-response must not kill the process.
  signal(SIGPIPE, SIG_IGN);
  auto state = std::make_unique<State>(archive, !IsLoopbackAddress(options.bind));
  state->http = http;
  state->bind = options.bind;
  const recital_http_config_v1 config{options.bind.c_str(),
                                      options.port,
                                      options.threads,
                                      options.queue,
                                      options.read_timeout_seconds,
                                      options.write_timeout_seconds,
                                      options.keep_alive_timeout_seconds,
                                      options.keep_alive_max_requests,
                                      options.max_header_count,
                                      options.max_header_bytes};
  char message[512] = "";
  state->handle = http->create(&config, &HandleRequest, &state->site, &state->port, message,
                               sizeof message);
  if (state->handle == nullptr) return Status::IOError(message);
  State* s = state.get();
  s->accept_thread = std::thread([s] {
    const int rc = s->http->run(s->handle);
    std::lock_guard<std::mutex> lock(s->mutex);
    s->ended = true;
    s->run_result = rc;
    s->ended_cv.notify_all();
  });
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

Server::~Server() {
  Stop();
  (void)Wait();
  state_->http->destroy(state_->handle);
}

int Server::port() const { return state_->port; }

std::string Server::url() const {
  return "http://" + UrlHost(state_->bind) + ":" + std::to_string(state_->port) + "/";
}

void Server::Stop() { state_->http->stop(state_->handle); }

Status Server::Wait() {
  if (state_->accept_thread.joinable()) state_->accept_thread.join();
  if (state_->run_result != 0)
    return Status::IOError("the HTTP server stopped listening on " + url());
  return Status::Ok();
}

bool Server::WaitFor(int milliseconds) {
  {
    std::unique_lock<std::mutex> lock(state_->mutex);
    if (!state_->ended_cv.wait_for(lock, std::chrono::milliseconds(milliseconds),
                                   [&] { return state_->ended; }))
      return false;
  }
  if (state_->accept_thread.joinable()) state_->accept_thread.join();
  return true;
}

Status ServeUntilSignal(const store::Archive& archive, const ServeOptions& options,
                        const std::function<void(const std::string& url)>& on_listening,
                        int grace_milliseconds, bool* unfinished) {
  *unfinished = false;
  // Blocked before any thread exists, so every thread inherits the mask and the signals wait
  // for sigtimedwait below instead of killing the process.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = Server::Start(archive, options);
  if (!server.ok()) return server.status();
  on_listening((*server)->url());
  for (;;) {
    const timespec tick{0, 200 * 1000 * 1000};
    const int sig = sigtimedwait(&signals, nullptr, &tick);
    if (sig == SIGINT || sig == SIGTERM) break;
    if ((*server)->WaitFor(0)) return (*server)->Wait();  // the accept loop failed
  }
  (*server)->Stop();
  if (!(*server)->WaitFor(grace_milliseconds)) {
    // Workers are still inside requests of slow clients; they read the archive, so neither
    // the server nor the archive may be destroyed under them: the caller exits at once.
    *unfinished = true;
    (void)server->release();
    return Status::Ok();
  }
  return (*server)->Wait();
}

}  // namespace recital::serve

// The HTTP transport of `recital serve` over cpp-httplib (interface: http_abi.h). In static
// builds this file alone makes recital-serve.so; otherwise it is linked into `recital`. It knows
// nothing of archives or pages: it accepts connections, reads requests within the configured
// limits, hands method, target and Host to the handler and writes what the handler answers.
#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "serve/http_abi.h"

#define RECITAL_HTTP_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

// Fixed workers over a bounded queue. httplib's own pool queues without limit; here the accept
// loop waits once `capacity` accepted connections are waiting, so a flood of connections waits
// in the kernel's listen backlog, not in this process's memory.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(size_t threads, size_t capacity, std::function<void()> idle)
      : capacity_(capacity), idle_(std::move(idle)) {
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }
  ~BoundedPool() override = default;

  void enqueue(std::function<void()> fn) override {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return jobs_.size() < capacity_ || shutdown_; });
    jobs_.push_back(std::move(fn));
    not_empty_.notify_one();
  }

  // Called by the accept loop when no connection came for the idle interval.
  void on_idle() override { idle_(); }

  // Called once, after the accept loop ended: the queued connections are still served.
  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      shutdown_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

 private:
  void Work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        not_empty_.wait(lock, [&] { return !jobs_.empty() || shutdown_; });
        if (jobs_.empty()) return;
        fn = std::move(jobs_.front());
        jobs_.pop_front();
        not_full_.notify_one();
      }
      try {
        fn();
      } catch (...) {
        // httplib answers a throwing handler with 500 itself; this is only out-of-memory
        // while reading a request. The connection is dropped; the worker lives on.
      }
    }
  }

  const size_t capacity_;
  const std::function<void()> idle_;
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  bool shutdown_ = false;
};

struct Server {
  httplib::Server http;
  recital_http_handler_v1 handler = nullptr;
  void* user = nullptr;
  size_t max_header_count = 0;
  size_t max_header_bytes = 0;
  // Set by stop. httplib's stop() does nothing before the accept loop runs, so the loop also
  // checks this when idle (every kIdleMicroseconds): a stop that came too early still ends it.
  std::atomic<bool> stop_requested{false};
  // The listening socket, as the socket-options callback last saw it (see Create).
  socket_t listen_fd = INVALID_SOCKET;
};

constexpr int kIdleMicroseconds = 50 * 1000;

struct Exchange {
  httplib::Response* res;
  bool answered = false;
};

void Respond(void* exchange, int status, const char* content_type, const char* body,
             size_t body_size) {
  auto* ex = static_cast<Exchange*>(exchange);
  if (ex->answered) return;
  ex->answered = true;
  ex->res->status = status;
  ex->res->set_content(body, body_size, content_type);
}

void SetPlain(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_content(text + "\n", "text/plain; charset=utf-8");
}

// Every request goes through here (httplib's regex routing is never used): GET and HEAD to the
// handler, other methods refused. Runs before httplib reads any request body.
httplib::Server::HandlerResponse Route(Server& s, const httplib::Request& req,
                                       httplib::Response& res) {
  size_t header_bytes = 0;
  for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size() + 4;
  if (req.headers.size() > s.max_header_count || header_bytes > s.max_header_bytes) {
    SetPlain(res, 431, "431 Request Header Fields Too Large");
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (req.method != "GET" && req.method != "HEAD") {
    SetPlain(res, 405, "405 Method Not Allowed: this server only reads (GET, HEAD)");
    res.set_header("Allow", "GET, HEAD");
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  }
  const std::string host = req.get_header_value("Host");
  const recital_http_request_v1 r{req.method.data(), req.method.size(), req.target.data(),
                                  req.target.size(),  host.data(),       host.size()};
  Exchange ex{&res};
  s.handler(s.user, &r, &ex, &Respond);
  if (!ex.answered) SetPlain(res, 500, "500 Internal Server Error");
  return httplib::Server::HandlerResponse::Handled;
}

const char* ReasonText(int status) {
  switch (status) {
    case 400: return "400 Bad Request";
    case 404: return "404 Not Found";
    case 405: return "405 Method Not Allowed";
    case 408: return "408 Request Timeout";
    case 413: return "413 Payload Too Large";
    case 414: return "414 URI Too Long";
    case 416: return "416 Range Not Satisfiable";
    case 431: return "431 Request Header Fields Too Large";
    default: return status >= 500 ? "500 Internal Server Error" : "400 Bad Request";
  }
}

void Configure(Server& s, const recital_http_config_v1& c) {
  const size_t threads = c.threads > 0 ? size_t(c.threads) : 1;
  const size_t queue = c.queue > 0 ? size_t(c.queue) : 1;
  s.http.new_task_queue = [&s, threads, queue] {
    return new BoundedPool(threads, queue, [&s] {
      if (s.stop_requested) s.http.stop();
    });
  };
  s.http.set_idle_interval(0, kIdleMicroseconds);
  s.http.set_read_timeout(c.read_timeout_seconds, 0);
  s.http.set_write_timeout(c.write_timeout_seconds, 0);
  s.http.set_keep_alive_timeout(c.keep_alive_timeout_seconds);
  s.http.set_keep_alive_max_count(size_t(c.keep_alive_max_requests > 0 ? c.keep_alive_max_requests : 1));
  s.http.set_payload_max_length(64 * 1024);  // nothing here reads a body
  s.max_header_count = size_t(c.max_header_count);
  s.max_header_bytes = c.max_header_bytes;
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server on a
  // taken port would bind "successfully" and share its connections.
  s.http.set_socket_options([&s](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    s.listen_fd = sock;
  });
  // Pages are self-contained: nothing may be fetched from elsewhere, scripts and styles are
  // inline only, and no page can be framed by another site.
  s.http.set_default_headers(
      {{"Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
       {"X-Content-Type-Options", "nosniff"},
       {"Referrer-Policy", "no-referrer"},
       {"Cache-Control", "no-store"}});
  s.http.set_pre_routing_handler(
      [&s](const httplib::Request& req, httplib::Response& res) { return Route(s, req, res); });
  // Errors httplib detects itself (a malformed request line, a URI or header line over its
  // limits, a bad Range) get a short plain-text body.
  s.http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) SetPlain(res, res.status, ReasonText(res.status));
  });
  s.http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SetPlain(res, 500, "500 Internal Server Error");
      });
}

void CopyError(const std::string& message, char* error, size_t error_size) {
  if (error == nullptr || error_size == 0) return;
  const size_t n = std::min(message.size(), error_size - 1);
  std::memcpy(error, message.data(), n);
  error[n] = '\0';
}

}  // namespace

RECITAL_HTTP_EXPORT void* recital_http_create_v1(const recital_http_config_v1* config,
                                                 recital_http_handler_v1 handler, void* user,
                                                 int* bound_port, char* error,
                                                 size_t error_size) {
  try {
    auto s = std::make_unique<Server>();
    s->handler = handler;
    s->user = user;
    Configure(*s, *config);
    errno = 0;
    int port = config->port;
    if (port == 0) {
      port = s->http.bind_to_any_port(config->host);
    } else if (!s->http.bind_to_port(config->host, port)) {
      port = -1;
    }
    if (port < 0) {
      const int err = errno;
      CopyError(std::string("cannot listen on ") + config->host + " port " +
                    std::to_string(config->port) +
                    (err != 0 ? std::string(": ") + std::strerror(err) : std::string()),
                error, error_size);
      return nullptr;
    }
    // httplib listens with a backlog of 5 (compiled into the library): a burst of more clients
    // than that would wait for SYN retransmission (a second). Listening again on the bound
    // socket sets the usual backlog.
    if (s->listen_fd != INVALID_SOCKET) ::listen(s->listen_fd, SOMAXCONN);
    *bound_port = port;
    return s.release();
  } catch (const std::exception& e) {
    CopyError(std::string("cannot start the HTTP server: ") + e.what(), error, error_size);
    return nullptr;
  }
}

RECITAL_HTTP_EXPORT int recital_http_run_v1(void* server) {
  try {
    auto* s = static_cast<Server*>(server);
    if (s->stop_requested) return 0;
    return s->http.listen_after_bind() || s->stop_requested ? 0 : 1;
  } catch (...) {
    return 1;
  }
}

RECITAL_HTTP_EXPORT void recital_http_stop_v1(void* server) {
  auto* s = static_cast<Server*>(server);
  s->stop_requested = true;
  s->http.stop();
}

RECITAL_HTTP_EXPORT void recital_http_destroy_v1(void* server) {
  delete static_cast<Server*>(server);
}

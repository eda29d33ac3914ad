// recital::serve — `recital serve`: the archive in a browser, and a JSON API that answers with
// exactly the JSON the CLI prints.
//
// Pages (HTML from render/, self-contained):
//   /                            every series, with a filter box and phrase search
//   /series/SERIES               a series' sessions, a chart of changes per session
//   /resolution/SYMBOL           a record, each paragraph linked to its lineage
//   /compare?from=SYMBOL&to=SYMBOL   any two resolutions side by side
//   /blame/SYMBOL                where each paragraph's wording began, and its earlier wordings
//   /search?q=PHRASE             paragraphs holding a phrase, by series, the phrase marked
//   /parallel/SYMBOL?langs=en,fr two language versions side by side, aligned by structure
// API (render::JsonText of the CLI's JSON values, byte for byte):
//   /api/series                  `recital series --json`
//   /api/resolution/SYMBOL       `recital show SYMBOL --format json`
//   /api/diff?from=A&to=B        `recital diff A B --format json`
//   /api/blame/SYMBOL            `recital blame SYMBOL --format json`
//   /api/log/SERIES              `recital log SERIES --json`
//   /api/grep?q=PHRASE           `recital grep PHRASE --json`
//   /api/parallel/SYMBOL?langs=en,fr   `recital show SYMBOL --parallel en,fr --format json`
// SYMBOL is written as in the archive, slashes and all (/resolution/A/RES/54/144), or in any
// form the CLI accepts ("54/144"); SERIES is what `recital log` takes (a key, a name, a member).
//
// Errors: a request that is not a well-formed, UTF-8, percent-encoded GET/HEAD target is 400
// (414 when longer than kMaxTargetBytes); an unknown symbol or series 404; a bad argument
// (a phrase without words) 400; trouble with the archive 500. Pages answer errors with an HTML
// page, /api/ with {"error": message}. Nothing is ever read from the file system but the
// archive; nothing is written.
//
// Thread safety: Site::Handle runs concurrently (each archive read is its own read
// transaction; store/store.h); Server runs it on a bounded pool of worker threads.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "schema/status.h"
#include "store/store.h"

namespace recital::serve {

inline constexpr size_t kMaxTargetBytes = 4096;

// The memory map to open a served archive with (store::OpenOptions::initial_map_bytes). When an
// ingest in another process grows the archive past a reader's map, the store adopts the new
// size by remapping at the next read transaction (LMDB's MDB_MAP_RESIZED), which is only safe
// while no other thread of the process is reading: in a server, other workers are. A map far
// larger than any archive (address space only; nothing is read or reserved) means the server
// never has to remap while it runs.
inline constexpr size_t kReaderMapBytes = size_t(1) << 40;

struct Request {
  std::string method = "GET";  // GET and HEAD are answered; the transport refuses others
  std::string target;          // as sent: "/resolution/A/RES/54/144", "/search?q=a%20b"
  std::string host;            // the Host header, "" when absent
};

struct Response {
  int status = 200;
  std::string content_type;  // "text/html; charset=utf-8", "application/json", ...
  std::string body;
};

// The site over one archive: routing, archive reads (history/), rendering (render/).
class Site {
 public:
  // `archive` must outlive the Site; open it read-only with kReaderMapBytes. allow_any_host = false answers only requests whose Host
  // names a loopback address ("127.0.0.1:8080", "localhost:8080", "[::1]:8080") or is absent,
  // so a web page elsewhere cannot read the archive through DNS rebinding; set it when serving
  // on a non-loopback address.
  Site(const store::Archive& archive, bool allow_any_host);
  // Never throws: an unexpected failure is a 500 response.
  Response Handle(const Request& request) const;

 private:
  const store::Archive& archive_;
  bool allow_any_host_;
};

struct ServeOptions {
  std::string bind = "127.0.0.1";  // "0.0.0.0" or "::" serve other machines too
  int port = 8080;                 // 0: any free port (Server::port() tells which)
  int threads = 8;                 // workers; each serves one connection at a time
  int queue = 64;                  // accepted connections waiting for a worker
  int read_timeout_seconds = 5;    // a client that sends nothing for this long is dropped
  int write_timeout_seconds = 5;
  int keep_alive_timeout_seconds = 2;
  // Requests per connection. 1 (no keep-alive) by default: the transport gives a connection a
  // worker for its whole life, pages are self-contained (one request each), so kept-alive idle
  // connections would only hold workers; and after a request it could not parse, the transport
  // keeps reading the connection unless it is the last request (the client gets its 400, then
  // the connection closes at once instead of after the keep-alive timeout).
  int keep_alive_max_requests = 1;
  int max_header_count = 100;           // more: 431
  size_t max_header_bytes = 64 * 1024;  // more: 431 (one line over 8 KiB: 400)
};

// True for an address that only this machine can reach: 127.0.0.0/8, ::1, "localhost".
bool IsLoopbackAddress(std::string_view address);

// A running HTTP server: Start binds and starts serving on its own threads until Stop or
// destruction. Errors of Start: IOError when the HTTP module cannot be loaded (static builds:
// recital-serve.so, see http_loader.cc) or the address cannot be bound (in use, not local,
// no permission), with the reason.
class Server {
 public:
  static Result<std::unique_ptr<Server>> Start(const store::Archive& archive,
                                               const ServeOptions& options);
  ~Server();  // Stop + Wait
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  std::string url() const;  // "http://127.0.0.1:8080/" ("[::1]" for IPv6)
  // Stops accepting; returns at once (any thread). Requests being served finish.
  void Stop();
  // Until the server has stopped and its workers have finished; IOError when listening failed.
  Status Wait();
  // Wait, giving up after `milliseconds`: false when the server is still finishing requests.
  bool WaitFor(int milliseconds);

 private:
  struct State;
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// `recital serve`: starts a Server, calls on_listening with its URL, and serves until SIGINT or
// SIGTERM (blocked in every thread; taken here with sigwait). Then stops accepting, lets
// requests in progress finish for up to grace_milliseconds, and returns OK; when some are
// still running then (a client slower than that), *unfinished is set and the caller should
// exit without waiting for them (nothing is written, so nothing is lost). Errors: Start's.
Status ServeUntilSignal(const store::Archive& archive, const ServeOptions& options,
                        const std::function<void(const std::string& url)>& on_listening,
                        int grace_milliseconds, bool* unfinished);

}  // namespace recital::serve

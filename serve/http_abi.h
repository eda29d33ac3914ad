// Private to serve/: the C interface between `recital` and its HTTP transport.
//
// The transport is cpp-httplib, which Debian ships only as a shared library (with OpenSSL,
// zlib and brotli behind it). `recital` is linked statically (RECITAL_STATIC) so that short
// commands start without loading shared objects; the transport therefore lives in a module,
// recital-serve.so, that only `recital serve` loads (http_loader.cc). The module has its own
// C++ runtime (the shared libstdc++), the executable another (static), so nothing of C++ crosses
// this boundary: plain structs, C strings with lengths, function pointers, no exceptions. All of
// the site (archive reads, history, rendering) stays in the executable; the module only moves
// bytes between sockets and the handler. Without RECITAL_STATIC the same file is linked in
// (http_direct.cc) and called through the same table.
#pragma once

#include <cstddef>
#include <string>

extern "C" {

// Version 1 of the interface. A new field or function means a new version (new symbol names),
// so a stale module beside a newer binary is refused instead of misread.
struct recital_http_config_v1 {
  const char* host;  // address to bind, e.g. "127.0.0.1", "::1", "0.0.0.0"
  int port;          // 0: any free port
  int threads;       // worker threads (each serves one connection at a time)
  int queue;         // accepted connections waiting for a worker before accept() pauses
  int read_timeout_seconds;        // per read of a request (also bounds a stalled client)
  int write_timeout_seconds;       // per write of a response
  int keep_alive_timeout_seconds;  // an idle kept-alive connection is closed after this
  int keep_alive_max_requests;     // requests per connection
  int max_header_count;            // more header fields: 431
  size_t max_header_bytes;         // more bytes in all header fields together: 431
};

// One request as received: method and request-target exactly as sent (not decoded), the Host
// header ("" when absent). Valid only during the handler call.
struct recital_http_request_v1 {
  const char* method;
  size_t method_size;
  const char* target;
  size_t target_size;
  const char* host;
  size_t host_size;
};

// The handler answers through `respond` (once; later calls are ignored), with the status, a
// Content-Type and the body, which the transport copies before respond returns.
typedef void (*recital_http_respond_v1)(void* exchange, int status, const char* content_type,
                                        const char* body, size_t body_size);
// Called on a worker thread, concurrently with other calls; must not throw or unwind.
typedef void (*recital_http_handler_v1)(void* user, const recital_http_request_v1* request,
                                        void* exchange, recital_http_respond_v1 respond);

// Creates a server and binds it (listening starts with run). Returns nullptr on failure with a
// message in error (NUL-terminated, truncated to error_size).
typedef void* (*recital_http_create_fn)(const recital_http_config_v1* config,
                                        recital_http_handler_v1 handler, void* user,
                                        int* bound_port, char* error, size_t error_size);
// Accepts and serves until stop is called; returns 0 then, nonzero when listening failed.
typedef int (*recital_http_run_fn)(void* server);
// Makes run return (any thread, also before run started). Connections being served finish
// their current request.
typedef void (*recital_http_stop_fn)(void* server);
// Frees a server whose run has returned (or never started).
typedef void (*recital_http_destroy_fn)(void* server);

}  // extern "C"

namespace recital::serve {

// The transport's entry points, from the module or linked in.
struct HttpTransport {
  recital_http_create_fn create = nullptr;
  recital_http_run_fn run = nullptr;
  recital_http_stop_fn stop = nullptr;
  recital_http_destroy_fn destroy = nullptr;
};

// The transport, loaded on first use (thread-safe). On failure *error says what was tried and
// the result is nullptr.
const HttpTransport* LoadHttpTransport(std::string* error);

}  // namespace recital::serve

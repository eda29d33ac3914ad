// LoadHttpTransport in static builds: the transport is recital-serve.so (http_transport.cc and
// cpp-httplib's shared library behind it), loaded by `recital serve` only, so no other command
// maps OpenSSL, zlib, brotli and the shared C++ runtime at start-up. Looked for, in order:
// $RECITAL_SERVE_MODULE; recital-serve.so beside the running executable;
// ../lib/recital/recital-serve.so from it; the build tree's copy (RECITAL_SERVE_MODULE_BUILD_PATH).
#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "serve/http_abi.h"

namespace recital::serve {
namespace {

struct Loaded {
  HttpTransport transport;
  bool ok = false;
  std::string tried;  // what was looked for and why it failed
};

std::string ExecutableDir() {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "";
  std::string path(buf, size_t(n));
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

template <typename Fn>
Fn Symbol(void* handle, const char* name) {
  return reinterpret_cast<Fn>(dlsym(handle, name));
}

Loaded Load() {
  Loaded m;
  std::vector<std::string> paths;
  if (const char* env = std::getenv("RECITAL_SERVE_MODULE"); env != nullptr && *env != '\0') {
    paths.push_back(env);
  }
  const std::string dir = ExecutableDir();
  if (!dir.empty()) {
    paths.push_back(dir + "/recital-serve.so");
    paths.push_back(dir + "/../lib/recital/recital-serve.so");
  }
#ifdef RECITAL_SERVE_MODULE_BUILD_PATH
  paths.push_back(RECITAL_SERVE_MODULE_BUILD_PATH);
#endif
  for (const std::string& path : paths) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* err = dlerror();
      m.tried += (m.tried.empty() ? "" : "; ") + std::string(err != nullptr ? err : path);
      continue;
    }
    HttpTransport& t = m.transport;
    t.create = Symbol<recital_http_create_fn>(handle, "recital_http_create_v1");
    t.run = Symbol<recital_http_run_fn>(handle, "recital_http_run_v1");
    t.stop = Symbol<recital_http_stop_fn>(handle, "recital_http_stop_v1");
    t.destroy = Symbol<recital_http_destroy_fn>(handle, "recital_http_destroy_v1");
    if (t.create && t.run && t.stop && t.destroy) {
      m.ok = true;
      return m;
    }
    m.tried += (m.tried.empty() ? "" : "; ") + path + ": not a Recital HTTP module (version 1)";
    t = HttpTransport{};
    dlclose(handle);
  }
  return m;
}

}  // namespace

const HttpTransport* LoadHttpTransport(std::string* error) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = Load(); });
  if (loaded.ok) return &loaded.transport;
  *error =
      "the web server module recital-serve.so was not found beside the recital executable (" +
      loaded.tried + ")";
  return nullptr;
}

}  // namespace recital::serve

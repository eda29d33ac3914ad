// ExtractPdfText in static builds: the poppler-linked reader lives in a module (see
// pdf_module.cc) loaded on the first PDF, so commands that read no PDF never load poppler.
// Looked for, in order: $RECITAL_PDF_MODULE; recital-pdf.so beside the running executable;
// ../lib/recital/recital-pdf.so from it; the build tree's copy (RECITAL_PDF_MODULE_BUILD_PATH).
#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ingest/pdf_internal.h"

namespace recital::ingest {
namespace {

using ExtractFn = int (*)(const char*, size_t, const char*, char**, size_t*);
using FreeFn = void (*)(char*);

struct Module {
  ExtractFn extract = nullptr;
  FreeFn release = nullptr;
  std::string tried;  // what was looked for and why it failed, for the error message
};

std::string ExecutableDir() {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "";
  std::string path(buf, size_t(n));
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

Module Load() {
  Module m;
  std::vector<std::string> paths;
  if (const char* env = std::getenv("RECITAL_PDF_MODULE"); env != nullptr && *env != '\0') {
    paths.push_back(env);
  }
  const std::string dir = ExecutableDir();
  if (!dir.empty()) {
    paths.push_back(dir + "/recital-pdf.so");
    paths.push_back(dir + "/../lib/recital/recital-pdf.so");
  }
#ifdef RECITAL_PDF_MODULE_BUILD_PATH
  paths.push_back(RECITAL_PDF_MODULE_BUILD_PATH);
#endif
  for (const std::string& path : paths) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* err = dlerror();
      m.tried += (m.tried.empty() ? "" : "; ") + std::string(err != nullptr ? err : path);
      continue;
    }
    m.extract = reinterpret_cast<ExtractFn>(dlsym(handle, "recital_pdf_extract_v1"));
    m.release = reinterpret_cast<FreeFn>(dlsym(handle, "recital_pdf_free_v1"));
    if (m.extract != nullptr && m.release != nullptr) return m;
    m.tried += (m.tried.empty() ? "" : "; ") + path + ": not a Recital PDF module";
    m.extract = nullptr;
    dlclose(handle);
  }
  return m;
}

const Module& TheModule() {
  static std::once_flag once;
  static Module module;
  std::call_once(once, [] { module = Load(); });
  return module;
}

}  // namespace

Result<PdfText> ExtractPdfText(std::string_view bytes, const std::string& source_name) {
  const Module& m = TheModule();
  if (m.extract == nullptr) {
    return Status::IOError(source_name +
                           ": cannot read PDF: the PDF reader module recital-pdf.so "
                           "was not found beside the recital executable (" +
                           m.tried + ")");
  }
  char* out = nullptr;
  size_t size = 0;
  const int code = m.extract(bytes.data(), bytes.size(), source_name.c_str(), &out, &size);
  std::unique_ptr<char, FreeFn> owner(out, m.release);
  if (out == nullptr)
    return Status::ResourceExhausted(source_name + ": out of memory reading the PDF");
  const std::string_view result(out, size);
  switch (static_cast<StatusCode>(code)) {
    case StatusCode::kOk:
      return DecodePdfText(result);
    case StatusCode::kInvalidInput:
      return Status::InvalidInput(std::string(result));
    case StatusCode::kResourceExhausted:
      return Status::ResourceExhausted(std::string(result));
    default:
      return Status::Internal(std::string(result));
  }
}

}  // namespace recital::ingest

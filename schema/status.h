// Status and Result<T>: how every fallible Recital call reports failure.
//
// No exception crosses a public header. A call that can fail returns Status (no value) or
// Result<T> (a value or a Status). Both are [[nodiscard]]. The code tells the caller what to do
// next; the message is for people and names the file, the line and what was expected.
#pragma once

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace recital {

enum class StatusCode {
  kOk = 0,
  // The thing asked for does not exist (symbol, object, version). Ask for something else.
  kNotFound,
  // The caller's input is unusable (bad file, bad argument). Fix the input; retrying is useless.
  kInvalidInput,
  // Stored data fails a check (hash mismatch, undecodable record). Run `recital verify`,
  // restore from a copy; never write over it.
  kCorruption,
  // The operating system refused (open, read, write, disk full). May work after fixing the cause.
  kIOError,
  // The archive was written by a newer Recital. Upgrade Recital; do not touch the archive.
  kFormatTooNew,
  // A limit was hit (input larger than allowed, map full). Raise the limit or split the work.
  kResourceExhausted,
  // A bug in Recital. Report it.
  kInternal,
};

// Human-readable name of a code ("NotFound", ...). Never null.
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status InvalidInput(std::string msg) {
    return Status(StatusCode::kInvalidInput, std::move(msg));
  }
  static Status Corruption(std::string msg) {
    return Status(StatusCode::kCorruption, std::move(msg));
  }
  static Status IOError(std::string msg) { return Status(StatusCode::kIOError, std::move(msg)); }
  static Status FormatTooNew(std::string msg) {
    return Status(StatusCode::kFormatTooNew, std::move(msg));
  }
  static Status ResourceExhausted(std::string msg) {
    return Status(StatusCode::kResourceExhausted, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "Corruption: object 1a2b...: hash mismatch"; "OK" when ok().
  std::string ToString() const;
  // Returns a copy whose message is "context: message". OK stays OK.
  Status WithContext(std::string_view context) const;

  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsInvalidInput() const { return code_ == StatusCode::kInvalidInput; }
  bool IsCorruption() const { return code_ == StatusCode::kCorruption; }
  bool IsIOError() const { return code_ == StatusCode::kIOError; }
  bool IsFormatTooNew() const { return code_ == StatusCode::kFormatTooNew; }
  bool IsResourceExhausted() const { return code_ == StatusCode::kResourceExhausted; }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status saying why there is none. Constructing from an OK Status is a bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    if (std::get<Status>(v_).ok()) {
      std::fprintf(stderr, "recital: internal error: Result built from an OK Status\n");
      std::abort();
    }
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

  // Precondition: ok(). Checked: calling these on an error aborts with the error.
  T& value() & { Check(); return std::get<T>(v_); }
  const T& value() const& { Check(); return std::get<T>(v_); }
  T&& value() && { Check(); return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  void Check() const {
    if (!ok()) {
      std::fprintf(stderr, "recital: internal error: value() of failed Result: %s\n",
                   std::get<Status>(v_).ToString().c_str());
      std::abort();
    }
  }
  std::variant<T, Status> v_;
};

// Aborts with a message: only for Recital's own bugs and broken preconditions, never bad input.
#define RECITAL_CHECK(cond)                                                              \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "recital: internal check failed at %s:%d: %s\n", __FILE__, \
                   __LINE__, #cond);                                                     \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

// Early return of a non-OK Status from an expression yielding Status.
#define RECITAL_RETURN_IF_ERROR(expr)        \
  do {                                       \
    ::recital::Status _recital_st = (expr);  \
    if (!_recital_st.ok()) return _recital_st; \
  } while (0)

}  // namespace recital

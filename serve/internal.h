// Private to serve/: reading request targets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/status.h"

namespace recital::serve::internal {

// Strict percent-decoding: "%" must be followed by two hex digits (else nullopt); with
// plus_is_space (query strings) '+' is a space.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// Well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
bool IsValidUtf8(std::string_view s);

// A request target, decoded: the path and the query's name=value pairs in order.
struct Target {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  // The first value of `name`, "" when absent.
  std::string Param(std::string_view name) const;
  bool Has(std::string_view name) const;
};

// Reads "/path?query" (origin form). InvalidInput, with the reason, when the target does not
// start with '/', holds a malformed escape, decodes to bytes that are not UTF-8, or holds a
// control character (NUL, CR, LF, ...) or a fragment. ResourceExhausted when longer than
// kMaxTargetBytes.
Result<Target> ParseTarget(std::string_view target);

// Whether a Host header value names this machine: "localhost", 127.x.y.z or [::1], with an
// optional port; also "" (HTTP/1.0 clients send none).
bool IsLoopbackHost(std::string_view host);

}  // namespace recital::serve::internal

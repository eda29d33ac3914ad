// Request targets: strict decoding, so a malformed or non-UTF-8 request is refused before any
// lookup, and a symbol reaches the archive exactly as the client wrote it.
#include <cstdint>

#include "serve/internal.h"
#include "serve/serve.h"

namespace recital::serve {
namespace internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// Decodes and checks one part of a target; `what` names it in the error.
Result<std::string> DecodePart(std::string_view raw, bool plus_is_space, const char* what) {
  std::optional<std::string> s = PercentDecode(raw, plus_is_space);
  if (!s) return Status::InvalidInput(std::string("malformed percent-encoding in the ") + what);
  if (!IsValidUtf8(*s)) return Status::InvalidInput(std::string("the ") + what + " is not UTF-8");
  if (HasControl(*s))
    return Status::InvalidInput(std::string("the ") + what + " holds a control character");
  return std::move(*s);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      const int hi = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2, cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3, cp = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4, cp = b0 & 0x07;
    } else {
      return false;  // a continuation byte, 0xC0/0xC1 (overlong) or past 0xF4
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

std::string Target::Param(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return "";
}

bool Target::Has(std::string_view name) const {
  for (const auto& kv : query) {
    if (kv.first == name) return true;
  }
  return false;
}

Result<Target> ParseTarget(std::string_view target) {
  if (target.size() > kMaxTargetBytes) {
    return Status::ResourceExhausted("the request target is longer than " +
                                     std::to_string(kMaxTargetBytes) + " bytes");
  }
  if (target.empty() || target[0] != '/') {
    return Status::InvalidInput("the request target must be a path starting with '/'");
  }
  if (target.find('#') != std::string_view::npos) {
    return Status::InvalidInput("the request target holds a fragment ('#')");
  }
  const size_t q = target.find('?');
  Target t;
  auto path = DecodePart(target.substr(0, q), false, "path");
  if (!path.ok()) return path.status();
  t.path = std::move(*path);
  if (q == std::string_view::npos) return t;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto name = DecodePart(pair.substr(0, eq), true, "query");
    if (!name.ok()) return name.status();
    auto value = DecodePart(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1),
                            true, "query");
    if (!value.ok()) return value.status();
    t.query.emplace_back(std::move(*name), std::move(*value));
  }
  return t;
}

bool IsLoopbackHost(std::string_view host) {
  if (host.empty()) return true;
  std::string_view name = host;
  if (host.front() == '[') {  // [::1] or [::1]:8080
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return false;
    name = host.substr(1, close - 1);
    std::string_view after = host.substr(close + 1);
    if (!after.empty() && (after.front() != ':' || !AllDigits(after.substr(1)))) return false;
    return name == "::1";
  }
  const size_t colon = host.find(':');
  if (colon != std::string_view::npos) {
    if (!AllDigits(host.substr(colon + 1))) return false;
    name = host.substr(0, colon);
  }
  return IsLoopbackAddress(name);
}

}  // namespace internal

bool IsLoopbackAddress(std::string_view address) {
  if (address == "localhost" || address == "::1") return true;
  // 127.0.0.0/8, dotted quad.
  if (!address.starts_with("127.")) return false;
  int parts = 0;
  size_t i = 0;
  while (i <= address.size()) {
    const size_t dot = address.find('.', i);
    const std::string_view part =
        address.substr(i, dot == std::string_view::npos ? std::string_view::npos : dot - i);
    if (part.empty() || part.size() > 3 || !internal::AllDigits(part) || std::stoi(std::string(part)) > 255)
      return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    i = dot + 1;
  }
  return parts == 4;
}

}  // namespace recital::serve

// The pieces every renderer shares: escaping, terminal styles, change marks.
#include "render/internal.h"
#include "render/render.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace recital::render {

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MarkdownEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '<' || c == '|' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

Palette::Palette(bool colour)
    : bold(colour ? "\x1b[1m" : ""),
      dim(colour ? "\x1b[2m" : ""),
      deleted(colour ? "\x1b[31m" : ""),
      inserted(colour ? "\x1b[32m" : ""),
      match(colour ? "\x1b[1;31m" : ""),
      reset(colour ? "\x1b[0m" : "") {}

namespace {

using Json = nlohmann::json;

// Length of the valid UTF-8 sequence starting at s[i]; 0 when the byte there starts none.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;  // no overlong forms
    if (b == 0xED) hi = 0x9F;  // no surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;  // no overlong forms
    if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

std::string ReplaceInvalidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

std::string PercentEncodeInvalidUtf8(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0 || s[i] == '%') {
      const auto b = static_cast<unsigned char>(s[i]);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

bool IsInvalidString(const Json& j) {
  return j.is_string() && !IsValidUtf8(j.get_ref<const std::string&>());
}

// True when any string or key in j is not valid UTF-8.
bool NeedsRepair(const Json& j) {
  if (j.is_string()) return IsInvalidString(j);
  if (j.is_array()) {
    for (const Json& e : j)
      if (NeedsRepair(e)) return true;
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      if (!IsValidUtf8(it.key()) || NeedsRepair(it.value())) return true;
  }
  return false;
}

// The "<key>_bytes" value for a value holding invalid strings directly; null when none.
Json BytesOf(const Json& v) {
  if (IsInvalidString(v)) return PercentEncodeInvalidUtf8(v.get_ref<const std::string&>());
  if (!v.is_array() || std::none_of(v.begin(), v.end(), IsInvalidString)) return nullptr;
  Json list = Json::array();
  for (const Json& e : v) {
    list.push_back(e.is_string() ? Json(PercentEncodeInvalidUtf8(e.get_ref<const std::string&>()))
                                 : Json());
  }
  return list;
}

void Repair(Json& j) {
  if (j.is_string()) {
    if (IsInvalidString(j)) j = ReplaceInvalidUtf8(j.get_ref<const std::string&>());
  } else if (j.is_array()) {
    for (Json& e : j) Repair(e);
  } else if (j.is_object()) {
    Json repaired = Json::object();
    std::vector<std::pair<std::string, Json>> added;
    for (auto it = j.begin(); it != j.end(); ++it) {
      Json bytes = BytesOf(it.value());
      if (!bytes.is_null()) added.emplace_back(ReplaceInvalidUtf8(it.key()) + "_bytes", bytes);
      Json value = std::move(it.value());
      Repair(value);
      repaired[ReplaceInvalidUtf8(it.key())] = std::move(value);
    }
    for (auto& [key, bytes] : added) {
      if (!repaired.contains(key)) repaired[key] = std::move(bytes);
    }
    j = std::move(repaired);
  }
}

// Dumps j; the replace handler only guards against a string this file failed to repair.
std::string Dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

Json JsonWithValidUtf8(const Json& j) {
  Json out = j;
  if (NeedsRepair(out)) Repair(out);
  return out;
}

std::string JsonText(const Json& j) {
  return NeedsRepair(j) ? Dump(JsonWithValidUtf8(j), 2) : Dump(j, 2);
}

std::string JsonLine(const Json& j) {
  return NeedsRepair(j) ? Dump(JsonWithValidUtf8(j), -1) : Dump(j, -1);
}

std::string EditsText(const std::vector<Edit>& edits, bool colour) {
  const Palette p(colour);
  std::string out;
  for (const Edit& e : edits) {
    switch (e.op) {
      case EditOp::kEqual:
        out += e.text;
        break;
      case EditOp::kDelete:
        out += colour ? std::string(p.deleted) + e.text + p.reset : "[-" + e.text + "-]";
        break;
      case EditOp::kInsert:
        out += colour ? std::string(p.inserted) + e.text + p.reset : "{+" + e.text + "+}";
        break;
    }
  }
  return out;
}

std::string EditsMarkdown(const std::vector<Edit>& edits) {
  std::string out;
  for (const Edit& e : edits) {
    switch (e.op) {
      case EditOp::kEqual:
        out += MarkdownEscape(e.text);
        break;
      case EditOp::kDelete:
        out += "[-" + MarkdownEscape(e.text) + "-]";
        break;
      case EditOp::kInsert:
        out += "{+" + MarkdownEscape(e.text) + "+}";
        break;
    }
  }
  return out;
}

std::string EditsHtml(const std::vector<Edit>& edits) {
  std::string out;
  for (const Edit& e : edits) {
    switch (e.op) {
      case EditOp::kEqual:
        out += HtmlEscape(e.text);
        break;
      case EditOp::kDelete:
        out += "<del>" + HtmlEscape(e.text) + "</del>";
        break;
      case EditOp::kInsert:
        out += "<ins>" + HtmlEscape(e.text) + "</ins>";
        break;
    }
  }
  return out;
}

std::string HtmlDirAttribute(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')) return "";
      ++i;
      continue;
    }
    const size_t n = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    char32_t cp = n == 1 ? 0xFFFD : b & (0x7F >> n);
    for (size_t k = 1; k < n && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    i += n;
    if ((cp >= 0x590 && cp <= 0x8FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
      if ((cp >= 0x660 && cp <= 0x669) || cp == 0x60C || cp == 0x61B || cp == 0x61F) continue;  // digits, punctuation
      return " dir=\"rtl\"";
    }
    // Punctuation, symbols and spaces have no direction of their own; any other letter does.
    if ((cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD) {
      continue;
    }
    return "";
  }
  return "";
}

}  // namespace recital::render

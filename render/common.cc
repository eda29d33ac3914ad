// The pieces every renderer shares: escaping, terminal styles, change marks.
#include "render/internal.h"
#include "render/render.h"

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

std::string JsonText(const nlohmann::json& j) { return j.dump(2) + "\n"; }


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

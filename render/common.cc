// The pieces every renderer shares: escaping, terminal styles, change marks.
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

}  // namespace recital::render

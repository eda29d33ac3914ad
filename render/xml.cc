// XML writing shared by the Akoma Ntoso and Word renderers.
#include <sstream>
#include <vector>

#include "render/xml_internal.h"

namespace recital::render::xml {
namespace {

// Length of the valid UTF-8 sequence at s[i] that XML 1.0 allows, or 0.
size_t XmlCharLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  size_t len = 0;
  uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
    return 0;
  }
  return len;
}

bool HasTextChild(pugi::xml_node n) {
  for (pugi::xml_node c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) return true;
  }
  return false;
}

void Indent(pugi::xml_node n, int depth) {
  if (n.type() != pugi::node_element || !n.first_child() || HasTextChild(n)) return;
  std::vector<pugi::xml_node> children;
  for (pugi::xml_node c : n.children()) children.push_back(c);
  const std::string inner = "\n" + std::string(2 * (depth + 1), ' ');
  for (pugi::xml_node c : children) {
    n.insert_child_before(pugi::node_pcdata, c).set_value(inner.c_str());
    Indent(c, depth + 1);
  }
  n.append_child(pugi::node_pcdata).set_value(("\n" + std::string(2 * depth, ' ')).c_str());
}

}  // namespace

std::string Clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t len = XmlCharLength(s, i);
    if (len == 0) {
      out += ' ';
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

void AppendText(pugi::xml_node parent, std::string_view s) {
  if (s.empty()) return;
  parent.append_child(pugi::node_pcdata).set_value(Clean(s).c_str());
}

pugi::xml_node AppendElementText(pugi::xml_node parent, const char* name, std::string_view s) {
  pugi::xml_node e = parent.append_child(name);
  AppendText(e, s);
  return e;
}

void SetAttr(pugi::xml_node node, const char* name, std::string_view value) {
  pugi::xml_attribute a = node.attribute(name);
  if (!a) a = node.append_attribute(name);
  a.set_value(Clean(value).c_str());
}

void IndentStructure(pugi::xml_node root) { Indent(root, 0); }

std::string Serialize(const pugi::xml_document& doc, bool standalone) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"" << (standalone ? " standalone=\"yes\"" : "")
      << "?>\n";
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  out << "\n";
  return std::move(out).str();
}

}  // namespace recital::render::xml

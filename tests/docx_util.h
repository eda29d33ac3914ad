// Reading the Word documents Recital writes, for tests that link minizip and pugixml:
// a part of the package, the paragraphs as they read with every tracked change accepted or
// rejected, and the tracked changes themselves. Header-only.
#pragma once

#include <minizip/unzip.h>

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tests/test_util.h"

namespace recital::testing {

// The part `name` of the .docx held in bytes; "" when absent or unreadable.
inline std::string DocxPart(const std::string& bytes, const std::string& name) {
  TempDir dir;
  const std::string path = dir.str() + "/doc.docx";
  WriteFile(path, bytes);
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) return "";
  std::string out;
  if (unzLocateFile(zip, name.c_str(), 1) == UNZ_OK && unzOpenCurrentFile(zip) == UNZ_OK) {
    char buf[8192];
    for (int n; (n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0;) out.append(buf, n);
    unzCloseCurrentFile(zip);
  }
  unzClose(zip);
  return out;
}

// Every part name of the package, in order.
inline std::vector<std::string> DocxPartNames(const std::string& bytes) {
  TempDir dir;
  const std::string path = dir.str() + "/doc.docx";
  WriteFile(path, bytes);
  std::vector<std::string> names;
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) return names;
  for (int rc = unzGoToFirstFile(zip); rc == UNZ_OK; rc = unzGoToNextFile(zip)) {
    char name[512];
    unz_file_info info;
    if (unzGetCurrentFileInfo(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) == UNZ_OK) {
      names.emplace_back(name);
    }
  }
  unzClose(zip);
  return names;
}

enum class Review { kAccept, kReject };

namespace docx_detail {
inline void Collect(pugi::xml_node n, Review review, std::string* out) {
  for (pugi::xml_node c : n.children()) {
    const std::string_view name = c.name();
    if (name == "w:pPr" || name == "w:rPr") continue;
    if (name == "w:ins" && review == Review::kReject) continue;
    if (name == "w:del" && review == Review::kAccept) continue;
    if (name == "w:t" || name == "w:delText") {
      *out += c.text().get();
    } else if (name == "w:tab") {
      *out += '\t';
    } else {
      Collect(c, review, out);
    }
  }
}
}  // namespace docx_detail

// The body's paragraphs as they read once every change is accepted (or rejected): deleted (or
// inserted) runs gone, and a paragraph whose own mark goes joins the next one.
inline std::vector<std::string> ReviewedParagraphs(const std::string& document_xml, Review review) {
  pugi::xml_document doc;
  doc.load_string(document_xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata);
  std::vector<std::string> out;
  std::string pending;
  bool open = false;
  for (pugi::xml_node p : doc.child("w:document").child("w:body").children("w:p")) {
    docx_detail::Collect(p, review, &pending);
    open = true;
    pugi::xml_node mark = p.child("w:pPr").child("w:rPr");
    const bool mark_goes = (review == Review::kAccept && mark.child("w:del")) ||
                           (review == Review::kReject && mark.child("w:ins"));
    if (mark_goes) continue;
    out.push_back(pending);
    pending.clear();
    open = false;
  }
  if (open) out.push_back(pending);
  return out;
}

struct TrackedChange {
  std::string kind;  // "ins" or "del"
  std::string text;
  std::string author;
  std::string date;
};

// Every <w:ins>/<w:del> holding text, in document order, adjacent ones of one kind in one
// paragraph joined.
inline std::vector<TrackedChange> TrackedChanges(const std::string& document_xml) {
  pugi::xml_document doc;
  doc.load_string(document_xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata);
  std::vector<TrackedChange> out;
  for (pugi::xml_node p : doc.child("w:document").child("w:body").children("w:p")) {
    std::string last_kind;
    for (pugi::xml_node c : p.children()) {
      const std::string name = c.name();
      if (name != "w:ins" && name != "w:del") {
        last_kind.clear();
        continue;
      }
      std::string text;
      docx_detail::Collect(c, name == "w:ins" ? Review::kAccept : Review::kReject, &text);
      const std::string kind = name.substr(2);
      if (kind == last_kind) {
        out.back().text += text;
      } else {
        out.push_back({kind, text, c.attribute("w:author").value(), c.attribute("w:date").value()});
      }
      last_kind = kind;
    }
  }
  return out;
}

}  // namespace recital::testing

// The .docx package: the zip (minizip, into memory) and the parts every Word document needs.
#include <minizip/zip.h>

#include <cstring>

#include "render/docx_internal.h"
#include "render/render.h"
#include "render/xml_internal.h"

namespace recital::render::docx {
namespace {

constexpr const char* kRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kOfficeRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// ---- the zip in memory: minizip's file functions over a std::string ----------------------

struct Memory {
  std::string data;
  size_t pos = 0;
};

voidpf ZCALLBACK MemOpen(voidpf opaque, const char*, int) { return opaque; }
uLong ZCALLBACK MemRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<Memory*>(stream);
  const size_t n = std::min<size_t>(size, m->data.size() - std::min(m->pos, m->data.size()));
  std::memcpy(buf, m->data.data() + m->pos, n);
  m->pos += n;
  return static_cast<uLong>(n);
}
uLong ZCALLBACK MemWrite(voidpf, voidpf stream, const void* buf, uLong size) {
  auto* m = static_cast<Memory*>(stream);
  if (m->pos > m->data.size()) m->data.resize(m->pos);
  const size_t overlap = std::min<size_t>(size, m->data.size() - m->pos);
  m->data.replace(m->pos, overlap, static_cast<const char*>(buf), size);
  m->pos += size;
  return size;
}
long ZCALLBACK MemTell(voidpf, voidpf stream) {
  return static_cast<long>(static_cast<Memory*>(stream)->pos);
}
long ZCALLBACK MemSeek(voidpf, voidpf stream, uLong offset, int origin) {
  auto* m = static_cast<Memory*>(stream);
  size_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = m->pos;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = m->data.size();
  m->pos = base + offset;
  return 0;
}
int ZCALLBACK MemClose(voidpf, voidpf) { return 0; }
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

// ---- the parts ----------------------------------------------------------------------------

std::string ContentTypes() {
  pugi::xml_document d;
  pugi::xml_node types = d.append_child("Types");
  types.append_attribute("xmlns").set_value(
      "http://schemas.openxmlformats.org/package/2006/content-types");
  const auto add_default = [&](const char* ext, const char* type) {
    pugi::xml_node n = types.append_child("Default");
    n.append_attribute("Extension").set_value(ext);
    n.append_attribute("ContentType").set_value(type);
  };
  add_default("rels", "application/vnd.openxmlformats-package.relationships+xml");
  add_default("xml", "application/xml");
  const auto add_override = [&](const char* part, const char* type) {
    pugi::xml_node n = types.append_child("Override");
    n.append_attribute("PartName").set_value(part);
    n.append_attribute("ContentType").set_value(type);
  };
  const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  add_override("/word/document.xml", (wml + "document.main+xml").c_str());
  add_override("/word/styles.xml", (wml + "styles+xml").c_str());
  add_override("/word/settings.xml", (wml + "settings+xml").c_str());
  add_override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  return xml::Serialize(d, true);
}

std::string Relationships(const std::vector<std::pair<std::string, std::string>>& targets) {
  pugi::xml_document d;
  pugi::xml_node rels = d.append_child("Relationships");
  rels.append_attribute("xmlns").set_value(kRelNs);
  for (size_t i = 0; i < targets.size(); ++i) {
    pugi::xml_node r = rels.append_child("Relationship");
    r.append_attribute("Id").set_value(("rId" + std::to_string(i + 1)).c_str());
    r.append_attribute("Type").set_value(targets[i].first.c_str());
    r.append_attribute("Target").set_value(targets[i].second.c_str());
  }
  return xml::Serialize(d, true);
}

pugi::xml_node WordRoot(pugi::xml_document& d, const char* name) {
  pugi::xml_node root = d.append_child(name);
  root.append_attribute("xmlns:w").set_value(kWordNs);
  return root;
}

void Val(pugi::xml_node parent, const char* name, const char* value) {
  parent.append_child(name).append_attribute("w:val").set_value(value);
}

// A paragraph style: spacing after, indentation (twips), optional bold/size.
struct StyleSpec {
  const char* id;
  const char* name;
  int left = 0, hanging = 0, first_line = 0;
  int after = 120;
  bool bold = false;
  int size = 0;  // half-points, 0 inherits
  bool centred = false;
};

void Style(pugi::xml_node styles, const StyleSpec& s) {
  pugi::xml_node st = styles.append_child("w:style");
  st.append_attribute("w:type").set_value("paragraph");
  st.append_attribute("w:styleId").set_value(s.id);
  Val(st, "w:name", s.name);
  if (std::strcmp(s.id, "Normal") != 0) Val(st, "w:basedOn", "Normal");
  pugi::xml_node ppr = st.append_child("w:pPr");
  pugi::xml_node spacing = ppr.append_child("w:spacing");
  spacing.append_attribute("w:after").set_value(s.after);
  if (s.left || s.hanging || s.first_line) {
    pugi::xml_node ind = ppr.append_child("w:ind");
    ind.append_attribute("w:left").set_value(s.left);
    if (s.hanging) ind.append_attribute("w:hanging").set_value(s.hanging);
    if (s.first_line) ind.append_attribute("w:firstLine").set_value(s.first_line);
  }
  if (s.centred) Val(ppr, "w:jc", "center");
  if (s.bold || s.size) {
    pugi::xml_node rpr = st.append_child("w:rPr");
    if (s.bold) rpr.append_child("w:b");
    if (s.size) rpr.append_child("w:sz").append_attribute("w:val").set_value(s.size);
  }
}

std::string Styles() {
  pugi::xml_document d;
  pugi::xml_node styles = WordRoot(d, "w:styles");
  pugi::xml_node rpr =
      styles.append_child("w:docDefaults").append_child("w:rPrDefault").append_child("w:rPr");
  pugi::xml_node fonts = rpr.append_child("w:rFonts");
  for (const char* a : {"w:ascii", "w:hAnsi", "w:cs"}) {
    fonts.append_attribute(a).set_value("Times New Roman");
  }
  rpr.append_child("w:sz").append_attribute("w:val").set_value(22);
  rpr.append_child("w:lang").append_attribute("w:val").set_value("en-GB");
  Style(styles, {"Normal", "Normal"});
  Style(styles, {"Title", "Title", 0, 0, 0, 240, true, 28});
  Style(styles, {"Heading1", "heading 1", 0, 0, 0, 240, true, 24});
  Style(styles, {"Subtitle", "Subtitle", 0, 0, 0, 240, false, 20});
  // UN resolutions: preambular paragraphs indented on their first line, operative ones hang
  // from their number, sub-paragraphs one step further in.
  Style(styles, {"Preamble", "Preambular paragraph", 0, 0, 567});
  Style(styles, {"Operative", "Operative paragraph", 567, 567});
  Style(styles, {"SubParagraph", "Sub-paragraph", 1134, 567});
  Style(styles, {"Conclusion", "Conclusion", 0, 0, 0, 0});
  return xml::Serialize(d, true);
}

std::string Settings() {
  pugi::xml_document d;
  pugi::xml_node settings = WordRoot(d, "w:settings");
  settings.append_child("w:trackRevisions");
  Val(settings, "w:defaultTabStop", "567");
  return xml::Serialize(d, true);
}

std::string Core(std::string_view title) {
  pugi::xml_document d;
  pugi::xml_node core = d.append_child("cp:coreProperties");
  core.append_attribute("xmlns:cp")
      .set_value("http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  core.append_attribute("xmlns:dc").set_value("http://purl.org/dc/elements/1.1/");
  xml::AppendElementText(core, "dc:title", title);
  xml::AppendElementText(core, "dc:creator", "Recital");
  return xml::Serialize(d, true);
}

}  // namespace

Result<std::string> Zip(const std::vector<Part>& parts) {
  Memory memory;
  zlib_filefunc_def io{};
  io.zopen_file = MemOpen;
  io.zread_file = MemRead;
  io.zwrite_file = MemWrite;
  io.ztell_file = MemTell;
  io.zseek_file = MemSeek;
  io.zclose_file = MemClose;
  io.zerror_file = MemError;
  io.opaque = &memory;
  zipFile zip = zipOpen2("memory.docx", APPEND_STATUS_CREATE, nullptr, &io);
  if (zip == nullptr) return Status::Internal("docx: cannot start the zip");
  zip_fileinfo info{};
  info.tmz_date.tm_year = 1980;
  info.tmz_date.tm_mday = 1;
  bool ok = true;
  for (const Part& p : parts) {
    ok = ok && zipOpenNewFileInZip(zip, p.name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                   Z_DEFLATED, Z_DEFAULT_COMPRESSION) == ZIP_OK;
    ok = ok &&
         zipWriteInFileInZip(zip, p.data.data(), static_cast<unsigned>(p.data.size())) == ZIP_OK;
    ok = ok && zipCloseFileInZip(zip) == ZIP_OK;
  }
  ok = zipClose(zip, std::string(kDocxComment).c_str()) == ZIP_OK && ok;
  if (!ok) return Status::Internal("docx: minizip failed to write the package");
  return std::move(memory.data);
}

Result<std::string> Package(const pugi::xml_document& document, std::string_view title) {
  const std::string office = kOfficeRel;
  std::vector<Part> parts;
  parts.push_back({"[Content_Types].xml", ContentTypes()});
  parts.push_back(
      {"_rels/.rels",
       Relationships({{office + "officeDocument", "word/document.xml"},
                      {"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                       "core-properties",
                       "docProps/core.xml"}})});
  parts.push_back(
      {"word/_rels/document.xml.rels",
       Relationships({{office + "styles", "styles.xml"}, {office + "settings", "settings.xml"}})});
  parts.push_back({"word/document.xml", xml::Serialize(document, true)});
  parts.push_back({"word/styles.xml", Styles()});
  parts.push_back({"word/settings.xml", Settings()});
  parts.push_back({"docProps/core.xml", Core(title)});
  return Zip(parts);
}

}  // namespace recital::render::docx

namespace recital::render {

bool IsDocxExport(std::string_view bytes) {
  // The end of central directory record ends with the comment's length (2 bytes) and the comment.
  return bytes.starts_with("PK\x03\x04") && bytes.ends_with(kDocxComment) &&
         bytes.size() >= kDocxComment.size() + 22;
}

}  // namespace recital::render

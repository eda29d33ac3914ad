// Validation of Akoma Ntoso documents against the official OASIS schema
// (../shared/schemas/akn/akomantoso30.xsd, beside the checkout) with libxml2's
// xmlSchemaValidateDoc. For tests that link libxml2 (PkgConfig::LIBXML2); header-only.
#pragma once

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace recital::testing {

inline std::string AknSchemaPath() {
  return std::string(RECITAL_SOURCE_DIR) + "/../shared/schemas/akn/akomantoso30.xsd";
}

// The schema, parsed once per process; null when the file is absent (tests then skip).
class AknSchema {
 public:
  static const AknSchema& Get() {
    static const AknSchema schema;
    return schema;
  }
  bool available() const { return schema_ != nullptr; }
  std::string MissingMessage() const {
    return AknSchemaPath() + " not found: the Akoma Ntoso schema sits beside the corpus in "
                             "../shared/schemas; Akoma Ntoso validity was not checked";
  }
  // "" when xml is well-formed and valid; else the parser's or validator's messages.
  std::string Validate(std::string_view xml) const {
    std::string errors;
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "export.xml", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOWARNING);
    if (doc == nullptr) return "not well-formed XML";
    xmlSchemaValidCtxtPtr ctxt = xmlSchemaNewValidCtxt(schema_);
    xmlSchemaSetValidStructuredErrors(ctxt, &Collect, &errors);
    const int rc = xmlSchemaValidateDoc(ctxt, doc);
    xmlSchemaFreeValidCtxt(ctxt);
    xmlFreeDoc(doc);
    if (rc != 0 && errors.empty()) errors = "invalid (code " + std::to_string(rc) + ")";
    return errors;
  }
  ~AknSchema() {
    if (schema_ != nullptr) xmlSchemaFree(schema_);
  }

 private:
  AknSchema() {
    // Parser errors are returned by Validate, not printed.
    xmlSetGenericErrorFunc(nullptr, &Quiet);
    const std::string path = AknSchemaPath();
    if (!std::filesystem::exists(path)) return;
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path.c_str());
    schema_ = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
  }
  static void Quiet(void*, const char*, ...) {}
  static void Collect(void* out, xmlErrorPtr e) {
    auto* s = static_cast<std::string*>(out);
    if (s->size() > 4000) return;
    *s += "line " + std::to_string(e->line) + ": " + (e->message ? e->message : "?");
  }

  xmlSchemaPtr schema_ = nullptr;
};

}  // namespace recital::testing

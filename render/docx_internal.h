// Word (.docx) writing for render/docx*.cc: the package (a zip of XML parts, written with
// minizip into memory) and the WordprocessingML names. Not part of the module's interface.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace recital::render::docx {

inline constexpr const char* kWordNs =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// One part of the package: its name inside the zip ("word/document.xml") and its bytes.
struct Part {
  std::string name;
  std::string data;
};

// The .docx package around a document body: [Content_Types].xml, the relationships, styles
// (Normal, Title, Heading1, Preamble, Operative, SubParagraph, Note), settings (revision
// tracking on, so the delegation's own edits are tracked too), core properties (title,
// creator "Recital"; no dates, so the package is the same bytes for the same input) and
// document (the serialised <w:document>). Internal when minizip fails (it only writes memory).
Result<std::string> Package(const pugi::xml_document& document, std::string_view title);

// Stores parts, in order, deflated, with a fixed timestamp (1980-01-01) and kDocxComment as the
// zip comment (render.h, IsDocxExport), into a zip in memory.
Result<std::string> Zip(const std::vector<Part>& parts);

}  // namespace recital::render::docx

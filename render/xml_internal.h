// XML writing shared by the Akoma Ntoso and Word renderers (pugixml documents, serialised here).
// Not part of the module's interface.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace recital::render::xml {

// s with every character XML 1.0 cannot carry replaced by a space: C0 controls other than tab,
// LF and CR, U+FFFE/U+FFFF, and bytes that are not UTF-8. Record texts never hold these (ingest
// normalises them away); this keeps any output well-formed all the same.
std::string Clean(std::string_view s);

// Appends a text node holding Clean(s) (nothing when s is empty).
void AppendText(pugi::xml_node parent, std::string_view s);
// Appends <name> holding the text s.
pugi::xml_node AppendElementText(pugi::xml_node parent, const char* name, std::string_view s);
// Sets attribute name to Clean(value).
void SetAttr(pugi::xml_node node, const char* name, std::string_view value);

// Indents the element-only parts of a document for people: a child of an element that holds
// no text and is not in mixed content goes on a line of its own. Text and inline markup are
// never touched, so what a reader takes from <p> is byte for byte what was written.
void IndentStructure(pugi::xml_node root);

// The document as UTF-8 with an XML declaration (`standalone="yes"` when asked: Word's parts
// carry it), no byte-order mark, "\n" line ends; indentation only where IndentStructure put it.
std::string Serialize(const pugi::xml_document& doc, bool standalone = false);

}  // namespace recital::render::xml

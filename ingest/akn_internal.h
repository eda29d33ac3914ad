// Reading Akoma Ntoso resolutions (ingest/akn*.cc): what `recital export --format akn` writes
// (render/akn*.cc) and AKN4UN documents of the same shape. Not a public header: only ingest/,
// tests/ingest and tests/fuzz include it.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "schema/schema.h"

namespace recital::ingest {

// True when bytes are an XML document (optional byte-order mark, XML declaration, comments,
// processing instructions, DOCTYPE) whose root element is akomaNtoso, with or without a
// namespace prefix. Looks at the prologue only.
bool LooksLikeAkn(std::string_view bytes);

// Parses an Akoma Ntoso resolution into a record (ingest.h, ParseRelease, has the contract).
Result<Resolution> ParseAknRelease(std::string_view bytes, const ParseOptions& options);

namespace akn {

// Element names without the Akoma Ntoso prefix; elements of other namespaces are told apart
// by their prefix (`recital:record`).
class Names {
 public:
  Names(std::string akn_prefix, std::string recital_prefix)
      : akn_(std::move(akn_prefix)), recital_(std::move(recital_prefix)) {}
  // The local name of an Akoma Ntoso element, "" for anything else.
  std::string_view Local(pugi::xml_node n) const;
  // True for the Recital element `local` (kRecitalAknNamespace).
  bool IsRecital(pugi::xml_node n, std::string_view local) const;
  // First child element with this local name (null node when none).
  pugi::xml_node Child(pugi::xml_node n, std::string_view local) const;
  // First descendant element with this local name, depth first, at most 8 levels down.
  pugi::xml_node Find(pugi::xml_node n, std::string_view local) const;

 private:
  std::string akn_;      // "" (default namespace) or "akn:"
  std::string recital_;  // "recital:" or "" when the document does not declare it
};

// The text of inline content as a record holds it: text nodes in order (footnote notes left
// out, <br/> a space), the lead phrase from an <i> that opens it, and a FootnoteRef at each
// <authorialNote>'s place. exact: text as written (documents Recital wrote, whose texts are
// already canonical); else runs of whitespace become one space and the ends are trimmed.
struct InlineResult {
  std::string text;
  std::string lead;
  std::vector<FootnoteRef> footnotes;
  std::vector<Footnote> notes;  // the authorialNotes' own texts, in order
};
// InvalidInput past 32 nested inline elements.
Status ReadInline(pugi::xml_node p, const Names& names, bool exact, InlineResult* out);

}  // namespace akn
}  // namespace recital::ingest

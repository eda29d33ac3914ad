// ParseRelease for PDF bytes: extraction (poppler) -> layout -> the record's common fields.
#include <string>

#include "ingest/pdf_internal.h"

namespace recital::ingest {

Result<Resolution> ParsePdfRelease(std::string_view bytes, const ParseOptions& options) {
  if (bytes.size() > options.max_bytes) {
    return Status::ResourceExhausted(options.source_name + ": " + std::to_string(bytes.size()) +
                                     " bytes is larger than the limit of " +
                                     std::to_string(options.max_bytes) + " bytes");
  }
  Result<PdfText> text = ExtractPdfText(bytes, options.source_name);
  if (!text.ok()) return text.status();
  Result<Resolution> r = LayoutPdfResolution(*text, options.source_name);
  if (!r.ok()) return r.status();
  r->raw_hash = HashBytes(bytes);
  r->parser_version = std::string(ParserVersion());
  std::string all;
  for (const auto* list : {&r->preamble, &r->operative, &r->annex}) {
    for (const Paragraph& p : *list) all += p.text + "\n";
  }
  r->language = DetectLanguage(all);
  if (r->language.empty()) {
    r->warnings.push_back("language not recognised");
  } else if (r->language != "en") {
    r->warnings.push_back("language \"" + r->language +
                          "\": lead phrases are only known for English");
  }
  ExtractCitations(&*r);
  return r;
}

}  // namespace recital::ingest

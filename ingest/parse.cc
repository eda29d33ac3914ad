// ParseRelease: validation, then layout detection and the parsing stages.
#include <string>

#include "ingest/ingest.h"
#include "ingest/ingest_internal.h"

namespace recital {

std::string_view ParserVersion() { return "recital-ingest 0.1"; }

Result<Resolution> ParseRelease(std::string_view bytes, const ParseOptions& options) {
  RECITAL_RETURN_IF_ERROR(ingest::ValidateRelease(bytes, options));
  Resolution r;
  r.raw_hash = HashBytes(bytes);
  r.parser_version = std::string(ParserVersion());
  r.language = "en";
  const ingest::SymbolMatch sym = ingest::FindResolutionSymbol(bytes);
  if (sym.pos != std::string_view::npos) {
    r.symbol = sym.symbol;
    r.session = sym.session;
    r.number = sym.number;
  } else {
    r.warnings.push_back("no symbol found");
  }
  return r;
}

}  // namespace recital

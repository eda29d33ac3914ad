// ParseRelease: validation, then the parsing stages (see ingest_internal.h for the pipeline).
#include <algorithm>
#include <string>

#include "ingest/akn_internal.h"
#include "ingest/ingest.h"
#include "ingest/ingest_internal.h"
#include "ingest/pdf_internal.h"

namespace recital {
namespace {

using namespace ingest;

size_t KnownLeadOrNumberCount(const Resolution& r) {
  size_t n = 0;
  for (const Paragraph& p : r.preamble) n += MatchKnownLead(p.text).kind != LeadKind::kNone;
  for (const Paragraph& p : r.operative) n += !p.number.empty() || MatchKnownLead(p.text).kind != LeadKind::kNone;
  return n;
}

std::string LastText(const Resolution& r) {
  const std::vector<Paragraph>& last = !r.operative.empty() ? r.operative : r.preamble;
  if (last.empty()) return "";
  const Paragraph& p = last.back();
  return p.subparagraphs.empty() ? p.text : p.subparagraphs.back().text;
}

void AddWarnings(const Regions& regions, bool cover_found, const MarkerState& markers,
                 const std::string& text, Resolution* r) {
  auto warn = [r](std::string w) { r->warnings.push_back(std::move(w)); };
  if (!regions.has_opening) {
    r->starts_mid_document = true;
    if (!cover_found) {
      warn("starts mid-document (no cover block)");
    } else {
      warn("no \"The General Assembly,\" line: the preamble is missing from this copy");
    }
  }
  if (r->preamble.empty() && regions.has_opening) warn("no preamble paragraphs found");
  if (r->operative.empty()) warn("no operative paragraphs found");
  const std::string last = LastText(*r);
  if (!last.empty() && last.back() != '.' && last.back() != ';' && last.back() != ',' && last.back() != ':') {
    warn("text ends mid-paragraph (cut off)");
    r->truncated_end = true;
  }
  if (regions.adoption.empty() && r->adoption_date.empty()) warn("no adoption line");
  if (markers.any_seen && r->footnotes.empty()) {
    warn("footnote markers found but no footnote list (text cut off before the footnotes)");
  }
  if (r->language.empty()) {
    warn("language not recognised");
  } else if (r->language != "en") {
    warn("language \"" + r->language + "\": lead phrases are only known for English");
  }
  if (StraySpaceScore(text) > 0.12) {
    warn("words split by stray spaces (PDF extraction): wording is unreliable");
  }
}

}  // namespace

std::string_view ParserVersion() { return "recital-ingest 1.0"; }

Result<Resolution> ParseRelease(std::string_view bytes, const ParseOptions& options) {
  if (LooksLikePdf(bytes)) return ParsePdfRelease(bytes, options);
  if (LooksLikeAkn(bytes)) return ParseAknRelease(bytes, options);
  RECITAL_RETURN_IF_ERROR(ValidateRelease(bytes, options));
  Resolution r;
  r.raw_hash = HashBytes(bytes);
  r.parser_version = std::string(ParserVersion());
  const std::string text = NormalizeRelease(bytes);
  r.layout = DetectLayout(text);
  r.language = DetectLanguage(text);

  // Clean first so inline debris ("0F" anchors) cannot hide a paragraph start, then again
  // for the running headers that unfolding splits off.
  // The second pass only looks at lines the first one cut and at the pieces of unfolded ones.
  CleanResult first = CleanLines(SplitLines(text));
  std::vector<std::string> unfolded = UnfoldLongLines(std::move(first.lines), &first.settled);
  CleanResult clean = CleanLines(std::move(unfolded), &first.settled);
  const Regions regions = SplitRegions(std::move(clean.lines));
  const bool cover_found = ParseCover(regions, text, &r);
  r.footnotes = ParseFootnoteList(regions.footnotes);

  MarkerState markers;
  for (const Footnote& f : r.footnotes) markers.known.push_back(f.number);
  markers.list_truncated = !r.footnotes.empty() && !r.footnotes.back().text.ends_with(".");
  markers.mid_document = !regions.has_opening;
  markers.bare_numbers = r.layout == "modern" || r.layout == "web";
  BuildParagraphs(SplitParagraphs(regions.body), regions.has_opening, &markers, &r);
  if (r.preamble.empty() && r.operative.empty()) {
    return Status::InvalidInput(options.source_name + ": not a resolution (no paragraphs found)");
  }
  if (KnownLeadOrNumberCount(r) == 0 && !(regions.has_opening && !r.symbol.empty())) {
    return Status::InvalidInput(options.source_name +
                                ": not a resolution (no \"The General Assembly,\", no lead phrases, "
                                "no numbered paragraphs found)");
  }
  ExtractCitations(&r);
  AddWarnings(regions, cover_found, markers, text, &r);
  return r;
}

}  // namespace recital

// ParseRelease: validation, then the parsing stages (see ingest_internal.h for the pipeline).
#include <algorithm>
#include <string>

#include "ingest/akn_internal.h"
#include "ingest/ingest.h"
#include "ingest/ingest_internal.h"
#include "ingest/lang_internal.h"
#include "ingest/pdf_internal.h"

namespace recital {
namespace {

using namespace ingest;

size_t KnownLeadOrNumberCount(const Resolution& r, Lang lang) {
  auto known = [lang](const std::string& text) {
    return (UsesEnglishRules(lang) ? MatchKnownLead(text) : MatchKnownLeadLang(text, lang)).kind != LeadKind::kNone;
  };
  size_t n = 0;
  for (const Paragraph& p : r.preamble) n += known(p.text);
  for (const Paragraph& p : r.operative) n += !p.number.empty() || known(p.text);
  return n;
}

// Dataset viewers print a document as a JSON list of paragraph strings on one line:
// [ "2011年12月2日大会决议", "[根据...通过]", "66/54. ...", "大会,", ... ]. One paragraph a line.
std::string UnwrapJsonLists(const std::string& text) {
  if (text.find("[ \"") == std::string::npos && text.find("[\"") == std::string::npos) return text;
  std::string out;
  for (const std::string& line : SplitLines(text)) {
    std::string_view t = Trim(line);
    if (!(t.starts_with("[ \"") || t.starts_with("[\"")) || t.find("\", \"") == std::string_view::npos) {
      out += line;
      out += '\n';
      continue;
    }
    t.remove_prefix(t.starts_with("[ \"") ? 3 : 2);
    for (size_t p = t.find("\", \""); p != std::string_view::npos; p = t.find("\", \"")) {
      out.append(t.substr(0, p));
      out += "\n\n";
      t.remove_prefix(p + 4);
    }
    if (t.ends_with("\" ]") || t.ends_with("\"]")) t.remove_suffix(t.ends_with("\" ]") ? 3 : 2);
    out.append(t);
    out += '\n';
  }
  return out;
}

std::string LanguageWarning(const LanguageGuess& guess) {
  if (guess.bitext) {
    return "text in \"" + guess.code + "\" and \"" + guess.also +
           "\" interleaved on each line (an alignment page): the \"" + guess.code + "\" side is parsed";
  }
  return "language \"" + guess.code + "\" is uncertain: much of the text is \"" + guess.also + "\"";
}

std::string LastText(const Resolution& r) {
  const std::vector<Paragraph>& last = !r.operative.empty() ? r.operative : r.preamble;
  if (last.empty()) return "";
  const Paragraph& p = last.back();
  return p.subparagraphs.empty() ? p.text : p.subparagraphs.back().text;
}

void AddWarnings(const Regions& regions, bool cover_found, const MarkerState& markers,
                 const std::string& text, const LanguageGuess& guess, Lang lang, Resolution* r) {
  auto warn = [r](std::string w) { r->warnings.push_back(std::move(w)); };
  if (!regions.has_opening) {
    r->starts_mid_document = true;
    if (!cover_found) {
      warn("starts mid-document (no cover block)");
    } else {
      warn("no \"" + std::string(OpeningFormula(lang)) + "\" line: the preamble is missing from this copy");
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
  } else if (!guess.also.empty()) {
    warn(LanguageWarning(guess));
  }
  // The score counts ASCII words: Cyrillic, Arabic and Chinese texts hold only a few (symbols).
  const bool latin = lang != Lang::kRu && lang != Lang::kZh && lang != Lang::kAr;
  if (latin && StraySpaceScore(text, lang) > 0.12) {
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
  std::string text = NormalizeRelease(bytes);
  r.layout = DetectLayout(text);
  const LanguageGuess guess = GuessLanguage(text);
  r.language = guess.code;
  const Lang lang = LangFromCode(r.language);
  if (!UsesEnglishRules(lang)) {
    text = UnwrapJsonLists(text);
    if (guess.bitext) {
      bool bitext = false;
      text = KeepBitextSide(text, lang, &bitext);
    }
  }

  // Clean first so inline debris ("0F" anchors) cannot hide a paragraph start, then again
  // for the running headers that unfolding splits off.
  // The second pass only looks at lines the first one cut and at the pieces of unfolded ones.
  CleanResult first = CleanLines(SplitLines(text));
  std::vector<std::string> unfolded = UnfoldLongLines(std::move(first.lines), &first.settled, lang);
  CleanResult clean = CleanLines(std::move(unfolded), &first.settled);
  const Regions regions = SplitRegions(std::move(clean.lines), lang);
  const bool cover_found =
      UsesEnglishRules(lang) ? ParseCover(regions, text, &r) : ParseIntlCover(regions, text, lang, &r);
  r.footnotes = ParseFootnoteList(regions.footnotes);

  MarkerState markers;
  for (const Footnote& f : r.footnotes) markers.known.push_back(f.number);
  markers.list_truncated = !r.footnotes.empty() && !r.footnotes.back().text.ends_with(".");
  markers.mid_document = !regions.has_opening;
  markers.bare_numbers = r.layout == "modern" || r.layout == "web";
  markers.lang = lang;
  BuildParagraphs(SplitParagraphs(regions.body, lang), regions.has_opening, &markers, &r, lang);
  const std::string formula(OpeningFormula(lang));
  if (r.preamble.empty() && r.operative.empty()) {
    if (UsesEnglishRules(lang)) {
      return Status::InvalidInput(options.source_name + ": not a resolution (no paragraphs found)");
    }
    return Status::InvalidInput(options.source_name + ": not a resolution (language \"" + r.language + "\": " +
                                (regions.has_opening ? "no paragraphs after \"" + formula + "\""
                                                     : "no \"" + formula + "\" and no paragraphs") +
                                " found)");
  }
  if (KnownLeadOrNumberCount(r, lang) == 0 && !(regions.has_opening && !r.symbol.empty())) {
    return Status::InvalidInput(options.source_name + ": not a resolution (no \"" + formula +
                                "\", no lead phrases, no numbered paragraphs found)");
  }
  ExtractCitations(&r, lang);
  AddWarnings(regions, cover_found, markers, text, guess, lang, &r);
  return r;
}

}  // namespace recital

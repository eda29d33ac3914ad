// Private to diff/: helpers shared by align.cc, words.cc, classify.cc and series.cc.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diff/diff.h"
#include "schema/strings.h"

namespace recital::diff_internal {

// Sorted multiset of hashed content tokens (lowercased words and numbers, function words
// dropped). Similarity() is the Dice coefficient of two of these.
using Bag = std::vector<uint64_t>;

Bag ContentBag(std::string_view text);
// Multiset intersection size of two sorted bags.
size_t BagOverlap(const Bag& a, const Bag& b);
// BagOverlap(a, b) when that is at least at_least; otherwise some value below at_least (an
// upper bound of the overlap: the merge stops once the rest cannot reach at_least). For callers
// that only test the overlap against thresholds no lower than at_least.
size_t BagOverlapAtLeast(const Bag& a, const Bag& b, size_t at_least);
// Sorted multiset difference a - b.
Bag BagMinus(const Bag& a, const Bag& b);
// Sorted multiset union (sum) of two bags.
Bag BagConcat(const Bag& a, const Bag& b);
// Dice coefficient; equal_fallback is returned when both bags are empty.
double BagDice(const Bag& a, const Bag& b, double equal_fallback);
// BagDice from a known BagOverlap of bags of these sizes (bit for bit the same value).
inline double DiceFromOverlap(size_t overlap, size_t a_size, size_t b_size,
                              double equal_fallback) {
  if (a_size == 0 && b_size == 0) return equal_fallback;
  return 2.0 * static_cast<double>(overlap) / static_cast<double>(a_size + b_size);
}

// ---- word boundaries (segment.cc) ----
struct WordPiece {
  std::string_view text;
  bool word = true;  // letters or digits (false: punctuation, symbols)
};
// Appends the pieces of one run of word bytes (IsWordByte) to *out: the run whole, as always,
// unless it holds text written without spaces between words (Chinese, Japanese, Thai) or
// punctuation of those scripts, Arabic's or guillemets glued to a word; such a run is cut at
// ICU's word boundaries. Thread-safe.
void AppendWordRun(std::string_view run, std::vector<WordPiece>* out);

// ---- technical tokens (technical.cc) ----
// A token of a wording (words, single punctuation characters; spaces dropped) and whether it is
// technical: a symbol, a date or part of one, a session ordinal, a number in a reference.
// in_span: part of a technical span (technical tokens and the list connectors between them);
// span numbers the spans of one text from 0.
struct TechToken {
  std::string_view text;
  bool word = false;
  bool space_before = false;
  bool technical = false;
  bool in_span = false;
  size_t span = 0;
};
std::vector<TechToken> TechnicalTokens(std::string_view text);
// The same into *out (cleared first), reusing its capacity.
void TechnicalTokensInto(std::string_view text, std::vector<TechToken>* out);
// A wording's tokens (typography folded as NormalizedWording folds it) with each technical span
// replaced by one mark (and "resolutions"/"decisions" before a span made singular): equal keys
// of two different wordings mean they differ only in technical tokens.
std::string TechnicalKey(std::string_view text);
// True for a lower-case word that only counts: digits (a year, 2024), 54th, an ordinal such as
// "fourth" or "seventieth", a tens word ("seventy" of "seventy-fourth"). Titles drop them.
bool IsCountingWord(std::string_view lower_word);
// Curly quotes and dashes to ASCII, no-break space to space, soft hyphens dropped.
std::string FoldTypography(std::string_view text);
// FoldTypography into *out when it changes anything (returns true); false and *out untouched
// when text holds nothing to fold.
bool FoldTypographyInto(std::string_view text, std::string* out);
// ContentBag from the TechnicalTokens of the text (the same bag, without tokenizing again).
Bag ContentBagOf(const std::vector<TechToken>& toks);
// NormalizedWording from the TechnicalTokens of its folded text. Equal to NormalizedWording
// when the text holds no form feed or vertical tab (TechnicalTokens skips them as spaces,
// Tokenize keeps them as tokens): callers check with HasFormOrVerticalTab.
std::string NormalizedWordingOf(const std::vector<TechToken>& folded_toks);
bool HasFormOrVerticalTab(std::string_view text);

// One paragraph prepared for pairing.
struct Para {
  Section section = Section::kPreamble;
  size_t index = 0;  // within its section
  const Paragraph* paragraph = nullptr;
  std::string full;  // ParagraphFullText
  std::string key;   // NormalizedWording(full)
  Bag bag;           // ContentBag(full): technical spans neutralised
};

// The paragraphs of r in document order (preamble, operative, annex), prepared. Each Para
// points into r, which must outlive the result.
std::vector<Para> PrepareParagraphs(const Resolution& r);

// Paragraphs paired across the two resolutions; indices into Alignment::from / ::to.
struct Pairing {
  std::vector<size_t> from;
  std::vector<size_t> to;
  double similarity = 1.0;
  bool moved = false;
  // One side is the cut-off last paragraph of a partial copy (Resolution::truncated_end) and is
  // compared with the start of the other: exact = it is a prefix of the other's wording.
  bool truncated = false;
  bool truncated_exact = false;
};

struct Alignment {
  std::span<const Para> from, to;  // PrepareParagraphs of each side (not owned)
  std::vector<Pairing> pairs;
  std::vector<size_t> removed;  // from-indices left unpaired
  std::vector<size_t> added;    // to-indices left unpaired
  // Unpaired paragraphs outside the part of the text the other, partial copy contains (before
  // its start or after its cut): neither removed nor added.
  std::vector<size_t> from_not_compared, to_not_compared;
};

// from_paras / to_paras: PrepareParagraphs(from) / (to); they must outlive the result.
Alignment Align(const Resolution& from, std::span<const Para> from_paras, const Resolution& to,
                std::span<const Para> to_paras, const DiffOptions& options);

// The first `tokens` tokens of text (spaces kept as they were), for comparing a cut-off
// paragraph with the same stretch of a whole one.
std::string_view FirstTokens(std::string_view text, size_t tokens);
// Number of non-space tokens of a text.
size_t TokenCount(std::string_view text);

}  // namespace recital::diff_internal

namespace recital {
// Behind a PreparedResolution: the resolution and its prepared paragraphs, which point into
// `record` (the State is never moved once made: it lives behind a shared_ptr).
struct PreparedResolution::State {
  Resolution record;
  std::vector<diff_internal::Para> paras;
};
}  // namespace recital

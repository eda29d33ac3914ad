// The generator's own measure of wording: its tokeniser, content words and word edits. Written
// for gen/ alone, so that the truth never depends on the engine it is used to measure.
#include <algorithm>
#include <array>
#include <set>

#include "gen/gen.h"
#include "schema/strings.h"

namespace recital::gen {
namespace {

// Function words and prepositions: they carry no subject, and the templates share them freely.
constexpr std::array<std::string_view, 46> kStopWords = {
    "a",      "about", "across", "after",  "against", "along",   "among", "an",
    "and",    "are",   "around", "as",     "at",      "be",      "been",  "before",
    "between", "beyond", "by",   "during", "for",     "from",    "has",   "have",
    "in",     "into",  "is",     "it",     "its",     "of",      "on",    "or",
    "over",   "that",  "the",    "their",  "this",    "through", "to",    "towards",
    "under",  "upon",  "which",  "with",   "within",  "without"};

bool IsStopWord(std::string_view w) {
  return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

}  // namespace

std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWordByte(text[j])) ++j;
    std::string w = AsciiLower(text.substr(i, j - i));
    if (!IsStopWord(w)) out.push_back(std::move(w));
    i = j;
  }
  return out;
}

size_t ContentWordEdits(std::string_view a, std::string_view b) {
  const std::vector<std::string> x = ContentWords(a), y = ContentWords(b);
  // One row of the Levenshtein table at a time; paragraphs have tens of words.
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({up + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[y.size()];
}

bool IsBoundedRewording(std::string_view a, std::string_view b) {
  const size_t edits = ContentWordEdits(a, b);
  return edits > 0 && 3 * edits <= ContentWords(a).size();
}

bool SharesNoContentWord(std::string_view a, std::string_view b) {
  const std::vector<std::string> x = ContentWords(a);
  const std::set<std::string> in_a(x.begin(), x.end());
  for (const std::string& w : ContentWords(b)) {
    if (in_a.count(w)) return false;
  }
  return true;
}

}  // namespace recital::gen

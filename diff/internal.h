// Private to diff/: helpers shared by align.cc, words.cc, classify.cc and series.cc.
#pragma once

#include <cstdint>
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
// Sorted multiset difference a - b.
Bag BagMinus(const Bag& a, const Bag& b);
// Sorted multiset union (sum) of two bags.
Bag BagConcat(const Bag& a, const Bag& b);
// Dice coefficient; equal_fallback is returned when both bags are empty.
double BagDice(const Bag& a, const Bag& b, double equal_fallback);

// One paragraph prepared for pairing.
struct Para {
  Section section = Section::kPreamble;
  size_t index = 0;  // within its section
  const Paragraph* paragraph = nullptr;
  std::string full;  // ParagraphFullText
  std::string key;   // NormalizedWording(full)
  Bag bag;           // ContentBag(full)
};

// Paragraphs paired across the two resolutions; indices into Alignment::from / ::to.
struct Pairing {
  std::vector<size_t> from;
  std::vector<size_t> to;
  double similarity = 1.0;
  bool moved = false;
};

struct Alignment {
  std::vector<Para> from, to;  // document order: preamble, operative, annex
  std::vector<Pairing> pairs;
  std::vector<size_t> removed;  // from-indices left unpaired
  std::vector<size_t> added;    // to-indices left unpaired
};

Alignment Align(const Resolution& from, const Resolution& to, const DiffOptions& options);

}  // namespace recital::diff_internal

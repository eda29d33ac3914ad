// Private to gen/.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gen/gen.h"

namespace recital::gen::internal {

// SplitMix64: tiny, fast and identical everywhere (std distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Uniform(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Uniform(v.size())]; }

 private:
  uint64_t state_;
};

// How a lead phrase continues, so a lead can be swapped for another of its kind.
enum class LeadKind : uint8_t {
  kPreNoun,      // "Recalling" + noun phrase
  kPreThat,      // "Convinced" + "that ..."
  kOpActor,      // "Calls upon" + actor + "to ..."
  kOpNoun,       // "Welcomes" + noun phrase
  kOpSelf,       // "Requests the Secretary-General" + "to ..."
  kFixed,        // session-bound paragraphs and seed paragraphs: never swapped
};

// A paragraph under evolution. text = lead + " " + join(parts, ", ") + final punctuation.
struct GPara {
  uint64_t id = 0;
  Section section = Section::kPreamble;
  LeadKind kind = LeadKind::kFixed;
  std::string lead;
  std::vector<std::string> parts;  // parts[0] the main clause, then qualifiers
  int bound = 0;                   // 0 free; 1 recall clause; 2 report request; 3 "Decides"
  std::string footnote;            // non-empty: a footnote marker follows the paragraph
};

std::string Body(const GPara& p);

// Vocabulary (vocab.cc).
const std::vector<std::string>& Leads(LeadKind kind);
GPara MakeParagraph(Rng& rng, Section section);
// A paragraph from the addition vocabulary none of whose content words is in avoid; nullopt
// when the pools have nothing left that avoids it.
std::optional<GPara> MakeAddedParagraph(Rng& rng, Section section, const std::set<std::string>& avoid);
std::string MakeQualifier(Rng& rng);
std::string MakeTitle(uint64_t series_index, Rng& rng);
const std::vector<std::string>& Adverbs();

// Layout helpers (layout.cc). Session ordinals ("fifty-fourth") are schema/symbol.h's.
std::string Capitalized(std::string s);    // "fifty-fourth" -> "Fifty-fourth"
std::string LowerFirst(std::string s);     // "Welcomes" -> "welcomes"
std::string OrdinalSuffix(uint32_t n);     // 83 -> "83rd"
std::string HumanDate(const std::string& iso);  // "1999-12-17" -> "17 December 1999"

}  // namespace recital::gen::internal

// Lead phrases: the opening words UN drafting sets in italics. Known phrases match by
// longest match; unknown ones by rule (a participle or adjective opens a preamble paragraph,
// a third-person verb an operative one), then extended by the modifiers drafting adds
// ("also", "further", "with deep concern", "of" after "note").
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "ingest/ingest_internal.h"

namespace recital::ingest {
namespace {

struct Phrase {
  std::string_view text;
  LeadKind kind;
};

constexpr LeadKind P = LeadKind::kPreamble;
constexpr LeadKind O = LeadKind::kOperative;

// Base phrases; "also"/"further"/"with <noun>" variants are added by ExtendLead.
constexpr std::array kPhrases = {
    Phrase{"Acknowledging", P}, Phrase{"Affirming", P}, Phrase{"Alarmed", P},
    Phrase{"Appreciating", P}, Phrase{"Aware", P}, Phrase{"Bearing in mind", P},
    Phrase{"Believing", P}, Phrase{"Calling on", P}, Phrase{"Calling upon", P},
    Phrase{"Cognizant", P}, Phrase{"Commending", P},
    Phrase{"Concerned", P}, Phrase{"Conscious", P}, Phrase{"Considering", P},
    Phrase{"Convinced", P}, Phrase{"Deeply concerned", P}, Phrase{"Deeply convinced", P},
    Phrase{"Deeply alarmed", P}, Phrase{"Deploring", P}, Phrase{"Desiring", P},
    Phrase{"Determined", P}, Phrase{"Distressed", P}, Phrase{"Emphasizing", P},
    Phrase{"Emphasising", P}, Phrase{"Encouraged", P}, Phrase{"Expressing", P},
    Phrase{"Gravely concerned", P}, Phrase{"Guided by", P}, Phrase{"Having adopted", P},
    Phrase{"Having considered", P}, Phrase{"Having examined", P}, Phrase{"Having heard", P},
    Phrase{"Having regard to", P}, Phrase{"Having reviewed", P},
    Phrase{"Having taken note", P}, Phrase{"Mindful", P},
    Phrase{"Noting", P}, Phrase{"Noting and reaffirming", P}, Phrase{"Particularly concerned", P},
    Phrase{"Realizing", P}, Phrase{"Reaffirming", P}, Phrase{"Recalling", P},
    Phrase{"Recognizing", P}, Phrase{"Recognising", P}, Phrase{"Reiterating", P},
    Phrase{"Seriously concerned", P}, Phrase{"Stressing", P}, Phrase{"Taking into account", P},
    Phrase{"Taking into consideration", P}, Phrase{"Taking note", P},
    Phrase{"Underlining", P}, Phrase{"Understanding", P}, Phrase{"Welcoming", P},
    Phrase{"Acknowledges", O}, Phrase{"Affirms", O}, Phrase{"Appeals", O},
    Phrase{"Approves", O}, Phrase{"Authorizes", O}, Phrase{"Calls on", O},
    Phrase{"Calls upon", O}, Phrase{"Commends", O}, Phrase{"Condemns", O},
    Phrase{"Considers", O}, Phrase{"Declares", O}, Phrase{"Decides", O},
    Phrase{"Deplores", O}, Phrase{"Emphasizes", O}, Phrase{"Encourages", O},
    Phrase{"Endorses", O}, Phrase{"Expresses", O}, Phrase{"Invites", O}, Phrase{"Notes", O},
    Phrase{"Reaffirms", O}, Phrase{"Recalls", O}, Phrase{"Recognizes", O},
    Phrase{"Recommends", O}, Phrase{"Reiterates", O}, Phrase{"Requests", O},
    Phrase{"Stresses", O}, Phrase{"Supports", O}, Phrase{"Takes note", O},
    Phrase{"Underlines", O}, Phrase{"Underscores", O}, Phrase{"Urges", O},
    Phrase{"Welcomes", O},
};

// Words that may precede the head ("Also requests", "Further noting", "Strongly urges").
constexpr std::array<std::string_view, 9> kPrefixes = {
    "Also", "Further", "Furthermore", "Again", "Strongly", "Once again", "Deeply", "Gravely",
    "Particularly"};
constexpr std::array<std::string_view, 4> kModifiers = {"also", "further", "again", "furthermore"};
constexpr std::array<std::string_view, 9> kWithAdjectives = {
    "deep", "great", "grave", "serious", "particular", "profound", "sincere", "full", "strong"};
constexpr std::array<std::string_view, 10> kWithNouns = {
    "satisfaction", "appreciation", "concern", "regret", "interest", "alarm",
    "gratitude", "support", "congratulations", "thanks"};

bool AllCapsStart(std::string_view t) {
  size_t letters = 0;
  for (size_t i = 0; i < t.size() && i < 12 && t[i] != ' '; ++i) {
    if (IsAsciiLower(t[i])) return false;
    if (IsAsciiUpper(t[i])) ++letters;
  }
  return letters >= 3;
}

bool WordEnds(std::string_view t, size_t pos) {
  return pos >= t.size() || t[pos] == ' ' || t[pos] == ',' || t[pos] == ';' || t[pos] == ':';
}

// Matches phrase at t[pos] followed by a word boundary; case-insensitive when caps.
bool MatchAt(std::string_view t, size_t pos, std::string_view phrase, bool caps) {
  const std::string_view s = t.substr(pos);
  const bool ok = caps ? StartsWithNoCase(s, phrase) : s.starts_with(phrase);
  return ok && WordEnds(t, pos + phrase.size());
}

// MatchAt for phrase with its first letter lower-cased ("Recalling" -> "recalling").
bool MatchLowerFirstAt(std::string_view t, size_t pos, std::string_view phrase, bool caps) {
  const std::string_view s = t.substr(pos);
  if (s.size() < phrase.size() || phrase.empty()) return false;
  const char first = AsciiLower(phrase[0]);
  const char c = caps ? AsciiLower(s[0]) : s[0];
  if (c != first) return false;
  const bool ok = caps ? StartsWithNoCase(s.substr(1), phrase.substr(1)) : s.substr(1).starts_with(phrase.substr(1));
  return ok && WordEnds(t, pos + phrase.size());
}

// Indexes into kPhrases by the lower-cased first letter, in table order: a phrase can only
// match text that starts with its letter.
struct PhraseIndex {
  std::array<std::vector<uint8_t>, 26> by_letter;
};

const std::vector<uint8_t>& PhrasesStartingWith(char c) {
  static const PhraseIndex index = [] {
    PhraseIndex idx;
    for (size_t i = 0; i < kPhrases.size(); ++i) idx.by_letter[size_t(kPhrases[i].text[0] - 'A')].push_back(uint8_t(i));
    return idx;
  }();
  static const std::vector<uint8_t> none;
  if (IsAsciiUpper(c)) return index.by_letter[size_t(c - 'A')];
  if (IsAsciiLower(c)) return index.by_letter[size_t(c - 'a')];
  return none;
}

// The next word at pos (after one space), or "".
std::string_view NextWord(std::string_view t, size_t pos) {
  if (pos >= t.size() || t[pos] != ' ') return {};
  size_t b = pos + 1, e = b;
  while (e < t.size() && (IsAsciiAlpha(t[e]) || t[e] == '-')) ++e;
  return t.substr(b, e - b);
}

bool In(std::string_view w, const auto& list, bool caps) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view x) {
    return caps ? (w.size() == x.size() && StartsWithNoCase(w, x)) : w == x;
  });
}

// Grows a lead that ends at len by "also"/"further", "with [adjective] noun", "its noun",
// and "of" after "note ..." phrases.
size_t ExtendLead(std::string_view t, size_t len, bool caps) {
  for (;;) {
    const std::string_view w = NextWord(t, len);
    if (!w.empty() && In(w, kModifiers, caps)) {
      len += 1 + w.size();
      continue;
    }
    break;
  }
  size_t probe = len;
  std::string_view w = NextWord(t, probe);
  if (w == "with" || w == "its" || (caps && (w == "WITH" || w == "ITS"))) {
    probe += 1 + w.size();
    w = NextWord(t, probe);
  }
  while (!w.empty() && In(w, kWithAdjectives, caps)) {
    probe += 1 + w.size();
    w = NextWord(t, probe);
  }
  // "Noting with deep concern", "Expresses its appreciation", "Expressing concern".
  if (!w.empty() && In(w, kWithNouns, caps)) {
    len = probe + 1 + w.size();
    const std::string_view m = NextWord(t, len);  // "Taking note with appreciation also of"
    if (!m.empty() && In(m, kModifiers, caps)) len += 1 + m.size();
  }
  // "Taking note with appreciation of", "Takes note with satisfaction of".
  const std::string_view lead = t.substr(0, len);
  if ((lead.find("note") != std::string_view::npos || lead.find("NOTE") != std::string_view::npos) &&
      !lead.ends_with(" of")) {
    const std::string_view of = NextWord(t, len);
    if (of == "of" || (caps && of == "OF")) len += 3;
  }
  return len;
}

}  // namespace

LeadMatch MatchKnownLead(std::string_view t) {
  const bool caps = AllCapsStart(t);
  LeadMatch best;
  size_t start = 0;
  // Optional prefix word ("Also", "Further", "Strongly").
  for (std::string_view p : kPrefixes) {
    if (MatchAt(t, 0, p, caps) && t.size() > p.size() + 1) {
      // Only a prefix when a phrase follows (handled below); remember its length.
      for (uint8_t i : PhrasesStartingWith(t[p.size() + 1])) {
        const Phrase& ph = kPhrases[i];
        if (MatchLowerFirstAt(t, p.size() + 1, ph.text, caps) && p.size() + 1 + ph.text.size() > best.length) {
          best = {ph.kind, p.size() + 1 + ph.text.size(), true};
        }
      }
    }
  }
  if (t.empty()) return best;
  for (uint8_t i : PhrasesStartingWith(t[start])) {
    const Phrase& ph = kPhrases[i];
    if (MatchAt(t, start, ph.text, caps) && ph.text.size() > best.length) {
      best = {ph.kind, ph.text.size(), true};
    }
  }
  if (best.kind == LeadKind::kNone) return best;
  best.length = ExtendLead(t, best.length, caps);
  return best;
}

LeadMatch MatchLead(std::string_view t) {
  LeadMatch known = MatchKnownLead(t);
  if (known.kind != LeadKind::kNone) return known;
  // Rule for unknown phrases: [Adverb-ly|Also|Further] Head, Head capitalized (or the
  // adverb is), head ending in -ing/-ed (preamble) or -s (operative, third person).
  size_t e = 0;
  while (e < t.size() && (IsAsciiAlpha(t[e]) || t[e] == '-')) ++e;
  if (e < 3 || !IsAsciiUpper(t[0]) || !WordEnds(t, e)) return {};
  const bool caps = AllCapsStart(t);
  std::string_view head = t.substr(0, e);
  size_t len = e;
  const std::string lower = AsciiLower(head);
  const bool adverb = lower.ends_with("ly") || lower == "also" || lower == "further";
  if (adverb) {
    const std::string_view w = NextWord(t, e);
    if (w.empty()) return {};
    head = w;
    len = e + 1 + w.size();
  }
  const std::string h = AsciiLower(head);
  LeadKind kind = LeadKind::kNone;
  if (h.ends_with("ing") || (h.ends_with("ed") && h.size() > 4)) {
    kind = LeadKind::kPreamble;
  } else if (h.ends_with("s") && !h.ends_with("ss") && h.size() > 3 && h != "this" &&
             h != "its" && h != "has" && h != "was" && h != "as") {
    kind = LeadKind::kOperative;
  }
  if (kind == LeadKind::kNone) return {};
  // A rule match must be followed by running text, not be a title word ("Refugees").
  if (!caps) {
    const std::string_view next = NextWord(t, len);
    if (!next.empty() && IsAsciiUpper(next[0]) && next != "States" && next != "Member" &&
        next != "Governments") {
      return {};
    }
  }
  return {kind, ExtendLead(t, len, caps), false};
}

}  // namespace recital::ingest

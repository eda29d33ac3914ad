// Words split by stray spaces in text pulled out of PDFs: the document's own vocabulary (an
// open-addressing table of lower-cased words, no allocation per lookup), the repair of one
// paragraph, and the score that tells whether a whole text suffers from it.
#include <array>
#include <cstring>
#include <string>

#include "ingest/ingest_internal.h"

namespace recital::ingest {
namespace {

// Hash of a word, blind to the case of its letters (bytes | 0x20), 8 bytes at a time.
uint64_t WordHash(const char* p, size_t n) {
  constexpr uint64_t kCase = 0x2020202020202020ull, kMul = 0xff51afd7ed558ccdull;
  uint64_t h = uint64_t(n) * 0x9e3779b97f4a7c15ull;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ (v | kCase)) * kMul;
    h ^= h >> 32;
  }
  if (n > 0) {
    uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ (v | (kCase >> (8 * (8 - n))))) * kMul;
    h ^= h >> 32;
  }
  return h ^ (h >> 29);
}

// WordHash of a + b.
uint64_t JoinedHash(std::string_view a, std::string_view b) {
  if (b.empty()) return WordHash(a.data(), a.size());
  char buf[64];
  if (a.size() + b.size() <= sizeof(buf)) {
    std::memcpy(buf, a.data(), a.size());
    std::memcpy(buf + a.size(), b.data(), b.size());
    return WordHash(buf, a.size() + b.size());
  }
  const std::string joined = std::string(a) + std::string(b);
  return WordHash(joined.data(), joined.size());
}

// True when lower(a + b) equals the lower-cased word w.
bool EqualsLowered(std::string_view w, std::string_view a, std::string_view b) {
  if (w.size() != a.size() + b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (w[i] != AsciiLower(a[i])) return false;
  for (size_t i = 0; i < b.size(); ++i)
    if (w[a.size() + i] != AsciiLower(b[i])) return false;
  return true;
}

// A word of at most 3 letters, lower-cased, packed into an integer.
constexpr uint32_t Pack3(std::string_view w) {
  uint32_t v = 0;
  for (size_t i = 0; i < w.size() && i < 3; ++i) {
    const char c = AsciiLower(w[i]);
    v |= uint32_t(static_cast<unsigned char>(c)) << (8 * i);
  }
  return v;
}

// Short function words that are words of their own even when they occur once.
bool IsShortWord(std::string_view w) {
  static constexpr std::array<uint32_t, 40> kShortWords = {
      Pack3("a"), Pack3("an"), Pack3("as"), Pack3("at"), Pack3("be"), Pack3("by"), Pack3("do"),
      Pack3("go"), Pack3("he"), Pack3("if"), Pack3("in"), Pack3("is"), Pack3("it"), Pack3("me"),
      Pack3("my"), Pack3("no"), Pack3("of"), Pack3("on"), Pack3("or"), Pack3("so"), Pack3("to"),
      Pack3("up"), Pack3("us"), Pack3("we"), Pack3("all"), Pack3("and"), Pack3("any"), Pack3("are"),
      Pack3("but"), Pack3("can"), Pack3("for"), Pack3("has"), Pack3("her"), Pack3("his"),
      Pack3("its"), Pack3("not"), Pack3("our"), Pack3("the"), Pack3("who"), Pack3("was")};
  if (w.empty() || w.size() > 3) return false;
  const uint32_t v = Pack3(w);
  for (uint32_t k : kShortWords)
    if (k == v) return true;
  return false;
}

// The short words of French and Spanish (lower-case, ASCII letters only: "à", "él" are never
// counted as fragments anyway), for StraySpaceScore of texts in those languages.
bool IsRomanceShortWord(std::string_view w, Lang lang) {
  static constexpr std::array<uint32_t, 36> kFr = {
      Pack3("a"),   Pack3("au"),  Pack3("aux"), Pack3("ce"),  Pack3("ces"), Pack3("d"),   Pack3("de"),
      Pack3("des"), Pack3("du"),  Pack3("en"),  Pack3("et"),  Pack3("il"),  Pack3("l"),   Pack3("la"),
      Pack3("le"),  Pack3("les"), Pack3("lui"), Pack3("n"),   Pack3("ne"),  Pack3("nos"), Pack3("ont"),
      Pack3("ou"),  Pack3("par"), Pack3("pas"), Pack3("qu"),  Pack3("que"), Pack3("qui"), Pack3("s"),
      Pack3("sa"),  Pack3("se"),  Pack3("ses"), Pack3("son"), Pack3("sur"), Pack3("un"),  Pack3("une"),
      Pack3("y")};
  static constexpr std::array<uint32_t, 36> kEs = {
      Pack3("a"),   Pack3("al"),  Pack3("con"), Pack3("de"),  Pack3("del"), Pack3("e"),   Pack3("el"),
      Pack3("en"),  Pack3("es"),  Pack3("ha"),  Pack3("han"), Pack3("la"),  Pack3("las"), Pack3("le"),
      Pack3("les"), Pack3("lo"),  Pack3("los"), Pack3("ni"),  Pack3("no"),  Pack3("o"),   Pack3("os"),
      Pack3("por"), Pack3("que"), Pack3("se"),  Pack3("sea"), Pack3("sin"), Pack3("su"),  Pack3("sus"),
      Pack3("u"),   Pack3("un"),  Pack3("una"), Pack3("uno"), Pack3("y"),   Pack3("ya"),  Pack3("son"),
      Pack3("fue")};
  if (w.empty() || w.size() > 3 || (lang != Lang::kFr && lang != Lang::kEs)) return false;
  const uint32_t v = Pack3(w);
  for (uint32_t k : (lang == Lang::kFr ? kFr : kEs))
    if (k == v) return true;
  return false;
}

// A run of non-spaces, with what the repair asks of it.
struct Token {
  std::string_view text;    // empty at the end of the input
  size_t letters = 0;       // leading ASCII letters
  size_t core = 0;          // length through the last ASCII letter (0 when there is none)
  // The token is a word: letters only.
  bool IsWord() const { return !text.empty() && letters == text.size(); }
  // The token without trailing non-letters ("es," -> "es") is a word.
  bool CoreIsWord() const { return core > 0 && letters >= core; }
  std::string_view Core() const { return text.substr(0, core); }
};

// The next token at or after *pos (tokens are separated by spaces only).
Token NextToken(std::string_view s, size_t* pos) {
  size_t i = *pos;
  while (i < s.size() && s[i] == ' ') ++i;
  const size_t b = i;
  while (i < s.size() && IsAsciiAlpha(s[i])) ++i;
  Token t;
  t.letters = i - b;
  size_t core_end = i;
  for (; i < s.size() && s[i] != ' '; ++i) {
    if (IsAsciiAlpha(s[i])) core_end = i + 1;
  }
  t.text = s.substr(b, i - b);
  t.core = core_end - b;
  *pos = i;
  return t;
}

// True when tokens a and b should be joined ("countri es" -> "countries").
bool ShouldJoin(const Token& a, const Token& b, const Vocabulary& counts) {
  if (!b.CoreIsWord() || !IsAsciiLower(b.text[0]) || !a.IsWord()) return false;
  const std::string_view core_b = b.Core();
  if (!counts.ContainsJoined(a.text, core_b)) return false;
  auto known = [&](std::string_view w) { return IsShortWord(w) || counts.Count(w) >= 2; };
  return !known(a.text) || !known(core_b);
}

// "development ," -> "development,": no space before closing punctuation after a letter or ")".
std::string DropSpacesBeforePunctuation(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  size_t done = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != ',' && c != ';' && c != ':' && c != '.' && c != ')') continue;
    s.append(text.substr(done, i - done));
    done = i;
    if (s.size() >= 2 && s.back() == ' ' && (IsAsciiAlpha(s[s.size() - 2]) || s[s.size() - 2] == ')')) {
      s.pop_back();
    }
  }
  s.append(text.substr(done));
  return s;
}

}  // namespace

constexpr size_t kBloomWords = (size_t(1) << 18) / 64;

void Vocabulary::SetBloom(uint64_t h) {
  if (bloom_.empty()) bloom_.assign(kBloomWords, 0);
  const size_t b1 = size_t(h) & (kBloomWords * 64 - 1), b2 = size_t(h >> 40) & (kBloomWords * 64 - 1);
  bloom_[b1 / 64] |= uint64_t(1) << (b1 % 64);
  bloom_[b2 / 64] |= uint64_t(1) << (b2 % 64);
}

size_t Vocabulary::ShapeKey(size_t length, char first, char last) {
  return ((length & 63) << 10) | ((size_t(static_cast<unsigned char>(first)) & 31) << 5) |
         (size_t(static_cast<unsigned char>(last)) & 31);
}

void Vocabulary::SetShape(std::string_view word) {
  const size_t key = ShapeKey(word.size(), word.front(), word.back());
  shapes_[key / 64] |= uint64_t(1) << (key % 64);
}

bool Vocabulary::MayContain(uint64_t h) const {
  if (bloom_.empty()) return false;
  const size_t b1 = size_t(h) & (kBloomWords * 64 - 1), b2 = size_t(h >> 40) & (kBloomWords * 64 - 1);
  return (bloom_[b1 / 64] >> (b1 % 64) & 1) != 0 && (bloom_[b2 / 64] >> (b2 % 64) & 1) != 0;
}

void Vocabulary::Grow() const {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 256 : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.count == 0) continue;
    size_t i = size_t(s.hash) & mask;
    while (slots_[i].count != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void Vocabulary::Insert(std::string_view word, uint64_t h) const {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  size_t i = size_t(h) & mask;
  for (; slots_[i].count != 0; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.hash == h && EqualsLowered(std::string_view(arena_).substr(s.offset, s.length), word, {})) {
      ++s.count;
      return;
    }
  }
  slots_[i] = Slot{h, uint32_t(arena_.size()), uint32_t(word.size()), 1};
  const size_t at = arena_.size();
  arena_.append(word);
  for (size_t k = at; k < arena_.size(); ++k) arena_[k] = AsciiLower(arena_[k]);
  ++size_;
}

void Vocabulary::Materialize() const {
  std::vector<std::string_view> texts;
  texts.swap(pending_);
  for (std::string_view s : texts) {
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && !IsAsciiAlpha(s[i])) ++i;
      const size_t b = i;
      while (i < s.size() && IsAsciiAlpha(s[i])) ++i;
      if (i > b) Insert(s.substr(b, i - b), WordHash(s.data() + b, i - b));
    }
  }
}

const Vocabulary::Slot* Vocabulary::Find(std::string_view a, std::string_view b) const {
  const uint64_t h = JoinedHash(a, b);
  if (!MayContain(h)) return nullptr;
  if (!pending_.empty()) Materialize();
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = size_t(h) & mask; slots_[i].count != 0; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.hash == h && EqualsLowered(std::string_view(arena_).substr(s.offset, s.length), a, b)) return &s;
  }
  return nullptr;
}

void Vocabulary::Add(std::string_view word) {
  if (word.empty()) return;
  const uint64_t h = WordHash(word.data(), word.size());
  SetBloom(h);
  SetShape(word);
  ++words_;
  Insert(word, h);
}

void Vocabulary::AddTextLazily(std::string_view s) {
  size_t i = 0;
  bool any = false;
  while (i < s.size()) {
    while (i < s.size() && !IsAsciiAlpha(s[i])) ++i;
    const size_t b = i;
    while (i < s.size() && IsAsciiAlpha(s[i])) ++i;
    if (i > b) {
      SetBloom(WordHash(s.data() + b, i - b));
      SetShape(s.substr(b, i - b));
      ++words_;
      any = true;
    }
  }
  if (any) pending_.push_back(s);
}

int Vocabulary::Count(std::string_view word) const {
  const Slot* s = Find(word, {});
  return s == nullptr ? 0 : s->count;
}

bool Vocabulary::ContainsJoined(std::string_view a, std::string_view b) const {
  if (!a.empty() && !b.empty()) {
    const size_t key = ShapeKey(a.size() + b.size(), a.front(), b.back());
    if ((shapes_[key / 64] & (uint64_t(1) << (key % 64))) == 0) return false;
  }
  return Find(a, b) != nullptr;
}

Vocabulary MakeVocabulary(const std::vector<std::string>& words) {
  Vocabulary counts;
  for (const std::string& w : words) counts.Add(w);
  return counts;
}

void AddWordsToVocabulary(std::string_view s, Vocabulary* vocabulary) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsAsciiAlpha(s[i])) ++i;
    const size_t b = i;
    while (i < s.size() && IsAsciiAlpha(s[i])) ++i;
    if (i > b) vocabulary->Add(s.substr(b, i - b));
  }
}

double StraySpaceScore(std::string_view text, Lang lang) {
  size_t words = 0, fragments = 0;
  size_t pos = 0;
  for (Token t = NextToken(text, &pos); !t.text.empty(); t = NextToken(text, &pos)) {
    if (!t.CoreIsWord()) continue;
    ++words;
    if (t.core <= 3 && !IsShortWord(t.Core()) && !IsRomanceShortWord(t.Core(), lang)) ++fragments;
  }
  return words == 0 ? 0.0 : double(fragments) / double(words);
}

std::string RepairStraySpaces(std::string_view text, const Vocabulary& counts) {
  std::string s = DropSpacesBeforePunctuation(text);
  if (counts.empty()) return s;
  // Join two alphabetic pieces when the joined word occurs elsewhere in the document and
  // at least one piece is not a word of its own there. Most paragraphs need no join and are
  // single-spaced already: they come back as they are.
  const bool single_spaced = s.empty() || (s.front() != ' ' && s.back() != ' ' && s.find("  ") == std::string::npos);
  bool any_join = false;
  size_t pos = 0;
  for (Token a = NextToken(s, &pos), b; !a.text.empty() && !any_join; a = b) {
    b = NextToken(s, &pos);
    any_join = !b.text.empty() && ShouldJoin(a, b, counts);
  }
  if (!any_join && single_spaced) return s;
  std::string out;
  out.reserve(s.size());
  pos = 0;
  Token a = NextToken(s, &pos);
  while (!a.text.empty()) {
    const Token b = NextToken(s, &pos);
    if (!out.empty()) out += ' ';
    out += a.text;
    if (!b.text.empty() && ShouldJoin(a, b, counts)) {
      out += b.text;
      a = NextToken(s, &pos);
      continue;
    }
    a = b;
  }
  return out;
}

}  // namespace recital::ingest

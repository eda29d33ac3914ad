// Footnotes: the numbered list at the end of a release (or in the middle of a PDF page) and
// the markers in the text that point to it. Markers come as "Secretary-General1",
// "Refugees,2", "Convention 1/", "Office[1]", "1951 Convention5", "of 19513" (1951 then 3),
// and in PDF extractions as bare numbers "Convention 3 and". Glued digits are only a marker
// when the footnote sequence allows it, so "resolution 1588" or "Add.1" stay text.
#include <algorithm>
#include <array>
#include <string>

#include "ingest/ingest_internal.h"
#include "ingest/lang_internal.h"

namespace recital::ingest {
namespace {

// Splits "A. Ibid., vol. 1. B." at ". " before a capital: the inline footnote block of a
// collapsed PDF page lists the numbers first, then the texts.
std::vector<std::string> SplitSentences(std::string_view s) {
  std::vector<std::string> out;
  size_t b = 0;
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] == '.' && s[i + 1] == ' ' && IsAsciiUpper(s[i + 2])) {
      out.emplace_back(Trim(s.substr(b, i + 1 - b)));
      b = i + 2;
    }
  }
  if (b < s.size()) out.emplace_back(Trim(s.substr(b)));
  return out;
}

// "[1] text [2] text" on one line.
bool ParseBracketed(std::string_view t, std::vector<Footnote>* notes) {
  if (t.empty() || t[0] != '[') return false;
  size_t i = 0;
  while (i < t.size() && t[i] == '[') {
    size_t k = i + 1;
    uint32_t n = 0;
    if (!ReadUint(t, &k, &n, 3) || k >= t.size() || t[k] != ']') return !notes->empty();
    const size_t next = t.find(" [", k);
    const size_t end = next == std::string_view::npos ? t.size() : next;
    notes->push_back({n, CollapseSpaces(t.substr(k + 1, end - k - 1))});
    i = end == t.size() ? end : end + 1;
  }
  return true;
}

// "1 2 3 4 5 text. text. ..." -> 5 notes when the texts split into exactly 5 sentences.
bool ParseNumbersFirst(std::string_view t, std::vector<Footnote>* notes) {
  std::vector<uint32_t> nums;
  size_t i = 0;
  while (i < t.size()) {
    size_t k = i;
    uint32_t n = 0;
    if (!ReadUint(t, &k, &n, 3) || (k < t.size() && t[k] != ' ')) break;
    if (!nums.empty() && n != nums.back() + 1) break;
    nums.push_back(n);
    i = k;
    while (i < t.size() && t[i] == ' ') ++i;
  }
  if (nums.size() < 2) return false;
  const std::vector<std::string> texts = SplitSentences(t.substr(i));
  if (texts.size() != nums.size()) return false;
  for (size_t k = 0; k < nums.size(); ++k) notes->push_back({nums[k], texts[k]});
  return true;
}

}  // namespace

std::vector<Footnote> ParseFootnoteList(const std::vector<std::string>& lines) {
  std::vector<Footnote> notes;
  bool open = false;  // a note is being continued
  for (const std::string& line : lines) {
    const std::string_view t = Trim(line);
    if (line == kPageBreak) {
      open = false;
      continue;
    }
    if (t.empty()) continue;
    if (ParseBracketed(t, &notes) || ParseNumbersFirst(t, &notes)) {
      open = false;
      continue;
    }
    size_t k = 0;
    uint32_t n = 0;
    const uint32_t expected = notes.empty() ? 0 : notes.back().number + 1;
    if (ReadUint(t, &k, &n, 3) && n > 0 && (expected == 0 || n == expected)) {
      if (k < t.size() && t[k] == '/') ++k;
      if (k == t.size() || t[k] == ' ') {
        notes.push_back({n, std::string(Trim(t.substr(k)))});
        open = true;
        continue;
      }
    }
    if (open && !notes.empty()) {
      std::string& text = notes.back().text;
      text = CollapseSpaces(text + " " + std::string(t));
    }
  }
  // A number alone on its line is followed by its text.
  notes.erase(std::remove_if(notes.begin(), notes.end(), [](const Footnote& f) { return f.text.empty(); }),
              notes.end());
  return notes;
}

namespace {

constexpr std::array<std::string_view, 20> kAbbreviations = {
    "No", "Nos", "no", "vol", "Vol", "para", "paras", "Add", "Corr", "Rev", "Res", "sect",
    "chap", "art", "p", "pp", "Suppl", "Ser", "Sales", "annex"};

constexpr std::array<std::string_view, 64> kNotBeforeMarker = {
    "of", "from", "to", "and", "or", "on", "by", "in", "at", "for", "with", "between", "than",
    "since", "until", "before", "after", "about", "over", "under", "the", "a", "an", "its",
    "their", "his", "her", "all", "some", "paragraph", "paragraphs", "para", "paras", "article",
    "articles", "chapter", "section", "annex", "resolution", "resolutions", "decision",
    "decisions", "no", "vol", "part", "principle", "rule", "goal", "goals", "target", "item",
    "items", "page", "last", "first", "next", "only", "least", "these", "those", "each",
    "every", "meeting", "session"};

constexpr std::array<std::string_view, 20> kNotAfterMarker = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "per", "percent", "years", "months", "days", "weeks",
    "million", "billion"};

bool InList(std::string_view w, const auto& list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool Boundary(std::string_view s, size_t i) {
  return i >= s.size() || s[i] == ' ' || s[i] == ',' || s[i] == ';' || s[i] == '.' || s[i] == ')' ||
         s[i] == ':';
}

// The word (letters, hyphens) ending at end.
std::string_view WordBefore(std::string_view s, size_t end) {
  size_t b = end;
  while (b > 0 && (IsAsciiAlpha(s[b - 1]) || s[b - 1] == '-')) --b;
  return s.substr(b, end - b);
}

bool Acceptable(uint32_t n, const MarkerState& st, bool allow_repeat) {
  if (n == 0 || n > 999) return false;
  if (!st.known.empty() && std::find(st.known.begin(), st.known.end(), n) == st.known.end() &&
      !(st.list_truncated && n > st.known.back())) {
    return false;
  }
  if (!st.any_seen) return n == 1 || st.mid_document || !st.known.empty();
  if (n == st.max_seen + 1) return true;
  return allow_repeat && n <= st.max_seen;
}

void Accept(uint32_t n, MarkerState* st, std::string* out, std::vector<FootnoteRef>* refs) {
  while (!out->empty() && out->back() == ' ') out->pop_back();
  refs->push_back({n, uint32_t(out->size())});
  st->max_seen = std::max(st->max_seen, n);
  st->any_seen = true;
}

bool IsQuoteOrCloser(std::string_view s, size_t i) {
  const char c = s[i];
  if (c == ',' || c == ';' || c == ':' || c == ')' || c == '"' || c == '\'') return true;
  // ” and ’ end in 0x9D / 0x99 (E2 80 9D / E2 80 99).
  return i >= 2 && static_cast<unsigned char>(s[i - 2]) == 0xE2 && static_cast<unsigned char>(s[i - 1]) == 0x80 &&
         (static_cast<unsigned char>(c) == 0x9D || static_cast<unsigned char>(c) == 0x99);
}

// Bare number marker "Convention 3 and" at s[i] (s[i-1] == ' '); its digit count or 0.
// Words of French, Spanish and Russian after which a number is text, not a marker ("de 18 de
// diciembre", "résolutions 2 (I)", "paragraphe 3", "пункт 5"), compared lower-cased.
constexpr std::array<std::string_view, 42> kIntlNotBeforeMarker = {
    "de", "du", "des", "le", "la", "les", "au", "aux", "en", "et", "ou", "sa", "ses", "son", "sur", "par",
    "el", "los", "las", "del", "al", "y", "o", "su", "sus", "por", "para", "con", "entre", "résolution",
    "résolutions", "resolución", "resoluciones", "paragraphe", "paragraphes", "párrafo", "párrafos",
    "article", "artículo", "point", "tema", "séance"};

// The other languages' rules on top of BareMarker's: a date or a resolution number ("2 (I)")
// starts at i, or a word of kIntlNotBeforeMarker (any script) stands before it.
bool IntlNumberIsText(std::string_view s, size_t i, Lang lang) {
  size_t end = 0;
  if (!ParseDateAtLang(s, i, &end, lang).empty()) return true;
  size_t k = i;
  uint32_t n = 0;
  if (ReadUint(s, &k, &n, 3) && s.substr(k).starts_with(" (")) return true;
  size_t e = i;
  while (e > 0 && s[e - 1] == ' ') --e;
  size_t b = e, start = e;
  while (b > 0 && IsWordCodePoint(CodePointBefore(s, b, &start))) b = start;
  // Lower-cased: Latin and Cyrillic letters keep their UTF-8 length (2 bytes) when lowered.
  std::string word;
  for (size_t j = b; j < e;) {
    size_t len = 0;
    const uint32_t cp = LowerCodePoint(CodePointAt(s, j, &len));
    if (cp < 0x80) {
      word += char(cp);
    } else if (cp < 0x800 && len == 2) {
      word += char(0xC0 | (cp >> 6));
      word += char(0x80 | (cp & 0x3F));
    } else {
      word.append(s.substr(j, len));
    }
    j += len;
  }
  return InList(std::string_view(word), kIntlNotBeforeMarker);
}

size_t BareMarker(std::string_view s, size_t i, const MarkerState& st, uint32_t* n) {
  size_t k = i;
  if (!ReadUint(s, &k, n, 2) || !Boundary(s, k) || i < 2) return 0;
  if (!Acceptable(*n, st, false)) return 0;
  if (!UsesEnglishRules(st.lang) && IntlNumberIsText(s, i, st.lang)) return 0;
  if (!st.any_seen && st.mid_document && *n > 30) return 0;
  const char prev = s[i - 2];
  if (IsAsciiDigit(prev)) {  // only after a year: "of 1969 1 and"
    size_t b = i - 1;
    while (b > 0 && IsAsciiDigit(s[b - 1])) --b;
    if (i - 1 - b != 4 || (b > 0 && s[b - 1] != ' ')) return 0;
  } else if (IsAsciiAlpha(prev)) {
    if (InList(AsciiLower(WordBefore(s, i - 1)), kNotBeforeMarker)) return 0;
  } else if (!IsQuoteOrCloser(s, i - 2)) {
    return 0;
  }
  size_t w = k;
  while (w < s.size() && s[w] == ' ') ++w;
  size_t we = w;
  while (we < s.size() && IsAsciiAlpha(s[we])) ++we;
  if (InList(s.substr(w, we - w), kNotAfterMarker)) return 0;
  if (w < s.size() && IsAsciiDigit(s[w])) return 0;
  return k - i;
}

// The characters ExtractMarkers looks at; every other one is copied unchanged.
bool IsMarkerRelevant(char c) {
  return IsAsciiDigit(c) || c == '[' || c == ' ' || c == ',' || c == ';' || c == '.' || c == ')' || c == ':';
}

}  // namespace

std::string ExtractMarkers(std::string_view s, MarkerState* st, std::vector<FootnoteRef>* refs) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    // Letters and most punctuation are copied as they are, run by run.
    size_t plain = i;
    while (plain < s.size() && !IsMarkerRelevant(s[plain])) ++plain;
    if (plain > i) {
      out.append(s.substr(i, plain - i));
      i = plain;
      if (i == s.size()) break;
    }
    const char c = s[i];
    uint32_t n = 0;
    // "[1]"
    if (c == '[') {
      size_t k = i + 1;
      if (ReadUint(s, &k, &n, 3) && k < s.size() && s[k] == ']' && Acceptable(n, *st, true)) {
        Accept(n, st, &out, refs);
        i = k + 1;
        continue;
      }
    }
    if (IsAsciiDigit(c) && i >= 2 && s[i - 1] == ' ') {
      // " 1/" (un.org)
      size_t k = i;
      if (ReadUint(s, &k, &n, 3) && k < s.size() && s[k] == '/' && Boundary(s, k + 1) &&
          n > 0 && (st->known.empty() || Acceptable(n, *st, true))) {
        Accept(n, st, &out, refs);
        i = k + 1;
        continue;
      }
      // "19513": a year with the marker glued to it.
      k = i;
      uint32_t run = 0;
      if (ReadUint(s, &k, &run, 6) && k - i >= 5 && Boundary(s, k) && st->any_seen) {
        const uint32_t year = uint32_t(std::stoul(std::string(s.substr(i, 4))));
        const uint32_t rest = uint32_t(std::stoul(std::string(s.substr(i + 4, k - i - 4))));
        if (year >= 1900 && year <= 2099 && s[i + 4] != '0' && rest == st->max_seen + 1 &&
            Acceptable(rest, *st, false)) {
          out.append(s.substr(i, 4));
          Accept(rest, st, &out, refs);
          i = k;
          continue;
        }
      }
      if (st->bare_numbers) {
        const size_t len = BareMarker(s, i, *st, &n);
        if (len > 0) {
          Accept(n, st, &out, refs);
          i += len;
          continue;
        }
      }
    }
    // Glued: "General1", "Refugees,2", "Convention”3".
    if (IsAsciiDigit(c) && i > 0 && !IsAsciiDigit(s[i - 1]) && s[i - 1] != ' ') {
      size_t k = i;
      if (ReadUint(s, &k, &n, 3) && Boundary(s, k)) {
        const char prev = s[i - 1];
        bool ok = false;
        if (IsAsciiAlpha(prev)) {
          const std::string_view w = WordBefore(s, i);
          size_t upper = 0;
          for (char x : w) upper += IsAsciiUpper(x);
          ok = !InList(w, kAbbreviations) && !(upper == w.size() && w.size() <= 5) &&
               !(w.size() >= 1 && i >= w.size() + 1 && s[i - w.size() - 1] == '/');
        } else if (prev == '.') {
          ok = i >= 2 && IsAsciiAlpha(s[i - 2]) && !InList(WordBefore(s, i - 1), kAbbreviations);
        } else if (IsQuoteOrCloser(s, i - 1)) {
          ok = !(i >= 2 && IsAsciiDigit(s[i - 2]) && prev == ',' && k - i == 3);  // "1,000"
        }
        if (ok && Acceptable(n, *st, true)) {
          Accept(n, st, &out, refs);
          i = k;
          continue;
        }
      }
    }
    if (c == ' ' && !out.empty() && out.back() == ' ') {
      ++i;
      continue;
    }
    if ((c == ',' || c == ';' || c == '.' || c == ')' || c == ':') && !out.empty() && out.back() == ' ' &&
        !refs->empty() && refs->back().byte_offset == out.size() - 1) {
      out.pop_back();
    }
    out += c;
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  // Offsets past the trimmed end point at the end.
  for (FootnoteRef& f : *refs)
    if (f.byte_offset > out.size()) f.byte_offset = uint32_t(out.size());
  return out;
}

}  // namespace recital::ingest

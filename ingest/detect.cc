// Layout and language detection. Layout only steers a few choices (how footnote markers are
// written); every parser stage copes with every layout.
#include <array>
#include <string>

#include "ingest/ingest_internal.h"
#include "ingest/lang_internal.h"

namespace recital::ingest {
namespace {

bool HasJobFooter(std::string_view t) {
  // "17-23328 (E)"
  for (size_t p = t.find("(E)"); p != std::string_view::npos; p = t.find("(E)", p + 1)) {
    if (p >= 9 && IsAsciiDigit(t[p - 2]) && t[p - 1] == ' ' && t[p - 7] == '-') return true;
  }
  return false;
}

size_t CountIndentedParagraphLines(std::string_view t) {
  size_t n = 0;
  for (size_t start = 0; start < t.size();) {
    size_t nl = t.find('\n', start);
    if (nl == std::string_view::npos) nl = t.size();
    const std::string_view line = t.substr(start, nl - start);
    if (line.starts_with("      ") && line.size() > 7 && IsAsciiUpper(line[6])) ++n;
    start = nl + 1;
  }
  return n;
}

// A word of at most 4 letters, lower-cased, packed into an integer (0 for longer words).
constexpr uint32_t Pack(std::string_view w) {
  if (w.empty() || w.size() > 4) return 0;
  uint32_t v = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = AsciiLower(w[i]);
    v |= uint32_t(static_cast<unsigned char>(c)) << (8 * i);
  }
  return v;
}

size_t CountSlashMarkers(std::string_view t) {
  size_t n = 0;
  for (size_t i = 1; i + 2 < t.size(); ++i) {
    if (t[i] == '/' && IsAsciiDigit(t[i - 1]) && (t[i + 1] == ' ' || t[i + 1] == '\n')) {
      size_t d = i;
      while (d > 0 && IsAsciiDigit(t[d - 1])) --d;
      if (d > 0 && t[d - 1] == ' ' && i - d <= 2) ++n;
    }
  }
  return n;
}

}  // namespace

std::string DetectLayout(std::string_view t) {
  if (t.find("<<ODS") != std::string_view::npos || t.find("[hj1]") != std::string_view::npos) {
    return "ods";
  }
  const std::string flat = CollapseSpaces(t);
  if (flat.find("Resolution adopted by the General Assembly on") != std::string::npos ||
      flat.find("Distr.: General") != std::string::npos || HasJobFooter(t)) {
    return "modern";
  }
  if (CountSlashMarkers(t) > 0 || CountIndentedParagraphLines(t) >= 3 ||
      flat.find("Distr. GENERAL") != std::string::npos) {
    return "unorg";
  }
  return "web";
}

namespace {

struct LatinCounts {
  size_t en = 0, fr = 0, es = 0;
};

// The frequent short function words of English, French and Spanish in t.
LatinCounts CountFunctionWords(std::string_view t) {
  static constexpr std::array<uint32_t, 8> kEn = {Pack("the"), Pack("of"), Pack("and"), Pack("to"),
                                                  Pack("that"), Pack("for"), Pack("with"), Pack("its")};
  static constexpr std::array<uint32_t, 8> kFr = {Pack("le"), Pack("la"), Pack("les"), Pack("des"),
                                                  Pack("et"), Pack("du"), Pack("pour"), Pack("dans")};
  static constexpr std::array<uint32_t, 8> kEs = {Pack("el"), Pack("los"), Pack("las"), Pack("del"),
                                                  Pack("y"), Pack("por"), Pack("con"), Pack("para")};
  size_t en = 0, fr = 0, es = 0;
  size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && !IsAsciiAlpha(t[i])) ++i;
    const size_t b = i;
    while (i < t.size() && IsAsciiAlpha(t[i])) ++i;
    const uint32_t w = Pack(t.substr(b, i - b));
    if (w == 0) continue;
    for (uint32_t k : kEn) en += (w == k);
    for (uint32_t k : kFr) fr += (w == k);
    for (uint32_t k : kEs) es += (w == k);
  }
  return {en, fr, es};
}

// The Latin-script language by function words (the decision Recital always made for Latin
// text): "" when none has 5.
std::string LatinLanguage(const LatinCounts& c) {
  if (c.en < 5 && c.fr < 5 && c.es < 5) return "";
  if (c.en >= c.fr && c.en >= c.es) return "en";
  return c.fr >= c.es ? "fr" : "es";
}

struct ScriptCounts {
  size_t latin_words = 0;     // runs of ASCII/Latin-1 letters of 2 or more
  size_t cyrillic_words = 0;
  size_t arabic_words = 0;
  size_t han = 0;             // characters
};

ScriptCounts CountScripts(std::string_view t) {
  ScriptCounts c;
  enum { kNone, kLatin, kCyrillic, kArabic } run = kNone;
  size_t run_letters = 0;
  auto end_run = [&] {
    if (run == kLatin && run_letters >= 2) ++c.latin_words;
    if (run == kCyrillic) ++c.cyrillic_words;
    if (run == kArabic) ++c.arabic_words;
    run = kNone;
    run_letters = 0;
  };
  for (size_t i = 0; i < t.size();) {
    if (static_cast<unsigned char>(t[i]) < 0x80) {  // ASCII, most of every Latin text
      if (IsAsciiAlpha(t[i])) {
        if (run != kLatin) end_run(), run = kLatin;
        ++run_letters;
      } else {
        end_run();
      }
      ++i;
      continue;
    }
    size_t len = 0;
    const uint32_t cp = CodePointAt(t, i, &len);
    i += len;
    const auto kind = IsCyrillic(cp) ? kCyrillic : IsArabicLetter(cp) ? kArabic
                      : (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ? kLatin : kNone;
    if (IsHan(cp)) {
      end_run();
      ++c.han;
    } else if (kind == kNone) {
      if (cp != 0x640 && !(cp >= 0x64B && cp <= 0x65F)) end_run();  // tatweel, harakat inside words
    } else {
      if (run != kind) end_run(), run = kind;
      ++run_letters;
    }
  }
  end_run();
  return c;
}

// The script language's letters at cp (Arabic, Cyrillic or Han).
bool IsScriptOf(uint32_t cp, Lang lang) {
  return lang == Lang::kAr ? IsArabicLetter(cp) : lang == Lang::kRu ? IsCyrillic(cp) : IsHan(cp);
}

// Lines that hold an English segment and, glued after it, its translation in lang.
size_t CountBitextLines(std::string_view t, Lang lang) {
  size_t n = 0;
  for (const std::string& line : SplitLines(t)) {
    size_t first = std::string::npos, latin_words = 0, run = 0;
    for (size_t i = 0; i < line.size();) {
      size_t len = 0;
      const uint32_t cp = CodePointAt(line, i, &len);
      if (IsScriptOf(cp, lang)) {
        first = i;
        break;
      }
      if (cp < 0x80 && IsAsciiAlpha(char(cp))) {
        ++run;
      } else {
        latin_words += run >= 2;
        run = 0;
      }
      i += len;
    }
    latin_words += run >= 2;
    if (first != std::string::npos && latin_words >= 2) ++n;
  }
  return n;
}

}  // namespace

LanguageGuess GuessLanguage(std::string_view t) {
  LanguageGuess g;
  const ScriptCounts s = CountScripts(t);
  const LatinCounts latin = CountFunctionWords(t);
  struct Score {
    Lang lang;
    const char* code;
    size_t words;
  };
  const Score scripts[] = {{Lang::kRu, "ru", s.cyrillic_words}, {Lang::kAr, "ar", s.arabic_words},
                           {Lang::kZh, "zh", s.han / 2}};
  const Score* best = &scripts[0];
  for (const Score& x : scripts)
    if (x.words > best->words) best = &x;
  const std::string latin_code = LatinLanguage(latin);
  if (best->words > 0 && best->words * 3 >= s.latin_words && CountBitextLines(t, best->lang) >= 3) {
    g.code = best->code;
    g.also = latin_code.empty() ? "en" : latin_code;
    g.bitext = true;
    return g;
  }
  if (best->words <= s.latin_words || best->words < 5) {
    // Latin script: English, French or Spanish by function words.
    g.code = latin_code;
    if (best->words >= 5 && best->words * 3 >= s.latin_words) g.also = best->code;
    const size_t counts[] = {latin.en, latin.fr, latin.es};
    const char* codes[] = {"en", "fr", "es"};
    for (size_t k = 0; k < 3 && !g.code.empty() && g.also.empty(); ++k) {
      const size_t winner = g.code == "en" ? latin.en : g.code == "fr" ? latin.fr : latin.es;
      if (codes[k] != g.code && counts[k] >= 10 && counts[k] * 2 >= winner) g.also = codes[k];
    }
    return g;
  }
  g.code = best->code;
  for (const Score& x : scripts) {
    if (&x != best && x.words * 3 >= best->words && x.words >= 5) g.also = x.code;
  }
  if (g.also.empty() && s.latin_words >= 5 && s.latin_words * 3 >= best->words) {
    g.also = latin_code.empty() ? "en" : latin_code;
  }
  return g;
}

std::string DetectLanguage(std::string_view t) { return GuessLanguage(t).code; }

Lang LangFromCode(std::string_view code) {
  if (code == "en") return Lang::kEn;
  if (code == "fr") return Lang::kFr;
  if (code == "es") return Lang::kEs;
  if (code == "ru") return Lang::kRu;
  if (code == "zh") return Lang::kZh;
  if (code == "ar") return Lang::kAr;
  return Lang::kUnknown;
}


}  // namespace recital::ingest

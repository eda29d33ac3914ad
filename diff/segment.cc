// Word boundaries inside a run of non-ASCII word bytes. Tokenize (words.cc) and TechnicalTokens
// (technical.cc) cut text at ASCII spaces and punctuation and keep every run of letters, digits
// and non-ASCII bytes whole: right for the Latin and Cyrillic scripts, and for Arabic, whose
// words are separated by spaces. Chinese puts no space between words, so a whole clause
// ("回顾其1993年12月16日第48/113号决议，") would be one token, the word diff would replace it
// whole and similarity would see one word per clause. Runs that hold such text, or punctuation
// of the other scripts glued to a word (the full-width "，" "。", Arabic "،" "؛", guillemets),
// are cut at ICU's word boundaries (dictionary-based for Chinese). Every other run is left whole,
// exactly as before, so English wordings tokenize as they always did.
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <memory>

#include "diff/internal.h"

namespace recital::diff_internal {
namespace {

// The code point at s[i] (*len its bytes); 0xFFFD and 1 on a broken sequence.
char32_t CodePointAt(std::string_view s, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  const size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) {
    *len = 1;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? b : b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  *len = n;
  return cp;
}

bool In(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

// Scripts written without spaces between words, and punctuation of other scripts that a
// word-byte run would otherwise swallow.
bool NeedsWordBreaks(char32_t cp) {
  return In(cp, 0x2E80, 0x9FFF) ||                      // CJK radicals, punctuation, kana, ideographs
         In(cp, 0xAC00, 0xD7AF) ||                      // Hangul
         In(cp, 0xF900, 0xFAFF) || In(cp, 0xFE30, 0xFE4F) ||  // compatibility ideographs, forms
         In(cp, 0xFF00, 0xFFEF) ||                      // full-width forms
         In(cp, 0x20000, 0x2FFFF) ||                    // ideographs, extensions B on
         In(cp, 0x0E00, 0x0EFF) ||                      // Thai, Lao
         cp == 0x060C || cp == 0x061B || cp == 0x061F || In(cp, 0x066A, 0x066D) || cp == 0x06D4 ||
         cp == 0x00AB || cp == 0x00BB;                  // « »
}

struct BreakIteratorCloser {
  void operator()(UBreakIterator* b) const { ubrk_close(b); }
};
struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

// One word break iterator per thread (opening one loads ICU's rules and dictionaries).
UBreakIterator* WordBreaker() {
  thread_local std::unique_ptr<UBreakIterator, BreakIteratorCloser> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator* b = ubrk_open(UBRK_WORD, "zh", nullptr, 0, &status);
    if (U_FAILURE(status)) {
      if (b != nullptr) ubrk_close(b);
      b = nullptr;
    }
    return std::unique_ptr<UBreakIterator, BreakIteratorCloser>(b);
  }();
  return iterator.get();
}

// ICU's word boundaries of run; false (nothing appended) when ICU fails.
bool AppendIcuPieces(std::string_view run, std::vector<WordPiece>* out) {
  UBreakIterator* breaker = WordBreaker();
  if (breaker == nullptr) return false;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> text(
      utext_openUTF8(nullptr, run.data(), static_cast<int64_t>(run.size()), &status));
  if (U_FAILURE(status)) return false;
  ubrk_setUText(breaker, text.get(), &status);
  if (U_FAILURE(status)) return false;
  const size_t first = out->size();
  int32_t begin = ubrk_first(breaker);
  for (int32_t end = ubrk_next(breaker); end != UBRK_DONE; begin = end, end = ubrk_next(breaker)) {
    if (end <= begin || static_cast<size_t>(end) > run.size()) {
      out->resize(first);
      return false;
    }
    // Rule status UBRK_WORD_NONE: punctuation and symbols; anything else is a word.
    const bool word = ubrk_getRuleStatus(breaker) >= UBRK_WORD_NONE_LIMIT;
    out->push_back({run.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin)), word});
  }
  // The iterator must not keep pointing into run once it is gone.
  static const UChar kEmpty[1] = {0};
  ubrk_setText(breaker, kEmpty, 0, &status);
  return true;
}

}  // namespace

void AppendWordRun(std::string_view run, std::vector<WordPiece>* out) {
  bool needs_breaks = false;
  for (size_t i = 0; i < run.size() && !needs_breaks;) {
    if (static_cast<unsigned char>(run[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    needs_breaks = NeedsWordBreaks(CodePointAt(run, i, &len));
    i += len;
  }
  if (!needs_breaks || !AppendIcuPieces(run, out)) out->push_back({run, true});
}

}  // namespace recital::diff_internal

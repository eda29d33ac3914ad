// Layout and language detection. Layout only steers a few choices (how footnote markers are
// written); every parser stage copes with every layout.
#include <array>
#include <string>

#include "ingest/ingest_internal.h"

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
  for (const std::string& line : SplitLines(t)) {
    if (StartsWith(line, "      ") && line.size() > 7 && IsAsciiUpper(line[6])) ++n;
  }
  return n;
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

std::string DetectLanguage(std::string_view t) {
  static constexpr std::array<std::string_view, 8> kEn = {"the", "of", "and", "to", "that", "for", "with", "its"};
  static constexpr std::array<std::string_view, 8> kFr = {"le", "la", "les", "des", "et", "du", "pour", "dans"};
  static constexpr std::array<std::string_view, 8> kEs = {"el", "los", "las", "del", "y", "por", "con", "para"};
  size_t en = 0, fr = 0, es = 0;
  size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && !IsAsciiAlpha(t[i])) ++i;
    const size_t b = i;
    while (i < t.size() && IsAsciiAlpha(t[i])) ++i;
    const std::string w = ToLowerAscii(t.substr(b, i - b));
    for (auto k : kEn) en += (w == k);
    for (auto k : kFr) fr += (w == k);
    for (auto k : kEs) es += (w == k);
  }
  if (en < 5 && fr < 5 && es < 5) return "";
  if (en >= fr && en >= es) return "en";
  return fr >= es ? "fr" : "es";
}

}  // namespace recital::ingest

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

std::string DetectLanguage(std::string_view t) {
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
  if (en < 5 && fr < 5 && es < 5) return "";
  if (en >= fr && en >= es) return "en";
  return fr >= es ? "fr" : "es";
}

}  // namespace recital::ingest

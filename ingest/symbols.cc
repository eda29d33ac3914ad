// Where a release writes its own symbol. The symbol grammar itself (forms, Roman sessions,
// canonical text) is schema/symbol.h; this file only knows where to look.
#include <string>

#include "ingest/ingest_internal.h"
#include "schema/symbol.h"

namespace recital::ingest {
namespace {

SymbolMatch Match(const SymbolInText& found, size_t pos) {
  SymbolMatch m;
  m.symbol = found.symbol.ToString();
  m.session = found.symbol.session;
  m.number = found.symbol.number;
  m.pos = pos;
  return m;
}

// "51/70" at s[i] (session 1..200, number 1..9999), not glued to a digit or '/' before it.
std::optional<SymbolInText> ReadSessionNumber(std::string_view s, size_t i) {
  if (i > 0 && (IsAsciiDigit(s[i - 1]) || s[i - 1] == '/')) return std::nullopt;
  auto found = ReadResolutionSymbol(s, i, SymbolForm::kShort);
  if (!found || found->symbol.kind != SymbolKind::kResolution || found->symbol.session > 200 ||
      found->symbol.number >= 10000) {
    return std::nullopt;
  }
  return found;
}

}  // namespace

SymbolMatch FindResolutionSymbol(std::string_view s, size_t from) {
  for (size_t p = s.find("A/RES/", from); p != std::string_view::npos;
       p = s.find("A/RES/", p + 1)) {
    if (auto found = ReadResolutionSymbol(s, p, SymbolForm::kFull)) return Match(*found, p);
  }
  return {};
}

SymbolMatch FindSiteSymbol(std::string_view c) {
  // Citation lines of law libraries: "G.A. res. 51/70".
  for (size_t p = c.find("G.A. res. "); p != std::string_view::npos; p = c.find("G.A. res. ", p + 1)) {
    if (auto found = ReadSessionNumber(c, p + 10)) return Match(*found, p);
  }
  // "UN Resolution 57/302", "General Assembly resolution 51/77", "Resolution Nº ...".
  const std::string lower = AsciiLower(c);
  for (size_t p = lower.find("resolution "); p != std::string::npos;
       p = lower.find("resolution ", p + 1)) {
    if (auto found = ReadSessionNumber(c, p + 11)) return Match(*found, p);
  }
  // un.org file names: "A36r125".
  for (size_t p = 0; p + 4 < c.size(); ++p) {
    if (c[p] != 'A' || (p > 0 && IsAsciiAlpha(c[p - 1]))) continue;
    size_t i = p + 1;
    uint32_t a = 0, b = 0;
    if (!ReadUint(c, &i, &a) || a == 0 || a > 200 || i >= c.size() || c[i] != 'r') continue;
    ++i;
    if (ReadUint(c, &i, &b) && b > 0 && (i >= c.size() || !IsAsciiAlpha(c[i]))) {
      return Match({ResolutionSymbol(a, b), i}, p);
    }
  }
  // Old style written as "2294 (XXII)" on its own.
  for (size_t p = c.find(" ("); p != std::string_view::npos; p = c.find(" (", p + 1)) {
    size_t d = p;
    while (d > 0 && IsAsciiDigit(c[d - 1])) --d;
    if (d == p || p - d > 4 || (d > 0 && !IsAsciiSpace(c[d - 1]))) continue;
    if (d >= 11 && AsciiLower(c.substr(d - 11, 11)) == "resolution ") continue;
    auto found = ReadResolutionSymbol(c, d, SymbolForm::kShort);
    if (found && found->symbol.kind == SymbolKind::kOldResolution) return Match(*found, d);
  }
  return {};
}

}  // namespace recital::ingest

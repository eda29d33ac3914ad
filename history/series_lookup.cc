// What a SERIES|SYMBOL argument names, and --from/--to bounds within a series.
#include <algorithm>

#include "history/history.h"
#include "schema/strings.h"
#include "schema/symbol.h"

namespace recital::history {
namespace {

// Session of a series member, from the document index (no record decoding).
Result<uint32_t> SessionOf(const store::Archive& archive, const std::string& symbol) {
  auto doc = archive.GetDocument(symbol);
  if (!doc.ok()) return doc.status();
  return doc->current().session;
}

// A --from/--to bound (non-empty) as a session number.
Result<uint32_t> BoundSession(const store::Archive& archive, const Series& series,
                              const std::string& bound) {
  if (AllAsciiDigits(bound) && bound.size() <= 4) return static_cast<uint32_t>(std::stoul(bound));
  std::string symbol = NormalizeSymbol(bound);
  if (std::find(series.symbols.begin(), series.symbols.end(), symbol) == series.symbols.end()) {
    return Status::InvalidInput("'" + bound +
                                "' is neither a session number nor a member of "
                                "the series '" +
                                series.name + "'");
  }
  return SessionOf(archive, symbol);
}

}  // namespace

Result<Series> ResolveSeriesArg(const store::Archive& archive, std::string_view arg) {
  const std::string symbol = NormalizeSymbol(arg);
  if (archive.GetDocument(symbol).ok()) return SeriesOfSymbol(archive, symbol);
  auto all = ArchiveSeries(archive);
  if (!all.ok()) return all.status();
  const std::string lower = AsciiLower(arg);
  for (const Series& s : *all) {
    if (s.key == arg) return s;
    if (std::find(s.symbols.begin(), s.symbols.end(), symbol) != s.symbols.end()) return s;
  }
  const Series* prefix_match = nullptr;
  size_t prefix_matches = 0;
  for (const Series& s : *all) {
    std::string name = AsciiLower(s.name);
    if (name == lower) return s;
    if (!lower.empty() && name.rfind(lower, 0) == 0) {
      prefix_match = &s;
      ++prefix_matches;
    }
  }
  if (prefix_matches == 1) return *prefix_match;
  if (prefix_matches > 1) {
    return Status::InvalidInput("'" + std::string(arg) + "' is the beginning of " +
                                std::to_string(prefix_matches) +
                                " series names; give more of the name, a series key or a symbol");
  }
  return Status::NotFound("no series or document '" + std::string(arg) +
                          "' in the archive (give a symbol such as A/RES/54/144, a series key "
                          "or a series name; `recital ls` lists the documents)");
}

Result<Series> SliceSeries(const store::Archive& archive, const Series& series,
                           const std::string& from, const std::string& to) {
  if (from.empty() && to.empty()) return series;
  uint32_t lo = 0, hi = UINT32_MAX;
  if (!from.empty()) {
    auto b = BoundSession(archive, series, from);
    if (!b.ok()) return b.status();
    lo = *b;
  }
  if (!to.empty()) {
    auto b = BoundSession(archive, series, to);
    if (!b.ok()) return b.status();
    hi = *b;
  }
  Series out = series;
  out.symbols.clear();
  for (const std::string& sym : series.symbols) {
    auto session = SessionOf(archive, sym);
    if (!session.ok()) return session.status();
    if (*session >= lo && *session <= hi) out.symbols.push_back(sym);
  }
  if (out.symbols.empty()) {
    return Status::InvalidInput("no session of the series '" + series.name + "' lies between " +
                                (from.empty() ? "its start" : from) + " and " +
                                (to.empty() ? "its end" : to));
  }
  return out;
}

}  // namespace recital::history

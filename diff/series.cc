// Follow-up series: union of same-title members and recall chains, then user corrections.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "diff/internal.h"
#include "schema/symbol.h"

namespace recital {

namespace {

// Resolutions a recalling paragraph names in the short form: "48/113" -> "A/RES/48/113",
// "2957 (XXVII)" -> "A/RES/2957(XXVII)" (schema/symbol.h reads them). A session of at most two
// digits keeps ECOSOC's "1995/55" out; "54/12/Add.1" is a document, not a resolution.
std::vector<std::string> ResolutionNumbers(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsAsciiDigit(text[i]) || (i > 0 && (IsAsciiDigit(text[i - 1]) || text[i - 1] == '/'))) {
      continue;
    }
    auto found = ReadResolutionSymbol(text, i, SymbolForm::kShort);
    if (!found) continue;
    const Symbol& sym = found->symbol;
    const bool modern = sym.kind == SymbolKind::kResolution && sym.session < 100 &&
                        (found->end >= text.size() || text[found->end] != '/');
    // Old style only as citations write it, "2957 (XXVII)": three digits or more, a space.
    const bool old = sym.kind == SymbolKind::kOldResolution && sym.number >= 100 &&
                     text.substr(i, found->end - i).find(" (") != std::string_view::npos;
    if (!modern && !old) continue;
    out.push_back(sym.ToString());
    i = found->end;
  }
  return out;
}

struct UnionFind {
  std::vector<size_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Join(size_t a, size_t b) { parent[Find(a)] = Find(b); }
};

}  // namespace

SeriesMember SeriesMemberFromResolution(const Resolution& r) {
  SeriesMember m;
  m.symbol = r.symbol;
  m.session = r.session;
  m.title = r.title;
  m.agenda_items = r.agenda_items;
  for (const Paragraph& p : r.preamble) {
    std::string lower = AsciiLower(p.text);
    if (lower.find("its resolution") == std::string::npos) continue;
    for (std::string& s : ResolutionNumbers(p.text)) m.recalls.push_back(std::move(s));
  }
  if (m.recalls.empty()) {
    for (const Citation& c : r.citations) m.recalls.push_back(c.symbol);
  }
  return m;
}

std::string NormalizeTitle(std::string_view title) {
  static const std::set<std::string> kDrop = {"the", "of", "and", "a", "an", "to", "in", "on",
                                              "for", "by", "with"};
  std::string out;
  for (std::string_view tok : Tokenize(title)) {
    if (!IsWordByte(tok.front())) continue;
    std::string w = AsciiLower(tok);
    if (kDrop.count(w)) continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::vector<Series> DetectSeries(const std::vector<SeriesMember>& members,
                                 const SeriesOverrides& overrides) {
  // Unique members by symbol (the first occurrence wins).
  std::vector<const SeriesMember*> ms;
  std::map<std::string, size_t> by_symbol;
  for (const SeriesMember& m : members) {
    if (m.symbol.empty() || by_symbol.count(m.symbol)) continue;
    by_symbol[m.symbol] = ms.size();
    ms.push_back(&m);
  }
  std::set<std::string> split_out(overrides.split_out.begin(), overrides.split_out.end());
  UnionFind uf(ms.size());
  std::map<std::string, size_t> by_title;
  for (size_t i = 0; i < ms.size(); ++i) {
    if (split_out.count(ms[i]->symbol)) continue;
    std::string t = NormalizeTitle(ms[i]->title);
    if (t.empty()) continue;
    auto [it, inserted] = by_title.emplace(t, i);
    if (!inserted) uf.Join(i, it->second);
  }
  for (size_t i = 0; i < ms.size(); ++i) {
    if (split_out.count(ms[i]->symbol)) continue;
    for (const std::string& r : ms[i]->recalls) {
      auto it = by_symbol.find(r);
      if (it == by_symbol.end() || it->second == i || split_out.count(r)) continue;
      const SeriesMember& old = *ms[it->second];
      if (ms[i]->session != 0 && old.session != 0 && old.session >= ms[i]->session) continue;
      uf.Join(i, it->second);
    }
  }
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < ms.size(); ++i) groups[uf.Find(i)].push_back(i);

  auto earlier = [&](size_t x, size_t y) {
    if (ms[x]->session != ms[y]->session) return ms[x]->session < ms[y]->session;
    return ms[x]->symbol < ms[y]->symbol;
  };
  std::vector<std::vector<size_t>> sets;
  for (auto& [root, v] : groups) {
    std::sort(v.begin(), v.end(), earlier);
    sets.push_back(std::move(v));
  }
  auto key_of = [&](const std::vector<size_t>& v) {
    return "s-" + HashBytes(ms[v.front()]->symbol).ToHex().substr(0, 12);
  };
  // User joins, applied in order; keys are those of the detected grouping.
  for (const auto& [ka, kb] : overrides.joins) {
    auto find = [&](const std::string& k) {
      for (size_t s = 0; s < sets.size(); ++s)
        if (!sets[s].empty() && key_of(sets[s]) == k) return static_cast<long>(s);
      return -1L;
    };
    long a = find(ka), b = find(kb);
    if (a < 0 || b < 0 || a == b) continue;
    std::vector<size_t> merged = sets[static_cast<size_t>(a)];
    merged.insert(merged.end(), sets[static_cast<size_t>(b)].begin(),
                  sets[static_cast<size_t>(b)].end());
    std::sort(merged.begin(), merged.end(), earlier);
    sets[static_cast<size_t>(a)] = std::move(merged);
    sets[static_cast<size_t>(b)].clear();
  }
  std::map<std::string, std::string> names(overrides.names.begin(), overrides.names.end());
  std::vector<Series> out;
  for (const auto& v : sets) {
    if (v.empty()) continue;
    Series s;
    s.key = key_of(v);
    for (size_t i : v) s.symbols.push_back(ms[i]->symbol);
    for (auto it = v.rbegin(); it != v.rend() && s.name.empty(); ++it) s.name = ms[*it]->title;
    if (s.name.empty()) s.name = ms[v.back()]->symbol;
    if (auto n = names.find(s.key); n != names.end()) s.name = n->second;
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [&](const Series& x, const Series& y) {
    const SeriesMember& a = *ms[by_symbol[x.symbols.front()]];
    const SeriesMember& b = *ms[by_symbol[y.symbols.front()]];
    if (a.session != b.session) return a.session < b.session;
    return x.key < y.key;
  });
  return out;
}

}  // namespace recital

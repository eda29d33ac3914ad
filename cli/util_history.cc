#include "cli/util_history.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "cli/render_diff.h"

namespace recital::cli {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Session of a series member, from the document index (no record decoding).
Result<uint32_t> SessionOf(const store::Archive& archive, const std::string& symbol) {
  auto doc = archive.GetDocument(symbol);
  if (!doc.ok()) return doc.status();
  return doc->newest().session;
}

// A --from/--to bound as a session number; 0 with *open = true when empty.
Result<uint32_t> BoundSession(const store::Archive& archive, const Series& series,
                              const std::string& bound) {
  if (AllDigits(bound) && bound.size() <= 4) return static_cast<uint32_t>(std::stoul(bound));
  std::string symbol = NormalizeSymbolArg(bound);
  if (std::find(series.symbols.begin(), series.symbols.end(), symbol) == series.symbols.end()) {
    return Status::InvalidInput("'" + bound + "' is neither a session number nor a member of "
                                "the series '" + series.name + "'");
  }
  return SessionOf(archive, symbol);
}

}  // namespace

std::string NormalizeSymbolArg(std::string_view arg) {
  std::string s(arg);
  std::string lower = Lower(s);
  if (lower.rfind("a/res/", 0) == 0) return "A/RES/" + s.substr(6);
  // "54/144" or "2957(XXVII)": a resolution number without the A/RES/ prefix.
  size_t slash = s.find('/');
  if (slash != std::string::npos && AllDigits(s.substr(0, slash)) &&
      AllDigits(s.substr(slash + 1))) {
    return "A/RES/" + s;
  }
  size_t paren = s.find('(');
  if (paren != std::string::npos && paren > 0 && AllDigits(s.substr(0, paren)) &&
      s.back() == ')') {
    return "A/RES/" + s;
  }
  return s;
}

std::string ShortSymbol(std::string_view symbol) {
  if (symbol.rfind("A/RES/", 0) == 0) return std::string(symbol.substr(6));
  return std::string(symbol);
}

Result<SeriesOverrides> LoadSeriesOverrides(const store::Archive& archive) {
  SeriesOverrides o;
  auto settings = archive.ListSettings("series/");
  if (!settings.ok()) return settings.status();
  for (const auto& [key, value] : *settings) {
    if (key.rfind("series/name/", 0) == 0) {
      o.names.emplace_back(key.substr(12), value);
    } else if (key.rfind("series/join/", 0) == 0) {
      o.joins.emplace_back(key.substr(12), value);
    } else if (key.rfind("series/split/", 0) == 0) {
      o.split_out.push_back(key.substr(13));
    }
  }
  return o;
}

Result<std::vector<Series>> ArchiveSeries(const store::Archive& archive) {
  auto overrides = LoadSeriesOverrides(archive);
  if (!overrides.ok()) return overrides.status();
  std::vector<SeriesMember> members;
  Status st = archive.ForEachResolution([&](const store::Document&, const Resolution& r) {
    members.push_back(SeriesMemberFromResolution(r));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return DetectSeries(members, *overrides);
}

Result<std::unique_ptr<SeriesFinder>> SeriesFinder::Create(const store::Archive& archive) {
  auto overrides = LoadSeriesOverrides(archive);
  if (!overrides.ok()) return overrides.status();
  std::unique_ptr<SeriesFinder> f(new SeriesFinder(archive));
  f->overrides_ = std::move(overrides).value();
  if (!f->overrides_.joins.empty()) {
    // Joins name series by the keys of the whole archive's grouping: detect them all.
    auto all = ArchiveSeries(archive);
    if (!all.ok()) return all.status();
    for (Series& s : *all) f->Remember(std::move(s));
    return f;
  }
  auto docs = archive.ListDocuments();
  if (!docs.ok()) return docs.status();
  // Titles repeat across a series: normalise each distinct title once.
  std::unordered_map<std::string, uint32_t> by_raw, by_norm;
  f->title_id_.reserve(docs->size());
  for (const store::Document& d : *docs) {
    auto [raw, fresh] = by_raw.try_emplace(d.newest().title, kNoTitle);
    if (fresh) {
      std::string t = NormalizeTitle(raw->first);
      if (!t.empty()) {
        auto [norm, new_norm] = by_norm.try_emplace(std::move(t), f->mates_.size());
        if (new_norm) f->mates_.emplace_back();
        raw->second = norm->second;
      }
    }
    f->title_id_.emplace(d.symbol, raw->second);
    if (raw->second != kNoTitle) f->mates_[raw->second].push_back(d.symbol);
  }
  return f;
}

void SeriesFinder::Remember(Series s) {
  size_t index = found_.size();
  for (const std::string& sym : s.symbols) series_of_.emplace(sym, index);
  found_.push_back(std::move(s));
}

Result<Series> SeriesFinder::Find(const std::string& symbol) {
  if (auto it = series_of_.find(symbol); it != series_of_.end()) return found_[it->second];
  if (!title_id_.count(symbol)) return Status::NotFound("no document " + symbol + " in the archive");
  // The symbol's series is a connected component of the graph DetectSeries builds (same
  // normalised title; a recall of an earlier member). The expanded documents are closed under
  // those edges: every title-mate and recalled symbol of an expanded document is expanded, and
  // a document citing it (citations are a superset of recalls) is decoded and expanded only
  // when it recalls it. A citing document that does not is left out: no edge joins it to an
  // expanded document (that edge would have expanded it), so detection over the expanded
  // documents groups them exactly as over the whole archive, without following citations
  // into unrelated series.
  std::map<std::string, SeriesMember> decoded;
  auto member = [&](const std::string& s) -> Result<const SeriesMember*> {
    auto it = decoded.find(s);
    if (it == decoded.end()) {
      auto r = archive_.GetResolution(s);
      if (!r.ok()) return r.status();
      it = decoded.emplace(s, SeriesMemberFromResolution(*r)).first;
      if (keep_records_) records_.emplace(s, std::move(r).value());
    }
    return &it->second;
  };
  std::set<std::string> expanded{symbol};
  std::vector<std::string> todo{symbol};
  auto expand = [&](const std::string& s) {
    if (title_id_.count(s) && expanded.insert(s).second) todo.push_back(s);
  };
  while (!todo.empty()) {
    std::string s = std::move(todo.back());
    todo.pop_back();
    auto m = member(s);
    if (!m.ok()) return m.status();
    for (const std::string& recalled : (*m)->recalls) expand(recalled);
    if (uint32_t t = title_id_.at(s); t != kNoTitle) {
      for (const std::string& same : mates_[t]) expand(same);
    }
    auto citing = archive_.CitedBy(s);
    if (!citing.ok()) return citing.status();
    for (const std::string& c : *citing) {
      if (expanded.count(c) || !title_id_.count(c)) continue;
      auto cm = member(c);
      if (!cm.ok()) return cm.status();
      const std::vector<std::string>& recalls = (*cm)->recalls;
      if (std::find(recalls.begin(), recalls.end(), s) != recalls.end()) expand(c);
    }
  }
  std::vector<SeriesMember> members;
  members.reserve(expanded.size());
  for (const std::string& s : expanded) members.push_back(std::move(decoded.at(s)));
  // Every series of the expanded documents is complete (they are closed under the edges).
  for (Series& s : DetectSeries(members, overrides_)) {
    if (!series_of_.count(s.symbols.front())) Remember(std::move(s));
  }
  if (auto it = series_of_.find(symbol); it != series_of_.end()) return found_[it->second];
  return Status::Internal("series detection lost " + symbol);
}

std::optional<Resolution> SeriesFinder::TakeRecord(const std::string& symbol) {
  auto it = records_.find(symbol);
  if (it == records_.end()) return std::nullopt;
  std::optional<Resolution> r(std::move(it->second));
  records_.erase(it);
  return r;
}

Result<Series> SeriesOfSymbol(const store::Archive& archive, const std::string& symbol) {
  auto finder = SeriesFinder::Create(archive);
  if (!finder.ok()) return finder.status();
  return (*finder)->Find(symbol);
}

Result<Series> ResolveSeriesArg(const store::Archive& archive, std::string_view arg) {
  const std::string sym = NormalizeSymbolArg(arg);
  if (archive.GetDocument(sym).ok()) return SeriesOfSymbol(archive, sym);
  auto all = ArchiveSeries(archive);
  if (!all.ok()) return all.status();
  const std::string symbol = NormalizeSymbolArg(arg);
  const std::string lower = Lower(arg);
  for (const Series& s : *all) {
    if (s.key == arg) return s;
    if (std::find(s.symbols.begin(), s.symbols.end(), symbol) != s.symbols.end()) return s;
  }
  const Series* prefix_match = nullptr;
  size_t prefix_matches = 0;
  for (const Series& s : *all) {
    std::string name = Lower(s.name);
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

Result<SeriesHistory> LoadSeriesHistory(const store::Archive& archive, const Series& series,
                                        SeriesFinder* records_from, bool with_diffs) {
  SeriesHistory h;
  h.series = series;
  h.records.reserve(series.symbols.size());
  for (const std::string& sym : series.symbols) {
    if (records_from) {
      if (std::optional<Resolution> kept = records_from->TakeRecord(sym)) {
        h.records.push_back(std::move(*kept));
        continue;
      }
    }
    auto r = archive.GetResolution(sym);
    if (!r.ok()) return r.status();
    h.records.push_back(std::move(r).value());
  }
  for (size_t i = 1; with_diffs && i < h.records.size(); ++i) {
    h.diffs.push_back(DiffResolutions(h.records[i - 1], h.records[i]));
  }
  return h;
}

std::vector<BlameParagraph> BlameLast(const SeriesHistory& history) {
  std::vector<BlameParagraph> out;
  if (history.records.empty()) return out;
  const size_t last = history.records.size() - 1;
  const Resolution& r = history.records[last];
  // One walk per paragraph of the last record: chain[0] is the current wording; each entry's
  // symbol moves back while it holds. `slot` is where the walk stands in records[i].
  using Slot = std::pair<Section, size_t>;
  struct Walk {
    std::vector<LineageEntry> chain;
    Slot slot;
    bool active = true;
  };
  std::vector<Walk> walks;
  const std::pair<Section, const std::vector<Paragraph>*> sections[] = {
      {Section::kPreamble, &r.preamble}, {Section::kOperative, &r.operative},
      {Section::kAnnex, &r.annex}};
  for (const auto& [section_id, section] : sections) {
    for (size_t index = 0; index < section->size(); ++index) {
      walks.push_back({{{r.symbol, ParagraphFullText((*section)[index])}}, {section_id, index}});
    }
  }
  const bool have_diffs = history.diffs.size() == last;
  size_t active = walks.size();
  for (size_t i = last; i > 0 && active > 0; --i) {
    DiffResult computed;
    if (!have_diffs) computed = DiffResolutions(history.records[i - 1], history.records[i]);
    const DiffResult& diff = have_diffs ? history.diffs[i - 1] : computed;
    // The change that produced each (section, index) of records[i].
    std::map<Slot, const Change*> producer;
    for (const Change& c : diff.changes) {
      for (const ParagraphRef& to : c.to) producer[{to.section, to.index}] = &c;
    }
    const std::string& prev_symbol = history.records[i - 1].symbol;
    for (Walk& w : walks) {
      if (!w.active) continue;
      auto it = producer.find(w.slot);
      if (it == producer.end() || it->second->from.empty()) {  // added in records[i]
        w.active = false;
        --active;
        continue;
      }
      const Change& c = *it->second;
      if (c.status == ChangeStatus::kUnchanged) {
        w.chain.back().symbol = prev_symbol;
      } else {
        std::string text;
        for (const ParagraphRef& f : c.from) text += (text.empty() ? "" : " ") + f.text;
        w.chain.push_back({prev_symbol, std::move(text)});
      }
      w.slot = {c.from.front().section, c.from.front().index};
    }
  }
  size_t k = 0;
  for (const auto& [section_id, section] : sections) {
    for (const Paragraph& p : *section) {
      Walk& w = walks[k++];
      BlameParagraph b;
      b.section = section_id;
      b.number = p.number;
      b.lead = p.lead;
      b.text = w.chain.front().text;
      b.since = w.chain.front().symbol;
      b.lineage.assign(w.chain.begin() + 1, w.chain.end());
      out.push_back(std::move(b));
    }
  }
  return out;
}

std::vector<SessionRow> OverviewRows(const SeriesHistory& history) {
  std::vector<SessionRow> rows;
  for (size_t i = 0; i < history.records.size(); ++i) {
    const Resolution& r = history.records[i];
    SessionRow row;
    row.symbol = r.symbol;
    row.session = r.session;
    row.adoption_date = r.adoption_date;
    row.title = r.title;
    if (i > 0) {
      row.has_previous = true;
      row.summary = history.diffs[i - 1].summary;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<BlameView> BlameSymbol(const store::Archive& archive, std::string_view symbol_arg) {
  const std::string symbol = NormalizeSymbolArg(symbol_arg);
  if (auto doc = archive.GetDocument(symbol); !doc.ok()) return doc.status();
  // The series of an archived symbol, as ResolveSeriesArg finds it, keeping the records the
  // search decoded so they are not decoded twice.
  auto finder = SeriesFinder::Create(archive);
  if (!finder.ok()) return finder.status();
  (*finder)->KeepRecords();
  auto series = (*finder)->Find(symbol);
  if (!series.ok()) return series.status();
  // Only the sessions up to this one matter.
  auto& syms = series->symbols;
  auto it = std::find(syms.begin(), syms.end(), symbol);
  if (it != syms.end()) syms.erase(it + 1, syms.end());
  auto history = LoadSeriesHistory(archive, *series, finder->get(), /*with_diffs=*/false);
  if (!history.ok()) return history.status();
  BlameView view;
  view.history = std::move(history).value();
  view.paragraphs = BlameLast(view.history);
  return view;
}

nlohmann::json BlameJson(const std::string& symbol, const std::vector<BlameParagraph>& ps) {
  nlohmann::json paragraphs = nlohmann::json::array();
  for (const BlameParagraph& p : ps) {
    nlohmann::json lineage = nlohmann::json::array();
    for (const LineageEntry& e : p.lineage) lineage.push_back({{"symbol", e.symbol}, {"text", e.text}});
    paragraphs.push_back({{"section", SectionName(p.section)},
                          {"number", p.number},
                          {"lead", p.lead},
                          {"text", p.text},
                          {"since", p.since},
                          {"lineage", lineage}});
  }
  return {{"symbol", symbol}, {"paragraphs", paragraphs}};
}

Result<LogView> LogOf(const store::Archive& archive, std::string_view target) {
  // An archived symbol: its series as ResolveSeriesArg finds it, keeping the decoded records.
  std::unique_ptr<SeriesFinder> finder;
  Result<Series> series = Status::NotFound("");
  if (const std::string sym = NormalizeSymbolArg(target); archive.GetDocument(sym).ok()) {
    auto f = SeriesFinder::Create(archive);
    if (!f.ok()) return f.status();
    finder = std::move(f).value();
    finder->KeepRecords();
    series = finder->Find(sym);
  } else {
    series = ResolveSeriesArg(archive, target);
  }
  if (!series.ok()) return series.status();
  auto history = LoadSeriesHistory(archive, *series, finder.get());
  if (!history.ok()) return history.status();
  LogView view;
  view.series = std::move(series).value();
  view.rows = OverviewRows(*history);
  return view;
}

nlohmann::json LogJson(const Series& series, const std::vector<SessionRow>& rows) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const SessionRow& r : rows) {
    sessions.push_back(
        {{"symbol", r.symbol},
         {"session", r.session ? nlohmann::json(r.session) : nlohmann::json()},
         {"adoption_date", r.adoption_date.empty() ? nlohmann::json() : nlohmann::json(r.adoption_date)},
         {"title", r.title},
         {"changes", r.has_previous ? SummaryToJson(r.summary) : nlohmann::json()}});
  }
  return {{"series", {{"key", series.key}, {"name", series.name}}}, {"sessions", sessions}};
}

}  // namespace recital::cli

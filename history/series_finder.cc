// Series detection over an archive: the whole archive at once (ArchiveSeries), or the series of
// one symbol found by expanding only the documents joined to it (SeriesFinder).
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "history/history.h"
#include "history/internal.h"

namespace recital::history {

Result<std::vector<Series>> ArchiveSeries(const store::Archive& archive) {
  auto overrides = SeriesCorrections::Load(archive);
  if (!overrides.ok()) return overrides.status();
  std::vector<SeriesMember> members;
  Status st = archive.ForEachResolution([&](const store::Document&, const Resolution& r) {
    members.push_back(SeriesMemberFromResolution(r));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return DetectWithCorrections(members, *overrides);
}

struct SeriesFinder::State {
  explicit State(const store::Archive& a) : archive(a) {}
  void Remember(Series s);

  const store::Archive& archive;
  SeriesOverrides overrides;
  bool keep_records = false;
  std::map<std::string, Resolution> records;  // kept by Find
  // Every archived symbol -> its normalised title's index in mates (kNoTitle: empty).
  static constexpr uint32_t kNoTitle = UINT32_MAX;
  std::unordered_map<std::string, uint32_t> title_id;
  std::vector<std::vector<std::string>> mates;  // symbols per normalised title
  std::map<std::string, size_t> series_of;      // symbol -> index in found
  std::vector<Series> found;
};

void SeriesFinder::State::Remember(Series s) {
  size_t index = found.size();
  for (const std::string& sym : s.symbols) series_of.emplace(sym, index);
  found.push_back(std::move(s));
}

SeriesFinder::SeriesFinder(std::unique_ptr<State> state) : state_(std::move(state)) {}
SeriesFinder::~SeriesFinder() = default;

Result<std::unique_ptr<SeriesFinder>> SeriesFinder::Create(const store::Archive& archive) {
  auto overrides = SeriesCorrections::Load(archive);
  if (!overrides.ok()) return overrides.status();
  auto s = std::make_unique<State>(archive);
  s->overrides = std::move(overrides).value();
  if (!s->overrides.joins.empty()) {
    // Joins name series by the keys of the whole archive's grouping: detect them all.
    auto all = ArchiveSeries(archive);
    if (!all.ok()) return all.status();
    for (Series& series : *all) s->Remember(std::move(series));
    return std::unique_ptr<SeriesFinder>(new SeriesFinder(std::move(s)));
  }
  auto docs = archive.ListDocuments();
  if (!docs.ok()) return docs.status();
  // Titles repeat across a series: normalise each distinct title once.
  std::unordered_map<std::string, uint32_t> by_raw, by_norm;
  s->title_id.reserve(docs->size());
  for (const store::Document& d : *docs) {
    auto [raw, fresh] = by_raw.try_emplace(d.newest().title, State::kNoTitle);
    if (fresh) {
      std::string t = NormalizeTitle(raw->first);
      if (!t.empty()) {
        auto [norm, new_norm] = by_norm.try_emplace(std::move(t), s->mates.size());
        if (new_norm) s->mates.emplace_back();
        raw->second = norm->second;
      }
    }
    s->title_id.emplace(d.symbol, raw->second);
    if (raw->second != State::kNoTitle) s->mates[raw->second].push_back(d.symbol);
  }
  return std::unique_ptr<SeriesFinder>(new SeriesFinder(std::move(s)));
}

void SeriesFinder::KeepRecords() { state_->keep_records = true; }

Result<Series> SeriesFinder::Find(const std::string& symbol) {
  State& st = *state_;
  if (auto it = st.series_of.find(symbol); it != st.series_of.end()) return st.found[it->second];
  if (!st.title_id.count(symbol)) {
    return Status::NotFound("no document " + symbol + " in the archive");
  }
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
      auto r = st.archive.GetResolution(s);
      if (!r.ok()) return r.status();
      it = decoded.emplace(s, SeriesMemberFromResolution(*r)).first;
      if (st.keep_records) st.records.emplace(s, std::move(r).value());
    }
    return &it->second;
  };
  std::set<std::string> expanded{symbol};
  std::vector<std::string> todo{symbol};
  auto expand = [&](const std::string& s) {
    if (st.title_id.count(s) && expanded.insert(s).second) todo.push_back(s);
  };
  while (!todo.empty()) {
    std::string s = std::move(todo.back());
    todo.pop_back();
    auto m = member(s);
    if (!m.ok()) return m.status();
    for (const std::string& recalled : (*m)->recalls) expand(recalled);
    if (uint32_t t = st.title_id.at(s); t != State::kNoTitle) {
      for (const std::string& same : st.mates[t]) expand(same);
    }
    auto citing = st.archive.CitedBy(s);
    if (!citing.ok()) return citing.status();
    for (const std::string& c : *citing) {
      if (expanded.count(c) || !st.title_id.count(c)) continue;
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
  for (Series& s : DetectWithCorrections(members, st.overrides)) {
    if (!st.series_of.count(s.symbols.front())) st.Remember(std::move(s));
  }
  if (auto it = st.series_of.find(symbol); it != st.series_of.end()) return st.found[it->second];
  return Status::Internal("series detection lost " + symbol);
}

std::optional<Resolution> SeriesFinder::TakeRecord(const std::string& symbol) {
  auto it = state_->records.find(symbol);
  if (it == state_->records.end()) return std::nullopt;
  std::optional<Resolution> r(std::move(it->second));
  state_->records.erase(it);
  return r;
}

Result<Series> SeriesOfSymbol(const store::Archive& archive, const std::string& symbol) {
  auto finder = SeriesFinder::Create(archive);
  if (!finder.ok()) return finder.status();
  return (*finder)->Find(symbol);
}

}  // namespace recital::history

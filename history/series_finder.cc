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

namespace {

// The title series detection gives a document: its current version's (preferred language), or
// when that one has none (a part of the document) the newest title another version gives.
// titled (optional): raw title -> whether it normalises to a title; titles repeat across a
// series, and normalising every document's title was most of a rare phrase's grep at 20,000.
const std::string& DocumentTitle(const store::Document& d,
                                 std::unordered_map<std::string, bool>* titled = nullptr) {
  auto has_title = [titled](const std::string& t) {
    if (titled == nullptr) return !NormalizeTitle(t).empty();
    auto [it, fresh] = titled->try_emplace(t, false);
    if (fresh) it->second = !NormalizeTitle(t).empty();
    return it->second;
  };
  if (has_title(d.current().title)) return d.current().title;
  for (auto v = d.versions.rbegin(); v != d.versions.rend(); ++v) {
    if (has_title(v->title)) return v->title;
  }
  return d.current().title;
}

// SeriesMemberFromResolution of a document's newest version, with the document's title.
SeriesMember MemberOf(const Resolution& newest, const std::string& title) {
  if (title == newest.title || NormalizeTitle(newest.title) == NormalizeTitle(title)) {
    return SeriesMemberFromResolution(newest);
  }
  Resolution titled = newest;
  titled.title = title;
  return SeriesMemberFromResolution(titled);
}

}  // namespace

Result<std::vector<Series>> ArchiveSeries(const store::Archive& archive) {
  auto stored = StoredArchiveSeries(archive);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return std::move(**stored);
  return ComputeArchiveSeries(archive);
}

Result<std::vector<Series>> ComputeArchiveSeries(const store::Archive& archive) {
  auto overrides = SeriesCorrections::Load(archive);
  if (!overrides.ok()) return overrides.status();
  std::vector<SeriesMember> members;
  Status st = archive.ForEachResolution([&](const store::Document& d, const Resolution& r) {
    members.push_back(MemberOf(r, DocumentTitle(d)));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return DetectWithCorrections(members, *overrides);
}

struct SeriesFinder::State {
  explicit State(const store::Archive& a) : archive(a) {}
  void Remember(Series s);
  // Lists the documents and their titles, once (the computing path of Find).
  Status List();
  Status PrepareUntitled();
  Result<const SeriesMember*> Member(const std::string& symbol);
  // Ids of the normalised titles of the archive that an untitled member's text names.
  std::vector<uint32_t> NamedTitleIds(const SeriesMember& m) const;

  const store::Archive& archive;
  SeriesOverrides overrides;
  bool keep_records = false;
  bool use_index = false;  // the stored series index was fresh at Create: look series up
  bool listed = false;     // List() ran
  std::map<std::string, Resolution> records;  // kept by Find
  // Every archived symbol -> its normalised title's index in mates (kNoTitle: empty) and the
  // version series detection reads (the newest).
  static constexpr uint32_t kNoTitle = UINT32_MAX;
  struct Doc {
    uint32_t title_id = kNoTitle;
    uint32_t version = 0;
    std::string title;  // DocumentTitle when the newest version has none, else ""
  };
  std::unordered_map<std::string, Doc> docs;
  std::vector<std::vector<std::string>> mates;  // symbols per normalised title
  // Normalised title (spaced words, as SeriesNamedTitles finds them) -> index in mates.
  std::unordered_map<std::string, uint32_t> title_ids;
  size_t max_title_words = 0;
  // Documents without a title whose text names each title (PrepareUntitled).
  bool untitled_ready = false;
  std::vector<std::vector<std::string>> named_by;
  std::map<std::string, SeriesMember> members;  // decoded so far
  std::map<std::string, size_t> series_of;      // symbol -> index in found
  std::vector<Series> found;
};

void SeriesFinder::State::Remember(Series s) {
  size_t index = found.size();
  for (const std::string& sym : s.symbols) series_of.emplace(sym, index);
  found.push_back(std::move(s));
}

Result<const SeriesMember*> SeriesFinder::State::Member(const std::string& symbol) {
  auto it = members.find(symbol);
  if (it == members.end()) {
    auto r = archive.GetResolution(symbol);
    if (!r.ok()) return r.status();
    const std::string& title = docs.at(symbol).title;
    it = members.emplace(symbol, MemberOf(*r, title.empty() ? r->title : title)).first;
    if (keep_records) records.emplace(symbol, std::move(r).value());
  } else if (keep_records && !records.count(symbol)) {
    auto r = archive.GetResolution(symbol);
    if (!r.ok()) return r.status();
    records.emplace(symbol, std::move(r).value());
  }
  return &it->second;
}

std::vector<uint32_t> SeriesFinder::State::NamedTitleIds(const SeriesMember& m) const {
  std::vector<uint32_t> ids;
  auto named = SeriesNamedTitles(m.untitled_text, max_title_words, [&](std::string_view t) {
    return title_ids.count(std::string(t)) > 0;
  });
  for (const auto& [run, words] : named) ids.push_back(title_ids.at(std::string(run)));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// A group of documents without a title joins a title its text names (DetectSeries), so every
// document of a title is joined to the untitled ones naming it: decode those (few: later
// pages of documents) once, and note which titles each names.
Status SeriesFinder::State::PrepareUntitled() {
  if (untitled_ready) return Status::Ok();
  untitled_ready = true;
  named_by.assign(mates.size(), {});
  for (const auto& [symbol, doc] : docs) {
    if (doc.title_id != kNoTitle) continue;
    auto m = Member(symbol);
    if (!m.ok()) return m.status();
    for (uint32_t id : NamedTitleIds(**m)) named_by[id].push_back(symbol);
  }
  return Status::Ok();
}

SeriesFinder::SeriesFinder(std::unique_ptr<State> state) : state_(std::move(state)) {}
SeriesFinder::~SeriesFinder() = default;

Result<std::unique_ptr<SeriesFinder>> SeriesFinder::Create(const store::Archive& archive) {
  auto overrides = SeriesCorrections::Load(archive);
  if (!overrides.ok()) return overrides.status();
  auto s = std::make_unique<State>(archive);
  s->overrides = std::move(overrides).value();
  if (!s->overrides.joins.empty() || !s->overrides.member_joins.empty()) {
    // Joins name series by the keys of the whole archive's grouping: detect them all.
    auto all = ArchiveSeries(archive);
    if (!all.ok()) return all.status();
    for (Series& series : *all) s->Remember(std::move(series));
    s->listed = true;  // every archived symbol is remembered: Find never lists
    return std::unique_ptr<SeriesFinder>(new SeriesFinder(std::move(s)));
  }
  if (archive.format_version() >= 6) {
    auto probe = archive.GetDerived(store::kSeriesIndex, {});
    if (!probe.ok()) return probe.status();
    s->use_index = probe->fresh;
  }
  if (!s->use_index) RECITAL_RETURN_IF_ERROR(s->List());
  return std::unique_ptr<SeriesFinder>(new SeriesFinder(std::move(s)));
}

Status SeriesFinder::State::List() {
  if (listed) return Status::Ok();
  listed = true;
  State* s = this;
  auto docs = archive.ListDocuments();
  if (!docs.ok()) return docs.status();
  // Titles repeat across a series: normalise each distinct title once.
  // Titles equal by SeriesTitleKey are one title: one index in mates.
  std::unordered_map<std::string, uint32_t> by_raw, by_key;
  std::unordered_map<std::string, bool> titled;
  s->docs.reserve(docs->size());
  for (const store::Document& d : *docs) {
    const std::string& doc_title = DocumentTitle(d, &titled);
    auto [raw, fresh] = by_raw.try_emplace(doc_title, State::kNoTitle);
    if (fresh) {
      std::string t = NormalizeTitle(raw->first);
      if (!t.empty()) {
        auto [key, new_key] = by_key.try_emplace(SeriesTitleKey(t), s->mates.size());
        if (new_key) s->mates.emplace_back();
        const size_t words = static_cast<size_t>(std::count(t.begin(), t.end(), ' ')) + 1;
        s->max_title_words = std::max(s->max_title_words, words);
        s->title_ids.emplace(std::move(t), key->second);
        raw->second = key->second;
      }
    }
    s->docs.emplace(d.symbol, State::Doc{raw->second, d.current().version,
                                         &doc_title == &d.current().title ? "" : doc_title});
    if (raw->second != State::kNoTitle) s->mates[raw->second].push_back(d.symbol);
  }
  return Status::Ok();
}

void SeriesFinder::KeepRecords() { state_->keep_records = true; }

Result<Series> SeriesFinder::Find(const std::string& symbol) {
  State& st = *state_;
  if (auto it = st.series_of.find(symbol); it != st.series_of.end()) return st.found[it->second];
  if (st.use_index) {  // fresh at Create; a lookup that finds it stale since computes
    auto stored = StoredSeriesOf(st.archive, symbol);
    if (!stored.ok()) return stored.status();
    if (stored->has_value()) {
      st.Remember(**stored);
      return std::move(**stored);
    }
  }
  RECITAL_RETURN_IF_ERROR(st.List());
  if (!st.docs.count(symbol)) {
    return Status::NotFound("no document " + symbol + " in the archive");
  }
  RECITAL_RETURN_IF_ERROR(st.PrepareUntitled());
  // The symbol's series is a connected component of the graph DetectSeries builds. The
  // expanded documents are closed under a superset of its edges, so detection over them
  // groups them exactly as over the whole archive, without decoding unrelated series:
  //   - every title-mate and recalled symbol of an expanded document is expanded, and a
  //     document citing it (citations are a superset of recalls) when it recalls it;
  //   - every document holding one of its whole paragraphs (the paragraph index, newest
  //     versions): all of them when either lacks a title, else those sharing two;
  //   - for a document without a title, every document of a title its text names; for a
  //     titled one, the untitled documents naming its title (PrepareUntitled).
  // A citing document that does not recall it is left out: no edge joins it to an expanded
  // document (that edge would have expanded it).
  std::set<std::string> expanded{symbol};
  std::vector<std::string> todo{symbol};
  auto expand = [&](const std::string& s) {
    if (st.docs.count(s) && expanded.insert(s).second) todo.push_back(s);
  };
  auto expand_title = [&](uint32_t id) {
    for (const std::string& same : st.mates[id]) expand(same);
    for (const std::string& page : st.named_by[id]) expand(page);
  };
  while (!todo.empty()) {
    std::string s = std::move(todo.back());
    todo.pop_back();
    auto m = st.Member(s);
    if (!m.ok()) return m.status();
    const SeriesMember& member = **m;
    for (const std::string& recalled : member.recalls) expand(recalled);
    const uint32_t title = st.docs.at(s).title_id;
    if (title != State::kNoTitle) {
      expand_title(title);
    } else {
      for (uint32_t id : st.NamedTitleIds(member)) expand_title(id);
    }
    auto citing = st.archive.CitedBy(s);
    if (!citing.ok()) return citing.status();
    for (const std::string& c : *citing) {
      if (expanded.count(c) || !st.docs.count(c)) continue;
      auto cm = st.Member(c);
      if (!cm.ok()) return cm.status();
      const std::vector<std::string>& recalls = (*cm)->recalls;
      if (std::find(recalls.begin(), recalls.end(), s) != recalls.end()) expand(c);
    }
    std::map<std::string, size_t> sharing;  // document -> paragraphs it shares with s
    for (const Hash128& h : member.paragraphs) {
      auto uses = st.archive.ParagraphUses(h);
      if (!uses.ok()) return uses.status();
      std::set<std::string> users;
      for (const store::ParagraphUse& u : *uses) {
        auto d = st.docs.find(u.symbol);
        if (u.symbol != s && d != st.docs.end() && d->second.version == u.version)
          users.insert(u.symbol);
      }
      for (const std::string& u : users) ++sharing[u];
    }
    for (const auto& [other, count] : sharing) {
      if (count >= 2 || title == State::kNoTitle || st.docs.at(other).title_id == State::kNoTitle) {
        expand(other);
      }
    }
  }
  std::vector<SeriesMember> members;
  members.reserve(expanded.size());
  for (const std::string& s : expanded) members.push_back(st.members.at(s));
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

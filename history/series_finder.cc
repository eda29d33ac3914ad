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

// titled: titles repeat across a series, and normalising every document's title was most of a
// rare phrase's grep at 20,000.
const std::string& DocumentTitle(const store::Document& d,
                                 std::unordered_map<std::string, bool>* titled) {
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


Result<std::vector<Series>> ArchiveSeries(const store::Archive& archive) {
  auto stored = StoredArchiveSeries(archive);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return std::move(**stored);
  return ComputeArchiveSeries(archive);
}

Result<std::vector<Series>> ComputeArchiveSeries(const store::Archive& archive) {
  return ComputeArchiveSeries(archive, nullptr);
}

Result<std::vector<Series>> ComputeArchiveSeries(const store::Archive& archive,
                                                 std::map<std::string, uint32_t>* sessions) {
  auto overrides = SeriesCorrections::Load(archive);
  if (!overrides.ok()) return overrides.status();
  std::vector<SeriesMember> members;
  Status st = archive.ForEachResolution([&](const store::Document& d, const Resolution& r) {
    members.push_back(MemberOf(r, DocumentTitle(d)));
    if (sessions != nullptr) (*sessions)[d.symbol] = members.back().session;
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
  Result<std::vector<uint32_t>> NamedTitleIds(const SeriesMember& m);

  static constexpr uint32_t kNoTitle = UINT32_MAX;
  struct Doc {
    uint32_t title_id = kNoTitle;  // index in mates; kNoTitle: no title
    uint32_t version = 0;          // the current version series detection reads
    std::string title;  // DocumentTitle when the current version has none, else ""
    std::vector<uint32_t> heads;   // ids of the existing titles its title heads
  };
  // The document of an archived symbol; nullptr when not archived. Listed (List) or, over
  // the stored catalogue, read when first asked.
  Result<const Doc*> DocOf(const std::string& symbol);
  Result<const std::vector<std::string>*> MatesOf(uint32_t id);
  // Ids of the titles that head title id (the titles of `q/` of the catalogue, or List's).
  Result<const std::vector<uint32_t>*> HeadedBy(uint32_t id);
  // The id of a title by its SeriesTitleKey, made when new; nullopt when no document of the
  // archive has it.
  Result<std::optional<uint32_t>> TitleId(const std::string& key);

  const store::Archive& archive;
  SeriesOverrides overrides;
  bool keep_records = false;
  bool use_index = false;  // the stored series index was fresh at Create: look series up
  bool listed = false;     // List() ran
  CatalogueReader* catalogue = nullptr;  // CreateOverCatalogue: read the stored catalogue
  std::map<std::string, Resolution> records;  // kept by Find
  std::unordered_map<std::string, std::optional<Doc>> docs;
  std::vector<std::optional<std::vector<std::string>>> mates;  // symbols per title id
  std::vector<std::optional<std::vector<uint32_t>>> headed_by;  // per title id
  std::vector<std::string> title_keys;                          // per title id
  std::unordered_map<std::string, uint32_t> ids_by_key;         // SeriesTitleKey -> id
  // List: normalised title (spaced words, as SeriesNamedTitles finds them) -> id.
  std::unordered_map<std::string, uint32_t> title_ids;
  size_t max_title_words = 0;
  // Documents without a title whose text names each title (PrepareUntitled).
  bool untitled_ready = false;
  std::map<uint32_t, std::vector<std::string>> named_by;
  std::map<std::string, SeriesMember> members;  // decoded so far
  std::map<std::string, size_t> series_of;      // symbol -> index in found
  std::vector<Series> found;
};

void SeriesFinder::State::Remember(Series s) {
  size_t index = found.size();
  for (const std::string& sym : s.symbols) series_of.emplace(sym, index);
  found.push_back(std::move(s));
}

Result<std::optional<uint32_t>> SeriesFinder::State::TitleId(const std::string& key) {
  if (key.empty()) return std::optional<uint32_t>();
  if (auto it = ids_by_key.find(key); it != ids_by_key.end()) {
    return std::optional<uint32_t>(it->second);
  }
  if (catalogue == nullptr) return std::optional<uint32_t>();  // listed: every title known
  auto holders = catalogue->TitleHolders(key);
  if (!holders.ok()) return holders.status();
  if (holders->empty()) return std::optional<uint32_t>();
  const auto id = static_cast<uint32_t>(title_keys.size());
  title_keys.push_back(key);
  ids_by_key.emplace(key, id);
  mates.emplace_back(std::move(holders).value());
  headed_by.emplace_back();
  return std::optional<uint32_t>(id);
}

Result<const SeriesFinder::State::Doc*> SeriesFinder::State::DocOf(const std::string& symbol) {
  if (auto it = docs.find(symbol); it != docs.end()) {
    return it->second ? &*it->second : static_cast<const Doc*>(nullptr);
  }
  if (catalogue == nullptr) return static_cast<const Doc*>(nullptr);  // listed: not archived
  auto d = archive.GetDocument(symbol);
  if (!d.ok() && d.status().code() == StatusCode::kNotFound) {
    docs.emplace(symbol, std::nullopt);
    return static_cast<const Doc*>(nullptr);
  }
  if (!d.ok()) return d.status();
  const std::string& doc_title = DocumentTitle(*d);
  Doc doc;
  doc.version = d->current().version;
  if (&doc_title != &d->current().title) doc.title = doc_title;
  auto id = TitleId(SeriesTitleKey(NormalizeTitle(doc_title)));
  if (!id.ok()) return id.status();
  if (id->has_value()) {
    doc.title_id = **id;
    for (const std::string& head : SeriesHeadKeys(doc_title)) {
      auto h = TitleId(head);
      if (!h.ok()) return h.status();
      if (h->has_value() && **h != doc.title_id) doc.heads.push_back(**h);
    }
  }
  return &*docs.emplace(symbol, std::move(doc)).first->second;
}

Result<const std::vector<std::string>*> SeriesFinder::State::MatesOf(uint32_t id) {
  return &*mates.at(id);  // filled when the id was made
}

Result<const std::vector<uint32_t>*> SeriesFinder::State::HeadedBy(uint32_t id) {
  if (!headed_by.at(id)) {  // catalogue only: List fills them all
    auto keys = catalogue->TitlesHeadedBy(title_keys.at(id));
    if (!keys.ok()) return keys.status();
    std::vector<uint32_t> ids;
    for (const std::string& key : *keys) {
      auto other = TitleId(key);
      if (!other.ok()) return other.status();
      if (other->has_value() && **other != id) ids.push_back(**other);
    }
    headed_by.at(id) = std::move(ids);
  }
  return &*headed_by.at(id);
}

Result<const SeriesMember*> SeriesFinder::State::Member(const std::string& symbol) {
  auto it = members.find(symbol);
  if (it == members.end()) {
    auto doc = DocOf(symbol);
    if (!doc.ok()) return doc.status();
    if (*doc == nullptr) return Status::NotFound("no document " + symbol + " in the archive");
    auto r = archive.GetResolution(symbol);
    if (!r.ok()) return r.status();
    const std::string& title = (*doc)->title;
    it = members.emplace(symbol, MemberOf(*r, title.empty() ? r->title : title)).first;
    if (keep_records) records.emplace(symbol, std::move(r).value());
  } else if (keep_records && !records.count(symbol)) {
    auto r = archive.GetResolution(symbol);
    if (!r.ok()) return r.status();
    records.emplace(symbol, std::move(r).value());
  }
  return &it->second;
}

Result<std::vector<uint32_t>> SeriesFinder::State::NamedTitleIds(const SeriesMember& m) {
  std::vector<uint32_t> ids;
  size_t max_words = max_title_words;
  if (catalogue != nullptr) {
    auto w = catalogue->MaxTitleWords();
    if (!w.ok()) return w.status();
    max_words = *w;
  }
  Status st;
  auto named = SeriesNamedTitles(m.untitled_text, max_words, [&](std::string_view t) {
    if (catalogue == nullptr) return title_ids.count(std::string(t)) > 0;
    if (!st.ok()) return false;
    auto id = TitleId(SeriesTitleKey(t));
    if (!id.ok()) st = id.status();
    return id.ok() && id->has_value();
  });
  RECITAL_RETURN_IF_ERROR(st);
  for (const auto& [run, words] : named) {
    if (catalogue == nullptr) {
      ids.push_back(title_ids.at(std::string(run)));
    } else {
      auto id = TitleId(SeriesTitleKey(run));
      if (!id.ok()) return id.status();
      if (id->has_value()) ids.push_back(**id);
    }
  }
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
  std::vector<std::string> untitled;
  if (catalogue != nullptr) {
    auto u = catalogue->Untitled();
    if (!u.ok()) return u.status();
    untitled = std::move(u).value();
  } else {
    for (const auto& [symbol, doc] : docs) {
      if (doc && doc->title_id == kNoTitle) untitled.push_back(symbol);
    }
  }
  for (const std::string& symbol : untitled) {
    auto m = Member(symbol);
    if (!m.ok()) return m.status();
    auto ids = NamedTitleIds(**m);
    if (!ids.ok()) return ids.status();
    for (uint32_t id : *ids) named_by[id].push_back(symbol);
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

Result<std::unique_ptr<SeriesFinder>> SeriesFinder::CreateOverCatalogue(
    const store::Archive& archive, CatalogueReader* catalogue, SeriesOverrides overrides) {
  auto s = std::make_unique<State>(archive);
  s->overrides = std::move(overrides);
  s->catalogue = catalogue;
  s->listed = true;  // never lists: documents are read when first met
  return std::unique_ptr<SeriesFinder>(new SeriesFinder(std::move(s)));
}

Status SeriesFinder::State::List() {
  if (listed) return Status::Ok();
  listed = true;
  State* s = this;
  auto all = archive.ListDocuments();
  if (!all.ok()) return all.status();
  // Titles repeat across a series: normalise each distinct title once.
  // Titles equal by SeriesTitleKey are one title: one id.
  std::unordered_map<std::string, uint32_t> by_raw;
  std::unordered_map<std::string, bool> titled;
  std::vector<std::pair<std::string, const std::string*>> head_titles;  // symbol, raw title
  s->docs.reserve(all->size());
  for (const store::Document& d : *all) {
    const std::string& doc_title = DocumentTitle(d, &titled);
    auto [raw, fresh] = by_raw.try_emplace(doc_title, State::kNoTitle);
    if (fresh) {
      std::string t = NormalizeTitle(raw->first);
      if (!t.empty()) {
        std::string key = SeriesTitleKey(t);
        auto [k, new_key] = s->ids_by_key.try_emplace(key, s->title_keys.size());
        if (new_key) {
          s->title_keys.push_back(key);
          s->mates.emplace_back(std::vector<std::string>());
          s->headed_by.emplace_back(std::vector<uint32_t>());
        }
        const size_t words = static_cast<size_t>(std::count(t.begin(), t.end(), ' ')) + 1;
        s->max_title_words = std::max(s->max_title_words, words);
        s->title_ids.emplace(std::move(t), k->second);
        raw->second = k->second;
      }
    }
    Doc doc;
    doc.title_id = raw->second;
    doc.version = d.current().version;
    if (&doc_title != &d.current().title) doc.title = doc_title;
    if (raw->second != State::kNoTitle) s->mates[raw->second]->push_back(d.symbol);
    s->docs.emplace(d.symbol, std::move(doc));
  }
  // The titles each document's title heads, and the reverse (HeadedBy), by distinct raw title.
  std::unordered_map<std::string, std::vector<uint32_t>> heads_of_raw;
  for (const auto& [raw, id] : by_raw) {
    if (id == State::kNoTitle) continue;
    std::vector<uint32_t>& heads = heads_of_raw[raw];
    for (const std::string& head : SeriesHeadKeys(raw)) {
      auto h = s->ids_by_key.find(head);
      if (h == s->ids_by_key.end() || h->second == id) continue;
      heads.push_back(h->second);
      auto& by = *s->headed_by[h->second];
      if (std::find(by.begin(), by.end(), id) == by.end()) by.push_back(id);
    }
  }
  for (const store::Document& d : *all) {
    auto& doc = s->docs.at(d.symbol);
    if (doc->title_id != State::kNoTitle) doc->heads = heads_of_raw.at(DocumentTitle(d, &titled));
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
  {
    auto doc = st.DocOf(symbol);
    if (!doc.ok()) return doc.status();
    if (*doc == nullptr) return Status::NotFound("no document " + symbol + " in the archive");
  }
  RECITAL_RETURN_IF_ERROR(st.PrepareUntitled());
  // The symbol's series is a connected component of the graph DetectSeries builds. The
  // expanded documents are closed under a superset of its edges, so detection over them
  // groups them exactly as over the whole archive, without decoding unrelated series:
  //   - every title-mate and recalled symbol of an expanded document is expanded, and a
  //     document citing it (citations are a superset of recalls) when it recalls it;
  //   - the documents of the titles its title heads (SeriesHeadKeys) and of the titles that
  //     head its title;
  //   - every document holding one of its whole paragraphs (the paragraph index, newest
  //     versions): all of them when either lacks a title, else those sharing two;
  //   - for a document without a title, every document of a title its text names; for a
  //     titled one, the untitled documents naming its title (PrepareUntitled).
  // A citing document that does not recall it is left out: no edge joins it to an expanded
  // document (that edge would have expanded it).
  std::set<std::string> expanded{symbol};
  std::vector<std::string> todo{symbol};
  std::set<uint32_t> titles_done;
  auto expand = [&](const std::string& s) -> Status {
    if (expanded.count(s)) return Status::Ok();
    auto doc = st.DocOf(s);
    if (!doc.ok()) return doc.status();
    if (*doc != nullptr && expanded.insert(s).second) todo.push_back(s);
    return Status::Ok();
  };
  auto expand_title = [&](uint32_t id) -> Status {
    if (!titles_done.insert(id).second) return Status::Ok();
    auto mates = st.MatesOf(id);
    if (!mates.ok()) return mates.status();
    for (const std::string& same : **mates) RECITAL_RETURN_IF_ERROR(expand(same));
    if (auto it = st.named_by.find(id); it != st.named_by.end()) {
      for (const std::string& page : it->second) RECITAL_RETURN_IF_ERROR(expand(page));
    }
    auto headed = st.HeadedBy(id);
    if (!headed.ok()) return headed.status();
    for (uint32_t other : **headed) {
      auto others = st.MatesOf(other);
      if (!others.ok()) return others.status();
      for (const std::string& s : **others) RECITAL_RETURN_IF_ERROR(expand(s));
    }
    return Status::Ok();
  };
  while (!todo.empty()) {
    std::string s = std::move(todo.back());
    todo.pop_back();
    auto m = st.Member(s);
    if (!m.ok()) return m.status();
    const SeriesMember& member = **m;
    for (const std::string& recalled : member.recalls) RECITAL_RETURN_IF_ERROR(expand(recalled));
    auto doc = st.DocOf(s);
    if (!doc.ok()) return doc.status();
    const uint32_t title = (*doc)->title_id;
    if (title != State::kNoTitle) {
      RECITAL_RETURN_IF_ERROR(expand_title(title));
      const std::vector<uint32_t> heads = (*doc)->heads;  // expand_title may move docs
      for (uint32_t head : heads) RECITAL_RETURN_IF_ERROR(expand_title(head));
    } else {
      auto ids = st.NamedTitleIds(member);
      if (!ids.ok()) return ids.status();
      for (uint32_t id : *ids) RECITAL_RETURN_IF_ERROR(expand_title(id));
    }
    auto citing = st.archive.CitedBy(s);
    if (!citing.ok()) return citing.status();
    for (const std::string& c : *citing) {
      if (expanded.count(c)) continue;
      auto cd = st.DocOf(c);
      if (!cd.ok()) return cd.status();
      if (*cd == nullptr) continue;
      auto cm = st.Member(c);
      if (!cm.ok()) return cm.status();
      const std::vector<std::string>& recalls = (*cm)->recalls;
      if (std::find(recalls.begin(), recalls.end(), s) != recalls.end()) {
        RECITAL_RETURN_IF_ERROR(expand(c));
      }
    }
    std::map<std::string, size_t> sharing;  // document -> paragraphs it shares with s
    for (const Hash128& h : member.paragraphs) {
      auto uses = st.archive.ParagraphUses(h);
      if (!uses.ok()) return uses.status();
      std::set<std::string> users;
      for (const store::ParagraphUse& u : *uses) {
        if (u.symbol == s) continue;
        auto d = st.DocOf(u.symbol);
        if (!d.ok()) return d.status();
        if (*d != nullptr && (*d)->version == u.version) users.insert(u.symbol);
      }
      for (const std::string& u : users) ++sharing[u];
    }
    for (const auto& [other, count] : sharing) {
      auto od = st.DocOf(other);
      if (!od.ok()) return od.status();
      if (count >= 2 || title == State::kNoTitle || (*od)->title_id == State::kNoTitle) {
        RECITAL_RETURN_IF_ERROR(expand(other));
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

const std::vector<Series>& SeriesFinder::Found() const { return state_->found; }

uint32_t SeriesFinder::SessionOf(const std::string& symbol) const {
  auto it = state_->members.find(symbol);
  return it == state_->members.end() ? 0 : it->second.session;
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

// Phrase search grouped by series: the archive's word index finds the wordings, the series
// finder groups the documents that use them.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "history/history.h"

namespace recital::history {
namespace {

// The places of the paragraphs holding the phrase in each version FindPhrase decoded from
// uses (store::PhraseOptions::on_record), by symbol NUL version, then position.
using SeenPlaces = std::map<std::string, std::map<uint32_t, GrepParagraph>>;
std::string SeenKey(const std::string& symbol, uint32_t version) {
  return symbol + '\0' + std::to_string(version);
}

// Where each paragraph of the documents hit lies (section, index, number), from the records
// the series finder decodes anyway (SeriesFinder::KeepRecords): no record is decoded twice. A
// record the finder did not decode (its series was known without it) is read from the archive.
// When FindPhrase read from uses, the places it saw (SeenPlaces) come first.
class Places {
 public:
  Places(const store::Archive& archive, SeriesFinder& finder, std::set<std::string> needed,
         const SeenPlaces* seen)
      : archive_(archive), finder_(finder), needed_(std::move(needed)), seen_(seen) {
    if (seen_ == nullptr) finder_.KeepRecords();
  }
  // The place of one use: from the versions FindPhrase decoded when it did, else as Get.
  Result<GrepParagraph> At(const store::ParagraphUse& use, bool preferred) {
    if (seen_ != nullptr) {
      auto v = seen_->find(SeenKey(use.symbol, use.version));
      if (v != seen_->end()) {
        auto p = v->second.find(use.position);
        if (p != v->second.end()) return p->second;
      }
    }
    auto at = Get(use.symbol, preferred ? 0 : use.version);
    if (!at.ok()) return at.status();
    return use.position < (*at)->size() ? (**at)[use.position] : GrepParagraph();
  }
  // After finder.Find returned series: takes its members' kept records (once per series), so
  // they are not held longer than needed.
  void Collect(const Series& series) {
    if (seen_ != nullptr || !collected_.insert(series.key).second) return;
    for (const std::string& symbol : series.symbols) {
      std::optional<Resolution> r = finder_.TakeRecord(symbol);
      if (r && needed_.count(symbol) && !by_symbol_.count(symbol))
        by_symbol_.emplace(symbol, Of(*r));
    }
  }
  // The place of each paragraph of symbol's version (0: its current version in the preferred
  // language, the one the finder decodes), in document order.
  Result<const std::vector<GrepParagraph>*> Get(const std::string& symbol, uint32_t version = 0) {
    const std::string key = version == 0 ? symbol : symbol + '\0' + std::to_string(version);
    auto it = by_symbol_.find(key);
    if (it == by_symbol_.end()) {
      auto r = archive_.GetResolution(symbol, version);
      if (!r.ok()) return r.status();
      it = by_symbol_.emplace(key, Of(*r)).first;
    }
    return &it->second;
  }
  // The places of record r's paragraphs at `positions` (document order, preamble first).
  static std::map<uint32_t, GrepParagraph> OfPositions(const Resolution& r,
                                                        const std::vector<uint32_t>& positions) {
    std::vector<GrepParagraph> all = Of(r);
    std::map<uint32_t, GrepParagraph> out;
    for (uint32_t at : positions) {
      if (at < all.size()) out.emplace(at, std::move(all[at]));
    }
    return out;
  }

 private:
  static std::vector<GrepParagraph> Of(const Resolution& r) {
    std::vector<GrepParagraph> out;
    const std::pair<const std::vector<Paragraph>*, Section> lists[] = {
        {&r.preamble, Section::kPreamble},
        {&r.operative, Section::kOperative},
        {&r.annex, Section::kAnnex}};
    for (const auto& [list, section] : lists) {
      for (size_t i = 0; i < list->size(); ++i) {
        GrepParagraph p;
        p.section = section;
        p.index = static_cast<uint32_t>(i);
        p.number = (*list)[i].number;
        out.push_back(std::move(p));
      }
    }
    return out;
  }

  const store::Archive& archive_;
  SeriesFinder& finder_;
  const std::set<std::string> needed_;
  const SeenPlaces* seen_;
  std::set<std::string> collected_;
  std::map<std::string, std::vector<GrepParagraph>> by_symbol_;
};

struct Use {
  size_t hit;
  const store::ParagraphUse* use;
  uint32_t session;  // of the document's current version
  bool preferred;    // the use is in the current version of the preferred language
  std::string language;  // of the version the use is in
};

// The uses in the newest version of each document (only: the symbols to keep, null: all).
Result<std::vector<Use>> NewestUses(const store::Archive& archive,
                                    const std::vector<store::PhraseHit>& hits,
                                    const std::set<std::string>* only) {
  std::map<std::string, store::Document> docs;
  std::vector<Use> out;
  for (size_t h = 0; h < hits.size(); ++h) {
    for (const store::ParagraphUse& use : hits[h].uses) {
      if (only && !only->count(use.symbol)) continue;
      auto it = docs.find(use.symbol);
      if (it == docs.end()) {
        auto doc = archive.GetDocument(use.symbol);
        if (!doc.ok()) return doc.status();
        it = docs.emplace(use.symbol, std::move(doc).value()).first;
      }
      // The versions a query reads (store::SearchedVersions): current ones and parts.
      if (!store::IsSearchedVersion(it->second, use.version)) continue;
      const store::DocumentVersion* v = it->second.version(use.version);
      out.push_back({h, &use, it->second.current().session,
                     use.version == it->second.current().version,
                     v != nullptr ? v->language : std::string()});
    }
  }
  // A wording a current version holds is reported there, not again from a part.
  auto in_part = [&](const Use& u) {
    const store::Document& d = docs.at(u.use->symbol);
    if (d.version(u.use->version)->completeness != store::Completeness::kPart) return false;
    if (d.try_current(d.version(u.use->version)->language)->version == u.use->version) return false;
    return std::any_of(out.begin(), out.end(), [&](const Use& o) {
      return o.hit == u.hit && o.use->symbol == u.use->symbol && o.use->version != u.use->version &&
             d.version(o.use->version)->completeness != store::Completeness::kPart;
    });
  };
  std::vector<Use> kept;
  for (const Use& u : out) {
    if (!in_part(u)) kept.push_back(u);
  }
  return kept;
}

// Groups the newest-version uses of every hit by series; only: the symbols to keep (null: all).
Result<std::vector<GrepSeries>> Group(const store::Archive& archive,
                                      const std::vector<store::PhraseHit>& hits,
                                      const std::set<std::string>* only,
                                      const SeenPlaces* seen,
                                      const std::unordered_map<std::string, uint32_t>* order) {
  auto finder = SeriesFinder::Create(archive);
  if (!finder.ok()) return finder.status();
  auto uses = NewestUses(archive, hits, only);
  if (!uses.ok()) return uses.status();
  std::set<std::string> needed;
  for (const Use& u : *uses) needed.insert(u.use->symbol);
  Places places(archive, **finder, std::move(needed), seen);
  // Records FindPhrase did not hand over are decoded here: in the decoding order (series by
  // series, see SeriesOrder) first, so each record's base is in the reader's cache, rather than
  // in the order of the hits.
  if (seen == nullptr && order != nullptr) {
    std::set<std::tuple<uint32_t, std::string, uint32_t>> wanted;  // rank, symbol, version
    for (const Use& u : *uses) {
      auto it = order->find(u.use->symbol);
      wanted.insert({it == order->end() ? UINT32_MAX : it->second, u.use->symbol,
                     u.preferred ? 0 : u.use->version});
    }
    for (const auto& [rank, symbol, version] : wanted) {
      auto at = places.Get(symbol, version);
      if (!at.ok()) return at.status();
    }
  }
  std::map<std::string, GrepSeries> by_key;
  // A symbol's group, found once per series (Find copies the series; a common word has tens
  // of thousands of uses in a few thousand series).
  std::map<std::string, GrepSeries*> group_of;
  for (const Use& u : *uses) {
    const store::ParagraphUse& use = *u.use;
    auto known = group_of.find(use.symbol);
    if (known == group_of.end()) {
      auto series = (*finder)->Find(use.symbol);
      if (!series.ok()) return series.status();
      places.Collect(*series);
      GrepSeries& g = by_key[series->key];
      if (g.series.key.empty()) g.series = std::move(series).value();
      for (const std::string& member : g.series.symbols) group_of.emplace(member, &g);
      known = group_of.emplace(use.symbol, &g).first;
    }
    auto at = places.At(use, u.preferred);
    if (!at.ok()) return at.status();
    GrepParagraph found = std::move(at).value();
    found.symbol = use.symbol;
    found.session = u.session;
    found.position = use.position;
    found.hit = u.hit;
    found.version = use.version;
    found.language = u.language;
    known->second->paragraphs.push_back(std::move(found));
  }
  std::vector<GrepSeries> groups;
  for (auto& [key, g] : by_key) {
    std::sort(g.paragraphs.begin(), g.paragraphs.end(),
              [](const GrepParagraph& a, const GrepParagraph& b) {
                if (a.session != b.session) return a.session < b.session;
                if (a.symbol != b.symbol) return a.symbol < b.symbol;
                return a.position < b.position;
              });
    groups.push_back(std::move(g));
  }
  std::sort(groups.begin(), groups.end(), [](const GrepSeries& a, const GrepSeries& b) {
    if (a.paragraphs.front().session != b.paragraphs.front().session)
      return a.paragraphs.front().session < b.paragraphs.front().session;
    return a.series.key < b.series.key;
  });
  return groups;
}

// FindPhrase's decoding order (store::PhraseOptions::order): series by series, each in session
// order, when the series index is fresh (false: it is not; then by document number). Each
// record's base, its series' previous record, is then in the reader's cache.
Result<bool> SeriesOrder(const store::Archive& archive,
                         std::unordered_map<std::string, uint32_t>* order) {
  auto stored = StoredArchiveSeries(archive);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return false;
  for (const Series& s : **stored) {
    for (const std::string& symbol : s.symbols) {
      order->emplace(symbol, static_cast<uint32_t>(order->size()));
    }
  }
  return true;
}

}  // namespace

// The symbols of the series series_arg names; nullopt when series_arg is empty.
Result<std::optional<std::set<std::string>>> OnlySeries(const store::Archive& archive,
                                                        std::string_view series_arg) {
  if (series_arg.empty()) return std::optional<std::set<std::string>>();
  auto s = ResolveSeriesArg(archive, series_arg);
  if (!s.ok()) return s.status();
  return std::optional<std::set<std::string>>(
      std::set<std::string>(s->symbols.begin(), s->symbols.end()));
}

Result<GrepResult> Grep(const store::Archive& archive, std::string_view phrase,
                        std::string_view series_arg, store::PhraseOptions::Method method) {
  std::set<std::string> only;
  if (!series_arg.empty()) {
    auto s = ResolveSeriesArg(archive, series_arg);
    if (!s.ok()) return s.status();
    only.insert(s->symbols.begin(), s->symbols.end());
  }
  GrepResult result;
  result.phrase = std::string(phrase);
  // Read from uses (format 7), FindPhrase hands over each record it decodes: the paragraphs
  // are placed from them, not decoded a second time.
  SeenPlaces seen;
  bool decoded = false;
  store::PhraseOptions options;
  options.method = method;
  std::unordered_map<std::string, uint32_t> order;
  auto ordered = SeriesOrder(archive, &order);
  if (!ordered.ok()) return ordered.status();
  if (*ordered) options.order = &order;
  options.on_record = [&](const std::string& symbol, uint32_t version, const Resolution& record,
                          const std::vector<uint32_t>& positions) {
    decoded = true;
    seen.emplace(SeenKey(symbol, version), Places::OfPositions(record, positions));
  };
  auto hits = archive.FindPhrase(phrase, options);
  if (!hits.ok()) return hits.status();
  result.hits = std::move(hits).value();
  auto groups = Group(archive, result.hits, series_arg.empty() ? nullptr : &only,
                      decoded ? &seen : nullptr, options.order);
  if (!groups.ok()) return groups.status();
  result.series = std::move(groups).value();
  return result;
}

Result<std::vector<store::PhraseDocument>> GrepDocuments(const store::Archive& archive,
                                                         std::string_view phrase,
                                                         std::string_view series_arg) {
  auto only = OnlySeries(archive, series_arg);
  if (!only.ok()) return only.status();
  store::PhraseDocumentOptions options;
  if (only->has_value()) options.only = &**only;
  return archive.FindPhraseDocuments(phrase, options);
}

Result<std::vector<GrepCount>> GrepCounts(const store::Archive& archive, std::string_view phrase,
                                          std::string_view series_arg) {
  auto only = OnlySeries(archive, series_arg);
  if (!only.ok()) return only.status();
  store::PhraseOptions options;
  std::unordered_map<std::string, uint32_t> order;
  auto ordered = SeriesOrder(archive, &order);
  if (!ordered.ok()) return ordered.status();
  if (*ordered) options.order = &order;
  auto hits = archive.FindPhrase(phrase, options);
  if (!hits.ok()) return hits.status();
  auto uses = NewestUses(archive, *hits, only->has_value() ? &**only : nullptr);
  if (!uses.ok()) return uses.status();
  std::map<std::string, size_t> counts;
  for (const Use& u : *uses) ++counts[u.use->symbol];
  std::vector<GrepCount> out;
  for (auto& [symbol, n] : counts) out.push_back({symbol, n});
  return out;
}

}  // namespace recital::history

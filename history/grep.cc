// Phrase search grouped by series: the archive's word index finds the wordings, the series
// finder groups the documents that use them.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "history/history.h"

namespace recital::history {
namespace {

// The section, index and number of each paragraph of r, in document order (the order of
// ParagraphUse::position).
std::vector<GrepParagraph> Places(const Resolution& r) {
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

// Groups the newest-version uses of every hit by series; only: the symbols to keep (null: all).
Result<std::vector<GrepSeries>> Group(const store::Archive& archive,
                                      const std::vector<store::PhraseHit>& hits,
                                      const std::set<std::string>* only) {
  auto finder = SeriesFinder::Create(archive);
  if (!finder.ok()) return finder.status();
  std::map<std::string, store::Document> docs;
  std::map<std::string, std::vector<GrepParagraph>> places;  // by symbol, newest version
  std::map<std::string, GrepSeries> by_key;
  for (size_t h = 0; h < hits.size(); ++h) {
    for (const store::ParagraphUse& use : hits[h].uses) {
      if (only && !only->count(use.symbol)) continue;
      auto it = docs.find(use.symbol);
      if (it == docs.end()) {
        auto doc = archive.GetDocument(use.symbol);
        if (!doc.ok()) return doc.status();
        it = docs.emplace(use.symbol, std::move(doc).value()).first;
      }
      if (use.version != it->second.newest().version) continue;  // superseded wording
      auto series = (*finder)->Find(use.symbol);
      if (!series.ok()) return series.status();
      auto at = places.find(use.symbol);
      if (at == places.end()) {
        auto r = archive.GetResolution(use.symbol, use.version);
        if (!r.ok()) return r.status();
        at = places.emplace(use.symbol, Places(*r)).first;
      }
      GrepParagraph found;
      if (use.position < at->second.size()) found = at->second[use.position];
      found.symbol = use.symbol;
      found.session = it->second.newest().session;
      found.position = use.position;
      found.hit = h;
      GrepSeries& g = by_key[series->key];
      if (g.series.key.empty()) g.series = *series;
      g.paragraphs.push_back(std::move(found));
    }
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

}  // namespace

Result<GrepResult> Grep(const store::Archive& archive, std::string_view phrase,
                        std::string_view series_arg) {
  std::set<std::string> only;
  if (!series_arg.empty()) {
    auto s = ResolveSeriesArg(archive, series_arg);
    if (!s.ok()) return s.status();
    only.insert(s->symbols.begin(), s->symbols.end());
  }
  GrepResult result;
  result.phrase = std::string(phrase);
  auto hits = archive.FindPhrase(phrase);
  if (!hits.ok()) return hits.status();
  result.hits = std::move(hits).value();
  auto groups = Group(archive, result.hits, series_arg.empty() ? nullptr : &only);
  if (!groups.ok()) return groups.status();
  result.series = std::move(groups).value();
  return result;
}

}  // namespace recital::history

// A series loaded in session order, and the lineage of every paragraph of its newest record.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "history/history.h"
#include "history/internal.h"
#include "schema/symbol.h"

namespace recital::history {

Result<SeriesHistory> LoadSeriesHistory(const store::Archive& archive, const Series& series,
                                        SeriesFinder* records_from, bool with_diffs,
                                        const DiffOptions& options, std::string_view language) {
  SeriesHistory h;
  h.series = series;
  h.records.reserve(series.symbols.size());
  std::set<std::string> stored;  // languages of the members, for the error below
  for (const std::string& sym : series.symbols) {
    if (!language.empty()) {  // the member's version in that language, when it has one
      auto doc = archive.GetDocument(sym);
      if (!doc.ok()) return doc.status();
      for (const auto& l : doc->languages()) stored.insert(l.empty() ? "?" : l);
      const store::DocumentVersion* v = doc->try_current(language);
      if (v != nullptr && v->version != doc->current().version) {
        if (records_from) records_from->TakeRecord(sym);
        auto r = archive.GetResolution(sym, v->version);
        if (!r.ok()) return r.status();
        h.records.push_back(std::move(r).value());
        continue;
      }
    }
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
  if (!language.empty() && !stored.count(std::string(language))) {
    std::string list;
    for (const auto& l : stored) list += (list.empty() ? "" : ", ") + l;
    return Status::NotFound("no member of the series '" + series.name +
                            "' has a version in language '" + std::string(language) +
                            "'; languages stored: " + list);
  }
  for (size_t i = 1; with_diffs && i < h.records.size(); ++i) {
    h.diffs.push_back(DiffResolutions(h.records[i - 1], h.records[i], options));
  }
  return h;
}

namespace {

using Slot = std::pair<Section, size_t>;

// One paragraph of the last record walked back: chain[0] is the current wording, each entry's
// symbol moves back while it holds; `slot` is where the walk stands in records[at].
struct Walk {
  std::vector<LineageEntry> chain;
  size_t at = 0;
  Slot slot;
  bool active = true;
};

// Moves w one step back through change c (records[j] -> records[w.at]); false when the
// paragraph was added in records[w.at].
bool Step(const Change& c, const std::string& older_symbol, size_t j, Walk* w) {
  if (c.from.empty()) return false;
  if (c.status == ChangeStatus::kUnchanged) {
    w->chain.back().symbol = older_symbol;
  } else {
    std::string text;
    for (const ParagraphRef& f : c.from) text += (text.empty() ? "" : " ") + f.text;
    w->chain.push_back({older_symbol, std::move(text), c.technical});
  }
  w->at = j;
  w->slot = {c.from.front().section, c.from.front().index};
  return true;
}

BlameParagraph Finish(Section section, const Paragraph& p, const Walk& w) {
  BlameParagraph b;
  b.section = section;
  b.number = p.number;
  b.lead = p.lead;
  b.text = w.chain.front().text;
  b.wording_since = w.chain.front().symbol;
  // The substance began where the run of technical updates behind the wording starts.
  size_t m = 0;
  while (m + 1 < w.chain.size() && w.chain[m + 1].technical) ++m;
  b.since = w.chain[m].symbol;
  b.lineage.assign(w.chain.begin() + 1, w.chain.end());
  return b;
}

}  // namespace

std::vector<BlameParagraph> BlameLast(const SeriesHistory& history, const DiffOptions& options) {
  std::vector<BlameParagraph> out;
  if (history.records.empty()) return out;
  const size_t last = history.records.size() - 1;
  const Resolution& r = history.records[last];
  std::vector<Walk> walks;
  const std::pair<Section, const std::vector<Paragraph>*> sections[] = {
      {Section::kPreamble, &r.preamble},
      {Section::kOperative, &r.operative},
      {Section::kAnnex, &r.annex}};
  for (const auto& [section_id, section] : sections) {
    for (size_t index = 0; index < section->size(); ++index) {
      walks.push_back(
          {{{r.symbol, ParagraphFullText((*section)[index]), false}}, last, {section_id, index}});
    }
  }
  const bool have_diffs = history.diffs.size() == last;
  // Newest record first: the walks standing in records[k] step back to the nearest earlier
  // record whose copy reaches them (records[k - 1] unless it is a partial copy without them).
  for (size_t k = last; k > 0; --k) {
    std::vector<Walk*> pending;
    for (Walk& w : walks) {
      if (w.active && w.at == k) pending.push_back(&w);
    }
    for (size_t j = k; j-- > 0 && !pending.empty();) {
      DiffResult computed;
      const bool given = have_diffs && j + 1 == k;
      if (!given) computed = DiffResolutions(history.records[j], history.records[k], options);
      const DiffResult& diff = given ? history.diffs[j] : computed;
      // The change that produced each (section, index) of records[k].
      std::map<Slot, const Change*> producer;
      for (const Change& c : diff.changes) {
        for (const ParagraphRef& to : c.to) producer[{to.section, to.index}] = &c;
      }
      std::vector<Walk*> not_reached;
      for (Walk* w : pending) {
        auto it = producer.find(w->slot);
        if (it == producer.end()) {  // outside the stretch records[j]'s copy holds
          not_reached.push_back(w);
        } else if (!Step(*it->second, history.records[j].symbol, j, w)) {
          w->active = false;
        }
      }
      pending = std::move(not_reached);
    }
    for (Walk* w : pending) w->active = false;  // no earlier copy reaches it
  }
  size_t k = 0;
  for (const auto& [section_id, section] : sections) {
    for (const Paragraph& p : *section) out.push_back(Finish(section_id, p, walks[k++]));
  }
  return out;
}

Result<BlameView> BlameSymbol(const store::Archive& archive, std::string_view symbol_arg,
                              const DiffOptions& options, bool all_records) {
  const std::string symbol = NormalizeSymbol(symbol_arg);
  if (auto doc = archive.GetDocument(symbol); !doc.ok()) return doc.status();
  if (!all_records && IsDefaultDiffOptions(options)) {  // the stored lineage, when it serves
    auto stored = StoredBlameOf(archive, symbol);
    if (stored.ok() && *stored) return std::move(**stored);
  }
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
  auto history = LoadSeriesHistory(archive, *series, finder->get(), /*with_diffs=*/false, options);
  if (!history.ok()) return history.status();
  BlameView view;
  view.symbol = symbol;
  view.history = std::move(history).value();
  view.paragraphs = BlameLast(view.history, options);
  return view;
}

}  // namespace recital::history

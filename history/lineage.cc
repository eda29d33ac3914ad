// A series loaded in session order, and the lineage of every paragraph of its newest record.
#include <algorithm>
#include <map>
#include <utility>

#include "history/history.h"
#include "schema/symbol.h"

namespace recital::history {

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
      {Section::kPreamble, &r.preamble},
      {Section::kOperative, &r.operative},
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

Result<BlameView> BlameSymbol(const store::Archive& archive, std::string_view symbol_arg) {
  const std::string symbol = NormalizeSymbol(symbol_arg);
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
  view.symbol = symbol;
  view.history = std::move(history).value();
  view.paragraphs = BlameLast(view.history);
  return view;
}

}  // namespace recital::history

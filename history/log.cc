// The per-session rows of a series (`recital log`, report overviews).
#include <utility>

#include "history/history.h"
#include "history/internal.h"
#include "schema/symbol.h"

namespace recital::history {

std::vector<SessionRow> OverviewRows(const SeriesHistory& history) {
  std::vector<SessionRow> rows;
  for (size_t i = 0; i < history.records.size(); ++i) {
    const Resolution& r = history.records[i];
    SessionRow row;
    row.symbol = r.symbol;
    row.session = r.session;
    row.adoption_date = r.adoption_date;
    row.title = r.title;
    if (i > 0 && i - 1 < history.diffs.size()) {
      row.has_previous = true;
      row.summary = history.diffs[i - 1].summary;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<LogView> LogOf(const store::Archive& archive, std::string_view target,
                      const DiffOptions& options, std::string_view language) {
  if (language.empty() && IsDefaultDiffOptions(options)) {  // the stored lineage, when it serves
    auto stored = StoredLogOf(archive, target);
    if (stored.ok() && *stored) return std::move(**stored);
  }
  // An archived symbol: its series as ResolveSeriesArg finds it, keeping the decoded records.
  std::unique_ptr<SeriesFinder> finder;
  Result<Series> series = Status::NotFound("");
  if (const std::string sym = NormalizeSymbol(target); archive.GetDocument(sym).ok()) {
    auto f = SeriesFinder::Create(archive);
    if (!f.ok()) return f.status();
    finder = std::move(f).value();
    finder->KeepRecords();
    series = finder->Find(sym);
  } else {
    series = ResolveSeriesArg(archive, target);
  }
  if (!series.ok()) return series.status();
  auto history = LoadSeriesHistory(archive, *series, finder.get(), /*with_diffs=*/true, options,
                                   language);
  if (!history.ok()) return history.status();
  LogView view;
  view.series = std::move(series).value();
  view.rows = OverviewRows(*history);
  return view;
}

}  // namespace recital::history

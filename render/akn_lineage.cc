// The lineage an Akoma Ntoso export carries: where each paragraph's wording began (blame) and
// which paragraph of the previous session it continues (the diff of the last pair).
#include <map>

#include "render/akn_internal.h"
#include "render/render.h"

namespace recital::render {

namespace {

// records: the series up to the exported resolution (last); blame: BlameLast of that history;
// last_pair: the diff of the last two records (null when there is one record).
AknLineage Build(const Series& series, const std::vector<const Resolution*>& records,
                 const std::vector<history::BlameParagraph>& blame, const DiffResult* last_pair) {
  AknLineage out;
  if (records.empty()) return out;
  out.series_key = series.key;
  out.series_name = series.name;
  std::map<std::string, std::string> iri_of;
  for (const Resolution* r : records) {
    out.members.push_back(r->symbol);
    out.member_iris.push_back(AknWorkIri(*r));
    iri_of[r->symbol] = out.member_iris.back();
  }
  const Resolution& current = *records.back();

  // Blame lists the paragraphs in document order: preamble, operative, annex.
  const std::pair<Section, size_t> sections[] = {{Section::kPreamble, current.preamble.size()},
                                                 {Section::kOperative, current.operative.size()},
                                                 {Section::kAnnex, current.annex.size()}};
  for (const auto& [section, count] : sections) {
    for (size_t i = 0; i < count; ++i) out.paragraphs.push_back({section, i, "", "", "", false});
  }
  for (size_t k = 0; k < blame.size() && k < out.paragraphs.size(); ++k) {
    // The wording's own start (recital:since goes with recital:wording), not the substance's.
    const std::string& since =
        blame[k].wording_since.empty() ? blame[k].since : blame[k].wording_since;
    auto it = iri_of.find(since);
    if (it != iri_of.end()) out.paragraphs[k].since = it->second;
  }
  if (last_pair == nullptr || records.size() < 2) return out;

  const Resolution& previous = *records[records.size() - 2];
  const akn::ParagraphIds previous_ids = akn::AssignParagraphIds(previous);
  const std::string previous_iri = AknWorkIri(previous);
  std::map<std::pair<Section, size_t>, AknParagraphLineage*> slot;
  for (AknParagraphLineage& l : out.paragraphs) slot[{l.section, l.index}] = &l;
  for (const Change& c : last_pair->changes) {
    if (c.from.empty() || c.to.empty()) continue;  // added or removed
    const ParagraphRef& from = c.from.front();
    const std::vector<std::string>& ids = previous_ids.Of(from.section);
    if (from.index >= ids.size()) continue;
    for (const ParagraphRef& to : c.to) {
      auto it = slot.find({to.section, to.index});
      if (it == slot.end()) continue;
      it->second->continues = previous_iri + "/!main~" + ids[from.index];
      it->second->change = ChangeStatusName(c.status);
      it->second->moved = c.moved;
    }
  }
  return out;
}

}  // namespace

AknLineage AknLineageOf(const history::BlameView& blame) {
  const std::vector<Resolution>& records = blame.history.records;
  std::vector<const Resolution*> ptrs;
  for (const Resolution& r : records) ptrs.push_back(&r);
  DiffResult last;
  if (records.size() >= 2) last = DiffResolutions(records[records.size() - 2], records.back());
  return Build(blame.history.series, ptrs, blame.paragraphs, records.size() >= 2 ? &last : nullptr);
}

std::vector<AknLineage> AknSeriesLineage(const history::SeriesHistory& h) {
  std::vector<AknLineage> out;
  const bool have_diffs = h.records.size() > 1 && h.diffs.size() == h.records.size() - 1;
  std::vector<const Resolution*> ptrs;
  for (size_t k = 0; k < h.records.size(); ++k) {
    ptrs.push_back(&h.records[k]);
    history::SeriesHistory prefix;
    prefix.series = h.series;
    prefix.records.assign(h.records.begin(), h.records.begin() + k + 1);
    if (have_diffs) prefix.diffs.assign(h.diffs.begin(), h.diffs.begin() + k);
    const std::vector<history::BlameParagraph> blame = history::BlameLast(prefix);
    DiffResult computed;
    const DiffResult* last = nullptr;
    if (k > 0) {
      if (!have_diffs) computed = DiffResolutions(h.records[k - 1], h.records[k]);
      last = have_diffs ? &h.diffs[k - 1] : &computed;
    }
    out.push_back(Build(h.series, ptrs, blame, last));
  }
  return out;
}

}  // namespace recital::render

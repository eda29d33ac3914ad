// Turns an alignment into classified changes in reading order.
#include <algorithm>
#include <memory>
#include <span>

#include "diff/internal.h"

namespace recital {

using diff_internal::Alignment;
using diff_internal::Para;
using diff_internal::Pairing;

const char* ChangeStatusName(ChangeStatus s) {
  switch (s) {
    case ChangeStatus::kUnchanged: return "unchanged";
    case ChangeStatus::kReworded: return "reworded";
    case ChangeStatus::kAdded: return "added";
    case ChangeStatus::kRemoved: return "removed";
    case ChangeStatus::kSplit: return "split";
    case ChangeStatus::kMerged: return "merged";
  }
  return "unchanged";
}

bool DiffResult::HasChanges() const {
  for (const Change& c : changes) {
    if (c.status != ChangeStatus::kUnchanged || c.moved) return true;
  }
  return false;
}

namespace {

ParagraphRef Ref(const Para& p) {
  ParagraphRef r;
  r.section = p.section;
  r.index = p.index;
  r.number = p.paragraph->number;
  r.lead = p.paragraph->lead;
  r.text = p.full;
  return r;
}

std::string Joined(const std::vector<ParagraphRef>& refs) {
  std::string out;
  for (const ParagraphRef& r : refs) {
    if (!out.empty()) out += ' ';
    out += r.text;
  }
  return out;
}

std::string LeadKey(const ParagraphRef& r) {
  return AsciiLower(NormalizedWording(r.lead));
}

int SectionRank(Section s) { return static_cast<int>(s); }

// Sort key of a change: new-side section and position; removed paragraphs go just after the
// new position of the nearest preceding old paragraph of their section that stayed in place.
struct Placed {
  int section;
  double position;
  size_t tie;
  Change change;
};

// DiffResolutions on prepared paragraphs (PrepareParagraphs of from and of to): the one code
// path behind DiffResolutions and DiffPrepared, so the two always agree.
DiffResult Classify(const Resolution& from, std::span<const Para> from_paras,
                    const Resolution& to, std::span<const Para> to_paras,
                    const DiffOptions& options) {
  Alignment al = diff_internal::Align(from, from_paras, to, to_paras, options);
  DiffResult result;
  result.from_symbol = from.symbol;
  result.to_symbol = to.symbol;

  // New-side index of each old paragraph that is paired in place within its own section.
  std::vector<long> stayed_at(al.from.size(), -1);
  for (const Pairing& p : al.pairs) {
    if (p.moved) continue;
    for (size_t f : p.from) {
      if (al.to[p.to.front()].section == al.from[f].section)
        stayed_at[f] = static_cast<long>(al.to[p.to.front()].index);
    }
  }

  std::vector<Placed> placed;
  size_t tie = 0;
  for (const Pairing& p : al.pairs) {
    Change c;
    for (size_t f : p.from) c.from.push_back(Ref(al.from[f]));
    for (size_t t : p.to) c.to.push_back(Ref(al.to[t]));
    c.section = c.to.front().section;
    c.moved = p.moved;
    bool same = c.from.size() == 1 && c.to.size() == 1 &&
                (p.truncated_exact ||
                 al.from[p.from.front()].key == al.to[p.to.front()].key);
    c.truncated = p.truncated;
    if (c.from.size() > 1) {
      c.status = ChangeStatus::kMerged;
    } else if (c.to.size() > 1) {
      c.status = ChangeStatus::kSplit;
    } else {
      c.status = same ? ChangeStatus::kUnchanged : ChangeStatus::kReworded;
    }
    c.similarity = same ? 1.0 : std::min(p.similarity, 0.999);
    // A cut-off paragraph is compared with the same stretch of the whole one: the lost tail is
    // not a deletion (nor, when the older copy is the cut one, an insertion).
    std::string old_text = Joined(c.from), new_text = Joined(c.to);
    if (p.truncated && !same) {
      bool cut_is_new = al.to.size() == p.to.front() + 1 && to.truncated_end;
      if (cut_is_new) {
        old_text = std::string(diff_internal::FirstTokens(old_text, diff_internal::TokenCount(new_text)));
      } else {
        new_text = std::string(diff_internal::FirstTokens(new_text, diff_internal::TokenCount(old_text)));
      }
    }
    c.lead_changed = !same && LeadKey(c.from.front()) != LeadKey(c.to.front());
    c.technical = c.status == ChangeStatus::kReworded &&
                  diff_internal::TechnicalKey(old_text) == diff_internal::TechnicalKey(new_text);
    if (!same) {
      if (options.word_edits) c.edits = DiffWords(old_text, new_text);
    } else if (options.edits_for_unchanged) {
      c.edits.push_back({EditOp::kEqual, c.to.front().text});
    }
    double pos = static_cast<double>(c.to.front().index);
    placed.push_back({SectionRank(c.section), pos, tie++, std::move(c)});
  }
  for (size_t t : al.added) {
    Change c;
    c.status = ChangeStatus::kAdded;
    c.similarity = 0;
    c.to.push_back(Ref(al.to[t]));
    c.section = al.to[t].section;
    c.edits.push_back({EditOp::kInsert, c.to.front().text});
    placed.push_back({SectionRank(c.section), static_cast<double>(al.to[t].index), tie++,
                      std::move(c)});
  }
  for (size_t f : al.removed) {
    Change c;
    c.status = ChangeStatus::kRemoved;
    c.similarity = 0;
    c.from.push_back(Ref(al.from[f]));
    c.section = al.from[f].section;
    c.edits.push_back({EditOp::kDelete, c.from.front().text});
    double pos = -0.5;
    for (size_t g = f; g-- > 0 && al.from[g].section == c.section;) {
      if (stayed_at[g] >= 0) {
        pos = static_cast<double>(stayed_at[g]) + 0.5;
        break;
      }
    }
    placed.push_back({SectionRank(c.section), pos, tie++, std::move(c)});
  }
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& x, const Placed& y) {
    if (x.section != y.section) return x.section < y.section;
    if (x.position != y.position) return x.position < y.position;
    return x.tie < y.tie;
  });
  DiffSummary& s = result.summary;
  s.not_compared = al.from_not_compared.size() + al.to_not_compared.size();
  for (Placed& p : placed) {
    switch (p.change.status) {
      case ChangeStatus::kUnchanged: ++s.unchanged; break;
      case ChangeStatus::kReworded:
        ++s.reworded;
        if (p.change.technical) ++s.technical;
        break;
      case ChangeStatus::kAdded: ++s.added; break;
      case ChangeStatus::kRemoved: ++s.removed; break;
      case ChangeStatus::kSplit: ++s.split; break;
      case ChangeStatus::kMerged: ++s.merged; break;
    }
    if (p.change.moved) ++s.moved;
    if (p.change.truncated) ++s.truncated;
    result.changes.push_back(std::move(p.change));
  }
  return result;
}

const PreparedResolution::State& EmptyState() {
  static const PreparedResolution::State empty;
  return empty;
}

}  // namespace

DiffResult DiffResolutions(const Resolution& from, const Resolution& to,
                           const DiffOptions& options) {
  const std::vector<Para> from_paras = diff_internal::PrepareParagraphs(from);
  const std::vector<Para> to_paras = diff_internal::PrepareParagraphs(to);
  return Classify(from, from_paras, to, to_paras, options);
}

PreparedResolution PrepareResolution(Resolution r) {
  auto state = std::make_shared<PreparedResolution::State>();
  state->record = std::move(r);
  // After the move: the paragraphs point into the record where it now lives.
  state->paras = diff_internal::PrepareParagraphs(state->record);
  return PreparedResolution(std::move(state));
}

const Resolution& PreparedResolution::resolution() const {
  return (state_ ? *state_ : EmptyState()).record;
}

DiffResult DiffPrepared(const PreparedResolution& from, const PreparedResolution& to,
                        const DiffOptions& options) {
  const PreparedResolution::State& f = from.state_ ? *from.state_ : EmptyState();
  const PreparedResolution::State& t = to.state_ ? *to.state_ : EmptyState();
  return Classify(f.record, f.paras, t.record, t.paras, options);
}

}  // namespace recital

// One session of evolution: known edits applied to a series' paragraphs, with their truth.
#include <algorithm>
#include <initializer_list>
#include <set>

#include "gen/evolve.h"

namespace recital::gen::internal {
namespace {

class Session {
 public:
  Session(SeriesState* st, Rng* rng, const GenOptions& opt, const std::vector<std::string>& previous)
      : st_(st), rng_(*rng), opt_(opt) {
    for (const std::string& text : previous) {
      std::vector<std::string> words = ContentWords(text);
      previous_words_.insert(words.begin(), words.end());
      previous_wordings_.insert(std::move(words));
    }
  }
  std::vector<Op> Run();

 private:
  std::vector<GPara>& Sec(Section s) {
    return s == Section::kPreamble ? st_->preamble : st_->operative;
  }
  const std::vector<GPara>& Sec(Section s) const {
    return s == Section::kPreamble ? st_->preamble : st_->operative;
  }
  // A free (not session-bound, not yet touched) paragraph; {section, index} or index npos.
  std::pair<Section, size_t> PickFree(bool swappable_lead = false);
  bool Free(const GPara& p) const { return p.bound == 0 && !touched_.count(p.id); }
  // True when no paragraph of the previous session, nor of the new one other than those with
  // the ids in except, has the content words of text: an edit that made two paragraphs alike
  // would leave the truth ambiguous (which of two equal paragraphs moved, or was split off?).
  bool Unique(const std::string& text, std::initializer_list<uint64_t> except) const {
    const std::vector<std::string> words = ContentWords(text);
    if (previous_wordings_.count(words)) return false;
    for (Section s : {Section::kPreamble, Section::kOperative}) {
      for (const GPara& o : Sec(s)) {
        if (std::find(except.begin(), except.end(), o.id) == except.end() &&
            ContentWords(ParaText(o)) == words) {
          return false;
        }
      }
    }
    return true;
  }
  // True when text holds no content word of a paragraph added in this session: edits after
  // an addition must not make anything resemble it.
  bool AvoidsAdded(const std::string& text) const {
    for (const std::string& w : ContentWords(text)) {
      if (added_words_.count(w)) return false;
    }
    return true;
  }
  void Remove();
  void Merge();
  void Split();
  void Reword();
  void ChangeLead();
  void Add();
  void Move();
  void ToggleFootnote();

  SeriesState* st_;
  Rng& rng_;
  const GenOptions& opt_;
  std::set<uint64_t> touched_;
  std::set<std::string> previous_words_;  // content words of the previous session
  std::set<std::vector<std::string>> previous_wordings_;  // ... paragraph by paragraph
  std::set<std::string> added_words_;     // content words of this session's additions
  std::vector<Op> ops_;
};

std::pair<Section, size_t> Session::PickFree(bool swappable_lead) {
  std::vector<std::pair<Section, size_t>> cands;
  for (Section s : {Section::kPreamble, Section::kOperative}) {
    for (size_t i = 0; i < Sec(s).size(); ++i) {
      const GPara& p = Sec(s)[i];
      if (Free(p) && (!swappable_lead || Leads(p.kind).size() >= 2)) cands.emplace_back(s, i);
    }
  }
  if (cands.empty()) return {Section::kPreamble, std::string::npos};
  return rng_.Pick(cands);
}

void Session::Remove() {
  // Keep each section from shrinking below a working size.
  auto [s, i] = PickFree();
  if (i == std::string::npos || Sec(s).size() < 5) return;
  ops_.push_back({"removed", {Sec(s)[i].id}, {}, false, false});
  Sec(s).erase(Sec(s).begin() + static_cast<long>(i));
}

void Session::Merge() {
  std::vector<std::pair<Section, size_t>> cands;
  for (Section s : {Section::kPreamble, Section::kOperative})
    for (size_t i = 0; i + 1 < Sec(s).size(); ++i)
      if (Free(Sec(s)[i]) && Free(Sec(s)[i + 1])) cands.emplace_back(s, i);
  if (cands.empty()) return;
  auto [s, i] = rng_.Pick(cands);
  if (Sec(s).size() < 5) return;
  GPara a = Sec(s)[i], b = Sec(s)[i + 1];
  GPara m = a;
  m.id = st_->next_id++;
  m.kind = LeadKind::kFixed;
  m.footnote.clear();
  m.parts.push_back("and " + LowerFirst(b.lead) + " " + Body(b));
  if (!Unique(ParaText(m), {a.id, b.id})) return;
  ops_.push_back({"merged", {a.id, b.id}, {m.id}, false, false});
  touched_.insert(m.id);
  Sec(s)[i] = m;
  Sec(s).erase(Sec(s).begin() + static_cast<long>(i) + 1);
}

void Session::Split() {
  std::vector<std::pair<Section, size_t>> cands;
  for (Section s : {Section::kPreamble, Section::kOperative}) {
    for (size_t i = 0; i < Sec(s).size(); ++i) {
      const GPara& p = Sec(s)[i];
      if (!Free(p) || p.parts.size() < 3) continue;
      std::string tail;
      for (size_t k = 2; k < p.parts.size(); ++k) tail += p.parts[k] + " ";
      if (ContentWords(tail).size() >= 5 && ContentWords(p.parts[0]).size() >= 4) cands.emplace_back(s, i);
    }
  }
  if (cands.empty()) return;
  auto [s, i] = rng_.Pick(cands);
  GPara old = Sec(s)[i];
  GPara first = old, second;
  first.id = st_->next_id++;
  first.parts.resize(2);
  second.id = st_->next_id++;
  second.section = s;
  second.kind = LeadKind::kFixed;
  second.lead = s == Section::kPreamble ? "Stressing" : "Stresses";
  second.parts.push_back("the need to act " + old.parts[2]);
  for (size_t k = 3; k < old.parts.size(); ++k) second.parts.push_back(old.parts[k]);
  if (!AvoidsAdded(ParaText(first)) || !AvoidsAdded(ParaText(second)) ||
      !Unique(ParaText(first), {old.id}) || !Unique(ParaText(second), {old.id}) ||
      ContentWords(ParaText(first)) == ContentWords(ParaText(second))) {
    return;
  }
  ops_.push_back({"split", {old.id}, {first.id, second.id}, false, false});
  touched_.insert(first.id);
  touched_.insert(second.id);
  Sec(s)[i] = first;
  Sec(s).insert(Sec(s).begin() + static_cast<long>(i) + 1, second);
}

void Session::Reword() {
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto [s, i] = PickFree();
    if (i == std::string::npos) return;
    GPara& p = Sec(s)[i];
    GPara q = p;
    switch (rng_.Uniform(4)) {
      case 0:  // replace a qualifier
        if (q.parts.size() >= 2) q.parts[1 + rng_.Uniform(q.parts.size() - 1)] = MakeQualifier(rng_);
        break;
      case 1:  // add one
        q.parts.push_back(MakeQualifier(rng_));
        break;
      case 2:  // drop one
        if (q.parts.size() >= 3) q.parts.erase(q.parts.begin() + 1 + static_cast<long>(rng_.Uniform(q.parts.size() - 1)));
        break;
      default: {  // strengthen the verb: "to promote" -> "to further promote"
        size_t at = q.parts[0].find("to ");
        if (at != std::string::npos && (at == 0 || q.parts[0][at - 1] == ' '))
          q.parts[0].insert(at + 3, rng_.Pick(Adverbs()) + " ");
        break;
      }
    }
    // Close to its origin by the generator's own measure, or not a rewording at all.
    std::string before = ParaText(p), after = ParaText(q);
    if (!IsBoundedRewording(before, after) || !AvoidsAdded(after) || !Unique(after, {p.id})) continue;
    ops_.push_back({"reworded", {p.id}, {p.id}, false, false});
    touched_.insert(p.id);
    p = q;
    return;
  }
}

void Session::ChangeLead() {
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto [s, i] = PickFree(/*swappable_lead=*/true);
    if (i == std::string::npos) return;
    GPara& p = Sec(s)[i];
    const std::vector<std::string>& leads = Leads(p.kind);
    std::string lead = rng_.Pick(leads);
    if (lead == p.lead) continue;
    GPara q = p;
    q.lead = lead;
    if (!IsBoundedRewording(ParaText(p), ParaText(q)) || !AvoidsAdded(ParaText(q)) ||
        !Unique(ParaText(q), {p.id})) {
      continue;
    }
    ops_.push_back({"reworded", {p.id}, {p.id}, false, true});
    touched_.insert(p.id);
    p.lead = lead;
    return;
  }
}

void Session::Add() {
  Section s = rng_.Chance(0.4) ? Section::kPreamble : Section::kOperative;
  // Resembles nothing: no content word of any paragraph of the previous or the new session.
  std::set<std::string> avoid = previous_words_;
  for (Section t : {Section::kPreamble, Section::kOperative}) {
    for (const GPara& o : Sec(t)) {
      for (std::string& w : ContentWords(ParaText(o))) avoid.insert(std::move(w));
    }
  }
  std::optional<GPara> made = MakeAddedParagraph(rng_, s, avoid);
  if (!made) return;  // the addition vocabulary is used up by what is there
  GPara p = std::move(*made);
  p.id = st_->next_id++;
  // Between the leading and trailing session-bound paragraphs.
  std::vector<GPara>& v = Sec(s);
  size_t lo = 0, hi = v.size();
  while (lo < v.size() && v[lo].bound != 0) ++lo;
  while (hi > lo && v[hi - 1].bound != 0) --hi;
  size_t at = lo + rng_.Uniform(hi - lo + 1);
  v.insert(v.begin() + static_cast<long>(at), p);
  ops_.push_back({"added", {}, {p.id}, false, false});
  touched_.insert(p.id);
  for (std::string& w : ContentWords(ParaText(p))) added_words_.insert(std::move(w));
}

void Session::Move() {
  Section s = rng_.Chance(0.5) ? Section::kPreamble : Section::kOperative;
  std::vector<GPara>& v = Sec(s);
  std::vector<size_t> free_idx;
  for (size_t i = 0; i < v.size(); ++i)
    if (Free(v[i])) free_idx.push_back(i);
  if (free_idx.size() < 5) return;
  size_t from = rng_.Pick(free_idx);
  // Destination: jumps over at least two untouched paragraphs so the move is unambiguous.
  std::vector<size_t> dests;
  for (size_t to : free_idx) {
    if (to == from) continue;
    size_t lo = std::min(from, to), hi = std::max(from, to);
    size_t jumped = 0;
    for (size_t k = lo; k <= hi; ++k)
      if (k != from && Free(v[k])) ++jumped;
    bool near_touched = false;  // never land inside a split or next to another edit
    for (size_t k = to > 0 ? to - 1 : 0; k <= to + 1 && k < v.size(); ++k)
      near_touched = near_touched || (k != from && touched_.count(v[k].id));
    if (jumped >= 3 && !near_touched) dests.push_back(to);
  }
  if (dests.empty()) return;
  size_t to = rng_.Pick(dests);
  GPara p = v[from];
  v.erase(v.begin() + static_cast<long>(from));
  v.insert(v.begin() + static_cast<long>(to), p);
  ops_.push_back({"unchanged", {p.id}, {p.id}, true, false});
  touched_.insert(p.id);
}

void Session::ToggleFootnote() {
  // Attaching or dropping a footnote renumbers every later one; wording stays the same.
  std::vector<size_t> idx;
  for (size_t i = 0; i < st_->preamble.size(); ++i)
    if (st_->preamble[i].bound == 0) idx.push_back(i);
  if (idx.empty()) return;
  GPara& p = st_->preamble[rng_.Pick(idx)];
  p.footnote = p.footnote.empty() ? "See A/" + std::to_string(st_->session) + "/" +
                                        std::to_string(100 + rng_.Uniform(800)) + "."
                                  : "";
}

std::vector<Op> Session::Run() {
  // Order matters for the truth: merges join paragraphs adjacent in the old text, and the two
  // halves of a split stay adjacent in the new one.
  if (rng_.Chance(opt_.merge_probability)) Merge();
  for (uint32_t k = 0; k < opt_.removals; ++k) Remove();
  for (uint32_t k = 0; k < opt_.additions; ++k) Add();
  if (rng_.Chance(opt_.split_probability)) Split();
  for (uint32_t k = 0; k < opt_.rewordings; ++k) Reword();
  for (uint32_t k = 0; k < opt_.lead_changes; ++k) ChangeLead();
  // Last: a move jumps over paragraphs that are still unchanged, so it is unambiguous.
  for (uint32_t k = 0; k < opt_.moves; ++k) Move();
  if (rng_.Chance(0.5)) ToggleFootnote();
  return ops_;
}

}  // namespace

std::string ParaText(const GPara& p) {
  std::string t = p.lead;
  std::string body = Body(p);
  if (!body.empty()) t += " " + body;
  t += p.section == Section::kPreamble ? "," : (p.bound == 3 ? "." : ";");
  return t;
}

std::vector<Op> EvolveSession(SeriesState* state, Rng* rng, const GenOptions& options,
                              const std::vector<std::string>& previous) {
  return Session(state, rng, options, previous).Run();
}

}  // namespace recital::gen::internal

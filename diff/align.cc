// Paragraph pairing: exact anchors (LIS), monotone bead DP in the gaps, then moves.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "diff/internal.h"

namespace recital::diff_internal {
namespace {

// Beyond this many candidate cells a gap is left to the greedy leftover pass (which has the same
// bound): pathological inputs stay linear in memory.
constexpr size_t kMaxGapCells = 4'000'000;
// What two unrelated paragraphs of one resolution score (diff.h: about 0.1-0.3). A bead is worth
// its similarity above this, so one close pair beats two loose ones that cross it (two
// "Recalling ..." clauses at 0.52 must not outweigh the one 0.95 rewording between them).
constexpr double kUnrelatedSimilarity = 0.3;
constexpr double kMinBeadValue = 0.05;

// Positions (into values) of one longest strictly increasing subsequence, O(n log n).
std::vector<size_t> LongestIncreasing(const std::vector<size_t>& values) {
  std::vector<size_t> tails;  // positions of the smallest tail of each length
  std::vector<long> parent(values.size(), -1);
  for (size_t i = 0; i < values.size(); ++i) {
    auto it = std::lower_bound(tails.begin(), tails.end(), values[i],
                               [&](size_t pos, size_t v) { return values[pos] < v; });
    if (it != tails.begin()) parent[i] = static_cast<long>(*(it - 1));
    if (it == tails.end()) {
      tails.push_back(i);
    } else {
      *it = i;
    }
  }
  std::vector<size_t> out;
  for (long p = tails.empty() ? -1 : static_cast<long>(tails.back()); p >= 0; p = parent[p]) {
    out.push_back(static_cast<size_t>(p));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// The smallest k in [0, hi] for which pred(k) holds, hi + 1 when none; pred must be monotone
// (false up to some k, true from there). Starts from a guess and steps with pred itself, so the
// answer is exact whatever the guess.
template <typename Pred>
size_t SmallestPassing(size_t guess, size_t hi, const Pred& pred) {
  size_t k = std::min(guess, hi + 1);
  while (k > 0 && pred(k - 1)) --k;
  while (k <= hi && !pred(k)) ++k;
  return k;
}

// The smallest overlap with `part` at which SplitSim's containment test passes (SIZE_MAX for an
// empty part, which SplitSim turns down before looking at overlaps).
size_t MinContainedOverlap(const Bag& part) {
  if (part.empty()) return SIZE_MAX;
  const auto contained = [&part](size_t overlap) {
    return !(static_cast<double>(overlap) / static_cast<double>(part.size()) < 0.5);
  };
  return SmallestPassing(part.size() / 2, part.size(), contained);
}

enum class Origin { kAnchor, kExactMoved, kGap, kLeftover };

class Aligner {
 public:
  Aligner(Alignment* al, const DiffOptions& options)
      : al_(al),
        opt_(options),
        from_used_(al->from.size(), false),
        to_used_(al->to.size(), false) {}

  void AlignSection(const std::vector<size_t>& a, const std::vector<size_t>& b);
  // A partial copy's cut-off last paragraph pairs with the whole paragraph it is the start of.
  void PairTruncated(bool from_cut, bool to_cut);
  // Unpaired paragraphs outside the stretch the other, partial copy holds are not compared.
  void MarkNotCompared(const Resolution& from, const Resolution& to);
  void PairLeftovers();
  void FlagMoves();
  void CollectUnpaired();

 private:
  double Sim(const Bag& x, const Bag& y) const { return BagDice(x, y, 0.0); }
  static double Sim(size_t overlap, const Bag& x, const Bag& y) {
    return DiceFromOverlap(overlap, x.size(), y.size(), 0.0);
  }
  // A bead's worth: its similarity above what unrelated paragraphs score.
  static double BeadValue(double sim) {
    return std::max(sim - kUnrelatedSimilarity, kMinBeadValue);
  }
  // Whether a 1:1 pair is close enough to be one paragraph reworded: similarity at the
  // threshold, or the shorter one (8+ content words) almost wholly inside the longer (a long
  // clause added, or a text cut off by the publishing site).
  // overlap: BagOverlap(x, y), or SIZE_MAX when not computed yet.
  bool Pairable(const Bag& x, const Bag& y, double sim, size_t overlap = SIZE_MAX) const {
    if (sim >= opt_.reword_threshold) return true;
    size_t shorter = std::min(x.size(), y.size());
    if (shorter < 8) return false;
    if (overlap == SIZE_MAX) overlap = BagOverlap(x, y);
    return static_cast<double>(overlap) >= 0.85 * static_cast<double>(shorter);
  }
  // The smallest overlap of x and y at which Pairable holds (min(|x|, |y|) + 1 when none). Below
  // it Pairable fails whatever the exact overlap, so BagOverlapAtLeast may stop early.
  size_t MinPairableOverlap(const Bag& x, const Bag& y) const {
    const size_t most = std::min(x.size(), y.size());
    const auto pairable = [&](size_t overlap) {
      return Pairable(x, y, Sim(overlap, x, y), overlap);
    };
    // A guess from the two rules of Pairable; SmallestPassing makes it exact.
    double guess = opt_.reword_threshold * static_cast<double>(x.size() + y.size()) / 2;
    if (most >= 8) guess = std::min(guess, 0.85 * static_cast<double>(most));
    size_t start = 0;
    if (guess >= static_cast<double>(most)) {
      start = most + 1;
    } else if (guess > 0) {
      start = static_cast<size_t>(std::ceil(guess));
    }
    return SmallestPassing(start, most, pairable);
  }
  // Similarity of one paragraph with two consecutive ones on the other side, or -1 when each of
  // the two is not mostly made of the one's words. overlap_a / overlap_b: BagOverlap of the one
  // with each of the two (known from the 1:1 scores).
  double SplitSim(size_t one, bool one_is_from, size_t two_a, size_t two_b, size_t overlap_a,
                  size_t overlap_b) const;
  void AlignGap(const std::vector<size_t>& a, const std::vector<size_t>& b);
  void RemovePairWith(size_t from, size_t to);
  void AddPair(std::vector<size_t> f, std::vector<size_t> t, double sim, Origin origin) {
    for (size_t i : f) from_used_[i] = true;
    for (size_t i : t) to_used_[i] = true;
    Pairing p;
    p.from = std::move(f);
    p.to = std::move(t);
    p.similarity = sim;
    p.moved = origin == Origin::kExactMoved;
    al_->pairs.push_back(std::move(p));
    origins_.push_back(origin);
  }

  Alignment* al_;
  const DiffOptions& opt_;
  std::vector<bool> from_used_, to_used_;
  std::vector<Origin> origins_;
};

void Aligner::AlignSection(const std::vector<size_t>& a, const std::vector<size_t>& b) {
  // 1. Identical wording, k-th occurrence with k-th occurrence. The occurrences of one wording
  // in a are a list threaded through next_same (a queue per wording without a deque each).
  constexpr size_t kNone = SIZE_MAX;
  std::unordered_map<std::string_view, std::pair<size_t, size_t>> by_key;  // first unpaired, last
  by_key.reserve(a.size());
  std::vector<size_t> next_same(a.size(), kNone);
  for (size_t i = 0; i < a.size(); ++i) {
    auto [it, inserted] = by_key.try_emplace(al_->from[a[i]].key, i, i);
    if (!inserted) {
      next_same[it->second.second] = i;
      it->second.second = i;
    }
  }
  std::vector<std::pair<size_t, size_t>> exact;  // (local a, local b), increasing b
  for (size_t j = 0; j < b.size(); ++j) {
    auto it = by_key.find(al_->to[b[j]].key);
    if (it == by_key.end() || it->second.first == kNone) continue;
    exact.emplace_back(it->second.first, j);
    it->second.first = next_same[it->second.first];
  }
  // 2. The longest order-preserving chain of them are anchors; the others moved.
  std::vector<size_t> a_pos;
  for (const auto& e : exact) a_pos.push_back(e.first);
  std::vector<size_t> chain = LongestIncreasing(a_pos);
  std::vector<bool> in_chain(exact.size(), false);
  for (size_t c : chain) in_chain[c] = true;
  std::vector<std::pair<size_t, size_t>> anchors;
  for (size_t e = 0; e < exact.size(); ++e) {
    AddPair({a[exact[e].first]}, {b[exact[e].second]}, 1.0,
            in_chain[e] ? Origin::kAnchor : Origin::kExactMoved);
    if (in_chain[e]) anchors.push_back(exact[e]);
  }
  // 3. The gaps between anchors.
  anchors.emplace_back(a.size(), b.size());
  size_t pa = 0, pb = 0;  // first local index after the previous anchor
  for (const auto& [ca, cb] : anchors) {
    std::vector<size_t> ga, gb;
    for (size_t i = pa; i < ca; ++i)
      if (!from_used_[a[i]]) ga.push_back(a[i]);
    for (size_t j = pb; j < cb; ++j)
      if (!to_used_[b[j]]) gb.push_back(b[j]);
    if (!ga.empty() && !gb.empty()) AlignGap(ga, gb);
    pa = ca + 1, pb = cb + 1;
  }
}

double Aligner::SplitSim(size_t one, bool one_is_from, size_t two_a, size_t two_b,
                         size_t overlap_a, size_t overlap_b) const {
  const Bag& x = one_is_from ? al_->from[one].bag : al_->to[one].bag;
  const Bag& p = one_is_from ? al_->to[two_a].bag : al_->from[two_a].bag;
  const Bag& q = one_is_from ? al_->to[two_b].bag : al_->from[two_b].bag;
  if (p.empty() || q.empty()) return -1;
  auto contained = [](size_t overlap, const Bag& part) {
    return static_cast<double>(overlap) / static_cast<double>(part.size());
  };
  if (contained(overlap_a, p) < 0.5 || contained(overlap_b, q) < 0.5) return -1;
  // Each half must be made of words the other half left over, else it is a 1:1 rewording next
  // to an unrelated paragraph that happens to share vocabulary.
  auto residual_contains = [&x](const Bag& used, const Bag& part) {
    Bag rest = BagMinus(x, used);
    return static_cast<double>(BagOverlap(part, rest)) / static_cast<double>(part.size());
  };
  if (residual_contains(p, q) < 0.5 || residual_contains(q, p) < 0.5) return -1;
  return Sim(x, BagConcat(p, q));
}

void Aligner::AlignGap(const std::vector<size_t>& a, const std::vector<size_t>& b) {
  const size_t n = a.size(), m = b.size();
  if (n * m > kMaxGapCells) return;
  // Gale-Church style beads; a bead's score is its similarity times the paragraphs it explains,
  // so a real split (one old paragraph explains two new ones) beats a 1:1 pair plus an addition.
  // Overlaps are kept (not only similarities): Pairable and SplitSim need them again. Each is
  // exact from the lowest value any of those tests accepts (Pairable of the pair; SplitSim's
  // containment of either side as a part); below that it may be any value below it, which every
  // test turns down as it would the exact one.
  std::vector<size_t> overlap11(n * m);
  std::vector<double> sim11(n * m);
  std::vector<size_t> contained_b(m);
  for (size_t j = 0; j < m; ++j) contained_b[j] = MinContainedOverlap(al_->to[b[j]].bag);
  for (size_t i = 0; i < n; ++i) {
    const Bag& x = al_->from[a[i]].bag;
    const size_t contained_a = MinContainedOverlap(x);
    for (size_t j = 0; j < m; ++j) {
      const Bag& y = al_->to[b[j]].bag;
      const size_t matters =
          std::min({MinPairableOverlap(x, y), contained_a, contained_b[j]});
      const size_t ov = BagOverlapAtLeast(x, y, matters);
      overlap11[i * m + j] = ov;
      sim11[i * m + j] = Sim(ov, x, y);
    }
  }
  const size_t w = m + 1;
  std::vector<double> score((n + 1) * w, 0.0);
  std::vector<uint8_t> back((n + 1) * w, 0);
  std::vector<double> bead_sim((n + 1) * w, 0.0);
  for (size_t i = 0; i <= n; ++i) {
    for (size_t j = 0; j <= m; ++j) {
      if (i == 0 && j == 0) continue;
      double best = -1;
      uint8_t how = 0;
      double bs = 0;
      auto consider = [&](double s, uint8_t h, double simv) {
        if (s > best) best = s, how = h, bs = simv;
      };
      if (i > 0) consider(score[(i - 1) * w + j], 1, 0);
      if (j > 0) consider(score[i * w + j - 1], 2, 0);
      if (i > 0 && j > 0) {
        double s = sim11[(i - 1) * m + j - 1];
        if (Pairable(al_->from[a[i - 1]].bag, al_->to[b[j - 1]].bag, s,
                     overlap11[(i - 1) * m + j - 1]))
          consider(score[(i - 1) * w + j - 1] + 2 * BeadValue(s), 3, s);
      }
      if (i > 0 && j > 1) {
        double s = SplitSim(a[i - 1], true, b[j - 2], b[j - 1], overlap11[(i - 1) * m + j - 2],
                            overlap11[(i - 1) * m + j - 1]);
        if (s >= opt_.split_threshold) consider(score[(i - 1) * w + j - 2] + 3 * BeadValue(s), 4, s);
      }
      if (i > 1 && j > 0) {
        double s = SplitSim(b[j - 1], false, a[i - 2], a[i - 1], overlap11[(i - 2) * m + j - 1],
                            overlap11[(i - 1) * m + j - 1]);
        if (s >= opt_.split_threshold) consider(score[(i - 2) * w + j - 1] + 3 * BeadValue(s), 5, s);
      }
      score[i * w + j] = best;
      back[i * w + j] = how;
      bead_sim[i * w + j] = bs;
    }
  }
  for (size_t i = n, j = m; i > 0 || j > 0;) {
    uint8_t how = back[i * w + j];
    double s = bead_sim[i * w + j];
    switch (how) {
      case 1: --i; break;
      case 2: --j; break;
      case 3: AddPair({a[i - 1]}, {b[j - 1]}, s, Origin::kGap); --i, --j; break;
      case 4: AddPair({a[i - 1]}, {b[j - 2], b[j - 1]}, s, Origin::kGap); --i, j -= 2; break;
      case 5: AddPair({a[i - 2], a[i - 1]}, {b[j - 1]}, s, Origin::kGap); i -= 2, --j; break;
      default: i = 0, j = 0; break;
    }
  }
}

void Aligner::RemovePairWith(size_t from, size_t to) {
  for (size_t k = 0; k < al_->pairs.size(); ++k) {
    const Pairing& p = al_->pairs[k];
    bool hit = (from != SIZE_MAX && std::find(p.from.begin(), p.from.end(), from) != p.from.end()) ||
               (to != SIZE_MAX && std::find(p.to.begin(), p.to.end(), to) != p.to.end());
    if (!hit) continue;
    for (size_t i : p.from) from_used_[i] = false;
    for (size_t j : p.to) to_used_[j] = false;
    al_->pairs.erase(al_->pairs.begin() + static_cast<long>(k));
    origins_.erase(origins_.begin() + static_cast<long>(k));
    --k;
  }
}

void Aligner::PairTruncated(bool from_cut, bool to_cut) {
  auto one_side = [&](bool cut_is_to) {
    const std::span<const Para> cut_side = cut_is_to ? al_->to : al_->from;
    const std::span<const Para> whole_side = cut_is_to ? al_->from : al_->to;
    if (cut_side.empty() || whole_side.empty()) return;
    const size_t c = cut_side.size() - 1;  // the cut-off paragraph: the last in document order
    const Para& cut = cut_side[c];
    if (cut.key.empty()) return;
    // The whole paragraph it starts: the first, after the last paragraph paired before it, whose
    // wording begins with the cut-off wording (the last word may itself be cut: "st" of "strife").
    size_t after = 0;  // first whole-side index allowed
    for (const Pairing& p : al_->pairs) {
      size_t pc = cut_is_to ? p.to.front() : p.from.front();
      size_t pw = cut_is_to ? p.from.back() : p.to.back();
      if (pc < c) after = std::max(after, pw + 1);
    }
    size_t exact = SIZE_MAX;
    for (size_t w = after; w < whole_side.size() && exact == SIZE_MAX; ++w) {
      const std::string& whole = whole_side[w].key;
      if (whole.size() > cut.key.size() && whole.compare(0, cut.key.size(), cut.key) == 0) exact = w;
    }
    if (exact != SIZE_MAX) {
      if (cut_is_to) {
        RemovePairWith(exact, c);
        AddPair({exact}, {c}, 1.0, Origin::kGap);
      } else {
        RemovePairWith(c, exact);
        AddPair({c}, {exact}, 1.0, Origin::kGap);
      }
      al_->pairs.back().truncated = true;
      al_->pairs.back().truncated_exact = true;
      return;
    }
    // Reworded before the cut: already paired 1:1 by similarity; compare it with the same
    // stretch of the whole paragraph from now on.
    for (Pairing& p : al_->pairs) {
      const std::vector<size_t>& cs = cut_is_to ? p.to : p.from;
      const std::vector<size_t>& ws = cut_is_to ? p.from : p.to;
      if (cs.size() == 1 && ws.size() == 1 && cs.front() == c) {
        const Para& whole = whole_side[ws.front()];
        std::string_view head = FirstTokens(whole.full, TokenCount(cut.full));
        p.truncated = true;
        p.similarity = BagDice(cut.bag, ContentBag(head), 0.0);
      }
    }
  };
  if (to_cut) one_side(true);
  if (from_cut) one_side(false);
}

void Aligner::MarkNotCompared(const Resolution& from, const Resolution& to) {
  if (al_->pairs.empty()) {
    // Two parts of one text that do not overlap (one page ends where the other begins).
    if ((from.truncated_end && to.starts_mid_document) ||
        (to.truncated_end && from.starts_mid_document)) {
      for (size_t f = 0; f < from_used_.size(); ++f) from_used_[f] = true, al_->from_not_compared.push_back(f);
      for (size_t t = 0; t < to_used_.size(); ++t) to_used_[t] = true, al_->to_not_compared.push_back(t);
    }
    return;
  }
  size_t min_from = SIZE_MAX, max_from = 0, min_to = SIZE_MAX, max_to = 0;
  for (const Pairing& p : al_->pairs) {
    for (size_t f : p.from) min_from = std::min(min_from, f), max_from = std::max(max_from, f);
    for (size_t t : p.to) min_to = std::min(min_to, t), max_to = std::max(max_to, t);
  }
  // The other copy starts late / is cut: what lies before its first / after its last pair is
  // outside what it holds.
  auto outside = [](size_t i, bool late_start, size_t first, bool cut, size_t last) {
    return (late_start && i < first) || (cut && i > last);
  };
  for (size_t f = 0; f < from_used_.size(); ++f) {
    if (!from_used_[f] &&
        outside(f, to.starts_mid_document, min_from, to.truncated_end, max_from)) {
      from_used_[f] = true;
      al_->from_not_compared.push_back(f);
    }
  }
  for (size_t t = 0; t < to_used_.size(); ++t) {
    if (!to_used_[t] &&
        outside(t, from.starts_mid_document, min_to, from.truncated_end, max_to)) {
      to_used_[t] = true;
      al_->to_not_compared.push_back(t);
    }
  }
}

void Aligner::PairLeftovers() {
  std::vector<size_t> fa, tb;
  for (size_t i = 0; i < from_used_.size(); ++i)
    if (!from_used_[i]) fa.push_back(i);
  for (size_t j = 0; j < to_used_.size(); ++j)
    if (!to_used_[j]) tb.push_back(j);
  if (fa.empty() || tb.empty() || fa.size() * tb.size() > kMaxGapCells) return;
  struct Cand {
    double sim;
    size_t f, t;
  };
  std::vector<Cand> cands;
  for (size_t f : fa) {
    for (size_t t : tb) {
      const Bag& x = al_->from[f].bag;
      const Bag& y = al_->to[t].bag;
      size_t ov = SIZE_MAX;
      double s = 1.0;
      if (al_->from[f].key != al_->to[t].key) {
        // Exact where Pairable could hold; below, any value below that fails it as well.
        ov = BagOverlapAtLeast(x, y, MinPairableOverlap(x, y));
        s = Sim(ov, x, y);
      }
      if (Pairable(x, y, s, ov)) cands.push_back({s, f, t});
    }
  }
  std::stable_sort(cands.begin(), cands.end(),
                   [](const Cand& x, const Cand& y) { return x.sim > y.sim; });
  for (const Cand& c : cands) {
    if (from_used_[c.f] || to_used_[c.t]) continue;
    AddPair({c.f}, {c.t}, c.sim, Origin::kLeftover);
  }
}

void Aligner::FlagMoves() {
  // A leftover pair is a move unless it fits the order of the pairs that are not moves.
  for (size_t k = 0; k < al_->pairs.size(); ++k) {
    if (origins_[k] != Origin::kLeftover) continue;
    Pairing& p = al_->pairs[k];
    const Para& f = al_->from[p.from.front()];
    const Para& t = al_->to[p.to.front()];
    if (f.section != t.section) {
      p.moved = true;
      continue;
    }
    for (size_t o = 0; o < al_->pairs.size() && !p.moved; ++o) {
      if (o == k || origins_[o] == Origin::kExactMoved || origins_[o] == Origin::kLeftover) continue;
      const Pairing& q = al_->pairs[o];
      const Para& qf = al_->from[q.from.front()];
      const Para& qt = al_->to[q.to.front()];
      if (qf.section != f.section || qt.section != t.section) continue;
      bool before_old = qf.index < f.index, before_new = qt.index < t.index;
      if (before_old != before_new) p.moved = true;
    }
  }
}

void Aligner::CollectUnpaired() {
  for (size_t i = 0; i < from_used_.size(); ++i)
    if (!from_used_[i]) al_->removed.push_back(i);
  for (size_t j = 0; j < to_used_.size(); ++j)
    if (!to_used_[j]) al_->added.push_back(j);
}

}  // namespace

std::vector<Para> PrepareParagraphs(const Resolution& r) {
  std::vector<Para> out;
  out.reserve(r.preamble.size() + r.operative.size() + r.annex.size());
  // One tokenization gives both the wording key and the bag when folding typography changes
  // nothing (the usual case); the buffers are reused from paragraph to paragraph.
  std::vector<TechToken> toks;
  std::string folded;
  auto add = [&](const std::vector<Paragraph>& ps, Section s) {
    for (size_t i = 0; i < ps.size(); ++i) {
      Para& p = out.emplace_back();
      p.section = s;
      p.index = i;
      p.paragraph = &ps[i];
      p.full = ParagraphFullText(ps[i]);
      const bool was_folded = FoldTypographyInto(p.full, &folded);
      const std::string_view wording = was_folded ? std::string_view(folded) : std::string_view(p.full);
      if (HasFormOrVerticalTab(wording)) {
        p.key = NormalizedWording(p.full);
      } else {
        TechnicalTokensInto(wording, &toks);
        p.key = NormalizedWordingOf(toks);
        if (!was_folded) {
          p.bag = ContentBagOf(toks);
          continue;
        }
      }
      TechnicalTokensInto(p.full, &toks);
      p.bag = ContentBagOf(toks);
    }
  };
  add(r.preamble, Section::kPreamble);
  add(r.operative, Section::kOperative);
  add(r.annex, Section::kAnnex);
  return out;
}

Alignment Align(const Resolution& from, std::span<const Para> from_paras, const Resolution& to,
                std::span<const Para> to_paras, const DiffOptions& options) {
  Alignment al;
  al.from = from_paras;
  al.to = to_paras;
  Aligner aligner(&al, options);
  for (Section s : {Section::kPreamble, Section::kOperative, Section::kAnnex}) {
    std::vector<size_t> a, b;
    for (size_t i = 0; i < al.from.size(); ++i)
      if (al.from[i].section == s) a.push_back(i);
    for (size_t j = 0; j < al.to.size(); ++j)
      if (al.to[j].section == s) b.push_back(j);
    aligner.AlignSection(a, b);
  }
  aligner.PairTruncated(from.truncated_end, to.truncated_end);
  aligner.PairLeftovers();
  aligner.MarkNotCompared(from, to);
  aligner.FlagMoves();
  aligner.CollectUnpaired();
  return al;
}

std::string_view FirstTokens(std::string_view text, size_t tokens) {
  size_t seen = 0, end = 0;
  for (std::string_view tok : Tokenize(text)) {
    unsigned char c = static_cast<unsigned char>(tok.front());
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space) {
      if (seen == tokens) break;
      ++seen;
    }
    end += tok.size();
  }
  return text.substr(0, end);
}

size_t TokenCount(std::string_view text) {
  size_t n = 0;
  for (std::string_view tok : Tokenize(text)) {
    unsigned char c = static_cast<unsigned char>(tok.front());
    n += !(c == ' ' || c == '\t' || c == '\n' || c == '\r');
  }
  return n;
}

}  // namespace recital::diff_internal

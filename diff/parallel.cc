// Structural alignment of two language versions (AlignParallel). Wording cannot pair across
// languages, so only structure does: positions, numbers, labels. Figures (years, symbols) are
// the one part of the text every language writes alike; they only place a copy whose position
// is otherwise unknown (a later page without numbers).
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <set>

#include "diff/diff.h"

namespace recital {
namespace {

// Pairs of indices into two lists; nullopt on the side that has no paragraph there.
using Pairing = std::vector<std::pair<std::optional<size_t>, std::optional<size_t>>>;

std::set<std::string> Figures(std::string_view text) {
  std::set<std::string> out;
  std::string run;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (c >= '0' && c <= '9') {
      run.push_back(c);
    } else if (!run.empty()) {
      out.insert(run);
      run.clear();
    }
  }
  return out;
}

double FigureAgreement(const std::string& a, const std::string& b) {
  auto fa = Figures(a), fb = Figures(b);
  if (fa.empty() || fb.empty()) return 0;
  size_t common = 0;
  for (const auto& f : fa) common += fb.count(f);
  return static_cast<double>(common) / static_cast<double>(fa.size() + fb.size() - common);
}

// How one stretch of unnumbered paragraphs lines up: left[i] <-> right[i + offset].
Pairing PairByOffset(size_t n_left, size_t n_right, long offset) {
  Pairing out;
  long lo = std::min<long>(0, -offset), hi = std::max<long>(static_cast<long>(n_left),
                                                          static_cast<long>(n_right) - offset);
  for (long i = lo; i < hi; ++i) {
    long j = i + offset;
    std::optional<size_t> l, r;
    if (i >= 0 && i < static_cast<long>(n_left)) l = static_cast<size_t>(i);
    if (j >= 0 && j < static_cast<long>(n_right)) r = static_cast<size_t>(j);
    if (l || r) out.emplace_back(l, r);
  }
  return out;
}

// The offset at which the figures of two stretches agree best; 0 when none agree.
long BestFigureOffset(const std::vector<const Paragraph*>& left,
                      const std::vector<const Paragraph*>& right) {
  long best = 0;
  double best_score = 0;
  for (long k = -static_cast<long>(left.size()) + 1; k < static_cast<long>(right.size()); ++k) {
    double score = 0;
    for (size_t i = 0; i < left.size(); ++i) {
      long j = static_cast<long>(i) + k;
      if (j < 0 || j >= static_cast<long>(right.size())) continue;
      score += FigureAgreement(left[i]->text, right[static_cast<size_t>(j)]->text);
    }
    if (score > best_score + 1e-9 || (score > best_score - 1e-9 && score > 0 &&
                                      std::labs(k) < std::labs(best))) {
      best_score = score;
      best = k;
    }
  }
  return best;
}

struct SideInfo {
  bool starts_mid = false;   // this section is the first the copy holds and the copy starts late
  bool continues = false;    // the copy holds a later section (this one ends where the text's does)
};

// Aligns one section: equal numbers are anchors (order-preserving); the stretches between
// anchors pair by position. notes gets a line when a stretch was placed by its figures.
Pairing AlignSection(const std::vector<const Paragraph*>& left,
                     const std::vector<const Paragraph*>& right, SideInfo li, SideInfo ri,
                     bool* placed_by_figures) {
  std::vector<std::pair<size_t, size_t>> anchors;
  size_t next_r = 0;
  for (size_t i = 0; i < left.size(); ++i) {
    if (left[i]->number.empty()) continue;
    for (size_t j = next_r; j < right.size(); ++j) {
      if (right[j]->number == left[i]->number) {
        anchors.emplace_back(i, j);
        next_r = j + 1;
        break;
      }
    }
  }
  Pairing out;
  size_t l0 = 0, r0 = 0;
  for (size_t a = 0; a <= anchors.size(); ++a) {
    size_t l1 = a < anchors.size() ? anchors[a].first : left.size();
    size_t r1 = a < anchors.size() ? anchors[a].second : right.size();
    size_t nl = l1 - l0, nr = r1 - r0;
    long offset = 0;
    bool leading = a == 0;
    if (leading && (li.starts_mid || ri.starts_mid) && nl != nr) {
      bool ends_known = !anchors.empty() || (li.continues && ri.continues);
      if (ends_known) {
        offset = static_cast<long>(nr) - static_cast<long>(nl);  // right-justified
      } else if (nl > 0 && nr > 0) {
        std::vector<const Paragraph*> sl(left.begin() + l0, left.begin() + l1);
        std::vector<const Paragraph*> sr(right.begin() + r0, right.begin() + r1);
        offset = BestFigureOffset(sl, sr);
        *placed_by_figures = true;
      }
    }
    for (auto [l, r] : PairByOffset(nl, nr, offset)) {
      out.emplace_back(l ? std::optional<size_t>(*l + l0) : std::nullopt,
                       r ? std::optional<size_t>(*r + r0) : std::nullopt);
    }
    if (a < anchors.size()) {
      out.emplace_back(anchors[a].first, anchors[a].second);
      l0 = anchors[a].first + 1;
      r0 = anchors[a].second + 1;
    }
  }
  return out;
}

// ---- sub-paragraph labels ----

// Lower-case letters of the Russian lists (ё й ъ ы ь are never used as labels).
constexpr std::array<std::string_view, 28> kCyrillic = {
    "а", "б", "в", "г", "д", "е", "ж", "з", "и", "к", "л", "м", "н", "о",
    "п", "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "э", "ю", "я"};
// Arabic lists follow the abjad order.
constexpr std::array<std::string_view, 28> kAbjad = {
    "أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن",
    "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ"};

std::string StripLabel(std::string_view label) {
  std::string s(label);
  for (std::string_view junk : {"（", "）", "ـ", "(", ")", ".", " "}) {
    for (size_t p; (p = s.find(junk)) != std::string::npos;) s.erase(p, junk.size());
  }
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (s == "ا" || s == "إ" || s == "آ") s = "أ";
  return s;
}

uint32_t Roman(const std::string& s) {
  auto value = [](char c) -> int {
    switch (c) {
      case 'i': return 1;
      case 'v': return 5;
      case 'x': return 10;
      case 'l': return 50;
      default: return 0;
    }
  };
  int total = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    int v = value(s[i]);
    if (v == 0) return 0;
    int next = i + 1 < s.size() ? value(s[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? static_cast<uint32_t>(total) : 0;
}

std::string OrdinalKey(uint32_t ordinal, bool roman, bool digits) {
  static const char* kRoman[] = {"i",   "ii",   "iii", "iv", "v",   "vi",  "vii",
                                 "viii", "ix", "x",   "xi", "xii", "xiii", "xiv"};
  if (digits) return std::to_string(ordinal);
  if (roman) return ordinal <= 14 ? kRoman[ordinal - 1] : "r" + std::to_string(ordinal);
  if (ordinal <= 26) return std::string(1, static_cast<char>('a' + ordinal - 1));
  return "l" + std::to_string(ordinal);
}

std::vector<ParallelSubRow> AlignSubparagraphs(const Paragraph* left, const Paragraph* right,
                                               bool left_cut, bool right_cut) {
  static const Paragraph kEmpty;
  const auto& ls = (left ? left : &kEmpty)->subparagraphs;
  const auto& rs = (right ? right : &kEmpty)->subparagraphs;
  auto readable = [](const std::vector<SubParagraph>& subs, bool* roman, bool* digits,
                     std::vector<uint32_t>* ords) {
    *roman = !subs.empty() && StripLabel(subs[0].number) == "i";
    *digits = !subs.empty() && !StripLabel(subs[0].number).empty() &&
              std::isdigit(static_cast<unsigned char>(StripLabel(subs[0].number)[0]));
    for (const auto& s : subs) {
      uint32_t o = SubparagraphOrdinal(s.number, *roman);
      if (o == 0) return false;
      ords->push_back(o);
    }
    return true;
  };
  bool lroman = false, ldig = false, rroman = false, rdig = false;
  std::vector<uint32_t> lo, ro;
  bool by_label = readable(ls, &lroman, &ldig, &lo) && readable(rs, &rroman, &rdig, &ro) &&
                  (ls.empty() || rs.empty() || (lroman == rroman && ldig == rdig));
  bool roman = ls.empty() ? rroman : lroman, digits = ls.empty() ? rdig : ldig;
  std::vector<ParallelSubRow> out;
  auto cell = [](const SubParagraph& s, size_t i, bool cut) {
    ParallelCell c;
    c.index = i;
    c.number = s.number;
    c.text = s.text;
    c.truncated = cut;
    return c;
  };
  size_t i = 0, j = 0;
  while (i < ls.size() || j < rs.size()) {
    ParallelSubRow row;
    bool take_l = i < ls.size(), take_r = j < rs.size();
    if (by_label && take_l && take_r && lo[i] != ro[j]) {
      take_l = lo[i] < ro[j];
      take_r = !take_l;
    }
    if (take_l) row.left = cell(ls[i], i, left_cut && i + 1 == ls.size());
    if (take_r) row.right = cell(rs[j], j, right_cut && j + 1 == rs.size());
    row.key = by_label ? OrdinalKey(take_l ? lo[i] : ro[j], roman, digits)
                       : "#" + std::to_string(out.size() + 1);
    i += take_l;
    j += take_r;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

uint32_t SubparagraphOrdinal(std::string_view label, bool roman) {
  std::string s = StripLabel(label);
  if (s.empty()) return 0;
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return s.size() <= 3 ? static_cast<uint32_t>(std::stoul(s)) : 0;
  }
  if (roman) return Roman(s);
  if (s.size() == 1 && s[0] >= 'a' && s[0] <= 'z') return static_cast<uint32_t>(s[0] - 'a' + 1);
  for (size_t k = 0; k < kCyrillic.size(); ++k) {
    if (s == kCyrillic[k]) return static_cast<uint32_t>(k + 1);
  }
  for (size_t k = 0; k < kAbjad.size(); ++k) {
    if (s == kAbjad[k]) return static_cast<uint32_t>(k + 1);
  }
  return 0;
}

const char* ParallelCoverageName(ParallelCoverage c) {
  switch (c) {
    case ParallelCoverage::kBoth: return "both";
    case ParallelCoverage::kLeftOnly: return "left_only";
    case ParallelCoverage::kRightOnly: return "right_only";
  }
  return "both";
}

namespace {

struct SectionSpan {
  Section section;
  uint32_t annex;
  std::vector<const Paragraph*> paragraphs;
};

// The record's paragraphs as spans: preamble, operative, then one span per annex.
std::vector<SectionSpan> Spans(const Resolution& r, size_t annex_count) {
  std::vector<SectionSpan> out;
  auto span = [](Section s, uint32_t annex, const std::vector<Paragraph>& ps, size_t from,
                 size_t to) {
    SectionSpan sp{s, annex, {}};
    for (size_t i = from; i < to && i < ps.size(); ++i) sp.paragraphs.push_back(&ps[i]);
    return sp;
  };
  out.push_back(span(Section::kPreamble, 0, r.preamble, 0, r.preamble.size()));
  out.push_back(span(Section::kOperative, 0, r.operative, 0, r.operative.size()));
  size_t from = 0;
  for (size_t a = 0; a < annex_count; ++a) {
    size_t n = a < r.annexes.size() ? r.annexes[a].paragraph_count : 0;
    // Paragraphs past the titled annexes' counts form one more, untitled annex (schema).
    if (a == r.annexes.size()) n = r.annex.size() - std::min(from, r.annex.size());
    out.push_back(span(Section::kAnnex, static_cast<uint32_t>(a), r.annex, from, from + n));
    from += n;
  }
  return out;
}

size_t AnnexCount(const Resolution& r) {
  size_t counted = 0;
  for (const auto& a : r.annexes) counted += a.paragraph_count;
  return r.annexes.size() + (r.annex.size() > counted ? 1 : 0);
}

std::string Place(const ParallelRow& row) {
  std::string s = SectionName(row.section);
  if (row.section == Section::kAnnex) s = "annex " + std::to_string(row.annex + 1);
  const auto& cell = row.left ? *row.left : *row.right;
  if (!cell.number.empty()) return s + " paragraph " + cell.number;
  return s + " paragraph at position " + std::to_string(cell.index + 1);
}

bool IsNumber(const std::string& s) {
  return !s.empty() && s.size() <= 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void CheckNumbering(const std::vector<SectionSpan>& spans, const std::string& lang,
                    std::vector<ParallelIssue>* issues) {
  for (const auto& sp : spans) {
    const Paragraph* prev = nullptr;
    for (const Paragraph* p : sp.paragraphs) {
      if (!IsNumber(p->number)) continue;
      if (prev && std::stoul(p->number) != std::stoul(prev->number) + 1) {
        issues->push_back({"gap", sp.section, 0,
                           lang + ": " + SectionName(sp.section) + " paragraph " + p->number +
                               " follows paragraph " + prev->number});
      }
      prev = p;
    }
  }
}

// Coverage: what lies before a late-starting copy's first row or after a cut-off copy's last.
void MarkCoverage(const Resolution& left, const Resolution& right, ParallelResult* result) {
  ParallelResult& out = *result;
  auto range = [&](bool is_left) {
    size_t first = out.rows.size(), last = 0;
    for (size_t i = 0; i < out.rows.size(); ++i) {
      if (is_left ? out.rows[i].left.has_value() : out.rows[i].right.has_value()) {
        first = std::min(first, i);
        last = i;
      }
    }
    return std::make_pair(first, last);
  };
  auto [lf, ll] = range(true);
  auto [rf, rl] = range(false);
  for (size_t i = 0; i < out.rows.size(); ++i) {
    bool lcov = !((left.starts_mid_document && i < lf) || (left.truncated_end && i > ll) ||
                  lf == out.rows.size());
    bool rcov = !((right.starts_mid_document && i < rf) || (right.truncated_end && i > rl) ||
                  rf == out.rows.size());
    auto& row = out.rows[i];
    row.coverage = (lcov && rcov) ? ParallelCoverage::kBoth
                   : lcov         ? ParallelCoverage::kLeftOnly
                                  : ParallelCoverage::kRightOnly;
  }
}

// Issues, only where both copies cover the text. ln, rn: the sides' names in messages.
void CollectIssues(const std::string& ln, const std::string& rn, ParallelResult* result) {
  ParallelResult& out = *result;
  std::array<std::pair<size_t, size_t>, 3> counts{};
  for (size_t i = 0; i < out.rows.size(); ++i) {
    const auto& row = out.rows[i];
    if (row.coverage != ParallelCoverage::kBoth) {
      ++out.not_compared;
      continue;
    }
    auto& c = counts[static_cast<size_t>(row.section)];
    c.first += row.left.has_value();
    c.second += row.right.has_value();
    if (row.left && row.right) {
      ++out.aligned;
      if (!row.left->number.empty() && !row.right->number.empty() &&
          row.left->number != row.right->number) {
        out.issues.push_back({"number", row.section, i,
                              Place(row) + " of " + ln + " stands against paragraph " +
                                  row.right->number + " of " + rn});
      }
      for (const auto& sub : row.subparagraphs) {
        if (sub.left && sub.right) continue;
        // A cut-off paragraph simply ends before its later sub-paragraphs.
        if ((!sub.left && row.left->truncated) || (!sub.right && row.right->truncated)) continue;
        const auto& have = sub.left ? *sub.left : *sub.right;
        out.issues.push_back({sub.left ? "only_left" : "only_right", row.section, i,
                              Place(row) + ": sub-paragraph " + have.number + " is in " +
                                  (sub.left ? ln : rn) + " only"});
      }
    } else {
      out.issues.push_back({row.left ? "only_left" : "only_right", row.section, i,
                            Place(row) + " is in " + (row.left ? ln : rn) + " only"});
    }
  }
  for (size_t s = 0; s < counts.size(); ++s) {
    if (counts[s].first == counts[s].second) continue;
    out.issues.push_back({"count", static_cast<Section>(s), 0,
                          std::string(SectionName(static_cast<Section>(s))) + ": " + ln +
                              " has " + std::to_string(counts[s].first) + " paragraphs, " + rn +
                              " " + std::to_string(counts[s].second) +
                              " (where both copies cover the text)"});
  }
}

}  // namespace

ParallelResult AlignParallel(const Resolution& left, const Resolution& right) {
  ParallelResult out;
  out.left_language = left.language;
  out.right_language = right.language;
  std::string ln = left.language.empty() ? "left" : left.language;
  std::string rn = right.language.empty() ? "right" : right.language;
  if (ln == rn) {
    ln += " (left)";
    rn += " (right)";
  }
  size_t annexes = std::max(AnnexCount(left), AnnexCount(right));
  auto ls = Spans(left, annexes), rs = Spans(right, annexes);
  auto side_info = [](const std::vector<SectionSpan>& spans, const Resolution& r, size_t k) {
    SideInfo info;
    bool first = true;
    for (size_t i = 0; i < k; ++i) first = first && spans[i].paragraphs.empty();
    info.starts_mid = r.starts_mid_document && first;
    for (size_t i = k + 1; i < spans.size(); ++i) info.continues |= !spans[i].paragraphs.empty();
    return info;
  };
  const Paragraph* left_last = nullptr;
  const Paragraph* right_last = nullptr;
  for (const auto& sp : ls) if (!sp.paragraphs.empty()) left_last = sp.paragraphs.back();
  for (const auto& sp : rs) if (!sp.paragraphs.empty()) right_last = sp.paragraphs.back();
  auto cell = [](const Paragraph& p, size_t index, bool cut) {
    ParallelCell c;
    c.index = index;
    c.number = p.number;
    c.lead = p.lead;
    c.text = p.text;
    c.truncated = cut;
    return c;
  };
  for (size_t k = 0; k < ls.size(); ++k) {
    bool by_figures = false;
    Pairing pairs = AlignSection(ls[k].paragraphs, rs[k].paragraphs, side_info(ls, left, k),
                                 side_info(rs, right, k), &by_figures);
    if (by_figures) {
      out.notes.push_back(std::string(SectionName(ls[k].section)) +
                          ": a copy that starts mid-document was placed where the figures "
                          "(years, symbols) of the two texts agree best");
    }
    for (auto [l, r] : pairs) {
      ParallelRow row;
      row.section = ls[k].section;
      row.annex = ls[k].annex;
      const Paragraph* lp = l ? ls[k].paragraphs[*l] : nullptr;
      const Paragraph* rp = r ? rs[k].paragraphs[*r] : nullptr;
      bool lcut = lp && left.truncated_end && lp == left_last;
      bool rcut = rp && right.truncated_end && rp == right_last;
      if (lp) row.left = cell(*lp, *l, lcut);
      if (rp) row.right = cell(*rp, *r, rcut);
      if (lp && rp && lp->number == rp->number) row.number = lp->number;
      row.subparagraphs = AlignSubparagraphs(lp, rp, lcut, rcut);
      out.rows.push_back(std::move(row));
    }
  }
  MarkCoverage(left, right, &out);
  CollectIssues(ln, rn, &out);
  CheckNumbering(ls, ln, &out.issues);
  CheckNumbering(rs, rn, &out.issues);
  return out;
}

}  // namespace recital

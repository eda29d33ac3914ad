// Tokens, similarity and the word diff (Myers + semantic clean-up).
#include <algorithm>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>

#include "diff/diff.h"
#include "diff/internal.h"

namespace recital {
namespace diff_internal {

namespace {

bool IsStopword(std::string_view w) {
  // Checked for every content word of every prepared paragraph: the size and first letter rule
  // out most words before a whole comparison.
  static constexpr std::string_view kStop[] = {
      "the", "of",   "and", "to",   "in",   "a",     "an",   "on",  "for", "by",
      "with", "at",  "its", "as",   "that", "this",  "be",   "is",  "are", "which",
      "from", "or",  "their", "all", "it",  "has",   "have", "been"};
  if (w.empty() || w.size() > 5) return false;
  for (std::string_view s : kStop) {
    if (s.size() == w.size() && s[0] == w[0] && s == w) return true;
  }
  return false;
}

}  // namespace

Bag ContentBag(std::string_view text) { return ContentBagOf(TechnicalTokens(text)); }

Bag ContentBagOf(const std::vector<TechToken>& toks) {
  // Technical spans (symbols, dates, session ordinals: technical.cc) count as one neutral token
  // each, so "Recalling its resolution 38/121 of 16 December 1983," and its successor with
  // 39/140 of 14 December 1984 are the same bag: a session's rollover never hides a pair.
  constexpr uint64_t kSpanToken = 0x9e3779b97f4a7c15ull;
  Bag bag;
  bag.reserve(toks.size());
  char lower[16];
  for (size_t k = 0; k < toks.size(); ++k) {
    const TechToken& t = toks[k];
    if (t.in_span) {
      if (k == 0 || !toks[k - 1].in_span || toks[k - 1].span != t.span) bag.push_back(kSpanToken);
      continue;
    }
    if (!t.word) continue;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < t.text.size(); ++i) {
      const char d = AsciiLower(t.text[i]);
      if (i < sizeof lower) lower[i] = d;
      h = (h ^ static_cast<unsigned char>(d)) * 1099511628211ull;
    }
    if (t.text.size() > sizeof lower || !IsStopword(std::string_view(lower, t.text.size())))
      bag.push_back(h);
  }
  std::sort(bag.begin(), bag.end());
  return bag;
}

size_t BagOverlap(const Bag& a, const Bag& b) {
  // Branch-free merge: the comparisons of two unrelated bags are unpredictable, and pairing
  // computes this for every candidate pair of paragraphs.
  const uint64_t* x = a.data();
  const uint64_t* y = b.data();
  const uint64_t* const x_end = x + a.size();
  const uint64_t* const y_end = y + b.size();
  size_t n = 0;
  while (x != x_end && y != y_end) {
    const uint64_t u = *x, v = *y;
    n += u == v;
    x += u <= v;
    y += v <= u;
  }
  return n;
}

size_t BagOverlapAtLeast(const Bag& a, const Bag& b, size_t at_least) {
  const uint64_t* x = a.data();
  const uint64_t* y = b.data();
  const uint64_t* const x_end = x + a.size();
  const uint64_t* const y_end = y + b.size();
  size_t n = 0;
  for (;;) {
    // Each step consumes at most one element of each side: `rest` steps stay in bounds, and the
    // overlap can grow by at most `rest` more.
    const size_t rest = static_cast<size_t>(std::min(x_end - x, y_end - y));
    if (rest == 0) return n;
    if (n + rest < at_least) return n + rest;
    for (size_t k = std::min<size_t>(rest, 16); k > 0; --k) {
      const uint64_t u = *x, v = *y;
      n += u == v;
      x += u <= v;
      y += v <= u;
    }
  }
}

Bag BagMinus(const Bag& a, const Bag& b) {
  Bag out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Bag BagConcat(const Bag& a, const Bag& b) {
  Bag out;
  out.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

double BagDice(const Bag& a, const Bag& b, double equal_fallback) {
  if (a.empty() && b.empty()) return equal_fallback;
  return DiceFromOverlap(BagOverlap(a, b), a.size(), b.size(), equal_fallback);
}

}  // namespace diff_internal

using diff_internal::Bag;

const char* EditOpName(EditOp op) {
  switch (op) {
    case EditOp::kEqual: return "equal";
    case EditOp::kInsert: return "insert";
    case EditOp::kDelete: return "delete";
  }
  return "equal";
}

std::vector<std::string_view> Tokenize(std::string_view text) {
  std::vector<std::string_view> out;
  std::vector<diff_internal::WordPiece> pieces;
  size_t i = 0;
  auto is_space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  auto is_word = [](unsigned char c) { return IsWordByte(static_cast<char>(c)); };
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t j = i + 1;
    if (is_space(c)) {
      while (j < text.size() && is_space(static_cast<unsigned char>(text[j]))) ++j;
    } else if (is_word(c)) {
      bool ascii = c < 0x80;
      while (j < text.size() && is_word(static_cast<unsigned char>(text[j]))) {
        ascii = ascii && static_cast<unsigned char>(text[j]) < 0x80;
        ++j;
      }
      if (!ascii) {  // maybe Chinese, or punctuation of another script glued to a word
        pieces.clear();
        diff_internal::AppendWordRun(text.substr(i, j - i), &pieces);
        for (const diff_internal::WordPiece& p : pieces) out.push_back(p.text);
        i = j;
        continue;
      }
    }
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

double Similarity(std::string_view a, std::string_view b) {
  Bag x = diff_internal::ContentBag(a), y = diff_internal::ContentBag(b);
  if (x.empty() && y.empty()) return NormalizedWording(a) == NormalizedWording(b) ? 1.0 : 0.0;
  return diff_internal::BagDice(x, y, 0.0);
}

bool IsTechnicalChange(std::string_view a, std::string_view b) {
  return NormalizedWording(a) != NormalizedWording(b) &&
         diff_internal::TechnicalKey(a) == diff_internal::TechnicalKey(b);
}

namespace diff_internal {

namespace {

// Typographic variants that differ between publishing sites, not between wordings.
struct Fold {
  std::string_view from, to;
};
constexpr Fold kFolds[] = {
    {"\xE2\x80\x98", "'"}, {"\xE2\x80\x99", "'"}, {"\xE2\x80\x9C", "\""},
    {"\xE2\x80\x9D", "\""}, {"\xE2\x80\x93", "-"}, {"\xE2\x80\x94", "-"},
    {"\xC2\xA0", " "},      {"\xC2\xAD", ""}};

// The fold that applies at byte i of text, or nullptr.
// FoldTypographyInto only tries bytes that can start a fold.
static_assert([] {
  for (const Fold& f : kFolds)
    if (f.from[0] != '\xE2' && f.from[0] != '\xC2') return false;
  return true;
}());

const Fold* FoldAt(std::string_view text, size_t i) {
  if (static_cast<unsigned char>(text[i]) < 0x80) return nullptr;
  const std::string_view rest = text.substr(i);
  for (const Fold& f : kFolds) {
    if (rest.starts_with(f.from)) return &f;
  }
  return nullptr;
}

}  // namespace

std::string FoldTypography(std::string_view text) {
  std::string folded;
  if (!FoldTypographyInto(text, &folded)) folded.assign(text);
  return folded;
}

bool FoldTypographyInto(std::string_view text, std::string* out) {
  // Every fold starts with 0xE2 or 0xC2: only those bytes are tried (most texts hold none).
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c == 0xE2 || c == 0xC2) && FoldAt(text, i) != nullptr) break;
  }
  if (i == text.size()) return false;
  out->clear();
  out->reserve(text.size());
  out->append(text.substr(0, i));
  while (i < text.size()) {
    if (const Fold* f = FoldAt(text, i)) {
      out->append(f->to);
      i += f->from.size();
    } else {
      out->push_back(text[i++]);
    }
  }
  return true;
}

std::string NormalizedWordingOf(const std::vector<TechToken>& folded_toks) {
  size_t size = 0;
  for (const TechToken& t : folded_toks) size += t.text.size() + 1;
  std::string out;
  out.reserve(size);
  for (const TechToken& t : folded_toks) {
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

bool HasFormOrVerticalTab(std::string_view text) {
  // A plain loop: find_first_of calls memchr over the two characters for every byte.
  for (char c : text)
    if (c == '\f' || c == '\v') return true;
  return false;
}

}  // namespace diff_internal

std::string NormalizedWording(std::string_view text) {
  const std::string folded = diff_internal::FoldTypography(text);
  std::string out;
  for (std::string_view tok : Tokenize(folded)) {
    unsigned char c = static_cast<unsigned char>(tok.front());
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (!out.empty()) out += ' ';
    out += tok;
  }
  return out;
}

std::string ParagraphFullText(const Paragraph& p) {
  size_t size = p.text.size();
  for (const SubParagraph& s : p.subparagraphs) size += s.number.size() + s.text.size() + 2;
  std::string out;
  out.reserve(size);
  out.append(p.text);
  for (const SubParagraph& s : p.subparagraphs) {
    if (!out.empty()) out += ' ';
    if (!s.number.empty()) {
      out += s.number;
      out += ' ';
    }
    out += s.text;
  }
  return out;
}

namespace {

// A unit of the word diff: the whitespace before a token plus the token. Units compare by the
// token alone, so line wrapping and double spaces never show as changes.
struct Unit {
  std::string_view text;  // whitespace + token
  uint32_t id = 0;        // interned token
};

std::vector<Unit> Units(std::string_view text, std::unordered_map<std::string_view, uint32_t>* ids) {
  std::vector<Unit> out;
  size_t pending = std::string_view::npos;  // start of whitespace before the next token
  size_t pos = 0;
  for (std::string_view tok : Tokenize(text)) {
    unsigned char c = static_cast<unsigned char>(tok.front());
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      pending = pos;
    } else {
      size_t start = pending == std::string_view::npos ? pos : pending;
      auto [it, inserted] = ids->try_emplace(tok, static_cast<uint32_t>(ids->size()));
      out.push_back({text.substr(start, pos + tok.size() - start), it->second});
      pending = std::string_view::npos;
    }
    pos += tok.size();
  }
  if (pending != std::string_view::npos && !out.empty()) {
    // Trailing whitespace joins the last unit so the texts still concatenate back.
    Unit& last = out.back();
    last.text = std::string_view(last.text.data(), text.data() + text.size() - last.text.data());
  }
  return out;
}

// Myers' O(ND) diff over ids. Returns ops per step: 0 equal, 1 insert (from b), 2 delete (from a).
// Gives up (delete all, insert all) when the trace would exceed kMaxCells.
std::vector<uint8_t> MyersOps(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  constexpr size_t kMaxCells = 20'000'000;
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  const int max = n + m;
  std::vector<int> v(2 * static_cast<size_t>(max) + 4, 0);
  const int off = max + 1;
  std::vector<std::vector<int>> trace;
  size_t cells = 0;
  int found_d = -1;
  for (int d = 0; d <= max && found_d < 0; ++d) {
    trace.emplace_back(v.begin() + (off - d - 1), v.begin() + (off + d + 2));
    cells += static_cast<size_t>(2 * d + 3);
    if (cells > kMaxCells) break;
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                      : v[off + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[off + k] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
  }
  std::vector<uint8_t> ops;
  if (found_d < 0) {
    ops.assign(static_cast<size_t>(n), 2);
    ops.insert(ops.end(), static_cast<size_t>(m), 1);
    return ops;
  }
  int x = n, y = m;
  for (int d = found_d; d > 0; --d) {
    const std::vector<int>& pv = trace[static_cast<size_t>(d)];  // v before step d, keys -d-1..d+1
    auto at = [&](int k) { return pv[static_cast<size_t>(k + d + 1)]; };
    int k = x - y;
    int prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    int prev_x = at(prev_k);
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      ops.push_back(0);
      --x, --y;
    }
    ops.push_back(prev_k == k + 1 ? 1 : 2);
    x = prev_x, y = prev_y;
  }
  while (x > 0 && y > 0) {
    ops.push_back(0);
    --x, --y;
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

// Segments of the edit script as texts; a change run is kept as one delete + one insert.
struct Seg {
  EditOp op;
  std::string text;
};

void AppendSeg(std::vector<Seg>* segs, EditOp op, std::string_view text) {
  if (text.empty()) return;
  if (!segs->empty() && segs->back().op == op) {
    segs->back().text += text;
  } else {
    segs->push_back({op, std::string(text)});
  }
}

// Rebuilds segs so that between equalities there is at most one delete then one insert.
std::vector<Seg> Normalize(const std::vector<Seg>& segs) {
  std::vector<Seg> out;
  std::string del, ins;
  auto flush = [&] {
    AppendSeg(&out, EditOp::kDelete, del);
    AppendSeg(&out, EditOp::kInsert, ins);
    del.clear();
    ins.clear();
  };
  for (const Seg& s : segs) {
    if (s.op == EditOp::kEqual) {
      flush();
      AppendSeg(&out, EditOp::kEqual, s.text);
    } else {
      (s.op == EditOp::kDelete ? del : ins) += s.text;
    }
  }
  flush();
  return out;
}

// diff-match-patch's semantic rule: an equality no longer than the changes on both sides of it
// is folded into them. A stretch of two or three short words between two rewrites reads better
// as part of one changed phrase than as islands.
bool AbsorbShortEqualities(std::vector<Seg>* segs) {
  bool changed = false;
  for (size_t i = 0; i < segs->size(); ++i) {
    if ((*segs)[i].op != EditOp::kEqual) continue;
    size_t del_before = 0, ins_before = 0, del_after = 0, ins_after = 0;
    for (size_t j = i; j-- > 0 && (*segs)[j].op != EditOp::kEqual;) {
      ((*segs)[j].op == EditOp::kDelete ? del_before : ins_before) += (*segs)[j].text.size();
    }
    for (size_t j = i + 1; j < segs->size() && (*segs)[j].op != EditOp::kEqual; ++j) {
      ((*segs)[j].op == EditOp::kDelete ? del_after : ins_after) += (*segs)[j].text.size();
    }
    size_t len = Trim((*segs)[i].text).size();
    if (del_before + ins_before == 0 || del_after + ins_after == 0) continue;
    if (len <= std::max(del_before, ins_before) && len <= std::max(del_after, ins_after)) {
      Seg eq = (*segs)[i];
      (*segs)[i] = {EditOp::kDelete, eq.text};
      segs->insert(segs->begin() + static_cast<long>(i) + 1, {EditOp::kInsert, eq.text});
      changed = true;
    }
  }
  if (changed) *segs = Normalize(*segs);
  return changed;
}

// Leading whitespace shared by a change run moves into the equality before it, so a change
// reads "foo [-bar-]{+baz+}" rather than "foo[- bar-]{+ baz+}".
void HoistWhitespace(std::vector<Seg>* segs) {
  for (size_t i = 1; i < segs->size(); ++i) {
    if ((*segs)[i].op == EditOp::kEqual || (*segs)[i - 1].op != EditOp::kEqual) continue;
    size_t end = i;
    while (end < segs->size() && (*segs)[end].op != EditOp::kEqual) ++end;
    // Only when every segment of the run starts with a space.
    bool all = true;
    for (size_t j = i; j < end; ++j) all = all && (*segs)[j].text.size() > 1 && (*segs)[j].text[0] == ' ';
    if (!all) continue;
    if (end - i == 2) {  // a delete and an insert: both sides keep one space before the run
      for (size_t j = i; j < end; ++j) (*segs)[j].text.erase(0, 1);
      (*segs)[i - 1].text += ' ';
    } else if (end < segs->size() && (*segs)[end].text.size() > 1 && (*segs)[end].text[0] == ' ') {
      // A pure insertion or deletion: rotate the space ("all {+Member +}States") so that the
      // side without the run still has exactly one space.
      (*segs)[i].text.erase(0, 1);
      (*segs)[i].text += ' ';
      (*segs)[end].text.erase(0, 1);
      (*segs)[i - 1].text += ' ';
    }
  }
}

}  // namespace

std::vector<Edit> DiffWords(std::string_view a, std::string_view b) {
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<Unit> ua = Units(a, &ids), ub = Units(b, &ids);
  // Common prefix and suffix need no search.
  size_t pre = 0;
  while (pre < ua.size() && pre < ub.size() && ua[pre].id == ub[pre].id) ++pre;
  size_t suf = 0;
  while (suf < ua.size() - pre && suf < ub.size() - pre &&
         ua[ua.size() - 1 - suf].id == ub[ub.size() - 1 - suf].id)
    ++suf;
  std::vector<uint32_t> ia, ib;
  for (size_t i = pre; i < ua.size() - suf; ++i) ia.push_back(ua[i].id);
  for (size_t i = pre; i < ub.size() - suf; ++i) ib.push_back(ub[i].id);
  std::vector<uint8_t> ops = MyersOps(ia, ib);

  std::vector<Seg> segs;
  for (size_t i = 0; i < pre; ++i) AppendSeg(&segs, EditOp::kEqual, ub[i].text);
  size_t x = pre, y = pre;
  for (uint8_t op : ops) {
    if (op == 0) {
      AppendSeg(&segs, EditOp::kEqual, ub[y].text);
      ++x, ++y;
    } else if (op == 1) {
      AppendSeg(&segs, EditOp::kInsert, ub[y++].text);
    } else {
      AppendSeg(&segs, EditOp::kDelete, ua[x++].text);
    }
  }
  for (size_t i = ub.size() - suf; i < ub.size(); ++i) AppendSeg(&segs, EditOp::kEqual, ub[i].text);
  segs = Normalize(segs);
  for (int round = 0; round < 64 && AbsorbShortEqualities(&segs); ++round) {
  }
  HoistWhitespace(&segs);
  std::vector<Edit> out;
  for (Seg& s : segs) {
    if (!s.text.empty()) out.push_back({s.op, std::move(s.text)});
  }
  return out;
}

}  // namespace recital

// Follow-up series: union of same-title members and recall chains, then user corrections.
#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "diff/internal.h"
#include "schema/symbol.h"

namespace recital {

namespace {

// Resolutions a recalling paragraph names in the short form: "48/113" -> "A/RES/48/113",
// "2957 (XXVII)" -> "A/RES/2957(XXVII)" (schema/symbol.h reads them). A session of at most two
// digits keeps ECOSOC's "1995/55" out; "54/12/Add.1" is a document, not a resolution.
std::vector<std::string> ResolutionNumbers(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsAsciiDigit(text[i]) || (i > 0 && (IsAsciiDigit(text[i - 1]) || text[i - 1] == '/'))) {
      continue;
    }
    auto found = ReadResolutionSymbol(text, i, SymbolForm::kShort);
    if (!found) continue;
    const Symbol& sym = found->symbol;
    const bool modern = sym.kind == SymbolKind::kResolution && sym.session < 100 &&
                        (found->end >= text.size() || text[found->end] != '/');
    // Old style only as citations write it, "2957 (XXVII)": three digits or more, a space.
    const bool old = sym.kind == SymbolKind::kOldResolution && sym.number >= 100 &&
                     text.substr(i, found->end - i).find(" (") != std::string_view::npos;
    if (!modern && !old) continue;
    out.push_back(sym.ToString());
    i = found->end;
  }
  return out;
}

// Whether a paragraph names the Assembly's own resolutions ("its resolution 48/113"), in any of
// the six languages: "sa résolution", "sus resoluciones", "свою резолюцию", "其...第49/35号决议"
// (or "大会...决议"), "قرارها". Only such paragraphs give a member's recalls; a paragraph
// naming the Security Council's resolutions does not.
bool RecallsOwnResolution(std::string_view text) {
  static constexpr std::string_view kPhrases[] = {
      "its resolution", "sa résolution", "ses résolutions", "su resolución",
      "sus resoluciones", "свою резолюц", "свои резолюц", "своей резолюц", "своих резолюц",
      "своими резолюц", "своим резолюц", "قرارها", "قراراتها"};
  const std::string lower = AsciiLower(text);
  for (std::string_view phrase : kPhrases) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  // Chinese: 其 ("its") or 大会 before 决议/決議 in the same clause.
  for (std::string_view own : {std::string_view("其"), std::string_view("大会"),
                               std::string_view("大會")}) {
    size_t at = text.find(own);
    if (at == std::string_view::npos) continue;
    for (std::string_view res : {std::string_view("决议"), std::string_view("決議")}) {
      size_t r = text.find(res, at);
      if (r != std::string_view::npos && text.substr(at, r - at).find("，") == std::string::npos &&
          text.substr(at, r - at).find("安全理事会") == std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

struct UnionFind {
  std::vector<size_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Join(size_t a, size_t b) { parent[Find(a)] = Find(b); }
};

// Lower-case words of text without punctuation and the little words titles vary in; with
// drop_head, without a leading "Report of" / "Work of".
std::string NormalizedWords(std::string_view text, bool drop_head) {
  static const std::set<std::string, std::less<>> kDrop = {"the", "of", "and", "a",  "an",  "to",
                                                           "in",  "on", "for", "by", "with"};
  std::vector<std::string> words;
  for (std::string_view tok : Tokenize(text)) {
    if (IsWordByte(tok.front())) words.push_back(AsciiLower(tok));
  }
  size_t first = 0;
  if (drop_head && words.size() > 2 && (words[0] == "report" || words[0] == "work") &&
      words[1] == "of") {
    first = 2;
  }
  std::string out;
  for (size_t i = first; i < words.size(); ++i) {
    if (kDrop.count(words[i]) || diff_internal::IsCountingWord(words[i])) continue;
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::vector<std::string_view> Words(std::string_view normalized) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (at < normalized.size()) {
    size_t end = normalized.find(' ', at);
    if (end == std::string_view::npos) end = normalized.size();
    if (end > at) out.push_back(normalized.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// Adds the number of word tokens of text (tokens of Tokenize that start with a word byte) to
// *n, stopping once *n reaches limit: whether a paragraph is long enough is asked of every
// paragraph of every member, so no token vector is built. pieces: scratch for AppendWordRun.
void CountWords(std::string_view text, size_t limit, size_t* n,
                std::vector<diff_internal::WordPiece>* pieces) {
  for (size_t i = 0; i < text.size() && *n < limit;) {
    if (!IsWordByte(text[i])) {  // a space or a single punctuation character: not a word
      ++i;
      continue;
    }
    size_t j = i;
    bool ascii = true;
    for (; j < text.size() && IsWordByte(text[j]); ++j) {
      ascii = ascii && static_cast<unsigned char>(text[j]) < 0x80;
    }
    if (ascii) {
      ++*n;
    } else {  // as Tokenize: the run cut at ICU's word boundaries, each piece a token
      pieces->clear();
      diff_internal::AppendWordRun(text.substr(i, j - i), pieces);
      for (const diff_internal::WordPiece& p : *pieces) *n += IsWordByte(p.text.front());
    }
    i = j;
  }
}

// Whether ParagraphFullText(p) holds at least `words` word tokens. Its parts are joined by
// spaces, which end every token: the count of the whole is the sum of the parts'.
bool HasWords(const Paragraph& p, size_t words, std::vector<diff_internal::WordPiece>* pieces) {
  size_t n = 0;
  CountWords(p.text, words, &n, pieces);
  for (const SubParagraph& s : p.subparagraphs) {
    CountWords(s.number, words, &n, pieces);
    CountWords(s.text, words, &n, pieces);
  }
  return n >= words;
}

// A member with its facts prepared for the edges of DetectSeries.
struct Node {
  const SeriesMember* m = nullptr;
  std::string title;  // NormalizeTitle
  std::string key;    // SeriesTitleKey
  bool split = false;
};

bool DifferentSessions(const SeriesMember& a, const SeriesMember& b) {
  return a.session == 0 || b.session == 0 || a.session != b.session;
}

bool RecallInCommon(const SeriesMember& a, const SeriesMember& b) {
  for (const std::string& r : a.recalls) {
    if (r == b.symbol) continue;
    if (std::find(b.recalls.begin(), b.recalls.end(), r) != b.recalls.end()) return true;
  }
  return false;
}

// Titles "Heading: subject" under one heading (an agenda item with sub-items, "General and
// complete disarmament: nuclear disarmament") are related only when their subjects are: most of
// the longer subject's words are the shorter one's. nullopt when the titles are not both so.
std::optional<bool> RelatedSubjects(std::string_view raw_a, std::string_view raw_b) {
  const size_t ca = raw_a.find(':'), cb = raw_b.find(':');
  if (ca == std::string_view::npos || cb == std::string_view::npos) return std::nullopt;
  if (NormalizedWords(raw_a.substr(0, ca), false) != NormalizedWords(raw_b.substr(0, cb), false)) {
    return std::nullopt;
  }
  const std::string sa = NormalizedWords(raw_a.substr(ca + 1), false);
  const std::string sb = NormalizedWords(raw_b.substr(cb + 1), false);
  std::vector<std::string_view> a = Words(sa), b = Words(sb);
  if (a.empty() || b.empty()) return std::nullopt;
  std::set<std::string_view> wa(a.begin(), a.end()), wb(b.begin(), b.end());
  size_t common = 0;
  for (std::string_view w : wa) common += wb.count(w);
  return 2 * common >= std::max(wa.size(), wb.size());
}

// One subject for a recall: titles sharing at least two words and half of the longer title's
// ("Nuclear disarmament" recalls, but is not, the follow-up to the 2013 high-level meeting on
// nuclear disarmament), or under one heading, related subjects.
bool SameSubject(const Node& a, const Node& b) {
  if (auto sub = RelatedSubjects(a.m->title, b.m->title)) return *sub;
  std::vector<std::string_view> x = Words(a.title), y = Words(b.title);
  std::set<std::string_view> wa(x.begin(), x.end()), wb(y.begin(), y.end());
  size_t common = 0;
  for (std::string_view w : wa) common += wb.count(w);
  return common >= 2 && 2 * common >= std::max(wa.size(), wb.size());
}

// A paragraph found word for word under more titles than this is common wording (the 2030
// Agenda recall that many Second Committee resolutions carry), not a sign of one subject.
constexpr size_t kMaxTitlesOfSharedParagraph = 2;

// A title of at least this many words names one subject: the same title with a qualifier after it
// is a sub-item of that subject (DetectSeries).
constexpr size_t kMinWordsOfQualifiedTitle = 6;

// Shared paragraph counts between members: shared[i][j] for i < j, only pairs sharing any.
// Paragraphs that members of more than kMaxTitlesOfSharedParagraph titles carry are left out.
using SharedCounts = std::map<std::pair<size_t, size_t>, size_t>;
SharedCounts CountSharedParagraphs(const std::vector<Node>& nodes) {
  std::map<Hash128, std::vector<size_t>> users;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].split) continue;
    std::set<Hash128> seen;
    for (const Hash128& h : nodes[i].m->paragraphs) {
      if (seen.insert(h).second) users[h].push_back(i);
    }
  }
  SharedCounts shared;
  for (const auto& [hash, who] : users) {
    std::set<std::string_view> titles;
    for (size_t i : who) {
      if (!nodes[i].key.empty()) titles.insert(nodes[i].key);
    }
    if (titles.size() > kMaxTitlesOfSharedParagraph) continue;
    for (size_t a = 0; a < who.size(); ++a) {
      for (size_t b = a + 1; b < who.size(); ++b) ++shared[{who[a], who[b]}];
    }
  }
  return shared;
}

// Edge 2 of DetectSeries: recalls between members of one subject.
void JoinRecalls(const std::vector<Node>& nodes, const std::map<std::string, size_t>& by_symbol,
                 const SharedCounts& shared, UnionFind* uf) {
  // The sessions of each title key: a title that changed ends before the new one begins; two
  // titles running side by side are two subjects.
  std::map<std::string_view, std::pair<uint32_t, uint32_t>> span;  // key -> first, last session
  for (const Node& n : nodes) {
    if (n.split || n.m->session == 0) continue;
    auto [it, fresh] = span.emplace(n.key, std::pair{n.m->session, n.m->session});
    if (!fresh) {
      it->second.first = std::min(it->second.first, n.m->session);
      it->second.second = std::max(it->second.second, n.m->session);
    }
  }
  auto one_after_other = [&](const Node& a, const Node& b) {
    auto x = span.find(a.key), y = span.find(b.key);
    if (x == span.end() || y == span.end()) return true;
    return x->second.second < y->second.first || y->second.second < x->second.first;
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].split) continue;
    const SeriesMember& now = *nodes[i].m;
    for (const std::string& r : now.recalls) {
      auto it = by_symbol.find(r);
      if (it == by_symbol.end() || it->second == i || nodes[it->second].split) continue;
      const size_t j = it->second;
      const SeriesMember& old = *nodes[j].m;
      if (now.session != 0 && old.session != 0 && old.session >= now.session) continue;
      // Titles in two languages cannot speak for or against one subject: a recall of its own
      // resolution, or a resolution recalled in common, joins across languages.
      const bool languages_differ =
          !now.language.empty() && !old.language.empty() && now.language != old.language;
      const bool across = languages_differ && (now.recalls_own || RecallInCommon(now, old));
      const bool one_subject = across || nodes[i].title.empty() || nodes[j].title.empty() ||
                               SameSubject(nodes[i], nodes[j]) ||
                               (one_after_other(nodes[i], nodes[j]) && RecallInCommon(now, old)) ||
                               shared.count({std::min(i, j), std::max(i, j)}) > 0;
      if (one_subject) uf->Join(i, j);
    }
  }
}

// Edge 3 of DetectSeries: shared whole paragraphs.
void JoinSharedParagraphs(const std::vector<Node>& nodes, const SharedCounts& shared,
                          UnionFind* uf) {
  for (const auto& [pair, count] : shared) {
    const Node& a = nodes[pair.first];
    const Node& b = nodes[pair.second];
    if (!DifferentSessions(*a.m, *b.m)) continue;
    const bool untitled = a.title.empty() || b.title.empty();
    // Titled members under two titles join on two shared paragraphs that are a good part of
    // the shorter one (the territories' resolutions share two of some thirty).
    const size_t fewer = std::min(a.m->paragraphs.size(), b.m->paragraphs.size());
    if ((untitled && count >= 1) ||
        (!untitled && a.key != b.key && count >= 2 && 4 * count >= fewer)) {
      uf->Join(pair.first, pair.second);
    }
  }
}

// The last rule of DetectSeries: groups without a title join the title their text names.
void JoinNamedTitles(const std::vector<Node>& nodes, UnionFind* uf) {
  std::map<std::string, size_t, std::less<>> titled;  // normalised title -> a member
  size_t max_words = 0;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].split || nodes[i].title.empty()) continue;
    if (titled.emplace(nodes[i].title, i).second) {
      max_words = std::max(max_words, Words(nodes[i].title).size());
    }
  }
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i].split) groups[uf->Find(i)].push_back(i);
  }
  std::vector<std::pair<size_t, size_t>> joins;
  for (const auto& [root, members] : groups) {
    bool untitled = true;
    for (size_t i : members) untitled = untitled && nodes[i].title.empty();
    if (!untitled) continue;
    std::string best;
    size_t best_words = 0;
    bool tie = false;
    for (size_t i : members) {
      auto named = SeriesNamedTitles(nodes[i].m->untitled_text, max_words,
                                     [&](std::string_view t) { return titled.count(t) > 0; });
      for (const auto& [run, words] : named) {
        if (words > best_words) {
          best = std::string(run), best_words = words, tie = false;
        } else if (words == best_words && run != best) {
          tie = true;
        }
      }
    }
    if (best_words > 0 && !tie) joins.emplace_back(root, titled.find(best)->second);
  }
  for (const auto& [a, b] : joins) uf->Join(a, b);
}

}  // namespace

SeriesMember SeriesMemberFromResolution(const Resolution& r) {
  SeriesMember m;
  m.symbol = r.symbol;
  m.session = r.session;
  m.title = r.title;
  m.agenda_items = r.agenda_items;
  m.language = r.language;
  for (const Paragraph& p : r.preamble) {
    if (!RecallsOwnResolution(p.text)) continue;
    for (std::string& s : ResolutionNumbers(p.text)) m.recalls.push_back(std::move(s));
  }
  m.recalls_own = !m.recalls.empty();
  if (m.recalls.empty()) {
    for (const Citation& c : r.citations) m.recalls.push_back(c.symbol);
  }
  std::vector<const Paragraph*> all;
  for (const auto* section : {&r.preamble, &r.operative, &r.annex}) {
    for (const Paragraph& p : *section) all.push_back(&p);
  }
  const bool untitled = NormalizeTitle(r.title).empty();
  std::set<Hash128> seen;
  std::string text;
  std::vector<diff_internal::WordPiece> pieces;
  for (size_t i = 0; i < all.size(); ++i) {
    if (untitled) text += (text.empty() ? "" : " ") + ParagraphFullText(*all[i]);
    // A cut-off paragraph is a fragment, not the wording it shares the start of.
    if ((i == 0 && r.starts_mid_document) || (i + 1 == all.size() && r.truncated_end)) continue;
    if (!HasWords(*all[i], kSeriesParagraphWords, &pieces)) continue;
    const Hash128 h = WordingHash(*all[i]);
    if (seen.insert(h).second) m.paragraphs.push_back(h);
  }
  if (untitled) m.untitled_text = NormalizedWords(text, /*drop_head=*/false);
  return m;
}

std::string NormalizeTitle(std::string_view title) {
  return NormalizedWords(title, /*drop_head=*/true);
}

std::string SeriesTitleKey(std::string_view normalized_title) {
  std::string key;
  for (char c : normalized_title) {
    if (c != ' ') key += c;
  }
  return key;
}

std::vector<std::string> SeriesHeadKeys(std::string_view raw_title) {
  std::vector<std::string> heads;
  // "Heading: subject" joins a member titled just "Heading" (the scale of assessments and its
  // requests under Article 19).
  if (const size_t colon = raw_title.find(':'); colon != std::string_view::npos) {
    heads.push_back(SeriesTitleKey(NormalizeTitle(std::string(raw_title.substr(0, colon)))));
  }
  // A title that is another member's whole title and a qualifier joins it when that title is
  // long enough to name one subject (kMinWordsOfQualifiedTitle words): "Implementation of the
  // Declaration on the Granting of Independence to Colonial Countries and Peoples by the
  // specialized agencies ...", "Scale of assessments for the apportionment of the expenses of the
  // United Nations peacekeeping operations" (one agenda item, resolutions adopted side by side).
  const std::string title = NormalizeTitle(std::string(raw_title));
  std::vector<std::string_view> words = Words(title);
  std::string prefix;
  for (size_t k = 0; k + 1 < words.size(); ++k) {
    prefix += words[k];  // keys are titles without their spaces
    if (k + 1 >= kMinWordsOfQualifiedTitle) heads.push_back(prefix);
  }
  return heads;
}

bool RelatedTitles(std::string_view normalized_a, std::string_view normalized_b) {
  std::vector<std::string_view> a = Words(normalized_a), b = Words(normalized_b);
  if (a.empty() || b.empty()) return false;
  std::set<std::string_view> sa(a.begin(), a.end()), sb(b.begin(), b.end());
  size_t common = 0;
  for (std::string_view w : sa) common += sb.count(w);
  return common >= 2 && 2 * common >= std::min(sa.size(), sb.size());
}

std::vector<std::pair<std::string_view, size_t>> SeriesNamedTitles(
    std::string_view untitled_text, size_t max_words,
    const std::function<bool(std::string_view)>& is_title) {
  std::vector<std::pair<std::string_view, size_t>> out;
  // Start offsets of the words of the text.
  std::vector<size_t> starts;
  for (size_t i = 0; i < untitled_text.size(); ++i) {
    if (untitled_text[i] != ' ' && (i == 0 || untitled_text[i - 1] == ' ')) starts.push_back(i);
  }
  for (size_t w = 0; w < starts.size(); ++w) {
    for (size_t n = 2; n <= max_words && w + n <= starts.size(); ++n) {
      const size_t end = w + n < starts.size() ? starts[w + n] - 1 : untitled_text.size();
      std::string_view run = untitled_text.substr(starts[w], end - starts[w]);
      if (is_title(run)) out.emplace_back(run, n);
    }
  }
  return out;
}

std::vector<Series> DetectSeries(const std::vector<SeriesMember>& members,
                                 const SeriesOverrides& overrides) {
  // Unique members by symbol (the first occurrence wins).
  std::vector<Node> nodes;
  std::map<std::string, size_t> by_symbol;
  std::set<std::string> split_out(overrides.split_out.begin(), overrides.split_out.end());
  for (const SeriesMember& m : members) {
    if (m.symbol.empty() || by_symbol.count(m.symbol)) continue;
    by_symbol[m.symbol] = nodes.size();
    Node n{&m, NormalizeTitle(m.title), "", split_out.count(m.symbol) > 0};
    n.key = SeriesTitleKey(n.title);
    nodes.push_back(std::move(n));
  }
  UnionFind uf(nodes.size());
  std::map<std::string, size_t> by_title;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].split || nodes[i].title.empty()) continue;
    auto [it, inserted] = by_title.emplace(nodes[i].key, i);
    if (!inserted) uf.Join(i, it->second);
  }
  // A member joins the titles its title heads (SeriesHeadKeys).
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].split) continue;
    for (const std::string& head : SeriesHeadKeys(nodes[i].m->title)) {
      auto it = by_title.find(head);
      if (it != by_title.end() && it->second != i) uf.Join(i, it->second);
    }
  }
  const SharedCounts shared = CountSharedParagraphs(nodes);
  JoinRecalls(nodes, by_symbol, shared, &uf);
  JoinSharedParagraphs(nodes, shared, &uf);
  JoinNamedTitles(nodes, &uf);

  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < nodes.size(); ++i) groups[uf.Find(i)].push_back(i);
  auto earlier = [&](size_t x, size_t y) {
    if (nodes[x].m->session != nodes[y].m->session)
      return nodes[x].m->session < nodes[y].m->session;
    return nodes[x].m->symbol < nodes[y].m->symbol;
  };
  std::vector<std::vector<size_t>> sets;
  for (auto& [root, v] : groups) {
    std::sort(v.begin(), v.end(), earlier);
    sets.push_back(std::move(v));
  }
  auto key_of = [&](const std::vector<size_t>& v) {
    return "s-" + HashBytes(nodes[v.front()].m->symbol).ToHex().substr(0, 12);
  };
  // User joins, applied in order; keys are those of the detected grouping.
  for (const auto& [ka, kb] : overrides.joins) {
    auto find = [&](const std::string& k) {
      for (size_t s = 0; s < sets.size(); ++s)
        if (!sets[s].empty() && key_of(sets[s]) == k) return static_cast<long>(s);
      return -1L;
    };
    long a = find(ka), b = find(kb);
    if (a < 0 || b < 0 || a == b) continue;
    std::vector<size_t> merged = sets[static_cast<size_t>(a)];
    merged.insert(merged.end(), sets[static_cast<size_t>(b)].begin(),
                  sets[static_cast<size_t>(b)].end());
    std::sort(merged.begin(), merged.end(), earlier);
    sets[static_cast<size_t>(a)] = std::move(merged);
    sets[static_cast<size_t>(b)].clear();
  }
  for (const auto& [sa, sb] : overrides.member_joins) {
    auto ia = by_symbol.find(sa), ib = by_symbol.find(sb);
    if (ia == by_symbol.end() || ib == by_symbol.end() || split_out.count(sa) ||
        split_out.count(sb)) {
      continue;
    }
    auto holding = [&](size_t node) {
      for (size_t s = 0; s < sets.size(); ++s)
        if (std::find(sets[s].begin(), sets[s].end(), node) != sets[s].end()) return s;
      return sets.size();
    };
    const size_t a = holding(ia->second), b = holding(ib->second);
    if (a == b || a == sets.size() || b == sets.size()) continue;
    sets[a].insert(sets[a].end(), sets[b].begin(), sets[b].end());
    std::sort(sets[a].begin(), sets[a].end(), earlier);
    sets[b].clear();
  }
  std::map<std::string, std::string> names(overrides.names.begin(), overrides.names.end());
  std::vector<Series> out;
  for (const auto& v : sets) {
    if (v.empty()) continue;
    Series s;
    s.key = key_of(v);
    for (size_t i : v) s.symbols.push_back(nodes[i].m->symbol);
    for (auto it = v.rbegin(); it != v.rend() && s.name.empty(); ++it) s.name = nodes[*it].m->title;
    if (s.name.empty()) s.name = nodes[v.back()].m->symbol;
    if (auto n = names.find(s.key); n != names.end()) s.name = n->second;
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [&](const Series& x, const Series& y) {
    const SeriesMember& a = *nodes[by_symbol[x.symbols.front()]].m;
    const SeriesMember& b = *nodes[by_symbol[y.symbols.front()]].m;
    if (a.session != b.session) return a.session < b.session;
    return x.key < y.key;
  });
  return out;
}

}  // namespace recital

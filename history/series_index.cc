// The stored series membership (store/FORMAT.md "Format 6", layout of format 7): history/
// computes series detection and keeps the result in the store's derived `series` index, stamped
// with the input generation it was computed from. Readers use it only while it is fresh;
// otherwise they compute (the reference path, unchanged). Ingest keeps it in the release's own
// transaction (DeriveIndexes). Layout (keys and values, this file only; format 7):
//   m/<symbol>      -> series key (6 bytes: the 12 hex digits of "s-" + 12 hex as bytes), then
//                      the 8-byte TitleHash of the document's title (absent: it has none)
//   s/<series key, 6 bytes> -> varint session of the first member, string name, varint member
//                      count n, varint title count k, k 8-byte TitleHashes (the members'
//                      titles, first met first), then per member (session order): the symbol
//                      front-coded (varint bytes shared with the previous member's symbol,
//                      string the rest), varint session, varint title (0 none, i: the i-th
//                      hash). ArchiveSeries order is (that session, key), as DetectSeries sorts.
//   t/<TitleHash>   -> per title with that hash: string SeriesTitleKey, varint count, the
//                      symbols of the documents with that title (sorted, front-coded as in s/)
//   q/<TitleHash of a head key> -> the TitleHashes (8 bytes each, sorted) of titles whose
//                      SeriesHeadKeys hold it (may name titles no document has any more)
//   u/<symbol>      -> "" : the document has no title
//   w               -> varint, at least the words of the longest normalised title
// varint: unsigned LEB128; string: varint length + bytes. (Format 6 had the series key as its
// 14 characters, member and holder symbols whole, each member's hash in s/, and the title keys
// themselves in q/.)
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "history/history.h"
#include "history/internal.h"

namespace recital::history {
namespace {

constexpr std::string_view kMemberPrefix = "m/";
constexpr std::string_view kSeriesPrefix = "s/";
constexpr std::string_view kTitlePrefix = "t/";
constexpr std::string_view kHeadPrefix = "q/";
constexpr std::string_view kUntitledPrefix = "u/";
constexpr std::string_view kMaxWordsKey = "w";
constexpr size_t kSeriesKeyBytes = 6;   // stored: the 12 digits as bytes
// ReplaceDerived refuses a result computed before another write; try again this often.
constexpr int kRefreshAttempts = 3;

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const auto b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}
void PutString(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}
bool GetString(std::string_view* in, std::string* s) {
  uint64_t n = 0;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  s->assign(in->substr(0, n));
  in->remove_prefix(n);
  return true;
}

std::string Join(std::string_view a, std::string_view b) {
  std::string s(a);
  s += b;
  return s;
}

// Series keys are "s-" + 12 lowercase hex digits (DetectSeries, SeriesKeyOf; every key this
// file packs was made there or unpacked from the index); stored as those 6 bytes.
std::string PackSeriesKey(std::string_view key) {
  auto digit = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (size_t i = 2; i + 1 < key.size(); i += 2) {
    out.push_back(static_cast<char>(digit(key[i]) * 16 + digit(key[i + 1])));
  }
  return out;
}
std::string UnpackSeriesKey(std::string_view packed) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key = "s-";
  for (char c : packed) {
    const auto b = static_cast<uint8_t>(c);
    key.push_back(kHex[b >> 4]);
    key.push_back(kHex[b & 15]);
  }
  return key;
}
// The `s/` key of a series key.
std::string SeriesEntryKey(std::string_view key) { return Join(kSeriesPrefix, PackSeriesKey(key)); }
// The `m/` value: the packed series key, then the title's hash ("" none).
std::string MemberValue(std::string_view series_key, std::string_view title_hash) {
  return Join(PackSeriesKey(series_key), title_hash);
}

// Symbols in sorted or session order share their start ("A/RES/54/1", "A/RES/55/2"): each is
// the count of bytes it shares with the one before, then the rest.
void PutFrontCoded(std::string* out, std::string_view prev, std::string_view s) {
  size_t shared = 0;
  while (shared < prev.size() && shared < s.size() && prev[shared] == s[shared]) ++shared;
  PutVarint(out, shared);
  PutString(out, s.substr(shared));
}
bool GetFrontCoded(std::string_view* in, std::string_view prev, std::string* s) {
  uint64_t shared = 0;
  std::string rest;
  if (!GetVarint(in, &shared) || shared > prev.size() || !GetString(in, &rest)) return false;
  s->assign(prev.substr(0, shared));
  s->append(rest);
  return true;
}

// What the ingest hook's quick path needs of each member: its session (detection's) and the
// TitleHash of its title ("" none).
struct MemberInfo {
  uint64_t session = 0;
  std::string title_hash;
};

std::string EncodeSeries(const Series& s, const std::vector<MemberInfo>& infos) {
  std::string v;
  PutVarint(&v, infos.empty() ? 0 : infos.front().session);
  PutString(&v, s.name);
  PutVarint(&v, s.symbols.size());
  std::vector<std::string> hashes;  // distinct, first met first
  for (const MemberInfo& i : infos) {
    if (!i.title_hash.empty() &&
        std::find(hashes.begin(), hashes.end(), i.title_hash) == hashes.end()) {
      hashes.push_back(i.title_hash);
    }
  }
  PutVarint(&v, hashes.size());
  for (const std::string& h : hashes) v += h;
  std::string_view prev;
  for (size_t m = 0; m < s.symbols.size(); ++m) {
    PutFrontCoded(&v, prev, s.symbols[m]);
    prev = s.symbols[m];
    const MemberInfo& i = infos.at(m);
    PutVarint(&v, i.session);
    PutVarint(&v, i.title_hash.empty() ? 0
                                       : std::find(hashes.begin(), hashes.end(), i.title_hash) -
                                             hashes.begin() + 1);
  }
  return v;
}

// Corruption naming the key when the value is malformed. infos: one per member, when asked.
Status DecodeSeries(std::string_view key, std::string_view value, uint64_t* session,
                    Series* s, std::vector<MemberInfo>* infos = nullptr) {
  const std::string_view packed = key.substr(std::min(key.size(), kSeriesPrefix.size()));
  auto bad = [&] {
    return Status::Corruption("series index entry s/" + UnpackSeriesKey(packed) +
                              " is malformed");
  };
  if (key.substr(0, kSeriesPrefix.size()) != kSeriesPrefix || packed.size() != kSeriesKeyBytes) {
    return bad();
  }
  s->key = UnpackSeriesKey(packed);
  uint64_t count = 0, titles = 0;
  if (!GetVarint(&value, session) || !GetString(&value, &s->name) || !GetVarint(&value, &count) ||
      count == 0 || count > value.size() || !GetVarint(&value, &titles) ||
      titles > value.size() / 8) {
    return bad();
  }
  std::vector<std::string_view> hashes(titles);
  for (std::string_view& h : hashes) {
    h = value.substr(0, 8);
    value.remove_prefix(8);
  }
  s->symbols.resize(count);
  // The members' sessions and titles only when asked: listing every series (`recital series`)
  // decodes every entry, and building them was a tenth of its time at 100,000 releases.
  if (infos != nullptr) infos->assign(count, MemberInfo());
  std::string_view prev;
  for (size_t m = 0; m < count; ++m) {
    uint64_t title = 0, session = 0;
    if (!GetFrontCoded(&value, prev, &s->symbols[m]) || s->symbols[m].empty() ||
        !GetVarint(&value, &session) || !GetVarint(&value, &title) || title > titles) {
      return bad();
    }
    prev = s->symbols[m];
    if (infos != nullptr) {
      (*infos)[m].session = session;
      if (title > 0) (*infos)[m].title_hash = std::string(hashes[title - 1]);
    }
  }
  return value.empty() ? Status::Ok() : bad();
}

}  // namespace

namespace {

// The series of the `s/` entries of one read, in ArchiveSeries order.
Result<std::vector<Series>> SeriesOfEntries(
    const std::vector<std::pair<std::string, std::string>>& entries) {
  std::vector<std::pair<uint64_t, Series>> ordered;
  for (const auto& [k, v] : entries) {
    if (k.compare(0, kSeriesPrefix.size(), kSeriesPrefix) != 0) continue;
    ordered.emplace_back();
    RECITAL_RETURN_IF_ERROR(DecodeSeries(k, v, &ordered.back().first, &ordered.back().second));
  }
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.key < b.second.key;
  });
  std::vector<Series> out;
  out.reserve(ordered.size());
  for (auto& [pos, s] : ordered) out.push_back(std::move(s));
  return out;
}

}  // namespace

Status ForEachArchiveSeries(const store::Archive& archive,
                            const std::function<Status(const Series&)>& fn) {
  if (archive.format_version() >= 6) {
    auto read = archive.ReadDerived(store::kSeriesIndex, kSeriesPrefix);
    if (!read.ok()) return read.status();
    if (read->fresh) {
      // SeriesOfEntries' order, (first session, key), from each entry's first field and key;
      // then each entry decoded into one Series in turn.
      std::vector<std::tuple<uint64_t, std::string, size_t>> order;
      for (size_t i = 0; i < read->entries.size(); ++i) {
        const auto& [k, v] = read->entries[i];
        if (k.compare(0, kSeriesPrefix.size(), kSeriesPrefix) != 0) continue;
        const std::string_view packed = std::string_view(k).substr(kSeriesPrefix.size());
        std::string_view value = v;
        uint64_t session = 0;
        if (packed.size() != kSeriesKeyBytes || !GetVarint(&value, &session)) {
          return Status::Corruption("series index entry s/" + UnpackSeriesKey(packed) +
                                    " is malformed");
        }
        order.emplace_back(session, UnpackSeriesKey(packed), i);
      }
      std::sort(order.begin(), order.end());
      Series s;
      for (const auto& [session, key, i] : order) {
        uint64_t first = 0;
        RECITAL_RETURN_IF_ERROR(DecodeSeries(read->entries[i].first, read->entries[i].second,
                                             &first, &s));
        RECITAL_RETURN_IF_ERROR(fn(s));
      }
      return Status::Ok();
    }
  }
  auto all = ArchiveSeries(archive);
  if (!all.ok()) return all.status();
  for (const Series& s : *all) RECITAL_RETURN_IF_ERROR(fn(s));
  return Status::Ok();
}

Result<std::optional<std::vector<Series>>> StoredArchiveSeries(const store::Archive& archive) {
  if (archive.format_version() < 6) return std::optional<std::vector<Series>>();
  auto read = archive.ReadDerived(store::kSeriesIndex, kSeriesPrefix);
  if (!read.ok()) return read.status();
  if (!read->fresh) return std::optional<std::vector<Series>>();
  auto series = SeriesOfEntries(read->entries);
  if (!series.ok()) return series.status();
  return std::optional<std::vector<Series>>(std::move(series).value());
}

Result<std::optional<Series>> StoredSeriesOf(const store::Archive& archive,
                                             const std::string& symbol) {
  if (archive.format_version() < 6 || symbol.empty()) return std::optional<Series>();
  auto member = archive.GetDerived(store::kSeriesIndex, {Join(kMemberPrefix, symbol)});
  if (!member.ok()) return member.status();
  if (!member->fresh || !member->values.front()) return std::optional<Series>();
  const std::string& value = *member->values.front();
  if (value.size() != kSeriesKeyBytes && value.size() != kSeriesKeyBytes + 8) {
    return Status::Corruption("series index entry m/" + symbol + " is malformed");
  }
  const std::string key = Join(kSeriesPrefix, std::string_view(value).substr(0, kSeriesKeyBytes));
  auto series = archive.GetDerived(store::kSeriesIndex, {key});
  if (!series.ok()) return series.status();
  // Both reads from one generation, or the two may disagree: then compute.
  if (!series->fresh || series->generation != member->generation || !series->values.front()) {
    return std::optional<Series>();
  }
  Series s;
  uint64_t session = 0;
  RECITAL_RETURN_IF_ERROR(DecodeSeries(key, *series->values.front(), &session, &s));
  return std::optional<Series>(std::move(s));
}

Result<bool> RefreshSeriesIndex(store::Archive& archive) {
  if (archive.format_version() < 6) return false;
  for (int attempt = 0; attempt < kRefreshAttempts; ++attempt) {
    auto gen = archive.InputGeneration();
    if (!gen.ok()) return gen.status();
    auto fresh = archive.GetDerived(store::kSeriesIndex, {});
    if (!fresh.ok()) return fresh.status();
    if (fresh->fresh) return false;
    auto entries = SeriesIndexEntries(archive);
    if (!entries.ok()) return entries.status();
    auto done = archive.ReplaceDerived(store::kSeriesIndex, *gen, *entries);
    if (!done.ok()) return done.status();
    if (*done) return true;
  }
  return false;  // writers kept changing the inputs: left stale, readers compute
}


namespace {

// The 8 bytes that key a title (SeriesTitleKey) in `t/` and `q/`.
std::string TitleHash(std::string_view title_key) { return HashBytes(title_key).ToBytes().substr(0, 8); }

// One document as the catalogue keeps it: its title's SeriesTitleKey ("" none), the head keys
// of its title and the words of its normalised title.
struct CatalogueDoc {
  std::string key;
  std::vector<std::string> heads;
  size_t words = 0;
};
CatalogueDoc CatalogueDocOf(const store::Document& d) {
  CatalogueDoc c;
  const std::string& title = DocumentTitle(d);
  const std::string normalized = NormalizeTitle(title);
  if (normalized.empty()) return c;
  c.key = SeriesTitleKey(normalized);
  c.heads = SeriesHeadKeys(title);
  c.words = static_cast<size_t>(std::count(normalized.begin(), normalized.end(), ' ')) + 1;
  return c;
}

// `t/` values: title key -> holders, for the titles sharing one hash.
using TitleEntry = std::map<std::string, std::set<std::string>>;
std::string EncodeTitleEntry(const TitleEntry& e) {
  std::string v;
  for (const auto& [key, holders] : e) {
    PutString(&v, key);
    PutVarint(&v, holders.size());
    std::string_view prev;
    for (const std::string& h : holders) {
      PutFrontCoded(&v, prev, h);
      prev = h;
    }
  }
  return v;
}
Result<TitleEntry> DecodeTitleEntry(std::string_view v) {
  TitleEntry e;
  while (!v.empty()) {
    std::string key;
    uint64_t n = 0;
    if (!GetString(&v, &key) || !GetVarint(&v, &n) || n > v.size()) {
      return Status::Corruption("series index title entry is malformed");
    }
    auto& holders = e[key];
    std::string prev;
    for (uint64_t i = 0; i < n; ++i) {
      std::string h;
      if (!GetFrontCoded(&v, prev, &h)) {
        return Status::Corruption("series index title entry is malformed");
      }
      prev = h;
      holders.insert(std::move(h));
    }
  }
  return e;
}
// `q/` values: TitleHashes, 8 bytes each.
std::string EncodeHashes(const std::set<std::string>& hashes) {
  std::string v;
  for (const std::string& h : hashes) v += h;
  return v;
}
Result<std::set<std::string>> DecodeHashes(std::string_view v) {
  if (v.size() % 8 != 0) return Status::Corruption("series index list of titles is malformed");
  std::set<std::string> out;
  for (size_t i = 0; i < v.size(); i += 8) out.insert(std::string(v.substr(i, 8)));
  return out;
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> SeriesIndexEntries(
    const store::Archive& archive, std::vector<Series>* series) {
  std::map<std::string, uint32_t> sessions;
  auto all = ComputeArchiveSeries(archive, &sessions);
  if (!all.ok()) return all.status();
  if (series != nullptr) *series = *all;
  auto docs = archive.ListDocuments();
  if (!docs.ok()) return docs.status();
  std::map<std::string, std::string> title_key_of;
  std::map<std::string, TitleEntry> titles;                 // hash -> entry
  std::map<std::string, std::set<std::string>> headed;      // hash of head -> title hashes
  std::vector<std::pair<std::string, std::string>> entries;
  size_t max_words = 0;
  for (const store::Document& d : *docs) {
    CatalogueDoc c = CatalogueDocOf(d);
    if (c.key.empty()) {
      entries.emplace_back(Join(kUntitledPrefix, d.symbol), "");
      continue;
    }
    titles[TitleHash(c.key)][c.key].insert(d.symbol);
    for (const std::string& head : c.heads) headed[TitleHash(head)].insert(TitleHash(c.key));
    max_words = std::max(max_words, c.words);
    title_key_of[d.symbol] = std::move(c.key);
  }
  for (const Series& s : *all) {
    std::vector<MemberInfo> infos;
    for (const std::string& sym : s.symbols) {
      auto t = title_key_of.find(sym);
      const std::string title_key = t == title_key_of.end() ? "" : t->second;
      infos.push_back({sessions[sym], title_key.empty() ? "" : TitleHash(title_key)});
      entries.emplace_back(Join(kMemberPrefix, sym), MemberValue(s.key, infos.back().title_hash));
    }
    entries.emplace_back(SeriesEntryKey(s.key), EncodeSeries(s, infos));
  }
  for (const auto& [hash, e] : titles) entries.emplace_back(Join(kTitlePrefix, hash), EncodeTitleEntry(e));
  for (const auto& [hash, keys] : headed) entries.emplace_back(Join(kHeadPrefix, hash), EncodeHashes(keys));
  std::string w;
  PutVarint(&w, max_words);
  entries.emplace_back(std::string(kMaxWordsKey), w);
  return entries;
}

namespace {

// The catalogue as the ingest transaction holds it.
class StoredCatalogue : public CatalogueReader {
 public:
  explicit StoredCatalogue(store::DerivedTxn& txn) : txn_(txn) {}
  Result<std::vector<std::string>> TitleHolders(const std::string& title_key) override {
    auto e = Entry(title_key);
    if (!e.ok()) return e.status();
    auto it = e->find(title_key);
    if (it == e->end()) return std::vector<std::string>();
    return std::vector<std::string>(it->second.begin(), it->second.end());
  }
  Result<std::vector<std::string>> TitlesHeadedBy(const std::string& title_key) override {
    auto v = txn_.Get(store::kSeriesIndex, Join(kHeadPrefix, TitleHash(title_key)));
    if (!v.ok()) return v.status();
    if (!v->has_value()) return std::vector<std::string>();
    auto hashes = DecodeHashes(**v);
    if (!hashes.ok()) return hashes.status();
    std::vector<std::string> out;
    for (const std::string& hash : *hashes) {
      auto t = txn_.Get(store::kSeriesIndex, Join(kTitlePrefix, hash));
      if (!t.ok()) return t.status();
      if (!t->has_value()) continue;  // no document has that title any more
      auto e = DecodeTitleEntry(**t);
      if (!e.ok()) return e.status();
      // Titles sharing that hash all come: more titles only widen the closure detected.
      for (const auto& [key, holders] : *e) out.push_back(key);
    }
    return out;
  }
  Result<size_t> MaxTitleWords() override {
    auto v = txn_.Get(store::kSeriesIndex, kMaxWordsKey);
    if (!v.ok()) return v.status();
    uint64_t n = 0;
    if (v->has_value()) {
      std::string_view in = **v;
      if (!GetVarint(&in, &n)) return Status::Corruption("series index entry w is malformed");
    }
    return static_cast<size_t>(n);
  }
  Result<std::vector<std::string>> Untitled() override {
    auto entries = txn_.Scan(store::kSeriesIndex, kUntitledPrefix);
    if (!entries.ok()) return entries.status();
    std::vector<std::string> out;
    for (const auto& [k, v] : *entries) out.push_back(k.substr(kUntitledPrefix.size()));
    return out;
  }

  Result<TitleEntry> Entry(const std::string& title_key) {
    auto v = txn_.Get(store::kSeriesIndex, Join(kTitlePrefix, TitleHash(title_key)));
    if (!v.ok()) return v.status();
    if (!v->has_value()) return TitleEntry();
    return DecodeTitleEntry(**v);
  }
  Status PutEntry(const std::string& title_key, const TitleEntry& e) {
    const std::string k = Join(kTitlePrefix, TitleHash(title_key));
    return e.empty() ? txn_.Delete(store::kSeriesIndex, k)
                     : txn_.Put(store::kSeriesIndex, k, EncodeTitleEntry(e));
  }
  // Moves symbol from its old title (old_key, "" none) to doc's.
  Status Move(const std::string& symbol, bool known, const std::string& old_key,
              const CatalogueDoc& doc) {
    if (known && old_key.empty()) {
      RECITAL_RETURN_IF_ERROR(txn_.Delete(store::kSeriesIndex, Join(kUntitledPrefix, symbol)));
    } else if (known) {
      auto e = Entry(old_key);
      if (!e.ok()) return e.status();
      if (auto it = e->find(old_key); it != e->end()) {
        it->second.erase(symbol);
        if (it->second.empty()) e->erase(it);
      }
      RECITAL_RETURN_IF_ERROR(PutEntry(old_key, *e));
    }
    if (doc.key.empty()) return txn_.Put(store::kSeriesIndex, Join(kUntitledPrefix, symbol), "");
    auto e = Entry(doc.key);
    if (!e.ok()) return e.status();
    (*e)[doc.key].insert(symbol);
    RECITAL_RETURN_IF_ERROR(PutEntry(doc.key, *e));
    for (const std::string& head : doc.heads) {
      const std::string k = Join(kHeadPrefix, TitleHash(head));
      auto v = txn_.Get(store::kSeriesIndex, k);
      if (!v.ok()) return v.status();
      auto hashes = v->has_value() ? DecodeHashes(**v) : Result<std::set<std::string>>(
                                                              std::set<std::string>());
      if (!hashes.ok()) return hashes.status();
      if (hashes->insert(TitleHash(doc.key)).second) {
        RECITAL_RETURN_IF_ERROR(txn_.Put(store::kSeriesIndex, k, EncodeHashes(*hashes)));
      }
    }
    auto words = MaxTitleWords();
    if (!words.ok()) return words.status();
    if (doc.words > *words) {
      std::string w;
      PutVarint(&w, doc.words);
      RECITAL_RETURN_IF_ERROR(txn_.Put(store::kSeriesIndex, kMaxWordsKey, w));
    }
    return Status::Ok();
  }

 private:
  store::DerivedTxn& txn_;
};

// What `m/<symbol>` held: whether the symbol had an entry, its series key, and the title key
// of its title ("" none), looked up through the catalogue's hash.
struct OldMember {
  bool known = false;
  std::string series_key;
  std::string title_hash;
};
Result<OldMember> ReadOldMember(store::DerivedTxn& txn, const std::string& symbol) {
  auto v = txn.Get(store::kSeriesIndex, Join(kMemberPrefix, symbol));
  if (!v.ok()) return v.status();
  OldMember m;
  if (!v->has_value()) return m;
  if ((*v)->size() != kSeriesKeyBytes && (*v)->size() != kSeriesKeyBytes + 8) {
    return Status::Corruption("series index entry m/" + symbol + " is malformed");
  }
  m.known = true;
  m.series_key = UnpackSeriesKey(std::string_view(**v).substr(0, kSeriesKeyBytes));
  m.title_hash = (*v)->substr(kSeriesKeyBytes);
  return m;
}

// The title key whose hash is title_hash and that lists symbol ("" when none does).
Result<std::string> OldTitleKey(store::DerivedTxn& txn, const std::string& title_hash,
                                const std::string& symbol) {
  if (title_hash.empty()) return std::string();
  auto v = txn.Get(store::kSeriesIndex, Join(kTitlePrefix, title_hash));
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::string();
  auto e = DecodeTitleEntry(**v);
  if (!e.ok()) return e.status();
  for (const auto& [key, holders] : *e) {
    if (holders.count(symbol)) return key;
  }
  return std::string();
}

std::string SeriesKeyOf(const std::string& earliest_symbol) {
  return "s-" + HashBytes(earliest_symbol).ToHex().substr(0, 12);  // as DetectSeries keys it
}

// The quick path of the ingest hook, for the commonest arrival: a new document (one version)
// whose title has holders that are all in one series (it joins it: equal titles always join)
// or is new with no relation at all to an archived document (a series of its own), with no
// series corrections stored. Writes its place and returns true when every relation the new
// document brings (DetectSeries' edges: title, heading and qualifier titles, recalls both
// ways, shared paragraphs, pages without a title) leads into that one series and cannot
// change how that series' members join each other: then detection over the archive gives
// that series plus the document, and every other series as it was. Returns false, having
// written nothing, otherwise (the caller detects again).
// The series a derive transaction rewrote: what each key held when the transaction began, so
// the lineage index can follow (UpdateLineageIndex with the series before and after).
struct SeriesChanges {
  std::map<std::string, Series> before;  // key -> series at the start (absent: none)
  std::set<std::string> keys;            // every key written or deleted
  // Call before writing or deleting s/<key>.
  Status Note(store::DerivedTxn& txn, const std::string& key) {
    if (!keys.insert(key).second) return Status::Ok();
    auto v = txn.Get(store::kSeriesIndex, SeriesEntryKey(key));
    if (!v.ok()) return v.status();
    if (!v->has_value()) return Status::Ok();
    Series s;
    uint64_t session = 0;
    RECITAL_RETURN_IF_ERROR(DecodeSeries(SeriesEntryKey(key), **v, &session, &s));
    before.emplace(key, std::move(s));
    return Status::Ok();
  }
  // The series of the noted keys as the transaction holds them now.
  Result<std::vector<Series>> After(store::DerivedTxn& txn) const {
    std::vector<Series> out;
    for (const std::string& key : keys) {
      auto v = txn.Get(store::kSeriesIndex, SeriesEntryKey(key));
      if (!v.ok()) return v.status();
      if (!v->has_value()) continue;
      Series s;
      uint64_t session = 0;
      RECITAL_RETURN_IF_ERROR(DecodeSeries(SeriesEntryKey(key), **v, &session, &s));
      out.push_back(std::move(s));
    }
    return out;
  }
  std::vector<Series> Before() const {
    std::vector<Series> out;
    for (const auto& [key, s] : before) out.push_back(s);
    return out;
  }
};

Result<bool> PlaceQuickly(const store::Archive& archive, store::DerivedTxn& txn,
                          StoredCatalogue& catalogue, const std::string& symbol,
                          SeriesChanges* changes, DeriveCache* cache) {
  auto doc = archive.GetDocument(symbol);
  if (!doc.ok()) return doc.status();
  if (doc->versions.size() != 1) return false;  // a new version: its old relations may go
  auto self = ReadOldMember(txn, symbol);
  if (!self.ok()) return self.status();
  if (self->known) return false;
  const CatalogueDoc c = CatalogueDocOf(*doc);
  if (c.key.empty()) return false;  // pages without a title join by the titles they name
  const std::string& title = DocumentTitle(*doc);
  auto record = CachedRecord(archive, &txn, cache, symbol, 0);
  if (!record.ok()) return record.status();
  const SeriesMember m = MemberOf(record->resolution(), title);
  const std::string hash = TitleHash(c.key);
  // The one series every archived relation must lead into ("" none yet).
  std::string series;
  // 1: in `series` (set by the first); 0: not placed yet (a document of this batch still to
  // come, which meets this one when its own turn comes) or not archived; -1: another series.
  std::map<std::string, OldMember> members;
  auto where = [&](const std::string& other) -> Result<int> {
    auto it = members.find(other);
    if (it == members.end()) {
      auto o = ReadOldMember(txn, other);
      if (!o.ok()) return o.status();
      it = members.emplace(other, std::move(o).value()).first;
    }
    if (!it->second.known) return 0;
    if (series.empty()) series = it->second.series_key;
    return it->second.series_key == series ? 1 : -1;
  };
  // Relations that always join: the same title, the titles its title heads, and those headed
  // by its title.
  bool joined = false;
  auto join_all = [&](const std::vector<std::string>& holders) -> Result<bool> {
    for (const std::string& h : holders) {
      auto w = where(h);
      if (!w.ok()) return w.status();
      if (*w < 0) return false;
      joined = joined || *w == 1;
    }
    return true;
  };
  std::vector<std::string> title_keys = c.heads;
  auto headed = catalogue.TitlesHeadedBy(c.key);
  if (!headed.ok()) return headed.status();
  title_keys.insert(title_keys.end(), headed->begin(), headed->end());
  title_keys.push_back(c.key);
  for (const std::string& key : title_keys) {
    auto holders = catalogue.TitleHolders(key);
    if (!holders.ok()) return holders.status();
    auto ok = join_all(*holders);
    if (!ok.ok()) return ok.status();
    if (!*ok) return false;
  }
  // Conditional relations: only into the series it joins anyway.
  auto inside = [&](const std::string& other) -> Result<bool> {
    if (other == symbol) return true;
    auto w = where(other);
    if (!w.ok()) return w.status();
    return *w == 0 || (*w == 1 && joined);
  };
  for (const std::string& r : m.recalls) {
    auto ok = inside(r);
    if (!ok.ok()) return ok.status();
    if (!*ok) return false;
  }
  auto citing = archive.CitedBy(symbol);
  if (!citing.ok()) return citing.status();
  for (const std::string& r : *citing) {
    auto ok = inside(r);
    if (!ok.ok()) return ok.status();
    if (!*ok) return false;
  }
  std::map<std::string, uint32_t> current;  // detection reads the current versions only
  auto is_current = [&](const store::ParagraphUse& u) -> Result<bool> {
    auto it = current.find(u.symbol);
    if (it == current.end()) {
      auto d = archive.GetDocument(u.symbol);
      if (!d.ok()) return d.status();
      it = current.emplace(u.symbol, d->current().version).first;
    }
    return it->second == u.version;
  };
  // Shared whole paragraphs: into the series it joins, or with a titled document of another
  // series in one counted paragraph only (titled members under two titles join on two).
  std::map<std::string, size_t> shared_outside;  // document of another series -> paragraphs
  std::set<Hash128> seen;
  for (const Hash128& h : m.paragraphs) {
    if (!seen.insert(h).second) continue;
    auto uses = archive.ParagraphUses(h);
    if (!uses.ok()) return uses.status();
    // A paragraph of more than two titles does not count (DetectSeries' boilerplate rule):
    // one that gains this title as its third could stop joining two members.
    std::set<std::string> titles{hash};
    bool had_title = false;
    std::vector<std::string> outside;
    for (const store::ParagraphUse& u : *uses) {
      if (u.symbol == symbol) continue;
      auto ok = inside(u.symbol);
      if (!ok.ok()) return ok.status();
      const OldMember& o = members.at(u.symbol);
      if (!o.known) continue;
      if (o.title_hash.empty()) return false;
      auto cur = is_current(u);
      if (!cur.ok()) return cur.status();
      if (!*cur) continue;
      if (!*ok) outside.push_back(u.symbol);
      had_title = had_title || o.title_hash == hash;
      titles.insert(o.title_hash);
    }
    if (!had_title && titles.size() == 3) return false;
    if (titles.size() <= 2) {
      for (const std::string& o : outside) {
        if (++shared_outside[o] >= 2) return false;
      }
    }
  }
  Series placed;
  std::vector<MemberInfo> infos;
  std::string old_key;
  if (joined) {
    auto v = txn.Get(store::kSeriesIndex, SeriesEntryKey(series));
    if (!v.ok()) return v.status();
    if (!v->has_value()) return false;
    uint64_t first_session = 0;
    RECITAL_RETURN_IF_ERROR(
        DecodeSeries(SeriesEntryKey(series), **v, &first_session, &placed, &infos));
    // Pages without a title in the series: detection names titles for them.
    // The title's sessions: a later or earlier one can part two titles a recall joined.
    // (DetectSeries' JoinRecalls: two titles whose sessions do not overlap are one subject
    // renamed.) Its session may widen its title's span only where that leaves every other
    // title of the series as overlapping or apart as before; titles of other series can only
    // lose joins they did not make.
    std::map<std::string, std::pair<uint64_t, uint64_t>> spans;  // title hash -> sessions
    for (const MemberInfo& i : infos) {
      if (i.title_hash.empty()) return false;
      if (i.session == 0) continue;
      auto [it, fresh] = spans.emplace(i.title_hash, std::pair{i.session, i.session});
      if (!fresh) {
        it->second.first = std::min(it->second.first, i.session);
        it->second.second = std::max(it->second.second, i.session);
      }
    }
    if (auto own = spans.find(hash); own != spans.end() && m.session != 0) {
      const auto before = own->second;
      const auto after = std::pair{std::min(before.first, uint64_t{m.session}),
                                   std::max(before.second, uint64_t{m.session})};
      auto apart = [](std::pair<uint64_t, uint64_t> a, std::pair<uint64_t, uint64_t> b) {
        return a.second < b.first || b.second < a.first;
      };
      for (const auto& [other, span] : spans) {
        if (other != hash && apart(before, span) != apart(after, span)) return false;
      }
    }
    old_key = placed.key;
  } else {
    auto untitled = catalogue.Untitled();  // one of them may name this new title
    if (!untitled.ok()) return untitled.status();
    if (!untitled->empty()) return false;
  }
  // Insert it in session order, as DetectSeries sorts members.
  size_t at = 0;
  while (at < placed.symbols.size() &&
         (infos[at].session < m.session ||
          (infos[at].session == m.session && placed.symbols[at] < symbol))) {
    ++at;
  }
  placed.symbols.insert(placed.symbols.begin() + static_cast<long>(at), symbol);
  infos.insert(infos.begin() + static_cast<long>(at), MemberInfo{m.session, hash});
  placed.key = SeriesKeyOf(placed.symbols.front());
  if (at + 1 == placed.symbols.size()) placed.name = m.title;  // the newest title names it
  RECITAL_RETURN_IF_ERROR(catalogue.Move(symbol, false, "", c));
  if (!old_key.empty() && old_key != placed.key) {
    RECITAL_RETURN_IF_ERROR(changes->Note(txn, old_key));
    RECITAL_RETURN_IF_ERROR(txn.Delete(store::kSeriesIndex, SeriesEntryKey(old_key)));
    for (size_t i = 0; i < placed.symbols.size(); ++i) {
      RECITAL_RETURN_IF_ERROR(txn.Put(store::kSeriesIndex, Join(kMemberPrefix, placed.symbols[i]),
                                      MemberValue(placed.key, infos[i].title_hash)));
    }
  } else {
    RECITAL_RETURN_IF_ERROR(
        txn.Put(store::kSeriesIndex, Join(kMemberPrefix, symbol), MemberValue(placed.key, hash)));
  }
  RECITAL_RETURN_IF_ERROR(changes->Note(txn, placed.key));
  RECITAL_RETURN_IF_ERROR(
      txn.Put(store::kSeriesIndex, SeriesEntryKey(placed.key), EncodeSeries(placed, infos)));
  return true;
}

// Rebuilds the whole index inside the transaction (it was stale, or joins are stored).
// The lineage index too (whole, from the same grouping).
Status RebuildInTxn(const store::Archive& archive, store::DerivedTxn& txn) {
  std::vector<Series> all;
  auto entries = SeriesIndexEntries(archive, &all);
  if (!entries.ok()) return entries.status();
  RECITAL_RETURN_IF_ERROR(txn.Clear(store::kSeriesIndex));
  for (const auto& [k, v] : *entries) RECITAL_RETURN_IF_ERROR(txn.Put(store::kSeriesIndex, k, v));
  RECITAL_RETURN_IF_ERROR(txn.MarkFresh(store::kSeriesIndex));
  auto lineage = LineageIndexEntries(archive, all);
  if (!lineage.ok()) return lineage.status();
  RECITAL_RETURN_IF_ERROR(txn.Clear(store::kLineageIndex));
  for (const auto& [k, v] : *lineage) RECITAL_RETURN_IF_ERROR(txn.Put(store::kLineageIndex, k, v));
  return txn.MarkFresh(store::kLineageIndex);
}

}  // namespace

namespace {
Status DetectAgain(const store::Archive& archive, store::DerivedTxn& txn,
                   StoredCatalogue& catalogue, const std::vector<std::string>& touched,
                   const SeriesOverrides& overrides, SeriesChanges* changes);
}  // namespace

Status DeriveSeriesIndex(const store::Archive& archive, store::DerivedTxn& txn,
                         const std::vector<std::string>& touched, DeriveCache* cache) {
  auto fresh = txn.WasFresh(store::kSeriesIndex);
  if (!fresh.ok()) return fresh.status();
  auto overrides = SeriesCorrections::Load(archive);
  if (!overrides.ok()) return overrides.status();
  if (!*fresh || !overrides->joins.empty() || !overrides->member_joins.empty()) {
    return RebuildInTxn(archive, txn);
  }
  StoredCatalogue catalogue(txn);
  SeriesChanges changes;
  // The quick path for each document; those it cannot place are detected again below, as if
  // they arrived in a later transaction (the others are series members like any by then).
  std::vector<std::string> rest;
  if (overrides->names.empty() && overrides->split_out.empty()) {
    for (const std::string& symbol : touched) {
      auto placed = PlaceQuickly(archive, txn, catalogue, symbol, &changes, cache);
      if (!placed.ok()) return placed.status();
      if (!*placed) rest.push_back(symbol);
    }
  } else {
    rest = touched;
  }
  if (!rest.empty()) {
    RECITAL_RETURN_IF_ERROR(DetectAgain(archive, txn, catalogue, rest, *overrides, &changes));
  }
  RECITAL_RETURN_IF_ERROR(txn.MarkFresh(store::kSeriesIndex));
  // The lineage of the series rewritten (new pairs diffed, pairs kept copied), when it was
  // fresh; a stale one stays stale (readers compute; `recital migrate` rebuilds it).
  auto lineage_fresh = txn.WasFresh(store::kLineageIndex);
  if (!lineage_fresh.ok()) return lineage_fresh.status();
  if (!*lineage_fresh) return Status::Ok();
  auto after = changes.After(txn);
  if (!after.ok()) return after.status();
  RECITAL_RETURN_IF_ERROR(UpdateLineageIndex(archive, txn, changes.Before(), *after, cache));
  return txn.MarkFresh(store::kLineageIndex);
}

namespace {

// The slow path of DeriveSeriesIndex: the closure of every touched document detected again.
Status DetectAgain(const store::Archive& archive, store::DerivedTxn& txn,
                   StoredCatalogue& catalogue, const std::vector<std::string>& touched,
                   const SeriesOverrides& overrides, SeriesChanges* changes) {
  // 1. The catalogue follows the touched documents' titles. Their old series, the old mates
  // of a title one leaves, and (when a title changed) the untitled documents are detected
  // again: a title that goes away can change which title an untitled page joins.
  std::set<std::string> affected_keys;
  std::vector<std::string> todo(touched.begin(), touched.end());
  bool title_changed = false;
  for (const std::string& symbol : touched) {
    auto old = ReadOldMember(txn, symbol);
    if (!old.ok()) return old.status();
    auto old_key = OldTitleKey(txn, old->title_hash, symbol);
    if (!old_key.ok()) return old_key.status();
    auto doc = archive.GetDocument(symbol);
    if (!doc.ok()) return doc.status();
    const CatalogueDoc now = CatalogueDocOf(*doc);
    if (old->known) affected_keys.insert(old->series_key);
    if (!old->known || *old_key != now.key) {
      title_changed = true;
      if (!old_key->empty()) {
        auto mates = catalogue.TitleHolders(*old_key);
        if (!mates.ok()) return mates.status();
        todo.insert(todo.end(), mates->begin(), mates->end());
      }
      RECITAL_RETURN_IF_ERROR(catalogue.Move(symbol, old->known, *old_key, now));
    }
  }
  if (title_changed) {
    auto untitled = catalogue.Untitled();
    if (!untitled.ok()) return untitled.status();
    todo.insert(todo.end(), untitled->begin(), untitled->end());
  }
  // 2. Detect the series of every queued document (each Find detects its whole closure), and
  // queue the other members of every old series a detected member was in, until none is left.
  auto finder = SeriesFinder::CreateOverCatalogue(archive, &catalogue, overrides);
  if (!finder.ok()) return finder.status();
  std::set<std::string> seen;
  size_t scanned = 0;  // series of Found() whose members' old series are queued
  auto queue_old_series = [&](const std::string& key) -> Status {
    if (!affected_keys.insert(key).second) return Status::Ok();
    auto v = txn.Get(store::kSeriesIndex, SeriesEntryKey(key));
    if (!v.ok()) return v.status();
    if (!v->has_value()) return Status::Ok();
    Series old;
    uint64_t session = 0;
    RECITAL_RETURN_IF_ERROR(DecodeSeries(SeriesEntryKey(key), **v, &session, &old));
    todo.insert(todo.end(), old.symbols.begin(), old.symbols.end());
    return Status::Ok();
  };
  for (const std::string& key : std::set<std::string>(affected_keys)) {
    affected_keys.erase(key);
    RECITAL_RETURN_IF_ERROR(queue_old_series(key));
  }
  while (!todo.empty() || scanned < (*finder)->Found().size()) {
    while (scanned < (*finder)->Found().size()) {
      const std::vector<std::string> members = (*finder)->Found()[scanned++].symbols;
      for (const std::string& m : members) {
        auto old = ReadOldMember(txn, m);
        if (!old.ok()) return old.status();
        if (old->known) RECITAL_RETURN_IF_ERROR(queue_old_series(old->series_key));
      }
    }
    if (todo.empty()) break;
    std::string symbol = std::move(todo.back());
    todo.pop_back();
    if (!seen.insert(symbol).second) continue;
    auto doc = archive.GetDocument(symbol);
    if (!doc.ok() && doc.status().code() == StatusCode::kNotFound) continue;
    if (!doc.ok()) return doc.status();
    auto s = (*finder)->Find(symbol);
    if (!s.ok()) return s.status();
  }
  // 3. Replace the old series by the detected ones.
  for (const std::string& key : affected_keys) {
    RECITAL_RETURN_IF_ERROR(changes->Note(txn, key));
    RECITAL_RETURN_IF_ERROR(txn.Delete(store::kSeriesIndex, SeriesEntryKey(key)));
  }
  for (const Series& s : (*finder)->Found()) {
    std::vector<MemberInfo> infos;
    for (const std::string& sym : s.symbols) {
      MemberInfo info{(*finder)->SessionOf(sym), ""};
      if (!std::binary_search(touched.begin(), touched.end(), sym)) {
        auto old = ReadOldMember(txn, sym);  // its title is as it was: only the key may move
        if (!old.ok()) return old.status();
        if (old->known) {
          info.title_hash = old->title_hash;
          infos.push_back(info);
          if (old->series_key == s.key) continue;
          RECITAL_RETURN_IF_ERROR(txn.Put(store::kSeriesIndex, Join(kMemberPrefix, sym),
                                          MemberValue(s.key, old->title_hash)));
          continue;
        }
      }
      auto doc = archive.GetDocument(sym);
      if (!doc.ok()) return doc.status();
      const std::string title_key = CatalogueDocOf(*doc).key;
      info.title_hash = title_key.empty() ? "" : TitleHash(title_key);
      infos.push_back(info);
      RECITAL_RETURN_IF_ERROR(txn.Put(store::kSeriesIndex, Join(kMemberPrefix, sym),
                                      MemberValue(s.key, info.title_hash)));
    }
    RECITAL_RETURN_IF_ERROR(changes->Note(txn, s.key));
    RECITAL_RETURN_IF_ERROR(
        txn.Put(store::kSeriesIndex, SeriesEntryKey(s.key), EncodeSeries(s, infos)));
  }
  return Status::Ok();
}

}  // namespace

}  // namespace recital::history

namespace recital::history {

Status DeriveIndexes(const store::Archive& archive, store::DerivedTxn& txn,
                     const std::vector<std::string>& touched, DeriveCache* cache) {
  if (archive.format_version() < 6) return Status::Ok();
  Status st = DeriveSeriesIndex(archive, txn, touched, cache);
  // A damaged derived entry must not stop the archive taking releases: both indexes are
  // computed from the documents alone, so rebuild them (in this transaction) instead.
  // When the documents themselves cannot be read, the indexes stay stale (readers compute;
  // `recital verify` names the damage) and the release is still stored.
  if (st.code() == StatusCode::kCorruption) st = RebuildInTxn(archive, txn);
  if (st.code() == StatusCode::kCorruption) return Status::Ok();
  return st;
}

}  // namespace recital::history

namespace recital::history {

Result<std::vector<std::string>> CheckSeriesIndex(const store::Archive& archive) {
  std::vector<std::string> problems;
  if (archive.format_version() < 6) return problems;
  // The whole index from one snapshot; detection then runs on its own snapshot, so the two
  // are compared only when no write came between (else the index is stale: nothing to check).
  auto index = archive.ReadDerived(store::kSeriesIndex, "");
  if (!index.ok()) return index.status();
  if (!index->fresh) return problems;  // stale or absent: nothing stored is read
  auto stored_series = SeriesOfEntries(index->entries);
  if (!stored_series.ok()) {
    problems.push_back("series index: " + stored_series.status().message());
    return problems;
  }
  std::vector<Series> computed_series;
  auto recomputed = SeriesIndexEntries(archive, &computed_series);
  if (!recomputed.ok()) return recomputed.status();
  const std::vector<Series>* computed = &computed_series;
  auto generation = archive.InputGeneration();
  if (!generation.ok()) return generation.status();
  if (*generation != index->generation) return problems;
  // What the ingest hook reads besides the membership: the titles (t/, u/) and each member's
  // session and title (in s/) must be what a rebuild writes; q/ may hold more, w be larger.
  {
    std::map<std::string, std::string> want(recomputed->begin(), recomputed->end());
    std::map<std::string, std::string> have(index->entries.begin(), index->entries.end());
    auto prefixed = [](const std::string& k, std::string_view p) { return k.compare(0, p.size(), p) == 0; };
    for (const auto& [k, v] : want) {
      auto h = have.find(k);
      if (prefixed(k, kTitlePrefix) || prefixed(k, kUntitledPrefix)) {
        if (h == have.end() || h->second != v) {
          problems.push_back("series index title entry " + k.substr(0, 2) + " of " +
                             (prefixed(k, kUntitledPrefix) ? k.substr(2) : "a title") +
                             " differs from a rebuild");
        }
      } else if (prefixed(k, kHeadPrefix)) {
        auto need = DecodeHashes(v);
        auto got = h == have.end() ? Result<std::set<std::string>>(std::set<std::string>())
                                   : DecodeHashes(h->second);
        if (!need.ok() || !got.ok() ||
            !std::includes(got->begin(), got->end(), need->begin(), need->end())) {
          problems.push_back("series index lacks titles that a title heads");
        }
      } else if (k == kMaxWordsKey) {
        std::string_view a = v, b = h == have.end() ? std::string_view() : std::string_view(h->second);
        uint64_t need = 0, got = 0;
        if (!GetVarint(&a, &need) || !GetVarint(&b, &got) || got < need) {
          problems.push_back("series index gives fewer words to the longest title than it has");
        }
      } else if (prefixed(k, kSeriesPrefix) && h != have.end() && h->second != v) {
        Series a, b;
        uint64_t sa = 0, sb = 0;
        if (DecodeSeries(k, v, &sa, &a).ok() && DecodeSeries(k, h->second, &sb, &b).ok() &&
            a.symbols == b.symbols && a.name == b.name) {
          problems.push_back("series index holds other sessions or titles for the members of " +
                             a.key);
        }
      }
    }
    for (const auto& [k, v] : have) {
      if ((prefixed(k, kTitlePrefix) || prefixed(k, kUntitledPrefix)) && !want.count(k)) {
        problems.push_back("series index holds a title entry a rebuild does not (" +
                           (prefixed(k, kUntitledPrefix) ? k.substr(2) : "a title") + ")");
      }
    }
  }
  const std::vector<Series> stored = std::move(stored_series).value();
  std::map<std::string, const Series*> by_key;
  for (const Series& s : stored) by_key.emplace(s.key, &s);
  for (const Series& s : *computed) {
    auto it = by_key.find(s.key);
    if (it == by_key.end()) {
      problems.push_back("series index lacks series " + s.key + " (" + s.name + ")");
    } else if (it->second->symbols != s.symbols || it->second->name != s.name) {
      problems.push_back("series index holds another membership or name for series " + s.key);
    }
    if (it != by_key.end()) by_key.erase(it);
  }
  for (const auto& [key, s] : by_key) {
    problems.push_back("series index holds series " + key + ", which detection does not give");
  }
  auto same_order = [&] {
    for (size_t i = 0; i < computed->size(); ++i) {
      if (stored[i].key != (*computed)[i].key) return false;
    }
    return true;
  };
  if (problems.empty() && stored.size() == computed->size() && !same_order()) {
    problems.push_back("series index lists the series in another order than detection");
  }
  // Every member entry names the series that holds the member.
  {
    std::map<std::string, std::string> key_of;
    for (const Series& s : *computed) {
      for (const std::string& sym : s.symbols) key_of.emplace(sym, s.key);
    }
    size_t listed = 0;  // entries of archived documents, right or wrong
    for (const auto& [k, v] : index->entries) {
      if (k.compare(0, kMemberPrefix.size(), kMemberPrefix) != 0) continue;
      const std::string sym = k.substr(kMemberPrefix.size());
      auto it = key_of.find(sym);
      if (it != key_of.end()) ++listed;
      const std::string key = UnpackSeriesKey(std::string_view(v).substr(0, kSeriesKeyBytes));
      if (it == key_of.end() || it->second != key) {
        problems.push_back("series index puts " + sym + " in series " + key);
      }
    }
    if (listed != key_of.size()) {
      problems.push_back("series index lacks the series of " +
                         std::to_string(key_of.size() - listed) + " document(s)");
    }
  }
  return problems;
}

}  // namespace recital::history

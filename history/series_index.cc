// The stored series membership (format 6; store/FORMAT.md "Format 6"): history/ computes series
// detection and keeps the result in the store's derived `series` index, stamped with the input
// generation it was computed from. Readers use it only while it is fresh; otherwise they
// compute (the reference path, unchanged). Layout (keys and values, this file only):
//   m/<symbol>      -> series key
//   s/<series key>  -> varint position (the order ArchiveSeries returns), string name, varint
//                      member count, each member symbol as a string (session order)
// varint: unsigned LEB128; string: varint length + bytes.
#include <algorithm>
#include <map>
#include <utility>

#include "history/history.h"
#include "history/internal.h"

namespace recital::history {
namespace {

constexpr std::string_view kMemberPrefix = "m/";
constexpr std::string_view kSeriesPrefix = "s/";
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

std::string EncodeSeries(size_t position, const Series& s) {
  std::string v;
  PutVarint(&v, position);
  PutString(&v, s.name);
  PutVarint(&v, s.symbols.size());
  for (const std::string& sym : s.symbols) PutString(&v, sym);
  return v;
}

// Corruption naming the key when the value is malformed.
Status DecodeSeries(std::string_view key, std::string_view value, uint64_t* position,
                    Series* s) {
  auto bad = [&] {
    return Status::Corruption("series index entry " + std::string(key) + " is malformed");
  };
  if (key.substr(0, kSeriesPrefix.size()) != kSeriesPrefix) return bad();
  s->key = std::string(key.substr(kSeriesPrefix.size()));
  uint64_t count = 0;
  if (!GetVarint(&value, position) || !GetString(&value, &s->name) || !GetVarint(&value, &count) ||
      count == 0 || count > value.size()) {
    return bad();
  }
  s->symbols.resize(count);
  for (std::string& sym : s->symbols) {
    if (!GetString(&value, &sym) || sym.empty()) return bad();
  }
  return value.empty() ? Status::Ok() : bad();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SeriesIndexEntries(
    const std::vector<Series>& all) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (size_t i = 0; i < all.size(); ++i) {
    entries.emplace_back(Join(kSeriesPrefix, all[i].key), EncodeSeries(i, all[i]));
    for (const std::string& sym : all[i].symbols) {
      entries.emplace_back(Join(kMemberPrefix, sym), all[i].key);
    }
  }
  return entries;
}

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
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Series> out;
  out.reserve(ordered.size());
  for (auto& [pos, s] : ordered) out.push_back(std::move(s));
  return out;
}

}  // namespace

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
  const std::string key = Join(kSeriesPrefix, *member->values.front());
  auto series = archive.GetDerived(store::kSeriesIndex, {key});
  if (!series.ok()) return series.status();
  // Both reads from one generation, or the two may disagree: then compute.
  if (!series->fresh || series->generation != member->generation || !series->values.front()) {
    return std::optional<Series>();
  }
  Series s;
  uint64_t position = 0;
  RECITAL_RETURN_IF_ERROR(DecodeSeries(key, *series->values.front(), &position, &s));
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
    auto all = ComputeArchiveSeries(archive);
    if (!all.ok()) return all.status();
    auto done = archive.ReplaceDerived(store::kSeriesIndex, *gen, SeriesIndexEntries(*all));
    if (!done.ok()) return done.status();
    if (*done) return true;
  }
  return false;  // writers kept changing the inputs: left stale, readers compute
}

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
  auto computed = ComputeArchiveSeries(archive);
  if (!computed.ok()) return computed.status();
  auto generation = archive.InputGeneration();
  if (!generation.ok()) return generation.status();
  if (*generation != index->generation) return problems;
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
      if (it == key_of.end() || it->second != v) {
        problems.push_back("series index puts " + sym + " in series " + v);
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

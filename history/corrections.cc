// The series/* settings: the only code that knows their keys, and how a stored correction
// finds its series again.
#include <map>
#include <set>
#include <string>

#include "history/history.h"
#include "history/internal.h"

namespace recital::history {
namespace {

constexpr std::string_view kPrefix = "series/";
constexpr std::string_view kName = "series/name/";
constexpr std::string_view kJoin = "series/join/";
constexpr std::string_view kSplit = "series/split/";
constexpr std::string_view kJoinMembers = "series/join-members/";

// The rest of key after prefix, or nullopt when key does not start with it.
std::optional<std::string> After(const std::string& key, std::string_view prefix) {
  if (key.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return key.substr(prefix.size());
}

std::string Key(std::string_view prefix, std::string_view rest) {
  std::string key(prefix);
  key += rest;
  return key;
}

// The key a series would have if `symbol` were its earliest member, as DetectSeries makes it.
// A correction is stored; the stored series index is stale from that commit on (the setting
// moved the input generation) and is rebuilt here, so readers keep looking series up.
Status Refreshed(store::Archive& archive, const Status& written) {
  if (!written.ok()) return written;
  auto refreshed = RefreshSeriesIndex(archive);
  if (!refreshed.ok()) {
    return refreshed.status().WithContext(
        "the correction is stored, but the series index could not be rebuilt (readers compute "
        "series until it is)");
  }
  // The lineage follows the membership (whole: a correction is rare; ~25 s at 20,000).
  auto lineage = RefreshLineageIndex(archive);
  if (!lineage.ok()) {
    return lineage.status().WithContext(
        "the correction is stored, but the lineage index could not be rebuilt (log and blame "
        "compute until it is)");
  }
  return Status::Ok();
}

std::string KeyIfEarliest(const std::string& symbol) {
  SeriesMember m;
  m.symbol = symbol;
  return DetectSeries({m}).front().key;
}

}  // namespace

std::vector<Series> DetectWithCorrections(const std::vector<SeriesMember>& members,
                                          const SeriesOverrides& corrections) {
  if (corrections.names.empty() && corrections.joins.empty()) {
    return DetectSeries(members, corrections);
  }
  // Today's grouping before names and joins, and the member each stale key was made from.
  SeriesOverrides splits_only;
  splits_only.split_out = corrections.split_out;
  const std::vector<Series> base = DetectSeries(members, splits_only);
  std::set<std::string> keys_now;
  for (const Series& s : base) keys_now.insert(s.key);
  std::map<std::string, std::string> key_now_of;  // key a series starting at m had -> key now
  auto rebind = [&](const std::string& stored) -> std::string {
    if (keys_now.count(stored)) return stored;
    if (key_now_of.empty()) {
      for (const Series& s : base) {
        for (const std::string& sym : s.symbols) key_now_of.emplace(KeyIfEarliest(sym), s.key);
      }
    }
    auto it = key_now_of.find(stored);
    return it == key_now_of.end() ? stored : it->second;
  };
  SeriesOverrides bound;
  bound.split_out = corrections.split_out;
  bound.member_joins = corrections.member_joins;
  // A name stored under a series' key of today wins over one that followed a member.
  std::set<std::string> named;
  for (const auto& [key, name] : corrections.names) {
    if (keys_now.count(key)) {
      bound.names.emplace_back(key, name);
      named.insert(key);
    }
  }
  for (const auto& [key, name] : corrections.names) {
    if (keys_now.count(key)) continue;
    std::string now = rebind(key);
    if (named.insert(now).second) bound.names.emplace_back(now, name);
  }
  for (const auto& [a, b] : corrections.joins) bound.joins.emplace_back(rebind(a), rebind(b));
  return DetectSeries(members, bound);
}

Result<SeriesOverrides> SeriesCorrections::Load(const store::Archive& archive) {
  SeriesOverrides o;
  auto settings = archive.ListSettings(kPrefix);
  if (!settings.ok()) return settings.status();
  for (const auto& [key, value] : *settings) {
    if (auto k = After(key, kName)) {
      o.names.emplace_back(std::move(*k), value);
    } else if (auto m = After(key, kJoinMembers)) {
      const size_t space = m->find(' ');
      if (space != std::string::npos)
        o.member_joins.emplace_back(m->substr(0, space), m->substr(space + 1));
    } else if (auto a = After(key, kJoin)) {
      o.joins.emplace_back(std::move(*a), value);
    } else if (auto s = After(key, kSplit)) {
      o.split_out.push_back(std::move(*s));
    }
  }
  return o;
}

Status SeriesCorrections::Rename(store::Archive& archive, std::string_view series_key,
                                 std::string_view name) {
  if (series_key.empty()) return Status::InvalidInput("series rename: no series key");
  if (name.empty()) return Status::InvalidInput("series rename: the new name must not be empty");
  return Refreshed(archive, archive.PutSetting(Key(kName, series_key), name));
}

Status SeriesCorrections::Join(store::Archive& archive, std::string_view series_key_a,
                               std::string_view series_key_b) {
  if (series_key_a.empty() || series_key_b.empty()) {
    return Status::InvalidInput("series join: no series key");
  }
  if (series_key_a == series_key_b) {
    return Status::InvalidInput("series join: " + std::string(series_key_a) +
                                " cannot be joined to itself");
  }
  return Refreshed(archive, archive.PutSetting(Key(kJoin, series_key_a), series_key_b));
}

Status SeriesCorrections::JoinMembers(store::Archive& archive, std::string_view symbol_a,
                                      std::string_view symbol_b) {
  if (symbol_a.empty() || symbol_b.empty()) return Status::InvalidInput("series join: no symbol");
  if (symbol_a == symbol_b) {
    return Status::InvalidInput("series join: " + std::string(symbol_a) +
                                " cannot be joined to itself");
  }
  if (symbol_a.find(' ') != std::string_view::npos ||
      symbol_b.find(' ') != std::string_view::npos) {
    return Status::InvalidInput("series join: a symbol holds no space");
  }
  return Refreshed(archive, archive.PutSetting(Key(kJoinMembers, std::string(symbol_a) + " " +
                                                                 std::string(symbol_b)),
                                               ""));
}

Status SeriesCorrections::SplitOut(store::Archive& archive, std::string_view symbol) {
  if (symbol.empty()) return Status::InvalidInput("series split: no symbol");
  return Refreshed(archive, archive.PutSetting(Key(kSplit, symbol), ""));
}

}  // namespace recital::history

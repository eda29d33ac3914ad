// The series/* settings: the only code that knows their keys.
#include <string>

#include "history/history.h"

namespace recital::history {
namespace {

constexpr std::string_view kPrefix = "series/";
constexpr std::string_view kName = "series/name/";
constexpr std::string_view kJoin = "series/join/";
constexpr std::string_view kSplit = "series/split/";

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

}  // namespace

Result<SeriesOverrides> SeriesCorrections::Load(const store::Archive& archive) {
  SeriesOverrides o;
  auto settings = archive.ListSettings(kPrefix);
  if (!settings.ok()) return settings.status();
  for (const auto& [key, value] : *settings) {
    if (auto k = After(key, kName)) {
      o.names.emplace_back(std::move(*k), value);
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
  return archive.PutSetting(Key(kName, series_key), name);
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
  return archive.PutSetting(Key(kJoin, series_key_a), series_key_b);
}

Status SeriesCorrections::SplitOut(store::Archive& archive, std::string_view symbol) {
  if (symbol.empty()) return Status::InvalidInput("series split: no symbol");
  return archive.PutSetting(Key(kSplit, symbol), "");
}

}  // namespace recital::history

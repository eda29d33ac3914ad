// Value layouts of the current format (store/FORMAT.md); declared in store/migration.h and
// store/encoding.h.
#include "schema/strings.h"
#include "store/encoding.h"

#include <cctype>

#include "store/bytes.h"

namespace recital::store {
namespace {

constexpr uint8_t kDocsLayout = 1;

}  // namespace

std::string EncodeDocVersions(const std::vector<DocumentVersion>& versions) {
  std::string out;
  out.push_back(static_cast<char>(kDocsLayout));
  PutVarint(&out, versions.size());
  for (const auto& v : versions) {
    out += v.raw_hash.ToBytes();
    out += v.record_hash.ToBytes();
    PutVarint(&out, static_cast<uint64_t>(v.ingest_time));
    PutVarint(&out, v.raw_size);
    PutLengthPrefixed(&out, v.source_name);
    PutVarint(&out, v.session);
    PutVarint(&out, v.number);
    PutLengthPrefixed(&out, v.title);
    PutLengthPrefixed(&out, v.adoption_date);
  }
  return out;
}

Result<std::vector<DocumentVersion>> DecodeDocVersions(std::string_view value,
                                                       std::string_view symbol) {
  auto bad = [&](const char* what) {
    return Status::Corruption("docs entry of " + std::string(symbol) + ": " + what);
  };
  if (value.empty() || static_cast<uint8_t>(value[0]) != kDocsLayout) return bad("unknown layout");
  value.remove_prefix(1);
  uint64_t n = 0;
  if (!GetVarint(&value, &n) || n == 0 || n > value.size()) return bad("bad version count");
  std::vector<DocumentVersion> out;
  out.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    DocumentVersion v;
    v.version = static_cast<uint32_t>(i + 1);
    uint64_t time = 0, size = 0, session = 0, number = 0;
    std::string_view source, title, date;
    if (!GetHash(&value, &v.raw_hash) || !GetHash(&value, &v.record_hash) ||
        !GetVarint(&value, &time) || !GetVarint(&value, &size) ||
        !GetLengthPrefixed(&value, &source) || !GetVarint(&value, &session) ||
        !GetVarint(&value, &number) || !GetLengthPrefixed(&value, &title) ||
        !GetLengthPrefixed(&value, &date)) {
      return bad("truncated version");
    }
    v.ingest_time = static_cast<int64_t>(time);
    v.raw_size = size;
    v.source_name = source;
    v.session = static_cast<uint32_t>(session);
    v.number = static_cast<uint32_t>(number);
    v.title = title;
    v.adoption_date = date;
    out.push_back(std::move(v));
  }
  if (!value.empty()) return bad("trailing bytes");
  return out;
}

std::string EncodeUseList(const std::vector<PackedUse>& sorted_uses) {
  std::string out;
  uint32_t prev = 0;
  for (const auto& u : sorted_uses) {
    PutVarint(&out, u.doc - prev);
    PutVarint(&out, u.version);
    PutVarint(&out, u.position);
    prev = u.doc;
  }
  return out;
}

std::string EncodeNumberList(const std::vector<uint32_t>& sorted_numbers) {
  std::string out;
  uint32_t prev = 0;
  for (uint32_t n : sorted_numbers) {
    PutVarint(&out, n - prev);
    prev = n;
  }
  return out;
}

bool DecodeNumberList(std::string_view value, std::vector<uint32_t>* numbers) {
  numbers->clear();
  uint64_t n = 0;
  while (!value.empty()) {
    uint64_t delta = 0;
    if (!GetVarint(&value, &delta) || delta == 0 || delta > UINT32_MAX) return false;
    n += delta;
    if (n > UINT32_MAX) return false;
    numbers->push_back(static_cast<uint32_t>(n));
  }
  return !numbers->empty();
}

bool DecodeUseList(std::string_view value, std::vector<PackedUse>* uses) {
  uses->clear();
  uint64_t doc = 0;
  while (!value.empty()) {
    uint64_t delta = 0, version = 0, position = 0;
    if (!GetVarint(&value, &delta) || !GetVarint(&value, &version) ||
        !GetVarint(&value, &position)) {
      return false;
    }
    if (delta > UINT32_MAX) return false;
    doc += delta;
    if (doc == 0 || doc > UINT32_MAX || version > UINT32_MAX || position > UINT32_MAX) {
      return false;
    }
    PackedUse u{static_cast<uint32_t>(doc), static_cast<uint32_t>(version),
                static_cast<uint32_t>(position)};
    if (!uses->empty() && !(uses->back() < u)) return false;
    uses->push_back(u);
  }
  return !uses->empty();
}

std::string DocNumberKey(uint32_t number) {
  std::string out;
  PutU32BE(&out, number);
  return out;
}

bool DecodeDocNumberKey(std::string_view key, uint32_t* number) {
  return GetU32BE(&key, number) && key.empty();
}

std::string TitleKey(std::string_view title) {
  std::string out;
  bool space = false;
  for (char c : title) {
    if (IsAsciiSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(AsciiLower(c));
  }
  if (out.size() > kMaxTitleKeyBytes) out.resize(kMaxTitleKeyBytes);
  return out;
}

}  // namespace recital::store

// Value layouts of the current format (store/FORMAT.md); declared in store/migration.h and
// store/encoding.h.
#include "schema/strings.h"
#include "store/encoding.h"

#include <cctype>

#include "store/bytes.h"

namespace recital::store {
namespace {

constexpr uint8_t kDocsLayoutV4 = 1;  // formats 1-4: versions only
constexpr uint8_t kDocsLayout = 2;    // format 5: + language, completeness, current per language

}  // namespace

std::string EncodeDocument(const Document& doc) {
  std::string out;
  out.push_back(static_cast<char>(kDocsLayout));
  PutVarint(&out, doc.versions.size());
  for (const auto& v : doc.versions) {
    out += v.raw_hash.ToBytes();
    out += v.record_hash.ToBytes();
    PutVarint(&out, static_cast<uint64_t>(v.ingest_time));
    PutVarint(&out, v.raw_size);
    PutLengthPrefixed(&out, v.source_name);
    PutVarint(&out, v.session);
    PutVarint(&out, v.number);
    PutLengthPrefixed(&out, v.title);
    PutLengthPrefixed(&out, v.adoption_date);
    PutLengthPrefixed(&out, v.language);
    out.push_back(static_cast<char>(v.completeness));
    PutVarint(&out, v.paragraphs);
  }
  PutVarint(&out, doc.current_versions.size());
  for (const auto& c : doc.current_versions) {
    PutLengthPrefixed(&out, c.language);
    PutVarint(&out, c.version);
    out.push_back(c.chosen ? 1 : 0);
  }
  return out;
}

Result<Document> DecodeDocument(std::string_view value, std::string_view symbol) {
  auto bad = [&](const char* what) {
    return Status::Corruption("docs entry of " + std::string(symbol) + ": " + what);
  };
  if (value.empty()) return bad("unknown layout");
  const uint8_t layout = static_cast<uint8_t>(value[0]);
  if (layout != kDocsLayout && layout != kDocsLayoutV4) return bad("unknown layout");
  value.remove_prefix(1);
  uint64_t n = 0;
  if (!GetVarint(&value, &n) || n == 0 || n > value.size()) return bad("bad version count");
  Document doc;
  doc.symbol = symbol;
  doc.versions.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    DocumentVersion v;
    v.version = static_cast<uint32_t>(i + 1);
    uint64_t time = 0, size = 0, session = 0, number = 0;
    std::string_view source, title, date, language;
    if (!GetHash(&value, &v.raw_hash) || !GetHash(&value, &v.record_hash) ||
        !GetVarint(&value, &time) || !GetVarint(&value, &size) ||
        !GetLengthPrefixed(&value, &source) || !GetVarint(&value, &session) ||
        !GetVarint(&value, &number) || !GetLengthPrefixed(&value, &title) ||
        !GetLengthPrefixed(&value, &date)) {
      return bad("truncated version");
    }
    if (layout == kDocsLayout) {
      if (!GetLengthPrefixed(&value, &language) || value.empty()) return bad("truncated version");
      const uint8_t c = static_cast<uint8_t>(value[0]);
      value.remove_prefix(1);
      if (c > static_cast<uint8_t>(Completeness::kPart)) return bad("unknown completeness");
      v.completeness = static_cast<Completeness>(c);
      uint64_t paragraphs = 0;
      if (!GetVarint(&value, &paragraphs) || paragraphs > UINT32_MAX) {
        return bad("truncated version");
      }
      v.paragraphs = static_cast<uint32_t>(paragraphs);
    }
    v.ingest_time = static_cast<int64_t>(time);
    v.raw_size = size;
    v.source_name = source;
    v.session = static_cast<uint32_t>(session);
    v.number = static_cast<uint32_t>(number);
    v.title = title;
    v.adoption_date = date;
    v.language = language;
    doc.versions.push_back(std::move(v));
  }
  if (layout == kDocsLayoutV4) {  // format 4 knew no languages: the newest copy was current
    doc.current_versions.push_back({"", doc.versions.back().version, false});
    if (!value.empty()) return bad("trailing bytes");
    return doc;
  }
  uint64_t m = 0;
  if (!GetVarint(&value, &m) || m == 0 || m > value.size()) return bad("bad language count");
  for (uint64_t i = 0; i < m; ++i) {
    CurrentVersion c;
    std::string_view language;
    uint64_t version = 0;
    if (!GetLengthPrefixed(&value, &language) || !GetVarint(&value, &version) || value.empty()) {
      return bad("truncated current version");
    }
    const uint8_t chosen = static_cast<uint8_t>(value[0]);
    value.remove_prefix(1);
    if (chosen > 1) return bad("bad chosen flag");
    if (version == 0 || version > n) return bad("current version out of range");
    c.language = language;
    c.version = static_cast<uint32_t>(version);
    c.chosen = chosen == 1;
    if (!doc.current_versions.empty() && doc.current_versions.back().language >= c.language) {
      return bad("current versions not sorted by language");
    }
    doc.current_versions.push_back(std::move(c));
  }
  if (!value.empty()) return bad("trailing bytes");
  return doc;
}

std::string EncodeDocVersions(const std::vector<DocumentVersion>& versions) {
  Document doc;
  doc.versions = versions;
  ApplyCurrentRule(&doc);
  return EncodeDocument(doc);
}

Result<std::vector<DocumentVersion>> DecodeDocVersions(std::string_view value,
                                                       std::string_view symbol) {
  auto doc = DecodeDocument(value, symbol);
  if (!doc.ok()) return doc.status();
  return std::move(doc->versions);
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

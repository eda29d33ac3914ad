// DeriveCache (history.h): records decoded by the ingest hook, kept for the writer's next
// transactions. An ingest in symbol order brings a series' next member one session's worth of
// releases later (about 300 in the General Assembly's record, 1,000 in bench/'s corpus), and
// the lineage index diffs it with that predecessor: without the cache every release was decoded
// three times (placed in its series, diffed as the newer member, then as the older one).
#include <list>
#include <map>
#include <optional>

#include "history/internal.h"

namespace recital::history {

struct DeriveCache::Impl {
  struct Entry {
    PreparedResolution record;
    size_t bytes = 0;
    std::list<Hash128>::iterator age;  // in `ages`, newest first
  };
  size_t max_bytes = 0;
  size_t bytes = 0;
  std::list<Hash128> ages;
  std::map<Hash128, Entry> entries;

  std::optional<PreparedResolution> Find(const Hash128& h) {
    auto it = entries.find(h);
    if (it == entries.end()) return std::nullopt;
    ages.splice(ages.begin(), ages, it->second.age);
    return it->second.record;
  }
  void Drop(const Hash128& h) {
    auto it = entries.find(h);
    if (it == entries.end()) return;
    bytes -= it->second.bytes;
    ages.erase(it->second.age);
    entries.erase(it);
  }
  void Add(const Hash128& h, PreparedResolution record, size_t size) {
    if (size > max_bytes || entries.count(h)) return;
    ages.push_front(h);
    entries.emplace(h, Entry{std::move(record), size, ages.begin()});
    bytes += size;
    while (bytes > max_bytes && !ages.empty()) {
      auto old = entries.find(ages.back());
      bytes -= old->second.bytes;
      entries.erase(old);
      ages.pop_back();
    }
  }
};

DeriveCache::DeriveCache(size_t max_bytes) : impl_(std::make_unique<Impl>()) {
  impl_->max_bytes = max_bytes;
}
DeriveCache::~DeriveCache() = default;

namespace {

// What a prepared record holds in memory, roughly: its strings four times over (the record,
// the full text and normalised wording DiffPrepared compares, allocation slack), a word bag
// and a fixed cost per paragraph.
size_t ApproxBytes(const Resolution& r) {
  size_t n = sizeof(Resolution) + r.title.size() + r.symbol.size();
  for (const std::vector<Paragraph>* section : {&r.preamble, &r.operative, &r.annex}) {
    for (const Paragraph& p : *section) {
      n += 2 * sizeof(Paragraph) + 6 * (p.text.size() + p.lead.size() + p.number.size());
      for (const SubParagraph& sp : p.subparagraphs) n += sizeof(SubParagraph) + 6 * sp.text.size();
    }
  }
  for (const Footnote& f : r.footnotes) n += sizeof(Footnote) + 2 * f.text.size();
  return n;
}

}  // namespace

Result<PreparedResolution> CachedRecord(const store::Archive& archive,
                                        const store::DerivedTxn* txn, DeriveCache* cache,
                                        const std::string& symbol, uint32_t version) {
  if (cache == nullptr && txn == nullptr) {
    auto r = archive.GetResolution(symbol, version);
    if (!r.ok()) return r.status();
    return PrepareResolution(std::move(r).value());
  }
  auto doc = archive.GetDocument(symbol);
  if (!doc.ok()) return doc.status();
  if (version > doc->versions.size()) {
    return Status::NotFound(symbol + " has " + std::to_string(doc->versions.size()) +
                            " version(s), not " + std::to_string(version));
  }
  const store::DocumentVersion& v = version == 0 ? doc->current() : doc->versions[version - 1];
  if (cache != nullptr) {
    if (auto hit = cache->impl().Find(v.record_hash)) return *hit;
  }
  Resolution record;
  if (auto bytes = txn ? txn->BatchRecord(v.record_hash) : nullptr) {
    // The record as the batch encoded it: its wordings are inline, nothing to load.
    auto r = DecodeResolution(*bytes, [&](const Hash128& h, Paragraph*) {
      return Status::Corruption("record of " + symbol + " names wording " + h.ToHex() +
                                " that is not inline");
    });
    if (!r.ok()) return r.status().WithContext("record of " + symbol);
    record = std::move(r).value();
  } else {
    auto r = archive.GetResolution(symbol, v.version);
    if (!r.ok()) return r.status();
    record = std::move(r).value();
  }
  const size_t bytes = ApproxBytes(record);
  PreparedResolution prepared = PrepareResolution(std::move(record));
  if (cache != nullptr) cache->impl().Add(v.record_hash, prepared, bytes);
  return prepared;
}

void ForgetCachedRecord(const store::Archive& archive, DeriveCache* cache,
                        const std::string& symbol, uint32_t version) {
  if (cache == nullptr) return;
  auto doc = archive.GetDocument(symbol);
  if (!doc.ok() || version == 0 || version > doc->versions.size()) return;
  cache->impl().Drop(doc->versions[version - 1].record_hash);
}

}  // namespace recital::history

// DeriveCache (history.h): records decoded by the ingest hook, kept for the writer's next
// transactions. An ingest in symbol order brings a series' next member one session's worth of
// releases later (about 300 in the General Assembly's record, 1,000 in bench/'s corpus), and
// the lineage index diffs it with that predecessor: without the cache every release was decoded
// three times (placed in its series, diffed as the newer member, then as the older one).
#include <list>
#include <map>

#include "history/internal.h"

namespace recital::history {

struct DeriveCache::Impl {
  struct Entry {
    std::shared_ptr<const Resolution> record;
    size_t bytes = 0;
    std::list<Hash128>::iterator age;  // in `ages`, newest first
  };
  size_t max_bytes = 0;
  size_t bytes = 0;
  std::list<Hash128> ages;
  std::map<Hash128, Entry> entries;

  std::shared_ptr<const Resolution> Find(const Hash128& h) {
    auto it = entries.find(h);
    if (it == entries.end()) return nullptr;
    ages.splice(ages.begin(), ages, it->second.age);
    return it->second.record;
  }
  void Add(const Hash128& h, std::shared_ptr<const Resolution> record, size_t size) {
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

// What a decoded record holds in memory, roughly: its strings twice over (allocation slack,
// the structure around them) and a fixed cost per paragraph.
size_t ApproxBytes(const Resolution& r) {
  size_t n = sizeof(Resolution) + r.title.size() + r.symbol.size();
  for (const std::vector<Paragraph>* section : {&r.preamble, &r.operative, &r.annex}) {
    for (const Paragraph& p : *section) {
      n += sizeof(Paragraph) + 2 * (p.text.size() + p.lead.size() + p.number.size());
      for (const SubParagraph& sp : p.subparagraphs) n += sizeof(SubParagraph) + 2 * sp.text.size();
    }
  }
  for (const Footnote& f : r.footnotes) n += sizeof(Footnote) + 2 * f.text.size();
  return n;
}

}  // namespace

Result<std::shared_ptr<const Resolution>> CachedRecord(const store::Archive& archive,
                                                       const store::DerivedTxn* txn,
                                                       DeriveCache* cache,
                                                       const std::string& symbol,
                                                       uint32_t version) {
  if (cache == nullptr && txn == nullptr) {
    auto r = archive.GetResolution(symbol, version);
    if (!r.ok()) return r.status();
    return std::make_shared<const Resolution>(std::move(r).value());
  }
  auto doc = archive.GetDocument(symbol);
  if (!doc.ok()) return doc.status();
  if (version > doc->versions.size()) {
    return Status::NotFound(symbol + " has " + std::to_string(doc->versions.size()) +
                            " version(s), not " + std::to_string(version));
  }
  const store::DocumentVersion& v = version == 0 ? doc->current() : doc->versions[version - 1];
  if (cache != nullptr) {
    if (auto hit = cache->impl().Find(v.record_hash)) return hit;
  }
  std::shared_ptr<const Resolution> shared;
  if (auto bytes = txn ? txn->BatchRecord(v.record_hash) : nullptr) {
    // The record as the batch encoded it: its wordings are inline, nothing to load.
    auto r = DecodeResolution(*bytes, [&](const Hash128& h, Paragraph*) {
      return Status::Corruption("record of " + symbol + " names wording " + h.ToHex() +
                                " that is not inline");
    });
    if (!r.ok()) return r.status().WithContext("record of " + symbol);
    shared = std::make_shared<const Resolution>(std::move(r).value());
  } else {
    auto r = archive.GetResolution(symbol, v.version);
    if (!r.ok()) return r.status();
    shared = std::make_shared<const Resolution>(std::move(r).value());
  }
  if (cache != nullptr) cache->impl().Add(v.record_hash, shared, ApproxBytes(*shared));
  return shared;
}

}  // namespace recital::history

// Derived indexes (format 6; store/FORMAT.md "Format 6"): indexes computed above store from the
// documents and settings, kept with the input generation they were computed at so a stale one
// is detected instead of read as truth. Store owns the generation and the stamps, not the
// content.
#include <algorithm>

#include "store/archive_impl.h"
#include "store/bytes.h"

namespace recital::store {
namespace {

using ReadLock = std::shared_lock<std::shared_mutex>;

Result<std::optional<uint64_t>> ReadVarintMeta(const Txn& txn, const Dbis& dbis,
                                               std::string_view key) {
  auto v = txn.Get(dbis.meta, key);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<uint64_t>();
  std::string_view in = **v;
  uint64_t n = 0;
  if (!GetVarint(&in, &n) || !in.empty()) {
    return Status::Corruption("meta/" + std::string(key) + " is not a varint");
  }
  return std::optional<uint64_t>(n);
}

std::string StampKey(std::string_view index) {
  std::string key(kMetaDerivedStampPrefix);
  key += index;
  return key;
}

// The dbi of a derived index by name; InvalidInput for an unknown name or an archive without it.
Result<MDB_dbi> DerivedDbi(const Dbis& dbis, std::string_view index) {
  if (index != kSeriesIndex && index != kLineageIndex) {
    return Status::InvalidInput("no derived index '" + std::string(index) + "'");
  }
  const MDB_dbi dbi = index == kSeriesIndex ? dbis.series : dbis.lineage;
  if (dbi == 0) {
    return Status::InvalidInput("the archive predates format 6: it has no derived " +
                                std::string(index) + " index");
  }
  return dbi;
}

}  // namespace

Result<uint64_t> ReadInputGeneration(const Txn& txn, const Dbis& dbis) {
  auto g = ReadVarintMeta(txn, dbis, kMetaInputGenerationKey);
  if (!g.ok()) return g.status();
  return g->value_or(0);
}

Status BumpInputGeneration(Txn& txn, const Dbis& dbis) {
  auto g = ReadInputGeneration(txn, dbis);
  if (!g.ok()) return g.status();
  std::string value;
  PutVarint(&value, *g + 1);
  return txn.Put(dbis.meta, kMetaInputGenerationKey, value);
}

Result<std::optional<uint64_t>> ReadDerivedStamp(const Txn& txn, const Dbis& dbis,
                                                 std::string_view index) {
  return ReadVarintMeta(txn, dbis, StampKey(index));
}

Result<uint64_t> Archive::InputGeneration() const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  return ReadInputGeneration(*txn, impl_->dbis());
}

namespace {

// Opens a read transaction and fills the freshness of `index`; then calls read(txn, dbi) when
// fresh.
template <typename Fn>
Result<Archive::DerivedRead> ReadFresh(const Archive::Impl& impl, std::string_view index,
                                       Fn&& read) {
  ReadLock lock(impl.txn_mutex);
  auto dbi = DerivedDbi(impl.dbis(), index);
  if (!dbi.ok()) return dbi.status();
  auto txn = impl.Begin(false);
  if (!txn.ok()) return txn.status();
  Archive::DerivedRead out;
  auto gen = ReadInputGeneration(*txn, impl.dbis());
  if (!gen.ok()) return gen.status();
  auto stamp = ReadDerivedStamp(*txn, impl.dbis(), index);
  if (!stamp.ok()) return stamp.status();
  out.generation = *gen;
  out.fresh = stamp->has_value() && **stamp == *gen;
  if (out.fresh) RECITAL_RETURN_IF_ERROR(read(*txn, *dbi, &out));
  return out;
}

}  // namespace

Result<Archive::DerivedRead> Archive::ReadDerived(std::string_view index,
                                                  std::string_view prefix) const {
  return ReadFresh(*impl_, index, [&](const Txn& txn, MDB_dbi dbi, DerivedRead* out) -> Status {
    auto cur = Cursor::Open(txn, dbi);
    if (!cur.ok()) return cur.status();
    std::string_view k, v;
    auto more = prefix.empty() ? cur->Get(MDB_FIRST, &k, &v)
                               : (k = prefix, cur->Get(MDB_SET_RANGE, &k, &v));
    for (;; more = cur->Get(MDB_NEXT, &k, &v)) {
      if (!more.ok()) return more.status();
      if (!*more || k.substr(0, prefix.size()) != prefix) break;
      out->entries.emplace_back(std::string(k), std::string(v));
    }
    return Status::Ok();
  });
}

Result<Archive::DerivedRead> Archive::GetDerived(std::string_view index,
                                                 const std::vector<std::string>& keys) const {
  return ReadFresh(*impl_, index, [&](const Txn& txn, MDB_dbi dbi, DerivedRead* out) -> Status {
    for (const std::string& key : keys) {
      if (key.empty() || key.size() > 500) {
        out->values.emplace_back();
        continue;
      }
      auto v = txn.Get(dbi, key);
      if (!v.ok()) return v.status();
      out->values.push_back(v->has_value() ? std::optional<std::string>(std::string(**v))
                                           : std::nullopt);
    }
    return Status::Ok();
  });
}

Result<bool> Archive::ReplaceDerived(
    std::string_view index, uint64_t computed_at,
    const std::vector<std::pair<std::string, std::string>>& entries) {
  RECITAL_RETURN_IF_ERROR(impl_->RequireWritable());
  std::vector<const std::pair<std::string, std::string>*> sorted;
  sorted.reserve(entries.size());
  for (const auto& e : entries) {
    if (e.first.empty() || e.first.size() > 500) {
      return Status::InvalidInput("derived index keys must be 1-500 bytes");
    }
    sorted.push_back(&e);
  }
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i]->first == sorted[i - 1]->first) {
      return Status::InvalidInput("derived index key given twice: " + sorted[i]->first);
    }
  }
  for (;;) {
    bool grow = false;
    {
      ReadLock lock(impl_->txn_mutex);
      auto dbi = DerivedDbi(impl_->dbis(), index);
      if (!dbi.ok()) return dbi.status();
      auto txn = impl_->Begin(true);
      if (!txn.ok()) return txn.status();
      auto gen = ReadInputGeneration(*txn, impl_->dbis());
      if (!gen.ok()) return gen.status();
      if (*gen != computed_at) return false;  // the transaction aborts: nothing written
      Status st = txn->Empty(*dbi, "clear " + std::string(index));
      for (size_t i = 0; i < sorted.size() && st.ok(); ++i) {
        st = txn->Put(*dbi, sorted[i]->first, sorted[i]->second, MDB_APPEND);
      }
      std::string stamp;
      PutVarint(&stamp, computed_at);
      if (st.ok()) st = txn->Put(impl_->dbis().meta, StampKey(index), stamp);
      if (st.ok()) st = txn->Commit();
      if (st.ok()) return true;
      if (!txn->map_full()) return st;
      grow = true;
    }
    if (grow) {
      std::unique_lock<std::shared_mutex> lock(impl_->txn_mutex);
      RECITAL_RETURN_IF_ERROR(impl_->env->Grow());
    }
  }
}

}  // namespace recital::store

namespace recital::store {
namespace {

class DerivedTxnImpl : public DerivedTxn {
 public:
  DerivedTxnImpl(Txn& txn, const Dbis& dbis, uint64_t generation_at_begin,
                 std::map<Hash128, std::shared_ptr<const std::string>> batch_records)
      : txn_(txn),
        dbis_(dbis),
        generation_at_begin_(generation_at_begin),
        batch_records_(std::move(batch_records)) {}

  Result<bool> WasFresh(std::string_view index) override {
    RECITAL_RETURN_IF_ERROR(DerivedDbi(dbis_, index).status());
    auto stamp = ReadDerivedStamp(txn_, dbis_, index);
    if (!stamp.ok()) return stamp.status();
    return stamp->has_value() && **stamp == generation_at_begin_;
  }
  Result<std::optional<std::string>> Get(std::string_view index, std::string_view key) override {
    auto dbi = DerivedDbi(dbis_, index);
    if (!dbi.ok()) return dbi.status();
    RECITAL_RETURN_IF_ERROR(CheckKey(key));
    auto v = txn_.Get(*dbi, key);
    if (!v.ok()) return v.status();
    if (!v->has_value()) return std::optional<std::string>();
    return std::optional<std::string>(std::string(**v));
  }
  Result<std::vector<std::pair<std::string, std::string>>> Scan(std::string_view index,
                                                                std::string_view prefix) override {
    auto dbi = DerivedDbi(dbis_, index);
    if (!dbi.ok()) return dbi.status();
    std::vector<std::pair<std::string, std::string>> out;
    auto cur = Cursor::Open(txn_, *dbi);
    if (!cur.ok()) return cur.status();
    std::string_view k, v;
    auto more = prefix.empty() ? cur->Get(MDB_FIRST, &k, &v)
                               : (k = prefix, cur->Get(MDB_SET_RANGE, &k, &v));
    for (;; more = cur->Get(MDB_NEXT, &k, &v)) {
      if (!more.ok()) return more.status();
      if (!*more || k.substr(0, prefix.size()) != prefix) break;
      out.emplace_back(std::string(k), std::string(v));
    }
    return out;
  }
  Status Put(std::string_view index, std::string_view key, std::string_view value) override {
    auto dbi = DerivedDbi(dbis_, index);
    if (!dbi.ok()) return dbi.status();
    RECITAL_RETURN_IF_ERROR(CheckKey(key));
    // Replacing goes through a delete: LMDB rebalances (merges under-filled pages) only on
    // deletes, and a put that turns a grown value into an overflow page leaves its leaf page
    // nearly empty. Entries rewritten as series grow (lineage, members) left 638 leaf pages
    // for 1,000 lineage entries at 20,000 releases, each holding little more than one pointer.
    RECITAL_RETURN_IF_ERROR(txn_.Del(*dbi, key));
    return txn_.Put(*dbi, key, value);
  }
  Status Delete(std::string_view index, std::string_view key) override {
    auto dbi = DerivedDbi(dbis_, index);
    if (!dbi.ok()) return dbi.status();
    RECITAL_RETURN_IF_ERROR(CheckKey(key));
    return txn_.Del(*dbi, key);
  }
  Status Clear(std::string_view index) override {
    auto dbi = DerivedDbi(dbis_, index);
    if (!dbi.ok()) return dbi.status();
    return txn_.Empty(*dbi, "clear " + std::string(index));
  }
  Status MarkFresh(std::string_view index) override {
    RECITAL_RETURN_IF_ERROR(DerivedDbi(dbis_, index).status());
    auto gen = ReadInputGeneration(txn_, dbis_);
    if (!gen.ok()) return gen.status();
    std::string stamp;
    PutVarint(&stamp, *gen);
    return txn_.Put(dbis_.meta, StampKey(index), stamp);
  }

 private:
  static Status CheckKey(std::string_view key) {
    if (key.empty() || key.size() > 500) {
      return Status::InvalidInput("derived index keys must be 1-500 bytes");
    }
    return Status::Ok();
  }
  std::shared_ptr<const std::string> BatchRecord(const Hash128& record_hash) const override {
    auto it = batch_records_.find(record_hash);
    return it == batch_records_.end() ? nullptr : it->second;
  }
  Txn& txn_;
  const Dbis& dbis_;
  const uint64_t generation_at_begin_;
  const std::map<Hash128, std::shared_ptr<const std::string>> batch_records_;
};

}  // namespace

std::unique_ptr<DerivedTxn> MakeDerivedTxn(
    Txn& txn, const Dbis& dbis, uint64_t generation_at_begin,
    std::map<Hash128, std::shared_ptr<const std::string>> batch_records) {
  return std::make_unique<DerivedTxnImpl>(txn, dbis, generation_at_begin,
                                          std::move(batch_records));
}

}  // namespace recital::store

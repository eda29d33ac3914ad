// The migration interface (store/migration.h): Archive::Migrate and the MigrationTxn it hands
// to a step, and the object header as migrations see it.
#include "store/migration.h"

#include <memory>
#include <mutex>
#include <shared_mutex>

#include "store/archive_impl.h"

namespace recital::store {
namespace {

class MigrationTxnImpl : public MigrationTxn {
 public:
  MigrationTxnImpl(Txn& txn, Dbis& dbis) : txn_(txn), dbis_(dbis), reader_(txn, dbis.objects) {}
  Result<std::optional<std::string>> Get(std::string_view db, std::string_view key) override {
    auto dbi = Dbi(db);
    if (!dbi.ok()) return dbi.status();
    auto v = txn_.Get(*dbi, key);
    if (!v.ok()) return v.status();
    if (!v->has_value()) return std::optional<std::string>();
    return std::optional<std::string>(std::string(**v));
  }
  Status Put(std::string_view db, std::string_view key, std::string_view value) override {
    auto dbi = Dbi(db);
    if (!dbi.ok()) return dbi.status();
    return txn_.Put(*dbi, key, value);
  }
  Status Delete(std::string_view db, std::string_view key) override {
    auto dbi = Dbi(db);
    if (!dbi.ok()) return dbi.status();
    return txn_.Del(*dbi, key);
  }
  Status ForEach(std::string_view db,
                 const std::function<Status(std::string_view, std::string_view)>& fn) override {
    auto dbi = Dbi(db);
    if (!dbi.ok()) return dbi.status();
    auto cur = Cursor::Open(txn_, *dbi);
    if (!cur.ok()) return cur.status();
    std::string_view k, v;
    for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
      if (!more.ok()) return more.status();
      if (!*more) return Status::Ok();
      RECITAL_RETURN_IF_ERROR(fn(k, v));
    }
  }
  Status Recreate(std::string_view db) override { return RecreateDbi(txn_, &dbis_, db); }
  Result<std::string> LoadObject(const Hash128& hash) override {
    ObjectType type;
    auto content = reader_.LoadAny(hash, &type);
    if (!content.ok()) return content.status();
    return std::string(**content);
  }
  Result<Hash128> PutObject(ObjectType type, std::string_view content,
                            const std::vector<Hash128>& bases) override {
    if (type != ObjectType::kRelease && type != ObjectType::kParagraph &&
        type != ObjectType::kRecord) {
      return Status::InvalidInput("no object type " + std::to_string(static_cast<int>(type)));
    }
    Hash128 key = HashBytes(content);
    auto existing = txn_.Get(dbis_.objects, key.ToBytes());
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) return key;
    std::vector<BaseRef> refs;
    std::vector<std::shared_ptr<const std::string>> keep;
    for (const auto& b : bases) {
      if (refs.size() == kMaxBases) break;
      auto stored = txn_.Get(dbis_.objects, b.ToBytes());
      if (!stored.ok()) return stored.status();
      if (!stored->has_value()) continue;
      auto header = ParseObjectHeader(**stored, b);
      if (!header.ok() || header->depth + 1 > kMaxChainDepth) continue;
      ObjectType t;
      auto base = reader_.LoadAny(b, &t);
      if (!base.ok()) continue;
      keep.push_back(*base);
      refs.push_back(BaseRef{b, header->depth, *keep.back()});
    }
    Compressor comp(type == ObjectType::kRelease ? kReleaseLevel : kRecordLevel);
    comp.SetBases(refs, content.size());
    std::string value = comp.Encode(type, content, !refs.empty());
    RECITAL_RETURN_IF_ERROR(txn_.Put(dbis_.objects, key.ToBytes(), value));
    return key;
  }

 private:
  Result<MDB_dbi> Dbi(std::string_view db) {
    auto dbi = DbiByName(dbis_, db);
    if (!dbi) return Status::InvalidInput("no database named '" + std::string(db) + "'");
    return *dbi;
  }
  Txn& txn_;
  Dbis& dbis_;
  ObjectReader reader_;
};

}  // namespace

Result<StoredObject> ParseStoredObject(std::string_view value, const Hash128& key) {
  auto header = ParseObjectHeader(value, key);
  if (!header.ok()) return header.status();
  return StoredObject{header->type, header->depth, std::move(header->bases)};
}

Status Archive::Migrate(int to_version, const std::function<Status(MigrationTxn&)>& fn) {
  RECITAL_RETURN_IF_ERROR(impl_->RequireWritable());
  if (to_version < 1 || to_version > kFormatVersion) {
    return Status::InvalidInput("cannot migrate to format version " + std::to_string(to_version));
  }
  // A step may add more than the map holds (a new index): grow and run it again, as ingest does.
  for (;;) {
    {
      std::shared_lock<std::shared_mutex> lock(impl_->txn_mutex);
      auto txn = impl_->Begin(true);
      if (!txn.ok()) return txn.status();
      // Handles a failed attempt's Recreate closed are opened again first.
      Status st = RefreshDbis(*txn, &impl_->dbis_);
      if (st.ok()) {
        MigrationTxnImpl mtxn(*txn, impl_->dbis_);
        st = fn(mtxn);
      }
      if (st.ok()) st = WriteFormatVersion(*txn, impl_->dbis(), to_version);
      if (st.ok()) st = txn->Commit();
      if (st.ok()) break;
      if (!txn->map_full()) return st;
    }
    std::unique_lock<std::shared_mutex> lock(impl_->txn_mutex);
    RECITAL_RETURN_IF_ERROR(impl_->env->Grow());
  }
  impl_->format_version = to_version;
  return Status::Ok();
}

}  // namespace recital::store

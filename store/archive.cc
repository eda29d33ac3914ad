// Archive: open and format check, reads, settings, migrations. Ingest is in ingest.cc,
// verify and stats in verify.cc.
#include <algorithm>
#include <mutex>

#include "store/archive_impl.h"
#include "store/indexes.h"
#include "store/ingest_pipeline.h"

namespace recital::store {

// The format check, in one place: magic, then version against kFormatVersion.
Result<int> CheckFormat(const Txn& txn, const Dbis& dbis, const std::string& dir,
                        bool allow_old) {
  auto magic = txn.Get(dbis.meta, kMetaMagicKey);
  if (!magic.ok()) return magic.status();
  if (!magic->has_value() || **magic != kMetaMagic) {
    return Status::Corruption(dir + " is not a Recital archive (no magic value in meta)");
  }
  auto version = txn.Get(dbis.meta, kMetaFormatKey);
  if (!version.ok()) return version.status();
  std::string_view v = version->value_or("");
  uint32_t n = 0;
  if (!GetU32BE(&v, &n) || !v.empty()) {
    return Status::Corruption(dir + ": unreadable format version in meta");
  }
  int format = static_cast<int>(n);
  if (format > kFormatVersion) {
    return Status::FormatTooNew("archive " + dir + " has format version " +
                                std::to_string(format) + ", this Recital reads up to " +
                                std::to_string(kFormatVersion) +
                                ": upgrade Recital; the archive was not touched");
  }
  if (format < kFormatVersion && !allow_old) {
    return Status::InvalidInput("archive " + dir + " has the older format version " +
                                std::to_string(format) + " (this Recital writes " +
                                std::to_string(kFormatVersion) + "): run `recital migrate --archive " +
                                dir + "` to upgrade it");
  }
  return format;
}

namespace {

using ReadLock = std::shared_lock<std::shared_mutex>;

// Runs in the transaction that creates the databases: a new archive gets its magic and
// format version atomically with its databases.
Status InitMeta(Txn& txn, const Dbis& dbis, const std::string& dir) {
  auto magic = txn.Get(dbis.meta, kMetaMagicKey);
  if (!magic.ok()) return magic.status();
  if (magic->has_value()) return Status::Ok();
  // A brand-new environment has no objects; anything else without magic is not ours.
  MDB_stat st;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_stat(txn.get(), dbis.objects, &st), "stat"));
  if (st.ms_entries != 0) return Status::Corruption(dir + " is not a Recital archive");
  RECITAL_RETURN_IF_ERROR(txn.Put(dbis.meta, kMetaMagicKey, kMetaMagic));
  return WriteFormatVersion(txn, dbis, kFormatVersion);
}

class MigrationTxnImpl : public MigrationTxn {
 public:
  MigrationTxnImpl(Txn& txn, Env& env)
      : txn_(txn), env_(env), reader_(txn, env.dbis().objects) {}
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
  Status Recreate(std::string_view db) override { return env_.RecreateDbi(txn_, db); }
  Result<std::string> LoadObject(const Hash128& hash) override {
    ObjectType type;
    auto content = reader_.LoadAny(hash, &type);
    if (!content.ok()) return content.status();
    return std::string(**content);
  }
  Result<Hash128> PutObject(uint8_t type, std::string_view content,
                            const std::vector<Hash128>& bases) override {
    if (type < 1 || type > 3) return Status::InvalidInput("no object type " + std::to_string(type));
    Hash128 key = HashBytes(content);
    auto existing = txn_.Get(env_.dbis().objects, key.ToBytes());
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) return key;
    std::vector<BaseRef> refs;
    std::vector<std::shared_ptr<const std::string>> keep;
    for (const auto& b : bases) {
      if (refs.size() == kMaxBases) break;
      auto stored = txn_.Get(env_.dbis().objects, b.ToBytes());
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
    Compressor comp(type == 1 ? kReleaseLevel : kRecordLevel);
    comp.SetBases(refs, content.size());
    std::string value = comp.Encode(static_cast<ObjectType>(type), content, !refs.empty());
    RECITAL_RETURN_IF_ERROR(txn_.Put(env_.dbis().objects, key.ToBytes(), value));
    return key;
  }

 private:
  Result<MDB_dbi> Dbi(std::string_view db) {
    auto dbi = env_.DbiByName(db);
    if (!dbi) return Status::InvalidInput("no database named '" + std::string(db) + "'");
    return *dbi;
  }
  Txn& txn_;
  Env& env_;
  ObjectReader reader_;
};

}  // namespace

Status WriteFormatVersion(Txn& txn, const Dbis& dbis, int version) {
  std::string v;
  PutU32BE(&v, static_cast<uint32_t>(version));
  return txn.Put(dbis.meta, kMetaFormatKey, v);
}

Result<std::optional<std::vector<DocumentVersion>>> ReadDocVersions(const Txn& txn,
                                                                    const Dbis& dbis,
                                                                    std::string_view symbol) {
  using Out = std::optional<std::vector<DocumentVersion>>;
  auto v = txn.Get(dbis.docs, symbol);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Out();
  auto versions = DecodeDocVersions(**v, symbol);
  if (!versions.ok()) return versions.status();
  return Out(std::move(*versions));
}

Result<Resolution> LoadResolution(ObjectReader& reader, const Hash128& record_hash) {
  auto record = reader.Load(record_hash, ObjectType::kRecord);
  if (!record.ok()) return record.status();
  return DecodeResolution(**record, [&](const Hash128& h, Paragraph* p) -> Status {
    auto wording = reader.Load(h, ObjectType::kParagraph);
    if (!wording.ok()) return wording.status();
    return DecodeParagraph(**wording, p).WithContext("object " + h.ToHex());
  });
}

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() = default;
const std::string& Archive::dir() const { return impl_->dir; }
int Archive::format_version() const { return impl_->format_version; }

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& dir, const OpenOptions& options) {
  if (options.create_if_missing && options.read_only) {
    return Status::InvalidInput("create_if_missing needs a read-write archive");
  }
  auto env = Env::Open(dir, options.read_only, options.create_if_missing,
                       options.initial_map_bytes,
                       [&](Txn& txn, const Dbis& dbis) { return InitMeta(txn, dbis, dir); });
  if (!env.ok()) return env.status();
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->env = std::move(*env);
  auto txn = Txn::Begin(*impl->env, false);
  if (!txn.ok()) return txn.status();
  auto format = CheckFormat(*txn, impl->dbis(), dir, options.allow_old_format);
  if (!format.ok()) return format.status();
  impl->format_version = *format;
  return std::unique_ptr<Archive>(new Archive(std::move(impl)));
}

Result<std::vector<Document>> Archive::ListDocuments(std::optional<uint32_t> session) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  auto cur = Cursor::Open(*txn, impl_->dbis().docs);
  if (!cur.ok()) return cur.status();
  std::vector<Document> out;
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    auto versions = DecodeDocVersions(v, k);
    if (!versions.ok()) return versions.status();
    if (session && versions->back().session != *session) continue;
    out.push_back(Document{std::string(k), std::move(*versions)});
  }
  return out;
}

Result<Document> Archive::GetDocument(std::string_view symbol) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  auto versions = ReadDocVersions(*txn, impl_->dbis(), symbol);
  if (!versions.ok()) return versions.status();
  if (!versions->has_value()) {
    return Status::NotFound("no document " + std::string(symbol) + " in archive " + impl_->dir);
  }
  return Document{std::string(symbol), std::move(**versions)};
}

namespace {

Result<DocumentVersion> PickVersion(const Txn& txn, const Dbis& dbis, const std::string& dir,
                                    std::string_view symbol, uint32_t version) {
  auto versions = ReadDocVersions(txn, dbis, symbol);
  if (!versions.ok()) return versions.status();
  if (!versions->has_value()) {
    return Status::NotFound("no document " + std::string(symbol) + " in archive " + dir);
  }
  const auto& list = **versions;
  if (version == 0) return list.back();
  if (version > list.size()) {
    return Status::NotFound(std::string(symbol) + " has " + std::to_string(list.size()) +
                            " version(s), not " + std::to_string(version));
  }
  return list[version - 1];
}

}  // namespace

Result<Resolution> Archive::GetResolution(std::string_view symbol, uint32_t version) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  auto v = PickVersion(*txn, impl_->dbis(), impl_->dir, symbol, version);
  if (!v.ok()) return v.status();
  ObjectReader reader(*txn, impl_->dbis().objects);
  return LoadResolution(reader, v->record_hash);
}

Result<std::string> Archive::GetRawRelease(std::string_view symbol, uint32_t version) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  auto v = PickVersion(*txn, impl_->dbis(), impl_->dir, symbol, version);
  if (!v.ok()) return v.status();
  ObjectReader reader(*txn, impl_->dbis().objects);
  auto raw = reader.Load(v->raw_hash, ObjectType::kRelease);
  if (!raw.ok()) return raw.status();
  return std::string(**raw);
}

Result<Paragraph> LoadWording(const Txn& txn, const Dbis& dbis, ObjectReader& reader,
                              const Hash128& wording_hash) {
  auto uses = ReadParagraphUses(txn, dbis, wording_hash);
  if (!uses.ok()) return uses.status();
  if (uses->empty()) return Status::NotFound("no paragraph wording " + wording_hash.ToHex());
  const ParagraphUse& use = uses->front();
  auto versions = ReadDocVersions(txn, dbis, use.symbol);
  if (!versions.ok()) return versions.status();
  if (!versions->has_value() || use.version == 0 || use.version > (*versions)->size()) {
    return Status::Corruption("paragraph_uses of " + wording_hash.ToHex() + " names " +
                              use.symbol + " version " + std::to_string(use.version) +
                              ", which is not stored");
  }
  auto r = LoadResolution(reader, (**versions)[use.version - 1].record_hash);
  if (!r.ok()) return r.status();
  size_t i = use.position;
  for (auto* list : {&r->preamble, &r->operative, &r->annex}) {
    if (i >= list->size()) {
      i -= list->size();
      continue;
    }
    Paragraph& found = (*list)[i];
    if (WordingHash(found) != wording_hash) break;
    Paragraph p;  // the wording only, as a paragraph object held it
    p.lead = std::move(found.lead);
    p.text = std::move(found.text);
    for (auto& sub : found.subparagraphs) p.subparagraphs.push_back({sub.number, sub.text, {}});
    return p;
  }
  return Status::Corruption("paragraph_uses of " + wording_hash.ToHex() + " names " + use.symbol +
                            " version " + std::to_string(use.version) + " position " +
                            std::to_string(use.position) + ", which holds another wording");
}

Result<Paragraph> Archive::GetParagraphWording(const Hash128& wording_hash) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  ObjectReader reader(*txn, impl_->dbis().objects);
  return LoadWording(*txn, impl_->dbis(), reader, wording_hash);
}

Status Archive::ForEachResolution(
    const std::function<Status(const Document&, const Resolution&)>& fn) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  auto cur = Cursor::Open(*txn, impl_->dbis().docs);
  if (!cur.ok()) return cur.status();
  ObjectReader reader(*txn, impl_->dbis().objects);
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    auto versions = DecodeDocVersions(v, k);
    if (!versions.ok()) return versions.status();
    Document doc{std::string(k), std::move(*versions)};
    auto res = LoadResolution(reader, doc.newest().record_hash);
    if (!res.ok()) return res.status().WithContext(doc.symbol);
    RECITAL_RETURN_IF_ERROR(fn(doc, *res));
  }
}

namespace {

Result<std::vector<std::string>> DupValues(const Txn& txn, MDB_dbi dbi, std::string_view key) {
  std::vector<std::string> out;
  auto cur = Cursor::Open(txn, dbi);
  if (!cur.ok()) return cur.status();
  std::string_view k = key, v;
  for (auto more = cur->Get(MDB_SET_KEY, &k, &v);; more = cur->Get(MDB_NEXT_DUP, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    out.emplace_back(v);
  }
  return out;
}

}  // namespace

Result<std::vector<ParagraphUse>> Archive::ParagraphUses(const Hash128& wording_hash) const {
  if (impl_->format_version < 3) {
    return Status::InvalidInput("archive " + impl_->dir + " has format version " +
                                std::to_string(impl_->format_version) +
                                ", whose paragraph_uses this Recital does not read: run "
                                "`recital migrate`");
  }
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  return ReadParagraphUses(*txn, impl_->dbis(), wording_hash);
}

Result<std::vector<std::string>> Archive::CitationsOf(std::string_view symbol) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  if (impl_->format_version < 4) return DupValues(*txn, impl_->dbis().cites, symbol);
  // Format 4 keeps no forward index: the records of the document's versions are it.
  auto versions = ReadDocVersions(*txn, impl_->dbis(), symbol);
  if (!versions.ok()) return versions.status();
  std::vector<std::string> out;
  if (!versions->has_value()) return out;
  ObjectReader reader(*txn, impl_->dbis().objects);
  for (const auto& v : **versions) {
    auto r = LoadResolution(reader, v.record_hash);
    if (!r.ok()) return r.status();
    for (const auto& c : r->citations) {
      if (IsCitedSymbol(c.symbol, symbol)) out.push_back(c.symbol);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<std::vector<std::string>> Archive::CitedBy(std::string_view symbol) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  return ReadCitedBy(*txn, impl_->dbis(), symbol);
}

Status Archive::PutSetting(std::string_view key, std::string_view value) {
  RECITAL_RETURN_IF_ERROR(impl_->RequireWritable());
  if (key.empty() || key.size() > 500) return Status::InvalidInput("setting key must be 1-500 bytes");
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, true);
  if (!txn.ok()) return txn.status();
  RECITAL_RETURN_IF_ERROR(txn->Put(impl_->dbis().settings, key, value));
  return txn->Commit();
}

Status Archive::DeleteSetting(std::string_view key) {
  RECITAL_RETURN_IF_ERROR(impl_->RequireWritable());
  if (key.empty() || key.size() > 500) return Status::InvalidInput("setting key must be 1-500 bytes");
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, true);
  if (!txn.ok()) return txn.status();
  RECITAL_RETURN_IF_ERROR(txn->Del(impl_->dbis().settings, key));
  return txn->Commit();
}

Result<std::optional<std::string>> Archive::GetSetting(std::string_view key) const {
  if (key.empty() || key.size() > 500) return Status::InvalidInput("setting key must be 1-500 bytes");
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  auto v = txn->Get(impl_->dbis().settings, key);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(**v));
}

Result<std::vector<std::pair<std::string, std::string>>> Archive::ListSettings(
    std::string_view prefix) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = Txn::Begin(*impl_->env, false);
  if (!txn.ok()) return txn.status();
  auto cur = Cursor::Open(*txn, impl_->dbis().settings);
  if (!cur.ok()) return cur.status();
  std::vector<std::pair<std::string, std::string>> out;
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

Status Archive::Migrate(int to_version, const std::function<Status(MigrationTxn&)>& fn) {
  RECITAL_RETURN_IF_ERROR(impl_->RequireWritable());
  if (to_version < 1 || to_version > kFormatVersion) {
    return Status::InvalidInput("cannot migrate to format version " + std::to_string(to_version));
  }
  // A step may add more than the map holds (a new index): grow and run it again, as ingest does.
  for (;;) {
    {
      ReadLock lock(impl_->txn_mutex);
      auto txn = Txn::Begin(*impl_->env, true);
      if (!txn.ok()) return txn.status();
      // Handles a failed attempt's Recreate closed are opened again first.
      Status st = impl_->env->RefreshDbis(*txn);
      if (st.ok()) {
        MigrationTxnImpl mtxn(*txn, *impl_->env);
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

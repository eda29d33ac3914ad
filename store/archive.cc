// Archive: open, reads, settings. The write pipeline is writer.cc and writer_pipeline.cc,
// verify and stats verify.cc, phrase search words.cc, migrations migration.cc.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

#include "store/archive_impl.h"
#include "store/indexes.h"

namespace recital::store {

namespace {

using ReadLock = std::shared_lock<std::shared_mutex>;

}  // namespace

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

Result<std::optional<Document>> ReadDocument(const Txn& txn, const Dbis& dbis,
                                             std::string_view symbol) {
  using Out = std::optional<Document>;
  auto v = txn.Get(dbis.docs, symbol);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Out();
  auto doc = DecodeDocument(**v, symbol);
  if (!doc.ok()) return doc.status();
  return Out(std::move(*doc));
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

void Archive::ForgetDecodedObjects() const {
  std::lock_guard<std::mutex> hold(impl_->reader_mutex);
  if (impl_->shared_reader != nullptr) impl_->shared_reader->Forget();
}

Status Archive::Impl::Attach(const ArchiveEnvOptions& options, bool allow_old_format) {
  auto opened = OpenArchiveEnv(dir, options);
  if (!opened.ok()) return opened.status();
  lock = std::move(opened->lock);
  env = std::move(opened->env);
  dbis_ = opened->dbis;
  auto txn = Txn::Begin(*env, false);
  if (!txn.ok()) return txn.status();
  auto format = CheckFormat(*txn, dbis_, dir, allow_old_format);
  if (!format.ok()) return format.status();
  format_version = *format;
  return Status::Ok();
}

Status Archive::Impl::CreateNow() {
  if (env != nullptr) return Status::Ok();
  ArchiveEnvOptions options;
  options.read_only = false;
  options.create = true;
  options.initial_map_bytes = initial_map_bytes;
  Status st = Attach(options, /*allow_old_format=*/false);
  if (!st.ok()) env.reset();  // still pending: a later write may try again
  return st;
}

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& dir, const OpenOptions& options) {
  if (options.create_if_missing && options.read_only) {
    return Status::InvalidInput("create_if_missing needs a read-write archive");
  }
  if (options.defer_create && !options.create_if_missing) {
    return Status::InvalidInput("defer_create needs create_if_missing");
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->initial_map_bytes = options.initial_map_bytes;
  struct stat st;
  if (options.defer_create && ::lstat((dir + "/data.mdb").c_str(), &st) != 0 && errno == ENOENT) {
    impl->format_version = kFormatVersion;  // what the first write will create
    return std::unique_ptr<Archive>(new Archive(std::move(impl)));
  }
  ArchiveEnvOptions env_options;
  env_options.read_only = options.read_only;
  env_options.create = options.create_if_missing;
  env_options.initial_map_bytes = options.initial_map_bytes;
  RECITAL_RETURN_IF_ERROR(impl->Attach(env_options, options.allow_old_format));
  return std::unique_ptr<Archive>(new Archive(std::move(impl)));
}

Result<std::vector<Document>> Archive::ListDocuments(std::optional<uint32_t> session) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  auto cur = Cursor::Open(*txn, impl_->dbis().docs);
  if (!cur.ok()) return cur.status();
  std::vector<Document> out;
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    auto doc = DecodeDocument(v, k);
    if (!doc.ok()) return doc.status();
    if (session && doc->current().session != *session) continue;
    out.push_back(std::move(*doc));
  }
  return out;
}

Result<Document> Archive::GetDocument(std::string_view symbol) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  auto doc = ReadDocument(*txn, impl_->dbis(), symbol);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) {
    return Status::NotFound("no document " + std::string(symbol) + " in archive " + impl_->dir);
  }
  return std::move(**doc);
}

namespace {

Result<DocumentVersion> PickVersion(const Txn& txn, const Dbis& dbis, const std::string& dir,
                                    std::string_view symbol, uint32_t version) {
  auto doc = ReadDocument(txn, dbis, symbol);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) {
    return Status::NotFound("no document " + std::string(symbol) + " in archive " + dir);
  }
  const auto& list = (*doc)->versions;
  if (version == 0) return (*doc)->current();
  if (version > list.size()) {
    return Status::NotFound(std::string(symbol) + " has " + std::to_string(list.size()) +
                            " version(s), not " + std::to_string(version));
  }
  return list[version - 1];
}

}  // namespace

Result<Resolution> Archive::GetResolution(std::string_view symbol, uint32_t version) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  auto v = PickVersion(*txn, impl_->dbis(), impl_->dir, symbol, version);
  if (!v.ok()) return v.status();
  return impl_->WithSharedReader(
      *txn, [&](ObjectReader& reader) { return LoadResolution(reader, v->record_hash); });
}

Result<std::string> Archive::GetRawRelease(std::string_view symbol, uint32_t version) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  auto v = PickVersion(*txn, impl_->dbis(), impl_->dir, symbol, version);
  if (!v.ok()) return v.status();
  // One read: the cache need keep no base (a few decoded releases at a time, not the chain).
  ObjectReader reader(*txn, impl_->dbis().objects, Archive::Impl::kSharedReaderCacheBytes,
                      /*keep_bases=*/false);
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
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  ObjectReader reader(*txn, impl_->dbis().objects);
  return LoadWording(*txn, impl_->dbis(), reader, wording_hash);
}

Status Archive::ForEachResolution(
    const std::function<Status(const Document&, const Resolution&)>& fn) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  auto cur = Cursor::Open(*txn, impl_->dbis().docs);
  if (!cur.ok()) return cur.status();
  ObjectReader reader(*txn, impl_->dbis().objects);
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    auto decoded = DecodeDocument(v, k);
    if (!decoded.ok()) return decoded.status();
    const Document& doc = *decoded;
    auto res = LoadResolution(reader, doc.current().record_hash);
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
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  return ReadParagraphUses(*txn, impl_->dbis(), wording_hash);
}

Result<std::vector<std::string>> Archive::CitationsOf(std::string_view symbol) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
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
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  return ReadCitedBy(*txn, impl_->dbis(), symbol);
}

namespace {

// Reads symbol's document, lets edit change it, re-applies the rule and writes it back, in one
// write transaction.
Status EditDocument(Archive::Impl& impl, std::string_view symbol,
                    const std::function<Status(Document&)>& edit, const DeriveFn& derive) {
  RECITAL_RETURN_IF_ERROR(impl.RequireWritable());
  ReadLock lock(impl.txn_mutex);
  auto txn = impl.Begin(true);
  if (!txn.ok()) return txn.status();
  auto generation = ReadInputGeneration(*txn, impl.dbis());
  if (!generation.ok()) return generation.status();
  auto doc = ReadDocument(*txn, impl.dbis(), symbol);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) {
    return Status::NotFound("no document " + std::string(symbol) + " in archive " + impl.dir);
  }
  RECITAL_RETURN_IF_ERROR(edit(**doc));
  ApplyCurrentRule(&**doc);
  RECITAL_RETURN_IF_ERROR(txn->Put(impl.dbis().docs, symbol, EncodeDocument(**doc)));
  RECITAL_RETURN_IF_ERROR(BumpInputGeneration(*txn, impl.dbis()));
  if (derive) {
    auto derived = MakeDerivedTxn(*txn, impl.dbis(), *generation);
    AmbientTxn ambient(impl, *txn);
    RECITAL_RETURN_IF_ERROR(derive(*derived, {std::string(symbol)}));
  }
  return txn->Commit();
}

}  // namespace

Status Archive::SetCurrentVersion(std::string_view symbol, uint32_t version,
                                  const DeriveFn& derive) {
  return EditDocument(*impl_, symbol, [&](Document& doc) -> Status {
    const DocumentVersion* v = doc.version(version);
    if (v == nullptr) {
      return Status::NotFound(std::string(symbol) + " has " + std::to_string(doc.versions.size()) +
                              " version(s), not " + std::to_string(version));
    }
    for (auto& c : doc.current_versions) {
      if (c.language == v->language) c = CurrentVersion{c.language, version, true};
    }
    return Status::Ok();
  }, derive);
}

Status Archive::ClearCurrentChoice(std::string_view symbol, std::string_view language,
                                   const DeriveFn& derive) {
  return EditDocument(*impl_, symbol, [&](Document& doc) -> Status {
    if (!language.empty() && !doc.has_language(language)) {
      return Status::NotFound(std::string(symbol) + " has no version in language " +
                              std::string(language));
    }
    for (auto& c : doc.current_versions) {
      if (language.empty() || c.language == language) c.chosen = false;
    }
    return Status::Ok();
  }, derive);
}

Status Archive::PutSetting(std::string_view key, std::string_view value) {
  RECITAL_RETURN_IF_ERROR(impl_->RequireWritable());
  if (key.empty() || key.size() > 500) return Status::InvalidInput("setting key must be 1-500 bytes");
  if (impl_->pending_create()) {  // a setting is something to store: the archive is created
    std::unique_lock<std::shared_mutex> create(impl_->txn_mutex);
    RECITAL_RETURN_IF_ERROR(impl_->CreateNow());
  }
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(true);
  if (!txn.ok()) return txn.status();
  RECITAL_RETURN_IF_ERROR(txn->Put(impl_->dbis().settings, key, value));
  RECITAL_RETURN_IF_ERROR(BumpInputGeneration(*txn, impl_->dbis()));
  return txn->Commit();
}

Status Archive::DeleteSetting(std::string_view key) {
  RECITAL_RETURN_IF_ERROR(impl_->RequireWritable());
  if (key.empty() || key.size() > 500) return Status::InvalidInput("setting key must be 1-500 bytes");
  ReadLock lock(impl_->txn_mutex);
  if (impl_->pending_create()) return Status::Ok();  // nothing stored, nothing to delete
  auto txn = impl_->Begin(true);
  if (!txn.ok()) return txn.status();
  RECITAL_RETURN_IF_ERROR(txn->Del(impl_->dbis().settings, key));
  RECITAL_RETURN_IF_ERROR(BumpInputGeneration(*txn, impl_->dbis()));
  return txn->Commit();
}

Result<std::optional<std::string>> Archive::GetSetting(std::string_view key) const {
  if (key.empty() || key.size() > 500) return Status::InvalidInput("setting key must be 1-500 bytes");
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  auto v = txn->Get(impl_->dbis().settings, key);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(**v));
}

Result<std::vector<std::pair<std::string, std::string>>> Archive::ListSettings(
    std::string_view prefix) const {
  ReadLock lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
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

}  // namespace recital::store

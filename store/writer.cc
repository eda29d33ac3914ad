// The write pipeline, Archive::IngestBatch: workers (store/writer_pipeline.cc) read, parse,
// hash and compress; the calling thread writes, many releases per transaction, checking each
// prepared object's bases against what is stored and compressing itself only what workers
// could not. A kill leaves only whole releases because a release's every write is in one
// transaction and results are reported only after that transaction committed.
#include <algorithm>
#include <ctime>
#include <mutex>
#include <shared_mutex>

#include "store/archive_impl.h"
#include "store/indexes.h"
#include "store/writer_pipeline.h"
#include "store/words.h"

namespace recital::store {
namespace {

// Decoded bases the writer keeps per transaction: it loads some only when a worker's plan
// failed (a base missing or too deep), so a small cache is enough.
constexpr size_t kWriterCacheBytes = 8u << 20;

class Writer {
 public:
  Writer(Archive::Impl& impl, int64_t now)
      : impl_(impl), comp_(kReleaseLevel), record_comp_(kRecordLevel), now_(now) {}
  // Applies one release inside txn; fills *out (not yet reported).
  Status Apply(Txn& txn, ObjectReader& reader, const Prepared& p, IngestResult* out);
  // Writes what the batch's releases left pending (the word postings); before the commit.
  // A batch that stored a version also moves the input generation on (derived indexes computed
  // before it are stale from this commit on).
  Status Finish(Txn& txn) {
    RECITAL_RETURN_IF_ERROR(FlushWordPostings(txn, impl_.dbis().words, &pending_words_));
    return docs_changed_ ? BumpInputGeneration(txn, impl_.dbis()) : Status::Ok();
  }
  // Forgets what an abandoned transaction left pending.
  void Reset() {
    pending_words_.clear();
    docs_changed_ = false;
  }

 private:
  // A similar earlier release and its record: the compression bases of a new release.
  struct Similar {
    Hash128 raw, record;
  };
  Result<uint8_t> EnsureRelease(Txn& txn, ObjectReader& reader, const Prepared& p,
                                const std::vector<DocumentVersion>* versions);
  Result<std::vector<Similar>> Candidates(Txn& txn, const Prepared& p,
                                          const std::vector<DocumentVersion>* versions);
  // The depth an object compressed against value's bases gets, as they are stored in txn;
  // nullopt when a base is missing or its depth + 1 exceeds max_base_depth + 1.
  Result<std::optional<uint8_t>> StoredDepth(Txn& txn, const Hash128& key,
                                             std::string_view value, int max_base_depth);
  Status PutRecord(Txn& txn, ObjectReader& reader, const Prepared& p, uint8_t raw_depth,
                   const std::vector<DocumentVersion>* versions);
  Archive::Impl& impl_;
  Compressor comp_, record_comp_;
  PendingWordPostings pending_words_;  // of this transaction's releases
  bool docs_changed_ = false;          // this transaction stored a version
  int64_t now_;
};

Result<std::vector<Writer::Similar>> Writer::Candidates(
    Txn& txn, const Prepared& p, const std::vector<DocumentVersion>* versions) {
  const Dbis& d = impl_.dbis();
  std::vector<Similar> out;
  if (versions != nullptr) out.push_back({versions->back().raw_hash, versions->back().record_hash});
  std::string title_key = TitleKey(p.title);
  if (!title_key.empty()) {
    auto v = txn.Get(d.titles, title_key);
    if (!v.ok()) return v.status();
    Similar s;
    if (v->has_value() && (*v)->size() == 32 && Hash128::FromBytes((*v)->substr(0, 16), &s.raw) &&
        Hash128::FromBytes((*v)->substr(16), &s.record)) {
      out.push_back(s);
    }
  }
  // The cited document of the latest session: usually the previous one of the series.
  uint32_t best_session = 0;
  std::optional<Similar> cited;
  for (const auto& c : p.citations) {
    auto v = ReadDocVersions(txn, d, c);
    if (!v.ok()) return v.status();
    if (v->has_value() && (!cited || (*v)->back().session > best_session)) {
      best_session = (*v)->back().session;
      cited = Similar{(*v)->back().raw_hash, (*v)->back().record_hash};
    }
  }
  if (cited) out.push_back(*cited);
  if (out.empty()) {  // nothing similar: document 1 (as the workers choose, writer_pipeline.h)
    auto first = FirstDocument(txn, d);
    if (!first.ok()) return first.status();
    if (first->has_value()) out.push_back(Similar{(*first)->first, (*first)->second});
  }
  return out;
}

Result<std::optional<uint8_t>> Writer::StoredDepth(Txn& txn, const Hash128& key,
                                                   std::string_view value, int max_base_depth) {
  using Out = std::optional<uint8_t>;
  auto header = ParseObjectHeader(value, key);
  if (!header.ok()) return header.status();
  if (!HasBases(header->codec)) return Out(0);
  int depth = 0;
  for (const auto& b : header->bases) {
    auto stored = txn.Get(impl_.dbis().objects, b.ToBytes());
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) return Out();
    auto base = ParseObjectHeader(**stored, b);
    if (!base.ok() || base->depth > max_base_depth) return Out();
    depth = std::max(depth, base->depth + 1);
  }
  return Out(static_cast<uint8_t>(depth));
}

Result<uint8_t> Writer::EnsureRelease(Txn& txn, ObjectReader& reader, const Prepared& p,
                                      const std::vector<DocumentVersion>* versions) {
  const Dbis& d = impl_.dbis();
  std::string key = p.raw_hash.ToBytes();
  auto existing = txn.Get(d.objects, key);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    auto header = ParseObjectHeader(**existing, p.raw_hash);
    if (!header.ok()) return header.status();
    return header->depth;
  }
  if (!p.release_value.empty()) {  // as a worker compressed it, when its base is stored
    auto depth = StoredDepth(txn, p.raw_hash, p.release_value, kMaxChainDepth - 1);
    if (!depth.ok()) return depth.status();
    if (depth->has_value()) {
      std::string value = p.release_value;
      value[2] = static_cast<char>(**depth);
      RECITAL_RETURN_IF_ERROR(txn.Put(d.objects, key, value));
      return **depth;
    }
  }
  auto candidates = Candidates(txn, p, versions);
  if (!candidates.ok()) return candidates.status();
  std::shared_ptr<const std::string> base_content;
  for (const auto& c : *candidates) {
    auto value = txn.Get(d.objects, c.raw.ToBytes());
    if (!value.ok()) return value.status();
    if (!value->has_value()) continue;
    auto header = ParseObjectHeader(**value, c.raw);
    if (!header.ok() || header->type != ObjectType::kRelease ||
        header->depth + 1 > kMaxChainDepth) {
      continue;
    }
    auto content = reader.Load(c.raw, ObjectType::kRelease);
    if (!content.ok()) return content.status();
    base_content = *content;
    comp_.SetBases({BaseRef{c.raw, header->depth, *base_content}}, p.raw->size());
    break;
  }
  std::string value = comp_.Encode(ObjectType::kRelease, *p.raw, base_content != nullptr);
  comp_.SetBases({}, 0);
  RECITAL_RETURN_IF_ERROR(txn.Put(d.objects, key, value));
  return static_cast<uint8_t>(value[2]);
}

Status Writer::PutRecord(Txn& txn, ObjectReader& reader, const Prepared& p, uint8_t raw_depth,
                         const std::vector<DocumentVersion>* versions) {
  const Dbis& d = impl_.dbis();
  std::string key = p.record_hash.ToBytes();
  auto existing = txn.Get(d.objects, key);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Ok();
  if (!p.record_value.empty()) {
    auto depth = StoredDepth(txn, p.record_hash, p.record_value, kMaxChainDepth);
    if (!depth.ok()) return depth.status();
    if (depth->has_value()) {
      std::string value = p.record_value;
      value[2] = static_cast<char>(**depth);
      return txn.Put(d.objects, key, value);
    }
  }
  // Dictionary: the similar release's record (most paragraphs recur) and this release.
  auto candidates = Candidates(txn, p, versions);
  if (!candidates.ok()) return candidates.status();
  std::vector<BaseRef> bases;
  std::shared_ptr<const std::string> prev;
  if (!candidates->empty() && candidates->front().record != p.record_hash) {
    const Hash128& similar = candidates->front().record;
    auto value = txn.Get(d.objects, similar.ToBytes());
    if (!value.ok()) return value.status();
    if (value->has_value()) {
      auto header = ParseObjectHeader(**value, similar);
      auto content = reader.Load(similar, ObjectType::kRecord);
      if (header.ok() && content.ok() && header->depth + 1 <= kMaxChainDepth) {
        prev = *content;
        bases.push_back(BaseRef{similar, header->depth, *prev});
      }
    }
  }
  bases.push_back(BaseRef{p.raw_hash, raw_depth, *p.raw});
  record_comp_.SetBases(bases, p.record->size());
  std::string value = record_comp_.Encode(ObjectType::kRecord, *p.record, true);
  record_comp_.SetBases({}, 0);
  return txn.Put(d.objects, key, value);
}

Status Writer::Apply(Txn& txn, ObjectReader& reader, const Prepared& p, IngestResult* out) {
  *out = p.result;
  if (p.refused) return Status::Ok();
  const Dbis& d = impl_.dbis();
  const std::string& symbol = p.result.symbol;
  auto read = ReadDocument(txn, d, symbol);
  if (!read.ok()) return read.status();
  Document doc = read->value_or(Document{});
  doc.symbol = symbol;
  std::vector<DocumentVersion>& versions = doc.versions;
  for (const auto& v : versions) {
    if (v.raw_hash == p.raw_hash) {
      out->status = IngestStatus::kUnchanged;
      out->version = v.version;
      return Status::Ok();
    }
  }
  const auto* known_versions = versions.empty() ? nullptr : &versions;
  auto depth = EnsureRelease(txn, reader, p, known_versions);
  if (!depth.ok()) return depth.status();
  RECITAL_RETURN_IF_ERROR(PutRecord(txn, reader, p, *depth, known_versions));
  DocumentVersion v;
  v.version = static_cast<uint32_t>(versions.size() + 1);
  v.raw_hash = p.raw_hash;
  v.record_hash = p.record_hash;
  v.ingest_time = now_;
  v.source_name = p.result.source_name;
  v.raw_size = p.raw->size();
  v.session = p.session;
  v.number = p.number;
  v.title = p.title;
  v.adoption_date = p.adoption_date;
  v.language = p.language;
  v.completeness = p.completeness;
  v.paragraphs = static_cast<uint32_t>(p.paragraphs.size());
  out->status = versions.empty() ? IngestStatus::kAdded : IngestStatus::kVersion;
  out->version = v.version;
  out->language = v.language;
  out->completeness = v.completeness;
  versions.push_back(std::move(v));
  // The current version of the copy's language changes in this same transaction.
  ApplyCurrentRule(&doc);
  out->current = std::any_of(doc.current_versions.begin(), doc.current_versions.end(),
                             [&](const CurrentVersion& c) {
                               return c.language == out->language && c.version == out->version;
                             });
  if (!out->current) out->not_current_reason = CurrentReason(doc, out->version);
  RECITAL_RETURN_IF_ERROR(txn.Put(d.docs, symbol, EncodeDocument(doc)));
  docs_changed_ = true;
  // Uses, document number and the word postings of new wordings (store/indexes.h).
  std::vector<IndexedParagraph> indexed;
  // A worker whose Compress stopped early left its paragraphs' keys to the writer.
  std::vector<std::vector<std::string>> late_keys(p.to_index.size());
  for (size_t k = 0; k < p.paragraphs.size(); ++k) {
    const std::vector<std::string>* words = &p.paragraphs[k].words;
    if (k < p.to_index.size()) {
      late_keys[k] = ParagraphPostingKeys(p.to_index[k], kFormatVersion);
      words = &late_keys[k];
    }
    indexed.push_back({p.paragraphs[k].hash, words});
  }
  RECITAL_RETURN_IF_ERROR(
      PutParagraphIndexes(txn, d, symbol, out->version, indexed, &pending_words_));
  // Citations: only the backward direction is an index (format 4); the record holds the
  // forward one.
  if (!p.citations.empty()) {
    auto doc = DocNumberOf(txn, d, symbol);
    if (!doc.ok()) return doc.status();
    if (!doc->has_value()) return Status::Internal(symbol + " has no document number");
    for (const auto& c : p.citations) RECITAL_RETURN_IF_ERROR(PutCitedBy(txn, d, c, **doc));
  }
  std::string title_key = TitleKey(p.title);
  if (!title_key.empty()) {
    RECITAL_RETURN_IF_ERROR(
        txn.Put(d.titles, title_key, p.raw_hash.ToBytes() + p.record_hash.ToBytes()));
  }
  return Status::Ok();
}

// Runs options.derive in txn over the documents the batch stored versions of (IngestOptions).
Status Derive(const Archive::Impl& impl, Txn& txn, uint64_t generation_at_begin,
              const std::vector<Prepared>& batch, const std::vector<IngestResult>& results,
              const IngestOptions& options) {
  std::vector<std::string> touched;
  for (const IngestResult& r : results) {
    if (r.status == IngestStatus::kAdded || r.status == IngestStatus::kVersion) {
      touched.push_back(r.symbol);
    }
  }
  if (touched.empty()) return Status::Ok();
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  std::map<Hash128, std::shared_ptr<const std::string>> records;
  for (const Prepared& p : batch) {
    if (!p.refused && p.record) records.emplace(p.record_hash, p.record);
  }
  auto derived = MakeDerivedTxn(txn, impl.dbis(), generation_at_begin, std::move(records));
  AmbientTxn ambient(impl, txn);
  return options.derive(*derived, touched);
}

}  // namespace

const char* IngestStatusName(IngestStatus s) {
  switch (s) {
    case IngestStatus::kAdded:
      return "added";
    case IngestStatus::kVersion:
      return "version";
    case IngestStatus::kUnchanged:
      return "unchanged";
    case IngestStatus::kRefused:
      return "refused";
  }
  return "refused";
}

Status Archive::IngestBatch(std::vector<ReleaseInput> inputs, const IngestOptions& options,
                            const IngestCallback& on_result) {
  RECITAL_RETURN_IF_ERROR(impl_->RequireWritable());
  if (!options.parse) return Status::InvalidInput("IngestOptions.parse is required");
  const int64_t now = options.ingest_time != 0 ? options.ingest_time
                                               : static_cast<int64_t>(std::time(nullptr));
  Pipeline pipeline(*impl_, inputs, options);
  Writer writer(*impl_, now);
  size_t next = 0;
  while (next < inputs.size()) {
    std::vector<Prepared> batch;
    size_t bytes = 0;
    while (next < inputs.size() && batch.size() < std::max<size_t>(1, options.batch_releases) &&
           bytes < options.batch_bytes) {
      batch.push_back(pipeline.Take(next++));
      bytes += batch.back().result.bytes;
    }
    std::vector<IngestResult> results(batch.size());
    if (impl_->pending_create()) {
      // No archive yet (OpenOptions::defer_create): the first batch with something to store
      // creates it; a batch of refused files only reports them.
      bool storing = std::any_of(batch.begin(), batch.end(),
                                 [](const Prepared& p) { return !p.refused; });
      if (storing) {
        std::unique_lock<std::shared_mutex> lock(impl_->txn_mutex);
        RECITAL_RETURN_IF_ERROR(impl_->CreateNow());
      } else {
        for (size_t i = 0; i < batch.size(); ++i) results[i] = batch[i].result;
        pipeline.Committed(next);
        if (on_result) {
          for (const auto& r : results) on_result(r);
        }
        continue;
      }
    }
    for (;;) {
      bool grow = false;
      {
        std::shared_lock<std::shared_mutex> lock(impl_->txn_mutex);
        auto txn = impl_->Begin(true);
        if (!txn.ok()) return txn.status();
        Status st;
        writer.Reset();
        auto generation = ReadInputGeneration(*txn, impl_->dbis());
        if (!generation.ok()) return generation.status();
        {
          ObjectReader reader(*txn, impl_->dbis().objects, kWriterCacheBytes);
          for (size_t i = 0; i < batch.size() && st.ok(); ++i) {
            st = writer.Apply(*txn, reader, batch[i], &results[i]);
          }
        }
        if (st.ok()) st = writer.Finish(*txn);
        if (st.ok() && options.derive) st = Derive(*impl_, *txn, *generation, batch, results, options);
        if (st.ok()) st = txn->Commit();
        if (st.ok()) break;
        if (!txn->map_full()) return st;
        grow = true;
      }
      if (grow) {
        std::unique_lock<std::shared_mutex> lock(impl_->txn_mutex);
        RECITAL_RETURN_IF_ERROR(impl_->env->Grow());
      }
    }
    pipeline.Committed(next);
    if (on_result) {
      for (const auto& r : results) on_result(r);
    }
  }
  return Status::Ok();
}

}  // namespace recital::store

// Archive::IngestBatch: workers read, parse, hash and compress the derived objects; the calling
// thread chooses each release's compression base and writes, many releases per transaction.
// A kill leaves only whole releases because a release's every write is in one transaction and
// results are reported only after that transaction committed.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <regex>
#include <filesystem>
#include <cctype>

#include "store/archive_impl.h"
#include "store/words.h"

namespace recital::store {
namespace {

// Releases are compressed against a similar earlier release; small objects against their own
// release. Levels measured with bench/store_compare.sh (see store/FORMAT.md "Compression").
constexpr int kReleaseLevel = 19;
constexpr int kDerivedLevel = 19;
// Workers stay at most this many inputs ahead of the writer (bounds memory).
constexpr size_t kWindow = 256;

struct Prepared {
  IngestResult result;
  bool refused = true;
  std::string raw;
  Hash128 raw_hash;
  uint32_t session = 0, number = 0;
  std::string title, adoption_date;
  std::vector<std::string> citations;
  Hash128 record_hash;
  std::string record_value;
  struct Object {
    Hash128 hash;
    std::string value;
    std::vector<std::string> words;  // ParagraphIndexKeys (format 2 words index)
  };
  std::vector<Object> paragraphs;  // document order, one per use
};

Prepared Refuse(Prepared p, std::string message) {
  p.refused = true;
  p.result.status = IngestStatus::kRefused;
  p.result.message = std::move(message);
  p.raw.clear();
  return p;
}

Result<std::string> ReadRelease(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidInput(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  std::string data = std::move(ss).str();
  if (data.size() > max_bytes) {
    return Status::ResourceExhausted(path + ": file is " + std::to_string(data.size()) +
                                     " bytes, over the limit of " + std::to_string(max_bytes));
  }
  return data;
}

// The symbol a file name spells in the corpus convention, or "": "A-RES-54-144.ods.txt" ->
// "A/RES/54/144", "A-RES-2957(XXVII).unhcr.txt" -> "A/RES/2957(XXVII)", "A-61-L.27.x.txt" ->
// "A/61/L.27". Trailing dot-segments that start with a letter (site tags, extensions) are
// dropped; what remains must match one of the three shapes exactly.
std::string SymbolFromFileName(const std::string& path) {
  static const std::regex kShapes(
      R"(A-RES-[0-9]{1,3}-[0-9]{1,4}|A-RES-[0-9]{1,4}\([IVXL]{1,8}\)|A-[0-9]{1,3}-L\.[0-9]{1,4})");
  std::string name = std::filesystem::path(path).filename().string();
  for (size_t dot = name.rfind('.'); dot != std::string::npos && dot + 1 < name.size() &&
                                     std::isalpha(static_cast<unsigned char>(name[dot + 1]));
       dot = name.rfind('.')) {
    name.resize(dot);
  }
  if (!std::regex_match(name, kShapes)) return "";
  std::replace(name.begin(), name.end(), '-', '/');
  return name;
}

bool UsableSymbol(std::string_view s) {
  return !s.empty() && s.size() <= kMaxSymbolBytes && s.find('\0') == std::string_view::npos;
}

Prepared Prepare(ReleaseInput& in, const IngestOptions& options, Compressor& comp) {
  Prepared p;
  p.result.source_name = in.source_name;
  if (in.bytes) {
    p.raw = std::move(*in.bytes);
    in.bytes.reset();
  } else {
    auto data = ReadRelease(in.source_name, options.max_release_bytes);
    if (!data.ok()) return Refuse(std::move(p), data.status().message());
    p.raw = std::move(*data);
  }
  p.result.bytes = p.raw.size();
  if (p.raw.size() > options.max_release_bytes) {
    return Refuse(std::move(p), in.source_name + ": " + std::to_string(p.raw.size()) +
                                    " bytes, over the limit of " +
                                    std::to_string(options.max_release_bytes));
  }
  Result<Resolution> parsed = Status::Internal("not parsed");
  try {
    parsed = options.parse(p.raw, in.source_name);
  } catch (const std::exception& e) {
    return Refuse(std::move(p), in.source_name + ": parser failed: " + e.what());
  }
  if (!parsed.ok()) return Refuse(std::move(p), parsed.status().message());
  Resolution& r = *parsed;
  p.result.symbol = r.symbol;
  if (r.symbol.empty()) {
    // Kept rather than refused when the file name spells a symbol: the bytes are preserved
    // and the record says where its symbol came from.
    std::string from_name = SymbolFromFileName(in.source_name);
    if (!from_name.empty()) {
      r.symbol = from_name;
      p.result.symbol = from_name;
      p.result.message = "no symbol in the text; " + from_name + " taken from the file name";
      r.warnings.push_back(p.result.message);
    }
  }
  if (r.symbol.empty()) {
    return Refuse(std::move(p), in.source_name +
                                    ": no document symbol found in the release; it cannot be "
                                    "addressed, so it is not stored");
  }
  if (!UsableSymbol(r.symbol)) {
    return Refuse(std::move(p), in.source_name + ": symbol is too long or holds a NUL byte");
  }
  p.raw_hash = HashBytes(p.raw);
  r.raw_hash = p.raw_hash;  // the record must point at exactly these bytes
  p.session = r.session;
  p.number = r.number;
  p.title = r.title;
  p.adoption_date = r.adoption_date;
  std::set<std::string> cited;
  for (const auto& c : r.citations) {
    if (UsableSymbol(c.symbol) && c.symbol != r.symbol) cited.insert(c.symbol);
  }
  p.citations.assign(cited.begin(), cited.end());
  // Derived objects use the release itself as their dictionary: the wording is in it.
  comp.SetBase(BaseRef{p.raw_hash, 0, p.raw}, 512);
  for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
    for (const auto& para : *list) {
      std::string enc = EncodeParagraph(para);
      p.paragraphs.push_back({HashBytes(enc), comp.Encode(ObjectType::kParagraph, enc, true),
                              ParagraphIndexKeys(para)});
    }
  }
  std::string record = EncodeResolution(r);
  p.record_hash = HashBytes(record);
  p.record_value = comp.Encode(ObjectType::kRecord, record, true);
  comp.SetBase(BaseRef{}, 0);
  p.refused = false;
  return p;
}

// Runs Prepare on worker threads; Take(i) hands results to the writer in input order.
class Pipeline {
 public:
  Pipeline(std::vector<ReleaseInput>& inputs, const IngestOptions& options)
      : inputs_(inputs), options_(options), slots_(inputs.size()) {
    int n = std::max(1, options.threads);
    for (int t = 0; t < n; ++t) threads_.emplace_back([this] { Work(); });
  }
  ~Pipeline() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  Prepared Take(size_t i) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return slots_[i].has_value(); });
    Prepared p = std::move(*slots_[i]);
    slots_[i].reset();
    taken_ = i + 1;
    cv_.notify_all();
    return p;
  }

 private:
  void Work() {
    Compressor comp(kDerivedLevel);
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || next_ >= slots_.size() || next_ < taken_ + kWindow; });
        if (stop_ || next_ >= slots_.size()) return;
        i = next_++;
      }
      Prepared p = Prepare(inputs_[i], options_, comp);
      {
        std::lock_guard<std::mutex> lock(mu_);
        slots_[i] = std::move(p);
      }
      cv_.notify_all();
    }
  }
  std::vector<ReleaseInput>& inputs_;
  const IngestOptions& options_;
  std::vector<std::optional<Prepared>> slots_;
  std::mutex mu_;
  std::condition_variable cv_;
  size_t next_ = 0, taken_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

class Writer {
 public:
  Writer(Archive::Impl& impl, int64_t now) : impl_(impl), comp_(kReleaseLevel), now_(now) {}
  // Applies one release inside txn; fills *out (not yet reported).
  Status Apply(Txn& txn, ObjectReader& reader, const Prepared& p, IngestResult* out);

 private:
  Result<uint8_t> EnsureRelease(Txn& txn, ObjectReader& reader, const Prepared& p,
                                const std::vector<DocumentVersion>* versions);
  Result<std::optional<BaseRef>> ChooseBase(Txn& txn, ObjectReader& reader, const Prepared& p,
                                            const std::vector<DocumentVersion>* versions);
  Status PutDerived(Txn& txn, const Hash128& hash, std::string value, uint8_t raw_depth);
  Archive::Impl& impl_;
  Compressor comp_;
  int64_t now_;
  std::shared_ptr<const std::string> base_content_;  // keeps the base alive for comp_
};

Result<std::optional<BaseRef>> Writer::ChooseBase(Txn& txn, ObjectReader& reader,
                                                  const Prepared& p,
                                                  const std::vector<DocumentVersion>* versions) {
  const Dbis& d = impl_.dbis();
  std::vector<Hash128> candidates;
  if (versions != nullptr) candidates.push_back(versions->back().raw_hash);
  std::string title_key = TitleKey(p.title);
  if (!title_key.empty()) {
    auto h = txn.Get(d.titles, title_key);
    if (!h.ok()) return h.status();
    Hash128 hash;
    if (h->has_value() && Hash128::FromBytes(**h, &hash)) candidates.push_back(hash);
  }
  // The cited document of the latest session: usually the previous one of the series.
  uint32_t best_session = 0;
  std::optional<Hash128> cited;
  for (const auto& c : p.citations) {
    auto v = ReadDocVersions(txn, d, c);
    if (!v.ok()) return v.status();
    if (v->has_value() && (!cited || (*v)->back().session > best_session)) {
      best_session = (*v)->back().session;
      cited = (*v)->back().raw_hash;
    }
  }
  if (cited) candidates.push_back(*cited);
  for (const auto& c : candidates) {
    auto value = txn.Get(d.objects, c.ToBytes());
    if (!value.ok()) return value.status();
    if (!value->has_value()) continue;
    auto header = ParseObjectHeader(**value, c);
    if (!header.ok() || header->type != ObjectType::kRelease ||
        header->depth + 1 > kMaxChainDepth) {
      continue;
    }
    auto content = reader.Load(c, ObjectType::kRelease);
    if (!content.ok()) return content.status();
    base_content_ = *content;
    return std::optional<BaseRef>(BaseRef{c, header->depth, *base_content_});
  }
  return std::optional<BaseRef>();
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
  auto base = ChooseBase(txn, reader, p, versions);
  if (!base.ok()) return base.status();
  if (base->has_value()) comp_.SetBase(**base, p.raw.size());
  std::string value = comp_.Encode(ObjectType::kRelease, p.raw, base->has_value());
  base_content_.reset();
  comp_.SetBase(BaseRef{}, 0);  // drop the reference to base_content_
  RECITAL_RETURN_IF_ERROR(txn.Put(d.objects, key, value));
  return static_cast<uint8_t>(value[2]);
}

Status Writer::PutDerived(Txn& txn, const Hash128& hash, std::string value, uint8_t raw_depth) {
  std::string key = hash.ToBytes();
  auto existing = txn.Get(impl_.dbis().objects, key);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Ok();
  if (static_cast<Codec>(value[1]) == Codec::kZstdWithBase) {
    value[2] = static_cast<char>(raw_depth + 1);
  }
  return txn.Put(impl_.dbis().objects, key, value);
}

Status Writer::Apply(Txn& txn, ObjectReader& reader, const Prepared& p, IngestResult* out) {
  *out = p.result;
  if (p.refused) return Status::Ok();
  const Dbis& d = impl_.dbis();
  const std::string& symbol = p.result.symbol;
  auto read = ReadDocVersions(txn, d, symbol);
  if (!read.ok()) return read.status();
  std::vector<DocumentVersion> versions = read->value_or(std::vector<DocumentVersion>{});
  for (const auto& v : versions) {
    if (v.raw_hash == p.raw_hash) {
      out->status = IngestStatus::kUnchanged;
      out->version = v.version;
      return Status::Ok();
    }
  }
  auto depth = EnsureRelease(txn, reader, p, versions.empty() ? nullptr : &versions);
  if (!depth.ok()) return depth.status();
  for (const auto& para : p.paragraphs) {
    // A new wording's words are indexed in this same transaction (all or nothing).
    auto known = txn.Get(d.objects, para.hash.ToBytes());
    if (!known.ok()) return known.status();
    if (!known->has_value()) {
      RECITAL_RETURN_IF_ERROR(PutWordPostings(txn, d.words, para.hash, para.words));
    }
    RECITAL_RETURN_IF_ERROR(PutDerived(txn, para.hash, para.value, *depth));
  }
  RECITAL_RETURN_IF_ERROR(PutDerived(txn, p.record_hash, p.record_value, *depth));
  DocumentVersion v;
  v.version = static_cast<uint32_t>(versions.size() + 1);
  v.raw_hash = p.raw_hash;
  v.record_hash = p.record_hash;
  v.ingest_time = now_;
  v.source_name = p.result.source_name;
  v.raw_size = p.raw.size();
  v.session = p.session;
  v.number = p.number;
  v.title = p.title;
  v.adoption_date = p.adoption_date;
  out->status = versions.empty() ? IngestStatus::kAdded : IngestStatus::kVersion;
  out->version = v.version;
  versions.push_back(std::move(v));
  RECITAL_RETURN_IF_ERROR(txn.Put(d.docs, symbol, EncodeDocVersions(versions)));
  for (size_t i = 0; i < p.paragraphs.size(); ++i) {
    RECITAL_RETURN_IF_ERROR(txn.Put(d.paragraph_uses, p.paragraphs[i].hash.ToBytes(),
                                    EncodeUse(symbol, out->version, static_cast<uint32_t>(i)),
                                    MDB_NODUPDATA));
  }
  for (const auto& c : p.citations) {
    RECITAL_RETURN_IF_ERROR(txn.Put(d.cites, symbol, c, MDB_NODUPDATA));
    RECITAL_RETURN_IF_ERROR(txn.Put(d.cited_by, c, symbol, MDB_NODUPDATA));
  }
  std::string title_key = TitleKey(p.title);
  if (!title_key.empty()) RECITAL_RETURN_IF_ERROR(txn.Put(d.titles, title_key, p.raw_hash.ToBytes()));
  return Status::Ok();
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
  Pipeline pipeline(inputs, options);
  Writer writer(*impl_, now);
  size_t next = 0;
  while (next < inputs.size()) {
    std::vector<Prepared> batch;
    size_t bytes = 0;
    while (next < inputs.size() && batch.size() < std::max<size_t>(1, options.batch_releases) &&
           bytes < options.batch_bytes) {
      batch.push_back(pipeline.Take(next++));
      bytes += batch.back().raw.size();
    }
    std::vector<IngestResult> results(batch.size());
    for (;;) {
      bool grow = false;
      {
        std::shared_lock<std::shared_mutex> lock(impl_->txn_mutex);
        auto txn = Txn::Begin(*impl_->env, true);
        if (!txn.ok()) return txn.status();
        Status st;
        {
          ObjectReader reader(*txn, impl_->dbis().objects);
          for (size_t i = 0; i < batch.size() && st.ok(); ++i) {
            st = writer.Apply(*txn, reader, batch[i], &results[i]);
          }
        }
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
    if (on_result) {
      for (const auto& r : results) on_result(r);
    }
  }
  return Status::Ok();
}

}  // namespace recital::store

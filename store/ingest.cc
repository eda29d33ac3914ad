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
#include <filesystem>
#include <cctype>

#include "store/archive_impl.h"
#include "store/words.h"

namespace recital::store {
namespace {

// Releases are compressed against a similar earlier release; small objects against their own
// release. Levels measured with bench/store_compare.sh (see store/FORMAT.md "Compression").
// Level 12 everywhere: on 1,000 generated releases it stores within 2% of level 19 at half
// the CPU time (levels 9/6 cost 6% more bytes).
constexpr int kReleaseLevel = 12;
constexpr int kDerivedLevel = 12;
constexpr int kRecordLevel = 12;
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
  std::string record;  // encoded; compressed by the writer against the base's record
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

// Consumes from *s a run of min..max characters satisfying pred.
template <typename Pred>
bool Run(std::string_view* s, size_t min, size_t max, Pred pred) {
  size_t n = 0;
  while (n < s->size() && n < max && pred((*s)[n])) ++n;
  if (n < min) return false;
  s->remove_prefix(n);
  return true;
}
bool Lit(std::string_view* s, std::string_view lit) {
  if (s->substr(0, lit.size()) != lit) return false;
  s->remove_prefix(lit.size());
  return true;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsRoman(char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L'; }

// "A-RES-54-144", "A-RES-2957(XXVII)" or "A-61-L.27", exactly (no std::regex: GCC 12 warns
// inside <regex> under -O0 with sanitizers).
bool IsFileNameSymbol(std::string_view s) {
  std::string_view t = s;
  if (Lit(&t, "A-RES-")) {
    std::string_view u = t;
    if (Run(&u, 1, 3, IsDigit) && Lit(&u, "-") && Run(&u, 1, 4, IsDigit) && u.empty()) return true;
    return Run(&t, 1, 4, IsDigit) && Lit(&t, "(") && Run(&t, 1, 8, IsRoman) && Lit(&t, ")") &&
           t.empty();
  }
  return Lit(&t, "A-") && Run(&t, 1, 3, IsDigit) && Lit(&t, "-L.") && Run(&t, 1, 4, IsDigit) &&
         t.empty();
}

// The symbol a file name spells in the corpus convention, or "": "A-RES-54-144.ods.txt" ->
// "A/RES/54/144", "A-RES-2957(XXVII).unhcr.txt" -> "A/RES/2957(XXVII)", "A-61-L.27.x.txt" ->
// "A/61/L.27". Trailing dot-segments that start with a letter (site tags, extensions) are
// dropped; what remains must match one of the three shapes exactly.
std::string SymbolFromFileName(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  for (size_t dot = name.rfind('.'); dot != std::string::npos && dot + 1 < name.size() &&
                                     std::isalpha(static_cast<unsigned char>(name[dot + 1]));
       dot = name.rfind('.')) {
    name.resize(dot);
  }
  if (!IsFileNameSymbol(name)) return "";
  std::replace(name.begin(), name.end(), '-', '/');
  return name;
}

// Session and number spelled by a resolution symbol taken from a file name:
// "A/RES/54/144" -> 54, 144; "A/RES/2957(XXVII)" -> 27, 2957. Leaves both 0 otherwise.
void SessionFromSymbol(std::string_view symbol, uint32_t* session, uint32_t* number) {
  constexpr std::string_view kPrefix = "A/RES/";
  if (symbol.substr(0, kPrefix.size()) != kPrefix) return;
  symbol.remove_prefix(kPrefix.size());
  auto digits = [](std::string_view* t) {
    uint32_t v = 0;
    size_t i = 0;
    for (; i < t->size() && i < 6 && IsDigit((*t)[i]); ++i) v = v * 10 + ((*t)[i] - '0');
    t->remove_prefix(i);
    return v;
  };
  uint32_t first = digits(&symbol);
  if (!symbol.empty() && symbol[0] == '/') {
    symbol.remove_prefix(1);
    uint32_t second = digits(&symbol);
    if (symbol.empty() && first > 0 && second > 0) *session = first, *number = second;
    return;
  }
  if (symbol.size() < 3 || symbol.front() != '(' || symbol.back() != ')') return;
  uint32_t roman = 0, prev = 0;
  for (size_t i = symbol.size() - 2; i >= 1; --i) {  // right to left: subtractive pairs
    uint32_t v = symbol[i] == 'I' ? 1 : symbol[i] == 'V' ? 5 : symbol[i] == 'X' ? 10
               : symbol[i] == 'L' ? 50 : symbol[i] == 'C' ? 100 : 0;
    if (v == 0) return;
    roman = v < prev ? roman - v : roman + v;
    prev = std::max(prev, v);
  }
  if (first > 0 && roman > 0) *session = roman, *number = first;
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
      uint32_t session = 0, number = 0;
      SessionFromSymbol(from_name, &session, &number);
      if (r.session == 0) r.session = session;
      if (r.number == 0) r.number = number;
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
  comp.SetBases({BaseRef{p.raw_hash, 0, p.raw}}, 512);
  for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
    for (const auto& para : *list) {
      std::string enc = EncodeParagraph(para);
      p.paragraphs.push_back({HashBytes(enc), comp.Encode(ObjectType::kParagraph, enc, true),
                              ParagraphIndexKeys(para)});
    }
  }
  p.record = EncodeResolution(r);
  p.record_hash = HashBytes(p.record);
  comp.SetBases({}, 0);
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
  Writer(Archive::Impl& impl, int64_t now)
      : impl_(impl), comp_(kReleaseLevel), record_comp_(kRecordLevel), now_(now) {}
  // Applies one release inside txn; fills *out (not yet reported).
  Status Apply(Txn& txn, ObjectReader& reader, const Prepared& p, IngestResult* out);

 private:
  // A similar earlier release and its record: the compression bases of a new release.
  struct Similar {
    Hash128 raw, record;
  };
  Result<uint8_t> EnsureRelease(Txn& txn, ObjectReader& reader, const Prepared& p,
                                const std::vector<DocumentVersion>* versions,
                                std::optional<Hash128>* similar_record);
  Result<std::vector<Similar>> Candidates(Txn& txn, const Prepared& p,
                                          const std::vector<DocumentVersion>* versions);
  Status PutDerived(Txn& txn, const Hash128& hash, std::string value, uint8_t raw_depth);
  Status PutRecord(Txn& txn, ObjectReader& reader, const Prepared& p, uint8_t raw_depth,
                   const std::optional<Hash128>& similar_record);
  Archive::Impl& impl_;
  Compressor comp_, record_comp_;
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
  return out;
}

Result<uint8_t> Writer::EnsureRelease(Txn& txn, ObjectReader& reader, const Prepared& p,
                                      const std::vector<DocumentVersion>* versions,
                                      std::optional<Hash128>* similar_record) {
  const Dbis& d = impl_.dbis();
  std::string key = p.raw_hash.ToBytes();
  auto existing = txn.Get(d.objects, key);
  if (!existing.ok()) return existing.status();
  auto candidates = Candidates(txn, p, versions);
  if (!candidates.ok()) return candidates.status();
  if (!candidates->empty()) *similar_record = candidates->front().record;
  if (existing->has_value()) {
    auto header = ParseObjectHeader(**existing, p.raw_hash);
    if (!header.ok()) return header.status();
    return header->depth;
  }
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
    comp_.SetBases({BaseRef{c.raw, header->depth, *base_content}}, p.raw.size());
    *similar_record = c.record;
    break;
  }
  std::string value = comp_.Encode(ObjectType::kRelease, p.raw, base_content != nullptr);
  comp_.SetBases({}, 0);
  RECITAL_RETURN_IF_ERROR(txn.Put(d.objects, key, value));
  return static_cast<uint8_t>(value[2]);
}

Status Writer::PutRecord(Txn& txn, ObjectReader& reader, const Prepared& p, uint8_t raw_depth,
                         const std::optional<Hash128>& similar_record) {
  const Dbis& d = impl_.dbis();
  std::string key = p.record_hash.ToBytes();
  auto existing = txn.Get(d.objects, key);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Ok();
  // Dictionary: the similar release's record (most wording hashes recur) and this release.
  std::vector<BaseRef> bases;
  std::shared_ptr<const std::string> prev;
  if (similar_record && *similar_record != p.record_hash) {
    auto value = txn.Get(d.objects, similar_record->ToBytes());
    if (!value.ok()) return value.status();
    if (value->has_value()) {
      auto header = ParseObjectHeader(**value, *similar_record);
      auto content = reader.Load(*similar_record, ObjectType::kRecord);
      if (header.ok() && content.ok() && header->depth + 1 <= kMaxChainDepth) {
        prev = *content;
        bases.push_back(BaseRef{*similar_record, header->depth, *prev});
      }
    }
  }
  bases.push_back(BaseRef{p.raw_hash, raw_depth, p.raw});
  record_comp_.SetBases(bases, p.record.size());
  std::string value = record_comp_.Encode(ObjectType::kRecord, p.record, true);
  record_comp_.SetBases({}, 0);
  return txn.Put(d.objects, key, value);
}

Status Writer::PutDerived(Txn& txn, const Hash128& hash, std::string value, uint8_t raw_depth) {
  std::string key = hash.ToBytes();
  auto existing = txn.Get(impl_.dbis().objects, key);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Ok();
  if (HasBases(static_cast<Codec>(value[1]))) {
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
  std::optional<Hash128> similar_record;
  auto depth =
      EnsureRelease(txn, reader, p, versions.empty() ? nullptr : &versions, &similar_record);
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
  RECITAL_RETURN_IF_ERROR(PutRecord(txn, reader, p, *depth, similar_record));
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
  if (!title_key.empty()) {
    RECITAL_RETURN_IF_ERROR(
        txn.Put(d.titles, title_key, p.raw_hash.ToBytes() + p.record_hash.ToBytes()));
  }
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

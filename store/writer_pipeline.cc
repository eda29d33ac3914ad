// Pipeline: the worker side of Archive::IngestBatch (see store/writer_pipeline.h).
//
// Determinism: input j chooses its bases from the archive as committed plus the inputs i < j
// of this run (every one of them is parsed and registered before j chooses), so the archive's
// bytes do not depend on thread timing. A registered input is forgotten only after the writer
// committed it, and workers consult the registry before they open their read transaction, so
// an input is always found in one or the other.
#include "store/writer_pipeline.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <set>
#include <shared_mutex>

#include "schema/symbol.h"
#include "store/words.h"

namespace recital::store {

namespace {

// Workers stay at most this many inputs ahead of the writer (bounds memory).
constexpr size_t kWindow = 256;
// Decoded bases a worker keeps across its read transactions (contents are addressed by hash).
constexpr size_t kWorkerCacheBytes = 8u << 20;

Prepared Refuse(Prepared p, std::string message) {
  p.refused = true;
  p.result.status = IngestStatus::kRefused;
  p.result.message = std::move(message);
  p.raw.reset();
  return p;
}

// Reads a release file in a worker thread. Only a regular file is read, and at most
// max_bytes + 1 bytes of it: the size is known from fstat before any read (a 1 GiB sparse file
// costs nothing), and a file that grows while it is read still stops one byte past the limit.
// Opened with O_NONBLOCK, so a FIFO without a writer or a device never blocks the open; fstat
// then refuses it (a FIFO, /dev/zero, a terminal would otherwise block or never end).
Result<std::string> ReadRelease(const std::string& path, size_t max_bytes) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return Status::InvalidInput(path + ": cannot open: " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    return Status::IOError(path + ": cannot stat: " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    const char* kind = S_ISFIFO(st.st_mode)   ? "a FIFO"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISDIR(st.st_mode)  ? "a directory"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    return Status::InvalidInput(path + ": " + kind + ", not a regular file; only files are read");
  }
  auto too_big = [&](uint64_t size) {
    return Status::ResourceExhausted(path + ": file is " + std::to_string(size) +
                                     " bytes, over the limit of " + std::to_string(max_bytes));
  };
  if (static_cast<uint64_t>(st.st_size) > max_bytes) return too_big(st.st_size);
  std::string data(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  for (;;) {
    if (got == data.size()) {
      if (data.size() > max_bytes) break;  // grew past the limit while read
      data.resize(std::min<size_t>(max_bytes + 1, std::max<size_t>(data.size() * 2, 4096)));
    }
    ssize_t n = ::read(fd, data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IOError(path + ": read failed: " + std::strerror(errno));
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  data.resize(got);
  if (data.size() > max_bytes) {
    return Status::ResourceExhausted(path + ": file grew past the limit of " +
                                     std::to_string(max_bytes) + " bytes while it was read");
  }
  return data;
}

bool UsableSymbol(std::string_view s) {
  return !s.empty() && s.size() <= kMaxSymbolBytes && s.find('\0') == std::string_view::npos;
}

// Reads and parses one input: everything but compression. Paragraph values stay empty.
Prepared Parse(ReleaseInput& in, const IngestOptions& options) {
  Prepared p;
  p.result.source_name = in.source_name;
  std::string raw;
  if (in.bytes) {
    raw = std::move(*in.bytes);
    in.bytes.reset();
  } else {
    auto data = ReadRelease(in.source_name, options.max_release_bytes);
    if (!data.ok()) return Refuse(std::move(p), data.status().message());
    raw = std::move(*data);
  }
  p.result.bytes = raw.size();
  if (raw.size() > options.max_release_bytes) {
    return Refuse(std::move(p), in.source_name + ": " + std::to_string(raw.size()) +
                                    " bytes, over the limit of " +
                                    std::to_string(options.max_release_bytes));
  }
  Result<Resolution> parsed = Status::Internal("not parsed");
  try {
    parsed = options.parse(raw, in.source_name);
  } catch (const std::exception& e) {
    return Refuse(std::move(p), in.source_name + ": parser failed: " + e.what());
  }
  if (!parsed.ok()) return Refuse(std::move(p), parsed.status().message());
  Resolution& r = *parsed;
  p.result.symbol = r.symbol;
  if (r.symbol.empty()) {
    // Kept rather than refused when the file name spells a symbol: the bytes are preserved
    // and the record says where its symbol came from.
    std::optional<Symbol> named = SymbolFromFileName(in.source_name);
    std::string from_name = named ? named->ToString() : "";
    if (named) {
      r.symbol = from_name;
      p.result.symbol = from_name;
      p.result.message = "no symbol in the text; " + from_name + " taken from the file name";
      r.warnings.push_back(p.result.message);
      if (named->kind != SymbolKind::kDocument) {
        if (r.session == 0) r.session = named->session;
        if (r.number == 0) r.number = named->number;
      }
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
  p.raw_hash = HashBytes(raw);
  r.raw_hash = p.raw_hash;  // the record must point at exactly these bytes
  p.raw = std::make_shared<const std::string>(std::move(raw));
  p.session = r.session;
  p.number = r.number;
  p.title = r.title;
  p.adoption_date = r.adoption_date;
  p.language = r.language;
  p.completeness = CompletenessOf(r);
  std::set<std::string> cited;
  for (const auto& c : r.citations) {
    if (UsableSymbol(c.symbol) && c.symbol != r.symbol) cited.insert(c.symbol);
  }
  p.citations.assign(cited.begin(), cited.end());
  for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
    for (const auto& para : *list) {
      p.paragraphs.push_back({WordingHash(para), {}});
      p.to_index.push_back(para);
    }
  }
  auto record = std::make_shared<std::string>(EncodeResolutionInline(r));
  p.record_hash = HashBytes(*record);
  p.record = std::move(record);
  p.refused = false;
  return p;
}

}  // namespace

Result<std::optional<std::pair<Hash128, Hash128>>> FirstDocument(const Txn& txn, const Dbis& dbis) {
  using Out = std::optional<std::pair<Hash128, Hash128>>;
  auto symbol = txn.Get(dbis.doc_symbols, DocNumberKey(1));
  if (!symbol.ok()) return symbol.status();
  if (!symbol->has_value()) return Out();
  auto versions = ReadDocVersions(txn, dbis, **symbol);
  if (!versions.ok()) return versions.status();
  if (!versions->has_value()) return Out();
  return Out(std::make_pair((*versions)->back().raw_hash, (*versions)->back().record_hash));
}

struct Pipeline::Known {
  std::string symbol, title_key;
  uint32_t session = 0;
  Hash128 raw_hash, record_hash;
  std::shared_ptr<const std::string> raw, record;
};

struct Pipeline::Worker {
  Compressor release{kReleaseLevel}, record{kRecordLevel};
  std::optional<ObjectReader> reader;
};

Pipeline::Pipeline(Archive::Impl& impl, std::vector<ReleaseInput>& inputs,
                   const IngestOptions& options)
    : impl_(impl), inputs_(inputs), options_(options),
      slots_(std::min(inputs.size(), kWindow)), parsed_(inputs.size(), false) {
  int n = std::max(1, options.threads);
  for (int t = 0; t < n; ++t) threads_.emplace_back([this] { Work(); });
}

Pipeline::~Pipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

Prepared Pipeline::Take(size_t i) {
  std::unique_lock<std::mutex> lock(mu_);
  auto& slot = slots_[i % kWindow];
  cv_.wait(lock, [&] { return slot.has_value(); });
  Prepared p = std::move(*slot);
  slot.reset();
  taken_ = i + 1;
  cv_.notify_all();
  return p;
}

void Pipeline::Committed(size_t end) {
  std::lock_guard<std::mutex> lock(mu_);
  auto drop = [](std::unordered_map<std::string, std::vector<size_t>>& m, const std::string& key,
                 size_t i) {
    auto it = m.find(key);
    if (it == m.end()) return;
    std::erase(it->second, i);
    if (it->second.empty()) m.erase(it);
  };
  for (; forgotten_upto_ < end && forgotten_upto_ < registered_upto_; ++forgotten_upto_) {
    size_t i = forgotten_upto_;
    auto it = known_.find(i);
    if (it != known_.end()) {
      drop(by_symbol_, it->second->symbol, i);
      if (!it->second->title_key.empty()) drop(by_title_, it->second->title_key, i);
      known_.erase(it);
    }
  }
}

void Pipeline::Register(size_t i, const Prepared& p) {
  std::shared_ptr<Known> k;
  if (!p.refused) {
    k = std::make_shared<Known>();
    k->symbol = p.result.symbol;
    k->title_key = TitleKey(p.title);
    k->session = p.session;
    k->raw_hash = p.raw_hash;
    k->record_hash = p.record_hash;
    k->raw = p.raw;
    k->record = p.record;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (k) {
      auto insert_sorted = [i](std::vector<size_t>& v) {
        v.insert(std::upper_bound(v.begin(), v.end(), i), i);
      };
      insert_sorted(by_symbol_[k->symbol]);
      if (!k->title_key.empty()) insert_sorted(by_title_[k->title_key]);
      known_.emplace(i, std::move(k));
    }
    parsed_[i] = true;
    while (registered_upto_ < parsed_.size() && parsed_[registered_upto_]) ++registered_upto_;
  }
  cv_.notify_all();
}

void Pipeline::WaitRegistered(size_t i) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return stop_ || registered_upto_ >= i; });
}

std::shared_ptr<const Pipeline::Known> Pipeline::Earliest(size_t before) const {
  std::shared_ptr<const Known> out;
  size_t best = before;
  for (const auto& [i, k] : known_) {
    if (i < best) best = i, out = k;
  }
  return out;
}

std::shared_ptr<const Pipeline::Known> Pipeline::Latest(
    const std::unordered_map<std::string, std::vector<size_t>>& m, const std::string& key,
    size_t before) const {
  auto it = m.find(key);
  if (it == m.end()) return nullptr;
  auto pos = std::lower_bound(it->second.begin(), it->second.end(), before);
  if (pos == it->second.begin()) return nullptr;
  return known_.at(*(pos - 1));
}

void Pipeline::Work() {
  Worker w;
  for (;;) {
    size_t i;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || next_ >= inputs_.size() || next_ < taken_ + kWindow; });
      if (stop_ || next_ >= inputs_.size()) return;
      i = next_++;
    }
    Prepared p = Parse(inputs_[i], options_);
    Register(i, p);
    if (!p.refused) {
      WaitRegistered(i);
      // A failed read only means the writer compresses what is missing itself.
      (void)Compress(i, w, &p);
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      slots_[i % kWindow] = std::move(p);  // free: input i - kWindow was taken
    }
    cv_.notify_all();
  }
}

// A candidate base: an earlier release similar to the one being compressed, with its record.
struct Pipeline::Candidate {
  Hash128 raw, record;
  std::shared_ptr<const std::string> raw_content, record_content;  // when prepared in this run
};

Status Pipeline::Compress(size_t i, Worker& w, Prepared* p) {
  // 1. What earlier inputs of this run offer.
  std::shared_ptr<const Known> same, titled;
  std::vector<std::shared_ptr<const Known>> cited_run(p->citations.size());
  const std::string title_key = TitleKey(p->title);
  {
    std::lock_guard<std::mutex> lock(mu_);
    same = Latest(by_symbol_, p->result.symbol, i);
    if (!title_key.empty()) titled = Latest(by_title_, title_key, i);
    for (size_t c = 0; c < p->citations.size(); ++c) {
      cited_run[c] = Latest(by_symbol_, p->citations[c], i);
    }
  }
  // 2. The archive as committed; none while its creation is pending (OpenOptions::
  // defer_create), which is the empty archive it will be created as: nothing is committed
  // before it exists, so every earlier input is still registered.
  std::shared_lock<std::shared_mutex> lock(impl_.txn_mutex);
  std::optional<Txn> txn;
  const Dbis& d = impl_.dbis();
  Result<std::optional<std::vector<DocumentVersion>>> versions =
      std::optional<std::vector<DocumentVersion>>();
  if (!impl_.pending_create()) {
    auto begun = Txn::Begin(*impl_.env, false);
    if (!begun.ok()) return begun.status();
    txn.emplace(std::move(*begun));
    if (!w.reader) {
      w.reader.emplace(*txn, d.objects, kWorkerCacheBytes);
    } else {
      w.reader->Rebind(*txn);
    }
    versions = ReadDocVersions(*txn, d, p->result.symbol);
  }
  if (!versions.ok()) return versions.status();
  if (versions->has_value()) {
    for (const auto& v : **versions) {
      if (v.raw_hash == p->raw_hash) return Status::Ok();  // unchanged: nothing to write
    }
  }
  // Candidates in the writer's order: this symbol's newest version, the newest release with
  // this title, the cited document of the latest session.
  std::vector<Candidate> candidates;
  if (same) {
    candidates.push_back({same->raw_hash, same->record_hash, same->raw, same->record});
  } else if (versions->has_value()) {
    candidates.push_back({(*versions)->back().raw_hash, (*versions)->back().record_hash, {}, {}});
  }
  if (titled) {
    candidates.push_back({titled->raw_hash, titled->record_hash, titled->raw, titled->record});
  } else if (!title_key.empty() && txn) {
    auto v = txn->Get(d.titles, title_key);
    if (!v.ok()) return v.status();
    Candidate c;
    if (v->has_value() && (*v)->size() == 32 &&
        Hash128::FromBytes((*v)->substr(0, 16), &c.raw) &&
        Hash128::FromBytes((*v)->substr(16), &c.record)) {
      candidates.push_back(c);
    }
  }
  uint32_t best_session = 0;
  std::optional<Candidate> cited;
  for (size_t c = 0; c < p->citations.size(); ++c) {
    if (cited_run[c]) {
      const Known& k = *cited_run[c];
      if (!cited || k.session > best_session) {
        best_session = k.session;
        cited = Candidate{k.raw_hash, k.record_hash, k.raw, k.record};
      }
      continue;
    }
    if (!txn) continue;
    auto v = ReadDocVersions(*txn, d, p->citations[c]);
    if (!v.ok()) return v.status();
    if (v->has_value() && (!cited || (*v)->back().session > best_session)) {
      best_session = (*v)->back().session;
      cited = Candidate{(*v)->back().raw_hash, (*v)->back().record_hash, {}, {}};
    }
  }
  if (cited) candidates.push_back(*cited);
  if (candidates.empty()) {
    // Nothing similar: document 1 of the archive, or (a new archive) the first input of this
    // run, which becomes document 1. Either way the same release, whatever the timing.
    Result<std::optional<std::pair<Hash128, Hash128>>> first =
        std::optional<std::pair<Hash128, Hash128>>();
    if (txn) first = FirstDocument(*txn, d);
    if (!first.ok()) return first.status();
    if (first->has_value()) {
      candidates.push_back({(*first)->first, (*first)->second, {}, {}});
    } else {
      std::shared_ptr<const Known> earliest;
      {
        std::lock_guard<std::mutex> lock(mu_);
        earliest = Earliest(i);
      }
      if (earliest) {
        candidates.push_back(
            {earliest->raw_hash, earliest->record_hash, earliest->raw, earliest->record});
      }
    }
  }
  // Word keys for the wordings this snapshot lacks (a wording is never deleted, so one present
  // here is present when the writer stores this version), and word keys only (no pairs) for
  // the others: the writer posts this document's use of them (format 7 use postings).
  for (size_t k = 0; k < p->paragraphs.size() && k < p->to_index.size(); ++k) {
    if (txn) {
      auto used = txn->Get(d.paragraph_uses, p->paragraphs[k].hash.ToBytes());
      if (!used.ok()) return used.status();
      if (used->has_value()) {
        p->paragraphs[k].words = ParagraphIndexKeys(p->to_index[k]);
        continue;
      }
    }
    p->paragraphs[k].words = ParagraphPostingKeys(p->to_index[k], kFormatVersion);
  }
  p->to_index.clear();
  p->to_index.shrink_to_fit();
  return CompressObjects(txn ? &*txn : nullptr, w, candidates, p);
}

Status Pipeline::CompressObjects(const Txn* txn, Worker& w,
                                 const std::vector<Candidate>& candidates, Prepared* p) {
  const Dbis& d = impl_.dbis();
  auto stored = [&](const Hash128& h) -> Result<bool> {
    if (txn == nullptr) return false;
    auto v = txn->Get(d.objects, h.ToBytes());
    if (!v.ok()) return v.status();
    return v->has_value();
  };
  // The release, against the first candidate whose release can be read. Depths are the
  // writer's business (it knows what it stored); 0 stands in for them here.
  std::optional<Hash128> similar_record;
  if (!candidates.empty()) similar_record = candidates.front().record;
  auto release_stored = stored(p->raw_hash);
  if (!release_stored.ok()) return release_stored.status();
  if (!*release_stored) {
    std::shared_ptr<const std::string> base;
    const Candidate* chosen = nullptr;
    for (const auto& c : candidates) {
      if (c.raw_content) {
        base = c.raw_content;
      } else {
        if (txn == nullptr) continue;
        auto content = w.reader->Load(c.raw, ObjectType::kRelease);
        if (!content.ok()) continue;
        base = *content;
      }
      chosen = &c;
      break;
    }
    if (chosen != nullptr) {
      similar_record = chosen->record;
      w.release.SetBases({BaseRef{chosen->raw, 0, *base}}, p->raw->size());
    }
    p->release_value = w.release.Encode(ObjectType::kRelease, *p->raw, chosen != nullptr);
    w.release.SetBases({}, 0);
  }
  // The record, against the similar release's record (most paragraphs recur: a repeated one
  // is a back-reference there) and its own release (a new paragraph's wording is in it).
  auto record_stored = stored(p->record_hash);
  if (!record_stored.ok()) return record_stored.status();
  if (!*record_stored) {
    std::vector<BaseRef> bases;
    std::shared_ptr<const std::string> prev;
    if (similar_record && *similar_record != p->record_hash) {
      const Candidate* run = nullptr;
      for (const auto& c : candidates) {
        if (c.record == *similar_record && c.record_content) run = &c;
      }
      if (run != nullptr) {
        prev = run->record_content;
      } else if (txn != nullptr) {
        auto content = w.reader->Load(*similar_record, ObjectType::kRecord);
        if (content.ok()) prev = *content;
      }
      if (prev) bases.push_back(BaseRef{*similar_record, 0, *prev});
    }
    bases.push_back(BaseRef{p->raw_hash, 0, *p->raw});
    w.record.SetBases(bases, p->record->size());
    p->record_value = w.record.Encode(ObjectType::kRecord, *p->record, true);
    w.record.SetBases({}, 0);
  }
  return Status::Ok();
}

}  // namespace recital::store

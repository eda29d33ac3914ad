#include "store/objects.h"

#define ZSTD_STATIC_LINKING_ONLY  // raw-content dictionaries (exported by libzstd1)
#include <zstd.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <vector>

namespace recital::store {
namespace {

constexpr size_t kHeaderBytes = 3;
// Decoded objects are releases (<= 16 MiB by ingest) or records; refuse bigger frames.
constexpr unsigned long long kMaxContentBytes = 64ull << 20;

std::string HexKey(const Hash128& h) { return "object " + h.ToHex(); }

}  // namespace

const char* ObjectTypeName(ObjectType t) {
  switch (t) {
    case ObjectType::kRelease:
      return "release";
    case ObjectType::kParagraph:
      return "paragraph";
    case ObjectType::kRecord:
      return "record";
  }
  return "unknown";
}

Result<ObjectHeader> ParseObjectHeader(std::string_view value, const Hash128& key) {
  if (value.size() < kHeaderBytes) return Status::Corruption(HexKey(key) + ": value too short");
  ObjectHeader h;
  uint8_t type = static_cast<uint8_t>(value[0]), codec = static_cast<uint8_t>(value[1]);
  if (type < static_cast<uint8_t>(ObjectType::kRelease) ||
      type > static_cast<uint8_t>(ObjectType::kRecord)) {
    return Status::Corruption(HexKey(key) + ": unknown type " + std::to_string(type));
  }
  if (codec > static_cast<uint8_t>(Codec::kZstdWithBases)) {
    return Status::Corruption(HexKey(key) + ": unknown codec " + std::to_string(codec));
  }
  h.type = static_cast<ObjectType>(type);
  h.codec = static_cast<Codec>(codec);
  h.depth = static_cast<uint8_t>(value[2]);
  value.remove_prefix(kHeaderBytes);
  if (HasBases(h.codec)) {
    // Codec 2 (written since format 1) names exactly one base and has no count byte.
    const bool counted = h.codec == Codec::kZstdWithBases;
    size_t n = !counted ? 1 : value.empty() ? 0 : static_cast<uint8_t>(value[0]);
    if (n == 0 || n > kMaxBases || value.size() < (counted ? 1 : 0) + 16 * n || h.depth == 0) {
      return Status::Corruption(HexKey(key) + ": bad base reference");
    }
    if (counted) value.remove_prefix(1);
    for (size_t i = 0; i < n; ++i) {
      Hash128 b;
      Hash128::FromBytes(value.substr(0, 16), &b);
      h.bases.push_back(b);
      value.remove_prefix(16);
    }
  } else if (h.depth != 0) {
    return Status::Corruption(HexKey(key) + ": chain depth without a base");
  }
  h.payload = value;
  return h;
}

struct Compressor::State {
  ZSTD_CCtx* cctx = nullptr;
  ZSTD_CDict* cdict = nullptr;
  std::string dict;       // the bases' contents, concatenated
  std::string base_refs;  // as written into the header: one hash, or a count byte + hashes
  Codec base_codec = Codec::kZstdWithBase;
  uint8_t depth = 0;      // depth of objects encoded against the bases
  int level = 3;
};

Compressor::Compressor(int level) : state_(std::make_unique<State>()) {
  state_->cctx = ZSTD_createCCtx();
  RECITAL_CHECK(state_->cctx != nullptr);
  state_->level = level;
}

Compressor::~Compressor() {
  ZSTD_freeCDict(state_->cdict);
  ZSTD_freeCCtx(state_->cctx);
}

void Compressor::SetBases(const std::vector<BaseRef>& bases, size_t typical_size) {
  ZSTD_freeCDict(state_->cdict);
  state_->cdict = nullptr;
  state_->dict.clear();
  state_->base_refs.clear();
  state_->depth = 0;
  if (bases.empty()) return;
  RECITAL_CHECK(bases.size() <= kMaxBases);
  state_->base_codec = bases.size() == 1 ? Codec::kZstdWithBase : Codec::kZstdWithBases;
  if (bases.size() > 1) state_->base_refs.push_back(static_cast<char>(bases.size()));
  for (const auto& b : bases) {
    state_->dict.append(b.content);
    state_->base_refs += b.hash.ToBytes();
    state_->depth = std::max<uint8_t>(state_->depth, static_cast<uint8_t>(b.depth + 1));
  }
  if (state_->dict.empty()) {
    state_->base_refs.clear();
    return;
  }
  // Raw content, explicitly: a release is never parsed as a formatted zstd dictionary.
  state_->cdict = ZSTD_createCDict_advanced(
      state_->dict.data(), state_->dict.size(), ZSTD_dlm_byRef, ZSTD_dct_rawContent,
      ZSTD_getCParams(state_->level, std::max<size_t>(typical_size, 64), state_->dict.size()),
      ZSTD_defaultCMem);
  RECITAL_CHECK(state_->cdict != nullptr);
}

std::string Compressor::Encode(ObjectType type, std::string_view content, bool use_base) {
  const bool base = use_base && state_->cdict != nullptr;
  size_t header = kHeaderBytes + (base ? state_->base_refs.size() : 0);
  std::string out(header + ZSTD_compressBound(content.size()), '\0');
  // Frames carry their content size, no checksum (the content hash is the check), no dict id.
  size_t n = base ? ZSTD_compress_usingCDict(state_->cctx, out.data() + header,
                                             out.size() - header, content.data(),
                                             content.size(), state_->cdict)
                  : ZSTD_compressCCtx(state_->cctx, out.data() + header, out.size() - header,
                                      content.data(), content.size(), state_->level);
  RECITAL_CHECK(!ZSTD_isError(n));
  if (n + header >= content.size() + kHeaderBytes) {
    std::string stored;
    stored.push_back(static_cast<char>(type));
    stored.push_back(static_cast<char>(Codec::kStored));
    stored.push_back('\0');
    stored.append(content);
    return stored;
  }
  out.resize(header + n);
  out[0] = static_cast<char>(type);
  out[1] = static_cast<char>(base ? state_->base_codec : Codec::kZstd);
  out[2] = static_cast<char>(base ? state_->depth : 0);
  if (base) out.replace(kHeaderBytes, state_->base_refs.size(), state_->base_refs);
  return out;
}

struct ObjectReader::DCtx {
  ZSTD_DCtx* dctx = nullptr;
  DCtx() : dctx(ZSTD_createDCtx()) { RECITAL_CHECK(dctx != nullptr); }
  ~DCtx() { ZSTD_freeDCtx(dctx); }
};

ObjectReader::ObjectReader(const Txn& txn, MDB_dbi objects, size_t cache_bytes,
                           bool keep_bases)
    : txn_(&txn),
      objects_(objects),
      cache_limit_(cache_bytes),
      keep_bases_(keep_bases),
      dctx_(std::make_unique<DCtx>()) {}

ObjectReader::~ObjectReader() = default;

Result<std::shared_ptr<const std::string>> ObjectReader::Load(const Hash128& key,
                                                              ObjectType type) {
  ObjectType got;
  auto r = LoadAny(key, &got);
  if (!r.ok()) return r;
  if (got != type) {
    return Status::Corruption(HexKey(key) + ": is a " + ObjectTypeName(got) + " object, expected " +
                              ObjectTypeName(type));
  }
  return r;
}

struct ObjectReader::Needed {
  Hash128 hash;
  ObjectType type = ObjectType::kRelease;
  Codec codec = Codec::kStored;
  std::string_view payload;  // in the transaction's map
  std::vector<const std::string*> bases;  // keys in the NeededMap
  int uses = 0;  // references from the objects built on it, and from the caller
  std::shared_ptr<const std::string> content;  // once decoded (or cached)
};

Status ObjectReader::Collect(const Hash128& key, int max_depth, NeededMap* needed,
                             std::vector<const std::string*>* order) {
  std::string k = key.ToBytes();
  if (auto seen = needed->find(k); seen != needed->end()) {
    ++seen->second.uses;
    return Status::Ok();
  }
  auto value = txn_->Get(objects_, k);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return Status::NotFound(HexKey(key) + ": missing");
  auto header = ParseObjectHeader(**value, key);
  if (!header.ok()) return header.status();
  Needed n;
  n.hash = key;
  n.type = header->type;
  n.uses = 1;
  auto cached = cache_.find(k);
  if (cached != cache_.end()) {
    recency_.splice(recency_.begin(), recency_, cached->second.recency);
    n.content = cached->second.content;
  } else {
    if (header->depth > max_depth) {
      return Status::Corruption(HexKey(key) + ": base chain does not get shorter (depth " +
                                std::to_string(header->depth) + ")");
    }
    n.codec = header->codec;
    n.payload = header->payload;
    for (const auto& b : header->bases) {
      Status st = Collect(b, header->depth - 1, needed, order);
      if (!st.ok()) return st.WithContext(HexKey(key) + ": base");
      n.bases.push_back(&needed->find(b.ToBytes())->first);
    }
  }
  // Depths only go down, so no base refers back to key: it is not in *needed yet.
  auto placed = needed->emplace(std::move(k), std::move(n)).first;
  order->push_back(&placed->first);
  return Status::Ok();
}

void ObjectReader::Keep(const std::string& key, const std::shared_ptr<const std::string>& content) {
  if (cache_.count(key)) return;
  while (!recency_.empty() && cache_size_ + content->size() > cache_limit_) {
    auto oldest = cache_.find(recency_.back());
    cache_size_ -= oldest->second.content->size();
    cache_.erase(oldest);
    recency_.pop_back();
  }
  if (content->size() <= cache_limit_) {
    cache_size_ += content->size();
    recency_.push_front(key);
    cache_.emplace(key, Cached{content, recency_.begin()});
  }
}

Result<std::shared_ptr<const std::string>> ObjectReader::LoadAny(const Hash128& key,
                                                                 ObjectType* type_out,
                                                                 int max_depth) {
  NeededMap needed;
  std::vector<const std::string*> order;  // bases first, key last
  RECITAL_RETURN_IF_ERROR(Collect(key, max_depth, &needed, &order));
  Needed& top = needed.at(*order.back());
  std::set<const std::string*> kept{order.back()};  // what the cache keeps without keep_bases
  for (const std::string* b : top.bases) kept.insert(b);
  for (const std::string* at : order) {
    Needed& n = needed.at(*at);
    if (n.content == nullptr) {
      const std::string where =
          HexKey(n.hash) + (at == order.back() ? "" : " (a base of " + HexKey(key) + ")");
      auto content = std::make_shared<std::string>();
      if (n.codec == Codec::kStored) {
        content->assign(n.payload);
      } else {
        std::shared_ptr<const std::string> base;
        if (n.bases.size() == 1) {
          base = needed.at(*n.bases.front()).content;  // no copy for the common single base
        } else if (n.bases.size() > 1) {
          std::string dict;
          for (const std::string* b : n.bases) dict += *needed.at(*b).content;
          base = std::make_shared<const std::string>(std::move(dict));
        }
        unsigned long long size = ZSTD_getFrameContentSize(n.payload.data(), n.payload.size());
        if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
            size > kMaxContentBytes) {
          return Status::Corruption(where + ": bad zstd frame header");
        }
        content->resize(size);
        ZSTD_DCtx* d = dctx_->dctx;
        ZSTD_DCtx_reset(d, ZSTD_reset_session_and_parameters);
        if (base) {
          size_t rc = ZSTD_DCtx_loadDictionary_advanced(d, base->data(), base->size(),
                                                        ZSTD_dlm_byRef, ZSTD_dct_rawContent);
          if (ZSTD_isError(rc)) {
            return Status::Internal("zstd: " + std::string(ZSTD_getErrorName(rc)));
          }
        }
        size_t got = ZSTD_decompressDCtx(d, content->data(), content->size(), n.payload.data(),
                                         n.payload.size());
        if (ZSTD_isError(got) || got != size) {
          return Status::Corruption(where + ": zstd: " +
                                    (ZSTD_isError(got) ? ZSTD_getErrorName(got) : "short frame"));
        }
      }
      if (HashBytes(*content) != n.hash) return Status::Corruption(where + ": hash mismatch");
      n.content = std::move(content);
      if (keep_bases_ || kept.count(at)) Keep(*at, n.content);
    }
    // A base no object left to decode is built on: its memory serves the next ones.
    for (const std::string* b : n.bases) {
      Needed& base = needed.at(*b);
      if (--base.uses == 0) base.content.reset();
    }
  }
  *type_out = top.type;
  return top.content;
}

}  // namespace recital::store

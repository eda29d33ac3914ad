// Private to store/: the object value layout (store/FORMAT.md "objects") and its zstd codec.
// ObjectType (byte 0 of a value) is defined in store/migration.h, which migrations share.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"
#include "store/lmdb_env.h"
#include "store/migration.h"

namespace recital::store {

// kZstdWithBase (format 1 and on): one base, its hash right after the header, no count byte.
// kZstdWithBases: 1..kMaxBases bases, a count byte then the hashes. Both decode the same way.
enum class Codec : uint8_t { kStored = 0, kZstd = 1, kZstdWithBase = 2, kZstdWithBases = 3 };
inline bool HasBases(Codec c) { return c == Codec::kZstdWithBase || c == Codec::kZstdWithBases; }
const char* ObjectTypeName(ObjectType t);

// zstd levels of release and record objects. Measured on 1,000 generated releases (object
// bytes, ingest CPU; levels 3/6/9/12 for all three were 1.57/1.43/1.42/1.34 MB at 1.9-4.6 s):
// releases and records gain almost nothing past level 7 (lazy2; level 12 stores them 0.7%
// smaller at 2x their CPU). Format 4's records (wordings inline): store/FORMAT.md "Format 4".
inline constexpr int kReleaseLevel = 7;
inline constexpr int kRecordLevel = 7;

// A base is kept only while its chain stays at most this deep, so decoding stays cheap.
inline constexpr int kMaxChainDepth = 48;

// At most this many bases per object; their contents, concatenated in order, are the
// raw-content zstd dictionary of the object.
inline constexpr size_t kMaxBases = 4;

struct ObjectHeader {
  ObjectType type = ObjectType::kRelease;
  Codec codec = Codec::kStored;
  uint8_t depth = 0;  // 0 without a base, else 1 + the largest base depth
  std::vector<Hash128> bases;  // kZstdWithBase only
  std::string_view payload;
};

// Corruption naming the object when the layout is wrong.
Result<ObjectHeader> ParseObjectHeader(std::string_view value, const Hash128& key);

// Content of a base object, with its chain depth.
struct BaseRef {
  Hash128 hash;
  uint8_t depth = 0;
  std::string_view content;
};

// Compresses content (with the base's content as a raw zstd dictionary when one is set) and
// returns the object value; falls back to kStored when compression does not pay.
// Thread-compatible: one Compressor per thread.
class Compressor {
 public:
  explicit Compressor(int level);
  ~Compressor();
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
  // Indexes the bases' contents (copied, concatenated in order) once for the following
  // Encode(..., true) calls. No bases clears them. typical_size: expected content size of
  // the following Encode calls; sizes zstd's tables (an unknown size would make level 19
  // allocate tables for gigabytes, per call).
  void SetBases(const std::vector<BaseRef>& bases, size_t typical_size);
  std::string Encode(ObjectType type, std::string_view content, bool use_base);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Loads and decodes objects inside one transaction, caching decoded contents (bases are
// shared by many objects). Not thread-safe; lives no longer than its transaction, or than
// the transaction it was last rebound to.
class ObjectReader {
 public:
  // An object's bases, and theirs, are decoded bases first, each once, and each dropped as soon
  // as the last object built on it is decoded. keep_bases: the cache keeps every object decoded
  // (reads in any order, as verify's and migrations' in key order, then find them). Without:
  // the object asked for and its own bases only (a record's: the previous session's record and
  // its release, what the next session's record is built on), enough for reads in session
  // order; one record's read then holds a few decoded contents at a time instead of its whole
  // chain (fresh memory, every page of it a page fault).
  ObjectReader(const Txn& txn, MDB_dbi objects, size_t cache_bytes = 64u << 20,
               bool keep_bases = true);
  ~ObjectReader();
  // Reads through txn from now on, keeping the cache: a content is addressed by its hash,
  // so it is the same in every transaction that holds the object.
  void Rebind(const Txn& txn) { txn_ = &txn; }
  // Empties the cache (the decompression context stays).
  void Forget() {
    cache_.clear();
    recency_.clear();
    cache_size_ = 0;
  }
  // NotFound when absent; Corruption when undecodable or the content hash differs from key
  // or the type is not `type`.
  Result<std::shared_ptr<const std::string>> Load(const Hash128& key, ObjectType type);
  // Same, any type; *type_out receives the stored type.
  Result<std::shared_ptr<const std::string>> LoadAny(const Hash128& key, ObjectType* type_out,
                                                     int max_depth = 255);

 private:
  // One object LoadAny needs: cached, or its stored payload and bases.
  struct Needed;
  using NeededMap = std::unordered_map<std::string, Needed>;
  // Adds key and, unless cached, the bases it needs to *needed, bases before the objects built
  // on them in *order (keys in *needed); counts each reference in Needed::uses.
  Status Collect(const Hash128& key, int max_depth, NeededMap* needed,
                 std::vector<const std::string*>* order);
  void Keep(const std::string& key, const std::shared_ptr<const std::string>& content);
  const Txn* txn_;
  MDB_dbi objects_;
  size_t cache_limit_;
  bool keep_bases_;
  size_t cache_size_ = 0;
  // Least recently used first out: a base chain's newest contents stay while the walk goes on
  // (reads in session order across many series keep every series' newest record and release;
  // clearing the whole cache when full made each next read decode its whole chain again).
  struct Cached {
    std::shared_ptr<const std::string> content;
    std::list<std::string>::iterator recency;  // in recency_
  };
  std::list<std::string> recency_;  // keys, most recently used first
  std::unordered_map<std::string, Cached> cache_;
  struct DCtx;
  std::unique_ptr<DCtx> dctx_;
};

}  // namespace recital::store

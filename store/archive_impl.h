// Private to store/: Archive::Impl and helpers shared by the archive layer (archive.cc,
// migration.cc, writer*.cc, verify.cc, words.cc).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>

#include "store/archive_lock.h"
#include "store/catalogue.h"
#include "store/encoding.h"
#include "store/lmdb_env.h"
#include "store/objects.h"
#include "store/store.h"

namespace recital::store {

struct Archive::Impl {
  std::string dir;
  size_t initial_map_bytes = 0;  // OpenOptions::initial_map_bytes
  // Declared first, destroyed last: released after the environment closed.
  ArchiveLock lock;
  // Null while a deferred creation is pending (OpenOptions::defer_create): no archive exists
  // yet. Set, once, by CreateNow under txn_mutex held exclusively.
  std::unique_ptr<Env> env;
  // Mutable only by Archive::Migrate, inside its write transaction (RefreshDbis, RecreateDbi).
  Dbis dbis_;
  int format_version = 0;
  // Readers hold it shared for the life of their transaction; growing the map (which LMDB
  // allows only with no transaction open in this process) holds it exclusively.
  mutable std::shared_mutex txn_mutex;

  const Dbis& dbis() const { return dbis_; }
  Status RequireWritable() const {
    if (env != nullptr && env->read_only()) {
      return Status::InvalidInput("archive " + dir + " was opened read-only");
    }
    return Status::Ok();
  }
  bool pending_create() const { return env == nullptr; }
  // A transaction on the archive; NotFound ("no archive at DIR") while its creation is pending.
  // Callers hold txn_mutex shared.
  Result<Txn> Begin(bool write) const {
    if (env == nullptr) return Status::NotFound("no archive at " + dir);
    if (!write && ambient != nullptr && ambient_thread == std::this_thread::get_id()) {
      return Txn::Borrow(*ambient);
    }
    return Txn::Begin(*env, write);
  }
  // The write transaction a derive callback (IngestOptions::derive) runs in, and its thread:
  // reads begun on that thread borrow it, so history/ reads through the ordinary const methods
  // what the transaction wrote (LMDB allows one transaction per thread; a read transaction
  // would not see the writes). Those reads also take txn_mutex shared a second time on the
  // thread: glibc's read-write locks prefer readers, so that never waits. Set by AmbientTxn.
  mutable const Txn* ambient = nullptr;
  mutable std::thread::id ambient_thread;
  // Decoded objects shared by the archive's record reads (GetResolution, FindPhrase): a record
  // is compressed against the previous session's record, so decoding one decodes its base chain;
  // reads of many documents (grep's series grouping) decode each base once instead of once per
  // read. Contents are addressed by hash, so the cache stays valid across transactions (objects
  // are never rewritten). One caller at a time, under reader_mutex. Its callers read in session
  // order (grep's documents) or one record at a time: it keeps the objects asked for and their
  // own bases, not every base decoded on the way (ObjectReader's keep_bases).
  static constexpr size_t kSharedReaderCacheBytes = 32u << 20;
  mutable std::mutex reader_mutex;
  mutable std::unique_ptr<ObjectReader> shared_reader;
  // Runs fn(ObjectReader&) with the shared reader bound to txn.
  template <typename Fn>
  auto WithSharedReader(const Txn& txn, Fn&& fn) const {
    std::lock_guard<std::mutex> hold(reader_mutex);
    if (shared_reader == nullptr) {
      shared_reader = std::make_unique<ObjectReader>(txn, dbis_.objects, kSharedReaderCacheBytes,
                                                     /*keep_bases=*/false);
    }
    shared_reader->Rebind(txn);
    return fn(*shared_reader);
  }
  // Opens the archive's environment and checks its format (Archive::Open).
  Status Attach(const ArchiveEnvOptions& options, bool allow_old_format);
  // A pending creation happens: creates the archive and attaches it. Callers hold txn_mutex
  // exclusively. No-op when the archive exists.
  Status CreateNow();
};

// Makes txn the archive's ambient transaction on this thread for its lifetime (Impl::ambient).
class AmbientTxn {
 public:
  AmbientTxn(const Archive::Impl& impl, const Txn& txn) : impl_(impl) {
    impl_.ambient = &txn;
    impl_.ambient_thread = std::this_thread::get_id();
  }
  ~AmbientTxn() { impl_.ambient = nullptr; }
  AmbientTxn(const AmbientTxn&) = delete;
  AmbientTxn& operator=(const AmbientTxn&) = delete;

 private:
  const Archive::Impl& impl_;
};

// The DerivedTxn of a derive callback over a write transaction (store/derived.cc).
// generation_at_begin: the input generation before the transaction changed anything.
// batch_records: what DerivedTxn::BatchRecord answers (record hash -> record bytes).
std::unique_ptr<DerivedTxn> MakeDerivedTxn(
    Txn& txn, const Dbis& dbis, uint64_t generation_at_begin,
    std::map<Hash128, std::shared_ptr<const std::string>> batch_records = {});

// Versions of symbol in this transaction; nullopt when unknown.
Result<std::optional<std::vector<DocumentVersion>>> ReadDocVersions(const Txn& txn,
                                                                    const Dbis& dbis,
                                                                    std::string_view symbol);

// The document of symbol in this transaction (versions and current versions); nullopt when
// unknown.
Result<std::optional<Document>> ReadDocument(const Txn& txn, const Dbis& dbis,
                                             std::string_view symbol);

// Format 6 (store/derived.cc): the input generation in txn (0 when never written), and its
// increment, which every write transaction changing docs or settings makes once before
// committing (a derived index stamped with the old value is stale from then on). Corruption
// when the meta value is malformed.
Result<uint64_t> ReadInputGeneration(const Txn& txn, const Dbis& dbis);
Status BumpInputGeneration(Txn& txn, const Dbis& dbis);
// The stamp of a derived index (nullopt: never built); Corruption when malformed.
Result<std::optional<uint64_t>> ReadDerivedStamp(const Txn& txn, const Dbis& dbis,
                                                 std::string_view index);

// Decodes a record through reader (format 4 records hold their wordings; older ones name
// paragraph objects, which it loads too).
Result<Resolution> LoadResolution(ObjectReader& reader, const Hash128& record_hash);

// A wording (lead, text, sub-paragraph numbers and texts; nothing else) from the
// record of its first use in paragraph_uses (format 4 has no paragraph objects). NotFound when
// no stored version uses it; Corruption when that use holds another wording.
Result<Paragraph> LoadWording(const Txn& txn, const Dbis& dbis, ObjectReader& reader,
                              const Hash128& wording_hash);

}  // namespace recital::store

// recital::store — the archive: an LMDB environment in a directory holding content-addressed,
// zstd-compressed objects (release bytes, paragraph wording, resolution records) and the indexes
// over them (documents and versions, paragraph uses, citations, settings). On-disk layout:
// store/FORMAT.md.
//
// Thread safety: an Archive may be shared by threads; every read call runs in its own short
// read transaction and sees one consistent snapshot. Only one write runs at a time (LMDB's
// writer lock, across processes too); readers never block and see only committed releases.
// Memory: every returned value is owned by the caller; nothing points into the database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"

namespace recital::store {

// The on-disk format this build writes. Archives with a newer version are refused
// (FormatTooNew); older ones are refused with a pointer to `recital migrate` unless
// OpenOptions::allow_old_format is set (migrations only). Versions: 1 the first layout;
// 2 adds the words index (migrations/m0002_word_index.cc); 3 packs paragraph_uses into one
// list per wording over document numbers and cuts word postings to 4 bytes
// (migrations/m0003_compact_indexes.cc); 4 puts paragraph wordings inside the records (no
// paragraph objects) and indexes words by document (migrations/m0004_inline_wordings.cc).
// A layout change bumps it and adds a migration step and a golden archive of the old version
// (tests/testdata/golden-vN).
inline constexpr int kFormatVersion = 4;

struct OpenOptions {
  bool read_only = true;
  bool create_if_missing = false;  // needs read_only = false
  // Open an archive whose format version is older than kFormatVersion (for migrations/).
  bool allow_old_format = false;
  // Initial map size; 0 = 64 MiB. The map grows by doubling whenever a write finds it full,
  // so this only matters to tests of that growth.
  size_t initial_map_bytes = 0;
};

class Archive;

// What a migration may do inside its one write transaction (see Archive::Migrate). Database
// names are those of store/FORMAT.md ("objects", "docs", ...). Views returned by Get and
// handed to ForEach are valid only during the call/callback.
class MigrationTxn {
 public:
  virtual ~MigrationTxn() = default;
  virtual Result<std::optional<std::string>> Get(std::string_view db, std::string_view key) = 0;
  virtual Status Put(std::string_view db, std::string_view key, std::string_view value) = 0;
  virtual Status Delete(std::string_view db, std::string_view key) = 0;
  // Every (key, value) in key order (every duplicate for dup-sorted databases).
  virtual Status ForEach(std::string_view db,
                         const std::function<Status(std::string_view, std::string_view)>& fn) = 0;
  // The content of an object (decompressed, hash-checked), whatever its type. NotFound when
  // absent, Corruption when it does not decode.
  virtual Result<std::string> LoadObject(const Hash128& hash) = 0;
  // Deletes a database and creates it again, empty, with the flags the current format gives
  // it (how format 3 turned the dup-sorted paragraph_uses into a plain one). Not for meta,
  // objects or docs (InvalidInput).
  virtual Status Recreate(std::string_view db) = 0;
  // Stores an object of type `type` (1 release, 2 paragraph, 3 record; store/FORMAT.md) with
  // this content, compressed the way ingest compresses it, against the contents of `bases`
  // (stored objects, at most 4, in this order; one that is missing or whose chain is too deep
  // is left out). Returns the key (the content's hash); an object already stored under it is
  // left as it is.
  virtual Result<Hash128> PutObject(uint8_t type, std::string_view content,
                                    const std::vector<Hash128>& bases) = 0;
};

// One stored version of a document. version is 1-based, in ingest order.
struct DocumentVersion {
  uint32_t version = 0;
  Hash128 raw_hash;     // object of the release bytes
  Hash128 record_hash;  // object of the resolution record
  int64_t ingest_time = 0;  // Unix seconds
  std::string source_name;  // file the bytes came from, as given to ingest
  uint64_t raw_size = 0;
  // Copied from the record for listings.
  uint32_t session = 0;
  uint32_t number = 0;
  std::string title;
  std::string adoption_date;
};

struct Document {
  std::string symbol;
  std::vector<DocumentVersion> versions;  // oldest first; never empty
  const DocumentVersion& newest() const { return versions.back(); }
};

// Where a paragraph wording is used: document-order index over preamble, operative, annex.
struct ParagraphUse {
  std::string symbol;
  uint32_t version = 0;
  uint32_t position = 0;
  bool operator==(const ParagraphUse&) const = default;
};

// ---- ingest ----------------------------------------------------------------------------
enum class IngestStatus { kAdded, kVersion, kUnchanged, kRefused };
const char* IngestStatusName(IngestStatus s);  // "added", "version", "unchanged", "refused"

struct ReleaseInput {
  std::string source_name;           // file name, recorded with the version
  std::optional<std::string> bytes;  // nullopt: read the file source_name (by a worker thread)
};

struct IngestResult {
  std::string source_name;
  std::string symbol;  // "" when refused before a symbol was known
  IngestStatus status = IngestStatus::kRefused;
  std::string message;  // why refused; "" otherwise
  uint32_t version = 0;  // version number stored or matched
  uint64_t bytes = 0;    // size of the release
};

// Parses release bytes into a record (recital::ParseRelease in the CLI). Called from worker
// threads, so it must be thread-safe.
using ParseFn = std::function<Result<Resolution>(std::string_view bytes,
                                                 const std::string& source_name)>;

struct IngestOptions {
  ParseFn parse;         // required
  int threads = 2;       // parse + compress workers; the calling thread writes
  size_t max_release_bytes = 16u << 20;
  // A write transaction commits after this many releases or bytes, whichever comes first.
  size_t batch_releases = 64;
  size_t batch_bytes = 8u << 20;
  int64_t ingest_time = 0;  // Unix seconds recorded in versions; 0 = now
};

// Called on the calling thread, in input order, for every input: refused/unchanged ones as
// soon as known, stored ones (added/version) only after their transaction committed durably.
using IngestCallback = std::function<void(const IngestResult&)>;

// ---- word index (format 4; store/FORMAT.md "words") -------------------------------------
// The one word normalisation, shared by indexing and querying: lower-cases (Latin with its
// accents, Greek, Cyrillic, full-width Latin; Arabic and Chinese have no case) and drops every
// character that is not part of a word (punctuation, symbols, white space, soft hyphens and
// zero-width joiners); other UTF-8 is kept as is. "General," -> "general", "ÉTATS" -> "états".
std::string NormalizeWordForIndex(std::string_view word);
// The normalised words of a text, in order. Words split at white space, punctuation and
// symbols ("Secretary-General" is two words, "53/123" too); each CJK ideograph or kana is a
// word of its own.
std::vector<std::string> SplitWordsForIndex(std::string_view text);
// The words database keys of a paragraph wording: the words of its text and of every
// sub-paragraph, each cut to kMaxWordKeyBytes at a character boundary, sorted, unique.
inline constexpr size_t kMaxWordKeyBytes = 128;
std::vector<std::string> ParagraphIndexKeys(const Paragraph& wording);

struct PhraseMatch {
  int subparagraph = -1;     // -1: in Paragraph.text; else index into subparagraphs
  uint32_t byte_offset = 0;  // where the first word of the phrase starts in that text
  uint32_t byte_length = 0;  // up to the end of its last word
};
struct PhraseHit {
  Hash128 wording_hash;
  Paragraph wording;                 // lead, text, sub-paragraphs (no number: not wording)
  std::vector<PhraseMatch> matches;  // every occurrence, text first; never empty
  std::vector<ParagraphUse> uses;    // every use, sorted by (symbol, version, position)
};
struct PhraseOptions {
  size_t max_hits = 0;  // keep the first this many hits; 0 = all
};

// ---- verify and stats ------------------------------------------------------------------
struct VerifyProblem {
  std::string what;                   // "object 1a2b...: hash mismatch", ...
  std::vector<std::string> symbols;   // documents it touches (may be empty)
};
struct VerifyReport {
  uint64_t objects_checked = 0;
  uint64_t documents_checked = 0;
  std::vector<VerifyProblem> problems;
  bool ok() const { return problems.empty(); }
};

struct ArchiveStats {
  uint64_t documents = 0;
  uint64_t versions = 0;
  uint64_t raw_objects = 0, paragraph_objects = 0, record_objects = 0, other_objects = 0;
  uint64_t raw_bytes = 0;          // sum of the sizes of every stored version's release
  uint64_t raw_object_bytes = 0;   // stored (compressed) bytes of release objects
  uint64_t paragraph_object_bytes = 0, record_object_bytes = 0;
  uint64_t object_bytes = 0;       // stored bytes of all object values
  uint64_t stored_bytes = 0;       // bytes of the database file in use (pages * page size)
  uint64_t paragraph_uses = 0;     // (wording, document, version, position) entries
  uint64_t reused_paragraphs = 0;  // wordings used more than once
};

class Archive {
 public:
  // Opens (or creates) the archive in directory `dir`. Errors:
  //   NotFound      no archive there and !create_if_missing
  //   Corruption    not a Recital archive (bad magic) or unreadable meta
  //   FormatTooNew  written by a newer Recital
  //   InvalidInput  older format and !allow_old_format (message says to run `recital migrate`)
  //   IOError       the OS refused (permissions, disk)
  static Result<std::unique_ptr<Archive>> Open(const std::string& dir, const OpenOptions& options);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  const std::string& dir() const;
  int format_version() const;  // as found on disk (== kFormatVersion unless allow_old_format)

  // Ingests releases: workers read, parse, hash and compress; this thread writes. Each release
  // is stored completely or not at all, also when the process is killed. Re-ingesting bytes
  // that are already a version of their symbol is "unchanged"; other bytes for a known symbol
  // add a version. A release whose record has no symbol is refused (it cannot be addressed).
  // Returns non-OK only for trouble with the archive (then results reported so far stand);
  // refused files are results, not errors. Needs a read-write archive.
  Status IngestBatch(std::vector<ReleaseInput> inputs, const IngestOptions& options,
                     const IngestCallback& on_result);

  // All documents in symbol order; session filters on the newest version's session.
  Result<std::vector<Document>> ListDocuments(std::optional<uint32_t> session = std::nullopt) const;
  // NotFound when the symbol is not in the archive.
  Result<Document> GetDocument(std::string_view symbol) const;
  // version 0 = newest. NotFound for an unknown symbol or version; Corruption on bad objects.
  Result<Resolution> GetResolution(std::string_view symbol, uint32_t version = 0) const;
  Result<std::string> GetRawRelease(std::string_view symbol, uint32_t version = 0) const;
  // Wording (lead, text, sub-paragraphs) of a paragraph object; NotFound when absent.
  Result<Paragraph> GetParagraphWording(const Hash128& wording_hash) const;
  // Calls fn for the newest version of every document, in symbol order, from one snapshot.
  // An error from fn stops the walk and is returned.
  Status ForEachResolution(
      const std::function<Status(const Document&, const Resolution&)>& fn) const;
  // Every use of a wording, sorted by (symbol, version, position). Empty when unused.
  Result<std::vector<ParagraphUse>> ParagraphUses(const Hash128& wording_hash) const;
  // Symbols a document cites (any version) / documents citing a symbol; sorted, unique. The
  // cited symbols need not be in the archive.
  Result<std::vector<std::string>> CitationsOf(std::string_view symbol) const;
  Result<std::vector<std::string>> CitedBy(std::string_view symbol) const;

  // Re-hashes and decodes every object, checks every reference and index entry.
  Result<VerifyReport> Verify() const;
  Result<ArchiveStats> Stats() const;

  // Every paragraph wording that holds phrase as a run of whole words (both sides split by
  // SplitWordsForIndex, so case and punctuation do not matter), with where it occurs and every
  // (symbol, version, position) that uses it. Backed by the words index: the documents posted
  // for all of the phrase's words are intersected, and every version of each candidate
  // document is decoded to find the run. Hits are sorted by their first use; one snapshot.
  // Errors: InvalidInput when the phrase has no words or the archive predates format 4 (opened
  // with allow_old_format); Corruption when the index names a missing document or a record
  // does not decode.
  Result<std::vector<PhraseHit>> FindPhrase(std::string_view phrase,
                                            const PhraseOptions& options = {}) const;

  // Small user settings (series names and corrections, ...). Keys and values are any bytes;
  // keep keys namespaced ("series/name/<key>"). GetSetting: nullopt when unset.
  Status PutSetting(std::string_view key, std::string_view value);
  Status DeleteSetting(std::string_view key);
  Result<std::optional<std::string>> GetSetting(std::string_view key) const;
  // Every setting whose key starts with prefix, in key order.
  Result<std::vector<std::pair<std::string, std::string>>> ListSettings(
      std::string_view prefix) const;

  // For migrations/: runs fn in one write transaction and, if it returns OK, sets the format
  // version to to_version and commits; otherwise nothing changes. Needs a read-write archive.
  Status Migrate(int to_version, const std::function<Status(MigrationTxn&)>& fn);

  struct Impl;

 private:
  explicit Archive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace recital::store

// recital::store — the archive: an LMDB environment in a directory holding content-addressed,
// zstd-compressed objects (release bytes, paragraph wording, resolution records) and the indexes
// over them (documents and versions, paragraph uses, citations, settings). On-disk layout:
// store/FORMAT.md.
//
// Layers, bottom up. A file uses only its own layer and those below it, plus the types and
// declarations of the two published headers: this one and store/migration.h (the interface
// for migrations/). Every other header is private to store/.
//   1. LMDB env (lmdb_env.h): RAII handles and the one mapping of LMDB codes to Status; knows
//      nothing of the archive. Beside it: the archive lock (archive_lock.h, a flock on a file)
//      and the byte primitives of every layout (bytes.h: varints, u32, hashes).
//   2. Catalogue (catalogue.h): the archive's named databases and their flags, meta keys, the
//      magic, the format check; opening an archive's environment (lock, env, databases).
//   3. Objects and indexes: objects.h (object values, zstd codec), encoding.h (value layouts),
//      indexes.h (document numbers, paragraph uses, cited_by), words.h (the word index).
//   4. The archive: archive_impl.h and archive.cc (open, reads, settings), migration.cc
//      (Archive::Migrate), the write pipeline (writer.cc, writer_pipeline.h:
//      Archive::IngestBatch), verify.cc (verify, stats), words.cc (phrase search), repack.cc
//      (RepackArchive, BackupArchive: whole-file copies under the archive lock).
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
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
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
// paragraph objects) and indexes words by document (migrations/m0004_inline_wordings.cc); 5
// records each version's language and completeness and the current version per language, and
// posts pairs of adjacent words for phrase search (migrations/m0005_versions_phrases.cc); 6 adds
// the input generation and the derived series and lineage indexes history/ keeps in them
// (migrations/m0006_input_generation.cc, store/FORMAT.md "Format 6"); 7 changes the layout of
// both derived indexes (migrations/m0007_derived_layout.cc, store/FORMAT.md "Format 7").
// A layout change bumps it and adds a migration step and a golden archive of the old version
// (tests/testdata/golden-vN).
inline constexpr int kFormatVersion = 7;

struct OpenOptions {
  bool read_only = true;
  // No archive at dir: create one (and dir). Needs read_only = false. Creation is atomic: an
  // archive appears whole (databases, magic, format version) or not at all, and never over an
  // existing data.mdb: any file of that name, even empty, is opened as an archive and judged
  // (a 0-byte data.mdb is a damaged archive, not an absent one).
  bool create_if_missing = false;
  // With create_if_missing: create nothing at open. The first write that stores something (an
  // IngestBatch transaction with a release to store, PutSetting) creates the archive; an ingest
  // of files that are all missing or refused leaves no archive behind. Until then every read
  // answers NotFound ("no archive at DIR").
  bool defer_create = false;
  // Open an archive whose format version is older than kFormatVersion (for migrations/).
  bool allow_old_format = false;
  // Initial map size; 0 = 64 MiB. The map grows by doubling whenever a write finds it full,
  // so this only matters to tests of that growth.
  size_t initial_map_bytes = 0;
};

class Archive;
// What a migration may do inside Archive::Migrate's transaction: store/migration.h (the
// interface store publishes for migrations/ only).
class MigrationTxn;

// The derived index of series membership (history/ owns its layout: store/FORMAT.md "Format 6").
inline constexpr std::string_view kSeriesIndex = "series";
// The derived index of paragraph lineage: per consecutive pair of a series, what log and blame
// read (history/ owns its layout).
inline constexpr std::string_view kLineageIndex = "lineage";

// Files Recital keeps in an archive directory besides LMDB's data.mdb and lock.mdb: the lock
// file every open archive holds a flock on (store/FORMAT.md "Repacking"), and gc's scratch
// directory.
inline constexpr std::string_view kArchiveLockFile = "recital.lock";
inline constexpr std::string_view kRepackTmpDir = ".gc-tmp";

// How much of the document a stored copy holds (from the record's truncated_end and
// starts_mid_document). Ranked for the current-version rule: complete, then cut off, then part.
enum class Completeness : uint8_t {
  kComplete = 0,  // starts at the beginning and ends where the document ends
  kCutOff = 1,    // starts at the beginning, ends inside its last paragraph
  kPart = 2,      // starts after the beginning (a later page of the document): a part of it
};
const char* CompletenessName(Completeness c);  // "complete", "cut off", "part"
// A record's completeness: kPart when it starts mid-document, else kCutOff when truncated.
Completeness CompletenessOf(const Resolution& r);

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
  // Format 5 (from the record): ISO 639-1 code ("en", "fr", "zh"; "" when the parser could
  // not tell) and how much of the document the copy holds.
  std::string language;
  Completeness completeness = Completeness::kComplete;
  uint32_t paragraphs = 0;  // preamble + operative + annex paragraphs of the record
};

// The current version of one language of a document.
struct CurrentVersion {
  std::string language;
  uint32_t version = 0;  // a version of that language
  bool chosen = false;   // the user chose it (`recital current`); else the rule picked it
};

// A document: every stored copy of one symbol. Several languages are versions in different
// languages; each language has one current version (store/FORMAT.md "docs"): the user's
// choice if made, otherwise the best copy by completeness (complete beats cut off beats part);
// among complete copies the newest ingested (a corrected re-release replaces the old one);
// among cut-off copies or among parts the one holding more paragraphs (it reaches further),
// then the newest. The pick does not depend on the order the copies were ingested in, except
// between equally good copies. Readers that mean "the document" read current(), not
// newest(); newest() is the last copy ingested, whatever its language or completeness.
struct Document {
  std::string symbol;
  std::vector<DocumentVersion> versions;  // oldest first; never empty
  std::vector<CurrentVersion> current_versions;  // one per language, sorted by language
  const DocumentVersion& newest() const { return versions.back(); }
  // The languages stored, in the order their first version was ingested.
  std::vector<std::string> languages() const;
  bool has_language(std::string_view language) const;
  // "en" when stored, else the language of the first version stored.
  std::string preferred_language() const;
  // The current version of `language` ("" = preferred_language()). nullptr when the document
  // has no version in that language.
  const DocumentVersion* try_current(std::string_view language = {}) const;
  // As try_current, falling back to the preferred language's current version when `language`
  // is not stored (never fails).
  const DocumentVersion& current(std::string_view language = {}) const;
  const CurrentVersion* current_entry(std::string_view language = {}) const;
  // version 1..n; nullptr when out of range.
  const DocumentVersion* version(uint32_t number) const;
};

// Recomputes doc->current_versions by the rule above: a choice (chosen = true) that names a
// version of its language is kept; every other language gets the rule's pick. Languages
// without versions are dropped. The one definition, used by ingest, migrations and verify.
void ApplyCurrentRule(Document* doc);
// Which versions of a document a query over its text reads (grep, phrase search): the
// current version of every language, and every part (a copy that starts mid-document, e.g. a
// later page) that is not current, since a part may hold text no other copy holds. Superseded
// complete and cut-off copies are not read. Current versions first (preferred language first),
// then parts in version order.
std::vector<uint32_t> SearchedVersions(const Document& doc);
bool IsSearchedVersion(const Document& doc, uint32_t version);
// Why `version` is or is not current for its language, in words: "chosen by the user",
// "complete", "newest complete copy", "version 1 is complete and this copy is cut off", ...
std::string CurrentReason(const Document& doc, uint32_t version);

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
  // Stored versions (added/version): the copy's language and completeness, whether it became
  // the current version of its language, and when not, why (CurrentReason: "version 1 is
  // complete and this copy is cut off").
  std::string language;
  Completeness completeness = Completeness::kComplete;
  bool current = false;
  std::string not_current_reason;
};

// Parses release bytes into a record (recital::ParseRelease in the CLI). Called from worker
// threads, so it must be thread-safe.
using ParseFn = std::function<Result<Resolution>(std::string_view bytes,
                                                 const std::string& source_name)>;

// ---- derived indexes written inside a write transaction (format 6) ----------------------
// The view a derive callback gets of the write transaction it runs in. While it runs, every
// const read of the Archive made on the calling thread (GetDocument, GetResolution,
// ParagraphUses, CitedBy, ListSettings, ForEachResolution...) reads this transaction: it sees
// the batch's own writes. Get/Scan read a derived index's content as the transaction holds it,
// whatever its stamp; WasFresh says whether the stamp equalled the input generation when the
// transaction began (else its content must not be trusted: rebuild it). MarkFresh stamps the
// index with the input generation the transaction commits. Keys 1-500 bytes.
class DerivedTxn {
 public:
  virtual ~DerivedTxn() = default;
  virtual Result<bool> WasFresh(std::string_view index) = 0;
  virtual Result<std::optional<std::string>> Get(std::string_view index, std::string_view key) = 0;
  virtual Result<std::vector<std::pair<std::string, std::string>>> Scan(std::string_view index,
                                                                        std::string_view prefix) = 0;
  virtual Status Put(std::string_view index, std::string_view key, std::string_view value) = 0;
  virtual Status Delete(std::string_view index, std::string_view key) = 0;
  virtual Status Clear(std::string_view index) = 0;  // every entry of the index
  virtual Status MarkFresh(std::string_view index) = 0;
  // The record (EncodeResolutionInline, the bytes its record object holds) of a version this
  // batch stored, by record hash, as the batch parsed it; null for any other record. Lets the
  // callback skip reading back what the batch just wrote (DecodeResolution needs no loader).
  virtual std::shared_ptr<const std::string> BatchRecord(const Hash128& record_hash) const {
    (void)record_hash;
    return nullptr;
  }
};
// Called by the writer inside a write transaction that changed documents, after they are
// written and before the commit, with the symbols whose versions or current versions changed
// (sorted, unique). An error aborts the transaction (nothing of the batch is stored).
using DeriveFn = std::function<Status(DerivedTxn& txn, const std::vector<std::string>& touched)>;

struct IngestOptions {
  ParseFn parse;         // required
  int threads = 2;       // parse + compress workers; the calling thread writes
  size_t max_release_bytes = 16u << 20;
  // A write transaction commits after this many releases or bytes, whichever comes first.
  size_t batch_releases = 64;
  size_t batch_bytes = 8u << 20;
  int64_t ingest_time = 0;  // Unix seconds recorded in versions; 0 = now
  // Format 6: keeps the derived indexes in the batch's transaction (history::DeriveIndexes).
  // Unset: they go stale and the next reader that can write rebuilds them.
  DeriveFn derive;
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
  // How the hits are found (the hits are the same; tests compare them): kAuto picks the one
  // likely to decode fewer records. kFromWordings decodes every version of each document
  // posted first for the phrase's words and reads each matching wording's uses from
  // paragraph_uses (a grep then decodes the users' records to place their paragraphs);
  // kFromUses (format 7's use postings) decodes every version of each document using
  // wordings with all the phrase's words once, and takes the uses from those records
  // (asked for on an archive before format 7 it misses uses).
  enum class Method { kAuto, kFromWordings, kFromUses };
  Method method = Method::kAuto;
  // From uses only: the order to decode documents in, by symbol (lower first; documents not
  // in it last, by number; null: by number). A record is stored against the record of the
  // release before it in its series, so decoding a series' members one after the other reads
  // each base from the reader's cache; by number, with many series, the bases can fall out of
  // it and whole chains are decoded again. The hits are the same in any order.
  const std::unordered_map<std::string, uint32_t>* order = nullptr;
  // From uses only: threads decoding the documents, each a contiguous part of them in `order`
  // with its own read transaction of the same snapshot (0: one per core, at most 4, when
  // there are at least 64 documents for each; 1: the calling thread alone). The hits are the
  // same with any number. Inside a write transaction (a derive callback) always one.
  unsigned threads = 0;
  // From uses only: called for every decoded version that holds a hit, with its record and
  // the positions (document order, preamble first) of its paragraphs holding the phrase, so a
  // grep places them without decoding the record again. Not called from wordings. Called one
  // call at a time, but from any of the decoding threads and in no particular order.
  std::function<void(const std::string& symbol, uint32_t version, const Resolution& record,
                     const std::vector<uint32_t>& positions)>
      on_record;
};
// A document whose searched versions (SearchedVersions) hold a phrase: what `recital grep -l`
// lists (Archive::FindPhraseDocuments).
struct PhraseDocumentVersion {
  uint32_t version = 0;
  std::string language;  // the version's
};
struct PhraseDocument {
  std::string symbol;
  std::vector<PhraseDocumentVersion> versions;  // the searched versions holding it, by number
};
struct PhraseDocumentOptions {
  const std::set<std::string>* only = nullptr;  // these documents only; null: all
  // How the documents are found (the answer is the same; tests compare them): kAuto picks the
  // one that decodes fewer records. kFromUses reads the use postings of format 7 (kAuto takes
  // it only from format 7; asked for on an older archive it misses documents).
  enum class Method { kAuto, kFromWordings, kFromDocuments, kFromUses };
  Method method = Method::kAuto;
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
  // Forgets the objects record reads decoded and keep for later reads (Archive::Impl's shared
  // reader), so the next read decodes them from the archive again, while the archive stays open
  // and mapped. For benchmarks (recital_querybench): each timed query does its own work.
  void ForgetDecodedObjects() const;

  // Ingests releases: workers read, parse, hash and compress; this thread writes. Each release
  // is stored completely or not at all, also when the process is killed. Re-ingesting bytes
  // that are already a version of their symbol is "unchanged"; other bytes for a known symbol
  // add a version. A release whose record has no symbol is refused (it cannot be addressed).
  // Returns non-OK only for trouble with the archive (then results reported so far stand);
  // refused files are results, not errors. Needs a read-write archive.
  Status IngestBatch(std::vector<ReleaseInput> inputs, const IngestOptions& options,
                     const IngestCallback& on_result);

  // All documents in symbol order; session filters on the session of the current version of
  // the preferred language.
  Result<std::vector<Document>> ListDocuments(std::optional<uint32_t> session = std::nullopt) const;
  // NotFound when the symbol is not in the archive.
  Result<Document> GetDocument(std::string_view symbol) const;
  // version 0 = the current version of the preferred language (Document::current()). NotFound
  // for an unknown symbol or version; Corruption on bad objects.
  Result<Resolution> GetResolution(std::string_view symbol, uint32_t version = 0) const;
  Result<std::string> GetRawRelease(std::string_view symbol, uint32_t version = 0) const;
  // Wording (lead, text, sub-paragraphs) of a paragraph object; NotFound when absent.
  Result<Paragraph> GetParagraphWording(const Hash128& wording_hash) const;
  // Calls fn for the current version of the preferred language of every document (Document::
  // current()), in symbol order, from one snapshot.
  // An error from fn stops the walk and is returned.
  Status ForEachResolution(
      const std::function<Status(const Document&, const Resolution&)>& fn) const;
  // Every use of a wording, sorted by (symbol, version, position). Empty when unused.
  Result<std::vector<ParagraphUse>> ParagraphUses(const Hash128& wording_hash) const;
  // Symbols a document cites (any version) / documents citing a symbol; sorted, unique. The
  // cited symbols need not be in the archive.
  Result<std::vector<std::string>> CitationsOf(std::string_view symbol) const;
  Result<std::vector<std::string>> CitedBy(std::string_view symbol) const;

  // The user's choice of current version (`recital current`): makes `version` the current
  // version of its language and marks it chosen, so later ingests do not replace it.
  // ClearCurrentChoice returns `language` ("" = every language) to the rule. One write
  // transaction each, in which derive (when set) keeps the derived indexes (IngestOptions).
  // NotFound for an unknown symbol, version or language.
  Status SetCurrentVersion(std::string_view symbol, uint32_t version,
                           const DeriveFn& derive = {});
  Status ClearCurrentChoice(std::string_view symbol, std::string_view language,
                            const DeriveFn& derive = {});

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
  // The documents whose searched versions hold phrase (as FindPhrase finds it: the symbols
  // of the uses FindPhrase reports in searched versions), sorted by symbol, with as few
  // records decoded as the index allows. Two ways (store/FORMAT.md "words", documents):
  // from wordings, FindPhrase's (decode every version of each candidate, follow the matching
  // wordings' uses); from documents, when the postings are exact (one word, or two whose pair
  // is posted) and most documents are candidates: a candidate with one version holds the
  // phrase in it (no decoding), every other document's searched versions are decoded and
  // checked; from uses (format 7), the documents whose versions use wordings holding all
  // the phrase's words (first-use and use postings): with one whole word a candidate with one
  // version holds it, the others' searched versions are decoded and checked. Errors as
  // FindPhrase's.
  Result<std::vector<PhraseDocument>> FindPhraseDocuments(
      std::string_view phrase, const PhraseDocumentOptions& options = {}) const;

  // Small user settings (series names and corrections, ...). Keys and values are any bytes;
  // keep keys namespaced ("series/name/<key>"). GetSetting: nullopt when unset.
  Status PutSetting(std::string_view key, std::string_view value);
  Status DeleteSetting(std::string_view key);
  Result<std::optional<std::string>> GetSetting(std::string_view key) const;
  // Every setting whose key starts with prefix, in key order.
  Result<std::vector<std::pair<std::string, std::string>>> ListSettings(
      std::string_view prefix) const;

  // ---- derived indexes (format 6; store/FORMAT.md "Format 6") ----------------------------
  // Indexes computed above store (history/: series membership) from the documents and the
  // settings. Store does not understand their keys or values; it keeps, per index, the input
  // generation it was computed at. The input generation goes up by one in every write
  // transaction that changes a document's versions or current version, or a setting; an
  // index whose stamp differs is stale and reads say so (never stale content as fresh).
  // Index names: kSeriesIndex only (InvalidInput otherwise, or when the archive predates
  // format 6 and was opened read-only).
  // The archive's input generation now (0 for an archive that never had one written).
  Result<uint64_t> InputGeneration() const;
  struct DerivedRead {
    bool fresh = false;       // computed at `generation`, the input generation of this read
    uint64_t generation = 0;  // the input generation of the snapshot read
    // When fresh: every (key, value) whose key starts with the prefix, in key order (ReadDerived)
    // or the value of each key asked, nullopt when absent (GetDerived). Empty when stale.
    std::vector<std::pair<std::string, std::string>> entries;
    std::vector<std::optional<std::string>> values;
  };
  // One read transaction each (stamp, generation and content from one snapshot).
  Result<DerivedRead> ReadDerived(std::string_view index, std::string_view prefix) const;
  Result<DerivedRead> GetDerived(std::string_view index, const std::vector<std::string>& keys) const;
  // Replaces the whole content of `index` with `entries` (keys 1-500 bytes, any order, no two
  // equal: InvalidInput) and stamps it with computed_at, in one write transaction, only if the
  // input generation still is computed_at: false (nothing written) when the inputs changed
  // since, so the caller computes again. Needs a read-write archive.
  Result<bool> ReplaceDerived(std::string_view index, uint64_t computed_at,
                              const std::vector<std::pair<std::string, std::string>>& entries);

  // For migrations/ (store/migration.h): runs fn in one write transaction and, if it returns
  // OK, sets the format version to to_version and commits; otherwise nothing changes. The map
  // grows and fn runs again when the transaction does not fit. Needs a read-write archive.
  Status Migrate(int to_version, const std::function<Status(MigrationTxn&)>& fn);

  struct Impl;

 private:
  explicit Archive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---- whole-archive copies: repack (`recital gc`) and backup ---------------------------
// LMDB B-tree pages of databases keyed by random hashes are 50-70% full after ingest (a split
// leaves two half pages) and `mdb_copy -c` only drops free pages. RepackArchive rewrites every
// database in key order with MDB_APPEND into a fresh file (full pages) and swaps it in. It is a
// logical copy, byte for byte per (key, value): the format version and every answer stay the
// same. Layout notes: store/FORMAT.md, "Repacking".
struct RepackStats {
  uint64_t before_bytes = 0, after_bytes = 0;  // size of DIR/data.mdb
  uint64_t before_pages = 0, after_pages = 0;  // pages in use (last page number + 1)
  uint64_t page_size = 0;
  uint64_t databases = 0;  // named databases copied
  uint64_t entries = 0;    // (key, value) pairs copied, every duplicate counted
  double seconds = 0;
};

struct RepackProgress {
  enum class Stage {
    kCopying,  // after each commit and after each database
    kSynced,   // the new file is complete and on disk; DIR/data.mdb is still the old one
    kSwapped,  // DIR/data.mdb is the new file; the scratch directory is not removed yet
  };
  Stage stage = Stage::kCopying;
  std::string_view database;  // the one being copied (kCopying)
  uint64_t databases_done = 0, databases_total = 0;
  uint64_t entries_done = 0, entries_total = 0;
};

struct RepackOptions {
  // A write transaction of the new file is committed after this many entries or value bytes,
  // whichever comes first: bounds memory (LMDB keeps a transaction's dirty pages in memory).
  uint64_t commit_entries = 200000;
  uint64_t commit_bytes = 64u << 20;
  // Called on the calling thread (progress display; tests kill the process from it).
  std::function<void(const RepackProgress&)> on_progress;
};

// Rewrites DIR/data.mdb in key order. Takes the archive lock (DIR/recital.lock) exclusively:
// every open Archive holds it shared, so gc never swaps the file under one, of any Recital
// process (this one included); tools that bypass Recital (mdb_stat, mdb_copy) do not take it.
// The new file is written in DIR/.gc-tmp (removed first if a killed gc left one), synced, then
// renamed over DIR/data.mdb, and the directory synced: a gc killed at any point leaves the old
// archive or the complete new one. Errors: NotFound (no archive at dir), IOError (in use by
// another Recital process or this one; disk), FormatTooNew (archive of a newer Recital: not
// touched), Corruption (not an archive, or LMDB finds damage), ResourceExhausted (map cannot
// grow).
Result<RepackStats> RepackArchive(const std::string& dir, const RepackOptions& options = {});

// Writes a compacted copy of the archive in archive_dir to backup_dir/data.mdb (a consistent
// snapshot, also while others read or write), holding the archive lock shared meanwhile so no
// gc swaps the file under the copy. The copy is an archive of the same format version, whatever
// it is (`recital migrate --backup` copies the old version). backup_dir is created if missing.
// Errors: InvalidInput when backup_dir already holds an archive; NotFound when archive_dir
// holds none; IOError when a gc holds the archive or backup_dir cannot be created or written (a
// partial copy is removed); Corruption when LMDB finds damage.
Status BackupArchive(const std::string& archive_dir, const std::string& backup_dir);

}  // namespace recital::store

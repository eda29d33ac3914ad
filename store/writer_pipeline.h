// Private to store/: the write pipeline's worker side (Archive::IngestBatch). Workers read,
// parse and hash every input and compress what the archive does not hold yet: the release
// against a similar earlier release (often one prepared earlier in the same run, not yet
// committed) and its record (format 4: paragraph wordings inline) against that release's record
// and its own release. The writer (writer.cc) checks each prepared object's bases against what
// is stored when it writes and compresses an object itself when it has to (a base missing, a
// skipped wording still absent), so what workers plan is an optimisation, never a requirement.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/archive_impl.h"

namespace recital::store {

struct Prepared {
  IngestResult result;
  bool refused = true;
  std::shared_ptr<const std::string> raw;
  Hash128 raw_hash;
  uint32_t session = 0, number = 0;
  std::string title, adoption_date;
  std::string language;
  Completeness completeness = Completeness::kComplete;
  std::vector<std::string> citations;
  Hash128 record_hash;
  std::shared_ptr<const std::string> record;  // EncodeResolutionInline
  // Object values as workers compressed them; empty when the worker found the object stored
  // and left it to the writer.
  std::string release_value, record_value;
  struct Wording {
    Hash128 hash;                    // WordingHash
    // ParagraphPostingKeys (words and, format 5, pairs) of a wording the snapshot lacked;
    // ParagraphIndexKeys (words only: format 7 use postings) of one it held.
    std::vector<std::string> words;
  };
  std::vector<Wording> paragraphs;  // document order, one per use
  // The paragraphs, until Compress has filled Wording::words for those the archive did not
  // hold yet (posting keys) and the others (word keys only).
  std::vector<Paragraph> to_index;
};

// The fallback compression base of a release with no similar one: the newest version of
// document number 1, the first document the archive ever stored (releases share their layout's
// boilerplate, so an unrelated release halves a first-of-its-series release). nullopt when the
// archive has no document yet. Returns (release hash, record hash).
Result<std::optional<std::pair<Hash128, Hash128>>> FirstDocument(const Txn& txn, const Dbis& dbis);

// Runs Prepare on worker threads; Take(i) hands results to the writer in input order.
class Pipeline {
 public:
  Pipeline(Archive::Impl& impl, std::vector<ReleaseInput>& inputs, const IngestOptions& options);
  ~Pipeline();
  Prepared Take(size_t i);
  // Inputs before `end` are committed (or were refused / unchanged): forget what the run
  // remembered of them, the archive answers for them now.
  void Committed(size_t end);

 private:
  struct Known;  // a release prepared in this run, until committed
  struct Worker;
  struct Candidate;
  void Work();
  void Register(size_t i, const Prepared& p);
  // Chooses bases from the committed archive and inputs before i; fills p's object values.
  Status Compress(size_t i, Worker& w, Prepared* p);
  // txn null: no archive yet (its creation is pending).
  Status CompressObjects(const Txn* txn, Worker& w, const std::vector<Candidate>& candidates,
                         Prepared* p);
  void WaitRegistered(size_t i);
  // The earliest input before `before` still registered (not refused); nullptr when none.
  std::shared_ptr<const Known> Earliest(size_t before) const;
  std::shared_ptr<const Known> Latest(const std::unordered_map<std::string, std::vector<size_t>>& m,
                                      const std::string& key, size_t before) const;

  Archive::Impl& impl_;
  std::vector<ReleaseInput>& inputs_;
  const IngestOptions& options_;
  std::vector<std::optional<Prepared>> slots_;  // input i in slots_[i % kWindow]
  std::mutex mu_;
  std::condition_variable cv_;
  size_t next_ = 0, taken_ = 0;
  bool stop_ = false;
  // Registration: every input before registered_upto_ has been parsed (or refused).
  std::vector<bool> parsed_;
  size_t registered_upto_ = 0;
  std::unordered_map<size_t, std::shared_ptr<const Known>> known_;
  std::unordered_map<std::string, std::vector<size_t>> by_symbol_, by_title_;
  size_t forgotten_upto_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace recital::store

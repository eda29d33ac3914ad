// Helpers for the commands that use the archive: opening it with errors a person can act on,
// and a progress bar for long runs.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"

namespace recital::cli {

// Adds `--archive DIR` to cmd (see ResolveArchivePath for the fallbacks).
void AddArchiveOption(CLI::App* cmd, std::string* archive_flag);

enum class ArchiveMode { kRead, kWrite, kCreate };

// After a write that changed documents (ingest, current, migrate): rebuilds the stored series
// index (history::RefreshSeriesIndex, store/FORMAT.md "Format 6"). A failure is a warning on
// stderr, not an error: what was written stands, and readers compute series until a later
// write rebuilds the index.
void RefreshSeriesIndexOrWarn(store::Archive& archive);

// Opens the archive named by the flag / $RECITAL_ARCHIVE / ./recital-archive. On failure
// prints "recital: ..." on stderr (with what to do next) and returns nullptr: exit 2.
// map_bytes: store::OpenOptions::initial_map_bytes (0: the store's default).
std::unique_ptr<store::Archive> OpenArchiveOrReport(const std::string& archive_flag,
                                                    ArchiveMode mode, size_t map_bytes = 0);
// The same without printing: the error's message is what OpenArchiveOrReport prints.
Result<std::unique_ptr<store::Archive>> OpenArchive(const std::string& archive_flag,
                                                    ArchiveMode mode, size_t map_bytes = 0);

// Adds `--lang CODE` (ISO 639-1: en, fr, es, ru, zh, ar) to cmd: which language version of a
// document to read; default the preferred language (English when stored, else the first
// language stored).
void AddLangOption(CLI::App* cmd, std::string* lang);
// The version to read of symbol: `version` when given (non-zero; with lang, it must be of that
// language), else the current version of `lang` ("" = preferred). NotFound naming the
// languages stored when the document has no version in lang.
Result<uint32_t> ResolveVersion(const store::Archive& archive, const std::string& symbol,
                                uint32_t version, const std::string& lang);
// "en, fr" ("?" for an unknown language).
std::string LanguageList(const store::Document& doc);
// The document, checked to hold a version in lang ("" = any): NotFound naming the languages
// stored when it does not; the errors of GetDocument.
Result<store::Document> GetDocumentInLanguage(const store::Archive& archive,
                                              const std::string& symbol, const std::string& lang);

// "12.3 MB"-style sizes and a fixed-precision rate.
std::string HumanBytes(uint64_t bytes);

// A one-line progress bar on stderr, drawn only when enabled (stderr a terminal, enough work).
class ProgressBar {
 public:
  ProgressBar(uint64_t total_items, bool enabled);
  ~ProgressBar();
  void Update(uint64_t done_items, uint64_t done_bytes);
  void Finish();  // clears the line

 private:
  uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace recital::cli

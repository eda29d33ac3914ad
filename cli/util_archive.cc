#include "cli/util_archive.h"

#include <cstdio>

#include "cli/common.h"
#include "history/history.h"

namespace recital::cli {

void RefreshSeriesIndexOrWarn(store::Archive& archive) {
  auto refreshed = history::RefreshSeriesIndex(archive);
  if (!refreshed.ok()) {
    PrintError("warning: the series index was not rebuilt (" + refreshed.status().ToString() +
               "); series are computed until a later write rebuilds it");
  }
}

void AddArchiveOption(CLI::App* cmd, std::string* archive_flag) {
  cmd->add_option("--archive", *archive_flag,
                  "Archive directory (default: $RECITAL_ARCHIVE, else ./recital-archive)");
}

Result<std::unique_ptr<store::Archive>> OpenArchive(const std::string& archive_flag,
                                                    ArchiveMode mode, size_t map_bytes) {
  std::string dir = ResolveArchivePath(archive_flag);
  store::OpenOptions options;
  options.initial_map_bytes = map_bytes;
  options.read_only = mode == ArchiveMode::kRead;
  options.create_if_missing = mode == ArchiveMode::kCreate;
  options.defer_create = options.create_if_missing;  // created by the first release stored
  auto archive = store::Archive::Open(dir, options);
  if (archive.ok()) return archive;
  const Status& st = archive.status();
  if (st.IsNotFound()) {
    return Status::NotFound("no archive at " + dir + " (create one with `recital ingest --archive " +
                            dir + " FILE...`, or name another with --archive DIR or " +
                            "RECITAL_ARCHIVE)");
  }
  if (st.IsFormatTooNew()) return st;
  // "cannot open archive DIR: IOError: ...", as Status::ToString names the code.
  return st.WithContext("cannot open archive " + dir + ": " + StatusCodeName(st.code()));
}

std::unique_ptr<store::Archive> OpenArchiveOrReport(const std::string& archive_flag,
                                                    ArchiveMode mode, size_t map_bytes) {
  auto archive = OpenArchive(archive_flag, mode, map_bytes);
  if (archive.ok()) return std::move(*archive);
  PrintError(archive.status().message());
  return nullptr;
}

std::string HumanBytes(uint64_t bytes) {
  char buf[64];
  if (bytes < 10 * 1024) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 10ull * 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", bytes / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
  return buf;
}

ProgressBar::ProgressBar(uint64_t total_items, bool enabled)
    : total_(total_items), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(uint64_t done_items, uint64_t done_bytes) {
  if (!enabled_ || total_ == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && done_items < total_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * done_items / total_);
  double secs = std::chrono::duration<double>(now - start_).count();
  double mbps = secs > 0 ? done_bytes / secs / 1e6 : 0;
  std::fprintf(stderr, "\r[%s%s] %llu/%llu files  %.1f MB/s ", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, ' ').c_str(),
               static_cast<unsigned long long>(done_items),
               static_cast<unsigned long long>(total_), mbps);
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r%*s\r", 72, "");
  std::fflush(stderr);
  drawn_ = false;
}

void AddLangOption(CLI::App* cmd, std::string* lang) {
  cmd->add_option("--lang", *lang,
                  "Language version to read (ISO 639-1: en, fr, es, ru, zh, ar); default English "
                  "when stored, else the first language stored");
}

std::string LanguageList(const store::Document& doc) {
  std::string out;
  for (const auto& l : doc.languages()) out += (out.empty() ? "" : ", ") + (l.empty() ? "?" : l);
  return out;
}

Result<store::Document> GetDocumentInLanguage(const store::Archive& archive,
                                              const std::string& symbol, const std::string& lang) {
  auto doc = archive.GetDocument(symbol);
  if (!doc.ok()) return doc.status();
  if (!lang.empty() && !doc->has_language(lang)) {
    return Status::NotFound(symbol + " has no version in language '" + lang +
                            "'; languages stored: " + LanguageList(*doc));
  }
  return doc;
}

Result<uint32_t> ResolveVersion(const store::Archive& archive, const std::string& symbol,
                                uint32_t version, const std::string& lang) {
  if (lang.empty() && version == 0) return 0u;  // the store's default: the preferred current
  auto doc = GetDocumentInLanguage(archive, symbol, lang);
  if (!doc.ok()) return doc.status();
  if (version != 0) {
    const store::DocumentVersion* v = doc->version(version);
    if (v == nullptr) {
      return Status::NotFound(symbol + " has " + std::to_string(doc->versions.size()) +
                              " version(s), not " + std::to_string(version));
    }
    if (!lang.empty() && v->language != lang) {
      return Status::InvalidInput(symbol + " version " + std::to_string(version) + " is in '" +
                                  v->language + "', not '" + lang + "'");
    }
    return version;
  }
  return doc->try_current(lang)->version;
}

}  // namespace recital::cli

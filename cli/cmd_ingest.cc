// `recital ingest PATH...`: put release files (or whole directory trees) into the archive.
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <condition_variable>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "schema/strings.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "ingest/ingest.h"
#include "render/render.h"
#include "store/store.h"

namespace recital::cli {
namespace {

namespace fs = std::filesystem;

// Parse/compress workers: more than this buys nothing on any machine Recital runs on, and each
// costs a thread stack. Never more workers than files, either.
constexpr int kMaxThreads = 64;

struct IngestArgs {
  std::vector<std::string> paths;
  std::string archive;
  bool json = false;
  bool all_files = false;
  uint32_t threads = 2;
  uint32_t batch = 64;
};

// Releases are plain-text exports, the UN's PDFs or Akoma Ntoso exports: inside a directory only
// *.txt, *.pdf and *.akn.xml files are taken (a collection's README or SOURCES.tsv are not
// resolutions, nor is every XML file), unless all_files.
bool LooksLikeRelease(const fs::path& p) {
  const std::string ext = AsciiLower(p.extension().string());
  return ext == ".txt" || ext == ".pdf" ||
         (ext == ".xml" && AsciiLower(p.filename().string()).ends_with(".akn.xml"));
}

// Files named on the command line, and every regular *.txt, *.pdf and *.akn.xml file (every file
// with all_files) under named directories (sorted, hidden files and directories skipped). Paths
// that cannot be read come back in *missing, each as "PATH: reason"; files passed over in directories are
// counted in *skipped.
struct MissingPath {
  std::string path, reason;
};
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths, bool all_files,
                                     std::vector<MissingPath>* missing, size_t* skipped) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file(ec)) continue;
        if (all_files || LooksLikeRelease(it->path())) {
          found.push_back(it->path().string());
        } else {
          ++*skipped;
        }
      }
      if (ec) missing->push_back({p, "cannot list the directory: " + ec.message()});
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      struct stat st;
      if (::stat(p.c_str(), &st) != 0) {
        missing->push_back({p, std::strerror(errno)});
      } else if (!S_ISREG(st.st_mode)) {
        // A FIFO would block the reader and a device never end: named, they are not releases.
        missing->push_back({p, "not a regular file (a FIFO, device or socket); not read"});
      } else {
        files.push_back(p);
      }
    }
  }
  return files;
}

struct Tally {
  uint64_t files = 0, added = 0, versions = 0, unchanged = 0, refused = 0, bytes = 0;
  void Count(const store::IngestResult& r) {
    ++files;
    bytes += r.bytes;
    switch (r.status) {
      case store::IngestStatus::kAdded: ++added; break;
      case store::IngestStatus::kVersion: ++versions; break;
      case store::IngestStatus::kUnchanged: ++unchanged; break;
      case store::IngestStatus::kRefused: ++refused; break;
    }
  }
};

void Report(const store::IngestResult& r, bool json) {
  if (json) {
    nlohmann::json j = {{"file", r.source_name},
                        {"symbol", r.symbol.empty() ? nlohmann::json() : nlohmann::json(r.symbol)},
                        {"status", store::IngestStatusName(r.status)},
                        {"message", r.message}};
    if (r.version != 0) j["version"] = r.version;
    if (r.status == store::IngestStatus::kAdded || r.status == store::IngestStatus::kVersion) {
      j["language"] = r.language.empty() ? nlohmann::json() : nlohmann::json(r.language);
      j["completeness"] = store::CompletenessName(r.completeness);
      j["current"] = r.current;
      if (!r.current) j["not_current_reason"] = r.not_current_reason;
    }
    Out(render::JsonLine(j));
    // One line per result, flushed once its transaction committed: a line saying "added"
    // means the release is in the archive even if this process is killed right after.
    if (std::fflush(stdout) != 0) NoteStandardOutputError();
  } else if (r.status == store::IngestStatus::kRefused) {
    PrintError("refused " + r.message);
  } else if (!r.current && (r.status == store::IngestStatus::kAdded ||
                            r.status == store::IngestStatus::kVersion)) {
    // A note, not an error: the copy is stored; `recital current` can make it current.
    std::fprintf(stderr, "kept %s as version %u, not current: %s\n", r.symbol.c_str(),
                 r.version, r.not_current_reason.c_str());
  }
}

// Starts n threads that wait until all exist, then ends them: whether the system lets this
// process run n workers at once. The store's pipeline cannot undo a partly started set of
// workers (a std::thread that fails after others started ends the process), so the number is
// tried here first and a refusal becomes an error the user can act on.
Status TryThreads(int n) {
  std::mutex mu;
  std::condition_variable cv;
  bool go = false;
  std::vector<std::thread> threads;
  Status st;
  try {
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&] {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return go; });
      });
    }
  } catch (const std::system_error& e) {
    st = Status::ResourceExhausted("cannot start " + std::to_string(n) + " worker threads (" +
                                   std::to_string(threads.size()) + " started): " +
                                   e.code().message() + "; try fewer --threads");
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    go = true;
  }
  cv.notify_all();
  for (auto& t : threads) t.join();
  return st;
}

std::string SummaryLine(const Tally& tally, double secs) {
  char line[256];
  std::snprintf(line, sizeof line,
                "%llu files: %llu added, %llu new versions, %llu unchanged, %llu refused; "
                "%s in %.2f s (%.1f MB/s)\n",
                static_cast<unsigned long long>(tally.files),
                static_cast<unsigned long long>(tally.added),
                static_cast<unsigned long long>(tally.versions),
                static_cast<unsigned long long>(tally.unchanged),
                static_cast<unsigned long long>(tally.refused), HumanBytes(tally.bytes).c_str(),
                secs, secs > 0 ? tally.bytes / secs / 1e6 : 0.0);
  return line;
}

// Exit status: a path that is not there is trouble (2, as in parse and diff: the command could
// not do what was asked), a file read and refused is a finding (1).
int IngestExit(const Tally& tally, size_t missing) {
  if (missing > 0) return 2;
  return tally.refused > 0 ? 1 : 0;
}

// Paths that could not be read: in JSON a line like any refused file's (status "refused"), in
// text an error line; counted as refused. The exit status says trouble (IngestExit).
void ReportMissing(const std::vector<MissingPath>& missing, bool json, Tally* tally) {
  for (const auto& m : missing) {
    store::IngestResult r;
    r.source_name = m.path;
    r.message = m.path + ": " + m.reason;
    if (json) Report(r, true);
    else PrintError(r.message);
    tally->Count(r);
  }
}

void PrintSummary(const Tally& tally, double secs, bool json) {
  if (json) std::fputs(SummaryLine(tally, secs).c_str(), stderr);
  else Out(SummaryLine(tally, secs));
}

int RunIngest(const IngestArgs& args) {
  std::vector<MissingPath> missing;
  size_t skipped = 0;
  std::vector<std::string> files = ExpandPaths(args.paths, args.all_files, &missing, &skipped);
  if (skipped > 0) {
    PrintError("note: " + std::to_string(skipped) + (skipped == 1 ? " file" : " files") +
               " in the directories given are not *.txt, *.pdf or *.akn.xml and were skipped "
               "(name them, or pass --all-files, to ingest them)");
  }
  Tally tally;
  ReportMissing(missing, args.json, &tally);
  if (files.empty()) {
    // Nothing to read: the archive is not opened, so none is created.
    PrintSummary(tally, 0, args.json);
    PrintError("nothing was ingested (" +
               std::string(missing.empty() ? "no release files in the paths given"
                                           : "no file could be read") +
               "); the archive " + ResolveArchivePath(args.archive) +
               " was neither created nor changed");
    return IngestExit(tally, missing.size());
  }
  store::IngestOptions options;
  options.threads = static_cast<int>(std::min<size_t>(args.threads, files.size()));
  options.batch_releases = args.batch;
  options.parse = [](std::string_view bytes, const std::string& name) {
    ParseOptions po;
    po.source_name = name;
    return ParseRelease(bytes, po);
  };
  if (Status st = TryThreads(options.threads); !st.ok()) {
    PrintError(st.message());
    return 2;
  }
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kCreate);
  if (!archive) return 2;
  // Series membership (format 6) kept in each batch's own transaction.
  // The records it decodes are kept for later batches (a series' next member comes one
  // session's worth of releases later and is diffed with this one).
  history::DeriveCache derive_cache;
  options.derive = [&archive = *archive, &derive_cache](store::DerivedTxn& txn,
                                                         const std::vector<std::string>& touched) {
    return history::DeriveIndexes(archive, txn, touched, &derive_cache);
  };
  std::vector<store::ReleaseInput> inputs;
  inputs.reserve(files.size());
  for (const auto& f : files) inputs.push_back({f, std::nullopt});
  ProgressBar bar(files.size(), !args.json && files.size() > 5 && IsTerminal(stderr));
  auto start = std::chrono::steady_clock::now();
  Status st;
  try {
    st = archive->IngestBatch(std::move(inputs), options, [&](const store::IngestResult& r) {
      tally.Count(r);
      if (r.status == store::IngestStatus::kRefused) bar.Finish();
      Report(r, args.json);
      bar.Update(tally.files, tally.bytes);
    });
  } catch (const std::system_error& e) {
    // std::thread's constructor: the system would not start another thread.
    bar.Finish();
    PrintError("cannot start " + std::to_string(options.threads) + " worker threads: " +
               e.code().message() + " (try fewer --threads)");
    return 2;
  }
  bar.Finish();
  PrintSummary(tally,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
               args.json);
  if (!st.ok()) {
    PrintError("ingest stopped: " + st.ToString() +
               " (every release reported above is stored; run it again to continue)");
    return 2;
  }
  if (tally.added + tally.versions > 0) RefreshSeriesIndexOrWarn(*archive);
  if (tally.added + tally.versions + tally.unchanged == 0) {
    PrintError("nothing was ingested: every file given was refused or missing");
  }
  return IngestExit(tally, missing.size());
}

void SetupIngest(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Put release files into the archive (created if missing). Directories are read\n"
      "recursively: their *.txt, *.pdf and *.akn.xml files (hidden files skipped; --all-files takes\n"
      "every file; files named on the command line are always taken). Each release is stored whole or\n"
      "not at all; bytes already stored for their symbol are 'unchanged', other bytes for a\n"
      "known symbol add a 'version'. A file that is not a resolution, or whose symbol cannot be found, is\n"
      "'refused' (it could not be addressed) and the others go on.\n"
      "Output: a summary line (files, added, new versions, unchanged, refused, MB/s); with\n"
      "--json one JSON object per line and file: file, symbol, status (added|version|\n"
      "unchanged|refused), message, version; the summary then goes to stderr.\n"
      "Exit status: 0 all stored or unchanged, 1 some file refused, 2 trouble (a path that\n"
      "does not exist included: then no archive is created for it).");
  cmd->add_option("PATH", args->paths, "Release files or directories")->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--json", args->json, "One JSON result per line and file");
  cmd->add_flag("--all-files", args->all_files,
                "In directories, take every file, not only *.txt, *.pdf and *.akn.xml");
  cmd->add_option("--threads", args->threads,
                  "Parse/compress threads, 1 to " + std::to_string(kMaxThreads) +
                      " (default 2; never more than the files given)")
      ->check(WholeNumber(1, kMaxThreads));
  cmd->add_option("--batch", args->batch, "Releases per write transaction (default 64)")
      ->check(WholeNumber(1, 1000000));
  cmd->footer(
      "Example:\n"
      "  recital ingest --archive ~/un-archive releases/*.txt\n"
      "  recital ingest --json releases/ > results.jsonl");
  cmd->callback([args, &ctx] { ctx.exit_code = RunIngest(*args); });
}

}  // namespace

RECITAL_COMMAND(ingest, 10, SetupIngest);

}  // namespace recital::cli

// `recital ingest PATH...`: put release files (or whole directory trees) into the archive.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "schema/strings.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "ingest/ingest.h"
#include "store/store.h"

namespace recital::cli {
namespace {

namespace fs = std::filesystem;

struct IngestArgs {
  std::vector<std::string> paths;
  std::string archive;
  bool json = false;
  bool all_files = false;
  int threads = 2;
  size_t batch = 64;
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
// that cannot be read come back in *missing; files passed over in directories are counted in
// *skipped.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths, bool all_files,
                                     std::vector<std::string>* missing, size_t* skipped) {
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
      if (ec) missing->push_back(p);
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      missing->push_back(p);
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
    std::fputs((j.dump() + "\n").c_str(), stdout);
    // One line per result, flushed once its transaction committed: a line saying "added"
    // means the release is in the archive even if this process is killed right after.
    std::fflush(stdout);
  } else if (r.status == store::IngestStatus::kRefused) {
    PrintError("refused " + r.message);
  }
}

int RunIngest(const IngestArgs& args) {
  std::vector<std::string> missing;
  size_t skipped = 0;
  std::vector<std::string> files = ExpandPaths(args.paths, args.all_files, &missing, &skipped);
  if (skipped > 0) {
    PrintError("note: " + std::to_string(skipped) + (skipped == 1 ? " file" : " files") +
               " in the directories given are not *.txt, *.pdf or *.akn.xml and were skipped "
               "(name them, or pass --all-files, to ingest them)");
  }
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kCreate);
  if (!archive) return 2;
  Tally tally;
  for (const auto& m : missing) {
    store::IngestResult r;
    r.source_name = m;
    r.message = m + ": no such file or directory, or unreadable";
    Report(r, args.json);
    tally.Count(r);
  }
  std::vector<store::ReleaseInput> inputs;
  inputs.reserve(files.size());
  for (const auto& f : files) inputs.push_back({f, std::nullopt});
  store::IngestOptions options;
  options.threads = std::max(1, args.threads);
  options.batch_releases = std::max<size_t>(1, args.batch);
  options.parse = [](std::string_view bytes, const std::string& name) {
    ParseOptions po;
    po.source_name = name;
    return ParseRelease(bytes, po);
  };
  ProgressBar bar(files.size(), !args.json && files.size() > 5 && IsTerminal(stderr));
  auto start = std::chrono::steady_clock::now();
  Status st = archive->IngestBatch(std::move(inputs), options, [&](const store::IngestResult& r) {
    tally.Count(r);
    if (r.status == store::IngestStatus::kRefused) bar.Finish();
    Report(r, args.json);
    bar.Update(tally.files, tally.bytes);
  });
  bar.Finish();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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
  std::fputs(line, args.json ? stderr : stdout);
  if (!st.ok()) {
    PrintError("ingest stopped: " + st.ToString() +
               " (every release reported above is stored; run it again to continue)");
    return 2;
  }
  return tally.refused > 0 ? 1 : 0;
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
      "Exit status: 0 all stored or unchanged, 1 some file refused, 2 trouble.");
  cmd->add_option("PATH", args->paths, "Release files or directories")->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--json", args->json, "One JSON result per line and file");
  cmd->add_flag("--all-files", args->all_files,
                "In directories, take every file, not only *.txt, *.pdf and *.akn.xml");
  cmd->add_option("--threads", args->threads, "Parse/compress threads (default 2)");
  cmd->add_option("--batch", args->batch, "Releases per write transaction (default 64)");
  cmd->footer(
      "Example:\n"
      "  recital ingest --archive ~/un-archive ../shared/corpus/*.txt\n"
      "  recital ingest --json releases/ > results.jsonl");
  cmd->callback([args, &ctx] { ctx.exit_code = RunIngest(*args); });
}

}  // namespace

RECITAL_COMMAND(ingest, 10, SetupIngest);

}  // namespace recital::cli

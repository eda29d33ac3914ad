// `recital demo [DIR]`: the main job end to end. Generates a follow-up series (or takes the
// release files in DIR), ingests it into a fresh demo archive, prints the series log and the
// latest change report, and writes the HTML report.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gen/gen.h"
#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_output.h"
#include "history/history.h"
#include "ingest/ingest.h"
#include "render/render.h"
#include "store/store.h"

namespace recital::cli {
namespace {

namespace fs = std::filesystem;

// A file in every demo archive: only directories holding it (and nothing but what the demo
// writes) are ever emptied. Its first line says what it is; each later line lists a release
// file the demo generated, "releases/NAME SIZE HASH" (HashBytes of its bytes): only files so
// listed, with those exact bytes, are ever removed from DIR/releases.
constexpr const char* kDemoMarker = "RECITAL-DEMO-ARCHIVE";
constexpr const char* kMarkerText =
    "A Recital demo archive, made by `recital demo`. The demo removes and recreates this "
    "directory on every run.\n";
constexpr const char* kReleasesDir = "releases";

struct DemoArgs {
  std::string dir;  // release files to use instead of generating
  std::string archive = "demo-archive";
  std::string html = "demo-report.html";
  uint32_t sessions = 10;
  uint64_t seed = 2026;
};

std::string ManifestLine(const std::string& name, std::string_view bytes) {
  return std::string(kReleasesDir) + "/" + name + " " + std::to_string(bytes.size()) + " " +
         HashBytes(bytes).ToHex() + "\n";
}

Status NotOurs(const fs::path& dir, const std::string& why) {
  return Status::InvalidInput(dir.string() + " is not a Recital demo archive as the demo left it (" +
                              why +
                              "); not touching it (remove it yourself or pass --archive with "
                              "another directory)");
}

// The names in dir (no "." or ".."), each with its lstat type; nullopt when it cannot be read.
std::optional<std::map<std::string, fs::file_type>> Entries(const fs::path& dir) {
  std::error_code ec;
  std::map<std::string, fs::file_type> out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    out[entry.path().filename().string()] = entry.symlink_status(ec).type();
    if (ec) return std::nullopt;
  }
  if (ec) return std::nullopt;
  return out;
}

// What the demo may remove from dir: every path in removal order (files before their
// directory), or why not. Only names the demo writes, as regular files; in DIR/releases only
// files the marker lists, with the bytes it lists; in the gc's temporary directory only the two
// LMDB files.
Result<std::vector<fs::path>> DemoFiles(const fs::path& dir,
                                        const std::map<std::string, fs::file_type>& entries) {
  static const std::set<std::string> kFiles = {kDemoMarker, "data.mdb", "lock.mdb",
                                               std::string(store::kArchiveLockFile)};
  auto marker = ReadFileLimited((dir / kDemoMarker).string(), 1u << 20);
  if (!marker.ok() || !marker->starts_with(kMarkerText)) {
    return NotOurs(dir, std::string("no ") + kDemoMarker + " file written by the demo");
  }
  std::set<std::string> listed;
  std::istringstream lines(marker->substr(std::string_view(kMarkerText).size()));
  for (std::string line; std::getline(lines, line);) listed.insert(line + "\n");
  std::vector<fs::path> remove, dirs;
  for (const auto& [name, type] : entries) {
    const fs::path p = dir / name;
    if (kFiles.count(name) && type == fs::file_type::regular) {
      if (name != kDemoMarker) remove.push_back(p);
      continue;
    }
    const bool releases = name == kReleasesDir, gc_tmp = name == store::kRepackTmpDir;
    if (!(releases || gc_tmp) || type != fs::file_type::directory) {
      return NotOurs(dir, name + " is not something the demo writes");
    }
    auto inner = Entries(p);
    if (!inner) return NotOurs(dir, name + " cannot be listed");
    for (const auto& [file, file_type] : *inner) {
      const fs::path f = p / file;
      if (file_type != fs::file_type::regular)
        return NotOurs(dir, (fs::path(name) / file).string() + " is not a file the demo wrote");
      if (gc_tmp && file != "data.mdb" && file != "lock.mdb")
        return NotOurs(dir, (fs::path(name) / file).string() + " is not a file gc writes");
      if (releases && listed.empty()) {
        return NotOurs(dir, (fs::path(name) / file).string() + " is not listed in " + kDemoMarker +
                                ", which lists no release (an older `recital demo` listed "
                                "none)");
      }
      if (releases) {
        auto bytes = ReadFileLimited(f.string(), kDefaultMaxReleaseBytes);
        if (!bytes.ok() || !listed.count(ManifestLine(file, *bytes)))
          return NotOurs(dir, (fs::path(name) / file).string() +
                                  " is not a release the demo generated, or was changed since");
      }
      remove.push_back(f);
    }
    dirs.push_back(p);
  }
  remove.insert(remove.end(), dirs.begin(), dirs.end());
  remove.push_back(dir / kDemoMarker);  // last: an interrupted clean-up still looks ours
  return remove;
}

// Empties (or creates) the demo archive directory, refusing anything that is not ours, then
// marks it as the demo's.
Status PrepareArchiveDir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) {
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError(dir.string() + ": cannot create: " + ec.message());
  } else if (!fs::is_directory(fs::symlink_status(dir, ec))) {
    return Status::InvalidInput(dir.string() + " exists and is not a directory; not touching it");
  } else {
    auto entries = Entries(dir);
    if (!entries) return Status::IOError(dir.string() + ": cannot list it");
    if (!entries->empty()) {
      auto ours = DemoFiles(dir, *entries);
      if (!ours.ok()) return ours.status();
      for (const fs::path& p : *ours) {
        if (!fs::remove(p, ec) || ec) {
          return Status::IOError(p.string() + ": cannot remove: " +
                                 (ec ? ec.message() : std::string("already gone")));
        }
      }
    }
  }
  std::ofstream marker(dir / kDemoMarker, std::ios::binary | std::ios::trunc);
  marker << kMarkerText;
  marker.close();
  if (!marker) {
    return Status::IOError((dir / kDemoMarker).string() + ": cannot write: " +
                           std::strerror(errno));
  }
  return Status::Ok();
}

// Writes the generated series into dir/releases, listing each file in the marker before it is
// written (a file written but not listed would make the next run refuse the directory); returns
// the file paths.
Result<std::vector<std::string>> GenerateReleases(const DemoArgs& args, const fs::path& dir) {
  fs::path out = dir / kReleasesDir;
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return Status::IOError(out.string() + ": cannot create: " + ec.message());
  gen::GenOptions opt;
  opt.seed = args.seed;
  opt.sessions = args.sessions;
  opt.first_session = 50;
  opt.layout = "ods";
  std::vector<std::string> files;
  std::ofstream manifest(dir / kDemoMarker, std::ios::binary | std::ios::app);
  Status st = gen::GenerateSeries(opt, [&](gen::GeneratedRelease&& rel) -> Status {
    fs::path p = out / rel.filename;
    manifest << ManifestLine(rel.filename, rel.text) << std::flush;
    if (!manifest) return Status::IOError((dir / kDemoMarker).string() + ": write failed");
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << rel.text;
    f.close();
    if (!f) return Status::IOError(p.string() + ": write failed: " + std::strerror(errno));
    files.push_back(p.string());
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return files;
}

Result<std::vector<std::string>> ListReleases(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::InvalidInput(dir + ": not a directory");
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    std::string ext = it->path().extension().string();
    // Generator truth and corpus metadata are not releases.
    if (ext == ".jsonl" || ext == ".json" || ext == ".tsv" || ext == ".md") continue;
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  }
  if (ec) return Status::IOError(dir + ": cannot list: " + ec.message());
  if (files.empty()) return Status::InvalidInput(dir + ": no release files in it");
  std::sort(files.begin(), files.end());
  return files;
}

Status IngestAll(store::Archive& archive, const std::vector<std::string>& files,
                 size_t* stored, size_t* refused) {
  std::vector<store::ReleaseInput> inputs;
  for (const auto& f : files) inputs.push_back({f, std::nullopt});
  store::IngestOptions options;
  options.derive = [&archive](store::DerivedTxn& txn, const std::vector<std::string>& touched) {
    return history::DeriveIndexes(archive, txn, touched);
  };
  options.parse = [](std::string_view bytes, const std::string& name) {
    ParseOptions po;
    po.source_name = name;
    return ParseRelease(bytes, po);
  };
  return archive.IngestBatch(std::move(inputs), options, [&](const store::IngestResult& r) {
    if (r.status == store::IngestStatus::kRefused) {
      ++*refused;
      PrintError("refused " + r.message);
    } else {
      ++*stored;
    }
  });
}

// Only an HTML report Recital wrote (the exact head and end of one) is replaced, never anything
// else; whole or not at all.
bool IsHtmlReport(std::string_view old) {
  return render::ReportFileKindOf(old) == render::ReportFileKind::kHtml;
}
constexpr const char* kHtmlWhat = "an HTML report Recital wrote";

Status WriteHtml(const std::string& path, const std::string& html) {
  return WriteOutputFile(path, html, IsHtmlReport, kHtmlWhat);
}

// The longest series (the first of those when tied).
const Series* LongestSeries(const std::vector<Series>& all) {
  const Series* best = nullptr;
  for (const Series& s : all) {
    if (!best || s.symbols.size() > best->symbols.size()) best = &s;
  }
  return best;
}

int RunDemo(const DemoArgs& args) {
  const fs::path dir(args.archive);
  if (!args.dir.empty()) {
    std::error_code ec;
    std::string in = fs::weakly_canonical(args.dir, ec).string() + "/";
    std::string arch = fs::weakly_canonical(dir, ec).string() + "/";
    if (in.rfind(arch, 0) == 0) {
      PrintError(args.dir + " is inside the demo archive " + dir.string() +
                 ", which the demo recreates; copy the releases elsewhere first");
      return 2;
    }
  }
  // Refused before any work, as the archive directory is.
  if (Status st = CheckOutputFile(args.html, IsHtmlReport, kHtmlWhat); !st.ok()) {
    PrintError(st.message());
    return 2;
  }
  if (Status st = PrepareArchiveDir(dir); !st.ok()) {
    PrintError(st.message());
    return 2;
  }
  auto files = args.dir.empty() ? GenerateReleases(args, dir) : ListReleases(args.dir);
  if (!files.ok()) {
    PrintError(files.status().message());
    return 2;
  }
  std::fprintf(stderr, "recital: %s %zu releases%s; archive: %s (fresh)\n",
               args.dir.empty() ? "generated" : "found", files->size(),
               args.dir.empty() ? (" in " + (dir / "releases").string()).c_str()
                                : (" in " + args.dir).c_str(),
               dir.string().c_str());
  store::OpenOptions oo;
  oo.read_only = false;
  oo.create_if_missing = true;
  auto archive = store::Archive::Open(dir.string(), oo);
  if (!archive.ok()) {
    PrintError(dir.string() + ": " + archive.status().message());
    return 2;
  }
  size_t stored = 0, refused = 0;
  if (Status st = IngestAll(**archive, *files, &stored, &refused); !st.ok()) {
    PrintError("ingest failed: " + st.ToString());
    return 2;
  }
  std::fprintf(stderr, "recital: ingested %zu releases (%zu refused)\n", stored, refused);
  auto all = history::ArchiveSeries(**archive);
  if (!all.ok() || all->empty()) {
    PrintError(all.ok() ? "no resolution could be archived" : all.status().message());
    return 2;
  }
  const Series* series = LongestSeries(*all);
  auto loaded = history::LoadSeriesHistory(**archive, *series);
  if (!loaded.ok()) {
    PrintError(loaded.status().message());
    return 2;
  }
  std::string out = render::LogText({*series, history::OverviewRows(*loaded)});
  if (!loaded->diffs.empty()) {
    out += "\nLatest changes: " +
           render::PairText(*loaded, loaded->diffs.size() - 1, UseColour(stdout));
  }
  Out(out);
  if (Status st = WriteHtml(args.html, render::ReportHtml(*loaded)); !st.ok()) {
    PrintError(st.message());
    return 2;
  }
  std::error_code ec;
  fs::path html_abs = fs::absolute(args.html, ec);
  const std::string& last = loaded->records.back().symbol;
  OutF(
      "\nHTML report of the whole series: %s\nThe archive is in %s; try:\n"
      "  recital blame --archive %s %s\n  recital report --archive %s %s --format md\n",
      (ec ? args.html : html_abs.string()).c_str(), dir.string().c_str(), dir.string().c_str(),
      last.c_str(), dir.string().c_str(), last.c_str());
  return refused > 0 && stored == 0 ? 2 : 0;
}

void SetupDemo(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "The main job end to end: generate a follow-up series of resolutions (10 sessions,\n"
      "document-system layout) or take the release files in DIR, ingest them into a FRESH\n"
      "archive (default ./demo-archive; an existing directory is emptied only when it holds\n"
      "nothing but what an earlier demo wrote, with the bytes it wrote, never anything else),\n"
      "print the log of the longest series and its latest change report, and write the HTML\n"
      "report of the whole series (default ./demo-report.html; an existing file is replaced\n"
      "only when it is an HTML report Recital wrote).\nExit status: 0 done, 2 trouble.");
  cmd->add_option("DIR", args->dir, "Directory of release files to use instead of generating");
  cmd->add_option("--archive", args->archive, "Demo archive directory (default demo-archive)");
  cmd->add_option("--html", args->html, "HTML report file (default demo-report.html)");
  cmd->add_option("--sessions", args->sessions, "Sessions to generate (default 10)")
      ->check(WholeNumber(2, 200));
  cmd->add_option("--seed", args->seed, "Generator seed (default 2026)")
      ->check(WholeNumber(0, UINT64_MAX));
  cmd->footer("Example:\n  recital demo\n  recital demo releases/ --archive /tmp/releases-demo");
  cmd->callback([args, &ctx] { ctx.exit_code = RunDemo(*args); });
}

}  // namespace

RECITAL_COMMAND(demo, 1, SetupDemo);

}  // namespace recital::cli

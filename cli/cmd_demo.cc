// `recital demo [DIR]`: the main job end to end. Generates a follow-up series (or takes the
// release files in DIR), ingests it into a fresh demo archive, prints the series log and the
// latest change report, and writes the HTML report.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gen/gen.h"
#include "cli/command.h"
#include "cli/common.h"
#include "history/history.h"
#include "ingest/ingest.h"
#include "render/render.h"
#include "store/store.h"

namespace recital::cli {
namespace {

namespace fs = std::filesystem;

// A file in every demo archive: only directories holding it (and nothing but what the demo
// writes) are ever removed.
constexpr const char* kDemoMarker = "RECITAL-DEMO-ARCHIVE";
constexpr const char* kHtmlGenerator = "<meta name=\"generator\" content=\"Recital change report\">";

struct DemoArgs {
  std::string dir;  // release files to use instead of generating
  std::string archive = "demo-archive";
  std::string html = "demo-report.html";
  uint32_t sessions = 10;
  uint64_t seed = 2026;
};

// Empties (or creates) the demo archive directory, refusing anything that is not ours.
Status PrepareArchiveDir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError(dir.string() + ": cannot create: " + ec.message());
    return Status::Ok();
  }
  if (!fs::is_directory(dir, ec)) {
    return Status::InvalidInput(dir.string() + " exists and is not a directory; not touching it");
  }
  static const std::set<std::string> kOurs = {kDemoMarker,
                                              "data.mdb",
                                              "lock.mdb",
                                              "releases",
                                              std::string(store::kArchiveLockFile),
                                              std::string(store::kRepackTmpDir)};
  bool marked = false, empty = true, foreign = false;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    empty = false;
    std::string name = entry.path().filename().string();
    if (name == kDemoMarker) marked = true;
    if (!kOurs.count(name)) foreign = true;
  }
  if (ec) return Status::IOError(dir.string() + ": cannot list: " + ec.message());
  if (empty) return Status::Ok();
  if (!marked || foreign) {
    return Status::InvalidInput(dir.string() +
                                " exists and is not a Recital demo archive; not touching it "
                                "(remove it yourself or pass --archive with another directory)");
  }
  fs::remove_all(dir, ec);
  if (!ec) fs::create_directories(dir, ec);
  if (ec) return Status::IOError(dir.string() + ": cannot recreate: " + ec.message());
  return Status::Ok();
}

// Writes the generated series into dir/releases; returns the file paths.
Result<std::vector<std::string>> GenerateReleases(const DemoArgs& args, const fs::path& dir) {
  fs::path out = dir / "releases";
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return Status::IOError(out.string() + ": cannot create: " + ec.message());
  gen::GenOptions opt;
  opt.seed = args.seed;
  opt.sessions = args.sessions;
  opt.first_session = 50;
  opt.layout = "ods";
  std::vector<std::string> files;
  Status st = gen::GenerateSeries(opt, [&](gen::GeneratedRelease&& rel) -> Status {
    fs::path p = out / rel.filename;
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << rel.text;
    if (!f) return Status::IOError(p.string() + ": write failed");
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

Status WriteHtml(const std::string& path, const std::string& html) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    auto old = ReadFileLimited(path, 64u << 20);
    if (!old.ok() || old->find(kHtmlGenerator) == std::string::npos) {
      return Status::InvalidInput(path + " exists and is not a Recital report; not overwriting "
                                  "it (pass --html with another file)");
    }
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << html;
  out.close();
  if (!out) return Status::IOError(path + ": cannot write");
  return Status::Ok();
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
  if (Status st = PrepareArchiveDir(dir); !st.ok()) {
    PrintError(st.message());
    return 2;
  }
  std::ofstream(dir / kDemoMarker) << "A Recital demo archive, made by `recital demo`. The demo "
                                      "removes and recreates this directory on every run.\n";
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
  std::fputs(out.c_str(), stdout);
  if (Status st = WriteHtml(args.html, render::ReportHtml(*loaded)); !st.ok()) {
    PrintError(st.message());
    return 2;
  }
  std::error_code ec;
  fs::path html_abs = fs::absolute(args.html, ec);
  const std::string& last = loaded->records.back().symbol;
  std::printf(
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
      "archive (default ./demo-archive; a directory is removed and recreated only when it is\n"
      "a Recital demo archive, never anything else), print the log of the longest series and\n"
      "its latest change report, and write the HTML report of the whole series (default\n"
      "./demo-report.html).\nExit status: 0 done, 2 trouble.");
  cmd->add_option("DIR", args->dir, "Directory of release files to use instead of generating");
  cmd->add_option("--archive", args->archive, "Demo archive directory (default demo-archive)");
  cmd->add_option("--html", args->html, "HTML report file (default demo-report.html)");
  cmd->add_option("--sessions", args->sessions, "Sessions to generate (default 10)")
      ->check(CLI::Range(2u, 200u));
  cmd->add_option("--seed", args->seed, "Generator seed (default 2026)");
  cmd->footer("Example:\n  recital demo\n  recital demo ../shared/corpus --archive /tmp/corpus-demo");
  cmd->callback([args, &ctx] { ctx.exit_code = RunDemo(*args); });
}

}  // namespace

RECITAL_COMMAND(demo, 1, SetupDemo);

}  // namespace recital::cli

// `recital generate`: write synthetic follow-up series (release files + truth) for tests,
// benchmarks and demos. The generator itself is gen/ (recital::gen).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "gen/gen.h"
#include "cli/command.h"
#include "cli/common.h"
#include "ingest/ingest.h"

namespace recital::cli {
namespace {

struct GenerateArgs {
  uint64_t seed = 1;
  uint32_t sessions = 10;
  uint32_t series = 1;
  uint32_t first_session = 50;
  std::string out;
  std::string layout = "ods";
  std::string from;
  bool quiet = false;
  bool force = false;
};

namespace fs = std::filesystem;

// What --out holds before we write: nothing, an earlier output of this command (truth.jsonl and
// only the release files it lists), or something else (foreign names the first entry that is
// not ours).
struct OutDir {
  bool previous = false;
  std::vector<std::string> listed;  // previous: the release files the old truth.jsonl lists
  std::string foreign;
};

Result<OutDir> InspectOutDir(const fs::path& dir) {
  OutDir out;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return out;
  if (!fs::is_directory(dir, ec)) return Status::InvalidInput(dir.string() + ": not a directory");
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    names.insert(e.path().filename().string());
    if (!e.is_regular_file(ec) || e.is_symlink(ec)) out.foreign = e.path().filename().string();
  }
  if (ec) return Status::IOError(dir.string() + ": cannot list: " + ec.message());
  if (names.empty() || !out.foreign.empty()) return out;
  if (!names.count("truth.jsonl")) {
    out.foreign = *names.begin();
    return out;
  }
  std::ifstream truth(dir / "truth.jsonl", std::ios::binary);
  std::set<std::string> listed;
  for (std::string line; std::getline(truth, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("file") || !j["file"].is_string()) {
      out.foreign = "truth.jsonl";
      return out;
    }
    listed.insert(j["file"].get<std::string>());
  }
  for (const std::string& name : names) {
    if (name != "truth.jsonl" && !listed.count(name)) {
      out.foreign = name;
      return out;
    }
  }
  out.previous = true;
  out.listed.assign(listed.begin(), listed.end());
  return out;
}

// Refuses a directory holding anything but an earlier output (unless force); removes the
// release files of an earlier output, so that the directory ends up holding exactly the new
// series and its truth.
Status PrepareOutDir(const GenerateArgs& args) {
  const fs::path dir(args.out);
  auto state = InspectOutDir(dir);
  if (!state.ok()) return state.status();
  if (!state->foreign.empty() && !args.force) {
    return Status::InvalidInput(
        args.out + " is not empty and not the output of an earlier `recital generate` (it holds " +
        state->foreign + "); not writing into it (choose an empty or new directory, or pass "
        "--force to write beside what is there)");
  }
  std::error_code ec;
  if (state->previous) {
    for (const std::string& name : state->listed) {
      fs::remove(dir / name, ec);
      if (ec) return Status::IOError((dir / name).string() + ": cannot remove: " + ec.message());
    }
  }
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError(args.out + ": cannot create directory: " + ec.message());
  return Status::Ok();
}

int RunGenerate(const GenerateArgs& args) {
  gen::GenOptions opt;
  opt.seed = args.seed;
  opt.sessions = args.sessions;
  opt.series = args.series;
  opt.first_session = args.first_session;
  opt.layout = args.layout;
  Resolution seed_record;
  if (!args.from.empty()) {
    Result<std::string> bytes = ReadFileLimited(args.from, kDefaultMaxReleaseBytes);
    if (!bytes.ok()) {
      PrintError(bytes.status().message());
      return 2;
    }
    ParseOptions po;
    po.source_name = args.from;
    Result<Resolution> r = ParseRelease(*bytes, po);
    if (!r.ok()) {
      PrintError(r.status().message());
      return 2;
    }
    if (r->preamble.empty() && r->operative.empty()) {
      PrintError(args.from + ": no paragraphs found to seed the series from");
      return 2;
    }
    seed_record = std::move(r).value();
    opt.seed_record = &seed_record;
  }
  if (Status st = PrepareOutDir(args); !st.ok()) {
    PrintError(st.message());
    return 2;
  }
  const fs::path dir(args.out);
  std::ofstream truth(dir / "truth.jsonl", std::ios::binary | std::ios::trunc);
  if (!truth) {
    PrintError((dir / "truth.jsonl").string() + ": cannot write: " + std::strerror(errno));
    return 2;
  }
  size_t count = 0, bytes = 0;
  Status st = gen::GenerateSeries(opt, [&](gen::GeneratedRelease&& rel) -> Status {
    std::ofstream f(dir / rel.filename, std::ios::binary | std::ios::trunc);
    f << rel.text;
    f.close();
    if (!f) {
      return Status::IOError((dir / rel.filename).string() + ": write failed: " +
                             std::strerror(errno));
    }
    truth << gen::TruthJson(rel) << '\n';
    ++count;
    bytes += rel.text.size();
    return Status::Ok();
  });
  truth.close();
  if (!st.ok() || !truth) {
    PrintError(st.ok() ? (dir / "truth.jsonl").string() + ": write failed: " + std::strerror(errno)
                       : st.message());
    return 2;
  }
  if (!args.quiet)
    std::fprintf(stderr, "recital: wrote %zu releases (%zu bytes) and truth.jsonl to %s\n", count,
                 bytes, args.out.c_str());
  return 0;
}

void SetupGenerate(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "generate",
      "Write synthetic follow-up series of resolutions with known edits (rewording, added,\n"
      "removed, moved, split and merged paragraphs, changed lead phrases, renumbered footnotes,\n"
      "re-wrapped lines) as release files, plus DIR/truth.jsonl: one JSON object per release\n"
      "{\"file\", \"symbol\", \"series\", \"session\", \"previous\", \"title\", \"changes\": [{\"status\",\n"
      "\"moved\", \"lead_changed\", \"from\": [{\"section\", \"index\"}], \"to\": [...]}]} giving the\n"
      "true changes from the previous session. Deterministic by --seed. Needs no archive.\n"
      "DIR must be new, empty, or the output of an earlier generate (whose files are then\n"
      "replaced); anything else is refused unless --force.\n"
      "Exit status: 0 written, 2 bad arguments or unwritable directory.");
  cmd->add_option("--seed", args->seed, "Random seed (default 1)")
      ->check(WholeNumber(0, UINT64_MAX));
  cmd->add_option("--sessions", args->sessions, "Releases per series (default 10)")
      ->check(WholeNumber(1, 100000));
  cmd->add_option("--series", args->series, "Number of series (default 1)")
      ->check(WholeNumber(1, 10000000));
  cmd->add_option("--first-session", args->first_session, "Session of the first release (default 50)")
      ->check(WholeNumber(1, 500));
  cmd->add_option("--out", args->out,
                  "Output directory (created if missing; must be empty or an earlier output)")
      ->required();
  cmd->add_flag("--force", args->force,
                "Write into a directory holding other files too (same-named files are "
                "overwritten; nothing is removed)");
  cmd->add_option("--layout", args->layout, "Release layout: ods (default) or unorg")
      ->check(CLI::IsMember({"ods", "unorg"}));
  cmd->add_option("--from", args->from,
                  "Seed the series with the paragraphs of this release file instead of the "
                  "built-in seed");
  cmd->add_flag("-q,--quiet", args->quiet, "No summary on stderr");
  cmd->footer(
      "Example:\n"
      "  recital generate --seed 7 --sessions 30 --series 2 --out /tmp/series\n"
      "  recital generate --from releases/A-RES-54-144.txt --sessions 5 --out /tmp/s");
  cmd->callback([args, &ctx] { ctx.exit_code = RunGenerate(*args); });
}

}  // namespace

RECITAL_COMMAND(generate, 80, SetupGenerate);

}  // namespace recital::cli

// `recital generate`: write synthetic follow-up series (release files + truth) for tests,
// benchmarks and demos. The generator itself is gen/ (recital::gen).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

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
};

int RunGenerate(const GenerateArgs& args) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(args.out, ec);
  if (ec) {
    PrintError(args.out + ": cannot create directory: " + ec.message());
    return 2;
  }
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
  const fs::path dir(args.out);
  std::ofstream truth(dir / "truth.jsonl", std::ios::binary | std::ios::trunc);
  if (!truth) {
    PrintError((dir / "truth.jsonl").string() + ": cannot write");
    return 2;
  }
  size_t count = 0, bytes = 0;
  Status st = gen::GenerateSeries(opt, [&](gen::GeneratedRelease&& rel) -> Status {
    std::ofstream f(dir / rel.filename, std::ios::binary | std::ios::trunc);
    f << rel.text;
    if (!f) return Status::IOError((dir / rel.filename).string() + ": write failed");
    truth << gen::TruthJson(rel) << '\n';
    ++count;
    bytes += rel.text.size();
    return Status::Ok();
  });
  truth.flush();
  if (!st.ok() || !truth) {
    PrintError(st.ok() ? (dir / "truth.jsonl").string() + ": write failed" : st.message());
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
      "Exit status: 0 written, 2 bad arguments or unwritable directory.");
  cmd->add_option("--seed", args->seed, "Random seed (default 1)");
  cmd->add_option("--sessions", args->sessions, "Releases per series (default 10)")
      ->check(CLI::Range(1u, 100000u));
  cmd->add_option("--series", args->series, "Number of series (default 1)")
      ->check(CLI::Range(1u, 10000000u));
  cmd->add_option("--first-session", args->first_session, "Session of the first release (default 50)")
      ->check(CLI::Range(1u, 500u));
  cmd->add_option("--out", args->out, "Output directory (created if missing)")->required();
  cmd->add_option("--layout", args->layout, "Release layout: ods (default) or unorg")
      ->check(CLI::IsMember({"ods", "unorg"}));
  cmd->add_option("--from", args->from,
                  "Seed the series with the paragraphs of this release file instead of the "
                  "built-in seed");
  cmd->add_flag("-q,--quiet", args->quiet, "No summary on stderr");
  cmd->footer(
      "Example:\n"
      "  recital generate --seed 7 --sessions 30 --series 2 --out /tmp/series\n"
      "  recital generate --from ../shared/corpus/A-RES-54-144.ods.txt --sessions 5 --out /tmp/s");
  cmd->callback([args, &ctx] { ctx.exit_code = RunGenerate(*args); });
}

}  // namespace

RECITAL_COMMAND(generate, 80, SetupGenerate);

}  // namespace recital::cli

// `recital parse FILE... [--format json|text]`: parse releases without any archive and print
// their records.
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "ingest/ingest.h"
#include "render/render.h"

namespace recital::cli {
namespace {

struct ParseArgs {
  std::vector<std::string> files;
  std::string format = "text";
  size_t max_bytes = kDefaultMaxReleaseBytes;
};

// Returns the record, or prints "recital: FILE: reason" on stderr and returns the error.
Result<Resolution> ParseOne(const std::string& path, size_t max_bytes) {
  Result<std::string> data = ReadFileLimited(path, max_bytes);
  if (!data.ok()) return data.status();
  ParseOptions opts;
  opts.max_bytes = max_bytes;
  opts.source_name = path;
  return ParseRelease(*data, opts);
}

int RunParse(const ParseArgs& args) {
  const bool json = args.format == "json";
  const bool many = args.files.size() > 1;
  nlohmann::json array = nlohmann::json::array();
  std::string text;
  int rc = 0;
  for (const std::string& path : args.files) {
    Result<Resolution> r = ParseOne(path, args.max_bytes);
    if (!r.ok()) {
      PrintError(r.status().message());
      rc = 1;
      if (many && json) array.push_back({{"file", path}, {"error", r.status().message()}});
      continue;
    }
    if (json) {
      nlohmann::json j = render::RecordJson(*r);
      if (!many) {
        std::fputs(render::JsonText(j).c_str(), stdout);
        continue;
      }
      j["file"] = path;
      array.push_back(std::move(j));
    } else {
      if (many) std::fprintf(stdout, "== %s\n", path.c_str());
      std::fputs(render::RecordText(*r).c_str(), stdout);
      if (many) std::fputs("\n", stdout);
    }
  }
  if (json && many) std::fputs(render::JsonText(array).c_str(), stdout);
  return rc;
}

void SetupParse(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ParseArgs>();
  CLI::App* cmd = app.add_subcommand(
      "parse",
      "Parse resolution releases (plain text, or the UN's PDF files) and print their records;\n"
      "needs no archive.\n"
      "One file prints one record. With several files, --format json prints an array with one\n"
      "object per file, in argument order, each with a \"file\" key; a refused file appears as\n"
      "{\"file\": ..., \"error\": ...}. Refused files (empty, binary, not UTF-8, not a\n"
      "resolution, too large; PDFs that are encrypted, damaged or scanned images without text)\n"
      "are reported on stderr and the others still parsed. PDF records add \"annexes\" (title and\n"
      "paragraphs of each annexed instrument) and, for special sessions, \"session_code\".\n"
      "Exit status: 0 all parsed, 1 some file refused, 2 bad arguments.");
  cmd->add_option("FILE", args->files, "Release files (text or PDF)")->required();
  cmd->add_option("--format", args->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--max-bytes", args->max_bytes,
                  "Refuse files larger than this many bytes (default 16 MiB)");
  cmd->footer(
      "Example:\n"
      "  recital parse ../shared/corpus/A-RES-54-144.ods.txt --format json\n"
      "  recital parse ../shared/corpus/*.txt --format json > records.json\n"
      "  recital parse A_RES_78_7.pdf");
  cmd->callback([args, &ctx] { ctx.exit_code = RunParse(*args); });
}

}  // namespace

RECITAL_COMMAND(parse, 20, SetupParse);

}  // namespace recital::cli

// `recital parse FILE... [--format json|text]`: parse releases without any archive and print
// their records.
#include <algorithm>
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

// A file that cannot be read as a file (missing, unreadable, a directory or device) is trouble
// (exit 2); a file read and found not to be a release (too large, binary, not a resolution) is
// refused (exit 1). Sets *trouble for the first kind.
Result<Resolution> ParseOne(const std::string& path, size_t max_bytes, bool* trouble) {
  Result<std::string> data = ReadFileLimited(path, max_bytes);
  if (!data.ok()) {
    *trouble = !data.status().IsResourceExhausted();
    return data.status();
  }
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
    bool trouble = false;
    Result<Resolution> r = ParseOne(path, args.max_bytes, &trouble);
    if (!r.ok()) {
      PrintError(r.status().message());
      rc = std::max(rc, trouble ? 2 : 1);
      if (many && json) array.push_back({{"file", path}, {"error", r.status().message()}});
      continue;
    }
    if (json) {
      nlohmann::json j = render::RecordJson(*r);
      if (!many) {
        Out(render::JsonText(j));
        continue;
      }
      j["file"] = path;
      array.push_back(std::move(j));
    } else {
      if (many) OutF("== %s\n", path.c_str());
      Out(render::RecordText(*r));
      if (many) Out("\n");
    }
  }
  if (json && many) Out(render::JsonText(array));
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
      "Exit status: 0 all parsed, 1 some file refused, 2 bad arguments or a file that\n"
      "cannot be read (missing, unreadable, a directory or device: trouble, as in diff and\n"
      "ingest).");
  cmd->add_option("FILE", args->files, "Release files (text or PDF)")->required();
  cmd->add_option("--format", args->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--max-bytes", args->max_bytes,
                  "Refuse files larger than this many bytes (default 16 MiB, at most 1 GiB)")
      ->check(WholeNumber(1, 1ull << 30));
  cmd->footer(
      "Example:\n"
      "  recital parse releases/A-RES-54-144.txt --format json\n"
      "  recital parse releases/*.txt --format json > records.json\n"
      "  recital parse A_RES_78_7.pdf");
  cmd->callback([args, &ctx] { ctx.exit_code = RunParse(*args); });
}

}  // namespace

RECITAL_COMMAND(parse, 20, SetupParse);

}  // namespace recital::cli

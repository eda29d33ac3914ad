// `recital cat SYMBOL [--version N]`: the exact released bytes.
#include <cstdio>
#include <string>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "schema/symbol.h"
#include "store/store.h"

namespace recital::cli {
namespace {

struct CatArgs {
  std::string archive;
  std::string symbol;
  uint32_t version = 0;
  std::string lang;
};

int RunCat(const CatArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  const std::string symbol = NormalizeSymbol(args.symbol);
  auto version = ResolveVersion(*archive, symbol, args.version, args.lang);
  if (!version.ok()) {
    PrintError(version.status().message());
    return 2;
  }
  auto raw = archive->GetRawRelease(symbol, *version);
  if (!raw.ok()) {
    PrintError(raw.status().message());
    return 2;
  }
  Out(*raw);  // a lost write: main's FlushStandardOutput
  return 0;
}

void SetupCat(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CatArgs>();
  CLI::App* cmd = app.add_subcommand(
      "cat",
      "Write the exact bytes of a release, as they were ingested, to stdout (the current\n"
      "version in the preferred language unless --version N or --lang xx). Exit status: 0\n"
      "written, 2 unknown symbol/version/language or trouble.");
  cmd->add_option("SYMBOL", args->symbol, "Document symbol, e.g. A/RES/54/144 or 54/144")
      ->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--version", args->version, "Version number (1 = first ingested)")
      ->check(WholeNumber(1, UINT32_MAX));
  AddLangOption(cmd, &args->lang);
  cmd->footer("Example:\n  recital cat A/RES/54/144 --version 1 > A-RES-54-144.txt");
  cmd->callback([args, &ctx] { ctx.exit_code = RunCat(*args); });
}

}  // namespace

RECITAL_COMMAND(cat, 13, SetupCat);

}  // namespace recital::cli

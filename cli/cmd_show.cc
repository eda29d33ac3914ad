// `recital show SYMBOL [--version N] [--format text|json]`: a stored record.
#include <cstdio>
#include <string>

#include "cli/cmd_show_parallel.h"
#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "render/render.h"
#include "schema/symbol.h"
#include "store/store.h"

namespace recital::cli {
namespace {

struct ShowArgs {
  std::string archive;
  std::string symbol;
  uint32_t version = 0;
  std::string format = "text";
};

int RunShow(const ShowArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  auto res = archive->GetResolution(NormalizeSymbol(args.symbol), args.version);
  if (!res.ok()) {
    PrintError(res.status().message());
    return 2;
  }
  if (args.format == "json") {
    Out(render::JsonText(render::RecordJson(*res)));
  } else {
    Out(render::RecordText(*res));
  }
  return 0;
}

void SetupShow(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* cmd = app.add_subcommand(
      "show",
      "Print the stored record of a document (newest version unless --version N), in the same\n"
      "form as `recital parse`. Exit status: 0 shown, 2 unknown symbol/version or trouble.");
  cmd->add_option("SYMBOL", args->symbol, "Document symbol, e.g. A/RES/54/144 or 54/144")
      ->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--version", args->version, "Version number (1 = first ingested)")
      ->check(WholeNumber(1, UINT32_MAX));
  cmd->add_option("--format", args->format,
                  "Output format: text (default) or json; html with --parallel")
      ->check(CLI::IsMember({"text", "json", "html"}));
  // Parallel view of two language versions (cmd_show_parallel.cc).
  auto par = std::make_shared<ShowParallelArgs>();
  cmd->add_option("--parallel", par->languages,
                  "Two language versions side by side, aligned by structure, e.g. en,fr; exit 1 "
                  "when their structures disagree");
  cmd->add_option("--width", par->width, "Text width in columns for --parallel (default 80)")
      ->check(WholeNumber(30, 1000));
  cmd->footer("Examples:\n  recital show A/RES/54/144 --format json\n"
              "  recital show A/RES/62/88 --parallel en,fr");
  cmd->callback([args, par, &ctx] {
    if (!par->languages.empty() && args->version != 0) {
      PrintError("--parallel shows the newest version in each language; it takes no --version");
      ctx.exit_code = 2;
    } else if (!par->languages.empty()) {
      par->archive = args->archive;
      par->symbol = args->symbol;
      par->format = args->format;
      ctx.exit_code = RunShowParallel(*par);
    } else if (args->format == "html") {
      PrintError("--format html needs --parallel");
      ctx.exit_code = 2;
    } else {
      ctx.exit_code = RunShow(*args);
    }
  });
}

}  // namespace

RECITAL_COMMAND(show, 12, SetupShow);

}  // namespace recital::cli

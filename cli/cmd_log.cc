// `recital log SERIES|SYMBOL [--json]`: a series in session order with, against the previous
// session, the counts of unchanged, reworded, added, removed and moved paragraphs.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "history/history.h"
#include "render/render.h"

namespace recital::cli {
namespace {

struct LogArgs {
  std::string archive;
  std::string target;
  bool json = false;
};

int RunLog(const LogArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  auto view = history::LogOf(*archive, args.target);
  if (!view.ok()) {
    PrintError(view.status().message());
    return 2;
  }
  Out(args.json ? render::JsonText(render::LogJson(*view)) : render::LogText(*view));
  return 0;
}

void SetupLog(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<LogArgs>();
  CLI::App* cmd = app.add_subcommand(
      "log",
      "The follow-up series of a resolution (or a series named by key or name) in session\n"
      "order: symbol, session, adoption date, title and, against the previous session, the\n"
      "counts of unchanged, reworded, added, removed, moved, split and merged paragraphs.\n"
      "--json: {\"series\": {\"key\", \"name\"}, \"sessions\": [{\"symbol\", \"session\",\n"
      "\"adoption_date\", \"title\", \"changes\": null | {\"unchanged\", \"reworded\", \"added\",\n"
      "\"removed\", \"moved\", \"split\", \"merged\"}}]}.\n"
      "Exit status: 0 shown, 2 unknown series/symbol or trouble.");
  cmd->add_option("SERIES|SYMBOL", args->target,
                  "A member's symbol (A/RES/54/144 or 54/144), a series key or a series name")
      ->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--json", args->json, "Output JSON");
  cmd->footer("Example:\n  recital log A/RES/54/144\n  recital log 54/144 --json");
  cmd->callback([args, &ctx] { ctx.exit_code = RunLog(*args); });
}

}  // namespace

RECITAL_COMMAND(log, 30, SetupLog);

}  // namespace recital::cli

// `recital log SERIES|SYMBOL [--json]`: a series in session order with, against the previous
// session, the counts of unchanged, reworded, added, removed and moved paragraphs.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/options.h"
#include "cli/util_archive.h"
#include "diff/diff.h"
#include "history/history.h"
#include "render/render.h"

namespace recital::cli {
namespace {

struct LogArgs {
  std::string archive;
  std::string target;
  bool json = false;
  bool substantive = false;
  double threshold = DiffOptions{}.reword_threshold;
  std::string lang;
};

int RunLog(const LogArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  DiffOptions options;
  options.reword_threshold = args.threshold;
  auto view = history::LogOf(*archive, args.target, options, args.lang);
  if (!view.ok()) {
    PrintError(view.status().message());
    return 2;
  }
  Out(args.json ? render::JsonText(render::LogJson(*view, args.substantive))
                : render::LogText(*view, args.substantive));
  return 0;
}

void SetupLog(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<LogArgs>();
  CLI::App* cmd = app.add_subcommand(
      "log",
      "The follow-up series of a resolution (or a series named by key or name) in session\n"
      "order: symbol, session, adoption date, title and, against the previous session, the\n"
      "counts of unchanged, reworded, added, removed, moved, split and merged paragraphs;\n"
      "TECHNICAL counts the reworded ones that changed only in symbols, dates and session\n"
      "numbers. --substantive leaves out the sessions whose changes are all technical (the\n"
      "counts of the sessions shown stay). --lang xx reads each member in that language where\n"
      "it is stored (else in its preferred language: English when stored).\n"
      "--json: {\"series\": {\"key\", \"name\"}, \"sessions\": [{\"symbol\", \"session\",\n"
      "\"adoption_date\", \"title\", \"changes\": null | {\"unchanged\", \"reworded\", \"added\",\n"
      "\"removed\", \"moved\", \"split\", \"merged\", \"technical\", \"truncated\",\n"
      "\"not_compared\"}}]}.\n"
      "Exit status: 0 shown, 2 unknown series/symbol or trouble.");
  cmd->add_option("SERIES|SYMBOL", args->target,
                  "A member's symbol (A/RES/54/144 or 54/144), a series key or a series name")
      ->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--json", args->json, "Output JSON");
  cmd->add_flag("--substantive", args->substantive,
                "Leave out sessions whose changes are only technical");
  AddThresholdOption(cmd, &args->threshold);
  AddLangOption(cmd, &args->lang);
  cmd->footer(
      "Example:\n  recital log A/RES/54/144\n  recital log 54/144 --json\n"
      "  recital log 54/144 --substantive --threshold 0.6");
  cmd->callback([args, &ctx] { ctx.exit_code = RunLog(*args); });
}

}  // namespace

RECITAL_COMMAND(log, 30, SetupLog);

}  // namespace recital::cli

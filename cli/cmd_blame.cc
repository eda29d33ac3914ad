// `recital blame SYMBOL [--format text|json]`: for every paragraph, the session where its
// wording first appeared and its earlier wordings back through the follow-up series.
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

struct BlameArgs {
  std::string archive;
  std::string symbol;
  std::string format = "text";
  double threshold = DiffOptions{}.reword_threshold;
};

int RunBlame(const BlameArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  DiffOptions options;
  options.reword_threshold = args.threshold;
  auto view = history::BlameSymbol(*archive, args.symbol, options);
  if (!view.ok()) {
    PrintError(view.status().message());
    return 2;
  }
  Out(args.format == "json" ? render::JsonText(render::BlameJson(*view))
                            : render::BlameText(*view, UseColour(stdout)));
  return 0;
}

void SetupBlame(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<BlameArgs>();
  CLI::App* cmd = app.add_subcommand(
      "blame",
      "For every paragraph of a resolution, the resolution where its current wording first\n"
      "appeared ('since') and its earlier wordings back through the follow-up series, each\n"
      "with the resolution where it began. Paragraphs are followed by the diff engine's\n"
      "pairing (also when moved, renumbered, reworded, split or merged), not by identical\n"
      "text alone; a merged paragraph is followed through its first part. A technical update\n"
      "(only symbols, dates, session numbers changed) is continuity: 'since' is where the\n"
      "substance began, and the lineage lists each update, marked [technical]. A paragraph\n"
      "an earlier partial copy does not reach is compared with the copies before it.\n"
      "--format json: {\"symbol\", \"paragraphs\": [{\"section\", \"number\", \"lead\", \"text\",\n"
      "\"since\", \"wording_since\", \"lineage\": [{\"symbol\", \"text\", \"technical\"}]}]},\n"
      "lineage newest first; wording_since: where the current wording, to the letter, began.\n"
      "Exit status: 0 shown, 2 unknown symbol or trouble.");
  cmd->add_option("SYMBOL", args->symbol, "Resolution symbol, e.g. A/RES/54/144 or 54/144")
      ->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--format", args->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  AddThresholdOption(cmd, &args->threshold);
  cmd->footer("Example:\n  recital blame A/RES/54/144\n  recital blame 54/144 --format json");
  cmd->callback([args, &ctx] { ctx.exit_code = RunBlame(*args); });
}

}  // namespace

RECITAL_COMMAND(blame, 31, SetupBlame);

}  // namespace recital::cli

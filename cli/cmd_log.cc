// `recital log SERIES|SYMBOL [--json]`: a series in session order with, against the previous
// session, the counts of unchanged, reworded, added, removed and moved paragraphs.
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/render_diff.h"
#include "cli/render_report.h"
#include "cli/util_archive.h"
#include "cli/util_history.h"

namespace recital::cli {
namespace {

struct LogArgs {
  std::string archive;
  std::string target;
  bool json = false;
};

nlohmann::json LogJson(const Series& series, const std::vector<SessionRow>& rows) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const SessionRow& r : rows) {
    sessions.push_back(
        {{"symbol", r.symbol},
         {"session", r.session ? nlohmann::json(r.session) : nlohmann::json()},
         {"adoption_date", r.adoption_date.empty() ? nlohmann::json() : nlohmann::json(r.adoption_date)},
         {"title", r.title},
         {"changes", r.has_previous ? SummaryToJson(r.summary) : nlohmann::json()}});
  }
  return {{"series", {{"key", series.key}, {"name", series.name}}}, {"sessions", sessions}};
}

int RunLog(const LogArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  auto series = ResolveSeriesArg(*archive, args.target);
  if (!series.ok()) {
    PrintError(series.status().message());
    return 2;
  }
  auto history = LoadSeriesHistory(*archive, *series);
  if (!history.ok()) {
    PrintError(history.status().message());
    return 2;
  }
  std::vector<SessionRow> rows = OverviewRows(*history);
  if (args.json) {
    std::fputs((LogJson(*series, rows).dump(2) + "\n").c_str(), stdout);
  } else {
    std::fputs(LogText(*series, rows).c_str(), stdout);
  }
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

// `recital report SERIES|SYMBOL [--from SESSION] [--to SESSION] --format md|html|json
// [-o FILE]`: the session-to-session change report of a follow-up series.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/options.h"
#include "cli/util_archive.h"
#include "cli/util_output.h"
#include "diff/diff.h"
#include "history/history.h"
#include "render/render.h"

namespace recital::cli {
namespace {

struct ReportArgs {
  std::string archive;
  std::string target;
  std::string from;
  std::string to;
  std::string format = "md";
  std::string output;
  bool substantive = false;
  double threshold = DiffOptions{}.reword_threshold;
  std::string lang;
};

int RunReport(const ReportArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  auto series = history::ResolveSeriesArg(*archive, args.target);
  if (!series.ok()) {
    PrintError(series.status().message());
    return 2;
  }
  auto sliced = history::SliceSeries(*archive, *series, args.from, args.to);
  if (!sliced.ok()) {
    PrintError(sliced.status().message());
    return 2;
  }
  DiffOptions options;
  options.reword_threshold = args.threshold;
  auto loaded =
      history::LoadSeriesHistory(*archive, *sliced, nullptr, /*with_diffs=*/true, options,
                                 args.lang);
  if (!loaded.ok()) {
    PrintError(loaded.status().message());
    return 2;
  }
  std::string text;
  if (args.format == "docx") {
    render::DocxOptions docx;
    docx.substantive = args.substantive;
    Result<std::string> bytes = render::ReportDocx(*loaded, docx);
    if (!bytes.ok()) {
      PrintError(bytes.status().message());
      return 2;
    }
    if ((args.output.empty() || args.output == "-") && IsTerminal(stdout)) {
      PrintError("a Word document is not for a terminal: name a file with -o FILE");
      return 2;
    }
    text = std::move(*bytes);
  } else if (args.format == "html") {
    text = render::ReportHtml(*loaded, args.substantive);
  } else if (args.format == "json") {
    text = render::JsonText(render::ReportJson(*loaded, args.substantive));
  } else {
    text = render::ReportMarkdown(*loaded, args.substantive);
  }
  if (args.output.empty() || args.output == "-") {
    Out(text);
    return 0;
  }
  Status written = WriteOutputFile(
      args.output, text,
      [](std::string_view old) {
        return render::ReportFileKindOf(old) != render::ReportFileKind::kNone ||
               render::IsDocxExport(old);
      },
      "a Recital report");
  if (!written.ok()) {
    PrintError(written.message());
    return 2;
  }
  std::fprintf(stderr, "recital: wrote the %s report of '%s' (%zu sessions) to %s\n",
               args.format.c_str(), loaded->series.name.c_str(), loaded->records.size(),
               args.output.c_str());
  return 0;
}

void SetupReport(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "The session-to-session change report of a follow-up series: an overview table (one\n"
      "row per session: symbol, date, counts against the previous session), then for each\n"
      "pair of consecutive resolutions every changed paragraph with its word-level changes,\n"
      "lead-phrase changes called out, technical changes (only symbols, dates, session\n"
      "numbers) marked \"technical\"; --substantive does not list those (the overview and\n"
      "the counts keep them). md: Markdown that reads as plain text ([-deleted-],\n"
      "{+inserted+}); html: one self-contained page (no network, no JavaScript) with old and\n"
      "new side by side and a table of contents, marked for screen and print; json: the same\n"
      "data with stable keys (see render/render.h); docx: a Word document, each pair's newer\n"
      "text with the changes as tracked changes (author Recital, dated by the newer adoption),\n"
      "one pair per page (--substantive: technical updates as plain text).\n"
      "--lang xx reads each member in that language where it is stored (else in its\n"
      "preferred language: English when stored).\n"
      "Exit status: 0 written, 2 unknown series/symbol, bad bounds or trouble.");
  cmd->add_option("SERIES|SYMBOL", args->target,
                  "A member's symbol (A/RES/54/144 or 54/144), a series key or a series name")
      ->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--from", args->from, "First session: a session number or a member's symbol");
  cmd->add_option("--to", args->to, "Last session: a session number or a member's symbol");
  cmd->add_option("--format", args->format, "md (default), html, json or docx")
      ->check(CLI::IsMember({"md", "html", "json", "docx"}));
  cmd->add_option("-o,--output", args->output,
                  "Write to FILE instead of stdout (whole or not at all; an existing FILE is "
                  "replaced only when it is empty or a report or Word document Recital wrote, "
                  "never inside an archive directory)");
  cmd->add_flag("--substantive", args->substantive,
                "Do not list technical changes (they stay counted; docx: plain text, not "
                "tracked changes)");
  AddThresholdOption(cmd, &args->threshold);
  AddLangOption(cmd, &args->lang);
  cmd->footer(
      "Example:\n"
      "  recital report A/RES/54/144 --format html -o cis-refugees.html\n"
      "  recital report 54/144 --from 52 --to 54 --format md --substantive\n"
      "  recital report 54/144 --format docx -o cis-refugees.docx");
  cmd->callback([args, &ctx] { ctx.exit_code = RunReport(*args); });
}

}  // namespace

RECITAL_COMMAND(report, 33, SetupReport);

}  // namespace recital::cli

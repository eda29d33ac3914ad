// `recital blame SYMBOL [--format text|json]`: for every paragraph, the session where its
// wording first appeared and its earlier wordings back through the follow-up series.
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "cli/util_history.h"

namespace recital::cli {
namespace {

struct BlameArgs {
  std::string archive;
  std::string symbol;
  std::string format = "text";
};

std::string BlameText(const SeriesHistory& h, const std::vector<BlameParagraph>& ps) {
  const Resolution& r = h.records.back();
  std::string out = fmt::format("{} ({}): {}\n", r.symbol, r.title.empty() ? "no title" : r.title,
                                h.records.size() == 1
                                    ? std::string("first of its series")
                                    : fmt::format("series '{}' from {}", h.series.name,
                                                  ShortSymbol(h.records.front().symbol)));
  const bool colour = UseColour(stdout);
  const char* dim = colour ? "\033[2m" : "";
  const char* bold = colour ? "\033[1m" : "";
  const char* reset = colour ? "\033[0m" : "";
  const char* section = "";
  for (const BlameParagraph& p : ps) {
    if (section != SectionName(p.section)) {
      section = SectionName(p.section);
      out += fmt::format("\n{}{}{}\n", bold, section, reset);
    }
    std::string label = p.number.empty() ? "-" : p.number;
    out += fmt::format("{:>4}  since {:<14} {}\n", label, ShortSymbol(p.since), p.text);
    for (const LineageEntry& e : p.lineage) {
      out += fmt::format("{}      from  {:<14} {}{}\n", dim, ShortSymbol(e.symbol), e.text, reset);
    }
  }
  return out;
}

int RunBlame(const BlameArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  auto view = BlameSymbol(*archive, args.symbol);
  if (!view.ok()) {
    PrintError(view.status().message());
    return 2;
  }
  if (args.format == "json") {
    std::fputs((BlameJson(NormalizeSymbolArg(args.symbol), view->paragraphs).dump(2) + "\n").c_str(),
               stdout);
  } else {
    std::fputs(BlameText(view->history, view->paragraphs).c_str(), stdout);
  }
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
      "text alone; a merged paragraph is followed through its first part.\n"
      "--format json: {\"symbol\", \"paragraphs\": [{\"section\", \"number\", \"lead\", \"text\",\n"
      "\"since\", \"lineage\": [{\"symbol\", \"text\"}]}]}, lineage newest first.\n"
      "Exit status: 0 shown, 2 unknown symbol or trouble.");
  cmd->add_option("SYMBOL", args->symbol, "Resolution symbol, e.g. A/RES/54/144 or 54/144")
      ->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--format", args->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer("Example:\n  recital blame A/RES/54/144\n  recital blame 54/144 --format json");
  cmd->callback([args, &ctx] { ctx.exit_code = RunBlame(*args); });
}

}  // namespace

RECITAL_COMMAND(blame, 31, SetupBlame);

}  // namespace recital::cli

// `recital series`: the follow-up series of the archive (detected from titles and recall
// chains) and the user's corrections (history::SeriesCorrections keeps them in the archive).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "history/history.h"
#include "schema/symbol.h"
#include "render/render.h"

namespace recital::cli {
namespace {

struct SeriesArgs {
  std::string archive_flag;
  bool json = false;
  std::string a, b;  // operands of rename/join/split
};

int List(const SeriesArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive_flag, ArchiveMode::kRead);
  if (!archive) return 2;
  if (!args.json) {
    // Series by series, as read: at 100,000 releases the listing is 5,000 series and 1.5 MB,
    // and holding every series at once was a third of the command's time. Printed once
    // complete, so an error leaves no partial listing.
    std::vector<Series> one(1);
    std::string out;
    Status st = history::ForEachArchiveSeries(*archive, [&](const Series& s) {
      one[0] = s;
      out += render::SeriesListText(one);
      return Status::Ok();
    });
    if (!st.ok()) {
      PrintError(st.ToString());
      return 2;
    }
    Out(out);
    return 0;
  }
  auto all = history::ArchiveSeries(*archive);
  if (!all.ok()) {
    PrintError(all.status().ToString());
    return 2;
  }
  Out(args.json ? render::JsonText(render::SeriesListJson(*all)) : render::SeriesListText(*all));
  return 0;
}

std::unique_ptr<store::Archive> OpenForWrite(const SeriesArgs& args) {
  return OpenArchiveOrReport(args.archive_flag, ArchiveMode::kWrite);
}

// Reports the outcome of a correction: `done` on success.
int Done(const Status& st, const std::string& done) {
  if (!st.ok()) {
    PrintError(st.ToString());
    return 2;
  }
  std::fprintf(stderr, "recital: %s\n", done.c_str());
  return 0;
}

int Rename(const SeriesArgs& args) {
  if (args.b.empty()) {
    PrintError("series rename: the new name must not be empty");
    return 2;
  }
  auto archive = OpenForWrite(args);
  if (!archive) return 2;
  auto s = history::ResolveSeriesArg(*archive, args.a);
  if (!s.ok()) {
    PrintError(s.status().message());
    return 2;
  }
  return Done(history::SeriesCorrections::Rename(*archive, s->key, args.b),
              "series " + s->key + " is now named \"" + args.b + "\"");
}

int Join(const SeriesArgs& args) {
  auto archive = OpenForWrite(args);
  if (!archive) return 2;
  auto a = history::ResolveSeriesArg(*archive, args.a);
  if (!a.ok()) {
    PrintError(a.status().message());
    return 2;
  }
  auto b = history::ResolveSeriesArg(*archive, args.b);
  if (!b.ok()) {
    PrintError(b.status().message());
    return 2;
  }
  if (a->key == b->key) {
    // Two resolutions detection already groups: the join is kept, by the two members, so it
    // holds should later documents or corrections part them.
    const std::string sa = NormalizeSymbol(args.a), sb = NormalizeSymbol(args.b);
    if (sa != sb && archive->GetDocument(sa).ok() && archive->GetDocument(sb).ok()) {
      return Done(history::SeriesCorrections::JoinMembers(*archive, sa, sb),
                  sa + " and " + sb + " are already one series (" + a->key +
                      "); the join is kept should detection part them");
    }
    PrintError("series join: " + args.a + " and " + args.b + " are already one series (" + a->key + ")");
    return 2;
  }
  return Done(history::SeriesCorrections::Join(*archive, a->key, b->key),
              "joined series " + a->key + " and " + b->key);
}

int Split(const SeriesArgs& args) {
  auto archive = OpenForWrite(args);
  if (!archive) return 2;
  std::string symbol = NormalizeSymbol(args.a);
  auto doc = archive->GetDocument(symbol);
  if (!doc.ok()) {
    PrintError("series split: " + args.a + ": " + doc.status().message());
    return 2;
  }
  return Done(history::SeriesCorrections::SplitOut(*archive, symbol),
              symbol + " now forms a series of its own");
}

void SetupSeries(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SeriesArgs>();
  CLI::App* cmd = app.add_subcommand(
      "series",
      "List the follow-up series of the archive: resolutions grouped by normalised title and\n"
      "by the \"Recalling its resolutions ...\" chain (titles change within a series), each with\n"
      "a stable key, a readable name and its symbols in session order. The subcommands correct\n"
      "the grouping; corrections are kept in the archive and apply to every later command.\n"
      "Exit status: 0 ok, 2 trouble (no archive, unknown series).");
  AddArchiveOption(cmd, &args->archive_flag);
  cmd->add_flag("--json", args->json, "JSON: [{\"key\", \"name\", \"symbols\": [...]}]");
  cmd->require_subcommand(0, 1);

  CLI::App* rename = cmd->add_subcommand("rename", "Give a series a name of your own");
  rename->add_option("SERIES", args->a, "Series key, name, or a member's symbol")->required();
  rename->add_option("NAME", args->b, "The new name")->required();
  AddArchiveOption(rename, &args->archive_flag);
  rename->callback([args, &ctx] { ctx.exit_code = Rename(*args); });

  CLI::App* join = cmd->add_subcommand("join", "Make two series one");
  join->add_option("SERIES_A", args->a, "Series key, name, or a member's symbol")->required();
  join->add_option("SERIES_B", args->b, "Series key, name, or a member's symbol")->required();
  AddArchiveOption(join, &args->archive_flag);
  join->callback([args, &ctx] { ctx.exit_code = Join(*args); });

  CLI::App* split = cmd->add_subcommand("split", "Take a resolution out of its series");
  split->add_option("SYMBOL", args->a, "Symbol (\"A/RES/54/144\" or \"54/144\")")->required();
  AddArchiveOption(split, &args->archive_flag);
  split->callback([args, &ctx] { ctx.exit_code = Split(*args); });

  cmd->footer(
      "Examples:\n"
      "  recital series --archive arch\n"
      "  recital series rename 54/144 \"CIS refugee conference follow-up\"\n"
      "  recital series join 50/151 51/70\n"
      "  recital series split A/RES/56/134");
  cmd->callback([args, cmd, &ctx] {
    if (cmd->get_subcommands().empty()) ctx.exit_code = List(*args);
  });
}

}  // namespace

RECITAL_COMMAND(series, 45, SetupSeries);

}  // namespace recital::cli

// `recital migrate [--dry-run] [--backup DIR] [--json]`: upgrade an archive written by an older
// Recital to the current format version (the steps are in migrations/).
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "history/history.h"
#include "migrations/migrations.h"
#include "render/render.h"

namespace recital::cli {
namespace {

struct MigrateArgs {
  std::string archive;
  std::string backup;
  bool dry_run = false;
  bool json = false;
};

std::string StepLine(const migrations::Step& s) {
  char number[16];
  std::snprintf(number, sizeof number, "m%04d", s.number);
  return std::string(number) + " " + s.name + " (" + std::to_string(s.from_version) + " -> " +
         std::to_string(s.to_version) + "): " + s.description;
}

nlohmann::json PlanJson(const migrations::Plan& plan, const MigrateArgs& args) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto* s : plan.steps) {
    steps.push_back({{"number", s->number},
                     {"name", s->name},
                     {"from_version", s->from_version},
                     {"to_version", s->to_version},
                     {"description", s->description}});
  }
  return {{"archive", plan.dir},
          {"from_version", plan.from_version},
          {"to_version", plan.to_version},
          {"dry_run", args.dry_run},
          {"backup", args.backup.empty() || plan.steps.empty() ? nlohmann::json(nullptr)
                                                               : nlohmann::json(args.backup)},
          {"steps", steps}};
}

int RunMigrate(const MigrateArgs& args) {
  const std::string dir = ResolveArchivePath(args.archive);
  auto plan = migrations::PlanMigration(dir);
  if (!plan.ok()) {
    const Status& st = plan.status();
    PrintError(st.IsFormatTooNew() ? st.message() : "cannot open archive " + dir + ": " + st.ToString());
    return 2;
  }
  if (!args.dry_run && !plan->steps.empty()) {
    migrations::MigrateOptions options;
    options.backup_dir = args.backup;
    options.on_step_done = [&](const migrations::Step& s) {
      if (!args.json) std::fprintf(stderr, "done: %s\n", StepLine(s).c_str());
    };
    if (!args.json) {
      std::fprintf(stderr, "migrating %s from format version %d to %d\n", dir.c_str(),
                   plan->from_version, plan->to_version);
    }
    auto done = migrations::Migrate(dir, options);
    if (!done.ok()) {
      PrintError(done.status().ToString());
      return 2;
    }
    plan = std::move(done);
    // Migrations see only the store; the series index (format 6) is history/'s to build.
    if (plan->to_version >= 6) {
      auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kWrite);
      if (!archive) return 2;
      RefreshSeriesIndexOrWarn(*archive);
    }
  }
  // The lineage index (format 6) is built whole by migrate, also on an archive already at the
  // current format whose index is stale (ingest leaves it stale until the ingest hook keeps it).
  if (!args.dry_run && plan->to_version >= 6) {
    if (auto archive = OpenArchive(args.archive, ArchiveMode::kWrite); archive.ok()) {
      RefreshSeriesIndexOrWarn(**archive);
      auto refreshed = history::RefreshLineageIndex(**archive);
      if (!refreshed.ok()) {
        PrintError("warning: the lineage index was not rebuilt (" +
                   refreshed.status().ToString() + "); log and blame compute until it is");
      }
    }
  }

  if (args.json) {
    Out(render::JsonText(PlanJson(*plan, args)));
    return 0;
  }
  if (plan->steps.empty()) {
    OutF("archive %s is at format version %d, the current one: nothing to do\n",
                dir.c_str(), plan->from_version);
    return 0;
  }
  if (args.dry_run) {
    OutF("archive %s is at format version %d; this Recital writes %d\n", dir.c_str(),
                plan->from_version, plan->to_version);
    OutF("would run %zu step(s):\n", plan->steps.size());
    for (const auto* s : plan->steps) OutF("  %s\n", StepLine(*s).c_str());
    OutF("dry run: nothing changed\n");
    return 0;
  }
  if (!args.backup.empty()) OutF("backup (format version %d) written to %s\n",
                                        plan->from_version, args.backup.c_str());
  OutF("migrated %s from format version %d to %d\n", dir.c_str(), plan->from_version,
              plan->to_version);
  return 0;
}

void SetupMigrate(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<MigrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "migrate",
      "Upgrade an archive written by an older Recital to the current format version, one\n"
      "numbered step at a time (each step is one transaction: a killed run leaves the old or\n"
      "the new version, and running it again finishes). --dry-run prints the steps and changes\n"
      "nothing; --backup DIR first writes a compacted copy of the archive to DIR.\n"
      "--json gives {archive, from_version, to_version, dry_run, backup, steps: [{number, name,\n"
      "from_version, to_version, description}]}. Exit status: 0 done (or nothing to do),\n"
      "2 trouble (the archive is then at the version of the last step that completed).");
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--dry-run,-n", args->dry_run, "Print the steps that would run; change nothing");
  cmd->add_option("--backup", args->backup,
                  "Before migrating, copy the archive (compacted) into this new directory");
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->footer(
      "Examples:\n  recital migrate --archive ~/un-archive --dry-run\n"
      "  recital migrate --archive ~/un-archive --backup ~/un-archive-v1\n");
  cmd->callback([args, &ctx] { ctx.exit_code = RunMigrate(*args); });
}

}  // namespace

RECITAL_COMMAND(migrate, 70, SetupMigrate);

}  // namespace recital::cli

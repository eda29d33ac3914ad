// `recital verify [--json]`: prove that nothing in the archive was lost or altered.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "history/history.h"
#include "render/render.h"
#include "store/store.h"

namespace recital::cli {
namespace {

struct VerifyArgs {
  std::string archive;
  bool json = false;
};

int RunVerify(const VerifyArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  auto report = archive->Verify();
  if (!report.ok()) {
    PrintError("verify could not run: " + report.status().ToString());
    return 2;
  }
  // The stored series membership (format 6), when fresh, against series detection run afresh.
  if (report->ok()) {
    auto series = history::CheckSeriesIndex(*archive);
    if (!series.ok()) {
      report->problems.push_back({"series index could not be checked: " +
                                      series.status().ToString(), {}});
    } else {
      for (std::string& p : *series) report->problems.push_back({std::move(p), {}});
    }
    // The stored lineage (format 6), when fresh, against the pairs diffed afresh.
    auto lineage = history::CheckLineageIndex(*archive);
    if (!lineage.ok()) {
      report->problems.push_back({"lineage index could not be checked: " +
                                      lineage.status().ToString(), {}});
    } else {
      for (std::string& p : *lineage) report->problems.push_back({std::move(p), {}});
    }
  }
  if (args.json) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : report->problems) {
      problems.push_back({{"problem", p.what}, {"documents", p.symbols}});
    }
    nlohmann::json out = {{"ok", report->ok()},
                          {"objects_checked", report->objects_checked},
                          {"documents_checked", report->documents_checked},
                          {"problems", problems}};
    Out(render::JsonText(out));
  } else {
    for (const auto& p : report->problems) {
      std::string docs;
      for (const auto& s : p.symbols) docs += (docs.empty() ? "" : ", ") + s;
      OutF("problem: %s\n  documents: %s\n", p.what.c_str(),
                  docs.empty() ? "(none)" : docs.c_str());
    }
    OutF("%s: %llu objects and %llu documents checked, %zu problem(s)\n",
                report->ok() ? "ok" : "FAILED",
                static_cast<unsigned long long>(report->objects_checked),
                static_cast<unsigned long long>(report->documents_checked),
                report->problems.size());
  }
  return report->ok() ? 0 : 1;
}

void SetupVerify(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Re-hash every stored object, decode every record and check every reference and index\n"
      "entry. Prints each problem with the documents it touches. --json gives {ok,\n"
      "objects_checked, documents_checked, problems: [{problem, documents}]}.\n"
      "Exit status: 0 all sound, 1 problems found, 2 could not check.");
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->footer("Example:\n  recital verify --archive ~/un-archive");
  cmd->callback([args, &ctx] { ctx.exit_code = RunVerify(*args); });
}

}  // namespace

RECITAL_COMMAND(verify, 14, SetupVerify);

}  // namespace recital::cli

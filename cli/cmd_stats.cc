// `recital stats [--json]`: what the archive holds and how small it is.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "render/render.h"
#include "store/store.h"

namespace recital::cli {
namespace {

struct StatsArgs {
  std::string archive;
  bool json = false;
};

double Ratio(uint64_t a, uint64_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }

int RunStats(const StatsArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  auto s = archive->Stats();
  if (!s.ok()) {
    PrintError(s.status().ToString());
    return 2;
  }
  uint64_t objects = s->raw_objects + s->paragraph_objects + s->record_objects + s->other_objects;
  // Entries of the objects database, what `verify` checks and counts: from format 4, paragraph
  // wordings live inside the records (one paragraph_uses entry each), not as objects.
  const bool inline_wordings = s->paragraph_object_bytes == 0 && s->paragraph_objects > 0;
  const uint64_t stored = objects - (inline_wordings ? s->paragraph_objects : 0);
  nlohmann::json j = {
      {"documents", s->documents},
      {"versions", s->versions},
      {"objects",
       {{"release", s->raw_objects},
        {"paragraph", s->paragraph_objects},
        {"record", s->record_objects},
        {"total", objects},
        {"stored", stored}}},
      {"object_bytes",
       {{"release", s->raw_object_bytes},
        {"paragraph", s->paragraph_object_bytes},
        {"record", s->record_object_bytes},
        {"total", s->object_bytes}}},
      {"raw_bytes", s->raw_bytes},
      {"stored_bytes", s->stored_bytes},
      {"ratio_raw_to_stored", Ratio(s->raw_bytes, s->stored_bytes)},
      {"ratio_raw_to_objects", Ratio(s->raw_bytes, s->object_bytes)},
      {"paragraph_uses", s->paragraph_uses},
      {"reused_paragraphs", s->reused_paragraphs},
      {"uses_per_paragraph", Ratio(s->paragraph_uses, s->paragraph_objects)},
  };
  if (args.json) {
    Out(render::JsonText(j));
    return 0;
  }
  OutF("documents          %llu (%llu versions)\n",
              static_cast<unsigned long long>(s->documents),
              static_cast<unsigned long long>(s->versions));
  // "objects" counts what verify counts (its "N objects ... checked"): stored objects. Wordings
  // kept inside the records are named apart so the two numbers cannot be confused.
  if (inline_wordings) {
    OutF("objects            %llu stored: %llu releases, %llu records (and %llu paragraph "
                "wordings inside the records)\n",
                static_cast<unsigned long long>(stored),
                static_cast<unsigned long long>(s->raw_objects),
                static_cast<unsigned long long>(s->record_objects),
                static_cast<unsigned long long>(s->paragraph_objects));
  } else {
    OutF("objects            %llu stored: %llu releases, %llu paragraph wordings, %llu "
                "records\n",
                static_cast<unsigned long long>(stored),
                static_cast<unsigned long long>(s->raw_objects),
                static_cast<unsigned long long>(s->paragraph_objects),
                static_cast<unsigned long long>(s->record_objects));
  }
  OutF("raw bytes          %s (sum of release sizes)\n", HumanBytes(s->raw_bytes).c_str());
  OutF("object bytes       %s (releases %s, paragraphs %s, records %s); raw/objects %.2fx\n",
              HumanBytes(s->object_bytes).c_str(), HumanBytes(s->raw_object_bytes).c_str(),
              HumanBytes(s->paragraph_object_bytes).c_str(),
              HumanBytes(s->record_object_bytes).c_str(), Ratio(s->raw_bytes, s->object_bytes));
  OutF("stored bytes       %s (database pages in use); raw/stored %.2fx\n",
              HumanBytes(s->stored_bytes).c_str(), Ratio(s->raw_bytes, s->stored_bytes));
  OutF("paragraph reuse    %llu uses of %llu wordings; %llu wordings used more than once\n",
              static_cast<unsigned long long>(s->paragraph_uses),
              static_cast<unsigned long long>(s->paragraph_objects),
              static_cast<unsigned long long>(s->reused_paragraphs));
  return 0;
}

void SetupStats(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "stats",
      "Summarise the archive: documents, versions, objects by type, raw_bytes (sum of release\n"
      "sizes), object and stored bytes (database pages in use), ratios, paragraph reuse.\n"
      "Objects: the stored ones, as `verify` counts them (--json objects.stored); paragraph\n"
      "wordings kept inside the records are counted apart (objects.total counts both).");
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->footer("Example:\n  recital stats --json");
  cmd->callback([args, &ctx] { ctx.exit_code = RunStats(*args); });
}

}  // namespace

RECITAL_COMMAND(stats, 15, SetupStats);

}  // namespace recital::cli

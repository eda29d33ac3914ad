// `recital gc [--json]`: repack the archive like `git gc` (store::RepackArchive): every database
// rewritten in key order into full pages, swapped in atomically.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "render/render.h"
#include "store/store.h"

namespace recital::cli {
namespace {

struct GcArgs {
  std::string archive;
  bool json = false;
};

// One line on stderr, redrawn at most every 100 ms; only on a terminal and for big archives.
class GcProgress {
 public:
  explicit GcProgress(bool enabled) : enabled_(enabled) {}
  ~GcProgress() { Clear(); }
  void Update(const store::RepackProgress& p) {
    if (!enabled_ || p.entries_total < 100000) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    std::string db(p.database);
    std::fprintf(stderr, "\rgc: %llu/%llu databases, %llu/%llu entries (%s)   ",
                 static_cast<unsigned long long>(p.databases_done),
                 static_cast<unsigned long long>(p.databases_total),
                 static_cast<unsigned long long>(p.entries_done),
                 static_cast<unsigned long long>(p.entries_total), db.c_str());
    std::fflush(stderr);
  }
  void Clear() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r%*s\r", 78, "");
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

std::string Summary(const store::RepackStats& s) {
  double change = s.before_bytes == 0
                      ? 0
                      : 100.0 * (static_cast<double>(s.before_bytes) - s.after_bytes) /
                            static_cast<double>(s.before_bytes);
  char line[512];
  std::snprintf(line, sizeof line,
                "gc: %llu bytes (%s, %llu pages) -> %llu bytes (%s, %llu pages), %.1f%% %s; "
                "%llu databases, %llu entries copied in %.2f s\n",
                static_cast<unsigned long long>(s.before_bytes), HumanBytes(s.before_bytes).c_str(),
                static_cast<unsigned long long>(s.before_pages),
                static_cast<unsigned long long>(s.after_bytes), HumanBytes(s.after_bytes).c_str(),
                static_cast<unsigned long long>(s.after_pages), change < 0 ? -change : change,
                change < 0 ? "larger" : "smaller", static_cast<unsigned long long>(s.databases),
                static_cast<unsigned long long>(s.entries), s.seconds);
  return line;
}

int RunGc(const GcArgs& args) {
  const std::string dir = ResolveArchivePath(args.archive);
  GcProgress progress(!args.json && IsTerminal(stderr));
  store::RepackOptions options;
  options.on_progress = [&](const store::RepackProgress& p) {
    if (p.stage == store::RepackProgress::Stage::kCopying) progress.Update(p);
  };
  auto stats = store::RepackArchive(dir, options);
  progress.Clear();
  if (!stats.ok()) {
    const Status& st = stats.status();
    if (st.IsNotFound()) {
      PrintError("no archive at " + dir + " (name one with --archive DIR or RECITAL_ARCHIVE)");
    } else if (st.IsFormatTooNew() || st.IsIOError()) {
      PrintError(st.message());
    } else {
      PrintError("gc of " + dir + " failed: " + st.ToString());
    }
    return 2;
  }
  if (args.json) {
    nlohmann::json out = {{"archive", dir},
                          {"before_bytes", stats->before_bytes},
                          {"after_bytes", stats->after_bytes},
                          {"before_pages", stats->before_pages},
                          {"after_pages", stats->after_pages},
                          {"page_size", stats->page_size},
                          {"databases", stats->databases},
                          {"entries", stats->entries},
                          {"seconds", stats->seconds}};
    Out(render::JsonText(out));
  } else {
    Out(Summary(*stats));
  }
  return 0;
}

void SetupGc(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<GcArgs>();
  CLI::App* cmd = app.add_subcommand(
      "gc",
      "Repack the archive like `git gc`: rewrite every database in key order into a fresh\n"
      "file with full pages and swap it in atomically (a killed gc leaves the old archive).\n"
      "The content is unchanged: every command answers the same afterwards. Needs the\n"
      "archive to itself: refused while another recital process (or reader) has it open.\n"
      "--json gives {archive, before_bytes, after_bytes, before_pages, after_pages,\n"
      "page_size, databases, entries, seconds}.\n"
      "Exit status: 0 repacked, 2 trouble (in use, no archive, disk).");
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->footer("Example:\n  recital gc --archive ~/un-archive\n"
              "  recital gc --archive ~/un-archive && mdb_copy -c ~/un-archive /backup/un");
  cmd->callback([args, &ctx] { ctx.exit_code = RunGc(*args); });
}

}  // namespace

RECITAL_COMMAND(gc, 71, SetupGc);

}  // namespace recital::cli

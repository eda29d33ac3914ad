// `recital`: dispatch only. Each subcommand lives in its own cmd_<name>.cc and registers
// itself (cli/command.h).
#include <lmdb.h>
#include <zstd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "cli/command.h"
#include "cli/common.h"
#include "schema/schema.h"

#ifndef RECITAL_VERSION
#define RECITAL_VERSION "0.0.0"
#endif

namespace recital::cli {

std::vector<CommandEntry>& CommandRegistry() {
  static std::vector<CommandEntry> registry;
  return registry;
}

namespace {

std::string VersionText() {
  int major = 0, minor = 0, patch = 0;
  mdb_version(&major, &minor, &patch);
  return std::string("recital ") + RECITAL_VERSION + "\n" +
         "  LMDB " + std::to_string(major) + "." + std::to_string(minor) + "." +
         std::to_string(patch) + "\n" +
         "  zstd " + ZSTD_versionString() + "\n" +
         "  xxHash " + XxhashVersionString() + "\n" +
         "  Cap'n Proto " + CapnpVersionString() + "\n";
}

// `recital --help` lists one short line per command, as git does; the whole description is in
// `recital COMMAND --help`.
const char* BriefOf(const std::string& command) {
  static const std::pair<const char*, const char*> kBriefs[] = {
      {"demo", "Run the main job end to end"},
      {"ingest", "Put release files into the archive"},
      {"ls", "List the documents in the archive"},
      {"show", "Print the stored record of a document"},
      {"cat", "Write a stored release's exact bytes"},
      {"verify", "Check every stored object and index"},
      {"stats", "Summarise what the archive holds"},
      {"current", "Show or choose the current version of a document"},
      {"parse", "Parse release files without an archive"},
      {"log", "A series session by session, with its changes"},
      {"blame", "Where each paragraph's wording began"},
      {"grep", "Find a phrase in every archived resolution"},
      {"report", "Write the change report of a series"},
      {"export", "Export resolutions as Akoma Ntoso XML"},
      {"diff", "Compare two resolutions, paragraph and word"},
      {"series", "List, rename, join or split follow-up series"},
      {"serve", "Serve the archive as web pages and JSON"},
      {"migrate", "Upgrade an archive to this build's format"},
      {"gc", "Repack the archive into a compact file"},
      {"generate", "Write synthetic series with known edits"},
  };
  for (const auto& [name, brief] : kBriefs) {
    if (command == name) return brief;
  }
  return nullptr;
}

class BriefFormatter : public CLI::Formatter {
 public:
  std::string make_subcommand(const CLI::App* sub) const override {
    const char* brief = BriefOf(sub->get_name());
    if (brief == nullptr || sub->get_parent() == nullptr ||
        sub->get_parent()->get_parent() != nullptr) {
      return CLI::Formatter::make_subcommand(sub);
    }
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true), brief, column_width_);
    return out.str();
  }
};

}  // namespace
}  // namespace recital::cli

int main(int argc, char** argv) {
  using namespace recital::cli;
  CLI::App app{
      "Recital archives United Nations General Assembly resolutions and shows how\n"
      "their wording changes from one session to the next.\n\n"
      "Archive: --archive DIR, else $RECITAL_ARCHIVE, else ./recital-archive.\n"
      "Exit status: 0 success, 1 the command found what it reports (differences,\n"
      "refused files, a failed verify), 2 misuse or trouble.",
      "recital"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", VersionText());
  app.footer("Run 'recital COMMAND --help' for a command's options and an example.");
  app.formatter(std::make_shared<BriefFormatter>());

  Context ctx;
  auto& registry = CommandRegistry();
  std::sort(registry.begin(), registry.end(),
            [](const CommandEntry& a, const CommandEntry& b) { return a.order < b.order; });
  for (auto& entry : registry) entry.setup(app, ctx);

  if (argc <= 1) {
    // No command is misuse, as in git: the help goes to stderr (it is not the data asked for).
    std::fputs(app.help().c_str(), stderr);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);  // --help and --version print to stdout and exit 0
    NoteStandardOutputError();
    if (!FlushStandardOutput()) return 2;
    return rc == 0 ? 0 : 2;  // STYLE.md: misuse exits 2
  }
  if (app.get_subcommands().empty()) {
    std::fputs(app.help().c_str(), stderr);
    return 2;
  }
  // Every command's data goes to stdout: output that did not arrive is trouble, whatever the
  // command found.
  if (!FlushStandardOutput()) return 2;
  return ctx.exit_code;
}

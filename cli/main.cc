// `recital`: dispatch only. Each subcommand lives in its own cmd_<name>.cc and registers
// itself (cli/command.h).
#include <lmdb.h>
#include <zstd.h>

#include <algorithm>
#include <cstdio>

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

}  // namespace
}  // namespace recital::cli

int main(int argc, char** argv) {
  using namespace recital::cli;
  CLI::App app{
      "Recital archives United Nations General Assembly resolutions and shows how their wording\n"
      "changes from one session to the next.\n\n"
      "Archive: --archive DIR, else $RECITAL_ARCHIVE, else ./recital-archive.\n"
      "Exit status: 0 success, 1 the command found what it reports (differences, refused files,\n"
      "a failed verify), 2 misuse or trouble.",
      "recital"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", VersionText());
  app.footer("Run 'recital COMMAND --help' for a command's options and an example.");

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

// `recital serve [--archive DIR] [--port N] [--bind ADDR]`: the archive in a browser, and its
// JSON API, until SIGINT or SIGTERM (serve/serve.h).
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "serve/serve.h"

namespace recital::cli {
namespace {

struct ServeArgs {
  std::string archive;
  serve::ServeOptions options;
};

// Requests still running this long after SIGINT/SIGTERM are cut off (nothing is written).
constexpr int kGraceMilliseconds = 500;

int RunServe(const ServeArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead, serve::kReaderMapBytes);
  if (!archive) return 2;
  bool unfinished = false;
  Status st = serve::ServeUntilSignal(
      *archive, args.options,
      [&](const std::string& url) {
        std::fprintf(stderr, "recital: serving %s read-only at %s (Ctrl-C to stop)\n",
                     archive->dir().c_str(), url.c_str());
        if (!serve::IsLoopbackAddress(args.options.bind)) {
          std::fprintf(stderr,
                       "recital: warning: listening on %s: other machines can read the archive\n",
                       args.options.bind.c_str());
        }
        std::fflush(stderr);
      },
      kGraceMilliseconds, &unfinished);
  if (!st.ok()) {
    PrintError("serve: " + st.message());
    return 2;
  }
  std::fprintf(stderr, "recital: stopped serving %s\n", archive->dir().c_str());
  if (unfinished) {
    // Workers are still in requests of slow clients and read the archive: leave without
    // running destructors under them. Serving wrote nothing, so nothing is lost.
    std::fflush(nullptr);
    _exit(0);
  }
  return 0;
}

void SetupServe(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the archive read-only to a web browser: every series with search (/), a series'\n"
      "timeline with a chart of changes per session (/series/KEY), a resolution with each\n"
      "paragraph linked to its lineage (/resolution/SYMBOL), any two resolutions side by side\n"
      "(/compare?from=SYMBOL&to=SYMBOL), blame (/blame/SYMBOL), phrase search\n"
      "(/search?q=PHRASE); and the CLI's JSON under /api/ (series, resolution/SYMBOL,\n"
      "diff?from=&to=, blame/SYMBOL, log/SERIES, grep?q=). Listens on 127.0.0.1 unless --bind\n"
      "says otherwise, prints its URL on stderr and serves until SIGINT or SIGTERM (then exits\n"
      "0). Ingests may run meanwhile: pages show only whole releases.\n"
      "Exit status: 0 stopped by a signal, 2 trouble (no archive, port in use).");
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--port", args->options.port, "TCP port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", args->options.bind,
                  "Address to listen on (default 127.0.0.1; 0.0.0.0 serves other machines too)");
  cmd->footer(
      "Examples:\n  recital serve --archive demo-archive\n"
      "  recital serve --archive arch --port 9000   # then open http://127.0.0.1:9000/");
  cmd->callback([args, &ctx] { ctx.exit_code = RunServe(*args); });
}

}  // namespace

RECITAL_COMMAND(serve, 60, SetupServe);

}  // namespace recital::cli

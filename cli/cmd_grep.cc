// `recital grep PHRASE [--series S] [--json] [-l | -c]`: every archived paragraph holding a
// phrase, by series, with the first and last session it appears in; -l the resolutions only,
// -c their paragraph counts. Backed by the archive's word index (Archive::FindPhrase,
// Archive::FindPhraseDocuments), so only candidate paragraphs are decoded.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "history/history.h"
#include "render/render.h"

namespace recital::cli {
namespace {

struct GrepArgs {
  std::string archive;
  std::string phrase;
  std::string series;
  bool json = false;
  bool files = false;  // -l
  bool count = false;  // -c
};

// -l / -c: the documents, or the paragraph lines per document, the full output would give.
int RunGrepList(const store::Archive& archive, const GrepArgs& args) {
  if (args.files) {
    auto docs = history::GrepDocuments(archive, args.phrase, args.series);
    if (!docs.ok()) {
      PrintError(docs.status().message());
      return 2;
    }
    Out(args.json ? render::JsonText(render::GrepDocumentsJson(*docs))
                  : render::GrepDocumentsText(*docs));
    return docs->empty() ? 1 : 0;
  }
  auto counts = history::GrepCounts(archive, args.phrase, args.series);
  if (!counts.ok()) {
    PrintError(counts.status().message());
    return 2;
  }
  Out(args.json ? render::JsonText(render::GrepCountsJson(*counts))
                : render::GrepCountsText(*counts));
  return counts->empty() ? 1 : 0;
}

int RunGrep(const GrepArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  if (args.files || args.count) return RunGrepList(*archive, args);
  auto grep = history::Grep(*archive, args.phrase, args.series);
  if (!grep.ok()) {
    PrintError(grep.status().message());
    return 2;
  }
  Out(args.json ? render::JsonText(render::GrepJson(*grep))
                : render::GrepText(*grep, UseColour(stdout)));
  return grep->series.empty() ? 1 : 0;
}

void SetupGrep(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<GrepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "grep",
      "Every archived paragraph (newest version of each resolution) that contains PHRASE as a\n"
      "run of whole words, case and punctuation ignored, grouped by follow-up series with the\n"
      "first and last session it appears in. Uses the archive's word index (format 2 and on).\n"
      "Text: per series a header line, then one line per paragraph: symbol, paragraph label\n"
      "as diff gives it (PP3: third preamble paragraph, OP6: operative paragraph 6), text.\n"
      "--json: {\"phrase\", \"series\": [{\"key\", \"name\", \"first\": {\"symbol\", \"session\"},\n"
      "\"last\": {...}, \"paragraphs\": [{\"symbol\", \"session\", \"position\" (1-based, in\n"
      "document order), \"label\", \"lead\", \"text\", \"matches\": [{\"subparagraph\",\n"
      "\"byte_offset\", \"byte_length\"}]}]}]}.\n"
      "-l: only the symbols of the resolutions that output lists, one per line, sorted (as\n"
      "`git grep -l -w`); --json: [{\"symbol\", \"versions\": [{\"version\", \"language\"}]}],\n"
      "the searched versions holding PHRASE. -c: \"SYMBOL:N\" per resolution, N its paragraph\n"
      "lines; --json: [{\"symbol\", \"paragraphs\"}].\n"
      "Exit status: 0 found, 1 not found, 2 trouble (no words in PHRASE, old archive).");
  cmd->add_option("PHRASE", args->phrase, "Words to find, e.g. \"burden-sharing\"")->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--series", args->series, "Only this series (a symbol, key or name)");
  cmd->add_flag("--json", args->json, "Output JSON");
  auto* files = cmd->add_flag("-l,--files-with-matches", args->files,
                              "Only the symbols of the resolutions holding PHRASE");
  cmd->add_flag("-c,--count", args->count,
                "Per resolution, how many of its paragraphs hold PHRASE")
      ->excludes(files);
  cmd->footer(
      "Example:\n  recital grep \"in particular\" --series A/RES/54/144\n"
      "  recital grep \"voluntary repatriation\" --json\n"
      "  recital grep -l decolonization --archive ~/un-archive");
  cmd->callback([args, &ctx] { ctx.exit_code = RunGrep(*args); });
}

}  // namespace

RECITAL_COMMAND(grep, 32, SetupGrep);

}  // namespace recital::cli

// `recital diff OLD NEW`: what changed between two resolutions, paragraph by paragraph and word
// by word. OLD and NEW are release files (parsed on the fly, nothing stored) or archive symbols.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "cli/util_output.h"
#include "diff/diff.h"
#include "history/history.h"
#include "schema/symbol.h"
#include "ingest/ingest.h"
#include "render/render.h"

namespace recital::cli {
namespace {

struct DiffArgs {
  std::string old_arg, new_arg;
  std::string format = "text";
  bool all = false;
  bool substantive = false;
  std::string output;
  double threshold = DiffOptions{}.reword_threshold;
  std::string archive_flag;
  std::string lang;
  bool parallel = false;  // two language versions side by side (AlignParallel)
  int width = 0;          // --parallel text: columns (0: $COLUMNS on a terminal, else 80)
};

// A path that exists is read as a release file (only a regular file is read); an argument that
// reads as a symbol is looked up in the archive (opened once, lazily); anything else is a
// missing file.
class Loader {
 public:
  Loader(const std::string& archive_flag, const std::string& lang)
      : archive_flag_(archive_flag), lang_(lang) {}
  Result<Resolution> Load(const std::string& arg) {
    std::error_code ec;
    const bool symbol_like = ParseSymbolArg(arg).has_value();
    if (std::filesystem::exists(std::filesystem::symlink_status(arg, ec)) || !symbol_like) {
      Result<std::string> bytes = ReadFileLimited(arg, kDefaultMaxReleaseBytes);
      if (!bytes.ok()) return bytes.status();
      ParseOptions po;
      po.source_name = arg;
      return ParseRelease(*bytes, po);
    }
    if (!archive_) {
      auto opened = OpenArchive(archive_flag_, ArchiveMode::kRead);
      if (!opened.ok() && opened.status().IsNotFound()) {
        return Status::NotFound(arg + ": no such file, and no archive at " +
                                ResolveArchivePath(archive_flag_) +
                                " to look the symbol up in (name one with --archive DIR)");
      }
      if (!opened.ok()) return opened.status();
      archive_ = std::move(*opened);
    }
    std::string symbol = NormalizeSymbol(arg);
    Result<uint32_t> version = ResolveVersion(*archive_, symbol, 0, lang_);
    if (!version.ok() && !version.status().IsNotFound()) return version.status();
    if (!version.ok() && archive_->GetDocument(symbol).ok()) return version.status();
    Result<Resolution> r = archive_->GetResolution(symbol, version.ok() ? *version : 0);
    if (!r.ok() && r.status().IsNotFound())
      return Status::NotFound(arg + ": neither a file nor a symbol in the archive " +
                              archive_->dir());
    return r;
  }

 private:
  std::string archive_flag_;
  std::string lang_;
  std::unique_ptr<store::Archive> archive_;
};

// As GNU diff: 1 when there are changes (with substantive: changes that are not technical).
int ExitStatus(const DiffResult& d, bool substantive) {
  if (!substantive) return d.HasChanges() ? 1 : 0;
  for (const Change& c : d.changes) {
    if (render::IsReportedChange(c, /*substantive=*/true)) return 1;
  }
  return 0;
}

// The Word document of a diff: to -o FILE (replacing only a document of ours), or to stdout
// when that is not a terminal.
int WriteDocx(const DiffArgs& args, const Resolution& from, const Resolution& to,
              const DiffResult& d) {
  render::DocxOptions docx;
  docx.substantive = args.substantive;
  Result<std::string> bytes = render::DiffDocx(from, to, d, docx);
  if (!bytes.ok()) {
    PrintError(bytes.status().message());
    return 2;
  }
  if (args.output.empty() || args.output == "-") {
    if (IsTerminal(stdout)) {
      PrintError("a Word document is not for a terminal: name a file with -o FILE");
      return 2;
    }
    Out(*bytes);
  } else if (Status st = WriteOutputFile(args.output, *bytes, render::IsDocxExport,
                                         "a Word document of Recital's");
             !st.ok()) {
    PrintError(st.message());
    return 2;
  }
  return ExitStatus(d, args.substantive);
}

// `--parallel`: the two texts as language versions of one resolution, side by side (as `show
// --parallel`, for files a translator has without an archive). Exit 0 agree, 1 disagree.
int PrintParallel(const DiffArgs& args, const Resolution& from, const Resolution& to) {
  if (args.format == "md" || args.format == "docx") {
    PrintError("--parallel writes text, html or json, not " + args.format);
    return 2;
  }
  const ParallelResult p = AlignParallel(from, to);
  const std::string symbol = from.symbol.empty() ? to.symbol : from.symbol;
  if (args.format == "json") {
    Out(render::JsonText(render::ParallelJson(symbol, p)));
  } else if (args.format == "html") {
    Out(render::ParallelHtml(symbol, p));
  } else {
    int width = args.width;
    if (width == 0) {
      const char* cols = std::getenv("COLUMNS");
      width = (IsTerminal(stdout) && cols && std::atoi(cols) >= 30) ? std::atoi(cols) : 80;
    }
    Out(render::ParallelText(symbol, p, width));
  }
  return p.Agrees() ? 0 : 1;
}

int RunDiff(const DiffArgs& args) {
  if (!args.output.empty() && args.format != "docx") {
    PrintError("-o FILE is for --format docx; other formats go to standard output");
    return 2;
  }
  Loader loader(args.archive_flag, args.lang);
  Result<Resolution> from = loader.Load(args.old_arg);
  if (!from.ok()) {
    PrintError(from.status().message());
    return 2;
  }
  Result<Resolution> to = loader.Load(args.new_arg);
  if (!to.ok()) {
    PrintError(to.status().message());
    return 2;
  }
  if (from->preamble.empty() && from->operative.empty())
    std::fprintf(stderr, "recital: warning: %s: no paragraphs found\n", args.old_arg.c_str());
  if (to->preamble.empty() && to->operative.empty())
    std::fprintf(stderr, "recital: warning: %s: no paragraphs found\n", args.new_arg.c_str());
  if (args.parallel) return PrintParallel(args, *from, *to);
  DiffOptions opt;
  opt.reword_threshold = args.threshold;
  DiffResult d = DiffResolutions(*from, *to, opt);
  if (d.from_symbol.empty()) d.from_symbol = args.old_arg;
  if (d.to_symbol.empty()) d.to_symbol = args.new_arg;
  if (args.format == "docx") return WriteDocx(args, *from, *to, d);
  render::DiffRenderOptions ro;
  ro.all = args.all;
  ro.substantive = args.substantive;
  ro.colour = args.format == "text" && UseColour(stdout);
  std::string out;
  if (args.format == "json") {
    out = render::JsonText(render::DiffJson(d, args.substantive));
  } else if (args.format == "md") {
    out = render::DiffMarkdown(d, ro);
  } else if (args.format == "html") {
    out = render::DiffHtml(d, ro);
  } else {
    out = render::DiffText(d, ro);
  }
  Out(out);
  return ExitStatus(d, args.substantive);
}

void SetupDiff(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand(
      "diff",
      "Show what changed from OLD to NEW: paragraphs paired across the two texts (also when\n"
      "moved or renumbered), each classified unchanged, reworded, added, removed, split or\n"
      "merged, flagged moved / lead changed, with a word-level diff. Renumbering, footnote\n"
      "renumbering and line wrapping are not changes. OLD and NEW are release files (parsed on\n"
      "the fly, nothing stored) or symbols in the archive (\"A/RES/54/144\" or \"54/144\").\n"
      "Text output marks [-deleted-] and {+inserted+} words (colours on a terminal) and\n"
      "collapses unchanged paragraphs unless --all. A change only in symbols, dates and\n"
      "session numbers (a session's rollover) is marked \"technical\"; --substantive shows\n"
      "such changes as unchanged paragraphs (collapsed, counted in the summary line) and\n"
      "leaves them out of the JSON \"changes\" (the \"summary\" keeps every count).\n"
      "docx: a Word document (to -o FILE, or to stdout that is not a terminal) holding NEW's\n"
      "text with every change as a tracked change (author Recital, dated by NEW's adoption),\n"
      "to accept or reject in Word or LibreOffice; with --substantive technical updates are\n"
      "plain text there.\n"
      "Exit status (as GNU diff): 0 no changes, 1 changes, 2 trouble; with --substantive 0\n"
      "when every change is technical.");
  cmd->add_option("OLD", args->old_arg, "Older resolution: file or symbol")->required();
  cmd->add_option("NEW", args->new_arg, "Newer resolution: file or symbol")->required();
  cmd->add_option("--format", args->format, "Output: text (default), md, html, json or docx")
      ->check(CLI::IsMember({"text", "md", "html", "json", "docx"}));
  cmd->add_option("-o,--output", args->output, "docx: write the Word document to FILE");
  cmd->add_flag("--all", args->all, "Show unchanged paragraphs too");
  cmd->add_flag("--substantive", args->substantive,
                "Leave technical changes (symbols, dates, session numbers only) out of what is "
                "shown (docx: as plain text, not tracked changes); the counts keep them");
  cmd->add_option("--threshold", args->threshold,
                  "Similarity (0..1) from which a changed paragraph counts as reworded rather "
                  "than removed + added (default 0.5)")
      ->check(NumberBetween(0.0, 1.0));
  cmd->add_flag("--parallel", args->parallel,
                "OLD and NEW are two language versions of one resolution: show them side by "
                "side, paired by structure, as `show --parallel` (text, html or json; exit 1 "
                "when their structures disagree)");
  cmd->add_option("--width", args->width, "Text width in columns for --parallel (default 80)")
      ->check(WholeNumber(30, 1000));
  AddArchiveOption(cmd, &args->archive_flag);
  AddLangOption(cmd, &args->lang);
  cmd->footer(
      "Examples:\n"
      "  recital diff releases/A-RES-50-151.txt releases/A-RES-51-70.txt\n"
      "  recital diff 53/123 54/144 --format json\n"
      "  recital diff 53/123 54/144 --substantive\n"
      "  recital diff 53/123 54/144 --format docx -o 54-144-changes.docx\n"
      "  recital diff A/RES/53/123 new-draft.txt --all | less -R\n"
      "  recital diff A-RES-76-268.en.txt A-RES-76-268.fr.txt --parallel");
  cmd->callback([args, &ctx] { ctx.exit_code = RunDiff(*args); });
}

}  // namespace

RECITAL_COMMAND(diff, 40, SetupDiff);

}  // namespace recital::cli

// `recital export SYMBOL|FILE... [--all] --format akn [-o FILE|DIR]`: resolutions as Akoma Ntoso
// (AKN4UN) documents, with the paragraph lineage the archive knows.
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "cli/util_output.h"
#include "history/history.h"
#include "ingest/ingest.h"
#include "render/render.h"
#include "schema/symbol.h"

namespace recital::cli {
namespace {

namespace fs = std::filesystem;

struct ExportArgs {
  std::vector<std::string> targets;
  bool all = false;
  std::string format = "akn";
  std::string output;
  bool no_lineage = false;
  std::string archive_flag;
};

// One document to write: its file name in a directory, and its XML.
struct Exported {
  std::string name;
  std::string xml;
};

std::string FileName(const Resolution& r, const std::string& fallback) {
  const std::string stem = r.symbol.empty() ? fallback : SymbolFileStem(r.symbol);
  return stem + ".akn.xml";
}

// Whole or not at all (WriteOutputFile); an existing file is replaced only when it is an export
// Recital wrote.
bool WriteWhole(const std::string& path, const std::string& data) {
  Status st = WriteOutputFile(path, data, render::IsAknExport,
                              "an Akoma Ntoso export of Recital's");
  if (!st.ok()) PrintError(st.message());
  return st.ok();
}

class Exporter {
 public:
  explicit Exporter(const ExportArgs& args) : args_(args) {}

  // An existing file is parsed (no archive, no lineage); anything else is an archive symbol.
  bool Add(const std::string& target) {
    std::error_code ec;
    if (fs::is_regular_file(target, ec)) {
      Result<std::string> bytes = ReadFileLimited(target, kDefaultMaxReleaseBytes);
      if (!bytes.ok()) return Fail(bytes.status().message());
      ParseOptions po;
      po.source_name = target;
      Result<Resolution> r = ParseRelease(*bytes, po);
      if (!r.ok()) return Fail(r.status().message());
      out_.push_back({FileName(*r, fs::path(target).stem().string()), render::AknXml(*r)});
      return true;
    }
    if (!Open()) return false;
    const std::string symbol = NormalizeSymbol(target);
    if (args_.no_lineage) {
      Result<Resolution> r = archive_->GetResolution(symbol);
      if (!r.ok()) return Fail(r.status().message());
      out_.push_back({FileName(*r, symbol), render::AknXml(*r)});
      return true;
    }
    Result<history::BlameView> blame = history::BlameSymbol(*archive_, symbol, {}, /*all_records=*/true);
    if (!blame.ok()) return Fail(blame.status().message());
    const render::AknLineage lineage = render::AknLineageOf(*blame);
    const Resolution& r = blame->history.records.back();
    out_.push_back({FileName(r, symbol), render::AknXml(r, &lineage)});
    return true;
  }

  // Every document of the archive, series by series (each series loaded and diffed once).
  bool AddAll() {
    if (!Open()) return false;
    auto series = history::ArchiveSeries(*archive_);
    if (!series.ok()) return Fail(series.status().message());
    for (const Series& s : *series) {
      auto h = history::LoadSeriesHistory(*archive_, s, nullptr, !args_.no_lineage);
      if (!h.ok()) return Fail(h.status().message());
      std::vector<render::AknLineage> lineage;
      if (!args_.no_lineage) lineage = render::AknSeriesLineage(*h);
      for (size_t i = 0; i < h->records.size(); ++i) {
        const Resolution& r = h->records[i];
        out_.push_back({FileName(r, s.symbols[i]),
                        render::AknXml(r, i < lineage.size() ? &lineage[i] : nullptr)});
      }
    }
    return true;
  }

  int Write() const {
    if (out_.size() == 1 && !args_.all && (args_.output.empty() || args_.output == "-" ||
                                           !fs::is_directory(args_.output))) {
      if (args_.output.empty() || args_.output == "-") {
        Out(out_[0].xml);
        return 0;
      }
      return WriteWhole(args_.output, out_[0].xml) ? 0 : 2;
    }
    if (args_.output.empty() || args_.output == "-") {
      PrintError("several documents: name a directory to write them into with -o DIR");
      return 2;
    }
    std::error_code ec;
    fs::create_directories(args_.output, ec);
    if (ec || !fs::is_directory(args_.output)) {
      PrintError(args_.output + ": cannot create the directory: " + ec.message());
      return 2;
    }
    std::map<std::string, int> seen;
    for (const Exported& e : out_) {
      std::string name = e.name;
      if (int n = seen[e.name]++; n > 0) name.insert(name.size() - 8, "." + std::to_string(n + 1));
      if (!WriteWhole((fs::path(args_.output) / name).string(), e.xml)) return 2;
    }
    std::fprintf(stderr, "recital: wrote %zu Akoma Ntoso document%s to %s\n", out_.size(),
                 out_.size() == 1 ? "" : "s", args_.output.c_str());
    return 0;
  }

 private:
  bool Open() {
    if (!archive_) archive_ = OpenArchiveOrReport(args_.archive_flag, ArchiveMode::kRead);
    return archive_ != nullptr;
  }
  bool Fail(const std::string& message) {
    PrintError(message);
    return false;
  }

  const ExportArgs& args_;
  std::unique_ptr<store::Archive> archive_;
  std::vector<Exported> out_;
};

int RunExport(const ExportArgs& args) {
  if (args.all == !args.targets.empty()) {
    PrintError(args.all ? "--all exports every document: name no symbols with it"
                        : "name the documents to export (symbols or release files), or --all");
    return 2;
  }
  Exporter exporter(args);
  if (args.all && !exporter.AddAll()) return 2;
  for (const std::string& t : args.targets) {
    if (!exporter.Add(t)) return 2;
  }
  return exporter.Write();
}

void SetupExport(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Export resolutions as Akoma Ntoso (OASIS LegalDocML) documents in the UN's profile,\n"
      "AKN4UN: a <statement> with FRBR identifiers (/akn/un/statement/deliberation/unga/DATE/\n"
      "54-144), cover page, preface, preamble, numbered operative paragraphs, lead phrases in\n"
      "<i>, footnotes at their markers, cited resolutions linked, conclusions and annexes, valid\n"
      "against the OASIS schema. From the archive, each paragraph also says where its wording\n"
      "began and which paragraph of the previous session it continues (recital:since,\n"
      "recital:continues). `recital ingest` reads these files back into the same record.\n"
      "SYMBOL is an archive symbol (A/RES/54/144 or 54/144) or a release file (parsed, no\n"
      "lineage). One document goes to stdout or -o FILE; several, or --all, to -o DIR (one\n"
      "A-RES-54-144.akn.xml per document). Exit status: 0 written, 2 unknown symbol, unreadable\n"
      "file or trouble.");
  cmd->add_option("SYMBOL", args->targets, "Archive symbols or release files");
  cmd->add_flag("--all", args->all, "Every document of the archive (newest versions)");
  cmd->add_option("--format", args->format, "akn (Akoma Ntoso XML; the default)")
      ->check(CLI::IsMember({"akn"}));
  cmd->add_option("-o,--output", args->output,
                  "Write to FILE (one document) or into DIR (several), instead of stdout");
  cmd->add_flag("--no-lineage", args->no_lineage,
                "Leave out the series lineage (faster: no series is looked up or diffed)");
  AddArchiveOption(cmd, &args->archive_flag);
  cmd->footer(
      "Examples:\n"
      "  recital export A/RES/54/144 -o A-RES-54-144.akn.xml\n"
      "  recital export --all -o akn/\n"
      "  recital export A_RES_78_7.pdf > 78-7.xml");
  cmd->callback([args, &ctx] { ctx.exit_code = RunExport(*args); });
}

}  // namespace

RECITAL_COMMAND(export, 34, SetupExport);

}  // namespace recital::cli

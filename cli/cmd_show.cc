// `recital show SYMBOL [--version N] [--lang xx] [--versions] [--format text|json]`: a stored
// record, or the list of a document's stored versions.
#include <cstdio>
#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cmd_show_parallel.h"
#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "render/render.h"
#include "schema/symbol.h"
#include "store/store.h"

namespace recital::cli {
namespace {

struct ShowArgs {
  std::string archive;
  std::string symbol;
  uint32_t version = 0;
  std::string format = "text";
  std::string lang;
  bool versions = false;
};

std::string IsoTime(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// `show --versions`: every stored copy, which is current per language and why.
int ShowVersions(const store::Archive& archive, const std::string& symbol, const ShowArgs& args) {
  auto doc = GetDocumentInLanguage(archive, symbol, args.lang);
  if (!doc.ok()) {
    PrintError(doc.status().message());
    return 2;
  }
  nlohmann::json list = nlohmann::json::array();
  std::string text = symbol + ": " + std::to_string(doc->versions.size()) +
                     " version(s); languages " + LanguageList(*doc) + " (preferred " +
                     (doc->preferred_language().empty() ? "?" : doc->preferred_language()) + ")\n";
  for (const auto& v : doc->versions) {
    if (!args.lang.empty() && v.language != args.lang) continue;
    auto res = archive.GetResolution(symbol, v.version);
    if (!res.ok()) {
      PrintError(res.status().message());
      return 2;
    }
    const size_t paragraphs = res->preamble.size() + res->operative.size() + res->annex.size();
    const store::CurrentVersion* entry = nullptr;
    for (const auto& c : doc->current_versions) {
      if (c.language == v.language) entry = &c;
    }
    const bool current = entry != nullptr && entry->version == v.version;
    const std::string why = store::CurrentReason(*doc, v.version);
    list.push_back({{"version", v.version},
                    {"language",
                     v.language.empty() ? nlohmann::json() : nlohmann::json(v.language)},
                    {"completeness", store::CompletenessName(v.completeness)},
                    {"paragraphs", paragraphs},
                    {"bytes", v.raw_size},
                    {"source", v.source_name},
                    {"ingest_time", v.ingest_time},
                    {"current", current},
                    {"chosen", current && entry->chosen},
                    {"reason", why}});
    char line[160];
    std::snprintf(line, sizeof line, "  v%-3u %-3s %-9s %4zu paragraphs %8llu B  %s  ", v.version,
                  v.language.empty() ? "?" : v.language.c_str(),
                  store::CompletenessName(v.completeness), paragraphs,
                  static_cast<unsigned long long>(v.raw_size), IsoTime(v.ingest_time).c_str());
    text += line + v.source_name + "\n       " + (current ? "current: " : "not current: ") + why +
            "\n";
  }
  if (args.format == "json") {
    Out(render::JsonText({{"symbol", symbol}, {"languages", doc->languages()},
                          {"preferred_language", doc->preferred_language()}, {"versions", list}}));
  } else {
    Out(text);
  }
  return 0;
}

int RunShow(const ShowArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  const std::string symbol = NormalizeSymbol(args.symbol);
  if (args.versions) return ShowVersions(*archive, symbol, args);
  auto version = ResolveVersion(*archive, symbol, args.version, args.lang);
  if (!version.ok()) {
    PrintError(version.status().message());
    return 2;
  }
  auto res = archive->GetResolution(symbol, *version);
  if (!res.ok()) {
    PrintError(res.status().message());
    return 2;
  }
  if (args.format == "json") {
    Out(render::JsonText(render::RecordJson(*res)));
  } else {
    Out(render::RecordText(*res));
  }
  return 0;
}

void SetupShow(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* cmd = app.add_subcommand(
      "show",
      "Print the stored record of a document (its current version in the preferred language\n"
      "unless --version N or --lang xx), in the same form as `recital parse`. --versions lists\n"
      "every stored copy instead: number, language, completeness (complete, cut off, part),\n"
      "paragraphs, size, ingest time, source file, and which is current and why.\n"
      "Exit status: 0 shown, 2 unknown symbol/version/language or trouble.");
  cmd->add_option("SYMBOL", args->symbol, "Document symbol, e.g. A/RES/54/144 or 54/144")
      ->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--version", args->version, "Version number (1 = first ingested)")
      ->check(WholeNumber(1, UINT32_MAX));
  AddLangOption(cmd, &args->lang);
  cmd->add_flag("--versions", args->versions,
                "List the stored versions (with --lang: of that language) instead");
  cmd->add_option("--format", args->format,
                  "Output format: text (default) or json; html with --parallel")
      ->check(CLI::IsMember({"text", "json", "html"}));
  // Parallel view of two language versions (cmd_show_parallel.cc).
  auto par = std::make_shared<ShowParallelArgs>();
  cmd->add_option("--parallel", par->languages,
                  "Two language versions side by side, aligned by structure, e.g. en,fr; exit 1 "
                  "when their structures disagree");
  cmd->add_option("--width", par->width, "Text width in columns for --parallel (default 80)")
      ->check(WholeNumber(30, 1000));
  cmd->footer(
      "Examples:\n  recital show A/RES/54/144 --format json\n  recital show 52/48 --lang fr\n"
      "  recital show A/RES/72/267 --versions\n  recital show A/RES/62/88 --parallel en,fr");
  cmd->callback([args, par, &ctx] {
    if (!par->languages.empty() && args->version != 0) {
      PrintError("--parallel shows the current version in each language; it takes no --version");
      ctx.exit_code = 2;
    } else if (!par->languages.empty()) {
      par->archive = args->archive;
      par->symbol = args->symbol;
      par->format = args->format;
      ctx.exit_code = RunShowParallel(*par);
    } else if (args->format == "html") {
      PrintError("--format html needs --parallel");
      ctx.exit_code = 2;
    } else {
      ctx.exit_code = RunShow(*args);
    }
  });
}

}  // namespace

RECITAL_COMMAND(show, 12, SetupShow);

}  // namespace recital::cli

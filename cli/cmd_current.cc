// `recital current SYMBOL [VERSION | --auto] [--lang xx] [--json]`: which stored version of a
// document is current, per language, and the user's choice of it.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "render/render.h"
#include "schema/symbol.h"
#include "store/store.h"

namespace recital::cli {
namespace {

struct CurrentArgs {
  std::string archive;
  std::string symbol;
  uint32_t version = 0;
  bool automatic = false;
  std::string lang;
  bool json = false;
};

int PrintCurrent(const store::Document& doc, const std::string& lang, bool json) {
  nlohmann::json list = nlohmann::json::array();
  std::string text;
  for (const auto& c : doc.current_versions) {
    if (!lang.empty() && c.language != lang) continue;
    const store::DocumentVersion* v = doc.version(c.version);
    if (v == nullptr) continue;
    const std::string why = store::CurrentReason(doc, c.version);
    list.push_back(
        {{"language", c.language.empty() ? nlohmann::json() : nlohmann::json(c.language)},
         {"version", c.version},
         {"chosen", c.chosen},
         {"completeness", store::CompletenessName(v->completeness)},
         {"source", v->source_name},
         {"reason", why}});
    text += doc.symbol + " " + (c.language.empty() ? "?" : c.language) + ": version " +
            std::to_string(c.version) + " (" + store::CompletenessName(v->completeness) + ", " +
            v->source_name + "): " + why + "\n";
  }
  if (json) {
    Out(render::JsonText({{"symbol", doc.symbol},
                          {"preferred_language", doc.preferred_language()},
                          {"current", list}}));
  } else {
    Out(text);
  }
  return 0;
}

int RunCurrent(const CurrentArgs& args) {
  if (args.automatic && args.version != 0) {
    PrintError("give either VERSION or --auto, not both");
    return 2;
  }
  const bool writes = args.automatic || args.version != 0;
  auto archive =
      OpenArchiveOrReport(args.archive, writes ? ArchiveMode::kWrite : ArchiveMode::kRead);
  if (!archive) return 2;
  const std::string symbol = NormalizeSymbol(args.symbol);
  auto doc = GetDocumentInLanguage(*archive, symbol, args.lang);
  if (!doc.ok()) {
    PrintError(doc.status().message());
    return 2;
  }
  Status st;
  // The series index (format 6) follows the new current version in the same transaction.
  auto derive = [&archive](store::DerivedTxn& txn, const std::vector<std::string>& touched) {
    return history::DeriveIndexes(*archive, txn, touched);
  };
  if (args.version != 0) {
    const store::DocumentVersion* v = doc->version(args.version);
    if (v != nullptr && !args.lang.empty() && v->language != args.lang) {
      PrintError(symbol + " version " + std::to_string(args.version) + " is in '" + v->language +
                 "', not '" + args.lang + "'");
      return 2;
    }
    st = archive->SetCurrentVersion(symbol, args.version, derive);
  } else if (args.automatic) {
    st = archive->ClearCurrentChoice(symbol, args.lang, derive);
  }
  if (!st.ok()) {
    PrintError(st.message());
    return 2;
  }
  if (writes) RefreshSeriesIndexOrWarn(*archive);
  if (writes) {
    doc = archive->GetDocument(symbol);
    if (!doc.ok()) {
      PrintError(doc.status().message());
      return 2;
    }
  }
  std::string lang = args.lang;
  if (args.version != 0) lang = doc->version(args.version)->language;
  return PrintCurrent(*doc, lang, args.json);
}

void SetupCurrent(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CurrentArgs>();
  CLI::App* cmd = app.add_subcommand(
      "current",
      "Show or choose the current version of a document, per language. Without VERSION:\n"
      "prints, for each language stored, the current version and why (chosen by the user,\n"
      "or the rule: a complete copy beats one cut off at the end, which beats a part that\n"
      "starts mid-document; among complete copies the newest ingested, among cut-off copies\n"
      "or parts the one with more paragraphs, then the newest). With VERSION: makes that\n"
      "version current for its language, also over later ingests. --auto returns the\n"
      "document (with --lang: that language) to the rule. `recital show SYMBOL --versions`\n"
      "lists the versions. --json: {symbol, preferred_language, current: [{language,\n"
      "version, chosen, completeness, source, reason}]}.\n"
      "Exit status: 0 done, 2 unknown symbol/version/language or trouble.");
  cmd->add_option("SYMBOL", args->symbol, "Document symbol, e.g. A/RES/54/144 or 54/144")
      ->required();
  cmd->add_option("VERSION", args->version, "Version to make current (see show --versions)")
      ->check(WholeNumber(1, UINT32_MAX));
  AddArchiveOption(cmd, &args->archive);
  cmd->add_flag("--auto", args->automatic,
                "Return to the rule (forget the user's choice); with --lang for one language");
  AddLangOption(cmd, &args->lang);
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->footer(
      "Examples:\n  recital current A/RES/60/215\n  recital current A/RES/60/215 2\n"
      "  recital current A/RES/60/215 --auto\n  recital current 52/48 --lang fr --json");
  cmd->callback([args, &ctx] { ctx.exit_code = RunCurrent(*args); });
}

}  // namespace

RECITAL_COMMAND(current, 16, SetupCurrent);

}  // namespace recital::cli

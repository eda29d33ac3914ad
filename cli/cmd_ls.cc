// `recital ls [--session N] [--json]`: the documents in the archive.
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

struct LsArgs {
  std::string archive;
  uint32_t session = 0;
  bool json = false;
};

nlohmann::json OrNull(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }
nlohmann::json OrNull(uint32_t n) { return n == 0 ? nlohmann::json() : nlohmann::json(n); }

// The current version's title, or when it has none (a part, a copy cut before its title) the
// newest title another version of its language gives.
const std::string& TitleOf(const store::Document& doc) {
  const auto& v = doc.current();
  if (!v.title.empty()) return v.title;
  for (auto o = doc.versions.rbegin(); o != doc.versions.rend(); ++o) {
    if (o->language == v.language && !o->title.empty()) return o->title;
  }
  return v.title;
}

nlohmann::json DocumentJson(const store::Document& doc) {
  const auto& v = doc.current();
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& ver : doc.versions) {
    const store::DocumentVersion* cur = doc.try_current(ver.language);
    versions.push_back({{"version", ver.version},
                        {"bytes", ver.raw_size},
                        {"raw_hash", ver.raw_hash.ToHex()},
                        {"record_hash", ver.record_hash.ToHex()},
                        {"ingest_time", ver.ingest_time},
                        {"source", ver.source_name},
                        {"language", OrNull(ver.language)},
                        {"completeness", store::CompletenessName(ver.completeness)},
                        {"current", cur != nullptr && cur->version == ver.version}});
  }
  nlohmann::json languages = nlohmann::json::array();
  for (const auto& l : doc.languages()) languages.push_back(l);
  return {{"symbol", doc.symbol},        {"session", OrNull(v.session)},
          {"number", OrNull(v.number)},  {"title", OrNull(TitleOf(doc))},
          {"adoption_date", OrNull(v.adoption_date)}, {"versions", versions},
          {"languages", languages}, {"current_version", v.version},
          {"language", OrNull(v.language)}};
}

int RunLs(const LsArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  std::optional<uint32_t> session;
  if (args.session > 0) session = args.session;
  auto docs = archive->ListDocuments(session);
  if (!docs.ok()) {
    PrintError(docs.status().ToString());
    return 2;
  }
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : *docs) out.push_back(DocumentJson(d));
    Out(render::JsonText(out));
    return 0;
  }
  // Unknown values are "?", as in log and report ("-" there means "does not apply"). An archive
  // holding any language but English lists each document's languages after its title.
  bool multilingual = false;
  for (const auto& d : *docs) {
    for (const auto& l : d.languages()) multilingual = multilingual || l != "en";
  }
  for (const auto& d : *docs) {
    const auto& v = d.current();
    std::string session_text = v.session ? std::to_string(v.session) : "?";
    std::string langs;
    if (multilingual) {
      for (const auto& l : d.languages()) {
        langs += (langs.empty() ? "  [" : " ") + (l.empty() ? "?" : l);
      }
      langs += "]";
    }
    OutF("%-22s %7s  %-10s  %2zu  %s%s\n", d.symbol.c_str(), session_text.c_str(),
                v.adoption_date.empty() ? "?" : v.adoption_date.c_str(), d.versions.size(),
                TitleOf(d).empty() ? "(no title)" : TitleOf(d).c_str(), langs.c_str());
  }
  return 0;
}

void SetupLs(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<LsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ls",
      "List the documents in the archive, one per line: symbol, session, adoption date,\n"
      "number of versions, title (of the current version in the preferred language,\n"
      "English when stored; when that copy has none, another version's). When the archive\n"
      "holds any other language, each line ends with the document's languages, e.g.\n"
      "[zh fr]. --json gives an array of\n"
      "{symbol, session, number, title, adoption_date, versions: [{version, bytes, raw_hash,\n"
      "record_hash, ingest_time, source, language, completeness, current}], languages,\n"
      "current_version, language}; unknown values are null (\"?\" in the text).");
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--session", args->session, "Only documents of this session (e.g. 54)")
      ->check(WholeNumber(1, 999));
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->footer("Example:\n  recital ls --session 54\n  recital ls --json | jq '.[].symbol'");
  cmd->callback([args, &ctx] { ctx.exit_code = RunLs(*args); });
}

}  // namespace

RECITAL_COMMAND(ls, 11, SetupLs);

}  // namespace recital::cli

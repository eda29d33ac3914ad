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

nlohmann::json DocumentJson(const store::Document& doc) {
  const auto& v = doc.newest();
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& ver : doc.versions) {
    versions.push_back({{"version", ver.version},
                        {"bytes", ver.raw_size},
                        {"raw_hash", ver.raw_hash.ToHex()},
                        {"record_hash", ver.record_hash.ToHex()},
                        {"ingest_time", ver.ingest_time},
                        {"source", ver.source_name}});
  }
  return {{"symbol", doc.symbol},        {"session", OrNull(v.session)},
          {"number", OrNull(v.number)},  {"title", OrNull(v.title)},
          {"adoption_date", OrNull(v.adoption_date)}, {"versions", versions}};
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
  // Unknown values are "?", as in log and report ("-" there means "does not apply").
  for (const auto& d : *docs) {
    const auto& v = d.newest();
    std::string session_text = v.session ? std::to_string(v.session) : "?";
    OutF("%-22s %7s  %-10s  %2zu  %s\n", d.symbol.c_str(), session_text.c_str(),
                v.adoption_date.empty() ? "?" : v.adoption_date.c_str(), d.versions.size(),
                v.title.empty() ? "(no title)" : v.title.c_str());
  }
  return 0;
}

void SetupLs(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<LsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ls",
      "List the documents in the archive, one per line: symbol, session, adoption date,\n"
      "number of versions, title (of the newest version). --json gives an array of\n"
      "{symbol, session, number, title, adoption_date, versions: [{version, bytes, raw_hash,\n"
      "record_hash, ingest_time, source}]}; unknown values are null (\"?\" in the text).");
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

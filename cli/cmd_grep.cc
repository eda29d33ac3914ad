// `recital grep PHRASE [--series S] [--json]`: every archived paragraph holding a phrase, by
// series, with the first and last session it appears in. Backed by the archive's word index
// (Archive::FindPhrase), so only candidate paragraphs are decoded.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/util_archive.h"
#include "cli/util_history.h"

namespace recital::cli {
namespace {

struct GrepArgs {
  std::string archive;
  std::string phrase;
  std::string series;
  bool json = false;
};

// One paragraph of one resolution (newest version) holding the phrase.
struct Found {
  std::string symbol;
  uint32_t session = 0;
  uint32_t position = 0;  // document order, preamble first, 0-based
  const store::PhraseHit* hit = nullptr;
};

struct SeriesFound {
  Series series;
  std::vector<Found> found;  // session order, then symbol, then position
};

// The text a match lies in: the paragraph text or one of its sub-paragraphs.
const std::string& MatchText(const store::PhraseHit& hit, const store::PhraseMatch& m) {
  if (m.subparagraph >= 0 && static_cast<size_t>(m.subparagraph) < hit.wording.subparagraphs.size())
    return hit.wording.subparagraphs[m.subparagraph].text;
  return hit.wording.text;
}

std::string Highlighted(const store::PhraseHit& hit, bool colour) {
  const store::PhraseMatch& m = hit.matches.front();
  const std::string& text = MatchText(hit, m);
  if (!colour || m.byte_offset + m.byte_length > text.size()) return text;
  return text.substr(0, m.byte_offset) + "\033[1;31m" + text.substr(m.byte_offset, m.byte_length) +
         "\033[0m" + text.substr(m.byte_offset + m.byte_length);
}

nlohmann::json FoundJson(const Found& f) {
  nlohmann::json matches = nlohmann::json::array();
  for (const store::PhraseMatch& m : f.hit->matches) {
    matches.push_back({{"subparagraph", m.subparagraph < 0 ? nlohmann::json() : nlohmann::json(m.subparagraph)},
                       {"byte_offset", m.byte_offset},
                       {"byte_length", m.byte_length}});
  }
  return {{"symbol", f.symbol},
          {"session", f.session ? nlohmann::json(f.session) : nlohmann::json()},
          {"position", f.position + 1},
          {"lead", f.hit->wording.lead},
          {"text", f.hit->wording.text},
          {"matches", matches}};
}

nlohmann::json GrepJson(const std::string& phrase, const std::vector<SeriesFound>& groups) {
  nlohmann::json series = nlohmann::json::array();
  for (const SeriesFound& g : groups) {
    nlohmann::json paragraphs = nlohmann::json::array();
    for (const Found& f : g.found) paragraphs.push_back(FoundJson(f));
    auto end = [](const Found& f) {
      return nlohmann::json{{"symbol", f.symbol},
                            {"session", f.session ? nlohmann::json(f.session) : nlohmann::json()}};
    };
    series.push_back({{"key", g.series.key},
                      {"name", g.series.name},
                      {"first", end(g.found.front())},
                      {"last", end(g.found.back())},
                      {"paragraphs", paragraphs}});
  }
  return {{"phrase", phrase}, {"series", series}};
}

std::string GrepText(const std::vector<SeriesFound>& groups, bool colour) {
  std::string out;
  for (const SeriesFound& g : groups) {
    const Found& first = g.found.front();
    const Found& last = g.found.back();
    std::set<std::string> symbols;
    for (const Found& f : g.found) symbols.insert(f.symbol);
    out += fmt::format("{}{}{} ({})\n  first {} (session {}), last {} (session {}); {} resolution{}\n",
                       colour ? "\033[1m" : "", g.series.name, colour ? "\033[0m" : "", g.series.key,
                       first.symbol, first.session, last.symbol, last.session, symbols.size(),
                       symbols.size() == 1 ? "" : "s");
    for (const Found& f : g.found) {
      out += fmt::format("  {:<16} ¶{:<3} {}\n", ShortSymbol(f.symbol), f.position + 1,
                         Highlighted(*f.hit, colour));
    }
  }
  return out;
}

// Groups the newest-version uses of every hit by series.
Result<std::vector<SeriesFound>> Group(const store::Archive& archive,
                                       const std::vector<store::PhraseHit>& hits,
                                       const std::set<std::string>* only) {
  auto finder = SeriesFinder::Create(archive);
  if (!finder.ok()) return finder.status();
  std::map<std::string, store::Document> docs;
  std::map<std::string, SeriesFound> by_key;
  for (const store::PhraseHit& hit : hits) {
    for (const store::ParagraphUse& use : hit.uses) {
      if (only && !only->count(use.symbol)) continue;
      auto it = docs.find(use.symbol);
      if (it == docs.end()) {
        auto doc = archive.GetDocument(use.symbol);
        if (!doc.ok()) return doc.status();
        it = docs.emplace(use.symbol, std::move(doc).value()).first;
      }
      if (use.version != it->second.newest().version) continue;  // superseded wording
      auto series = (*finder)->Find(use.symbol);
      if (!series.ok()) return series.status();
      SeriesFound& g = by_key[series->key];
      if (g.series.key.empty()) g.series = *series;
      g.found.push_back({use.symbol, it->second.newest().session, use.position, &hit});
    }
  }
  std::vector<SeriesFound> groups;
  for (auto& [key, g] : by_key) {
    std::sort(g.found.begin(), g.found.end(), [](const Found& a, const Found& b) {
      if (a.session != b.session) return a.session < b.session;
      if (a.symbol != b.symbol) return a.symbol < b.symbol;
      return a.position < b.position;
    });
    groups.push_back(std::move(g));
  }
  std::sort(groups.begin(), groups.end(), [](const SeriesFound& a, const SeriesFound& b) {
    if (a.found.front().session != b.found.front().session)
      return a.found.front().session < b.found.front().session;
    return a.series.key < b.series.key;
  });
  return groups;
}

int RunGrep(const GrepArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  std::set<std::string> only;
  if (!args.series.empty()) {
    auto s = ResolveSeriesArg(*archive, args.series);
    if (!s.ok()) {
      PrintError(s.status().message());
      return 2;
    }
    only.insert(s->symbols.begin(), s->symbols.end());
  }
  auto hits = archive->FindPhrase(args.phrase);
  if (!hits.ok()) {
    PrintError(hits.status().message());
    return 2;
  }
  auto groups = Group(*archive, *hits, args.series.empty() ? nullptr : &only);
  if (!groups.ok()) {
    PrintError(groups.status().message());
    return 2;
  }
  if (args.json) {
    std::fputs((GrepJson(args.phrase, *groups).dump(2) + "\n").c_str(), stdout);
  } else {
    std::fputs(GrepText(*groups, UseColour(stdout)).c_str(), stdout);
  }
  return groups->empty() ? 1 : 0;
}

void SetupGrep(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<GrepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "grep",
      "Every archived paragraph (newest version of each resolution) that contains PHRASE as a\n"
      "run of whole words, case and punctuation ignored, grouped by follow-up series with the\n"
      "first and last session it appears in. Uses the archive's word index (format 2 and on).\n"
      "Text: per series a header line, then one line per paragraph: symbol, paragraph\n"
      "position in document order (preamble first), text. --json: {\"phrase\", \"series\":\n"
      "[{\"key\", \"name\", \"first\": {\"symbol\", \"session\"}, \"last\": {...}, \"paragraphs\":\n"
      "[{\"symbol\", \"session\", \"position\", \"lead\", \"text\", \"matches\": [{\"subparagraph\",\n"
      "\"byte_offset\", \"byte_length\"}]}]}]}.\n"
      "Exit status: 0 found, 1 not found, 2 trouble (no words in PHRASE, old archive).");
  cmd->add_option("PHRASE", args->phrase, "Words to find, e.g. \"burden-sharing\"")->required();
  AddArchiveOption(cmd, &args->archive);
  cmd->add_option("--series", args->series, "Only this series (a symbol, key or name)");
  cmd->add_flag("--json", args->json, "Output JSON");
  cmd->footer(
      "Example:\n  recital grep \"in particular\" --series A/RES/54/144\n"
      "  recital grep \"voluntary repatriation\" --json");
  cmd->callback([args, &ctx] { ctx.exit_code = RunGrep(*args); });
}

}  // namespace

RECITAL_COMMAND(grep, 32, SetupGrep);

}  // namespace recital::cli

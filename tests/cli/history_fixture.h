// Fixtures for the history command tests, which run the built `recital` only (no library):
// a small hand-written series ("lighthouses", three sessions with known edits, our own
// wording) kept as release files in tests/testdata/lighthouse/ (ODS layout), and a generated
// series written by `recital generate`, each ingested into a temp archive with the CLI.
//
// The lighthouse series, session by session (symbols A/RES/60/7, 61/7, 62/7):
//   60/7  P1 Noting the importance ...            61/7  P1 unchanged
//         P2 Aware that many coastal States ...         P2 lead Aware -> Concerned
//         P3 Welcoming the establishment ...            P3 removed
//         O1 Encourages ... share information on ...    O1 + "and best practices"
//         O2 Requests the Secretary-General ...         O2 unchanged
//         O3 Decides to remain seized ...               O3 unchanged
//   62/7  P1, P2 unchanged; O1 lead Encourages -> Urges; O2 added ("Invites regional ...");
//         O3 = old O2 and O4 = old O3 unchanged (renumbered only).
// Title "Cooperation on the maintenance of lighthouses in coastal States"; adopted 2005-12-01,
// 2006-12-04, 2007-12-05.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace recital::testing {

inline const char* const kNoting =
    "Noting the importance of lighthouses for the safety of navigation,";
inline const char* const kAware =
    "Aware that many coastal States lack the means to maintain their lighthouses,";
inline const char* const kConcerned =
    "Concerned that many coastal States lack the means to maintain their lighthouses,";
inline const char* const kWelcoming =
    "Welcoming the establishment of a working group on aids to navigation,";
inline const char* const kEncourages60 =
    "Encourages Member States to share information on lighthouse maintenance;";
inline const char* const kEncourages61 =
    "Encourages Member States to share information and best practices on lighthouse maintenance;";
inline const char* const kUrges62 =
    "Urges Member States to share information and best practices on lighthouse maintenance;";
inline const char* const kInvites =
    "Invites regional organizations to support training programmes for lighthouse keepers;";
inline const char* const kRequests =
    "Requests the Secretary-General to submit a report on the implementation of the present "
    "resolution;";
inline const char* const kDecides = "Decides to remain seized of the matter.";

// Copies the lighthouse releases into dir/releases and ingests them into dir/archive, which
// it returns.
inline std::string IngestLighthouse(const TempDir& dir) {
  const std::filesystem::path src =
      std::filesystem::path(RECITAL_SOURCE_DIR) / "tests" / "testdata" / "lighthouse";
  const std::string rel = dir.str() + "/releases";
  std::filesystem::create_directories(rel);
  for (const char* name : {"A-RES-60-7.ods.txt", "A-RES-61-7.ods.txt", "A-RES-62-7.ods.txt"}) {
    WriteFile(rel + "/" + name, ReadFile((src / name).string()));
  }
  std::string archive = dir.str() + "/archive";
  RunResult res = RunRecital({"ingest", "--archive", archive, rel});
  EXPECT_EQ(res.exit_code, 0) << res.out << res.err;
  return archive;
}

// One release of a generated series as truth.jsonl describes it.
struct GeneratedTruth {
  std::string file;
  std::string symbol;
  uint32_t session = 0;
  std::map<std::string, int> changes;  // status -> count, against the previous release
};

// `recital generate --seed S --sessions N` into dir/gen, ingested into dir/gen-archive (which
// it returns); *truth gets truth.jsonl, one entry per release in session order.
inline std::string IngestGenerated(const TempDir& dir, uint64_t seed, uint32_t sessions,
                                   std::vector<GeneratedTruth>* truth) {
  const std::string out = dir.str() + "/gen";
  RunResult gen = RunRecital({"generate", "--seed", std::to_string(seed), "--sessions",
                              std::to_string(sessions), "--out", out, "--quiet"});
  EXPECT_EQ(gen.exit_code, 0) << gen.err;
  std::istringstream lines(ReadFile(out + "/truth.jsonl"));
  std::string line;
  while (truth && std::getline(lines, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    GeneratedTruth t;
    t.file = j["file"];
    t.symbol = j["symbol"];
    t.session = j["session"];
    for (const auto& c : j["changes"]) ++t.changes[c["status"].get<std::string>()];
    truth->push_back(std::move(t));
  }
  std::string archive = dir.str() + "/gen-archive";
  RunResult res = RunRecital({"ingest", "--archive", archive, out});
  EXPECT_EQ(res.exit_code, 0) << res.out << res.err;
  return archive;
}

}  // namespace recital::testing

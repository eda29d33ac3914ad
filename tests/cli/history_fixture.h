// Fixtures for the history command tests: a small hand-written series ("lighthouses", three
// sessions with known edits, our own wording) and a generated one, rendered as release files
// with the series generator's ODS layout and ingested into a temp archive with the CLI.
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
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gen/gen.h"
#include "tests/test_util.h"

namespace recital::testing {

inline Paragraph MakeParagraph(Section section, std::string number, std::string lead,
                               std::string text) {
  Paragraph p;
  p.section = section;
  p.number = std::move(number);
  p.lead = std::move(lead);
  p.text = std::move(text);
  return p;
}

inline const char* const kNoting = "Noting the importance of lighthouses for the safety of navigation,";
inline const char* const kAware = "Aware that many coastal States lack the means to maintain their lighthouses,";
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

// The three records of the lighthouse series (header fields from a generated release).
inline std::vector<Resolution> LighthouseRecords() {
  gen::GenOptions opt;
  opt.sessions = 1;
  auto base = gen::GenerateSeriesVector(opt);
  EXPECT_TRUE(base.ok());
  Resolution t = base.ok() ? base->front().truth_record : Resolution{};
  t.title = "Cooperation on the maintenance of lighthouses in coastal States";
  t.footnotes.clear();
  t.citations.clear();
  t.number = 7;
  const Section P = Section::kPreamble, O = Section::kOperative;
  std::vector<Resolution> out;
  const char* dates[] = {"2005-12-01", "2006-12-04", "2007-12-05"};
  for (uint32_t i = 0; i < 3; ++i) {
    Resolution r = t;
    r.session = 60 + i;
    r.symbol = "A/RES/" + std::to_string(r.session) + "/7";
    r.adoption_date = dates[i];
    r.distribution_date = dates[i];
    r.preamble = {MakeParagraph(P, "", "Noting", kNoting)};
    if (i == 0) {
      r.preamble.push_back(MakeParagraph(P, "", "Aware", kAware));
      r.preamble.push_back(MakeParagraph(P, "", "Welcoming", kWelcoming));
    } else {
      r.preamble.push_back(MakeParagraph(P, "", "Concerned", kConcerned));
    }
    r.operative.clear();
    if (i == 0) r.operative.push_back(MakeParagraph(O, "1", "Encourages", kEncourages60));
    if (i == 1) r.operative.push_back(MakeParagraph(O, "1", "Encourages", kEncourages61));
    if (i == 2) {
      r.operative.push_back(MakeParagraph(O, "1", "Urges", kUrges62));
      r.operative.push_back(MakeParagraph(O, "2", "Invites", kInvites));
    }
    r.operative.push_back(
        MakeParagraph(O, std::to_string(r.operative.size() + 1), "Requests", kRequests));
    r.operative.push_back(
        MakeParagraph(O, std::to_string(r.operative.size() + 1), "Decides", kDecides));
    out.push_back(std::move(r));
  }
  return out;
}

// Writes records as ODS release files into dir/releases and ingests them into dir/archive.
inline std::string IngestRecords(const TempDir& dir, const std::vector<Resolution>& records) {
  std::string rel = dir.str() + "/releases";
  std::filesystem::create_directories(rel);
  for (const Resolution& r : records) {
    std::string name = r.symbol;
    for (char& c : name) c = c == '/' ? '-' : c;
    WriteFile(rel + "/" + name + ".ods.txt", gen::RenderRelease(r, "ods"));
  }
  std::string archive = dir.str() + "/archive";
  RunResult res = RunRecital({"ingest", "--archive", archive, rel});
  EXPECT_EQ(res.exit_code, 0) << res.out << res.err;
  return archive;
}

// Generates `sessions` releases of one series (seed given) into dir/gen and ingests them.
inline std::string IngestGenerated(const TempDir& dir, uint64_t seed, uint32_t sessions,
                                   std::vector<gen::GeneratedRelease>* releases) {
  gen::GenOptions opt;
  opt.seed = seed;
  opt.sessions = sessions;
  auto rels = gen::GenerateSeriesVector(opt);
  EXPECT_TRUE(rels.ok());
  std::string out = dir.str() + "/gen";
  std::filesystem::create_directories(out);
  for (const auto& r : *rels) WriteFile(out + "/" + r.filename, r.text);
  std::string archive = dir.str() + "/gen-archive";
  RunResult res = RunRecital({"ingest", "--archive", archive, out});
  EXPECT_EQ(res.exit_code, 0) << res.out << res.err;
  if (releases) *releases = std::move(rels).value();
  return archive;
}

}  // namespace recital::testing

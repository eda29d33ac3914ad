// Test helpers for the store: a tiny deterministic parser for library tests (so they do not
// depend on the real parser's progress) and synthetic releases in the ODS layout for CLI tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"
#include "store/store.h"

namespace recital::testing {

// Lines "SYMBOL s", "SESSION n", "TITLE t", "CITE s", "P text" (preamble), "O text"
// (operative; numbered in order); others ignored. The lead is the first word. No SYMBOL line
// gives an empty symbol; "FAIL" as the first line gives InvalidInput.
Result<Resolution> FakeParse(std::string_view bytes, const std::string& source_name);

// A release text in the line format above.
std::string FakeRelease(const std::string& symbol, uint32_t session, const std::string& title,
                        const std::vector<std::string>& preamble,
                        const std::vector<std::string>& operative,
                        const std::vector<std::string>& cites = {});

// A synthetic release in the ODS text-export layout (cover block, session line, title,
// "The General Assembly,", paragraphs, adoption line). Written for these tests.
std::string OdsRelease(uint32_t session, uint32_t number, const std::string& title,
                       const std::vector<std::string>& preamble,
                       const std::vector<std::string>& operative);

// Series `series` (0-based), session `session`: an ODS release whose wording mostly repeats
// the previous session's (deterministic in series, session, variant).
std::string SeriesRelease(uint32_t series, uint32_t session, uint32_t variant = 0);

// Writes `count` FakeRelease files into dir (A/RES/<session>/7 for sessions first, first + 1,
// ...: one series whose wording mostly repeats) and returns their paths in session order.
std::vector<std::string> WriteFakeReleases(const std::string& dir, uint32_t first,
                                           uint32_t count);

// What an ingest reported stored (added or version), in report order.
struct StoredRelease {
  std::string symbol;
  uint32_t version = 0;
  std::string file;
};

// Ingests files (the store reads them) with FakeParse into the archive in dir, creating it;
// batch releases per transaction. Appends what was reported stored to *stored (may be null).
Status IngestFakeFiles(const std::string& dir, const std::vector<std::string>& files,
                       std::vector<StoredRelease>* stored, size_t batch = 3);

}  // namespace recital::testing

// Test helpers for the store: a tiny deterministic parser for library tests (so they do not
// depend on the real parser's progress) and synthetic releases in the ODS layout for CLI tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "schema/status.h"

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

}  // namespace recital::testing

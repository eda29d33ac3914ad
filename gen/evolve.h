// Private to gen/: the state of one series and the edits of one session.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen/gen_internal.h"

namespace recital::gen::internal {

struct SeriesState {
  uint32_t series_index = 0;
  uint32_t number = 0;   // resolution number within each session
  uint32_t session = 0;  // session being generated
  std::string base_title, title;
  std::string agenda;
  std::vector<GPara> preamble, operative;
  uint64_t next_id = 1;
  // Earlier resolutions of the series: (symbol short form "50/101", human date).
  std::vector<std::pair<std::string, std::string>> history;
};

// One edit by paragraph ids (ids are stable across sessions unless split/merged).
struct Op {
  std::string status;  // as TruthChange::status
  std::vector<uint64_t> from, to;
  bool moved = false;
  bool lead_changed = false;
  bool session_bound = false;  // as TruthChange::session_bound
};

// The canonical text of a paragraph (lead, body, final punctuation).
std::string ParaText(const GPara& p);

// Applies one session's random edits to state (free paragraphs only) and returns them.
// previous: the paragraph texts of the previous session (an added paragraph avoids their words
// as well as those of every paragraph of the new one).
std::vector<Op> EvolveSession(SeriesState* state, Rng* rng, const GenOptions& options,
                              const std::vector<std::string>& previous);

}  // namespace recital::gen::internal

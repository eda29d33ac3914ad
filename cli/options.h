// Options several subcommands share, defined once so they read the same everywhere.
#pragma once

#include <CLI/CLI.hpp>

namespace recital::cli {

// --threshold X (0..1): DiffOptions::reword_threshold for every diff the command makes, as
// `recital diff --threshold`.
inline void AddThresholdOption(CLI::App* cmd, double* threshold) {
  cmd->add_option("--threshold", *threshold,
                  "Similarity (0..1) from which a changed paragraph counts as reworded rather "
                  "than removed + added (default 0.5), as in `recital diff`")
      ->check(CLI::Range(0.0, 1.0));
}

}  // namespace recital::cli

// `recital show SYMBOL --parallel en,fr`: two language versions side by side (the hook in
// cmd_show.cc calls RunShowParallel; the rest of `show` does not know about it).
#pragma once

#include <string>

namespace recital::cli {

struct ShowParallelArgs {
  std::string archive;
  std::string symbol;
  std::string languages;        // "en,fr"
  std::string format = "text";  // text, json, html
  int width = 0;                // 0: $COLUMNS on a terminal, else 80
};

// Exit status: 0 the structures agree, 1 they disagree (the disagreements are printed), 2 a
// bad --parallel value, an unknown symbol, a language the archive has no version in, trouble.
int RunShowParallel(const ShowParallelArgs& args);

}  // namespace recital::cli

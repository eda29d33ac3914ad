// `recital show SYMBOL --parallel en,fr [--format text|json|html] [--width N]`.
#include "cli/cmd_show_parallel.h"

#include <cstdlib>

#include "cli/common.h"
#include "cli/util_archive.h"
#include "history/history.h"
#include "render/render.h"
#include "schema/symbol.h"

namespace recital::cli {

int RunShowParallel(const ShowParallelArgs& args) {
  auto archive = OpenArchiveOrReport(args.archive, ArchiveMode::kRead);
  if (!archive) return 2;
  const std::string symbol = NormalizeSymbol(args.symbol);
  auto p = history::ParallelVersions(*archive, symbol, args.languages);
  if (!p.ok()) {
    PrintError((p.status().IsInvalidInput() ? "--parallel: " : "") + p.status().message());
    return 2;
  }
  if (args.format == "json") {
    Out(render::JsonText(render::ParallelJson(symbol, *p)));
  } else if (args.format == "html") {
    Out(render::ParallelHtml(symbol, *p));
  } else {
    int width = args.width;
    if (width == 0) {
      const char* cols = std::getenv("COLUMNS");
      width = (IsTerminal(stdout) && cols && std::atoi(cols) >= 30) ? std::atoi(cols) : 80;
    }
    Out(render::ParallelText(symbol, *p, width));
  }
  return p->Agrees() ? 0 : 1;
}

}  // namespace recital::cli

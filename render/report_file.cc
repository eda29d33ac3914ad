// Recognising a report file of ours, so that writers replace only what Recital wrote.
#include "render/render.h"

namespace recital::render {
namespace {

// What ReportHtml writes first and last (render/report.cc).
constexpr std::string_view kHtmlHead =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"generator\" content=\"Recital change report\">\n";
constexpr std::string_view kHtmlTail = "</body>\n</html>\n";
// What ReportMarkdown writes first, and the lines that follow its title and series line.
constexpr std::string_view kMarkdownHead = "# Change report: ";
constexpr std::string_view kMarkdownLegend =
    ".\nChanged words are marked [-deleted-] and {+inserted+}.\n\n## Contents\n\n- Overview\n";
// The title and the series line are short: the legend is found within this many bytes.
constexpr size_t kMarkdownLegendWithin = 64 * 1024;

bool IsJsonReport(std::string_view contents) {
  if (!contents.starts_with("{\n  \"pairs\": [")) return false;
  nlohmann::json j = nlohmann::json::parse(contents, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || j.size() != 3) return false;
  return j.contains("pairs") && j["pairs"].is_array() && j.contains("sessions") &&
         j["sessions"].is_array() && j.contains("series") && j["series"].is_object() &&
         j["series"].contains("key") && j["series"].contains("name");
}

}  // namespace

ReportFileKind ReportFileKindOf(std::string_view contents) {
  if (contents.starts_with(kHtmlHead) && contents.ends_with(kHtmlTail)) return ReportFileKind::kHtml;
  if (contents.starts_with(kMarkdownHead)) {
    size_t legend = contents.substr(0, kMarkdownLegendWithin).find(kMarkdownLegend);
    size_t series_line = contents.find("\n\nSeries `");
    if (legend != std::string_view::npos && series_line != std::string_view::npos &&
        series_line < legend)
      return ReportFileKind::kMarkdown;
  }
  if (IsJsonReport(contents)) return ReportFileKind::kJson;
  return ReportFileKind::kNone;
}

}  // namespace recital::render

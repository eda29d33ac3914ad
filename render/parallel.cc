// The parallel view of two language versions (`recital show --parallel`, serve's /parallel):
// two columns of text wrapped to a terminal width, JSON, HTML.
#include <algorithm>
#include <cstdint>

#include "render/render.h"

namespace recital::render {
namespace {

// Decodes one UTF-8 code point at s[i]; advances i. Invalid bytes count as one column each.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  auto b = static_cast<unsigned char>(s[*i]);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (*i + len > s.size()) len = 1;
  uint32_t cp = len == 1 ? b : b & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

// Terminal columns of a code point: East Asian wide characters take two, combining marks
// (Latin accents, Arabic vowel signs) none.
int Columns(uint32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
      cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x00AD) {
    return 0;
  }
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

bool BreaksAnywhere(uint32_t cp) { return Columns(cp) == 2; }

// Lines of at most `width` columns: breaks at spaces, between wide (CJK) characters, and
// inside a word longer than a line.
std::vector<std::string> Wrap(std::string_view text, int width) {
  std::vector<std::string> lines;
  std::string line, word;
  int line_cols = 0, word_cols = 0;
  auto flush_word = [&] {
    if (word.empty()) return;
    int sep = line.empty() ? 0 : 1;
    if (line_cols + sep + word_cols > width && !line.empty()) {
      lines.push_back(line);
      line.clear();
      line_cols = 0;
      sep = 0;
    }
    if (sep) {
      line += ' ';
      ++line_cols;
    }
    line += word;
    line_cols += word_cols;
    word.clear();
    word_cols = 0;
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(text, &i);
    std::string_view ch = text.substr(start, i - start);
    int cols = Columns(cp);
    if (cp == ' ' || cp == '\n' || cp == '\t') {
      flush_word();
      continue;
    }
    if (word_cols + cols > width) {  // a word longer than a line is cut
      flush_word();
    }
    if (BreaksAnywhere(cp)) {
      // Wide characters join the line directly: no space is added between them.
      flush_word();
      if (line_cols + cols > width && !line.empty()) {
        lines.push_back(line);
        line.clear();
        line_cols = 0;
      }
      line += ch;
      line_cols += cols;
      continue;
    }
    word += ch;
    word_cols += cols;
  }
  flush_word();
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

int TextColumns(std::string_view s) {
  int cols = 0;
  for (size_t i = 0; i < s.size();) cols += Columns(NextCodePoint(s, &i));
  return cols;
}

std::string CellText(const std::optional<ParallelCell>& cell, bool covered) {
  if (!cell) return covered ? "(missing)" : "(not in this copy)";
  std::string s = cell->number.empty() ? "" : cell->number + " ";
  s += cell->text;
  if (cell->truncated) s += " [cut off]";
  return s;
}

void AppendColumns(const std::string& left, const std::string& right, int indent, int col,
                   std::string* out) {
  auto l = Wrap(left, col - indent), r = Wrap(right, col - indent);
  size_t n = std::max(l.size(), r.size());
  for (size_t k = 0; k < n; ++k) {
    std::string a = k < l.size() ? l[k] : "";
    std::string line = std::string(indent, ' ') + a;
    line += std::string(std::max(0, col - indent - TextColumns(a)), ' ');
    line += " | ";
    if (k < r.size()) line += std::string(indent, ' ') + r[k];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    *out += line + "\n";
  }
}

std::string SectionTitle(const ParallelRow& row) {
  if (row.section != Section::kAnnex) return SectionName(row.section);
  return "annex " + std::to_string(row.annex + 1);
}

nlohmann::json CellJson(const std::optional<ParallelCell>& c) {
  if (!c) return nullptr;
  return {{"index", c->index},
          {"number", c->number.empty() ? nlohmann::json(nullptr) : nlohmann::json(c->number)},
          {"lead", c->lead.empty() ? nlohmann::json(nullptr) : nlohmann::json(c->lead)},
          {"text", c->text},
          {"truncated", c->truncated}};
}

std::string LangAttrs(const std::string& lang) {
  if (lang.empty()) return "";
  std::string s = " lang=\"" + HtmlEscape(lang) + "\"";
  if (lang == "ar") s += " dir=\"rtl\"";
  return s;
}

std::string HtmlCell(const std::optional<ParallelCell>& c, bool covered, const std::string& lang) {
  if (!c) {
    return std::string("<td class=\"") + (covered ? "missing" : "outside") + "\">" +
           (covered ? "(missing)" : "(not in this copy)") + "</td>";
  }
  std::string s = "<td" + LangAttrs(lang) + (c->truncated ? " class=\"cut\"" : "") + ">";
  if (!c->number.empty()) s += "<span class=\"num\">" + HtmlEscape(c->number) + "</span> ";
  s += HtmlEscape(c->text);
  if (c->truncated) s += " <span class=\"note\" lang=\"en\" dir=\"ltr\">[cut off]</span>";
  return s + "</td>";
}

}  // namespace

std::string ParallelText(const std::string& symbol, const ParallelResult& p, int width) {
  width = std::max(width, 30);
  int col = (width - 3) / 2;
  std::string ln = p.left_language.empty() ? "?" : p.left_language;
  std::string rn = p.right_language.empty() ? "?" : p.right_language;
  std::string out = symbol + "  " + ln + " | " + rn + "\n";
  std::string current;
  bool first_in_section = true;
  for (const auto& row : p.rows) {
    std::string title = SectionTitle(row);
    if (title != current) {
      out += "\n" + title + "\n";
      current = title;
      first_in_section = true;
    }
    bool lcov = row.coverage != ParallelCoverage::kRightOnly;
    bool rcov = row.coverage != ParallelCoverage::kLeftOnly;
    if (!first_in_section) out += "\n";  // a blank line between paragraphs
    first_in_section = false;
    AppendColumns(CellText(row.left, lcov), CellText(row.right, rcov), 0, col, &out);
    for (const auto& sub : row.subparagraphs) {
      AppendColumns(CellText(sub.left, lcov && row.left.has_value()),
                    CellText(sub.right, rcov && row.right.has_value()), 4, col, &out);
    }
  }
  // The closing lines are wrapped to the width too (continuations indented).
  auto wrapped = [&](const std::string& text, int indent) {
    auto lines = Wrap(text, width - indent);
    for (size_t k = 0; k < lines.size(); ++k) {
      out += std::string(k == 0 ? indent - 2 * (indent > 0) : indent, ' ') + lines[k] + "\n";
    }
  };
  out += "\n";
  wrapped(std::to_string(p.aligned) + " paragraphs aligned, " + std::to_string(p.not_compared) +
              " outside one copy's text (not compared)",
          0);
  for (const auto& n : p.notes) wrapped("note: " + n, 0);
  if (p.issues.empty()) {
    out += "structure agrees\n";
  } else {
    out += std::to_string(p.issues.size()) + " disagreement" + (p.issues.size() == 1 ? "" : "s") +
           ":\n";
    for (const auto& i : p.issues) wrapped("  " + i.kind + ": " + i.message, 4);
  }
  return out;
}

nlohmann::json ParallelJson(const std::string& symbol, const ParallelResult& p) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : p.rows) {
    nlohmann::json subs = nlohmann::json::array();
    for (const auto& s : row.subparagraphs) {
      subs.push_back({{"key", s.key}, {"left", CellJson(s.left)}, {"right", CellJson(s.right)}});
    }
    rows.push_back(
        {{"section", SectionName(row.section)},
         {"annex", row.section == Section::kAnnex ? nlohmann::json(row.annex + 1)
                                                  : nlohmann::json(nullptr)},
         {"number", row.number.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.number)},
         {"coverage", ParallelCoverageName(row.coverage)},
         {"left", CellJson(row.left)},
         {"right", CellJson(row.right)},
         {"subparagraphs", std::move(subs)}});
  }
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& i : p.issues) {
    issues.push_back({{"kind", i.kind},
                      {"section", SectionName(i.section)},
                      {"row", i.row},
                      {"message", i.message}});
  }
  auto lang = [](const std::string& l) {
    return l.empty() ? nlohmann::json(nullptr) : nlohmann::json(l);
  };
  return {{"symbol", symbol},
          {"languages", {lang(p.left_language), lang(p.right_language)}},
          {"rows", std::move(rows)},
          {"issues", std::move(issues)},
          {"notes", p.notes},
          {"summary",
           {{"aligned", p.aligned},
            {"not_compared", p.not_compared},
            {"issues", p.issues.size()},
            {"agrees", p.Agrees()}}}};
}

std::string ParallelHtmlFragment(const std::string& symbol, const ParallelResult& p) {
  std::string out = "<section class=\"recital-parallel\">\n<h2>" + HtmlEscape(symbol) + "</h2>\n";
  out += "<table>\n<tr><th></th><th" + LangAttrs(p.left_language) + ">" +
         HtmlEscape(p.left_language.empty() ? "?" : p.left_language) + "</th><th" +
         LangAttrs(p.right_language) + ">" +
         HtmlEscape(p.right_language.empty() ? "?" : p.right_language) + "</th></tr>\n";
  std::string current;
  for (size_t r = 0; r < p.rows.size(); ++r) {
    const auto& row = p.rows[r];
    std::string title = SectionTitle(row);
    if (title != current) {
      out += "<tr class=\"section\"><th colspan=\"3\">" + HtmlEscape(title) + "</th></tr>\n";
      current = title;
    }
    bool lcov = row.coverage != ParallelCoverage::kRightOnly;
    bool rcov = row.coverage != ParallelCoverage::kLeftOnly;
    bool flagged = std::any_of(p.issues.begin(), p.issues.end(), [&](const ParallelIssue& i) {
      return i.row == r && i.kind != "count" && i.kind != "gap";
    });
    out += std::string("<tr id=\"row-") + std::to_string(r + 1) + "\"" +
           (flagged ? " class=\"issue\"" : "") + "><td class=\"pos\">" + std::to_string(r + 1) +
           "</td>" + HtmlCell(row.left, lcov, p.left_language) +
           HtmlCell(row.right, rcov, p.right_language) + "</tr>\n";
    for (const auto& sub : row.subparagraphs) {
      out += "<tr class=\"sub\"><td></td>" +
             HtmlCell(sub.left, lcov && row.left.has_value(), p.left_language) +
             HtmlCell(sub.right, rcov && row.right.has_value(), p.right_language) + "</tr>\n";
    }
  }
  out += "</table>\n<p class=\"summary\">" + std::to_string(p.aligned) +
         " paragraphs aligned, " + std::to_string(p.not_compared) +
         " outside one copy's text (not compared).</p>\n";
  for (const auto& n : p.notes) out += "<p class=\"note\">" + HtmlEscape(n) + "</p>\n";
  if (p.issues.empty()) {
    out += "<p class=\"agrees\">The structures agree.</p>\n";
  } else {
    out += "<ul class=\"issues\">\n";
    for (const auto& i : p.issues) {
      out += "<li>" + HtmlEscape(i.kind) + ": " + HtmlEscape(i.message) + "</li>\n";
    }
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

std::string ParallelHtml(const std::string& symbol, const ParallelResult& p) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
         HtmlEscape(symbol + " " + p.left_language + " | " + p.right_language) +
         "</title>\n<style>body{font-family:serif;max-width:70em;margin:auto}"
         "table{border-collapse:collapse;width:100%}td{vertical-align:top;padding:.3em .6em;"
         "width:48%}td.pos{width:2em;color:#777;font-family:sans-serif}"
         "tr.sub td{padding-left:2em}td.missing{background:#fdd}td.outside{color:#999}"
         "tr.issue td{border-left:3px solid #c00}.num{font-weight:bold}.note{color:#777}"
         "</style></head>\n<body>\n" +
         ParallelHtmlFragment(symbol, p) + "</body></html>\n";
}

}  // namespace recital::render

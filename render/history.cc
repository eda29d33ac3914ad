// Series lists, logs, blame and phrase search: terminal text and JSON.
#include <fmt/format.h>

#include <set>
#include <utility>

#include "render/internal.h"
#include "render/render.h"

namespace recital::render {
namespace {

using Json = nlohmann::json;

Json SessionOrNull(uint32_t session) { return session ? Json(session) : Json(); }

// The text a match lies in: the paragraph text or one of its sub-paragraphs.
const std::string& MatchText(const store::PhraseHit& hit, const store::PhraseMatch& m) {
  if (m.subparagraph >= 0 && static_cast<size_t>(m.subparagraph) < hit.wording.subparagraphs.size())
    return hit.wording.subparagraphs[m.subparagraph].text;
  return hit.wording.text;
}

// The matched text with its first match highlighted (colour only).
std::string Highlighted(const store::PhraseHit& hit, bool colour) {
  const store::PhraseMatch& m = hit.matches.front();
  const std::string& text = MatchText(hit, m);
  if (!colour || m.byte_offset + m.byte_length > text.size()) return text;
  const Palette p(colour);
  return text.substr(0, m.byte_offset) + p.match + text.substr(m.byte_offset, m.byte_length) +
         p.reset + text.substr(m.byte_offset + m.byte_length);
}

// "PP3", "OP6": the label the diff gives the same paragraph (ParagraphLabel).
std::string GrepLabel(const history::GrepParagraph& f) {
  ParagraphRef ref;
  ref.section = f.section;
  ref.index = f.index;
  ref.number = f.number;
  return ParagraphLabel(ref);
}

std::string SessionText(uint32_t session) { return session ? std::to_string(session) : "?"; }

Json GrepParagraphJson(const history::GrepResult& grep, const history::GrepParagraph& f) {
  const store::PhraseHit& hit = grep.hits[f.hit];
  Json matches = Json::array();
  for (const store::PhraseMatch& m : hit.matches) {
    matches.push_back({{"subparagraph", m.subparagraph < 0 ? Json() : Json(m.subparagraph)},
                       {"byte_offset", m.byte_offset},
                       {"byte_length", m.byte_length}});
  }
  return {{"symbol", f.symbol},         {"session", SessionOrNull(f.session)},
          {"position", f.position + 1}, {"label", GrepLabel(f)},
          {"lead", hit.wording.lead},   {"text", hit.wording.text},
          {"matches", matches},         {"version", f.version},
          {"language", f.language}};
}

// The rows `log` shows: all, or with substantive those with a substantive change.
std::vector<history::SessionRow> ShownRows(const std::vector<history::SessionRow>& rows,
                                           bool substantive) {
  std::vector<history::SessionRow> out;
  for (const history::SessionRow& r : rows) {
    if (!substantive || !r.has_previous || !OnlyTechnicalChanges(r.summary)) out.push_back(r);
  }
  return out;
}

}  // namespace

Json SessionsJson(const std::vector<history::SessionRow>& rows) {
  Json sessions = Json::array();
  for (const history::SessionRow& r : rows) {
    sessions.push_back({{"symbol", r.symbol},
                        {"session", SessionOrNull(r.session)},
                        {"adoption_date", r.adoption_date.empty() ? Json() : Json(r.adoption_date)},
                        {"title", r.title},
                        {"changes", r.has_previous ? SummaryJson(r.summary) : Json()}});
  }
  return sessions;
}

std::string SeriesListText(const std::vector<Series>& all) {
  // Appended piece by piece into one buffer sized first: at 100,000 releases the listing is
  // 1.5 MB, and a temporary string per symbol was a fifth of `recital series`.
  size_t bytes = 0;
  for (const Series& s : all) {
    bytes += s.key.size() + s.name.size() + 6;
    for (const std::string& sym : s.symbols) bytes += sym.size() + 1;
  }
  std::string out;
  out.reserve(bytes);
  for (const Series& s : all) {
    out.append(s.key).append("  ").append(s.name).append("\n   ");
    for (const std::string& sym : s.symbols) {
      out.push_back(' ');
      out.append(ShortSymbol(sym));  // short enough to need no allocation
    }
    out.push_back('\n');
  }
  return out;
}

Json SeriesListJson(const std::vector<Series>& all) {
  Json out = Json::array();
  for (const Series& s : all)
    out.push_back({{"key", s.key}, {"name", s.name}, {"symbols", s.symbols}});
  return out;
}

bool OnlyTechnicalChanges(const DiffSummary& s) {
  return s.reworded > 0 && s.technical == s.reworded && s.added == 0 && s.removed == 0 &&
         s.moved == 0 && s.split == 0 && s.merged == 0;
}

std::string LogText(const history::LogView& log, bool substantive) {
  const std::vector<history::SessionRow> rows = ShownRows(log.rows, substantive);
  std::string out = fmt::format("Series: {} ({}, {} session{}", log.series.name, log.series.key,
                                log.rows.size(), log.rows.size() == 1 ? "" : "s");
  if (rows.size() != log.rows.size()) {
    const size_t hidden = log.rows.size() - rows.size();
    out += fmt::format("; {} with technical changes only not shown", hidden);
  }
  out += ")\n";
  out += fmt::format("{:<20} {:>7} {:<10} {:>9} {:>8} {:>9} {:>5} {:>7} {:>5} {:>5} {:>6}  {}\n",
                     "SYMBOL", "SESSION", "ADOPTED", "UNCHANGED", "REWORDED", "TECHNICAL", "ADDED",
                     "REMOVED", "MOVED", "SPLIT", "MERGED", "TITLE");
  for (const history::SessionRow& r : rows) {
    std::string counts;
    if (r.has_previous) {
      const DiffSummary& s = r.summary;
      counts = fmt::format("{:>9} {:>8} {:>9} {:>5} {:>7} {:>5} {:>5} {:>6}", s.unchanged,
                           s.reworded, s.technical, s.added, s.removed, s.moved, s.split, s.merged);
    } else {
      counts = fmt::format("{:>9} {:>8} {:>9} {:>5} {:>7} {:>5} {:>5} {:>6}", "-", "-", "-", "-",
                           "-", "-", "-", "-");
    }
    out += fmt::format("{:<20} {:>7} {:<10} {}  {}\n", r.symbol,
                       r.session ? std::to_string(r.session) : "?",
                       r.adoption_date.empty() ? "?" : r.adoption_date, counts, r.title);
  }
  return out;
}

Json LogJson(const history::LogView& log, bool substantive) {
  return {{"series", {{"key", log.series.key}, {"name", log.series.name}}},
          {"sessions", SessionsJson(ShownRows(log.rows, substantive))}};
}

std::string BlameText(const history::BlameView& blame, bool colour) {
  const history::SeriesHistory& h = blame.history;
  const Resolution& r = h.records.back();
  std::string out =
      fmt::format("{} ({}): {}\n", r.symbol, r.title.empty() ? "no title" : r.title,
                  h.records.size() == 1 ? std::string("first of its series")
                                        : fmt::format("series '{}' from {}", h.series.name,
                                                      ShortSymbol(h.records.front().symbol)));
  const Palette p(colour);
  const char* section = "";
  for (const history::BlameParagraph& b : blame.paragraphs) {
    if (section != SectionName(b.section)) {
      section = SectionName(b.section);
      out += fmt::format("\n{}{}{}\n", p.bold, section, p.reset);
    }
    std::string label = b.number.empty() ? "-" : b.number;
    out += fmt::format("{:>4}  since {:<14} {}\n", label, ShortSymbol(b.since), b.text);
    for (const history::LineageEntry& e : b.lineage) {
      out += fmt::format("{}      from  {:<14} {}{}{}\n", p.dim, ShortSymbol(e.symbol),
                         e.technical ? "[technical] " : "", e.text, p.reset);
    }
  }
  return out;
}

Json BlameJson(const history::BlameView& blame) {
  // Arrays are moved into their parents: a braced list copies an lvalue Json, which copied the
  // lineage of every paragraph whole once more.
  Json paragraphs = Json::array();
  for (const history::BlameParagraph& p : blame.paragraphs) {
    Json lineage = Json::array();
    for (const history::LineageEntry& e : p.lineage) {
      lineage.push_back({{"symbol", e.symbol}, {"text", e.text}, {"technical", e.technical}});
    }
    paragraphs.push_back({{"section", SectionName(p.section)},
                          {"number", p.number},
                          {"lead", p.lead},
                          {"text", p.text},
                          {"since", p.since},
                          {"wording_since", p.wording_since},
                          {"lineage", std::move(lineage)}});
  }
  return {{"symbol", blame.symbol}, {"paragraphs", std::move(paragraphs)}};
}

std::string GrepText(const history::GrepResult& grep, bool colour) {
  const Palette p(colour);
  std::string out;
  for (const history::GrepSeries& g : grep.series) {
    const history::GrepParagraph& first = g.paragraphs.front();
    const history::GrepParagraph& last = g.paragraphs.back();
    std::set<std::string> symbols;
    for (const history::GrepParagraph& f : g.paragraphs) symbols.insert(f.symbol);
    out +=
        fmt::format("{}{}{} ({})\n  first {} (session {}), last {} (session {}); {} resolution{}\n",
                    p.bold, g.series.name, p.reset, g.series.key, first.symbol,
                    SessionText(first.session), last.symbol, SessionText(last.session),
                    symbols.size(), symbols.size() == 1 ? "" : "s");
    for (const history::GrepParagraph& f : g.paragraphs) {
      // A hit in another language than English names it: "52/48 fr".
      std::string where = ShortSymbol(f.symbol);
      if (!f.language.empty() && f.language != "en") where += " " + f.language;
      out += fmt::format("  {:<16} {:<4} {}\n", where, GrepLabel(f),
                         Highlighted(grep.hits[f.hit], colour));
    }
  }
  return out;
}

Json GrepJson(const history::GrepResult& grep) {
  Json series = Json::array();
  for (const history::GrepSeries& g : grep.series) {
    Json paragraphs = Json::array();
    for (const history::GrepParagraph& f : g.paragraphs) {
      paragraphs.push_back(GrepParagraphJson(grep, f));
    }
    auto end = [](const history::GrepParagraph& f) {
      return Json{{"symbol", f.symbol}, {"session", SessionOrNull(f.session)}};
    };
    series.push_back({{"key", g.series.key},
                      {"name", g.series.name},
                      {"first", end(g.paragraphs.front())},
                      {"last", end(g.paragraphs.back())},
                      {"paragraphs", paragraphs}});
  }
  return {{"phrase", grep.phrase}, {"series", series}};
}

std::string GrepDocumentsText(const std::vector<store::PhraseDocument>& docs) {
  std::string out;
  for (const store::PhraseDocument& d : docs) {
    out += d.symbol;
    out += '\n';
  }
  return out;
}

Json GrepDocumentsJson(const std::vector<store::PhraseDocument>& docs) {
  Json out = Json::array();
  for (const store::PhraseDocument& d : docs) {
    Json versions = Json::array();
    for (const store::PhraseDocumentVersion& v : d.versions) {
      versions.push_back({{"version", v.version}, {"language", v.language}});
    }
    out.push_back({{"symbol", d.symbol}, {"versions", versions}});
  }
  return out;
}

std::string GrepCountsText(const std::vector<history::GrepCount>& counts) {
  std::string out;
  for (const history::GrepCount& c : counts) out += fmt::format("{}:{}\n", c.symbol, c.paragraphs);
  return out;
}

Json GrepCountsJson(const std::vector<history::GrepCount>& counts) {
  Json out = Json::array();
  for (const history::GrepCount& c : counts) {
    out.push_back({{"symbol", c.symbol}, {"paragraphs", c.paragraphs}});
  }
  return out;
}

}  // namespace recital::render

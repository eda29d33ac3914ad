// Records for people (text) and tools (JSON): `recital parse`, `recital show`.
#include <string>
#include <utility>
#include <vector>

#include "render/render.h"

namespace recital::render {
namespace {

using Json = nlohmann::json;

Json StrOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json NumOrNull(uint32_t n) { return n == 0 ? Json(nullptr) : Json(n); }

Json FootnoteNumbers(const std::vector<FootnoteRef>& refs) {
  Json a = Json::array();
  for (const FootnoteRef& f : refs) a.push_back(f.number);
  return a;
}

Json ParagraphJson(const Paragraph& p, bool operative) {
  Json j = Json::object();
  if (operative) j["number"] = StrOrNull(p.number);
  j["lead"] = StrOrNull(p.lead);
  j["text"] = p.text;
  j["footnotes"] = FootnoteNumbers(p.footnotes);
  if (operative) {
    Json subs = Json::array();
    for (const SubParagraph& s : p.subparagraphs) {
      subs.push_back(Json{{"number", s.number}, {"text", s.text}});
    }
    j["subparagraphs"] = std::move(subs);
  }
  return j;
}

std::string FootnoteSuffix(const std::vector<FootnoteRef>& refs) {
  if (refs.empty()) return "";
  std::string s = "  [footnotes:";
  for (const FootnoteRef& f : refs) s += " " + std::to_string(f.number);
  return s + "]";
}

std::string OrUnknown(const std::string& s) { return s.empty() ? "(unknown)" : s; }

// The annex paragraphs grouped by Resolution::annexes; paragraphs past the counts (records
// without annex titles) form one more, untitled annex.
std::vector<std::pair<std::string, std::vector<const Paragraph*>>> AnnexGroups(const Resolution& r) {
  std::vector<std::pair<std::string, std::vector<const Paragraph*>>> groups;
  size_t next = 0;
  for (const Annex& a : r.annexes) {
    groups.push_back({a.title, {}});
    for (uint32_t k = 0; k < a.paragraph_count && next < r.annex.size(); ++k) {
      groups.back().second.push_back(&r.annex[next++]);
    }
  }
  if (next < r.annex.size()) {
    groups.push_back({"", {}});
    while (next < r.annex.size()) groups.back().second.push_back(&r.annex[next++]);
  }
  return groups;
}

}  // namespace

nlohmann::json RecordJson(const Resolution& r) {
  Json j = Json::object();
  j["symbol"] = StrOrNull(r.symbol);
  j["session"] = NumOrNull(r.session);
  j["number"] = NumOrNull(r.number);
  j["title"] = StrOrNull(r.title);
  j["agenda_items"] = r.agenda_items;
  j["committee"] = StrOrNull(r.committee);
  j["report"] = StrOrNull(r.report);
  j["distribution_date"] = StrOrNull(r.distribution_date);
  j["adoption_date"] = StrOrNull(r.adoption_date);
  j["meeting"] = NumOrNull(r.meeting);
  j["language"] = StrOrNull(r.language);
  j["layout"] = StrOrNull(r.layout);
  Json pre = Json::array();
  for (const Paragraph& p : r.preamble) pre.push_back(ParagraphJson(p, false));
  j["preamble"] = std::move(pre);
  Json op = Json::array();
  for (const Paragraph& p : r.operative) op.push_back(ParagraphJson(p, true));
  j["operative"] = std::move(op);
  // Only records that have them carry these keys (text releases never do).
  if (!r.session_code.empty()) j["session_code"] = r.session_code;
  if (!r.annex.empty() || !r.annexes.empty()) {
    Json annexes = Json::array();
    for (const auto& [title, paragraphs] : AnnexGroups(r)) {
      Json ps = Json::array();
      for (const Paragraph* p : paragraphs) ps.push_back(ParagraphJson(*p, true));
      annexes.push_back(Json{{"title", StrOrNull(title)}, {"paragraphs", std::move(ps)}});
    }
    j["annexes"] = std::move(annexes);
  }
  Json notes = Json::array();
  for (const Footnote& f : r.footnotes)
    notes.push_back(Json{{"number", f.number}, {"text", f.text}});
  j["footnotes"] = std::move(notes);
  Json cites = Json::array();
  for (const Citation& c : r.citations) {
    cites.push_back(Json{{"symbol", c.symbol}, {"date", StrOrNull(c.date)}});
  }
  j["citations"] = std::move(cites);
  j["documents"] = r.documents;
  j["warnings"] = r.warnings;
  return j;
}

std::string RecordText(const Resolution& r) {
  std::string out;
  auto line = [&out](const std::string& k, const std::string& v) { out += k + ": " + v + "\n"; };
  line("Symbol", OrUnknown(r.symbol));
  line("Session", !r.session_code.empty() ? r.session_code
                 : r.session                ? std::to_string(r.session)
                                            : "(unknown)");
  line("Title", OrUnknown(r.title));
  std::string items;
  for (const std::string& a : r.agenda_items) items += (items.empty() ? "" : ", ") + a;
  line("Agenda items", OrUnknown(items));
  line("Committee", OrUnknown(r.committee));
  line("Report", OrUnknown(r.report));
  line("Distributed", OrUnknown(r.distribution_date));
  line("Adopted", OrUnknown(r.adoption_date) +
                      (r.meeting ? " (plenary meeting " + std::to_string(r.meeting) + ")" : ""));
  line("Layout", OrUnknown(r.layout) + ", language " + OrUnknown(r.language));
  out += "\nPreamble (" + std::to_string(r.preamble.size()) + " paragraphs)\n";
  for (const Paragraph& p : r.preamble) {
    out += "  [" + OrUnknown(p.lead) + "] " + p.text + FootnoteSuffix(p.footnotes) + "\n";
  }
  out += "\nOperative (" + std::to_string(r.operative.size()) + " paragraphs)\n";
  for (const Paragraph& p : r.operative) {
    out += "  " + (p.number.empty() ? std::string("?") : p.number) + ". [" + OrUnknown(p.lead) +
           "] " + p.text + FootnoteSuffix(p.footnotes) + "\n";
    for (const SubParagraph& s : p.subparagraphs) {
      out += "      " + s.number + " " + s.text + FootnoteSuffix(s.footnotes) + "\n";
    }
  }
  for (const auto& [title, paragraphs] : AnnexGroups(r)) {
    out += "\nAnnex" + (title.empty() ? std::string() : ": " + title) + " (" +
           std::to_string(paragraphs.size()) + " paragraphs)\n";
    for (const Paragraph* p : paragraphs) {
      out += "  " + (p->number.empty() ? std::string() : p->number + ". ") +
             (p->lead.empty() ? std::string() : "[" + p->lead + "] ") + p->text +
             FootnoteSuffix(p->footnotes) + "\n";
      for (const SubParagraph& s : p->subparagraphs) {
        out += "      " + s.number + " " + s.text + FootnoteSuffix(s.footnotes) + "\n";
      }
    }
  }
  if (!r.footnotes.empty()) {
    out += "\nFootnotes\n";
    for (const Footnote& f : r.footnotes)
      out += "  " + std::to_string(f.number) + " " + f.text + "\n";
  }
  if (!r.citations.empty()) {
    out += "\nCited resolutions\n";
    for (const Citation& c : r.citations) {
      out += "  " + c.symbol + (c.date.empty() ? "" : " of " + c.date) + "\n";
    }
  }
  if (!r.documents.empty()) {
    out += "\nOther documents\n";
    for (const std::string& d : r.documents) out += "  " + d + "\n";
  }
  if (!r.warnings.empty()) {
    out += "\nWarnings\n";
    for (const std::string& w : r.warnings) out += "  - " + w + "\n";
  }
  return out;
}

}  // namespace recital::render

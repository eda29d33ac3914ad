// A resolution as an Akoma Ntoso (AKN4UN) document; render/render.h has the shape, the IRIs
// and the eIds. ingest/akn*.cc reads these documents back into the same record.
#include <map>
#include <utility>

#include "render/akn_internal.h"
#include "render/render.h"
#include "render/xml_internal.h"
#include "schema/strings.h"
#include "schema/symbol.h"

namespace recital::render {
namespace {

using akn::AnnexGroup;
using akn::ParagraphIds;

using LineageMap = std::map<std::pair<Section, size_t>, const AknParagraphLineage*>;

// What every part of the document needs to know.
struct Context {
  const Resolution& r;
  ParagraphIds ids;
  std::string work;  // Work IRI
  LineageMap lineage;
};

// The Work's FRBRdate: adoption, else distribution, else a marked placeholder (the schema
// requires a date).
std::pair<std::string, std::string> WorkDate(const Resolution& r) {
  if (akn::IsIsoDate(r.adoption_date)) return {r.adoption_date, "adoption"};
  if (akn::IsIsoDate(r.distribution_date)) return {r.distribution_date, "distribution"};
  return {"0001-01-01", "unknown"};
}

bool IsDraft(const Resolution& r) {
  std::optional<Symbol> s = ParseSymbol(r.symbol);
  return s && s->IsDraft();
}

void Value(pugi::xml_node parent, const char* name, std::string_view value) {
  xml::SetAttr(parent.append_child(name), "value", value);
}

void FrbrDate(pugi::xml_node parent, const Resolution& r) {
  const auto [date, name] = WorkDate(r);
  pugi::xml_node d = parent.append_child("FRBRdate");
  xml::SetAttr(d, "date", date);
  xml::SetAttr(d, "name", name);
}

void FrbrAuthor(pugi::xml_node parent, const char* who, const char* role) {
  pugi::xml_node a = parent.append_child("FRBRauthor");
  a.append_attribute("href").set_value(who);
  a.append_attribute("as").set_value(role);
}

// <identification> of the document (component "main") or of annex N ("annex_N").
void Identification(pugi::xml_node meta, const Context& c, const std::string& component) {
  const Resolution& r = c.r;
  pugi::xml_node id = meta.append_child("identification");
  id.append_attribute("source").set_value("#recital");
  const std::string lang = akn::LanguageCode(r.language);
  const std::string expression = c.work + "/" + lang + "@";

  pugi::xml_node work = id.append_child("FRBRWork");
  Value(work, "FRBRthis", c.work + "/!" + component);
  Value(work, "FRBRuri", c.work);
  if (!r.symbol.empty()) {
    pugi::xml_node alias = work.append_child("FRBRalias");
    xml::SetAttr(alias, "value", r.symbol);
    alias.append_attribute("name").set_value("UNSymbol");
  }
  FrbrDate(work, r);
  FrbrAuthor(work, "#generalAssembly", "#author");
  Value(work, "FRBRcountry", "un");
  Value(work, "FRBRsubtype", IsDraft(r) ? "resolutionDraft" : "resolution");
  if (r.number != 0) Value(work, "FRBRnumber", std::to_string(r.number));

  pugi::xml_node expr = id.append_child("FRBRExpression");
  Value(expr, "FRBRthis", expression + "/!" + component);
  Value(expr, "FRBRuri", expression);
  FrbrDate(expr, r);
  FrbrAuthor(expr, "#generalAssembly", "#author");
  xml::SetAttr(expr.append_child("FRBRlanguage"), "language", lang);

  pugi::xml_node manif = id.append_child("FRBRManifestation");
  Value(manif, "FRBRthis", expression + "/!" + component + ".xml");
  Value(manif, "FRBRuri", expression + ".akn");
  FrbrDate(manif, r);
  FrbrAuthor(manif, "#recital", "#editor");
  Value(manif, "FRBRformat", "application/akn+xml");
}

void Tlc(pugi::xml_node refs, const char* kind, const char* eid, const std::string& href,
         std::string_view show_as) {
  pugi::xml_node t = refs.append_child(kind);
  t.append_attribute("eId").set_value(eid);
  xml::SetAttr(t, "href", href);
  xml::SetAttr(t, "showAs", show_as);
}

void Analysis(pugi::xml_node meta, const Context& c, const AknLineage* lineage) {
  if (lineage == nullptr) return;
  pugi::xml_node other;
  for (const AknParagraphLineage& l : lineage->paragraphs) {
    if (l.continues.empty()) continue;
    if (!other) {
      pugi::xml_node analysis = meta.append_child("analysis");
      analysis.append_attribute("source").set_value("#recital");
      other = analysis.append_child("otherReferences");
      other.append_attribute("source").set_value("#recital");
    }
    const std::vector<std::string>& ids = c.ids.Of(l.section);
    if (l.index >= ids.size()) continue;
    pugi::xml_node ref = other.append_child("implicitReference");
    xml::SetAttr(ref, "for", "#" + ids[l.index]);
    xml::SetAttr(ref, "href", l.continues);
    ref.append_attribute("refersTo").set_value("#continues");
    xml::SetAttr(ref, "showAs", l.change);
  }
}

void References(pugi::xml_node meta, const Context& c, bool with_lineage) {
  pugi::xml_node refs = meta.append_child("references");
  refs.append_attribute("source").set_value("#recital");
  Tlc(refs, "TLCOrganization", "generalAssembly", "/akn/ontology/organizations/un/generalAssembly",
      "General Assembly");
  Tlc(refs, "TLCOrganization", "recital", "/akn/ontology/organizations/recital", "Recital");
  if (!c.r.committee.empty() && !c.r.committee.starts_with("without")) {
    Tlc(refs, "TLCOrganization", "committee", "/akn/ontology/organizations/un/committee",
        c.r.committee);
  }
  Tlc(refs, "TLCEvent", "adoption", "/akn/ontology/events/un/adoption", "Adoption");
  Tlc(refs, "TLCEvent", "distribution", "/akn/ontology/events/un/distribution", "Distribution");
  Tlc(refs, "TLCRole", "author", "/akn/ontology/roles/author", "Author");
  Tlc(refs, "TLCRole", "editor", "/akn/ontology/roles/editor", "Editor");
  if (with_lineage) {
    Tlc(refs, "TLCConcept", "continues", "/akn/ontology/concepts/recital/continues",
        "continues the paragraph of the previous session");
  }
}

void Notes(pugi::xml_node meta, const Resolution& r) {
  if (r.footnotes.empty()) return;
  pugi::xml_node notes = meta.append_child("notes");
  notes.append_attribute("source").set_value("#recital");
  for (size_t i = 0; i < r.footnotes.size(); ++i) {
    pugi::xml_node n = notes.append_child("note");
    n.append_attribute("eId").set_value(("note_" + std::to_string(i + 1)).c_str());
    n.append_attribute("marker").set_value(std::to_string(r.footnotes[i].number).c_str());
    xml::AppendElementText(n, "p", r.footnotes[i].text);
  }
}

// Recital's fields that Akoma Ntoso has no place for (kRecitalAknNamespace).
void Proprietary(pugi::xml_node meta, const Resolution& r, const AknLineage* lineage) {
  pugi::xml_node prop = meta.append_child("proprietary");
  prop.append_attribute("source").set_value("#recital");
  pugi::xml_node rec = prop.append_child("recital:record");
  xml::SetAttr(rec, "layout", r.layout);
  xml::SetAttr(rec, "parserVersion", r.parser_version);
  xml::SetAttr(rec, "rawHash", r.raw_hash.ToHex());
  if (r.truncated_end) rec.append_attribute("truncatedEnd").set_value("true");
  if (r.starts_mid_document) rec.append_attribute("startsMidDocument").set_value("true");
  for (const std::string& w : r.warnings) xml::AppendElementText(rec, "recital:warning", w);
  for (const Citation& ct : r.citations) {
    pugi::xml_node e = rec.append_child("recital:citation");
    xml::SetAttr(e, "symbol", ct.symbol);
    if (!ct.date.empty()) xml::SetAttr(e, "date", ct.date);
  }
  for (const std::string& d : r.documents) {
    xml::SetAttr(rec.append_child("recital:document"), "symbol", d);
  }
  if (lineage != nullptr && !lineage->series_key.empty()) {
    pugi::xml_node series = prop.append_child("recital:series");
    xml::SetAttr(series, "key", lineage->series_key);
    xml::SetAttr(series, "name", lineage->series_name);
    for (size_t i = 0; i < lineage->members.size(); ++i) {
      pugi::xml_node m = series.append_child("recital:member");
      xml::SetAttr(m, "symbol", lineage->members[i]);
      if (i < lineage->member_iris.size()) xml::SetAttr(m, "href", lineage->member_iris[i]);
    }
  }
}

void Meta(pugi::xml_node doc, const Context& c, const AknLineage* lineage) {
  pugi::xml_node meta = doc.append_child("meta");
  Identification(meta, c, "main");
  Analysis(meta, c, lineage);
  bool continues = false;
  if (lineage != nullptr) {
    for (const AknParagraphLineage& l : lineage->paragraphs) continues |= !l.continues.empty();
  }
  References(meta, c, continues);
  Notes(meta, c.r);
  Proprietary(meta, c.r, lineage);
}

// ---- the text ---------------------------------------------------------------------------

void CoverPage(pugi::xml_node doc, const Resolution& r) {
  pugi::xml_node cover = doc.append_child("coverPage");
  if (!r.symbol.empty()) xml::AppendElementText(cover.append_child("p"), "docNumber", r.symbol);
  if (!r.distribution_date.empty()) {
    pugi::xml_node p = cover.append_child("p");
    xml::AppendText(p, "Distributed ");
    pugi::xml_node d = xml::AppendElementText(p, "docDate", akn::LongDate(r.distribution_date));
    if (akn::IsIsoDate(r.distribution_date)) {
      xml::SetAttr(d, "date", r.distribution_date);
    } else {
      d.append_attribute("date").set_value("0001-01-01");
    }
    d.append_attribute("refersTo").set_value("#distribution");
  }
  if (r.session != 0 || !r.session_code.empty()) {
    const std::string value = r.session_code.empty() ? std::to_string(r.session) : r.session_code;
    std::string words = r.session_code.empty() ? SessionOrdinal(r.session) + " session"
                                               : "Session " + r.session_code;
    if (!words.empty()) words[0] = AsciiUpper(words[0]);
    xml::SetAttr(xml::AppendElementText(cover.append_child("p"), "session", words), "value", value);
  }
  if (!r.agenda_items.empty()) {
    pugi::xml_node p = cover.append_child("p");
    xml::AppendText(p, r.agenda_items.size() == 1 ? "Agenda item " : "Agenda items ");
    for (size_t i = 0; i < r.agenda_items.size(); ++i) {
      if (i > 0) xml::AppendText(p, ", ");
      pugi::xml_node item = xml::AppendElementText(p, "inline", r.agenda_items[i]);
      item.append_attribute("name").set_value("agendaItem");
    }
  }
  if (!r.committee.empty() || !r.report.empty()) {
    pugi::xml_node p = cover.append_child("p");
    const bool without = r.committee.starts_with("without");
    xml::AppendText(p, without || r.committee.empty() ? "[" : "[on the report of the ");
    if (!r.committee.empty()) {
      pugi::xml_node c = xml::AppendElementText(p, "docCommittee", r.committee);
      if (!without) c.append_attribute("refersTo").set_value("#committee");
    }
    if (!r.report.empty()) {
      xml::AppendText(p, r.committee.empty() ? "" : " (");
      xml::AppendElementText(p, "inline", r.report).append_attribute("name").set_value("report");
      xml::AppendText(p, r.committee.empty() ? "" : ")");
    }
    xml::AppendText(p, "]");
  }
  if (!cover.first_child()) doc.remove_child(cover);
}

void Preface(pugi::xml_node doc, const Resolution& r) {
  const std::string number = ShortSymbol(r.symbol);
  if (r.title.empty() && number.empty()) return;
  pugi::xml_node p = doc.append_child("preface").append_child("p");
  if (!number.empty()) {
    xml::AppendElementText(p, "docNumber", number);
    if (!r.title.empty()) xml::AppendText(p, ". ");
  }
  if (!r.title.empty()) xml::AppendElementText(p, "docTitle", r.title);
}

// The Recital attributes of a paragraph's element (render.h, AknParagraphLineage).
void LineageAttrs(pugi::xml_node e, const Paragraph& p, Section s, size_t index, const Context& c) {
  xml::SetAttr(e, "recital:wording", WordingHash(p).ToHex());
  auto it = c.lineage.find({s, index});
  if (it == c.lineage.end()) return;
  const AknParagraphLineage& l = *it->second;
  if (!l.since.empty()) xml::SetAttr(e, "recital:since", l.since);
  if (!l.continues.empty()) {
    xml::SetAttr(e, "recital:continues", l.continues);
    xml::SetAttr(e, "recital:change", l.change);
    if (l.moved) e.append_attribute("recital:moved").set_value("true");
  }
}

void SubParagraphs(pugi::xml_node parent, const Paragraph& p, const std::string& eid,
                   const Resolution& r, size_t* notes) {
  if (p.subparagraphs.empty()) return;
  pugi::xml_node list = parent.append_child("blockList");
  const std::string list_id = eid + "__list_1";
  xml::SetAttr(list, "eId", list_id);
  std::vector<std::string> used;
  for (size_t i = 0; i < p.subparagraphs.size(); ++i) {
    const SubParagraph& s = p.subparagraphs[i];
    pugi::xml_node item = list.append_child("item");
    const std::string item_id = list_id + "__" + akn::ItemId(s.number, i, &used);
    xml::SetAttr(item, "eId", item_id);
    if (!s.number.empty()) xml::AppendElementText(item, "num", s.number);
    akn::AppendInline(item.append_child("p"), {s.text, "", &s.footnotes}, r, item_id, notes);
  }
}

void Preamble(pugi::xml_node doc, const Context& c) {
  const Resolution& r = c.r;
  if (r.preamble.empty() && r.starts_mid_document) return;
  pugi::xml_node pre = doc.append_child("preamble");
  if (!r.starts_mid_document) {
    pugi::xml_node f = pre.append_child("formula");
    f.append_attribute("name").set_value("enactingFormula");
    xml::AppendElementText(f, "p", "The General Assembly,");
  }
  for (size_t i = 0; i < r.preamble.size(); ++i) {
    const Paragraph& p = r.preamble[i];
    const std::string& eid = c.ids.preamble[i];
    size_t notes = 0;
    pugi::xml_node e;
    pugi::xml_node text;
    if (p.subparagraphs.empty()) {
      e = text = pre.append_child("p");
    } else {
      e = pre.append_child("container");
      e.append_attribute("name").set_value("preambularParagraph");
      text = e.append_child("p");
    }
    xml::SetAttr(e, "eId", eid);
    LineageAttrs(e, p, Section::kPreamble, i, c);
    akn::AppendInline(text, {p.text, p.lead, &p.footnotes}, r, eid, &notes);
    SubParagraphs(e, p, eid, r, &notes);
  }
}

void ParagraphElement(pugi::xml_node parent, const Paragraph& p, Section s, size_t index,
                      const std::string& eid, const Context& c) {
  pugi::xml_node e = parent.append_child("paragraph");
  xml::SetAttr(e, "eId", eid);
  LineageAttrs(e, p, s, index, c);
  if (!p.number.empty()) xml::AppendElementText(e, "num", p.number + ".");
  pugi::xml_node content = e.append_child("content");
  size_t notes = 0;
  akn::AppendInline(content.append_child("p"), {p.text, p.lead, &p.footnotes}, c.r, eid, &notes);
  SubParagraphs(content, p, eid, c.r, &notes);
}

// mainBody must hold something: an empty <p> stands for a copy without operative paragraphs.
void MainBody(pugi::xml_node doc, const std::vector<Paragraph>& ps, Section s, size_t first,
              const Context& c) {
  pugi::xml_node body = doc.append_child("mainBody");
  for (size_t i = 0; i < ps.size(); ++i) {
    ParagraphElement(body, ps[i], s, first + i, c.ids.Of(s)[first + i], c);
  }
  if (ps.empty()) body.append_child("p");
}

void Conclusions(pugi::xml_node doc, const Resolution& r) {
  if (r.meeting == 0 && r.adoption_date.empty()) return;
  pugi::xml_node con = doc.append_child("conclusions");
  if (r.meeting != 0) {
    pugi::xml_node m = xml::AppendElementText(con.append_child("p"), "inline",
                                              akn::Ordinal(r.meeting) + " plenary meeting");
    m.append_attribute("name").set_value("meeting");
  }
  if (!r.adoption_date.empty()) {
    pugi::xml_node d =
        xml::AppendElementText(con.append_child("p"), "date", akn::LongDate(r.adoption_date));
    xml::SetAttr(d, "date", akn::IsIsoDate(r.adoption_date) ? r.adoption_date : "0001-01-01");
    d.append_attribute("refersTo").set_value("#adoption");
  }
}

void Attachments(pugi::xml_node doc, const Context& c) {
  const std::vector<AnnexGroup> groups = akn::AnnexGroups(c.r);
  if (groups.empty()) return;
  pugi::xml_node atts = doc.append_child("attachments");
  for (size_t g = 0; g < groups.size(); ++g) {
    const AnnexGroup& group = groups[g];
    pugi::xml_node att = atts.append_child("attachment");
    att.append_attribute("eId").set_value(("att_" + std::to_string(g + 1)).c_str());
    pugi::xml_node annex = att.append_child("doc");
    annex.append_attribute("name").set_value("annex");
    Identification(annex.append_child("meta"), c, "annex_" + std::to_string(g + 1));
    if (!group.title.empty()) {
      xml::AppendElementText(annex.append_child("preface").append_child("p"), "docTitle",
                             group.title);
    }
    const std::vector<Paragraph> part(c.r.annex.begin() + group.first,
                                      c.r.annex.begin() + group.first + group.count);
    MainBody(annex, part, Section::kAnnex, group.first, c);
  }
}

}  // namespace

std::string AknXml(const Resolution& r, const AknLineage* lineage) {
  Context c{r, akn::AssignParagraphIds(r), AknWorkIri(r), {}};
  if (lineage != nullptr) {
    for (const AknParagraphLineage& l : lineage->paragraphs) c.lineage[{l.section, l.index}] = &l;
  }
  pugi::xml_document d;
  pugi::xml_node root = d.append_child("akomaNtoso");
  root.append_attribute("xmlns").set_value(kAknNamespace);
  root.append_attribute("xmlns:recital").set_value(kRecitalAknNamespace);
  pugi::xml_node doc = root.append_child("statement");
  doc.append_attribute("name").set_value(IsDraft(r) ? "resolutionDraft" : "resolution");
  Meta(doc, c, lineage);
  CoverPage(doc, r);
  Preface(doc, r);
  Preamble(doc, c);
  MainBody(doc, r.operative, Section::kOperative, 0, c);
  Conclusions(doc, r);
  Attachments(doc, c);
  xml::IndentStructure(root);
  return xml::Serialize(d);
}

bool IsAknExport(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 1024);
  return head.find("<akomaNtoso") != std::string_view::npos &&
         head.find(kRecitalAknNamespace) != std::string_view::npos;
}

}  // namespace recital::render

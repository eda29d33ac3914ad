// Akoma Ntoso resolutions -> records. Where each field is read from (render.h has the shape
// `recital export` writes):
//   symbol        FRBRWork/FRBRalias[@name=UNSymbol], else coverPage docNumber
//   number        FRBRWork/FRBRnumber, else the preface's docNumber ("54/144")
//   session       coverPage <session value="54"> ("ES-11": session_code)
//   language      FRBRExpression/FRBRlanguage ("eng" -> "en")
//   title         preface docTitle; annex titles: the attachment's docTitle
//   dates         coverPage docDate (distribution), conclusions <date> (adoption)
//   meeting       conclusions: the number before "plenary meeting"
//   agenda items, committee, report: coverPage inline[@name=agendaItem], docCommittee,
//                 inline[@name=report]
//   footnotes     meta <notes> in order, else the authorialNotes' texts
//   paragraphs    preamble p/container, mainBody paragraph (num, content p, blockList items),
//                 attachments' mainBody paragraphs
//   layout "akn"; what a Recital export adds in <proprietary> (warnings, partial-copy flags,
//   citations and documents exactly as the record had them) is taken back; a document without
//   it gets its citations and documents from its text like a text release.
#include <cstdlib>

#include "ingest/akn_internal.h"
#include "ingest/ingest_internal.h"
#include "schema/strings.h"
#include "schema/symbol.h"

namespace recital::ingest {
namespace {

using akn::InlineResult;
using akn::Names;

constexpr std::string_view kAknNs = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
constexpr std::string_view kRecitalNs = "urn:x-recital:akn:1";

std::string Text(pugi::xml_node n, const Names& names) {
  InlineResult r;
  if (!akn::ReadInline(n, names, false, &r).ok()) return "";
  return r.text;
}

bool IsPlaceholderDate(std::string_view d) { return d.empty() || d == "0001-01-01"; }

// The prefix ("" or "p:") under which root's element declares uri, or nullopt.
std::optional<std::string> PrefixOf(pugi::xml_node root, std::string_view uri) {
  for (pugi::xml_attribute a : root.attributes()) {
    const std::string_view name = a.name();
    if (a.value() != uri) continue;
    if (name == "xmlns") return std::string();
    if (name.starts_with("xmlns:")) return std::string(name.substr(6)) + ":";
  }
  return std::nullopt;
}

class DocumentReader {
 public:
  DocumentReader(const Names& names, bool exact, Resolution* r)
      : names_(names), exact_(exact), r_(r) {}

  // One paragraph element: <p>, <container>, <paragraph> (num, content or intro + items).
  Status ReadParagraph(pugi::xml_node e, Section section, bool* empty) {
    Paragraph p;
    p.section = section;
    if (pugi::xml_node num = names_.Child(e, "num")) {
      p.number = Text(num, names_);
      if (p.number.ends_with(".")) p.number.pop_back();
    }
    bool have_text = false;
    RECITAL_RETURN_IF_ERROR(names_.Local(e) == "p" ? AddText(e, &p, &have_text)
                                                   : Blocks(e, &p, &have_text, 0));
    // A Recital export writes every paragraph with an eId, even an empty one; the eId-less
    // empty <p> it writes stands for a body without paragraphs.
    *empty = !have_text && p.subparagraphs.empty() && !(exact_ && e.attribute("eId"));
    if (*empty) return Status::Ok();
    if (!exact_ && p.lead.empty()) {
      const LeadMatch m = MatchLead(p.text);
      if (m.kind != LeadKind::kNone) p.lead = p.text.substr(0, m.length);
    }
    (section == Section::kPreamble ? r_->preamble
     : section == Section::kOperative ? r_->operative
                                      : r_->annex).push_back(std::move(p));
    return Status::Ok();
  }

  std::vector<Footnote> notes;  // authorialNote texts, for documents without <notes>

 private:
  // The text blocks of a paragraph: the first <p> is the paragraph's text, further ones
  // continue it; lists and nested numbered parts are its sub-paragraphs.
  Status Blocks(pugi::xml_node e, Paragraph* p, bool* have_text, int depth) {
    if (depth > 8) return Status::InvalidInput("paragraph structure nested too deep");
    for (pugi::xml_node c : e.children()) {
      const std::string_view local = names_.Local(c);
      if (local == "p") {
        RECITAL_RETURN_IF_ERROR(AddText(c, p, have_text));
      } else if (local == "content" || local == "intro" || local == "wrapUp" ||
                 local == "listIntroduction" || local == "listWrapUp" || local == "blockList" ||
                 local == "list") {
        RECITAL_RETURN_IF_ERROR(Blocks(c, p, have_text, depth + 1));
      } else if (local == "item" || local == "point" || local == "subparagraph" ||
                 local == "paragraph" || local == "indent" || local == "alinea") {
        RECITAL_RETURN_IF_ERROR(Item(c, p, depth + 1));
      }
    }
    return Status::Ok();
  }

  Status AddText(pugi::xml_node para, Paragraph* p, bool* have_text) {
    InlineResult in;
    RECITAL_RETURN_IF_ERROR(akn::ReadInline(para, names_, exact_, &in));
    Keep(in.notes);
    if (in.text.empty() && in.footnotes.empty()) return Status::Ok();
    // Text after the sub-paragraphs continues the last one.
    std::string* text = p->subparagraphs.empty() ? &p->text : &p->subparagraphs.back().text;
    auto* refs = p->subparagraphs.empty() ? &p->footnotes : &p->subparagraphs.back().footnotes;
    if (!*have_text && p->subparagraphs.empty()) p->lead = in.lead;
    const size_t base = text->empty() ? 0 : text->size() + 1;
    if (!text->empty()) *text += ' ';
    *text += in.text;
    for (FootnoteRef f : in.footnotes) refs->push_back({f.number, static_cast<uint32_t>(base + f.byte_offset)});
    *have_text = true;
    return Status::Ok();
  }

  Status Item(pugi::xml_node e, Paragraph* p, int depth) {
    SubParagraph s;
    if (pugi::xml_node num = names_.Child(e, "num")) s.number = Text(num, names_);
    Paragraph inner;
    bool have_text = false;
    RECITAL_RETURN_IF_ERROR(Blocks(e, &inner, &have_text, depth));
    s.text = std::move(inner.text);
    s.footnotes = std::move(inner.footnotes);
    p->subparagraphs.push_back(std::move(s));
    // Deeper levels ("(i)" under "(a)") follow as sub-paragraphs of their own.
    for (SubParagraph& deeper : inner.subparagraphs) p->subparagraphs.push_back(std::move(deeper));
    return Status::Ok();
  }

  void Keep(std::vector<Footnote>& found) {
    for (Footnote& f : found) notes.push_back(std::move(f));
  }

  const Names& names_;
  bool exact_;
  Resolution* r_;
};

// ---- the parts of the document ----------------------------------------------------------

void ReadMeta(pugi::xml_node meta, const Names& names, Resolution* r, bool* have_notes) {
  pugi::xml_node id = names.Child(meta, "identification");
  pugi::xml_node work = names.Child(id, "FRBRWork");
  for (pugi::xml_node c : work.children()) {
    const std::string_view local = names.Local(c);
    if (local == "FRBRalias" && std::string_view(c.attribute("name").value()) == "UNSymbol") {
      r->symbol = c.attribute("value").value();
    } else if (local == "FRBRnumber") {
      r->number = static_cast<uint32_t>(std::strtoul(c.attribute("value").value(), nullptr, 10));
    }
  }
  pugi::xml_node lang = names.Find(names.Child(id, "FRBRExpression"), "FRBRlanguage");
  const std::string code = lang.attribute("language").value();
  static constexpr std::pair<const char*, const char*> kCodes[] = {
      {"eng", "en"}, {"fra", "fr"}, {"spa", "es"}, {"rus", "ru"}, {"ara", "ar"}, {"zho", "zh"}};
  r->language = code == "und" ? "" : code;
  for (const auto& [three, two] : kCodes) {
    if (code == three) r->language = two;
  }
  for (pugi::xml_node notes : meta.children()) {
    if (names.Local(notes) != "notes") continue;
    for (pugi::xml_node n : notes.children()) {
      if (names.Local(n) != "note") continue;
      *have_notes = true;
      std::string text;
      for (pugi::xml_node p : n.children()) {
        if (names.Local(p) != "p") continue;
        const std::string part = Text(p, names);
        if (!text.empty() && !part.empty()) text += ' ';
        text += part;
      }
      r->footnotes.push_back(
          {static_cast<uint32_t>(std::strtoul(n.attribute("marker").value(), nullptr, 10)), text});
    }
  }
}

// Recital's own block; returns whether the document has one (then texts are exact).
bool ReadProprietary(pugi::xml_node meta, const Names& names, Resolution* r) {
  for (pugi::xml_node prop : meta.children()) {
    if (names.Local(prop) != "proprietary") continue;
    for (pugi::xml_node rec : prop.children()) {
      if (!names.IsRecital(rec, "record")) continue;
      r->truncated_end = std::string_view(rec.attribute("truncatedEnd").value()) == "true";
      r->starts_mid_document = std::string_view(rec.attribute("startsMidDocument").value()) == "true";
      for (pugi::xml_node c : rec.children()) {
        if (names.IsRecital(c, "warning")) {
          r->warnings.emplace_back(c.text().get());
        } else if (names.IsRecital(c, "citation")) {
          r->citations.push_back({c.attribute("symbol").value(), c.attribute("date").value()});
        } else if (names.IsRecital(c, "document")) {
          r->documents.emplace_back(c.attribute("symbol").value());
        }
      }
      return true;
    }
  }
  return false;
}

void ReadCover(pugi::xml_node cover, const Names& names, Resolution* r) {
  if (pugi::xml_node n = names.Find(cover, "docNumber"); n && r->symbol.empty()) {
    r->symbol = Text(n, names);
  }
  if (pugi::xml_node s = names.Find(cover, "session")) {
    const std::string value = s.attribute("value").value();
    if (AllAsciiDigits(value)) {
      r->session = static_cast<uint32_t>(std::strtoul(value.c_str(), nullptr, 10));
    } else {
      r->session_code = value;
    }
  }
  for (pugi::xml_node p : cover.children()) {
    for (pugi::xml_node c : p.children()) {
      const std::string_view local = names.Local(c);
      const std::string_view name = c.attribute("name").value();
      if (local == "docDate" && r->distribution_date.empty() &&
          !IsPlaceholderDate(c.attribute("date").value())) {
        r->distribution_date = c.attribute("date").value();
      } else if (local == "inline" && name == "agendaItem") {
        r->agenda_items.push_back(Text(c, names));
      } else if (local == "inline" && name == "report") {
        r->report = Text(c, names);
      } else if (local == "docCommittee") {
        r->committee = Text(c, names);
      }
    }
  }
}

void ReadPreface(pugi::xml_node preface, const Names& names, Resolution* r) {
  if (pugi::xml_node t = names.Find(preface, "docTitle")) r->title = Text(t, names);
  if (pugi::xml_node n = names.Find(preface, "docNumber"); n && r->number == 0) {
    const std::string number = Text(n, names);
    if (const size_t slash = number.rfind('/'); slash != std::string::npos) {
      r->number = static_cast<uint32_t>(std::strtoul(number.c_str() + slash + 1, nullptr, 10));
    }
  }
}

void ReadConclusions(pugi::xml_node con, const Names& names, Resolution* r) {
  for (pugi::xml_node p : con.children()) {
    const std::string text = Text(p, names);
    if (text.find("plenary meeting") != std::string::npos && r->meeting == 0) {
      r->meeting = static_cast<uint32_t>(std::strtoul(text.c_str(), nullptr, 10));
    }
    if (pugi::xml_node d = names.Find(p, "date"); d && r->adoption_date.empty()) {
      const std::string date = d.attribute("date").value();
      if (!IsPlaceholderDate(date)) r->adoption_date = date;
    }
  }
}

Status ReadBody(pugi::xml_node body, Section section, const Names& names, DocumentReader* reader,
                size_t* count, int depth = 0) {
  for (pugi::xml_node c : body.children()) {
    const std::string_view local = names.Local(c);
    bool empty = false;
    if (local == "paragraph" || local == "p" || local == "container") {
      RECITAL_RETURN_IF_ERROR(reader->ReadParagraph(c, section, &empty));
      *count += !empty;
    } else if ((local == "hcontainer" || local == "section" || local == "part") && depth < 4) {
      RECITAL_RETURN_IF_ERROR(ReadBody(c, section, names, reader, count, depth + 1));
    }
  }
  return Status::Ok();
}

Status ReadPreamble(pugi::xml_node pre, const Names& names, DocumentReader* reader,
                    bool* opening) {
  for (pugi::xml_node c : pre.children()) {
    const std::string_view local = names.Local(c);
    bool empty = false;
    if (local == "formula") {
      *opening = true;
    } else if (local == "p" || local == "container") {
      RECITAL_RETURN_IF_ERROR(reader->ReadParagraph(c, Section::kPreamble, &empty));
    } else if (local == "recitals" || local == "citations") {
      for (pugi::xml_node item : c.children()) {
        if (names.Local(item) == "recital" || names.Local(item) == "citation") {
          RECITAL_RETURN_IF_ERROR(reader->ReadParagraph(item, Section::kPreamble, &empty));
        }
      }
    }
  }
  return Status::Ok();
}

Status ReadAttachments(pugi::xml_node atts, const Names& names, DocumentReader* reader,
                       Resolution* r) {
  for (pugi::xml_node att : atts.children()) {
    if (names.Local(att) != "attachment") continue;
    pugi::xml_node doc;
    for (pugi::xml_node c : att.children()) {
      if (names.Child(c, "mainBody")) doc = c;
    }
    if (!doc) continue;
    Annex annex;
    if (pugi::xml_node t = names.Find(names.Child(doc, "preface"), "docTitle")) {
      annex.title = Text(t, names);
    }
    size_t count = 0;
    RECITAL_RETURN_IF_ERROR(ReadBody(names.Child(doc, "mainBody"), Section::kAnnex, names, reader, &count));
    annex.paragraph_count = static_cast<uint32_t>(count);
    r->annexes.push_back(std::move(annex));
  }
  return Status::Ok();
}

Status ReadDocument(pugi::xml_node doc, const Names& names, Resolution* r) {
  pugi::xml_node meta = names.Child(doc, "meta");
  bool have_notes = false;
  ReadMeta(meta, names, r, &have_notes);
  const bool exact = ReadProprietary(meta, names, r);
  if (pugi::xml_node cover = names.Child(doc, "coverPage")) ReadCover(cover, names, r);
  if (pugi::xml_node preface = names.Child(doc, "preface")) ReadPreface(preface, names, r);
  DocumentReader reader(names, exact, r);
  bool opening = false;
  if (pugi::xml_node pre = names.Child(doc, "preamble")) {
    RECITAL_RETURN_IF_ERROR(ReadPreamble(pre, names, &reader, &opening));
  }
  size_t count = 0;
  RECITAL_RETURN_IF_ERROR(
      ReadBody(names.Child(doc, "mainBody"), Section::kOperative, names, &reader, &count));
  if (pugi::xml_node con = names.Child(doc, "conclusions")) ReadConclusions(con, names, r);
  if (pugi::xml_node atts = names.Child(doc, "attachments")) {
    RECITAL_RETURN_IF_ERROR(ReadAttachments(atts, names, &reader, r));
  }
  if (!have_notes) {
    for (const Footnote& f : reader.notes) {
      bool seen = false;
      for (const Footnote& g : r->footnotes) seen |= g == f;
      if (!seen && !f.text.empty()) r->footnotes.push_back(f);
    }
  }
  if (!exact) {
    if (std::optional<Symbol> s = ParseSymbol(r->symbol); s && r->session == 0 && r->session_code.empty()) {
      r->session = s->session;
      if (s->kind == SymbolKind::kEmergencyResolution) {
        r->session_code = "ES-" + std::to_string(s->emergency_session);
      }
      if (r->number == 0) r->number = s->number;
    }
    ExtractCitations(r);
    if (!opening) r->starts_mid_document = true;
    if (r->symbol.empty()) r->warnings.push_back("no symbol found");
    if (r->adoption_date.empty()) r->warnings.push_back("no adoption line");
  }
  return Status::Ok();
}

}  // namespace

Result<Resolution> ParseAknRelease(std::string_view bytes, const ParseOptions& options) {
  RECITAL_RETURN_IF_ERROR(ValidateRelease(bytes, options));
  const std::string& src = options.source_name;
  pugi::xml_document xml;
  const pugi::xml_parse_result parsed =
      xml.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                      pugi::encoding_utf8);
  if (!parsed) {
    return Status::InvalidInput(src + ": not well-formed XML (byte " +
                                std::to_string(parsed.offset) + ": " + parsed.description() + ")");
  }
  const pugi::xml_node root = xml.document_element();
  std::string_view root_name = root.name();
  const size_t colon = root_name.find(':');
  const std::string prefix = colon == std::string_view::npos ? "" : std::string(root_name.substr(0, colon + 1));
  const std::optional<std::string> akn_prefix = PrefixOf(root, kAknNs);
  if (!akn_prefix || *akn_prefix != prefix) {
    return Status::InvalidInput(src + ": an akomaNtoso document outside the Akoma Ntoso 3.0 namespace (" +
                                std::string(kAknNs) + "): not read");
  }
  const Names names(prefix, PrefixOf(root, kRecitalNs).value_or(""));
  pugi::xml_node doc;
  for (pugi::xml_node c : root.children()) {
    if (c.type() == pugi::node_element) {
      doc = c;
      break;
    }
  }
  const std::string_view kind = names.Local(doc);
  if (kind != "statement" && kind != "doc") {
    return Status::InvalidInput(src + ": an Akoma Ntoso <" + std::string(doc ? doc.name() : "") +
                                ">, not a resolution (a <statement>)");
  }
  Resolution r;
  if (Status st = ReadDocument(doc, names, &r); !st.ok()) {
    return Status::InvalidInput(src + ": " + st.message());
  }
  // As for text releases: a resolution has preambular or operative paragraphs (an annex alone
  // is not one).
  if (r.preamble.empty() && r.operative.empty()) {
    return Status::InvalidInput(src +
                                ": not a resolution (an Akoma Ntoso document without preambular "
                                "or operative paragraphs)");
  }
  r.layout = "akn";
  r.parser_version = std::string(ParserVersion());
  r.raw_hash = HashBytes(bytes);
  return r;
}

}  // namespace recital::ingest

// Word documents whose changes are tracked changes: the newer resolution's text, with what the
// older one said as deletions (w:del) and what is new as insertions (w:ins). Accepting every
// change gives the newer text, rejecting every change the older one (technical changes left
// plain with --substantive excepted); render/render.h has the contract.
#include <algorithm>
#include <set>

#include "render/akn_internal.h"
#include "render/docx_internal.h"
#include "render/render.h"
#include "render/xml_internal.h"

namespace recital::render {
namespace {

enum class Mark { kPlain, kInserted, kDeleted };

// What decides how a piece of text is written.
struct Look {
  Mark mark = Mark::kPlain;
  bool italic = false;
};

// Appends paragraphs and runs to <w:body>; every revision gets the next id, author "Recital"
// and the date (omitted when unknown).
class BodyWriter {
 public:
  BodyWriter(pugi::xml_node body, int* next_id) : body_(body), next_id_(next_id) {}

  void SetDate(std::string iso_date) {
    date_ = akn::IsIsoDate(iso_date) ? iso_date + "T00:00:00Z" : std::string();
  }

  pugi::xml_node Paragraph(const char* style, Mark paragraph_mark = Mark::kPlain) {
    pugi::xml_node p = body_.append_child("w:p");
    pugi::xml_node ppr = p.append_child("w:pPr");
    ppr.append_child("w:pStyle").append_attribute("w:val").set_value(style);
    if (paragraph_mark != Mark::kPlain) MarkParagraph(p, paragraph_mark);
    return p;
  }

  // Records that the paragraph's own end (its mark) was inserted or deleted.
  void MarkParagraph(pugi::xml_node p, Mark m) {
    pugi::xml_node ppr = p.child("w:pPr");
    pugi::xml_node rpr = ppr.child("w:rPr") ? ppr.child("w:rPr") : ppr.append_child("w:rPr");
    if (rpr.first_child()) return;
    Revision(rpr.append_child(m == Mark::kInserted ? "w:ins" : "w:del"));
  }

  // text in one run ('\t' as <w:tab/>), inside <w:ins>/<w:del> for those marks.
  void Run(pugi::xml_node p, std::string_view text, Look look) {
    if (text.empty()) return;
    pugi::xml_node parent = p;
    if (look.mark != Mark::kPlain) {
      parent = p.append_child(look.mark == Mark::kInserted ? "w:ins" : "w:del");
      Revision(parent);
    }
    pugi::xml_node r = parent.append_child("w:r");
    if (look.italic) r.append_child("w:rPr").append_child("w:i");
    const char* text_name = look.mark == Mark::kDeleted ? "w:delText" : "w:t";
    for (size_t pos = 0; pos <= text.size();) {
      const size_t tab = std::min(text.find('\t', pos), text.size());
      if (tab > pos) {
        pugi::xml_node t = r.append_child(text_name);
        t.append_attribute("xml:space").set_value("preserve");
        xml::AppendText(t, text.substr(pos, tab - pos));
      }
      if (tab < text.size()) r.append_child("w:tab");
      pos = tab + 1;
    }
  }

  void PageBreak() {
    body_.append_child("w:p")
        .append_child("w:r")
        .append_child("w:br")
        .append_attribute("w:type")
        .set_value("page");
  }

 private:
  void Revision(pugi::xml_node n) {
    n.append_attribute("w:id").set_value((*next_id_)++);
    n.append_attribute("w:author").set_value("Recital");
    if (!date_.empty()) n.append_attribute("w:date").set_value(date_.c_str());
  }

  pugi::xml_node body_;
  int* next_id_;
  std::string date_;
};

const char* StyleOf(Section s) { return s == Section::kPreamble ? "Preamble" : "Operative"; }

const Paragraph* ParagraphOf(const Resolution& r, const ParagraphRef& ref) {
  const std::vector<Paragraph>& ps = ref.section == Section::kPreamble    ? r.preamble
                                     : ref.section == Section::kOperative ? r.operative
                                                                          : r.annex;
  return ref.index < ps.size() ? &ps[ref.index] : nullptr;
}

// A paragraph written whole with one mark: number, lead in italics, sub-paragraphs each on a
// paragraph of their own.
void WholeParagraph(BodyWriter& w, const Paragraph& p, Mark m) {
  pugi::xml_node wp = w.Paragraph(StyleOf(p.section), m);
  if (!p.number.empty()) w.Run(wp, p.number + ".\t", {m, false});
  const size_t lead = p.text.starts_with(p.lead) ? p.lead.size() : 0;
  w.Run(wp, std::string_view(p.text).substr(0, lead), {m, true});
  w.Run(wp, std::string_view(p.text).substr(lead), {m, false});
  for (const SubParagraph& s : p.subparagraphs) {
    pugi::xml_node sp = w.Paragraph("SubParagraph", m);
    w.Run(sp, s.number.empty() ? s.text : s.number + "\t" + s.text, {m, false});
  }
}

// Where, in the joined full texts (diff's ParagraphFullText of each paragraph, joined by a
// space) of one side, paragraphs and sub-paragraphs begin and lead phrases end.
struct Layout {
  struct Break {
    size_t offset;
    const Paragraph* paragraph;  // a paragraph begins here, else a sub-paragraph
  };
  std::vector<Break> breaks;
  std::set<size_t> skip;  // the joining spaces before breaks
  std::set<size_t> tab;   // the space after a sub-paragraph's number
  std::vector<std::pair<size_t, size_t>> italic;
  size_t size = 0;

  explicit Layout(const std::vector<const Paragraph*>& ps) {
    for (const Paragraph* p : ps) {
      if (size > 0) skip.insert(size++);
      breaks.push_back({size, p});
      if (p->text.starts_with(p->lead) && !p->lead.empty()) {
        italic.emplace_back(size, size + p->lead.size());
      }
      size_t at = size + p->text.size();
      for (const SubParagraph& s : p->subparagraphs) {
        if (at > size) skip.insert(at++);
        breaks.push_back({at, nullptr});
        if (!s.number.empty()) {
          at += s.number.size();
          tab.insert(at++);
        }
        at += s.text.size();
      }
      size = at;
    }
  }
  bool Italic(size_t at) const {
    return std::any_of(italic.begin(), italic.end(),
                       [at](const auto& r) { return at >= r.first && at < r.second; });
  }
  // The next offset after `at` where how text is written may change.
  size_t NextCut(size_t at) const {
    size_t cut = SIZE_MAX;
    for (const Break& b : breaks) {
      if (b.offset > at) cut = std::min(cut, b.offset);
    }
    for (size_t s : skip) {
      if (s >= at) cut = std::min(cut, s == at ? s + 1 : s);
    }
    for (size_t t : tab) {
      if (t >= at) cut = std::min(cut, t == at ? t + 1 : t);
    }
    for (const auto& [a, b] : italic) {
      if (a > at) cut = std::min(cut, a);
      if (b > at) cut = std::min(cut, b);
    }
    return cut;
  }
};

// A reworded, split or merged change in place: the word edits over the new paragraphs'
// layout (new paragraphs and sub-paragraphs start new Word paragraphs; a split's new paragraph
// ends are insertions), old lead phrases italic in deleted text.
void EditedParagraphs(BodyWriter& w, const std::vector<const Paragraph*>& from,
                      const std::vector<const Paragraph*>& to, std::vector<Edit> edits) {
  const Layout old_layout(from), new_layout(to);
  std::string covered;
  for (const Edit& e : edits) {
    if (e.op != EditOp::kDelete) covered += e.text;
  }
  // A cut-off copy was compared over the stretch it holds; the rest of the new text is plain.
  std::string joined;
  for (const Paragraph* p : to) {
    if (!joined.empty()) joined += ' ';
    joined += ParagraphFullText(*p);
  }
  if (covered.size() < joined.size()) {
    edits.push_back({EditOp::kEqual, joined.substr(covered.size())});
  }
  size_t old_pos = 0, new_pos = 0, next_break = 0;
  pugi::xml_node wp;
  // Opens the Word paragraphs of every break at or before `at` in the new text.
  const auto open_breaks = [&](size_t at) {
    while (next_break < new_layout.breaks.size() && new_layout.breaks[next_break].offset <= at) {
      const Layout::Break& b = new_layout.breaks[next_break++];
      if (b.paragraph != nullptr) {
        // A second new paragraph from one old one: the end of the first was inserted.
        if (wp && from.size() < to.size()) w.MarkParagraph(wp, Mark::kInserted);
        wp = w.Paragraph(StyleOf(b.paragraph->section));
        if (!b.paragraph->number.empty()) w.Run(wp, b.paragraph->number + ".\t", {});
      } else {
        wp = w.Paragraph("SubParagraph");
      }
    }
  };
  open_breaks(0);
  if (!wp) wp = w.Paragraph(from.empty() ? "Operative" : StyleOf(from.front()->section));
  for (const Edit& e : edits) {
    const bool deleted = e.op == EditOp::kDelete;
    const Mark mark = e.op == EditOp::kEqual    ? Mark::kPlain
                      : e.op == EditOp::kInsert ? Mark::kInserted
                                                : Mark::kDeleted;
    for (size_t k = 0; k < e.text.size();) {
      const size_t at = deleted ? old_pos : new_pos;
      if (!deleted) open_breaks(at);
      const Layout& layout = deleted ? old_layout : new_layout;
      const size_t n = std::min(e.text.size() - k, layout.NextCut(at) - at);
      std::string_view piece = std::string_view(e.text).substr(k, n);
      if (!deleted && new_layout.skip.count(at) && piece == " ") piece = "";
      if (!deleted && new_layout.tab.count(at) && piece == " ") piece = "\t";
      w.Run(wp, piece, {mark, layout.Italic(at)});
      k += n;
      if (e.op != EditOp::kInsert) old_pos += n;
      if (!deleted) new_pos += n;
    }
  }
}

std::vector<const Paragraph*> Resolve(const Resolution& r, const std::vector<ParagraphRef>& refs) {
  std::vector<const Paragraph*> out;
  for (const ParagraphRef& ref : refs) {
    if (const Paragraph* p = ParagraphOf(r, ref)) out.push_back(p);
  }
  return out;
}

// One entry of the document: a change where it stands in the new text, or where a moved
// paragraph stood in the old one (written there as deleted).
struct Item {
  const Change* change;  // null for a paragraph outside the stretch a partial copy compared
  bool moved_from;
  const Paragraph* uncompared = nullptr;
};

int SectionRank(Section s) {
  return s == Section::kPreamble ? 0 : s == Section::kOperative ? 1 : 2;
}

// Paragraphs of the newer text that no change names (the older copy is partial: they were not
// compared) go in plain where they stand, so the document still holds the whole newer text.
void AddUncompared(const Resolution& to, std::vector<Item>* items) {
  std::set<std::pair<int, size_t>> named;
  for (const Item& item : *items) {
    for (const ParagraphRef& ref : item.change->to)
      named.insert({SectionRank(ref.section), ref.index});
  }
  for (const std::vector<Paragraph>* ps : {&to.preamble, &to.operative, &to.annex}) {
    for (size_t i = 0; i < ps->size(); ++i) {
      const std::pair<int, size_t> key{SectionRank((*ps)[i].section), i};
      if (named.count(key)) continue;
      auto at = std::find_if(items->begin(), items->end(), [&](const Item& item) {
        if (item.change == nullptr || item.moved_from || item.change->to.empty()) return false;
        const ParagraphRef& ref = item.change->to.front();
        return std::make_pair(SectionRank(ref.section), ref.index) > key;
      });
      items->insert(at, {nullptr, false, &(*ps)[i]});
    }
  }
}

// Where a moved paragraph stood: after the last paragraph that stayed in place and stood
// before it in the old text, else before the first entry of its old section.
std::vector<Item> Arrange(const DiffResult& d, const Resolution& to) {
  std::vector<Item> items;
  for (const Change& c : d.changes) items.push_back({&c, false});
  for (const Change& m : d.changes) {
    if (!m.moved || m.from.empty()) continue;
    const ParagraphRef& old = m.from.front();
    size_t at = SIZE_MAX;
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].change == nullptr) continue;
      const Change& c = *items[i].change;
      if (items[i].moved_from || c.moved || c.from.empty()) continue;
      const ParagraphRef& f = c.from.front();
      if (f.section == old.section && f.index < old.index) at = i + 1;
    }
    if (at == SIZE_MAX) {
      at = items.size();
      for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].change == nullptr) continue;
        const Change& c = *items[i].change;
        const Section s = c.from.empty() ? c.section : c.from.front().section;
        if (s == old.section) {
          at = i;
          break;
        }
      }
    }
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), {&m, true});
  }
  AddUncompared(to, &items);
  return items;
}

// A one-line text (title, meeting, date) as a word diff of its two versions.
void LineDiff(BodyWriter& w, const char* style, std::string_view old_text,
              std::string_view new_text) {
  if (old_text.empty() && new_text.empty()) return;
  pugi::xml_node p = w.Paragraph(style);
  for (const Edit& e : DiffWords(old_text, new_text)) {
    w.Run(p, e.text,
          {e.op == EditOp::kEqual    ? Mark::kPlain
           : e.op == EditOp::kInsert ? Mark::kInserted
                                     : Mark::kDeleted,
           false});
  }
}

std::string Meeting(const Resolution& r) {
  return r.meeting == 0 ? "" : akn::Ordinal(r.meeting) + " plenary meeting";
}

std::string Adoption(const Resolution& r) {
  return r.adoption_date.empty() ? "" : akn::LongDate(r.adoption_date);
}

std::string Named(const Resolution& r, const std::string& fallback) {
  return r.symbol.empty() ? fallback : r.symbol;
}

// The tracked changes from `from` to `to`, dated by the newer adoption.
void PairBody(BodyWriter& w, const Resolution& from, const Resolution& to, const DiffResult& d,
              const DocxOptions& options) {
  w.SetDate(to.adoption_date);
  w.Run(w.Paragraph("Title"), Named(to, d.to_symbol), {});
  LineDiff(w, "Heading1", from.title, to.title);
  w.Run(w.Paragraph("Subtitle"),
        "Changes from " + Named(from, d.from_symbol) + " to " + Named(to, d.to_symbol) +
            " as tracked changes (Recital" +
            (options.substantive ? "; technical updates accepted" : "") + ")",
        {});
  w.Run(w.Paragraph("Normal"), "The General Assembly,", {});
  bool annex_started = false;
  const auto section_starts = [&](Section section) {
    if (section != Section::kAnnex || annex_started) return;
    annex_started = true;
    w.Run(w.Paragraph("Heading1"), to.annexes.empty() ? "Annex" : to.annexes.front().title, {});
  };
  for (const Item& item : Arrange(d, to)) {
    if (item.uncompared != nullptr) {
      section_starts(item.uncompared->section);
      WholeParagraph(w, *item.uncompared, Mark::kPlain);
      continue;
    }
    const Change& c = *item.change;
    const std::vector<const Paragraph*> old_ps = Resolve(from, c.from);
    const std::vector<const Paragraph*> new_ps = Resolve(to, c.to);
    section_starts(item.moved_from || new_ps.empty() ? c.from.front().section : c.section);
    if (item.moved_from || c.status == ChangeStatus::kRemoved) {
      for (const Paragraph* p : old_ps) WholeParagraph(w, *p, Mark::kDeleted);
    } else if (c.moved || c.status == ChangeStatus::kAdded) {
      for (const Paragraph* p : new_ps) WholeParagraph(w, *p, Mark::kInserted);
    } else if (c.status == ChangeStatus::kUnchanged || (c.technical && options.substantive)) {
      for (const Paragraph* p : new_ps) WholeParagraph(w, *p, Mark::kPlain);
    } else {
      EditedParagraphs(w, old_ps, new_ps, c.edits);
    }
  }
  LineDiff(w, "Conclusion", Meeting(from), Meeting(to));
  LineDiff(w, "Conclusion", Adoption(from), Adoption(to));
}

pugi::xml_node NewDocument(pugi::xml_document& doc) {
  pugi::xml_node root = doc.append_child("w:document");
  root.append_attribute("xmlns:w").set_value(docx::kWordNs);
  return root.append_child("w:body");
}

void PageSetup(pugi::xml_node body) {
  pugi::xml_node sect = body.append_child("w:sectPr");
  pugi::xml_node size = sect.append_child("w:pgSz");
  size.append_attribute("w:w").set_value(11906);  // A4
  size.append_attribute("w:h").set_value(16838);
  pugi::xml_node margins = sect.append_child("w:pgMar");
  for (const char* side : {"w:top", "w:right", "w:bottom", "w:left"}) {
    margins.append_attribute(side).set_value(1440);
  }
}

}  // namespace

Result<std::string> DiffDocx(const Resolution& from, const Resolution& to, const DiffResult& diff,
                             const DocxOptions& options) {
  pugi::xml_document doc;
  pugi::xml_node body = NewDocument(doc);
  int next_id = 1;
  BodyWriter w(body, &next_id);
  PairBody(w, from, to, diff, options);
  PageSetup(body);
  return docx::Package(
      doc, Named(to, diff.to_symbol) + " (changes from " + Named(from, diff.from_symbol) + ")");
}

Result<std::string> ReportDocx(const history::SeriesHistory& history, const DocxOptions& options) {
  if (history.records.size() > 1 && history.diffs.size() != history.records.size() - 1) {
    return Status::Internal("ReportDocx: the series was loaded without its diffs");
  }
  pugi::xml_document doc;
  pugi::xml_node body = NewDocument(doc);
  int next_id = 1;
  BodyWriter w(body, &next_id);
  for (size_t i = 0; i < history.diffs.size(); ++i) {
    if (i > 0) w.PageBreak();
    PairBody(w, history.records[i], history.records[i + 1], history.diffs[i], options);
  }
  if (history.diffs.empty() && !history.records.empty()) {
    // One session: nothing to compare; its text, plain.
    const Resolution& r = history.records.front();
    PairBody(w, r, r, DiffResolutions(r, r), options);
  }
  PageSetup(body);
  return docx::Package(doc, history.series.name);
}

}  // namespace recital::render

// The inline content of an Akoma Ntoso paragraph: lead phrase, footnotes at their markers,
// cited resolutions as references. The text nodes, read in order and without the notes, give
// back the paragraph's canonical text byte for byte (ingest/akn*.cc relies on it).
#include <algorithm>
#include <map>

#include "render/akn_internal.h"
#include "render/render.h"
#include "render/xml_internal.h"
#include "schema/strings.h"
#include "schema/symbol.h"

namespace recital::render::akn {
namespace {

struct Range {
  size_t begin, end;
  std::string href;
};

bool InsideAny(const std::vector<FootnoteRef>& notes, size_t begin, size_t end) {
  for (const FootnoteRef& f : notes) {
    if (f.byte_offset > begin && f.byte_offset < end) return true;
  }
  return false;
}

// Where the text writes a resolution the record cites: "54/144", "2957 (XXVII)", "ES-11/1",
// "A/RES/54/144"; never inside the lead phrase, never around a footnote marker.
std::vector<Range> CitationRanges(std::string_view text, size_t from, const Resolution& r,
                                  const std::vector<FootnoteRef>& notes) {
  std::map<std::string, std::string, std::less<>> cited;
  for (const Citation& c : r.citations) cited.emplace(c.symbol, c.date);
  std::vector<Range> out;
  if (cited.empty()) return out;
  for (size_t i = from; i < text.size();) {
    const char prev = i > 0 ? text[i - 1] : ' ';
    const bool start = !IsAsciiAlnum(prev) && prev != '/' && prev != '.' && prev != '-';
    std::optional<SymbolInText> found;
    if (start && text.substr(i).starts_with("A/RES/")) {
      found = ReadResolutionSymbol(text, i, SymbolForm::kFull);
    } else if (start && (IsAsciiDigit(text[i]) || text[i] == 'E')) {
      found = ReadResolutionSymbol(text, i, SymbolForm::kShort);
    }
    if (!found) {
      ++i;
      continue;
    }
    const size_t end = found->end;
    const char next = end < text.size() ? text[end] : ' ';
    auto it = cited.find(found->symbol.ToString());
    if (it != cited.end() && !IsAsciiAlnum(next) && next != '/' && !InsideAny(notes, i, end)) {
      out.push_back({i, end, AknCitationIri(it->first, it->second)});
    }
    i = end;
  }
  return out;
}

class InlineWriter {
 public:
  InlineWriter(std::string_view text, std::vector<FootnoteRef> notes, const Resolution& r,
               const std::string& note_prefix, size_t* note_count)
      : text_(text), notes_(std::move(notes)), r_(r), prefix_(note_prefix), count_(note_count) {}

  // Notes whose marker stands at or before pos, into parent.
  void NotesAt(pugi::xml_node parent, size_t pos) {
    while (next_ < notes_.size() && notes_[next_].byte_offset <= pos) Note(parent, notes_[next_++]);
  }
  // text[a, b) into parent, with the notes whose markers fall strictly inside.
  void Text(pugi::xml_node parent, size_t a, size_t b) {
    for (size_t pos = a; pos < b;) {
      NotesAt(parent, pos);
      size_t stop = b;
      if (next_ < notes_.size() && notes_[next_].byte_offset < b) stop = notes_[next_].byte_offset;
      xml::AppendText(parent, text_.substr(pos, stop - pos));
      pos = stop;
    }
  }
  // Every note left (markers at the end of the text).
  void Rest(pugi::xml_node parent) { NotesAt(parent, SIZE_MAX); }

 private:
  void Note(pugi::xml_node parent, const FootnoteRef& ref) {
    pugi::xml_node note = parent.append_child("authorialNote");
    note.append_attribute("marker").set_value(std::to_string(ref.number).c_str());
    note.append_attribute("placement").set_value("bottom");
    xml::SetAttr(note, "eId", prefix_ + "__authorialNote_" + std::to_string(++*count_));
    const Footnote* found = nullptr;
    for (const Footnote& f : r_.footnotes) {
      if (f.number == ref.number) {
        found = &f;
        break;
      }
    }
    // A marker whose footnote the copy lost: an empty note keeps the marker's place.
    xml::AppendElementText(note, "p", found ? std::string_view(found->text) : std::string_view());
  }

  std::string_view text_;
  std::vector<FootnoteRef> notes_;
  size_t next_ = 0;
  const Resolution& r_;
  const std::string& prefix_;
  size_t* count_;
};

}  // namespace

void AppendInline(pugi::xml_node p, const InlineText& in, const Resolution& r,
                  const std::string& note_prefix, size_t* note_count) {
  const std::string_view text = in.text;
  const std::string_view lead = text.starts_with(in.lead) ? in.lead : std::string_view();
  std::vector<FootnoteRef> notes = in.footnotes ? *in.footnotes : std::vector<FootnoteRef>();
  for (FootnoteRef& f : notes) f.byte_offset = std::min<uint32_t>(f.byte_offset, text.size());
  std::stable_sort(notes.begin(), notes.end(), [](const FootnoteRef& a, const FootnoteRef& b) {
    return a.byte_offset < b.byte_offset;
  });
  InlineWriter w(text, notes, r, note_prefix, note_count);
  size_t pos = 0;
  if (!lead.empty()) {
    w.NotesAt(p, 0);
    w.Text(p.append_child("i"), 0, lead.size());
    pos = lead.size();
  }
  for (const Range& range : CitationRanges(text, pos, r, notes)) {
    w.Text(p, pos, range.begin);
    w.NotesAt(p, range.begin);
    pugi::xml_node ref = p.append_child("ref");
    xml::SetAttr(ref, "href", range.href);
    xml::AppendText(ref, text.substr(range.begin, range.end - range.begin));
    pos = range.end;
  }
  w.Text(p, pos, text.size());
  w.Rest(p);
}

}  // namespace recital::render::akn

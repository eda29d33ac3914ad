// The running text of a PDF release -> paragraphs. Paragraph boundaries come from geometry:
// a first line is indented past the page's text edge, or set apart by more than the leading,
// or opens with a number after a line that ended a paragraph. Within a paragraph, footnote
// markers are the small raised digits, and the lead phrase is the italic run that opens it.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "ingest/pdf_internal.h"

namespace recital::ingest {
namespace {

bool IsDigits(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

bool HasAlnum(std::string_view t) {
  for (char c : t) {
    if (IsAsciiAlpha(c) || IsAsciiDigit(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Text that closes a paragraph: a comma, semicolon, colon or full stop, perhaps inside a
// closing quote or bracket.
bool EndsParagraph(std::string_view t) {
  t = Trim(t);
  for (;;) {
    if (std::string_view(t).ends_with("\xE2\x80\x9D") || std::string_view(t).ends_with("\xE2\x80\x99")) {  // ” ’
      t.remove_suffix(3);
    } else if (!t.empty() && (t.back() == ')' || t.back() == '"')) {
      t.remove_suffix(1);
    } else {
      break;
    }
  }
  return !t.empty() && (t.back() == '.' || t.back() == ';' || t.back() == ':' || t.back() == ',');
}

// "12." / "(a)" / "(iv)" / "A." as a line's first box: a paragraph number.
bool IsEnumeratorBox(std::string_view t) {
  if (t.size() >= 2 && t.back() == '.' && IsDigits(t.substr(0, t.size() - 1))) return true;
  if (t.size() >= 3 && t.front() == '(' && t.back() == ')') {
    for (char c : t.substr(1, t.size() - 2)) {
      if (!IsAsciiLower(c)) return false;
    }
    return t.size() <= 7;
  }
  return false;
}

// The numbers a footnote marker box stands for: "3", "4,5", "6-8" is not split (rare; taken
// as its first number).
std::vector<uint32_t> MarkerNumbers(std::string_view t) {
  std::vector<uint32_t> out;
  size_t i = 0;
  while (i < t.size()) {
    uint32_t n = 0;
    if (!ReadUint(t, &i, &n, 3)) return {};
    out.push_back(n);
    if (i < t.size() && t[i] != ',') return {};
    while (i < t.size() && (t[i] == ',' || t[i] == ' ')) ++i;
  }
  return out;
}

// A footnote marker: digits set smaller than the line and raised above its baseline.
bool IsRaisedSmall(const PdfBox& b, const PdfLine& l) {
  return b.size <= 0.85f * l.size && b.y1 < l.bottom - 0.15f * l.size;
}

// Whether the line's text (footnote markers aside) closes a paragraph.
bool LineEndsParagraph(const PdfLine& l) {
  size_t e = l.boxes.size();
  while (e > 1 && IsRaisedSmall(l.boxes[e - 1], l)) --e;
  return e > 0 && EndsParagraph(l.boxes[e - 1].text);
}

float Indent(const PdfLine& l, const PdfMetrics& m) {
  const float margin = l.page < m.margin.size() ? m.margin[l.page] : l.x0;
  return l.x0 - margin;
}

bool IsOpening(const PdfLine& l) {
  return std::string_view(l.text).starts_with("The General Assembly") && l.text.size() <= 24;
}

struct Block {
  std::vector<size_t> lines;  // indices into the line list
  bool heading = false;       // every line bold
  bool annexed = false;       // after the adoption line
};

// The line opens with a paragraph number: "12." / "(a)" as its first box, or bare digits
// set off by a tab ("26 Condemns", where the period is missing from the release).
bool OpensWithNumber(const PdfLine& l) {
  if (l.boxes.empty()) return false;
  const std::string& t = l.boxes.front().text;
  if (IsEnumeratorBox(t)) return true;
  return IsDigits(t) && t.size() <= 3 && l.boxes.size() > 1 &&
         l.boxes[1].x0 - l.boxes[0].x1 >= 1.0f * l.size;
}

// Whether line l opens a new block after prev; first is the first line of prev's block.
bool StartsBlock(const PdfLine& l, const PdfLine& prev, const PdfLine& first, const PdfMetrics& m) {
  const float em = m.body_size;
  if (l.bold != prev.bold || IsPdfTableRow(l, em) || IsPdfTableRow(prev, em) || IsOpening(prev))
    return true;
  if (l.bold && std::fabs(l.size - prev.size) > 0.5f) return true;  // a title, then a subtitle
  // Every paragraph ends with punctuation; a line after one that does not goes on with it,
  // however it is indented (releases have stray tabs).
  const bool closed = LineEndsParagraph(prev);
  if (OpensWithNumber(l) && closed) return true;
  // A numbered first line whose text the next lines align with (a hanging indent).
  const bool hanging = &prev == &first && OpensWithNumber(prev) && prev.boxes.size() > 1 &&
                       std::fabs(l.x0 - prev.boxes[1].x0) < 0.3f * em;
  if (l.page != prev.page) {
    if (!closed) return false;
    // An indented block that goes on at the same indentation on the next page.
    const bool same_column =
        &prev != &first && std::fabs(Indent(l, m) - Indent(prev, m)) < 0.3f * em;
    return Indent(l, m) > 0.8f * em && !hanging && !same_column;
  }
  if (l.top - prev.bottom > 0.45f * em) return true;
  return closed && Indent(l, m) > Indent(prev, m) + 0.8f * em && !hanging;
}

std::vector<Block> SplitBlocks(const std::vector<PdfLine>& lines, const std::vector<size_t>& body,
                               size_t annex_from, const PdfMetrics& m) {
  std::vector<Block> blocks;
  for (size_t k = 0; k < body.size(); ++k) {
    const PdfLine& l = lines[body[k]];
    if (blocks.empty() || k == annex_from ||
        StartsBlock(l, lines[body[k - 1]], lines[blocks.back().lines.front()], m)) {
      blocks.emplace_back();
      blocks.back().heading = l.bold;
      blocks.back().annexed = k >= annex_from;
    }
    blocks.back().lines.push_back(body[k]);
  }
  return blocks;
}

// A paragraph's text as built from its boxes.
struct Span {
  size_t begin = 0, end = 0;
  bool italic = false;
};
struct BuiltText {
  std::string text;
  std::vector<Span> spans;
  std::vector<FootnoteRef> refs;
};

void TrimTrailingSpaces(std::string* s) {
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

// Between the last line's text and the next line's first box: nothing after a hyphen that
// ends a word ("post-" + "conflict"; UN texts break lines only at real hyphens), nothing for a
// soft hyphen (which goes), else a space.
void JoinLines(std::string* text, std::string_view next) {
  TrimTrailingSpaces(text);
  if (std::string_view(*text).ends_with("\xC2\xAD")) {
    text->resize(text->size() - 2);
    return;
  }
  if (text->size() >= 2 && text->back() == '-' && (*text)[text->size() - 2] != ' ') return;
  const char c = next.empty() ? ' ' : next[0];
  if (c == ',' || c == ';' || c == '.' || c == ':' || c == ')') return;
  *text += ' ';
}

BuiltText BuildText(const std::vector<PdfLine>& lines, const Block& block,
                    const std::vector<uint32_t>& notes) {
  BuiltText out;
  for (size_t li = 0; li < block.lines.size(); ++li) {
    const PdfLine& line = lines[block.lines[li]];
    const PdfBox* prev = nullptr;
    for (const PdfBox& b : line.boxes) {
      if (IsRaisedSmall(b, line) && prev != nullptr) {
        const std::vector<uint32_t> nums = MarkerNumbers(b.text);
        bool known = !nums.empty();
        for (uint32_t n : nums)
          known = known && std::find(notes.begin(), notes.end(), n) != notes.end();
        if (known) {
          TrimTrailingSpaces(&out.text);
          for (uint32_t n : nums) out.refs.push_back({n, uint32_t(out.text.size())});
          prev = &b;
          continue;
        }
      }
      if (prev != nullptr) {
        const float em = std::max(prev->size, b.size);
        const bool after_open =
            !out.text.empty() && (out.text.back() == '(' || out.text.back() == '[');
        const char c = b.text[0];
        const bool closing = c == ',' || c == ';' || c == ':' || c == '.' || c == ')' || c == ']';
        if (b.x0 - prev->x1 >= kPdfWordGap * em && !after_open && !closing) out.text += ' ';
      } else if (!out.text.empty()) {
        JoinLines(&out.text, b.text);
      }
      const size_t begin = out.text.size();
      out.text += b.text;
      out.spans.push_back({begin, out.text.size(), (b.flags & kPdfItalic) != 0});
      prev = &b;
    }
  }
  for (FootnoteRef& f : out.refs)
    f.byte_offset = std::min<uint32_t>(f.byte_offset, uint32_t(out.text.size()));
  return out;
}

// "12. " / "(a) " at the start: the number and where the text begins; "" when none.
// bare: the first line opens with bare digits set off by a tab ("26 Condemns").
std::string Enumerator(std::string_view t, bool bare, size_t* text_at) {
  size_t i = 0;
  uint32_t n = 0;
  if (ReadUint(t, &i, &n, 3) && n > 0 && i < t.size() && t[i] == '.' &&
      (i + 1 == t.size() || t[i + 1] == ' ')) {
    *text_at = std::min(t.size(), i + 2);
    return std::to_string(n);
  }
  i = 0;
  if (bare && ReadUint(t, &i, &n, 3) && n > 0 && i < t.size() && t[i] == ' ') {
    *text_at = i + 1;
    return std::to_string(n);
  }
  if (!t.empty() && t[0] == '(') {
    size_t k = 1;
    while (k < t.size() && k <= 6 && IsAsciiLower(t[k])) ++k;
    if (k > 1 && k < t.size() && t[k] == ')' && (k + 1 == t.size() || t[k + 1] == ' ')) {
      *text_at = std::min(t.size(), k + 2);
      return std::string(t.substr(0, k + 1));
    }
  }
  *text_at = 0;
  return "";
}

// The italic run that opens the text at `from`, without trailing punctuation; "" when the
// paragraph does not open in italics or is italic throughout.
size_t LeadEnd(const BuiltText& b, size_t from) {
  // Spans are clamped to the text: a damaged layout (found by pdf_layout_fuzz) gave a span
  // past its end, and substr threw std::out_of_range, which nothing catches.
  const size_t size = b.text.size();
  from = std::min(from, size);
  size_t end = from;
  for (const Span& s : b.spans) {
    if (s.end <= from) continue;
    const size_t begin = std::min(s.begin, size), stop = std::min(std::max(s.end, begin), size);
    if (!s.italic) {
      if (HasAlnum(std::string_view(b.text).substr(begin, stop - begin)) || end > from) break;
      continue;
    }
    end = stop;
  }
  std::string_view lead = std::string_view(b.text).substr(from, end - from);
  while (!lead.empty() &&
         (lead.back() == ',' || lead.back() == ';' || lead.back() == ':' || lead.back() == ' ')) {
    lead.remove_suffix(1);
  }
  end = from + lead.size();
  std::string_view rest = Trim(std::string_view(b.text).substr(end));
  while (!rest.empty() && (rest.front() == ',' || rest.front() == ';' || rest.front() == ':' ||
                           rest.front() == '.')) {
    rest.remove_prefix(1);
  }
  // Italic throughout: a lead phrase only when it introduces sub-paragraphs ("Recalls:").
  if (Trim(rest).empty() && !std::string_view(Trim(b.text)).ends_with(":")) return from;
  // A lead phrase opens with a capital ("a" set in italics is a table note's letter).
  if (end > from && !IsAsciiUpper(b.text[from])) return from;
  return end;
}

std::vector<FootnoteRef> Shift(const std::vector<FootnoteRef>& refs, size_t from) {
  std::vector<FootnoteRef> out;
  for (FootnoteRef f : refs) {
    f.byte_offset = f.byte_offset > from ? uint32_t(f.byte_offset - from) : 0;
    out.push_back(f);
  }
  return out;
}

bool IsAnnexLabel(std::string_view t) {
  if (t == "Annex" || t == "Annexes") return true;
  if (!std::string_view(t).starts_with("Annex ")) return false;
  for (char c : t.substr(6)) {
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L') return false;
  }
  return true;
}

// Files paragraphs into preamble, operative and annex. An annex starts at an "Annex" label,
// at text after the adoption line, or at an instrument's title (set larger than the text) right
// after an operative paragraph that introduces it with a colon ("Adopts the following
// political declaration ...:").
class SectionBuilder {
 public:
  SectionBuilder(Resolution* r, float body_size) : r_(r), body_size_(body_size) {}

  // A heading block, line by line.
  void Heading(const std::vector<std::string>& lines, float size, bool annexed) {
    const bool introduced = !r_->operative.empty() && std::string_view(r_->operative.back().text).ends_with(":") &&
                            size >= 1.1f * body_size_;
    if (!annexed && !in_annex_ && !introduced) return;  // "Part I", "Section 1": no paragraph
    std::string title;
    for (const std::string& l : lines) {
      if (IsAnnexLabel(l) && title.empty()) {
        StartAnnex();
        continue;
      }
      AppendPdfLine(&title, l);
    }
    if (title.empty()) return;
    if (!in_annex_) StartAnnex();
    Annex& a = r_->annexes.back();
    if (a.paragraph_count == 0 && a.title.empty()) a.title = title;
    // Later headings (a subtitle, "I. Introduction") structure the annex but are no paragraph.
  }

  // sub_number: "(a)", or "1." for a list nested in a paragraph; the paragraph becomes a
  // sub-paragraph of the one before.
  void Add(Paragraph p, const std::string& sub_number, bool annexed) {
    if (annexed && !in_annex_) StartAnnex();
    if (!sub_number.empty()) {
      Paragraph* host = Last();
      if (host != nullptr) {
        SubParagraph s;
        s.number = sub_number;
        s.text = std::move(p.text);
        s.footnotes = std::move(p.footnotes);
        host->subparagraphs.push_back(std::move(s));
        return;
      }
      p.number = sub_number;
    }
    if (in_annex_) {
      p.section = Section::kAnnex;
      r_->annexes.back().paragraph_count++;
      r_->annex.push_back(std::move(p));
      return;
    }
    p.section = IsOperative(p) ? Section::kOperative : Section::kPreamble;
    (p.section == Section::kOperative ? r_->operative : r_->preamble).push_back(std::move(p));
  }

  // A row of a table: a sub-paragraph (without number) of the paragraph that introduces the
  // table; in an annex, or with no paragraph before it, a paragraph of its own.
  void TableRow(Paragraph p, bool annexed) {
    Paragraph* host = annexed || in_annex_ ? nullptr : Last();
    if (host == nullptr) {
      Add(std::move(p), "", annexed);
      return;
    }
    host->subparagraphs.push_back({"", std::move(p.text), std::move(p.footnotes)});
  }

  // Text that goes on after a paragraph's sub-paragraphs ("..., and demands that ...;"): it
  // continues the last sub-paragraph (or the paragraph itself).
  void Continue(Paragraph p, bool annexed) {
    Paragraph* host = Last();
    if (host == nullptr || (annexed && !in_annex_)) {
      Add(std::move(p), "", annexed);
      return;
    }
    std::string* text =
        host->subparagraphs.empty() ? &host->text : &host->subparagraphs.back().text;
    std::vector<FootnoteRef>* refs =
        host->subparagraphs.empty() ? &host->footnotes : &host->subparagraphs.back().footnotes;
    AppendPdfLine(text, p.text);
    const size_t base = text->size() - std::string_view(Trim(p.text)).size();
    for (FootnoteRef f : p.footnotes) {
      f.byte_offset = uint32_t(std::min(text->size(), base + f.byte_offset));
      refs->push_back(f);
    }
  }

 private:
  // Preamble paragraphs end with a comma and open with a participle or adjective ("Recalling",
  // "Deeply concerned"), operative ones end with a semicolon or a full stop and open with a
  // verb ("Recalls"); a colon opens sub-paragraphs in both. A numbered paragraph, and anything
  // after the first operative one, is operative. Releases do slip ("Recognizing also ...;"), so
  // the lead phrase outweighs the closing semicolon.
  bool IsOperative(const Paragraph& p) const {
    if (!p.number.empty() || !r_->operative.empty()) return true;
    const std::string_view t = Trim(p.text);
    const char last = t.empty() ? ' ' : t.back();
    if (last == ',') return false;
    const LeadKind kind = MatchLead(p.lead.empty() ? p.text : p.lead).kind;
    if (kind != LeadKind::kNone) return kind == LeadKind::kOperative;
    return last == ';' || last == '.' || last == ':';
  }
  void StartAnnex() {
    in_annex_ = true;
    r_->annexes.push_back({});
  }
  Paragraph* Last() {
    if (in_annex_) return r_->annexes.back().paragraph_count == 0 ? nullptr : &r_->annex.back();
    std::vector<Paragraph>& list = !r_->operative.empty() ? r_->operative : r_->preamble;
    return list.empty() ? nullptr : &list.back();
  }

  Resolution* r_;
  float body_size_;
  bool in_annex_ = false;
};

// The indentation of the resolution's own paragraph numbers ("12." lines): a numbered list
// indented further is a list inside a paragraph.
float NumberIndent(const std::vector<PdfLine>& lines, const std::vector<size_t>& body,
                   const PdfMetrics& m) {
  std::map<float, size_t> counts;
  for (size_t i : body) {
    const PdfLine& l = lines[i];
    if (!l.boxes.empty() && std::string_view(l.boxes.front().text).ends_with(".") && OpensWithNumber(l)) {
      counts[std::round(Indent(l, m))] += 1;
    }
  }
  float best = 1e9f;
  size_t most = 0;
  for (const auto& [x, n] : counts) {
    if (n > most) best = x, most = n;
  }
  return best;
}

}  // namespace

std::vector<Footnote> BuildPdfFootnotes(const std::vector<PdfLine>& lines,
                                        const std::vector<size_t>& note_lines) {
  std::vector<Footnote> notes;
  for (size_t i : note_lines) {
    const PdfLine& l = lines[i];
    if (l.boxes.empty()) continue;
    const PdfBox& first = l.boxes.front();
    const bool numbered = IsDigits(first.text) && first.text.size() <= 3 &&
                          (first.size < 0.85f * l.size || first.y1 < l.bottom - 0.15f * l.size ||
                           (l.boxes.size() > 1 && l.boxes[1].x0 - first.x1 > 0.3f * l.size));
    if (numbered) {
      Footnote f;
      size_t at = 0;
      ReadUint(first.text, &at, &f.number, 3);
      f.text = JoinPdfBoxes(std::vector<PdfBox>(l.boxes.begin() + 1, l.boxes.end()));
      notes.push_back(std::move(f));
    } else if (!notes.empty()) {
      AppendPdfLine(&notes.back().text, l.text);
    }
  }
  for (Footnote& f : notes) f.text = CollapseSpaces(f.text);
  return notes;
}

void BuildPdfBody(const std::vector<PdfLine>& lines, const std::vector<size_t>& body,
                  size_t annex_from, const PdfMetrics& m, Resolution* r) {
  std::vector<uint32_t> notes;
  for (const Footnote& f : r->footnotes) notes.push_back(f.number);
  SectionBuilder sections(r, m.body_size);
  const float number_indent = NumberIndent(lines, body, m);
  for (const Block& block : SplitBlocks(lines, body, annex_from, m)) {
    const PdfLine& first = lines[block.lines[0]];
    if (block.lines.size() == 1 && IsOpening(first)) continue;
    BuiltText built = BuildText(lines, block, notes);
    if (Trim(built.text).empty()) continue;
    if (block.heading) {
      std::vector<std::string> texts;
      for (size_t i : block.lines)
        texts.push_back(BuildText(lines, Block{{i}, true, false}, notes).text);
      sections.Heading(texts, first.size, block.annexed);
      continue;
    }
    size_t text_at = 0;
    const bool bare = OpensWithNumber(first) && IsDigits(first.boxes.front().text);
    std::string number = Enumerator(built.text, bare, &text_at);
    bool sub = !number.empty() && number[0] == '(';
    if (!number.empty() && !sub && Indent(first, m) > number_indent + 0.8f * m.body_size) {
      number += ".";  // a numbered list inside a paragraph
      sub = true;
    }
    Paragraph p;
    if (!sub) p.number = number;
    const size_t lead_end = LeadEnd(built, text_at);
    p.text = built.text.substr(text_at);
    p.lead = built.text.substr(text_at, lead_end - text_at);
    p.footnotes = Shift(built.refs, text_at);
    if (number.empty() && IsPdfTableRow(first, m.body_size)) {
      sections.TableRow(std::move(p), block.annexed);
    } else if (number.empty() && IsAsciiLower(p.text[0])) {
      sections.Continue(std::move(p), block.annexed);
    } else {
      sections.Add(std::move(p), sub ? number : "", block.annexed);
    }
  }
}

}  // namespace recital::ingest

// The body: paragraph boundaries, then each paragraph's number, lead phrase, sub-paragraphs
// and footnote references. Boundaries come from blank lines, indentation (un.org wraps
// paragraphs with a 6-space first line) and, where neither exists, from paragraph starts
// (number, "(a)", lead phrase) after a line that ends a paragraph.
#include <string>

#include "ingest/ingest_internal.h"

namespace recital::ingest {
namespace {

size_t Indent(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}

// Drops trailing footnote markers and spaces, for deciding whether text ends a paragraph.
std::string_view StripTrailingMarker(std::string_view t) {
  t = Trim(t);
  size_t e = t.size();
  if (e > 0 && (t[e - 1] == '/' || t[e - 1] == ']')) --e;
  size_t d = e;
  while (d > 0 && IsAsciiDigit(t[d - 1]) && e - d < 3) --d;
  if (d < e && d > 0 && (t[d - 1] == ' ' || t[d - 1] == '[' || !IsAsciiDigit(t[d - 1]))) {
    t = Trim(t.substr(0, d > 0 && t[d - 1] == '[' ? d - 1 : d));
  }
  return t;
}

bool EndsParagraph(std::string_view t) {
  t = StripTrailingMarker(t);
  return !t.empty() && (t.back() == ',' || t.back() == ';' || t.back() == ':' || t.back() == '.');
}

// "12. Text" -> 12 and the offset of Text; 0 when not numbered.
uint32_t Numbered(std::string_view t, size_t* text_at) {
  size_t i = 0;
  uint32_t n = 0;
  if (!ReadUint(t, &i, &n, 3) || n == 0 || n > 300 || i >= t.size() || t[i] != '.') return 0;
  ++i;
  if (i < t.size() && t[i] != ' ') return 0;
  while (i < t.size() && t[i] == ' ') ++i;
  *text_at = i;
  return n;
}

// "(a) Text" / "(iv) Text" -> "(a)" and the offset of Text; "" otherwise.
std::string SubNumber(std::string_view t, size_t* text_at) {
  if (t.size() < 4 || t[0] != '(') return "";
  size_t i = 1;
  while (i < t.size() && i <= 5 && IsAsciiLower(t[i])) ++i;
  if (i == 1 || i >= t.size() || t[i] != ')') return "";
  size_t j = i + 1;
  if (j < t.size() && t[j] != ' ') return "";
  while (j < t.size() && t[j] == ' ') ++j;
  *text_at = j;
  return std::string(t.substr(0, i + 1));
}

bool LineStartsParagraph(std::string_view t) {
  size_t at = 0;
  if (Numbered(t, &at) != 0) return at == t.size() || IsAsciiUpper(t[at]);
  if (!SubNumber(t, &at).empty()) return true;
  return !t.empty() && IsAsciiUpper(t[0]) && MatchKnownLead(t).kind != LeadKind::kNone;
}

void AppendLine(std::string* acc, std::string_view line) {
  line = Trim(line);
  if (line.empty()) return;
  if (acc->size() >= 2 && acc->back() == '-' && IsAsciiAlpha((*acc)[acc->size() - 2]) && IsAsciiLower(line[0])) {
    *acc += line;  // "forty-" + "sixth"
    return;
  }
  if (!acc->empty()) *acc += ' ';
  *acc += line;
}

}  // namespace

std::vector<RawParagraph> SplitParagraphs(const std::vector<std::string>& body) {
  std::vector<RawParagraph> out;
  std::string acc;
  std::string_view prev_line;
  auto flush = [&] {
    if (!Trim(acc).empty()) out.push_back({CollapseSpaces(acc)});
    acc.clear();
  };
  for (const std::string& line : body) {
    const std::string_view t = Trim(line);
    if (t.empty() || t == kPageBreak) {
      flush();
      prev_line = {};
      continue;
    }
    size_t at = 0;
    const bool lone_number = Numbered(t, &at) != 0 && at == t.size();
    const bool prev_lone_number = !prev_line.empty() && Numbered(Trim(prev_line), &at) != 0 && at == Trim(prev_line).size();
    bool start = false;
    if (!acc.empty() && !prev_lone_number) {
      const size_t ind = Indent(line), prev_ind = Indent(prev_line);
      if (ind >= 3 && ind > prev_ind) start = true;
      if (LineStartsParagraph(t) && EndsParagraph(prev_line)) start = true;
      if (lone_number && EndsParagraph(prev_line)) start = true;
    }
    if (start) flush();
    AppendLine(&acc, line);
    prev_line = line;
  }
  flush();
  return out;
}

namespace {

bool StartsAny(std::string_view t) {
  size_t at = 0;
  return Numbered(t, &at) != 0 || !SubNumber(t, &at).empty() || MatchLead(t).kind != LeadKind::kNone;
}

// Joins pieces that continue the paragraph before them (page breaks inside a paragraph)
// and drops running headers that repeat the title.
std::vector<std::string> MergeContinuations(const std::vector<RawParagraph>& raw, const std::string& title) {
  std::vector<std::string> out;
  for (const RawParagraph& p : raw) {
    const std::string& t = p.text;
    if (!title.empty() && t.size() >= 15 && title.starts_with(t)) continue;
    if (!out.empty() && !StartsAny(t) && !EndsParagraph(out.back())) {
      AppendLine(&out.back(), t);
      continue;
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace

void BuildParagraphs(const std::vector<RawParagraph>& raw, bool has_opening, MarkerState* markers,
                     Resolution* r) {
  Vocabulary vocab;
  for (const RawParagraph& p : raw) vocab.AddTextLazily(p.text);  // raw outlives vocab
  const std::vector<std::string> merged = MergeContinuations(raw, r->title);
  // The title suffers the stray spaces of the text it was extracted with ("The rol e of
  // diamonds"); running headers repeating it were matched above as they were written.
  r->title = RepairStraySpaces(r->title, vocab);
  bool first = true;
  for (const std::string& whole : merged) {
    std::string_view t = whole;
    size_t at = 0;
    const std::string sub = SubNumber(t, &at);
    const bool was_first = first;
    first = false;
    if (!sub.empty()) {
      Paragraph* host = !r->operative.empty() ? &r->operative.back() : !r->preamble.empty() ? &r->preamble.back() : nullptr;
      if (host != nullptr) {
        SubParagraph sp;
        sp.number = sub;
        sp.text = ExtractMarkers(RepairStraySpaces(t.substr(at), vocab), markers, &sp.footnotes);
        host->subparagraphs.push_back(std::move(sp));
        continue;
      }
    }
    Paragraph p;
    const uint32_t number = sub.empty() ? Numbered(t, &at) : 0;
    if (number != 0) {
      p.number = std::to_string(number);
      t = t.substr(at);
    }
    p.text = ExtractMarkers(RepairStraySpaces(t, vocab), markers, &p.footnotes);
    if (p.text.empty()) continue;
    const LeadMatch lead = MatchLead(p.text);
    if (was_first && !has_opening && number == 0 && lead.kind == LeadKind::kNone) {
      r->warnings.push_back("text starts mid-paragraph: dropped a leading fragment of " +
                            std::to_string(p.text.size()) + " bytes");
      continue;
    }
    if (lead.length <= p.text.size()) p.lead = p.text.substr(0, lead.length);
    const bool operative = number != 0 || lead.kind == LeadKind::kOperative ||
                           (lead.kind == LeadKind::kNone && !r->operative.empty()) ||
                           (lead.kind == LeadKind::kPreamble && !r->operative.empty());
    p.section = operative ? Section::kOperative : Section::kPreamble;
    (operative ? r->operative : r->preamble).push_back(std::move(p));
  }
}

}  // namespace recital::ingest

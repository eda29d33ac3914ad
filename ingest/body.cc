// The body: paragraph boundaries, then each paragraph's number, lead phrase, sub-paragraphs
// and footnote references. Boundaries come from blank lines, indentation (un.org wraps
// paragraphs with a 6-space first line) and, where neither exists, from paragraph starts
// (number, "(a)", lead phrase) after a line that ends a paragraph.
#include <string>

#include "ingest/ingest_internal.h"
#include "ingest/lang_internal.h"

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

bool EndsParagraph(std::string_view t, Lang lang = Lang::kEn) {
  t = StripTrailingMarker(t);
  if (!UsesEnglishRules(lang)) return EndsWithParagraphPunctuation(t);
  return !t.empty() && (t.back() == ',' || t.back() == ';' || t.back() == ':' || t.back() == '.');
}

// "12. Text" -> 12 and the offset of Text; 0 when not numbered. Other languages than English
// also "12 - Text" (Arabic).
uint32_t Numbered(std::string_view t, size_t* text_at, Lang lang = Lang::kEn) {
  size_t i = 0;
  uint32_t n = 0;
  if (!UsesEnglishRules(lang) && ReadUint(t, &i, &n, 3) && n != 0 && n <= 300 && t.substr(i).starts_with(" - ")) {
    i += 3;
    while (i < t.size() && t[i] == ' ') ++i;
    *text_at = i;
    return n;
  }
  i = 0;
  if (!ReadUint(t, &i, &n, 3) || n == 0 || n > 300 || i >= t.size() || t[i] != '.') return 0;
  ++i;
  if (i < t.size() && t[i] != ' ') return 0;
  while (i < t.size() && t[i] == ' ') ++i;
  *text_at = i;
  return n;
}

// "(a) Text" / "(iv) Text" -> "(a)" and the offset of Text; "" otherwise. Other languages
// than English also "(а)" (Cyrillic) and "(أ)" (Arabic): one letter in brackets.
std::string SubNumber(std::string_view t, size_t* text_at, Lang lang = Lang::kEn) {
  if (!UsesEnglishRules(lang) && t.size() >= 4 && t[0] == '(') {
    size_t len = 0;
    const uint32_t cp = CodePointAt(t, 1, &len);
    if ((IsCyrillic(cp) && IsLowerLetter(cp)) || IsArabicLetter(cp)) {
      if (t.substr(1 + len).starts_with(") ")) {
        size_t j = 1 + len + 1;
        while (j < t.size() && t[j] == ' ') ++j;
        *text_at = j;
        return std::string(t.substr(0, 2 + len));
      }
    }
  }
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

// Other languages: a numbered line whose text starts with a capital (any script), a Han or
// Arabic letter; a sub-paragraph; or a known lead phrase (Russian ones are lower-case).
bool IntlLineStartsParagraph(std::string_view t, Lang lang) {
  size_t at = 0;
  if (Numbered(t, &at, lang) != 0) {
    const uint32_t cp = CodePointAt(t, at);
    return at == t.size() || IsUpperLetter(cp) || IsHan(cp) || IsArabicLetter(cp);
  }
  if (!SubNumber(t, &at, lang).empty()) return true;
  return MatchKnownLeadLang(t, lang).kind != LeadKind::kNone;
}

bool LineStartsParagraph(std::string_view t, Lang lang = Lang::kEn) {
  if (!UsesEnglishRules(lang)) return IntlLineStartsParagraph(t, lang);
  size_t at = 0;
  if (Numbered(t, &at) != 0) return at == t.size() || IsAsciiUpper(t[at]);
  if (!SubNumber(t, &at).empty()) return true;
  return !t.empty() && IsAsciiUpper(t[0]) && MatchKnownLead(t).kind != LeadKind::kNone;
}

void AppendLine(std::string* acc, std::string_view line, Lang lang = Lang::kEn) {
  line = Trim(line);
  if (line.empty()) return;
  if (lang == Lang::kZh && !acc->empty() && (IsHan(CodePointBefore(*acc, acc->size())) || IsHan(CodePointAt(line, 0)))) {
    *acc += line;  // Chinese puts no space between words, nor where a line wraps
    return;
  }
  if (acc->size() >= 2 && acc->back() == '-' && IsAsciiAlpha((*acc)[acc->size() - 2]) && IsAsciiLower(line[0])) {
    *acc += line;  // "forty-" + "sixth"
    return;
  }
  if (!acc->empty()) *acc += ' ';
  *acc += line;
}

}  // namespace

std::vector<RawParagraph> SplitParagraphs(const std::vector<std::string>& body, Lang lang) {
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
    const bool lone_number = Numbered(t, &at, lang) != 0 && at == t.size();
    const bool prev_lone_number =
        !prev_line.empty() && Numbered(Trim(prev_line), &at, lang) != 0 && at == Trim(prev_line).size();
    bool start = false;
    if (!acc.empty() && !prev_lone_number) {
      const size_t ind = Indent(line), prev_ind = Indent(prev_line);
      if (ind >= 3 && ind > prev_ind) start = true;
      if (LineStartsParagraph(t, lang) && EndsParagraph(prev_line, lang)) start = true;
      if (lone_number && EndsParagraph(prev_line, lang)) start = true;
    }
    if (start) flush();
    AppendLine(&acc, line, lang);
    prev_line = line;
  }
  flush();
  return out;
}

namespace {

bool StartsAny(std::string_view t, Lang lang) {
  size_t at = 0;
  if (!UsesEnglishRules(lang)) {
    return Numbered(t, &at, lang) != 0 || !SubNumber(t, &at, lang).empty() ||
           MatchLeadLang(t, lang).kind != LeadKind::kNone;
  }
  return Numbered(t, &at) != 0 || !SubNumber(t, &at).empty() || MatchLead(t).kind != LeadKind::kNone;
}

// Joins pieces that continue the paragraph before them (page breaks inside a paragraph)
// and drops running headers that repeat the title.
std::vector<std::string> MergeContinuations(const std::vector<RawParagraph>& raw, const std::string& title,
                                            Lang lang) {
  std::vector<std::string> out;
  for (const RawParagraph& p : raw) {
    const std::string& t = p.text;
    if (!title.empty() && t.size() >= 15 && title.starts_with(t)) continue;
    if (!out.empty() && !StartsAny(t, lang) && !EndsParagraph(out.back(), lang)) {
      AppendLine(&out.back(), t, lang);
      continue;
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace

void BuildParagraphs(const std::vector<RawParagraph>& raw, bool has_opening, MarkerState* markers,
                     Resolution* r, Lang lang) {
  Vocabulary vocab;
  for (const RawParagraph& p : raw) vocab.AddTextLazily(p.text);  // raw outlives vocab
  const std::vector<std::string> merged = MergeContinuations(raw, r->title, lang);
  // The title suffers the stray spaces of the text it was extracted with ("The rol e of
  // diamonds"); running headers repeating it were matched above as they were written.
  r->title = RepairStraySpaces(r->title, vocab);
  bool first = true;
  for (const std::string& whole : merged) {
    std::string_view t = whole;
    size_t at = 0;
    const std::string sub = SubNumber(t, &at, lang);
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
    const uint32_t number = sub.empty() ? Numbered(t, &at, lang) : 0;
    if (number != 0) {
      p.number = std::to_string(number);
      t = t.substr(at);
    }
    p.text = ExtractMarkers(RepairStraySpaces(t, vocab), markers, &p.footnotes);
    if (p.text.empty()) continue;
    const LeadMatch lead = UsesEnglishRules(lang) ? MatchLead(p.text) : MatchLeadLang(p.text, lang);
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

// Splits cleaned lines into cover, body, adoption line and footnote list.
#include <string>

#include "ingest/ingest_internal.h"
#include "ingest/lang_internal.h"

namespace recital::ingest {
namespace {

std::string NoSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

// "The General Assembly," (also "THE GENERAL ASSEMBLY," and "The General Assembl y,").
// Returns the length of the opening within t (through the comma), or 0.
size_t OpeningLength(std::string_view t) {
  if (StartsWithNoCase(t, "The General Assembly,")) return 21;
  if (t.size() > 40) t = t.substr(0, 40);
  const std::string ns = NoSpaces(t);
  if (!StartsWithNoCase(ns, "TheGeneralAssembly,")) return 0;
  size_t letters = 0, i = 0;
  while (i < t.size() && letters < 19) {
    if (t[i] != ' ') ++letters;
    ++i;
  }
  return i;
}

bool IsAdoptionLine(std::string_view t) {
  size_t i = 0;
  uint32_t n = 0;
  if (!ReadUint(t, &i, &n, 5) || n == 0) return false;
  const std::string_view rest = t.substr(i);
  return (rest.starts_with("st ") || rest.starts_with("nd ") || rest.starts_with("rd ") ||
          rest.starts_with("th ")) &&
         rest.substr(3).starts_with("plenary meeting");
}

bool StartsParagraph(const std::vector<std::string>& lines, size_t i, Lang lang) {
  const std::string_view t = Trim(lines[i]);
  if (t.empty() || t == kPageBreak) return false;
  const bool english = UsesEnglishRules(lang);
  size_t k = 0;
  uint32_t n = 0;
  if (ReadUint(t, &k, &n, 3) && n > 0 && k < t.size() && (t[k] == '.' || (!english && t.substr(k).starts_with(" -")))) {
    std::string_view rest = Trim(t.substr(t[k] == '.' ? k + 1 : k + 2));
    if (rest.empty()) {  // "4." alone, the text on the next line
      for (size_t j = i + 1; j < lines.size() && j < i + 3; ++j) {
        rest = Trim(lines[j]);
        if (!rest.empty()) break;
      }
    }
    if (!english) return MatchLeadLang(rest, lang).kind != LeadKind::kNone;
    return MatchLead(rest).kind == LeadKind::kOperative;
  }
  if (!english) return MatchKnownLeadLang(t, lang).kind != LeadKind::kNone;
  return IsAsciiUpper(t[0]) && MatchKnownLead(t).kind != LeadKind::kNone;
}

// The adoption line: "83rd plenary meeting" (English rules), or the meeting line of lang, or
// (Chinese prints the date first) a date line with the meeting line after it.
bool StartsAdoption(const std::vector<std::string>& lines, size_t i, Lang lang) {
  const std::string_view t = Trim(lines[i]);
  if (UsesEnglishRules(lang)) return IsAdoptionLine(t);
  if (PlenaryMeetingLine(t, lang) != 0) return true;
  if (!IsDateLine(t, lang)) return false;
  for (size_t j = i + 1; j < lines.size() && j < i + 4; ++j) {
    const std::string_view next = Trim(lines[j]);
    if (next.empty() || next == kPageBreak) continue;
    return PlenaryMeetingLine(next, lang) != 0;
  }
  return false;
}

bool EndsWithContinuation(std::string_view t) {
  return !t.empty() && (t.back() == ',' || t.back() == ';');
}

}  // namespace

Regions SplitRegions(std::vector<std::string> lines, Lang lang) {
  Regions r;
  size_t body_begin = lines.size();
  size_t cover_end = lines.size();
  std::string first_body;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view t = Trim(lines[i]);
    const size_t open = UsesEnglishRules(lang) ? OpeningLength(t) : IntlOpeningLength(t, lang);
    if (open > 0) {
      r.has_opening = true;
      cover_end = i;
      body_begin = i + 1;
      first_body = std::string(Trim(t.substr(open)));
      break;
    }
  }
  if (!r.has_opening) {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (StartsParagraph(lines, i, lang)) {
        body_begin = i;
        break;
      }
    }
    // A paragraph tail before the first paragraph start belongs to the body (a later page
    // that begins mid-paragraph); BuildParagraphs drops it with a warning.
    size_t j = body_begin;
    while (j > 0 && j <= lines.size() && (Trim(lines[j - 1]).empty() || lines[j - 1] == kPageBreak)) --j;
    if (j > 0 && body_begin < lines.size() && EndsWithContinuation(Trim(lines[j - 1]))) {
      body_begin = j - 1;
      while (body_begin > 0 && !Trim(lines[body_begin - 1]).empty() &&
             lines[body_begin - 1] != kPageBreak && !EndsWithContinuation(Trim(lines[body_begin - 1]))) {
        --body_begin;
      }
    }
  }
  if (!r.has_opening) cover_end = body_begin;
  // Lines are moved out: none is looked at again once it is placed in a region.
  for (size_t i = 0; i < cover_end && i < lines.size(); ++i) r.cover.push_back(std::move(lines[i]));
  if (!first_body.empty()) r.body.push_back(first_body);
  size_t i = body_begin;
  bool in_notes = false;
  for (; i < lines.size(); ++i) {
    const std::string_view t = Trim(lines[i]);
    if (StartsAdoption(lines, i, lang)) break;
    if (t.starts_with("_____")) {
      in_notes = true;
      r.footnotes.emplace_back(kPageBreak);
      r.body.emplace_back(kPageBreak);
      continue;
    }
    if (in_notes && lines[i] == kPageBreak) in_notes = false;
    (in_notes ? r.footnotes : r.body).push_back(std::move(lines[i]));
  }
  if (i < lines.size() && !UsesEnglishRules(lang)) {
    // The meeting line and the date, in either order, each on its line or together.
    r.adoption = std::string(Trim(lines[i]));
    ++i;
    for (size_t taken = 0; i < lines.size() && taken < 2; ++i) {
      const std::string_view t = Trim(lines[i]);
      if (t.empty()) continue;
      if (PlenaryMeetingLine(t, lang) == 0 && !IsDateLine(t, lang)) break;
      r.adoption += ' ';
      r.adoption.append(t);
      ++taken;
    }
    r.footnotes.emplace_back(kPageBreak);
    for (; i < lines.size(); ++i) r.footnotes.push_back(std::move(lines[i]));
  } else if (i < lines.size()) {
    r.adoption = std::string(Trim(lines[i]));
    ++i;
    // The date is on the next non-empty line unless the adoption line carries it.
    if (FindDate(r.adoption).empty()) {
      for (; i < lines.size(); ++i) {
        const std::string_view t = Trim(lines[i]);
        if (t.empty()) continue;
        if (!FindDate(t).empty()) {
          r.adoption += ' ';  // not `" " + std::string(t)`: GCC 12 -O3 -Wrestrict (bug 105329)
          r.adoption.append(t);
          ++i;
        }
        break;
      }
    }
    r.footnotes.emplace_back(kPageBreak);
    for (; i < lines.size(); ++i) r.footnotes.push_back(std::move(lines[i]));
  }
  return r;
}

}  // namespace recital::ingest

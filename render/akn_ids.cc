// Akoma Ntoso names: IRIs, eIds, language codes and dates as the documents write them.
#include <algorithm>

#include "render/akn_internal.h"
#include "render/render.h"
#include "schema/strings.h"

namespace recital::render {
namespace akn {
namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

// s with every byte outside [A-Za-z0-9().-] written '-', so an IRI segment stays one segment.
std::string IriSegment(std::string_view s) {
  std::string out;
  for (char c : s) {
    out += (IsAsciiAlnum(c) || c == '(' || c == ')' || c == '.' || c == '-') ? c : '-';
  }
  return out;
}

// Letters and digits of s, lower-cased.
std::string IdPart(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAsciiAlnum(c)) out += AsciiLower(c);
  }
  return out;
}

// base, or base + "_2", "_3"... : the first not in *used, which then holds it.
std::string Unique(std::string base, std::vector<std::string>* used) {
  std::string id = base;
  for (int k = 2; std::find(used->begin(), used->end(), id) != used->end(); ++k) {
    id = base + "_" + std::to_string(k);
  }
  used->push_back(id);
  return id;
}

std::vector<std::string> OperativeIds(const std::vector<Paragraph>& ps, const std::string& prefix,
                                      std::vector<std::string>* used) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < ps.size(); ++i) {
    const std::string part = IdPart(ps[i].number);
    ids.push_back(Unique(prefix + (part.empty() ? "para_p" + std::to_string(i + 1) : "para_" + part), used));
  }
  return ids;
}

}  // namespace

std::string LanguageCode(std::string_view language) {
  static constexpr std::pair<const char*, const char*> kCodes[] = {
      {"en", "eng"}, {"fr", "fra"}, {"es", "spa"}, {"ru", "rus"}, {"ar", "ara"}, {"zh", "zho"}};
  for (const auto& [two, three] : kCodes) {
    if (language == two) return three;
  }
  const std::string code = IdPart(language);
  return code.empty() ? "und" : code;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsAsciiDigit(s[i])) return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && s.substr(0, 4) != "0000";
}

std::string LongDate(std::string_view iso) {
  if (!IsIsoDate(iso)) return std::string(iso);
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  const int day = (iso[8] - '0') * 10 + (iso[9] - '0');
  return std::to_string(day) + " " + kMonths[month - 1] + " " + std::string(iso.substr(0, 4));
}

std::string Ordinal(uint32_t n) {
  const uint32_t tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    suffix = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  }
  return std::to_string(n) + suffix;
}

std::string IriNumberOfSymbol(std::string_view symbol) {
  for (std::string_view prefix : {"A/RES/", "E/RES/", "S/RES/", "A/"}) {
    if (symbol.starts_with(prefix)) {
      symbol.remove_prefix(prefix.size());
      break;
    }
  }
  return IriSegment(symbol);
}

std::string WorkIri(std::string_view organ, std::string_view date, std::string_view number) {
  return "/akn/un/statement/deliberation/" + std::string(organ) + "/" +
         (IsIsoDate(date) ? std::string(date) : std::string("undated")) + "/" + std::string(number);
}

std::vector<AnnexGroup> AnnexGroups(const Resolution& r) {
  std::vector<AnnexGroup> groups;
  size_t next = 0;
  for (const Annex& a : r.annexes) {
    const size_t count = std::min<size_t>(a.paragraph_count, r.annex.size() - next);
    groups.push_back({a.title, next, count});
    next += count;
  }
  if (next < r.annex.size()) groups.push_back({"", next, r.annex.size() - next});
  return groups;
}

const std::vector<std::string>& ParagraphIds::Of(Section s) const {
  return s == Section::kPreamble ? preamble : s == Section::kOperative ? operative : annex;
}

ParagraphIds AssignParagraphIds(const Resolution& r) {
  ParagraphIds ids;
  std::vector<std::string> used;
  // A preambular paragraph is a <p>; one with sub-paragraphs a <container> (p + blockList).
  for (size_t i = 0; i < r.preamble.size(); ++i) {
    const char* kind = r.preamble[i].subparagraphs.empty() ? "preamble__p_" : "preamble__container_";
    ids.preamble.push_back(Unique(kind + std::to_string(i + 1), &used));
  }
  ids.operative = OperativeIds(r.operative, "", &used);
  const std::vector<AnnexGroup> groups = AnnexGroups(r);
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::vector<Paragraph> part(r.annex.begin() + groups[g].first,
                                      r.annex.begin() + groups[g].first + groups[g].count);
    for (std::string& id : OperativeIds(part, "att_" + std::to_string(g + 1) + "__", &used)) {
      ids.annex.push_back(std::move(id));
    }
  }
  return ids;
}

std::string ItemId(const std::string& number, size_t position, std::vector<std::string>* used) {
  const std::string part = IdPart(number);
  return Unique("item_" + (part.empty() ? std::to_string(position + 1) : part), used);
}

}  // namespace akn

std::string AknWorkIri(const Resolution& r) {
  std::string number = akn::IriNumberOfSymbol(r.symbol);
  if (number.empty() && r.number != 0 && (r.session != 0 || !r.session_code.empty())) {
    number = akn::IriNumberOfSymbol(
        (r.session_code.empty() ? std::to_string(r.session) : r.session_code) + "-" +
        std::to_string(r.number));
  }
  if (number.empty()) number = "unknown";
  return akn::WorkIri("unga", r.adoption_date, number);
}

std::string AknCitationIri(std::string_view symbol, std::string_view date) {
  const char* organ = symbol.starts_with("E/") ? "ecosoc" : symbol.starts_with("S/") ? "unsc" : "unga";
  const std::string number = akn::IriNumberOfSymbol(symbol);
  return akn::WorkIri(organ, date, number.empty() ? "unknown" : number);
}

}  // namespace recital::render

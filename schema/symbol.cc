// The symbol grammar. Every reader is linear, bounded and allocation-light: ingest calls
// ReadResolutionSymbol at every "A/RES/" of a release.
#include "schema/symbol.h"

#include <array>

#include "schema/strings.h"

namespace recital {
namespace {

constexpr std::string_view kResPrefix = "A/RES/";
constexpr size_t kMaxNumberDigits = 6;

// 1-6 digits at s[*i], not followed by another digit, value > 0; advances *i.
bool ReadNumber(std::string_view s, size_t* i, uint32_t* out) {
  size_t j = *i;
  uint32_t v = 0;
  while (j < s.size() && IsAsciiDigit(s[j]) && j - *i < kMaxNumberDigits) {
    v = v * 10 + static_cast<uint32_t>(s[j++] - '0');
  }
  if (j == *i || (j < s.size() && IsAsciiDigit(s[j])) || v == 0) return false;
  *i = j;
  *out = v;
  return true;
}

// "(XXVII)" at s[*i], after at most one space; advances *i past ')'.
bool ReadRomanSession(std::string_view s, size_t* i, uint32_t* session) {
  size_t j = *i;
  if (j < s.size() && s[j] == ' ') ++j;
  if (j >= s.size() || s[j] != '(') return false;
  size_t k = j + 1;
  while (k < s.size() && IsRomanNumeralChar(s[k])) ++k;
  if (k >= s.size() || s[k] != ')') return false;
  const uint32_t v = RomanToInt(s.substr(j + 1, k - j - 1));
  if (v == 0) return false;
  *i = k + 1;
  *session = v;
  return true;
}

// The resolution part after "A/RES/" at s[pos]: "54/144", "2957(XXVII)", "ES-11/1".
// stray_space: one space after the last slash is allowed.
std::optional<SymbolInText> ReadResolutionBody(std::string_view s, size_t pos, bool stray_space) {
  size_t i = pos;
  auto second_number = [&](uint32_t* out) {
    if (i >= s.size() || s[i] != '/') return false;
    ++i;
    if (stray_space && i < s.size() && s[i] == ' ') ++i;
    return ReadNumber(s, &i, out);
  };
  uint32_t a = 0, b = 0;
  if (s.substr(i).starts_with("ES-")) {
    i += 3;
    if (!ReadNumber(s, &i, &a) || !second_number(&b)) return std::nullopt;
    return SymbolInText{EmergencyResolutionSymbol(a, b), i};
  }
  if (!ReadNumber(s, &i, &a)) return std::nullopt;
  if (i < s.size() && s[i] == '/') {
    if (!second_number(&b)) return std::nullopt;
    return SymbolInText{ResolutionSymbol(a, b), i};
  }
  if (!ReadRomanSession(s, &i, &b)) return std::nullopt;
  return SymbolInText{OldResolutionSymbol(a, b), i};
}

// "/Corr.1", "/Rev.2/Add.1": parts of letters, '.', digits, each after a '/'. The whole
// rest of s must be such parts.
bool ReadSuffix(std::string_view s, std::string* suffix) {
  suffix->clear();
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '/') return false;
    size_t j = i + 1, letters = 0, digits = 0;
    while (j < s.size() && IsAsciiAlpha(s[j])) ++j, ++letters;
    if (letters == 0 || j >= s.size() || s[j] != '.') return false;
    ++j;
    while (j < s.size() && IsAsciiDigit(s[j])) ++j, ++digits;
    if (digits == 0) return false;
    if (!suffix->empty()) suffix->push_back('/');
    suffix->append(s.substr(i + 1, j - i - 1));
    i = j;
  }
  return true;
}

std::optional<Symbol> ParseDocument(std::string_view rest) {
  bool digit = false;
  size_t part_begin = 0;
  for (size_t i = 0; i <= rest.size(); ++i) {
    if (i == rest.size() || rest[i] == '/') {
      if (i == part_begin) return std::nullopt;  // an empty part
      part_begin = i + 1;
      continue;
    }
    const char c = rest[i];
    if (!IsAsciiAlnum(c) && c != '.' && c != '-') return std::nullopt;
    digit = digit || IsAsciiDigit(c);
  }
  if (!digit) return std::nullopt;
  Symbol sym;
  sym.kind = SymbolKind::kDocument;
  sym.document = std::string(rest);
  const std::string_view first = rest.substr(0, rest.find('/'));
  if (first.size() <= 3 && AllAsciiDigits(first)) {
    for (char c : first) sym.session = sym.session * 10 + static_cast<uint32_t>(c - '0');
  }
  return sym;
}

// ParseSymbol on text that is already trimmed and has upper-case prefixes.
std::optional<Symbol> ParseTrimmed(std::string_view s) {
  if (!s.starts_with("A/")) return std::nullopt;
  if (!s.starts_with(kResPrefix)) return ParseDocument(s.substr(2));
  auto read = ReadResolutionBody(s, kResPrefix.size(), /*stray_space=*/false);
  if (!read) return std::nullopt;
  Symbol sym = std::move(read->symbol);
  if (!ReadSuffix(s.substr(read->end), &sym.suffix)) return std::nullopt;
  return sym;
}

constexpr std::array<std::string_view, 20> kUnits = {
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth"};
constexpr std::array<std::string_view, 10> kTensOrdinal = {
    "", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
    "eightieth", "ninetieth"};
constexpr std::array<std::string_view, 10> kTens = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
constexpr std::array<std::string_view, 10> kCardinals = {
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

std::string OrdinalBelow100(uint32_t n) {
  if (n < 20) return std::string(kUnits[n]);
  if (n % 10 == 0) return std::string(kTensOrdinal[n / 10]);
  return std::string(kTens[n / 10]) + "-" + std::string(kUnits[n % 10]);
}

}  // namespace

// ---- Roman numerals -----------------------------------------------------------------------

uint32_t RomanToInt(std::string_view s) {
  if (s.empty() || s.size() > 12) return 0;
  auto value = [](char c) -> int64_t {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      default: return 0;
    }
  };
  int64_t total = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const int64_t v = value(s[i]);
    if (v == 0) return 0;
    const int64_t next = i + 1 < s.size() ? value(s[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  // Only the canonical spelling of a value counts ("IIX" adds up to 10 but is not X).
  if (total <= 0 || total > 399) return 0;
  const auto n = static_cast<uint32_t>(total);
  return IntToRoman(n) == s ? n : 0;
}

std::string IntToRoman(uint32_t n) {
  if (n == 0 || n > 399) return "";
  static constexpr std::array<std::pair<uint32_t, std::string_view>, 9> kSteps = {{
      {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"},
      {1, "I"}}};
  std::string out;
  for (const auto& [value, letters] : kSteps) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

// ---- Session ordinals ---------------------------------------------------------------------

std::string SessionOrdinal(uint32_t session) {
  if (session == 0) return "";
  if (session >= 1000) {
    const uint32_t last2 = session % 100;
    const char* suffix = "th";
    if (last2 < 11 || last2 > 13) {
      if (session % 10 == 1) suffix = "st";
      if (session % 10 == 2) suffix = "nd";
      if (session % 10 == 3) suffix = "rd";
    }
    return std::to_string(session) + suffix;
  }
  if (session < 100) return OrdinalBelow100(session);
  const std::string hundreds = std::string(kCardinals[session / 100]) + " hundred";
  if (session % 100 == 0) return hundreds + "th";
  return hundreds + " and " + OrdinalBelow100(session % 100);
}

uint32_t SessionFromOrdinal(std::string_view words) {
  const std::string w = AsciiLower(words);
  for (uint32_t n = 1; n < 100; ++n) {
    if (w == OrdinalBelow100(n)) return n;
  }
  return 0;
}

// ---- Symbols ------------------------------------------------------------------------------

bool Symbol::IsDraft() const {
  if (kind != SymbolKind::kDocument) return false;
  // The last part that is not a revision, corrigendum or addendum.
  std::string_view rest = document;
  for (;;) {
    const size_t slash = rest.rfind('/');
    const std::string_view last = slash == std::string_view::npos ? rest : rest.substr(slash + 1);
    if (last.starts_with("L.")) return true;
    if (slash == std::string_view::npos ||
        !(last.starts_with("Rev.") || last.starts_with("Corr.") || last.starts_with("Add."))) {
      return false;
    }
    rest = rest.substr(0, slash);
  }
}

std::string Symbol::ToString() const {
  std::string out;
  switch (kind) {
    case SymbolKind::kResolution:
      out = std::string(kResPrefix) + std::to_string(session) + "/" + std::to_string(number);
      break;
    case SymbolKind::kOldResolution:
      out = std::string(kResPrefix) + std::to_string(number) + "(" + IntToRoman(session) + ")";
      break;
    case SymbolKind::kEmergencyResolution:
      out = std::string(kResPrefix) + "ES-" + std::to_string(emergency_session) + "/" +
            std::to_string(number);
      break;
    case SymbolKind::kDocument:
      return "A/" + document;
  }
  if (!suffix.empty()) out += "/" + suffix;
  return out;
}

Symbol ResolutionSymbol(uint32_t session, uint32_t number) {
  Symbol s;
  s.kind = SymbolKind::kResolution;
  s.session = session;
  s.number = number;
  return s;
}

Symbol OldResolutionSymbol(uint32_t number, uint32_t roman_session) {
  Symbol s;
  s.kind = SymbolKind::kOldResolution;
  s.session = roman_session;
  s.number = number;
  return s;
}

Symbol EmergencyResolutionSymbol(uint32_t emergency_session, uint32_t number) {
  Symbol s;
  s.kind = SymbolKind::kEmergencyResolution;
  s.emergency_session = emergency_session;
  s.number = number;
  return s;
}

std::optional<Symbol> ParseSymbol(std::string_view text) { return ParseTrimmed(Trim(text)); }

std::optional<Symbol> ParseSymbolArg(std::string_view text) {
  std::string s(Trim(text));
  if (StartsWithNoCase(s, "a/")) {
    s[0] = 'A';
    if (StartsWithNoCase(s, kResPrefix)) s.replace(0, kResPrefix.size(), kResPrefix);
  } else {
    s.insert(0, kResPrefix);  // a short form: "54/144", "2957(XXVII)", "ES-11/1"
  }
  if (s.starts_with(kResPrefix)) {
    // "es-11/1" and a Roman session in any case ("2957(xxvii)").
    if (StartsWithNoCase(std::string_view(s).substr(kResPrefix.size()), "es-")) {
      s[kResPrefix.size()] = 'E';
      s[kResPrefix.size() + 1] = 'S';
    }
    const size_t open = s.find('('), close = s.find(')');
    if (open != std::string::npos && close != std::string::npos && open < close) {
      for (size_t i = open + 1; i < close; ++i) s[i] = AsciiUpper(s[i]);
    }
  }
  return ParseTrimmed(s);
}

std::string NormalizeSymbol(std::string_view text) {
  if (auto sym = ParseSymbolArg(text)) return sym->ToString();
  std::string s(text);
  if (StartsWithNoCase(s, kResPrefix)) s.replace(0, kResPrefix.size(), kResPrefix);
  return s;
}

std::string ShortSymbol(std::string_view symbol) {
  if (symbol.starts_with(kResPrefix)) return std::string(symbol.substr(kResPrefix.size()));
  return std::string(symbol);
}

// ---- Symbols in running text --------------------------------------------------------------

std::optional<SymbolInText> ReadResolutionSymbol(std::string_view text, size_t pos,
                                                 SymbolForm form) {
  if (pos >= text.size()) return std::nullopt;
  if (form == SymbolForm::kShort) return ReadResolutionBody(text, pos, /*stray_space=*/false);
  if (!text.substr(pos).starts_with(kResPrefix)) return std::nullopt;
  return ReadResolutionBody(text, pos + kResPrefix.size(), /*stray_space=*/true);
}

// ---- File names ---------------------------------------------------------------------------

std::optional<Symbol> SymbolFromFileName(std::string_view path) {
  std::string_view name = path.substr(path.find_last_of('/') + 1);
  // Tags and extensions: trailing ".x" parts that start with a letter (".ods", ".txt").
  for (size_t dot = name.rfind('.');
       dot != std::string_view::npos && dot + 1 < name.size() && IsAsciiAlpha(name[dot + 1]);
       dot = name.rfind('.')) {
    name = name.substr(0, dot);
  }
  std::string text;
  if (name.starts_with("A_")) {
    // The UN's PDF names: "A_RES_73_3-EN"; the language tag goes, '_' is '/'.
    if (name.size() > 3 && name[name.size() - 3] == '-' && IsAsciiUpper(name[name.size() - 2]) &&
        IsAsciiUpper(name[name.size() - 1])) {
      name.remove_suffix(3);
    }
    text = std::string(name);
    for (char& c : text) c = c == '_' ? '/' : c;
  } else if (name.starts_with("A-")) {
    // The corpus convention: '-' is '/', except in "ES-11".
    text = std::string(name);
    for (char& c : text) c = c == '-' ? '/' : c;
    if (std::string_view(text).substr(kResPrefix.size()).starts_with("ES/") &&
        text.starts_with(kResPrefix)) {
      text[kResPrefix.size() + 2] = '-';
    } else if (text.starts_with("A/ES/")) {  // a draft of an emergency session: "A-ES-11-L.1"
      text[4] = '-';
    }
  } else {
    return std::nullopt;
  }
  auto sym = ParseTrimmed(text);
  if (!sym || text != Trim(text) || (!sym->IsResolution() && !sym->IsDraft())) return std::nullopt;
  return sym;
}

std::string SymbolFileStem(std::string_view symbol) {
  std::string out(symbol);
  for (char& c : out) c = c == '/' ? '-' : c;
  return out;
}

}  // namespace recital

// UN document symbols: the one grammar by which Recital reads, normalises and writes them.
//
// General Assembly symbols:
//   A/RES/54/144           resolution 144 of the 54th session (sessions 31 on, 1976-)
//   A/RES/2957(XXVII)      resolution 2957, adopted at the 27th session (sessions 1-30 numbered
//                          resolutions across sessions and wrote the session in Roman numerals)
//   A/RES/ES-11/1          resolution 1 of the 11th emergency special session
//   A/RES/54/144/Corr.1    a corrigendum (also Rev.N, Add.N) of a resolution
//   A/61/L.27              any other Assembly document: a draft resolution (an "L." document),
//                          a report (A/54/600), a committee draft (A/C.3/54/L.50), an addendum
//                          (A/54/12/Add.1)
// Short forms, as resolutions cite each other and people type them: "54/144", "2957 (XXVII)",
// "ES-11/1". File names: the corpus convention "A-RES-54-144.ods.txt" ('/' written '-', then
// dot-separated tags) and the UN's PDF names "A_RES_78_7.pdf", "A_RES_73_3-EN.pdf" ('/'
// written '_', an optional language tag).
//
// Canonical text (Symbol::ToString) is what records, indexes and outputs use: upper-case
// "A/RES/", numbers without leading zeros, no spaces, the Roman session in upper case.
// Everything here is ASCII-only and pure; call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recital {

// ---- Roman numerals (the session of an old-style resolution symbol) -----------------------

// The letters Roman session numerals use: I, V, X, L, C (sessions up to 399).
constexpr bool IsRomanNumeralChar(char c) {
  return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C';
}
// "XXVII" -> 27. 0 unless s is a Roman numeral in its one canonical form, upper case:
// "IIX", "VV", "IIII", "xxvii" and "" all give 0.
uint32_t RomanToInt(std::string_view s);
// 27 -> "XXVII"; "" for 0 and for numbers above 399.
std::string IntToRoman(uint32_t n);

// ---- Session ordinals ("Fifty-fourth session") --------------------------------------------

// 54 -> "fifty-fourth", 100 -> "one hundredth", 101 -> "one hundred and first" (1-999); from
// 1000 on, digits and suffix ("1001st"). "" for 0.
std::string SessionOrdinal(uint32_t session);
// "Fifty-fourth" / "fifty-fourth" / "FIFTY-FOURTH" -> 54, for 1-99; 0 when words is not such
// an ordinal (including "one hundredth": no release of a session past 99 exists yet).
uint32_t SessionFromOrdinal(std::string_view words);

// ---- Symbols ------------------------------------------------------------------------------

enum class SymbolKind : uint8_t {
  kResolution,           // A/RES/54/144
  kOldResolution,        // A/RES/2957(XXVII)
  kEmergencyResolution,  // A/RES/ES-11/1
  kDocument,             // any other A/ symbol: A/54/600, A/61/L.27, A/C.3/54/L.50
};

struct Symbol {
  SymbolKind kind = SymbolKind::kDocument;
  // Regular session: 54 (A/RES/54/144), 27 (A/RES/2957(XXVII)), 61 (A/61/L.27); 0 when the
  // symbol gives none (emergency special sessions, A/C.3/54/L.50, A/INF/...).
  uint32_t session = 0;
  uint32_t emergency_session = 0;  // kEmergencyResolution: 11 for A/RES/ES-11/1
  uint32_t number = 0;             // resolutions: 144, 2957, 1; 0 for documents
  // kDocument: everything after "A/", as written ("61/L.27", "54/12/Add.1").
  std::string document;
  // Resolutions: a corrigendum, revision or addendum ("Corr.1", "Rev.1/Corr.2"); "" for the
  // resolution itself.
  std::string suffix;

  bool IsResolution() const { return kind != SymbolKind::kDocument; }
  // A document whose last part is an "L." number: A/61/L.27, A/C.3/54/L.50 (drafts are
  // "limited" documents).
  bool IsDraft() const;
  // Canonical text: "A/RES/54/144", "A/RES/2957(XXVII)", "A/RES/ES-11/1",
  // "A/RES/54/144/Corr.1", "A/61/L.27".
  std::string ToString() const;
  bool operator==(const Symbol&) const = default;
};

// Resolutions by their parts (no suffix). Numbers are not checked: the caller read them.
Symbol ResolutionSymbol(uint32_t session, uint32_t number);              // A/RES/54/144
Symbol OldResolutionSymbol(uint32_t number, uint32_t roman_session);     // A/RES/2957(XXVII)
Symbol EmergencyResolutionSymbol(uint32_t emergency_session, uint32_t number);  // A/RES/ES-11/1

// Parses a whole symbol; ASCII spaces around it are ignored, one space before the "(" of a
// Roman session is allowed ("A/RES/2957 (XXVII)"), nothing else is. Numbers are 1-6 digits
// and not 0; a Roman session must be canonical (RomanToInt). A document is "A/" and parts of
// ASCII letters, digits, '.' and '-' separated by single '/', with at least one digit.
// Upper-case "A/" and "RES/" only (see ParseSymbolArg for what people type).
// nullopt when text is not a symbol.
std::optional<Symbol> ParseSymbol(std::string_view text);

// What a person types for a symbol: anything ParseSymbol reads, with the "A/" and "RES/"
// prefixes and the Roman session in any case ("a/res/54/144", "2957(xxvii)"), or a short
// resolution form without "A/RES/": "54/144", "2957(XXVII)", "2957 (XXVII)", "ES-11/1".
std::optional<Symbol> ParseSymbolArg(std::string_view text);
// The canonical symbol of what a person typed when ParseSymbolArg reads it; otherwise the
// text itself, with an "a/res/" prefix in any case written "A/RES/" (so a lookup fails with the
// user's own spelling in its message).
std::string NormalizeSymbol(std::string_view text);
// "A/RES/54/144" -> "54/144", "A/RES/2957(XXVII)" -> "2957(XXVII)": a symbol without its
// "A/RES/" prefix; any other text unchanged.
std::string ShortSymbol(std::string_view symbol);

// ---- Symbols in running text --------------------------------------------------------------

enum class SymbolForm : uint8_t {
  // "A/RES/54/144", "A/RES/2957(XXVII)", "A/RES/2957 (XXVII)", "A/RES/ES-11/1"; one stray
  // space after the last slash is read too ("A/RES/74/ 268"), as text extraction leaves it.
  kFull,
  // The same without "A/RES/", no stray space: "54/144", "2957 (XXVII)", "ES-11/1".
  kShort,
};

struct SymbolInText {
  Symbol symbol;     // a resolution, no suffix
  size_t end = 0;    // offset just past the symbol in the text
};

// Reads a resolution symbol that starts exactly at text[pos] (numbers and Roman numerals as
// ParseSymbol). What comes before pos and after the symbol is the caller's to judge (whether
// "/Add.1" or a letter may follow, whether a digit may precede). nullopt when none starts there
// or pos is past the end.
std::optional<SymbolInText> ReadResolutionSymbol(std::string_view text, size_t pos,
                                                 SymbolForm form);

// ---- File names ---------------------------------------------------------------------------

// The resolution or draft a file name spells, or nullopt: "A-RES-54-144.ods.txt",
// "A-RES-2957(XXVII).unhcr.txt", "A-RES-ES-11-1.txt", "A-61-L.27.stategov.txt" (trailing
// dot-separated parts that start with a letter are tags and extensions, dropped), and
// "A_RES_78_7.pdf", "A_RES_73_3-EN.pdf" (an optional two-letter language tag). Directories in
// path are ignored. Other documents ("A-54-600.txt") give nullopt: a name is taken as a symbol
// only in the shapes releases are named by.
std::optional<Symbol> SymbolFromFileName(std::string_view path);
// The corpus file-name stem of a symbol: "A/RES/54/144" -> "A-RES-54-144" ('/' -> '-').
std::string SymbolFileStem(std::string_view symbol);

}  // namespace recital

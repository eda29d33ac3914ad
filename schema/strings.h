// Small ASCII string helpers every module shares (what C++20's <string_view> lacks).
//
// ASCII only, on purpose: every structural token Recital looks for (digits, symbols, lead
// phrases, tags) is ASCII, and no byte of a multi-byte UTF-8 sequence (0x80-0xFF) is classed
// as an ASCII space, digit or letter, nor changed by the case functions; so all of these are
// safe on UTF-8 text of any language and never split or alter a non-ASCII character.
// Independent of the C locale (unlike <cctype>). Pure functions; call from any thread.
// For prefixes and suffixes use C++20's s.starts_with(p) / s.ends_with(p).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace recital {

namespace strings_internal {
enum : uint8_t { kSpace = 1, kDigit = 2, kUpper = 4, kLower = 8 };
// Table-driven: the ingest scanners classify every byte of a release.
inline constexpr std::array<uint8_t, 256> kClasses = [] {
  std::array<uint8_t, 256> t{};
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<unsigned char>(c)] = kSpace;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = kDigit;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = kUpper;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = kLower;
  return t;
}();
constexpr bool Has(char c, uint8_t classes) {
  return (kClasses[static_cast<unsigned char>(c)] & classes) != 0;
}
}  // namespace strings_internal

// ' ', '\t', '\n', '\r', '\f', '\v'.
constexpr bool IsAsciiSpace(char c) { return strings_internal::Has(c, strings_internal::kSpace); }
// '0'-'9'.
constexpr bool IsAsciiDigit(char c) { return strings_internal::Has(c, strings_internal::kDigit); }
constexpr bool IsAsciiUpper(char c) { return strings_internal::Has(c, strings_internal::kUpper); }
constexpr bool IsAsciiLower(char c) { return strings_internal::Has(c, strings_internal::kLower); }
constexpr bool IsAsciiAlpha(char c) {
  return strings_internal::Has(c, strings_internal::kUpper | strings_internal::kLower);
}
constexpr bool IsAsciiAlnum(char c) {
  return strings_internal::Has(c, strings_internal::kUpper | strings_internal::kLower |
                                      strings_internal::kDigit);
}
// A byte of a word: an ASCII letter or digit, or any byte >= 0x80 (part of a non-ASCII
// character, taken as a letter so that words of every UN language stay whole).
constexpr bool IsWordByte(char c) { return IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

// 'A'-'Z' -> 'a'-'z' (and back); every other byte unchanged.
constexpr char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char AsciiUpper(char c) { return IsAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
// The string with its ASCII letters lower- (upper-) cased; other bytes unchanged.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);

// s without leading and trailing ASCII spaces (IsAsciiSpace). A view into s.
std::string_view Trim(std::string_view s);

// True when s starts with prefix, ASCII letters compared case-insensitively.
bool StartsWithNoCase(std::string_view s, std::string_view prefix);
// True when a and b are equal, ASCII letters compared case-insensitively.
bool EqualsNoCase(std::string_view a, std::string_view b);

// True when s is non-empty and holds only '0'-'9'.
bool AllAsciiDigits(std::string_view s);

}  // namespace recital

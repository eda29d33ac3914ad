// The five UN languages other than English: what the parser needs to know of each (the enacting
// formula, dates, session ordinals, cover words, lead phrases). Not a public header: only
// ingest/*.cc and tests/ingest include it.
//
// English keeps its own scanners (cover.cc, leads.cc, text.cc) untouched: every function here
// is only called for a text whose language (DetectLanguage) is French, Spanish, Russian,
// Chinese or Arabic; UsesEnglishRules() says which path a stage takes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest_internal.h"

namespace recital::ingest {

// ---- lang_text.cc: code points ----
// The code point at s[i] and its length in bytes (*len); U+FFFD and 1 on a broken sequence,
// 0 and 0 at or past the end.
uint32_t CodePointAt(std::string_view s, size_t i, size_t* len = nullptr);
// The code point that ends just before s[i] (its start in *start); 0 at the beginning.
uint32_t CodePointBefore(std::string_view s, size_t i, size_t* start = nullptr);
bool IsHan(uint32_t cp);        // CJK ideographs (unified, extension A, compatibility)
bool IsArabicLetter(uint32_t cp);
bool IsCyrillic(uint32_t cp);
bool IsLetter(uint32_t cp);     // Unicode category L*
bool IsUpperLetter(uint32_t cp);
bool IsLowerLetter(uint32_t cp);
uint32_t LowerCodePoint(uint32_t cp);
// A letter, a digit, or a combining mark: part of a word (for word-boundary checks).
bool IsWordCodePoint(uint32_t cp);
// Paragraph-ending punctuation of any of the six languages: , ; : . and their full-width
// (，；：。) and Arabic (، ؛) forms. s without trailing spaces; false when empty.
bool EndsWithParagraphPunctuation(std::string_view s);
// The text with the Cyrillic letters that look like Latin ones in document symbols (А В С Е
// Н К М О Р Т Х) written in Latin: "А/56/530" -> "A/56/530".
std::string LatinizeSymbolLetters(std::string_view s);

// cp lower-cased, with the apostrophes ’ ‘ ʼ as ' and the Traditional Chinese characters of the
// cover and lead vocabularies as their Simplified forms (one code point each way).
uint32_t FoldCodePoint(uint32_t cp);
// phrase (written lower-case, with ' and Simplified characters) at t[pos], compared code point
// by code point with t folded (FoldCodePoint; one space in phrase matches one space): the
// bytes of t it covers, 0 when it does not match there.
size_t MatchFoldedAt(std::string_view t, size_t pos, std::string_view phrase);
// MatchFoldedAt, and the match ends at a word boundary (what follows is no letter or digit)
// unless phrase ends in a Han character (Chinese has no spaces between words).
size_t MatchWordsAt(std::string_view t, size_t pos, std::string_view phrase);
// The first position at or after from where MatchWordsAt(t, p, phrase) matches and p starts a
// word (p == 0 or a non-word character before it; any position for Chinese phrases); npos.
size_t FindWords(std::string_view t, std::string_view phrase, size_t from = 0, size_t* len = nullptr);

// ---- lang_dates.cc: dates ----
// A date of lang's own form at s[pos] -> "YYYY-MM-DD" (*end past it); "" when none starts
// there. fr "5 juillet 2018", "1er février 1946"; es "14 de febrero de 2002", "1° de febrero de
// 1946"; ru "9 декабря 1991 года"; zh "1993年12月16日"; ar "6 كانون الأول/ديسمبر 2006". English
// dates ("17 December 1999") are read in every language: covers carry them.
std::string ParseDateAtLang(std::string_view s, size_t pos, size_t* end, Lang lang);
// The first date (lang's form or English) at or after from; *at receives its position.
std::string FindDateLang(std::string_view s, Lang lang, size_t from = 0, size_t* at = nullptr);
// True when the whole (trimmed) line is one date.
bool IsDateLine(std::string_view trimmed, Lang lang);

// ---- lang_words.cc: fixed wording of each language ----
// "L'Assemblée générale," / "La Asamblea General," / "Генеральная Ассамблея," / "大会," /
// "إن الجمعية العامة،" at the start of t: the length through its comma (or through the formula
// when the line holds nothing else, as Chinese pages print "大会" alone), else 0.
size_t IntlOpeningLength(std::string_view t, Lang lang);
// The enacting formula as the language writes it, for messages.
std::string_view OpeningFormula(Lang lang);
// A session ordinal in words at the start of s ("Cinquante-cinquième", "Quincuagésimo quinto",
// "Шестьдесят первая", "五十" (after 第), "الحادية والستون") -> 55, 55, 61, 50, 61; 0 when none. *len
// receives the bytes read.
uint32_t SessionOrdinalAt(std::string_view s, Lang lang, size_t* len);
// The plenary meeting line at the end of a resolution ("67e séance plénière", "83a. sesión
// plenaria", "83-е пленарное заседание", "第45次全体会议", "الجلسة العامة 67"): its meeting number,
// 0 when t is not one.
uint32_t PlenaryMeetingLine(std::string_view t, Lang lang);
// A meeting number written anywhere in s ("Séance plénière: 67ème", "الجلسة العامة 67"); 0 if none.
uint32_t FindMeetingNumber(std::string_view s, Lang lang);
// The words of the cover and of paragraph starts that mark drafts: "projet de résolution",
// "проект резолюции", "决议草案", "مشروع قرار", ...; "decision" for draft decisions.
std::string DraftKind(std::string_view flat_cover, Lang lang);
// Canonical English committee names from the committee phrase of a cover:
// "[sur le rapport de la Troisième Commission (A/55/598)]" -> "Third Committee", report
// "A/55/598"; "sans renvoi à une grande commission" -> "without reference to a Main Committee".
void ParseIntlCommittee(std::string_view flat, Lang lang, std::string* committee,
                        std::string* report, std::vector<std::string>* documents);
// "Point 110 de l'ordre du jour", "Tema 175 del programa", "Пункт 114 повестки дня",
// "议程项目84", "البند 7 من جدول الأعمال" -> {"110"}.
std::vector<std::string> ParseIntlAgenda(std::string_view flat, Lang lang);

// ---- lang_leads.cc ----
// MatchKnownLead / MatchLead of a language other than English (see leads.cc for English):
// the table of known lead phrases of lang, longest match, with the modifiers drafting adds
// (fr "également", "avec satisfaction"; es "también"; ru "также", "с удовлетворением";
// zh 又/还/并 before the verb; ar وإذ before the verb, أيضا after it); then, for MatchLeadLang,
// the rule for unknown ones (fr -ant, es -ando/-iendo, ru a lower-case -я/-в participle for
// the preamble and a capitalised third person for operative paragraphs, ar إذ/وإذ + verb,
// zh a modifier and a two-character verb).
LeadMatch MatchKnownLeadLang(std::string_view text, Lang lang);
LeadMatch MatchLeadLang(std::string_view text, Lang lang);

// ---- lang_citations.cc ----
// The resolutions a paragraph text of lang cites, with their dates where given (see the file
// for the forms). The caller merges them into the record (ExtractCitations).
std::vector<Citation> ScanIntlCitations(std::string_view text, Lang lang);

// ---- lang_cover.cc ----
// ParseCover for lang (not English): symbol, session, title, agenda, committee and report,
// distribution date, adoption meeting and date. Same contract as ParseCover.
bool ParseIntlCover(const Regions& regions, std::string_view raw_text, Lang lang, Resolution* r);
// Bilingual alignment pages print each English segment with its translation glued after it
// on the same line ("The General Assembly,إن الجمعية العامة،"). When most lines of text do,
// returns the text with only the lang side of each line (lang: Arabic, Russian or Chinese,
// the scripts that can be told from English by their letters) and sets *bitext.
std::string KeepBitextSide(std::string_view text, Lang lang, bool* bitext);

}  // namespace recital::ingest

// The symbol grammar (schema/symbol.h). Every expected value is written by hand from the UN's
// symbol conventions, not taken from the program's output.
#include "schema/symbol.h"

#include <gtest/gtest.h>

namespace recital {
namespace {

TEST(RomanTest, CanonicalNumeralsOnly) {
  EXPECT_EQ(RomanToInt("I"), 1u);
  EXPECT_EQ(RomanToInt("IV"), 4u);
  EXPECT_EQ(RomanToInt("IX"), 9u);
  EXPECT_EQ(RomanToInt("XIV"), 14u);
  EXPECT_EQ(RomanToInt("XXVII"), 27u);
  EXPECT_EQ(RomanToInt("XXVIII"), 28u);
  EXPECT_EQ(RomanToInt("XXX"), 30u);
  EXPECT_EQ(RomanToInt("XLIII"), 43u);  // ECOSOC sessions went on in Roman numerals
  EXPECT_EQ(RomanToInt("XCIX"), 99u);
  EXPECT_EQ(RomanToInt("CCCXCIX"), 399u);
  for (std::string_view bad : {"", "IIX", "VV", "IIII", "IL", "VX", "xxvii", "XXVIIA", "M", "CD"}) {
    EXPECT_EQ(RomanToInt(bad), 0u) << bad;
  }
}

TEST(RomanTest, IntToRomanIsTheInverse) {
  EXPECT_EQ(IntToRoman(27), "XXVII");
  EXPECT_EQ(IntToRoman(4), "IV");
  EXPECT_EQ(IntToRoman(49), "XLIX");
  EXPECT_EQ(IntToRoman(0), "");
  EXPECT_EQ(IntToRoman(400), "");
  for (uint32_t n = 1; n <= 399; ++n) EXPECT_EQ(RomanToInt(IntToRoman(n)), n) << n;
}

TEST(SessionOrdinalTest, WordsBothWays) {
  EXPECT_EQ(SessionOrdinal(1), "first");
  EXPECT_EQ(SessionOrdinal(12), "twelfth");
  EXPECT_EQ(SessionOrdinal(50), "fiftieth");
  EXPECT_EQ(SessionOrdinal(54), "fifty-fourth");
  EXPECT_EQ(SessionOrdinal(100), "one hundredth");
  EXPECT_EQ(SessionOrdinal(101), "one hundred and first");
  EXPECT_EQ(SessionOrdinal(223), "two hundred and twenty-third");
  EXPECT_EQ(SessionOrdinal(1001), "1001st");
  EXPECT_EQ(SessionOrdinal(0), "");
  EXPECT_EQ(SessionFromOrdinal("Fifty-fourth"), 54u);
  EXPECT_EQ(SessionFromOrdinal("FIFTIETH"), 50u);
  EXPECT_EQ(SessionFromOrdinal("eleventh"), 11u);
  EXPECT_EQ(SessionFromOrdinal("fifty"), 0u);
  EXPECT_EQ(SessionFromOrdinal("Fifty-fourth session"), 0u);
  for (uint32_t n = 1; n < 100; ++n) EXPECT_EQ(SessionFromOrdinal(SessionOrdinal(n)), n) << n;
}

TEST(SymbolTest, ParsesEachFormIntoItsParts) {
  auto modern = ParseSymbol("A/RES/54/144");
  ASSERT_TRUE(modern);
  EXPECT_EQ(modern->kind, SymbolKind::kResolution);
  EXPECT_EQ(modern->session, 54u);
  EXPECT_EQ(modern->number, 144u);
  EXPECT_TRUE(modern->IsResolution());

  auto old = ParseSymbol("A/RES/2957(XXVII)");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->kind, SymbolKind::kOldResolution);
  EXPECT_EQ(old->session, 27u);
  EXPECT_EQ(old->number, 2957u);

  auto emergency = ParseSymbol("A/RES/ES-11/1");
  ASSERT_TRUE(emergency);
  EXPECT_EQ(emergency->kind, SymbolKind::kEmergencyResolution);
  EXPECT_EQ(emergency->emergency_session, 11u);
  EXPECT_EQ(emergency->session, 0u);
  EXPECT_EQ(emergency->number, 1u);

  auto corrigendum = ParseSymbol("A/RES/54/144/Corr.1");
  ASSERT_TRUE(corrigendum);
  EXPECT_EQ(corrigendum->number, 144u);
  EXPECT_EQ(corrigendum->suffix, "Corr.1");

  auto draft = ParseSymbol("A/61/L.27");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->kind, SymbolKind::kDocument);
  EXPECT_EQ(draft->session, 61u);
  EXPECT_EQ(draft->number, 0u);
  EXPECT_EQ(draft->document, "61/L.27");
  EXPECT_TRUE(draft->IsDraft());
  EXPECT_FALSE(draft->IsResolution());

  auto committee_draft = ParseSymbol("A/C.3/54/L.50/Rev.1");
  ASSERT_TRUE(committee_draft);
  EXPECT_TRUE(committee_draft->IsDraft());
  EXPECT_EQ(committee_draft->session, 0u);  // "C.3" comes first: the symbol names no session there

  auto report = ParseSymbol("A/54/600");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->session, 54u);
  EXPECT_FALSE(report->IsDraft());
  auto addendum = ParseSymbol("A/51/12/Add.1");
  ASSERT_TRUE(addendum);
  EXPECT_FALSE(addendum->IsDraft());
}

TEST(SymbolTest, CanonicalTextRoundTrips) {
  for (std::string_view s : {"A/RES/54/144", "A/RES/2957(XXVII)", "A/RES/ES-11/1",
                             "A/RES/54/144/Corr.1", "A/RES/48/113/Rev.1/Corr.2", "A/61/L.27",
                             "A/C.3/54/L.50", "A/51/12/Add.1"}) {
    auto sym = ParseSymbol(s);
    ASSERT_TRUE(sym) << s;
    EXPECT_EQ(sym->ToString(), s);
  }
  EXPECT_EQ(ParseSymbol("A/RES/054/0144")->ToString(), "A/RES/54/144");
  EXPECT_EQ(ParseSymbol("  A/RES/2957 (XXVII) ")->ToString(), "A/RES/2957(XXVII)");
  EXPECT_EQ(ResolutionSymbol(54, 144).ToString(), "A/RES/54/144");
  EXPECT_EQ(OldResolutionSymbol(2957, 27).ToString(), "A/RES/2957(XXVII)");
  EXPECT_EQ(EmergencyResolutionSymbol(10, 19).ToString(), "A/RES/ES-10/19");
}

TEST(SymbolTest, RejectsWhatIsNotASymbol) {
  for (std::string_view bad :
       {"", "A/RES/", "A/RES/54", "A/RES/54/", "A/RES/54/0", "A/RES/0/144", "A/RES/54/144x",
        "A/RES/54/ 144", "A/RES/2957(IIX)", "A/RES/2957(xxvii)", "A/RES/2957()", "a/res/54/144",
        "54/144", "A/RES/1234567/1", "A/RES/54/144/Corr", "A/RES/54/144//Corr.1", "A/RES/ES-/1",
        "A/", "A/INF", "A//54", "A/54 /600", "S/RES/242(1967)", "E/RES/1995/55"}) {
    EXPECT_FALSE(ParseSymbol(bad)) << "'" << bad << "'";
  }
}

TEST(SymbolArgTest, WhatPeopleTypeBecomesTheCanonicalSymbol) {
  EXPECT_EQ(NormalizeSymbol("54/144"), "A/RES/54/144");
  EXPECT_EQ(NormalizeSymbol("A/RES/54/144"), "A/RES/54/144");
  EXPECT_EQ(NormalizeSymbol("a/res/54/144"), "A/RES/54/144");
  EXPECT_EQ(NormalizeSymbol("2957(XXVII)"), "A/RES/2957(XXVII)");
  EXPECT_EQ(NormalizeSymbol("2957 (xxvii)"), "A/RES/2957(XXVII)");
  EXPECT_EQ(NormalizeSymbol("es-11/1"), "A/RES/ES-11/1");
  EXPECT_EQ(NormalizeSymbol("a/res/es-11/1"), "A/RES/ES-11/1");
  EXPECT_EQ(NormalizeSymbol("a/61/L.27"), "A/61/L.27");
  EXPECT_EQ(NormalizeSymbol(" 054/144 "), "A/RES/54/144");
  // Not a symbol: the text as typed (an "a/res/" prefix upper-cased), for the error message.
  EXPECT_EQ(NormalizeSymbol("a/res/nonsense"), "A/RES/nonsense");
  EXPECT_EQ(NormalizeSymbol("99/0"), "99/0");
  EXPECT_EQ(NormalizeSymbol("cis-conference"), "cis-conference");
  EXPECT_FALSE(ParseSymbolArg("144"));
  EXPECT_EQ(ShortSymbol("A/RES/54/144"), "54/144");
  EXPECT_EQ(ShortSymbol("A/RES/2957(XXVII)"), "2957(XXVII)");
  EXPECT_EQ(ShortSymbol("A/61/L.27"), "A/61/L.27");
}

TEST(SymbolInTextTest, ReadsFullAndShortFormsWhereTheyStart) {
  const std::string_view text = "see A/RES/2957 (XXVII) and A/RES/74/ 268; 48/113 of 1993";
  auto old = ReadResolutionSymbol(text, 4, SymbolForm::kFull);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->symbol.ToString(), "A/RES/2957(XXVII)");
  EXPECT_EQ(text.substr(old->end, 4), " and");
  auto stray = ReadResolutionSymbol(text, 27, SymbolForm::kFull);
  ASSERT_TRUE(stray);
  EXPECT_EQ(stray->symbol.ToString(), "A/RES/74/268");
  EXPECT_EQ(text[stray->end], ';');
  auto cited = ReadResolutionSymbol(text, 42, SymbolForm::kShort);
  ASSERT_TRUE(cited);
  EXPECT_EQ(cited->symbol.ToString(), "A/RES/48/113");
  EXPECT_EQ(text.substr(cited->end), " of 1993");
  EXPECT_FALSE(ReadResolutionSymbol(text, 0, SymbolForm::kFull));   // "see"
  EXPECT_FALSE(ReadResolutionSymbol(text, 43, SymbolForm::kFull));  // "8/113": no A/RES/
  EXPECT_FALSE(ReadResolutionSymbol(text, 999, SymbolForm::kShort));
  EXPECT_FALSE(ReadResolutionSymbol("48/ 113", 0, SymbolForm::kShort));  // no stray space here
  EXPECT_FALSE(ReadResolutionSymbol("A/RES/53/ Page", 0, SymbolForm::kFull));
  auto es = ReadResolutionSymbol("ES-10/19 of", 0, SymbolForm::kShort);
  ASSERT_TRUE(es);
  EXPECT_EQ(es->symbol.ToString(), "A/RES/ES-10/19");
  // What follows is the caller's: "54/12/Add.1" reads "54/12" and stops at the slash.
  auto document = ReadResolutionSymbol("54/12/Add.1", 0, SymbolForm::kShort);
  ASSERT_TRUE(document);
  EXPECT_EQ(document->end, 5u);
}

TEST(SymbolFileNameTest, CorpusAndPdfConventions) {
  auto name = [](std::string_view path) {
    auto s = SymbolFromFileName(path);
    return s ? s->ToString() : std::string("-");
  };
  EXPECT_EQ(name("A-RES-54-144.ods.txt"), "A/RES/54/144");
  EXPECT_EQ(name("releases/A-RES-2957(XXVII).unhcr.txt"), "A/RES/2957(XXVII)");
  EXPECT_EQ(name("A-RES-3143(XXVIII).refworld.txt"), "A/RES/3143(XXVIII)");
  EXPECT_EQ(name("A-61-L.27.stategov.txt"), "A/61/L.27");
  EXPECT_EQ(name("A-ES-11-L.1.fr.reliefweb.txt"), "A/ES-11/L.1");  // draft, emergency session
  EXPECT_EQ(name("A-RES-ES-11-1.txt"), "A/RES/ES-11/1");
  EXPECT_EQ(name("A_RES_78_7.pdf"), "A/RES/78/7");
  EXPECT_EQ(name("/tmp/pdf/A_RES_73_3-EN.pdf"), "A/RES/73/3");
  EXPECT_EQ(name("A_RES_ES-11_1-FR.pdf"), "A/RES/ES-11/1");
  EXPECT_EQ(name("A-RES-54-144-Corr.1.txt"), "A/RES/54/144/Corr.1");
  EXPECT_EQ(name("A-54-600.txt"), "-");        // a report: not a name releases are given
  EXPECT_EQ(name("ares51-70.htm"), "-");
  EXPECT_EQ(name("A-RES-54.txt"), "-");
  EXPECT_EQ(name("notes.txt"), "-");
  EXPECT_EQ(name("A-RES-54-144 (1).txt"), "-");
  auto session = SymbolFromFileName("A-RES-3143(XXVIII).refworld.txt");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->session, 28u);
  EXPECT_EQ(session->number, 3143u);
  EXPECT_EQ(SymbolFileStem("A/RES/54/144"), "A-RES-54-144");
  EXPECT_EQ(SymbolFileStem("A/RES/ES-11/1"), "A-RES-ES-11-1");
  EXPECT_EQ(name(SymbolFileStem("A/RES/2957(XXVII)") + ".x.txt"), "A/RES/2957(XXVII)");
}

}  // namespace
}  // namespace recital

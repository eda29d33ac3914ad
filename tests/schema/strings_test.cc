// ASCII string helpers (schema/strings.h): ASCII only, UTF-8 bytes left alone.
#include "schema/strings.h"

#include <gtest/gtest.h>

namespace recital {
namespace {

TEST(StringsTest, ClassesAreAsciiOnly) {
  EXPECT_TRUE(IsAsciiDigit('0'));
  EXPECT_TRUE(IsAsciiDigit('9'));
  EXPECT_FALSE(IsAsciiDigit('a'));
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) EXPECT_TRUE(IsAsciiSpace(c)) << int(c);
  EXPECT_TRUE(IsAsciiAlpha('q'));
  EXPECT_TRUE(IsAsciiUpper('Q'));
  EXPECT_FALSE(IsAsciiUpper('q'));
  EXPECT_TRUE(IsAsciiAlnum('7'));
  // "é" is 0xC3 0xA9: no ASCII class, but a word byte.
  const std::string e_acute = "\xC3\xA9";
  for (char c : e_acute) {
    EXPECT_FALSE(IsAsciiAlpha(c));
    EXPECT_FALSE(IsAsciiSpace(c));
    EXPECT_FALSE(IsAsciiDigit(c));
    EXPECT_TRUE(IsWordByte(c));
  }
  EXPECT_FALSE(IsWordByte('-'));
  EXPECT_TRUE(IsWordByte('x'));
}

TEST(StringsTest, CaseChangesAsciiLettersOnly) {
  EXPECT_EQ(AsciiLower("Résolution ADOPTÉE 54/144"), "résolution adoptÉe 54/144");
  EXPECT_EQ(AsciiUpper("a/res/54/144"), "A/RES/54/144");
  EXPECT_EQ(AsciiLower('Q'), 'q');
  EXPECT_EQ(AsciiUpper('1'), '1');
  EXPECT_TRUE(StartsWithNoCase("RECALLING its resolution", "Recalling"));
  EXPECT_FALSE(StartsWithNoCase("Recall", "Recalling"));
  EXPECT_TRUE(EqualsNoCase("General Assembly", "GENERAL ASSEMBLY"));
  EXPECT_FALSE(EqualsNoCase("General Assembly", "General Assembl"));
}

TEST(StringsTest, TrimAndDigits) {
  EXPECT_EQ(Trim("\t 54/144 \f\n"), "54/144");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim("\xC2\xA0x"), "\xC2\xA0x");  // a no-break space is not ASCII whitespace
  EXPECT_TRUE(AllAsciiDigits("2957"));
  EXPECT_FALSE(AllAsciiDigits(""));
  EXPECT_FALSE(AllAsciiDigits("29 57"));
}

}  // namespace
}  // namespace recital

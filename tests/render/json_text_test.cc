// JsonText and JsonLine, through which all JSON output goes, write valid JSON whatever bytes
// the values hold (issue #14: a Latin-1 file name aborted every JSON output). Expected texts
// written by hand from the rule in render/render.h.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "render/render.h"

namespace recital {
namespace {

using nlohmann::json;

const std::string kFffd = "\xef\xbf\xbd";  // U+FFFD REPLACEMENT CHARACTER as UTF-8

TEST(JsonTextTest, InvalidBytesAreReplacedAndKeptPercentEncodedBesideThem) {
  json j = {{"file", "caf\xe9.txt"}, {"status", "added"}};
  EXPECT_EQ(render::JsonText(j), "{\n  \"file\": \"caf" + kFffd +
                                     ".txt\",\n  \"file_bytes\": \"caf%E9.txt\",\n"
                                     "  \"status\": \"added\"\n}\n");
  // Percent-decoding gives the bytes back: a '%' of the name is written %25 too.
  json k = {{"name", "100% \xff"}};
  EXPECT_EQ(render::JsonLine(k),
            "{\"name\":\"100% " + kFffd + "\",\"name_bytes\":\"100%25 %FF\"}\n");
}

TEST(JsonTextTest, ValidUtf8IsWrittenAsItIsWithNoExtraKey) {
  json j = {{"title", "Café € 𝄞 100%"}, {"n", 1}, {"list", {"a", "ü"}}};
  EXPECT_EQ(render::JsonLine(j), "{\"list\":[\"a\",\"ü\"],\"n\":1,\"title\":\"Café € 𝄞 100%\"}\n");
}

TEST(JsonTextTest, NestedObjectsAndListsAreRepairedWhereTheyAre) {
  json j = {{"versions", json::array({{{"source", "a\x80"}, {"version", 1}}})},
            {"symbols", {"A/RES/1/1", "b\xc0\xaf"}},
            {"deep", {{"list", json::array({json::array({"x\xfe"})})}}}};
  json fixed = json::parse(render::JsonText(j));  // parses: valid UTF-8
  EXPECT_EQ(fixed["versions"][0]["source"], "a" + kFffd);
  EXPECT_EQ(fixed["versions"][0]["source_bytes"], "a%80");
  // A list holding such a string gets the whole list, encoded, beside it.
  EXPECT_EQ(fixed["symbols"], json({"A/RES/1/1", "b" + kFffd + kFffd}));
  EXPECT_EQ(fixed["symbols_bytes"], json({"A/RES/1/1", "b%C0%AF"}));
  // A list in a list has no key to put the bytes beside: replaced only.
  EXPECT_EQ(fixed["deep"]["list"][0][0], "x" + kFffd);
  EXPECT_FALSE(fixed["deep"].contains("list_bytes"));
}

TEST(JsonTextTest, AnExistingBytesKeyIsLeftAlone) {
  json j = {{"file", "\xff"}, {"file_bytes", 7}};
  EXPECT_EQ(render::JsonLine(j), "{\"file\":\"" + kFffd + "\",\"file_bytes\":7}\n");
}

TEST(Utf8Test, OverlongSurrogateOutOfRangeAndCutSequencesAreInvalid) {
  EXPECT_TRUE(render::IsValidUtf8(""));
  EXPECT_TRUE(render::IsValidUtf8("plain ASCII"));
  EXPECT_TRUE(render::IsValidUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e"));  // é € 𝄞
  EXPECT_TRUE(render::IsValidUtf8("\xf4\x8f\xbf\xbf"));                      // U+10FFFF
  EXPECT_FALSE(render::IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(render::IsValidUtf8("\xe0\x80\xaf"));      // overlong, three bytes
  EXPECT_FALSE(render::IsValidUtf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(render::IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(render::IsValidUtf8("\xe2\x82"));          // cut short
  EXPECT_FALSE(render::IsValidUtf8("\x80"));              // a continuation byte alone
  EXPECT_FALSE(render::IsValidUtf8("\xe9t\xe9"));         // Latin-1
  // Each byte that starts no valid sequence becomes one U+FFFD; what follows is read again.
  EXPECT_EQ(render::JsonLine(json("\xe2\x82" "A")), "\"" + kFffd + kFffd + "A\"\n");
}

}  // namespace
}  // namespace recital

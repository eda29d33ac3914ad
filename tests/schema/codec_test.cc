#include <gtest/gtest.h>

#include <map>

#include "schema/schema.h"

namespace recital {
namespace {

TEST(HashTest, Xxh3_128MatchesDebianXxhsum) {
  // Expected values printed by Debian's `xxhsum -H2` (0.8.1) for the same bytes:
  //   printf 'The General Assembly,' | xxhsum -H2
  EXPECT_EQ(HashBytes("The General Assembly,").ToHex(), "36729859701b3935fcc80d68cf14e572");
  EXPECT_EQ(HashBytes("").ToHex(), "99aa06d3014798d86001c324468d497f");
}

TEST(HashTest, HexAndBytesRoundTrip) {
  Hash128 h = HashBytes("Recalling its resolution 53/123");
  Hash128 back;
  ASSERT_TRUE(Hash128::FromHex(h.ToHex(), &back));
  EXPECT_EQ(back, h);
  ASSERT_TRUE(Hash128::FromBytes(h.ToBytes(), &back));
  EXPECT_EQ(back, h);
  EXPECT_FALSE(Hash128::FromHex("zz", &back));
  EXPECT_FALSE(Hash128::FromBytes("short", &back));
}

Resolution SampleResolution() {
  Resolution r;
  r.symbol = "A/RES/54/144";
  r.session = 54;
  r.number = 144;
  r.title = "Follow-up to the Regional Conference";
  r.agenda_items = {"111"};
  r.committee = "Third Committee";
  r.report = "A/54/600";
  r.distribution_date = "2000-02-25";
  r.meeting = 83;
  r.adoption_date = "1999-12-17";
  Paragraph p1;
  p1.section = Section::kPreamble;
  p1.lead = "Recalling";
  p1.text = "Recalling its resolutions 48/113 of 20 December 1993,";
  p1.footnotes = {{1, 20}};
  Paragraph p2;
  p2.section = Section::kOperative;
  p2.number = "1";
  p2.lead = "Takes note";
  p2.text = "Takes note of the report of the Secretary-General;";
  p2.subparagraphs = {{"(a)", "to do this;", {{2, 3}}}, {"(b)", "to do that — déjà vu;", {}}};
  r.preamble = {p1};
  r.operative = {p2};
  r.footnotes = {{1, "A/54/286."}, {2, "Résolution 2200 A (XXI)."}};
  r.citations = {{"A/RES/48/113", "1993-12-20"}};
  r.documents = {"A/54/286"};
  r.language = "en";
  r.layout = "ods";
  r.parser_version = "test";
  r.raw_hash = HashBytes("raw");
  r.warnings = {"text ends mid-paragraph"};
  return r;
}

TEST(CodecTest, ResolutionRoundTripsThroughCapnp) {
  Resolution r = SampleResolution();
  std::map<Hash128, std::string> objects;
  for (const auto* list : {&r.preamble, &r.operative}) {
    for (const auto& p : *list) objects[WordingHash(p)] = EncodeParagraph(p);
  }
  std::string bytes = EncodeResolution(r);
  auto decoded = DecodeResolution(bytes, [&](const Hash128& h, Paragraph* p) {
    auto it = objects.find(h);
    if (it == objects.end()) return Status::NotFound(h.ToHex());
    return DecodeParagraph(it->second, p);
  });
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, r);
}

TEST(CodecTest, WordingHashIgnoresNumberAndFootnotes) {
  Paragraph a;
  a.section = Section::kOperative;
  a.number = "3";
  a.lead = "Urges";
  a.text = "Urges all States to act;";
  a.footnotes = {{4, 10}};
  Paragraph b = a;
  b.number = "5";
  b.footnotes = {{7, 10}};
  EXPECT_EQ(WordingHash(a), WordingHash(b));
  b.text = "Urges all States to act now;";
  EXPECT_NE(WordingHash(a), WordingHash(b));
}

TEST(CodecTest, GarbageIsCorruptionNotACrash) {
  auto loader = [](const Hash128&, Paragraph*) { return Status::Ok(); };
  for (std::string bad : {std::string(), std::string("abc"), std::string(8, '\xff'),
                          std::string(64, '\x01'), std::string(16, '\0')}) {
    auto r = DecodeResolution(bad, loader);
    if (!r.ok()) {
      EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
    }
    Paragraph p;
    Status st = DecodeParagraph(bad, &p);
    if (!st.ok()) {
      EXPECT_TRUE(st.IsCorruption()) << st.ToString();
    }
  }
  // A truncated real record must fail cleanly.
  std::string bytes = EncodeResolution(SampleResolution());
  auto r = DecodeResolution(bytes.substr(0, bytes.size() / 2 / 8 * 8), loader);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCorruption());
}

TEST(CodecTest, InlineRecordRoundTripsWithoutWordingObjects) {
  Resolution r = SampleResolution();
  std::string bytes = EncodeResolutionInline(r);
  auto decoded = DecodeResolution(bytes, nullptr);  // no loader: every wording is inside
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, r);
  // The hashes of the uses are the wording hashes, computed from the inline wordings.
  auto uses = ListParagraphUses(bytes);
  ASSERT_TRUE(uses.ok()) << uses.status().ToString();
  ASSERT_EQ(uses->size(), 2u);
  EXPECT_EQ((*uses)[0].hash, WordingHash(r.preamble[0]));
  EXPECT_EQ((*uses)[0].section, Section::kPreamble);
  EXPECT_EQ((*uses)[1].hash, WordingHash(r.operative[0]));
  EXPECT_EQ((*uses)[1].number, "1");
  // A hash-form record cannot be decoded without a loader: Corruption, not a crash.
  auto no_loader = DecodeResolution(EncodeResolution(r), nullptr);
  ASSERT_FALSE(no_loader.ok());
  EXPECT_TRUE(no_loader.status().IsCorruption());
}

// What makes format 4 small: a paragraph is encoded the same bytes whatever surrounds it, so a
// record compressed against last session's record finds every unchanged paragraph whole.
TEST(CodecTest, InlineParagraphBytesDoNotDependOnTheirNeighbours) {
  Resolution r = SampleResolution();
  Resolution longer = r;
  Paragraph added;
  added.section = Section::kPreamble;
  added.lead = "Noting";
  added.text = "Noting with appreciation a paragraph that makes every later offset move,";
  longer.preamble.insert(longer.preamble.begin(), added);
  longer.title += " and a longer title";
  std::string a = EncodeResolutionInline(r), b = EncodeResolutionInline(longer);
  // The operative paragraph with its sub-paragraphs, as r encodes it: find its text, widen to
  // the 8-byte words around it, and expect the same run of bytes in b.
  size_t at = a.find("Takes note of the report");
  ASSERT_NE(at, std::string::npos);
  size_t from = at / 8 * 8 - 64, to = std::min(a.size(), at + 160);
  std::string run = a.substr(from, to - from);
  EXPECT_NE(b.find(run), std::string::npos);
}

TEST(CodecTest, DamagedParagraphStreamIsCorruption) {
  std::string bytes = EncodeResolutionInline(SampleResolution());
  size_t at = bytes.find("Takes note of the report");
  ASSERT_NE(at, std::string::npos);
  for (size_t back : {8u, 16u, 24u, 40u, 64u}) {
    std::string bad = bytes;
    for (size_t i = at - back; i < at - back + 8; ++i) bad[i] = '\xff';
    auto r = DecodeResolution(bad, nullptr);
    if (!r.ok()) {
      EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
    }
    auto uses = ListParagraphUses(bad);
    if (!uses.ok()) {
      EXPECT_TRUE(uses.status().IsCorruption()) << uses.status().ToString();
    }
  }
}

}  // namespace
}  // namespace recital

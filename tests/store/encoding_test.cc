// Value layouts of the current format (store/migration.h, store/encoding.h; store/FORMAT.md):
// examples worked out by hand from FORMAT.md, and the canonical-encoding checks.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/encoding.h"
#include "store/migration.h"

namespace recital {
namespace {

TEST(UseListTest, RoundTripsAndRejectsNonCanonicalLists) {
  std::vector<store::PackedUse> uses = {{1, 1, 0}, {1, 2, 0}, {300, 1, 70000}, {301, 1, 2}};
  std::string bytes = store::EncodeUseList(uses);
  // doc deltas 1, 0, 299 (2 bytes), 1; position 70000 takes 3 bytes.
  EXPECT_EQ(bytes.size(), 3u + 3u + (2 + 1 + 3) + 3u);
  std::vector<store::PackedUse> back;
  ASSERT_TRUE(store::DecodeUseList(bytes, &back));
  EXPECT_EQ(back, uses);
  EXPECT_FALSE(store::DecodeUseList("", &back));                                // no uses
  EXPECT_FALSE(store::DecodeUseList(std::string("\x00\x01\x00", 3), &back));    // document 0
  EXPECT_FALSE(store::DecodeUseList(std::string("\x01\x01\x00\x00\x01\x00", 6), &back));  // repeat
  EXPECT_FALSE(store::DecodeUseList(std::string("\x01\x01", 2), &back));        // truncated
}

TEST(NumberListTest, DeltasFromZeroAndOnlyCanonicalListsDecode) {
  // 1, 5, 300: deltas 1, 4, 295 (varint 0xA7 0x02).
  EXPECT_EQ(store::EncodeNumberList({1, 5, 300}), std::string("\x01\x04\xA7\x02", 4));
  std::vector<uint32_t> back;
  ASSERT_TRUE(store::DecodeNumberList(std::string("\x01\x04\xA7\x02", 4), &back));
  EXPECT_EQ(back, (std::vector<uint32_t>{1, 5, 300}));
  EXPECT_FALSE(store::DecodeNumberList("", &back));                          // empty
  EXPECT_FALSE(store::DecodeNumberList(std::string("\x00", 1), &back));       // number 0
  EXPECT_FALSE(store::DecodeNumberList(std::string("\x02\x00", 2), &back));   // repeat
  EXPECT_FALSE(store::DecodeNumberList(std::string("\x02\x80", 2), &back));   // truncated varint
}

TEST(DocNumberKeyTest, FourBytesBigEndian) {
  EXPECT_EQ(store::DocNumberKey(258), std::string("\0\0\x01\x02", 4));
  uint32_t n = 0;
  ASSERT_TRUE(store::DecodeDocNumberKey(std::string("\0\0\x01\x02", 4), &n));
  EXPECT_EQ(n, 258u);
  EXPECT_FALSE(store::DecodeDocNumberKey(std::string("\0\x01\x02", 3), &n));
  EXPECT_FALSE(store::DecodeDocNumberKey(std::string("\0\0\0\x01\x02", 5), &n));
}

TEST(DocVersionsTest, RoundTripsAndNamesTheSymbolWhenDamaged) {
  store::DocumentVersion v;
  v.version = 1;
  v.raw_hash = HashBytes("release");
  v.record_hash = HashBytes("record");
  v.ingest_time = 1700000000;
  v.source_name = "A-RES-54-144.ods.txt";
  v.raw_size = 12345;
  v.session = 54;
  v.number = 144;
  v.title = "Office of the United Nations High Commissioner for Refugees";
  v.adoption_date = "1999-12-17";
  store::DocumentVersion w = v;
  w.version = 2;
  w.raw_hash = HashBytes("release 2");
  w.title = "Réfugiés";
  std::string value = store::EncodeDocVersions({v, w});
  EXPECT_EQ(value[0], '\x02');  // layout 2 (format 5)
  EXPECT_EQ(value[1], '\x02');  // two versions
  auto back = store::DecodeDocVersions(value, "A/RES/54/144");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].version, 1u);
  EXPECT_EQ((*back)[1].version, 2u);
  EXPECT_EQ((*back)[1].raw_hash, w.raw_hash);
  EXPECT_EQ((*back)[0].source_name, v.source_name);
  EXPECT_EQ((*back)[1].title, "Réfugiés");
  EXPECT_EQ((*back)[0].adoption_date, "1999-12-17");
  EXPECT_EQ((*back)[0].ingest_time, 1700000000);
  // The last 4 bytes are the one current-version entry (count, "", version 2, not chosen);
  // 3 more are the last version's language, completeness and paragraph count.
  auto cut = store::DecodeDocVersions(value.substr(0, value.size() - 7), "A/RES/54/144");
  ASSERT_TRUE(cut.status().IsCorruption());
  EXPECT_EQ(cut.status().message(), "docs entry of A/RES/54/144: truncated version");
  EXPECT_TRUE(store::DecodeDocVersions(value + "x", "A/RES/54/144").status().IsCorruption());
}

TEST(ObjectHeaderTest, MigrationsSeeTypeDepthAndBases) {
  const Hash128 base = HashBytes("base");
  // type 3 (record), codec 2 (one base, no count byte), depth 4, the base's hash, payload.
  std::string value = std::string("\x03\x02\x04", 3) + base.ToBytes() + "frame";
  auto object = store::ParseStoredObject(value, HashBytes("key"));
  ASSERT_TRUE(object.ok()) << object.status().ToString();
  EXPECT_EQ(object->type, store::ObjectType::kRecord);
  EXPECT_EQ(object->depth, 4);
  EXPECT_EQ(object->bases, std::vector<Hash128>{base});
  auto stored = store::ParseStoredObject(std::string("\x01\x00\x00", 3) + "bytes", HashBytes("k"));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->type, store::ObjectType::kRelease);
  EXPECT_TRUE(stored->bases.empty());
  auto bad = store::ParseStoredObject(std::string("\x09\x00\x00", 3), HashBytes("k"));
  ASSERT_TRUE(bad.status().IsCorruption());
  EXPECT_NE(bad.status().message().find("unknown type 9"), std::string::npos);
}

}  // namespace
}  // namespace recital

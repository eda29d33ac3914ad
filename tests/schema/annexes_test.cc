// The fields added after format 4 (Resolution.sessionCode, Resolution.annexes): they round-trip,
// and a record that leaves them empty is written in format 4's layout, byte for byte what it
// was before they existed (its record hash is unchanged).
#include <gtest/gtest.h>

#include "schema/schema.h"

namespace recital {
namespace {

Resolution Declaration() {
  Resolution r;
  r.symbol = "A/RES/73/3";
  r.session = 73;
  r.number = 3;
  Paragraph adopts;
  adopts.section = Section::kOperative;
  adopts.lead = "Adopts";
  adopts.text = "Adopts the following political declaration:";
  r.operative.push_back(adopts);
  for (const char* t : {"We, Heads of State, therefore:", "Reaffirm our commitment;"}) {
    Paragraph p;
    p.section = Section::kAnnex;
    p.text = t;
    r.annex.push_back(p);
  }
  r.annex[1].number = "1";
  r.annexes.push_back({"Political declaration on testing", 2});
  return r;
}

TEST(AnnexRecordTest, AnnexesAndSessionCodeRoundTrip) {
  Resolution r = Declaration();
  r.session = 0;
  r.session_code = "ES-11";
  for (const std::string& bytes : {EncodeResolutionInline(r), EncodeResolution(r)}) {
    Result<Resolution> back =
        DecodeResolution(bytes, [&r](const Hash128& h, Paragraph* p) -> Status {
          for (const auto* list : {&r.operative, &r.annex}) {
            for (const Paragraph& q : *list) {
              if (WordingHash(q) == h) {
                p->lead = q.lead;
                p->text = q.text;
                p->subparagraphs = q.subparagraphs;
                return Status::Ok();
              }
            }
          }
          return Status::NotFound("wording");
        });
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, r);
  }
}

// The pointer count of the root struct of a flat Cap'n Proto message: the segment table is
// (segments - 1) then each segment's size, as 32-bit words padded to 8 bytes; the root pointer
// opens segment 0 and keeps the pointer count in its top 16 bits (encoding spec, "Structs").
uint32_t RootPointerCount(const std::string& message) {
  auto u32 = [&message](size_t at) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v |= uint32_t(static_cast<unsigned char>(message[at + size_t(i)])) << (8 * i);
    return v;
  };
  const size_t segments = u32(0) + 1;
  const size_t table = ((4 + 4 * segments) + 7) / 8 * 8;
  return u32(table + 4) >> 16;
}

TEST(AnnexRecordTest, RecordWithoutTheNewFieldsKeepsItsFormat4Bytes) {
  Resolution r = Declaration();
  r.annexes.clear();
  const std::string plain = EncodeResolutionInline(r);
  Resolution with = r;
  with.annexes.push_back({"", 2});
  const std::string grown = EncodeResolutionInline(with);
  // Format 4's root struct has 17 pointer slots (the Text, Data and List fields of @0-@19);
  // the full one has two more, for sessionCode and annexes.
  EXPECT_EQ(RootPointerCount(grown), RootPointerCount(plain) + 2);
  EXPECT_EQ(RootPointerCount(plain), 17u);
  Result<Resolution> back = DecodeResolution(plain, nullptr);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(back->annexes.empty());
  EXPECT_EQ(back->session_code, "");
  EXPECT_EQ(back->annex.size(), 2u);  // old records: annex paragraphs without titles
}

}  // namespace
}  // namespace recital

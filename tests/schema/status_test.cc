#include "schema/status.h"

#include <gtest/gtest.h>

namespace recital {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, FactoriesCarryCodeAndMessage) {
  Status s = Status::Corruption("object 00ff: hash mismatch");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_EQ(s.ToString(), "Corruption: object 00ff: hash mismatch");
  EXPECT_EQ(Status::NotFound("x").code(), StatusCode::kNotFound);
  EXPECT_TRUE(Status::FormatTooNew("v9").IsFormatTooNew());
  EXPECT_TRUE(Status::ResourceExhausted("big").IsResourceExhausted());
}

TEST(StatusTest, WithContextPrefixesMessage) {
  EXPECT_EQ(Status::InvalidInput("line 3: expected a symbol").WithContext("a.txt").message(),
            "a.txt: line 3: expected a symbol");
  EXPECT_TRUE(Status::Ok().WithContext("a.txt").ok());
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidInput(std::to_string(x) + " is odd");
  return x / 2;
}

TEST(ResultTest, HoldsValueOrStatus) {
  auto good = Half(8);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 4);
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "3 is odd");
}

TEST(ResultDeathTest, ValueOfErrorAborts) {
  EXPECT_DEATH({ (void)Half(3).value(); }, "3 is odd");
}

}  // namespace
}  // namespace recital

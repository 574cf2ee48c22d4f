#include "domain/receipt.h"

#include <gtest/gtest.h>

namespace binhyen::domain {
namespace {

TEST(ReceiptTest, EncodesFortyBitsAsCrockfordBase32) {
  EXPECT_EQ(MakeReceiptCode({0, 0, 0, 0, 0}), "BY-0000-0000");
  EXPECT_EQ(MakeReceiptCode({0xff, 0xff, 0xff, 0xff, 0xff}), "BY-ZZZZ-ZZZZ");
  EXPECT_EQ(MakeReceiptCode({0, 0, 0, 0, 31}), "BY-0000-000Z");
  EXPECT_EQ(MakeReceiptCode({0x39, 0xa6, 0x92, 0x5b, 0xa2}), "BY-76K9-4PX2");
}

TEST(ReceiptTest, NormalizesWhatPeopleType) {
  EXPECT_EQ(NormalizeReceiptCode("BY-7K3M-9QX2").value(), "BY-7K3M-9QX2");
  EXPECT_EQ(NormalizeReceiptCode(" by7k3m9qx2 ").value(), "BY-7K3M-9QX2");
  EXPECT_EQ(NormalizeReceiptCode("7k3m 9qx2").value(), "BY-7K3M-9QX2");
  EXPECT_EQ(NormalizeReceiptCode("BY-OIL0-0000").value(), "BY-0110-0000");
  EXPECT_EQ(NormalizeReceiptCode("BY-7K3M-9QX").status(),
            base::InvalidArgumentError("receipt_code: must have 8 characters after BY-"));
  EXPECT_EQ(NormalizeReceiptCode("BY-7K3M-9QU2").status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(NormalizeReceiptCode("").status().code(), base::StatusCode::kInvalidArgument);
}

TEST(ReceiptTest, CanonicalForm) {
  EXPECT_TRUE(IsCanonicalReceiptCode("BY-7K3M-9QX2"));
  EXPECT_FALSE(IsCanonicalReceiptCode("BY-7K3M9QX2"));
  EXPECT_FALSE(IsCanonicalReceiptCode("by-7k3m-9qx2"));
  EXPECT_FALSE(IsCanonicalReceiptCode("BY-7K3M-9QI2"));
  EXPECT_FALSE(IsCanonicalReceiptCode("XY-7K3M-9QX2"));
}

}  // namespace
}  // namespace binhyen::domain

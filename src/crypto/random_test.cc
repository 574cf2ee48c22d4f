#include "crypto/random.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace binhyen::crypto {
namespace {

TEST(FakeRandomTest, SameSeedSameSequence) {
  FakeRandom a(42), b(42), c(43);
  std::array<uint8_t, 16> x1, x2, y1, y2, z1;
  a.Fill(x1);
  a.Fill(x2);
  b.Fill(y1);
  b.Fill(y2);
  c.Fill(z1);
  EXPECT_EQ(x1, y1);
  EXPECT_EQ(x2, y2);
  EXPECT_NE(x1, x2);  // consecutive calls differ
  EXPECT_NE(x1, z1);  // another seed differs
}

TEST(SodiumRandomTest, FillsAndDiffers) {
  SodiumRandom r;
  std::array<uint8_t, 32> a{}, b{};
  r.Fill(a);
  r.Fill(b);
  EXPECT_NE(a, b);
  std::span<uint8_t> empty;
  r.Fill(empty);  // no effect, no crash
}

TEST(RandomTokenTest, UrlSafeNoPadding) {
  FakeRandom r(7);
  std::string t = RandomToken(r, kTokenBytes);
  EXPECT_EQ(t.size(), 43u);  // ceil(32 * 4 / 3)
  for (char ch : t) {
    EXPECT_TRUE((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                ch == '-' || ch == '_')
        << t;
  }
  FakeRandom again(7);
  EXPECT_EQ(RandomToken(again, kTokenBytes), t);
  EXPECT_EQ(RandomToken(r, 1).size(), 2u);
  EXPECT_EQ(RandomToken(r, 3).size(), 4u);
}

TEST(RandomTokenTest, RealTokensAreDistinct) {
  SodiumRandom r;
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomToken(r, kTokenBytes));
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace binhyen::crypto

#include "index/rice.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

namespace binhyen::index {
namespace {

std::vector<uint32_t> RandomSet(std::mt19937& rng, size_t n, uint32_t max) {
  std::uniform_int_distribution<uint32_t> dist(0, max);
  std::set<uint32_t> s;
  while (s.size() < n) s.insert(dist(rng));
  return {s.begin(), s.end()};
}

void ExpectRoundTrip(const std::vector<uint32_t>& values, int k) {
  base::Result<RiceDeltaEncoding> encoded = RiceEncode(values, k);
  ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
  EXPECT_EQ(encoded->first_value, values.front());
  EXPECT_EQ(encoded->num_entries, values.size() - 1);
  base::Result<std::vector<uint32_t>> decoded = RiceDecode(*encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, values) << "k=" << k;
}

// The first decoding vector of the Safe Browsing v4 Rice tests (deltas 15 and 9, k = 2): the
// stream is 1110 11 | 110 10, least significant bit first: 0xf7 0x02.
TEST(RiceTest, SafeBrowsingVectorSmall) {
  base::Result<RiceDeltaEncoding> encoded = RiceEncode(std::vector<uint32_t>{0, 15, 24}, 2);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->encoded_data, std::string("\xf7\x02", 2));
  RiceDeltaEncoding in{0, 2, 2, std::string("\xf7\x02", 2)};
  EXPECT_EQ(*RiceDecode(in), (std::vector<uint32_t>{0, 15, 24}));
}

// A k = 28 vector of the same tests: six deltas, 24 bytes.
TEST(RiceTest, SafeBrowsingVectorParameter28) {
  const std::vector<uint32_t> deltas = {62763050,   1046523781, 192522171,
                                        1800511020, 4442775,    582142548};
  const std::string data(
      "\x54\x60\x7b\xe7\x0a\x5f\xc1\xdc\xee\x69\xde\xfe\x58\x3c\xa3\xd6\xa5\xf2\x10\x8c\x4a\x59"
      "\x56\x00",
      24);
  std::vector<uint32_t> values = {0};
  for (uint32_t d : deltas) values.push_back(values.back() + d);
  base::Result<std::vector<uint32_t>> decoded =
      RiceDecode(RiceDeltaEncoding{0, 28, static_cast<uint32_t>(deltas.size()), data});
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, values);
  base::Result<RiceDeltaEncoding> encoded = RiceEncode(values, 28);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->encoded_data, data);
}

TEST(RiceTest, OneValueHasNoData) {
  base::Result<RiceDeltaEncoding> encoded = RiceEncode(std::vector<uint32_t>{0xfffffffe});
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(*encoded, (RiceDeltaEncoding{0xfffffffe, 0, 0, ""}));
  EXPECT_EQ(*RiceDecode(*encoded), (std::vector<uint32_t>{0xfffffffe}));
}

TEST(RiceTest, EmptyAndUnsortedAreRefused) {
  EXPECT_FALSE(RiceEncode(std::vector<uint32_t>{}).ok());
  EXPECT_FALSE(RiceEncode(std::vector<uint32_t>{5, 5}).ok());
  EXPECT_FALSE(RiceEncode(std::vector<uint32_t>{6, 5}).ok());
  EXPECT_FALSE(RiceEncode(std::vector<uint32_t>{1, 2}, 29).ok());
  EXPECT_FALSE(RiceEncode(std::vector<uint32_t>{1, 2}, -1).ok());
}

TEST(RiceTest, ExtremeValuesEveryParameter) {
  const std::vector<uint32_t> values = {0, 1, 2, 1000, 0x7fffffff, 0xfffffffe, 0xffffffff};
  for (int k = 0; k <= kMaxRiceParameter; ++k) {
    if (k < 5) {
      // A delta of 2^31 with a tiny parameter would need 2^31 unary bits: refused.
      EXPECT_FALSE(RiceEncode(values, k).ok()) << k;
      continue;
    }
    ExpectRoundTrip(values, k);
  }
  ExpectRoundTrip({0, 0xffffffff}, kMaxRiceParameter);
  ExpectRoundTrip({0xffffffff}, 0);
}

TEST(RiceTest, RandomSetsRoundTripWithChosenAndForcedParameters) {
  std::mt19937 rng(20261129);
  for (size_t n : {1u, 2u, 3u, 10u, 1000u, 20000u}) {
    for (uint32_t max : {100000u, 0xffffffffu}) {
      if (n > max) continue;
      std::vector<uint32_t> values = RandomSet(rng, n, max);
      base::Result<RiceDeltaEncoding> chosen = RiceEncode(values);
      ASSERT_TRUE(chosen.ok());
      EXPECT_EQ(*RiceDecode(*chosen), values);
      for (int k : {0, 2, 13, 20, 28}) {
        if (RiceEncode(values, k).ok()) ExpectRoundTrip(values, k);
      }
    }
  }
}

TEST(RiceTest, DenseSetUsesParameterZero) {
  std::vector<uint32_t> values(100);
  for (uint32_t i = 0; i < 100; ++i) values[i] = 7 + i;
  EXPECT_EQ(ChooseRiceParameter(values), 0);
  ExpectRoundTrip(values, 0);
  // Each delta of 1 is "10": 198 bits.
  EXPECT_EQ(RiceEncode(values)->encoded_data.size(), 25u);
}

TEST(RiceTest, ChosenParameterKeepsUniformPrefixesNearOptimal) {
  std::mt19937 rng(7);
  std::vector<uint32_t> values = RandomSet(rng, 100000, 0xffffffff);
  base::Result<RiceDeltaEncoding> encoded = RiceEncode(values);
  ASSERT_TRUE(encoded.ok());
  // Uniform 32-bit prefixes: mean delta ~ 2^32 / 1e5 ~ 2^15.4, so k = 15 and about 17.5 bits
  // per entry instead of 32.
  EXPECT_EQ(encoded->rice_parameter, 15);
  EXPECT_LT(encoded->encoded_data.size(), values.size() * 18 / 8);
}

TEST(RiceTest, HostileEncodingsAreRefused) {
  // More entries than the bits can hold.
  EXPECT_FALSE(RiceDecode(RiceDeltaEncoding{0, 2, 100, std::string("\xff", 1)}).ok());
  // Runs out of bits inside a unary part.
  EXPECT_FALSE(RiceDecode(RiceDeltaEncoding{0, 0, 1, std::string("\xff", 1)}).ok());
  // A zero delta (k = 0, bit 0 = terminator at once): not a set.
  EXPECT_FALSE(RiceDecode(RiceDeltaEncoding{0, 0, 1, std::string("\x00", 1)}).ok());
  // Overflow past 2^32 - 1.
  EXPECT_FALSE(RiceDecode(RiceDeltaEncoding{0xffffffff, 0, 1, std::string("\x01", 1)}).ok());
  // Parameter out of range.
  EXPECT_FALSE(RiceDecode(RiceDeltaEncoding{0, 29, 0, ""}).ok());
  // A long run of one-bytes with k = 28: the quotient times 2^28 overflows.
  EXPECT_FALSE(RiceDecode(RiceDeltaEncoding{0, 28, 1, std::string(64, '\xff')}).ok());
}

}  // namespace
}  // namespace binhyen::index

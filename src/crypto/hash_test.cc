#include "crypto/hash.h"

#include <gtest/gtest.h>

#include "crypto/compare.h"
#include "crypto/encoding.h"
#include "crypto/token.h"

namespace binhyen::crypto {
namespace {

TEST(Sha256HexTest, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(std::string("a\0b", 3)).size(), 64u);
  EXPECT_NE(Sha256Hex(std::string("a\0b", 3)), Sha256Hex("a"));
}

TEST(Blake2bHexTest, KnownVectors) {
  EXPECT_EQ(Blake2bHex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(Blake2bHex("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(HashTokenTest, IsSha256OfTheToken) { EXPECT_EQ(HashToken("abc"), Sha256Hex("abc")); }

TEST(ConstantTimeEqualsTest, ComparesBytes) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(EncodingTest, HexAndBase64) {
  const uint8_t bytes[] = {0x00, 0x0f, 0xab, 0xff};
  EXPECT_EQ(HexEncode(bytes), "000fabff");
  EXPECT_EQ(Base64Encode("\xfb\xff", Base64Variant::kStandard), "+/8=");
  EXPECT_EQ(Base64Encode("\xfb\xff", Base64Variant::kUrlSafeNoPadding), "-_8");
  EXPECT_EQ(Base64Decode("+/8=", Base64Variant::kStandard).value(), "\xfb\xff");
  EXPECT_EQ(Base64Decode("-_8", Base64Variant::kUrlSafeNoPadding).value(), "\xfb\xff");
  EXPECT_EQ(Base64Decode("", Base64Variant::kStandard).value(), "");
  EXPECT_FALSE(Base64Decode("+/8", Base64Variant::kStandard).ok());
  EXPECT_FALSE(Base64Decode("-_8=", Base64Variant::kUrlSafeNoPadding).ok());
  EXPECT_FALSE(Base64Decode("ab!d", Base64Variant::kStandard).ok());
  EXPECT_FALSE(Base64Decode("+/8= ", Base64Variant::kStandard).ok());
}

}  // namespace
}  // namespace binhyen::crypto

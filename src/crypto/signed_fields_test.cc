#include "crypto/signed_fields.h"

#include <gtest/gtest.h>

#include <array>

namespace binhyen::crypto {
namespace {

SigningKey Key(uint8_t first) {
  std::array<uint8_t, SigningKey::kSeedBytes> seed{};
  seed[0] = first;
  return SigningKey::FromSeed(seed);
}

constexpr SignedFieldsFormat kTwo{"test/v1", "AB", 2};

TEST(SignedFieldsTest, RoundTripsKindAndFields) {
  const SigningKey key = Key(1);
  const std::string token = IssueSignedFields(key, kTwo, 'B', {7, UINT64_MAX, 99, 99});
  EXPECT_EQ(token.size(), 108u);  // base64url of 1 + 16 + 64 bytes
  base::Result<SignedFields> got = VerifySignedFields(key.verify_key(), kTwo, token);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->kind, 'B');
  EXPECT_EQ(got->fields, (std::array<uint64_t, kMaxSignedFields>{7, UINT64_MAX, 0, 0}));
}

TEST(SignedFieldsTest, RefusesOtherKeysContextsKindsAndAlterations) {
  const SigningKey key = Key(1);
  const std::string token = IssueSignedFields(key, kTwo, 'A', {1, 2});
  const base::Status bad_signature = base::InvalidArgumentError("token: bad signature");
  const base::Status malformed = base::InvalidArgumentError("token: malformed");
  EXPECT_EQ(VerifySignedFields(Key(2).verify_key(), kTwo, token).status(), bad_signature);
  EXPECT_EQ(VerifySignedFields(key.verify_key(), {"test/v2", "AB", 2}, token).status(),
            bad_signature);
  EXPECT_EQ(VerifySignedFields(key.verify_key(), {"test/v1", "B", 2}, token).status(), malformed);
  EXPECT_EQ(VerifySignedFields(key.verify_key(), {"test/v1", "AB", 3}, token).status(), malformed);
  std::string altered = token;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(VerifySignedFields(key.verify_key(), kTwo, altered).status(), bad_signature);
  for (const std::string& wrong : {std::string(), std::string("not base64!"), token.substr(0, 100),
                                   token + "AAAA", std::string(10'000, 'A')}) {
    EXPECT_EQ(VerifySignedFields(key.verify_key(), kTwo, wrong).status(), malformed) << wrong;
  }
}

TEST(SignedFieldsTest, SecondsFieldsTruncate) {
  const base::TimePoint t = base::TimePoint(std::chrono::milliseconds(1'800'000'000'999));
  EXPECT_EQ(SecondsField(t), 1'800'000'000u);
  EXPECT_EQ(FromSecondsField(SecondsField(t)),
            base::TimePoint(std::chrono::seconds(1'800'000'000)));
}

}  // namespace
}  // namespace binhyen::crypto

#include "service/ack_links.h"

#include <gtest/gtest.h>

#include "crypto/random.h"

namespace binhyen::service {
namespace {

using std::chrono::seconds;

class AckLinksTest : public ::testing::Test {
 protected:
  static crypto::SigningKey Key(uint64_t seed) {
    crypto::FakeRandom random(seed);
    return crypto::SigningKey::Generate(random);
  }
  base::FakeClock clock_{base::TimePoint(seconds(1'795'000'000))};
  AckLinks links_{Key(1), clock_};
  const AckClaim claim_{42, 7, base::TimePoint(seconds(1'795'000'000 + 3600))};
};

TEST_F(AckLinksTest, IssuedTokenVerifiesUntilItExpires) {
  const std::string token = links_.Issue(claim_);
  EXPECT_EQ(token.size(), 119u);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  base::Result<AckClaim> verified = links_.Verify(token);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(*verified, claim_);
  clock_.Advance(seconds(3599));
  EXPECT_TRUE(links_.Verify(token).ok());
  clock_.Advance(seconds(1));
  EXPECT_EQ(links_.Verify(token).status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(links_.Verify(token).status().message(), "token: expired");
}

TEST_F(AckLinksTest, TamperedOrForeignTokensAreRefused) {
  const std::string token = links_.Issue(claim_);
  // Every single-character change is caught (payload or signature).
  for (size_t i = 0; i < token.size(); ++i) {
    std::string t = token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    base::Result<AckClaim> r = links_.Verify(t);
    EXPECT_FALSE(r.ok()) << i;
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument) << i;
  }
  AckLinks other(Key(2), clock_);
  EXPECT_EQ(other.Verify(token).status().message(), "token: bad signature");
  // An expired token of another key is "bad signature", not "expired": nothing is believed of
  // a token before its signature is checked.
  clock_.Advance(seconds(7200));
  EXPECT_EQ(other.Verify(token).status().message(), "token: bad signature");
  const std::string shortened = token.substr(1);
  for (std::string_view junk : {std::string_view(), std::string_view("abc"),
                                std::string_view("!!!!"), std::string_view(shortened)}) {
    EXPECT_EQ(links_.Verify(junk).status().message(), "token: malformed") << junk;
  }
  EXPECT_EQ(links_.Verify(std::string(5000, 'A')).status().message(), "token: malformed");
}

}  // namespace
}  // namespace binhyen::service

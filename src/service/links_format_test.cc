// The personal links' token formats do not change: links printed on paper (QR sheets, posters)
// before a refactoring must still verify after it. The tokens below were issued by the code of
// 2026-11-28 (commit 8601e21) with the seed 3, 10, 17, ... and are checked byte for byte.

#include <gtest/gtest.h>

#include <array>

#include "base/clock.h"
#include "crypto/sign.h"
#include "service/ack_links.h"
#include "service/checkin_links.h"
#include "service/quiz_links.h"

namespace binhyen::service {
namespace {

crypto::SigningKey Key() {
  std::array<uint8_t, crypto::SigningKey::kSeedBytes> seed{};
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i * 7 + 3);
  return crypto::SigningKey::FromSeed(seed);
}

constexpr std::string_view kAck =
    "AQAAAAAAAAAqAAAAAAAAEJIAAAAAcT-"
    "zADTewmpfNIh7j66ZlUeoPRr0wePHggAWCSASELeQ5vZG9Wr9mY4bHUCuCveaJw6yfwejWv3kP4o6f0pWaSzgGAk";
constexpr std::string_view kQuiz =
    "UQAAAAAAAAAHAAAAAAAAEJIAAAAAcT-zAKuiHruwFyqqs-"
    "Hip4l3aktBkNsVaUto3y9f148KFDQ1vcya4UPr8kFaiAVWLS1MrljJ8EVmAHXWj5WGD31FpA8";
constexpr std::string_view kPersonalCheckin =
    "UAAAAAAAAAAJAAAAAAAAEJL5pQg5GLrZ_9Xk-O2P77ThN771gF8xbk7aOVC9aasflyZrUQ-"
    "tHQtbwfkzJEwARSAZCcSjn9a8gvXD9s57PfgJ";
constexpr std::string_view kSessionCheckin =
    "UwAAAAAAAAAJAAAAAAAAAACN9mRbBfD13DjvMk94LXz9rdbFZrEm8yoZpyOJco_yhbCWuk0M-"
    "YGfj3QVQcGLZS4a9x6uMFdX8sgmp-3RF-cJ";

const base::TimePoint kExpiry = base::TimePoint(std::chrono::seconds(1'900'000'000));

TEST(LinksFormatTest, AcknowledgementLinks) {
  base::FakeClock clock(base::TimePoint(std::chrono::seconds(1'800'000'000)));
  AckLinks links(Key(), clock);
  EXPECT_EQ(links.Issue({42, 4242, kExpiry}), kAck);
  EXPECT_EQ(links.Verify(kAck).value(), (AckClaim{42, 4242, kExpiry}));
  // A quiz token is not an acknowledgement token under the same key, nor the reverse.
  EXPECT_FALSE(links.Verify(kQuiz).ok());
}

TEST(LinksFormatTest, QuizLinks) {
  base::FakeClock clock(base::TimePoint(std::chrono::seconds(1'800'000'000)));
  QuizLinks links(Key(), clock);
  EXPECT_EQ(links.Issue({7, 4242, kExpiry}), kQuiz);
  EXPECT_EQ(links.Verify(kQuiz).value(), (QuizClaim{7, 4242, kExpiry}));
  EXPECT_FALSE(links.Verify(kAck).ok());
}

TEST(LinksFormatTest, CheckinLinks) {
  CheckinLinks links(Key());
  CheckinClaim personal;
  personal.kind = CheckinClaim::Kind::kPersonal;
  personal.training_id = 9;
  personal.person_id = 4242;
  CheckinClaim session;
  session.kind = CheckinClaim::Kind::kSession;
  session.training_id = 9;
  EXPECT_EQ(links.Issue(personal), kPersonalCheckin);
  EXPECT_EQ(links.Issue(session), kSessionCheckin);
  base::Result<CheckinClaim> got = links.Verify(kPersonalCheckin);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->kind, CheckinClaim::Kind::kPersonal);
  EXPECT_EQ(got->person_id, 4242);
  got = links.Verify(kSessionCheckin);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->kind, CheckinClaim::Kind::kSession);
  EXPECT_EQ(got->training_id, 9);
  EXPECT_FALSE(links.Verify(kAck).ok());
}

}  // namespace
}  // namespace binhyen::service

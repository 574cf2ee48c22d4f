#include "domain/feed.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace binhyen::domain {
namespace {

TEST(FeedTrust, NamesRoundTrip) {
  for (FeedTrust t : {FeedTrust::kLow, FeedTrust::kMedium, FeedTrust::kHigh}) {
    EXPECT_EQ(ParseFeedTrust(Name(t)), t);
  }
  EXPECT_EQ(Name(FeedTrust::kHigh), "high");
  EXPECT_EQ(ParseFeedTrust("HIGH"), std::nullopt);
  EXPECT_EQ(ParseFeedTrust(""), std::nullopt);
}

TEST(FeedSource, NameRules) {
  EXPECT_TRUE(ValidateFeedName("urlhaus").ok());
  EXPECT_TRUE(ValidateFeedName("abuse.ch_urlhaus-2").ok());
  EXPECT_TRUE(ValidateFeedName(std::string(64, 'a')).ok());
  EXPECT_EQ(ValidateFeedName(std::string(65, 'a')).message(),
            "name: must be 1..64 characters of a-z 0-9 . _ -");
  EXPECT_FALSE(ValidateFeedName("").ok());
  EXPECT_FALSE(ValidateFeedName("Upper").ok());
  EXPECT_FALSE(ValidateFeedName("with space").ok());
  EXPECT_FALSE(ValidateFeedName("slash/").ok());
}

TEST(FeedSource, Validate) {
  FeedSource s;
  s.name = "hosts.vn";
  s.format = "hosts";
  EXPECT_TRUE(Validate(s).ok());
  s.format = "";
  EXPECT_EQ(Validate(s).message(), "format: must not be empty");
}

TEST(FeedEntry, Validate) {
  FeedEntry e;
  e.canonical = "evil.example";
  e.first_seen = base::TimePoint(std::chrono::seconds(10));
  e.last_seen = e.first_seen;
  EXPECT_TRUE(Validate(e).ok());
  e.category = "phishing";
  EXPECT_TRUE(Validate(e).ok());
  e.category = "nonsense";
  EXPECT_EQ(Validate(e).message(), "category: unknown category 'nonsense'");
  e.category = "";
  e.last_seen = base::TimePoint(std::chrono::seconds(9));
  EXPECT_EQ(Validate(e).message(), "last_seen: must not be before first_seen");
  e.last_seen = e.first_seen;
  e.canonical = "";
  EXPECT_EQ(Validate(e).message(), "canonical: must not be empty");
  e.canonical = std::string(2049, 'a');
  EXPECT_EQ(Validate(e).message(), "canonical: must be at most 2048 bytes");
}

}  // namespace
}  // namespace binhyen::domain

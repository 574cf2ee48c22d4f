// The parsers' fast path for plain host names must give exactly what
// indicator::CanonicalizeDomain gives.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/strings.h"
#include "exchange/internal/import_builder.h"
#include "exchange/internal/import_test_util.h"
#include "indicator/domain.h"

namespace binhyen::exchange::internal {
namespace {

// Every whitespace-separated token of the line-based fixtures, plus hand-picked edge cases.
std::vector<std::string> Candidates() {
  std::vector<std::string> out = {
      "example.com",
      "a.b.c.example.com.vn",
      "xn--vietcombnk-h9a.vn",
      "xn--abc.com",
      "ab--cd.com",
      "-lead.com",
      "trail-.com",
      "under_score.com",
      "UPPER.com",
      "1.2.3.4",
      "1.2.3.com",
      "0x7f.1",
      "a.0xff",
      "example.notatld",
      "example.c",
      "example.com.",
      ".example.com",
      "a..b.com",
      "localhost",
      "com",
      "example.123",
      "ex%41mple.com",
      "exa mple.com",
      "example.co.uk",
      "a.blogspot.com",
      "github.io",
      "x.github.io",
      "1.izumisv1.cc",
      std::string(64, 'a') + ".com",
      std::string(63, 'a') + ".com",
      std::string(250, 'a') + ".com",
  };
  for (const char* name : {"urlhaus-filter-hosts-online.txt", "urlhaus-filter-domains-online.txt",
                           "pihole-phishtank-phishtank_hosts.txt", "hostsvn-threat-VN.txt",
                           "hostsvn-ip-threat.txt", "urlhaus-filter-rpz-online.conf"}) {
    std::string text = testing::Fixture(name);
    for (std::string_view line : base::Split(text, '\n')) {
      for (std::string_view token : base::Split(line, ' ')) {
        token = base::TrimAscii(token);
        if (!token.empty() && token[0] != '#' && token[0] != ';') out.emplace_back(token);
      }
    }
  }
  return out;
}

TEST(HostFastPath, SameResultAsCanonicalizeDomain) {
  HostCanonicalizer hosts;
  size_t fast = 0;
  const std::vector<std::string> candidates = Candidates();
  ASSERT_GT(candidates.size(), 700u);
  for (const std::string& host : candidates) {
    base::Result<indicator::Indicator> slow = indicator::CanonicalizeDomain(host);
    std::string quick = hosts.FastPath(host);
    if (!quick.empty()) {
      ++fast;
      ASSERT_TRUE(slow.ok()) << host << ": fast path accepted what the slow path refuses";
      EXPECT_EQ(quick, slow->canonical) << host;
    }
    base::Result<std::string> both = hosts.Canonicalize(host);
    ASSERT_EQ(both.ok(), slow.ok()) << host;
    if (both.ok()) {
      EXPECT_EQ(*both, slow->canonical) << host;
    } else {
      EXPECT_EQ(both.status(), slow.status()) << host;
    }
  }
  // The fixtures are mostly plain names: the fast path must actually be taken.
  EXPECT_GT(fast, 600u);
}

TEST(HostFastPath, RefusesWhatItCannotDecide) {
  HostCanonicalizer hosts;
  for (const char* host : {"xn--abc.com", "UPPER.com", "under_score.com", "example.notatld",
                           "1.2.3.4", "example.com.", "a..b.com", "-lead.com", "com"}) {
    EXPECT_EQ(hosts.FastPath(host), "") << host;
  }
  EXPECT_EQ(hosts.FastPath("a.b.example.com.vn"), "a.b.example.com.vn");
}

}  // namespace
}  // namespace binhyen::exchange::internal

#include "indicator/ip.h"

#include <gtest/gtest.h>

#include <string>

namespace binhyen::indicator {
namespace {

struct Good {
  std::string_view input;
  std::string_view canonical;
  std::string_view version;
  std::string_view is_private;
};

TEST(CanonicalizeIpTest, Ipv4Forms) {
  const Good kGood[] = {
      {"8.8.8.8", "8.8.8.8", "4", "false"},
      {" 113.160.92.1 ", "113.160.92.1", "4", "false"},
      {"3232235777", "192.168.1.1", "4", "true"},
      {"0300.0250.0.1", "192.168.0.1", "4", "true"},
      {"0xc0a80001", "192.168.0.1", "4", "true"},
      {"0XC0A80001", "192.168.0.1", "4", "true"},
      {"0xC0.0250.1.1", "192.168.1.1", "4", "true"},
      {"192.168.1", "192.168.0.1", "4", "true"},
      {"10.1", "10.0.0.1", "4", "true"},
      {"127.1", "127.0.0.1", "4", "true"},
      {"0", "0.0.0.0", "4", "true"},
      {"4294967295", "255.255.255.255", "4", "true"},
      {"192[.]168[.]1[.]1", "192.168.1.1", "4", "true"},
      {"103(.)97(.)125(.)3", "103.97.125.3", "4", "false"},
      {"1{.}1{.}1{.}1", "1.1.1.1", "4", "false"},
      {"1[dot]0[dot]0[dot]1", "1.0.0.1", "4", "false"},
      {"172.16.5.4", "172.16.5.4", "4", "true"},
      {"172.32.0.1", "172.32.0.1", "4", "false"},
      {"169.254.1.1", "169.254.1.1", "4", "true"},
      {"100.64.0.1", "100.64.0.1", "4", "true"},
      {"100.128.0.1", "100.128.0.1", "4", "false"},
      {"224.0.0.251", "224.0.0.251", "4", "true"},
      {"203.0.113.9", "203.0.113.9", "4", "true"},
  };
  for (const Good& g : kGood) {
    auto r = CanonicalizeIp(g.input);
    ASSERT_TRUE(r.ok()) << g.input << ": " << r.status().ToString();
    EXPECT_EQ(r->kind, Kind::kIp);
    EXPECT_EQ(r->canonical, g.canonical) << g.input;
    EXPECT_EQ(r->Attribute("version"), g.version) << g.input;
    EXPECT_EQ(r->Attribute("private"), g.is_private) << g.input;
  }
}

TEST(CanonicalizeIpTest, Ipv6Rfc5952) {
  const Good kGood[] = {
      {"2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1", "6", "true"},
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", "6", "true"},
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1", "6", "true"},
      {"[2404:6800:4005:80a::200e]", "2404:6800:4005:80a::200e", "6", "false"},
      {"2404:6800:4005:080A:0:0:0:200E", "2404:6800:4005:80a::200e", "6", "false"},
      {"::1", "::1", "6", "true"},
      {"::", "::", "6", "true"},
      {"fe80::1", "fe80::1", "6", "true"},
      {"fe80[:]:1", "fe80::1", "6", "true"},
      {"fd12:3456::1", "fd12:3456::1", "6", "true"},
      {"ff02::1", "ff02::1", "6", "true"},
      {"::ffff:192.168.1.1", "::ffff:192.168.1.1", "6", "true"},
      {"::ffff:8.8.8.8", "::ffff:8.8.8.8", "6", "false"},
  };
  for (const Good& g : kGood) {
    auto r = CanonicalizeIp(g.input);
    ASSERT_TRUE(r.ok()) << g.input << ": " << r.status().ToString();
    EXPECT_EQ(r->canonical, g.canonical) << g.input;
    EXPECT_EQ(r->Attribute("version"), g.version) << g.input;
    EXPECT_EQ(r->Attribute("private"), g.is_private) << g.input;
  }
}

TEST(CanonicalizeIpTest, Rejects) {
  struct Bad {
    std::string_view input;
    std::string_view message;
  };
  const Bad kBad[] = {
      {"", "empty IP address"},
      {"256.1.1.1", "not a valid IPv4 address"},
      {"1.2.3.4.5", "not a valid IPv4 address"},
      {"1.2.3.", "not a valid IPv4 address"},
      {"1..2.3", "not a valid IPv4 address"},
      {"4294967296", "not a valid IPv4 address"},
      {"1.2.65536", "not a valid IPv4 address"},
      {"08.1.1.1", "not a valid IPv4 address"},
      {"0x", "not a valid IPv4 address"},
      {"example.com", "not a valid IPv4 address"},
      {"1.2.3.4/24", "not a valid IPv4 address"},
      {"2001:db8::g", "not a valid IPv6 address"},
      {"1:2:3:4:5:6:7:8:9", "not a valid IPv6 address"},
      {"fe80::1%eth0", "not a valid IPv6 address"},
  };
  for (const Bad& b : kBad) {
    auto r = CanonicalizeIp(b.input);
    ASSERT_FALSE(r.ok()) << b.input;
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), b.message) << b.input;
  }
}

}  // namespace
}  // namespace binhyen::indicator

#include "exchange/import_formats.h"

#include <gtest/gtest.h>

#include <string>

#include "exchange/internal/import_test_util.h"

namespace binhyen::exchange {
namespace {

using indicator::Kind;
using testing::AtLine;
using testing::Canonicals;
using testing::Fixture;

ParsedFeed MustParse(ImportFormat format, std::string_view text, const ParseOptions& opts = {}) {
  base::Result<ParsedFeed> feed = ParseFeed(format, text, opts);
  EXPECT_TRUE(feed.ok()) << feed.status().ToString();
  return feed.ok() ? std::move(feed).value() : ParsedFeed{};
}

struct Counts {
  size_t entries;
  size_t errors;
  size_t skipped;
};

void ExpectCounts(const ParsedFeed& feed, Counts c) {
  EXPECT_EQ(feed.entries.size(), c.entries);
  EXPECT_EQ(feed.errors.size(), c.errors);
  EXPECT_EQ(feed.skipped, c.skipped);
}

TEST(ImportFormatNames, RoundTripAndAliases) {
  for (ImportFormat f :
       {ImportFormat::kPlain, ImportFormat::kHosts, ImportFormat::kAdblock, ImportFormat::kRpz,
        ImportFormat::kCsv, ImportFormat::kUrlhausCsv, ImportFormat::kOpenPhish,
        ImportFormat::kPhishTank, ImportFormat::kChongLuaDao, ImportFormat::kStix,
        ImportFormat::kMisp, ImportFormat::kDnsmasq, ImportFormat::kUnbound, ImportFormat::kBind}) {
    EXPECT_EQ(ParseImportFormat(ImportFormatName(f)), f) << ImportFormatName(f);
  }
  EXPECT_EQ(ImportFormatName(ImportFormat::kUrlhausCsv), "urlhaus");
  EXPECT_EQ(ParseImportFormat("adguard"), ImportFormat::kAdblock);
  EXPECT_EQ(ParseImportFormat("AdGuard"), ImportFormat::kAdblock);
  EXPECT_EQ(ParseImportFormat("xml"), std::nullopt);
  EXPECT_EQ(ParseImportFormat(""), std::nullopt);
}

TEST(ImportHosts, UrlhausFilterFixture) {
  ParsedFeed f = MustParse(ImportFormat::kHosts, Fixture("urlhaus-filter-hosts-online.txt"));
  ExpectCounts(f, {150, 0, 6});
  EXPECT_EQ(f.entries[0].canonical, "0022a601.pphost.net");
  EXPECT_EQ(f.entries[0].kind, Kind::kDomain);
  EXPECT_EQ(f.entries[0].line, 7u);
  EXPECT_EQ(f.entries[0].category, "");
  EXPECT_EQ(f.entries.back().canonical, "crew.organzoperate.com");
  EXPECT_EQ(f.entries.back().line, 156u);
  EXPECT_EQ(AtLine(f, 10).first, "132.red-81-42-249.staticip.rima-tde.net");
}

TEST(ImportHosts, PiholePhishtankFixture) {
  ParsedFeed f = MustParse(ImportFormat::kHosts, Fixture("pihole-phishtank-phishtank_hosts.txt"));
  ExpectCounts(f, {192, 0, 8});
  EXPECT_EQ(f.entries[0].canonical, "00-uludag-edu-tr.weebly.com");
  EXPECT_EQ(f.entries[0].line, 9u);
  EXPECT_EQ(f.entries.back().canonical, "234560987.framer.website");
  EXPECT_EQ(f.entries.back().line, 200u);
}

TEST(ImportHosts, BoilerplateSkippedBadHostsReported) {
  const std::string text =
      "# comment\n"
      "127.0.0.1 localhost\n"
      "::1 localhost ip6-localhost ip6-loopback\n"
      "255.255.255.255 broadcasthost\n"
      "0.0.0.0 0.0.0.0\n"
      "\n"
      "0.0.0.0 Evil.Example.COM other.example.net   # two hosts, a comment\n"
      "0.0.0.0 exa mple\n"
      "0.0.0.0 1.2.3.4\n"
      "127.0.0.1 evil.example.com\n"
      "0.0.0.0 xn--vietcombnk-h9a.vn\n"
      "0.0.0.0 evil.notatld\n"
      "two words\n"
      "bare-host.vn\n";
  ParsedFeed f = MustParse(ImportFormat::kHosts, text);
  ASSERT_EQ(f.entries.size(), 4u);
  EXPECT_EQ(f.entries[0].canonical, "evil.example.com");
  EXPECT_EQ(f.entries[0].line, 7u);
  EXPECT_EQ(f.entries[1].canonical, "other.example.net");
  EXPECT_EQ(f.entries[2].canonical, "xn--vietcombnk-h9a.vn");
  EXPECT_EQ(f.entries[3].canonical, "bare-host.vn");
  EXPECT_EQ(f.entries[3].line, 14u);
  EXPECT_EQ(f.skipped, 6u);  // comment, 4 self lines, blank
  ASSERT_EQ(f.errors.size(), 5u);
  EXPECT_EQ(f.errors[0].line, 8u);
  EXPECT_EQ(f.errors[0].message, "not a valid host: 'exa' (single-label host name)");
  EXPECT_EQ(f.errors[1].line, 8u);
  EXPECT_EQ(f.errors[2].line, 9u);
  EXPECT_EQ(f.errors[2].message, "an IP address is not a host name here: '1.2.3.4'");
  EXPECT_EQ(f.errors[3].line, 12u);
  EXPECT_EQ(f.errors[3].message,
            "not a valid host: 'evil.notatld' (top-level domain 'notatld' is not in the public "
            "suffix list)");
  EXPECT_EQ(f.errors[4].line, 13u);
  EXPECT_EQ(f.errors[4].message, "expected 'IP host...': 'two words'");
}

TEST(ImportHosts, BomAndCrlf) {
  ParsedFeed f = MustParse(ImportFormat::kHosts,
                           "\xEF\xBB\xBF# title\r\n0.0.0.0 a.example.com\r\n0.0.0.0 b.example.com");
  ExpectCounts(f, {2, 0, 1});
  EXPECT_EQ(f.entries[0].canonical, "a.example.com");
  EXPECT_EQ(f.entries[0].line, 2u);
  EXPECT_EQ(f.entries[1].canonical, "b.example.com");
  EXPECT_EQ(f.entries[1].line, 3u);
}

TEST(ImportHosts, StrictStopsAtFirstBadLine) {
  ParseOptions strict;
  strict.strict = true;
  base::Result<ParsedFeed> f =
      ParseFeed(ImportFormat::kHosts, "0.0.0.0 ok.example.com\n0.0.0.0 bad.notatld\n", strict);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(f.status().message().rfind("line 2: not a valid host: 'bad.notatld'", 0), 0u)
      << f.status().message();
  EXPECT_TRUE(ParseFeed(ImportFormat::kHosts, "0.0.0.0 ok.example.com\n", strict).ok());
}

TEST(ImportHosts, MaxEntries) {
  ParseOptions opts;
  opts.max_entries = 2;
  EXPECT_TRUE(
      ParseFeed(ImportFormat::kHosts, "0.0.0.0 a.example.com\n0.0.0.0 b.example.com\n", opts).ok());
  base::Result<ParsedFeed> f = ParseFeed(
      ImportFormat::kHosts, "0.0.0.0 a.example.com\n0.0.0.0 b.example.com\n# third\n", opts);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), base::StatusCode::kResourceExhausted);
  EXPECT_EQ(f.status().message(), "the feed has more than 2 lines or elements");
}

TEST(ImportPlain, DomainListWithIps) {
  ParsedFeed f = MustParse(ImportFormat::kPlain, Fixture("urlhaus-filter-domains-online.txt"));
  ExpectCounts(f, {170, 0, 6});
  EXPECT_EQ(Canonicals(f, Kind::kDomain).size(), 150u);
  EXPECT_EQ(Canonicals(f, Kind::kIp).size(), 20u);
  EXPECT_EQ(f.entries[1].kind, Kind::kIp);
  EXPECT_EQ(f.entries[1].canonical, "1.1.109.99");
  EXPECT_EQ(f.entries[1].line, 8u);
}

TEST(ImportPlain, HostsVnFixtures) {
  ParsedFeed vn = MustParse(ImportFormat::kPlain, Fixture("hostsvn-threat-VN.txt"));
  ExpectCounts(vn, {199, 0, 1});
  EXPECT_EQ(vn.entries[0].canonical, "support-maps.live");
  EXPECT_EQ(vn.entries[0].line, 2u);
  EXPECT_EQ(AtLine(vn, 5).first, "247vi-bank.com");
  EXPECT_EQ(vn.entries.back().canonical, "vongloai.vn");
  ParsedFeed ip = MustParse(ImportFormat::kPlain, Fixture("hostsvn-ip-threat.txt"));
  ExpectCounts(ip, {99, 0, 5});
  EXPECT_EQ(ip.entries[0].kind, Kind::kIp);
  EXPECT_EQ(ip.entries[0].canonical, "185.236.20.189");
  EXPECT_EQ(ip.entries[0].line, 2u);
}

TEST(ImportPlain, MixedValuesAndErrors) {
  ParsedFeed f = MustParse(ImportFormat::kPlain,
                           "! adblock-style comment\n"
                           "# hash comment\n"
                           "*.wild.example.com\n"
                           "HTTP://Evil.Example.com/Login?x=1  # comment\n"
                           "evil.example.com/path\n"
                           "10.0.0.1\n"
                           "2001:db8::1\n"
                           "2606:4700::1111\n"
                           "vcb-xacminh[.]top\n"
                           "localhost\n");
  ASSERT_EQ(f.entries.size(), 5u);
  EXPECT_EQ(f.entries[0].canonical, "wild.example.com");
  EXPECT_EQ(f.entries[1].kind, Kind::kUrl);
  EXPECT_EQ(f.entries[1].canonical, "http://evil.example.com/Login?x=1");
  EXPECT_EQ(f.entries[2].canonical, "http://evil.example.com/path");
  EXPECT_EQ(f.entries[3].kind, Kind::kIp);
  EXPECT_EQ(f.entries[3].canonical, "2606:4700::1111");
  EXPECT_EQ(f.entries[4].canonical, "vcb-xacminh.top");
  EXPECT_EQ(f.skipped, 2u);
  ASSERT_EQ(f.errors.size(), 3u);
  EXPECT_EQ(f.errors[0].line, 6u);
  EXPECT_EQ(f.errors[0].message, "not a public IP address: '10.0.0.1'");
  EXPECT_EQ(f.errors[1].line, 7u);
  EXPECT_EQ(f.errors[2].line, 10u);
  EXPECT_EQ(f.errors[2].message, "not a valid host: 'localhost' (single-label host name)");
}

TEST(ImportOpenPhish, Fixture) {
  ParsedFeed f = MustParse(ImportFormat::kOpenPhish, Fixture("openphish-feed.txt"));
  ExpectCounts(f, {9, 0, 0});  // line 8 repeats line 1
  for (const ImportedEntry& e : f.entries) {
    EXPECT_EQ(e.kind, Kind::kUrl);
    EXPECT_EQ(e.category, "phishing");
  }
  EXPECT_EQ(f.entries[0].canonical, "https://vcb-xacminh-taikhoan.top/login.php");
  EXPECT_EQ(AtLine(f, 9).first, "https://sites.google.com/view/shopee-hoantien-2026/home");
  EXPECT_EQ(AtLine(f, 10).first, "http://103.77.246.12/vietinbank/index.html");
}

TEST(ImportAdblock, UrlhausFilterFixtures) {
  ParsedFeed agh = MustParse(ImportFormat::kAdblock, Fixture("urlhaus-filter-agh-online.txt"));
  ExpectCounts(agh, {170, 0, 6});
  EXPECT_EQ(agh.entries[1].kind, Kind::kIp);
  EXPECT_EQ(agh.entries[1].canonical, "1.1.109.99");
  ParsedFeed urls = MustParse(ImportFormat::kAdblock, Fixture("urlhaus-filter-online.txt"));
  ExpectCounts(urls, {180, 0, 6});
  EXPECT_EQ(Canonicals(urls, Kind::kUrl).size(), 30u);
  EXPECT_EQ(Canonicals(urls, Kind::kDomain).size(), 150u);
  EXPECT_EQ(urls.entries.back().canonical,
            "http://cdn.jsdelivr.net/gh/repository-git/q@master/terms.js");
  EXPECT_EQ(urls.entries.back().line, 186u);
}

TEST(ImportAdblock, RulesOfNoInterestAreSkipped) {
  ParsedFeed f = MustParse(ImportFormat::kAdblock,
                           "[Adblock Plus 2.0]\n"
                           "! comment\n"
                           "||evil.example.com^\n"
                           "||evil2.example.com^$important\n"
                           "@@||good.example.com^\n"
                           "example.com##.banner\n"
                           "||ads.example.com^$domain=news.example.com\n"
                           "/banner/*/img^\n"
                           "||*.cdn.example.com^\n"
                           "0.0.0.0 hosts-style.example.org\n"
                           "plain.example.org\n"
                           "|https://phish.example.net/login|\n"
                           "||bad host^\n");
  ASSERT_EQ(f.entries.size(), 5u);
  EXPECT_EQ(f.entries[0].canonical, "evil.example.com");
  EXPECT_EQ(f.entries[1].canonical, "evil2.example.com");
  EXPECT_EQ(f.entries[2].canonical, "hosts-style.example.org");
  EXPECT_EQ(f.entries[3].canonical, "plain.example.org");
  EXPECT_EQ(f.entries[4].canonical, "https://phish.example.net/login");
  EXPECT_EQ(f.skipped, 7u);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].line, 13u);
}

TEST(ImportRpz, UrlhausFilterFixture) {
  ParsedFeed f = MustParse(ImportFormat::kRpz, Fixture("urlhaus-filter-rpz-online.conf"));
  ExpectCounts(f, {150, 0, 11});
  EXPECT_EQ(f.entries[0].canonical, "0022a601.pphost.net");
  EXPECT_EQ(f.entries[0].line, 12u);
}

TEST(ImportRpz, OriginWildcardsPassthruAndSoa) {
  ParsedFeed f = MustParse(ImportFormat::kRpz,
                           "$ORIGIN rpz.binhyen.\n"
                           "$TTL 300\n"
                           "@ 300 IN SOA ns.binhyen.vn. admin.binhyen.vn. (\n"
                           "   42 3600 600 86400 300 )\n"
                           "  IN NS localhost.\n"
                           "evil.example.com CNAME .\n"
                           "*.evil.example.com CNAME .\n"
                           "phish.example.net.rpz.binhyen. 300 IN CNAME .\n"
                           "vietcombank.com.vn CNAME rpz-passthru.\n"
                           "32.1.0.0.127.rpz-ip CNAME .\n"
                           "garden.example.org A 10.0.0.1 ; walled garden\n"
                           "bad_name CNAME .\n");
  ASSERT_EQ(f.entries.size(), 3u);
  EXPECT_EQ(f.entries[0].canonical, "evil.example.com");
  EXPECT_EQ(f.entries[1].canonical, "phish.example.net");
  EXPECT_EQ(f.entries[1].line, 8u);
  EXPECT_EQ(f.entries[2].canonical, "garden.example.org");
  EXPECT_EQ(f.skipped, 7u);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].line, 12u);
}

TEST(ImportDnsConfigs, DnsmasqUnboundBind) {
  ParsedFeed d = MustParse(ImportFormat::kDnsmasq,
                           "# c\naddress=/a.example.com/b.example.com/0.0.0.0\n"
                           "server=/fwd.example.com/1.1.1.1\nlocal=/c.example.com/\n"
                           "address=/bad host/0.0.0.0\nno-resolv\n");
  ASSERT_EQ(d.entries.size(), 3u);
  EXPECT_EQ(d.entries[1].canonical, "b.example.com");
  EXPECT_EQ(d.entries[2].canonical, "c.example.com");
  EXPECT_EQ(d.skipped, 3u);
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].line, 5u);
  ParsedFeed u = MustParse(ImportFormat::kUnbound,
                           "server:\nlocal-zone: \"a.example.com.\" always_nxdomain\n"
                           "local-zone: \"ok.example.com\" transparent\n"
                           "local-zone: b.example.com static\n");
  ASSERT_EQ(u.entries.size(), 2u);
  EXPECT_EQ(u.entries[0].canonical, "a.example.com");
  EXPECT_EQ(u.entries[1].canonical, "b.example.com");
  EXPECT_EQ(u.skipped, 2u);
  ParsedFeed b =
      MustParse(ImportFormat::kBind,
                "options { };\nzone \"a.example.com\" { type master; file \"null\"; };\n");
  ASSERT_EQ(b.entries.size(), 1u);
  EXPECT_EQ(b.entries[0].canonical, "a.example.com");
  EXPECT_EQ(b.entries[0].line, 2u);
}

// The same URLhaus data in every DNS-level form yields the same set of host names.
TEST(ImportEquivalence, UrlhausFilterVariants) {
  const std::set<std::string> reference = Canonicals(
      MustParse(ImportFormat::kHosts, Fixture("urlhaus-filter-hosts-online.txt")), Kind::kDomain);
  ASSERT_EQ(reference.size(), 150u);
  const std::pair<ImportFormat, const char*> variants[] = {
      {ImportFormat::kRpz, "urlhaus-filter-rpz-online.conf"},
      {ImportFormat::kDnsmasq, "urlhaus-filter-dnsmasq-online.conf"},
      {ImportFormat::kUnbound, "urlhaus-filter-unbound-online.conf"},
      {ImportFormat::kBind, "urlhaus-filter-bind-online.conf"},
      {ImportFormat::kAdblock, "urlhaus-filter-agh-online.txt"},
      {ImportFormat::kPlain, "urlhaus-filter-domains-online.txt"},
      {ImportFormat::kAdblock, "urlhaus-filter-online.txt"},
      {ImportFormat::kCsv, "urlhaus-filter-splunk-online.csv"},
  };
  for (const auto& [format, name] : variants) {
    ParsedFeed f = MustParse(format, Fixture(name));
    EXPECT_TRUE(f.errors.empty()) << name;
    EXPECT_EQ(Canonicals(f, Kind::kDomain), reference) << name;
  }
}

}  // namespace
}  // namespace binhyen::exchange

#include "exchange/export_formats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "exchange/internal/export_test_fixture.h"

namespace binhyen::exchange {
namespace {

using indicator::Kind;
using testing::At;
using testing::Entry;
using testing::FixtureInput;

// Golden texts of FixtureInput() (export_test_fixture.h). The CSV golden is written with LF;
// the export uses CRLF (RFC 4180).
constexpr std::string_view kGoldenHosts =
    R"golden(# Title: Bình Yên – danh sách chặn lừa đảo đã xác minh (hosts)
# Version: 42
# Updated: 2026-11-28T22:13:22Z
# Homepage: https://binhyen.example
# Entries: 2
0.0.0.0 nhanqua-shopee.xyz
0.0.0.0 vcb-xacminh.top
)golden";

constexpr std::string_view kGoldenRpz =
    R"golden(; Title: Bình Yên – danh sách chặn lừa đảo đã xác minh (rpz)
; Version: 42
; Updated: 2026-11-28T22:13:22Z
; Homepage: https://binhyen.example
; Entries: 4
$ORIGIN rpz.binhyen.
$TTL 300
@ IN SOA localhost. hostmaster.localhost. 42 3600 600 604800 300
@ IN NS localhost.
nhanqua-shopee.xyz CNAME .
*.nhanqua-shopee.xyz CNAME .
vcb-xacminh.top CNAME .
*.vcb-xacminh.top CNAME .
128.7.zz.db8.2001.rpz-ip CNAME .
32.7.113.0.203.rpz-ip CNAME .
an-toan.nhanqua-shopee.xyz CNAME rpz-passthru.
*.an-toan.nhanqua-shopee.xyz CNAME rpz-passthru.
blogspot.com CNAME rpz-passthru.
*.blogspot.com CNAME rpz-passthru.
sites.google.com CNAME rpz-passthru.
*.sites.google.com CNAME rpz-passthru.
)golden";

constexpr std::string_view kGoldenPlain = R"golden(http://vcb-xacminh.top/dang-nhap?a=1,2
evil.blogspot.com
nhanqua-shopee.xyz
vcb-xacminh.top
2001:db8::7
203.0.113.7
)golden";

constexpr std::string_view kGoldenCsv =
    R"golden(kind,value,category,severity,first_seen,last_seen,expires_at,warning_url
url,"http://vcb-xacminh.top/dang-nhap?a=1,2",phishing,high,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,,https://binhyen.example/canhbao/vcb-gia-mao
domain,evil.blogspot.com,phishing,high,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,,
domain,nhanqua-shopee.xyz,prize,medium,2026-10-15T12:00:00Z,2026-11-25T07:45:30Z,,
domain,vcb-xacminh.top,phishing,high,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,2027-05-01T00:00:00Z,https://binhyen.example/canhbao/vcb-gia-mao
ip,2001:db8::7,malware,high,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,,
ip,203.0.113.7,malware,high,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,,
phone,+84912345678,scam_call,high,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,,
bank_account,970436:0071000986547,bank_fraud,critical,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,,https://binhyen.example/canhbao/vcb-gia-mao
email,hotro@vcb-xacminh.top,phishing,high,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,,
social,facebook:nguyenvana,fake_account,medium,2026-11-01T08:00:00Z,2026-11-20T09:30:00Z,,
)golden";

constexpr std::string_view kGoldenAdguard =
    R"golden(! Title: Bình Yên – danh sách chặn lừa đảo đã xác minh (adguard)
! Version: 42
! Updated: 2026-11-28T22:13:22Z
! Homepage: https://binhyen.example
! Entries: 3
||nhanqua-shopee.xyz^
||vcb-xacminh.top^
||203.0.113.7^
@@||an-toan.nhanqua-shopee.xyz^
)golden";

constexpr std::string_view kGoldenDnsmasq =
    R"golden(# Title: Bình Yên – danh sách chặn lừa đảo đã xác minh (dnsmasq)
# Version: 42
# Updated: 2026-11-28T22:13:22Z
# Homepage: https://binhyen.example
# Entries: 2
address=/nhanqua-shopee.xyz/#
address=/vcb-xacminh.top/#
server=/an-toan.nhanqua-shopee.xyz/#
)golden";

constexpr std::string_view kGoldenUnbound =
    R"golden(# Title: Bình Yên – danh sách chặn lừa đảo đã xác minh (unbound)
# Version: 42
# Updated: 2026-11-28T22:13:22Z
# Homepage: https://binhyen.example
# Entries: 2
local-zone: "nhanqua-shopee.xyz" always_nxdomain
local-zone: "vcb-xacminh.top" always_nxdomain
local-zone: "an-toan.nhanqua-shopee.xyz" always_transparent
)golden";

std::string Rendered(ExportFormat format, const ExportInput& input = FixtureInput()) {
  base::Result<std::string> out = Render(format, input);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : std::string();
}

std::string Crlf(std::string_view lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

TEST(ExportFormatsTest, NamesRoundTripAndMediaTypes) {
  constexpr ExportFormat kAll[] = {
      ExportFormat::kHosts,   ExportFormat::kRpz,     ExportFormat::kPlain,
      ExportFormat::kCsv,     ExportFormat::kStix,    ExportFormat::kMisp,
      ExportFormat::kAdguard, ExportFormat::kDnsmasq, ExportFormat::kUnbound};
  for (ExportFormat f : kAll) {
    EXPECT_EQ(ParseExportFormat(ExportFormatName(f)), f) << ExportFormatName(f);
    EXPECT_FALSE(ExportMediaType(f).empty());
  }
  EXPECT_EQ(ExportFormatName(ExportFormat::kDnsmasq), "dnsmasq");
  EXPECT_EQ(ParseExportFormat("adblock"), ExportFormat::kAdguard);
  EXPECT_EQ(ParseExportFormat("HOSTS"), std::nullopt);
  EXPECT_EQ(ParseExportFormat(""), std::nullopt);
  EXPECT_EQ(ExportMediaType(ExportFormat::kCsv), "text/csv; charset=utf-8; header=present");
  EXPECT_EQ(ExportMediaType(ExportFormat::kStix), "application/stix+json;version=2.1");
  EXPECT_EQ(ExportMediaType(ExportFormat::kMisp), "application/json");
  EXPECT_EQ(ExportMediaType(ExportFormat::kRpz), "text/dns; charset=utf-8");
}

TEST(ExportFormatsTest, ExchangeUuidIsRfc4122Version5) {
  // Expected values from Python: uuid.uuid5(uuid.UUID("e3e6d1d4-..."), name).
  EXPECT_EQ(ExchangeUuid("stix:identity:Bình Yên"), "d14e7bb8-f657-56ae-8362-6a75a59ea67d");
  EXPECT_EQ(ExchangeUuid("stix:indicator:url:http://vcb-xacminh.top/dang-nhap?a=1,2"),
            "a486ef00-1a26-57e9-b5f9-2b4c757e0208");
}

TEST(ExportFormatsTest, HostsGolden) { EXPECT_EQ(Rendered(ExportFormat::kHosts), kGoldenHosts); }
TEST(ExportFormatsTest, RpzGolden) { EXPECT_EQ(Rendered(ExportFormat::kRpz), kGoldenRpz); }
TEST(ExportFormatsTest, PlainGolden) { EXPECT_EQ(Rendered(ExportFormat::kPlain), kGoldenPlain); }
TEST(ExportFormatsTest, CsvGolden) { EXPECT_EQ(Rendered(ExportFormat::kCsv), Crlf(kGoldenCsv)); }
TEST(ExportFormatsTest, AdguardGolden) {
  EXPECT_EQ(Rendered(ExportFormat::kAdguard), kGoldenAdguard);
}
TEST(ExportFormatsTest, DnsmasqGolden) {
  EXPECT_EQ(Rendered(ExportFormat::kDnsmasq), kGoldenDnsmasq);
}
TEST(ExportFormatsTest, UnboundGolden) {
  EXPECT_EQ(Rendered(ExportFormat::kUnbound), kGoldenUnbound);
}

TEST(ExportFormatsTest, OutputDoesNotDependOnInputOrder) {
  ExportInput reversed = FixtureInput();
  reversed.entries.pop_back();  // the repeat: of two equal pairs, the first in input order wins
  std::reverse(reversed.entries.begin(), reversed.entries.end());
  std::reverse(reversed.passthru_hosts.begin(), reversed.passthru_hosts.end());
  for (ExportFormat f : {ExportFormat::kHosts, ExportFormat::kRpz, ExportFormat::kCsv,
                         ExportFormat::kStix, ExportFormat::kMisp, ExportFormat::kAdguard}) {
    EXPECT_EQ(Rendered(f, reversed), Rendered(f)) << ExportFormatName(f);
  }
}

TEST(ExportFormatsTest, CsvQuotesPerRfc4180) {
  ExportInput in;
  in.entries.push_back(
      Entry(Kind::kUrl, "http://a.vn/x\"y", "other", "low", "https://b.vn/canhbao/a,b\nc"));
  in.entries.back().first_seen = At(0);
  in.entries.back().last_seen = At(0);
  in.entries.back().expires_at = At(86400);
  EXPECT_EQ(Rendered(ExportFormat::kCsv, in),
            "kind,value,category,severity,first_seen,last_seen,expires_at,warning_url\r\n"
            "url,\"http://a.vn/x\"\"y\",other,low,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z,"
            "1970-01-02T00:00:00Z,\"https://b.vn/canhbao/a,b\nc\"\r\n");
}

TEST(ExportFormatsTest, RpzSerialIsVersionModulo2To32AndZoneIsConfigurable) {
  ExportInput in;
  in.version = (int64_t{1} << 32) + 7;
  in.zone = "rpz.truong-hoc.vn.";
  in.entries.push_back(Entry(Kind::kDomain, "lua-dao.top", "phishing", "high"));
  const std::string rpz = Rendered(ExportFormat::kRpz, in);
  EXPECT_NE(rpz.find("$ORIGIN rpz.truong-hoc.vn.\n"), std::string::npos) << rpz;
  EXPECT_NE(rpz.find("@ IN SOA localhost. hostmaster.localhost. 7 3600 600 604800 300\n"),
            std::string::npos)
      << rpz;
}

TEST(ExportFormatsTest, RejectsBadZoneAndNegativeVersion) {
  ExportInput in;
  in.zone = "rpz.binhyen";  // no trailing dot
  base::Result<std::string> no_dot = Render(ExportFormat::kRpz, in);
  ASSERT_FALSE(no_dot.ok());
  EXPECT_EQ(no_dot.status().code(), base::StatusCode::kInvalidArgument);
  in.zone = "rpz binhyen.";
  EXPECT_FALSE(Render(ExportFormat::kRpz, in).ok());
  in.zone = "rpz.binhyen.";
  in.version = -1;
  for (ExportFormat f : {ExportFormat::kRpz, ExportFormat::kHosts, ExportFormat::kStix}) {
    base::Result<std::string> out = Render(f, in);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), base::StatusCode::kInvalidArgument);
  }
}

TEST(ExportFormatsTest, DnsFormatsSkipNamesAZoneFileCannotCarry) {
  ExportInput in;
  in.entries.push_back(Entry(Kind::kDomain, "ok.vn", "spam", "low"));
  in.entries.push_back(Entry(Kind::kDomain, "bad;name.vn", "spam", "low"));
  in.entries.push_back(Entry(Kind::kDomain, std::string(64, 'a') + ".vn", "spam", "low"));
  in.entries.push_back(Entry(Kind::kDomain, "UPPER.vn", "spam", "low"));
  // 240 + 1 + ".rpz.binhyen." exceeds 253 characters with "*.": not in the RPZ.
  std::string long_name;
  for (int i = 0; i < 4; ++i) long_name += std::string(59, 'b') + ".";
  long_name += "vn";
  in.entries.push_back(Entry(Kind::kDomain, long_name, "spam", "low"));
  const std::string hosts = Rendered(ExportFormat::kHosts, in);
  EXPECT_EQ(hosts.substr(hosts.find("# Entries")),
            "# Entries: 2\n0.0.0.0 " + long_name + "\n0.0.0.0 ok.vn\n");
  const std::string rpz = Rendered(ExportFormat::kRpz, in);
  EXPECT_EQ(rpz.find(long_name), std::string::npos);
  EXPECT_NE(rpz.find("\nok.vn CNAME .\n*.ok.vn CNAME .\n"), std::string::npos) << rpz;
}

TEST(ExportFormatsTest, EmptyInputRendersValidEmptyLists) {
  ExportInput in;
  in.generated_at = At(1795904002);
  EXPECT_EQ(Rendered(ExportFormat::kPlain, in), "");
  EXPECT_EQ(Rendered(ExportFormat::kCsv, in),
            "kind,value,category,severity,first_seen,last_seen,expires_at,warning_url\r\n");
  EXPECT_EQ(Rendered(ExportFormat::kDnsmasq, in),
            "# Title: Bình Yên – danh sách chặn lừa đảo đã xác minh (dnsmasq)\n"
            "# Version: 0\n# Updated: 2026-11-28T22:13:22Z\n# Entries: 0\n");
}

}  // namespace
}  // namespace binhyen::exchange

// ParseFeed on the CSV and JSON formats: generic CSV, URLhaus CSV, PhishTank CSV/JSON,
// ChongLuaDao, STIX 2.1 and MISP.
#include <gtest/gtest.h>

#include <string>

#include "exchange/import_formats.h"
#include "exchange/internal/import_test_util.h"

namespace binhyen::exchange {
namespace {

using indicator::Kind;
using testing::AtLine;
using testing::Canonicals;
using testing::Fixture;

ParsedFeed MustParse(ImportFormat format, std::string_view text) {
  base::Result<ParsedFeed> feed = ParseFeed(format, text);
  EXPECT_TRUE(feed.ok()) << feed.status().ToString();
  return feed.ok() ? std::move(feed).value() : ParsedFeed{};
}

void ExpectCounts(const ParsedFeed& feed, size_t entries, size_t errors, size_t skipped) {
  EXPECT_EQ(feed.entries.size(), entries);
  EXPECT_EQ(feed.errors.size(), errors);
  EXPECT_EQ(feed.skipped, skipped);
}

TEST(ImportCsv, BinhyenIndicatorsWithKindAndCategory) {
  // CRLF line endings and RFC 4180 quoting ("" inside a quoted field).
  ParsedFeed f = MustParse(ImportFormat::kCsv, Fixture("binhyen-indicators.csv"));
  ExpectCounts(f, 5, 2, 1);
  EXPECT_EQ(f.entries[0].kind, Kind::kUrl);
  EXPECT_EQ(f.entries[0].canonical, "https://vcb-xacminh.top/dang-nhap");
  EXPECT_EQ(f.entries[0].category, "phishing");
  EXPECT_EQ(f.entries[1].kind, Kind::kDomain);
  EXPECT_EQ(f.entries[1].canonical, "shopee-hoantien.xyz");
  EXPECT_EQ(f.entries[1].category, "");
  EXPECT_EQ(f.entries[2].kind, Kind::kPhone);
  EXPECT_EQ(f.entries[2].canonical, "+84912345678");
  EXPECT_EQ(f.entries[2].category, "scam_call");
  EXPECT_EQ(f.entries[3].kind, Kind::kIp);
  EXPECT_EQ(f.entries[4].kind, Kind::kBankAccount);
  EXPECT_EQ(f.entries[4].canonical, "970436:0071000986547");
  EXPECT_EQ(f.entries[4].line, 6u);
  EXPECT_EQ(f.errors[0].line, 7u);
  EXPECT_EQ(f.errors[0].message, "unknown kind 'spaceship'");
  EXPECT_EQ(f.errors[1].line, 8u);
}

TEST(ImportCsv, SplunkHostAndPathColumns) {
  ParsedFeed f = MustParse(ImportFormat::kCsv, Fixture("urlhaus-filter-splunk-online.csv"));
  ExpectCounts(f, 180, 0, 7);
  EXPECT_EQ(f.entries[0].canonical, "0022a601.pphost.net");
  EXPECT_EQ(f.entries[0].line, 8u);
  EXPECT_EQ(
      Canonicals(f, Kind::kUrl)
          .count("http://2024.sci-hub.se/2294/7a43bb4cf6c57229b02a9604a1f4614e/skidmore1966.pdf"),
      1u);
}

TEST(ImportCsv, HeaderWithoutValueColumnIsRefused) {
  base::Result<ParsedFeed> f = ParseFeed(ImportFormat::kCsv, "# c\nname,size\na,1\n");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(f.status().message(),
            "line 2: the CSV header has no url, domain, host, value or indicator column");
}

TEST(ImportCsv, QuotedNewlineAndUnterminatedQuote) {
  ParsedFeed f = MustParse(ImportFormat::kCsv,
                           "\xEF\xBB\xBF"
                           "domain,note\n"
                           "a.example.com,\"two\nlines\"\n"
                           "b.example.com,x\n"
                           "c.example.com,\"open\n");
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[1].canonical, "b.example.com");
  EXPECT_EQ(f.entries[1].line, 4u);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].line, 5u);
  EXPECT_EQ(f.errors[0].message, "unterminated quoted field");
}

TEST(ImportUrlhaus, Fixture) {
  ParsedFeed f = MustParse(ImportFormat::kUrlhausCsv, Fixture("urlhaus-csv-online.csv"));
  ExpectCounts(f, 5, 1, 9);  // line 15 repeats line 10
  EXPECT_EQ(f.entries[0].canonical, "http://182.117.49.140/bin.sh");
  EXPECT_EQ(f.entries[0].category, "malware");
  EXPECT_EQ(f.entries[0].line, 10u);
  EXPECT_EQ(AtLine(f, 13).first, "http://bitbucket.org/sansebas/sdsd/downloads/demanda.zip");
  EXPECT_EQ(AtLine(f, 16),
            std::make_pair(std::string("http://fake-update.vn-chrome.top/update.apk"),
                           std::string("phishing")));
  EXPECT_EQ(f.errors[0].line, 14u);
}

TEST(ImportPhishTank, CsvAndJsonAgree) {
  ParsedFeed csv = MustParse(ImportFormat::kPhishTank, Fixture("phishtank-online-valid.csv"));
  ExpectCounts(csv, 4, 1, 2);  // header and an unverified record skipped; line 7 is a repeat
  EXPECT_EQ(csv.errors[0].line, 6u);
  ParsedFeed json = MustParse(ImportFormat::kPhishTank, Fixture("phishtank-online-valid.json"));
  ExpectCounts(json, 4, 1, 1);
  EXPECT_EQ(json.errors[0].line, 5u);
  EXPECT_EQ(json.errors[0].message, "element without a \"url\" string");
  EXPECT_EQ(Canonicals(csv, Kind::kUrl), Canonicals(json, Kind::kUrl));
  EXPECT_EQ(json.entries[1].canonical,
            "http://secure-paypal.account-update.support/webapps/signin?country=VN&lang=vi");
  EXPECT_EQ(json.entries[1].category, "phishing");
  EXPECT_EQ(json.entries[3].line, 6u);
}

TEST(ImportChongLuaDao, Fixture) {
  ParsedFeed f =
      MustParse(ImportFormat::kChongLuaDao, Fixture("chongluadao-extension-blacklist.json"));
  ExpectCounts(f, 93, 0, 27);  // 27 bad_sensitive_content records skipped
  EXPECT_EQ(f.entries[0].kind, Kind::kDomain);
  EXPECT_EQ(f.entries[0].canonical, "2021-lmht.gq");  // "http://2021-lmht.gq/*", type scam
  EXPECT_EQ(f.entries[0].category, "");
  EXPECT_EQ(f.entries[1].canonical, "acb-online.co");
  EXPECT_EQ(f.entries[1].category, "phishing");
  EXPECT_EQ(AtLine(f, 115),
            std::make_pair(std::string("http://bblink.com/hoc_sinh_trong_cong_vien"),
                           std::string("phishing")));
}

TEST(ImportChongLuaDao, PathPrefixesAndTypes) {
  ParsedFeed f = MustParse(
      ImportFormat::kChongLuaDao,
      R"([{"_id":"1","url":"https://www.facebook.com/scam.page/*","type":"impersonate_fake","level":"high","meta":{}},
          {"_id":"2","url":"http://1.2.3.4/*","type":"dangerous_link","level":"high","meta":{}},
          {"_id":"3","url":"http://x.example.com/*","type":"bad_sensitive_content","level":"high","meta":{}},
          {"_id":"4","type":"scam"},
          "not an object"])");
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[0].kind, Kind::kUrl);
  EXPECT_EQ(f.entries[0].canonical, "https://www.facebook.com/scam.page/");
  EXPECT_EQ(f.entries[0].category, "phishing");
  EXPECT_EQ(f.entries[1].kind, Kind::kIp);
  EXPECT_EQ(f.entries[1].canonical, "1.2.3.4");
  EXPECT_EQ(f.entries[1].category, "malware");
  EXPECT_EQ(f.skipped, 1u);
  ASSERT_EQ(f.errors.size(), 2u);
  EXPECT_EQ(f.errors[0].line, 4u);
  EXPECT_EQ(f.errors[1].line, 5u);
}

TEST(ImportJson, NotJsonOrWrongShapeIsInvalidArgument) {
  for (ImportFormat format :
       {ImportFormat::kChongLuaDao, ImportFormat::kStix, ImportFormat::kMisp}) {
    base::Result<ParsedFeed> f = ParseFeed(format, "0.0.0.0 evil.example.com\n");
    ASSERT_FALSE(f.ok()) << ImportFormatName(format);
    EXPECT_EQ(f.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_NE(f.status().message().find("JSON"), std::string::npos) << f.status().message();
  }
  EXPECT_EQ(ParseFeed(ImportFormat::kPhishTank, "{\"url\": 1}").status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFeed(ImportFormat::kChongLuaDao, "{}").status().message(),
            "ChongLuaDao JSON: expected an array");
  EXPECT_EQ(ParseFeed(ImportFormat::kStix, "[1]").status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFeed(ImportFormat::kMisp, "{\"a\": 1}").status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFeed(ImportFormat::kMisp, "[1, 2").status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST(ImportJson, BomAndLimit) {
  ParsedFeed f =
      MustParse(ImportFormat::kChongLuaDao,
                "\xEF\xBB\xBF[{\"url\":\"http://a.example.com/*\",\"type\":\"phishing\"}]");
  ASSERT_EQ(f.entries.size(), 1u);
  ParseOptions opts;
  opts.max_entries = 1;
  base::Result<ParsedFeed> r =
      ParseFeed(ImportFormat::kChongLuaDao,
                R"([{"url":"http://a.example.com/*"},{"url":"http://b.example.com/*"}])", opts);
  EXPECT_EQ(r.status().code(), base::StatusCode::kResourceExhausted);
}

TEST(ImportStix, DocumentationExampleAndApt1) {
  ParsedFeed url =
      MustParse(ImportFormat::kStix, Fixture("stix21-indicator-for-malicious-url.json"));
  ExpectCounts(url, 1, 0, 2);
  EXPECT_EQ(url.entries[0].kind, Kind::kUrl);
  EXPECT_EQ(url.entries[0].canonical, "http://x4z9arb.cn/4712/");
  EXPECT_EQ(url.entries[0].line, 1u);
  EXPECT_EQ(url.entries[0].category, "");  // "malicious-activity" names no category
  ParsedFeed apt1 = MustParse(ImportFormat::kStix, Fixture("stix21-apt1.json"));
  ExpectCounts(apt1, 3, 4, 11);  // 4 CIDR ranges; hashes, certificates, other objects skipped
  EXPECT_EQ(apt1.entries[0].canonical, "hugesoft.org");
  EXPECT_EQ(apt1.entries[0].kind, Kind::kDomain);
  EXPECT_EQ(apt1.entries[0].line, 8u);
  EXPECT_EQ(apt1.errors[0].message, "IP address ranges are not supported: '223.166.0.0/15'");
  EXPECT_EQ(apt1.errors[0].line, 4u);
}

TEST(ImportStix, CompoundPatternsLabelsAndBenign) {
  ParsedFeed f = MustParse(ImportFormat::kStix, R"({"type":"bundle","id":"bundle--1","objects":[
    {"type":"indicator","pattern_type":"stix","labels":["phishing"],
     "pattern":"[url:value = 'http://a.example.com/it\\'s'] OR [domain-name:value = 'b.example.com']"},
    {"type":"indicator","pattern_type":"stix","indicator_types":["benign"],
     "pattern":"[domain-name:value = 'good.example.com']"},
    {"type":"indicator","pattern_type":"sigma","pattern":"title: x"},
    {"type":"indicator","pattern_type":"stix","revoked":true,
     "pattern":"[domain-name:value = 'old.example.com']"},
    {"type":"indicator","pattern_type":"stix","pattern":"[email-addr:value = 'Scam@Example.com']"},
    {"type":"indicator","pattern_type":"stix"}]})");
  ASSERT_EQ(f.entries.size(), 3u);
  EXPECT_EQ(f.entries[0].canonical, "http://a.example.com/it's");
  EXPECT_EQ(f.entries[0].category, "phishing");
  EXPECT_EQ(f.entries[1].canonical, "b.example.com");
  EXPECT_EQ(f.entries[1].category, "phishing");
  EXPECT_EQ(f.entries[2].kind, Kind::kEmail);
  EXPECT_EQ(f.entries[2].line, 5u);
  EXPECT_EQ(f.skipped, 3u);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].message, "STIX indicator without a pattern");
}

TEST(ImportMisp, PymispFixtures) {
  ParsedFeed a = MustParse(ImportFormat::kMisp, Fixture("pymisp-misp_event.json"));
  ExpectCounts(a, 1, 0, 1);
  EXPECT_EQ(a.entries[0].canonical, "http://fake.website.com/malware/is/here");
  EXPECT_EQ(a.entries[0].category, "malware");  // event tag ecsirt:malicious-code="ransomware"
  ParsedFeed b = MustParse(ImportFormat::kMisp, Fixture("pymisp-event_obj_attr_tag.json"));
  ExpectCounts(b, 1, 0, 1);
  EXPECT_EQ(b.entries[0].canonical, "https://www.circl.lu/");
  EXPECT_EQ(b.entries[0].line, 2u);
}

TEST(ImportMisp, ObjectsPhonesBankAccounts) {
  ParsedFeed f = MustParse(ImportFormat::kMisp, Fixture("misp-binhyen-event.json"));
  ExpectCounts(f, 7, 1, 3);  // element 10 repeats element 2
  EXPECT_EQ(f.entries[0].kind, Kind::kEmail);
  EXPECT_EQ(f.entries[0].category, "bank_impersonation");
  EXPECT_EQ(f.entries[2].canonical, "tpbank-khuyenmai.xyz");
  EXPECT_EQ(f.entries[3].kind, Kind::kIp);
  EXPECT_EQ(f.entries[3].canonical, "103.77.246.12");
  EXPECT_EQ(f.entries[3].category, "phishing");
  EXPECT_EQ(f.entries[4].canonical, "http://shopee-hoantien.xyz/nhan-tien?ref=zalo");
  EXPECT_EQ(f.entries[4].category, "phishing");
  EXPECT_EQ(f.entries[5].kind, Kind::kPhone);
  EXPECT_EQ(f.entries[5].canonical, "+84912345678");
  EXPECT_EQ(f.entries[5].category, "fake_police");
  EXPECT_EQ(f.entries[6].kind, Kind::kBankAccount);
  EXPECT_EQ(f.entries[6].canonical, "970436:0071000986547");
  EXPECT_EQ(f.entries[6].line, 9u);
  EXPECT_EQ(f.errors[0].line, 6u);
  EXPECT_EQ(f.errors[0].message,
            "not a valid host: 'exa mple.com' (host name has invalid characters)");
}

TEST(ImportMisp, BankAccountBySwiftCode) {
  ParsedFeed f = MustParse(ImportFormat::kMisp, R"({"Event":{"Object":[{"name":"bank-account",
    "Attribute":[{"object_relation":"account","type":"bank-account-nr","value":"0071000986547"},
                 {"object_relation":"swift","type":"bic","value":"BFTVVNVX"}]}]}})");
  ASSERT_EQ(f.entries.size(), 1u) << (f.errors.empty() ? "" : f.errors[0].message);
  EXPECT_EQ(f.entries[0].canonical, "970436:0071000986547");
}

TEST(ImportMisp, ListAndResponseWrappers) {
  const std::string event =
      R"({"Event":{"Attribute":[{"type":"domain","value":"a.example.com"}]}})";
  ParsedFeed list = MustParse(ImportFormat::kMisp, "[" + event + "," + event + "]");
  ExpectCounts(list, 1, 0, 0);
  EXPECT_EQ(list.entries[0].line, 1u);
  ParsedFeed response = MustParse(ImportFormat::kMisp, R"({"response":[)" + event + "]}");
  ExpectCounts(response, 1, 0, 0);
}

}  // namespace
}  // namespace binhyen::exchange

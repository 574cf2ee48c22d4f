#include "indicator/extract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace binhyen::indicator {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// "kind canonical [start,end)" for each result; also checks raw == text[start, end).
std::vector<std::string> Found(std::string_view text, const ExtractOptions& options = {}) {
  std::vector<std::string> out;
  for (const Extracted& e : Extract(text, options)) {
    EXPECT_EQ(e.raw, text.substr(e.start, e.end - e.start));
    out.push_back(std::string(KindName(e.indicator.kind)) + " " + e.indicator.canonical + " [" +
                  std::to_string(e.start) + "," + std::to_string(e.end) + ")");
  }
  return out;
}

std::vector<std::string> Raws(std::string_view text) {
  std::vector<std::string> out;
  for (const Extracted& e : Extract(text)) {
    out.push_back(std::string(KindName(e.indicator.kind)) + ":" + e.raw);
  }
  return out;
}

TEST(ExtractTest, UrlsDomainsAndIps) {
  EXPECT_THAT(Found("Vao https://vcb-xacminh.top/login?x=1 ngay"),
              ElementsAre("url https://vcb-xacminh.top/login?x=1 [4,37)"));
  EXPECT_THAT(Found("vietcombank-xacthuc.com/otp"),
              ElementsAre("url http://vietcombank-xacthuc.com/otp [0,27)"));
  EXPECT_THAT(Found("hxxps://vcb-xacminh[.]top"),
              ElementsAre("url https://vcb-xacminh.top/ [0,25)"));
  EXPECT_THAT(Found("ehoaq. com ehoaq (.) com ehoaq[dot]com"),
              ElementsAre("domain ehoaq.com [0,10)", "domain ehoaq.com [11,24)",
                          "domain ehoaq.com [25,38)"));
  EXPECT_THAT(Found("vietcombánk.vn"), ElementsAre("domain xn--vietcombnk-z4a.vn [0,15)"));
  EXPECT_THAT(Found("103.97.125.20 http://103.97.125.20:8080/a"),
              ElementsAre("ip 103.97.125.20 [0,13)", "url http://103.97.125.20/a [14,41)"));
  EXPECT_THAT(Raws("... tại vcb.com.vn. (xem abc.com) abc.com,"),
              ElementsAre("domain:vcb.com.vn", "domain:abc.com", "domain:abc.com"));
}

TEST(ExtractTest, NotAPublicSuffixIsDropped) {
  EXPECT_THAT(Found("www.abc.notatld and http://x.y.invalidtld/a"), IsEmpty());
}

TEST(ExtractTest, Phones) {
  EXPECT_THAT(Found("SĐT 0912.345.678 hoặc +84 912 345 678"),
              ElementsAre("phone +84912345678 [5,17)", "phone +84912345678 [25,40)"));
  EXPECT_THAT(Raws("(028) 3822 1234, 0255.3822.123, 1900 1234, 1800.1091, 84912345678"),
              ElementsAre("phone:(028) 3822 1234", "phone:0255.3822.123", "phone:1900 1234",
                          "phone:1800.1091", "phone:84912345678"));
}

TEST(ExtractTest, BankAccounts) {
  EXPECT_THAT(Found("Vietcombank: 0071000986547"),
              ElementsAre("bank_account 970436:0071000986547 [13,26)"));
  EXPECT_THAT(Found("STK 1903 6666 888 Techcombank"),
              ElementsAre("bank_account 970407:19036666888 [4,17)"));
  EXPECT_THAT(Found("VCB 0071000986547"), ElementsAre("bank_account 970436:0071000986547 [4,17)"));
  EXPECT_THAT(Found("ngân hàng MB số tài khoản 0123456789 chủ tk NGUYEN VAN A"),
              ElementsAre("bank_account 970422:0123456789 [33,43)"));
  EXPECT_THAT(Found("STK: 123456789 (ACB)"), ElementsAre("bank_account 970416:123456789 [5,14)"));
  EXPECT_THAT(Found("STK 123456789"), ElementsAre("bank_account 123456789 [4,13)"));
  // Phone-number accounts, common at MB and Techcombank.
  EXPECT_THAT(Found("MB 0912345678"), ElementsAre("bank_account 970422:0912345678 [3,13)"));
}

TEST(ExtractTest, EmailsAndSocial) {
  EXPECT_THAT(Found("abc[at]gmail[.]com"), ElementsAre("email abc@gmail.com [0,18)"));
  EXPECT_THAT(Raws("fb.com/nguyenvana zalo.me/0912345678 t.me/hrshopee_vn tiktok.com/@abc"),
              ElementsAre("social:fb.com/nguyenvana", "social:zalo.me/0912345678",
                          "social:t.me/hrshopee_vn", "social:tiktok.com/@abc"));
}

TEST(ExtractTest, Negatives) {
  EXPECT_THAT(Found("500.000 VND, 500.000đ, 1,080,096.50, 2.500.000 đồng, 5tr, $1,000"), IsEmpty());
  EXPECT_THAT(Found("12/05/2024 12.05.2024 2024-05-12 14:30 14h30"), IsEmpty());
  EXPECT_THAT(Found("Ma OTP: 123456, OTP 482913, Don hang #SPX123456789, MVD: VN123456789"),
              IsEmpty());
  EXPECT_THAT(Found("CCCD 012345678901, CMND 123456789, v1.2.3, 3.14, anh.jpg, app.apk"),
              IsEmpty());
  EXPECT_THAT(Found("e.g. T.P. TP.HCM Tp.Quảng Ngãi St. đi.về anh.em ok.vậy ban.co toi.la di.me"),
              IsEmpty());
}

TEST(ExtractTest, Options) {
  const std::string text = "https://abc.com/x 0912345678 vcb.vn";
  ExtractOptions phones;
  phones.kinds = {Kind::kPhone};
  EXPECT_THAT(Found(text, phones), ElementsAre("phone +84912345678 [18,28)"));
  ExtractOptions domains;
  domains.kinds = {Kind::kDomain};  // the URL's host is not a domain result
  EXPECT_THAT(Found(text, domains), ElementsAre("domain vcb.vn [29,35)"));
  ExtractOptions two;
  two.max_results = 2;
  EXPECT_EQ(Found(text, two).size(), 2u);
}

TEST(ExtractTest, InvalidUtf8AndBinary) {
  std::string text("\x00\xff\xfe 0912345678 \xc3\x28 abc.com\x80", 27);
  EXPECT_THAT(Found(text), ElementsAre("phone +84912345678 [4,14)", "domain abc.com [18,25)"));
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
  for (const Extracted& e : Extract(junk)) {
    EXPECT_LE(e.end, junk.size());
    EXPECT_FALSE(e.indicator.canonical.empty());
  }
}

// Runs Extract over the whole UCI SMS Spam Collection: no crash, and no ham (legitimate) message
// yields anything but the real hosts and emails that people wrote in them (reviewed by hand).
TEST(ExtractTest, SmsSpamCollection) {
  const std::set<std::string> kReviewedHamHits = {
      "yijue@hotmail.com",
      "fullonsms.com",
      "www.fullonsms.com",
      "wikipedia.com",
      "magicalsongs.blogspot.com",
      "WAY2SMS.COM",
      "icicibank.com",
      "Indyarocks.com",
      "INDYAROCKS.COM",
      "usc.edu",
      "staff.science.nus.edu.sg/~phyhcmk/teaching/pc1323"};
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/tests/data/sms/SMSSpamCollection.tsv");
  ASSERT_TRUE(in) << "tests/data/sms/SMSSpamCollection.tsv is missing";
  std::string line;
  std::getline(in, line);  // header
  size_t ham = 0, spam = 0, ham_hits = 0, spam_hits = 0, indicators = 0;
  std::map<Kind, size_t> spam_kinds;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string label = line.substr(0, tab);
    const std::string text = line.substr(tab + 1);
    const std::vector<Extracted> found = Extract(text);
    indicators += found.size();
    if (label == "ham") {
      ++ham;
      if (!found.empty()) ++ham_hits;
      for (const Extracted& e : found) {
        EXPECT_TRUE(kReviewedHamHits.count(e.raw))
            << "false positive " << KindName(e.indicator.kind) << " '" << e.raw << "' in: " << text;
      }
    } else {
      ++spam;
      if (!found.empty()) ++spam_hits;
      for (const Extracted& e : found) ++spam_kinds[e.indicator.kind];
    }
  }
  std::printf(
      "SMS collection: %zu ham (%zu with an indicator), %zu spam (%zu with one), %zu "
      "indicators; in spam:",
      ham, ham_hits, spam, spam_hits, indicators);
  for (const auto& [kind, count] : spam_kinds) {
    std::printf(" %s=%zu", std::string(KindName(kind)).c_str(), count);
  }
  std::printf("\n");
  EXPECT_EQ(ham, 4827u);
  EXPECT_EQ(spam, 747u);
  EXPECT_EQ(ham_hits, 16u);
  EXPECT_GE(spam_hits, 130u);
}

}  // namespace
}  // namespace binhyen::indicator

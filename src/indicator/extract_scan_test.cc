// Tests of the candidate finder of Extract (internal/extract_scan.h), without canonicalisers.
#include "indicator/internal/extract_scan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binhyen::indicator::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// "link:raw=>cleaned", "email:raw=>cleaned", "number:raw" for each candidate.
std::vector<std::string> Scan(std::string_view text) {
  std::vector<std::string> out;
  for (const Candidate& c : ScanCandidates(text)) {
    std::string raw(text.substr(c.start, c.end - c.start));
    switch (c.kind) {
      case CandidateKind::kLink: out.push_back("link:" + raw + "=>" + c.cleaned); break;
      case CandidateKind::kEmail: out.push_back("email:" + raw + "=>" + c.cleaned); break;
      case CandidateKind::kNumber: out.push_back("number:" + raw); break;
    }
  }
  return out;
}

TEST(ExtractScanTest, UrlsWithScheme) {
  EXPECT_THAT(
      Scan("Truy cap https://vcb-xacminh.top/login?x=1 ngay"),
      ElementsAre("link:https://vcb-xacminh.top/login?x=1=>https://vcb-xacminh.top/login?x=1"));
  EXPECT_THAT(Scan("http://103.97.125.20:8080/a"),
              ElementsAre("link:http://103.97.125.20:8080/a=>http://103.97.125.20:8080/a"));
  EXPECT_THAT(Scan("HTTPS://VCB.COM.VN"),
              ElementsAre("link:HTTPS://VCB.COM.VN=>https://VCB.COM.VN"));
}

TEST(ExtractScanTest, SchemelessHostsAndUrls) {
  EXPECT_THAT(Scan("vao vietcombank-xacthuc.com/otp hoac bit.ly/3abcd."),
              ElementsAre("link:vietcombank-xacthuc.com/otp=>http://vietcombank-xacthuc.com/otp",
                          "link:bit.ly/3abcd=>http://bit.ly/3abcd"));
  EXPECT_THAT(Scan("www.dbuk.net"), ElementsAre("link:www.dbuk.net=>www.dbuk.net"));
  EXPECT_THAT(Scan("24h.com.vn 1xbet.com"),
              ElementsAre("link:24h.com.vn=>24h.com.vn", "link:1xbet.com=>1xbet.com"));
}

TEST(ExtractScanTest, DefangedForms) {
  EXPECT_THAT(Scan("hxxps://vcb-xacminh[.]top"),
              ElementsAre("link:hxxps://vcb-xacminh[.]top=>https://vcb-xacminh.top"));
  EXPECT_THAT(Scan("h**p[:]//abc(.)xyz/a"),
              ElementsAre("link:h**p[:]//abc(.)xyz/a=>http://abc.xyz/a"));
  EXPECT_THAT(Scan("ehoaq. com"), ElementsAre("link:ehoaq. com=>ehoaq.com"));
  EXPECT_THAT(Scan("ehoaq (.) com"), ElementsAre("link:ehoaq (.) com=>ehoaq.com"));
  EXPECT_THAT(Scan("ehoaq[dot]com"), ElementsAre("link:ehoaq[dot]com=>ehoaq.com"));
  EXPECT_THAT(Scan("ehoaq{DOT}com"), ElementsAre("link:ehoaq{DOT}com=>ehoaq.com"));
  EXPECT_THAT(Scan("shopee-thuong . vn!"),
              ElementsAre("link:shopee-thuong . vn=>shopee-thuong.vn"));
  // Spaced dots need a strong TLD after them, and only as the last label.
  EXPECT_THAT(Scan("Xong roi. Me oi"), IsEmpty());
  EXPECT_THAT(Scan("toi o nha. co gi"), IsEmpty());
  EXPECT_THAT(Scan("ban. vn la gi"), ElementsAre("link:ban. vn=>ban.vn"));
  // After a scheme, spaced dots join any ASCII labels.
  EXPECT_THAT(Scan("Goto http://doit. mymoby. tv/ to"),
              ElementsAre("link:http://doit. mymoby. tv/=>http://doit.mymoby.tv/"));
}

TEST(ExtractScanTest, IdnAndLookAlikes) {
  EXPECT_THAT(Scan("vietcombánk.vn"), ElementsAre("link:vietcombánk.vn=>vietcombánk.vn"));
  EXPECT_THAT(Scan("xem sites.google.com/vỉew/abc, nhé"),
              ElementsAre("link:sites.google.com/vỉew/abc=>http://sites.google.com/vỉew/abc"));
  // Cyrillic 'а' (U+0430) in a look-alike.
  EXPECT_THAT(Scan("vietcombаnk.com"), ElementsAre("link:vietcombаnk.com=>vietcombаnk.com"));
}

TEST(ExtractScanTest, TrailingPunctuation) {
  EXPECT_THAT(Scan("... tại vcb.com.vn. (xem abc.com) abc.com, “abc.com”"),
              ElementsAre("link:vcb.com.vn=>vcb.com.vn", "link:abc.com=>abc.com",
                          "link:abc.com=>abc.com", "link:abc.com=>abc.com"));
  EXPECT_THAT(Scan("(xem abc.com/a/b)."), ElementsAre("link:abc.com/a/b=>http://abc.com/a/b"));
  EXPECT_THAT(Scan("en.wikipedia.org/wiki/A_(b)."),
              ElementsAre("link:en.wikipedia.org/wiki/A_(b)=>http://en.wikipedia.org/wiki/A_(b)"));
  EXPECT_THAT(Scan("abc.com/?"), ElementsAre("link:abc.com/=>http://abc.com/"));
}

TEST(ExtractScanTest, VietnameseWordsGluedByDotsAreNotHosts) {
  EXPECT_THAT(Scan("đi.về anh.em ok.vậy ban.co toi.la di.me Ok.call me.so Hi.How"), IsEmpty());
  EXPECT_THAT(Scan("e.g. T.P. TP.HCM Tp.Quảng Ngãi St. v1.2.3 anh.jpg app.apk readme.md"),
              IsEmpty());
  // A second signal makes a weak TLD acceptable.
  EXPECT_THAT(
      Scan("www.abc.co a-b.co ban[.]co"),
      ElementsAre("link:www.abc.co=>www.abc.co", "link:a-b.co=>a-b.co", "link:ban[.]co=>ban.co"));
  // English SMS: digits and three labels are not signals; "cloud" is a word.
  EXPECT_THAT(Scan("2day.love 2.IM K.k.how Nice.nice.how x.y.co rays. cloud"), IsEmpty());
  EXPECT_THAT(Scan("abc.co.uk 2day.com"),
              ElementsAre("link:abc.co.uk=>abc.co.uk", "link:2day.com=>2day.com"));
  EXPECT_THAT(Scan("ban.co/abc"), ElementsAre("link:ban.co/abc=>http://ban.co/abc"));
  EXPECT_THAT(Scan("t.me zalo.me"), ElementsAre("link:t.me=>t.me", "link:zalo.me=>zalo.me"));
}

TEST(ExtractScanTest, Emails) {
  EXPECT_THAT(Scan("abc[at]gmail[.]com, nguyen.van.a@gmail.com"),
              ElementsAre("email:abc[at]gmail[.]com=>abc@gmail.com",
                          "email:nguyen.van.a@gmail.com=>nguyen.van.a@gmail.com"));
  EXPECT_THAT(Scan("cskh (at) vcb.com.vn"),
              ElementsAre("email:cskh (at) vcb.com.vn=>cskh@vcb.com.vn"));
  EXPECT_THAT(Scan("abc@123 @abc x@y"), IsEmpty());
}

TEST(ExtractScanTest, SocialLinksStayOneCandidate) {
  EXPECT_THAT(Scan("fb.com/nguyenvana zalo.me/0912345678 t.me/abc tiktok.com/@abc"),
              ElementsAre("link:fb.com/nguyenvana=>http://fb.com/nguyenvana",
                          "link:zalo.me/0912345678=>http://zalo.me/0912345678",
                          "link:t.me/abc=>http://t.me/abc",
                          "link:tiktok.com/@abc=>http://tiktok.com/@abc"));
}

TEST(ExtractScanTest, Numbers) {
  EXPECT_THAT(Scan("SĐT 0912.345.678, 0912 345 678, +84 912 345 678, 84912345678."),
              ElementsAre("number:0912.345.678", "number:0912 345 678", "number:+84 912 345 678",
                          "number:84912345678"));
  EXPECT_THAT(Scan("(028) 3822 1234, 0255.3822.123, 1900 1234, 1800.1091, 0912-345-678"),
              ElementsAre("number:(028) 3822 1234", "number:0255.3822.123", "number:1900 1234",
                          "number:1800.1091", "number:0912-345-678"));
  EXPECT_THAT(Scan("STK 1903 6666 888 Techcombank"), ElementsAre("number:1903 6666 888"));
  // Different separators do not join.
  EXPECT_THAT(Scan("0912.345.678 0987654321"),
              ElementsAre("number:0912.345.678", "number:0987654321"));
}

TEST(ExtractScanTest, AmountsDatesTimesAndCodesAreNotNumbers) {
  EXPECT_THAT(Scan("500.000 VND, 500.000đ, 1,080,096.50, 2.500.000 đồng, 5tr, $1,000, £1500"),
              IsEmpty());
  EXPECT_THAT(Scan("12/05/2024 12.05.2024 2024-05-12 14:30 14h30 3.14 1.5m 20%"), IsEmpty());
  EXPECT_THAT(Scan("Don hang #SPX123456789 MVD: VN123456789 #123456789 500000đ 123456789k"),
              IsEmpty());
  // Short numbers are never candidates; longer codes are left to the context rules.
  EXPECT_THAT(Scan("ma 1234 va 12345"), IsEmpty());
  EXPECT_THAT(Scan("OTP 482913"), ElementsAre("number:482913"));
}

TEST(ExtractScanTest, Ipv4) {
  EXPECT_THAT(Scan("192.168.1.1 và 100.000.000.000 và 1.2.3.4.5 và 256.1.1.1"),
              ElementsAre("link:192.168.1.1=>192.168.1.1", "number:256.1.1.1"));
}

TEST(ExtractScanTest, InvalidUtf8IsABoundary) {
  std::string text = "abc\xff.com x\xc3.com \xe1\xbb vcb.com\xc0";
  EXPECT_THAT(Scan(text), ElementsAre("link:vcb.com=>vcb.com"));
  // Ill-formed bytes before a candidate glue to it; after it they end it.
  std::string number =
      "\xff"
      "0912345678 0912345678\xfe";
  EXPECT_THAT(Scan(number), ElementsAre("number:0912345678"));
}

TEST(ExtractScanTest, EmptyAndTinyInputs) {
  EXPECT_THAT(Scan(""), IsEmpty());
  EXPECT_THAT(Scan("."), IsEmpty());
  EXPECT_THAT(Scan("+"), IsEmpty());
  EXPECT_THAT(Scan("("), IsEmpty());
  EXPECT_THAT(Scan("http://"), IsEmpty());
  EXPECT_THAT(Scan("a.b"), IsEmpty());
}

TEST(ExtractScanTest, StrongTlds) {
  EXPECT_TRUE(IsStrongTld("com"));
  EXPECT_TRUE(IsStrongTld("VN"));
  EXPECT_TRUE(IsStrongTld("top"));
  EXPECT_FALSE(IsStrongTld("co"));
  EXPECT_FALSE(IsStrongTld("la"));
  EXPECT_FALSE(IsStrongTld("me"));
  EXPECT_FALSE(IsStrongTld(""));
}

}  // namespace
}  // namespace binhyen::indicator::internal

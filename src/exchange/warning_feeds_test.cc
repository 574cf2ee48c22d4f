#include "exchange/warning_feeds.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exchange/internal/export_test_tools.h"

namespace binhyen::exchange {
namespace {

base::TimePoint At(int64_t unix_seconds) {
  return base::TimePoint(std::chrono::seconds(unix_seconds));
}

// A warning (with characters to escape and a control character XML forbids), a later
// clarification and a draft.
std::vector<domain::Warning> Warnings() {
  std::vector<domain::Warning> ws(3);
  ws[0].id = 1;
  ws[0].slug = "vcb-gia-mao";
  ws[0].title = "Giả mạo Vietcombank: \"xác minh\" <tài khoản> & mã OTP";
  ws[0].body = "Không bấm vào link vcb-xacminh.top.\nGọi 113 nếu 'bị' đe doạ.\x01";
  ws[0].published_at = At(1795000000);  // 2026-11-18T11:06:40Z
  ws[0].created_at = At(1794990000);
  ws[0].updated_at = At(1795100000);  // 2026-11-19T14:53:20Z
  ws[1].id = 2;
  ws[1].kind = domain::WarningKind::kClarification;
  ws[1].slug = "tin-don-sai";
  ws[1].title = "Không có chuyện phạt nguội qua Zalo";
  ws[1].body = "Tin đồn sai.";
  ws[1].published_at = At(1795500000);  // 2026-11-24T06:00:00Z
  ws[1].updated_at = At(1795400000);    // before publication: <updated> is the publication
  ws[2].id = 3;
  ws[2].slug = "nhap";
  ws[2].title = "Bản nháp";
  ws[2].body = "chưa đăng";
  return ws;
}

constexpr std::string_view kGoldenAtom = R"golden(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <title>Bình Yên – Cảnh báo lừa đảo và đính chính</title>
  <subtitle>Cảnh báo lừa đảo đã được xác minh và thông tin đính chính tin đồn sai sự thật</subtitle>
  <id>https://binhyen.example/canh-bao</id>
  <link rel="self" type="application/atom+xml" href="https://binhyen.example/feeds/canhbao.atom"/>
  <link rel="alternate" type="text/html" href="https://binhyen.example/canh-bao"/>
  <updated>2026-11-28T22:13:22Z</updated>
  <author>
    <name>Bình Yên</name>
  </author>
  <entry>
    <title>[Đính chính] Không có chuyện phạt nguội qua Zalo</title>
    <id>https://binhyen.example/dinh-chinh/tin-don-sai</id>
    <link rel="alternate" type="text/html" href="https://binhyen.example/dinh-chinh/tin-don-sai"/>
    <published>2026-11-24T06:00:00Z</published>
    <updated>2026-11-24T06:00:00Z</updated>
    <category term="clarification" label="Đính chính"/>
    <content type="text">Tin đồn sai.</content>
  </entry>
  <entry>
    <title>[Cảnh báo] Giả mạo Vietcombank: &quot;xác minh&quot; &lt;tài khoản&gt; &amp; mã OTP</title>
    <id>https://binhyen.example/canh-bao/vcb-gia-mao</id>
    <link rel="alternate" type="text/html" href="https://binhyen.example/canh-bao/vcb-gia-mao"/>
    <published>2026-11-18T11:06:40Z</published>
    <updated>2026-11-19T14:53:20Z</updated>
    <category term="warning" label="Cảnh báo"/>
    <content type="text">Không bấm vào link vcb-xacminh.top.
Gọi 113 nếu &apos;bị&apos; đe doạ.</content>
  </entry>
</feed>
)golden";

constexpr std::string_view kGoldenJsonFeed = R"golden({
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Bình Yên – Cảnh báo lừa đảo và đính chính",
  "description": "Cảnh báo lừa đảo đã được xác minh và thông tin đính chính tin đồn sai sự thật",
  "home_page_url": "https://binhyen.example/canh-bao",
  "feed_url": "https://binhyen.example/feeds/canhbao.json",
  "language": "vi",
  "authors": [
    {
      "name": "Bình Yên"
    }
  ],
  "items": [
    {
      "id": "https://binhyen.example/dinh-chinh/tin-don-sai",
      "url": "https://binhyen.example/dinh-chinh/tin-don-sai",
      "title": "[Đính chính] Không có chuyện phạt nguội qua Zalo",
      "content_text": "Tin đồn sai.",
      "date_published": "2026-11-24T06:00:00Z",
      "date_modified": "2026-11-24T06:00:00Z",
      "tags": [
        "Đính chính"
      ]
    },
    {
      "id": "https://binhyen.example/canh-bao/vcb-gia-mao",
      "url": "https://binhyen.example/canh-bao/vcb-gia-mao",
      "title": "[Cảnh báo] Giả mạo Vietcombank: \"xác minh\" <tài khoản> & mã OTP",
      "content_text": "Không bấm vào link vcb-xacminh.top.\nGọi 113 nếu 'bị' đe doạ.\u0001",
      "date_published": "2026-11-18T11:06:40Z",
      "date_modified": "2026-11-19T14:53:20Z",
      "tags": [
        "Cảnh báo"
      ]
    }
  ]
})golden";

TEST(WarningFeedsTest, AtomGolden) {
  EXPECT_EQ(RenderAtom(Warnings(), "https://binhyen.example", At(1795904002)), kGoldenAtom);
}

TEST(WarningFeedsTest, JsonFeedGolden) {
  EXPECT_EQ(RenderJsonFeed(Warnings(), "https://binhyen.example", At(1795904002)),
            nlohmann::ordered_json::parse(kGoldenJsonFeed).dump() + "\n");
}

TEST(WarningFeedsTest, EmptyFeedsAreValid) {
  const std::string atom = RenderAtom({}, "https://b.vn", At(0));
  EXPECT_NE(atom.find("<updated>1970-01-01T00:00:00Z</updated>\n"), std::string::npos);
  EXPECT_EQ(atom.find("<entry>"), std::string::npos);
  const auto feed = nlohmann::json::parse(RenderJsonFeed({}, "https://b.vn", At(0)));
  EXPECT_EQ(feed["items"], nlohmann::json::array());
}

TEST(WarningFeedsTest, XmlEscapingIsExact) {
  std::string out;
  AppendXmlEscaped("a&b<c>d\"e'f\tg\nh\ri\x01j\x1fk\x7f", &out);
  EXPECT_EQ(out,
            "a&amp;b&lt;c&gt;d&quot;e&apos;f\tg\nh\ri"
            "jk\x7f");
  out.clear();
  AppendXmlEscaped("Đà Nẵng \xff\xc0\xaf \xef\xbf\xbe end", &out);  // bad UTF-8, U+FFFE
  EXPECT_EQ(out, "Đà Nẵng \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd  end");
}

TEST(WarningFeedsTest, InvalidUtf8BecomesReplacementCharacter) {
  std::vector<domain::Warning> ws = Warnings();
  ws[1].title = "x\xff";
  EXPECT_NE(RenderAtom(ws, "", At(0)).find("[Đính chính] x\xef\xbf\xbd</title>"),
            std::string::npos);
  EXPECT_NE(RenderJsonFeed(ws, "", At(0)).find("\"[Đính chính] x\xef\xbf\xbd\""),
            std::string::npos);
}

TEST(WarningFeedsTest, AtomIsWellFormedXml) {
  const std::string xmllint = testing::FindBinary("xmllint");
  if (xmllint.empty()) GTEST_SKIP() << "xmllint not installed (Debian: libxml2-utils)";
  testing::TempDir dir;
  std::vector<domain::Warning> ws = Warnings();
  ws[1].title = "x\xff\x02]]>";
  testing::WriteFile(dir.path() + "/feed.atom", RenderAtom(ws, "https://b.vn?a=1&b=2", At(0)));
  const testing::ToolResult r =
      testing::RunTool({xmllint, "--noout", dir.path() + "/feed.atom"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "");
}

}  // namespace
}  // namespace binhyen::exchange

#include "render/markdown.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <string>
#include <string_view>

#include "text/utf8.h"

namespace binhyen::render {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

TEST(MarkdownToHtmlTest, RendersCommonMark) {
  EXPECT_EQ(MarkdownToHtml("Xin *chào* **bạn** `mã`\n\n- một\n- hai\n", 0),
            "<p>Xin <em>chào</em> <strong>bạn</strong> <code>mã</code></p>\n"
            "<ul>\n<li>một</li>\n<li>hai</li>\n</ul>\n");
  EXPECT_EQ(MarkdownToHtml("a < b & c"), "<p>a &lt; b &amp; c</p>\n");
  EXPECT_EQ(MarkdownToHtml(""), "");
}

TEST(MarkdownToHtmlTest, ShiftsHeadingsAndClampsAtSix) {
  const std::string md = "# Một\n\n## Hai\n\n##### Năm\n\n###### Sáu\n";
  EXPECT_EQ(MarkdownToHtml(md), "<h2>Một</h2>\n<h3>Hai</h3>\n<h6>Năm</h6>\n<h6>Sáu</h6>\n");
  EXPECT_EQ(MarkdownToHtml(md, 0), "<h1>Một</h1>\n<h2>Hai</h2>\n<h5>Năm</h5>\n<h6>Sáu</h6>\n");
  EXPECT_EQ(MarkdownToHtml("# A\n", 2), "<h3>A</h3>\n");
  EXPECT_EQ(MarkdownToHtml("# A\n", 100), "<h6>A</h6>\n");
  EXPECT_EQ(MarkdownToHtml("# A\n", -4), "<h1>A</h1>\n");  // negative offsets are ignored
  EXPECT_EQ(MarkdownToHtml("## A\n", std::numeric_limits<int>::max()), "<h6>A</h6>\n");
  EXPECT_EQ(MarkdownToHtml("## A\n", std::numeric_limits<int>::min()), "<h2>A</h2>\n");
  EXPECT_EQ(MarkdownToHtml("Tiêu đề\n===\n"), "<h2>Tiêu đề</h2>\n");
}

TEST(MarkdownToHtmlTest, RendersGfmTablesStrikethroughAndAutolinks) {
  EXPECT_EQ(MarkdownToHtml("| Số | Loại |\n|---:|---|\n| 1 | *lừa* |\n"),
            "<table>\n<thead>\n<tr>\n<th align=\"right\">Số</th>\n<th>Loại</th>\n</tr>\n"
            "</thead>\n<tbody>\n<tr>\n<td align=\"right\">1</td>\n<td><em>lừa</em></td>\n"
            "</tr>\n</tbody>\n</table>\n");
  EXPECT_EQ(MarkdownToHtml("~~cũ~~ mới"), "<p><del>cũ</del> mới</p>\n");
  EXPECT_EQ(MarkdownToHtml("Xem www.binhyen.example/tra-cuu và https://a.vn/x?y=1."),
            "<p>Xem <a href=\"http://www.binhyen.example/tra-cuu\">www.binhyen.example/tra-cuu</a>"
            " và <a href=\"https://a.vn/x?y=1\">https://a.vn/x?y=1</a>.</p>\n");
  EXPECT_EQ(MarkdownToHtml("Gửi cho canhbao@binhyen.example"),
            "<p>Gửi cho <a href=\"mailto:canhbao@binhyen.example\">canhbao@binhyen.example</a>"
            "</p>\n");
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.append(s);
  return out;
}

// A table: `prefix` before each line, `columns` columns, then `rows` lines `row`.
std::string Table(std::string_view prefix, int columns, int rows, std::string_view row) {
  std::string out(prefix);
  out.append("|").append(Repeat(" h |", columns)).append("\n").append(prefix).append("|");
  out.append(Repeat("---|", columns)).append("\n");
  for (int i = 0; i < rows; ++i) out.append(prefix).append(row).append("\n");
  return out;
}

// cmark-gfm pads every row to the header's width: 60 KB would become 28 million cells (4 GB).
TEST(MarkdownToHtmlTest, HugeTablesAreRenderedAsText) {
  const std::string bomb = Table("", 1000, 28000, "x");
  const std::string html = MarkdownToHtml(bomb);
  EXPECT_EQ(html.find("<table>"), std::string::npos);
  EXPECT_LT(html.size(), 2 * bomb.size());
  // Also inside a block quote.
  EXPECT_EQ(MarkdownToHtml(Table("> ", 1000, 20000, "x")).find("<table>"), std::string::npos);
  // An ordinary large table (20 columns, 1,000 rows) is still a table.
  std::string row = "|";
  row.append(Repeat(" 1 |", 20));
  const std::string table = Table("", 20, 1000, row);
  const std::string rendered = MarkdownToHtml(table);
  EXPECT_EQ(rendered.rfind("<table>", 0), 0u);
  size_t cells = 0;
  for (size_t p = rendered.find("<td>"); p != std::string::npos; p = rendered.find("<td>", p + 1)) {
    ++cells;
  }
  EXPECT_EQ(cells, 20'000u);
}

TEST(MarkdownToHtmlTest, DropsRawHtmlWithoutPlaceholder) {
  EXPECT_EQ(MarkdownToHtml("<div class=\"x\">\nkhối\n</div>\n\nsau"), "<p>sau</p>\n");
  EXPECT_EQ(MarkdownToHtml("chữ <b>đậm</b> <img src=x onerror=alert(1)> hết"),
            "<p>chữ đậm  hết</p>\n");
  EXPECT_EQ(MarkdownToHtml("<!-- chú thích -->\n\ná"), "<p>á</p>\n");
  EXPECT_EQ(MarkdownToHtml("| a |\n|---|\n| <i>x</i> |\n").find("<i>"), std::string::npos);
  const std::string html = MarkdownToHtml("<p onclick=\"x()\">a</p>\n\nb <span>c</span>");
  EXPECT_FALSE(Contains(html, "raw HTML omitted")) << html;
  EXPECT_FALSE(Contains(html, "onclick")) << html;
}

TEST(MarkdownToHtmlTest, DropsScriptTags) {
  EXPECT_EQ(MarkdownToHtml("<script>alert(1)</script>\n\nsau"), "<p>sau</p>\n");
  EXPECT_EQ(MarkdownToHtml("<SCRIPT src=\"//evil.example/x.js\"></SCRIPT>"), "");
  // Inline: the tags go, the text between them stays as (escaped) text.
  EXPECT_EQ(MarkdownToHtml("a <script>b</script> c"), "<p>a b c</p>\n");
  for (const char* md : {"<script>x</script>", "a <ScRiPt>x</sCrIpT>", "`<script>`",
                         "    <script>x</script>", "[<script>](x)", "<svg><script>x</script>"}) {
    EXPECT_FALSE(Contains(Lower(MarkdownToHtml(md)), "<script")) << md;
  }
}

TEST(MarkdownToHtmlTest, NeutralisesDangerousUrls) {
  const char* kDangerous[] = {
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "&#106;avascript:alert(1)",
      "&#x6A;&#x41;vascript:alert(1)",
      "java&#x09;script:alert(1)",
      "&#x20;javascript:alert(1)",
      "<java\tscript:alert(1)>",
      "jav&#x0A;ascript:alert(1)",
      "javascript&colon;alert(1)",
      "vbscript:msgbox(1)",
      "VBScript:msgbox(1)",
      "file:///etc/passwd",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "data:image/svg+xml,x",
      "data:image/png;base64,iVBORw0KGgo=",
      "ftp://files.example/a",
      "blob:https://a.example/1",
  };
  for (const char* url : kDangerous) {
    const std::string link = MarkdownToHtml(std::string("[bấm](") + url + ")");
    EXPECT_EQ(link, "<p><a href=\"\">bấm</a></p>\n") << url;
    const std::string image = MarkdownToHtml(std::string("![ảnh](") + url + ")");
    EXPECT_EQ(image, "<p><img src=\"\" alt=\"ảnh\" /></p>\n") << url;
    const std::string reference = MarkdownToHtml(std::string("[x][r]\n\n[r]: ") + url + "\n");
    EXPECT_EQ(reference, "<p><a href=\"\">x</a></p>\n") << url;
  }
  EXPECT_EQ(MarkdownToHtml("<javascript:alert(1)>"),
            "<p><a href=\"\">javascript:alert(1)</a></p>\n");
}

TEST(MarkdownToHtmlTest, KeepsAllowedUrls) {
  const char* kAllowed[] = {"https://binhyen.example/a?b=1&c=2",
                            "http://a.vn",
                            "HTTPS://A.VN",
                            "mailto:canhbao@binhyen.example",
                            "tel:+84912345678",
                            "/canh-bao/12",
                            "../a",
                            "#muc-2",
                            "?trang=2",
                            "trang.html",
                            "//cdn.binhyen.example/a.png"};
  for (const std::string url : kAllowed) {
    std::string escaped_amp;
    for (char c : url) escaped_amp += c == '&' ? std::string("&amp;") : std::string(1, c);
    EXPECT_EQ(MarkdownToHtml("[a](" + url + ")"), "<p><a href=\"" + escaped_amp + "\">a</a></p>\n")
        << url;
  }
  EXPECT_EQ(MarkdownToHtml("[a](https://a.vn \"tiêu \\\"đề\\\"\")"),
            "<p><a href=\"https://a.vn\" title=\"tiêu &quot;đề&quot;\">a</a></p>\n");
}

TEST(MarkdownToHtmlTest, ReplacesInvalidUtf8) {
  const std::string html = MarkdownToHtml("a\xff b \xed\xa0\x80 c\xe2\x82");
  EXPECT_TRUE(text::IsValidUtf8(html));
  EXPECT_EQ(html, "<p>a\uFFFD b \uFFFD\uFFFD\uFFFD c\uFFFD</p>\n");
  EXPECT_EQ(MarkdownToHtml(std::string("a\0b", 3)), "<p>a\uFFFDb</p>\n");
}

TEST(MarkdownToTextTest, ExtractsTextWithoutMarkup) {
  EXPECT_EQ(MarkdownToText("# Cảnh báo\n\nĐừng *bấm*   vào\nđường dẫn `lạ`.\n\n- một\n- hai\n\n"
                           "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                           "> trích\n\n```\nmã  khối\n```\n\n<div>html</div>\n\n"
                           "[liên kết](https://a.vn) ![ảnh](x.png) <b>đậm</b>",
                           1000),
            "Cảnh báo Đừng bấm vào đường dẫn lạ. một hai a b 1 2 trích mã khối liên kết ảnh "
            "đậm");
  EXPECT_EQ(MarkdownToText("", 10), "");
  EXPECT_EQ(MarkdownToText("  \n\n  ", 10), "");
  EXPECT_EQ(MarkdownToText("a < b", 10), "a < b");  // plain text: the caller escapes it
}

TEST(MarkdownToTextTest, CutsAtCharacterBoundaryWithEllipsis) {
  const std::string md = "Cảnh báo lừa đảo qua điện thoại";
  EXPECT_EQ(MarkdownToText(md, 1000), md);
  EXPECT_EQ(MarkdownToText(md, md.size()), md);
  // "Cảnh báo" is 11 bytes; with "…" (3 bytes) the result fits 14.
  EXPECT_EQ(MarkdownToText(md, 14), "Cảnh báo…");
  // Budgets of 14 and 15 bytes would split "ừ" (bytes 13..15): the cut goes before it.
  EXPECT_EQ(MarkdownToText(md, 16), "Cảnh báo l…");
  EXPECT_EQ(MarkdownToText(md, 18), "Cảnh báo l…");
  EXPECT_EQ(MarkdownToText(md, 19), "Cảnh báo lừ…");
  for (size_t max = 0; max < md.size() + 2; ++max) {
    const std::string cut = MarkdownToText(md, max);
    EXPECT_LE(cut.size(), max) << max;
    EXPECT_TRUE(text::IsValidUtf8(cut)) << max;
  }
  EXPECT_EQ(MarkdownToText(md, 2), "C");  // too small for the ellipsis
  EXPECT_EQ(MarkdownToText(md, 0), "");
  // A decomposed tone mark stays with its letter: "a" + U+0301.
  EXPECT_EQ(MarkdownToText("ba\xcc\x81o ca\xcc\x81o", 5), "b…");
  EXPECT_EQ(MarkdownToText("ba\xcc\x81o ca\xcc\x81o", 7), "ba\xcc\x81…");
}

}  // namespace
}  // namespace binhyen::render

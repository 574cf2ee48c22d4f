#include "render/svg_chart.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <regex>
#include <string>
#include <vector>

#include "render/internal/svg_text.h"
#include "text/utf8.h"

namespace binhyen::render {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// The contents of every <text> element, in document order.
std::vector<std::string> Texts(const std::string& svg) {
  std::vector<std::string> out;
  const std::regex text(R"(<text class="chart-label"[^>]*>([^<]*)</text>)");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

// The values of attribute `name` of the elements starting with `element_prefix`, in order.
std::vector<std::string> Attribute(const std::string& svg, const std::string& element_prefix,
                                   const std::string& name) {
  std::vector<std::string> out;
  const std::regex re(element_prefix + "[^>]*? " + name + "=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

std::string Between(const std::string& s, const std::string& open, const std::string& close) {
  const size_t b = s.find(open);
  if (b == std::string::npos) return "";
  const size_t e = s.find(close, b + open.size());
  return e == std::string::npos ? "" : s.substr(b + open.size(), e - b - open.size());
}

Chart Sample() {
  return Chart{"Báo cáo theo loại <tháng 1>",
               "Số báo cáo đã xác minh.",
               {{"Lừa đảo & giả danh", 1234}, {"Tin \"giả\"", 617}, {"Rác 'spam'", 0}},
               " báo cáo"};
}

TEST(HorizontalBarChartTest, Structure) {
  const std::string svg = HorizontalBarChartSvg(Sample());
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" ")) << svg;
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_TRUE(text::IsValidUtf8(svg));
  EXPECT_EQ(Count(svg, "<svg"), 1u);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 100\""), std::string::npos);  // 8 + 3 x 28 + 8
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"chart-bar\""), 3u);
  EXPECT_EQ(Attribute(svg, "<rect class=\"chart-bar\"", "width"),
            (std::vector<std::string>{"340", "170", "0"}));
  EXPECT_EQ(Texts(svg), (std::vector<std::string>{"Lừa đảo &amp; giả danh", "1.234 báo cáo",
                                                  "Tin &quot;giả&quot;", "617 báo cáo",
                                                  "Rác &#39;spam&#39;", "0 báo cáo"}));
  EXPECT_EQ(Count(svg, "<tháng"), 0u);
  EXPECT_EQ(Count(svg, "class=\"chart-axis\""), 1u);
}

TEST(HorizontalBarChartTest, TitleAndDescriptionAreLabelledByUniqueIds) {
  const std::string svg = HorizontalBarChartSvg(Sample());
  const std::smatch m = [&] {
    std::smatch match;
    std::regex_search(svg, match,
                      std::regex(R"(aria-labelledby="(chart-[0-9a-f]{12})-title \1-desc")"));
    return match;
  }();
  ASSERT_FALSE(m.empty()) << svg;
  const std::string id = m[1];
  EXPECT_EQ(Between(svg, "<title id=\"" + id + "-title\">", "</title>"),
            "Báo cáo theo loại &lt;tháng 1&gt;");
  EXPECT_EQ(Between(svg, "<desc id=\"" + id + "-desc\">", "</desc>"),
            "Số báo cáo đã xác minh. Lừa đảo &amp; giả danh: 1.234 báo cáo; Tin &quot;giả&quot;: "
            "617 báo cáo; Rác &#39;spam&#39;: 0 báo cáo.");

  // Same chart, same ids; another chart (or the same data as columns), other ids.
  EXPECT_EQ(HorizontalBarChartSvg(Sample()), svg);
  Chart other = Sample();
  other.title = "Báo cáo theo loại <tháng 2>";
  EXPECT_EQ(HorizontalBarChartSvg(other).find(id), std::string::npos);
  other = Sample();
  other.items[1].value = 618;
  EXPECT_EQ(HorizontalBarChartSvg(other).find(id), std::string::npos);
  EXPECT_EQ(ColumnChartSvg(Sample()).find(id), std::string::npos);
}

TEST(HorizontalBarChartTest, LongLabelsAreCutButCompleteInDesc) {
  const std::string label = "Giả danh cán bộ công an gọi điện đe dọa chuyển tiền";  // 51 chars
  Chart chart{"t", "", {{label, 3}}, ""};
  const std::string svg = HorizontalBarChartSvg(chart);
  EXPECT_EQ(Texts(svg)[0], "Giả danh cán bộ công an gọi…");
  EXPECT_NE(Between(svg, "-desc\">", "</desc>").find(label + ": 3."), std::string::npos);
  EXPECT_NE(svg.find("<title>" + label + ": 3</title>"), std::string::npos);  // tooltip
}

TEST(HorizontalBarChartTest, EmptyChartSaysNoData) {
  const std::string svg = HorizontalBarChartSvg(Chart{"Trống", "Không có gì.", {}, " báo cáo"});
  EXPECT_EQ(Count(svg, "class=\"chart-bar\""), 0u);
  EXPECT_EQ(Texts(svg), std::vector<std::string>{"Chưa có dữ liệu · No data"});
  EXPECT_EQ(Between(svg, "-desc\">", "</desc>"), "Không có gì. Chưa có dữ liệu · No data.");
  EXPECT_NE(svg.find("viewBox=\"0 0 640 80\""), std::string::npos);
}

TEST(HorizontalBarChartTest, InvalidValuesAreDrawnAsZero) {
  Chart chart{"t", "", {{"a", -5}, {"b", std::nan("")}, {"c", 2}, {"d", 1.0 / 0.0}}, ""};
  const std::string svg = HorizontalBarChartSvg(chart);
  EXPECT_EQ(Attribute(svg, "<rect class=\"chart-bar\"", "width"),
            (std::vector<std::string>{"0", "0", "340", "0"}));
  EXPECT_EQ(Between(svg, "-desc\">", "</desc>"), "a: 0; b: 0; c: 2; d: 0.");
  EXPECT_EQ(HorizontalBarChartSvg(Chart{"t", "", {{"a", 0}, {"b", 0}}, ""}).find("nan"),
            std::string::npos);
}

TEST(HorizontalBarChartTest, ControlCharactersAndBadUtf8AreMadeSafe) {
  Chart chart{
      "a\x01"
      "b\xff",
      "",
      {{"x\ny\x1f", 1}},
      ""};
  const std::string svg = HorizontalBarChartSvg(chart);
  EXPECT_TRUE(text::IsValidUtf8(svg));
  EXPECT_NE(svg.find(">a b\uFFFD</title>"), std::string::npos) << svg;
  EXPECT_EQ(Texts(svg)[0], "x y ");
}

// The value-axis labels of a column chart: the first texts, before the columns' own.
std::vector<std::string> AxisLabels(const std::string& svg, size_t ticks) {
  std::vector<std::string> texts = Texts(svg);
  texts.resize(std::min(ticks, texts.size()));
  return texts;
}

TEST(ColumnChartTest, Structure) {
  Chart chart{"Báo cáo theo tháng", "Mỗi tháng.", {}, " báo cáo"};
  for (int m = 1; m <= 6; ++m) chart.items.push_back({"2026-0" + std::to_string(m), m * 1.0});
  chart.items[3].value = 7;
  const std::string svg = ColumnChartSvg(chart);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 320\""), std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"chart-bar\""), 6u);
  EXPECT_EQ(Count(svg, "class=\"chart-axis chart-grid\""), 4u);  // 2, 4, 6, 8
  EXPECT_EQ(AxisLabels(svg, 5), (std::vector<std::string>{"0", "2", "4", "6", "8"}));
  // The tallest column (7 of 8) is 7/8 of the 248 px plot.
  EXPECT_EQ(Attribute(svg, "<rect class=\"chart-bar\"", "height")[3], "217");
  EXPECT_NE(Between(svg, "-desc\">", "</desc>").find("2026-04: 7 báo cáo; 2026-05: 5 báo cáo"),
            std::string::npos);
  const std::vector<std::string> texts = Texts(svg);
  EXPECT_EQ(std::vector<std::string>(texts.end() - 2, texts.end()),
            (std::vector<std::string>{"6", "2026-06"}));
}

TEST(ColumnChartTest, TicksForZeroAndLargeMaxima) {
  const std::string zero = ColumnChartSvg(Chart{"t", "", {{"a", 0}, {"b", 0}}, ""});
  EXPECT_EQ(AxisLabels(zero, 2), (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(Attribute(zero, "<rect class=\"chart-bar\"", "height"),
            (std::vector<std::string>{"0", "0"}));
  const std::string big = ColumnChartSvg(Chart{"t", "", {{"a", 1234}, {"b", 50}}, ""});
  EXPECT_EQ(AxisLabels(big, 4), (std::vector<std::string>{"0", "500", "1.000", "1.500"}));
  EXPECT_EQ(Count(big, "class=\"chart-axis chart-grid\""), 3u);
}

TEST(ColumnChartTest, ManyColumnsLabelEveryKth) {
  Chart chart{"t", "", {}, ""};
  for (int i = 0; i < 36; ++i) {
    chart.items.push_back(
        {std::to_string(2024 + i / 12) + "-" + (i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1),
         1.0 * i});
  }
  std::string svg = ColumnChartSvg(chart);
  EXPECT_EQ(Count(svg, "class=\"chart-bar\""), 36u);
  // 36 columns of 15.8 px: a 7-character label needs 4 of them. No values above the columns.
  std::vector<std::string> texts = Texts(svg);
  const std::vector<double> ticks = internal::RoundTicks(35, true);
  EXPECT_EQ(std::vector<std::string>(texts.begin() + static_cast<long>(ticks.size()), texts.end()),
            (std::vector<std::string>{"2024-01", "2024-05", "2024-09", "2025-01", "2025-05",
                                      "2025-09", "2026-01", "2026-05", "2026-09"}));
  // Short labels: at most 12 of them (every 3rd).
  for (size_t i = 0; i < chart.items.size(); ++i) chart.items[i].label = std::to_string(i + 1);
  svg = ColumnChartSvg(chart);
  texts = Texts(svg);
  EXPECT_EQ(texts.size(), ticks.size() + 12);
  EXPECT_EQ(texts[ticks.size() + 1], "4");
  // A label longer than 28 characters is cut even with the whole width for it.
  chart.items = {{std::string(40, 'x'), 1}};
  EXPECT_EQ(Texts(ColumnChartSvg(chart)).back(), std::string(27, 'x') + "…");
}

TEST(ColumnChartTest, EmptyChartSaysNoData) {
  const std::string svg = ColumnChartSvg(Chart{"Trống", "", {}, ""});
  EXPECT_EQ(Count(svg, "class=\"chart-bar\""), 0u);
  EXPECT_EQ(Texts(svg), std::vector<std::string>{"Chưa có dữ liệu · No data"});
  EXPECT_EQ(Between(svg, "-desc\">", "</desc>"), "Chưa có dữ liệu · No data.");
}

TEST(SvgTextTest, RoundTicks) {
  using internal::RoundTicks;
  using V = std::vector<double>;
  EXPECT_EQ(RoundTicks(0), (V{0, 1}));
  EXPECT_EQ(RoundTicks(-3), (V{0, 1}));
  EXPECT_EQ(RoundTicks(std::nan("")), (V{0, 1}));
  EXPECT_EQ(RoundTicks(std::numeric_limits<double>::infinity()), (V{0, 1}));
  EXPECT_EQ(RoundTicks(7), (V{0, 2, 4, 6, 8}));
  EXPECT_EQ(RoundTicks(1234), (V{0, 500, 1000, 1500}));
  EXPECT_EQ(RoundTicks(10), (V{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(RoundTicks(100), (V{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(RoundTicks(101), (V{0, 50, 100, 150}));
  EXPECT_EQ(RoundTicks(1), (V{0, 0.2, 0.4, 0.6, 0.8, 1}));
  EXPECT_EQ(RoundTicks(0.3), (V{0, 0.1, 0.2, 0.3}));
  EXPECT_EQ(RoundTicks(1, true), (V{0, 1}));
  EXPECT_EQ(RoundTicks(2, true), (V{0, 1, 2}));
  EXPECT_EQ(RoundTicks(7, true), (V{0, 2, 4, 6, 8}));
  for (double max : {0.07, 3.0, 9.99, 12.0, 99.0, 250.0, 4321.0, 1e9}) {
    const V ticks = RoundTicks(max);
    EXPECT_GE(ticks.back(), max) << max;
    EXPECT_LE(ticks.size(), 6u) << max;
  }
}

TEST(SvgTextTest, FormatNumber) {
  using internal::FormatNumber;
  EXPECT_EQ(FormatNumber(0), "0");
  EXPECT_EQ(FormatNumber(7), "7");
  EXPECT_EQ(FormatNumber(12.0), "12");
  EXPECT_EQ(FormatNumber(999), "999");
  EXPECT_EQ(FormatNumber(1000), "1.000");
  EXPECT_EQ(FormatNumber(12345), "12.345");
  EXPECT_EQ(FormatNumber(1234567), "1.234.567");
  EXPECT_EQ(FormatNumber(12.5), "12,5");
  EXPECT_EQ(FormatNumber(0.05), "0,05");
  EXPECT_EQ(FormatNumber(1234.567), "1.234,57");
  EXPECT_EQ(FormatNumber(2.999), "3");
  EXPECT_EQ(FormatNumber(-1500), "-1.500");
  EXPECT_EQ(FormatNumber(-0.001), "0");
  EXPECT_EQ(FormatNumber(std::nan("")), "0");
  EXPECT_EQ(FormatNumber(1e300), "9.007.199.254.740.992");
}

TEST(SvgTextTest, TruncateLabelAndEscape) {
  using internal::TruncateLabel;
  EXPECT_EQ(TruncateLabel("ngắn", 28), "ngắn");
  EXPECT_EQ(TruncateLabel("abcdef", 6), "abcdef");
  EXPECT_EQ(TruncateLabel("abcdefg", 6), "abcde…");
  EXPECT_EQ(TruncateLabel("abcd efg", 6), "abcd…");  // no space before the ellipsis
  EXPECT_EQ(TruncateLabel("ừừừừừừừ", 4), "ừừừ…");
  EXPECT_EQ(TruncateLabel("ba\xcc\x81o xyz", 2), "b…");
  EXPECT_EQ(TruncateLabel("ba\xcc\x81o xyz", 3), "ba\xcc\x81…");  // the mark stays with "a"
  EXPECT_EQ(internal::EscapeXml("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(internal::EscapeXml("a\tb\x7f"
                                "c\xef\xbf\xbe"),
            "a b c\uFFFD");
}

}  // namespace
}  // namespace binhyen::render

#include "http/media_type.h"

#include <gtest/gtest.h>

#include <string>

namespace binhyen::http {
namespace {

struct GoodCase {
  std::string input;
  std::string type;
  Params params;
};

TEST(ParseMediaType, GoodInputs) {
  const GoodCase cases[] = {
      {"text/html", "text/html", {}},
      {"TEXT/HTML", "text/html", {}},
      {"  application/json  ", "application/json", {}},
      {"text/html; charset=UTF-8", "text/html", {{"charset", "UTF-8"}}},
      {"text/html;charset=utf-8", "text/html", {{"charset", "utf-8"}}},
      {"text/html ; Charset=\"utf-8\"", "text/html", {{"charset", "utf-8"}}},
      {"multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
       "multipart/form-data",
       {{"boundary", "----WebKitFormBoundary7MA4YWxkTrZu0gW"}}},
      {"multipart/form-data; boundary=\"a b;c=d\"",
       "multipart/form-data",
       {{"boundary", "a b;c=d"}}},
      {"text/plain; x=\"a\\\"b\\\\c\"", "text/plain", {{"x", "a\"b\\c"}}},
      {"text/plain; x=\"\"", "text/plain", {{"x", ""}}},
      {"text/plain; a=1; b=2; a=3", "text/plain", {{"a", "1"}, {"b", "2"}, {"a", "3"}}},
      {"text/plain;", "text/plain", {}},
      {"text/plain;;a=1;", "text/plain", {{"a", "1"}}},
      {"text/plain; ; a=1", "text/plain", {{"a", "1"}}},
      {"application/vnd.api+json", "application/vnd.api+json", {}},
      {"text/plain; x=\"t\xe1\xba\xa3\"", "text/plain", {{"x", "t\xe1\xba\xa3"}}},  // obs-text
  };
  for (const auto& c : cases) {
    auto result = ParseMediaType(c.input);
    ASSERT_TRUE(result.ok()) << c.input << ": " << result.status().ToString();
    EXPECT_EQ(result->type, c.type) << c.input;
    EXPECT_EQ(result->params, c.params) << c.input;
  }
}

TEST(ParseMediaType, HostileInputs) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "content-type: missing type"},
      {"   ", "content-type: missing type"},
      {"text", "content-type: missing '/'"},
      {"text/", "content-type: missing subtype"},
      {"/html", "content-type: missing type"},
      {"text/html/x", "content-type: unexpected character after the media type"},
      {"text /html", "content-type: missing '/'"},
      {"text/html charset=utf-8", "content-type: unexpected character after the media type"},
      {"text/html; charset", "content-type: parameter without '='"},
      {"text/html; charset =utf-8", "content-type: parameter without '='"},
      {"text/html; =utf-8", "content-type: bad parameter name"},
      {"text/html; charset=", "content-type: empty parameter value"},
      {"text/html; a=\"open", "content-type: unterminated quoted string"},
      {"text/html; a=\"esc\\", "content-type: unterminated quoted string"},
      {"text/html; a=\"x\ny\"", "content-type: control character in a quoted string"},
      {std::string("text/html; a=\"\0\"", 16),
       "content-type: control character in a quoted string"},
      {"text/html; a=b c", "content-type: unexpected character after the media type"},
      {"t\xe1\xba\xa3/html", "content-type: missing '/'"},
      {"text/html\r\nX: y", "content-type: unexpected character after the media type"},
  };
  for (const auto& [input, message] : cases) {
    auto result = ParseMediaType(input);
    ASSERT_FALSE(result.ok()) << input;
    EXPECT_EQ(result.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(result.status().message(), message) << input;
  }
}

TEST(MediaType, ParamFindsFirst) {
  auto m = ParseMediaType("multipart/form-data; BOUNDARY=xyz; charset=utf-8; boundary=2").value();
  EXPECT_EQ(m.Param("boundary"), "xyz");
  EXPECT_EQ(m.Param("charset"), "utf-8");
  EXPECT_EQ(m.Param("missing"), std::nullopt);
}

}  // namespace
}  // namespace binhyen::http

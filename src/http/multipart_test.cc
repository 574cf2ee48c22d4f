#include "http/multipart.h"

#include <gtest/gtest.h>

#include <string>

namespace binhyen::http {
namespace {

using namespace std::string_literals;  // NOLINT: test data with NUL bytes

constexpr std::string_view kBoundary = "----WebKitFormBoundaryAbC123";

// What Chrome sends for a report form with a text field and a screenshot.
const std::string kBrowserBody =
    "------WebKitFormBoundaryAbC123\r\n"
    "Content-Disposition: form-data; name=\"value\"\r\n"
    "\r\n"
    "0912345678\r\n"
    "------WebKitFormBoundaryAbC123\r\n"
    "Content-Disposition: form-data; name=\"evidence\"; filename=\"scam.png\"\r\n"
    "Content-Type: image/png\r\n"
    "\r\n"
    "\x89PNG\r\n\x1a\n\0data\r\n"
    "------WebKitFormBoundaryAbC123--\r\n"s;

std::string Body(std::string_view b, std::initializer_list<std::string_view> parts,
                 std::string_view eol = "\r\n") {
  std::string out;
  for (auto p : parts) {
    out += "--";
    out += b;
    out += eol;
    out += p;
    out += eol;
  }
  out += "--";
  out += b;
  out += "--";
  out += eol;
  return out;
}

TEST(ParseMultipart, BrowserBody) {
  auto parts =
      ParseMultipart(std::string_view(kBrowserBody.data(), kBrowserBody.size()), kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "value");
  EXPECT_EQ((*parts)[0].filename, std::nullopt);
  EXPECT_EQ((*parts)[0].content_type, "");
  EXPECT_EQ((*parts)[0].data, "0912345678");
  EXPECT_EQ((*parts)[1].name, "evidence");
  EXPECT_EQ((*parts)[1].filename, "scam.png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[1].data, std::string("\x89PNG\r\n\x1a\n\0data", 13));
}

TEST(ParseMultipart, PreambleAndEpilogueIgnored) {
  std::string body = "This is a preamble.\r\nIt has --xx-- in it.\r\n" +
                     Body("xx", {"Content-Disposition: form-data; name=a\r\n\r\n1"}) +
                     "epilogue --xx\r\n more";
  auto parts = ParseMultipart(body, "xx");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].name, "a");
  EXPECT_EQ((*parts)[0].data, "1");
}

TEST(ParseMultipart, BoundaryTextInsideDataIsData) {
  // Only "--b0" at the start of a line and followed by "--" or a line break delimits.
  std::string body = Body("b0", {"Content-Disposition: form-data; name=\"t\"\r\n\r\n"
                                 "x--b0 y\r\n--b0x not a delimiter\r\n---b0\r\nend"});
  auto parts = ParseMultipart(body, "b0");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].data, "x--b0 y\r\n--b0x not a delimiter\r\n---b0\r\nend");
}

TEST(ParseMultipart, LfOnlyTolerated) {
  std::string body = Body("zz",
                          {"Content-Disposition: form-data; name=\"a\"\n\nline1\nline2",
                           "Content-Disposition: form-data; name=\"b\"\n\n"},
                          "\n");
  auto parts = ParseMultipart(body, "zz");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].data, "line1\nline2");
  EXPECT_EQ((*parts)[1].data, "");
}

TEST(ParseMultipart, EmptyPartsAndPadding) {
  // An empty value written properly, one without its own line break, and transport padding.
  std::string body =
      "--q \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n"
      "--q\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n"
      "--q--";
  auto parts = ParseMultipart(body, "q");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].data, "");
  EXPECT_EQ((*parts)[1].data, "");
  // No parts at all (an empty form).
  auto none = ParseMultipart("--q--\r\n", "q");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(ParseMultipart, Filenames) {
  const std::pair<std::string, std::optional<std::string>> cases[] = {
      {"name=\"f\"; filename=\"a;b; c=d.png\"", "a;b; c=d.png"},
      {"name=\"f\"; filename=\"C:\\Users\\lan\\Desktop\\tin nhan.jpg\"", "tin nhan.jpg"},
      {"name=\"f\"; filename=\"../../etc/passwd\"", "passwd"},
      {"name=\"f\"; filename=\"dir/\"", ""},
      {"name=\"f\"; filename=\"\"", ""},
      {"name=\"f\"; filename=plain.txt", "plain.txt"},
      {"name=\"f\"; filename=\"say \\\"hi\\\".txt\"", "say \"hi\".txt"},
      {"name=\"f\"; filename*=UTF-8''%E1%BA%A3nh%20ch%E1%BB%A5p.png", "ảnh chụp.png"},
      {"name=\"f\"; filename=\"anh chup.png\"; filename*=utf-8'vi'%E1%BA%A3nh%20ch%E1%BB%A5p.png",
       "ảnh chụp.png"},
      {"name=\"f\"; filename*=UTF-8''%E1%BA%A3nh%2Fx%5Cy.png", "y.png"},
      // A filename* that cannot be decoded falls back to filename.
      {"name=\"f\"; filename=\"fallback.png\"; filename*=ISO-8859-1''%E9.png", "fallback.png"},
      {"name=\"f\"; filename=\"fallback.png\"; filename*=UTF-8''%FF.png", "fallback.png"},
      {"name=\"f\"; filename=\"fallback.png\"; filename*=UTF-8''%Z", "fallback.png"},
      {"name=\"f\"", std::nullopt},
      {"NAME=\"f\"; FileName=\"x.png\"", "x.png"},
      {"flag; name=\"f\";; other; filename=\"x.png\"; trailing", "x.png"},
  };
  for (const auto& [disposition, filename] : cases) {
    std::string header = "Content-Disposition: form-data; " + disposition + "\r\n\r\ndata";
    auto parts = ParseMultipart(Body("B", {header}), "B");
    ASSERT_TRUE(parts.ok()) << disposition << ": " << parts.status().ToString();
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].name, "f") << disposition;
    EXPECT_EQ((*parts)[0].filename, filename) << disposition;
  }
}

TEST(ParseMultipart, HeaderDetails) {
  std::string body = Body("B", {"content-disposition:FORM-DATA;name=\"x y\"\r\n"
                                "CONTENT-TYPE:  text/plain; charset=utf-8  \r\n"
                                "X-Other: ignored\r\n\r\nv"});
  auto parts = ParseMultipart(body, "B");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ((*parts)[0].name, "x y");
  EXPECT_EQ((*parts)[0].content_type, "text/plain; charset=utf-8");
  EXPECT_EQ((*parts)[0].data, "v");
}

TEST(ParseMultipart, HostileInputs) {
  const std::string ok_part = "Content-Disposition: form-data; name=\"a\"\r\n\r\n1";
  const std::string huge(9000, 'x');
  const std::pair<std::string, std::string> cases[] = {
      {"", "multipart: no delimiter found"},
      {"no delimiter here", "multipart: no delimiter found"},
      {"--B", "multipart: no delimiter found"},
      {"x--B\r\n", "multipart: no delimiter found"},
      {"--B\r\n" + ok_part, "multipart: no closing delimiter"},
      {"--B\r\n" + ok_part + "\r\n--B\r\n", "multipart: no closing delimiter"},
      {"--B\r\n" + ok_part + "\r\n--B", "multipart: no closing delimiter"},
      {"--B\r\n", "multipart: no closing delimiter"},
      {"--B\r\nContent-Disposition: form-data; name=\"a\"", "multipart: unterminated part headers"},
      {Body("B", {"Content-Type: text/plain\r\n\r\n1"}),
       "multipart: part without Content-Disposition"},
      {Body("B", {"\r\n1"}), "multipart: part without Content-Disposition"},
      {Body("B", {"Content-Disposition: form-data\r\n\r\n1"}), "multipart: part without a name"},
      {Body("B", {"Content-Disposition: form-data; name=\"\"\r\n\r\n1"}),
       "multipart: part without a name"},
      {Body("B", {"Content-Disposition: form-data; filename=\"x\"\r\n\r\n1"}),
       "multipart: part without a name"},
      {Body("B", {"Content-Disposition: attachment; name=\"a\"\r\n\r\n1"}),
       "multipart: Content-Disposition is not form-data"},
      {Body("B", {"Content-Disposition form-data; name=\"a\"\r\n\r\n1"}),
       "multipart: malformed part header line"},
      {Body("B", {"X-Folded: a\r\n b\r\n" + ok_part}), "multipart: malformed part header line"},
      {Body("B", {": empty name\r\n" + ok_part}), "multipart: malformed part header line"},
      {Body("B", {"X-Big: " + huge + "\r\n" + ok_part}),
       "multipart: part headers longer than 8192 bytes"},
      {"--B\r\nX-Big: " + huge, "multipart: part headers longer than 8192 bytes"},
  };
  for (const auto& [body, message] : cases) {
    auto result = ParseMultipart(body, "B");
    ASSERT_FALSE(result.ok()) << body.substr(0, 200);
    EXPECT_EQ(result.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(result.status().message(), message) << body.substr(0, 200);
  }
}

TEST(ParseMultipart, BadBoundary) {
  EXPECT_EQ(ParseMultipart("--\r\n", "").status().message(), "multipart: missing boundary");
  EXPECT_EQ(ParseMultipart("x", std::string(71, 'a')).status().message(),
            "multipart: invalid boundary");
  EXPECT_EQ(ParseMultipart("x", "a\r\nb").status().message(), "multipart: invalid boundary");
  std::string seventy(70, 'a');
  EXPECT_TRUE(ParseMultipart("--" + seventy + "--", seventy).ok());
}

TEST(ParseMultipart, Limits) {
  std::string part = "Content-Disposition: form-data; name=\"p\"\r\n\r\nv";
  std::string body3 = Body("B", {part, part, part});
  EXPECT_TRUE(ParseMultipart(body3, "B", {.max_parts = 3}).ok());
  EXPECT_EQ(ParseMultipart(body3, "B", {.max_parts = 2}).status().message(),
            "multipart: more than 2 parts");
  std::string default_limit_body = "--B\r\n";
  for (int i = 0; i < 33; ++i) default_limit_body += part + "\r\n--B\r\n";
  EXPECT_EQ(ParseMultipart(default_limit_body, "B").status().message(),
            "multipart: more than 32 parts");

  // Header bytes are counted per part, line breaks excluded.
  std::string line = "Content-Disposition: form-data; name=\"p\"";  // 40 bytes
  ASSERT_EQ(line.size(), 40u);
  std::string exact = Body("B", {line + "\r\n\r\nv", line + "\r\n\r\nv"});
  EXPECT_TRUE(ParseMultipart(exact, "B", {.max_part_header_bytes = 40}).ok());
  EXPECT_EQ(ParseMultipart(exact, "B", {.max_part_header_bytes = 39}).status().message(),
            "multipart: part headers longer than 39 bytes");
}

TEST(ParseMultipart, LargeDataIsCopiedExactly) {
  std::string data(3 * 1024 * 1024, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 131) % 251);
  std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big.bin\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n" +
      data + "\r\n--B--\r\n";
  auto parts = ParseMultipart(body, "B");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].data, data);
}

}  // namespace
}  // namespace binhyen::http

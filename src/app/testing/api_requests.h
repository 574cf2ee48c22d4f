#pragma once

// TESTS ONLY: request bodies and store probes shared by the end-to-end API tests
// (authorization_test.cc, csrf_test.cc, hostile_input_test.cc, check_http_test.cc,
// scan_http_test.cc). Header-only.

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/testing/test_server.h"
#include "domain/audit.h"
#include "store/store.h"

namespace binhyen::app::testing {

// A 1×1 PNG.
inline const std::string kPng(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx"
    "\x9c"
    "c\xf8\x0f\0\0\x01\x01\x01\0\x18\xdd\x8d\xb0\0\0\0\0IEND\xae"
    "B`\x82",
    67);

inline constexpr std::string_view kBoundary = "----binhyenTestBoundary7MA4YWxk";

// Headers with only a Content-Type.
inline http::Headers ContentType(std::string_view type, http::Headers headers = {}) {
  headers.Set("Content-Type", std::string(type));
  return headers;
}
inline http::Headers MultipartType(http::Headers headers = {}) {
  return ContentType("multipart/form-data; boundary=" + std::string(kBoundary), std::move(headers));
}

// A multipart/form-data body with `fields` and then `files` (each part named "evidence").
inline std::string Multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                             const std::vector<std::pair<std::string, std::string>>& files = {},
                             std::string_view boundary = kBoundary) {
  const std::string b(boundary);
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + b + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value +
            "\r\n";
  }
  for (const auto& [filename, data] : files) {
    body += "--" + b + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"" +
            filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n";
  }
  return body + "--" + b + "--\r\n";
}

// A valid anonymous JSON report about `phone`.
inline nlohmann::json PhoneReportJson(const std::string& phone, const std::string& text) {
  return {{"category", "scam_call"},
          {"description", text},
          {"indicators", nlohmann::json::array({{{"kind", "phone"}, {"value", phone}}})},
          {"ward", "pho-minh"},
          {"anonymous", true}};
}

// Files an anonymous report about `indicators` ([{"kind", "value"}...]) and has `analyst` (a
// bearer with reports:triage) move it to triaging, then confirmed: its indicators enter the
// reputation set. The caller refreshes the index when it needs the answer at once.
inline void FileAndConfirm(
    TestServer& server, const nlohmann::json& indicators, const http::Headers& analyst,
    const std::string& description = "Tin nhắn giả ngân hàng yêu cầu đăng nhập để nhận tiền") {
  nlohmann::json report = {{"category", "phishing"},
                           {"description", description},
                           {"indicators", indicators},
                           {"anonymous", true}};
  Call filed = server.Json(http::Method::kPost, "/api/v1/reports", report);
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string path = "/api/v1/reports/" + std::to_string(int64_t(filed.json["id"]));
  for (const char* to : {"triaging", "confirmed"}) {
    Call moved = server.Json(http::Method::kPost, path + "/transition", {{"to", to}}, analyst);
    ASSERT_EQ(moved.status, 200) << moved.body;
  }
}

// How many reports the store holds.
inline int64_t StoredReports(TestServer& server) {
  auto tx = server.app().session().env().store->Begin(store::TxMode::kReadOnly);
  EXPECT_TRUE(tx.ok()) << tx.status().message();
  if (!tx.ok()) return -1;
  auto count = (*tx)->Reports().Count();
  EXPECT_TRUE(count.ok()) << count.status().message();
  return count.ok() ? *count : -1;
}

// The sequence number of the last audit entry (0 when the log is empty).
inline int64_t LastAuditSeq(TestServer& server) {
  auto entries = server.app().session().admin().RecentAudit(1);
  EXPECT_TRUE(entries.ok()) << entries.status().message();
  return entries.ok() && !entries->empty() ? entries->back().seq : 0;
}

// The problem "code" of a reply; "" when it has none or is not a JSON object.
inline std::string ProblemCode(const Call& call) {
  return call.json.is_object() ? call.json.value("code", "") : "";
}

// The value of cookie `name` set by a reply, or "" when it sets none.
inline std::string SetCookieValue(const Call& call, std::string_view name) {
  const std::string prefix = std::string(name) + "=";
  for (const auto& [field, value] : call.headers.all()) {
    if (base::EqualsIgnoreAsciiCase(field, "Set-Cookie") && value.starts_with(prefix)) {
      return value.substr(prefix.size(), value.find(';') - prefix.size());
    }
  }
  return "";
}

}  // namespace binhyen::app::testing

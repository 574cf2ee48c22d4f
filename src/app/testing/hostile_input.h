#pragma once

// TESTS ONLY: the fixture of the hostile-input tables (hostile_input_test.cc,
// hostile_routes_test.cc): one server per suite, an analyst session, and Run(), which sends a
// table of rows and checks each row's status, problem code and the number of stored reports.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"

namespace binhyen::app::testing {

inline constexpr std::string_view kNone = "<none>";  // Row::type: send no Content-Type at all

// One hostile request and what it must get.
struct Row {
  std::string name;
  http::Method method = http::Method::kPost;
  std::string target = "/api/v1/reports";
  std::string type = "application/json";  // Content-Type; kNone for none
  std::string body = "";
  int status = 0;
  // The problem's "code"; "" when the HTTP server itself answers (its code for the status:
  // ServerCode below).
  std::string code = "";
  bool stores = false;  // a report is stored (201)
  bool as_analyst = false;
};

inline std::string Nested(int depth, std::string_view open, std::string_view close,
                          std::string_view inner = "1") {
  std::string s;
  s.reserve(depth * (open.size() + close.size()) + inner.size());
  for (int i = 0; i < depth; ++i) s += open;
  s += inner;
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

// A valid report body with `member` (raw JSON text) added or replacing the field of that name.
inline std::string ReportWith(std::string_view field, std::string_view raw_value) {
  nlohmann::json base = {{"category", "spam"},
                         {"description", "Tin nhắn rác quảng cáo cá cược bóng đá"},
                         {"anonymous", true}};
  base.erase(std::string(field));
  std::string text = base.dump();
  text.pop_back();  // '}'
  return text + ",\"" + std::string(field) + "\":" + std::string(raw_value) + "}";
}

inline const std::string kValidJson = nlohmann::json{
    {"category", "spam"},
    {"description", "Tin nhắn rác quảng cáo cờ bạc trực tuyến"},
    {"anonymous", true}}.dump();

class HostileInputBase : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    server_->AddUser("an.phantich", "analyst");
    analyst_ = new Browser(server_->Login("an.phantich"));
  }
  static void TearDownTestSuite() {
    delete analyst_;
    delete server_;
  }
  TestServer& s() { return *server_; }
  const Browser& analyst() { return *analyst_; }

  Call Send(const Row& row) {
    http::Headers h = row.as_analyst ? analyst().WithCsrf() : http::Headers{};
    if (row.type != kNone) h.Set("Content-Type", row.type);
    return s().Send(row.method, row.target, h, row.body);
  }

  // The code of the problems the HTTP server answers by itself (http::Response::Problem).
  static std::string ServerCode(int status) {
    switch (status) {
      case 400: return "malformed";
      case 404: return "not_found";
      case 405: return "method_not_allowed";
      case 408: return "timeout";
      case 413: return "too_large";
      case 431: return "headers_too_large";
      default: return "error";
    }
  }

  // Sends every row; returns how many stored a report.
  int Run(const std::vector<Row>& rows) {
    int stored = 0;
    for (const Row& row : rows) {
      SCOPED_TRACE("row '" + row.name + "'");
      const int64_t before = StoredReports(s());
      Call call = Send(row);
      EXPECT_EQ(call.status, row.status) << call.body.substr(0, 600);
      ExpectWellFormedError(call, row.method);
      if (call.status >= 400) {
        // A HEAD answer has no body to carry a code.
        const std::string want = row.method == http::Method::kHead ? ""
                                 : row.code.empty()                ? ServerCode(row.status)
                                                                   : row.code;
        EXPECT_EQ(ProblemCode(call), want) << call.body.substr(0, 600);
      }
      EXPECT_EQ(StoredReports(s()), before + (row.stores ? 1 : 0));
      if (row.stores) ++stored;
    }
    EXPECT_EQ(s().Send(http::Method::kGet, "/healthz").status, 200);
    return stored;
  }

  // Every error answer is problem+json with an English and a Vietnamese detail.
  static void ExpectWellFormedError(const Call& call, http::Method method) {
    if (call.status < 400 || method == http::Method::kHead) return;
    EXPECT_THAT(std::string(call.headers.Get("Content-Type").value_or("")),
                ::testing::StartsWith("application/problem+json"));
    ASSERT_TRUE(call.json.is_object()) << call.body.substr(0, 300);
    EXPECT_TRUE(call.json.contains("detail") && call.json["detail"].is_string() &&
                !call.json["detail"].get<std::string>().empty())
        << call.body.substr(0, 300);
    EXPECT_TRUE(call.json.contains("detail_vi") && call.json["detail_vi"].is_string() &&
                !call.json["detail_vi"].get<std::string>().empty())
        << call.body.substr(0, 300);
    EXPECT_EQ(call.json.value("status", 0), call.status);
  }

  // A stored report (for triage rows): its id.
  std::string NewReport() {
    Call call = s().Send(http::Method::kPost, "/api/v1/reports", ContentType("application/json"),
                         kValidJson);
    EXPECT_EQ(call.status, 201) << call.body;
    return std::to_string(call.json.value("id", 0));
  }

  inline static TestServer* server_ = nullptr;
  inline static Browser* analyst_ = nullptr;
};

}  // namespace binhyen::app::testing

// The authorisation matrix over real HTTP on port 0: every route of api::ApiRoutes() × every
// role, anonymous callers and bearer tokens of several scopes. The expectation is derived from
// the route table and service::RoleHas (so a route added later is covered), and a hard-coded
// table of the most important cells guards against a wrong RoleHas agreeing with itself.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "api/api.h"
#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "domain/enums.h"
#include "service/permissions.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using testing::TestServer;

enum class Outcome { kAllowed, kUnauthenticated, kForbidden };

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kAllowed: return "allowed";
    case Outcome::kUnauthenticated: return "401";
    case Outcome::kForbidden: return "403";
  }
  return "";
}

// Who calls: nobody, a browser session of a role, or a bearer token of a user of a role.
struct Caller {
  std::string label;
  enum class Kind { kAnonymous, kSession, kToken } kind = Kind::kAnonymous;
  domain::Role role = domain::Role::kMember;
  std::string user = "";                 // kSession, kToken
  std::vector<std::string> scopes = {};  // kToken
  Browser browser = {};                  // kSession
  std::string token = "";                // kToken
};

constexpr domain::Role kRoles[] = {domain::Role::kMember,  domain::Role::kUnitOfficer,
                                   domain::Role::kAnalyst, domain::Role::kProgrammeAdmin,
                                   domain::Role::kFinance, domain::Role::kAdmin};

std::string UserOf(domain::Role role) { return "nguoi." + std::string(domain::Name(role)); }

std::string RouteName(const api::RouteSpec& spec) {
  return std::string(http::Name(spec.method)) + " " + std::string(spec.pattern);
}

// What the route table and the role table say `caller` may do on `spec`.
Outcome Expected(const api::RouteSpec& spec, const Caller& caller) {
  if (spec.access == api::Access::kPublic || spec.access == api::Access::kAnonymous) {
    return Outcome::kAllowed;
  }
  if (caller.kind == Caller::Kind::kAnonymous) return Outcome::kUnauthenticated;
  if (spec.access == api::Access::kSignedIn) return Outcome::kAllowed;
  bool granted = service::RoleHas(caller.role, spec.permission);
  if (caller.kind == Caller::Kind::kToken) {
    const std::string scope(service::ScopeName(spec.permission));
    granted = granted &&
              std::find(caller.scopes.begin(), caller.scopes.end(), scope) != caller.scopes.end();
  }
  return granted ? Outcome::kAllowed : Outcome::kForbidden;
}

// A request of one route, with the status an allowed caller must get (0: any but 401/403).
struct RouteRequest {
  std::string target;
  http::Headers headers;
  std::string body;
  int allowed_status = 0;
};

class AuthorizationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    callers_ = new std::vector<Caller>();
    callers_->push_back({.label = "anonymous"});
    for (domain::Role role : kRoles) {
      server_->AddUser(UserOf(role), std::string(domain::Name(role)));
      Caller c{.label = std::string(domain::Name(role)),
               .kind = Caller::Kind::kSession,
               .role = role,
               .user = UserOf(role)};
      c.browser = server_->Login(c.user);
      callers_->push_back(std::move(c));
    }
    auto token = [](std::string label, domain::Role role, std::vector<std::string> scopes) {
      Caller c{.label = std::move(label),
               .kind = Caller::Kind::kToken,
               .role = role,
               .user = UserOf(role),
               .scopes = std::move(scopes)};
      c.token = server_->Token(c.user, c.scopes);
      callers_->push_back(std::move(c));
    };
    std::vector<std::string> all;
    for (service::Permission p : service::AllPermissions()) {
      all.emplace_back(service::ScopeName(p));
    }
    token("analyst token reports:read", domain::Role::kAnalyst, {"reports:read"});
    token("analyst token reports:read+triage", domain::Role::kAnalyst,
          {"reports:read", "reports:triage"});
    token("member token all scopes", domain::Role::kMember, all);
    token("admin token all scopes", domain::Role::kAdmin, all);
  }
  static void TearDownTestSuite() {
    delete callers_;
    delete server_;
  }
  TestServer& s() { return *server_; }

  static const Caller& CallerNamed(std::string_view label) {
    for (const Caller& c : *callers_) {
      if (c.label == label) return c;
    }
    ADD_FAILURE() << "no caller " << label;
    return callers_->front();
  }

  // A fresh report with a contact and one PNG: {id, receipt, evidence sha256}.
  struct Fixture {
    std::string id, receipt, sha256;
  };
  Fixture NewReport() {
    Call call = s().Send(Method::kPost, "/api/v1/reports", testing::MultipartType(),
                         testing::Multipart({{"category", "bank_fraud"},
                                             {"description", "Tin nhắn giả ngân hàng đòi mã OTP"},
                                             {"indicator.phone", "0905 123 456"},
                                             {"contact.phone", "0905 000 111"}},
                                            {{"anh.png", testing::kPng}}));
    EXPECT_EQ(call.status, 201) << call.body;
    if (call.status != 201) return {"1", "BY-0000-0000", std::string(64, '0')};
    return {std::to_string(int64_t(call.json["id"])), call.json["receipt"],
            call.json["evidence"][0]["sha256"]};
  }

  // The request this test sends on `spec`: real path parameters and a body that succeeds for
  // an allowed caller. Routes this function does not know get an empty body and are only
  // checked for 401 / 403.
  RouteRequest RequestFor(const api::RouteSpec& spec) {
    RouteRequest r;
    Fixture f;
    const std::string pattern(spec.pattern);
    if (pattern.find('{') != std::string::npos) f = NewReport();
    r.target = pattern;
    for (const auto& [param, value] : std::map<std::string, std::string>{
             {"{id}", f.id}, {"{receipt}", f.receipt}, {"{sha256}", f.sha256}}) {
      if (auto at = r.target.find(param); at != std::string::npos) {
        r.target.replace(at, param.size(), value);
      }
    }
    const std::string name = RouteName(spec);
    auto json_body = [&](const json& body, int status) {
      r.headers.Set("Content-Type", "application/json");
      r.body = body.dump();
      r.allowed_status = status;
    };
    if (name == "POST /api/v1/login") {
      json_body(json::array(), 400);  // not an object: refused before any sign-in (no rotation)
    } else if (name == "POST /api/v1/logout") {
      r.allowed_status = 204;
    } else if (name == "GET /api/v1/session" || name == "GET /login" ||
               name == "GET /api/v1/receipts/{receipt}" || name == "GET /api/v1/reports" ||
               name == "GET /api/v1/reports/{id}" ||
               name == "GET /api/v1/reports/{id}/evidence/{sha256}" ||
               name == "GET /api/v1/disputes") {
      r.allowed_status = 200;
    } else if (name == "POST /login") {
      r.headers.Set("Content-Type", "application/x-www-form-urlencoded");
      r.body = "name=x&password=y";  // no form token: sent back to the form, nobody signed in
      r.allowed_status = 303;
    } else if (name == "POST /logout") {
      r.allowed_status = 303;
    } else if (name == "POST /api/v1/reports") {
      json_body(testing::PhoneReportJson("0912 345 678", "Gọi điện giả danh công an"), 201);
    } else if (name == "POST /api/v1/reports/{id}/transition") {
      json_body({{"to", "triaging"}}, 200);
    } else if (name == "POST /api/v1/reports/{id}/assign") {
      json_body({{"assignee", nullptr}}, 200);
    } else if (name == "POST /api/v1/reports/{id}/note") {
      json_body({{"public_note", "Đang xác minh."}}, 200);
    } else if (name == "POST /api/v1/reports/{id}/contact") {
      r.allowed_status = 200;
    } else if (name == "POST /api/v1/reports/{id}/contact/erase") {
      json_body({{"reason", "Người báo yêu cầu xoá."}}, 200);
    } else if (name == "POST /api/v1/disputes") {
      json_body({{"kind", "domain"},
                 {"value", "cua-hang.vn"},
                 {"reason", "Trang của tôi, không lừa ai."}},
                201);
    } else if (name == "GET /api/v1/check") {
      r.target = "/api/v1/check?kind=phone&value=0912345678";
      r.allowed_status = 200;
    } else if (name == "POST /api/v1/check") {
      json_body({{"items", json::array({{{"kind", "domain"}, {"value", "cua-hang.vn"}}})}}, 200);
    } else if (name == "GET /api/v1/hashlists/{name}") {
      r.target = "/api/v1/hashlists/urls?since=0";
      r.allowed_status = 200;
    } else if (name == "POST /api/v1/hashes:search") {
      json_body({{"prefixes", json::array({"AAAAAA=="})}}, 200);
    } else if (name == "GET /feeds/{name}") {
      r.target = "/feeds/hosts";
      r.allowed_status = 200;
    } else if (name == "GET /feeds/misp/{file}") {
      r.target = "/feeds/misp/manifest.json";
      r.allowed_status = 200;
    } else if (name == "GET /api/v1/units" || name == "GET /api/v1/people" ||
               name == "GET /api/v1/campaigns") {
      r.allowed_status = 200;
    } else if (name == "POST /api/v1/people/import") {
      r.headers.Set("Content-Type", "text/csv");
      r.body = "ho_ten,don_vi\n";  // no data rows: refused whole, nothing imported
      r.allowed_status = 422;
    } else if (name == "POST /api/v1/campaigns") {
      json_body({{"title", "Chỉ thị"}, {"body", "Nội dung"}, {"people", json::array()}}, 422);
    }
    return r;
  }

  // Sends `spec`'s request as `caller` (a session caller sends its CSRF token: this test is
  // about authorisation; csrf_test.cc covers its absence). Sign-out routes use a throwaway
  // session so that the caller's own session survives.
  Call Send(const api::RouteSpec& spec, const Caller& caller, const RouteRequest& r) {
    http::Headers headers = r.headers;
    if (caller.kind == Caller::Kind::kSession) {
      const bool signs_out = spec.pattern.ends_with("/logout");
      Browser b = signs_out ? s().Login(caller.user) : caller.browser;
      const http::Headers session = b.WithCsrf();
      for (const auto& [k, v] : session.all()) headers.Set(k, v);
    } else if (caller.kind == Caller::Kind::kToken) {
      headers.Set("Authorization", "Bearer " + caller.token);
    }
    return s().Send(spec.method, r.target, headers, r.body);
  }

  // Checks one cell of the matrix.
  void Check(const api::RouteSpec& spec, const Caller& caller, Outcome expected) {
    SCOPED_TRACE(RouteName(spec) + " as " + caller.label + ", expected " +
                 std::string(OutcomeName(expected)));
    const RouteRequest r = RequestFor(spec);
    const int64_t reports = testing::StoredReports(s());
    const int64_t audit = testing::LastAuditSeq(s());
    Call call = Send(spec, caller, r);
    if (expected != Outcome::kAllowed) {
      // A refusal is problem+json in both languages and changes nothing.
      EXPECT_THAT(std::string(call.headers.Get("Content-Type").value_or("")),
                  ::testing::StartsWith("application/problem+json"));
      EXPECT_TRUE(call.json.contains("detail") && call.json.contains("detail_vi")) << call.body;
      EXPECT_EQ(testing::StoredReports(s()), reports);
      EXPECT_EQ(testing::LastAuditSeq(s()), audit) << "a refused call wrote to the audit log";
    }
    switch (expected) {
      case Outcome::kAllowed:
        EXPECT_NE(call.status, 401) << call.body;
        EXPECT_NE(call.status, 403) << call.body;
        if (r.allowed_status != 0) {
          EXPECT_EQ(call.status, r.allowed_status) << call.body;
        }
        break;
      case Outcome::kUnauthenticated:
        EXPECT_EQ(call.status, 401) << call.body;
        EXPECT_EQ(testing::ProblemCode(call), "unauthenticated") << call.body;
        EXPECT_EQ(call.headers.Get("WWW-Authenticate").value_or(""), "Bearer realm=\"binhyen\"");
        break;
      case Outcome::kForbidden:
        EXPECT_EQ(call.status, 403) << call.body;
        EXPECT_EQ(testing::ProblemCode(call), "forbidden") << call.body;
        break;
    }
  }

  static const api::RouteSpec& Route(Method method, std::string_view pattern) {
    for (const api::RouteSpec& spec : api::ApiRoutes()) {
      if (spec.method == method && spec.pattern == pattern) return spec;
    }
    ADD_FAILURE() << "no route " << http::Name(method) << " " << pattern;
    return api::ApiRoutes().front();
  }

  static TestServer* server_;
  static std::vector<Caller>* callers_;
};

TestServer* AuthorizationTest::server_ = nullptr;
std::vector<Caller>* AuthorizationTest::callers_ = nullptr;

TEST_F(AuthorizationTest, EveryRouteTimesEveryCallerFollowsTheRouteAndRoleTables) {
  ASSERT_GE(api::ApiRoutes().size(), 15u);
  for (const api::RouteSpec& spec : api::ApiRoutes()) {
    for (const Caller& caller : *callers_) Check(spec, caller, Expected(spec, caller));
  }
  EXPECT_EQ(s().Send(Method::kGet, "/healthz").status, 200);
}

// The cells that matter most, written out by hand: if RoleHas or the route table were wrong,
// the derived matrix above would agree with it, this table would not.
TEST_F(AuthorizationTest, HandWrittenExpectations) {
  struct Cell {
    Method method;
    std::string_view pattern;
    std::string_view caller;
    Outcome expected;
  };
  const Outcome kOk = Outcome::kAllowed, k401 = Outcome::kUnauthenticated,
                k403 = Outcome::kForbidden;
  const Cell cells[] = {
      {Method::kPost, "/api/v1/reports", "anonymous", kOk},
      {Method::kPost, "/api/v1/reports", "member", kOk},
      {Method::kPost, "/api/v1/reports", "admin", kOk},
      {Method::kPost, "/api/v1/reports", "analyst token reports:read", kOk},
      {Method::kGet, "/api/v1/receipts/{receipt}", "anonymous", kOk},
      {Method::kPost, "/api/v1/login", "anonymous", kOk},
      {Method::kGet, "/login", "anonymous", kOk},
      {Method::kGet, "/api/v1/session", "anonymous", k401},
      {Method::kGet, "/api/v1/session", "member", kOk},
      {Method::kPost, "/api/v1/logout", "anonymous", k401},
      {Method::kGet, "/api/v1/reports", "anonymous", k401},
      {Method::kGet, "/api/v1/reports", "member", k403},
      {Method::kGet, "/api/v1/reports", "unit_officer", k403},
      {Method::kGet, "/api/v1/reports", "programme_admin", k403},
      {Method::kGet, "/api/v1/reports", "finance", k403},
      {Method::kGet, "/api/v1/reports", "admin", k403},
      {Method::kGet, "/api/v1/reports", "analyst", kOk},
      {Method::kGet, "/api/v1/reports", "analyst token reports:read", kOk},
      {Method::kGet, "/api/v1/reports", "member token all scopes", k403},
      {Method::kGet, "/api/v1/reports", "admin token all scopes", k403},
      {Method::kGet, "/api/v1/reports/{id}", "anonymous", k401},
      {Method::kGet, "/api/v1/reports/{id}", "unit_officer", k403},
      {Method::kGet, "/api/v1/reports/{id}", "analyst", kOk},
      {Method::kPost, "/api/v1/reports/{id}/transition", "anonymous", k401},
      {Method::kPost, "/api/v1/reports/{id}/transition", "member", k403},
      {Method::kPost, "/api/v1/reports/{id}/transition", "admin", k403},
      {Method::kPost, "/api/v1/reports/{id}/transition", "analyst", kOk},
      {Method::kPost, "/api/v1/reports/{id}/transition", "analyst token reports:read", k403},
      {Method::kPost, "/api/v1/reports/{id}/transition", "analyst token reports:read+triage", kOk},
      {Method::kPost, "/api/v1/reports/{id}/transition", "member token all scopes", k403},
      {Method::kPost, "/api/v1/reports/{id}/assign", "finance", k403},
      {Method::kPost, "/api/v1/reports/{id}/assign", "analyst", kOk},
      {Method::kPost, "/api/v1/reports/{id}/note", "programme_admin", k403},
      {Method::kPost, "/api/v1/reports/{id}/note", "analyst token reports:read+triage", kOk},
      {Method::kPost, "/api/v1/reports/{id}/contact", "analyst", kOk},
      {Method::kPost, "/api/v1/reports/{id}/contact", "admin", k403},
      {Method::kPost, "/api/v1/reports/{id}/contact", "analyst token reports:read+triage", k403},
      {Method::kPost, "/api/v1/reports/{id}/contact/erase", "anonymous", k401},
      {Method::kPost, "/api/v1/reports/{id}/contact/erase", "member", k403},
      {Method::kPost, "/api/v1/reports/{id}/contact/erase", "unit_officer", k403},
      {Method::kPost, "/api/v1/reports/{id}/contact/erase", "admin", k403},
      {Method::kPost, "/api/v1/reports/{id}/contact/erase", "analyst", kOk},
      {Method::kPost, "/api/v1/reports/{id}/contact/erase", "analyst token reports:read+triage",
       k403},
      {Method::kGet, "/api/v1/reports/{id}/evidence/{sha256}", "anonymous", k401},
      {Method::kGet, "/api/v1/reports/{id}/evidence/{sha256}", "finance", k403},
      {Method::kGet, "/api/v1/reports/{id}/evidence/{sha256}", "analyst", kOk},
      {Method::kGet, "/api/v1/reports/{id}/evidence/{sha256}", "analyst token reports:read", kOk},
      {Method::kPost, "/api/v1/disputes", "anonymous", kOk},
      {Method::kGet, "/api/v1/disputes/status/{code}", "anonymous", kOk},
      {Method::kGet, "/api/v1/disputes", "anonymous", k401},
      {Method::kGet, "/api/v1/disputes", "admin", k403},
      {Method::kGet, "/api/v1/disputes", "analyst", kOk},
      {Method::kGet, "/api/v1/disputes", "analyst token reports:read", k403},
      {Method::kGet, "/api/v1/disputes/{id}", "member", k403},
      {Method::kPost, "/api/v1/disputes/{id}/resolve", "anonymous", k401},
      {Method::kPost, "/api/v1/disputes/{id}/resolve", "admin", k403},
      {Method::kPost, "/api/v1/disputes/{id}/resolve", "analyst", kOk},
      {Method::kPost, "/api/v1/disputes/{id}/resolve", "analyst token reports:read+triage", k403},
      {Method::kPost, "/api/v1/disputes/{id}/contact", "admin token all scopes", k403},
      {Method::kPost, "/api/v1/disputes/{id}/contact", "analyst", kOk},
      // The awareness programme: programme admins run campaigns; unit officers and programme
      // admins manage people; any signed-in user reads the unit tree.
      {Method::kGet, "/api/v1/units", "anonymous", k401},
      {Method::kGet, "/api/v1/units", "member", kOk},
      {Method::kGet, "/api/v1/people", "member", k403},
      {Method::kGet, "/api/v1/people", "unit_officer", kOk},
      {Method::kGet, "/api/v1/people", "programme_admin", kOk},
      {Method::kGet, "/api/v1/people", "admin", k403},
      {Method::kPost, "/api/v1/people/import", "anonymous", k401},
      {Method::kPost, "/api/v1/people/import", "member", k403},
      {Method::kPost, "/api/v1/people/import", "unit_officer", kOk},
      {Method::kPost, "/api/v1/campaigns", "anonymous", k401},
      {Method::kPost, "/api/v1/campaigns", "member", k403},
      {Method::kPost, "/api/v1/campaigns", "unit_officer", k403},
      {Method::kPost, "/api/v1/campaigns", "analyst", k403},
      {Method::kPost, "/api/v1/campaigns", "admin", k403},
      {Method::kPost, "/api/v1/campaigns", "programme_admin", kOk},
      {Method::kPost, "/api/v1/campaigns", "member token all scopes", k403},
      {Method::kPost, "/api/v1/campaigns/{id}/send", "member", k403},
      {Method::kGet, "/api/v1/campaigns/{id}/links", "unit_officer", k403},
      {Method::kGet, "/api/v1/campaigns/{id}/links", "programme_admin", kOk},
      {Method::kGet, "/api/v1/campaigns/{id}/pending", "finance", k403},
  };
  for (const Cell& cell : cells) {
    const api::RouteSpec& spec = Route(cell.method, cell.pattern);
    const Caller& caller = CallerNamed(cell.caller);
    // The derived expectation must agree with the hand-written one...
    EXPECT_EQ(Expected(spec, caller), cell.expected)
        << RouteName(spec) << " as " << caller.label << ": the route or role table changed";
    // ...and so must the server.
    Check(spec, caller, cell.expected);
  }
}

TEST_F(AuthorizationTest, BadCredentialsAreRefusedEverywhereButNeverOnPublicIntake) {
  http::Headers garbage = TestServer::Bearer("by_not_a_real_token_0123456789");
  http::Headers basic;
  basic.Set("Authorization", "Basic YWRtaW46YWRtaW4=");
  http::Headers stale;
  stale.Set("Cookie", "by_session=expired-or-forged; by_csrf=x");
  for (const api::RouteSpec& spec : api::ApiRoutes()) {
    // Public routes ignore bad credentials (intake must never lose a report to a stale
    // cookie); anonymous ones do not even read them.
    if (spec.access == api::Access::kPublic || spec.access == api::Access::kAnonymous) continue;
    RouteRequest r = RequestFor(spec);
    for (const http::Headers& credentials : {garbage, basic, stale}) {
      http::Headers h = r.headers;
      for (const auto& [k, v] : credentials.all()) h.Set(k, v);
      Call call = s().Send(spec.method, r.target, h, r.body);
      EXPECT_EQ(call.status, 401) << RouteName(spec) << " " << call.body;
      EXPECT_EQ(testing::ProblemCode(call), "unauthenticated") << RouteName(spec);
    }
  }
  // A forged session cookie on a public route counts as nobody: the report is still taken.
  Call filed =
      s().Json(Method::kPost, "/api/v1/reports",
               testing::PhoneReportJson("0912 222 333", "Tin nhắn trúng thưởng giả"), stale);
  EXPECT_EQ(filed.status, 201) << filed.body;
  // A bad bearer token is refused even there: a partner system must learn its token is wrong.
  Call bearer =
      s().Json(Method::kPost, "/api/v1/reports",
               testing::PhoneReportJson("0912 222 333", "Tin nhắn trúng thưởng giả"), garbage);
  EXPECT_EQ(bearer.status, 401) << bearer.body;
}

TEST_F(AuthorizationTest, SignedOutSessionsAndDisabledUsersLoseAccess) {
  s().AddUser("phan.tich.tam", "analyst");
  Browser b = s().Login("phan.tich.tam");
  const std::string token = s().Token("phan.tich.tam", {"reports:read"});
  ASSERT_EQ(s().Send(Method::kGet, "/api/v1/reports", b.Cookies()).status, 200);
  ASSERT_EQ(s().Send(Method::kGet, "/api/v1/reports", TestServer::Bearer(token)).status, 200);
  auto disabled = s().app().session().admin().DisableUser("phan.tich.tam");
  ASSERT_TRUE(disabled.ok()) << disabled.status().message();
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/reports", TestServer::Bearer(token)).status, 401);
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/reports", b.Cookies()).status, 401);
}

}  // namespace
}  // namespace binhyen::app

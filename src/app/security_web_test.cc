// Web security tests of `binhyen serve` over real HTTP on port 0 (issue 10, deliverable 5):
//  - stored XSS: a payload in every user-writable text field, then a crawl of every page each
//    role reaches (portal, console, feeds, exports): nothing comes back as live markup, every
//    field is seen escaped somewhere, and every page carries the security headers;
//  - the console's HTML pages the crawl found refuse signed-out callers and members;
//  - reflected XSS in query parameters, path segments and echoed form values; the headers of
//    the server's own errors; polyglot evidence files; path traversal on the routes that name
//    files.
// (SQL injection, sessions, brute force and logs: security_test.cc; docs/SECURITY.md lists
// which test covers which threat.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "app/testing/web_security.h"
#include "base/clock.h"
#include "domain/warning.h"
#include "http/form.h"
#include "store/store.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using testing::Crawl;
using testing::ExpectSecurityHeaders;
using ::testing::HasSubstr;
using testing::Header;
using testing::LiveMarkup;
using ::testing::Not;
using testing::Post;
using ::testing::StartsWith;
using testing::TestServer;
using testing::Xss;

std::string Rfc3339(base::TimePoint t) { return base::FormatRfc3339(t); }

void AddWarning(TestServer& s, domain::WarningKind kind, const std::string& slug,
                const std::string& title, const std::string& body) {
  domain::Warning w;
  w.kind = kind;
  w.slug = slug;
  w.title = title;
  w.body = body;
  w.category = domain::Category::kPhishing;
  w.created_at = s.clock().Now() - std::chrono::hours(2);
  w.updated_at = w.created_at;
  w.published_at = s.clock().Now() - std::chrono::hours(1);
  auto tx = s.app().session().env().store->Begin(store::TxMode::kReadWrite);
  ASSERT_TRUE(tx.ok()) << tx.status().message();
  ASSERT_TRUE((*tx)->Warnings().Create(w).ok());
  ASSERT_TRUE((*tx)->Commit().ok());
}

TEST(SecurityWebTest, StoredPayloadsInEveryTextFieldComeBackEscapedOnEveryPage) {
  TestServer s;
  s.AddUnits({{"pho-minh", Xss("unit"), ""}});
  s.AddUser("quan.tri", "programme_admin");
  s.AddUser("phan.tich", "analyst");
  s.AddUser("can.bo", "unit_officer");
  s.AddUser("thanh.vien", "member");
  s.AddUser("he.thong", "admin");
  s.SetUserUnit("can.bo", "pho-minh");
  const Browser programme = s.Login("quan.tri");
  const Browser analyst = s.Login("phan.tich");
  const Browser officer = s.Login("can.bo");
  const Browser member = s.Login("thanh.vien");
  const Browser admin = s.Login("he.thong");
  const std::string js = "javascript:alert(document.cookie)";

  // A report with a contact, its note; confirmed so that its indicator is public.
  Call report =
      Post(s, analyst, "/api/v1/reports",
           {{"category", "phishing"},
            {"description", Xss("report")},
            {"ward", "pho-minh"},
            {"indicators", json::array({{{"kind", "url"}, {"value", "http://lua-dao-xss.vn/a"}}})},
            {"contact", {{"name", Xss("contact")}, {"phone", "0905 111 222"}}}});
  const std::string report_path = "/api/v1/reports/" + std::to_string(report.json.value("id", 0));
  Post(s, analyst, report_path + "/note", {{"public_note", Xss("note")}}, 200);
  Post(s, analyst, report_path + "/transition", {{"to", "triaging"}}, 200);
  Post(s, analyst, report_path + "/transition", {{"to", "confirmed"}}, 200);
  // Warnings and clarifications (written by the console; stored here directly).
  AddWarning(s, domain::WarningKind::kWarning, "canh-bao-xss", Xss("warning"),
             Xss("warning-body") + "\n\n[bấm](" + js + ") <a href=\"" + js + "\">x</a>");
  AddWarning(s, domain::WarningKind::kClarification, "dinh-chinh-xss", Xss("clarification"),
             "Không đúng. " + Xss("clarification-body"));
  // An article, published.
  Post(s, programme, "/api/v1/articles",
       {{"slug", "bai-xss"},
        {"title", Xss("article")},
        {"summary", Xss("article-summary")},
        {"body", Xss("article-body") + "\n\n[link](" + js + ")"},
        {"category", "scam-alert"},
        {"audiences", {"elderly"}}});
  Post(s, programme, "/api/v1/articles/bai-xss/publish", json::object(), 200);
  // A person, a campaign sent to the unit.
  Post(s, programme, "/api/v1/people",
       {{"unit", "pho-minh"}, {"name", Xss("person")}, {"position", Xss("position")}});
  Call campaign = Post(s, programme, "/api/v1/campaigns",
                       {{"title", Xss("campaign")},
                        {"body", Xss("campaign-body") + " [x](" + js + ")"},
                        {"deadline", Rfc3339(s.clock().Now() + std::chrono::hours(240))},
                        {"units", {"pho-minh"}}});
  const std::string campaign_path =
      "/api/v1/campaigns/" + std::to_string(campaign.json.value("id", 0));
  Post(s, programme, campaign_path + "/send", json::object(), 200);
  // A quiz, open.
  Call quiz = Post(s, programme, "/api/v1/quizzes",
                   {{"slug", "cau-do-xss"},
                    {"title", Xss("quiz")},
                    {"intro", Xss("quiz-intro")},
                    {"pass_percent", 50},
                    {"questions",
                     {{{"text", Xss("question")},
                       {"options", {Xss("option"), "Không"}},
                       {"correct", 1},
                       {"explanation", Xss("explanation")}}}}});
  Post(s, programme, "/api/v1/quizzes/" + std::to_string(quiz.json.value("id", 0)) + "/open",
       json::object(), 200);
  // A training: its material link may not be a javascript: URL.
  const base::TimePoint start = s.clock().Now() + std::chrono::hours(48);
  json training = {{"title", Xss("training")},
                   {"description", Xss("training-description")},
                   {"starts_at", Rfc3339(start)},
                   {"ends_at", Rfc3339(start + std::chrono::hours(2))},
                   {"place", Xss("place")},
                   {"trainer", Xss("trainer")},
                   {"materials", {{{"title", Xss("material")}, {"url", js}}}},
                   {"units", {"pho-minh"}}};
  EXPECT_EQ(s.Json(Method::kPost, "/api/v1/trainings", training, programme.WithCsrf()).status, 422);
  training["materials"][0]["url"] = "https://tai-lieu.vn/a";
  Post(s, programme, "/api/v1/trainings", training);
  // A channel: its link may not be a javascript: URL either.
  json channel = {{"unit", "pho-minh"},      {"kind", "zalo_group"},
                  {"name", Xss("channel")},  {"url", js},
                  {"admins", Xss("admins")}, {"admin_contact", "0905 111 333"}};
  EXPECT_EQ(s.Json(Method::kPost, "/api/v1/channels", channel, officer.WithCsrf()).status, 422);
  channel["url"] = "https://zalo.me/g/phominh";
  Post(s, officer, "/api/v1/channels", channel);
  // A dispute about the confirmed link.
  Call dispute = Post(s, member, "/api/v1/disputes",
                      {{"kind", "url"},
                       {"value", "http://lua-dao-xss.vn/a"},
                       {"reason", Xss("dispute")},
                       {"contact", {{"name", Xss("dispute-contact")}, {"email", "a@b.vn"}}}});

  // Every page every role reaches.
  std::vector<std::string> public_seeds = {
      "/",
      "/canh-bao",
      "/dinh-chinh",
      "/bai-viet",
      "/huong-dan",
      "/cau-do",
      "/tap-huan",
      "/kenh-cong-dong",
      "/thong-ke",
      "/kiem-tra",
      "/bao-cao",
      "/khieu-nai",
      "/gioi-thieu",
      "/rieng-tu",
      "/feeds/warnings.atom",
      "/feeds/warnings.json",
      "/bao-cao/" + report.json.value("receipt", std::string()),
      "/khieu-nai/" + dispute.json.value("code", std::string()),
      "/kiem-tra?q=" + http::UrlEncode("http://lua-dao-xss.vn/a")};
  const std::vector<std::string> console_seeds = {"/quan-tri",
                                                  "/quan-tri/canh-bao",
                                                  "/quan-tri/bai-viet",
                                                  "/quan-tri/cau-do",
                                                  "/quan-tri/dot-pho-bien",
                                                  "/quan-tri/don-vi",
                                                  "/quan-tri/kenh",
                                                  "/quan-tri/khieu-nai",
                                                  "/quan-tri/nguoi-dung",
                                                  "/quan-tri/nhat-ky",
                                                  "/quan-tri/tap-huan",
                                                  "/quan-tri/chuong-trinh",
                                                  "/quan-tri/cam-ket",
                                                  "/quan-tri/chi-dau",
                                                  "/quan-tri/don-vi/nguoi",
                                                  "/quan-tri/tap-huan/bao-cao"};
  std::vector<std::string> staff_seeds = public_seeds;
  staff_seeds.push_back("/quan-tri/bao-cao/" + std::to_string(report.json.value("id", 0)));
  staff_seeds.insert(staff_seeds.end(), console_seeds.begin(), console_seeds.end());
  struct Crawler {
    std::string role;
    const Browser* who;
    std::vector<std::string> seeds;
  };
  const std::vector<Crawler> crawlers = {{"anonymous", nullptr, public_seeds},
                                         {"analyst", &analyst, staff_seeds},
                                         {"programme_admin", &programme, staff_seeds},
                                         {"unit_officer", &officer, staff_seeds},
                                         {"admin", &admin, staff_seeds}};
  std::map<std::string, std::set<std::string>> shown;  // marker -> pages showing it escaped
  std::set<std::string> console_pages;                 // every /quan-tri page a role saw (200)
  size_t pages = 0;
  for (const Crawler& c : crawlers) {
    for (const auto& [url, page] : Crawl(s, c.who, c.seeds, 400)) {
      SCOPED_TRACE(c.role + " GET " + url);
      ++pages;
      EXPECT_LT(page.status, 500) << page.body.substr(0, 300);
      if (url.starts_with("/quan-tri") && page.status == 200) console_pages.insert(url);
      const bool markup =
          page.type.starts_with("text/html") || page.type.find("xml") != std::string::npos;
      if (page.type.starts_with("application/json") || page.type.starts_with("text/csv")) {
        // Data, never rendered by a browser: nosniff (checked) and the exact type suffice.
        continue;
      }
      if (!markup) continue;
      EXPECT_EQ(LiveMarkup(page.body), "") << page.body.substr(0, 2000);
      for (size_t at = page.body.find("xss-"); at != std::string::npos;
           at = page.body.find("xss-", at + 1)) {
        size_t end = page.body.find_first_of("&'\"<>\\%) \n", at);
        shown[page.body.substr(at, end - at)].insert(c.role + " " + url);
      }
    }
  }
  // Every field written above was seen somewhere, escaped (so the crawl did reach it).
  for (std::string_view tag : {"unit",
                               "report",
                               "note",
                               "warning",
                               "warning-body",
                               "clarification",
                               "clarification-body",
                               "article",
                               "article-summary",
                               "article-body",
                               "person",
                               "position",
                               "campaign",
                               "campaign-body",
                               "quiz",
                               "quiz-intro",
                               "question",
                               "option",
                               "training",
                               "training-description",
                               "place",
                               "trainer",
                               "material",
                               "channel",
                               "admins",
                               "dispute"}) {
    EXPECT_TRUE(shown.count("xss-" + std::string(tag))) << "field '" << tag << "' never shown";
  }
  EXPECT_GT(pages, 100u);

  // The console's pages, as found above, refuse signed-out callers and members.
  EXPECT_GT(console_pages.size(), 20u);
  for (const std::string& url : console_pages) {
    SCOPED_TRACE("GET " + url);
    Call anonymous = s.Send(Method::kGet, url);
    EXPECT_EQ(anonymous.status, 303);
    EXPECT_THAT(Header(anonymous, "Location"), StartsWith("/login?next="));
    Call as_member = s.Send(Method::kGet, url, member.Cookies());
    EXPECT_EQ(as_member.status, 403) << as_member.body.substr(0, 300);
    EXPECT_THAT(as_member.body, Not(HasSubstr("xss-")));
  }
}

// ---------------------------------------------------------------------------------------------
// Reflected XSS, path traversal, polyglot evidence files and the headers of error answers.

TEST(SecurityWebTest, ReflectedInputTraversalAndPolyglotFilesAreHarmless) {
  TestServer s;
  s.AddUnits({{"pho-minh", "Phường Phổ Minh", ""}});
  s.AddUser("phan.tich", "analyst");
  s.AddUser("quan.tri", "programme_admin");
  const Browser analyst = s.Login("phan.tich");
  const Browser programme = s.Login("quan.tri");
  const std::string p = http::UrlEncode(Xss("r"));

  // Every query parameter any page reads, all set to the payload at once, on every page family;
  // and the payload as a path segment (404 pages echo nothing live either).
  const std::string query = "?q=" + p + "&category=" + p + "&kind=" + p + "&status=" + p +
                            "&ma=" + p + "&don-vi=" + p + "&after=" + p + "&lang=" + p +
                            "&next=" + p + "&value=" + p + "&unit=" + p + "&trang-thai=" + p +
                            "&audience=" + p + "&tu=" + p + "&den=" + p + "&format=" + p;
  struct Reflect {
    std::string target;
    const Browser* who;
  };
  std::vector<Reflect> reflects;
  for (const char* page :
       {"/", "/kiem-tra", "/canh-bao", "/dinh-chinh", "/bai-viet", "/huong-dan", "/cau-do",
        "/tap-huan", "/kenh-cong-dong", "/thong-ke", "/bao-cao", "/bao-cao/tra-cuu", "/khieu-nai",
        "/khieu-nai/tra-cuu", "/login", "/feeds/warnings.atom"}) {
    reflects.push_back({std::string(page) + query, nullptr});
  }
  for (const char* page : {"/quan-tri", "/quan-tri/canh-bao", "/quan-tri/khieu-nai",
                           "/quan-tri/chi-dau", "/quan-tri/nhat-ky", "/quan-tri/bao-cao/1"}) {
    reflects.push_back({std::string(page) + query, &analyst});
  }
  for (const char* page :
       {"/quan-tri/dot-pho-bien", "/quan-tri/bai-viet", "/quan-tri/cau-do", "/quan-tri/tap-huan",
        "/quan-tri/don-vi/nguoi", "/quan-tri/kenh", "/quan-tri/chuong-trinh",
        "/quan-tri/tap-huan/bao-cao", "/quan-tri/cam-ket"}) {
    reflects.push_back({std::string(page) + query, &programme});
  }
  for (const std::string& path :
       {"/" + p, "/canh-bao/" + p, "/bai-viet/" + p, "/bao-cao/" + p, "/khieu-nai/" + p,
        "/cau-do/" + p, "/xac-nhan/" + p, "/lam-bai/" + p, "/tap-huan/diem-danh/" + p,
        "/quy-tac-ung-xu/ky/" + p, "/api/v1/" + p, "/api/v1/receipts/" + p}) {
    reflects.push_back({path, nullptr});
  }
  reflects.push_back({"/quan-tri/bao-cao/" + p, &analyst});
  for (const Reflect& r : reflects) {
    SCOPED_TRACE("GET " + r.target.substr(0, 80));
    Call call = s.Send(Method::kGet, r.target, r.who ? r.who->Cookies() : http::Headers{});
    EXPECT_LT(call.status, 500);
    ExpectSecurityHeaders(call, r.target.substr(0, 60));
    // JSON answers are data (their type and nosniff are checked); pages must not be live.
    if (!Header(call, "Content-Type").starts_with("application/")) {
      EXPECT_EQ(LiveMarkup(call.body), "") << call.body.substr(0, 2000);
    }
    EXPECT_EQ(Header(call, "Location").find("javascript:"), std::string::npos);
  }
  // Form values echoed back by refused forms (each with its own form token, so that the form
  // is read and its values come back in the page), and the sign-in form's `next`.
  Call login_page = s.Send(Method::kGet, "/login");
  const std::string login_csrf = testing::SetCookieValue(login_page, "by_login_csrf");
  const std::string report_token =
      testing::SetCookieValue(s.Send(Method::kGet, "/bao-cao"), "by_form");
  const std::string dispute_token =
      testing::SetCookieValue(s.Send(Method::kGet, "/khieu-nai"), "by_form");
  ASSERT_FALSE(login_csrf.empty() || report_token.empty() || dispute_token.empty());
  struct Echo {
    std::string target, cookie, body;
    bool echoes = true;  // the payload comes back (escaped) in the page
  };
  for (const Echo& e : std::vector<Echo>{
           {"/login", "by_login_csrf=" + login_csrf,
            "name=" + p + "&password=x&next=" + p + "&csrf_token=" + login_csrf},
           {"/login", "by_login_csrf=" + login_csrf,
            "name=a&password=x&next=" + http::UrlEncode("javascript:alert(1)") +
                "&csrf_token=" + login_csrf,
            false},
           {"/bao-cao", "by_form=" + report_token,
            "category=" + p + "&description=" + p + "&phone=" + p + "&url=" + p +
                "&contact_name=" + p + "&contact_email=" + p + "&csrf_token=" + report_token},
           {"/khieu-nai", "by_form=" + dispute_token,
            "kind=" + p + "&value=" + p + "&reason=" + p + "&contact_name=" + p +
                "&csrf_token=" + dispute_token},
           {"/kiem-tra", "", "q=" + p + "&message=" + p, false}}) {
    SCOPED_TRACE("POST " + e.target + " " + e.body.substr(0, 40));
    http::Headers form = testing::ContentType("application/x-www-form-urlencoded");
    if (!e.cookie.empty()) form.Set("Cookie", e.cookie);
    Call call = s.Send(Method::kPost, e.target, form, e.body);
    EXPECT_LT(call.status, 500);
    ExpectSecurityHeaders(call, "POST " + e.target);
    EXPECT_EQ(LiveMarkup(call.body), "") << call.body.substr(0, 2000);
    if (e.echoes) {
      EXPECT_THAT(call.body, HasSubstr("xss-r"));
    }
    const std::string location = Header(call, "Location");
    EXPECT_TRUE(location.empty() || (location.starts_with("/") && !location.starts_with("//")))
        << location;
  }
  EXPECT_EQ(testing::StoredReports(s), 0);

  // Error answers of the server itself carry the same headers.
  for (const auto& [target, body, status] : std::vector<std::tuple<std::string, std::string, int>>{
           {"/khong-co-trang-nay", "", 404},
           {"/api/v1/khong-co", "", 404},
           {"/canh-bao?q=%zz", "", 400},
           {"/api/v1/reports", std::string(1'100'000, ' '), 413}}) {
    Call call = body.empty()
                    ? s.Send(Method::kGet, target)
                    : s.Send(Method::kPost, target, testing::ContentType("application/json"), body);
    EXPECT_EQ(call.status, status) << target;
    ExpectSecurityHeaders(call, target);
  }

  // Polyglot evidence files: what the bytes are decides what is stored and how it is served.
  const std::string html = "<html><body><script>alert(1)</script></body></html>";
  struct Upload {
    std::string name;
    std::string filename;
    std::string data;
    std::string media_type;  // "" when refused
  };
  const std::vector<Upload> uploads = {
      {"PNG with HTML after IEND", "anh.png", testing::kPng + html, "image/png"},
      {"PNG named .html", "trang.html", testing::kPng + html, "image/png"},
      {"JPEG header then HTML", "anh.jpg", std::string("\xff\xd8\xff\xe0", 4) + html, "image/jpeg"},
      {"GIF header then script", "anh.gif", "GIF89a=1;alert(1)//" + html, "image/gif"},
      {"PDF header then HTML", "don.pdf", "%PDF-1.4\n" + html, "application/pdf"},
      {"HTML named .png", "anh.png", html, ""},
      {"HTML with a BOM", "anh.png", "\xef\xbb\xbf" + html, ""},
      {"SVG with script", "anh.svg",
       "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>", ""},
      {"XHTML", "anh.xhtml",
       "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">" + html + "</html>",
       ""},
  };
  for (const Upload& u : uploads) {
    SCOPED_TRACE(u.name);
    // The part claims to be a PNG whatever it is.
    std::string body = testing::Multipart({{"category", "spam"}, {"description", "Ảnh tin nhắn"}},
                                          {{u.filename, u.data}});
    for (size_t at = body.find("application/octet-stream"); at != std::string::npos;
         at = body.find("application/octet-stream")) {
      body.replace(at, 24, "image/png");
    }
    Call filed = s.Send(Method::kPost, "/api/v1/reports", testing::MultipartType(), body);
    if (u.media_type.empty()) {
      EXPECT_EQ(filed.status, 422) << filed.body.substr(0, 300);
      continue;
    }
    ASSERT_EQ(filed.status, 201) << filed.body.substr(0, 300);
    const std::string id = std::to_string(filed.json.value("id", 0));
    const json& ref = filed.json["evidence"][0];
    EXPECT_EQ(ref.value("media_type", ""), u.media_type);
    const std::string sha = ref.value("sha256", "");
    Call api =
        s.Send(Method::kGet, "/api/v1/reports/" + id + "/evidence/" + sha, analyst.Cookies());
    Call console =
        s.Send(Method::kGet, "/quan-tri/bao-cao/" + id + "/bang-chung/" + sha, analyst.Cookies());
    for (const Call* served : {&api, &console}) {
      EXPECT_EQ(served->status, 200);
      EXPECT_EQ(served->body, u.data);
      EXPECT_EQ(Header(*served, "Content-Type"), u.media_type);
      EXPECT_EQ(Header(*served, "X-Content-Type-Options"), "nosniff");
      EXPECT_THAT(Header(*served, "Content-Security-Policy"), StartsWith("sandbox"));
      EXPECT_THAT(Header(*served, "Content-Security-Policy"), HasSubstr("default-src 'none'"));
      const std::string disposition = Header(*served, "Content-Disposition");
      EXPECT_THAT(disposition, Not(HasSubstr(".html\"")));
      EXPECT_THAT(disposition, Not(::testing::EndsWith(".html")));
      EXPECT_THAT(disposition, Not(HasSubstr("\"\"")));
    }
    EXPECT_THAT(Header(api, "Content-Disposition"), StartsWith("attachment"));
  }

  // Path traversal on the routes that name files: evidence (API and console), static files and
  // feeds. Nothing outside their own files is ever served.
  Call filed = s.Send(Method::kPost, "/api/v1/reports", testing::MultipartType(),
                      testing::Multipart({{"category", "spam"}, {"description", "ảnh"}},
                                         {{"a.png", testing::kPng}}));
  ASSERT_EQ(filed.status, 201);
  const std::string id = std::to_string(filed.json.value("id", 0));
  const std::string sha = filed.json["evidence"][0].value("sha256", "");
  std::vector<std::string> traversals;
  for (const std::string& base :
       {"/api/v1/reports/" + id + "/evidence/", "/quan-tri/bao-cao/" + id + "/bang-chung/",
        std::string("/static/"), std::string("/feeds/"), std::string("/feeds/misp/")}) {
    for (const std::string& evil :
         {std::string("../../../keys/contact.key"),
          std::string("..%2f..%2f..%2fkeys%2fcontact.key"),
          std::string("%2e%2e%2f%2e%2e%2fkeys%2fcontact.key"),
          std::string("%2e%2e/%2e%2e/binhyen.db"), std::string("..%5c..%5cbinhyen.db"),
          std::string("%252e%252e%252fbinhyen.db"), std::string("%2fetc%2fpasswd"),
          std::string("/etc/passwd"), std::string("..%c0%af..%c0%afetc%c0%afpasswd"),
          sha + "%00.png", sha + "/..", std::string("%00"), std::string("."), std::string("..")}) {
      traversals.push_back(base + evil);
    }
  }
  std::string key;
  {
    std::ifstream in(s.app().session().env().data_dir.keys_dir() / "contact.key", std::ios::binary);
    key.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (const std::string& target : traversals) {
    SCOPED_TRACE("GET " + target);
    Call call = s.Send(Method::kGet, target, analyst.Cookies());
    EXPECT_TRUE(call.status == 400 || call.status == 404) << call.status;
    EXPECT_THAT(call.body, Not(HasSubstr("root:")));
    EXPECT_THAT(call.body, Not(HasSubstr("SQLite format")));
    if (!key.empty()) {
      EXPECT_THAT(call.body, Not(HasSubstr(key)));
    }
  }
  EXPECT_EQ(s.Send(Method::kGet, "/healthz").status, 200);
}

}  // namespace
}  // namespace binhyen::app

// The analysts' console over real HTTP (port 0): the queue, a report's page, the actions on it
// (confirm, reject, merge, assign, reveal the contact) with the session's CSRF token, and the
// evidence files. Analysts sign in through the HTML form at /login, as a browser does.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestServer;

constexpr std::string_view kHostile = "<script>alert(1)</script>";

class WebConsoleTriageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    server_->AddUser("an", "analyst");
    analyst_ = new Browser(SignIn("an", "/quan-tri"));
  }
  static void TearDownTestSuite() {
    delete analyst_;
    delete server_;
  }
  TestServer& s() { return *server_; }
  const Browser& an() { return *analyst_; }

  // Signs `name` in through GET + POST /login; expects the redirect to `next`.
  static Browser SignIn(const std::string& name, const std::string& next) {
    TestServer& s = *server_;
    Call page = s.Send(Method::kGet, "/login?next=" + http::UrlEncode(next));
    EXPECT_EQ(page.status, 200);
    const std::string token = testing::SetCookieValue(page, "by_login_csrf");
    http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
    h.Set("Cookie", "by_login_csrf=" + token);
    const std::string body = "name=" + name +
                             "&password=" + http::UrlEncode(std::string(testing::kTestPassword)) +
                             "&totp=" + s.TotpCode(name) + "&next=" + http::UrlEncode(next) +
                             "&csrf_token=" + http::UrlEncode(token);
    Call ok = s.Send(Method::kPost, "/login", h, body);
    EXPECT_EQ(ok.status, 303) << ok.body;
    EXPECT_EQ(ok.headers.Get("Location").value_or(""), next);
    return Browser{testing::SetCookieValue(ok, "by_session"),
                   testing::SetCookieValue(ok, "by_csrf")};
  }

  // Files a web report about `url` with `text` and a contact: its id and receipt code.
  std::pair<std::string, std::string> File(const std::string& url, const std::string& text) {
    Call call = s().Json(Method::kPost, "/api/v1/reports",
                         {{"category", "phishing"},
                          {"description", text},
                          {"indicators", json::array({{{"kind", "url"}, {"value", url}}})},
                          {"contact", {{"phone", "0905 000 111"}}}});
    EXPECT_EQ(call.status, 201) << call.body;
    if (call.status != 201) return {"1", ""};
    return {std::to_string(int64_t(call.json["id"])), call.json["receipt"]};
  }

  std::string StatusOf(const std::string& id) {
    Call detail = s().Send(Method::kGet, "/api/v1/reports/" + id, an().Cookies());
    EXPECT_EQ(detail.status, 200) << detail.body;
    return detail.json.value("status", "");
  }

  // POSTs the urlencoded `fields` (plus the session's csrf_token unless `csrf` is false).
  Call Post(const std::string& path, std::string fields, bool csrf = true,
            const Browser* who = nullptr) {
    const Browser& b = who ? *who : an();
    if (csrf) fields += (fields.empty() ? "" : "&") + std::string("csrf_token=") + b.csrf;
    return s().Send(Method::kPost, path,
                    testing::ContentType("application/x-www-form-urlencoded", b.Cookies()), fields);
  }

  static TestServer* server_;
  static Browser* analyst_;
};

TestServer* WebConsoleTriageTest::server_ = nullptr;
Browser* WebConsoleTriageTest::analyst_ = nullptr;

TEST_F(WebConsoleTriageTest, SignedOutRequestsGoToSignInWithNext) {
  Call queue = s().Send(Method::kGet, "/quan-tri?status=all");
  EXPECT_EQ(queue.status, 303);
  EXPECT_EQ(queue.headers.Get("Location").value_or(""), "/login?next=%2Fquan-tri%3Fstatus%3Dall");
  Call detail = s().Send(Method::kGet, "/quan-tri/bao-cao/1");
  EXPECT_EQ(detail.headers.Get("Location").value_or(""), "/login?next=%2Fquan-tri%2Fbao-cao%2F1");
  const auto [id, receipt] = File("http://dang-nhap-vcb.top/a", "Tin nhắn giả ngân hàng");
  Call post = s().Send(Method::kPost, "/quan-tri/bao-cao/" + id + "/xac-nhan",
                       testing::ContentType("application/x-www-form-urlencoded"), "x=1");
  EXPECT_EQ(post.status, 303);
  EXPECT_EQ(StatusOf(id), "received");
  // The sign-in page is the portal's: its stylesheet, its CSP, the labels of the contract.
  Call page = s().Send(Method::kGet, "/login?next=%2Fquan-tri");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(std::string(page.headers.Get("Content-Security-Policy").value_or("")),
              HasSubstr("script-src 'self'; style-src 'self'"));
  EXPECT_THAT(page.body, HasSubstr("<link rel=\"stylesheet\" href=\"/static/site.css\">"));
  EXPECT_THAT(page.body, Not(HasSubstr("<style")));
  EXPECT_THAT(page.body, HasSubstr("<label for=\"name\">Tên đăng nhập"));
  EXPECT_THAT(page.body, HasSubstr("<label for=\"password\">Mật khẩu"));
  EXPECT_THAT(page.body, HasSubstr("<label for=\"totp\">Mã xác thực (TOTP)"));
  EXPECT_THAT(page.body, HasSubstr(">Đăng nhập</button>"));
  EXPECT_THAT(page.body, HasSubstr("name=\"next\" value=\"/quan-tri\""));
}

TEST_F(WebConsoleTriageTest, QueueListsReportsAndEscapesWhatItEchoes) {
  const auto [id, receipt] = File("http://queue-test.top/x", "Giả danh công an gọi điện");
  Call queue = s().Send(Method::kGet, "/quan-tri", an().Cookies());
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_THAT(queue.body, HasSubstr("<tr data-report-id=\"" + id + "\">"));
  EXPECT_THAT(queue.body,
              HasSubstr("<a href=\"/quan-tri/bao-cao/" + id + "\" class=\"mono\">" + receipt));
  EXPECT_THAT(queue.body, HasSubstr("data-search"));
  EXPECT_THAT(queue.body, HasSubstr("<kbd>j</kbd>"));
  EXPECT_EQ(queue.headers.Get("Cache-Control").value_or(""), "no-store");
  // Another status filter leaves it out; "all" has it.
  Call confirmed = s().Send(Method::kGet, "/quan-tri?status=confirmed", an().Cookies());
  EXPECT_THAT(confirmed.body, Not(HasSubstr("data-report-id=\"" + id + "\"")));
  // A receipt code typed in the search box finds its report whatever the status filter.
  Call by_code = s().Send(Method::kGet, "/quan-tri?status=confirmed&q=" + receipt, an().Cookies());
  EXPECT_THAT(by_code.body, HasSubstr("data-report-id=\"" + id + "\""));
  Call all = s().Send(Method::kGet, "/quan-tri?status=all", an().Cookies());
  EXPECT_THAT(all.body, HasSubstr("data-report-id=\"" + id + "\""));
  // The search box echoes hostile text escaped.
  Call search = s().Send(Method::kGet, "/quan-tri?q=" + http::UrlEncode(kHostile), an().Cookies());
  EXPECT_EQ(search.status, 200);
  EXPECT_THAT(search.body, Not(HasSubstr(kHostile)));
  EXPECT_THAT(search.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(WebConsoleTriageTest, DetailEscapesHostileText) {
  const auto [id, receipt] =
      File("http://hostile-text.top/", std::string(kHostile) + " \"quoted\" & <b>bold</b>");
  Call detail = s().Send(Method::kGet, "/quan-tri/bao-cao/" + id, an().Cookies());
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_THAT(detail.body, Not(HasSubstr(kHostile)));
  EXPECT_THAT(detail.body, Not(HasSubstr("<b>bold")));
  EXPECT_THAT(detail.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(detail.body, HasSubstr("<form id=\"confirm-form\""));
  EXPECT_THAT(detail.body, HasSubstr("<form id=\"reject-form\""));
  EXPECT_THAT(detail.body, HasSubstr("<form id=\"merge-form\""));
  EXPECT_THAT(detail.body, HasSubstr("name=\"csrf_token\" value=\"" + an().csrf + "\""));
  EXPECT_THAT(detail.body, HasSubstr("http://hostile-text.top/"));
  EXPECT_THAT(detail.body, HasSubstr("data-verdict=\"unknown\""));
  EXPECT_EQ(s().Send(Method::kGet, "/quan-tri/bao-cao/999999", an().Cookies()).status, 404);
  EXPECT_EQ(s().Send(Method::kGet, "/quan-tri/bao-cao/abc", an().Cookies()).status, 404);
}

TEST_F(WebConsoleTriageTest, ConfirmingAReceivedReportMakesItsLinkDangerous) {
  const std::string url = "http://xac-nhan-console.top/login";
  const auto [id, receipt] = File(url, "Tin nhắn giả ngân hàng kèm link");
  const int64_t audit = testing::LastAuditSeq(s());
  Call done =
      Post("/quan-tri/bao-cao/" + id + "/xac-nhan", "category=phishing&severity=high&public_note=" +
                                                        http::UrlEncode("Cảm ơn bạn đã báo cáo"));
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.headers.Get("Location").value_or(""), "/quan-tri/bao-cao/" + id + "?ok=confirmed");
  EXPECT_EQ(StatusOf(id), "confirmed");
  // received -> triaging -> confirmed: two audited moves.
  auto entries = s().app().session().admin().RecentAudit(2);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(testing::LastAuditSeq(s()), audit + 2);
  for (const domain::AuditEntry& e : *entries) {
    EXPECT_EQ(e.action, "report.transition");
    EXPECT_EQ(e.actor, "user:an");
  }
  Call page = s().Send(Method::kGet, "/quan-tri/bao-cao/" + id + "?ok=confirmed", an().Cookies());
  EXPECT_THAT(page.body, HasSubstr("role=\"status\""));
  EXPECT_THAT(page.body, HasSubstr("data-status=\"confirmed\""));
  EXPECT_THAT(page.body, HasSubstr("href=\"/quan-tri/canh-bao/moi?report=" + id + "\""));
  EXPECT_THAT(page.body, Not(HasSubstr("id=\"confirm-form\"")));
  ASSERT_TRUE(s().app().reputation().Refresh().ok());
  Call check = s().Send(Method::kGet, "/api/v1/check?kind=url&value=" + http::UrlEncode(url));
  EXPECT_EQ(check.json.value("verdict", ""), "dangerous") << check.body;
  Call receipt_page = s().Send(Method::kGet, "/bao-cao/" + receipt);
  EXPECT_THAT(receipt_page.body, HasSubstr("data-status=\"confirmed\""));
  EXPECT_THAT(receipt_page.body, HasSubstr("Cảm ơn bạn đã báo cáo"));
  // Reopening puts it back to triage.
  Call reopened = Post("/quan-tri/bao-cao/" + id + "/mo-lai", "reason=nham");
  EXPECT_EQ(reopened.status, 303);
  EXPECT_EQ(StatusOf(id), "triaging");
}

TEST_F(WebConsoleTriageTest, ConfirmMayNameAnotherCategoryButNotAnUnknownOne) {
  const auto [id, receipt] = File("http://category-test.top/", "Tin nhắn lạ");
  Call unknown = Post("/quan-tri/bao-cao/" + id + "/xac-nhan", "category=nope&severity=high");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_THAT(unknown.body, HasSubstr("role=\"alert\""));
  Call severity = Post("/quan-tri/bao-cao/" + id + "/xac-nhan", "category=phishing&severity=x");
  EXPECT_EQ(severity.status, 422);
  EXPECT_EQ(StatusOf(id), "received");
  // The analyst found a loan scam, not the phishing the reporter chose.
  Call other = Post("/quan-tri/bao-cao/" + id + "/xac-nhan", "category=loan&severity=high");
  EXPECT_EQ(other.status, 303) << other.body;
  EXPECT_EQ(StatusOf(id), "confirmed");
  Call detail = s().Send(Method::kGet, "/api/v1/reports/" + id, an().Cookies());
  EXPECT_EQ(detail.json.value("category", ""), "loan");
}

TEST_F(WebConsoleTriageTest, RejectNeedsAReason) {
  const auto [id, receipt] = File("http://reject-test.top/", "Không rõ ràng");
  const int64_t audit = testing::LastAuditSeq(s());
  Call none = Post("/quan-tri/bao-cao/" + id + "/tu-choi", "reason=");
  EXPECT_EQ(none.status, 422);
  EXPECT_THAT(none.body, HasSubstr("role=\"alert\""));
  Call other = Post("/quan-tri/bao-cao/" + id + "/tu-choi", "reason=other&reason_detail=");
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(testing::LastAuditSeq(s()), audit);
  EXPECT_EQ(StatusOf(id), "received");
  Call done = Post("/quan-tri/bao-cao/" + id + "/tu-choi",
                   "reason=not_scam&reason_detail=" + http::UrlEncode("Tin quảng cáo thật"));
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.headers.Get("Location").value_or(""), "/quan-tri/bao-cao/" + id + "?ok=rejected");
  EXPECT_EQ(StatusOf(id), "rejected");
  auto last = s().app().session().admin().RecentAudit(1);
  ASSERT_TRUE(last.ok());
  EXPECT_THAT(last->back().summary, HasSubstr("Không phải lừa đảo: Tin quảng cáo thật"));
}

TEST_F(WebConsoleTriageTest, MergeMarksADuplicateByNumberOrReceiptCode) {
  const auto [first, first_receipt] = File("http://merge-a.top/", "Báo cáo gốc");
  const auto [second, second_receipt] = File("http://merge-b.top/", "Báo cáo trùng");
  const auto [third, third_receipt] = File("http://merge-c.top/", "Báo cáo trùng nữa");
  Call missing = Post("/quan-tri/bao-cao/" + second + "/gop", "duplicate_of=999999");
  EXPECT_EQ(missing.status, 422);
  Call empty = Post("/quan-tri/bao-cao/" + second + "/gop", "duplicate_of=");
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(StatusOf(second), "received");
  Call merged = Post("/quan-tri/bao-cao/" + second + "/gop", "duplicate_of=" + first);
  ASSERT_EQ(merged.status, 303) << merged.body;
  EXPECT_EQ(StatusOf(second), "duplicate");
  Call page = s().Send(Method::kGet, "/quan-tri/bao-cao/" + second, an().Cookies());
  EXPECT_THAT(page.body, HasSubstr("<a href=\"/quan-tri/bao-cao/" + first + "\">"));
  Call by_code = Post("/quan-tri/bao-cao/" + third + "/gop", "duplicate_of=" + first_receipt);
  ASSERT_EQ(by_code.status, 303) << by_code.body;
  EXPECT_EQ(StatusOf(third), "duplicate");
}

TEST_F(WebConsoleTriageTest, FormsWithoutTheSessionTokenChangeNothing) {
  const auto [id, receipt] = File("http://csrf-console.top/", "Thử CSRF");
  const int64_t audit = testing::LastAuditSeq(s());
  for (const std::string action :
       {"xac-nhan", "tu-choi", "gop", "nhan-viec", "ghi-chu", "lien-he", "xoa-lien-he"}) {
    const std::string path = "/quan-tri/bao-cao/" + id + "/" + action;
    const std::string fields = "category=phishing&reason=not_scam&duplicate_of=1&public_note=x";
    Call missing = Post(path, fields, /*csrf=*/false);
    EXPECT_EQ(missing.status, 403) << action;
    Call wrong = Post(path, fields + "&csrf_token=" + std::string(43, 'A'), false);
    EXPECT_EQ(wrong.status, 403) << action;
  }
  EXPECT_EQ(testing::LastAuditSeq(s()), audit);
  EXPECT_EQ(StatusOf(id), "received");
}

TEST_F(WebConsoleTriageTest, AssignNoteAndContact) {
  const auto [id, receipt] = File("http://assign-test.top/", "Cần liên hệ người báo cáo");
  Call assigned = Post("/quan-tri/bao-cao/" + id + "/nhan-viec", "");
  ASSERT_EQ(assigned.status, 303) << assigned.body;
  Call mine = s().Send(Method::kGet, "/quan-tri?mine=1", an().Cookies());
  EXPECT_THAT(mine.body, HasSubstr("data-report-id=\"" + id + "\""));
  Call noted = Post("/quan-tri/bao-cao/" + id + "/ghi-chu",
                    "public_note=" + http::UrlEncode(std::string(kHostile)));
  ASSERT_EQ(noted.status, 303);
  Call page = s().Send(Method::kGet, "/quan-tri/bao-cao/" + id, an().Cookies());
  EXPECT_THAT(page.body, Not(HasSubstr(kHostile)));
  EXPECT_THAT(page.body, HasSubstr("Xem thông tin liên hệ"));
  EXPECT_THAT(page.body, Not(HasSubstr("0905 000 111")));
  const int64_t audit = testing::LastAuditSeq(s());
  Call contact = Post("/quan-tri/bao-cao/" + id + "/lien-he", "");
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_THAT(contact.body, HasSubstr("0905 000 111"));
  EXPECT_EQ(testing::LastAuditSeq(s()), audit + 1);
  auto last = s().app().session().admin().RecentAudit(1);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->back().action, "report.contact.reveal");
}

TEST_F(WebConsoleTriageTest, EraseContactNeedsTheRightAReasonAndLeavesTheRest) {
  const auto [id, receipt] = File("http://erase-test.top/", "Người báo xin xoá liên hệ");
  const std::string path = "/quan-tri/bao-cao/" + id + "/xoa-lien-he";
  // A unit officer (no reports:contact) and a signed-out visitor change nothing.
  s().AddUser("sy.phuong", "unit_officer");
  const Browser officer = SignIn("sy.phuong", "/quan-tri");
  const int64_t audit = testing::LastAuditSeq(s());  // after the sign-in, which is audited
  EXPECT_EQ(Post(path, "reason=x", true, &officer).status, 403);
  Call anonymous = s().Send(Method::kPost, path,
                            testing::ContentType("application/x-www-form-urlencoded"), "reason=x");
  EXPECT_EQ(anonymous.status, 303);  // to the sign-in page
  // An analyst must give a reason.
  Call no_reason = Post(path, "reason=+");
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_THAT(no_reason.body, HasSubstr("Hãy ghi lý do xoá"));
  EXPECT_EQ(testing::LastAuditSeq(s()), audit);

  Call erased = Post(path, "reason=" + http::UrlEncode("Người báo yêu cầu xoá"));
  ASSERT_EQ(erased.status, 303) << erased.body;
  EXPECT_EQ(erased.headers.Get("Location").value_or(""),
            "/quan-tri/bao-cao/" + id + "?ok=contact_erased");
  auto last = s().app().session().admin().RecentAudit(1);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->back().action, "report.contact.erase");
  EXPECT_EQ(last->back().target, "report:" + id);
  EXPECT_EQ(last->back().summary, "erased the reporter's contact: Người báo yêu cầu xoá");
  EXPECT_EQ(testing::LastAuditSeq(s()), audit + 1);
  // Idempotent: again is fine and writes nothing.
  EXPECT_EQ(Post(path, "reason=again").status, 303);
  EXPECT_EQ(testing::LastAuditSeq(s()), audit + 1);

  Call page = s().Send(Method::kGet, "/quan-tri/bao-cao/" + id, an().Cookies());
  EXPECT_THAT(page.body, HasSubstr("Đã xoá thông tin liên hệ theo thời hạn lưu trữ."));
  EXPECT_THAT(page.body, HasSubstr("Người báo xin xoá liên hệ"));  // the rest stays
  EXPECT_THAT(page.body, Not(HasSubstr("Báo cáo ẩn danh.")));
  EXPECT_THAT(page.body, Not(HasSubstr("Xem thông tin liên hệ")));
  Call reveal = s().Send(Method::kPost, "/api/v1/reports/" + id + "/contact", an().WithCsrf());
  EXPECT_EQ(reveal.status, 409) << reveal.body;
  EXPECT_EQ(testing::ProblemCode(reveal), "contact_erased");
  Call api_view = s().Send(Method::kGet, "/api/v1/reports/" + id, an().Cookies());
  EXPECT_EQ(api_view.json["anonymous"], false);
  EXPECT_FALSE(api_view.json["contact_erased_at"].is_null());
  EXPECT_EQ(api_view.json["has_contact"], false);
}

TEST_F(WebConsoleTriageTest, EvidenceIsServedOnlyForItsReport) {
  Call with_png = s().Send(Method::kPost, "/api/v1/reports", testing::MultipartType(),
                           testing::Multipart({{"category", "bank_fraud"},
                                               {"description", "Ảnh chụp tin nhắn lừa đảo"},
                                               {"indicator.phone", "0905 123 456"}},
                                              {{"anh.png", testing::kPng}}));
  ASSERT_EQ(with_png.status, 201) << with_png.body;
  const std::string id = std::to_string(int64_t(with_png.json["id"]));
  const std::string sha = with_png.json["evidence"][0]["sha256"];
  const auto [other, other_receipt] = File("http://no-evidence.top/", "Không có ảnh");
  const std::string file = "/quan-tri/bao-cao/" + id + "/bang-chung/" + sha;
  Call got = s().Send(Method::kGet, file, an().Cookies());
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, testing::kPng);
  EXPECT_EQ(got.headers.Get("Content-Type").value_or(""), "image/png");
  EXPECT_EQ(got.headers.Get("Content-Security-Policy").value_or(""), "sandbox; default-src 'none'");
  EXPECT_EQ(got.headers.Get("X-Content-Type-Options").value_or(""), "nosniff");
  EXPECT_THAT(std::string(got.headers.Get("Content-Disposition").value_or("")),
              ::testing::StartsWith("inline"));
  Call foreign =
      s().Send(Method::kGet, "/quan-tri/bao-cao/" + other + "/bang-chung/" + sha, an().Cookies());
  EXPECT_EQ(foreign.status, 404);
  EXPECT_NE(foreign.body, testing::kPng);
  EXPECT_EQ(s().Send(Method::kGet, file).status, 303);
  Call page = s().Send(Method::kGet, "/quan-tri/bao-cao/" + id, an().Cookies());
  EXPECT_THAT(page.body, HasSubstr("<img src=\"" + file + "\""));
  EXPECT_THAT(page.body, HasSubstr("?ocr=" + sha));
  // Reading the text happens on demand; without OCR models the page says so and still works.
  Call ocr = s().Send(Method::kGet, "/quan-tri/bao-cao/" + id + "?ocr=" + sha, an().Cookies());
  ASSERT_EQ(ocr.status, 200);
  EXPECT_THAT(ocr.body, ::testing::AnyOf(HasSubstr("Chữ đọc được (OCR)"),
                                         HasSubstr("Chưa cài đặt chức năng đọc chữ"),
                                         HasSubstr("Không đọc được ảnh")));
}

}  // namespace
}  // namespace binhyen::app

// Quizzes over real HTTP (TestServer): the JSON API (create, open, take, results, close), the
// public page /cau-do/{slug} (escaping, no answers before submitting, CSRF refusal stores
// nothing, bad input keeps the answers, a closed quiz refuses), the console pages under
// /quan-tri/cau-do (roles, the textarea form, results per unit, CSV) and personal links.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using testing::TestServer;

constexpr std::string_view kHostile = "<script>alert(1)</script>";
constexpr std::string_view kSecretExplanation = "GIAI-THICH-BI-MAT";

class QuizHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tx = s_.app().session().env().store->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, name, parent] :
         std::vector<std::array<std::string, 3>>{{"duc-pho", "Thị xã Đức Phổ", ""},
                                                 {"pho-minh", "Phường Phổ Minh", "duc-pho"},
                                                 {"thcs-pm", "Trường THCS Phổ Minh", "pho-minh"}}) {
      ASSERT_TRUE(
          tx->Units().Create({code, name, domain::UnitKind::kWard, parent, s_.clock().Now()}).ok());
    }
    domain::Person p;
    p.unit_code = "thcs-pm";
    p.name = "Trần Thị Bình";
    p.created_at = s_.clock().Now();
    ASSERT_TRUE(tx->People().Create(p).ok());
    ASSERT_TRUE(tx->Commit().ok());
    s_.AddUser("chuong.trinh", "programme_admin");
    s_.AddUser("thanh.vien", "member");
    admin_ = s_.Login("chuong.trinh");
    member_ = s_.Login("thanh.vien");
  }

  json QuizJson() {
    return {{"slug", "lua-dao"},
            {"title", "Lừa đảo " + std::string(kHostile)},
            {"intro", "Giới thiệu **ngắn**. " + std::string(kHostile)},
            {"pass_percent", 50},
            {"questions",
             {{{"text", "Công an gọi xin tiền? " + std::string(kHostile)},
               {"options", {"Chuyển", "Không chuyển"}},
               {"correct", 1},
               {"explanation", std::string(kSecretExplanation)}},
              {{"text", "Ai xin OTP?"},
               {"options", {"Kẻ gian", "Ngân hàng", "Bạn bè"}},
               {"correct", 0},
               {"explanation", "Không ai được xin OTP."}}}}};
  }

  // A quiz created and opened through the API; returns its id.
  int64_t OpenQuiz() {
    Call created = s_.Json(Method::kPost, "/api/v1/quizzes", QuizJson(), admin_.WithCsrf());
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.json.value("id", int64_t{0});
    Call opened = s_.Send(Method::kPost, "/api/v1/quizzes/" + std::to_string(id) + "/open",
                          admin_.WithCsrf());
    EXPECT_EQ(opened.status, 200) << opened.body;
    return id;
  }

  json Results(int64_t id) {
    Call call = s_.Send(Method::kGet, "/api/v1/quizzes/" + std::to_string(id) + "/results",
                        admin_.Cookies());
    EXPECT_EQ(call.status, 200) << call.body;
    return call.json["results"];
  }

  // The page's form token (by_form cookie), after GET `path`.
  std::string FormToken(const std::string& path, Call* page = nullptr) {
    Call got = s_.Send(Method::kGet, path);
    EXPECT_EQ(got.status, 200) << got.body;
    if (page != nullptr) *page = got;
    return testing::SetCookieValue(got, "by_form");
  }

  Call PostForm(const std::string& path, const std::string& token, const std::string& fields,
                bool with_cookie = true) {
    http::Headers h;
    h.Set("Content-Type", "application/x-www-form-urlencoded");
    if (with_cookie) h.Set("Cookie", "by_form=" + token);
    return s_.Send(Method::kPost, path, h, fields + "&csrf_token=" + http::UrlEncode(token));
  }

  Call ConsolePost(const std::string& path, const std::string& fields, const Browser& b) {
    return s_.Send(Method::kPost, path,
                   testing::ContentType("application/x-www-form-urlencoded", b.Cookies()),
                   fields + "&csrf_token=" + http::UrlEncode(b.csrf));
  }

  TestServer s_;
  Browser admin_, member_;
};

TEST_F(QuizHttpTest, ApiTakesAQuizAndNeverShowsTheAnswersBeforehand) {
  Call draft = s_.Json(Method::kPost, "/api/v1/quizzes", QuizJson(), admin_.WithCsrf());
  ASSERT_EQ(draft.status, 201) << draft.body;
  const int64_t id = draft.json["id"];
  // A draft is not public.
  EXPECT_TRUE(s_.Send(Method::kGet, "/api/v1/quizzes").json["items"].empty());
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/quizzes/lua-dao").status, 404);
  ASSERT_EQ(
      s_.Send(Method::kPost, "/api/v1/quizzes/" + std::to_string(id) + "/open", admin_.WithCsrf())
          .status,
      200);
  Call list = s_.Send(Method::kGet, "/api/v1/quizzes");
  ASSERT_EQ(list.json["items"].size(), 1u);
  EXPECT_FALSE(list.json["items"][0].contains("id"));
  Call quiz = s_.Send(Method::kGet, "/api/v1/quizzes/lua-dao");
  ASSERT_EQ(quiz.status, 200) << quiz.body;
  EXPECT_EQ(quiz.json["questions"].size(), 2u);
  EXPECT_EQ(quiz.json["questions"][1]["options"][2], "Bạn bè");
  EXPECT_EQ(quiz.body.find("correct"), std::string::npos);
  EXPECT_EQ(quiz.body.find(kSecretExplanation), std::string::npos);

  Call bad = s_.Json(Method::kPost, "/api/v1/quizzes/lua-dao/attempts",
                     {{"answers", {1, nullptr}}, {"unit", "mars"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(testing::ProblemCode(bad), "invalid_fields");
  Call taken = s_.Json(Method::kPost, "/api/v1/quizzes/lua-dao/attempts",
                       {{"answers", {1, 1}}, {"unit", "thcs-pm"}});
  ASSERT_EQ(taken.status, 201) << taken.body;
  EXPECT_EQ(taken.json["score"], 1);
  EXPECT_EQ(taken.json["percent"], 50);
  EXPECT_EQ(taken.json["passed"], true);
  EXPECT_EQ(taken.json["questions"][0]["explanation"], kSecretExplanation);
  EXPECT_EQ(taken.json["questions"][1]["right"], false);
  ASSERT_EQ(
      s_.Json(Method::kPost, "/api/v1/quizzes/lua-dao/attempts", {{"answers", {0, 0}}}).status,
      201);

  json r = Results(id);
  EXPECT_EQ(r["attempts"], 2);
  EXPECT_EQ(r["without_unit"], 1);
  ASSERT_EQ(r["units"].size(), 3u);
  EXPECT_EQ(r["units"][0]["unit"], "duc-pho");
  EXPECT_EQ(r["units"][2]["unit"], "thcs-pm");
  EXPECT_EQ(r["units"][2]["attempts"], 1);
  EXPECT_TRUE(r["people"].empty());

  // Closed: refused, nothing stored.
  ASSERT_EQ(
      s_.Send(Method::kPost, "/api/v1/quizzes/" + std::to_string(id) + "/close", admin_.WithCsrf())
          .status,
      200);
  Call closed = s_.Json(Method::kPost, "/api/v1/quizzes/lua-dao/attempts", {{"answers", {1, 0}}});
  EXPECT_EQ(closed.status, 409) << closed.body;
  EXPECT_EQ(Results(id)["attempts"], 2);
}

TEST_F(QuizHttpTest, ApiRolesAndValidation) {
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/quizzes", QuizJson()).status, 401);
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/quizzes", QuizJson(), member_.WithCsrf()).status, 403);
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/quizzes", QuizJson(), admin_.Cookies()).status, 403)
      << "no CSRF header";
  const int64_t id = OpenQuiz();
  EXPECT_EQ(
      s_.Send(Method::kGet, "/api/v1/quizzes/" + std::to_string(id) + "/results", member_.Cookies())
          .status,
      403);
  json bad = QuizJson();
  bad["slug"] = "lua-dao";
  bad["questions"][0]["correct"] = 7;
  Call refused = s_.Json(Method::kPost, "/api/v1/quizzes", bad, admin_.WithCsrf());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("questions[1].correct"), std::string::npos);
  bad["questions"][0]["correct"] = 1;
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/quizzes", bad, admin_.WithCsrf()).status, 409);
  // The admin list shows drafts and ids.
  Call list = s_.Send(Method::kGet, "/api/v1/quizzes", admin_.Cookies());
  EXPECT_EQ(list.json["items"][0]["id"], id);
  // Updating the questions of an attempted quiz is refused.
  ASSERT_EQ(
      s_.Json(Method::kPost, "/api/v1/quizzes/lua-dao/attempts", {{"answers", {1, 0}}}).status,
      201);
  json changed = QuizJson();
  changed["questions"][1]["correct"] = 2;
  Call update =
      s_.Json(Method::kPut, "/api/v1/quizzes/" + std::to_string(id), changed, admin_.WithCsrf());
  EXPECT_EQ(update.status, 409) << update.body;
}

TEST_F(QuizHttpTest, PublicPageEscapesHidesAnswersAndScoresOnSubmit) {
  OpenQuiz();
  Call page;
  const std::string token = FormToken("/cau-do/lua-dao", &page);
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(page.body.find(kHostile), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(page.body.find(kSecretExplanation), std::string::npos);
  EXPECT_NE(page.body.find("<strong>ngắn</strong>"), std::string::npos);  // Markdown intro
  EXPECT_NE(page.body.find("value=\"thcs-pm\""), std::string::npos);      // the unit select

  Call done = PostForm("/cau-do/lua-dao", token,
                       "name=" + http::UrlEncode("Lan <b>") + "&unit=thcs-pm&q1=1&q2=0");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("data-score=\"2\""), std::string::npos);
  EXPECT_NE(done.body.find("data-passed=\"true\""), std::string::npos);
  EXPECT_NE(done.body.find(kSecretExplanation), std::string::npos);
  EXPECT_NE(done.body.find("Lan &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(done.headers.Get("Cache-Control").value_or(""), "no-store");
}

TEST_F(QuizHttpTest, PublicPageRefusesWithoutCsrfOrWithBadInputAndStoresNothing) {
  const int64_t id = OpenQuiz();
  const std::string token = FormToken("/cau-do/lua-dao");
  Call forged = PostForm("/cau-do/lua-dao", token, "q1=1&q2=0", /*with_cookie=*/false);
  EXPECT_EQ(forged.status, 403) << forged.body;
  EXPECT_NE(forged.body.find("id=\"quiz-expired\""), std::string::npos);
  EXPECT_NE(forged.body.find("value=\"1\" checked"), std::string::npos);  // answers kept
  Call missing = PostForm("/cau-do/lua-dao", token, "unit=thcs-pm&q1=1");
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_NE(missing.body.find("Câu 2: bạn chưa chọn câu trả lời."), std::string::npos);
  EXPECT_NE(missing.body.find("value=\"1\" checked"), std::string::npos);
  EXPECT_NE(missing.body.find("value=\"thcs-pm\" selected"), std::string::npos);
  Call unknown = PostForm("/cau-do/lua-dao", token, "unit=mars&q1=1&q2=0");
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(Results(id)["attempts"], 0);
  EXPECT_EQ(s_.Send(Method::kGet, "/cau-do/khong-co").status, 404);

  // Closed: the page says so and takes nothing.
  ASSERT_EQ(
      ConsolePost("/quan-tri/cau-do/" + std::to_string(id) + "/trang-thai", "status=closed", admin_)
          .status,
      303);
  Call page = s_.Send(Method::kGet, "/cau-do/lua-dao");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"quiz-closed\""), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"quiz-form\""), std::string::npos);
  Call late = PostForm("/cau-do/lua-dao", token, "q1=1&q2=0");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Results(id)["attempts"], 0);
}

TEST_F(QuizHttpTest, ConsoleCreatesFromTheTextareaAndShowsResultsPerUnit) {
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/cau-do", member_.Cookies()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/cau-do").status, 303);
  ASSERT_EQ(s_.Send(Method::kGet, "/quan-tri/cau-do/moi", admin_.Cookies()).status, 200);
  const std::string questions = "? Câu một?\n- Sai\n* Đúng\n> Vì thế.\n? Câu hai?\n* A\n- B\n";
  Call bad = ConsolePost("/quan-tri/cau-do",
                         "title=T&slug=cau-do-1&pass_percent=70&questions=" +
                             http::UrlEncode("? Câu một?\n- Sai\n- Sai nữa\n"),
                         admin_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Câu 1: đánh dấu * cho đúng một phương án đúng."), std::string::npos);
  EXPECT_NE(bad.body.find("- Sai nữa"), std::string::npos);  // what was typed is kept
  Call forged = s_.Send(
      Method::kPost, "/quan-tri/cau-do",
      testing::ContentType("application/x-www-form-urlencoded", admin_.Cookies()),
      "title=T&slug=cau-do-1&questions=" + http::UrlEncode(questions) + "&csrf_token=wrong");
  EXPECT_EQ(forged.status, 403);
  Call created = ConsolePost("/quan-tri/cau-do",
                             "title=" + http::UrlEncode("Câu đố " + std::string(kHostile)) +
                                 "&slug=cau-do-1&pass_percent=50&opens_on=&closes_on=&questions=" +
                                 http::UrlEncode(questions),
                             admin_);
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string results(created.headers.Get("Location").value_or(""));
  ASSERT_TRUE(results.starts_with("/quan-tri/cau-do/")) << results;
  const std::string base = results.substr(0, results.find('?'));
  EXPECT_EQ(ConsolePost(base + "/trang-thai", "status=open", admin_).status, 303);
  const std::string token = FormToken("/cau-do/cau-do-1");
  ASSERT_EQ(PostForm("/cau-do/cau-do-1", token, "unit=thcs-pm&q1=1&q2=0").status, 200);
  ASSERT_EQ(PostForm("/cau-do/cau-do-1", token, "unit=pho-minh&q1=0&q2=0").status, 200);

  Call page = s_.Send(Method::kGet, base, admin_.Cookies());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body.find(kHostile), std::string::npos);
  EXPECT_NE(page.body.find("id=\"total-attempts\">2<"), std::string::npos);
  EXPECT_NE(page.body.find("<tr data-unit=\"pho-minh\">"), std::string::npos);
  EXPECT_NE(page.body.find("data-attempts=\"2\""), std::string::npos);  // pho-minh and duc-pho
  Call csv = s_.Send(Method::kGet, base + "/ket-qua.csv", admin_.Cookies());
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("\"thcs-pm\",\"Trường THCS Phổ Minh\",2,1,1,100,100"), std::string::npos)
      << csv.body;
  EXPECT_EQ(s_.Send(Method::kGet, base + "/ket-qua.csv", member_.Cookies()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, base + "/sua", admin_.Cookies()).status, 200);
}

TEST_F(QuizHttpTest, PersonalLinksCountForThePerson) {
  const int64_t id = OpenQuiz();
  const std::string base = "/quan-tri/cau-do/" + std::to_string(id);
  Call links = ConsolePost(base + "/duong-link", "unit=pho-minh", admin_);
  ASSERT_EQ(links.status, 200) << links.body;
  const size_t at = links.body.find("/lam-bai/");
  ASSERT_NE(at, std::string::npos);
  const std::string path = links.body.substr(at, links.body.find('"', at) - at);
  EXPECT_NE(links.body.find("Trần Thị Bình"), std::string::npos);
  Call page;
  const std::string token = FormToken(path, &page);
  EXPECT_NE(page.body.find("Trần Thị Bình"), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"unit\""), std::string::npos);  // no unit to choose
  EXPECT_EQ(page.headers.Get("Referrer-Policy").value_or(""), "no-referrer");
  Call done = PostForm(path, token, "q1=1&q2=0");
  ASSERT_EQ(done.status, 200) << done.body;
  json r = Results(id);
  ASSERT_EQ(r["people"].size(), 1u);
  EXPECT_EQ(r["people"][0]["name"], "Trần Thị Bình");
  EXPECT_EQ(r["people"][0]["unit"], "thcs-pm");
  EXPECT_EQ(s_.Send(Method::kGet, path.substr(0, path.size() - 2) + "xx").status, 400);
}

}  // namespace
}  // namespace binhyen::app

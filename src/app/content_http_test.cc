// The programme's content over real HTTP (TestServer): articles written, previewed, published
// and unpublished by a programme admin; drafts never public (API and pages); field errors that
// keep what was typed; CSRF refusals that store nothing; the code of conduct signed on the
// public page without an account and through a personal link; counts per unit over the tree;
// who may do what.

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
constexpr std::string_view kEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;";

class ContentHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tx = s_.app().session().env().store->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, name, parent] :
         std::vector<std::array<std::string, 3>>{{"duc-pho", "Thị xã Đức Phổ", ""},
                                                 {"pho-minh", "Phường Phổ Minh", "duc-pho"},
                                                 {"thcs-pm", "Trường THCS Phổ Minh", "pho-minh"},
                                                 {"pho-vinh", "Phường Phổ Vinh", "duc-pho"}}) {
      ASSERT_TRUE(
          tx->Units().Create({code, name, domain::UnitKind::kWard, parent, s_.clock().Now()}).ok());
    }
    domain::Person person;
    person.unit_code = "pho-minh";
    person.name = "Nguyễn Văn An";
    person.position = "Tổ trưởng";
    person.created_at = s_.clock().Now();
    person_id_ = tx->People().Create(person).value();
    ASSERT_TRUE(tx->Commit().ok());
    s_.AddUser("chuong.trinh", "programme_admin");
    s_.AddUser("thanh.vien", "member");
    admin_ = s_.Login("chuong.trinh");
    member_ = s_.Login("thanh.vien");
  }

  Call Create(const json& body) {
    return s_.Json(Method::kPost, "/api/v1/articles", body, admin_.WithCsrf());
  }

  // A published article through the API; returns its slug.
  std::string Published(std::string slug, std::string category, json audiences,
                        std::string title = "Bài viết") {
    Call created = Create({{"slug", slug},
                           {"title", title},
                           {"summary", "Tóm tắt"},
                           {"body", "## Nội dung\n\nĐừng **chuyển tiền**."},
                           {"category", category},
                           {"audiences", audiences}});
    EXPECT_EQ(created.status, 201) << created.body;
    Call published =
        s_.Send(Method::kPost, "/api/v1/articles/" + slug + "/publish", admin_.WithCsrf());
    EXPECT_EQ(published.status, 200) << published.body;
    EXPECT_EQ(published.json.value("status", ""), "published");
    return slug;
  }

  // A console form POST with the session's CSRF token (or `csrf` when given).
  Call ConsolePost(const std::string& path, std::string body,
                   std::optional<std::string> csrf = {}) {
    http::Headers h = admin_.Cookies();
    h.Set("Content-Type", "application/x-www-form-urlencoded");
    body += "&csrf_token=" + http::UrlEncode(csrf.value_or(admin_.csrf));
    return s_.Send(Method::kPost, path, h, body);
  }

  // GETs `path` as a fresh browser and POSTs `body` with its form token (`with_token`).
  Call PublicPost(const std::string& path, const std::string& body, bool with_token = true) {
    Call page = s_.Send(Method::kGet, path);
    EXPECT_EQ(page.status, 200) << page.body;
    const std::string token = testing::SetCookieValue(page, "by_form");
    EXPECT_FALSE(token.empty());
    http::Headers h;
    h.Set("Content-Type", "application/x-www-form-urlencoded");
    h.Set("Cookie", "by_form=" + token);
    return s_.Send(Method::kPost, path, h,
                   body + (with_token ? "&csrf_token=" + http::UrlEncode(token) : ""));
  }

  int64_t PledgeTotal() {
    Call call = s_.Send(Method::kGet, "/api/v1/pledges/current");
    EXPECT_EQ(call.status, 200) << call.body;
    return call.json.value("pledges", int64_t{-1});
  }

  TestServer s_;
  Browser admin_, member_;
  int64_t person_id_ = 0;
};

TEST_F(ContentHttpTest, DraftsAreNeverPublicAndPublishedOnesAreEscaped) {
  Published("canh-bao-goi-dien", "scam-alert", {"elderly"},
            "Cuộc gọi giả danh " + std::string(kHostile));
  Call draft = Create({{"title", "Bản nháp bí mật"},
                       {"body", "Chưa đăng"},
                       {"category", "law"},
                       {"audiences", {"officials"}}});
  ASSERT_EQ(draft.status, 201) << draft.body;
  EXPECT_EQ(draft.json["slug"], "ban-nhap-bi-mat");  // made from the title
  EXPECT_EQ(draft.json["status"], "draft");

  Call list = s_.Send(Method::kGet, "/api/v1/articles");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json["items"].size(), 1u);
  EXPECT_EQ(list.json["items"][0]["slug"], "canh-bao-goi-dien");
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/articles/ban-nhap-bi-mat").status, 404);
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/articles/ban-nhap-bi-mat", member_.Cookies()).status,
            404);
  Call as_admin = s_.Send(Method::kGet, "/api/v1/articles/ban-nhap-bi-mat", admin_.Cookies());
  EXPECT_EQ(as_admin.status, 200);
  Call all = s_.Send(Method::kGet, "/api/v1/articles?status=all", admin_.Cookies());
  EXPECT_EQ(all.json["items"].size(), 2u);

  Call page = s_.Send(Method::kGet, "/bai-viet");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, ::testing::HasSubstr(std::string(kEscaped)));
  EXPECT_THAT(page.body, ::testing::Not(::testing::HasSubstr(std::string(kHostile))));
  EXPECT_THAT(page.body, ::testing::Not(::testing::HasSubstr("Bản nháp bí mật")));
  EXPECT_EQ(s_.Send(Method::kGet, "/bai-viet/ban-nhap-bi-mat").status, 404);
  Call article = s_.Send(Method::kGet, "/bai-viet/canh-bao-goi-dien");
  ASSERT_EQ(article.status, 200);
  EXPECT_THAT(article.body, ::testing::HasSubstr("<strong>chuyển tiền</strong>"));
  EXPECT_THAT(article.body, ::testing::Not(::testing::HasSubstr(std::string(kHostile))));

  // Unpublished: gone from the public list and page.
  ASSERT_EQ(
      s_.Send(Method::kPost, "/api/v1/articles/canh-bao-goi-dien/unpublish", admin_.WithCsrf())
          .status,
      200);
  EXPECT_EQ(s_.Send(Method::kGet, "/bai-viet/canh-bao-goi-dien").status, 404);
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/articles").json["items"].size(), 0u);
}

TEST_F(ContentHttpTest, ListsFilterByCategoryAndAudienceAndPage) {
  Published("a", "scam-alert", {"elderly", "students"});
  Published("b", "law", {"officials"});
  Published("c", "scam-alert", {"businesses"});
  auto slugs = [&](const std::string& query) {
    Call call = s_.Send(Method::kGet, "/api/v1/articles" + query);
    EXPECT_EQ(call.status, 200) << call.body;
    std::vector<std::string> out;
    for (const json& item : call.json["items"]) out.push_back(item["slug"]);
    return out;
  };
  EXPECT_THAT(slugs("?category=scam-alert"), ::testing::UnorderedElementsAre("a", "c"));
  EXPECT_THAT(slugs("?audience=elderly"), ::testing::ElementsAre("a"));
  EXPECT_THAT(slugs("?category=law&audience=officials"), ::testing::ElementsAre("b"));
  Call first = s_.Send(Method::kGet, "/api/v1/articles?limit=2");
  ASSERT_EQ(first.json["items"].size(), 2u);
  ASSERT_TRUE(first.json["next"].is_string());
  Call second = s_.Send(Method::kGet, "/api/v1/articles?limit=2&after=" +
                                          http::UrlEncode(first.json["next"].get<std::string>()));
  EXPECT_EQ(second.json["items"].size(), 1u);
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/articles?category=nope").status, 422);
  Call page = s_.Send(Method::kGet, "/bai-viet?audience=officials");
  EXPECT_THAT(page.body, ::testing::HasSubstr("href=\"/bai-viet/b\""));
  EXPECT_THAT(page.body, ::testing::Not(::testing::HasSubstr("href=\"/bai-viet/a\"")));
}

TEST_F(ContentHttpTest, OnlyProgrammeAdminsWrite) {
  const json body = {
      {"title", "T"}, {"body", "B"}, {"category", "law"}, {"audiences", {"elderly"}}};
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/articles", body).status, 401);
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/articles", body, member_.WithCsrf()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/articles?status=all", member_.Cookies()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/pledges", member_.Cookies()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/bai-viet", member_.Cookies()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/cam-ket", member_.Cookies()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/bai-viet").status, 303);  // to the sign-in page
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/bai-viet", admin_.Cookies()).status, 200);
  EXPECT_EQ(
      s_.Send(Method::kGet, "/api/v1/articles?status=all", admin_.Cookies()).json["items"].size(),
      0u);
}

TEST_F(ContentHttpTest, FieldErrorsNameTheFieldsAndKeepTheInput) {
  Call api =
      Create({{"title", ""}, {"body", "x"}, {"category", "gossip"}, {"audiences", json::array()}});
  ASSERT_EQ(api.status, 422) << api.body;
  std::vector<std::string> fields;
  for (const json& e : api.json["errors"]) fields.push_back(e["field"]);
  EXPECT_THAT(fields, ::testing::ElementsAre("title", "category", "audiences"));

  Call form = ConsolePost("/quan-tri/bai-viet/moi",
                          "title=&summary=" + http::UrlEncode(std::string(kHostile)) +
                              "&body=N%E1%BB%99i+dung&category=law");
  ASSERT_EQ(form.status, 400) << form.body;
  EXPECT_THAT(form.body, ::testing::HasSubstr("id=\"title-error\""));
  EXPECT_THAT(form.body, ::testing::HasSubstr("id=\"audiences-error\""));
  EXPECT_THAT(form.body, ::testing::HasSubstr(std::string(kEscaped)));  // the summary kept
  EXPECT_THAT(form.body, ::testing::HasSubstr(">Nội dung</textarea>"));
  EXPECT_THAT(form.body, ::testing::Not(::testing::HasSubstr(std::string(kHostile))));

  // A preview saves nothing and shows the body rendered.
  Call preview = ConsolePost("/quan-tri/bai-viet/moi",
                             "preview=1&title=X&body=**%C4%91%E1%BA%adm**&category=law"
                             "&audiences=elderly");
  ASSERT_EQ(preview.status, 200);
  EXPECT_THAT(preview.body, ::testing::HasSubstr("<strong>đậm</strong>"));
  // A form without the session's token is refused and stores nothing.
  Call forged = ConsolePost("/quan-tri/bai-viet/moi",
                            "title=Gi%E1%BA%A3&body=x&category=law&audiences=elderly", "forged");
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(
      s_.Send(Method::kGet, "/api/v1/articles?status=all", admin_.Cookies()).json["items"].size(),
      0u);
  // The real thing: saved as a draft, then published from its page.
  Call saved = ConsolePost("/quan-tri/bai-viet/moi",
                           "title=Th%E1%BA%ADt&slug=that&body=x&category=law&audiences=elderly"
                           "&audiences=students");
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.headers.Get("Location").value_or(""), "/quan-tri/bai-viet/that?ok=created");
  Call dup = ConsolePost("/quan-tri/bai-viet/moi",
                         "title=Kh%C3%A1c&slug=that&body=x&category=law&audiences=elderly");
  EXPECT_EQ(dup.status, 400);
  EXPECT_THAT(dup.body, ::testing::HasSubstr("id=\"slug-error\""));
  ASSERT_EQ(ConsolePost("/quan-tri/bai-viet/that/dang", "").status, 303);
  Call pub = s_.Send(Method::kGet, "/api/v1/articles/that");
  ASSERT_EQ(pub.status, 200);
  EXPECT_EQ(pub.json["audiences"], json({"students", "elderly"}));
}

TEST_F(ContentHttpTest, PledgeOnThePublicPageWithoutAnAccount) {
  EXPECT_EQ(s_.Send(Method::kGet, "/quy-tac-ung-xu").status, 404);  // nothing published yet
  Published("quy-tac", "code-of-conduct", {"officials", "students"}, "Quy tắc ứng xử");
  // Without the form token: refused, nothing stored, what was typed kept.
  Call forged = PublicPost("/quy-tac-ung-xu", "name=Tr%E1%BA%A7n+B&unit_code=pho-minh", false);
  EXPECT_EQ(forged.status, 403);
  EXPECT_THAT(forged.body, ::testing::HasSubstr("value=\"Trần B\""));
  EXPECT_EQ(PledgeTotal(), 0);
  // Field errors: name and unit.
  Call bad = PublicPost("/quy-tac-ung-xu",
                        "name=&unit_code=&position=" + http::UrlEncode(std::string(kHostile)));
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, ::testing::HasSubstr("id=\"name-error\""));
  EXPECT_THAT(bad.body, ::testing::HasSubstr("id=\"unit_code-error\""));
  EXPECT_THAT(bad.body, ::testing::HasSubstr(std::string(kEscaped)));
  EXPECT_EQ(PledgeTotal(), 0);
  // Signed: to the thank-you page with the count.
  Call good =
      PublicPost("/quy-tac-ung-xu",
                 "name=Tr%E1%BA%A7n+Th%E1%BB%8B+B&unit_code=thcs-pm&position=Gi%C3%A1o+vi%C3%AAn");
  ASSERT_EQ(good.status, 303) << good.body;
  EXPECT_EQ(good.headers.Get("Location").value_or(""), "/quy-tac-ung-xu/cam-on");
  Call thanks = s_.Send(Method::kGet, "/quy-tac-ung-xu/cam-on");
  EXPECT_THAT(thanks.body, ::testing::HasSubstr("id=\"pledge-total\">1<"));
  ASSERT_EQ(s_.Json(Method::kPost, "/api/v1/pledges",
                    {{"name", "Lê C"}, {"unit", "pho-vinh"}, {"position", ""}})
                .status,
            201);
  // Counts over the tree: the school's pledge counts for its ward and the town.
  Call summary = s_.Send(Method::kGet, "/api/v1/pledges", admin_.Cookies());
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.json["total"], 2);
  std::map<std::string, std::pair<int, int>> units;
  for (const json& u : summary.json["units"]) units[u["unit"]] = {u["direct"], u["total"]};
  EXPECT_EQ(units["duc-pho"], std::make_pair(0, 2));
  EXPECT_EQ(units["pho-minh"], std::make_pair(0, 1));
  EXPECT_EQ(units["thcs-pm"], std::make_pair(1, 1));
  EXPECT_EQ(summary.json["items"][0]["name"], "Lê C");
  EXPECT_FALSE(summary.json["items"][0].contains("phone"));
  Call console = s_.Send(Method::kGet, "/quan-tri/cam-ket", admin_.Cookies());
  ASSERT_EQ(console.status, 200);
  EXPECT_THAT(console.body, ::testing::HasSubstr("Trần Thị B"));
}

TEST_F(ContentHttpTest, PledgeThroughAPersonalLink) {
  Published("quy-tac", "code-of-conduct", {"officials"}, "Quy tắc ứng xử");
  Call links = s_.Send(Method::kGet, "/api/v1/pledges/links?unit=pho-minh", admin_.Cookies());
  ASSERT_EQ(links.status, 200) << links.body;
  ASSERT_EQ(links.json["items"].size(), 1u);
  EXPECT_EQ(links.json["items"][0]["signed"], false);
  const std::string url = links.json["items"][0]["url"];
  const std::string path = url.substr(url.find("/quy-tac-ung-xu/ky/"));
  Call page = s_.Send(Method::kGet, path);
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, ::testing::HasSubstr("Nguyễn Văn An"));
  EXPECT_EQ(PublicPost(path, "", false).status, 403);
  EXPECT_EQ(PledgeTotal(), 0);
  Call signed_page = PublicPost(path, "");
  ASSERT_EQ(signed_page.status, 200) << signed_page.body;
  EXPECT_THAT(signed_page.body, ::testing::HasSubstr("id=\"pledge-done\""));
  EXPECT_EQ(PublicPost(path, "").status, 200);  // again: still one pledge
  EXPECT_EQ(PledgeTotal(), 1);
  Call summary = s_.Send(Method::kGet, "/api/v1/pledges", admin_.Cookies());
  EXPECT_EQ(summary.json["items"][0]["via"], "link");
  EXPECT_EQ(summary.json["items"][0]["unit"], "pho-minh");
  // A tampered token, and a campaign's acknowledgement link, are refused.
  std::string tampered = path;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(s_.Send(Method::kGet, tampered).status, 400);
  EXPECT_EQ(s_.Send(Method::kGet, "/xac-nhan/" + path.substr(path.rfind('/') + 1)).status, 404);
}

}  // namespace
}  // namespace binhyen::app

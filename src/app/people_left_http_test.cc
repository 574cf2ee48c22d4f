// People who left their unit over real HTTP: a unit officer marks someone as having left from
// the person's console page (POST with CSRF) and restores them, the unit's list shows current
// people by default with a "Đã nghỉ (N)" filter, the API's leave / return routes and status
// filter, a campaign sent afterwards leaving them out, and their personal link answering 410
// without recording anything.

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
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestServer;

class PeopleLeftHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s_.AddUnits({{"duc-pho", "Thị xã Đức Phổ", ""},
                 {"pho-minh", "Phường Phổ Minh", "duc-pho"},
                 {"nghia-lo", "Phường Nghĩa Lộ", "duc-pho"}});
    s_.AddUser("chuong.trinh", "programme_admin");
    s_.AddUser("canbo.pm", "unit_officer");
    s_.SetUserUnit("canbo.pm", "pho-minh");
    admin_ = s_.Login("chuong.trinh");
    officer_ = s_.Login("canbo.pm");
    for (auto [unit, name] : {std::pair<const char*, const char*>{"pho-minh", "Nguyễn Văn An"},
                              {"pho-minh", "Trần Thị Bình"},
                              {"nghia-lo", "Lê Văn Cường"}}) {
      Call added = s_.Json(Method::kPost, "/api/v1/people", {{"unit", unit}, {"name", name}},
                           admin_.WithCsrf());
      ASSERT_EQ(added.status, 201) << added.body;
      ids_[name] = added.json["id"];
    }
  }

  Call Post(const Browser& b, const std::string& path) {
    return s_.Send(Method::kPost, path,
                   testing::ContentType("application/x-www-form-urlencoded", b.Cookies()),
                   "csrf_token=" + http::UrlEncode(b.csrf));
  }

  Call Get(const Browser& b, const std::string& path) {
    return s_.Send(Method::kGet, path, b.Cookies());
  }

  std::vector<std::string> Names(const std::string& query) {
    Call call = s_.Send(Method::kGet, "/api/v1/people" + query, admin_.Cookies());
    EXPECT_EQ(call.status, 200) << call.body;
    std::vector<std::string> out;
    for (const json& item : call.json["items"]) out.push_back(item["name"]);
    return out;
  }

  // A campaign to pho-minh, sent; returns its id.
  int64_t SendCampaign() {
    Call created = s_.Json(Method::kPost, "/api/v1/campaigns",
                           {{"title", "Chỉ thị"}, {"body", "Nội dung"}, {"units", {"pho-minh"}}},
                           admin_.WithCsrf());
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.json.value("id", int64_t{0});
    Call sent = s_.Send(Method::kPost, "/api/v1/campaigns/" + std::to_string(id) + "/send",
                        admin_.WithCsrf());
    EXPECT_EQ(sent.status, 200) << sent.body;
    return id;
  }

  std::string PersonPath(const std::string& name) {
    return "/quan-tri/don-vi/nguoi/" + std::to_string(ids_[name]);
  }

  TestServer s_;
  Browser admin_, officer_;
  std::map<std::string, int64_t> ids_;
};

TEST_F(PeopleLeftHttpTest, AnOfficerMarksSomeoneAsLeftFromTheConsoleAndRestoresThem) {
  const std::string binh = PersonPath("Trần Thị Bình");
  Call form = Get(officer_, binh);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_THAT(form.body, HasSubstr("action=\"" + binh + "/nghi\""));
  EXPECT_THAT(form.body, HasSubstr("Đánh dấu đã nghỉ"));
  EXPECT_THAT(form.body, Not(HasSubstr("id=\"restore-form\"")));

  // Without the CSRF token nothing happens.
  const int64_t audit = testing::LastAuditSeq(s_);
  Call forged =
      s_.Send(Method::kPost, binh + "/nghi",
              testing::ContentType("application/x-www-form-urlencoded", officer_.Cookies()),
              "csrf_token=wrong");
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(testing::LastAuditSeq(s_), audit);

  Call left = Post(officer_, binh + "/nghi");
  ASSERT_EQ(left.status, 303) << left.body;
  EXPECT_EQ(left.headers.Get("Location").value_or(""), binh + "?ok=left");
  EXPECT_EQ(testing::LastAuditSeq(s_), audit + 1);
  Call after = Get(officer_, binh + "?ok=left");
  ASSERT_EQ(after.status, 200);
  EXPECT_THAT(after.body, HasSubstr("Đã đánh dấu người này đã nghỉ"));
  EXPECT_THAT(after.body, HasSubstr("id=\"person-left\""));
  EXPECT_THAT(after.body, HasSubstr("action=\"" + binh + "/khoi-phuc\""));
  EXPECT_THAT(after.body, Not(HasSubstr("id=\"leave-form\"")));
  // A second click changes nothing.
  EXPECT_EQ(Post(officer_, binh + "/nghi").status, 303);
  EXPECT_EQ(testing::LastAuditSeq(s_), audit + 1);

  // The unit's list: current people by default, the filter with its count.
  Call unit = Get(officer_, "/quan-tri/don-vi?don-vi=pho-minh");
  ASSERT_EQ(unit.status, 200);
  EXPECT_THAT(unit.body, HasSubstr("Nguyễn Văn An"));
  EXPECT_THAT(unit.body, Not(HasSubstr("Trần Thị Bình")));
  EXPECT_THAT(unit.body, HasSubstr("Đang ở đơn vị (1)"));
  EXPECT_THAT(unit.body, HasSubstr("Đã nghỉ (1)"));
  Call gone = Get(officer_, "/quan-tri/don-vi?don-vi=pho-minh&trang-thai=da-nghi");
  ASSERT_EQ(gone.status, 200);
  EXPECT_THAT(gone.body, HasSubstr("Trần Thị Bình"));
  EXPECT_THAT(gone.body, Not(HasSubstr("Nguyễn Văn An")));

  // Someone of another unit is not the officer's to mark.
  EXPECT_EQ(Post(officer_, PersonPath("Lê Văn Cường") + "/nghi").status, 404);

  Call restored = Post(officer_, binh + "/khoi-phuc");
  ASSERT_EQ(restored.status, 303) << restored.body;
  EXPECT_EQ(restored.headers.Get("Location").value_or(""), binh + "?ok=restored");
  EXPECT_THAT(Get(officer_, "/quan-tri/don-vi?don-vi=pho-minh").body, HasSubstr("Đã nghỉ (0)"));
}

TEST_F(PeopleLeftHttpTest, ApiMarksAndRestoresAndFiltersByStatus) {
  const std::string an = "/api/v1/people/" + std::to_string(ids_["Nguyễn Văn An"]);
  Call left = s_.Send(Method::kPost, an + "/leave", officer_.WithCsrf());
  ASSERT_EQ(left.status, 200) << left.body;
  EXPECT_TRUE(left.json["left_at"].is_string()) << left.body;
  Call again = s_.Send(Method::kPost, an + "/leave", officer_.WithCsrf());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(s_.Send(Method::kPost, an + "/leave", officer_.Cookies()).status, 403);  // no CSRF
  EXPECT_EQ(
      s_.Send(Method::kPost, "/api/v1/people/" + std::to_string(ids_["Lê Văn Cường"]) + "/leave",
              officer_.WithCsrf())
          .status,
      404);

  EXPECT_THAT(Names(""), ::testing::ElementsAre("Trần Thị Bình", "Lê Văn Cường"));
  EXPECT_THAT(Names("?status=left"), ::testing::ElementsAre("Nguyễn Văn An"));
  EXPECT_THAT(Names("?status=all&unit=pho-minh"),
              ::testing::ElementsAre("Nguyễn Văn An", "Trần Thị Bình"));
  Call bad = s_.Send(Method::kGet, "/api/v1/people?status=gone", admin_.Cookies());
  EXPECT_EQ(bad.status, 422) << bad.body;
  Call all = s_.Send(Method::kGet, "/api/v1/people?status=all", admin_.Cookies());
  EXPECT_EQ(all.json["items"][1]["left_at"], nullptr);

  Call back = s_.Send(Method::kPost, an + "/return", officer_.WithCsrf());
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json["left_at"], nullptr);
  EXPECT_EQ(s_.Send(Method::kPost, an + "/return", officer_.WithCsrf()).status, 409);
}

TEST_F(PeopleLeftHttpTest, ThePersonalLinkOfSomeoneWhoLeftAnswers410AndRecordsNothing) {
  const int64_t before = SendCampaign();
  Call links = s_.Send(Method::kGet, "/api/v1/campaigns/" + std::to_string(before) + "/links",
                       admin_.Cookies());
  ASSERT_EQ(links.status, 200) << links.body;
  std::string path;
  for (const json& item : links.json["items"]) {
    if (item["name"] == "Nguyễn Văn An") path = item["path"];
  }
  ASSERT_FALSE(path.empty());
  ASSERT_EQ(Post(officer_, PersonPath("Nguyễn Văn An") + "/nghi").status, 303);

  const int64_t audit = testing::LastAuditSeq(s_);
  Call page = s_.Send(Method::kGet, path);
  EXPECT_EQ(page.status, 410);
  EXPECT_THAT(page.body, HasSubstr("Đường dẫn này không còn dùng được vì người được gửi đã không "
                                   "còn thuộc đơn vị. Hãy liên hệ cán bộ đơn vị."));
  http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
  h.Set("Cookie", "by_form=x");
  EXPECT_EQ(s_.Send(Method::kPost, path, h, "csrf_token=x").status, 410);
  EXPECT_EQ(testing::LastAuditSeq(s_), audit);
  Call campaign =
      s_.Send(Method::kGet, "/api/v1/campaigns/" + std::to_string(before), admin_.Cookies());
  EXPECT_EQ(campaign.json["completion"]["recipients"], 2);  // history kept
  EXPECT_EQ(campaign.json["completion"]["acknowledged"], 0);

  const int64_t after = SendCampaign();
  Call later =
      s_.Send(Method::kGet, "/api/v1/campaigns/" + std::to_string(after), admin_.Cookies());
  EXPECT_EQ(later.json["completion"]["recipients"], 1);  // only Bình
}

}  // namespace
}  // namespace binhyen::app

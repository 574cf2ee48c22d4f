// Trainings over real HTTP (TestServer): a programme admin schedules a session through the API,
// personal check-in links work only in their window (too early, open, ended) and refuse a
// tampered token, the session QR's walk-in form needs its CSRF token and matches names, the
// console pages and the CSV show the attendance, and who may do what.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/json_views.h"
#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using std::chrono::hours;
using std::chrono::minutes;
using testing::Browser;
using testing::Call;
using testing::TestServer;

class TrainingHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Store& store = *s_.app().session().env().store;
    {
      auto tx = store.Begin(store::TxMode::kReadWrite).value();
      for (auto [code, name, parent] :
           std::vector<std::array<std::string, 3>>{{"duc-pho", "Thị xã Đức Phổ", ""},
                                                   {"pho-minh", "Phường Phổ Minh", "duc-pho"},
                                                   {"pho-an", "Xã Phổ An", "duc-pho"}}) {
        ASSERT_TRUE(tx->Units()
                        .Create({code, name, domain::UnitKind::kWard, parent, s_.clock().Now()})
                        .ok());
      }
      for (auto [unit, name] :
           std::vector<std::pair<std::string, std::string>>{{"pho-minh", "Nguyễn Văn An"},
                                                            {"pho-minh", "Trần Thị Bình"},
                                                            {"pho-an", "Lê Văn Cường"}}) {
        domain::Person p;
        p.unit_code = unit;
        p.name = name;
        p.created_at = s_.clock().Now();
        people_[name] = tx->People().Create(p).value();
      }
      ASSERT_TRUE(tx->Commit().ok());
    }
    s_.AddUser("chuong.trinh", "programme_admin");
    s_.AddUser("can.bo", "unit_officer");
    s_.AddUser("thanh.vien", "member");
    {
      auto tx = store.Begin(store::TxMode::kReadWrite).value();
      domain::User officer = tx->Users().GetByName("can.bo").value();
      officer.unit = "pho-an";
      ASSERT_TRUE(tx->Users().Update(officer).ok());
      ASSERT_TRUE(tx->Commit().ok());
    }
    admin_ = s_.Login("chuong.trinh");
    officer_ = s_.Login("can.bo");
    member_ = s_.Login("thanh.vien");
  }

  // A session starting in two hours for both wards; returns its id.
  int64_t Schedule() {
    const base::TimePoint start = s_.clock().Now() + hours(2);
    auto rfc = [](base::TimePoint t) { return api::TimeJson(t).get<std::string>(); };
    Call created = s_.Json(Method::kPost, "/api/v1/trainings",
                           {{"title", "Tập huấn nhận diện lừa đảo <b>trực tuyến</b>"},
                            {"description", "Nội dung **chính**."},
                            {"starts_at", rfc(start)},
                            {"ends_at", rfc(start + hours(2))},
                            {"place", "Hội trường UBND phường"},
                            {"trainer", "Đại úy Hùng"},
                            {"materials", {{{"title", "Bài giảng"}, {"url", "https://x.vn/a"}}}},
                            {"units", {"pho-minh", "pho-an"}}},
                           admin_.WithCsrf());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json.value("id", int64_t{0});
  }

  std::map<std::string, std::string> Links(int64_t id, std::string* session = nullptr) {
    Call call = s_.Send(Method::kGet, "/api/v1/trainings/" + std::to_string(id) + "/checkin-links",
                        admin_.Cookies());
    EXPECT_EQ(call.status, 200) << call.body;
    std::map<std::string, std::string> out;
    for (const json& item : call.json["items"]) out[item["name"]] = item["path"];
    if (session != nullptr) *session = call.json["session"]["path"];
    return out;
  }

  json Attendance(int64_t id) {
    Call call = s_.Send(Method::kGet, "/api/v1/trainings/" + std::to_string(id) + "/attendance",
                        admin_.Cookies());
    EXPECT_EQ(call.status, 200) << call.body;
    return call.json;
  }

  Call WalkIn(const std::string& path, const std::string& unit, const std::string& name,
              bool with_token = true) {
    Call page = s_.Send(Method::kGet, path);
    EXPECT_EQ(page.status, 200) << page.body;
    const std::string token = testing::SetCookieValue(page, "by_form");
    http::Headers h;
    h.Set("Content-Type", "application/x-www-form-urlencoded");
    h.Set("Cookie", "by_form=" + token);
    return s_.Send(Method::kPost, path, h,
                   "csrf_token=" + http::UrlEncode(with_token ? token : "wrong") +
                       "&unit=" + http::UrlEncode(unit) + "&name=" + http::UrlEncode(name));
  }

  TestServer s_;
  Browser admin_, officer_, member_;
  std::map<std::string, int64_t> people_;
};

TEST_F(TrainingHttpTest, PersonalLinkChecksInOnlyInItsWindowAndRefusesTampering) {
  const int64_t id = Schedule();
  const std::string an = Links(id).at("Nguyễn Văn An");
  Call early = s_.Send(Method::kGet, an);
  EXPECT_EQ(early.status, 409);
  EXPECT_THAT(early.body, ::testing::HasSubstr("Chưa đến giờ điểm danh"));
  s_.clock().Advance(hours(1));
  Call open = s_.Send(Method::kGet, an);
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_THAT(open.body, ::testing::HasSubstr("Điểm danh thành công"));
  EXPECT_EQ(open.headers.Get("Cache-Control").value_or(""), "no-store");
  EXPECT_THAT(open.body, ::testing::Not(::testing::HasSubstr("<b>trực tuyến</b>")));
  Call again = s_.Send(Method::kGet, an);
  EXPECT_THAT(again.body, ::testing::HasSubstr("Bạn đã điểm danh rồi"));
  std::string tampered = an;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  Call bad = s_.Send(Method::kGet, tampered);
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, ::testing::HasSubstr("Mã điểm danh không hợp lệ"));
  s_.clock().Advance(hours(3));
  Call ended = s_.Send(Method::kGet, Links(id).at("Trần Thị Bình"));
  EXPECT_EQ(ended.status, 410);
  EXPECT_THAT(ended.body, ::testing::HasSubstr("Buổi tập huấn đã kết thúc"));
  const json att = Attendance(id);
  EXPECT_EQ(att["invited"], 3);
  EXPECT_EQ(att["invited_attended"], 1);
  ASSERT_EQ(att["attendance"].size(), 1u);
  EXPECT_EQ(att["attendance"][0]["via"], "link");
  EXPECT_EQ(att["attendance"][0]["person_id"], people_["Nguyễn Văn An"]);
}

TEST_F(TrainingHttpTest, WalkInNeedsCsrfAndMatchesNames) {
  const int64_t id = Schedule();
  std::string session;
  Links(id, &session);
  s_.clock().Advance(hours(2));
  Call refused = WalkIn(session, "pho-an", "Lê Văn Cường", false);
  EXPECT_EQ(refused.status, 422);
  EXPECT_THAT(refused.body, ::testing::HasSubstr("Trang đã hết hạn"));
  EXPECT_EQ(Attendance(id)["attended"], 0);
  Call matched = WalkIn(session, "pho-an", "Lê Văn Cường");
  ASSERT_EQ(matched.status, 200) << matched.body;
  EXPECT_THAT(matched.body, ::testing::HasSubstr("Điểm danh thành công"));
  Call unmatched = WalkIn(session, "pho-minh", "Khách Mời");
  ASSERT_EQ(unmatched.status, 200) << unmatched.body;
  Call no_unit = WalkIn(session, "", "Ai Đó");
  EXPECT_EQ(no_unit.status, 422);
  EXPECT_THAT(no_unit.body, ::testing::HasSubstr("Đơn vị: hãy chọn đơn vị"));
  EXPECT_THAT(no_unit.body, ::testing::HasSubstr("value=\"Ai Đó\""));
  const json att = Attendance(id);
  EXPECT_EQ(att["attended"], 2);
  EXPECT_EQ(att["invited_attended"], 1);
  EXPECT_EQ(att["attendance"][0]["person_id"], people_["Lê Văn Cường"]);
  EXPECT_EQ(att["attendance"][1]["person_id"], nullptr);
  EXPECT_EQ(att["attendance"][1]["via"], "walk_in");
  // The console shows both and the CSV lists them.
  Call page = s_.Send(Method::kGet, "/quan-tri/tap-huan/" + std::to_string(id), admin_.Cookies());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, ::testing::HasSubstr("Khách Mời"));
  Call csv = s_.Send(Method::kGet, "/quan-tri/tap-huan/" + std::to_string(id) + "/diem-danh.csv",
                     admin_.Cookies());
  ASSERT_EQ(csv.status, 200);
  EXPECT_THAT(csv.body, ::testing::HasSubstr("\"Lê Văn Cường\""));
  EXPECT_THAT(csv.body, ::testing::HasSubstr("\"Khách Mời\""));
}

TEST_F(TrainingHttpTest, ConsoleFormsNeedTheSessionCsrfAndTheRightRole) {
  const int64_t id = Schedule();
  const std::string mark = "/quan-tri/tap-huan/" + std::to_string(id) + "/diem-danh";
  http::Headers form = admin_.Cookies();
  form.Set("Content-Type", "application/x-www-form-urlencoded");
  Call forged = s_.Send(Method::kPost, mark, form,
                        "csrf_token=nope&person_id=" + std::to_string(people_["Nguyễn Văn An"]));
  EXPECT_EQ(forged.status, 403);
  Call ok = s_.Send(Method::kPost, mark, form,
                    "csrf_token=" + http::UrlEncode(admin_.csrf) +
                        "&person_id=" + std::to_string(people_["Nguyễn Văn An"]));
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(Attendance(id)["attendance"][0]["via"], "manual");
  // The unit officer of pho-an reads their own unit only and may not mark or schedule.
  http::Headers officer_form = officer_.Cookies();
  officer_form.Set("Content-Type", "application/x-www-form-urlencoded");
  EXPECT_EQ(s_.Send(Method::kPost, mark, officer_form,
                    "csrf_token=" + http::UrlEncode(officer_.csrf) +
                        "&person_id=" + std::to_string(people_["Lê Văn Cường"]))
                .status,
            403);
  Call officer_view = s_.Send(
      Method::kGet, "/api/v1/trainings/" + std::to_string(id) + "/attendance", officer_.Cookies());
  ASSERT_EQ(officer_view.status, 200);
  EXPECT_EQ(officer_view.json["invited"], 1);
  EXPECT_EQ(
      s_.Send(Method::kGet, "/quan-tri/tap-huan/" + std::to_string(id) + "/ma-qr?don-vi=pho-minh",
              officer_.Cookies())
          .status,
      403);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/tap-huan", member_.Cookies()).status, 403);
  EXPECT_EQ(
      s_.Json(Method::kPost, "/api/v1/trainings", {{"title", "x"}}, officer_.WithCsrf()).status,
      403);
  // A bad material link is refused with the field named.
  Call bad = s_.Json(Method::kPost, "/api/v1/trainings",
                     {{"title", "x"},
                      {"place", "y"},
                      {"trainer", "z"},
                      {"starts_at", "2030-01-01T01:00:00Z"},
                      {"ends_at", "2030-01-01T02:00:00Z"},
                      {"materials", {{{"title", "a"}, {"url", "javascript:alert(1)"}}}}},
                     admin_.WithCsrf());
  EXPECT_EQ(bad.status, 422) << bad.body;
  // The sheet of QR codes and the poster render for the admin.
  EXPECT_EQ(
      s_.Send(Method::kGet, "/quan-tri/tap-huan/" + std::to_string(id) + "/ma-qr", admin_.Cookies())
          .status,
      200);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/tap-huan/" + std::to_string(id) + "/ap-phich",
                    admin_.Cookies())
                .status,
            200);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/tap-huan/bao-cao", admin_.Cookies()).status, 200);
  EXPECT_EQ(s_.Send(Method::kGet, "/tap-huan").status, 200);
}

TEST_F(TrainingHttpTest, ConsoleFormSchedulesAndKeepsWhatWasTypedOnError) {
  http::Headers form = admin_.Cookies();
  form.Set("Content-Type", "application/x-www-form-urlencoded");
  const std::string fields =
      "csrf_token=" + http::UrlEncode(admin_.csrf) + "&title=" + http::UrlEncode("Tập huấn <thử>") +
      "&date=2030-01-02&start=08:00&end=10:00&place=" + http::UrlEncode("Hội trường") +
      "&trainer=" + http::UrlEncode("Hùng") + "&units=pho-an";
  Call bad = s_.Send(Method::kPost, "/quan-tri/tap-huan/moi", form,
                     fields + "&materials=" + http::UrlEncode("Bài | javascript:alert(1)"));
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_THAT(bad.body, ::testing::HasSubstr("Tài liệu: mỗi dòng"));
  EXPECT_THAT(bad.body, ::testing::HasSubstr("value=\"Tập huấn &lt;thử&gt;\""));
  Call ok = s_.Send(Method::kPost, "/quan-tri/tap-huan/moi", form,
                    fields + "&materials=" + http::UrlEncode("Bài | https://x.vn/a"));
  ASSERT_EQ(ok.status, 303) << ok.body;
  const std::string location(ok.headers.Get("Location").value_or(""));
  EXPECT_THAT(location, ::testing::StartsWith("/quan-tri/tap-huan/"));
  Call page = s_.Send(Method::kGet, location, admin_.Cookies());
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, ::testing::HasSubstr("02/01/2030 08:00 – 10:00"));
}

}  // namespace
}  // namespace binhyen::app

// The console pages of the plan (issue 9) over real HTTP, part 1: tasks assigned to several
// units and followed by each unit (progress, no cancelling, another unit's task 404), the
// overdue view, banner and reminder CSV once the fake clock moves on; a self-assessment refused
// with a missing answer (answers kept) then scored in the overview and history; the navigation
// per role; and every POST form of the plan refusing a missing CSRF token. Part 2 (budget and
// reviews) is web_plan_budget_review_test.cc.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/testing/plan_pages.h"

namespace binhyen::app {
namespace {

using http::Method;
using testing::All;
using testing::Browser;
using testing::Call;
using ::testing::HasSubstr;
using testing::IdOf;
using ::testing::Not;
using ::testing::StartsWith;
using testing::TestServer;

constexpr std::string_view kHostile = testing::kPlanHostile;
constexpr std::string_view kNothingChanged = "Không có gì bị thay đổi";

using WebPlanTest = testing::PlanPagesTest;

TEST_F(WebPlanTest, TasksAssignedToTwoUnitsAreFollowedByEachUnit) {
  Call page = Get(admin_, "/quan-tri/nhiem-vu");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("id=\"task-form\""));
  EXPECT_THAT(page.body, HasSubstr("name=\"units\" value=\"nghia-lo\""));

  // A missing title and no unit: the form again, each field named, what was typed kept.
  Call bad = Post(
      admin_, "/quan-tri/nhiem-vu",
      "title=&responsible=" + http::UrlEncode("Trưởng công an phường " + std::string(kHostile)) +
          "&expected_result=x&due_on=2026-13-01");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Đơn vị thực hiện: hãy chọn ít nhất một đơn vị"));
  EXPECT_THAT(bad.body, HasSubstr("Việc cần làm: không được để trống"));
  EXPECT_THAT(bad.body, HasSubstr("Thời hạn: hãy chọn ngày"));
  EXPECT_THAT(bad.body, HasSubstr("Trưởng công an phường &lt;script&gt;"));
  EXPECT_THAT(bad.body, Not(HasSubstr(std::string(kHostile))));

  Assign("units=pho-minh&units=nghia-lo", "Rà soát quản trị viên fanpage", "2026-12-31");
  const std::map<std::string, std::string> ids = TaskIdsByUnit("tat-ca");
  ASSERT_EQ(ids.size(), 2u);
  const std::string pm = ids.at("Phường Phổ Minh");
  const std::string nl = ids.at("Phường Nghĩa Lộ");
  Call all = Get(admin_, "/quan-tri/nhiem-vu?xem=tat-ca");
  EXPECT_EQ(All(all.body, "data-task=\"(\\d+)\"").size(), 2u);
  EXPECT_THAT(all.body, HasSubstr("Còn 43 ngày"));

  // The unit officer of Phổ Minh sees only their task, and no assign form.
  Call mine = Get(officer_, "/quan-tri/nhiem-vu?xem=tat-ca");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(All(mine.body, "data-task=\"(\\d+)\""), std::vector<std::string>{pm});
  EXPECT_THAT(mine.body, Not(HasSubstr("Phường Nghĩa Lộ")));
  EXPECT_THAT(mine.body, Not(HasSubstr("id=\"task-form\"")));
  EXPECT_EQ(Get(officer_, "/quan-tri/nhiem-vu/" + nl).status, 404);
  EXPECT_EQ(
      Post(officer_, "/quan-tri/nhiem-vu/" + nl + "/tien-do", "status=done&progress=100&text=xong")
          .status,
      404);
  EXPECT_EQ(Post(officer_, "/quan-tri/nhiem-vu", "units=pho-minh&title=x").status, 403);

  const std::string task = "/quan-tri/nhiem-vu/" + pm;
  Call detail = Get(officer_, task);
  ASSERT_EQ(detail.status, 200);
  EXPECT_THAT(detail.body, HasSubstr("Chủ tịch UBND phường"));
  EXPECT_THAT(detail.body, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(detail.body, Not(HasSubstr(std::string(kHostile))));
  EXPECT_THAT(detail.body, Not(HasSubstr("value=\"cancelled\"")));
  EXPECT_THAT(detail.body, Not(HasSubstr("id=\"task-edit-form\"")));

  // Cancelling is the standing office's: the field says so and the note is kept.
  Call cancel = Post(officer_, task + "/tien-do",
                     "status=cancelled&progress=0&text=" + http::UrlEncode("Xin hủy"));
  EXPECT_EQ(cancel.status, 422);
  EXPECT_THAT(cancel.body, HasSubstr("Trạng thái: chỉ cơ quan thường trực"));
  EXPECT_THAT(cancel.body, HasSubstr(">Xin hủy</textarea>"));
  Call percent = Post(officer_, task + "/tien-do", "status=in_progress&progress=abc&text=x");
  EXPECT_EQ(percent.status, 422);
  EXPECT_THAT(percent.body, HasSubstr("Tiến độ (%): phải là số từ 0 đến 100"));

  Call half =
      Post(officer_, task + "/tien-do",
           "status=in_progress&progress=40&text=" + http::UrlEncode("Đã rà soát 2/5 trang"));
  ASSERT_EQ(half.status, 303) << half.body;
  detail = Get(officer_, task);
  EXPECT_THAT(detail.body, HasSubstr("id=\"task-progress\">40%"));
  EXPECT_THAT(detail.body, HasSubstr("Đã rà soát 2/5 trang"));
  EXPECT_THAT(detail.body, HasSubstr("<td>canbo.pm</td>"));
  ASSERT_EQ(Post(officer_, task + "/tien-do", "status=done&progress=60&text=Xong").status, 303);
  detail = Get(officer_, task);
  EXPECT_THAT(detail.body, HasSubstr("data-status=\"done\""));
  EXPECT_THAT(detail.body, HasSubstr("id=\"task-progress\">100%"));
  EXPECT_THAT(Get(officer_, "/quan-tri/nhiem-vu?xem=da-xong").body,
              HasSubstr("data-task=\"" + pm + "\""));
  EXPECT_THAT(Get(officer_, "/quan-tri/nhiem-vu").body, Not(HasSubstr("data-task=")));

  // The standing office may cancel and edit (field errors kept there too).
  Call admin_view = Get(admin_, "/quan-tri/nhiem-vu/" + nl);
  EXPECT_THAT(admin_view.body, HasSubstr("value=\"cancelled\""));
  EXPECT_THAT(admin_view.body, HasSubstr("id=\"task-edit-form\""));
  Call edit_bad = Post(admin_, "/quan-tri/nhiem-vu/" + nl + "/sua",
                       "units=nghia-lo&title=&responsible=R&expected_result=E&due_on=2026-12-31");
  EXPECT_EQ(edit_bad.status, 422);
  EXPECT_THAT(edit_bad.body, HasSubstr("Việc cần làm: không được để trống"));
  Call edited = Post(admin_, "/quan-tri/nhiem-vu/" + nl + "/sua",
                     "units=nghia-lo&title=" + http::UrlEncode("Rà soát lại fanpage") +
                         "&responsible=R&expected_result=E&due_on=2026-12-20");
  EXPECT_EQ(edited.status, 303) << edited.body;
  EXPECT_THAT(Get(other_officer_, "/quan-tri/nhiem-vu/" + nl).body,
              HasSubstr("Rà soát lại fanpage"));
  ASSERT_EQ(Post(admin_, "/quan-tri/nhiem-vu/" + nl + "/tien-do",
                 "status=cancelled&progress=0&text=" + http::UrlEncode("Không còn cần"))
                .status,
            303);
  EXPECT_THAT(Get(admin_, "/quan-tri/nhiem-vu/" + nl).body, HasSubstr("data-status=\"cancelled\""));
  // The unit cannot reopen what the standing office cancelled; it is told why, in Vietnamese.
  Call reopen = Post(other_officer_, "/quan-tri/nhiem-vu/" + nl + "/tien-do",
                     "status=in_progress&progress=10&text=" + http::UrlEncode("Vẫn làm"));
  EXPECT_EQ(reopen.status, 422);
  EXPECT_THAT(reopen.body, HasSubstr("chỉ cơ quan thường trực được mở lại"));

  EXPECT_EQ(Get(member_, "/quan-tri/nhiem-vu").status, 403);
  EXPECT_EQ(Get(finance_, "/quan-tri/nhiem-vu").status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/nhiem-vu").status, 303);
}

TEST_F(WebPlanTest, OverdueViewBannerAndReminderCsvFollowTheClock) {
  Assign("units=pho-minh", "Cập nhật phần mềm diệt virus", "2026-11-20");
  Assign("units=pho-minh", "Báo cáo tổng kết năm", "2026-12-31");
  Call before = Get(officer_, "/quan-tri/nhiem-vu");
  EXPECT_THAT(before.body,
              HasSubstr("Đơn vị của bạn: 0 nhiệm vụ quá hạn, 1 sắp đến hạn (trong 7 ngày)."));
  EXPECT_THAT(before.body, HasSubstr("Còn 2 ngày"));
  EXPECT_THAT(Get(other_officer_, "/quan-tri/nhiem-vu").body, Not(HasSubstr("task-reminder")));

  s_.clock().Advance(std::chrono::hours(24 * 5));  // 2026-11-23
  SignIn();
  Call after = Get(officer_, "/quan-tri/nhiem-vu");
  EXPECT_THAT(after.body,
              HasSubstr("Đơn vị của bạn: 1 nhiệm vụ quá hạn, 0 sắp đến hạn (trong 7 ngày)."));
  Call overdue = Get(officer_, "/quan-tri/nhiem-vu?xem=qua-han");
  ASSERT_EQ(overdue.status, 200);
  EXPECT_THAT(overdue.body, HasSubstr("class=\"plan-overdue\""));
  EXPECT_THAT(overdue.body, HasSubstr("Quá hạn 3 ngày"));
  EXPECT_THAT(overdue.body, HasSubstr("Cập nhật phần mềm diệt virus"));
  EXPECT_THAT(overdue.body, Not(HasSubstr("Báo cáo tổng kết năm")));
  EXPECT_THAT(overdue.body, HasSubstr("/quan-tri/nhiem-vu/nhac-viec.csv?xem=qua-han"));

  Call csv = Get(officer_, "/quan-tri/nhiem-vu/nhac-viec.csv?xem=qua-han");
  ASSERT_EQ(csv.status, 200);
  EXPECT_THAT(csv.body, StartsWith("\xEF\xBB\xBFma,don_vi,nhiem_vu"));
  EXPECT_THAT(std::string(csv.headers.Get("Content-Type").value_or("")), HasSubstr("text/csv"));
  EXPECT_THAT(std::string(csv.headers.Get("Content-Disposition").value_or("")),
              HasSubstr("attachment; filename=\"nhac-viec-qua-han-2026-11-23.csv\""));
  EXPECT_THAT(csv.body, HasSubstr("\"Phường Phổ Minh\",\"Cập nhật phần mềm diệt virus\""));
  EXPECT_THAT(csv.body, HasSubstr("\"20/11/2026\",-3,\"Chưa bắt đầu\",0"));
  EXPECT_THAT(csv.body, Not(HasSubstr("Báo cáo tổng kết năm")));
  // A unit outside the officer's scope is refused, not emptied.
  EXPECT_EQ(Get(officer_, "/quan-tri/nhiem-vu/nhac-viec.csv?don-vi=nghia-lo").status, 403);
}

TEST_F(WebPlanTest, SelfAssessmentKeepsAnswersThenScoresIntoOverviewAndHistory) {
  Call overview = Get(officer_, "/quan-tri/tu-danh-gia");
  ASSERT_EQ(overview.status, 200);
  EXPECT_THAT(overview.body, HasSubstr("Phường Phổ Minh"));
  EXPECT_THAT(overview.body, HasSubstr("chưa đánh giá"));
  EXPECT_THAT(overview.body, Not(HasSubstr("Phường Nghĩa Lộ")));
  EXPECT_THAT(Get(admin_, "/quan-tri/tu-danh-gia").body, HasSubstr("Phường Nghĩa Lộ"));

  const std::string unit = "/quan-tri/tu-danh-gia/pho-minh";
  Call form = Get(officer_, unit);
  ASSERT_EQ(form.status, 200);
  const auto& items = domain::CurrentChecklist().items;
  EXPECT_EQ(All(form.body, "type=\"radio\" name=\"a\\.([a-z_]+)\" value=\"yes\"").size(),
            items.size());
  EXPECT_THAT(form.body, HasSubstr("Không áp dụng"));

  // Question 3 left out: named, and every other answer and the note kept.
  Call missing =
      Post(officer_, unit,
           Answers(2, 0) + "&note=" + http::UrlEncode("Sẽ bật 2 lớp " + std::string(kHostile)));
  EXPECT_EQ(missing.status, 422);
  EXPECT_THAT(missing.body, HasSubstr("Câu 3: bạn chưa chọn câu trả lời"));
  EXPECT_THAT(missing.body,
              HasSubstr("name=\"a." + std::string(items[0].key) + "\" value=\"partly\" checked"));
  EXPECT_THAT(missing.body,
              HasSubstr("name=\"a." + std::string(items[1].key) + "\" value=\"yes\" checked"));
  EXPECT_THAT(missing.body,
              Not(HasSubstr("name=\"a." + std::string(items[2].key) + "\" value=\"yes\" checked")));
  EXPECT_THAT(missing.body, HasSubstr("Sẽ bật 2 lớp &lt;script&gt;"));
  EXPECT_THAT(missing.body, Not(HasSubstr(std::string(kHostile))));
  EXPECT_THAT(Get(officer_, unit).body, HasSubstr("Đơn vị chưa tự đánh giá lần nào"));

  Call saved = Post(officer_, unit, Answers(-1, 0) + "&note=");
  ASSERT_EQ(saved.status, 303) << saved.body;
  std::vector<std::pair<std::string, domain::AssessmentAnswer>> answers;
  for (size_t i = 0; i < items.size(); ++i) {
    answers.emplace_back(
        items[i].key, i == 0 ? domain::AssessmentAnswer::kPartly : domain::AssessmentAnswer::kYes);
  }
  const std::string percent =
      std::to_string((domain::Score(domain::CurrentChecklist(), answers) + 5) / 10) + "%";
  ASSERT_NE(percent, "100%");
  EXPECT_THAT(Get(officer_, "/quan-tri/tu-danh-gia").body, HasSubstr("<strong>" + percent));
  Call history = Get(officer_, unit);
  EXPECT_THAT(history.body, HasSubstr("id=\"latest-score\">" + percent));
  EXPECT_THAT(history.body, HasSubstr("<td>canbo.pm</td>"));
  const std::vector<std::string> links =
      All(history.body, "href=\"(/quan-tri/tu-danh-gia/pho-minh/\\d+)\"");
  ASSERT_EQ(links.size(), 1u);
  Call one = Get(officer_, links[0]);
  ASSERT_EQ(one.status, 200);
  EXPECT_THAT(one.body, HasSubstr("id=\"assessment-score\">" + percent));
  EXPECT_THAT(one.body, HasSubstr("<td>Một phần</td>"));

  // Another unit's assessments are not the officer's.
  EXPECT_EQ(Get(officer_, "/quan-tri/tu-danh-gia/nghia-lo").status, 403);
  EXPECT_EQ(Post(officer_, "/quan-tri/tu-danh-gia/nghia-lo", Answers(-1, -1)).status, 403);
  EXPECT_EQ(Get(other_officer_, links[0]).status, 404);
  EXPECT_EQ(Get(admin_, "/quan-tri/tu-danh-gia/khong-co").status, 404);
  EXPECT_EQ(Get(member_, "/quan-tri/tu-danh-gia").status, 403);
}

TEST_F(WebPlanTest, NavigationShowsThePagesEachRoleMayOpen) {
  auto nav = [&](const Browser& b) { return Get(b, "/quan-tri/kenh").body; };
  Call finance_page = Get(finance_, "/quan-tri/kinh-phi");
  EXPECT_THAT(finance_page.body, HasSubstr("<a href=\"/quan-tri/kinh-phi\">Kinh phí</a>"));
  EXPECT_THAT(finance_page.body, Not(HasSubstr("href=\"/quan-tri/nhiem-vu\"")));
  EXPECT_THAT(finance_page.body, Not(HasSubstr("href=\"/quan-tri/so-ket\"")));
  const std::string officer = nav(officer_);
  EXPECT_THAT(officer, HasSubstr("<a href=\"/quan-tri/nhiem-vu\">Nhiệm vụ</a>"));
  EXPECT_THAT(officer, HasSubstr("<a href=\"/quan-tri/tu-danh-gia\">Tự đánh giá</a>"));
  EXPECT_THAT(officer, Not(HasSubstr("href=\"/quan-tri/kinh-phi\"")));
  EXPECT_THAT(officer, Not(HasSubstr("href=\"/quan-tri/so-ket\"")));
  const std::string admin = nav(admin_);
  for (const char* link :
       {"/quan-tri/nhiem-vu", "/quan-tri/tu-danh-gia", "/quan-tri/kinh-phi", "/quan-tri/so-ket"}) {
    EXPECT_THAT(admin, HasSubstr("href=\"" + std::string(link) + "\"")) << link;
  }
}

// Every POST form of the plan without the session's token: the role that may post there gets
// the 403 page saying nothing changed, and nothing is audited.
TEST_F(WebPlanTest, EveryFormRefusesAMissingToken) {
  Assign("units=pho-minh", "Nhiệm vụ mẫu", "2026-12-31");
  const std::string task = TaskIdsByUnit("tat-ca").at("Phường Phổ Minh");
  const std::string line = CreateLine();
  ASSERT_EQ(Post(finance_, "/quan-tri/kinh-phi/" + line + "/chi",
                 "spent_on=2026-11-10&amount=1000&description=x")
                .status,
            303);
  Call quick = Post(admin_, "/quan-tri/so-ket/lap-nhanh", "x=1");
  const std::string review = IdOf(quick);
  const std::vector<std::pair<const Browser*, std::string>> forms = {
      {&admin_, "/quan-tri/nhiem-vu"},
      {&officer_, "/quan-tri/nhiem-vu/" + task + "/tien-do"},
      {&admin_, "/quan-tri/nhiem-vu/" + task + "/sua"},
      {&officer_, "/quan-tri/tu-danh-gia/pho-minh"},
      {&finance_, "/quan-tri/kinh-phi"},
      {&finance_, "/quan-tri/kinh-phi/" + line},
      {&finance_, "/quan-tri/kinh-phi/" + line + "/chi"},
      {&finance_, "/quan-tri/kinh-phi/" + line + "/chi/1/xoa"},
      {&admin_, "/quan-tri/so-ket"},
      {&admin_, "/quan-tri/so-ket/lap-nhanh"},
      {&admin_, "/quan-tri/so-ket/" + review},
      {&admin_, "/quan-tri/so-ket/" + review + "/de-xuat-lai"},
      {&admin_, "/quan-tri/so-ket/" + review + "/de-xuat"},
      {&admin_, "/quan-tri/so-ket/" + review + "/de-xuat/1"},
  };
  const int64_t audit = testing::LastAuditSeq(s_);
  for (const auto& [browser, path] : forms) {
    SCOPED_TRACE(path);
    for (const std::string& token : {std::string(), browser->csrf + "x", admin_.csrf}) {
      if (token == browser->csrf) continue;
      Call refused = s_.Send(
          Method::kPost, path,
          testing::ContentType("application/x-www-form-urlencoded", browser->Cookies()),
          "confirm=1&units=pho-minh&title=T&responsible=R&expected_result=E&due_on=2026-12-31"
          "&status=done&progress=100&text=x&year=2026&activity=A&allocated=1&amount=1"
          "&spent_on=2026-11-10&description=d&subject=unit&subject_name=S&rank=1&csrf_token=" +
              http::UrlEncode(token));
      EXPECT_EQ(refused.status, 403) << refused.body.substr(0, 400);
      EXPECT_THAT(refused.body, HasSubstr(std::string(kNothingChanged)));
    }
  }
  EXPECT_EQ(testing::LastAuditSeq(s_), audit);
  EXPECT_EQ(PostWithoutToken(admin_, "/quan-tri/so-ket/lap-nhanh", "x=1").status, 403);
}

}  // namespace
}  // namespace binhyen::app

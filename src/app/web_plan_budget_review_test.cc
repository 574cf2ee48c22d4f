// The console pages of the plan (issue 9) over real HTTP, part 2: finance keeping a budget
// line and its spending (overspending named with what remains), the standing office reading it
// without forms, unit officers refused; a review made in one click, its figures, its XLSX and PDF
// downloads (the PDF's text read back with pdftotext when it is installed), a reporter candidate
// left out until they consent and an edited proposal left out of the export.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/testing/plan_pages.h"
#include "render/review_document.h"
#include "service/reviews.h"

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

// Whether pdftotext (poppler-utils) can be run.
bool HavePdfToText() { return std::system("pdftotext -v >/dev/null 2>&1") == 0; }

// The text of a PDF, through pdftotext.
std::string PdfText(const std::string& pdf) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  const std::string base = "web_plan_test_" + std::to_string(::getpid());
  const std::filesystem::path in = dir / (base + ".pdf");
  const std::filesystem::path out = dir / (base + ".txt");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string command = "pdftotext -enc UTF-8 '" + in.string() + "' '" + out.string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0);
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return text.str();
}

using WebPlanBudgetReviewTest = testing::PlanPagesTest;

TEST_F(WebPlanBudgetReviewTest, FinanceKeepsTheBudgetOthersReadOrAreRefused) {
  // After signing in, finance lands on the budget rather than on the analysts' queue.
  Call home = Get(finance_, "/quan-tri");
  EXPECT_EQ(home.status, 303);
  EXPECT_EQ(home.headers.Get("Location").value_or(""), "/quan-tri/kinh-phi");
  Call year = Get(finance_, "/quan-tri/kinh-phi");
  ASSERT_EQ(year.status, 200);
  EXPECT_THAT(year.body, HasSubstr("Kinh phí năm 2026"));
  EXPECT_THAT(year.body, HasSubstr("Thêm dòng kinh phí"));

  Call bad = Post(finance_, "/quan-tri/kinh-phi",
                  "year=2026&unit=pho-minh&activity=" + http::UrlEncode("Tập huấn") +
                      "&allocated=" + http::UrlEncode("năm triệu"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Số được giao: hãy nhập số tiền bằng số"));
  EXPECT_THAT(bad.body, HasSubstr("value=\"Tập huấn\""));
  EXPECT_THAT(bad.body, HasSubstr("value=\"năm triệu\""));

  const std::string line = "/quan-tri/kinh-phi/" + CreateLine();
  Call spent = Post(finance_, line + "/chi",
                    "spent_on=2026-11-10&amount=1.200.000&description=" +
                        http::UrlEncode("Tài liệu tập huấn") + "&voucher=PC-01");
  ASSERT_EQ(spent.status, 303) << spent.body;
  Call page = Get(finance_, line);
  EXPECT_THAT(page.body, HasSubstr("id=\"line-spent\">1.200.000 đ"));
  EXPECT_THAT(page.body, HasSubstr("id=\"line-remaining\">3.800.000 đ"));
  EXPECT_THAT(page.body, HasSubstr("<td>10/11/2026</td><td class=\"num\">1.200.000 đ</td>"));

  // Beyond what remains: the amount field names the remaining amount; what was typed stays.
  Call over = Post(finance_, line + "/chi",
                   "spent_on=2026-11-12&amount=4.000.000&description=" +
                       http::UrlEncode("Hội nghị " + std::string(kHostile)) + "&voucher=");
  EXPECT_EQ(over.status, 422);
  EXPECT_THAT(over.body,
              HasSubstr("Số tiền: vượt quá số còn lại của dòng kinh phí này (còn 3.800.000 đ)"));
  EXPECT_THAT(over.body, HasSubstr("value=\"4.000.000\""));
  EXPECT_THAT(over.body, HasSubstr("Hội nghị &lt;script&gt;"));
  EXPECT_THAT(over.body, Not(HasSubstr(std::string(kHostile))));

  Call totals = Get(finance_, "/quan-tri/kinh-phi?nam=2026");
  EXPECT_THAT(totals.body, HasSubstr("id=\"total-allocated\">5.000.000 đ"));
  EXPECT_THAT(totals.body, HasSubstr("id=\"total-spent\">1.200.000 đ"));
  EXPECT_THAT(Get(finance_, "/quan-tri/kinh-phi?nam=2025").body,
              HasSubstr("Chưa có dòng kinh phí nào cho năm này"));

  // The standing office reads without forms; unit officers and members are refused.
  Call read = Get(admin_, "/quan-tri/kinh-phi?nam=2026");
  ASSERT_EQ(read.status, 200);
  EXPECT_THAT(read.body, HasSubstr("Tập huấn nhận diện lừa đảo"));
  EXPECT_THAT(read.body, HasSubstr("id=\"budget-read-only\""));
  EXPECT_THAT(read.body, Not(HasSubstr("<form class=\"card\" method=\"post\"")));
  Call read_line = Get(admin_, line);
  ASSERT_EQ(read_line.status, 200);
  EXPECT_THAT(read_line.body, HasSubstr("1.200.000 đ"));
  EXPECT_THAT(read_line.body, Not(HasSubstr("method=\"post\" action=\"/quan-tri/kinh-phi")));
  EXPECT_EQ(Post(admin_, line + "/chi", "spent_on=2026-11-10&amount=1&description=x").status, 403);
  EXPECT_EQ(Get(officer_, "/quan-tri/kinh-phi").status, 403);
  EXPECT_EQ(Get(officer_, line).status, 403);
  EXPECT_EQ(Get(member_, "/quan-tri/kinh-phi").status, 403);
  EXPECT_EQ(Get(finance_, "/quan-tri/kinh-phi/999").status, 404);

  // Removing an entry needs its confirmation box; raising the allocation is an edit.
  const std::vector<std::string> removes =
      All(page.body, "action=\"(/quan-tri/kinh-phi/\\d+/chi/\\d+/xoa)\"");
  ASSERT_EQ(removes.size(), 1u);
  Call unconfirmed = Post(finance_, removes[0], "x=1");
  EXPECT_EQ(unconfirmed.status, 422);
  EXPECT_THAT(unconfirmed.body, HasSubstr("hãy đánh dấu ô xác nhận"));
  EXPECT_THAT(Get(finance_, line).body, HasSubstr("data-spending="));
  ASSERT_EQ(Post(finance_, removes[0], "confirm=1").status, 303);
  EXPECT_THAT(Get(finance_, line).body, Not(HasSubstr("data-spending=")));
  Call raised = Post(finance_, line,
                     "year=2026&unit=pho-minh&activity=" + http::UrlEncode("Tập huấn") +
                         "&source=&allocated=6000000&note=");
  ASSERT_EQ(raised.status, 303) << raised.body;
  EXPECT_THAT(Get(finance_, line).body, HasSubstr("id=\"line-allocated\">6.000.000 đ"));
}

TEST_F(WebPlanBudgetReviewTest, ReviewInOneClickWithFiguresDownloadsAndProposals) {
  Call list = Get(admin_, "/quan-tri/so-ket");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_THAT(list.body, HasSubstr("Lập báo cáo sơ kết 6 tháng gần nhất"));
  EXPECT_THAT(list.body, HasSubstr("value=\"2026-01-01\""));
  EXPECT_THAT(list.body, HasSubstr("value=\"2026-06-30\""));
  EXPECT_THAT(list.body, HasSubstr("Sơ kết 6 tháng đầu năm 2026"));
  EXPECT_EQ(Get(officer_, "/quan-tri/so-ket").status, 403);
  EXPECT_EQ(Get(finance_, "/quan-tri/so-ket").status, 403);

  Call quick = Post(admin_, "/quan-tri/so-ket/lap-nhanh", "x=1");
  ASSERT_EQ(quick.status, 303) << quick.body;
  const std::string review = "/quan-tri/so-ket/" + IdOf(quick);
  Call page = Get(admin_, review);
  ASSERT_EQ(page.status, 200) << page.body;
  for (const char* figure : {"fig-reports", "fig-confirmed", "fig-hours", "fig-warnings",
                             "fig-campaigns", "fig-trainings", "fig-tasks", "fig-allocated"}) {
    EXPECT_THAT(page.body, HasSubstr("id=\"" + std::string(figure) + "\"")) << figure;
  }
  EXPECT_THAT(page.body, HasSubstr("Tải Excel (.xlsx)"));
  EXPECT_THAT(Get(admin_, "/quan-tri/so-ket").body, HasSubstr("data-review=\"" + IdOf(quick)));

  Call xlsx = Get(admin_, review + "/tai.xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 500);
  EXPECT_THAT(xlsx.body, StartsWith("PK"));
  EXPECT_EQ(xlsx.headers.Get("Content-Type").value_or(""),
            render::MediaType(render::ReviewFormat::kXlsx));
  EXPECT_EQ(xlsx.headers.Get("Content-Disposition").value_or(""),
            "attachment; filename=\"bao-cao-so-ket-2026-01-01-den-2026-06-30.xlsx\"");
  Call pdf = Get(admin_, review + "/tai.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 500);
  EXPECT_THAT(pdf.body, StartsWith("%PDF"));
  EXPECT_EQ(pdf.headers.Get("Content-Type").value_or(""),
            render::MediaType(render::ReviewFormat::kPdf));
  if (HavePdfToText()) {
    EXPECT_THAT(PdfText(pdf.body), HasSubstr("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  }
  EXPECT_EQ(Get(admin_, "/quan-tri/so-ket/999/tai.pdf").status, 404);
  EXPECT_EQ(Get(officer_, review + "/tai.xlsx").status, 403);

  // A particulars edit with a bad period keeps what was typed.
  Call bad = Post(admin_, review,
                  "kind=six_month&title=" + http::UrlEncode("Sơ kết thử") +
                      "&from=2026-06-30&to=2026-01-01&issuing_body=" + http::UrlEncode("BCĐ") +
                      "&place=" + http::UrlEncode("Đức Phổ") +
                      "&report_date=2026-11-18&number=" + http::UrlEncode("15/BC-BCĐ"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Đến ngày: không được trước ngày bắt đầu"));
  EXPECT_THAT(bad.body, HasSubstr("value=\"15/BC-BCĐ\""));
}

TEST_F(WebPlanBudgetReviewTest, ReporterCandidatesWaitForConsentAndEditsDecideTheExport) {
  // The period's data: a self-assessment of Phổ Minh and a report confirmed from a reporter who
  // left a name and phone.
  ASSERT_EQ(Post(officer_, "/quan-tri/tu-danh-gia/pho-minh", Answers(-1, -1)).status, 303);
  s_.AddUser("an.phantich", "analyst");
  const http::Headers analyst =
      TestServer::Bearer(s_.Token("an.phantich", {"reports:read", "reports:triage"}));
  Call filed = s_.Json(Method::kPost, "/api/v1/reports",
                       {{"category", "scam_call"},
                        {"description", "Gọi điện giả danh công an yêu cầu chuyển tiền"},
                        {"indicators", {{{"kind", "phone"}, {"value", "0912 345 678"}}}},
                        {"contact", {{"name", "Nguyễn Văn Báo"}, {"phone", "0905 111 222"}}}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string report = "/api/v1/reports/" + std::to_string(int64_t(filed.json["id"]));
  for (const char* to : {"triaging", "confirmed"}) {
    ASSERT_EQ(s_.Json(Method::kPost, report + "/transition", {{"to", to}}, analyst).status, 200);
  }

  Call created =
      Post(admin_, "/quan-tri/so-ket",
           "kind=other&title=" + http::UrlEncode("Kết quả quý IV") +
               "&from=2026-07-01&to=2026-12-31&issuing_body=" + http::UrlEncode("BAN CHỈ ĐẠO") +
               "&place=" + http::UrlEncode("Đức Phổ") + "&report_date=2026-11-18");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string id = IdOf(created);
  const std::string review = "/quan-tri/so-ket/" + id;
  Call page = Get(admin_, review);
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("Nguyễn Văn Báo"));
  EXPECT_THAT(page.body, HasSubstr("cần người báo cáo đồng ý"));
  EXPECT_THAT(page.body, HasSubstr("id=\"consent-note\""));
  const std::vector<std::string> proposals = All(page.body, "data-proposal=\"(\\d+)\"");
  ASSERT_EQ(proposals.size(), 2u);  // Phổ Minh, then the reporter

  auto exported = [&] {
    service::Reviews reviews(*s_.app().session().env().store, s_.app().session().env().contact_box,
                             s_.clock());
    auto out = reviews.ExportStored(std::stoll(id));
    EXPECT_TRUE(out.ok()) << out.status().message();
    std::vector<std::string> names;
    if (out.ok()) {
      for (const domain::RewardProposal& p : out->proposals) names.push_back(p.subject_name);
    }
    return names;
  };
  EXPECT_EQ(exported(), std::vector<std::string>{"Phường Phổ Minh"});

  // Leaving the unit out takes it out of the export; a bad rank keeps the row's typed values.
  const std::string edit = review + "/de-xuat/" + proposals[0];
  Call bad =
      Post(admin_, edit,
           "subject_name=" + http::UrlEncode("Phường Phổ Minh (sửa)") + "&rank=0&reason=&award=");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Thứ tự: hãy nhập số thứ tự từ 1 đến 1000"));
  EXPECT_THAT(bad.body, HasSubstr("value=\"Phường Phổ Minh (sửa)\""));
  Call left_out = Post(admin_, edit,
                       "subject_name=" + http::UrlEncode("Phường Phổ Minh") +
                           "&rank=1&reason=" + http::UrlEncode("Chờ xét thêm") + "&award=");
  ASSERT_EQ(left_out.status, 303) << left_out.body;
  EXPECT_EQ(exported(), std::vector<std::string>{});
  Call added = Post(admin_, review + "/de-xuat",
                    "subject=person&subject_name=" + http::UrlEncode("Trần Thị Tuyên truyền") +
                        "&unit=pho-minh&rank=1&reason=" + http::UrlEncode("Tuyên truyền tốt") +
                        "&award=" + http::UrlEncode("Giấy khen") + "&included=1");
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(exported(), std::vector<std::string>{"Trần Thị Tuyên truyền"});

  // Proposing again replaces the edits, and only with its confirmation box.
  EXPECT_EQ(Post(admin_, review + "/de-xuat-lai", "x=1").status, 422);
  EXPECT_EQ(exported(), std::vector<std::string>{"Trần Thị Tuyên truyền"});
  ASSERT_EQ(Post(admin_, review + "/de-xuat-lai", "confirm=1").status, 303);
  EXPECT_EQ(exported(), std::vector<std::string>{"Phường Phổ Minh"});
}

}  // namespace
}  // namespace binhyen::app

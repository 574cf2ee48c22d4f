// The periodic review end to end: data seeded in a real (SQLite) store, its figures computed by
// service::Reviews, the document built and rendered, and the files read back. Every number
// checked here is counted by hand from the seed below, so the test fails when a figure, its
// table or the rendering drifts from the data.
#include "render/review_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "render/pdf_report.h"
#include "render/testing/read_back.h"
#include "render/xlsx_report.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::array<uint8_t, crypto::SecretBox::kKeyBytes> TestKey() {
  std::array<uint8_t, crypto::SecretBox::kKeyBytes> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 5 + 3);
  return key;
}

// Noon of `date` in Vietnam.
base::TimePoint Day(const std::string& date) {
  return domain::StartOfDayInVietnam(date) + std::chrono::hours(12);
}

// The first half of 2026, reviewed on 5 July 2026:
// - reports (created in the period unless said): pho-minh r1 (url a, phone p; reporter Bình
//   "0905 111 222"), r2 (url a; Bình "0905111222"), r3 (received); nghia-lo r4 (bank b,
//   anonymous), r5 (rejected); r0 from December 2025 (confirmed, outside). Confirmed: r1, r2,
//   r4 → 3 confirmed of 5, indicators {url a, phone p, bank b} = 3; Bình: 2 confirmations.
// - published: 2 warnings and 1 clarification in the period; 1 warning on 1 July; 1 draft.
// - a campaign sent on 1 March to pho-minh (An, Chi) and nghia-lo (Dũng): An and Dũng read it.
// - a training on 10 April for pho-minh: An checked in, and one walk-in.
// - a channel of pho-minh: Dec 2025 relayed 100; May 2026 members 120, relayed 7, reports 2;
//   June members 130, relayed 5 → members 130, relayed 12, reports 2.
// - tasks: pho-minh due 2026-05-31 done on 2026-05-20; nghia-lo due 2026-06-15 open (overdue);
//   pho-minh due 2026-08-01 (outside).
// - assessments: pho-minh all yes (100%); nghia-lo all no (0%).
// - budget 2026: pho-minh line 10.000.000 đ, spent 2.500.000 on 2 March, 1.000.000 on 2 July.
class ReviewDocumentTest : public ::testing::Test {
 protected:
  ReviewDocumentTest()
      : box_(crypto::SecretBox::FromKey(TestKey())), reviews_(*store_, box_, clock_) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    Seed(*tx);
    EXPECT_TRUE(tx->Commit().ok());
  }

  void Seed(store::Transaction& tx) {
    for (auto [code, name] : std::vector<std::array<std::string, 2>>{
             {"pho-minh", "Phường Phổ Minh"}, {"nghia-lo", "Phường Nghĩa Lộ"}}) {
      EXPECT_TRUE(
          tx.Units().Create({code, name, domain::UnitKind::kWard, "", Day("2025-01-01")}).ok());
    }
    domain::User user;
    user.name = "hoa";
    user.password_hash = "x";
    user.role = domain::Role::kProgrammeAdmin;
    user.created_at = Day("2025-01-01");
    user_ = tx.Users().Create(user).value();
    SeedReports(tx);
    SeedWarnings(tx);
    SeedProgramme(tx);
    SeedPlan(tx);
  }

  int64_t Report(store::Transaction& tx, const std::string& ward, const std::string& date,
                 std::vector<domain::ReportIndicator> indicators,
                 std::optional<std::string> contact, std::vector<domain::ReportStatus> path) {
    domain::Report r;
    r.receipt_code = "BY-" + std::string(4, static_cast<char>('A' + next_)) + "-" +
                     std::string(4, static_cast<char>('A' + next_));
    ++next_;
    r.category = domain::Category::kPhishing;
    r.description = "Tin nhắn giả ngân hàng";
    r.ward = ward;
    r.indicators = std::move(indicators);
    if (contact) r.contact_ciphertext = box_.Encrypt(*contact);
    r.created_at = r.updated_at = Day(date);
    const int64_t id = tx.Reports().Create(r).value().id;
    for (domain::ReportStatus to : path) {
      store::StatusChange change;
      change.to = to;
      EXPECT_TRUE(tx.Reports().Transition(id, change, Day(date) + std::chrono::hours(2)).ok());
    }
    return id;
  }

  void SeedReports(store::Transaction& tx) {
    using S = domain::ReportStatus;
    using K = indicator::Kind;
    const std::vector<S> confirm = {S::kTriaging, S::kConfirmed};
    Report(tx, "pho-minh", "2026-02-03",
           {{K::kUrl, "https://a.example/", ""}, {K::kPhone, "+84905000001", ""}},
           R"({"name":"Trần Văn Bình","phone":"0905 111 222"})", confirm);
    Report(tx, "pho-minh", "2026-02-20", {{K::kUrl, "https://a.example/", ""}},
           R"({"name":"Trần Văn Bình","phone":"0905111222"})", confirm);
    Report(tx, "pho-minh", "2026-05-05", {}, std::nullopt, {});
    Report(tx, "nghia-lo", "2026-03-15", {{K::kBankAccount, "970436:0123456789", ""}}, std::nullopt,
           confirm);
    Report(tx, "nghia-lo", "2026-06-30", {}, std::nullopt, {S::kTriaging, S::kRejected});
    Report(tx, "nghia-lo", "2025-12-20", {{K::kPhone, "+84905000009", ""}}, std::nullopt, confirm);
  }

  void Warning(store::Transaction& tx, const std::string& slug, domain::WarningKind kind,
               std::optional<std::string> published) {
    domain::Warning w;
    w.kind = kind;
    w.slug = slug;
    w.title = "Cảnh báo " + slug;
    w.body = "Nội dung.";
    w.created_at = w.updated_at = Day("2026-01-02");
    if (published) w.published_at = Day(*published);
    EXPECT_TRUE(tx.Warnings().Create(w).ok());
  }

  void SeedWarnings(store::Transaction& tx) {
    Warning(tx, "mot", domain::WarningKind::kWarning, "2026-01-10");
    Warning(tx, "hai", domain::WarningKind::kWarning, "2026-06-30");
    Warning(tx, "dinh-chinh", domain::WarningKind::kClarification, "2026-04-01");
    Warning(tx, "thang-bay", domain::WarningKind::kWarning, "2026-07-01");
    Warning(tx, "nhap", domain::WarningKind::kWarning, std::nullopt);
  }

  int64_t Person(store::Transaction& tx, const std::string& unit, const std::string& name) {
    domain::Person p;
    p.unit_code = unit;
    p.name = name;
    p.created_at = Day("2025-06-01");
    return tx.People().Create(p).value();
  }

  void SeedProgramme(store::Transaction& tx) {
    const int64_t an = Person(tx, "pho-minh", "Nguyễn Văn An");
    Person(tx, "pho-minh", "Lê Thị Chi");
    const int64_t dung = Person(tx, "nghia-lo", "Phạm Dũng");
    domain::Campaign c;
    c.title = "Quán triệt Chỉ thị về phòng chống lừa đảo";
    c.body = "Nội dung.";
    c.created_by = user_;
    c.created_at = Day("2026-02-28");
    c.target_units = {"nghia-lo", "pho-minh"};
    const int64_t campaign = tx.Campaigns().Create(c).value();
    EXPECT_EQ(tx.Campaigns().Send(campaign, Day("2026-03-01")).value(), 3);
    EXPECT_TRUE(
        tx.Campaigns().Acknowledge(campaign, an, Day("2026-03-02"), domain::AckVia::kLink).ok());
    EXPECT_TRUE(
        tx.Campaigns().Acknowledge(campaign, dung, Day("2026-03-03"), domain::AckVia::kLink).ok());
    domain::Training t;
    t.title = "Nhận diện lừa đảo qua mạng";
    t.starts_at = Day("2026-04-10");
    t.ends_at = t.starts_at + std::chrono::hours(2);
    t.place = "Hội trường phường";
    t.trainer = "Công an thị xã";
    t.invited_units = {"pho-minh"};
    t.created_by = user_;
    t.created_at = Day("2026-04-01");
    const int64_t training = tx.Trainings().Create(t).value();
    EXPECT_TRUE(tx.Trainings()
                    .CheckIn({0, training, an, "pho-minh", "Nguyễn Văn An", t.starts_at,
                              domain::CheckinVia::kLink})
                    .ok());
    EXPECT_TRUE(tx.Trainings()
                    .CheckIn({0, training, std::nullopt, "pho-minh", "Khách", t.starts_at,
                              domain::CheckinVia::kWalkIn})
                    .ok());
    domain::CommunityChannel ch;
    ch.unit_code = "pho-minh";
    ch.name = "Zalo An ninh Phổ Minh";
    ch.url = "https://zalo.me/g/abc";
    ch.created_at = ch.updated_at = Day("2025-06-01");
    const int64_t channel = tx.Channels().Create(ch).value();
    for (auto [month, members, relayed, received] :
         std::vector<std::tuple<std::string, int64_t, int64_t, int64_t>>{
             {"2025-12", 100, 100, 0}, {"2026-05", 120, 7, 2}, {"2026-06", 130, 5, 0}}) {
      EXPECT_TRUE(
          tx.Channels()
              .UpsertFigures({channel, month, members, relayed, received, Day("2026-07-01")})
              .ok());
    }
  }

  void Task(store::Transaction& tx, const std::string& unit, const std::string& due,
            std::optional<std::string> done_on) {
    domain::Task t;
    t.title = "Rà soát tài khoản fanpage";
    t.unit_code = unit;
    t.responsible = "Trưởng Công an phường";
    t.expected_result = "Báo cáo kết quả";
    t.due_on = due;
    t.created_by = user_;
    t.created_at = t.updated_at = Day("2026-01-05");
    const int64_t id = tx.Tasks().Create(t).value();
    if (done_on) {
      EXPECT_TRUE(
          tx.Tasks()
              .AddUpdate({0, id, user_, "Xong", domain::TaskStatus::kDone, 100, Day(*done_on)})
              .ok());
    }
  }

  void Assessment(store::Transaction& tx, const std::string& unit,
                  domain::AssessmentAnswer answer) {
    domain::SelfAssessment a;
    a.unit_code = unit;
    const domain::Checklist& checklist = domain::CurrentChecklist();
    a.checklist_version = std::string(checklist.version);
    for (const domain::ChecklistItem& item : checklist.items) {
      a.answers.emplace_back(std::string(item.key), answer);
    }
    a.score = domain::Score(checklist, a.answers);
    a.submitted_by = user_;
    a.submitted_at = Day("2026-06-01");
    EXPECT_TRUE(tx.SelfAssessments().Create(a).ok());
  }

  void SeedPlan(store::Transaction& tx) {
    Task(tx, "pho-minh", "2026-05-31", "2026-05-20");
    Task(tx, "nghia-lo", "2026-06-15", std::nullopt);
    Task(tx, "pho-minh", "2026-08-01", std::nullopt);
    Assessment(tx, "pho-minh", domain::AssessmentAnswer::kYes);
    Assessment(tx, "nghia-lo", domain::AssessmentAnswer::kNo);
    domain::BudgetLine line;
    line.year = 2026;
    line.unit_code = "pho-minh";
    line.activity = "Tập huấn nhận diện lừa đảo";
    line.allocated = 10'000'000;
    line.created_by = user_;
    line.created_at = line.updated_at = Day("2026-01-03");
    const int64_t id = tx.Budget().CreateLine(line).value();
    EXPECT_TRUE(
        tx.Budget()
            .AddSpending({0, id, "2026-03-02", 2'500'000, "Tài liệu", "", user_, Day("2026-03-02")})
            .ok());
    EXPECT_TRUE(tx.Budget()
                    .AddSpending({0, id, "2026-07-02", 1'000'000, "Hội trường", "", user_,
                                  Day("2026-07-02")})
                    .ok());
  }

  service::ReviewExport Export() {
    base::Result<service::ReviewExport> out = reviews_.ExportPeriod("2026-01-01", "2026-06-30");
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.value_or(service::ReviewExport{});
  }

  service::testing::TempSqliteStore store_{"review_document_test"};
  base::FakeClock clock_{Day("2026-07-05")};
  crypto::SecretBox box_;
  service::Reviews reviews_;
  int64_t user_ = 0;
  int next_ = 0;
};

TEST_F(ReviewDocumentTest, FiguresMatchTheData) {
  const service::ReviewFigures f = Export().figures;
  EXPECT_EQ(f.reports.total_reports, 5);
  EXPECT_EQ(f.reports.confirmed, 3);
  EXPECT_EQ(f.indicators_confirmed, 3);
  EXPECT_EQ(f.published.warnings, 2);
  EXPECT_EQ(f.published.clarifications, 1);
  ASSERT_EQ(f.campaigns.size(), 1u);
  EXPECT_EQ(f.campaigns[0].recipients, 3);
  EXPECT_EQ(f.campaigns[0].acknowledged, 2);
  ASSERT_EQ(f.campaign_units.size(), 2u);  // by name: Nghĩa Lộ, Phổ Minh
  EXPECT_EQ(f.campaign_units[1].unit_code, "pho-minh");
  EXPECT_EQ(f.campaign_units[1].recipients, 2);
  EXPECT_EQ(f.campaign_units[1].acknowledged, 1);
  ASSERT_EQ(f.trainings.size(), 1u);
  EXPECT_EQ(f.trainings[0].invited, 2);
  EXPECT_EQ(f.trainings[0].attended, 2);
  ASSERT_EQ(f.channel_units.size(), 1u);
  EXPECT_EQ(f.channel_units[0].members, 130);
  EXPECT_EQ(f.channel_units[0].warnings_relayed, 12);
  EXPECT_EQ(f.channel_units[0].reports_received, 2);
  ASSERT_EQ(f.tasks.size(), 2u);
  EXPECT_EQ(f.tasks[1].unit_code, "pho-minh");
  EXPECT_EQ(f.tasks[1].done, 1);
  EXPECT_EQ(f.tasks[1].total, 1);
  EXPECT_EQ(f.tasks[0].overdue, 1);
  ASSERT_EQ(f.overdue_tasks.size(), 1u);
  ASSERT_EQ(f.assessments.size(), 2u);
  EXPECT_EQ(f.assessments[1].score, 1000);
  EXPECT_EQ(f.assessments[0].score, 0);
  ASSERT_EQ(f.budget.size(), 1u);
  EXPECT_EQ(f.budget[0].allocated, 10'000'000);
  EXPECT_EQ(f.budget[0].spent_in_period, 2'500'000);
  EXPECT_EQ(f.budget[0].spent_total, 3'500'000);
  ASSERT_EQ(f.reporters.size(), 1u);
  EXPECT_EQ(f.reporters[0].name, "Trần Văn Bình");
  EXPECT_EQ(f.reporters[0].confirmed, 2);
}

TEST_F(ReviewDocumentTest, CandidatesRankUnitsAndChannelsAndLeaveReportersOut) {
  const service::ReviewFigures f = Export().figures;
  std::vector<domain::RewardProposal> c = reviews_.Candidates(f);
  ASSERT_EQ(c.size(), 4u);                  // 2 units, 1 reporter, 1 channel
  EXPECT_EQ(c[0].subject_ref, "pho-minh");  // (50% read + 100% assessed) / 2
  EXPECT_EQ(c[1].subject_ref, "nghia-lo");  // (100% read + 0% assessed) / 2
  EXPECT_EQ(c[2].subject, domain::RewardSubject::kPerson);
  EXPECT_FALSE(c[2].included);
  EXPECT_EQ(c[3].subject, domain::RewardSubject::kChannel);
  EXPECT_THAT(c[3].basis, HasSubstr("12 cảnh báo"));
  // The export of a period with no stored review carries only the included ones.
  EXPECT_EQ(Export().proposals.size(), 3u);
}

// The row whose column `column` holds `text` in `cells` ("A7" -> value); 0 when none.
int RowWith(const std::map<std::string, std::string>& cells, const std::string& column,
            const std::string& text) {
  for (const auto& [ref, value] : cells) {
    if (ref.rfind(column, 0) == 0 && std::isdigit(static_cast<unsigned char>(ref[column.size()])) &&
        value == text) {
      return std::stoi(ref.substr(column.size()));
    }
  }
  return 0;
}

TEST_F(ReviewDocumentTest, WorkbookReadsBackWithTheFigures) {
  testing::TempDir dir;
  base::Result<std::string> xlsx = RenderReview(Export(), ReviewFormat::kXlsx, dir.path());
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  const auto parts = testing::Unzip(*xlsx, dir.path());
  // Sheet 2 is section I (reports), sheet 9 section VIII (budget).
  const auto reports = testing::Cells(parts, "xl/worksheets/sheet2.xml");
  const int ward = RowWith(reports, "A", "Phường Phổ Minh");
  ASSERT_GT(ward, 0);
  EXPECT_EQ(reports.at("B" + std::to_string(ward)), "3");
  // Category labels start their row with a capital letter.
  const int category = RowWith(reports, "A", "Lừa đảo đánh cắp thông tin (phishing)");
  ASSERT_GT(category, 0);
  EXPECT_EQ(reports.at("B" + std::to_string(category)), "5");
  const auto budget = testing::Cells(parts, "xl/worksheets/sheet9.xml");
  const int total = RowWith(budget, "A", "Tổng cộng");
  ASSERT_GT(total, 0);
  EXPECT_EQ(budget.at("C" + std::to_string(total)), "10000000");
  EXPECT_EQ(budget.at("D" + std::to_string(total)), "2500000");
  EXPECT_EQ(budget.at("E" + std::to_string(total)), "3500000");
  EXPECT_EQ(budget.at("F" + std::to_string(total)), "6500000");
  EXPECT_TRUE(parts.contains("xl/charts/chart1.xml"));
  const auto summary = testing::Cells(parts, "xl/worksheets/sheet1.xml");
  bool title = false;
  for (const auto& [ref, value] : summary) {
    title = title || value.find("Sơ kết 6 tháng đầu năm 2026") != std::string::npos;
  }
  EXPECT_TRUE(title);
}

TEST_F(ReviewDocumentTest, PdfShowsVietnameseAndTheFigures) {
  if (!testing::OnPath("pdftotext")) GTEST_SKIP() << "poppler-utils missing";
  base::Result<std::string> pdf =
      RenderReview(Export(), ReviewFormat::kPdf, std::filesystem::temp_directory_path());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  testing::TempDir dir;
  const std::string file = (dir.path() / "review.pdf").string();
  std::ofstream(file, std::ios::binary) << *pdf;
  const std::string text = testing::RunCommand("pdftotext '" + file + "' -");
  EXPECT_THAT(text, HasSubstr("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  EXPECT_THAT(text, HasSubstr("Độc lập - Tự do - Hạnh phúc"));
  EXPECT_THAT(text, HasSubstr("Sơ kết 6 tháng đầu năm 2026"));
  EXPECT_THAT(text, HasSubstr("(Từ ngày 01/01/2026 đến ngày 30/06/2026)"));
  EXPECT_THAT(text, HasSubstr("Trong kỳ tiếp nhận 5 báo cáo"));
  EXPECT_THAT(text, HasSubstr("10.000.000"));
  EXPECT_THAT(text, HasSubstr("Phường Nghĩa Lộ"));
  // A reporter is never named without their consent.
  EXPECT_THAT(text, Not(HasSubstr("Trần Văn Bình")));
}

}  // namespace
}  // namespace binhyen::render

#include "service/statistics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "domain/receipt.h"
#include "service/check_explanation.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using domain::Category;
using domain::ReportStatus;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace std::chrono_literals;

// A UTC time: day `ymd` at `hours` o'clock.
base::TimePoint Utc(std::chrono::year_month_day ymd, int hours) {
  return base::TimePoint(std::chrono::sys_days(ymd).time_since_epoch() + std::chrono::hours(hours));
}

class StatisticsTest : public ::testing::Test {
 protected:
  int64_t CreateReport(Category category, const std::string& ward, base::TimePoint at) {
    domain::Report r;
    r.receipt_code = domain::MakeReceiptCode({0, 0, 0, 0, static_cast<uint8_t>(++receipts_)});
    r.category = category;
    r.description = "Mô tả có tên người báo cáo";
    r.ward = ward;
    r.contact_ciphertext = "opaque";
    r.created_at = at;
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    auto key = tx->Reports().Create(r);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return key.ok() ? key->id : 0;
  }
  // Moves report `id` through triaging to `verdict`, decided `hours` after `created`.
  void Decide(int64_t id, ReportStatus verdict, base::TimePoint created, int hours) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    store::StatusChange triage;
    triage.to = ReportStatus::kTriaging;
    ASSERT_TRUE(tx->Reports().Transition(id, triage, created + 1h).ok());
    store::StatusChange decide;
    decide.to = verdict;
    ASSERT_TRUE(tx->Reports().Transition(id, decide, created + std::chrono::hours(hours)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  void AddUnit(const std::string& code, const std::string& name) {
    domain::Unit unit;
    unit.code = code;
    unit.name = name;
    unit.kind = domain::UnitKind::kWard;
    unit.created_at = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Units().Create(unit).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  void AddIndicator(const std::string& canonical, domain::IndicatorStatus status) {
    domain::IndicatorRecord r;
    r.kind = indicator::Kind::kDomain;
    r.canonical = canonical;
    r.status = status;
    r.first_seen = clock_.Now();
    r.last_seen = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Indicators().Upsert(r).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }

  testing::TempSqliteStore store_{"statistics_test"};
  base::FakeClock clock_;
  Statistics statistics_{*store_, clock_};
  int receipts_ = 0;
};

// January and February 2024 in Vietnam time: [2023-12-31 17:00 UTC, 2024-02-29 17:00 UTC).
const base::TimePoint kFrom = Utc(2023y / 12 / 31, 17);
const base::TimePoint kTo = Utc(2024y / 2 / 29, 17);

TEST_F(StatisticsTest, CountsThePeriodByStatusCategoryWardAndVietnamMonth) {
  AddUnit("pho-minh", "Phường Phổ Minh");
  const base::TimePoint t1 = Utc(2024y / 1 / 10, 10);
  const base::TimePoint t2 = Utc(2024y / 1 / 31, 20);  // 1 February, 03:00 in Vietnam
  const base::TimePoint t3 = Utc(2024y / 2 / 5, 8);
  const base::TimePoint t4 = Utc(2024y / 1 / 15, 9);
  Decide(CreateReport(Category::kLoan, "pho-minh", t1), ReportStatus::kConfirmed, t1, 10);
  Decide(CreateReport(Category::kPhishing, "", t2), ReportStatus::kRejected, t2, 30);
  CreateReport(Category::kLoan, "duc-pho", t3);
  Decide(CreateReport(Category::kLoan, "pho-minh", t4), ReportStatus::kConfirmed, t4, 20);
  CreateReport(Category::kLoan, "pho-minh", Utc(2023y / 12 / 31, 16));  // 23:00 31 Dec in VN
  CreateReport(Category::kLoan, "pho-minh", Utc(2024y / 2 / 29, 17));   // 00:00 1 Mar in VN
  AddIndicator("a.vn", domain::IndicatorStatus::kConfirmed);
  AddIndicator("b.vn", domain::IndicatorStatus::kPending);

  base::Result<PublicStatistics> stats = statistics_.Compute(kFrom, kTo);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->from, kFrom);
  EXPECT_EQ(stats->to, kTo);
  EXPECT_EQ(stats->computed_at, clock_.Now());
  EXPECT_EQ(stats->total_reports, 4);
  EXPECT_THAT(
      stats->by_status,
      ElementsAre(std::pair(ReportStatus::kReceived, 1), std::pair(ReportStatus::kTriaging, 0),
                  std::pair(ReportStatus::kConfirmed, 2), std::pair(ReportStatus::kRejected, 1),
                  std::pair(ReportStatus::kDuplicate, 0)));
  EXPECT_THAT(
      stats->by_category,
      ElementsAre(CategoryCount{Category::kLoan, std::string(CategoryLabelVi("loan")),
                                std::string(CategoryLabelEn("loan")), 3},
                  CategoryCount{Category::kPhishing, std::string(CategoryLabelVi("phishing")),
                                std::string(CategoryLabelEn("phishing")), 1}));
  EXPECT_THAT(stats->by_ward,
              ElementsAre(WardCount{"pho-minh", "Phường Phổ Minh", 2}, WardCount{"", "Không rõ", 1},
                          WardCount{"duc-pho", "duc-pho", 1}));
  EXPECT_THAT(stats->by_month,
              ElementsAre(MonthCount{"2024-01", 2, 2}, MonthCount{"2024-02", 2, 0}));
  EXPECT_EQ(stats->confirmed, 2);
  EXPECT_EQ(stats->median_hours_to_decision, 20.0);
  EXPECT_EQ(stats->confirmed_indicators, 1);
}

TEST_F(StatisticsTest, MedianOfAnEvenNumberIsTheMeanOfTheMiddleTwo) {
  const base::TimePoint t = Utc(2024y / 1 / 10, 0);
  Decide(CreateReport(Category::kSpam, "", t), ReportStatus::kRejected, t, 2);
  Decide(CreateReport(Category::kSpam, "", t), ReportStatus::kConfirmed, t, 5);
  base::Result<PublicStatistics> stats = statistics_.Compute(kFrom, kTo);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->median_hours_to_decision, 3.5);
}

TEST_F(StatisticsTest, EmptyPeriodListsEveryMonthWithZeros) {
  base::Result<PublicStatistics> stats =
      statistics_.Compute(Utc(2024y / 3 / 14, 0), Utc(2024y / 6 / 2, 0));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->total_reports, 0);
  EXPECT_EQ(stats->confirmed, 0);
  EXPECT_EQ(stats->median_hours_to_decision, std::nullopt);
  EXPECT_THAT(stats->by_category, IsEmpty());
  EXPECT_THAT(stats->by_ward, IsEmpty());
  EXPECT_THAT(stats->by_month,
              ElementsAre(MonthCount{"2024-03", 0, 0}, MonthCount{"2024-04", 0, 0},
                          MonthCount{"2024-05", 0, 0}, MonthCount{"2024-06", 0, 0}));
  EXPECT_EQ(stats->by_status.size(), 5u);
}

TEST_F(StatisticsTest, RefusesAnEmptyOrTooLongPeriod) {
  EXPECT_EQ(statistics_.Compute(kTo, kTo).status(),
            base::InvalidArgumentError("to: must be after from"));
  EXPECT_EQ(statistics_.Compute(kTo, kFrom).status(),
            base::InvalidArgumentError("to: must be after from"));
  EXPECT_EQ(statistics_.Compute(Utc(2000y / 1 / 1, 0), Utc(2024y / 1 / 1, 0)).status(),
            base::InvalidArgumentError("from: the period must be at most 10 years"));
}

}  // namespace
}  // namespace binhyen::service

// Conformance of the portal and console additions of schema version 5 (migration 0005):
// Report::decided_at and ReportRepository::Statistics, warning categories and source reports,
// WarningRepository::ListPublished with a filter, ListAll and FindByIndicator,
// IndicatorRepository::List and CountByStatus. Every test runs against SQLite and, when
// BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::Category;
using domain::IndicatorStatus;
using domain::ReportStatus;
using domain::WarningKind;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class PortalConformance : public StoreTest {
 protected:
  int64_t CreateReport(const domain::Report& r) {
    auto tx = Begin();
    auto key = tx->Reports().Create(r);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return key.ok() ? key->id : 0;
  }
  domain::Report Move(int64_t id, ReportStatus to, int64_t at) {
    auto tx = Begin();
    auto moved = tx->Reports().Transition(id, To(to), T(at));
    EXPECT_TRUE(moved.ok()) << moved.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return moved.value_or(domain::Report{});
  }
  int64_t CreateWarning(const domain::Warning& w) {
    auto tx = Begin();
    auto id = tx->Warnings().Create(w);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }
  void UpsertIndicator(Kind kind, const std::string& canonical, IndicatorStatus status) {
    domain::IndicatorRecord r;
    r.kind = kind;
    r.canonical = canonical;
    r.category = Category::kPhishing;
    r.status = status;
    r.first_seen = T(0);
    r.last_seen = T(0);
    r.sources = {{"analyst:1", 90}};
    auto tx = Begin();
    ASSERT_TRUE(tx->Indicators().Upsert(r).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
};

base::TimePoint At(int64_t seconds) {
  return base::TimePoint(std::chrono::seconds(1'700'000'000 + seconds));
}

// A warning with slug `slug`, published at T(published) (a draft when negative), updated at
// T(updated).
domain::Warning MakeWarning(const std::string& slug, int64_t published, int64_t updated,
                            WarningKind kind = WarningKind::kWarning) {
  domain::Warning w;
  w.kind = kind;
  w.slug = slug;
  w.title = "Cảnh báo " + slug;
  w.body = "Nội dung " + slug;
  if (published >= 0) w.published_at = At(published);
  w.created_at = At(0);
  w.updated_at = At(updated);
  return w;
}

std::vector<std::string> Slugs(const std::vector<domain::Warning>& warnings) {
  std::vector<std::string> out;
  for (const auto& w : warnings) out.push_back(w.slug);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report::decided_at

TEST_P(PortalConformance, DecidedAtIsSetByVerdictsAndClearedByReopening) {
  domain::Report r = MakeReport(1);
  r.decided_at = T(99);  // ignored by Create
  const int64_t id = CreateReport(r);
  {
    auto tx = Begin(TxMode::kReadOnly);
    EXPECT_EQ(tx->Reports().Get(id)->decided_at, std::nullopt);
  }
  EXPECT_EQ(Move(id, ReportStatus::kTriaging, 10).decided_at, std::nullopt);
  EXPECT_EQ(Move(id, ReportStatus::kConfirmed, 20).decided_at, T(20));
  EXPECT_EQ(Move(id, ReportStatus::kTriaging, 30).decided_at, std::nullopt);
  EXPECT_EQ(Move(id, ReportStatus::kRejected, 40).decided_at, T(40));
  auto tx = Begin(TxMode::kReadOnly);
  const domain::Report stored = tx->Reports().Get(id).value();
  EXPECT_EQ(stored.decided_at, T(40));
  EXPECT_EQ(stored.updated_at, T(40));
}

TEST_P(PortalConformance, DecidedAtIsSetWhenMarkedDuplicateButNotOnTheOriginal) {
  const int64_t original = CreateReport(MakeReport(1));
  const int64_t copy = CreateReport(MakeReport(2));
  StatusChange change = To(ReportStatus::kDuplicate);
  change.duplicate_of = original;
  auto tx = Begin();
  auto moved = tx->Reports().Transition(copy, change, T(50));
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->decided_at, T(50));
  EXPECT_EQ(tx->Reports().Get(original)->decided_at, std::nullopt);
  ASSERT_TRUE(tx->Commit().ok());
}

TEST_P(PortalConformance, FailedTransitionLeavesDecidedAtAlone) {
  const int64_t id = CreateReport(MakeReport(1));
  Move(id, ReportStatus::kTriaging, 10);
  Move(id, ReportStatus::kConfirmed, 20);
  auto tx = Begin();
  EXPECT_EQ(tx->Reports().Transition(id, To(ReportStatus::kRejected), T(30)).status(),
            base::FailedPreconditionError("status: cannot move from confirmed to rejected"));
  EXPECT_EQ(tx->Reports().Get(id)->decided_at, T(20));
}

TEST_P(PortalConformance, ConfirmingMayChangeTheCategoryAndNothingElseMay) {
  domain::Report r = MakeReport(1);
  r.category = domain::Category::kOther;
  const int64_t id = CreateReport(r);
  Move(id, ReportStatus::kTriaging, 10);
  {
    StatusChange reject = To(ReportStatus::kRejected);
    reject.category = domain::Category::kSpam;
    auto tx = Begin();
    EXPECT_EQ(tx->Reports().Transition(id, reject, T(15)).status(),
              base::InvalidArgumentError("category: only changed when confirming"));
  }
  StatusChange confirm = To(ReportStatus::kConfirmed);
  confirm.category = domain::Category::kFakePolice;
  {
    auto tx = Begin();
    auto moved = tx->Reports().Transition(id, confirm, T(20));
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
    EXPECT_EQ(moved->category, domain::Category::kFakePolice);
    ASSERT_TRUE(tx->Commit().ok());
  }
  // Reopening and confirming without a category keeps the analyst's one.
  Move(id, ReportStatus::kTriaging, 30);
  EXPECT_EQ(Move(id, ReportStatus::kConfirmed, 40).category, domain::Category::kFakePolice);
}

// ---------------------------------------------------------------------------------------------
// ReportRepository::Statistics

TEST_P(PortalConformance, StatisticsReturnsReportsCreatedInTheHalfOpenPeriod) {
  // MakeReport(n) is created at T(n).
  for (uint64_t n = 1; n <= 5; ++n) {
    domain::Report r = MakeReport(n);
    r.category = n % 2 == 0 ? Category::kLoan : Category::kPhishing;
    r.ward = n == 3 ? "" : "P0" + std::to_string(n);
    r.description = "mô tả riêng tư " + std::to_string(n);
    r.contact_ciphertext = "secret";
    CreateReport(r);
  }
  Move(2, ReportStatus::kTriaging, 100);
  Move(2, ReportStatus::kConfirmed, 200);
  Move(3, ReportStatus::kRejected, 300);

  auto tx = Begin(TxMode::kReadOnly);
  auto rows = tx->Reports().Statistics(T(2), T(5));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_THAT(
      *rows,
      ElementsAre(
          ReportStatRow{Category::kLoan, "P02", ReportStatus::kConfirmed, T(2), T(200)},
          ReportStatRow{Category::kPhishing, "", ReportStatus::kRejected, T(3), T(300)},
          ReportStatRow{Category::kLoan, "P04", ReportStatus::kReceived, T(4), std::nullopt}));
  EXPECT_THAT(tx->Reports().Statistics(T(5), T(5)).value(), IsEmpty());
  EXPECT_THAT(tx->Reports().Statistics(T(6), T(1)).value(), IsEmpty());
  EXPECT_EQ(tx->Reports().Statistics(T(0), T(100))->size(), 5u);
}

// ---------------------------------------------------------------------------------------------
// Warnings: category, report_id, filters, console list, matching warnings

TEST_P(PortalConformance, WarningCategoryAndReportRoundTrip) {
  const int64_t report = CreateReport(MakeReport(1));
  domain::Warning w = MakeWarning("lua-dao-vay", 5, 5);
  w.category = Category::kLoan;
  w.report_id = report;
  w.indicators = {{Kind::kPhone, "+84912345678"}};
  w.id = CreateWarning(w);
  auto tx = Begin();
  EXPECT_EQ(tx->Warnings().Get(w.id).value(), w);
  EXPECT_EQ(tx->Warnings().GetBySlug("lua-dao-vay").value(), w);

  w.category = std::nullopt;
  w.report_id = std::nullopt;
  ASSERT_TRUE(tx->Warnings().Update(w).ok());
  EXPECT_EQ(tx->Warnings().Get(w.id).value(), w);
  w.category = Category::kExtortion;
  ASSERT_TRUE(tx->Warnings().Update(w).ok());
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Warnings().Get(w.id).value(), w);
}

TEST_P(PortalConformance, WarningNamingAMissingReportIsNotFoundAndChangesNothing) {
  domain::Warning w = MakeWarning("a", 5, 5);
  w.report_id = 42;
  auto tx = Begin();
  EXPECT_EQ(tx->Warnings().Create(w).status(), base::NotFoundError("report 42: not found"));
  w.report_id = std::nullopt;
  auto id = tx->Warnings().Create(w);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  w.id = *id;
  domain::Warning changed = w;
  changed.report_id = 43;
  changed.title = "changed";
  EXPECT_EQ(tx->Warnings().Update(changed), base::NotFoundError("report 43: not found"));
  EXPECT_EQ(tx->Warnings().Get(w.id).value(), w);
  ASSERT_TRUE(tx->Commit().ok());
}

// Regression (SQLite): since warnings has a foreign key, a failing write to it opens a
// statement journal, which made FTS5 flush the transaction's pending rows and the failure look
// like a partial write that poisoned the transaction.
TEST_P(PortalConformance, RefusedWarningWritesAfterOtherWritesLeaveTheTransactionUsable) {
  auto tx = Begin();
  domain::Warning a = MakeWarning("a", 1, 1);
  a.indicators = {{Kind::kDomain, "a.vn"}};
  auto id_a = tx->Warnings().Create(a);
  ASSERT_TRUE(id_a.ok()) << id_a.status().ToString();
  EXPECT_EQ(tx->Warnings().Create(MakeWarning("a", 2, 2)).status(),
            base::AlreadyExistsError("slug: already exists"));
  domain::Warning missing = MakeWarning("b", 2, 2);
  missing.id = 999;
  EXPECT_EQ(tx->Warnings().Update(missing), base::NotFoundError("warning 999: not found"));
  auto id_b = tx->Warnings().Create(MakeWarning("b", 2, 2));
  ASSERT_TRUE(id_b.ok()) << id_b.status().ToString();
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(read->Warnings().Search("cảnh báo a", 10).value(), ElementsAre(*id_a));
  EXPECT_THAT(read->Warnings().Search("noi dung b", 10).value(), ElementsAre(*id_b));
}

TEST_P(PortalConformance, ListPublishedFiltersByKindAndCategory) {
  domain::Warning loan = MakeWarning("loan", 1, 1);
  loan.category = Category::kLoan;
  domain::Warning phishing = MakeWarning("phishing", 2, 2);
  phishing.category = Category::kPhishing;
  domain::Warning loan_clarification =
      MakeWarning("loan-rumour", 3, 3, WarningKind::kClarification);
  loan_clarification.category = Category::kLoan;
  domain::Warning none = MakeWarning("none", 4, 4);
  domain::Warning draft = MakeWarning("draft", -1, 5);
  draft.category = Category::kLoan;
  domain::Warning later = MakeWarning("later", 50, 5);
  later.category = Category::kLoan;
  for (const auto* w : {&loan, &phishing, &loan_clarification, &none, &draft, &later}) {
    CreateWarning(*w);
  }
  auto tx = Begin(TxMode::kReadOnly);
  WarningRepository& warnings = tx->Warnings();
  auto list = [&](WarningFilter filter) {
    auto page = warnings.ListPublished(filter, T(10), {10, ""});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return Slugs(page.ok() ? page->items : std::vector<domain::Warning>{});
  };
  EXPECT_THAT(list({}), ElementsAre("none", "loan-rumour", "phishing", "loan"));
  EXPECT_THAT(list({std::nullopt, Category::kLoan}), ElementsAre("loan-rumour", "loan"));
  EXPECT_THAT(list({WarningKind::kWarning, Category::kLoan}), ElementsAre("loan"));
  EXPECT_THAT(list({WarningKind::kClarification, std::nullopt}), ElementsAre("loan-rumour"));
  EXPECT_THAT(list({std::nullopt, Category::kSpam}), IsEmpty());
  // The kind-only form keeps working.
  EXPECT_THAT(Slugs(warnings.ListPublished(WarningKind::kWarning, T(10), {10, ""})->items),
              ElementsAre("none", "phishing", "loan"));

  // Pages of a filtered list.
  auto first =
      warnings.ListPublished(WarningFilter{std::nullopt, Category::kLoan}, T(100), {1, ""});
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(Slugs(first->items), ElementsAre("later"));
  auto second = warnings.ListPublished(WarningFilter{std::nullopt, Category::kLoan}, T(100),
                                       {1, first->next});
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(Slugs(second->items), ElementsAre("loan-rumour"));
  auto third = warnings.ListPublished(WarningFilter{std::nullopt, Category::kLoan}, T(100),
                                      {1, second->next});
  ASSERT_TRUE(third.ok());
  EXPECT_THAT(Slugs(third->items), ElementsAre("loan"));
  EXPECT_EQ(third->next, "");
}

TEST_P(PortalConformance, ListAllShowsDraftsNewestUpdatedFirstInPages) {
  CreateWarning(MakeWarning("old", 1, 1));
  CreateWarning(MakeWarning("draft", -1, 7));
  CreateWarning(MakeWarning("scheduled", 500, 3));
  CreateWarning(MakeWarning("tie-a", 2, 5));
  CreateWarning(MakeWarning("tie-b", 2, 5));
  auto tx = Begin(TxMode::kReadOnly);
  std::vector<std::string> slugs;
  PageRequest page{2, ""};
  for (int i = 0; i < 10; ++i) {
    auto got = tx->Warnings().ListAll(page);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_LE(got->items.size(), 2u);
    for (const auto& w : got->items) slugs.push_back(w.slug);
    if (got->next.empty()) break;
    page.after = got->next;
  }
  EXPECT_THAT(slugs, ElementsAre("draft", "tie-b", "tie-a", "scheduled", "old"));
  EXPECT_EQ(tx->Warnings().ListAll({0, ""}).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  EXPECT_EQ(tx->Warnings().ListAll({10, "x"}).status(),
            base::InvalidArgumentError("after: invalid cursor"));
}

TEST_P(PortalConformance, FindByIndicatorReturnsPublishedWarningsNewestFirstAtMostFive) {
  const domain::WarningIndicator phone{Kind::kPhone, "+84912345678"};
  std::vector<int64_t> published;
  for (int i = 0; i < 7; ++i) {
    domain::Warning w = MakeWarning("w" + std::to_string(i), 10 - i, 1);
    w.indicators = {{Kind::kDomain, "x" + std::to_string(i) + ".vn"}, phone};
    published.push_back(CreateWarning(w));
  }
  domain::Warning draft = MakeWarning("draft", -1, 1);
  draft.indicators = {phone};
  CreateWarning(draft);
  domain::Warning newest = MakeWarning("newest", 20, 1);
  newest.indicators = {phone};
  const int64_t newest_id = CreateWarning(newest);

  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_THAT(tx->Warnings().FindByIndicator(Kind::kPhone, "+84912345678").value(),
              ElementsAre(newest_id, published[0], published[1], published[2], published[3]));
  EXPECT_THAT(tx->Warnings().FindByIndicator(Kind::kDomain, "x3.vn").value(),
              ElementsAre(published[3]));
  EXPECT_THAT(tx->Warnings().FindByIndicator(Kind::kUrl, "+84912345678").value(), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// IndicatorRepository::List and CountByStatus

TEST_P(PortalConformance, IndicatorListFiltersAndPagesNewestChangeFirst) {
  UpsertIndicator(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed);          // v1
  UpsertIndicator(Kind::kPhone, "+84912345678", IndicatorStatus::kConfirmed);              // v2
  UpsertIndicator(Kind::kUrl, "http://vcb-xacminh.top/Login", IndicatorStatus::kPending);  // v3
  UpsertIndicator(Kind::kDomain, "shopee-qua.vn", IndicatorStatus::kDelisted);             // v4
  UpsertIndicator(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed);          // v5

  auto tx = Begin(TxMode::kReadOnly);
  auto list = [&](const IndicatorFilter& filter) {
    std::vector<std::string> out;
    auto page = tx->Indicators().List(filter, {100, ""});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok()) return out;
    EXPECT_EQ(page->next, "");
    for (const auto& r : page->items) out.push_back(r.canonical);
    return out;
  };
  EXPECT_THAT(list({}), ElementsAre("vcb-xacminh.top", "shopee-qua.vn",
                                    "http://vcb-xacminh.top/Login", "+84912345678"));
  EXPECT_THAT(list({Kind::kDomain, std::nullopt, ""}),
              ElementsAre("vcb-xacminh.top", "shopee-qua.vn"));
  EXPECT_THAT(list({std::nullopt, IndicatorStatus::kConfirmed, ""}),
              ElementsAre("vcb-xacminh.top", "+84912345678"));
  EXPECT_THAT(list({std::nullopt, std::nullopt, "XACMINH"}),
              ElementsAre("vcb-xacminh.top", "http://vcb-xacminh.top/Login"));
  EXPECT_THAT(list({std::nullopt, std::nullopt, "login"}),
              ElementsAre("http://vcb-xacminh.top/Login"));
  // Taken literally: no wildcards.
  EXPECT_THAT(list({std::nullopt, std::nullopt, "%"}), IsEmpty());
  EXPECT_THAT(list({std::nullopt, std::nullopt, "_"}), IsEmpty());
  EXPECT_THAT(list({Kind::kUrl, IndicatorStatus::kConfirmed, "vcb"}), IsEmpty());

  // Full records with sources, in pages.
  auto first = tx->Indicators().List({}, {3, ""});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 3u);
  EXPECT_EQ(first->items[0], tx->Indicators().Get(Kind::kDomain, "vcb-xacminh.top").value());
  auto second = tx->Indicators().List({}, {3, first->next});
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].canonical, "+84912345678");
  EXPECT_EQ(second->next, "");
  EXPECT_EQ(tx->Indicators().List({}, {1001, ""}).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  EXPECT_EQ(tx->Indicators().List({}, {10, "-1"}).status(),
            base::InvalidArgumentError("after: invalid cursor"));
}

TEST_P(PortalConformance, IndicatorCountByStatus) {
  auto empty = Begin(TxMode::kReadOnly);
  EXPECT_EQ(empty->Indicators().CountByStatus(IndicatorStatus::kConfirmed).value(), 0);
  empty.reset();
  UpsertIndicator(Kind::kDomain, "a.vn", IndicatorStatus::kConfirmed);
  UpsertIndicator(Kind::kDomain, "b.vn", IndicatorStatus::kConfirmed);
  UpsertIndicator(Kind::kDomain, "c.vn", IndicatorStatus::kExpired);
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Indicators().CountByStatus(IndicatorStatus::kConfirmed).value(), 2);
  EXPECT_EQ(tx->Indicators().CountByStatus(IndicatorStatus::kExpired).value(), 1);
  EXPECT_EQ(tx->Indicators().CountByStatus(IndicatorStatus::kDelisted).value(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PortalConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

// ---------------------------------------------------------------------------------------------
// Migration 0005 on a populated version-4 database

class PortalMigration : public StoreTest {
 protected:
  bool MigrateInSetUp() const override { return false; }
};

TEST_P(PortalMigration, ClosedReportsGetTheirUpdatedAtAsDecidedAt) {
  const bool lite = GetParam() == "sqlite";
  const auto migrations = lite ? SqliteMigrations() : PostgresMigrations();
  ASSERT_GE(migrations.size(), 5u);
  std::string sql =
      lite ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "applied_at INTEGER NOT NULL) STRICT;\n"
           : "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
             "applied_at bigint NOT NULL);\n";
  for (size_t i = 0; i < 4; ++i) {
    sql += std::string(migrations[i].sql) + "\nINSERT INTO schema_migrations VALUES (" +
           std::to_string(migrations[i].version) + ", '" + std::string(migrations[i].name) +
           "', 0);\n";
  }
  // Version-4 rows: one report in each status, updated at 1700000000 + 10 * n seconds.
  const char* statuses[] = {"received", "triaging", "confirmed", "rejected", "duplicate"};
  for (int n = 1; n <= 5; ++n) {
    sql +=
        "INSERT INTO reports (id, receipt_code, channel, category, description, status, "
        "created_at, updated_at) VALUES (" +
        std::to_string(n) + ", '" + Receipt(n) + "', 'web', 'loan', 'x', '" + statuses[n - 1] +
        "', 1700000000000000, " + std::to_string(1'700'000'000 + 10 * n) + "000000);\n";
  }
  ASSERT_TRUE(store_->ExecForTesting(sql).ok());
  ASSERT_EQ(store_->SchemaVersion().value_or(-1), 4);
  ASSERT_TRUE(store_->Migrate().ok());
  EXPECT_EQ(store_->SchemaVersion().value_or(-1), store_->LatestSchemaVersion());

  auto tx = Begin(TxMode::kReadOnly);
  std::vector<std::optional<base::TimePoint>> decided;
  for (int64_t n = 1; n <= 5; ++n) decided.push_back(tx->Reports().Get(n)->decided_at);
  EXPECT_THAT(decided, ElementsAre(std::nullopt, std::nullopt, T(30), T(40), T(50)));
  EXPECT_EQ(tx->Reports().Statistics(T(0), T(1))->size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PortalMigration, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing

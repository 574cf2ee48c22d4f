// One suite, every backend: each test runs against SQLite and, when BINHYEN_TEST_POSTGRES_URL is
// set, PostgreSQL (see store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "domain/audit.h"
#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::ReportStatus;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

const std::string kSha1(64, 'a');
const std::string kSha2(64, 'b');

class Conformance : public StoreTest {
 protected:
  int64_t CreateReport(const domain::Report& r) {
    auto tx = Begin();
    auto key = tx->Reports().Create(r);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return key.ok() ? key->id : 0;
  }
  int64_t CreateUser(const std::string& name) {
    auto tx = Begin();
    auto id = tx->Users().Create(MakeUser(name));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }
  int64_t ReportCount() {
    auto tx = Begin(TxMode::kReadOnly);
    return tx->Reports().Count().value_or(-1);
  }
};

// ---------------------------------------------------------------------------------------------
// Schema

TEST_P(Conformance, MigrateIsIdempotentAndRecordsTheVersion) {
  EXPECT_EQ(store_->SchemaVersion().value_or(-1), store_->LatestSchemaVersion());
  EXPECT_GE(store_->LatestSchemaVersion(), 1);
  EXPECT_TRUE(store_->Migrate().ok());
  Reopen();
  EXPECT_EQ(store_->SchemaVersion().value_or(-1), store_->LatestSchemaVersion());
  EXPECT_EQ(store_->Backend(), GetParam());
}

TEST_P(Conformance, NewerDatabaseIsRefusedByOlderBinary) {
  ASSERT_TRUE(store_
                  ->ExecForTesting("INSERT INTO schema_migrations (version, name, applied_at) "
                                   "VALUES (9999, '9999_future', 0)")
                  .ok());
  store_.reset();
  auto opened = registry_.Open(url_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_THAT(opened.status().message(), HasSubstr("newer than this binary"));
}

TEST_P(Conformance, UnknownSchemeNamesTheKnownOnes) {
  auto opened = registry_.Open("mysql://x");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(opened.status().message(), HasSubstr("unknown scheme 'mysql'"));
}

// ---------------------------------------------------------------------------------------------
// Reports

TEST_P(Conformance, CreateReportWithIndicatorsAndEvidenceThenGet) {
  domain::Report r = MakeReport(1, "Có người gọi tự xưng công an",
                                {{Kind::kPhone, "+84912345678", "0912 345 678"},
                                 {Kind::kUrl, "http://vcb-xacminh.top/", "vcb-xacminh[.]top"}});
  r.evidence = {{kSha1, "image/png", 1234, "chat.png"}, {kSha2, "image/jpeg", 99, ""}};
  r.contact_ciphertext = std::string("\x00\x01\xff secret", 10);
  r.occurred_at = T(-3600);
  auto tx = Begin();
  auto key = tx->Reports().Create(r);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->receipt_code, r.receipt_code);
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Reports().Get(key->id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  domain::Report want = r;
  want.id = key->id;
  want.status = ReportStatus::kReceived;
  want.updated_at = r.created_at;
  EXPECT_EQ(*got, want);
  auto by_receipt = read->Reports().GetByReceipt(r.receipt_code);
  ASSERT_TRUE(by_receipt.ok());
  EXPECT_EQ(*by_receipt, want);
}

TEST_P(Conformance, AnonymousReportKeepsNoContact) {
  const int64_t id = CreateReport(MakeReport(1));
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Reports().Get(id)->contact_ciphertext, std::nullopt);
}

TEST_P(Conformance, MissingReportsAreNotFound) {
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Reports().Get(42).status(), base::NotFoundError("report 42: not found"));
  EXPECT_EQ(tx->Reports().GetByReceipt("BY-0000-0000").status(),
            base::NotFoundError("report receipt 'BY-0000-0000': not found"));
}

TEST_P(Conformance, DuplicateReceiptIsAlreadyExistsNamingTheField) {
  CreateReport(MakeReport(7));
  auto tx = Begin();
  domain::Report again = MakeReport(7, "khác");
  EXPECT_EQ(tx->Reports().Create(again).status(),
            base::AlreadyExistsError("receipt_code: already exists"));
}

TEST_P(Conformance, InvalidReportsNameTheField) {
  auto tx = Begin();
  domain::Report r = MakeReport(1, "");
  EXPECT_EQ(tx->Reports().Create(r).status(),
            base::InvalidArgumentError("description: must not be empty"));
  r = MakeReport(1);
  r.loss_vnd = -1;
  EXPECT_EQ(tx->Reports().Create(r).status(), base::InvalidArgumentError("loss_vnd: must be >= 0"));
  r = MakeReport(1, "x", {{Kind::kPhone, "", "raw"}});
  EXPECT_EQ(tx->Reports().Create(r).status(),
            base::InvalidArgumentError("indicators[0].canonical: must not be empty"));
  r = MakeReport(1);
  r.evidence = {{"XYZ", "image/png", 1, ""}};
  EXPECT_EQ(tx->Reports().Create(r).status(),
            base::InvalidArgumentError("evidence[0].sha256: must be 64 lower-case hex digits"));
}

TEST_P(Conformance, DatabaseCheckConstraintNamesTheField) {
  const int64_t id = CreateReport(MakeReport(1));
  base::Status s =
      store_->ExecForTesting("UPDATE reports SET loss_vnd = -5 WHERE id = " + std::to_string(id));
  EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_THAT(s.message(), StartsWith("loss_vnd"));
  s = store_->ExecForTesting("UPDATE reports SET status = 'lost' WHERE id = " + std::to_string(id));
  EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_THAT(s.message(), StartsWith("status"));
}

// ---------------------------------------------------------------------------------------------
// Transactions

TEST_P(Conformance, DestroyingWithoutCommitRollsBack) {
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Reports().Create(MakeReport(1)).ok());
    ASSERT_TRUE(tx->Users().Create(MakeUser("an")).ok());
    ASSERT_TRUE(tx->Audit().Append({0, T(0), "cli", "user.add", "user:1", "", "", ""}).ok());
  }
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Reports().Count().value_or(-1), 0);
  EXPECT_EQ(tx->Users().GetByName("an").status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(tx->Audit().Last().value(), std::nullopt);
}

TEST_P(Conformance, FailedCallLeavesNothingAndTransactionStaysUsable) {
  auto tx = Begin();
  ASSERT_TRUE(tx->Reports().Create(MakeReport(1)).ok());
  // Fails on the first INSERT: nothing of it may remain.
  EXPECT_EQ(tx->Reports().Create(MakeReport(1, "again")).status().code(),
            base::StatusCode::kAlreadyExists);
  // A lookup miss does not abort the transaction either.
  EXPECT_EQ(tx->Users().GetByName("nobody").status().code(), base::StatusCode::kNotFound);
  ASSERT_TRUE(tx->Reports().Create(MakeReport(2)).ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(ReportCount(), 2);
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(read->Reports().Search("again", 10).value(), IsEmpty());
}

TEST_P(Conformance, FailedMultiStatementWriteIsUndoneAsAWhole) {
  auto tx = Begin();
  domain::Warning a{0, domain::WarningKind::kWarning, "a", "A", "body a", T(0), {}, T(0), T(0)};
  domain::Warning b{0, domain::WarningKind::kWarning, "b", "B", "body b", T(0), {}, T(0), T(0)};
  auto id_a = tx->Warnings().Create(a);
  auto id_b = tx->Warnings().Create(b);
  ASSERT_TRUE(id_a.ok() && id_b.ok());
  // Renaming b to a's slug fails: b's title, body and indicators must stay as they were.
  domain::Warning changed = b;
  changed.id = *id_b;
  changed.slug = "a";
  changed.title = "changed";
  changed.indicators = {{Kind::kDomain, "x.vn"}};
  EXPECT_EQ(tx->Warnings().Update(changed), base::AlreadyExistsError("slug: already exists"));
  auto got = tx->Warnings().Get(*id_b);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->title, "B");
  EXPECT_THAT(got->indicators, IsEmpty());
  ASSERT_TRUE(tx->Commit().ok());
}

TEST_P(Conformance, ReadOnlyTransactionRefusesWrites) {
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Reports().Create(MakeReport(1)).status(),
            base::FailedPreconditionError("transaction: read-only"));
  EXPECT_EQ(tx->Users().Create(MakeUser("x")).status(),
            base::FailedPreconditionError("transaction: read-only"));
  EXPECT_EQ(tx->Reports().Count().value_or(-1), 0);
}

TEST_P(Conformance, CommitTwiceIsAnError) {
  auto tx = Begin();
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(tx->Commit().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(tx->Reports().Count().status().code(), base::StatusCode::kFailedPrecondition);
}

TEST_P(Conformance, ReaderSeesOnlyCommittedData) {
  auto writer = Begin();
  ASSERT_TRUE(writer->Reports().Create(MakeReport(1)).ok());
  {
    auto reader = Begin(TxMode::kReadOnly);
    EXPECT_EQ(reader->Reports().Count().value_or(-1), 0);
  }
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(ReportCount(), 1);
}

// ---------------------------------------------------------------------------------------------
// State machine through the store

TEST_P(Conformance, TransitionsFollowTheStateMachine) {
  const int64_t id = CreateReport(MakeReport(1));
  auto tx = Begin();
  EXPECT_EQ(tx->Reports().Transition(id, To(ReportStatus::kConfirmed), T(10)).status(),
            base::FailedPreconditionError("status: cannot move from received to confirmed"));
  auto triaging = tx->Reports().Transition(id, To(ReportStatus::kTriaging), T(10));
  ASSERT_TRUE(triaging.ok()) << triaging.status().ToString();
  EXPECT_EQ(triaging->status, ReportStatus::kTriaging);
  EXPECT_EQ(triaging->updated_at, T(10));
  ASSERT_TRUE(tx->Reports().Transition(id, To(ReportStatus::kConfirmed), T(20)).ok());
  EXPECT_EQ(tx->Reports().Transition(id, To(ReportStatus::kRejected), T(30)).status(),
            base::FailedPreconditionError("status: cannot move from confirmed to rejected"));
  EXPECT_EQ(tx->Reports().Transition(id, To(ReportStatus::kConfirmed), T(30)).status().code(),
            base::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(tx->Reports().Transition(id, To(ReportStatus::kTriaging), T(40)).ok());  // reopen
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Reports().Get(id);
  EXPECT_EQ(got->status, ReportStatus::kTriaging);
  EXPECT_EQ(got->updated_at, T(40));
  EXPECT_EQ(read->Reports().Transition(99, To(ReportStatus::kTriaging), T(1)).status().code(),
            base::StatusCode::kFailedPrecondition);  // read-only
}

TEST_P(Conformance, AssignLinkAndAddToReports) {
  const int64_t a = CreateReport(MakeReport(1));
  const int64_t b = CreateReport(MakeReport(2));
  const int64_t analyst = CreateUser("analyst1");
  auto tx = Begin();
  ASSERT_TRUE(tx->Reports().Assign(a, analyst, T(5)).ok());
  EXPECT_EQ(tx->Reports().Assign(a, 999, T(5)), base::NotFoundError("user 999: not found"));
  ASSERT_TRUE(tx->Reports().Link(b, a).ok());
  ASSERT_TRUE(tx->Reports().Link(a, b).ok());  // no-op
  EXPECT_EQ(tx->Reports().Link(a, a),
            base::InvalidArgumentError("linked_report_ids: a report cannot link to itself"));
  EXPECT_EQ(tx->Reports().Link(a, 999), base::NotFoundError("report 999: not found"));
  ASSERT_TRUE(
      tx->Reports().AddIndicator(a, {Kind::kPhone, "+84900000001", "0900000001"}, T(7)).ok());
  ASSERT_TRUE(tx->Reports().AddIndicator(a, {Kind::kPhone, "+84900000001", "again"}, T(7)).ok());
  ASSERT_TRUE(tx->Reports().AddEvidence(a, {kSha1, "image/png", 10, "a.png"}, T(8)).ok());
  ASSERT_TRUE(tx->Reports().AddEvidence(a, {kSha1, "image/png", 10, "a.png"}, T(8)).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Reports().Get(a);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->assignee_user_id, analyst);
  EXPECT_THAT(got->linked_report_ids, ElementsAre(b));
  EXPECT_THAT(read->Reports().Get(b)->linked_report_ids, ElementsAre(a));
  // A link is not an update: b keeps the time it was created.
  EXPECT_EQ(read->Reports().Get(b)->updated_at, read->Reports().Get(b)->created_at);
  ASSERT_EQ(got->indicators.size(), 1u);
  EXPECT_EQ(got->indicators[0].raw, "0900000001");
  ASSERT_EQ(got->evidence.size(), 1u);
  EXPECT_EQ(got->updated_at, T(8));
}

// ---------------------------------------------------------------------------------------------
// Lists, pagination, indicators, search

TEST_P(Conformance, ListFiltersAndKeysetPagination) {
  for (int i = 1; i <= 25; ++i) {
    domain::Report r = MakeReport(i);
    r.category = i % 2 ? domain::Category::kPhishing : domain::Category::kLoan;
    r.ward = i % 5 == 0 ? "P05" : "P01";
    CreateReport(r);
  }
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Reports().Transition(3, To(ReportStatus::kTriaging), T(100)).ok());
    ASSERT_TRUE(tx->Reports().Transition(4, To(ReportStatus::kRejected), T(100)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin(TxMode::kReadOnly);
  std::vector<int64_t> seen;
  PageRequest page{10, ""};
  int pages = 0;
  while (true) {
    auto got = tx->Reports().List({}, page);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ++pages;
    for (const auto& r : got->items) seen.push_back(r.id);
    if (got->next.empty()) break;
    page.after = got->next;
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 25u);
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], 25 - static_cast<int64_t>(i));

  ReportFilter f;
  f.ward = "P05";
  auto p05 = tx->Reports().List(f, {50, ""});
  ASSERT_TRUE(p05.ok());
  std::vector<int64_t> ids;
  for (const auto& r : p05->items) ids.push_back(r.id);
  EXPECT_THAT(ids, ElementsAre(25, 20, 15, 10, 5));
  EXPECT_EQ(p05->next, "");

  ReportFilter status;
  status.status = ReportStatus::kTriaging;
  auto triaging = tx->Reports().List(status, {50, ""});
  ASSERT_EQ(triaging->items.size(), 1u);
  EXPECT_EQ(triaging->items[0].id, 3);

  ReportFilter combo;
  combo.category = domain::Category::kLoan;
  combo.created_from = base::TimePoint(std::chrono::seconds(1'700'000'010));
  combo.created_to = base::TimePoint(std::chrono::seconds(1'700'000'016));
  ids.clear();
  auto combined = tx->Reports().List(combo, {50, ""});
  ASSERT_TRUE(combined.ok());
  for (const auto& r : combined->items) ids.push_back(r.id);
  EXPECT_THAT(ids, ElementsAre(14, 12, 10));

  EXPECT_EQ(tx->Reports().List({}, {0, ""}).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  EXPECT_EQ(tx->Reports().List({}, {10, "abc"}).status(),
            base::InvalidArgumentError("after: invalid cursor"));
}

TEST_P(Conformance, ReportsSharingAnIndicator) {
  const domain::ReportIndicator phone{Kind::kPhone, "+84912345678", ""};
  const domain::ReportIndicator bank{Kind::kBankAccount, "970436:0071000986547", ""};
  const domain::ReportIndicator other{Kind::kDomain, "example.vn", ""};
  const int64_t a = CreateReport(MakeReport(1, "a", {phone, bank}));
  const int64_t b = CreateReport(MakeReport(2, "b", {phone}));
  const int64_t c = CreateReport(MakeReport(3, "c", {bank, other}));
  const int64_t d = CreateReport(MakeReport(4, "d", {other}));
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_THAT(tx->Reports().FindByIndicator(Kind::kPhone, "+84912345678", 10).value(),
              ElementsAre(b, a));
  EXPECT_THAT(tx->Reports().FindByIndicator(Kind::kUrl, "+84912345678", 10).value(), IsEmpty());
  EXPECT_THAT(tx->Reports().FindSharingIndicators(a, 10).value(), ElementsAre(c, b));
  EXPECT_THAT(tx->Reports().FindSharingIndicators(d, 10).value(), ElementsAre(c));
  EXPECT_THAT(tx->Reports().FindSharingIndicators(a, 1).value(), ElementsAre(c));
  EXPECT_EQ(tx->Reports().FindSharingIndicators(77, 10).status().code(),
            base::StatusCode::kNotFound);
}

TEST_P(Conformance, FullTextSearchWithAndWithoutDiacritics) {
  const int64_t a = CreateReport(MakeReport(1, "Tôi bị LỪA ĐẢO qua Zalo, mất 5 triệu đồng"));
  const int64_t b = CreateReport(MakeReport(2, "lua dao chuyen khoan ngan hang"));
  CreateReport(MakeReport(3, "Tin nhắn trúng thưởng xe máy"));
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_THAT(tx->Reports().Search("lua dao", 10).value(), ElementsAre(b, a));
  EXPECT_THAT(tx->Reports().Search("lừa đảo", 10).value(), ElementsAre(b, a));
  EXPECT_THAT(tx->Reports().Search("Đồng", 10).value(), ElementsAre(a));
  EXPECT_THAT(tx->Reports().Search("zalo lua", 10).value(), ElementsAre(a));
  EXPECT_THAT(tx->Reports().Search("trung thuong", 10).value(), ElementsAre(3));
  EXPECT_THAT(tx->Reports().Search("lua xe", 10).value(), IsEmpty());
  EXPECT_THAT(tx->Reports().Search("lu", 10).value(), IsEmpty());  // whole words only
  EXPECT_THAT(tx->Reports().Search("\"lua\" OR NEAR(", 10).value(), IsEmpty());
  EXPECT_THAT(tx->Reports().Search("  ?! ", 10).value(), IsEmpty());
  EXPECT_THAT(tx->Reports().Search("lua dao", 1).value(), ElementsAre(b));
}

// ---------------------------------------------------------------------------------------------
// Indicator records

TEST_P(Conformance, IndicatorUpsertMergesAndVersions) {
  domain::IndicatorRecord rec;
  rec.kind = Kind::kDomain;
  rec.canonical = "vcb-xacminh.top";
  rec.category = domain::Category::kBankImpersonation;
  rec.severity = domain::Severity::kHigh;
  rec.status = domain::IndicatorStatus::kPending;
  rec.first_seen = T(100);
  rec.last_seen = T(200);
  rec.sources = {{"report:1", 40}, {"analyst:7", 90}};
  auto tx = Begin();
  EXPECT_EQ(tx->Indicators().CurrentVersion().value_or(-1), 0);
  auto first = tx->Indicators().Upsert(rec);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->version, 1);
  EXPECT_THAT(first->sources, ElementsAre(domain::IndicatorSource{"analyst:7", 90},
                                          domain::IndicatorSource{"report:1", 40}));

  domain::IndicatorRecord update = rec;
  update.status = domain::IndicatorStatus::kConfirmed;
  update.severity = domain::Severity::kCritical;
  update.first_seen = T(50);
  update.last_seen = T(150);
  update.expires_at = T(10000);
  update.sources = {{"report:1", 60}, {"feed:x", 10}};
  auto second = tx->Indicators().Upsert(update);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(second->status, domain::IndicatorStatus::kConfirmed);
  EXPECT_EQ(second->severity, domain::Severity::kCritical);
  EXPECT_EQ(second->first_seen, T(50));
  EXPECT_EQ(second->last_seen, T(200));
  EXPECT_EQ(second->expires_at, T(10000));
  EXPECT_THAT(second->sources, ElementsAre(domain::IndicatorSource{"analyst:7", 90},
                                           domain::IndicatorSource{"feed:x", 10},
                                           domain::IndicatorSource{"report:1", 60}));

  domain::IndicatorRecord phone = rec;
  phone.kind = Kind::kPhone;
  phone.canonical = "+84912345678";
  phone.sources = {};
  ASSERT_TRUE(tx->Indicators().Upsert(phone).ok());
  auto delisted = tx->Indicators().SetStatus(Kind::kDomain, "vcb-xacminh.top",
                                             domain::IndicatorStatus::kDelisted);
  ASSERT_TRUE(delisted.ok());
  EXPECT_EQ(delisted->version, 4);
  EXPECT_EQ(tx->Indicators()
                .SetStatus(Kind::kDomain, "nope.vn", domain::IndicatorStatus::kExpired)
                .status(),
            base::NotFoundError("indicator domain nope.vn: not found"));
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Indicators().CurrentVersion().value_or(-1), 4);
  auto changes = read->Indicators().ChangesSince(2, 100);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].canonical, "+84912345678");
  EXPECT_EQ((*changes)[0].version, 3);
  EXPECT_EQ((*changes)[1].status, domain::IndicatorStatus::kDelisted);
  EXPECT_EQ(read->Indicators().ChangesSince(0, 100)->size(), 2u);
  EXPECT_THAT(read->Indicators().ChangesSince(4, 100).value(), IsEmpty());
  EXPECT_EQ(*read->Indicators().Get(Kind::kDomain, "vcb-xacminh.top"), *delisted);

  domain::IndicatorRecord bad = rec;
  bad.sources = {{"x", 101}};
  auto w = Begin();
  EXPECT_EQ(w->Indicators().Upsert(bad).status(),
            base::InvalidArgumentError("sources[0].trust_level: must be in 0..100"));
}

// ---------------------------------------------------------------------------------------------
// Warnings, disputes

TEST_P(Conformance, WarningsCreateUpdateListAndSearch) {
  auto tx = Begin();
  domain::Warning w1{0,
                     domain::WarningKind::kWarning,
                     "gia-danh-cong-an",
                     "Cảnh báo giả danh công an",
                     "Đối tượng gọi điện yêu cầu chuyển tiền",
                     T(10),
                     {{Kind::kPhone, "+84912345678"}},
                     T(5),
                     T(5)};
  domain::Warning w2{0,
                     domain::WarningKind::kClarification,
                     "tin-don-sai",
                     "Đính chính tin đồn",
                     "Thông tin về việc phong tỏa là sai sự thật",
                     T(20),
                     {},
                     T(6),
                     T(6)};
  domain::Warning draft{
      0,   domain::WarningKind::kWarning, "nhap", "Bản nháp", "chưa đăng", std::nullopt, {}, T(7),
      T(7)};
  domain::Warning future{
      0, domain::WarningKind::kWarning, "sap-dang", "Sắp đăng", "hẹn giờ", T(1000), {}, T(8), T(8)};
  auto id1 = tx->Warnings().Create(w1);
  auto id2 = tx->Warnings().Create(w2);
  ASSERT_TRUE(id1.ok() && id2.ok());
  ASSERT_TRUE(tx->Warnings().Create(draft).ok());
  ASSERT_TRUE(tx->Warnings().Create(future).ok());
  EXPECT_EQ(tx->Warnings().Create(w1).status(), base::AlreadyExistsError("slug: already exists"));
  domain::Warning bad = w1;
  bad.slug = "Bad Slug";
  EXPECT_EQ(tx->Warnings().Create(bad).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(tx->Warnings().Create(bad).status().message(), StartsWith("slug: "));
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Warnings().GetBySlug("gia-danh-cong-an");
  ASSERT_TRUE(got.ok());
  w1.id = *id1;
  EXPECT_EQ(*got, w1);
  auto page1 = read->Warnings().ListPublished(std::nullopt, T(100), {1, ""});
  ASSERT_TRUE(page1.ok()) << page1.status().ToString();
  ASSERT_EQ(page1->items.size(), 1u);
  EXPECT_EQ(page1->items[0].id, *id2);
  auto page2 = read->Warnings().ListPublished(std::nullopt, T(100), {1, page1->next});
  ASSERT_EQ(page2->items.size(), 1u);
  EXPECT_EQ(page2->items[0].id, *id1);
  EXPECT_EQ(page2->next, "");
  auto clarifications =
      read->Warnings().ListPublished(domain::WarningKind::kClarification, T(100), {10, ""});
  ASSERT_EQ(clarifications->items.size(), 1u);
  EXPECT_EQ(clarifications->items[0].slug, "tin-don-sai");
  EXPECT_EQ(read->Warnings().ListPublished(std::nullopt, T(2000), {10, ""})->items.size(), 3u);
  EXPECT_THAT(read->Warnings().Search("gia danh cong an", 10).value(), ElementsAre(*id1));
  EXPECT_THAT(read->Warnings().Search("phong toa", 10).value(), ElementsAre(*id2));
  EXPECT_THAT(read->Warnings().Search("chua dang", 10).value(), ElementsAre(3));
  read.reset();

  auto edit = Begin();
  domain::Warning changed = w1;
  changed.title = "Cảnh báo mới";
  changed.body = "Nội dung thay thế";
  changed.indicators = {{Kind::kDomain, "abc.vn"}, {Kind::kPhone, "+84900000000"}};
  changed.updated_at = T(50);
  ASSERT_TRUE(edit->Warnings().Update(changed).ok());
  domain::Warning missing = changed;
  missing.id = 999;
  missing.slug = "other";
  EXPECT_EQ(edit->Warnings().Update(missing), base::NotFoundError("warning 999: not found"));
  ASSERT_TRUE(edit->Commit().ok());
  auto after = Begin(TxMode::kReadOnly);
  EXPECT_EQ(*after->Warnings().Get(*id1), changed);
  EXPECT_THAT(after->Warnings().Search("cong an", 10).value(), IsEmpty());
  EXPECT_THAT(after->Warnings().Search("noi dung thay the", 10).value(), ElementsAre(*id1));
}

TEST_P(Conformance, DisputesOpenResolveAndList) {
  const int64_t analyst = CreateUser("analyst1");
  auto tx = Begin();
  domain::Dispute d;
  d.kind = Kind::kDomain;
  d.canonical = "shop-that.vn";
  d.claimant_contact_ciphertext = "sealed";
  d.reason = "Đây là cửa hàng thật";
  d.created_at = T(1);
  auto id = tx->Disputes().Create(d);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  domain::Dispute d2 = d;
  d2.claimant_contact_ciphertext.reset();
  auto id2 = tx->Disputes().Create(d2);
  ASSERT_TRUE(id2.ok());
  EXPECT_EQ(
      tx->Disputes().Resolve(*id, domain::DisputeStatus::kAccepted, "", analyst, T(2)).status(),
      base::InvalidArgumentError("resolution: must not be empty"));
  auto resolved =
      tx->Disputes().Resolve(*id, domain::DisputeStatus::kAccepted, "Đã xác minh", analyst, T(3));
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->status, domain::DisputeStatus::kAccepted);
  EXPECT_EQ(resolved->resolved_by_user_id, analyst);
  EXPECT_EQ(resolved->resolved_at, T(3));
  EXPECT_EQ(resolved->claimant_contact_ciphertext, "sealed");
  EXPECT_EQ(
      tx->Disputes().Resolve(*id, domain::DisputeStatus::kRejected, "x", analyst, T(4)).status(),
      base::FailedPreconditionError("dispute status: cannot move from accepted to rejected"));
  auto open = tx->Disputes().List(domain::DisputeStatus::kOpen, {10, ""});
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->items.size(), 1u);
  EXPECT_EQ(open->items[0].id, *id2);
  EXPECT_EQ(open->items[0].claimant_contact_ciphertext, std::nullopt);
  auto all = tx->Disputes().List(std::nullopt, {1, ""});
  ASSERT_EQ(all->items.size(), 1u);
  EXPECT_EQ(all->items[0].id, *id2);
  auto rest = tx->Disputes().List(std::nullopt, {1, all->next});
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].id, *id);
  EXPECT_EQ(rest->next, "");
  EXPECT_EQ(tx->Disputes().Get(55).status(), base::NotFoundError("dispute 55: not found"));
  ASSERT_TRUE(tx->Commit().ok());
}

// ---------------------------------------------------------------------------------------------
// Users, sessions, tokens

TEST_P(Conformance, UsersUniqueByNameAndUpdatable) {
  auto tx = Begin();
  domain::User u = MakeUser("nguyen.van.a", domain::Role::kAdmin);
  u.totp_secret_ciphertext = std::string("\x01\x02\x00\x03", 4);
  auto id = tx->Users().Create(u);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(tx->Users().Create(MakeUser("nguyen.van.a")).status(),
            base::AlreadyExistsError("name: already exists"));
  EXPECT_EQ(tx->Users().Create(MakeUser("Bad Name")).status().code(),
            base::StatusCode::kInvalidArgument);
  ASSERT_TRUE(tx->Users().Create(MakeUser("an")).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Users().GetByName("nguyen.van.a");
  ASSERT_TRUE(got.ok());
  u.id = *id;
  EXPECT_EQ(*got, u);
  EXPECT_EQ(read->Users().GetByName("zz").status(),
            base::NotFoundError("user name 'zz': not found"));
  auto all = read->Users().List();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "an");
  read.reset();

  auto edit = Begin();
  u.role = domain::Role::kFinance;
  u.disabled = true;
  u.totp_secret_ciphertext.reset();
  ASSERT_TRUE(edit->Users().Update(u).ok());
  domain::User ghost = u;
  ghost.id = 404;
  EXPECT_EQ(edit->Users().Update(ghost), base::NotFoundError("user 404: not found"));
  ASSERT_TRUE(edit->Commit().ok());
  EXPECT_EQ(*Begin(TxMode::kReadOnly)->Users().Get(*id), u);
}

TEST_P(Conformance, SessionsLifecycle) {
  const int64_t uid = CreateUser("an");
  auto tx = Begin();
  domain::Session s{std::string(64, '1'), uid, std::string(64, '2'), T(0), T(3600), T(0)};
  domain::Session old{std::string(64, '3'), uid, std::string(64, '4'), T(-7200), T(-10), T(-7200)};
  ASSERT_TRUE(tx->Sessions().Create(s).ok());
  ASSERT_TRUE(tx->Sessions().Create(old).ok());
  EXPECT_EQ(tx->Sessions().Create(s), base::AlreadyExistsError("id_hash: already exists"));
  domain::Session orphan = s;
  orphan.id_hash = std::string(64, '5');
  orphan.user_id = 999;
  EXPECT_EQ(tx->Sessions().Create(orphan), base::NotFoundError("user 999: not found"));
  ASSERT_TRUE(tx->Sessions().Touch(s.id_hash, T(60)).ok());
  EXPECT_EQ(tx->Sessions().Touch(std::string(64, '9'), T(60)),
            base::NotFoundError("session: not found"));
  EXPECT_EQ(tx->Sessions().DeleteExpired(T(0)).value_or(-1), 1);
  EXPECT_EQ(tx->Sessions().Get(old.id_hash).status(), base::NotFoundError("session: not found"));
  auto got = tx->Sessions().Get(s.id_hash);
  ASSERT_TRUE(got.ok());
  s.last_seen_at = T(60);
  EXPECT_EQ(*got, s);
  ASSERT_TRUE(tx->Sessions().Delete(s.id_hash).ok());
  ASSERT_TRUE(tx->Sessions().Delete(s.id_hash).ok());
  ASSERT_TRUE(tx->Sessions().Create(s).ok());
  EXPECT_EQ(tx->Sessions().DeleteForUser(uid).value_or(-1), 1);
  ASSERT_TRUE(tx->Commit().ok());
}

TEST_P(Conformance, TokensByHash) {
  const int64_t uid = CreateUser("bot");
  auto tx = Begin();
  domain::ApiToken t{
      0, uid, std::string(64, 'c'), {"reports:write", "check:read"}, T(0), std::nullopt, false};
  auto id = tx->Tokens().Create(t);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(tx->Tokens().Create(t).status(),
            base::AlreadyExistsError("token_hash: already exists"));
  ASSERT_TRUE(tx->Tokens().TouchLastUsed(*id, T(9)).ok());
  ASSERT_TRUE(tx->Tokens().Revoke(*id).ok());
  EXPECT_EQ(tx->Tokens().Revoke(999), base::NotFoundError("token 999: not found"));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Tokens().GetByHash(std::string(64, 'c'));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->id, *id);
  EXPECT_THAT(got->scopes, ElementsAre("check:read", "reports:write"));
  EXPECT_EQ(got->last_used_at, T(9));
  EXPECT_TRUE(got->revoked);
  EXPECT_EQ(read->Tokens().GetByHash(std::string(64, 'd')).status(),
            base::NotFoundError("token: not found"));
  EXPECT_EQ(read->Tokens().ListForUser(uid)->size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Audit log

base::Status VerifyChain(Transaction& tx) {
  auto entries = tx.Audit().List(0, 10000);
  BINHYEN_RETURN_IF_ERROR(entries.status());
  const domain::AuditEntry* prev = nullptr;
  for (const domain::AuditEntry& e : *entries) {
    BINHYEN_RETURN_IF_ERROR(domain::VerifyAuditLink(prev, e));
    prev = &e;
  }
  return base::Status::Ok();
}

TEST_P(Conformance, AuditChainAppendsAndDetectsTampering) {
  for (int i = 0; i < 3; ++i) {
    auto tx = Begin();
    auto e = tx->Audit().Append(
        {0, T(i), "user:1", "report.transition", "report:" + std::to_string(i), "ok", "", ""});
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_EQ(e->seq, i + 1);
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto tx = Begin(TxMode::kReadOnly);
    auto all = tx->Audit().List(0, 100);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[0].prev_hash, domain::kAuditGenesisHash);
    EXPECT_EQ((*all)[1].prev_hash, (*all)[0].hash);
    EXPECT_EQ((*all)[2].at, T(2));
    EXPECT_EQ(tx->Audit().Last().value()->seq, 3);
    EXPECT_EQ(tx->Audit().List(2, 100)->size(), 1u);
    EXPECT_TRUE(VerifyChain(*tx).ok());
  }
  ASSERT_TRUE(store_->ExecForTesting("UPDATE audit_log SET summary = 'forged' WHERE seq = 2").ok());
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(VerifyChain(*tx),
            base::InternalError("audit entry 2: hash does not match its contents"));
  auto bad = Begin();
  EXPECT_EQ(bad->Audit().Append({0, T(0), "", "x", "", "", "", ""}).status(),
            base::InvalidArgumentError("actor: must not be empty"));
}

TEST_P(Conformance, ConcurrentAuditAppendsNeverForkTheChain) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::string actor = "thread:";
      actor += std::to_string(t);
      for (int i = 0; i < 25; ++i) {
        auto tx = store_->Begin(TxMode::kReadWrite);
        if (!tx.ok() || !(*tx)->Audit().Append({0, T(i), actor, "a", "", "", "", ""}).ok() ||
            !(*tx)->Commit().ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Audit().List(0, 1000)->size(), 100u);
  EXPECT_TRUE(VerifyChain(*tx).ok());
}

// ---------------------------------------------------------------------------------------------
// Concurrency, backup

TEST_P(Conformance, ConcurrentWritersAndReadersLoseNothing) {
  constexpr int kThreads = 4, kPerThread = 50;
  std::vector<std::thread> threads;
  std::vector<std::vector<int64_t>> ids(kThreads);
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = store_->Begin(TxMode::kReadWrite);
        if (!tx.ok()) {
          ++failures;
          continue;
        }
        auto key = (*tx)->Reports().Create(
            MakeReport(1000 * (t + 1) + i, "song song", {{Kind::kPhone, "+84911111111", ""}}));
        if (!key.ok() || !(*tx)->Commit().ok()) {
          ++failures;
          continue;
        }
        ids[t].push_back(key->id);
        auto read = store_->Begin(TxMode::kReadOnly);
        if (!read.ok() || !(*read)->Reports().Get(key->id).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(ReportCount(), kThreads * kPerThread);
  auto tx = Begin(TxMode::kReadOnly);
  for (const auto& list : ids) {
    for (int64_t id : list) EXPECT_TRUE(tx->Reports().Get(id).ok()) << id;
  }
  EXPECT_EQ(tx->Reports().FindByIndicator(Kind::kPhone, "+84911111111", 1000)->size(),
            static_cast<size_t>(kThreads * kPerThread));
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST_P(Conformance, ConcurrentCommitsAndRollbacksKeepExactlyTheCommitted) {
  // Writers that queue up may share one commit (SQLite's group commit): a member that rolls back
  // or fails must take only its own work with it.
  constexpr int kThreads = 4, kPerThread = 30;
  std::vector<std::thread> threads;
  std::vector<std::vector<int64_t>> kept(kThreads);
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = store_->Begin(TxMode::kReadWrite);
        if (!tx.ok()) {
          ++failures;
          continue;
        }
        const uint64_t n = 10'000 * (t + 1) + i;
        auto key = (*tx)->Reports().Create(MakeReport(n, "nhóm"));
        // A duplicate inside the same transaction fails alone and leaves the rest intact.
        if (!key.ok() || (*tx)->Reports().Create(MakeReport(n, "dup")).ok()) {
          ++failures;
          continue;
        }
        if (!(*tx)->Audit().Append({0, T(i), "t", "report.create", "", "", "", ""}).ok()) {
          ++failures;
        }
        if (i % 3 == 2) continue;  // destroyed without Commit(): rolled back
        if (!(*tx)->Commit().ok()) {
          ++failures;
          continue;
        }
        kept[t].push_back(key->id);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = Begin(TxMode::kReadOnly);
  size_t total = 0;
  for (const auto& list : kept) {
    total += list.size();
    for (int64_t id : list) EXPECT_TRUE(tx->Reports().Get(id).ok()) << id;
  }
  EXPECT_EQ(total, static_cast<size_t>(kThreads * 20));
  EXPECT_EQ(tx->Reports().Count().value_or(-1), static_cast<int64_t>(total));
  EXPECT_EQ(tx->Audit().List(0, 1000)->size(), total);
  EXPECT_TRUE(VerifyChain(*tx).ok());
}

TEST_P(Conformance, SchemaMustBeMigratedBeforeUse) {
  std::string other_url;
  if (GetParam() == "sqlite") {
    other_url = "sqlite:" + dir_ + "/other.db";
  } else {
    auto fresh =
        registry_.FreshTestDatabase(std::getenv("BINHYEN_TEST_POSTGRES_URL"),
                                    std::string("unmigrated_").append(std::to_string(getpid())));
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    other_url = *fresh;
  }
  auto fresh = registry_.Open(other_url);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ((*fresh)->SchemaVersion().value_or(-1), 0);
  auto tx = (*fresh)->Begin(TxMode::kReadOnly);
  ASSERT_FALSE(tx.ok());
  EXPECT_EQ(tx.status(),
            base::FailedPreconditionError("schema: version 0, this binary needs " +
                                          std::to_string((*fresh)->LatestSchemaVersion()) +
                                          ": run `binhyen migrate`"));
}

TEST_P(Conformance, BackupWritesANewFileOnly) {
  CreateReport(MakeReport(1));
  std::string pattern = (std::filesystem::temp_directory_path() / "binhyen_backup_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::string copy = pattern + "/copy";
  base::Status s = store_->Backup(copy);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(std::filesystem::file_size(copy), 0u);
  EXPECT_EQ(store_->Backup(copy).code(), base::StatusCode::kAlreadyExists);
  std::error_code ec;
  std::filesystem::remove_all(pattern, ec);
}

INSTANTIATE_TEST_SUITE_P(Backends, Conformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& p) { return p.param; });

// ---------------------------------------------------------------------------------------------
// SQLite only: its URL options and the copy its backup makes.

class SqliteOnly : public Conformance {};

TEST_P(SqliteOnly, BackupIsAUsableCopy) {
  const int64_t id = CreateReport(MakeReport(1));
  const std::string copy = dir_ + "/copy.db";
  ASSERT_TRUE(store_->Backup(copy).ok());
  auto opened = registry_.Open("sqlite:" + copy);
  ASSERT_TRUE(opened.ok());
  EXPECT_TRUE((*opened)->CheckIntegrity().ok());
  auto tx = (*opened)->Begin(TxMode::kReadOnly);
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  EXPECT_TRUE((*tx)->Reports().Get(id).ok());
}

TEST_P(SqliteOnly, UrlOptions) {
  EXPECT_TRUE(registry_.Open("sqlite:" + dir_ + "/full.db?synchronous=full&readers=2").ok());
  EXPECT_EQ(registry_.Open("sqlite:" + dir_ + "/x.db?synchronous=off").status(),
            base::InvalidArgumentError("store url: synchronous must be normal or full"));
  EXPECT_EQ(registry_.Open("sqlite:" + dir_ + "/x.db?nope=1").status(),
            base::InvalidArgumentError("store url: unknown sqlite option 'nope'"));
  EXPECT_EQ(registry_.Open("sqlite:" + dir_ + "/x.db?readers=-1").status(),
            base::InvalidArgumentError("store url: readers must be an integer in 0..64"));
  EXPECT_EQ(registry_.Open("sqlite:").status(),
            base::InvalidArgumentError("store url: the sqlite path is empty"));
}

TEST_P(SqliteOnly, NotADatabaseIsAnError) {
  const std::string path = dir_ + "/garbage.db";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not a database, just some text long enough to have a header......", f);
    std::fclose(f);
  }
  auto opened = registry_.Open("sqlite:" + path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), base::StatusCode::kInternal) << opened.status().ToString();
  EXPECT_THAT(opened.status().message(), HasSubstr("database corrupt"));
}

TEST_P(SqliteOnly, NearDuplicatesWrittenByAnotherProcessAreFound) {
  // The simhash index is in memory (sqlite/simhash_index.h); a second store on the same file
  // writes as another process would, and each store's index catches up with the other's reports.
  auto other = registry_.Open(url_);
  ASSERT_TRUE(other.ok());
  constexpr uint64_t kHash = 0x1234'5678'9abc'def0;
  domain::Report r = MakeReport(1);
  r.text_simhash = kHash;
  const int64_t mine = CreateReport(r);
  EXPECT_THAT(Begin(TxMode::kReadOnly)->Reports().FindNearDuplicates(kHash, 3, 10).value(),
              ElementsAre(NearDuplicate{mine, 0}));
  int64_t theirs = 0;
  {
    auto tx = (*other)->Begin(TxMode::kReadWrite);
    ASSERT_TRUE(tx.ok());
    r = MakeReport(2);
    r.text_simhash = kHash ^ 0x10;
    theirs = (*tx)->Reports().Create(r).value().id;
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_THAT(Begin(TxMode::kReadOnly)->Reports().FindNearDuplicates(kHash, 3, 10).value(),
              ElementsAre(NearDuplicate{theirs, 1}, NearDuplicate{mine, 0}));
  auto tx = (*other)->Begin(TxMode::kReadOnly);
  ASSERT_TRUE(tx.ok());
  EXPECT_THAT((*tx)->Reports().FindNearDuplicates(kHash, 3, 10).value(),
              ElementsAre(NearDuplicate{theirs, 1}, NearDuplicate{mine, 0}));
}

TEST_P(SqliteOnly, BusyWriterIsUnavailable) {
  // A second store on the same file is another writer, as another process would be.
  auto other = registry_.Open(url_ + "?busy_timeout_ms=50");
  ASSERT_TRUE(other.ok());
  auto held = Begin();
  auto tx = (*other)->Begin(TxMode::kReadWrite);
  ASSERT_FALSE(tx.ok());
  EXPECT_EQ(tx.status(), base::UnavailableError("database busy"));
  ASSERT_TRUE(held->Commit().ok());
  EXPECT_TRUE((*other)->Begin(TxMode::kReadWrite).ok());
}

TEST_P(SqliteOnly, DiskFullIsUnavailableAndKeepsNothing) {
  CreateReport(MakeReport(1));
  // The writer may not grow the file any further: the next pages needed hit SQLITE_FULL.
  ASSERT_TRUE(store_->ExecForTesting("PRAGMA max_page_count = 1").ok());
  auto tx = Begin();
  base::Status failure;
  for (int i = 2; i < 2000 && failure.ok(); ++i) {
    failure = tx->Reports().Create(MakeReport(i, std::string(3000, 'x'))).status();
  }
  if (failure.ok()) failure = tx->Commit();
  EXPECT_EQ(failure.code(), base::StatusCode::kUnavailable) << failure.ToString();
  EXPECT_THAT(failure.message(), HasSubstr("disk full"));
  EXPECT_EQ(tx->Reports().Count().status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(tx->Commit().code(), base::StatusCode::kFailedPrecondition);
  tx.reset();
  Reopen();
  EXPECT_EQ(ReportCount(), 1);
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST_P(SqliteOnly, FailureAfterAPartialWritePoisonsTheTransaction) {
  // A trigger makes the second statement of Create fail after the report row was written: the
  // partial report must never be committed.
  ASSERT_TRUE(store_
                  ->ExecForTesting("CREATE TRIGGER boom BEFORE INSERT ON report_indicators WHEN "
                                   "NEW.canonical = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END")
                  .ok());
  auto tx = Begin();
  ASSERT_TRUE(tx->Reports().Create(MakeReport(1)).ok());
  EXPECT_EQ(tx->Reports().Create(MakeReport(2, "x", {{Kind::kDomain, "boom", ""}})).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(tx->Reports().Count().status(),
            base::FailedPreconditionError("transaction: aborted by an earlier error"));
  EXPECT_EQ(tx->Commit(),
            base::FailedPreconditionError("transaction: aborted by an earlier error"));
  tx.reset();
  EXPECT_EQ(ReportCount(), 0);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteOnly, ::testing::Values("sqlite"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace binhyen::store::testing

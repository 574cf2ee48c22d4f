#include "service/triage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <filesystem>

#include "domain/audit.h"
#include "domain/receipt.h"
#include "service/testing/temp_sqlite_store.h"
#include "store/registry.h"
#include "store/sqlite/sqlite_store.h"

namespace binhyen::service {
namespace {

namespace fs = std::filesystem;
using domain::Category;
using domain::IndicatorStatus;
using domain::ReportStatus;
using domain::Severity;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr auto kDay = std::chrono::hours(24);

// A Triage over a fresh, migrated SQLite store in a temp dir, with fake time. Reports are
// created straight through the store so each test controls exactly what a report holds.
class TriageTest : public ::testing::Test {
 protected:
  void SetUp() override { triage_ = std::make_unique<Triage>(*store_, clock_); }
  void TearDown() override { triage_.reset(); }

  int64_t CreateReport(Category category, const std::string& description,
                       std::vector<domain::ReportIndicator> indicators = {},
                       const std::string& ward = "P01", bool with_contact = false) {
    domain::Report r;
    r.receipt_code = domain::MakeReceiptCode({0, 0, 0, 0, static_cast<uint8_t>(++receipts_)});
    r.channel = domain::Channel::kWeb;
    r.category = category;
    r.description = description;
    r.ward = ward;
    if (with_contact) r.contact_ciphertext = "opaque-ciphertext";
    r.indicators = std::move(indicators);
    r.created_at = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    base::Result<store::ReportKey> key = tx->Reports().Create(r);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    clock_.Advance(std::chrono::seconds(1));
    return key->id;
  }
  int64_t CreateUser(const std::string& name, domain::Role role, bool disabled = false) {
    domain::User u;
    u.name = name;
    u.password_hash = "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    u.role = role;
    u.disabled = disabled;
    u.created_at = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    base::Result<int64_t> id = tx->Users().Create(u);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return *id;
  }
  void Link(int64_t a, int64_t b) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Reports().Link(a, b).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  domain::Report GetReport(int64_t id) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Reports().Get(id).value();
  }
  base::Result<domain::IndicatorRecord> GetIndicator(Kind kind, const std::string& canonical) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Indicators().Get(kind, canonical);
  }
  std::vector<domain::AuditEntry> AllAudit() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Audit().List(0, 1000).value();
  }
  base::Result<TransitionOutcome> Move(int64_t id, ReportStatus to, const std::string& reason = "",
                                       std::optional<int64_t> duplicate_of = std::nullopt) {
    TransitionRequest r;
    r.to = to;
    r.reason = reason;
    r.duplicate_of = duplicate_of;
    return triage_->Transition(id, r, "user:bob");
  }
  void MustMove(int64_t id, ReportStatus to, const std::string& reason = "") {
    base::Result<TransitionOutcome> r = Move(id, to, reason);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  std::vector<int64_t> Ids(const ReportQuery& q) {
    base::Result<store::Page<domain::Report>> page = triage_->List(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> ids;
    if (page.ok()) {
      for (const domain::Report& r : page->items) ids.push_back(r.id);
    }
    return ids;
  }
  std::vector<int64_t> TextIds(const std::string& text) {
    ReportQuery q;
    q.text = text;
    return Ids(q);
  }
  static void ExpectError(const base::Status& s, base::StatusCode code, std::string_view msg) {
    EXPECT_EQ(s.code(), code) << s.ToString();
    EXPECT_EQ(s.message(), msg);
  }

  base::FakeClock clock_;
  testing::TempSqliteStore store_{"triage_test"};
  std::unique_ptr<Triage> triage_;
  int receipts_ = 0;
};

domain::ReportIndicator Phone(const std::string& canonical) {
  return {Kind::kPhone, canonical, canonical};
}
domain::ReportIndicator Url(const std::string& canonical) { return {Kind::kUrl, canonical, ""}; }

// ------------------------------------------------------------------------------------------
// List

TEST_F(TriageTest, ListLimitBounds) {
  CreateReport(Category::kPhishing, "một");
  for (int bad : {0, -1, 201}) {
    ReportQuery q;
    q.limit = bad;
    ExpectError(triage_->List(q).status(), base::StatusCode::kInvalidArgument,
                "limit: must be between 1 and 200");
  }
  ReportQuery q;
  q.limit = 200;
  EXPECT_THAT(Ids(q), ElementsAre(1));
  q.limit = 1;
  EXPECT_THAT(Ids(q), ElementsAre(1));
}

TEST_F(TriageTest, ListRefusesMalformedText) {
  CreateReport(Category::kOther, "lua dao");
  ReportQuery q;
  q.text = "\xff\xfe lua";
  base::Result<store::Page<domain::Report>> r = triage_->List(q);
  // Regression: List never checked the text (invalid UTF-8, any length) despite its contract.
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_TRUE(r.status().message().starts_with("text: ")) << r.status().message();
}

TEST_F(TriageTest, ListFiltersNewestFirst) {
  const int64_t bob = CreateUser("bob", domain::Role::kAnalyst);
  const int64_t a = CreateReport(Category::kPhishing, "tin nhắn giả ngân hàng", {}, "P01");
  const int64_t b = CreateReport(Category::kFakePolice, "gọi điện tự xưng công an", {}, "P02");
  const int64_t c = CreateReport(Category::kPhishing, "đường link đăng nhập giả", {}, "P02");
  const int64_t d = CreateReport(Category::kLoan, "vay tiền lãi cao", {}, "");
  MustMove(b, ReportStatus::kTriaging);
  MustMove(c, ReportStatus::kRejected, "spam");
  ASSERT_TRUE(triage_->Assign(a, "bob", "user:bob").ok());
  ASSERT_TRUE(triage_->Assign(c, "bob", "user:bob").ok());

  EXPECT_THAT(Ids({}), ElementsAre(d, c, b, a));
  ReportQuery q;
  q.status = ReportStatus::kReceived;
  EXPECT_THAT(Ids(q), ElementsAre(d, a));
  q = {};
  q.status = ReportStatus::kRejected;
  EXPECT_THAT(Ids(q), ElementsAre(c));
  q = {};
  q.category = Category::kPhishing;
  EXPECT_THAT(Ids(q), ElementsAre(c, a));
  q = {};
  q.ward = "P02";
  EXPECT_THAT(Ids(q), ElementsAre(c, b));
  q = {};
  q.assignee_user_id = bob;
  EXPECT_THAT(Ids(q), ElementsAre(c, a));
  q = {};
  q.assignee_user_id = bob + 100;
  EXPECT_THAT(Ids(q), IsEmpty());
  // Fields combine with AND.
  q = {};
  q.category = Category::kPhishing;
  q.ward = "P02";
  q.status = ReportStatus::kRejected;
  q.assignee_user_id = bob;
  EXPECT_THAT(Ids(q), ElementsAre(c));
  q.status = ReportStatus::kReceived;
  EXPECT_THAT(Ids(q), IsEmpty());
  q = {};
  q.category = Category::kPhishing;
  q.text = "giả";
  q.ward = "P01";
  EXPECT_THAT(Ids(q), ElementsAre(a));
}

TEST_F(TriageTest, ListTextIgnoresDiacriticsAndCase) {
  const int64_t accented = CreateReport(Category::kOther, "Kẻ lừa đảo yêu cầu chuyển tiền gấp");
  const int64_t plain = CreateReport(Category::kOther, "bi lua dao qua dien thoai");
  const int64_t other = CreateReport(Category::kOther, "Đường dây đánh bạc");
  EXPECT_THAT(TextIds("lua dao"), ElementsAre(plain, accented));
  EXPECT_THAT(TextIds("lừa đảo"), ElementsAre(plain, accented));
  EXPECT_THAT(TextIds("LỪA ĐẢO"), ElementsAre(plain, accented));
  EXPECT_THAT(TextIds("chuyen tien"), ElementsAre(accented));
  EXPECT_THAT(TextIds("duong day"), ElementsAre(other));  // đ matches d
  // Every word must occur.
  EXPECT_THAT(TextIds("lua dao dien"), ElementsAre(plain));
  EXPECT_THAT(TextIds("lua bac"), IsEmpty());
  // Whole words only, and a text without words matches nothing.
  EXPECT_THAT(TextIds("lu"), IsEmpty());
  EXPECT_THAT(TextIds("!!! ..."), IsEmpty());
  // Query syntax is plain text.
  EXPECT_THAT(TextIds("\"lua\" OR bac*"), IsEmpty());
}

TEST_F(TriageTest, ListPagesAndClearsContact) {
  const int64_t a = CreateReport(Category::kOther, "một", {}, "P01", /*with_contact=*/true);
  const int64_t b = CreateReport(Category::kOther, "hai", {}, "P01", true);
  const int64_t c = CreateReport(Category::kOther, "ba", {}, "P01", true);
  ReportQuery q;
  q.limit = 2;
  base::Result<store::Page<domain::Report>> first = triage_->List(q);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].id, c);
  EXPECT_EQ(first->items[1].id, b);
  ASSERT_FALSE(first->next.empty());
  for (const domain::Report& r : first->items) EXPECT_EQ(r.contact_ciphertext, std::nullopt);
  q.after = first->next;
  base::Result<store::Page<domain::Report>> second = triage_->List(q);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].id, a);
  EXPECT_EQ(second->items[0].contact_ciphertext, std::nullopt);
  EXPECT_EQ(second->next, "");
  // The store still holds it.
  EXPECT_EQ(GetReport(a).contact_ciphertext, "opaque-ciphertext");
}

// ------------------------------------------------------------------------------------------
// Get

TEST_F(TriageTest, GetUnknownIsNotFound) {
  ExpectError(triage_->Get(99).status(), base::StatusCode::kNotFound, "report 99: not found");
}

TEST_F(TriageTest, GetReturnsRelatedNewestFirstWithoutContact) {
  const int64_t a = CreateReport(Category::kOther, "một", {Phone("+84912345678")}, "P01", true);
  const int64_t b = CreateReport(Category::kOther, "hai", {}, "P01", true);
  const int64_t c = CreateReport(Category::kOther, "ba", {}, "P01", false);
  const int64_t d = CreateReport(Category::kOther, "bốn", {}, "P01", true);
  Link(a, b);
  Link(a, d);
  base::Result<ReportDetail> detail = triage_->Get(a);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_EQ(detail->report.id, a);
  EXPECT_EQ(detail->report.description, "một");
  EXPECT_THAT(detail->report.indicators, ElementsAre(Phone("+84912345678")));
  EXPECT_TRUE(detail->has_contact);
  EXPECT_EQ(detail->report.contact_ciphertext, std::nullopt);
  ASSERT_EQ(detail->related.size(), 2u);
  EXPECT_EQ(detail->related[0].id, d);
  EXPECT_EQ(detail->related[1].id, b);
  for (const domain::Report& r : detail->related) EXPECT_EQ(r.contact_ciphertext, std::nullopt);

  base::Result<ReportDetail> lone = triage_->Get(c);
  ASSERT_TRUE(lone.ok());
  EXPECT_FALSE(lone->has_contact);
  EXPECT_THAT(lone->related, IsEmpty());
}

// ------------------------------------------------------------------------------------------
// Transition: refusals (nothing written)

TEST_F(TriageTest, ReasonRequiredToRejectOrMarkDuplicate) {
  const int64_t a = CreateReport(Category::kOther, "một");
  const int64_t b = CreateReport(Category::kOther, "hai");
  ExpectError(Move(b, ReportStatus::kRejected).status(), base::StatusCode::kInvalidArgument,
              "reason: required when rejecting");
  ExpectError(Move(b, ReportStatus::kDuplicate, "", a).status(), base::StatusCode::kInvalidArgument,
              "reason: required when marking a duplicate");
  ExpectError(Move(b, ReportStatus::kRejected, std::string(2001, 'x')).status(),
              base::StatusCode::kInvalidArgument, "reason: must be at most 2000 bytes");
  EXPECT_EQ(GetReport(b).status, ReportStatus::kReceived);
  EXPECT_THAT(AllAudit(), IsEmpty());
  EXPECT_TRUE(Move(b, ReportStatus::kRejected, std::string(2000, 'x')).ok());
}

TEST_F(TriageTest, IllegalMovesAreRefused) {
  const int64_t a = CreateReport(Category::kOther, "một", {Phone("+84912345678")});
  ExpectError(Move(a, ReportStatus::kConfirmed).status(), base::StatusCode::kFailedPrecondition,
              "status: cannot move from received to confirmed");
  ExpectError(Move(a, ReportStatus::kReceived).status(), base::StatusCode::kFailedPrecondition,
              "status: cannot move from received to received");
  MustMove(a, ReportStatus::kTriaging);
  MustMove(a, ReportStatus::kConfirmed);
  ExpectError(Move(a, ReportStatus::kRejected, "oops").status(),
              base::StatusCode::kFailedPrecondition,
              "status: cannot move from confirmed to rejected");
  ExpectError(Move(a, ReportStatus::kReceived).status(), base::StatusCode::kFailedPrecondition,
              "status: cannot move from confirmed to received");
  EXPECT_EQ(GetReport(a).status, ReportStatus::kConfirmed);
  EXPECT_EQ(AllAudit().size(), 2u);
  ExpectError(Move(99, ReportStatus::kTriaging).status(), base::StatusCode::kNotFound,
              "report 99: not found");
  EXPECT_EQ(AllAudit().size(), 2u);
}

TEST_F(TriageTest, DuplicateOfRules) {
  const int64_t a = CreateReport(Category::kOther, "một");
  const int64_t b = CreateReport(Category::kOther, "hai");
  const int64_t c = CreateReport(Category::kOther, "ba");
  ExpectError(Move(b, ReportStatus::kDuplicate, "same").status(),
              base::StatusCode::kInvalidArgument,
              "duplicate_of: required when marking a duplicate");
  ExpectError(Move(b, ReportStatus::kDuplicate, "same", 99).status(),
              base::StatusCode::kInvalidArgument, "duplicate_of: no report 99");
  ExpectError(Move(b, ReportStatus::kDuplicate, "same", b).status(),
              base::StatusCode::kInvalidArgument, "duplicate_of: a report cannot duplicate itself");
  ExpectError(Move(b, ReportStatus::kRejected, "spam", a).status(),
              base::StatusCode::kInvalidArgument,
              "duplicate_of: only allowed when marking a duplicate");
  EXPECT_THAT(AllAudit(), IsEmpty());

  base::Result<TransitionOutcome> dup = Move(b, ReportStatus::kDuplicate, "same text", a);
  ASSERT_TRUE(dup.ok()) << dup.status().ToString();
  EXPECT_EQ(dup->report.status, ReportStatus::kDuplicate);
  EXPECT_EQ(dup->report.duplicate_of, a);
  EXPECT_THAT(dup->report.linked_report_ids, ElementsAre(a));
  EXPECT_THAT(dup->indicators, IsEmpty());
  EXPECT_THAT(GetReport(a).linked_report_ids, ElementsAre(b));
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "report.transition");
  EXPECT_EQ(audit[0].actor, "user:bob");
  EXPECT_EQ(audit[0].target, "report:" + std::to_string(b));
  EXPECT_EQ(audit[0].summary, "received → duplicate of report 1: same text");

  // A duplicate of a duplicate is refused.
  ExpectError(Move(c, ReportStatus::kDuplicate, "same", b).status(),
              base::StatusCode::kFailedPrecondition,
              "duplicate_of: report 2 is itself a duplicate of 1");
  EXPECT_EQ(AllAudit().size(), 1u);
  EXPECT_EQ(GetReport(c).status, ReportStatus::kReceived);

  // Reopening clears duplicate_of.
  base::Result<TransitionOutcome> reopened = Move(b, ReportStatus::kTriaging, "not the same");
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(reopened->report.duplicate_of, std::nullopt);
  EXPECT_EQ(AllAudit().back().summary, "duplicate → triaging: not the same");
}

TEST_F(TriageTest, SimpleMovesAreAudited) {
  const int64_t a = CreateReport(Category::kOther, "một", {}, "P01", true);
  clock_.Advance(std::chrono::minutes(3));
  base::Result<TransitionOutcome> r = Move(a, ReportStatus::kTriaging);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->report.status, ReportStatus::kTriaging);
  EXPECT_EQ(r->report.updated_at, clock_.Now());
  EXPECT_EQ(r->report.contact_ciphertext, std::nullopt);
  EXPECT_THAT(r->indicators, IsEmpty());
  MustMove(a, ReportStatus::kRejected, "không đủ thông tin");
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].summary, "received → triaging");
  EXPECT_EQ(audit[0].at, clock_.Now());
  EXPECT_EQ(audit[1].summary, "triaging → rejected: không đủ thông tin");
}

TEST_F(TriageTest, TransitionSetsPublicNote) {
  const int64_t a = CreateReport(Category::kOther, "một");
  TransitionRequest req;
  req.to = ReportStatus::kTriaging;
  req.public_note = "Đang xác minh";
  ASSERT_TRUE(triage_->Transition(a, req, "user:bob").ok());
  EXPECT_EQ(GetReport(a).public_note, "Đang xác minh");
}

// ------------------------------------------------------------------------------------------
// Confirm and reopen

TEST_F(TriageTest, ConfirmUpsertsIndicatorsWithDefaults) {
  const base::TimePoint created = clock_.Now();
  const int64_t a = CreateReport(Category::kFakePolice, "một",
                                 {Phone("+84912345678"),
                                  Url("http://vcb-xacminh.top/login"),
                                  {Kind::kBankAccount, "970436:0011001234567", ""},
                                  {Kind::kDomain, "vcb-xacminh.top", ""}});
  MustMove(a, ReportStatus::kTriaging);
  clock_.Advance(kDay);
  const base::TimePoint now = clock_.Now();
  base::Result<TransitionOutcome> r = Move(a, ReportStatus::kConfirmed);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->report.status, ReportStatus::kConfirmed);
  ASSERT_EQ(r->indicators.size(), 4u);
  const std::vector<domain::IndicatorSource> source = {{"report:" + std::to_string(a), 100}};
  struct Want {
    Kind kind;
    std::string canonical;
    std::chrono::days expiry;
  };
  const std::vector<Want> want = {
      {Kind::kPhone, "+84912345678", std::chrono::days(365)},
      {Kind::kUrl, "http://vcb-xacminh.top/login", std::chrono::days(180)},
      {Kind::kBankAccount, "970436:0011001234567", std::chrono::days(365)},
      {Kind::kDomain, "vcb-xacminh.top", std::chrono::days(180)}};
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].canonical);
    const domain::IndicatorRecord& got = r->indicators[i];
    EXPECT_EQ(got.kind, want[i].kind);
    EXPECT_EQ(got.canonical, want[i].canonical);
    EXPECT_EQ(got.category, Category::kFakePolice);
    EXPECT_EQ(got.severity, Severity::kCritical);
    EXPECT_EQ(got.status, IndicatorStatus::kConfirmed);
    EXPECT_EQ(got.first_seen, created);
    EXPECT_EQ(got.last_seen, now);
    EXPECT_EQ(got.expires_at, now + want[i].expiry);
    EXPECT_EQ(got.sources, source);
    base::Result<domain::IndicatorRecord> stored = GetIndicator(want[i].kind, want[i].canonical);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_EQ(*stored, got);
  }
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].summary, "triaging → confirmed (4 indicators confirmed)");
  EXPECT_EQ(audit[1].target, "report:" + std::to_string(a));
}

TEST_F(TriageTest, ConfirmWithExplicitSeverityAndCustomExpiry) {
  TriageOptions options;
  options.web_expiry = std::chrono::days(10);
  options.account_expiry = std::chrono::days(20);
  Triage triage(*store_, clock_, options);
  const int64_t a =
      CreateReport(Category::kSpam, "một", {Phone("+84912345678"), Url("http://x.example/")});
  TransitionRequest req;
  req.to = ReportStatus::kTriaging;
  ASSERT_TRUE(triage.Transition(a, req, "user:bob").ok());
  req.to = ReportStatus::kConfirmed;
  req.severity = Severity::kHigh;
  base::Result<TransitionOutcome> r = triage.Transition(a, req, "user:bob");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->indicators.size(), 2u);
  EXPECT_EQ(r->indicators[0].severity, Severity::kHigh);
  EXPECT_EQ(r->indicators[0].category, Category::kSpam);
  EXPECT_EQ(r->indicators[0].expires_at, clock_.Now() + std::chrono::days(20));
  EXPECT_EQ(r->indicators[1].expires_at, clock_.Now() + std::chrono::days(10));
}

TEST_F(TriageTest, ConfirmWithoutIndicatorsWritesNoIndicator) {
  const int64_t a = CreateReport(Category::kRumour, "tin đồn");
  MustMove(a, ReportStatus::kTriaging);
  base::Result<TransitionOutcome> r = Move(a, ReportStatus::kConfirmed);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(r->indicators, IsEmpty());
  EXPECT_EQ(AllAudit().back().summary, "triaging → confirmed");
}

TEST_F(TriageTest, ReconfirmingAnotherReportMergesSources) {
  const int64_t a = CreateReport(Category::kScamCall, "một", {Phone("+84912345678")});
  const int64_t b = CreateReport(Category::kExtortion, "hai", {Phone("+84912345678")});
  for (int64_t id : {a, b}) {
    MustMove(id, ReportStatus::kTriaging);
    MustMove(id, ReportStatus::kConfirmed);
  }
  domain::IndicatorRecord rec = GetIndicator(Kind::kPhone, "+84912345678").value();
  EXPECT_EQ(rec.sources,
            (std::vector<domain::IndicatorSource>{{"report:1", 100}, {"report:2", 100}}));
  // The latest confirmation's category and severity win.
  EXPECT_EQ(rec.category, Category::kExtortion);
  EXPECT_EQ(rec.severity, Severity::kCritical);
}

TEST_F(TriageTest, ReopenPutsIndicatorsVouchedOnlyByThisReportBackToPending) {
  const int64_t a = CreateReport(Category::kPhishing, "một",
                                 {Phone("+84912345678"), Url("http://only-a.example/")});
  const int64_t b = CreateReport(Category::kPhishing, "hai", {Phone("+84912345678")});
  for (int64_t id : {a, b}) {
    MustMove(id, ReportStatus::kTriaging);
    MustMove(id, ReportStatus::kConfirmed);
  }
  base::Result<TransitionOutcome> r = Move(a, ReportStatus::kTriaging, "tranh chấp được chấp nhận");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->indicators.size(), 1u);
  EXPECT_EQ(r->indicators[0].kind, Kind::kUrl);
  EXPECT_EQ(r->indicators[0].canonical, "http://only-a.example/");
  EXPECT_EQ(r->indicators[0].status, IndicatorStatus::kPending);
  EXPECT_EQ(GetIndicator(Kind::kUrl, "http://only-a.example/")->status, IndicatorStatus::kPending);
  // Also vouched for by report b: stays confirmed.
  EXPECT_EQ(GetIndicator(Kind::kPhone, "+84912345678")->status, IndicatorStatus::kConfirmed);
  EXPECT_EQ(AllAudit().back().summary,
            "confirmed → triaging: tranh chấp được chấp nhận (1 indicators back to pending)");

  // Confirming again brings it back.
  base::Result<TransitionOutcome> again = Move(a, ReportStatus::kConfirmed);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(GetIndicator(Kind::kUrl, "http://only-a.example/")->status,
            IndicatorStatus::kConfirmed);
}

TEST_F(TriageTest, ReopenFromRejectedTouchesNoIndicator) {
  const int64_t a = CreateReport(Category::kPhishing, "một", {Phone("+84912345678")});
  const int64_t b = CreateReport(Category::kPhishing, "hai", {Phone("+84912345678")});
  MustMove(a, ReportStatus::kTriaging);
  MustMove(a, ReportStatus::kConfirmed);
  MustMove(b, ReportStatus::kRejected, "spam");
  base::Result<TransitionOutcome> r = Move(b, ReportStatus::kTriaging, "xem lại");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(r->indicators, IsEmpty());
  EXPECT_EQ(GetIndicator(Kind::kPhone, "+84912345678")->status, IndicatorStatus::kConfirmed);
}

TEST_F(TriageTest, ReopeningEveryVouchingReportLeavesNoConfirmedIndicator) {
  const int64_t a = CreateReport(Category::kPhishing, "một", {Phone("+84912345678")});
  const int64_t b = CreateReport(Category::kPhishing, "hai", {Phone("+84912345678")});
  for (int64_t id : {a, b}) {
    MustMove(id, ReportStatus::kTriaging);
    MustMove(id, ReportStatus::kConfirmed);
  }
  MustMove(b, ReportStatus::kTriaging, "sai");
  EXPECT_EQ(GetIndicator(Kind::kPhone, "+84912345678")->status, IndicatorStatus::kConfirmed);
  MustMove(a, ReportStatus::kTriaging, "sai");
  // Regression: reopening b left its source on the phone, so reopening a then saw two sources
  // and kept the phone confirmed with no confirmed report behind it.
  EXPECT_EQ(GetIndicator(Kind::kPhone, "+84912345678")->status, IndicatorStatus::kPending);
}

TEST_F(TriageTest, FailedConfirmWritesNothing) {
  const int64_t a = CreateReport(Category::kPhishing, "một", {Phone("+84912345678")});
  // received → confirmed is illegal: no indicator and no audit entry may be written.
  ASSERT_FALSE(Move(a, ReportStatus::kConfirmed).ok());
  EXPECT_EQ(GetIndicator(Kind::kPhone, "+84912345678").status().code(),
            base::StatusCode::kNotFound);
  EXPECT_THAT(AllAudit(), IsEmpty());
}

// ------------------------------------------------------------------------------------------
// Assign

TEST_F(TriageTest, AssignToAnalystAndClear) {
  const int64_t bob = CreateUser("bob", domain::Role::kAnalyst);
  const int64_t a = CreateReport(Category::kOther, "một");
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(triage_->Assign(a, "bob", "user:carol").ok());
  domain::Report r = GetReport(a);
  EXPECT_EQ(r.assignee_user_id, bob);
  EXPECT_EQ(r.updated_at, clock_.Now());
  ASSERT_TRUE(triage_->Assign(a, std::nullopt, "user:carol").ok());
  EXPECT_EQ(GetReport(a).assignee_user_id, std::nullopt);
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "report.assign");
  EXPECT_EQ(audit[0].actor, "user:carol");
  EXPECT_EQ(audit[0].target, "report:" + std::to_string(a));
  EXPECT_EQ(audit[0].summary, "assigned to bob");
  EXPECT_EQ(audit[1].summary, "unassigned");
}

TEST_F(TriageTest, AssignRefusals) {
  CreateUser("alice", domain::Role::kMember);
  CreateUser("root", domain::Role::kAdmin);
  CreateUser("dave", domain::Role::kAnalyst, /*disabled=*/true);
  CreateUser("bob", domain::Role::kAnalyst);
  const int64_t a = CreateReport(Category::kOther, "một");
  for (const char* name : {"alice", "root", "dave"}) {
    ExpectError(triage_->Assign(a, name, "user:carol"), base::StatusCode::kInvalidArgument,
                "assignee: user '" + std::string(name) + "' cannot triage reports");
  }
  ExpectError(triage_->Assign(a, "ghost", "user:carol"), base::StatusCode::kNotFound,
              "assignee: no user 'ghost'");
  ExpectError(triage_->Assign(99, "bob", "user:carol"), base::StatusCode::kNotFound,
              "report 99: not found");
  ExpectError(triage_->Assign(99, std::nullopt, "user:carol"), base::StatusCode::kNotFound,
              "report 99: not found");
  EXPECT_EQ(GetReport(a).assignee_user_id, std::nullopt);
  EXPECT_THAT(AllAudit(), IsEmpty());
}

// ------------------------------------------------------------------------------------------
// Public note

TEST_F(TriageTest, SetPublicNote) {
  const int64_t a = CreateReport(Category::kOther, "một");
  ASSERT_TRUE(triage_->SetPublicNote(a, "Đã chuyển công an phường", "user:bob").ok());
  EXPECT_EQ(GetReport(a).public_note, "Đã chuyển công an phường");
  ASSERT_TRUE(triage_->SetPublicNote(a, std::string(2000, 'n'), "user:bob").ok());
  ASSERT_TRUE(triage_->SetPublicNote(a, "", "user:bob").ok());
  EXPECT_EQ(GetReport(a).public_note, "");
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].action, "report.note");
  EXPECT_EQ(audit[0].actor, "user:bob");
  EXPECT_EQ(audit[0].target, "report:" + std::to_string(a));
  EXPECT_EQ(audit[0].summary, "set the public note");
  EXPECT_EQ(audit[2].summary, "cleared the public note");
}

TEST_F(TriageTest, SetPublicNoteRefusals) {
  const int64_t a = CreateReport(Category::kOther, "một");
  ExpectError(triage_->SetPublicNote(a, std::string(2001, 'n'), "user:bob"),
              base::StatusCode::kInvalidArgument, "public_note: must be at most 2000 bytes");
  ExpectError(triage_->SetPublicNote(99, "x", "user:bob"), base::StatusCode::kNotFound,
              "report 99: not found");
  EXPECT_EQ(GetReport(a).public_note, "");
  EXPECT_THAT(AllAudit(), IsEmpty());
}

// ------------------------------------------------------------------------------------------
// DefaultSeverity

TEST(TriageSeverityTest, DefaultSeverityTable) {
  using C = Category;
  const std::vector<std::pair<C, Severity>> table = {
      {C::kPhishing, Severity::kHigh},
      {C::kFakePolice, Severity::kCritical},
      {C::kBankImpersonation, Severity::kHigh},
      {C::kLoan, Severity::kHigh},
      {C::kDelivery, Severity::kMedium},
      {C::kJobTask, Severity::kHigh},
      {C::kInvestment, Severity::kHigh},
      {C::kPrize, Severity::kMedium},
      {C::kRomanceSextortion, Severity::kCritical},
      {C::kFakeApp, Severity::kCritical},
      {C::kAccountTakeover, Severity::kHigh},
      {C::kFakeBill, Severity::kMedium},
      {C::kScholarship, Severity::kMedium},
      {C::kSpam, Severity::kLow},
      {C::kRumour, Severity::kLow},
      {C::kScamCall, Severity::kHigh},
      {C::kBankFraud, Severity::kHigh},
      {C::kFakeAccount, Severity::kMedium},
      {C::kMalware, Severity::kCritical},
      {C::kExtortion, Severity::kCritical},
      {C::kOther, Severity::kMedium},
  };
  EXPECT_EQ(table.size(), 21u);  // every category
  for (const auto& [category, severity] : table) {
    EXPECT_EQ(Triage::DefaultSeverity(category), severity) << domain::Name(category);
  }
}

}  // namespace
}  // namespace binhyen::service

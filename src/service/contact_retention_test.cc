#include "service/contact_retention.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/receipt.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using domain::ReportStatus;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr auto kDay = std::chrono::hours(24);

// A ContactRetention (30 days) over a fresh SQLite store with fake time.
class ContactRetentionTest : public ::testing::Test {
 protected:
  ContactRetentionTest()
      : retention_(*store_, clock_, ContactRetentionOptions{.retention = std::chrono::days(30)}) {}

  // A report (with a contact unless `anonymous`) moved through `path` now.
  int64_t CreateReport(std::vector<ReportStatus> path, bool anonymous = false) {
    domain::Report r;
    r.receipt_code = domain::MakeReceiptCode({0, 0, 0, 0, static_cast<uint8_t>(++receipts_)});
    r.description = "Bị lừa chuyển tiền";
    if (!anonymous) r.contact_ciphertext = "opaque-ciphertext";
    r.created_at = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    base::Result<store::ReportKey> key = tx->Reports().Create(r);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    for (ReportStatus to : path) {
      store::StatusChange change;
      change.to = to;
      EXPECT_TRUE(tx->Reports().Transition(key->id, change, clock_.Now()).ok());
    }
    EXPECT_TRUE(tx->Commit().ok());
    return key->id;
  }
  domain::Report Get(int64_t id) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Reports().Get(id).value();
  }
  std::vector<domain::AuditEntry> Audit() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Audit().List(0, 100).value();
  }

  base::FakeClock clock_;
  testing::TempSqliteStore store_{"contact_retention_test"};
  ContactRetention retention_;
  int receipts_ = 0;
};

TEST_F(ContactRetentionTest, ErasesClosedReportsAfterTheRetentionAndKeepsOpenOnes) {
  const int64_t confirmed = CreateReport({ReportStatus::kTriaging, ReportStatus::kConfirmed});
  const int64_t rejected = CreateReport({ReportStatus::kRejected});
  const int64_t still_open = CreateReport({ReportStatus::kTriaging});
  const int64_t received = CreateReport({});
  const int64_t anonymous = CreateReport({ReportStatus::kRejected}, /*anonymous=*/true);

  // One second before the deadline: everything kept.
  clock_.Advance(30 * kDay - std::chrono::seconds(1));
  base::Result<PurgeOutcome> early = retention_.Purge(/*dry_run=*/false);
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_EQ(early->erased(), 0);
  EXPECT_TRUE(Get(confirmed).contact_ciphertext.has_value());
  EXPECT_THAT(Audit(), IsEmpty());

  // At the deadline: a dry run lists without erasing.
  clock_.Advance(std::chrono::seconds(1));
  base::Result<PurgeOutcome> dry = retention_.Purge(/*dry_run=*/true);
  ASSERT_TRUE(dry.ok());
  EXPECT_THAT(dry->report_ids, ElementsAre(confirmed, rejected));
  EXPECT_TRUE(Get(confirmed).contact_ciphertext.has_value());
  EXPECT_THAT(Audit(), IsEmpty());

  base::Result<PurgeOutcome> purged = retention_.Purge(/*dry_run=*/false, "admin");
  ASSERT_TRUE(purged.ok()) << purged.status().ToString();
  EXPECT_THAT(purged->report_ids, ElementsAre(confirmed, rejected));
  EXPECT_EQ(purged->cutoff, clock_.Now() - std::chrono::days(30));
  for (int64_t id : {confirmed, rejected}) {
    domain::Report r = Get(id);
    EXPECT_EQ(r.contact_ciphertext, std::nullopt);
    EXPECT_EQ(r.contact_erased_at, clock_.Now());
    EXPECT_EQ(r.description, "Bị lừa chuyển tiền");  // the rest of the report stays
  }
  EXPECT_TRUE(Get(still_open).contact_ciphertext.has_value());
  EXPECT_TRUE(Get(received).contact_ciphertext.has_value());
  EXPECT_EQ(Get(anonymous).contact_erased_at, std::nullopt);
  std::vector<domain::AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "admin");
  EXPECT_EQ(audit[0].action, "report.contact.purge");
  EXPECT_EQ(audit[0].target, "reports");
  EXPECT_EQ(audit[0].summary,
            "erased the contacts of 2 reports decided before 2023-11-14T22:13:20Z (retention 30 "
            "days): report " +
                std::to_string(confirmed) + ", " + std::to_string(rejected));
  EXPECT_THAT(audit[0].summary, ::testing::Not(HasSubstr("opaque")));

  // Idempotent: a year later the open reports are still kept and nothing more is written.
  clock_.Advance(365 * kDay);
  base::Result<PurgeOutcome> again = retention_.Purge(/*dry_run=*/false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->erased(), 0);
  EXPECT_TRUE(Get(still_open).contact_ciphertext.has_value());
  EXPECT_EQ(Audit().size(), 1u);
}

TEST_F(ContactRetentionTest, ErasesResolvedDisputesClaimantsAfterTheRetention) {
  domain::User analyst;
  analyst.name = "an";
  analyst.password_hash = "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
  analyst.role = domain::Role::kAnalyst;
  analyst.created_at = clock_.Now();
  auto tx = store_->Begin(store::TxMode::kReadWrite).value();
  const int64_t user = tx->Users().Create(analyst).value();
  domain::Dispute d;
  d.kind = indicator::Kind::kDomain;
  d.canonical = "cua-hang.vn";
  d.reason = "Trang của tôi";
  d.claimant_contact_ciphertext = "sealed";
  d.created_at = clock_.Now();
  const int64_t resolved = tx->Disputes().Create(d).value();
  const int64_t still_open = tx->Disputes().Create(d).value();
  ASSERT_TRUE(
      tx->Disputes()
          .Resolve(resolved, domain::DisputeStatus::kRejected, "vẫn lừa", user, clock_.Now())
          .ok());
  ASSERT_TRUE(tx->Commit().ok());

  clock_.Advance(30 * kDay);
  base::Result<PurgeOutcome> purged = retention_.Purge(/*dry_run=*/false);
  ASSERT_TRUE(purged.ok()) << purged.status().ToString();
  EXPECT_THAT(purged->report_ids, IsEmpty());
  EXPECT_THAT(purged->dispute_ids, ElementsAre(resolved));
  auto read = store_->Begin(store::TxMode::kReadOnly).value();
  domain::Dispute gone = read->Disputes().Get(resolved).value();
  EXPECT_EQ(gone.claimant_contact_ciphertext, std::nullopt);
  EXPECT_EQ(gone.claimant_contact_erased_at, clock_.Now());
  EXPECT_EQ(gone.reason, "Trang của tôi");
  EXPECT_EQ(read->Disputes().Get(still_open).value().claimant_contact_ciphertext, "sealed");
  std::vector<domain::AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "dispute.contact.purge");
  EXPECT_EQ(audit[0].target, "disputes");
  EXPECT_EQ(audit[0].summary,
            "erased the contacts of 1 disputes resolved before 2023-11-14T22:13:20Z (retention 30 "
            "days): dispute " +
                std::to_string(resolved));
  EXPECT_EQ(retention_.Purge(/*dry_run=*/false).value().erased(), 0);
}

TEST_F(ContactRetentionTest, PurgesInBatches) {
  ContactRetention small(*store_, clock_,
                         ContactRetentionOptions{.retention = std::chrono::days(1), .batch = 2});
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(CreateReport({ReportStatus::kRejected}));
  clock_.Advance(2 * kDay);
  base::Result<PurgeOutcome> purged = small.Purge(/*dry_run=*/false);
  ASSERT_TRUE(purged.ok()) << purged.status().ToString();
  EXPECT_EQ(purged->report_ids, ids);
  EXPECT_EQ(Audit().size(), 3u);  // 2 + 2 + 1
}

TEST_F(ContactRetentionTest, RetentionIsAtLeastOneDay) {
  ContactRetention zero(*store_, clock_,
                        ContactRetentionOptions{.retention = std::chrono::days(0)});
  EXPECT_EQ(zero.options().retention, std::chrono::days(1));
  CreateReport({ReportStatus::kRejected});
  clock_.Advance(std::chrono::hours(23));
  EXPECT_EQ(zero.Purge(/*dry_run=*/false).value().erased(), 0);
}

TEST_F(ContactRetentionTest, ManualEraseNeedsAReasonIsAuditedAndIdempotent) {
  const int64_t id = CreateReport({ReportStatus::kTriaging});  // open: erasable by hand
  EXPECT_EQ(retention_.Erase(id, "", "analyst").status(),
            base::InvalidArgumentError("reason: must not be empty"));
  EXPECT_EQ(retention_.Erase(id, std::string(501, 'x'), "analyst").status(),
            base::InvalidArgumentError("reason: must be at most 500 bytes"));
  EXPECT_EQ(retention_.Erase(id + 7, "yêu cầu của người báo", "analyst").status(),
            base::NotFoundError("report " + std::to_string(id + 7) + ": not found"));
  EXPECT_THAT(Audit(), IsEmpty());

  EXPECT_EQ(retention_.Erase(id, "người báo yêu cầu xoá", "analyst").value_or(false), true);
  EXPECT_EQ(Get(id).contact_ciphertext, std::nullopt);
  EXPECT_EQ(Get(id).status, ReportStatus::kTriaging);
  EXPECT_EQ(retention_.Erase(id, "lần nữa", "analyst").value_or(true), false);
  std::vector<domain::AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "report.contact.erase");
  EXPECT_EQ(audit[0].target, "report:" + std::to_string(id));
  EXPECT_EQ(audit[0].summary, "erased the reporter's contact: người báo yêu cầu xoá");
}

TEST_F(ContactRetentionTest, BackgroundThreadStartsAndStops) {
  const int64_t id = CreateReport({ReportStatus::kRejected});
  clock_.Advance(31 * kDay);
  retention_.Start();
  retention_.Start();  // idempotent
  retention_.Stop();   // the first sweep runs before the first wait, so it is done now
  EXPECT_EQ(Get(id).contact_ciphertext, std::nullopt);
  retention_.Stop();
}

}  // namespace
}  // namespace binhyen::service

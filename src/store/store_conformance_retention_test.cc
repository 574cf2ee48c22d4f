// Conformance of the retention of reporters' contact data (migration 0013):
// ListContactsDecidedBefore and EraseContact. Every test runs against SQLite and, when
// BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::ReportStatus;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

base::TimePoint At(int64_t seconds) {
  return base::TimePoint(std::chrono::seconds(1'700'000'000 + seconds));
}

class RetentionConformance : public StoreTest {
 protected:
  // Creates report n (with a contact unless `anonymous`) and moves it through `path`, the
  // i-th change at At(1000 * n + 10 * i).
  int64_t CreateReport(uint64_t n, std::vector<ReportStatus> path, bool anonymous = false) {
    domain::Report r = MakeReport(n);
    if (!anonymous) r.contact_ciphertext = std::string("\x01\x02sealed-") + std::to_string(n);
    auto tx = Begin();
    auto key = tx->Reports().Create(r);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    if (!key.ok()) return 0;
    int64_t i = 0;
    for (ReportStatus to : path) {
      auto moved =
          tx->Reports().Transition(key->id, To(to), At(1000 * static_cast<int64_t>(n) + 10 * i++));
      EXPECT_TRUE(moved.ok()) << moved.status().ToString();
    }
    EXPECT_TRUE(tx->Commit().ok());
    return key->id;
  }
  std::vector<int64_t> Due(base::TimePoint cutoff, int limit = 100) {
    auto tx = Begin(TxMode::kReadOnly);
    auto ids = tx->Reports().ListContactsDecidedBefore(cutoff, limit);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.value_or(std::vector<int64_t>{});
  }
};

TEST_P(RetentionConformance, ListsOnlyClosedReportsWithContactDecidedByTheCutoff) {
  // Report 1 confirmed at At(1010), 2 rejected at At(2000), 3 triaging (open), 4 anonymous
  // and confirmed, 5 a duplicate of 1 at At(5000), 6 received.
  const int64_t r1 = CreateReport(1, {ReportStatus::kTriaging, ReportStatus::kConfirmed});
  const int64_t r2 = CreateReport(2, {ReportStatus::kRejected});
  const int64_t r3 = CreateReport(3, {ReportStatus::kTriaging});
  CreateReport(4, {ReportStatus::kTriaging, ReportStatus::kConfirmed}, /*anonymous=*/true);
  domain::Report five = MakeReport(5);
  five.contact_ciphertext = "sealed-5";
  int64_t r5 = 0;
  {
    auto tx = Begin();
    r5 = tx->Reports().Create(five).value().id;
    StatusChange dup = To(ReportStatus::kDuplicate);
    dup.duplicate_of = r1;
    ASSERT_TRUE(tx->Reports().Transition(r5, dup, At(5000)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  CreateReport(6, {});

  EXPECT_THAT(Due(At(1009)), IsEmpty());
  EXPECT_THAT(Due(At(1010)), ElementsAre(r1));  // the cutoff is inclusive
  EXPECT_THAT(Due(At(1999)), ElementsAre(r1));
  EXPECT_THAT(Due(At(2000)), ElementsAre(r1, r2));
  EXPECT_THAT(Due(At(1'000'000)), ElementsAre(r1, r2, r5));  // never r3, r4 (anonymous), r6
  EXPECT_THAT(Due(At(1'000'000), 2), ElementsAre(r1, r2));
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Reports().ListContactsDecidedBefore(At(0), 0).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(tx->Reports().ListContactsDecidedBefore(At(0), 10001).status().code(),
            base::StatusCode::kInvalidArgument);
  (void)r3;
}

TEST_P(RetentionConformance, EraseContactClearsTheCiphertextOnceAndKeepsEverythingElse) {
  const int64_t id = CreateReport(1, {ReportStatus::kRejected});
  domain::Report before;
  {
    auto tx = Begin(TxMode::kReadOnly);
    before = tx->Reports().Get(id).value();
  }
  ASSERT_TRUE(before.contact_ciphertext.has_value());
  EXPECT_EQ(before.contact_erased_at, std::nullopt);

  {
    auto tx = Begin();
    EXPECT_EQ(tx->Reports().EraseContact(id, At(9000)).value_or(false), true);
    // Idempotent: a second erasure changes nothing and says so.
    EXPECT_EQ(tx->Reports().EraseContact(id, At(9500)).value_or(true), false);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin(TxMode::kReadOnly);
  domain::Report after = tx->Reports().Get(id).value();
  EXPECT_EQ(after.contact_ciphertext, std::nullopt);
  EXPECT_EQ(after.contact_erased_at, At(9000));
  domain::Report expected = before;
  expected.contact_ciphertext = std::nullopt;
  expected.contact_erased_at = At(9000);
  EXPECT_EQ(after, expected);  // description, status, times (updated_at too) unchanged
  EXPECT_EQ(tx->Reports().GetByReceipt(before.receipt_code).value(), expected);
  EXPECT_THAT(tx->Reports().ListContactsDecidedBefore(At(1'000'000), 10).value(), IsEmpty());
}

TEST_P(RetentionConformance, EraseContactOfAnonymousIsFalseAndOfMissingIsNotFound) {
  const int64_t id = CreateReport(1, {}, /*anonymous=*/true);
  auto tx = Begin();
  EXPECT_EQ(tx->Reports().EraseContact(id, At(1)).value_or(true), false);
  EXPECT_EQ(tx->Reports().EraseContact(id + 100, At(1)).status(),
            base::NotFoundError("report " + std::to_string(id + 100) + ": not found"));
  // The NotFound did not poison the transaction.
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Reports().Get(id).value().contact_erased_at, std::nullopt);
  EXPECT_EQ(read->Reports().EraseContact(id, At(1)).status(),
            base::FailedPreconditionError("transaction: read-only"));
}

TEST_P(RetentionConformance, DisputeClaimantContactsOfResolvedDisputesAreListedAndErased) {
  auto tx = Begin();
  const int64_t user = tx->Users().Create(MakeUser("an")).value();
  domain::Dispute d;
  d.kind = indicator::Kind::kDomain;
  d.canonical = "cua-hang.vn";
  d.reason = "Trang của tôi";
  d.claimant_contact_ciphertext = "sealed";
  d.created_at = At(0);
  const int64_t accepted = tx->Disputes().Create(d).value();
  const int64_t still_open = tx->Disputes().Create(d).value();
  const int64_t rejected = tx->Disputes().Create(d).value();
  domain::Dispute no_contact = d;
  no_contact.claimant_contact_ciphertext = std::nullopt;
  const int64_t anonymous = tx->Disputes().Create(no_contact).value();
  ASSERT_TRUE(
      tx->Disputes().Resolve(accepted, domain::DisputeStatus::kAccepted, "ok", user, At(100)).ok());
  ASSERT_TRUE(
      tx->Disputes().Resolve(rejected, domain::DisputeStatus::kRejected, "no", user, At(200)).ok());
  ASSERT_TRUE(
      tx->Disputes().Resolve(anonymous, domain::DisputeStatus::kRejected, "no", user, At(50)).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto work = Begin();
  EXPECT_THAT(work->Disputes().ListContactsResolvedBefore(At(99), 10).value(), IsEmpty());
  EXPECT_THAT(work->Disputes().ListContactsResolvedBefore(At(100), 10).value(),
              ElementsAre(accepted));
  EXPECT_THAT(work->Disputes().ListContactsResolvedBefore(At(1'000'000), 10).value(),
              ElementsAre(accepted, rejected));
  EXPECT_EQ(work->Disputes().ListContactsResolvedBefore(At(0), 0).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(work->Disputes().EraseClaimantContact(accepted, At(500)).value_or(false), true);
  EXPECT_EQ(work->Disputes().EraseClaimantContact(accepted, At(600)).value_or(true), false);
  EXPECT_EQ(work->Disputes().EraseClaimantContact(anonymous, At(600)).value_or(true), false);
  EXPECT_EQ(work->Disputes().EraseClaimantContact(still_open + 100, At(600)).status(),
            base::NotFoundError("dispute " + std::to_string(still_open + 100) + ": not found"));
  ASSERT_TRUE(work->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  domain::Dispute erased = read->Disputes().Get(accepted).value();
  EXPECT_EQ(erased.claimant_contact_ciphertext, std::nullopt);
  EXPECT_EQ(erased.claimant_contact_erased_at, At(500));
  EXPECT_EQ(erased.status, domain::DisputeStatus::kAccepted);
  EXPECT_EQ(erased.resolution, "ok");
  EXPECT_EQ(read->Disputes().Get(still_open).value().claimant_contact_ciphertext, "sealed");
  EXPECT_EQ(read->Disputes().Get(still_open).value().claimant_contact_erased_at, std::nullopt);
  EXPECT_EQ(read->Disputes().List(std::nullopt, PageRequest{10, ""}).value().items.front().id,
            anonymous);
  EXPECT_THAT(read->Disputes().ListContactsResolvedBefore(At(1'000'000), 10).value(),
              ElementsAre(rejected));
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing

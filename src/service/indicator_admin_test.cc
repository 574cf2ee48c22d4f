#include "service/indicator_admin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using domain::IndicatorStatus;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr auto kDay = std::chrono::hours(24);

class IndicatorAdminTest : public ::testing::Test {
 protected:
  domain::IndicatorRecord Upsert(Kind kind, const std::string& canonical, IndicatorStatus status,
                                 std::optional<base::TimePoint> expires_at = std::nullopt) {
    domain::IndicatorRecord r;
    r.kind = kind;
    r.canonical = canonical;
    r.category = domain::Category::kPhishing;
    r.severity = domain::Severity::kHigh;
    r.status = status;
    r.first_seen = clock_.Now();
    r.last_seen = clock_.Now();
    r.expires_at = expires_at;
    r.sources = {{"report:1", 100}};
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    auto stored = tx->Indicators().Upsert(r);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return stored.value_or(r);
  }
  domain::IndicatorRecord Get(Kind kind, const std::string& canonical) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Indicators().Get(kind, canonical).value();
  }
  std::vector<domain::AuditEntry> Audit() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Audit().List(0, 100).value();
  }

  testing::TempSqliteStore store_{"indicator_admin_test"};
  base::FakeClock clock_;
  IndicatorAdmin admin_{*store_, clock_};
};

TEST_F(IndicatorAdminTest, ListFiltersAndChecksItsLimits) {
  Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed);
  Upsert(Kind::kPhone, "+84912345678", IndicatorStatus::kPending);
  store::IndicatorFilter filter;
  filter.text = "VCB";
  auto page = admin_.List(filter, {10, ""});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].canonical, "vcb-xacminh.top");
  EXPECT_EQ(admin_.List({}, {201, ""}).status(),
            base::InvalidArgumentError("limit: must be between 1 and 200"));
  filter.text = std::string(201, 'a');
  EXPECT_EQ(admin_.List(filter, {10, ""}).status(),
            base::InvalidArgumentError("text: must be at most 200 bytes"));
}

TEST_F(IndicatorAdminTest, ExpireDelistAndRelistAreAuditedWithTheReason) {
  const domain::IndicatorRecord before =
      Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed);
  auto expired = admin_.Expire(Kind::kDomain, "vcb-xacminh.top", "user:an", " trang đã tắt ");
  ASSERT_TRUE(expired.ok()) << expired.status().ToString();
  EXPECT_EQ(expired->status, IndicatorStatus::kExpired);
  EXPECT_GT(expired->version, before.version);
  EXPECT_EQ(Get(Kind::kDomain, "vcb-xacminh.top"), *expired);
  auto delisted =
      admin_.Delist(Kind::kDomain, "vcb-xacminh.top", "user:an", "chủ sở hữu khiếu nại");
  ASSERT_TRUE(delisted.ok());
  EXPECT_EQ(delisted->status, IndicatorStatus::kDelisted);
  auto relisted = admin_.Relist(Kind::kDomain, "vcb-xacminh.top", "user:binh", "lại hoạt động");
  ASSERT_TRUE(relisted.ok());
  EXPECT_EQ(relisted->status, IndicatorStatus::kConfirmed);
  EXPECT_EQ(relisted->expires_at, std::nullopt);
  EXPECT_EQ(relisted->sources, before.sources);

  std::vector<std::string> audit;
  for (const auto& e : Audit())
    audit.push_back(e.actor + " " + e.action + " " + e.target + " " + e.summary);
  EXPECT_THAT(audit, ElementsAre("user:an indicator.expire indicator:domain:vcb-xacminh.top "
                                 "confirmed → expired: trang đã tắt",
                                 "user:an indicator.delist indicator:domain:vcb-xacminh.top "
                                 "expired → delisted: chủ sở hữu khiếu nại",
                                 "user:binh indicator.relist indicator:domain:vcb-xacminh.top "
                                 "delisted → confirmed: lại hoạt động"));
}

TEST_F(IndicatorAdminTest, RelistingAPastExpiryGivesANewOne) {
  Upsert(Kind::kPhone, "+84912345678", IndicatorStatus::kExpired, clock_.Now() - kDay);
  Upsert(Kind::kUrl, "http://a.vn/", IndicatorStatus::kExpired, clock_.Now() - kDay);
  auto phone = admin_.Relist(Kind::kPhone, "+84912345678", "user:an", "vẫn lừa đảo");
  ASSERT_TRUE(phone.ok()) << phone.status().ToString();
  EXPECT_EQ(phone->status, IndicatorStatus::kConfirmed);
  EXPECT_EQ(phone->expires_at, clock_.Now() + 365 * kDay);
  EXPECT_EQ(phone->sources, (std::vector<domain::IndicatorSource>{{"report:1", 100}}));
  auto url = admin_.Relist(Kind::kUrl, "http://a.vn/", "user:an", "vẫn lừa đảo");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->expires_at, clock_.Now() + 180 * kDay);
  EXPECT_EQ(Audit().size(), 2u);
}

TEST_F(IndicatorAdminTest, RefusalsWriteNothing) {
  Upsert(Kind::kDomain, "a.vn", IndicatorStatus::kDelisted);
  EXPECT_EQ(admin_.Delist(Kind::kDomain, "a.vn", "user:an", "ab").status(),
            base::InvalidArgumentError("reason: must be at least 3 bytes"));
  EXPECT_EQ(admin_.Delist(Kind::kDomain, "a.vn", "user:an", "     ").status(),
            base::InvalidArgumentError("reason: must be at least 3 bytes"));
  EXPECT_EQ(admin_.Delist(Kind::kDomain, "a.vn", "", "lý do").status(),
            base::InvalidArgumentError("actor: must not be empty"));
  EXPECT_EQ(admin_.Delist(Kind::kDomain, "a.vn", "user:an", "lý do").status(),
            base::FailedPreconditionError("status: already delisted"));
  EXPECT_EQ(admin_.Expire(Kind::kDomain, "b.vn", "user:an", "lý do").status(),
            base::NotFoundError("indicator domain b.vn: not found"));
  EXPECT_THAT(Audit(), IsEmpty());
}

}  // namespace
}  // namespace binhyen::service

// Conformance of the community channels (migration 0010): ChannelRepository. Every test runs
// against SQLite and, when BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL
// (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::ChannelKind;
using domain::CommunityChannel;
using domain::DeliveryStatus;

class ChannelConformance : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto tx = Begin();
    for (auto [code, parent] : std::vector<std::pair<std::string, std::string>>{
             {"town", ""}, {"p1", "town"}, {"p2", "town"}}) {
      domain::Unit u{code, "Đơn vị " + code, domain::UnitKind::kWard, parent, T(0)};
      ASSERT_TRUE(tx->Units().Create(u).ok()) << code;
    }
    domain::Warning w;
    w.slug = "canh-bao";
    w.title = "Cảnh báo";
    w.body = "Nội dung";
    w.published_at = T(5);
    w.created_at = T(1);
    w.updated_at = T(5);
    auto id = tx->Warnings().Create(w);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    warning_ = *id;
    ASSERT_TRUE(tx->Commit().ok());
  }

  static CommunityChannel Make(const std::string& unit, const std::string& name) {
    CommunityChannel c;
    c.unit_code = unit;
    c.kind = ChannelKind::kZaloGroup;
    c.name = name;
    c.url = "https://zalo.me/g/abc";
    c.admins = "Nguyễn Văn A (trưởng nhóm)";
    c.admin_contact_ciphertext = std::string("\x01\x00\xff", 3);
    c.created_at = T(10);
    c.updated_at = T(10);
    return c;
  }

  int64_t Add(const CommunityChannel& c) {
    auto tx = Begin();
    auto id = tx->Channels().Create(c);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }

  domain::WebhookDelivery Delivery(int64_t channel, std::optional<int64_t> warning, int64_t next) {
    domain::WebhookDelivery d;
    d.channel_id = channel;
    d.event = warning ? "warning.published" : "test";
    d.warning_id = warning;
    d.body = "{\"event\":\"test\"}";
    d.next_attempt_at = T(next);
    d.created_at = T(next);
    return d;
  }

  int64_t warning_ = 0;
};

TEST_P(ChannelConformance, ChannelRoundTripUpdateAndList) {
  CommunityChannel a = Make("p1", "An ninh mạng phường <1>");
  a.id = Add(a);
  CommunityChannel b = Make("p2", "Fanpage");
  b.kind = ChannelKind::kFacebookPage;
  b.admin_contact_ciphertext = std::nullopt;
  b.id = Add(b);
  CommunityChannel c = Make("p1", "Website");
  c.id = Add(c);
  auto tx = Begin();
  EXPECT_EQ(tx->Channels().Get(a.id).value(), a);
  a.active = false;
  a.webhook_url = "http://127.0.0.1:9/hook";
  a.webhook_secret_ciphertext = std::string("secret\x00\x01", 8);
  a.webhook_auto = true;
  a.updated_at = T(20);
  ASSERT_TRUE(tx->Channels().Update(a).ok());
  EXPECT_EQ(tx->Channels().Get(a.id).value(), a);
  a.created_at = T(99);  // ignored by Update
  ASSERT_TRUE(tx->Channels().Update(a).ok());
  EXPECT_EQ(tx->Channels().Get(a.id)->created_at, T(10));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto ids = [](const std::vector<CommunityChannel>& v) {
    std::vector<int64_t> out;
    for (const auto& ch : v) out.push_back(ch.id);
    return out;
  };
  EXPECT_THAT(ids(read->Channels().List({}).value()), ::testing::ElementsAre(a.id, b.id, c.id));
  const std::vector<std::string> p1 = {"p1"};
  EXPECT_THAT(ids(read->Channels().List(p1).value()), ::testing::ElementsAre(a.id, c.id));
  const std::vector<std::string> both = {"p2", "p1"};
  EXPECT_THAT(ids(read->Channels().List(both).value()), ::testing::ElementsAre(a.id, b.id, c.id));
}

TEST_P(ChannelConformance, ChannelErrorsNameTheField) {
  auto tx = Begin();
  CommunityChannel c = Make("nowhere", "X");
  EXPECT_EQ(tx->Channels().Create(c).status(), base::NotFoundError("unit 'nowhere': not found"));
  c.unit_code = "p1";
  c.url = "javascript:alert(1)";
  EXPECT_EQ(tx->Channels().Create(c).status(),
            base::InvalidArgumentError("url: must start with http:// or https://"));
  c.url = "https://zalo.me/g/x";
  c.webhook_url = "http://hook.example/";
  EXPECT_EQ(tx->Channels().Create(c).status(),
            base::InvalidArgumentError("webhook_secret_ciphertext: required with a webhook"));
  c.webhook_url.clear();
  c.id = 77;
  EXPECT_EQ(tx->Channels().Update(c), base::NotFoundError("channel 77: not found"));
  EXPECT_EQ(tx->Channels().Get(77).status(), base::NotFoundError("channel 77: not found"));
  // The transaction is still usable after those errors.
  EXPECT_TRUE(tx->Channels().Create(c).ok());
  EXPECT_TRUE(tx->Commit().ok());
}

TEST_P(ChannelConformance, FiguresUpsertNewestFirstAndLatest) {
  const int64_t a = Add(Make("p1", "A"));
  const int64_t b = Add(Make("p2", "B"));
  auto tx = Begin();
  for (auto [month, members] : std::vector<std::pair<std::string, int64_t>>{
           {"2026-09", 100}, {"2026-11", 130}, {"2026-10", 120}}) {
    ASSERT_TRUE(tx->Channels().UpsertFigures({a, month, members, 2, 1, T(30)}).ok());
  }
  ASSERT_TRUE(tx->Channels().UpsertFigures({a, "2026-11", 135, 4, 3, T(31)}).ok());
  ASSERT_TRUE(tx->Channels().UpsertFigures({b, "2026-10", 50, 0, 0, T(32)}).ok());
  EXPECT_EQ(tx->Channels().UpsertFigures({a, "2026-13", 1, 0, 0, T(33)}),
            base::InvalidArgumentError("month: must be YYYY-MM"));
  EXPECT_EQ(tx->Channels().UpsertFigures({a, "2026-12", -1, 0, 0, T(33)}),
            base::InvalidArgumentError("members: must not be negative"));
  EXPECT_EQ(tx->Channels().UpsertFigures({999, "2026-12", 1, 0, 0, T(33)}),
            base::NotFoundError("channel 999: not found"));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto figures = read->Channels().Figures(a, 2).value();
  ASSERT_EQ(figures.size(), 2u);
  EXPECT_EQ(figures[0], (domain::ChannelFigures{a, "2026-11", 135, 4, 3, T(31)}));
  EXPECT_EQ(figures[1].month, "2026-10");
  EXPECT_EQ(read->Channels().Figures(a, 0).status(),
            base::InvalidArgumentError("limit: must be 1..500"));
  auto latest = read->Channels().LatestFigures().value();
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].channel_id, a);
  EXPECT_EQ(latest[0].month, "2026-11");
  EXPECT_EQ(latest[1], (domain::ChannelFigures{b, "2026-10", 50, 0, 0, T(32)}));
}

TEST_P(ChannelConformance, ClaimingADeliveryWinsOnceAndLeasesIt) {
  const int64_t a = Add(Make("p1", "A"));
  auto tx = Begin();
  auto id = tx->Channels().EnqueueDelivery(Delivery(a, std::nullopt, 30));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(tx->Commit().ok());
  const domain::WebhookDelivery due = Begin(TxMode::kReadOnly)->Channels().GetDelivery(*id).value();

  // Two nodes read the same due row; the first claim moves it out of the queue for 120 s.
  auto first = Begin();
  EXPECT_TRUE(
      first->Channels().ClaimDelivery(*id, due.attempts, due.next_attempt_at, T(150)).value());
  ASSERT_TRUE(first->Commit().ok());
  auto second = Begin();
  EXPECT_FALSE(
      second->Channels().ClaimDelivery(*id, due.attempts, due.next_attempt_at, T(151)).value());
  ASSERT_TRUE(second->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Channels().GetDelivery(*id)->next_attempt_at, T(150));
  EXPECT_TRUE(read->Channels().DueDeliveries(T(149), 10)->empty());
  EXPECT_EQ(read->Channels().DueDeliveries(T(150), 10)->size(), 1u);  // the lease ran out
  read.reset();

  // A recorded attempt (attempts changed) or a delivered row cannot be claimed again with the
  // state read before; an unknown id is not claimed.
  auto write = Begin();
  domain::WebhookDelivery d = due;
  d.next_attempt_at = T(150);
  d.attempts = 1;
  d.status = DeliveryStatus::kDelivered;
  d.delivered_at = T(40);
  d.last_attempt_at = T(40);
  ASSERT_TRUE(write->Channels().UpdateDelivery(d).ok());
  EXPECT_FALSE(write->Channels().ClaimDelivery(*id, 0, T(150), T(300)).value());
  EXPECT_FALSE(write->Channels().ClaimDelivery(*id, 1, T(150), T(300)).value());
  EXPECT_FALSE(write->Channels().ClaimDelivery(999, 0, T(30), T(300)).value());
  ASSERT_TRUE(write->Commit().ok());
}

TEST_P(ChannelConformance, DeliveriesQueueOncePerWarningAndProgress) {
  const int64_t a = Add(Make("p1", "A"));
  auto tx = Begin();
  auto first = tx->Channels().EnqueueDelivery(Delivery(a, warning_, 40));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(tx->Channels().EnqueueDelivery(Delivery(a, warning_, 41)).status(),
            base::AlreadyExistsError("delivery: already exists"));
  EXPECT_EQ(tx->Channels().EnqueueDelivery(Delivery(a, 999, 41)).status(),
            base::NotFoundError("warning 999: not found"));
  auto test1 = tx->Channels().EnqueueDelivery(Delivery(a, std::nullopt, 30));
  auto test2 = tx->Channels().EnqueueDelivery(Delivery(a, std::nullopt, 50));
  ASSERT_TRUE(test1.ok() && test2.ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Channels().NextDueTime().value(), T(30));
  auto due = read->Channels().DueDeliveries(T(45), 10).value();
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, *test1);
  EXPECT_EQ(due[1].id, *first);
  EXPECT_EQ(due[1].warning_id, warning_);
  EXPECT_EQ(due[1].status, DeliveryStatus::kPending);
  read.reset();

  auto write = Begin();
  domain::WebhookDelivery d = due[1];
  d.attempts = 1;
  d.status = DeliveryStatus::kDelivered;
  d.last_http_status = 204;
  d.last_attempt_at = T(46);
  d.delivered_at = T(46);
  ASSERT_TRUE(write->Channels().UpdateDelivery(d).ok());
  domain::WebhookDelivery failed = due[0];
  failed.attempts = 5;
  failed.status = DeliveryStatus::kFailed;
  failed.last_error = "connect: refused";
  failed.last_attempt_at = T(47);
  ASSERT_TRUE(write->Channels().UpdateDelivery(failed).ok());
  failed.id = 999;
  EXPECT_EQ(write->Channels().UpdateDelivery(failed),
            base::NotFoundError("delivery 999: not found"));
  ASSERT_TRUE(write->Commit().ok());

  auto after = Begin(TxMode::kReadOnly);
  EXPECT_EQ(after->Channels().GetDelivery(d.id).value(), d);
  EXPECT_EQ(after->Channels().GetDelivery(*test1)->last_error, "connect: refused");
  EXPECT_EQ(after->Channels().NextDueTime().value(), T(50));
  EXPECT_TRUE(after->Channels().DueDeliveries(T(45), 10)->empty());
  auto log = after->Channels().Deliveries(a, 2).value();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].id, *test2);
  EXPECT_EQ(log[1].id, *test1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ChannelConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing

#include "service/channels.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>

#include "service/testing/temp_sqlite_store.h"
#include "service/webhook_dispatcher.h"
#include "service/webhooks.h"

namespace binhyen::service {
namespace {

using domain::DeliveryStatus;
using ::testing::ElementsAre;

std::array<uint8_t, crypto::SecretBox::kKeyBytes> TestKey() {
  std::array<uint8_t, crypto::SecretBox::kKeyBytes> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
  return key;
}

Principal Caller(domain::Role role, std::string unit = "") {
  Principal p;
  p.user_id = 1;
  p.name = "nguoi";
  p.role = role;
  p.unit = std::move(unit);
  return p;
}

// Answers from a script (an HTTP status or an error per call) and records what it was sent.
class ScriptedSender final : public WebhookSender {
 public:
  base::Result<int> Post(const WebhookRequest& request) override {
    std::lock_guard<std::mutex> lock(mutex_);
    sent.push_back(request);
    if (script.empty()) return 204;
    base::Result<int> next = script.front();
    script.pop_front();
    return next;
  }
  std::deque<base::Result<int>> script;
  std::vector<WebhookRequest> sent;

 private:
  std::mutex mutex_;
};

std::string Header(const WebhookRequest& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

ChannelInput Input(std::string unit, std::string name) {
  ChannelInput in;
  in.unit = std::move(unit);
  in.kind = "zalo_group";
  in.name = std::move(name);
  in.url = "https://zalo.me/g/abcdef";
  in.admins = "Nguyễn Văn An (trưởng nhóm)";
  in.admin_contact = "0905 123 456";
  return in;
}

// town ─┬─ pho-minh      a published warning (id warning_)
//       └─ nghia-lo
class ChannelsTest : public ::testing::Test {
 protected:
  ChannelsTest()
      : box_(crypto::SecretBox::FromKey(TestKey())),
        channels_(*store_, box_, clock_, random_, {"https://binhyen.example"}),
        dispatcher_(*store_, box_, clock_, sender_, &channels_) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, name, parent] :
         std::vector<std::array<std::string, 3>>{{"town", "Thị xã Đức Phổ", ""},
                                                 {"pho-minh", "Phường Phổ Minh", "town"},
                                                 {"nghia-lo", "Phường Nghĩa Lộ", "town"}}) {
      EXPECT_TRUE(
          tx->Units().Create({code, name, domain::UnitKind::kWard, parent, clock_.Now()}).ok());
    }
    domain::Warning w;
    w.slug = "gia-danh-cong-an";
    w.title = "Cảnh báo: giả danh công an gọi điện";
    w.body = "# Thủ đoạn\n\nKẻ gian **gọi điện** tự xưng công an.";
    w.category = domain::Category::kFakePolice;
    w.created_at = w.updated_at = clock_.Now() - std::chrono::hours(1);
    w.published_at = clock_.Now() + std::chrono::minutes(10);
    warning_ = tx->Warnings().Create(w).value();
    EXPECT_TRUE(tx->Commit().ok());
  }

  ChannelSaved Add(ChannelInput in, const Principal& by) {
    auto saved = channels_.Create(by, in);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.value_or(ChannelSaved{});
  }

  domain::WebhookDelivery Delivery(int64_t id) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Channels().GetDelivery(id).value();
  }

  testing::TempSqliteStore store_{"channels_test"};
  base::FakeClock clock_{base::TimePoint(std::chrono::seconds(1'795'000'000))};
  crypto::FakeRandom random_{7};
  crypto::SecretBox box_;
  Channels channels_;
  ScriptedSender sender_;
  WebhookDispatcher dispatcher_;
  int64_t warning_ = 0;
  const Principal admin_ = Caller(domain::Role::kProgrammeAdmin);
  const Principal officer_ = Caller(domain::Role::kUnitOfficer, "pho-minh");
};

TEST(WebhookFormatTest, SignatureKnownAnswer) {
  // python3: hmac.new(b'test-secret', b'1795000000.{"event":"test"}', sha256).hexdigest()
  EXPECT_EQ(WebhookSignature("test-secret", "1795000000", "{\"event\":\"test\"}"),
            "sha256=ed9ccae70cb6534f197612be75877a7301c9e863d63a2749716aeff01d58c7df");
}

TEST_F(ChannelsTest, OfficersManageOnlyTheirUnitAndContactsAreEncrypted) {
  ChannelSaved mine = Add(Input("pho-minh", "An ninh mạng phường Phổ Minh"), officer_);
  EXPECT_EQ(mine.view.admin_contact, "0905 123 456");
  EXPECT_FALSE(mine.new_secret.has_value());
  Add(Input("nghia-lo", "Fanpage Nghĩa Lộ"), admin_);
  auto refused = channels_.Create(officer_, Input("nghia-lo", "X"));
  EXPECT_EQ(refused.status(), base::InvalidArgumentError("unit: outside your unit"));
  auto list = channels_.List(officer_).value();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].channel.name, "An ninh mạng phường Phổ Minh");
  EXPECT_EQ(channels_.List(admin_)->size(), 2u);
  EXPECT_EQ(channels_.Get(officer_, list[0].channel.id + 1).status(),
            base::NotFoundError("channel 2: not found"));
  EXPECT_EQ(channels_.List(Caller(domain::Role::kMember)).status().code(),
            base::StatusCode::kPermissionDenied);
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  auto stored = tx->Channels().Get(mine.view.channel.id).value();
  ASSERT_TRUE(stored.admin_contact_ciphertext.has_value());
  EXPECT_EQ(stored.admin_contact_ciphertext->find("0905"), std::string::npos);
}

TEST_F(ChannelsTest, FieldErrorsNameEveryField) {
  ChannelInput in = Input("", "");
  in.kind = "telegram";
  in.url = "javascript:alert(1)";
  in.webhook_url = "ftp://hooks.example/x";
  EXPECT_EQ(channels_.Create(admin_, in).status(),
            base::InvalidArgumentError(
                "unit: choose a unit\nkind: choose Zalo group, fanpage, website or other\n"
                "name: must not be empty\nurl: must be a link starting with https:// or "
                "http://\nwebhook_url: must be a link starting with https:// or http://"));
}

TEST_F(ChannelsTest, FiguresTotalsAndPublicList) {
  const int64_t a = Add(Input("pho-minh", "Zalo A"), officer_).view.channel.id;
  ChannelInput b_in = Input("pho-minh", "Fanpage B");
  b_in.kind = "facebook_page";
  const int64_t b = Add(b_in, admin_).view.channel.id;
  ChannelInput c_in = Input("nghia-lo", "Nhóm cũ");
  c_in.active = false;
  Add(c_in, admin_);
  ASSERT_TRUE(channels_.PutFigures(officer_, a, {0, "2026-10", 100, 3, 1, {}}).ok());
  ASSERT_TRUE(channels_.PutFigures(officer_, a, {0, "2026-11", 120, 5, 2, {}}).ok());
  ASSERT_TRUE(channels_.PutFigures(admin_, b, {0, "2026-11", 300, 4, 0, {}}).ok());
  EXPECT_EQ(channels_.PutFigures(officer_, a, {0, "2026-11", -5, 0, 0, {}}),
            base::InvalidArgumentError("members: must not be negative"));
  auto totals = Channels::Totals(channels_.List(admin_).value());
  ASSERT_EQ(totals.size(), 2u);
  EXPECT_EQ(totals[1].unit_code, "pho-minh");
  EXPECT_EQ(totals[1].members, 420);
  EXPECT_EQ(totals[1].warnings_relayed, 9);
  EXPECT_EQ(totals[1].reports_received, 2);
  EXPECT_EQ(totals[0].active, 0);
  auto pub = channels_.PublicList().value();
  ASSERT_EQ(pub.size(), 1u);
  EXPECT_EQ(pub[0].unit_name, "Phường Phổ Minh");
  ASSERT_EQ(pub[0].channels.size(), 2u);
  EXPECT_EQ(pub[0].channels[0].name, "Fanpage B");
}

TEST_F(ChannelsTest, SignedDeliveryWithBackoffThenFailure) {
  ChannelInput in = Input("pho-minh", "Zalo A");
  in.webhook_url = "http://127.0.0.1:9/hook";
  ChannelSaved saved = Add(in, officer_);
  ASSERT_TRUE(saved.new_secret.has_value());
  EXPECT_EQ(saved.new_secret->size(), 43u);
  const int64_t id = channels_.SendTest(officer_, saved.view.channel.id).value();
  sender_.script = {500, base::Status{base::StatusCode::kDeadlineExceeded, "timeout"}, 502, 503,
                    500};
  ASSERT_EQ(dispatcher_.RunDue().value(), 1);
  domain::WebhookDelivery d = Delivery(id);
  EXPECT_EQ(d.status, DeliveryStatus::kPending);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.last_http_status, 500);
  EXPECT_EQ(d.next_attempt_at - *d.last_attempt_at, std::chrono::minutes(1));
  EXPECT_EQ(dispatcher_.RunDue().value(), 0);  // not due yet
  const std::vector<std::chrono::seconds> waits = {std::chrono::minutes(1), std::chrono::minutes(5),
                                                   std::chrono::minutes(30), std::chrono::hours(2)};
  for (size_t i = 0; i < waits.size(); ++i) {
    clock_.Advance(waits[i]);
    ASSERT_EQ(dispatcher_.RunDue().value(), 1) << i;
  }
  d = Delivery(id);
  EXPECT_EQ(d.status, DeliveryStatus::kFailed);
  EXPECT_EQ(d.attempts, 5);
  EXPECT_EQ(d.last_error, "HTTP 500");
  ASSERT_EQ(sender_.sent.size(), 5u);
  // Every attempt is signed over its own timestamp and the same body.
  const WebhookRequest& last = sender_.sent.back();
  EXPECT_EQ(Header(last, "X-BinhYen-Event"), "test");
  EXPECT_EQ(Header(last, "X-BinhYen-Delivery"), std::to_string(id));
  EXPECT_EQ(Header(last, "X-BinhYen-Signature"),
            WebhookSignature(*saved.new_secret, Header(last, "X-BinhYen-Timestamp"), last.body));
  EXPECT_NE(Header(last, "X-BinhYen-Timestamp"),
            Header(sender_.sent.front(), "X-BinhYen-Timestamp"));
  // Resend: pending again from zero, then delivered.
  ASSERT_TRUE(channels_.Resend(officer_, saved.view.channel.id, id).ok());
  EXPECT_EQ(channels_.Resend(officer_, saved.view.channel.id, id),
            base::FailedPreconditionError("status: only a failed delivery is sent again"));
  ASSERT_EQ(dispatcher_.RunDue().value(), 1);
  d = Delivery(id);
  EXPECT_EQ(d.status, DeliveryStatus::kDelivered);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.last_http_status, 204);
  EXPECT_EQ(d.delivered_at, d.last_attempt_at);
}

// Sends through `inner` after running `during` (once): what another node does meanwhile.
class InterleavedSender final : public WebhookSender {
 public:
  explicit InterleavedSender(WebhookSender& inner) : inner_(inner) {}
  base::Result<int> Post(const WebhookRequest& request) override {
    if (during) std::exchange(during, nullptr)();
    return inner_.Post(request);
  }
  std::function<void()> during;

 private:
  WebhookSender& inner_;
};

TEST_F(ChannelsTest, TwoNodesNeverSendTheSameDeliveryAndALostNodesLeaseRunsOut) {
  ChannelInput in = Input("pho-minh", "Zalo A");
  in.webhook_url = "http://127.0.0.1:9/hook";
  ChannelSaved saved = Add(in, officer_);
  const int64_t id = channels_.SendTest(officer_, saved.view.channel.id).value();

  // Node A claims the delivery and, while it is sending, node B runs: nothing is due for B.
  InterleavedSender node_a_sender(sender_);
  WebhookDispatcher node_a(*store_, box_, clock_, node_a_sender, &channels_);
  ScriptedSender node_b_sender;
  WebhookDispatcher node_b(*store_, box_, clock_, node_b_sender, &channels_);
  int b_attempted = -1;
  node_a_sender.during = [&] { b_attempted = node_b.RunDue().value(); };
  ASSERT_EQ(node_a.RunDue().value(), 1);
  EXPECT_EQ(b_attempted, 0);
  EXPECT_TRUE(node_b_sender.sent.empty());
  ASSERT_EQ(sender_.sent.size(), 1u);
  EXPECT_EQ(Delivery(id).status, DeliveryStatus::kDelivered);

  // A node that claimed an attempt and died: the others wait for its lease (120 s), then retry.
  const int64_t second = channels_.SendTest(officer_, saved.view.channel.id).value();
  const domain::WebhookDelivery due = Delivery(second);
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Channels()
                    .ClaimDelivery(second, due.attempts, due.next_attempt_at,
                                   clock_.Now() + std::chrono::seconds(120))
                    .value());
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(node_b.RunDue().value(), 0);
  clock_.Advance(std::chrono::seconds(120));
  EXPECT_EQ(node_b.RunDue().value(), 1);
  EXPECT_EQ(node_b_sender.sent.size(), 1u);
  EXPECT_EQ(Delivery(second).status, DeliveryStatus::kDelivered);
}

TEST_F(ChannelsTest, PublishedWarningsGoToOptedInChannelsOnce) {
  ChannelInput in = Input("pho-minh", "Zalo A");
  in.webhook_url = "http://127.0.0.1:9/hook";
  in.webhook_auto = true;
  const int64_t auto_id = Add(in, admin_).view.channel.id;
  in.name = "Zalo B (manual)";
  in.webhook_auto = false;
  Add(in, admin_);
  // Not yet published: nothing queued, and a manual send is refused.
  EXPECT_EQ(channels_.EnqueueRecentlyPublished().value(), 0);
  EXPECT_EQ(channels_.SendWarning(admin_, warning_).status(),
            base::FailedPreconditionError("warning 1: not published"));
  clock_.Advance(std::chrono::minutes(11));
  EXPECT_EQ(channels_.EnqueueRecentlyPublished().value(), 1);
  EXPECT_EQ(channels_.EnqueueRecentlyPublished().value(), 0);
  EXPECT_EQ(channels_.SendWarning(officer_, warning_).status().code(),
            base::StatusCode::kPermissionDenied);
  EXPECT_EQ(channels_.SendWarning(admin_, warning_).value(), 1);  // the manual channel only
  ASSERT_EQ(dispatcher_.RunDue().value(), 2);
  auto log = channels_.Deliveries(admin_, auto_id).value();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].status, DeliveryStatus::kDelivered);
  auto body = nlohmann::json::parse(log[0].body);
  EXPECT_EQ(body["event"], "warning.published");
  EXPECT_EQ(body["warning"]["title"], "Cảnh báo: giả danh công an gọi điện");
  EXPECT_EQ(body["warning"]["summary"], "Thủ đoạn Kẻ gian gọi điện tự xưng công an.");
  EXPECT_EQ(body["warning"]["url"], "https://binhyen.example/canh-bao/gia-danh-cong-an");
  EXPECT_EQ(body["warning"]["category"], "fake_police");
  EXPECT_EQ(body["warning"]["published_at"], "2026-11-18T11:16:40Z");
  EXPECT_EQ(body["channel"]["id"], auto_id);
  EXPECT_EQ(body["channel"]["name"], "Zalo A");
}

TEST_F(ChannelsTest, ChannelWithoutWebhookFailsItsPendingDeliveries) {
  ChannelInput in = Input("pho-minh", "Zalo A");
  in.webhook_url = "http://127.0.0.1:9/hook";
  const int64_t ch = Add(in, admin_).view.channel.id;
  const int64_t id = channels_.SendTest(admin_, ch).value();
  in.webhook_url.clear();
  ASSERT_TRUE(channels_.Update(admin_, ch, in).ok());
  EXPECT_EQ(channels_.SendTest(admin_, ch).status(),
            base::FailedPreconditionError("webhook_url: this channel has no webhook"));
  ASSERT_EQ(dispatcher_.RunDue().value(), 1);
  EXPECT_TRUE(sender_.sent.empty());
  EXPECT_EQ(Delivery(id).status, DeliveryStatus::kFailed);
}

TEST_F(ChannelsTest, DispatcherStartsAndStopsCleanly) {
  dispatcher_.Start();
  dispatcher_.Start();
  dispatcher_.Stop();
  dispatcher_.Stop();
  EXPECT_EQ(dispatcher_.RetryDelay(1), std::chrono::minutes(1));
  EXPECT_EQ(dispatcher_.RetryDelay(4), std::chrono::hours(2));
  EXPECT_EQ(dispatcher_.RetryDelay(9), std::chrono::hours(2));
}

}  // namespace
}  // namespace binhyen::service

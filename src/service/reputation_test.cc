#include "service/reputation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const base::TimePoint kStart(std::chrono::seconds(1'790'000'000));

// A change listener the test notifies by hand.
class FakeListener : public store::ChangeListener {
 public:
  bool Wait(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(mu_);
    ++waits_;
    cv_.wait_for(lock, timeout, [this] { return pending_ || woken_; });
    const bool notified = pending_;
    pending_ = woken_ = false;
    return notified;
  }
  void Wake() override {
    std::lock_guard lock(mu_);
    woken_ = true;
    cv_.notify_all();
  }
  void Notify() {
    std::lock_guard lock(mu_);
    pending_ = true;
    cv_.notify_all();
  }
  // How many Waits began.
  int waits() {
    std::lock_guard lock(mu_);
    return waits_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool pending_ = false;
  bool woken_ = false;
  int waits_ = 0;
};

// A store that hands out `listener` (or `error`) from ListenForChanges; the rest is `inner`'s.
class ListeningStore : public store::Store {
 public:
  ListeningStore(store::Store& inner, FakeListener* listener, base::Status error)
      : inner_(inner), listener_(listener), error_(std::move(error)) {}
  std::string_view Backend() const override { return inner_.Backend(); }
  base::Status Migrate() override { return inner_.Migrate(); }
  base::Result<int> SchemaVersion() override { return inner_.SchemaVersion(); }
  int LatestSchemaVersion() const override { return inner_.LatestSchemaVersion(); }
  base::Result<std::unique_ptr<store::Transaction>> Begin(store::TxMode mode) override {
    return inner_.Begin(mode);
  }
  base::Status Backup(const std::string& destination) override {
    return inner_.Backup(destination);
  }
  base::Status CheckIntegrity() override { return inner_.CheckIntegrity(); }
  base::Result<std::unique_ptr<store::ChangeListener>> ListenForChanges() override {
    if (!error_.ok()) return error_;
    // Forwards to the test's listener, which outlives the Reputation.
    class Forward : public store::ChangeListener {
     public:
      explicit Forward(FakeListener* l) : l_(l) {}
      bool Wait(std::chrono::milliseconds timeout) override { return l_->Wait(timeout); }
      void Wake() override { l_->Wake(); }

     private:
      FakeListener* l_;
    };
    return std::unique_ptr<store::ChangeListener>(std::make_unique<Forward>(listener_));
  }
  base::Status ExecForTesting(std::string_view sql) override { return inner_.ExecForTesting(sql); }

 private:
  store::Store& inner_;
  FakeListener* listener_;
  base::Status error_;
};

class ReputationTest : public ::testing::Test {
 protected:
  ReputationTest() : store_("reputation_test"), clock_(kStart) {}

  void Confirm(indicator::Kind kind, const std::string& canonical,
               std::optional<base::TimePoint> expires_at = std::nullopt,
               domain::IndicatorStatus status = domain::IndicatorStatus::kConfirmed,
               std::string source = "report:1") {
    domain::IndicatorRecord r;
    r.kind = kind;
    r.canonical = canonical;
    r.category = domain::Category::kPhishing;
    r.severity = domain::Severity::kHigh;
    r.status = status;
    r.first_seen = kStart;
    r.last_seen = kStart;
    r.expires_at = expires_at;
    r.sources = {{std::move(source), 100}};
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Indicators().Upsert(r).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }

  void Import(const std::string& name, domain::FeedTrust trust,
              std::vector<store::FeedEntryInput> entries, bool enabled = true) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    base::Result<domain::FeedSource> source =
        tx->Feeds().UpsertSource(name, "hosts", trust, enabled);
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    ASSERT_TRUE(tx->Feeds().ReplaceEntries(source->id, entries, clock_.Now()).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }

  index::CheckResult Check(Reputation& r, indicator::Kind kind, std::string_view value) {
    return r.view()->Check(kind, value);
  }

  testing::TempSqliteStore store_;
  base::FakeClock clock_;
};

TEST_F(ReputationTest, StartsEmptyAndFollowsConfirmations) {
  Reputation reputation(store_.get(), clock_);
  EXPECT_EQ(reputation.view()->version(), 0);
  EXPECT_EQ(Check(reputation, indicator::Kind::kUrl, "http://lua-dao.top/").verdict,
            index::Verdict::kUnknown);
  Confirm(indicator::Kind::kDomain, "lua-dao.top");
  Confirm(indicator::Kind::kPhone, "+84912345678");
  Confirm(indicator::Kind::kDomain, "cho-xac-minh.top", std::nullopt,
          domain::IndicatorStatus::kPending);
  ASSERT_TRUE(reputation.Refresh().ok());
  EXPECT_GT(reputation.view()->version(), 0);
  index::CheckResult url = Check(reputation, indicator::Kind::kUrl, "https://a.lua-dao.top/x");
  EXPECT_EQ(url.verdict, index::Verdict::kDangerous);
  ASSERT_FALSE(url.matches.empty());
  EXPECT_EQ(url.matches[0].source, "binhyen");
  EXPECT_EQ(url.matches[0].category, "phishing");
  EXPECT_THAT(url.categories, ElementsAre("phishing"));
  EXPECT_EQ(Check(reputation, indicator::Kind::kPhone, "0912 345 678").verdict,
            index::Verdict::kDangerous);
  // Pending indicators are never public.
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "cho-xac-minh.top").verdict,
            index::Verdict::kUnknown);
}

TEST_F(ReputationTest, AMatchLinksToThePublishedWarningNamingIt) {
  domain::Warning w;
  w.slug = "gia-mao-vietcombank";
  w.title = "Cảnh báo trang giả mạo Vietcombank";
  w.body = "Không đăng nhập vào trang này.";
  w.published_at = kStart;
  w.indicators = {{indicator::Kind::kDomain, "canh-bao.top"}};
  w.created_at = kStart;
  w.updated_at = kStart;
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Warnings().Create(w).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  Confirm(indicator::Kind::kDomain, "canh-bao.top");
  Confirm(indicator::Kind::kDomain, "khong-canh-bao.top");
  Reputation reputation(store_.get(), clock_);
  ASSERT_TRUE(reputation.Refresh().ok());
  index::CheckResult named = Check(reputation, indicator::Kind::kDomain, "canh-bao.top");
  ASSERT_EQ(named.matches.size(), 1u);
  EXPECT_EQ(named.matches[0].warning_url, "/canh-bao/gia-mao-vietcombank");
  index::CheckResult other = Check(reputation, indicator::Kind::kDomain, "khong-canh-bao.top");
  ASSERT_EQ(other.matches.size(), 1u);
  EXPECT_EQ(other.matches[0].warning_url, "");
}

TEST_F(ReputationTest, AnExpiredIndicatorStopsBeingListed) {
  Confirm(indicator::Kind::kDomain, "het-han.top", kStart + std::chrono::hours(24));
  Reputation reputation(store_.get(), clock_);
  ASSERT_TRUE(reputation.Refresh().ok());
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "het-han.top").verdict,
            index::Verdict::kDangerous);
  clock_.Advance(std::chrono::hours(25));
  ASSERT_TRUE(reputation.Refresh().ok());  // nothing changed in the store, but time passed
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "het-han.top").verdict,
            index::Verdict::kUnknown);
}

TEST_F(ReputationTest, ImportedSourcesListWithTheirTrustAndDelistingRemovesEverywhere) {
  Import("hostsvn", domain::FeedTrust::kMedium,
         {{indicator::Kind::kDomain, "nguon-ngoai.top", ""},
          {indicator::Kind::kDomain, "bi-khieu-nai.top", "phishing"}});
  Import("trusted-cert", domain::FeedTrust::kHigh,
         {{indicator::Kind::kDomain, "cert-xac-nhan.top", "malware"}});
  Import("tat", domain::FeedTrust::kHigh, {{indicator::Kind::kDomain, "da-tat.top", ""}},
         /*enabled=*/false);
  Reputation reputation(store_.get(), clock_);
  ASSERT_TRUE(reputation.Refresh().ok());
  index::CheckResult medium = Check(reputation, indicator::Kind::kDomain, "nguon-ngoai.top");
  EXPECT_EQ(medium.verdict, index::Verdict::kSuspicious);
  ASSERT_EQ(medium.matches.size(), 1u);
  EXPECT_EQ(medium.matches[0].source, "feed:hostsvn");
  EXPECT_EQ(medium.matches[0].category, "other");
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "cert-xac-nhan.top").verdict,
            index::Verdict::kDangerous);
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "da-tat.top").verdict,
            index::Verdict::kUnknown);
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "bi-khieu-nai.top").verdict,
            index::Verdict::kSuspicious);

  // An accepted dispute: a delisted record of our own removes it from every source.
  Confirm(indicator::Kind::kDomain, "bi-khieu-nai.top", std::nullopt,
          domain::IndicatorStatus::kDelisted, "dispute:1");
  ASSERT_TRUE(reputation.Refresh().ok());
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "bi-khieu-nai.top").verdict,
            index::Verdict::kUnknown);
  EXPECT_THAT(Check(reputation, indicator::Kind::kDomain, "bi-khieu-nai.top").matches, IsEmpty());
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "nguon-ngoai.top").verdict,
            index::Verdict::kSuspicious);

  // Re-importing without an entry expires it.
  Import("hostsvn", domain::FeedTrust::kMedium, {{indicator::Kind::kDomain, "moi.top", ""}});
  ASSERT_TRUE(reputation.Refresh().ok());
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "nguon-ngoai.top").verdict,
            index::Verdict::kUnknown);
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "moi.top").verdict,
            index::Verdict::kSuspicious);
}

TEST_F(ReputationTest, OwnAndImportedMatchesAreBothShownOwnFirst) {
  Import("hostsvn", domain::FeedTrust::kLow, {{indicator::Kind::kDomain, "ca-hai.top", ""}});
  Confirm(indicator::Kind::kDomain, "ca-hai.top");
  Reputation reputation(store_.get(), clock_);
  ASSERT_TRUE(reputation.Refresh().ok());
  index::CheckResult r = Check(reputation, indicator::Kind::kDomain, "ca-hai.top");
  EXPECT_EQ(r.verdict, index::Verdict::kDangerous);
  ASSERT_EQ(r.matches.size(), 2u);
  EXPECT_EQ(r.matches[0].source, "binhyen");
  EXPECT_EQ(r.matches[1].source, "feed:hostsvn");
}

TEST_F(ReputationTest, BanksAndGovernmentSitesAreTrusted) {
  Reputation reputation(store_.get(), clock_);
  ASSERT_TRUE(reputation.Refresh().ok());
  index::CheckResult gov = Check(reputation, indicator::Kind::kUrl, "https://dichvucong.gov.vn/");
  EXPECT_EQ(gov.verdict, index::Verdict::kTrusted);
  EXPECT_EQ(gov.trusted_reason, "government");
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "vietcombank.com.vn").verdict,
            index::Verdict::kTrusted);
  // A look-alike is not.
  EXPECT_EQ(Check(reputation, indicator::Kind::kDomain, "vietcombank.com.vn.xac-minh.top").verdict,
            index::Verdict::kUnknown);
}

TEST_F(ReputationTest, TheBackgroundRefreshPicksUpAConfirmation) {
  ReputationOptions options;
  options.refresh_period = std::chrono::milliseconds(5);
  options.hash_list_period = std::chrono::milliseconds(0);
  Reputation reputation(store_.get(), clock_, options);
  reputation.Start();
  reputation.Start();  // a second Start is a no-op
  Confirm(indicator::Kind::kPhone, "+84987654321");
  // Waits for the refresh thread (not a timing assertion: the deadline only bounds a hang).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict !=
             index::Verdict::kDangerous &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict,
            index::Verdict::kDangerous);
  // The hash lists follow on their own thread.
  const index::FullHash hash = index::HashExpression("+84987654321");
  const std::vector<uint32_t> prefix = {index::PrefixOf(hash)};
  auto listed = [&] {
    base::Result<index::HashSearchResult> found = reputation.hash_lists().Search(prefix);
    return found.ok() && found->matches.size() == 1 && found->matches[0].full_hash == hash;
  };
  while (!listed() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(listed());
  reputation.Stop();
  reputation.Stop();
}

TEST_F(ReputationTest, ANotificationWakesTheRefreshAtOnce) {
  FakeListener listener;
  ListeningStore store(store_.get(), &listener, base::Status::Ok());
  ReputationOptions options;
  // Neither the polling period nor the version check's timeout could explain a refresh.
  options.refresh_period = std::chrono::hours(1);
  options.listen_timeout = std::chrono::hours(1);
  Reputation reputation(store, clock_, options);
  reputation.Start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  // The first refresh runs at once; then the thread waits on the listener.
  while (listener.waits() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Confirm(indicator::Kind::kPhone, "+84987654321");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict,
            index::Verdict::kUnknown);  // not notified yet: still waiting
  listener.Notify();
  while (Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict !=
             index::Verdict::kDangerous &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict,
            index::Verdict::kDangerous);
  // Stop wakes the waiting thread instead of waiting out the hour.
  const auto before = std::chrono::steady_clock::now();
  reputation.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(10));
}

TEST_F(ReputationTest, TheTimeoutIsTheVersionCheckWhenNotificationsAreLost) {
  FakeListener listener;
  ListeningStore store(store_.get(), &listener, base::Status::Ok());
  ReputationOptions options;
  options.refresh_period = std::chrono::hours(1);
  options.listen_timeout = std::chrono::milliseconds(5);
  Reputation reputation(store, clock_, options);
  reputation.Start();
  Confirm(indicator::Kind::kPhone, "+84987654321");  // never notified
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict !=
             index::Verdict::kDangerous &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict,
            index::Verdict::kDangerous);
}

TEST_F(ReputationTest, AListenerErrorFallsBackToPolling) {
  ListeningStore store(store_.get(), nullptr, base::UnavailableError("LISTEN: refused"));
  ReputationOptions options;
  options.refresh_period = std::chrono::milliseconds(5);
  options.listen_timeout = std::chrono::hours(1);
  Reputation reputation(store, clock_, options);
  reputation.Start();
  Confirm(indicator::Kind::kPhone, "+84987654321");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict !=
             index::Verdict::kDangerous &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(Check(reputation, indicator::Kind::kPhone, "+84987654321").verdict,
            index::Verdict::kDangerous);
}

}  // namespace
}  // namespace binhyen::service

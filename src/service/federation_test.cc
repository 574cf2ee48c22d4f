#include "service/federation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/random.h"
#include "service/reputation.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using domain::IndicatorStatus;
using indicator::Kind;
using ::testing::HasSubstr;

constexpr auto kDay = std::chrono::hours(24);

// Hands a peer's page over in-process: the instance whose URL the peer has answers through its
// own Federation::Feed. `tamper` may change a page on the way.
class DirectFetcher final : public FederationFetcher {
 public:
  base::Result<FederationPage> Fetch(const domain::Peer& peer, int64_t since, int limit) override {
    ++calls;
    auto it = instances.find(peer.url);
    if (it == instances.end()) return base::UnavailableError("no instance at " + peer.url);
    BINHYEN_ASSIGN_OR_RETURN(FederationPage page, it->second->Feed(since, limit));
    if (tamper) tamper(page, since);
    return page;
  }
  std::map<std::string, Federation*> instances;
  std::function<void(FederationPage&, int64_t since)> tamper;
  int calls = 0;
};

// One instance: a store, a key, its Federation and its reputation index.
struct Instance {
  Instance(const char* name, uint64_t seed, base::FakeClock& clock, int page_size = 1000)
      : store(name),
        random(seed),
        key(crypto::SigningKey::Generate(random)),
        federation(*store, key, clock, &fetcher,
                   FederationOptions{.public_url = std::string("https://") + name + ".example.vn",
                                     .name = name,
                                     .page_size = page_size}),
        reputation(*store, clock),
        url(std::string("https://") + name + ".example.vn") {}

  void Upsert(Kind kind, const std::string& canonical, IndicatorStatus status,
              base::TimePoint now) {
    domain::IndicatorRecord r;
    r.kind = kind;
    r.canonical = canonical;
    r.category = domain::Category::kPhishing;
    r.status = status;
    r.first_seen = now;
    r.last_seen = now;
    r.expires_at = now + 90 * kDay;
    r.sources = {{"report:1", 100}};
    auto tx = store->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Indicators().Upsert(r).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  void SetStatus(Kind kind, const std::string& canonical, IndicatorStatus status) {
    auto tx = store->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Indicators().SetStatus(kind, canonical, status).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  index::Verdict Check(Kind kind, const std::string& value) {
    EXPECT_TRUE(reputation.Refresh().ok());
    return reputation.view()->Check(kind, value).verdict;
  }
  domain::Peer Peer(const std::string& name) {
    auto tx = store->Begin(store::TxMode::kReadOnly).value();
    return tx->Federation().GetPeer(name).value();
  }
  domain::FeedSource Source(const std::string& name) {
    auto tx = store->Begin(store::TxMode::kReadOnly).value();
    return tx->Feeds().GetSource(name).value();
  }
  int64_t CurrentSeq() {
    auto tx = store->Begin(store::TxMode::kReadOnly).value();
    return tx->Federation().CurrentSeq().value();
  }
  std::string FeedBody() {
    auto page = federation.Feed(0, 10'000);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->body : "";
  }

  testing::TempSqliteStore store;
  crypto::FakeRandom random;
  crypto::SigningKey key;
  DirectFetcher fetcher;
  Federation federation;
  Reputation reputation;
  std::string url;
};

class FederationTest : public ::testing::Test {
 protected:
  // `to` adds `from` as a peer (and its fetcher reaches it).
  domain::Peer Connect(Instance& to, Instance& from, const std::string& name,
                       domain::FeedTrust trust = domain::FeedTrust::kHigh, bool relay = false) {
    to.fetcher.instances[from.url] = &from.federation;
    PeerSettings s;
    s.url = from.url;
    s.public_key = from.federation.origin();
    s.name = name;
    s.trust = trust;
    s.relay = relay;
    auto peer = to.federation.AddPeer(s, "cli");
    EXPECT_TRUE(peer.ok()) << peer.status().ToString();
    return peer.value_or(domain::Peer{});
  }
  PullOutcome Pull(Instance& at, const std::string& name) {
    clock_.Advance(std::chrono::seconds(1));
    auto outcome = at.federation.PullByName(name);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return outcome.value_or(PullOutcome{});
  }

  base::FakeClock clock_;
  Instance a_{"a", 1, clock_};
  Instance b_{"b", 2, clock_};
};

TEST_F(FederationTest, ConfirmedIndicatorReachesThePeersIndexPendingNever) {
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  a_.Upsert(Kind::kDomain, "chua-xac-minh.top", IndicatorStatus::kPending, clock_.Now());
  a_.Upsert(Kind::kPhone, "+84912345678", IndicatorStatus::kExpired, clock_.Now());
  const std::string body = a_.FeedBody();
  EXPECT_THAT(body, HasSubstr("vcb-xacminh.top"));
  EXPECT_THAT(body, ::testing::Not(HasSubstr("chua-xac-minh.top")));
  EXPECT_THAT(body, ::testing::Not(HasSubstr("+84912345678")));

  Connect(b_, a_, "a");
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kUnknown);
  PullOutcome outcome = Pull(b_, "a");
  EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(outcome.listed, 1);
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kDangerous);
  auto result = b_.reputation.view()->Check(Kind::kDomain, "vcb-xacminh.top");
  ASSERT_FALSE(result.matches.empty());
  EXPECT_EQ(result.matches[0].source, "feed:peer.a");
  EXPECT_EQ(b_.Check(Kind::kDomain, "chua-xac-minh.top"), index::Verdict::kUnknown);

  // An indicator never confirmed stays out of the feed whatever happens to it.
  a_.SetStatus(Kind::kDomain, "chua-xac-minh.top", IndicatorStatus::kExpired);
  EXPECT_THAT(a_.FeedBody(), ::testing::Not(HasSubstr("chua-xac-minh.top")));
  const domain::Peer peer = b_.Peer("a");
  EXPECT_EQ(peer.last_error, "");
  EXPECT_GT(peer.cursor, 0);
  EXPECT_TRUE(peer.last_success_at.has_value());
}

TEST_F(FederationTest, DelistingAtTheOriginRemovesItAtThePeer) {
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  Connect(b_, a_, "a");
  Pull(b_, "a");
  ASSERT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kDangerous);
  a_.SetStatus(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kDelisted);
  PullOutcome outcome = Pull(b_, "a");
  EXPECT_EQ(outcome.removed, 1);
  EXPECT_EQ(outcome.conflicts, 0);
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kUnknown);
  EXPECT_EQ(b_.Source("peer.a").active_entries, 0);
}

TEST_F(FederationTest, AListingThatExpiresAtTheOriginLeavesThePeer) {
  // Nothing writes the indicator when its 90 days are over: the origin's next feed page still
  // withdraws it, because the feed itself knows the expiry.
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  Connect(b_, a_, "a");
  Pull(b_, "a");
  ASSERT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kDangerous);
  clock_.Advance(90 * kDay);
  PullOutcome outcome = Pull(b_, "a");
  EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(outcome.removed, 1);
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kUnknown);
  EXPECT_EQ(b_.Source("peer.a").active_entries, 0);
  // Withdrawn once: the next page brings nothing new.
  const int64_t seq = a_.CurrentSeq();
  EXPECT_EQ(Pull(b_, "a").removed, 0);
  EXPECT_EQ(a_.CurrentSeq(), seq);
}

TEST_F(FederationTest, RefusedPagesApplyNothingAndRecordTheError) {
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  Connect(b_, a_, "a");

  // A body changed after signing.
  b_.fetcher.tamper = [](FederationPage& page, int64_t) {
    page.body.replace(page.body.find("vcb-xacminh.top"), 3, "abc");
  };
  PullOutcome outcome = Pull(b_, "a");
  EXPECT_THAT(outcome.error, HasSubstr("signature"));
  EXPECT_EQ(b_.Peer("a").last_error, outcome.error);
  EXPECT_EQ(b_.Peer("a").cursor, 0);
  EXPECT_EQ(b_.Source("peer.a").active_entries, 0);

  // No signature at all.
  b_.fetcher.tamper = [](FederationPage& page, int64_t) { page.signature.clear(); };
  EXPECT_THAT(Pull(b_, "a").error, HasSubstr("signature: missing"));

  // A page that asks to be applied from another cursor.
  b_.fetcher.tamper = nullptr;
  ASSERT_EQ(Pull(b_, "a").error, "");
  const domain::Peer accepted = b_.Peer("a");
  a_.Upsert(Kind::kDomain, "moi.top", IndicatorStatus::kConfirmed, clock_.Now());
  b_.fetcher.tamper = [this](FederationPage& page, int64_t) {
    page = a_.federation.Feed(0, 1000).value();  // the whole feed again, validly signed
  };
  EXPECT_THAT(Pull(b_, "a").error, HasSubstr("since"));
  EXPECT_EQ(b_.Peer("a").cursor, accepted.cursor);

  // A replayed page: signed by A, since == our cursor, but generated before the last one.
  const base::TimePoint now = clock_.Now();
  b_.fetcher.tamper = [this, accepted](FederationPage& page, int64_t since) {
    clock_.Set(*accepted.last_generated_at - std::chrono::seconds(30));
    page = a_.federation.Feed(since, 1000).value();
  };
  EXPECT_THAT(Pull(b_, "a").error, HasSubstr("generated_at"));
  clock_.Set(now + std::chrono::seconds(5));
  EXPECT_EQ(b_.Peer("a").cursor, accepted.cursor);
  EXPECT_EQ(b_.Check(Kind::kDomain, "moi.top"), index::Verdict::kUnknown);

  // The right feed, but the peer was configured with another key.
  b_.fetcher.tamper = nullptr;
  crypto::FakeRandom other(99);
  PeerChanges changes;
  changes.public_key = crypto::SigningKey::Generate(other).verify_key().ToBase64();
  ASSERT_TRUE(b_.federation.UpdatePeer("a", changes, "cli").ok());
  EXPECT_THAT(Pull(b_, "a").error, HasSubstr("does not verify"));
  EXPECT_EQ(b_.Check(Kind::kDomain, "moi.top"), index::Verdict::kUnknown);

  // Back to the right key: everything arrives.
  changes.public_key = a_.federation.origin();
  ASSERT_TRUE(b_.federation.UpdatePeer("a", changes, "cli").ok());
  EXPECT_EQ(Pull(b_, "a").error, "");
  EXPECT_EQ(b_.Check(Kind::kDomain, "moi.top"), index::Verdict::kDangerous);
  EXPECT_EQ(b_.Peer("a").last_error, "");
}

TEST_F(FederationTest, AnEntryThisVersionCannotListIsSkippedNotStallingTheFeed) {
  // A newer peer may send a kind or category we do not know, or a value we canonicalise
  // differently: those entries are skipped (validly signed, well formed), the rest applies and
  // the cursor moves on.
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  a_.Upsert(Kind::kDomain, "khac.top", IndicatorStatus::kConfirmed, clock_.Now());
  a_.Upsert(Kind::kDomain, "thu-ba.top", IndicatorStatus::kConfirmed, clock_.Now());
  Connect(b_, a_, "a");
  b_.fetcher.tamper = [this](FederationPage& page, int64_t) {
    auto replace = [&](std::string_view from, std::string_view to) {
      const size_t at = page.body.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      page.body.replace(at, from.size(), to);
    };
    replace("\"value\":\"khac.top\"", "\"value\":\"KHAC.top\"");  // not canonical
    // Keys are written in order (category first): the category of the entry of thu-ba.top.
    const size_t value = page.body.find("\"value\":\"thu-ba.top\"");
    ASSERT_NE(value, std::string::npos);
    const size_t category = page.body.rfind("\"category\":\"phishing\"", value);
    ASSERT_NE(category, std::string::npos);
    page.body.replace(category, 21, "\"category\":\"tuong-lai\"");
    page.signature = a_.key.Sign(page.body);  // as A would sign it
  };
  PullOutcome outcome = Pull(b_, "a");
  EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(outcome.listed, 1);
  EXPECT_EQ(outcome.dropped, 2);
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kDangerous);
  EXPECT_EQ(b_.Check(Kind::kDomain, "khac.top"), index::Verdict::kUnknown);
  EXPECT_EQ(b_.Peer("a").cursor, a_.CurrentSeq());
}

TEST_F(FederationTest, APublicFeedPublishesAtMostOncePerInterval) {
  // The server's setting: a flood of feed requests costs one publishing transaction per
  // interval; what was confirmed meanwhile comes with the first page after it.
  Federation throttled(
      *a_.store, a_.key, clock_, nullptr,
      FederationOptions{.name = "a", .feed_publish_interval = std::chrono::hours(1)});
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  EXPECT_THAT(throttled.Feed(0, 100)->body, HasSubstr("vcb-xacminh.top"));
  a_.Upsert(Kind::kDomain, "moi.top", IndicatorStatus::kConfirmed, clock_.Now());
  EXPECT_THAT(throttled.Feed(0, 100)->body, ::testing::Not(HasSubstr("moi.top")));
  EXPECT_THAT(a_.FeedBody(), HasSubstr("moi.top"));  // no interval: published at once
}

TEST_F(FederationTest, RelayLoopsAreCutAndStopGrowing) {
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  b_.Upsert(Kind::kPhone, "+84912345678", IndicatorStatus::kConfirmed, clock_.Now());
  Connect(b_, a_, "a", domain::FeedTrust::kHigh, /*relay=*/true);
  Connect(a_, b_, "b", domain::FeedTrust::kHigh, /*relay=*/true);

  PullOutcome at_b = Pull(b_, "a");
  EXPECT_EQ(at_b.listed, 1);
  EXPECT_EQ(at_b.relayed, 1);
  EXPECT_THAT(b_.FeedBody(), HasSubstr("vcb-xacminh.top"));  // relayed with hops 1
  PullOutcome at_a = Pull(a_, "b");
  EXPECT_EQ(at_a.dropped, 1);  // A's own entry, come back through B
  EXPECT_EQ(at_a.listed, 1);   // B's phone
  EXPECT_EQ(a_.Source("peer.b").active_entries, 1);
  EXPECT_EQ(a_.Check(Kind::kPhone, "+84912345678"), index::Verdict::kDangerous);

  int64_t seq_a = 0;
  int64_t seq_b = 0;
  for (int round = 0; round < 3; ++round) {
    Pull(b_, "a");
    Pull(a_, "b");
    if (round == 1) {
      seq_a = a_.CurrentSeq();
      seq_b = b_.CurrentSeq();
    }
  }
  EXPECT_EQ(a_.CurrentSeq(), seq_a);
  EXPECT_EQ(b_.CurrentSeq(), seq_b);
  EXPECT_EQ(b_.Source("peer.a").active_entries, 1);  // B's phone did not come back to B
}

TEST_F(FederationTest, EntriesRelayedTooFarAreDropped) {
  Connect(b_, a_, "a", domain::FeedTrust::kHigh, /*relay=*/true);
  // A page signed by A with one entry at the hop limit and one beyond it.
  b_.fetcher.tamper = [this](FederationPage& page, int64_t since) {
    nlohmann::json body = nlohmann::json::parse(page.body);
    auto entry = [&](const char* value, int hops, int64_t seq) {
      return nlohmann::json{{"seq", seq},
                            {"kind", "domain"},
                            {"value", value},
                            {"state", "listed"},
                            {"category", "phishing"},
                            {"origin", "some-far-instance"},
                            {"hops", hops},
                            {"expires_at", nullptr},
                            {"changed_at", base::FormatRfc3339(clock_.Now())}};
    };
    body["entries"] = {entry("gan.top", domain::kMaxFederationHops, since + 1),
                       entry("xa.top", domain::kMaxFederationHops + 1, since + 2)};
    body["next"] = since + 2;
    body["more"] = false;
    page.body = body.dump();
    page.signature = a_.key.Sign(page.body);
  };
  PullOutcome outcome = Pull(b_, "a");
  EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(outcome.listed, 1);
  EXPECT_EQ(outcome.dropped, 1);
  EXPECT_EQ(outcome.relayed, 0);  // hops 4 + 1 is past the limit: not republished
  EXPECT_EQ(b_.Check(Kind::kDomain, "gan.top"), index::Verdict::kDangerous);
  EXPECT_EQ(b_.Check(Kind::kDomain, "xa.top"), index::Verdict::kUnknown);
  EXPECT_THAT(b_.FeedBody(), ::testing::Not(HasSubstr("gan.top")));
}

TEST_F(FederationTest, ADelistingOfOurOwnConfirmedIndicatorIsAConflict) {
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  b_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  Connect(b_, a_, "a");
  Pull(b_, "a");
  a_.SetStatus(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kDelisted);
  PullOutcome outcome = Pull(b_, "a");
  EXPECT_EQ(outcome.conflicts, 1);
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kDangerous);
  auto conflicts = b_.federation.ListConflicts(true);
  ASSERT_TRUE(conflicts.ok());
  ASSERT_EQ(conflicts->size(), 1u);
  EXPECT_EQ((*conflicts)[0].canonical, "vcb-xacminh.top");
  EXPECT_EQ((*conflicts)[0].remote_state, domain::FederationState::kDelisted);
  ASSERT_TRUE(b_.federation.ResolveConflict((*conflicts)[0].id, "cli").ok());
  EXPECT_TRUE(b_.federation.ListConflicts(true)->empty());
}

TEST_F(FederationTest, ThePeersTrustIsTheTrustOfItsSource) {
  a_.Upsert(Kind::kDomain, "vcb-xacminh.top", IndicatorStatus::kConfirmed, clock_.Now());
  Connect(b_, a_, "a", domain::FeedTrust::kMedium);
  EXPECT_EQ(b_.Source("peer.a").trust, domain::FeedTrust::kMedium);
  Pull(b_, "a");
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kSuspicious);
  PeerChanges changes;
  changes.trust = domain::FeedTrust::kHigh;
  ASSERT_TRUE(b_.federation.UpdatePeer("a", changes, "cli").ok());
  EXPECT_EQ(b_.Source("peer.a").trust, domain::FeedTrust::kHigh);
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kDangerous);
  changes = {};
  changes.enabled = false;
  ASSERT_TRUE(b_.federation.UpdatePeer("a", changes, "cli").ok());
  EXPECT_EQ(b_.Check(Kind::kDomain, "vcb-xacminh.top"), index::Verdict::kUnknown);
}

TEST_F(FederationTest, PullsPageAfterPage) {
  Instance c{"c", 3, clock_, /*page_size=*/2};
  for (int i = 0; i < 5; ++i) {
    a_.Upsert(Kind::kDomain, "lua-dao-" + std::to_string(i) + ".top", IndicatorStatus::kConfirmed,
              clock_.Now());
  }
  Connect(c, a_, "a");
  PullOutcome outcome = Pull(c, "a");
  EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(outcome.pages, 3);
  EXPECT_EQ(outcome.listed, 5);
  EXPECT_EQ(outcome.cursor, a_.CurrentSeq());
  EXPECT_EQ(c.Source("peer.a").active_entries, 5);
}

TEST_F(FederationTest, WarningsReachThePeer) {
  domain::Warning w;
  w.kind = domain::WarningKind::kWarning;
  w.slug = "gia-danh-ngan-hang";
  w.title = "Giả danh ngân hàng";
  w.body = "Kẻ gian   gọi điện\n\ngiả danh **ngân hàng**.";
  w.published_at = clock_.Now();
  w.created_at = clock_.Now();
  w.updated_at = clock_.Now();
  int64_t id = 0;
  {
    auto tx = a_.store->Begin(store::TxMode::kReadWrite).value();
    id = tx->Warnings().Create(w).value();
    ASSERT_TRUE(tx->Commit().ok());
  }
  Connect(b_, a_, "a");
  EXPECT_EQ(Pull(b_, "a").warnings, 1);
  auto list = [&] {
    auto tx = b_.store->Begin(store::TxMode::kReadOnly).value();
    return tx->Federation().ListPeerWarnings({}).value();
  };
  ASSERT_EQ(list().size(), 1u);
  EXPECT_EQ(list()[0].warning.title, "Giả danh ngân hàng");
  EXPECT_EQ(list()[0].warning.url, "https://a.example.vn/canh-bao/gia-danh-ngan-hang");
  EXPECT_EQ(list()[0].warning.remote_id, id);

  // Unpublished at A: withdrawn at B.
  w.id = id;
  w.published_at.reset();
  {
    auto tx = a_.store->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Warnings().Update(w).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(Pull(b_, "a").warnings, 1);
  EXPECT_TRUE(list().empty());
}

TEST_F(FederationTest, AddPeerValidates) {
  PeerSettings s;
  s.url = "https://tinh.example.vn:8443/";
  s.public_key = "not a key";
  EXPECT_THAT(b_.federation.AddPeer(s, "cli").status().message(), HasSubstr("public_key"));
  s.public_key = b_.federation.origin();
  EXPECT_THAT(b_.federation.AddPeer(s, "cli").status().message(), HasSubstr("own key"));
  s.public_key = a_.federation.origin();
  auto peer = b_.federation.AddPeer(s, "cli");
  ASSERT_TRUE(peer.ok()) << peer.status().ToString();
  EXPECT_EQ(peer->name, "tinh.example.vn-8443");
  EXPECT_EQ(peer->url, "https://tinh.example.vn:8443");
  EXPECT_EQ(b_.federation.AddPeer(s, "cli").status().code(), base::StatusCode::kAlreadyExists);
  auto tx = b_.store->Begin(store::TxMode::kReadOnly).value();
  auto audit = tx->Audit().List(0, 100).value();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "peer.add");
  EXPECT_EQ(audit.back().target, "peer:tinh.example.vn-8443");
}

TEST_F(FederationTest, FeedChecksItsParameters) {
  EXPECT_EQ(a_.federation.Feed(-1, 10).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(a_.federation.Feed(0, 0).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(a_.federation.Feed(0, 10'001).status().code(), base::StatusCode::kInvalidArgument);
  auto page = a_.federation.Feed(0, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(a_.key.verify_key().Verify(page->body, page->signature));
  auto header = ParseSignatureHeader(FormatSignatureHeader(page->signature));
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(*header, page->signature);
  EXPECT_FALSE(ParseSignatureHeader("ed25519=abc").ok());
}

}  // namespace
}  // namespace binhyen::service

// Conformance of migration 0015 (several app nodes and federation): the shared rate-limit
// buckets, the federation repository and FeedRepository::ApplyChanges. Every test runs against
// SQLite and, when BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::FederationConflict;
using domain::FederationEntry;
using domain::FederationState;
using domain::FederationWarning;
using domain::FeedTrust;
using domain::Peer;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr double kTokenTolerance = 1e-9;

// A well-formed Ed25519 verify key in base64 (43 characters), distinct per `c`.
std::string Key(char c) { return std::string(43, c); }

Peer MakePeer(std::string name, char key, FeedTrust trust = FeedTrust::kMedium) {
  Peer p;
  p.name = std::move(name);
  p.url = "https://tinh.example/binhyen";
  p.public_key = Key(key);
  p.trust = trust;
  return p;
}

FederationEntry Entry(std::string canonical, FederationState state = FederationState::kListed,
                      std::string origin = Key('O'), int64_t via_peer_id = 0) {
  FederationEntry e;
  e.kind = Kind::kDomain;
  e.canonical = std::move(canonical);
  e.state = state;
  e.category = "phishing";
  e.origin = std::move(origin);
  e.via_peer_id = via_peer_id;
  return e;
}

FederationWarning Warning(int64_t remote_id, std::optional<base::TimePoint> published_at,
                          std::string origin = Key('O')) {
  FederationWarning w;
  w.origin = std::move(origin);
  w.remote_id = remote_id;
  w.title = "Cảnh báo lừa đảo " + std::to_string(remote_id);
  w.summary = "Giả danh công an gọi điện";
  w.url = "https://tinh.example/canh-bao/" + std::to_string(remote_id);
  w.category = "fake_police";
  w.published_at = published_at;
  return w;
}

FeedEntryInput Domain(std::string canonical, std::string category = "") {
  return FeedEntryInput{Kind::kDomain, std::move(canonical), std::move(category)};
}

std::vector<std::string> Canonicals(const std::vector<domain::FeedEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.canonical);
  return out;
}

// ---------------------------------------------------------------------------------------------
// RateLimitRepository

class RateLimitConformance : public StoreTest {
 protected:
  // Syncs one key in its own transaction; the bucket's tokens after.
  double Sync(std::string_view scope, std::string key, double spent, base::TimePoint at,
              double per_second = 1, double burst = 10) {
    auto tx = Begin();
    const std::vector<RateSpend> spends = {{std::move(key), spent}};
    auto buckets = tx->RateLimits().Sync(scope, spends, per_second, burst, at);
    EXPECT_TRUE(buckets.ok()) << buckets.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    if (!buckets.ok() || buckets->size() != 1) return -1e9;
    return (*buckets)[0].tokens;
  }
};

TEST_P(RateLimitConformance, BucketsStartFullRefillClampAndGoIntoDebt) {
  EXPECT_NEAR(Sync("api", "10.0.0.1", 3, T(0)), 7, kTokenTolerance);       // new: burst - spent
  EXPECT_NEAR(Sync("api", "10.0.0.1", 0, T(2)), 9, kTokenTolerance);       // +2 s at 1 per second
  EXPECT_NEAR(Sync("api", "10.0.0.1", 1, T(100)), 9, kTokenTolerance);     // clamped to 10, then -1
  EXPECT_NEAR(Sync("api", "10.0.0.1", 14, T(100)), -5, kTokenTolerance);   // debt
  EXPECT_NEAR(Sync("api", "10.0.0.1", 30, T(100)), -10, kTokenTolerance);  // floored at -burst
  EXPECT_NEAR(Sync("api", "10.0.0.1", 0, T(103)), -7, kTokenTolerance);
  // Another node's clock behind: no refill, and updated_at does not go back.
  EXPECT_NEAR(Sync("api", "10.0.0.1", 1, T(101)), -8, kTokenTolerance);
  EXPECT_NEAR(Sync("api", "10.0.0.1", 0, T(104)), -7, kTokenTolerance);
  // Fractional rates.
  EXPECT_NEAR(Sync("api", "10.0.0.2", 2, T(0), 0.5, 4), 2, kTokenTolerance);
  EXPECT_NEAR(Sync("api", "10.0.0.2", 0.25, T(3), 0.5, 4), 3.25, kTokenTolerance);
  // A new bucket spending more than twice its burst is floored too.
  EXPECT_NEAR(Sync("api", "10.0.0.3", 50, T(0)), -10, kTokenTolerance);
}

TEST_P(RateLimitConformance, SyncReturnsEveryKeyInOrderAndScopesAreSeparate) {
  EXPECT_NEAR(Sync("login", "an", 4, T(0)), 6, kTokenTolerance);
  auto tx = Begin();
  const std::vector<RateSpend> spends = {{"zz", 1}, {"an", 2}, {"mm", 0}};
  auto buckets = tx->RateLimits().Sync("api", spends, 1, 10, T(0));
  ASSERT_TRUE(buckets.ok()) << buckets.status().ToString();
  ASSERT_EQ(buckets->size(), 3u);
  EXPECT_EQ((*buckets)[0].key, "zz");
  EXPECT_NEAR((*buckets)[0].tokens, 9, kTokenTolerance);
  EXPECT_EQ((*buckets)[1].key, "an");
  EXPECT_NEAR((*buckets)[1].tokens, 8, kTokenTolerance);  // not login's bucket
  EXPECT_EQ((*buckets)[2].key, "mm");
  EXPECT_NEAR((*buckets)[2].tokens, 10, kTokenTolerance);
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_NEAR(Sync("login", "an", 0, T(0)), 6, kTokenTolerance);
  EXPECT_NEAR(Sync("api", "an", 0, T(0)), 8, kTokenTolerance);
}

TEST_P(RateLimitConformance, BadArgumentsAreRefusedWithoutEffect) {
  auto tx = Begin();
  RateLimitRepository& rl = tx->RateLimits();
  const std::vector<RateSpend> ok = {{"an", 1}};
  auto code = [](const auto& r) { return r.status().code(); };
  EXPECT_THAT(rl.Sync("", ok, 1, 10, T(0)).status().message(), StartsWith("scope: "));
  EXPECT_THAT(rl.Sync(std::string(65, 's'), ok, 1, 10, T(0)).status().message(),
              StartsWith("scope: "));
  const std::vector<RateSpend> empty_key = {{"an", 1}, {"", 1}};
  EXPECT_THAT(rl.Sync("api", empty_key, 1, 10, T(0)).status().message(), StartsWith("key: "));
  const std::vector<RateSpend> long_key = {{std::string(201, 'k'), 1}};
  EXPECT_THAT(rl.Sync("api", long_key, 1, 10, T(0)).status().message(), StartsWith("key: "));
  const std::vector<RateSpend> negative = {{"an", 1}, {"binh", -1}};
  auto r = rl.Sync("api", negative, 1, 10, T(0));
  EXPECT_EQ(code(r), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "spent: must be >= 0");
  EXPECT_EQ(rl.Sync("api", ok, 0, 10, T(0)).status().message(), "per_second: must be > 0");
  EXPECT_EQ(rl.Sync("api", ok, 1, 0.5, T(0)).status().message(), "burst: must be >= 1");
  std::vector<RateSpend> many;
  for (int i = 0; i <= 10'000; ++i) many.push_back({"k" + std::to_string(i), 1});
  auto too_many = rl.Sync("api", many, 1, 10, T(0));
  EXPECT_EQ(code(too_many), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(too_many.status().message(), "spent: at most 10000 keys");
  many.pop_back();
  auto most = rl.Sync("api", many, 1, 10, T(0));
  ASSERT_TRUE(most.ok()) << most.status().ToString();
  EXPECT_EQ(most->size(), 10'000u);
  // The refused calls stored nothing: "an" is new here.
  auto an = rl.Sync("api", ok, 1, 10, T(0));
  ASSERT_TRUE(an.ok());
  EXPECT_NEAR((*an)[0].tokens, 9, kTokenTolerance);
  EXPECT_TRUE(tx->Commit().ok());
}

TEST_P(RateLimitConformance, DeleteIdleForgetsBucketsNotUpdatedSince) {
  Sync("api", "old", 5, T(0));
  Sync("login", "old", 5, T(1));
  Sync("api", "new", 5, T(10));
  {
    auto tx = Begin();
    auto deleted = tx->RateLimits().DeleteIdle(T(5));
    ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
    EXPECT_EQ(*deleted, 2);
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_NEAR(Sync("api", "old", 1, T(6)), 9, kTokenTolerance);   // full again: a new bucket
  EXPECT_NEAR(Sync("api", "new", 0, T(10)), 5, kTokenTolerance);  // kept
  auto tx = Begin();
  EXPECT_EQ(tx->RateLimits().DeleteIdle(T(5)).value_or(-1), 0);
}

TEST_P(RateLimitConformance, ReadOnlyTransactionsRefuseWrites) {
  auto tx = Begin(TxMode::kReadOnly);
  const std::vector<RateSpend> spends = {{"an", 1}};
  auto sync = tx->RateLimits().Sync("api", spends, 1, 10, T(0));
  EXPECT_EQ(sync.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(sync.status().message(), "transaction: read-only");
  EXPECT_EQ(tx->RateLimits().DeleteIdle(T(0)).status().message(), "transaction: read-only");
}

INSTANTIATE_TEST_SUITE_P(Backends, RateLimitConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

// ---------------------------------------------------------------------------------------------
// FederationRepository

class FederationConformance : public StoreTest {
 protected:
  Peer Create(const Peer& peer, base::TimePoint at = T(1)) {
    auto tx = Begin();
    auto created = tx->Federation().CreatePeer(peer, at);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return created.value_or(Peer{});
  }
  Peer Get(std::string_view name) {
    auto tx = Begin(TxMode::kReadOnly);
    auto peer = tx->Federation().GetPeer(name);
    EXPECT_TRUE(peer.ok()) << peer.status().ToString();
    return peer.value_or(Peer{});
  }
  domain::FeedSource Source(std::string_view name) {
    auto tx = Begin(TxMode::kReadOnly);
    auto source = tx->Feeds().GetSource(name);
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    return source.value_or(domain::FeedSource{});
  }
  int64_t IndicatorVersion() {
    auto tx = Begin(TxMode::kReadOnly);
    return tx->Indicators().CurrentVersion().value_or(-1);
  }
  int64_t Publish(const std::vector<FederationEntry>& entries, base::TimePoint at) {
    auto tx = Begin();
    auto changed = tx->Federation().Publish(entries, at);
    EXPECT_TRUE(changed.ok()) << changed.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return changed.value_or(-1);
  }
  int64_t PublishWarnings(const std::vector<FederationWarning>& warnings, base::TimePoint at) {
    auto tx = Begin();
    auto changed = tx->Federation().PublishWarnings(warnings, at);
    EXPECT_TRUE(changed.ok()) << changed.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return changed.value_or(-1);
  }
  FederationEntry GetEntry(std::string_view canonical, std::string_view origin = Key('O'),
                           Kind kind = Kind::kDomain) {
    auto tx = Begin(TxMode::kReadOnly);
    auto entry = tx->Federation().GetEntry(kind, canonical, origin);
    EXPECT_TRUE(entry.ok() && entry->has_value()) << canonical;
    return entry.ok() && entry->has_value() ? **entry : FederationEntry{};
  }
  int64_t CurrentSeq() {
    auto tx = Begin(TxMode::kReadOnly);
    return tx->Federation().CurrentSeq().value_or(-1);
  }
  FederationRepository::Changes ChangesSince(int64_t since, int limit) {
    auto tx = Begin(TxMode::kReadOnly);
    auto changes = tx->Federation().ChangesSince(since, limit);
    EXPECT_TRUE(changes.ok()) << changes.status().ToString();
    return changes.value_or(FederationRepository::Changes{});
  }
  std::vector<domain::PeerWarning> PeerWarnings(bool published_only, int limit = 50) {
    auto tx = Begin(TxMode::kReadOnly);
    auto list = tx->Federation().ListPeerWarnings({published_only, limit});
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    return list.value_or(std::vector<domain::PeerWarning>{});
  }
  std::vector<FederationConflict> Conflicts(bool open_only) {
    auto tx = Begin(TxMode::kReadOnly);
    auto list = tx->Federation().ListConflicts(open_only, 100);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    return list.value_or(std::vector<FederationConflict>{});
  }
};

TEST_P(FederationConformance, CreateGetAndListPeersWithTheirFeedSources) {
  const Peer tinh = Create(MakePeer("tinh", 'T', FeedTrust::kHigh), T(1));
  EXPECT_GT(tinh.id, 0);
  EXPECT_GT(tinh.feed_source_id, 0);
  EXPECT_EQ(tinh.name, "tinh");
  EXPECT_EQ(tinh.url, "https://tinh.example/binhyen");
  EXPECT_EQ(tinh.public_key, Key('T'));
  EXPECT_EQ(tinh.trust, FeedTrust::kHigh);
  EXPECT_TRUE(tinh.enabled);
  EXPECT_FALSE(tinh.relay);
  EXPECT_EQ(tinh.cursor, 0);
  EXPECT_EQ(tinh.last_generated_at, std::nullopt);
  EXPECT_EQ(tinh.last_attempt_at, std::nullopt);
  EXPECT_EQ(tinh.last_success_at, std::nullopt);
  EXPECT_EQ(tinh.last_error, "");
  EXPECT_EQ(tinh.created_at, T(1));
  Peer ha_noi = MakePeer("ha-noi", 'H');
  ha_noi.enabled = false;
  ha_noi.relay = true;
  ha_noi = Create(ha_noi, T(2));

  const domain::FeedSource source = Source("peer.tinh");
  EXPECT_EQ(source.id, tinh.feed_source_id);
  EXPECT_EQ(source.format, "federation");
  EXPECT_EQ(source.trust, FeedTrust::kHigh);
  EXPECT_TRUE(source.enabled);
  EXPECT_EQ(source.active_entries, 0);
  EXPECT_FALSE(Source("peer.ha-noi").enabled);

  auto tx = Begin(TxMode::kReadOnly);
  FederationRepository& f = tx->Federation();
  EXPECT_EQ(f.GetPeer("tinh").value_or(Peer{}), tinh);
  EXPECT_EQ(f.GetPeerById(ha_noi.id).value_or(Peer{}), ha_noi);
  EXPECT_TRUE(ha_noi.relay);
  EXPECT_FALSE(ha_noi.enabled);
  auto list = f.ListPeers();
  ASSERT_TRUE(list.ok());
  EXPECT_THAT(*list, ElementsAre(ha_noi, tinh));
  auto missing = f.GetPeer("nope");
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "peer 'nope': not found");
  auto missing_id = f.GetPeerById(999);
  EXPECT_EQ(missing_id.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing_id.status().message(), "peer 999: not found");
}

TEST_P(FederationConformance, CreatePeerRefusesBadAndDuplicatePeersWithoutEffect) {
  Create(MakePeer("tinh", 'T'));
  auto tx = Begin();
  FederationRepository& f = tx->Federation();
  auto bad = f.CreatePeer(MakePeer("Tỉnh", 'X'), T(2));
  EXPECT_EQ(bad.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "name: must be 1..59 characters of a-z 0-9 . _ -");
  Peer bad_key = MakePeer("x", 'X');
  bad_key.public_key = "short";
  EXPECT_THAT(f.CreatePeer(bad_key, T(2)).status().message(), StartsWith("public_key: "));
  auto same_name = f.CreatePeer(MakePeer("tinh", 'X'), T(2));
  EXPECT_EQ(same_name.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(same_name.status().message(), "peer 'tinh': already exists");
  auto same_key = f.CreatePeer(MakePeer("other", 'T'), T(2));
  EXPECT_EQ(same_key.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(same_key.status().message(), "peer: key already used by 'tinh'");
  ASSERT_TRUE(tx->Feeds().UpsertSource("peer.taken", "hosts", FeedTrust::kLow, true).ok());
  auto taken = f.CreatePeer(MakePeer("taken", 'X'), T(2));
  EXPECT_EQ(taken.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(taken.status().message(), "feed peer.taken: already exists");
  // The transaction stays usable, and the refused peers left nothing behind.
  auto ok = f.CreatePeer(MakePeer("other", 'X'), T(2));
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Federation().ListPeers().value_or(std::vector<Peer>{}).size(), 2u);
  EXPECT_EQ(read->Feeds().GetSource("peer.x").status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(read->Feeds().GetSource("peer.taken").value_or(domain::FeedSource{}).format, "hosts");
}

TEST_P(FederationConformance, UpdatePeerKeepsItsSourceInStepAndANewKeyResetsTheCursor) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  Create(MakePeer("huyen", 'H'));
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Federation().RecordPull(tinh.id, 7, T(3), "", T(4)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  const int64_t v0 = IndicatorVersion();
  const int64_t source_version = Source("peer.tinh").version;

  // url and relay only: what the source lists does not change.
  Peer change = Get("tinh");
  change.url = "https://moi.example";
  change.relay = true;
  change.cursor = 99;  // ignored
  {
    auto tx = Begin();
    auto updated = tx->Federation().UpdatePeer(change);
    ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    EXPECT_EQ(updated->url, "https://moi.example");
    EXPECT_TRUE(updated->relay);
    EXPECT_EQ(updated->cursor, 7);  // same key: pull state kept
    EXPECT_EQ(updated->last_generated_at, T(3));
    EXPECT_EQ(updated->created_at, T(1));
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(IndicatorVersion(), v0);
  EXPECT_EQ(Source("peer.tinh").version, source_version);

  // Trust and enabled follow, with a new change version.
  change.trust = FeedTrust::kLow;
  change.enabled = false;
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Federation().UpdatePeer(change).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  const domain::FeedSource source = Source("peer.tinh");
  EXPECT_EQ(source.trust, FeedTrust::kLow);
  EXPECT_FALSE(source.enabled);
  EXPECT_EQ(source.version, v0 + 1);
  EXPECT_EQ(IndicatorVersion(), v0 + 1);

  // A new key: the pull state of the old key means nothing for the new one.
  change.public_key = Key('N');
  {
    auto tx = Begin();
    auto updated = tx->Federation().UpdatePeer(change);
    ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    EXPECT_EQ(updated->public_key, Key('N'));
    EXPECT_EQ(updated->cursor, 0);
    EXPECT_EQ(updated->last_generated_at, std::nullopt);
    EXPECT_EQ(updated->last_success_at, T(4));
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(IndicatorVersion(), v0 + 1);

  auto tx = Begin();
  change.public_key = Key('H');
  auto taken = tx->Federation().UpdatePeer(change);
  EXPECT_EQ(taken.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(taken.status().message(), "peer: key already used by 'huyen'");
  auto missing = tx->Federation().UpdatePeer(MakePeer("zz", 'Z'));
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "peer 'zz': not found");
  Peer bad = change;
  bad.url = "ftp://x";
  EXPECT_THAT(tx->Federation().UpdatePeer(bad).status().message(), StartsWith("url: "));
  EXPECT_EQ(tx->Federation().GetPeer("tinh").value_or(Peer{}).public_key, Key('N'));
}

TEST_P(FederationConformance, DeletePeerEmptiesItsSourceAndWithdrawsWhatItRelayed) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  const Peer huyen = Create(MakePeer("huyen", 'H'));
  {
    auto tx = Begin();
    const std::vector<FeedEntryInput> upserts = {Domain("a.example"), Domain("b.example")};
    ASSERT_TRUE(tx->Feeds().ApplyChanges(tinh.feed_source_id, upserts, {}, T(2)).ok());
    const std::vector<FederationWarning> warnings = {Warning(1, T(2), Key('T'))};
    ASSERT_TRUE(tx->Federation().PutPeerWarnings(tinh.id, warnings).ok());
    ASSERT_TRUE(tx->Federation().PutPeerWarnings(huyen.id, warnings).ok());
    ASSERT_TRUE(tx->Federation()
                    .RecordConflict({0, tinh.id, Kind::kDomain, "ours.example",
                                     FederationState::kDelisted, T(2), std::nullopt})
                    .ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  FederationEntry relayed = Entry("a.example", FederationState::kListed, Key('T'), tinh.id);
  relayed.hops = 1;
  FederationEntry relayed_delisted =
      Entry("d.example", FederationState::kDelisted, Key('T'), tinh.id);
  FederationEntry other = Entry("c.example", FederationState::kListed, Key('H'), huyen.id);
  FederationEntry own = Entry("own.example");
  ASSERT_EQ(Publish({relayed, relayed_delisted, other, own}, T(3)), 4);
  const int64_t seq_before = CurrentSeq();
  const int64_t version_before = IndicatorVersion();

  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Federation().DeletePeer("tinh", T(50)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin(TxMode::kReadOnly);
  FederationRepository& f = tx->Federation();
  EXPECT_EQ(f.GetPeer("tinh").status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(f.GetPeerById(tinh.id).status().code(), base::StatusCode::kNotFound);
  // The source is kept, disabled and empty, with a new version.
  const domain::FeedSource source = tx->Feeds().GetSource("peer.tinh").value_or({});
  EXPECT_EQ(source.id, tinh.feed_source_id);
  EXPECT_FALSE(source.enabled);
  EXPECT_EQ(source.active_entries, 0);
  EXPECT_GT(source.version, version_before);
  EXPECT_EQ(tx->Indicators().CurrentVersion().value_or(-1), source.version);
  EXPECT_THAT(tx->Feeds().ActiveEntries(tinh.feed_source_id).value_or({}), IsEmpty());
  // Both its relayed entries are withdrawn, each with a new seq; the others are untouched.
  const FederationEntry a = f.GetEntry(Kind::kDomain, "a.example", Key('T'))->value();
  EXPECT_EQ(a.state, FederationState::kWithdrawn);
  EXPECT_GT(a.seq, seq_before);
  EXPECT_EQ(a.changed_at, T(50));
  EXPECT_EQ(a.via_peer_id, tinh.id);
  const FederationEntry d = f.GetEntry(Kind::kDomain, "d.example", Key('T'))->value();
  EXPECT_EQ(d.state, FederationState::kWithdrawn);
  EXPECT_GT(d.seq, seq_before);
  EXPECT_NE(d.seq, a.seq);
  EXPECT_EQ(f.CurrentSeq().value_or(-1), seq_before + 2);
  const FederationEntry c = f.GetEntry(Kind::kDomain, "c.example", Key('H'))->value();
  EXPECT_EQ(c.state, FederationState::kListed);
  EXPECT_LE(c.seq, seq_before);
  EXPECT_EQ(f.GetEntry(Kind::kDomain, "own.example", Key('O'))->value().changed_at, T(3));
  // Its warnings and conflicts are gone; the other peer's warning stays.
  auto warnings = f.ListPeerWarnings({false, 50});
  ASSERT_TRUE(warnings.ok());
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_EQ((*warnings)[0].peer_id, huyen.id);
  EXPECT_THAT(f.ListConflicts(false, 10).value_or({}), IsEmpty());
  tx.reset();

  auto again = Begin();
  auto missing = again->Federation().DeletePeer("tinh", T(51));
  EXPECT_EQ(missing.code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "peer 'tinh': not found");
  // The peer can be added again: it takes over its old source, enabled with a new version.
  auto readded = again->Federation().CreatePeer(MakePeer("tinh", 'T'), T(60));
  ASSERT_TRUE(readded.ok()) << readded.status().ToString();
  EXPECT_EQ(readded->feed_source_id, tinh.feed_source_id);
  EXPECT_NE(readded->id, tinh.id);
  ASSERT_TRUE(again->Commit().ok());
  const domain::FeedSource back = Source("peer.tinh");
  EXPECT_TRUE(back.enabled);
  EXPECT_EQ(back.active_entries, 0);
  EXPECT_GT(back.version, source.version);
}

TEST_P(FederationConformance, ClaimPullGivesEachDuePullToOneCaller) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  Peer off = MakePeer("off", 'F');
  off.enabled = false;
  off = Create(off);
  auto claim = [&](int64_t id, base::TimePoint due_before, base::TimePoint at) {
    auto tx = Begin();
    auto claimed = tx->Federation().ClaimPull(id, due_before, at);
    EXPECT_TRUE(tx->Commit().ok());
    return claimed;
  };
  EXPECT_EQ(claim(tinh.id, T(0), T(10)).value_or(false), true);  // never attempted
  EXPECT_EQ(Get("tinh").last_attempt_at, T(10));
  EXPECT_EQ(claim(tinh.id, T(10), T(11)).value_or(true), false);  // attempted at T(10), not before
  EXPECT_EQ(Get("tinh").last_attempt_at, T(10));
  EXPECT_EQ(claim(tinh.id, T(11), T(20)).value_or(false), true);
  EXPECT_EQ(Get("tinh").last_attempt_at, T(20));
  EXPECT_EQ(claim(off.id, T(100), T(20)).value_or(true), false);  // disabled
  EXPECT_EQ(Get("off").last_attempt_at, std::nullopt);
  auto missing = claim(999, T(100), T(20));
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "peer 999: not found");
}

TEST_P(FederationConformance, RecordPullKeepsThePullState) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  auto record = [&](std::optional<int64_t> cursor, std::optional<base::TimePoint> generated,
                    std::string_view error, base::TimePoint at) {
    auto tx = Begin();
    base::Status s = tx->Federation().RecordPull(tinh.id, cursor, generated, error, at);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return Get("tinh");
  };
  Peer p = record(12, T(4), "", T(5));
  EXPECT_EQ(p.cursor, 12);
  EXPECT_EQ(p.last_generated_at, T(4));
  EXPECT_EQ(p.last_attempt_at, T(5));
  EXPECT_EQ(p.last_success_at, T(5));
  EXPECT_EQ(p.last_error, "");
  // A failure keeps cursor, generated_at and last success; the error is cut to 500 bytes.
  p = record(99, T(8), std::string(600, 'e'), T(9));
  EXPECT_EQ(p.cursor, 12);
  EXPECT_EQ(p.last_generated_at, T(4));
  EXPECT_EQ(p.last_attempt_at, T(9));
  EXPECT_EQ(p.last_success_at, T(5));
  EXPECT_EQ(p.last_error, std::string(500, 'e'));
  // A success without a new page keeps the cursor and clears the error.
  p = record(std::nullopt, std::nullopt, "", T(12));
  EXPECT_EQ(p.cursor, 12);
  EXPECT_EQ(p.last_generated_at, T(4));
  EXPECT_EQ(p.last_success_at, T(12));
  EXPECT_EQ(p.last_error, "");

  auto tx = Begin();
  base::Status missing = tx->Federation().RecordPull(999, 1, std::nullopt, "", T(1));
  EXPECT_EQ(missing.code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "peer 999: not found");
}

TEST_P(FederationConformance, PublishIsIdempotentAndSeqsFollowChanges) {
  EXPECT_EQ(CurrentSeq(), 0);
  FederationEntry a = Entry("a.example");
  a.expires_at = T(1000);
  FederationEntry b = Entry("b.example");
  b.kind = Kind::kUrl;
  b.canonical = "http://b.example/";
  b.category = "";
  EXPECT_EQ(Publish({a, b}, T(10)), 2);
  EXPECT_EQ(CurrentSeq(), 2);
  const FederationEntry stored_a = GetEntry("a.example");
  // Two new seqs, 1 and 2 (the order within one call is not part of the contract).
  EXPECT_EQ(stored_a.seq + GetEntry("http://b.example/", Key('O'), Kind::kUrl).seq, 3);
  EXPECT_EQ(stored_a.state, FederationState::kListed);
  EXPECT_EQ(stored_a.category, "phishing");
  EXPECT_EQ(stored_a.origin, Key('O'));
  EXPECT_EQ(stored_a.hops, 0);
  EXPECT_EQ(stored_a.expires_at, T(1000));
  EXPECT_EQ(stored_a.changed_at, T(10));
  EXPECT_EQ(stored_a.via_peer_id, 0);

  // Republishing the same states changes nothing.
  a.seq = 77;  // ignored
  EXPECT_EQ(Publish({a, b}, T(20)), 0);
  EXPECT_EQ(CurrentSeq(), 2);
  EXPECT_EQ(GetEntry("a.example"), stored_a);

  // Each changed field gives a new seq, in order.
  a.state = FederationState::kDelisted;
  EXPECT_EQ(Publish({b, a}, T(30)), 1);
  EXPECT_EQ(GetEntry("a.example").seq, 3);
  EXPECT_EQ(GetEntry("a.example").changed_at, T(30));
  a.hops = 2;
  EXPECT_EQ(Publish({a}, T(31)), 1);
  a.expires_at = std::nullopt;
  EXPECT_EQ(Publish({a}, T(32)), 1);
  a.category = "";
  EXPECT_EQ(Publish({a}, T(33)), 1);
  EXPECT_EQ(GetEntry("a.example").seq, 6);
  // The same key from another origin is another row.
  EXPECT_EQ(Publish({Entry("a.example", FederationState::kListed, Key('P'), 3)}, T(34)), 1);
  EXPECT_EQ(GetEntry("a.example", Key('P')).via_peer_id, 3);
  EXPECT_EQ(GetEntry("a.example").state, FederationState::kDelisted);
  EXPECT_EQ(CurrentSeq(), 7);

  auto tx = Begin();
  auto absent = tx->Federation().GetEntry(Kind::kDomain, "none.example", Key('O'));
  ASSERT_TRUE(absent.ok());
  EXPECT_EQ(*absent, std::nullopt);
  // Every entry is validated before anything is written.
  FederationEntry bad = Entry("z.example");
  bad.hops = 5;
  auto refused = tx->Federation().Publish(std::vector{Entry("new.example"), bad}, T(40));
  EXPECT_EQ(refused.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), EndsWith("hops: must be in 0..4"));
  bad = Entry("");
  EXPECT_THAT(tx->Federation().Publish(std::vector{bad}, T(40)).status().message(),
              EndsWith("canonical: must not be empty"));
  bad = Entry("z.example", FederationState::kListed, "");
  EXPECT_THAT(tx->Federation().Publish(std::vector{bad}, T(40)).status().message(),
              EndsWith("origin: must not be empty"));
  EXPECT_EQ(tx->Federation().CurrentSeq().value_or(-1), 7);
  EXPECT_EQ(*tx->Federation().GetEntry(Kind::kDomain, "new.example", Key('O')), std::nullopt);
}

TEST_P(FederationConformance, WarningsShareTheSequenceAndRepublishIdempotently) {
  EXPECT_EQ(Publish({Entry("a.example")}, T(1)), 1);
  EXPECT_EQ(PublishWarnings({Warning(2, T(5)), Warning(1, T(4))}, T(10)), 2);
  EXPECT_EQ(PublishWarnings({Warning(1, T(4), Key('P'))}, T(10)), 1);
  EXPECT_EQ(CurrentSeq(), 4);
  EXPECT_EQ(PublishWarnings({Warning(2, T(5)), Warning(1, T(4))}, T(20)), 0);
  FederationWarning edited = Warning(1, T(4));
  edited.title = "Cảnh báo mới";
  EXPECT_EQ(PublishWarnings({edited}, T(30)), 1);
  FederationWarning withdrawn = Warning(2, std::nullopt);
  EXPECT_EQ(PublishWarnings({withdrawn}, T(31)), 1);
  EXPECT_EQ(CurrentSeq(), 6);

  auto tx = Begin();
  auto list = tx->Federation().ListWarnings(Key('O'));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  FederationWarning expected1 = edited;
  expected1.seq = 5;
  expected1.changed_at = T(30);
  EXPECT_EQ((*list)[0], expected1);
  EXPECT_EQ((*list)[1].remote_id, 2);
  EXPECT_EQ((*list)[1].seq, 6);
  EXPECT_EQ((*list)[1].published_at, std::nullopt);
  EXPECT_EQ((*list)[1].changed_at, T(31));
  EXPECT_THAT(tx->Federation().ListWarnings(Key('Z')).value_or({}), IsEmpty());
  // Validation first: nothing of a refused call is written.
  FederationWarning bad = Warning(0, T(1));
  auto refused = tx->Federation().PublishWarnings(std::vector{Warning(9, T(1)), bad}, T(40));
  EXPECT_EQ(refused.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), EndsWith("remote_id: must be positive"));
  bad = Warning(9, T(1));
  bad.title = "";
  EXPECT_THAT(tx->Federation().PublishWarnings(std::vector{bad}, T(40)).status().message(),
              EndsWith("title: must not be empty"));
  EXPECT_EQ(tx->Federation().CurrentSeq().value_or(-1), 6);
  EXPECT_EQ(tx->Federation().ListWarnings(Key('O')).value_or({}).size(), 2u);
}

TEST_P(FederationConformance, ChangesSincePagesEntriesAndWarningsBySeq) {
  ASSERT_EQ(Publish({Entry("a.example")}, T(1)), 1);                      // seq 1
  ASSERT_EQ(PublishWarnings({Warning(1, T(1))}, T(2)), 1);                // seq 2
  ASSERT_EQ(Publish({Entry("b.example"), Entry("c.example")}, T(3)), 2);  // seqs 3, 4
  ASSERT_EQ(PublishWarnings({Warning(2, T(1))}, T(4)), 1);                // seq 5
  // a again: its row moves to seq 6.
  ASSERT_EQ(Publish({Entry("a.example", FederationState::kWithdrawn)}, T(5)), 1);

  FederationRepository::Changes page = ChangesSince(0, 3);
  ASSERT_EQ(page.entries.size(), 2u);
  EXPECT_EQ(page.entries[0].seq, 3);
  EXPECT_EQ(page.entries[1].seq, 4);
  ASSERT_EQ(page.warnings.size(), 1u);
  EXPECT_EQ(page.warnings[0].seq, 2);
  page = ChangesSince(4, 3);
  ASSERT_EQ(page.entries.size(), 1u);
  EXPECT_EQ(page.entries[0].canonical, "a.example");
  EXPECT_EQ(page.entries[0].seq, 6);
  EXPECT_EQ(page.entries[0].state, FederationState::kWithdrawn);
  ASSERT_EQ(page.warnings.size(), 1u);
  EXPECT_EQ(page.warnings[0].seq, 5);
  page = ChangesSince(5, 1);
  ASSERT_EQ(page.entries.size(), 1u);
  EXPECT_THAT(page.warnings, IsEmpty());
  page = ChangesSince(6, 10'000);
  EXPECT_THAT(page.entries, IsEmpty());
  EXPECT_THAT(page.warnings, IsEmpty());
  page = ChangesSince(0, 2);
  ASSERT_EQ(page.warnings.size(), 1u);
  ASSERT_EQ(page.entries.size(), 1u);
  EXPECT_EQ(page.entries[0].seq, 3);

  auto tx = Begin(TxMode::kReadOnly);
  for (int limit : {0, 10'001}) {
    auto bad = tx->Federation().ChangesSince(0, limit);
    EXPECT_EQ(bad.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_THAT(bad.status().message(), StartsWith("limit: "));
  }
  EXPECT_EQ(tx->Federation().CurrentSeq().value_or(-1), 6);
}

TEST_P(FederationConformance, ExpiredListingsAreTheListedRowsPastTheirExpiry) {
  FederationEntry soon = Entry("soon.example");
  soon.expires_at = T(100);
  FederationEntry later = Entry("later.example");
  later.expires_at = T(200);
  FederationEntry never = Entry("never.example");  // no expiry
  FederationEntry gone = Entry("gone.example", FederationState::kWithdrawn);
  gone.expires_at = T(50);
  FederationEntry relayed = Entry("relayed.example");
  relayed.origin = Key('R');
  relayed.hops = 1;
  relayed.expires_at = T(100);
  ASSERT_EQ(Publish({soon, later, never, gone, relayed}, T(10)), 5);

  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_TRUE(tx->Federation().ExpiredListings(T(99), 10)->empty());
  auto at_100 = tx->Federation().ExpiredListings(T(100), 10).value();
  ASSERT_EQ(at_100.size(), 2u);  // expires_at <= now, whatever the origin, by seq
  EXPECT_LT(at_100[0].seq, at_100[1].seq);
  std::set<std::string> names = {at_100[0].canonical, at_100[1].canonical};
  EXPECT_EQ(names, (std::set<std::string>{"soon.example", "relayed.example"}));
  EXPECT_EQ(tx->Federation().ExpiredListings(T(1000), 1)->size(), 1u);
  EXPECT_EQ(tx->Federation().ExpiredListings(T(1000), 10)->size(), 3u);
  EXPECT_EQ(tx->Federation().ExpiredListings(T(1000), 0).status().code(),
            base::StatusCode::kInvalidArgument);
  tx.reset();
  // Withdrawn, they are not expired listings any more.
  soon.state = FederationState::kWithdrawn;
  ASSERT_EQ(Publish({soon}, T(110)), 1);
  EXPECT_EQ(Begin(TxMode::kReadOnly)->Federation().ExpiredListings(T(150), 10)->size(), 1u);
}

TEST_P(FederationConformance, OwnCursorIsStoredAndLocked) {
  {
    auto tx = Begin();
    EXPECT_EQ(tx->Federation().OwnCursor().value_or(-1), 0);
    EXPECT_EQ(tx->Federation().LockOwnCursor().value_or(-1), 0);
    ASSERT_TRUE(tx->Federation().SetOwnCursor(42).ok());
    EXPECT_EQ(tx->Federation().OwnCursor().value_or(-1), 42);
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto tx = Begin();
    EXPECT_EQ(tx->Federation().LockOwnCursor().value_or(-1), 42);
    ASSERT_TRUE(tx->Federation().SetOwnCursor(50).ok());
    // Not committed: the cursor stays 42.
  }
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Federation().OwnCursor().value_or(-1), 42);
  EXPECT_EQ(tx->Federation().SetOwnCursor(43).message(), "transaction: read-only");
  EXPECT_EQ(tx->Federation().LockOwnCursor().status().message(), "transaction: read-only");
}

TEST_P(FederationConformance, PeerWarningsAreListedForEnabledPeersNewestFirst) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  const Peer huyen = Create(MakePeer("huyen", 'H'));
  FederationWarning w1 = Warning(1, T(10), Key('T'));
  w1.seq = 31;
  w1.changed_at = T(11);
  const FederationWarning w2 = Warning(2, T(20), Key('T'));
  const FederationWarning w3 = Warning(3, std::nullopt, Key('T'));
  const FederationWarning h7 = Warning(7, T(20), Key('H'));  // published with w2: id 7 first
  const FederationWarning h5 = Warning(5, T(15), Key('H'));
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Federation().PutPeerWarnings(tinh.id, std::vector{w1, w2, w3}).ok());
    ASSERT_TRUE(tx->Federation().PutPeerWarnings(huyen.id, std::vector{h5, h7}).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto ids = [](const std::vector<domain::PeerWarning>& list) {
    std::vector<int64_t> out;
    for (const auto& pw : list) out.push_back(pw.warning.remote_id);
    return out;
  };
  std::vector<domain::PeerWarning> list = PeerWarnings(true);
  EXPECT_THAT(ids(list), ElementsAre(7, 2, 5, 1));
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].peer_id, huyen.id);
  EXPECT_EQ(list[3].peer_id, tinh.id);
  EXPECT_EQ(list[3].warning, w1);  // as received: the peer's seq and changed_at
  EXPECT_THAT(ids(PeerWarnings(false)), ElementsAre(7, 2, 5, 1, 3));  // withdrawn last
  EXPECT_THAT(ids(PeerWarnings(false, 2)), ElementsAre(7, 2));

  // An upsert replaces the received warning.
  FederationWarning w1_withdrawn = w1;
  w1_withdrawn.published_at = std::nullopt;
  w1_withdrawn.seq = 40;
  Peer off = Get("huyen");
  off.enabled = false;
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Federation().PutPeerWarnings(tinh.id, std::vector{w1_withdrawn}).ok());
    ASSERT_TRUE(tx->Federation().UpdatePeer(off).ok());  // its warnings are hidden
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_THAT(ids(PeerWarnings(true)), ElementsAre(2));
  EXPECT_EQ(PeerWarnings(false).size(), 3u);

  auto tx = Begin();
  base::Status missing = tx->Federation().PutPeerWarnings(999, std::vector{w2});
  EXPECT_EQ(missing.code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "peer 999: not found");
  FederationWarning bad = w2;
  bad.url = "javascript:alert(1)";
  base::Status refused = tx->Federation().PutPeerWarnings(tinh.id, std::vector{w1, bad});
  EXPECT_EQ(refused.code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.message(), ::testing::HasSubstr("url: "));
  for (int limit : {0, 1001}) {
    auto bad_limit = tx->Federation().ListPeerWarnings({true, limit});
    EXPECT_EQ(bad_limit.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_THAT(bad_limit.status().message(), StartsWith("limit: "));
  }
  // The refused call left w1 withdrawn.
  auto all = tx->Federation().ListPeerWarnings({false, 50});
  ASSERT_TRUE(all.ok());
  EXPECT_THAT(ids(*all), ElementsAre(2, 3, 1));  // withdrawn ones by remote_id descending
  EXPECT_EQ((*all)[2].warning.seq, 40);
}

TEST_P(FederationConformance, ConflictsAreRecordedOncePerOpenKeyAndResolved) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  const Peer huyen = Create(MakePeer("huyen", 'H'));
  auto record = [&](int64_t peer_id, std::string canonical, FederationState state,
                    base::TimePoint at) {
    auto tx = Begin();
    auto id = tx->Federation().RecordConflict(
        {0, peer_id, Kind::kDomain, std::move(canonical), state, at, std::nullopt});
    EXPECT_TRUE(tx->Commit().ok());
    return id;
  };
  const int64_t first = record(tinh.id, "a.example", FederationState::kDelisted, T(1)).value();
  const int64_t second = record(huyen.id, "a.example", FederationState::kDelisted, T(2)).value();
  EXPECT_NE(first, second);
  // The same open conflict seen again: only its state and time change.
  EXPECT_EQ(record(tinh.id, "a.example", FederationState::kWithdrawn, T(3)).value_or(0), first);
  const int64_t third = record(tinh.id, "b.example", FederationState::kDelisted, T(4)).value();

  std::vector<FederationConflict> open = Conflicts(true);
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].id, third);
  EXPECT_EQ(open[1].id, second);
  EXPECT_EQ(open[2], (FederationConflict{first, tinh.id, Kind::kDomain, "a.example",
                                         FederationState::kWithdrawn, T(3), std::nullopt}));
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Federation().ResolveConflict(first, T(5)).ok());
    base::Status again = tx->Federation().ResolveConflict(first, T(6));
    EXPECT_EQ(again.code(), base::StatusCode::kFailedPrecondition);
    EXPECT_EQ(again.message(), "conflict " + std::to_string(first) + ": already resolved");
    base::Status missing = tx->Federation().ResolveConflict(9999, T(6));
    EXPECT_EQ(missing.code(), base::StatusCode::kNotFound);
    EXPECT_EQ(missing.message(), "conflict 9999: not found");
    ASSERT_TRUE(tx->Commit().ok());
  }
  open = Conflicts(true);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[1].id, second);
  std::vector<FederationConflict> all = Conflicts(false);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].id, first);
  EXPECT_EQ(all[2].resolved_at, T(5));
  // Once resolved, the same disagreement seen again is a new conflict.
  const int64_t fourth = record(tinh.id, "a.example", FederationState::kDelisted, T(7)).value();
  EXPECT_NE(fourth, first);
  EXPECT_EQ(Conflicts(true).size(), 3u);

  auto tx = Begin();
  auto missing_peer = tx->Federation().RecordConflict(
      {0, 999, Kind::kDomain, "a.example", FederationState::kDelisted, T(1), std::nullopt});
  EXPECT_EQ(missing_peer.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing_peer.status().message(), "peer 999: not found");
  for (int limit : {0, 1001}) {
    EXPECT_EQ(tx->Federation().ListConflicts(true, limit).status().code(),
              base::StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(tx->Federation().ListConflicts(false, 1).value_or({}).size(), 1u);
}

TEST_P(FederationConformance, ReadOnlyTransactionsRefuseEveryWrite) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  auto tx = Begin(TxMode::kReadOnly);
  FederationRepository& f = tx->Federation();
  auto expect_read_only = [](const base::Status& s) {
    EXPECT_EQ(s.code(), base::StatusCode::kFailedPrecondition);
    EXPECT_EQ(s.message(), "transaction: read-only");
  };
  expect_read_only(f.CreatePeer(MakePeer("x", 'X'), T(1)).status());
  expect_read_only(f.UpdatePeer(tinh).status());
  expect_read_only(f.DeletePeer("tinh", T(1)));
  expect_read_only(f.ClaimPull(tinh.id, T(100), T(1)).status());
  expect_read_only(f.RecordPull(tinh.id, 1, std::nullopt, "", T(1)));
  expect_read_only(f.Publish(std::vector{Entry("a.example")}, T(1)).status());
  expect_read_only(f.PublishWarnings(std::vector{Warning(1, T(1))}, T(1)).status());
  expect_read_only(f.SetOwnCursor(1));
  expect_read_only(f.LockOwnCursor().status());
  expect_read_only(f.PutPeerWarnings(tinh.id, std::vector{Warning(1, T(1))}));
  expect_read_only(f.RecordConflict({0, tinh.id, Kind::kDomain, "a.example",
                                     FederationState::kDelisted, T(1), std::nullopt})
                       .status());
  expect_read_only(f.ResolveConflict(1, T(1)));
  expect_read_only(
      tx->Feeds()
          .ApplyChanges(tinh.feed_source_id, std::vector{Domain("a.example")}, {}, T(1))
          .status());
  // Reads work, and the refusals did not poison the transaction.
  EXPECT_EQ(f.GetPeer("tinh").value_or(Peer{}), tinh);
  EXPECT_TRUE(tx->Commit().ok());
}

// ---------------------------------------------------------------------------------------------
// FeedRepository::ApplyChanges

TEST_P(FederationConformance, ApplyChangesAddsKeepsAndExpiresIncrementally) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  const int64_t id = tinh.feed_source_id;
  auto apply = [&](const std::vector<FeedEntryInput>& upserts,
                   const std::vector<FeedEntryInput>& removals, base::TimePoint at) {
    auto tx = Begin();
    auto outcome = tx->Feeds().ApplyChanges(id, upserts, removals, at);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    // The reputation index follows the one shared version.
    if (outcome.ok() && outcome->version != 0) {
      EXPECT_EQ(tx->Indicators().CurrentVersion().value_or(-1), outcome->version);
    }
    EXPECT_TRUE(tx->Commit().ok());
    return outcome.value_or(FeedReplaceOutcome{-1, -1, -1, -1});
  };
  auto active = [&] {
    auto tx = Begin(TxMode::kReadOnly);
    return tx->Feeds().ActiveEntries(id).value_or({});
  };
  const int64_t v0 = IndicatorVersion();
  EXPECT_EQ(
      apply({Domain("b.example", "phishing"), Domain("a.example"), Domain("a.example")}, {}, T(10)),
      (FeedReplaceOutcome{2, 0, 0, v0 + 1}));
  EXPECT_EQ(IndicatorVersion(), v0 + 1);
  domain::FeedSource source = Source("peer.tinh");
  EXPECT_EQ(source.active_entries, 2);
  EXPECT_EQ(source.imported_at, T(10));
  EXPECT_EQ(source.version, v0 + 1);

  // b kept with a new category, c added, a expired, an absent key ignored.
  EXPECT_EQ(apply({Domain("c.example"), Domain("b.example", "malware")},
                  {Domain("a.example", "ignored"), Domain("zz.example")}, T(20)),
            (FeedReplaceOutcome{1, 1, 1, v0 + 2}));
  std::vector<domain::FeedEntry> entries = active();
  EXPECT_THAT(Canonicals(entries), ElementsAre("b.example", "c.example"));
  EXPECT_EQ(entries[0].category, "malware");
  EXPECT_EQ(entries[0].first_seen, T(10));
  EXPECT_EQ(entries[0].last_seen, T(20));
  EXPECT_EQ(entries[1].first_seen, T(20));
  source = Source("peer.tinh");
  EXPECT_EQ(source.active_entries, 2);
  EXPECT_EQ(source.imported_at, T(20));

  // a comes back: added, with a new first_seen.
  EXPECT_EQ(apply({Domain("a.example")}, {Domain("c.example")}, T(30)),
            (FeedReplaceOutcome{1, 0, 1, v0 + 3}));
  entries = active();
  EXPECT_THAT(Canonicals(entries), ElementsAre("a.example", "b.example"));
  EXPECT_EQ(entries[0].first_seen, T(30));

  // Nothing to change: no new version, the source untouched.
  EXPECT_EQ(apply({}, {Domain("c.example"), Domain("none.example")}, T(40)),
            (FeedReplaceOutcome{0, 0, 0, 0}));
  EXPECT_EQ(IndicatorVersion(), v0 + 3);
  source = Source("peer.tinh");
  EXPECT_EQ(source.imported_at, T(30));
  EXPECT_EQ(source.version, v0 + 3);
  EXPECT_EQ(source.active_entries, 2);
}

TEST_P(FederationConformance, ApplyChangesRefusesBadChangesWithoutEffect) {
  const Peer tinh = Create(MakePeer("tinh", 'T'));
  const int64_t id = tinh.feed_source_id;
  const int64_t v0 = IndicatorVersion();
  auto tx = Begin();
  FeedRepository& feeds = tx->Feeds();
  const std::vector<FeedEntryInput> upserts = {Domain("a.example"), Domain("b.example")};
  auto both =
      feeds.ApplyChanges(id, upserts, std::vector{Domain("c.example"), Domain("b.example")}, T(1));
  EXPECT_EQ(both.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(both.status().message(), "removals[1]: also in upserts");
  auto empty = feeds.ApplyChanges(id, std::vector{Domain("a.example"), Domain("")}, {}, T(1));
  EXPECT_EQ(empty.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(empty.status().message(), EndsWith("canonical: must not be empty"));
  auto category = feeds.ApplyChanges(id, std::vector{Domain("a.example", "nope")}, {}, T(1));
  EXPECT_EQ(category.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(category.status().message(), EndsWith("category: unknown category 'nope'"));
  auto missing = feeds.ApplyChanges(9999, upserts, {}, T(1));
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "feed source 9999: not found");
  EXPECT_THAT(feeds.ActiveEntries(id).value_or({}), IsEmpty());
  EXPECT_EQ(tx->Indicators().CurrentVersion().value_or(-1), v0);
  // Still usable.
  auto ok = feeds.ApplyChanges(id, upserts, {}, T(2));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, (FeedReplaceOutcome{2, 0, 0, v0 + 1}));
  EXPECT_TRUE(tx->Commit().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, FederationConformance,
                         ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing

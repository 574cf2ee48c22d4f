#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "store/federation_store.h"
#include "store/postgres/session.h"

namespace binhyen::store::postgres {

// The PostgreSQL repositories of several app nodes and federation (contracts in
// store/federation_store.h, schema in migrations/postgres/0015_cluster.sql). Each runs its
// statements in the Session of the transaction that owns it; confine it to that transaction's
// thread.

// rate_limits.cc
class PgRateLimitRepository final : public RateLimitRepository {
 public:
  explicit PgRateLimitRepository(Session& session) : s_(session) {}
  base::Result<std::vector<RateBucket>> Sync(std::string_view scope,
                                             std::span<const RateSpend> spent, double per_second,
                                             double burst, base::TimePoint at) override;
  base::Result<int64_t> DeleteIdle(base::TimePoint before) override;

 private:
  Session& s_;
};

// federation.cc
class PgFederationRepository final : public FederationRepository {
 public:
  explicit PgFederationRepository(Session& session) : s_(session) {}
  base::Result<domain::Peer> CreatePeer(const domain::Peer& peer, base::TimePoint at) override;
  base::Result<domain::Peer> GetPeer(std::string_view name) override;
  base::Result<domain::Peer> GetPeerById(int64_t id) override;
  base::Result<std::vector<domain::Peer>> ListPeers() override;
  base::Result<domain::Peer> UpdatePeer(const domain::Peer& peer) override;
  base::Status DeletePeer(std::string_view name, base::TimePoint at) override;
  base::Result<bool> ClaimPull(int64_t id, base::TimePoint due_before, base::TimePoint at) override;
  base::Status RecordPull(int64_t id, std::optional<int64_t> cursor,
                          std::optional<base::TimePoint> generated_at, std::string_view error,
                          base::TimePoint at) override;

  base::Result<int64_t> Publish(std::span<const domain::FederationEntry> entries,
                                base::TimePoint at) override;
  base::Result<std::optional<domain::FederationEntry>> GetEntry(indicator::Kind kind,
                                                                std::string_view canonical,
                                                                std::string_view origin) override;
  base::Result<int64_t> PublishWarnings(std::span<const domain::FederationWarning> warnings,
                                        base::TimePoint at) override;
  base::Result<std::vector<domain::FederationWarning>> ListWarnings(
      std::string_view origin) override;
  base::Result<Changes> ChangesSince(int64_t since, int limit) override;
  base::Result<std::vector<domain::FederationEntry>> ExpiredListings(base::TimePoint now,
                                                                     int limit) override;
  base::Result<int64_t> CurrentSeq() override;
  base::Result<int64_t> OwnCursor() override;
  base::Status SetOwnCursor(int64_t version) override;
  base::Result<int64_t> LockOwnCursor() override;

  base::Status PutPeerWarnings(int64_t peer_id,
                               std::span<const domain::FederationWarning> warnings) override;
  base::Result<std::vector<domain::PeerWarning>> ListPeerWarnings(
      const PeerWarningFilter& filter) override;

  base::Result<int64_t> RecordConflict(const domain::FederationConflict& conflict) override;
  base::Result<std::vector<domain::FederationConflict>> ListConflicts(bool open_only,
                                                                      int limit) override;
  base::Status ResolveConflict(int64_t id, base::TimePoint at) override;

 private:
  Session& s_;
};

}  // namespace binhyen::store::postgres

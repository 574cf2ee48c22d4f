#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/federation.h"
#include "store/federation_store.h"
#include "store/sqlite/tx_context.h"

namespace binhyen::store::sqlite {

// The SQLite federation repository of one transaction (contract in store/federation_store.h,
// schema in migrations/sqlite/0015_cluster.sql). Feed seqs come from the counter
// 'federation_seq', incremented under the writer lock, so they follow commit order; the own
// cursor is the counter 'federation_own_cursor' (the writer lock is the lock SetOwnCursor
// takes). Thread safety: confine to the transaction's thread.
class SqliteFederation final : public FederationRepository {
 public:
  explicit SqliteFederation(TxContext& tx) : tx_(tx) {}

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
  base::Result<std::optional<domain::Peer>> FindByName(std::string_view name);
  base::Result<domain::Peer> LoadByName(std::string_view name);  // NotFound "peer '<name>': ..."
  base::Result<domain::Peer> LoadById(int64_t id);               // NotFound "peer <id>: ..."
  // The name of the peer other than `except_id` whose key is `public_key`, or nullopt.
  base::Result<std::optional<std::string>> KeyOwner(std::string_view public_key, int64_t except_id);
  // Sets the trust and enabled flag of feed source `source_id` to the peer's, with a new change
  // version.
  base::Status SetSourceListing(int64_t source_id, const domain::Peer& peer);
  // The next value of counter `counter` ('federation_seq' or 'indicator_version').
  base::Result<int64_t> Next(std::string_view counter);
  base::Result<int64_t> ReadCounter(std::string_view counter);
  // Withdraws (each with a new seq) the entries of our feed relayed from peer `peer_id`.
  base::Status WithdrawRelayed(int64_t peer_id, base::TimePoint at);
  base::Result<std::optional<domain::FederationEntry>> FindEntry(indicator::Kind kind,
                                                                 std::string_view canonical,
                                                                 std::string_view origin);
  base::Result<std::optional<domain::FederationWarning>> FindWarning(std::string_view origin,
                                                                     int64_t remote_id);
  // InvalidArgument "warnings[i].<field>: ..." for the first bad warning.
  static base::Status ValidateWarnings(std::span<const domain::FederationWarning> warnings);

  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite

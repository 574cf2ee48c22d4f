#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/channel_store.h"
#include "store/sqlite/tx_context.h"

namespace binhyen::store::sqlite {

// The SQLite channel repository of one transaction (contract in store/channel_store.h, schema
// in migrations/sqlite/0010_channels.sql). Thread safety: confine to the transaction's thread.
class SqliteChannels final : public ChannelRepository {
 public:
  explicit SqliteChannels(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::CommunityChannel& channel) override;
  base::Status Update(const domain::CommunityChannel& channel) override;
  base::Result<domain::CommunityChannel> Get(int64_t id) override;
  base::Result<std::vector<domain::CommunityChannel>> List(
      std::span<const std::string> unit_codes) override;
  base::Status UpsertFigures(const domain::ChannelFigures& figures) override;
  base::Result<std::vector<domain::ChannelFigures>> Figures(int64_t channel_id, int limit) override;
  base::Result<std::vector<domain::ChannelFigures>> LatestFigures() override;
  base::Result<int64_t> EnqueueDelivery(const domain::WebhookDelivery& delivery) override;
  base::Result<domain::WebhookDelivery> GetDelivery(int64_t id) override;
  base::Status UpdateDelivery(const domain::WebhookDelivery& delivery) override;
  base::Result<bool> ClaimDelivery(int64_t id, int attempts, base::TimePoint next_attempt_at,
                                   base::TimePoint lease_until) override;
  base::Result<std::vector<domain::WebhookDelivery>> Deliveries(int64_t channel_id,
                                                                int limit) override;
  base::Result<std::vector<domain::WebhookDelivery>> DueDeliveries(base::TimePoint now,
                                                                   int limit) override;
  base::Result<std::optional<base::TimePoint>> NextDueTime() override;

 private:
  base::Status ChannelExists(int64_t id);

  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite

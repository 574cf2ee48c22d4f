#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "domain/channel.h"

namespace binhyen::store {

// ---------------------------------------------------------------------------------------------
// Community channels of the awareness programme (migration 0010). Included by store/store.h;
// the general contract of repositories written there applies.

// At most this many rows from ChannelRepository::Figures and ::Deliveries.
inline constexpr int kMaxChannelRows = 500;

class ChannelRepository {
 public:
  virtual ~ChannelRepository() = default;

  // Ignores channel.id. Validates (domain::Validate); the unit must exist (NotFound "unit
  // '<code>': not found"). Returns the id.
  virtual base::Result<int64_t> Create(const domain::CommunityChannel& channel) = 0;
  // Replaces every field of channel `channel.id` except created_at. NotFound "channel <id>: not
  // found"; the errors of Create.
  virtual base::Status Update(const domain::CommunityChannel& channel) = 0;
  // NotFound "channel <id>: not found".
  virtual base::Result<domain::CommunityChannel> Get(int64_t id) = 0;
  // The channels of the units in `unit_codes` (exactly those), or every channel when empty;
  // id ascending.
  virtual base::Result<std::vector<domain::CommunityChannel>> List(
      std::span<const std::string> unit_codes) = 0;

  // Inserts or replaces the figures of (channel_id, month). Validates; NotFound when the
  // channel does not exist.
  virtual base::Status UpsertFigures(const domain::ChannelFigures& figures) = 0;
  // The figures of channel `channel_id`, month descending, at most `limit` (1..kMaxChannelRows,
  // InvalidArgument "limit: ..." otherwise). Empty for an unknown channel.
  virtual base::Result<std::vector<domain::ChannelFigures>> Figures(int64_t channel_id,
                                                                    int limit) = 0;
  // The latest month's figures of every channel that has any, channel id ascending.
  virtual base::Result<std::vector<domain::ChannelFigures>> LatestFigures() = 0;

  // Ignores delivery.id. Validates; NotFound when the channel (or the warning named) does not
  // exist; AlreadyExists "delivery: already exists" when an event about the same warning was
  // already queued for the channel. Returns the id.
  virtual base::Result<int64_t> EnqueueDelivery(const domain::WebhookDelivery& delivery) = 0;
  // NotFound "delivery <id>: not found".
  virtual base::Result<domain::WebhookDelivery> GetDelivery(int64_t id) = 0;
  // Replaces status, attempts, next_attempt_at, last_http_status, last_error, last_attempt_at
  // and delivered_at of delivery `delivery.id`. NotFound; InvalidArgument.
  virtual base::Status UpdateDelivery(const domain::WebhookDelivery& delivery) = 0;
  // Claims the next attempt of delivery `id` for this node (several app nodes run the sender):
  // when the delivery is pending with exactly `attempts` and `next_attempt_at` (as read by
  // DueDeliveries), sets next_attempt_at = `lease_until` and returns true; otherwise (another
  // node claimed or recorded it meanwhile, or it is gone) changes nothing and returns false.
  // Atomic: of two nodes claiming the same state, one gets true.
  virtual base::Result<bool> ClaimDelivery(int64_t id, int attempts,
                                           base::TimePoint next_attempt_at,
                                           base::TimePoint lease_until) = 0;
  // The deliveries of channel `channel_id`, id descending, at most `limit` (1..kMaxChannelRows).
  virtual base::Result<std::vector<domain::WebhookDelivery>> Deliveries(int64_t channel_id,
                                                                        int limit) = 0;
  // Pending deliveries with next_attempt_at <= `now`, by (next_attempt_at, id) ascending, at
  // most `limit` (1..kMaxChannelRows).
  virtual base::Result<std::vector<domain::WebhookDelivery>> DueDeliveries(base::TimePoint now,
                                                                           int limit) = 0;
  // The earliest next_attempt_at of a pending delivery; nullopt when none is pending.
  virtual base::Result<std::optional<base::TimePoint>> NextDueTime() = 0;
};

}  // namespace binhyen::store

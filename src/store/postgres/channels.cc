// Community channels: channels, monthly figures, outgoing webhook deliveries.
#include "store/postgres/channels.h"

#include <string>
#include <utility>

#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

#define BINHYEN_PG_CHANNEL_COLUMNS                                                           \
  "id, unit_code, kind, name, url, admins, encode(admin_contact_ciphertext, 'hex') AS "      \
  "admin_contact, active, webhook_url, encode(webhook_secret_ciphertext, 'hex') AS secret, " \
  "webhook_auto, created_at, updated_at "
#define BINHYEN_PG_FIGURE_COLUMNS \
  "channel_id, month, members, warnings_relayed, reports_received, updated_at "
#define BINHYEN_PG_DELIVERY_COLUMNS                                              \
  "id, channel_id, event, warning_id, body, status, attempts, next_attempt_at, " \
  "last_http_status, last_error, created_at, last_attempt_at, delivered_at "
constexpr Sql kChannelInsert{
    "channel_insert",
    "INSERT INTO channels (unit_code, kind, name, url, admins, admin_contact_ciphertext, active, "
    "webhook_url, webhook_secret_ciphertext, webhook_auto, created_at, updated_at) VALUES ($1, "
    "$2, $3, $4, $5, decode($6, 'hex'), $7, $8, decode($9, 'hex'), $10, $11, $12) RETURNING id"};
constexpr Sql kChannelUpdate{
    "channel_update",
    "UPDATE channels SET unit_code = $1, kind = $2, name = $3, url = $4, admins = $5, "
    "admin_contact_ciphertext = decode($6, 'hex'), active = $7, webhook_url = $8, "
    "webhook_secret_ciphertext = decode($9, 'hex'), webhook_auto = $10, updated_at = $11 "
    "WHERE id = $12"};
constexpr Sql kChannelGet{"channel_get",
                          "SELECT " BINHYEN_PG_CHANNEL_COLUMNS "FROM channels WHERE id = $1"};
constexpr Sql kChannelAll{"channel_all",
                          "SELECT " BINHYEN_PG_CHANNEL_COLUMNS "FROM channels ORDER BY id"};
constexpr Sql kChannelOfUnits{"channel_of_units",
                              "SELECT " BINHYEN_PG_CHANNEL_COLUMNS
                              "FROM channels WHERE unit_code = ANY($1::text[]) ORDER BY id"};
constexpr Sql kChannelExists{"channel_exists", "SELECT 1 FROM channels WHERE id = $1"};
constexpr Sql kChannelUnitExists{"channel_unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kFiguresUpsert{
    "channel_figures_upsert",
    "INSERT INTO channel_figures (" BINHYEN_PG_FIGURE_COLUMNS
    ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (channel_id, month) DO UPDATE SET "
    "members = excluded.members, warnings_relayed = excluded.warnings_relayed, "
    "reports_received = excluded.reports_received, updated_at = excluded.updated_at"};
constexpr Sql kFigures{"channel_figures",
                       "SELECT " BINHYEN_PG_FIGURE_COLUMNS
                       "FROM channel_figures WHERE channel_id = $1 ORDER BY month DESC LIMIT $2"};
constexpr Sql kLatestFigures{"channel_latest_figures",
                             "SELECT DISTINCT ON (channel_id) " BINHYEN_PG_FIGURE_COLUMNS
                             "FROM channel_figures ORDER BY channel_id, month DESC"};
constexpr Sql kWarningExists{"channel_warning_exists", "SELECT 1 FROM warnings WHERE id = $1"};
constexpr Sql kDeliveryDuplicate{
    "delivery_duplicate",
    "SELECT 1 FROM webhook_deliveries WHERE channel_id = $1 AND warning_id = $2 AND event = $3"};
constexpr Sql kDeliveryInsert{
    "delivery_insert",
    "INSERT INTO webhook_deliveries (channel_id, event, warning_id, body, status, attempts, "
    "next_attempt_at, last_http_status, last_error, created_at, last_attempt_at, delivered_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"};
constexpr Sql kDeliveryGet{
    "delivery_get", "SELECT " BINHYEN_PG_DELIVERY_COLUMNS "FROM webhook_deliveries WHERE id = $1"};
constexpr Sql kDeliveryUpdate{
    "delivery_update",
    "UPDATE webhook_deliveries SET status = $2, attempts = $3, next_attempt_at = $4, "
    "last_http_status = $5, last_error = $6, last_attempt_at = $7, delivered_at = $8 "
    "WHERE id = $1"};
constexpr Sql kDeliveryClaim{
    "delivery_claim",
    "UPDATE webhook_deliveries SET next_attempt_at = $4 WHERE id = $1 AND status = 'pending' "
    "AND attempts = $2 AND next_attempt_at = $3"};
constexpr Sql kDeliveries{"deliveries_of_channel",
                          "SELECT " BINHYEN_PG_DELIVERY_COLUMNS
                          "FROM webhook_deliveries WHERE channel_id = $1 ORDER BY id DESC "
                          "LIMIT $2"};
constexpr Sql kDueDeliveries{"deliveries_due",
                             "SELECT " BINHYEN_PG_DELIVERY_COLUMNS
                             "FROM webhook_deliveries WHERE status = 'pending' AND "
                             "next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"};
constexpr Sql kNextDue{"deliveries_next_due",
                       "SELECT min(next_attempt_at) FROM webhook_deliveries WHERE status = "
                       "'pending'"};
#undef BINHYEN_PG_CHANNEL_COLUMNS
#undef BINHYEN_PG_FIGURE_COLUMNS
#undef BINHYEN_PG_DELIVERY_COLUMNS

base::Status ChannelNotFound(int64_t id) {
  return base::NotFoundError("channel " + std::to_string(id) + ": not found");
}

base::Status DeliveryNotFound(int64_t id) {
  return base::NotFoundError("delivery " + std::to_string(id) + ": not found");
}

base::Status CheckLimit(int limit) {
  if (limit < 1 || limit > kMaxChannelRows) {
    return base::InvalidArgumentError("limit: must be 1..500");
  }
  return base::Status::Ok();
}

base::Result<domain::CommunityChannel> ChannelFromRow(const pqxx::row& row) {
  domain::CommunityChannel c;
  c.id = Int(row["id"]);
  c.unit_code = Text(row["unit_code"]);
  BINHYEN_ASSIGN_OR_RETURN(c.kind, ParseColumn<domain::ChannelKind>("kind", Text(row["kind"]),
                                                                    domain::ParseChannelKind));
  c.name = Text(row["name"]);
  c.url = Text(row["url"]);
  c.admins = Text(row["admins"]);
  c.admin_contact_ciphertext = OptionalBytes(row["admin_contact"]);
  c.active = Bool(row["active"]);
  c.webhook_url = Text(row["webhook_url"]);
  c.webhook_secret_ciphertext = OptionalBytes(row["secret"]);
  c.webhook_auto = Bool(row["webhook_auto"]);
  c.created_at = Time(row["created_at"]);
  c.updated_at = Time(row["updated_at"]);
  return c;
}

domain::ChannelFigures FiguresFromRow(const pqxx::row& row) {
  domain::ChannelFigures f;
  f.channel_id = Int(row["channel_id"]);
  f.month = Text(row["month"]);
  f.members = Int(row["members"]);
  f.warnings_relayed = Int(row["warnings_relayed"]);
  f.reports_received = Int(row["reports_received"]);
  f.updated_at = Time(row["updated_at"]);
  return f;
}

base::Result<domain::WebhookDelivery> DeliveryFromRow(const pqxx::row& row) {
  domain::WebhookDelivery d;
  d.id = Int(row["id"]);
  d.channel_id = Int(row["channel_id"]);
  d.event = Text(row["event"]);
  d.warning_id = OptionalInt(row["warning_id"]);
  d.body = Text(row["body"]);
  BINHYEN_ASSIGN_OR_RETURN(d.status,
                           ParseColumn<domain::DeliveryStatus>("status", Text(row["status"]),
                                                               domain::ParseDeliveryStatus));
  d.attempts = static_cast<int>(Int(row["attempts"]));
  d.next_attempt_at = Time(row["next_attempt_at"]);
  if (std::optional<int64_t> code = OptionalInt(row["last_http_status"])) {
    d.last_http_status = static_cast<int>(*code);
  }
  d.last_error = Text(row["last_error"]);
  d.created_at = Time(row["created_at"]);
  d.last_attempt_at = OptionalTime(row["last_attempt_at"]);
  d.delivered_at = OptionalTime(row["delivered_at"]);
  return d;
}

template <typename T, typename F>
base::Result<std::vector<T>> AllRows(const pqxx::result& r, F read) {
  std::vector<T> out;
  for (const pqxx::row& row : r) {
    if constexpr (std::is_same_v<decltype(read(row)), T>) {
      out.push_back(read(row));
    } else {
      BINHYEN_ASSIGN_OR_RETURN(T item, read(row));
      out.push_back(std::move(item));
    }
  }
  return out;
}

Params ChannelParams(const domain::CommunityChannel& c) {
  Params p;
  p.Add(c.unit_code)
      .Add(domain::Name(c.kind))
      .Add(c.name)
      .Add(c.url)
      .Add(c.admins)
      .AddBytes(c.admin_contact_ciphertext)
      .Add(c.active)
      .Add(c.webhook_url)
      .AddBytes(c.webhook_secret_ciphertext)
      .Add(c.webhook_auto);
  return p;
}

std::optional<int64_t> OptionalStatus(const std::optional<int>& v) {
  return v ? std::optional<int64_t>(*v) : std::nullopt;
}

}  // namespace

base::Result<int64_t> PgChannelRepository::Create(const domain::CommunityChannel& c) {
  return s_.Write("channels.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(c));
    if (s_.Exec(kChannelUnitExists, Params().Add(c.unit_code)).empty()) {
      return base::NotFoundError("unit '" + c.unit_code + "': not found");
    }
    Params p = ChannelParams(c);
    p.AddTime(c.created_at).AddTime(c.updated_at);
    return Int(s_.Exec(kChannelInsert, p)[0][0]);
  });
}

base::Status PgChannelRepository::Update(const domain::CommunityChannel& c) {
  return s_.Write("channels.update", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(c));
    if (s_.Exec(kChannelExists, Params().Add(c.id)).empty()) return ChannelNotFound(c.id);
    if (s_.Exec(kChannelUnitExists, Params().Add(c.unit_code)).empty()) {
      return base::NotFoundError("unit '" + c.unit_code + "': not found");
    }
    Params p = ChannelParams(c);
    p.AddTime(c.updated_at).Add(c.id);
    s_.Exec(kChannelUpdate, p);
    return base::Status::Ok();
  });
}

base::Result<domain::CommunityChannel> PgChannelRepository::Get(int64_t id) {
  return s_.Read("channels.get", [&]() -> base::Result<domain::CommunityChannel> {
    const pqxx::result r = s_.Exec(kChannelGet, Params().Add(id));
    if (r.empty()) return ChannelNotFound(id);
    return ChannelFromRow(r[0]);
  });
}

base::Result<std::vector<domain::CommunityChannel>> PgChannelRepository::List(
    std::span<const std::string> unit_codes) {
  return s_.Read("channels.list", [&]() -> base::Result<std::vector<domain::CommunityChannel>> {
    const pqxx::result r =
        unit_codes.empty()
            ? s_.Exec(kChannelAll)
            : s_.Exec(kChannelOfUnits, Params().Add(TextArray(std::vector<std::string>(
                                           unit_codes.begin(), unit_codes.end()))));
    return AllRows<domain::CommunityChannel>(r, ChannelFromRow);
  });
}

base::Status PgChannelRepository::UpsertFigures(const domain::ChannelFigures& f) {
  return s_.Write("channels.upsert_figures", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(f));
    if (s_.Exec(kChannelExists, Params().Add(f.channel_id)).empty()) {
      return ChannelNotFound(f.channel_id);
    }
    s_.Exec(kFiguresUpsert, Params()
                                .Add(f.channel_id)
                                .Add(f.month)
                                .Add(f.members)
                                .Add(f.warnings_relayed)
                                .Add(f.reports_received)
                                .AddTime(f.updated_at));
    return base::Status::Ok();
  });
}

base::Result<std::vector<domain::ChannelFigures>> PgChannelRepository::Figures(int64_t channel_id,
                                                                               int limit) {
  return s_.Read("channels.figures", [&]() -> base::Result<std::vector<domain::ChannelFigures>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit));
    return AllRows<domain::ChannelFigures>(s_.Exec(kFigures, Params().Add(channel_id).Add(limit)),
                                           FiguresFromRow);
  });
}

base::Result<std::vector<domain::ChannelFigures>> PgChannelRepository::LatestFigures() {
  return s_.Read("channels.latest_figures",
                 [&]() -> base::Result<std::vector<domain::ChannelFigures>> {
                   return AllRows<domain::ChannelFigures>(s_.Exec(kLatestFigures), FiguresFromRow);
                 });
}

base::Result<int64_t> PgChannelRepository::EnqueueDelivery(const domain::WebhookDelivery& d) {
  return s_.Write("channels.enqueue_delivery", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(d));
    if (s_.Exec(kChannelExists, Params().Add(d.channel_id)).empty()) {
      return ChannelNotFound(d.channel_id);
    }
    if (d.warning_id) {
      if (s_.Exec(kWarningExists, Params().Add(*d.warning_id)).empty()) {
        return base::NotFoundError("warning " + std::to_string(*d.warning_id) + ": not found");
      }
      if (!s_.Exec(kDeliveryDuplicate, Params().Add(d.channel_id).Add(*d.warning_id).Add(d.event))
               .empty()) {
        return base::AlreadyExistsError("delivery: already exists");
      }
    }
    const pqxx::result r = s_.Exec(kDeliveryInsert, Params()
                                                        .Add(d.channel_id)
                                                        .Add(d.event)
                                                        .Add(d.warning_id)
                                                        .Add(d.body)
                                                        .Add(domain::Name(d.status))
                                                        .Add(d.attempts)
                                                        .AddTime(d.next_attempt_at)
                                                        .Add(OptionalStatus(d.last_http_status))
                                                        .Add(d.last_error)
                                                        .AddTime(d.created_at)
                                                        .AddTime(d.last_attempt_at)
                                                        .AddTime(d.delivered_at));
    return Int(r[0][0]);
  });
}

base::Result<domain::WebhookDelivery> PgChannelRepository::GetDelivery(int64_t id) {
  return s_.Read("channels.get_delivery", [&]() -> base::Result<domain::WebhookDelivery> {
    const pqxx::result r = s_.Exec(kDeliveryGet, Params().Add(id));
    if (r.empty()) return DeliveryNotFound(id);
    return DeliveryFromRow(r[0]);
  });
}

base::Status PgChannelRepository::UpdateDelivery(const domain::WebhookDelivery& d) {
  return s_.Write("channels.update_delivery", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(d));
    const pqxx::result r = s_.Exec(kDeliveryUpdate, Params()
                                                        .Add(d.id)
                                                        .Add(domain::Name(d.status))
                                                        .Add(d.attempts)
                                                        .AddTime(d.next_attempt_at)
                                                        .Add(OptionalStatus(d.last_http_status))
                                                        .Add(d.last_error)
                                                        .AddTime(d.last_attempt_at)
                                                        .AddTime(d.delivered_at));
    if (r.affected_rows() == 0) return DeliveryNotFound(d.id);
    return base::Status::Ok();
  });
}

base::Result<bool> PgChannelRepository::ClaimDelivery(int64_t id, int attempts,
                                                      base::TimePoint next_attempt_at,
                                                      base::TimePoint lease_until) {
  bool claimed = false;
  BINHYEN_RETURN_IF_ERROR(s_.Write("channels.claim_delivery", [&]() -> base::Status {
    // The row lock of the UPDATE makes a second claimer wait, then re-check its WHERE against
    // the committed row (READ COMMITTED): it no longer matches and changes nothing.
    const pqxx::result r =
        s_.Exec(kDeliveryClaim,
                Params().Add(id).Add(attempts).AddTime(next_attempt_at).AddTime(lease_until));
    claimed = r.affected_rows() == 1;
    return base::Status::Ok();
  }));
  return claimed;
}

base::Result<std::vector<domain::WebhookDelivery>> PgChannelRepository::Deliveries(
    int64_t channel_id, int limit) {
  return s_.Read("channels.deliveries",
                 [&]() -> base::Result<std::vector<domain::WebhookDelivery>> {
                   BINHYEN_RETURN_IF_ERROR(CheckLimit(limit));
                   return AllRows<domain::WebhookDelivery>(
                       s_.Exec(kDeliveries, Params().Add(channel_id).Add(limit)), DeliveryFromRow);
                 });
}

base::Result<std::vector<domain::WebhookDelivery>> PgChannelRepository::DueDeliveries(
    base::TimePoint now, int limit) {
  return s_.Read("channels.due_deliveries",
                 [&]() -> base::Result<std::vector<domain::WebhookDelivery>> {
                   BINHYEN_RETURN_IF_ERROR(CheckLimit(limit));
                   return AllRows<domain::WebhookDelivery>(
                       s_.Exec(kDueDeliveries, Params().AddTime(now).Add(limit)), DeliveryFromRow);
                 });
}

base::Result<std::optional<base::TimePoint>> PgChannelRepository::NextDueTime() {
  return s_.Read("channels.next_due", [&]() -> base::Result<std::optional<base::TimePoint>> {
    const pqxx::result r = s_.Exec(kNextDue);
    if (r.empty()) return std::optional<base::TimePoint>();
    return OptionalTime(r[0][0]);
  });
}

}  // namespace binhyen::store::postgres

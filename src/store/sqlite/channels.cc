// Community channels: channels, monthly figures, outgoing webhook deliveries.
#include "store/sqlite/channels.h"

#include <algorithm>
#include <string>
#include <utility>

#include "store/sqlite/connection.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kChannelColumns =
    "id, unit_code, kind, name, url, admins, admin_contact_ciphertext, active, webhook_url, "
    "webhook_secret_ciphertext, webhook_auto, created_at, updated_at";
constexpr std::string_view kFigureColumns =
    "channel_id, month, members, warnings_relayed, reports_received, updated_at";
constexpr std::string_view kDeliveryColumns =
    "id, channel_id, event, warning_id, body, status, attempts, next_attempt_at, "
    "last_http_status, last_error, created_at, last_attempt_at, delivered_at";

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

base::Result<domain::CommunityChannel> ReadChannel(const Statement& s) {
  domain::CommunityChannel c;
  c.id = s.Int(0);
  c.unit_code = s.Text(1);
  std::optional<domain::ChannelKind> kind = domain::ParseChannelKind(s.Text(2));
  if (!kind) return base::InternalError("channels.kind: unknown value " + s.Text(2));
  c.kind = *kind;
  c.name = s.Text(3);
  c.url = s.Text(4);
  c.admins = s.Text(5);
  c.admin_contact_ciphertext = s.OptionalBlob(6);
  c.active = s.Int(7) != 0;
  c.webhook_url = s.Text(8);
  c.webhook_secret_ciphertext = s.OptionalBlob(9);
  c.webhook_auto = s.Int(10) != 0;
  c.created_at = s.Time(11);
  c.updated_at = s.Time(12);
  return c;
}

domain::ChannelFigures ReadFigures(const Statement& s) {
  domain::ChannelFigures f;
  f.channel_id = s.Int(0);
  f.month = s.Text(1);
  f.members = s.Int(2);
  f.warnings_relayed = s.Int(3);
  f.reports_received = s.Int(4);
  f.updated_at = s.Time(5);
  return f;
}

base::Result<domain::WebhookDelivery> ReadDelivery(const Statement& s) {
  domain::WebhookDelivery d;
  d.id = s.Int(0);
  d.channel_id = s.Int(1);
  d.event = s.Text(2);
  d.warning_id = s.OptionalInt(3);
  d.body = s.Text(4);
  std::optional<domain::DeliveryStatus> status = domain::ParseDeliveryStatus(s.Text(5));
  if (!status) return base::InternalError("webhook_deliveries.status: unknown value");
  d.status = *status;
  d.attempts = static_cast<int>(s.Int(6));
  d.next_attempt_at = s.Time(7);
  if (std::optional<int64_t> code = s.OptionalInt(8)) d.last_http_status = static_cast<int>(*code);
  d.last_error = s.Text(9);
  d.created_at = s.Time(10);
  d.last_attempt_at = s.OptionalTime(11);
  d.delivered_at = s.OptionalTime(12);
  return d;
}

template <typename T, typename F>
base::Result<std::vector<T>> Collect(Statement& s, F read) {
  std::vector<T> out;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    if constexpr (std::is_same_v<decltype(read(s)), T>) {
      out.push_back(read(s));
    } else {
      BINHYEN_ASSIGN_OR_RETURN(T item, read(s));
      out.push_back(std::move(item));
    }
  }
}

// Binds the fields of `c` from kChannelColumns' unit_code to webhook_auto at 1..10.
void BindChannel(Statement& s, const domain::CommunityChannel& c) {
  s.Bind(1, c.unit_code)
      .Bind(2, domain::Name(c.kind))
      .Bind(3, c.name)
      .Bind(4, c.url)
      .Bind(5, c.admins)
      .BindBlob(6, c.admin_contact_ciphertext)
      .Bind(7, int64_t{c.active ? 1 : 0})
      .Bind(8, c.webhook_url)
      .BindBlob(9, c.webhook_secret_ciphertext)
      .Bind(10, int64_t{c.webhook_auto ? 1 : 0});
}

std::optional<int64_t> OptionalStatus(const std::optional<int>& v) {
  return v ? std::optional<int64_t>(*v) : std::nullopt;
}

}  // namespace

base::Status SqliteChannels::ChannelExists(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT 1 FROM channels WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : ChannelNotFound(id);
}

base::Result<int64_t> SqliteChannels::Create(const domain::CommunityChannel& c) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(c));
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto u, conn.Prepare("SELECT 1 FROM units WHERE code = ?"));
    u->Bind(1, c.unit_code);
    BINHYEN_ASSIGN_OR_RETURN(bool unit, u->Step());
    if (!unit) return base::NotFoundError("unit '" + c.unit_code + "': not found");
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("INSERT INTO channels (unit_code, kind, name, url, admins, "
                             "admin_contact_ciphertext, active, webhook_url, "
                             "webhook_secret_ciphertext, webhook_auto, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindChannel(*s, c);
    s->Bind(11, c.created_at).Bind(12, c.updated_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(conn.db()));
  });
}

base::Status SqliteChannels::Update(const domain::CommunityChannel& c) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(c));
    BINHYEN_RETURN_IF_ERROR(ChannelExists(c.id));
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto u, conn.Prepare("SELECT 1 FROM units WHERE code = ?"));
    u->Bind(1, c.unit_code);
    BINHYEN_ASSIGN_OR_RETURN(bool unit, u->Step());
    if (!unit) return base::NotFoundError("unit '" + c.unit_code + "': not found");
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("UPDATE channels SET unit_code = ?, kind = ?, name = ?, url = ?, "
                             "admins = ?, admin_contact_ciphertext = ?, active = ?, "
                             "webhook_url = ?, webhook_secret_ciphertext = ?, webhook_auto = ?, "
                             "updated_at = ? WHERE id = ?"));
    BindChannel(*s, c);
    s->Bind(11, c.updated_at).Bind(12, c.id);
    return s->Run();
  });
}

base::Result<domain::CommunityChannel> SqliteChannels::Get(int64_t id) {
  return tx_.Read([&]() -> base::Result<domain::CommunityChannel> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kChannelColumns) +
                                                      " FROM channels WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return ChannelNotFound(id);
    return ReadChannel(*s);
  });
}

base::Result<std::vector<domain::CommunityChannel>> SqliteChannels::List(
    std::span<const std::string> unit_codes) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::CommunityChannel>> {
    const std::string select = "SELECT " + std::string(kChannelColumns) + " FROM channels ";
    if (unit_codes.empty()) {
      BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(select + "ORDER BY id"));
      return Collect<domain::CommunityChannel>(*s, ReadChannel);
    }
    std::vector<std::string> codes(unit_codes.begin(), unit_codes.end());
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    std::vector<domain::CommunityChannel> out;
    for (const std::string& code : codes) {
      BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(select + "WHERE unit_code = ?"));
      s->Bind(1, code);
      BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::CommunityChannel> part,
                               Collect<domain::CommunityChannel>(*s, ReadChannel));
      std::move(part.begin(), part.end(), std::back_inserter(out));
    }
    std::sort(out.begin(), out.end(),
              [](const domain::CommunityChannel& a, const domain::CommunityChannel& b) {
                return a.id < b.id;
              });
    return out;
  });
}

base::Status SqliteChannels::UpsertFigures(const domain::ChannelFigures& f) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(f));
    BINHYEN_RETURN_IF_ERROR(ChannelExists(f.channel_id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "INSERT INTO channel_figures (" + std::string(kFigureColumns) +
                    ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, month) DO UPDATE SET "
                    "members = excluded.members, warnings_relayed = excluded.warnings_relayed, "
                    "reports_received = excluded.reports_received, "
                    "updated_at = excluded.updated_at"));
    s->Bind(1, f.channel_id)
        .Bind(2, f.month)
        .Bind(3, f.members)
        .Bind(4, f.warnings_relayed)
        .Bind(5, f.reports_received)
        .Bind(6, f.updated_at);
    return s->Run();
  });
}

base::Result<std::vector<domain::ChannelFigures>> SqliteChannels::Figures(int64_t channel_id,
                                                                          int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::ChannelFigures>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit));
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kFigureColumns) +
                                                      " FROM channel_figures WHERE channel_id = ? "
                                                      "ORDER BY month DESC LIMIT ?"));
    s->Bind(1, channel_id).Bind(2, int64_t{limit});
    return Collect<domain::ChannelFigures>(*s, ReadFigures);
  });
}

base::Result<std::vector<domain::ChannelFigures>> SqliteChannels::LatestFigures() {
  return tx_.Read([&]() -> base::Result<std::vector<domain::ChannelFigures>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT " + std::string(kFigureColumns) +
                    " FROM channel_figures f WHERE month = (SELECT max(month) FROM "
                    "channel_figures g WHERE g.channel_id = f.channel_id) ORDER BY channel_id"));
    return Collect<domain::ChannelFigures>(*s, ReadFigures);
  });
}

base::Result<int64_t> SqliteChannels::EnqueueDelivery(const domain::WebhookDelivery& d) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(d));
    BINHYEN_RETURN_IF_ERROR(ChannelExists(d.channel_id));
    Connection& conn = tx_.connection();
    if (d.warning_id) {
      BINHYEN_ASSIGN_OR_RETURN(auto w, conn.Prepare("SELECT 1 FROM warnings WHERE id = ?"));
      w->Bind(1, *d.warning_id);
      BINHYEN_ASSIGN_OR_RETURN(bool found, w->Step());
      if (!found) {
        return base::NotFoundError("warning " + std::to_string(*d.warning_id) + ": not found");
      }
      BINHYEN_ASSIGN_OR_RETURN(
          auto dup, conn.Prepare("SELECT 1 FROM webhook_deliveries WHERE channel_id = ? AND "
                                 "warning_id = ? AND event = ?"));
      dup->Bind(1, d.channel_id).Bind(2, *d.warning_id).Bind(3, d.event);
      BINHYEN_ASSIGN_OR_RETURN(bool exists, dup->Step());
      if (exists) return base::AlreadyExistsError("delivery: already exists");
    }
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("INSERT INTO webhook_deliveries (channel_id, event, warning_id, "
                             "body, status, attempts, next_attempt_at, last_http_status, "
                             "last_error, created_at, last_attempt_at, delivered_at) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, d.channel_id)
        .Bind(2, d.event)
        .Bind(3, d.warning_id)
        .Bind(4, d.body)
        .Bind(5, domain::Name(d.status))
        .Bind(6, int64_t{d.attempts})
        .Bind(7, d.next_attempt_at)
        .Bind(8, OptionalStatus(d.last_http_status))
        .Bind(9, d.last_error)
        .Bind(10, d.created_at)
        .Bind(11, d.last_attempt_at)
        .Bind(12, d.delivered_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(conn.db()));
  });
}

base::Result<domain::WebhookDelivery> SqliteChannels::GetDelivery(int64_t id) {
  return tx_.Read([&]() -> base::Result<domain::WebhookDelivery> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kDeliveryColumns) +
                                                      " FROM webhook_deliveries WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return DeliveryNotFound(id);
    return ReadDelivery(*s);
  });
}

base::Status SqliteChannels::UpdateDelivery(const domain::WebhookDelivery& d) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(d));
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto e, conn.Prepare("SELECT 1 FROM webhook_deliveries WHERE id = ?"));
    e->Bind(1, d.id);
    BINHYEN_ASSIGN_OR_RETURN(bool found, e->Step());
    if (!found) return DeliveryNotFound(d.id);
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("UPDATE webhook_deliveries SET status = ?, attempts = ?, "
                             "next_attempt_at = ?, last_http_status = ?, last_error = ?, "
                             "last_attempt_at = ?, delivered_at = ? WHERE id = ?"));
    s->Bind(1, domain::Name(d.status))
        .Bind(2, int64_t{d.attempts})
        .Bind(3, d.next_attempt_at)
        .Bind(4, OptionalStatus(d.last_http_status))
        .Bind(5, d.last_error)
        .Bind(6, d.last_attempt_at)
        .Bind(7, d.delivered_at)
        .Bind(8, d.id);
    return s->Run();
  });
}

base::Result<bool> SqliteChannels::ClaimDelivery(int64_t id, int attempts,
                                                 base::TimePoint next_attempt_at,
                                                 base::TimePoint lease_until) {
  bool claimed = false;
  BINHYEN_RETURN_IF_ERROR(tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND "
                    "status = 'pending' AND attempts = ? AND next_attempt_at = ? RETURNING id"));
    s->Bind(1, lease_until).Bind(2, id).Bind(3, int64_t{attempts}).Bind(4, next_attempt_at);
    BINHYEN_ASSIGN_OR_RETURN(claimed, s->Step());
    return base::Status::Ok();
  }));
  return claimed;
}

base::Result<std::vector<domain::WebhookDelivery>> SqliteChannels::Deliveries(int64_t channel_id,
                                                                              int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::WebhookDelivery>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kDeliveryColumns) +
                                         " FROM webhook_deliveries WHERE channel_id = ? "
                                         "ORDER BY id DESC LIMIT ?"));
    s->Bind(1, channel_id).Bind(2, int64_t{limit});
    return Collect<domain::WebhookDelivery>(*s, ReadDelivery);
  });
}

base::Result<std::vector<domain::WebhookDelivery>> SqliteChannels::DueDeliveries(
    base::TimePoint now, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::WebhookDelivery>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kDeliveryColumns) +
                                         " FROM webhook_deliveries WHERE status = 'pending' AND "
                                         "next_attempt_at <= ? ORDER BY next_attempt_at, id "
                                         "LIMIT ?"));
    s->Bind(1, now).Bind(2, int64_t{limit});
    return Collect<domain::WebhookDelivery>(*s, ReadDelivery);
  });
}

base::Result<std::optional<base::TimePoint>> SqliteChannels::NextDueTime() {
  return tx_.Read([&]() -> base::Result<std::optional<base::TimePoint>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT min(next_attempt_at) FROM webhook_deliveries "
                                         "WHERE status = 'pending'"));
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<base::TimePoint>();
    return s->OptionalTime(0);
  });
}

}  // namespace binhyen::store::sqlite

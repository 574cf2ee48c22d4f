#include <string>
#include <utility>

#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {

base::Result<int64_t> SqliteDisputes::Create(const domain::Dispute& d) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(d));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "INSERT INTO disputes (kind, canonical, claimant_contact_ciphertext, reason, "
                    "status, created_at) VALUES (?, ?, ?, ?, 'open', ?)"));
    s->Bind(1, indicator::KindName(d.kind))
        .Bind(2, d.canonical)
        .BindBlob(3, d.claimant_contact_ciphertext)
        .Bind(4, d.reason)
        .Bind(5, d.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(tx_.connection().db()));
  });
}

base::Result<domain::Dispute> SqliteDisputes::Load(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare(
                  "SELECT kind, canonical, claimant_contact_ciphertext, reason, status, "
                  "resolution, resolved_by_user_id, created_at, resolved_at, "
                  "claimant_contact_erased_at FROM disputes "
                  "WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return base::NotFoundError("dispute " + std::to_string(id) + ": not found");
  domain::Dispute d;
  d.id = id;
  const std::string kind = s->Text(0), status = s->Text(4);
  BINHYEN_ASSIGN_OR_RETURN(d.kind, ParseStored(indicator::ParseKind(kind), "kind", kind));
  d.canonical = s->Text(1);
  d.claimant_contact_ciphertext = s->OptionalBlob(2);
  d.reason = s->Text(3);
  BINHYEN_ASSIGN_OR_RETURN(d.status,
                           ParseStored(domain::ParseDisputeStatus(status), "status", status));
  d.resolution = s->Text(5);
  d.resolved_by_user_id = s->OptionalInt(6);
  d.created_at = s->Time(7);
  d.resolved_at = s->OptionalTime(8);
  d.claimant_contact_erased_at = s->OptionalTime(9);
  return d;
}

base::Result<domain::Dispute> SqliteDisputes::Get(int64_t id) {
  return tx_.Read([&] { return Load(id); });
}

base::Result<Page<domain::Dispute>> SqliteDisputes::List(
    std::optional<domain::DisputeStatus> status, const PageRequest& page) {
  return tx_.Read([&]() -> base::Result<Page<domain::Dispute>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    std::string sql = "SELECT id FROM disputes WHERE 1";
    if (status) sql += " AND status = ?1";
    if (after) sql += " AND id < ?2";
    sql += " ORDER BY id DESC LIMIT ?3";
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
    if (status) s->Bind(1, domain::Name(*status));
    if (after) s->Bind(2, *after);
    s->Bind(3, static_cast<int64_t>(page.limit) + 1);
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, CollectIds(*s));
    s.reset();
    const bool more = ids.size() > static_cast<size_t>(page.limit);
    if (more) ids.pop_back();
    Page<domain::Dispute> out;
    for (int64_t id : ids) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Dispute d, Load(id));
      out.items.push_back(std::move(d));
    }
    if (more) out.next = FormatIdCursor(ids.back());
    return out;
  });
}

base::Result<domain::Dispute> SqliteDisputes::Resolve(int64_t id, domain::DisputeStatus to,
                                                      std::string_view resolution,
                                                      int64_t resolved_by_user_id,
                                                      base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<domain::Dispute> {
    BINHYEN_ASSIGN_OR_RETURN(domain::Dispute d, Load(id));
    BINHYEN_RETURN_IF_ERROR(domain::CheckResolution(d.status, to, resolution));
    BINHYEN_RETURN_IF_ERROR(UserExists(tx_.connection(), resolved_by_user_id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE disputes SET status = ?, resolution = ?, "
                                         "resolved_by_user_id = ?, resolved_at = ? WHERE id = ?"));
    s->Bind(1, domain::Name(to))
        .Bind(2, resolution)
        .Bind(3, resolved_by_user_id)
        .Bind(4, at)
        .Bind(5, id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    return Load(id);
  });
}

}  // namespace binhyen::store::sqlite

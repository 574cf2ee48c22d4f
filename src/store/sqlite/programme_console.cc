// Closing campaigns and editing people (migration 0011); people who left (migration 0012).
#include "store/sqlite/programme_console.h"

#include <optional>
#include <string>

#include "domain/campaign.h"
#include "store/sqlite/connection.h"

namespace binhyen::store::sqlite {
namespace {

// Sets people.left_at of person `id` to `left_at`, refusing when it already has that state.
base::Status SetLeft(TxContext& tx, int64_t id, const std::optional<base::TimePoint>& left_at) {
  return tx.Write([&]() -> base::Status {
    Connection& conn = tx.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto s, conn.Prepare("SELECT left_at FROM people WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::NotFoundError("person " + std::to_string(id) + ": not found");
    const bool left = !s->IsNull(0);
    if (left && left_at) {
      return base::FailedPreconditionError("person " + std::to_string(id) + ": has already left");
    }
    if (!left && !left_at) {
      return base::FailedPreconditionError("person " + std::to_string(id) + ": has not left");
    }
    BINHYEN_ASSIGN_OR_RETURN(auto u, conn.Prepare("UPDATE people SET left_at = ? WHERE id = ?"));
    u->Bind(1, left_at).Bind(2, id);
    return u->Run();
  });
}

}  // namespace

base::Status SqliteProgrammeConsole::CloseCampaign(int64_t id) {
  return tx_.Write([&]() -> base::Status {
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto s, conn.Prepare("SELECT status FROM campaigns WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::NotFoundError("campaign " + std::to_string(id) + ": not found");
    const std::string status = s->Text(0);
    if (status != domain::Name(domain::CampaignStatus::kSent)) {
      return base::FailedPreconditionError("status: campaign " + std::to_string(id) + " is " +
                                           status + ", not sent");
    }
    BINHYEN_ASSIGN_OR_RETURN(auto u,
                             conn.Prepare("UPDATE campaigns SET status = 'closed' WHERE id = ?"));
    u->Bind(1, id);
    return u->Run();
  });
}

base::Status SqliteProgrammeConsole::UpdatePerson(const domain::Person& p) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto unit, conn.Prepare("SELECT 1 FROM units WHERE code = ?"));
    unit->Bind(1, p.unit_code);
    BINHYEN_ASSIGN_OR_RETURN(bool unit_found, unit->Step());
    if (!unit_found) return base::NotFoundError("unit '" + p.unit_code + "': not found");
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("UPDATE people SET unit_code = ?, name = ?, position = ?, "
                             "phone_ciphertext = ?, email_ciphertext = ? WHERE id = ?"));
    s->Bind(1, p.unit_code)
        .Bind(2, p.name)
        .Bind(3, p.position)
        .BindBlob(4, p.phone_ciphertext)
        .BindBlob(5, p.email_ciphertext)
        .Bind(6, p.id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes64(conn.db()) == 0) {
      return base::NotFoundError("person " + std::to_string(p.id) + ": not found");
    }
    return base::Status::Ok();
  });
}

base::Status SqliteProgrammeConsole::MarkPersonLeft(int64_t id, base::TimePoint at) {
  return SetLeft(tx_, id, at);
}

base::Status SqliteProgrammeConsole::RestorePerson(int64_t id) {
  return SetLeft(tx_, id, std::nullopt);
}

}  // namespace binhyen::store::sqlite

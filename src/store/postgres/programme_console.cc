// Closing campaigns and editing people (migration 0011); people who left (migration 0012).
#include "store/postgres/programme_console.h"

#include <string>

#include "domain/campaign.h"

namespace binhyen::store::postgres {
namespace {

constexpr Sql kCampaignStatus{"console_campaign_status",
                              "SELECT status FROM campaigns WHERE id = $1 FOR UPDATE"};
constexpr Sql kCampaignClose{"console_campaign_close",
                             "UPDATE campaigns SET status = 'closed' WHERE id = $1"};
constexpr Sql kUnitExists{"console_unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kPersonUpdate{
    "console_person_update",
    "UPDATE people SET unit_code = $1, name = $2, position = $3, phone_ciphertext = "
    "decode($4, 'hex'), email_ciphertext = decode($5, 'hex') WHERE id = $6 RETURNING id"};
constexpr Sql kPersonLeftAt{"console_person_left_at",
                            "SELECT left_at FROM people WHERE id = $1 FOR UPDATE"};
constexpr Sql kPersonSetLeftAt{"console_person_set_left_at",
                               "UPDATE people SET left_at = $2 WHERE id = $1"};

}  // namespace

base::Status PgProgrammeConsoleRepository::CloseCampaign(int64_t id) {
  return s_.Write("programme_console.close_campaign", [&]() -> base::Status {
    const pqxx::result r = s_.Exec(kCampaignStatus, Params().Add(id));
    if (r.empty()) return base::NotFoundError("campaign " + std::to_string(id) + ": not found");
    const std::string status = Text(r[0][0]);
    if (status != domain::Name(domain::CampaignStatus::kSent)) {
      return base::FailedPreconditionError("status: campaign " + std::to_string(id) + " is " +
                                           status + ", not sent");
    }
    s_.Exec(kCampaignClose, Params().Add(id));
    return base::Status::Ok();
  });
}

base::Status PgProgrammeConsoleRepository::UpdatePerson(const domain::Person& p) {
  return s_.Write("programme_console.update_person", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    if (s_.Exec(kUnitExists, Params().Add(p.unit_code)).empty()) {
      return base::NotFoundError("unit '" + p.unit_code + "': not found");
    }
    const pqxx::result r = s_.Exec(kPersonUpdate, Params()
                                                      .Add(p.unit_code)
                                                      .Add(p.name)
                                                      .Add(p.position)
                                                      .AddBytes(p.phone_ciphertext)
                                                      .AddBytes(p.email_ciphertext)
                                                      .Add(p.id));
    if (r.empty()) return base::NotFoundError("person " + std::to_string(p.id) + ": not found");
    return base::Status::Ok();
  });
}

base::Status PgProgrammeConsoleRepository::SetLeft(int64_t id,
                                                   const std::optional<base::TimePoint>& left_at) {
  return s_.Write("programme_console.set_left", [&]() -> base::Status {
    const pqxx::result r = s_.Exec(kPersonLeftAt, Params().Add(id));
    if (r.empty()) return base::NotFoundError("person " + std::to_string(id) + ": not found");
    const bool left = OptionalTime(r[0][0]).has_value();
    if (left && left_at) {
      return base::FailedPreconditionError("person " + std::to_string(id) + ": has already left");
    }
    if (!left && !left_at) {
      return base::FailedPreconditionError("person " + std::to_string(id) + ": has not left");
    }
    s_.Exec(kPersonSetLeftAt, Params().Add(id).AddTime(left_at));
    return base::Status::Ok();
  });
}

base::Status PgProgrammeConsoleRepository::MarkPersonLeft(int64_t id, base::TimePoint at) {
  return SetLeft(id, at);
}

base::Status PgProgrammeConsoleRepository::RestorePerson(int64_t id) {
  return SetLeft(id, std::nullopt);
}

}  // namespace binhyen::store::postgres

// The awareness programme: people of units, guidance campaigns, acknowledgements.
#include <string>
#include <utility>

#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

#define BINHYEN_PG_PERSON_COLUMNS                                                       \
  "p.id, p.unit_code, p.name, p.position, encode(p.phone_ciphertext, 'hex') AS phone, " \
  "encode(p.email_ciphertext, 'hex') AS email, p.created_at, p.left_at "
constexpr Sql kPersonInsert{
    "person_insert",
    "INSERT INTO people (unit_code, name, position, phone_ciphertext, email_ciphertext, "
    "created_at) VALUES ($1, $2, $3, decode($4, 'hex'), decode($5, 'hex'), $6) RETURNING id"};
constexpr Sql kPersonGet{"person_get",
                         "SELECT " BINHYEN_PG_PERSON_COLUMNS "FROM people p WHERE p.id = $1"};
// The status of a list is $1 (see StatusParam): 0 active, 1 left, 2 all.
constexpr Sql kPersonAll{"person_all",
                         "SELECT " BINHYEN_PG_PERSON_COLUMNS
                         "FROM people p WHERE ($1::int = 2 OR ($1::int = 0) = (p.left_at IS NULL)) "
                         "ORDER BY p.id"};
constexpr Sql kPersonOfUnits{"person_of_units",
                             "SELECT " BINHYEN_PG_PERSON_COLUMNS
                             "FROM people p WHERE ($1::int = 2 OR ($1::int = 0) = (p.left_at IS "
                             "NULL)) AND p.unit_code = ANY($2::text[]) ORDER BY p.id"};
constexpr Sql kProgrammeUnitExists{"programme_unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kProgrammeUserExists{"programme_user_exists", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kPersonExists{"person_exists", "SELECT 1 FROM people WHERE id = $1"};
constexpr Sql kCampaignInsert{
    "campaign_insert",
    "INSERT INTO campaigns (title, body, created_by, created_at, sent_at, deadline, status) "
    "VALUES ($1, $2, $3, $4, NULL, $5, 'draft') RETURNING id"};
constexpr Sql kCampaignUnitInsert{
    "campaign_unit_insert",
    "INSERT INTO campaign_target_units (campaign_id, unit_code) VALUES ($1, $2)"};
constexpr Sql kCampaignPersonInsert{
    "campaign_person_insert",
    "INSERT INTO campaign_target_people (campaign_id, person_id) VALUES ($1, $2)"};
constexpr Sql kCampaignGet{"campaign_get",
                           "SELECT title, body, created_by, created_at, sent_at, deadline, status "
                           "FROM campaigns WHERE id = $1"};
constexpr Sql kCampaignUnits{"campaign_units",
                             "SELECT unit_code FROM campaign_target_units WHERE campaign_id = $1 "
                             "ORDER BY unit_code COLLATE \"C\""};
constexpr Sql kCampaignPeople{"campaign_people",
                              "SELECT person_id FROM campaign_target_people WHERE campaign_id = "
                              "$1 ORDER BY person_id"};
constexpr Sql kCampaignIds{"campaign_ids", "SELECT id FROM campaigns ORDER BY id DESC"};
constexpr Sql kCampaignMarkSent{"campaign_mark_sent",
                                "UPDATE campaigns SET status = 'sent', sent_at = $2 WHERE id = $1"};
constexpr Sql kCampaignMaterialise{
    "campaign_materialise",
    "WITH RECURSIVE sub(code) AS (SELECT unit_code FROM campaign_target_units "
    "WHERE campaign_id = $1 UNION SELECT u.code FROM units u JOIN sub ON u.parent_code = "
    "sub.code) "
    "INSERT INTO campaign_recipients (campaign_id, person_id) "
    "SELECT $1, p.id FROM people p WHERE p.unit_code IN (SELECT code FROM sub) AND p.left_at IS "
    "NULL UNION SELECT $1, t.person_id FROM campaign_target_people t JOIN people p ON p.id = "
    "t.person_id WHERE t.campaign_id = $1 AND p.left_at IS NULL"};
constexpr Sql kCampaignRecipients{
    "campaign_recipients",
    "SELECT " BINHYEN_PG_PERSON_COLUMNS
    ", a.acknowledged_at, a.via FROM campaign_recipients r JOIN people p ON p.id = r.person_id "
    "LEFT JOIN acknowledgements a ON a.campaign_id = r.campaign_id AND a.person_id = "
    "r.person_id WHERE r.campaign_id = $1 ORDER BY p.id"};
constexpr Sql kRecipientExists{
    "recipient_exists",
    "SELECT 1 FROM campaign_recipients WHERE campaign_id = $1 AND person_id = $2"};
constexpr Sql kAckGet{"ack_get",
                      "SELECT acknowledged_at, via FROM acknowledgements WHERE campaign_id = $1 "
                      "AND person_id = $2"};
constexpr Sql kAckInsert{"ack_insert",
                         "INSERT INTO acknowledgements (campaign_id, person_id, acknowledged_at, "
                         "via) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"};
#undef BINHYEN_PG_PERSON_COLUMNS

base::Status PersonNotFound(int64_t id) {
  return base::NotFoundError("person " + std::to_string(id) + ": not found");
}

base::Status CampaignNotFound(int64_t id) {
  return base::NotFoundError("campaign " + std::to_string(id) + ": not found");
}

// The $1 of kPersonAll and kPersonOfUnits.
int64_t StatusParam(PeopleStatus status) {
  switch (status) {
    case PeopleStatus::kActive: return 0;
    case PeopleStatus::kLeft: return 1;
    case PeopleStatus::kAll: break;
  }
  return 2;
}

domain::Person PersonFromRow(const pqxx::row& row) {
  domain::Person p;
  p.id = Int(row["id"]);
  p.unit_code = Text(row["unit_code"]);
  p.name = Text(row["name"]);
  p.position = Text(row["position"]);
  p.phone_ciphertext = OptionalBytes(row["phone"]);
  p.email_ciphertext = OptionalBytes(row["email"]);
  p.created_at = Time(row["created_at"]);
  p.left_at = OptionalTime(row["left_at"]);
  return p;
}

base::Result<std::optional<domain::Acknowledgement>> FindAck(Session& s, int64_t campaign_id,
                                                             int64_t person_id) {
  const pqxx::result r = s.Exec(kAckGet, Params().Add(campaign_id).Add(person_id));
  if (r.empty()) return std::optional<domain::Acknowledgement>();
  domain::Acknowledgement a{campaign_id, person_id, Time(r[0]["acknowledged_at"]),
                            domain::AckVia::kLink};
  BINHYEN_ASSIGN_OR_RETURN(
      a.via, ParseColumn<domain::AckVia>("via", Text(r[0]["via"]), domain::ParseAckVia));
  return std::optional<domain::Acknowledgement>(a);
}

// Throws.
base::Result<domain::Campaign> LoadCampaign(Session& s, int64_t id) {
  const pqxx::result r = s.Exec(kCampaignGet, Params().Add(id));
  if (r.empty()) return CampaignNotFound(id);
  domain::Campaign c;
  c.id = id;
  c.title = Text(r[0]["title"]);
  c.body = Text(r[0]["body"]);
  c.created_by = Int(r[0]["created_by"]);
  c.created_at = Time(r[0]["created_at"]);
  c.sent_at = OptionalTime(r[0]["sent_at"]);
  c.deadline = OptionalTime(r[0]["deadline"]);
  BINHYEN_ASSIGN_OR_RETURN(c.status,
                           ParseColumn<domain::CampaignStatus>("status", Text(r[0]["status"]),
                                                               domain::ParseCampaignStatus));
  for (const pqxx::row& row : s.Exec(kCampaignUnits, Params().Add(id))) {
    c.target_units.push_back(Text(row[0]));
  }
  for (const pqxx::row& row : s.Exec(kCampaignPeople, Params().Add(id))) {
    c.target_people.push_back(Int(row[0]));
  }
  return c;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// People

base::Result<int64_t> PgPeopleRepository::Create(const domain::Person& p) {
  return s_.Write("people.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    if (s_.Exec(kProgrammeUnitExists, Params().Add(p.unit_code)).empty()) {
      return base::NotFoundError("unit '" + p.unit_code + "': not found");
    }
    const pqxx::result r = s_.Exec(kPersonInsert, Params()
                                                      .Add(p.unit_code)
                                                      .Add(p.name)
                                                      .Add(p.position)
                                                      .AddBytes(p.phone_ciphertext)
                                                      .AddBytes(p.email_ciphertext)
                                                      .AddTime(p.created_at));
    return Int(r[0][0]);
  });
}

base::Result<domain::Person> PgPeopleRepository::Get(int64_t id) {
  return s_.Read("people.get", [&]() -> base::Result<domain::Person> {
    const pqxx::result r = s_.Exec(kPersonGet, Params().Add(id));
    if (r.empty()) return PersonNotFound(id);
    return PersonFromRow(r[0]);
  });
}

base::Result<std::vector<domain::Person>> PgPeopleRepository::List(
    std::span<const std::string> unit_codes, PeopleStatus status) {
  return s_.Read("people.list", [&]() -> base::Result<std::vector<domain::Person>> {
    const int64_t status_param = StatusParam(status);
    const pqxx::result r =
        unit_codes.empty()
            ? s_.Exec(kPersonAll, Params().Add(status_param))
            : s_.Exec(kPersonOfUnits, Params()
                                          .Add(status_param)
                                          .Add(TextArray(std::vector<std::string>(
                                              unit_codes.begin(), unit_codes.end()))));
    std::vector<domain::Person> out;
    for (const pqxx::row& row : r) out.push_back(PersonFromRow(row));
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Campaigns

base::Result<int64_t> PgCampaignRepository::Create(const domain::Campaign& c) {
  return s_.Write("campaigns.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(c));
    if (s_.Exec(kProgrammeUserExists, Params().Add(c.created_by)).empty()) {
      return base::NotFoundError("user " + std::to_string(c.created_by) + ": not found");
    }
    for (const std::string& code : c.target_units) {
      if (s_.Exec(kProgrammeUnitExists, Params().Add(code)).empty()) {
        return base::NotFoundError("unit '" + code + "': not found");
      }
    }
    for (int64_t person : c.target_people) {
      if (s_.Exec(kPersonExists, Params().Add(person)).empty()) return PersonNotFound(person);
    }
    const pqxx::result r = s_.Exec(kCampaignInsert, Params()
                                                        .Add(c.title)
                                                        .Add(c.body)
                                                        .Add(c.created_by)
                                                        .AddTime(c.created_at)
                                                        .AddTime(c.deadline));
    const int64_t id = Int(r[0][0]);
    for (const std::string& code : c.target_units) {
      s_.Exec(kCampaignUnitInsert, Params().Add(id).Add(code));
    }
    for (int64_t person : c.target_people) {
      s_.Exec(kCampaignPersonInsert, Params().Add(id).Add(person));
    }
    return id;
  });
}

base::Result<domain::Campaign> PgCampaignRepository::Get(int64_t id) {
  return s_.Read("campaigns.get", [&] { return LoadCampaign(s_, id); });
}

base::Result<std::vector<domain::Campaign>> PgCampaignRepository::List() {
  return s_.Read("campaigns.list", [&]() -> base::Result<std::vector<domain::Campaign>> {
    std::vector<domain::Campaign> out;
    for (const pqxx::row& row : s_.Exec(kCampaignIds)) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Campaign c, LoadCampaign(s_, Int(row[0])));
      out.push_back(std::move(c));
    }
    return out;
  });
}

base::Result<int64_t> PgCampaignRepository::Send(int64_t id, base::TimePoint at) {
  return s_.Write("campaigns.send", [&]() -> base::Result<int64_t> {
    BINHYEN_ASSIGN_OR_RETURN(domain::Campaign c, LoadCampaign(s_, id));
    if (c.status != domain::CampaignStatus::kDraft) {
      return base::FailedPreconditionError("status: campaign " + std::to_string(id) + " is " +
                                           std::string(domain::Name(c.status)) + ", not a draft");
    }
    s_.Exec(kCampaignMarkSent, Params().Add(id).AddTime(at));
    const pqxx::result r = s_.Exec(kCampaignMaterialise, Params().Add(id));
    return static_cast<int64_t>(r.affected_rows());
  });
}

base::Result<std::vector<CampaignRecipient>> PgCampaignRepository::Recipients(int64_t id) {
  return s_.Read("campaigns.recipients", [&]() -> base::Result<std::vector<CampaignRecipient>> {
    if (s_.Exec(kCampaignGet, Params().Add(id)).empty()) return CampaignNotFound(id);
    std::vector<CampaignRecipient> out;
    for (const pqxx::row& row : s_.Exec(kCampaignRecipients, Params().Add(id))) {
      CampaignRecipient r;
      r.person = PersonFromRow(row);
      if (std::optional<base::TimePoint> at = OptionalTime(row["acknowledged_at"])) {
        domain::Acknowledgement a{id, r.person.id, *at, domain::AckVia::kLink};
        BINHYEN_ASSIGN_OR_RETURN(
            a.via, ParseColumn<domain::AckVia>("via", Text(row["via"]), domain::ParseAckVia));
        r.acknowledgement = a;
      }
      out.push_back(std::move(r));
    }
    return out;
  });
}

base::Result<domain::Acknowledgement> PgCampaignRepository::Acknowledge(int64_t campaign_id,
                                                                        int64_t person_id,
                                                                        base::TimePoint at,
                                                                        domain::AckVia via) {
  return s_.Write("campaigns.acknowledge", [&]() -> base::Result<domain::Acknowledgement> {
    if (s_.Exec(kRecipientExists, Params().Add(campaign_id).Add(person_id)).empty()) {
      return base::NotFoundError("recipient: person " + std::to_string(person_id) +
                                 " is not a recipient of campaign " + std::to_string(campaign_id));
    }
    // ON CONFLICT DO NOTHING: two clicks racing both succeed, and the first time is kept.
    s_.Exec(kAckInsert, Params()
                            .Add(campaign_id)
                            .Add(person_id)
                            .AddTime(at)
                            .Add(std::string_view(domain::Name(via))));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::Acknowledgement> stored,
                             FindAck(s_, campaign_id, person_id));
    if (!stored) return base::InternalError("acknowledgement: not stored");
    return *stored;
  });
}

}  // namespace binhyen::store::postgres

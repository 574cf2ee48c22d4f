// The awareness programme: people of units, guidance campaigns, acknowledgements.
#include <algorithm>
#include <string>
#include <utility>

#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kPersonColumns =
    "id, unit_code, name, position, phone_ciphertext, email_ciphertext, created_at, left_at";

base::Status PersonNotFound(int64_t id) {
  return base::NotFoundError("person " + std::to_string(id) + ": not found");
}

base::Status CampaignNotFound(int64_t id) {
  return base::NotFoundError("campaign " + std::to_string(id) + ": not found");
}

// A person from the columns of kPersonColumns starting at `first`.
domain::Person ReadPerson(const Statement& s, int first) {
  domain::Person p;
  p.id = s.Int(first);
  p.unit_code = s.Text(first + 1);
  p.name = s.Text(first + 2);
  p.position = s.Text(first + 3);
  p.phone_ciphertext = s.OptionalBlob(first + 4);
  p.email_ciphertext = s.OptionalBlob(first + 5);
  p.created_at = s.Time(first + 6);
  p.left_at = s.OptionalTime(first + 7);
  return p;
}

// The WHERE condition on people.left_at of a status.
std::string_view StatusCondition(PeopleStatus status) {
  switch (status) {
    case PeopleStatus::kActive: return "left_at IS NULL";
    case PeopleStatus::kLeft: return "left_at IS NOT NULL";
    case PeopleStatus::kAll: break;
  }
  return "1 = 1";
}

base::Status RowExists(Connection& c, std::string_view sql, auto key, base::Status missing) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare(sql));
  s->Bind(1, key);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : missing;
}

base::Status UnitExists(Connection& c, const std::string& code) {
  return RowExists(c, "SELECT 1 FROM units WHERE code = ?", std::string_view(code),
                   base::NotFoundError("unit '" + code + "': not found"));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// People

base::Result<int64_t> SqlitePeople::Create(const domain::Person& p) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    BINHYEN_RETURN_IF_ERROR(UnitExists(tx_.connection(), p.unit_code));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        tx_.connection().Prepare("INSERT INTO people (unit_code, name, position, phone_ciphertext, "
                                 "email_ciphertext, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    s->Bind(1, p.unit_code)
        .Bind(2, p.name)
        .Bind(3, p.position)
        .BindBlob(4, p.phone_ciphertext)
        .BindBlob(5, p.email_ciphertext)
        .Bind(6, p.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(tx_.connection().db()));
  });
}

base::Result<domain::Person> SqlitePeople::Get(int64_t id) {
  return tx_.Read([&]() -> base::Result<domain::Person> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kPersonColumns) +
                                                      " FROM people WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return PersonNotFound(id);
    return ReadPerson(*s, 0);
  });
}

base::Result<std::vector<domain::Person>> SqlitePeople::List(
    std::span<const std::string> unit_codes, PeopleStatus status) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Person>> {
    std::vector<domain::Person> out;
    auto collect = [&](Statement& s) -> base::Status {
      while (true) {
        BINHYEN_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) return base::Status::Ok();
        out.push_back(ReadPerson(s, 0));
      }
    };
    const std::string select = "SELECT " + std::string(kPersonColumns) + " FROM people WHERE " +
                               std::string(StatusCondition(status)) + " ";
    if (unit_codes.empty()) {
      BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(select + "ORDER BY id"));
      BINHYEN_RETURN_IF_ERROR(collect(*s));
      return out;
    }
    // One indexed range per unit, merged by id (a unit list is short; no IN-list SQL text
    // varying with the number of units, which would defeat the statement cache).
    std::vector<std::string> codes(unit_codes.begin(), unit_codes.end());
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    for (const std::string& code : codes) {
      BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(select + "AND unit_code = ?"));
      s->Bind(1, code);
      BINHYEN_RETURN_IF_ERROR(collect(*s));
    }
    std::sort(out.begin(), out.end(),
              [](const domain::Person& a, const domain::Person& b) { return a.id < b.id; });
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Campaigns

base::Status SqliteCampaigns::CheckTargets(const domain::Campaign& c) {
  for (const std::string& code : c.target_units) {
    BINHYEN_RETURN_IF_ERROR(UnitExists(tx_.connection(), code));
  }
  for (int64_t id : c.target_people) {
    BINHYEN_RETURN_IF_ERROR(
        RowExists(tx_.connection(), "SELECT 1 FROM people WHERE id = ?", id, PersonNotFound(id)));
  }
  return base::Status::Ok();
}

base::Result<int64_t> SqliteCampaigns::Create(const domain::Campaign& c) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(c));
    BINHYEN_RETURN_IF_ERROR(UserExists(tx_.connection(), c.created_by));
    BINHYEN_RETURN_IF_ERROR(CheckTargets(c));
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("INSERT INTO campaigns (title, body, created_by, created_at, "
                             "sent_at, deadline, status) VALUES (?, ?, ?, ?, NULL, ?, 'draft')"));
    s->Bind(1, c.title).Bind(2, c.body).Bind(3, c.created_by).Bind(4, c.created_at);
    s->Bind(5, c.deadline);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    const int64_t id = sqlite3_last_insert_rowid(conn.db());
    for (const std::string& code : c.target_units) {
      BINHYEN_ASSIGN_OR_RETURN(auto t, conn.Prepare("INSERT INTO campaign_target_units "
                                                    "(campaign_id, unit_code) VALUES (?, ?)"));
      t->Bind(1, id).Bind(2, code);
      BINHYEN_RETURN_IF_ERROR(t->Run());
    }
    for (int64_t person : c.target_people) {
      BINHYEN_ASSIGN_OR_RETURN(auto t, conn.Prepare("INSERT INTO campaign_target_people "
                                                    "(campaign_id, person_id) VALUES (?, ?)"));
      t->Bind(1, id).Bind(2, person);
      BINHYEN_RETURN_IF_ERROR(t->Run());
    }
    return id;
  });
}

base::Result<domain::Campaign> SqliteCampaigns::Load(int64_t id) {
  Connection& conn = tx_.connection();
  BINHYEN_ASSIGN_OR_RETURN(auto s, conn.Prepare("SELECT title, body, created_by, created_at, "
                                                "sent_at, deadline, status FROM campaigns "
                                                "WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return CampaignNotFound(id);
  domain::Campaign c;
  c.id = id;
  c.title = s->Text(0);
  c.body = s->Text(1);
  c.created_by = s->Int(2);
  c.created_at = s->Time(3);
  c.sent_at = s->OptionalTime(4);
  c.deadline = s->OptionalTime(5);
  const std::string status = s->Text(6);
  BINHYEN_ASSIGN_OR_RETURN(c.status,
                           ParseStored(domain::ParseCampaignStatus(status), "status", status));
  BINHYEN_ASSIGN_OR_RETURN(auto units, conn.Prepare("SELECT unit_code FROM campaign_target_units "
                                                    "WHERE campaign_id = ? ORDER BY unit_code"));
  units->Bind(1, id);
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool more, units->Step());
    if (!more) break;
    c.target_units.push_back(units->Text(0));
  }
  BINHYEN_ASSIGN_OR_RETURN(auto people, conn.Prepare("SELECT person_id FROM campaign_target_people "
                                                     "WHERE campaign_id = ? ORDER BY person_id"));
  people->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(c.target_people, CollectIds(*people));
  return c;
}

base::Result<domain::Campaign> SqliteCampaigns::Get(int64_t id) {
  return tx_.Read([&] { return Load(id); });
}

base::Result<std::vector<domain::Campaign>> SqliteCampaigns::List() {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Campaign>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT id FROM campaigns ORDER BY id DESC"));
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, CollectIds(*s));
    std::vector<domain::Campaign> out;
    for (int64_t id : ids) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Campaign c, Load(id));
      out.push_back(std::move(c));
    }
    return out;
  });
}

base::Result<int64_t> SqliteCampaigns::Send(int64_t id, base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_ASSIGN_OR_RETURN(domain::Campaign c, Load(id));
    if (c.status != domain::CampaignStatus::kDraft) {
      return base::FailedPreconditionError("status: campaign " + std::to_string(id) + " is " +
                                           std::string(domain::Name(c.status)) + ", not a draft");
    }
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto u, conn.Prepare("UPDATE campaigns SET status = 'sent', sent_at = ? WHERE id = ?"));
    u->Bind(1, at).Bind(2, id);
    BINHYEN_RETURN_IF_ERROR(u->Run());
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        conn.Prepare("WITH RECURSIVE sub(code) AS (SELECT unit_code FROM campaign_target_units "
                     "WHERE campaign_id = ?1 UNION SELECT u.code FROM units u JOIN sub ON "
                     "u.parent_code = sub.code) "
                     "INSERT INTO campaign_recipients (campaign_id, person_id) "
                     "SELECT ?1, p.id FROM people p WHERE p.unit_code IN (SELECT code FROM sub) "
                     "AND p.left_at IS NULL UNION SELECT ?1, t.person_id FROM "
                     "campaign_target_people t JOIN people p ON p.id = t.person_id WHERE "
                     "t.campaign_id = ?1 AND p.left_at IS NULL"));
    s->Bind(1, id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_changes64(conn.db()));
  });
}

base::Result<std::vector<CampaignRecipient>> SqliteCampaigns::Recipients(int64_t id) {
  return tx_.Read([&]() -> base::Result<std::vector<CampaignRecipient>> {
    Connection& conn = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(
        RowExists(conn, "SELECT 1 FROM campaigns WHERE id = ?", id, CampaignNotFound(id)));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        conn.Prepare("SELECT p.id, p.unit_code, p.name, p.position, p.phone_ciphertext, "
                     "p.email_ciphertext, p.created_at, p.left_at, a.acknowledged_at, a.via "
                     "FROM campaign_recipients r JOIN people p ON p.id = r.person_id "
                     "LEFT JOIN acknowledgements a ON a.campaign_id = r.campaign_id AND "
                     "a.person_id = r.person_id WHERE r.campaign_id = ? ORDER BY p.id"));
    s->Bind(1, id);
    std::vector<CampaignRecipient> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      CampaignRecipient r;
      r.person = ReadPerson(*s, 0);
      if (!s->IsNull(8)) {
        const std::string via = s->Text(9);
        domain::Acknowledgement a{id, r.person.id, s->Time(8), domain::AckVia::kLink};
        BINHYEN_ASSIGN_OR_RETURN(a.via, ParseStored(domain::ParseAckVia(via), "via", via));
        r.acknowledgement = a;
      }
      out.push_back(std::move(r));
    }
    return out;
  });
}

base::Result<std::optional<domain::Acknowledgement>> SqliteCampaigns::FindAck(int64_t campaign_id,
                                                                              int64_t person_id) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("SELECT acknowledged_at, via FROM acknowledgements WHERE "
                                       "campaign_id = ? AND person_id = ?"));
  s->Bind(1, campaign_id).Bind(2, person_id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<domain::Acknowledgement>();
  const std::string via = s->Text(1);
  domain::Acknowledgement a{campaign_id, person_id, s->Time(0), domain::AckVia::kLink};
  BINHYEN_ASSIGN_OR_RETURN(a.via, ParseStored(domain::ParseAckVia(via), "via", via));
  return std::optional<domain::Acknowledgement>(a);
}

base::Result<domain::Acknowledgement> SqliteCampaigns::Acknowledge(int64_t campaign_id,
                                                                   int64_t person_id,
                                                                   base::TimePoint at,
                                                                   domain::AckVia via) {
  return tx_.Write([&]() -> base::Result<domain::Acknowledgement> {
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto r, conn.Prepare("SELECT 1 FROM campaign_recipients WHERE "
                                                  "campaign_id = ? AND person_id = ?"));
    r->Bind(1, campaign_id).Bind(2, person_id);
    BINHYEN_ASSIGN_OR_RETURN(bool recipient, r->Step());
    if (!recipient) {
      return base::NotFoundError("recipient: person " + std::to_string(person_id) +
                                 " is not a recipient of campaign " + std::to_string(campaign_id));
    }
    BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::Acknowledgement> existing,
                             FindAck(campaign_id, person_id));
    if (existing) return *existing;
    BINHYEN_ASSIGN_OR_RETURN(auto s, conn.Prepare("INSERT INTO acknowledgements (campaign_id, "
                                                  "person_id, acknowledged_at, via) VALUES "
                                                  "(?, ?, ?, ?)"));
    s->Bind(1, campaign_id).Bind(2, person_id).Bind(3, at).Bind(4, domain::Name(via));
    BINHYEN_RETURN_IF_ERROR(s->Run());
    BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::Acknowledgement> stored,
                             FindAck(campaign_id, person_id));
    if (!stored) return base::InternalError("acknowledgement: not stored");
    return *stored;
  });
}

}  // namespace binhyen::store::sqlite

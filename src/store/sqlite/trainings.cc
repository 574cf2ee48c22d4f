// The awareness programme: training sessions, their invitations and attendance.
#include "store/sqlite/trainings.h"

#include <string>
#include <utility>

#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kAttendanceColumns =
    "id, training_id, person_id, unit_code, name, checked_in_at, via";

base::Status TrainingNotFound(int64_t id) {
  return base::NotFoundError("training " + std::to_string(id) + ": not found");
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

base::Status PersonExists(Connection& c, int64_t id) {
  return RowExists(c, "SELECT 1 FROM people WHERE id = ?", id,
                   base::NotFoundError("person " + std::to_string(id) + ": not found"));
}

base::Result<domain::Attendance> ReadAttendance(const Statement& s) {
  domain::Attendance a;
  a.id = s.Int(0);
  a.training_id = s.Int(1);
  a.person_id = s.OptionalInt(2);
  a.unit_code = s.Text(3);
  a.name = s.Text(4);
  a.checked_in_at = s.Time(5);
  const std::string via = s.Text(6);
  BINHYEN_ASSIGN_OR_RETURN(a.via, ParseStored(domain::ParseCheckinVia(via), "via", via));
  return a;
}

}  // namespace

base::Status SqliteTrainings::Exists(int64_t id) {
  return RowExists(tx_.connection(), "SELECT 1 FROM trainings WHERE id = ?", id,
                   TrainingNotFound(id));
}

base::Status SqliteTrainings::Check(const domain::Training& t) {
  BINHYEN_RETURN_IF_ERROR(domain::Validate(t));
  Connection& c = tx_.connection();
  BINHYEN_RETURN_IF_ERROR(UserExists(c, t.created_by));
  for (const std::string& code : t.invited_units) BINHYEN_RETURN_IF_ERROR(UnitExists(c, code));
  for (int64_t id : t.invited_people) BINHYEN_RETURN_IF_ERROR(PersonExists(c, id));
  return base::Status::Ok();
}

base::Status SqliteTrainings::WriteChildren(int64_t id, const domain::Training& t) {
  Connection& c = tx_.connection();
  int64_t position = 0;
  for (const domain::TrainingMaterial& m : t.materials) {
    BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("INSERT INTO training_materials (training_id, "
                                               "position, title, url) VALUES (?, ?, ?, ?)"));
    s->Bind(1, id).Bind(2, position++).Bind(3, m.title).Bind(4, m.url);
    BINHYEN_RETURN_IF_ERROR(s->Run());
  }
  for (const std::string& code : t.invited_units) {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO training_units (training_id, unit_code) VALUES (?, ?)"));
    s->Bind(1, id).Bind(2, code);
    BINHYEN_RETURN_IF_ERROR(s->Run());
  }
  for (int64_t person : t.invited_people) {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO training_people (training_id, person_id) VALUES (?, ?)"));
    s->Bind(1, id).Bind(2, person);
    BINHYEN_RETURN_IF_ERROR(s->Run());
  }
  return base::Status::Ok();
}

base::Result<int64_t> SqliteTrainings::Create(const domain::Training& t) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(Check(t));
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO trainings (title, description, starts_at, ends_at, place, "
                          "trainer, status, created_by, created_at) VALUES "
                          "(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, t.title).Bind(2, t.description).Bind(3, t.starts_at).Bind(4, t.ends_at);
    s->Bind(5, t.place).Bind(6, t.trainer).Bind(7, domain::Name(t.status));
    s->Bind(8, t.created_by).Bind(9, t.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    const int64_t id = sqlite3_last_insert_rowid(c.db());
    BINHYEN_RETURN_IF_ERROR(WriteChildren(id, t));
    return id;
  });
}

base::Status SqliteTrainings::Update(const domain::Training& t) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(domain::Training old, Load(t.id));
    domain::Training checked = t;
    checked.created_by = old.created_by;
    BINHYEN_RETURN_IF_ERROR(Check(checked));
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("UPDATE trainings SET title = ?, description = ?, starts_at = ?, "
                          "ends_at = ?, place = ?, trainer = ?, status = ? WHERE id = ?"));
    s->Bind(1, t.title).Bind(2, t.description).Bind(3, t.starts_at).Bind(4, t.ends_at);
    s->Bind(5, t.place).Bind(6, t.trainer).Bind(7, domain::Name(t.status)).Bind(8, t.id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    for (std::string_view table : {"training_materials", "training_units", "training_people"}) {
      BINHYEN_ASSIGN_OR_RETURN(
          auto d, c.Prepare("DELETE FROM " + std::string(table) + " WHERE training_id = ?"));
      d->Bind(1, t.id);
      BINHYEN_RETURN_IF_ERROR(d->Run());
    }
    return WriteChildren(t.id, t);
  });
}

base::Result<domain::Training> SqliteTrainings::Load(int64_t id) {
  Connection& c = tx_.connection();
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, c.Prepare("SELECT title, description, starts_at, ends_at, place, trainer, status, "
                        "created_by, created_at FROM trainings WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return TrainingNotFound(id);
  domain::Training t;
  t.id = id;
  t.title = s->Text(0);
  t.description = s->Text(1);
  t.starts_at = s->Time(2);
  t.ends_at = s->Time(3);
  t.place = s->Text(4);
  t.trainer = s->Text(5);
  const std::string status = s->Text(6);
  BINHYEN_ASSIGN_OR_RETURN(t.status,
                           ParseStored(domain::ParseTrainingStatus(status), "status", status));
  t.created_by = s->Int(7);
  t.created_at = s->Time(8);
  BINHYEN_ASSIGN_OR_RETURN(auto m, c.Prepare("SELECT title, url FROM training_materials WHERE "
                                             "training_id = ? ORDER BY position"));
  m->Bind(1, id);
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool more, m->Step());
    if (!more) break;
    t.materials.push_back({m->Text(0), m->Text(1)});
  }
  BINHYEN_ASSIGN_OR_RETURN(auto u, c.Prepare("SELECT unit_code FROM training_units WHERE "
                                             "training_id = ? ORDER BY unit_code"));
  u->Bind(1, id);
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool more, u->Step());
    if (!more) break;
    t.invited_units.push_back(u->Text(0));
  }
  BINHYEN_ASSIGN_OR_RETURN(auto p, c.Prepare("SELECT person_id FROM training_people WHERE "
                                             "training_id = ? ORDER BY person_id"));
  p->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(t.invited_people, CollectIds(*p));
  return t;
}

base::Result<domain::Training> SqliteTrainings::Get(int64_t id) {
  return tx_.Read([&] { return Load(id); });
}

base::Result<std::vector<domain::Training>> SqliteTrainings::List(const TrainingFilter& f) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Training>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(f.limit, 1000));
    const std::string order = f.newest_first ? "DESC" : "ASC";
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT id FROM trainings WHERE (?1 IS NULL OR starts_at >= ?1) AND (?2 IS "
                    "NULL OR starts_at < ?2) ORDER BY starts_at " +
                    order + ", id " + order + " LIMIT ?3"));
    s->Bind(1, f.from).Bind(2, f.to).Bind(3, static_cast<int64_t>(f.limit));
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, CollectIds(*s));
    std::vector<domain::Training> out;
    for (int64_t id : ids) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Training t, Load(id));
      out.push_back(std::move(t));
    }
    return out;
  });
}

base::Result<std::vector<domain::Person>> SqliteTrainings::Invitees(int64_t id) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Person>> {
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "WITH RECURSIVE sub(code) AS (SELECT unit_code FROM training_units WHERE "
                    "training_id = ?1 UNION SELECT u.code FROM units u JOIN sub ON u.parent_code = "
                    "sub.code) "
                    "SELECT id, unit_code, name, position, phone_ciphertext, email_ciphertext, "
                    "created_at, left_at FROM people WHERE (unit_code IN (SELECT code FROM sub) "
                    "OR id IN (SELECT person_id FROM training_people WHERE training_id = ?1)) AND "
                    "(left_at IS NULL OR left_at > (SELECT starts_at FROM trainings WHERE id = "
                    "?1)) ORDER BY id"));
    s->Bind(1, id);
    std::vector<domain::Person> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      domain::Person p;
      p.id = s->Int(0);
      p.unit_code = s->Text(1);
      p.name = s->Text(2);
      p.position = s->Text(3);
      p.phone_ciphertext = s->OptionalBlob(4);
      p.email_ciphertext = s->OptionalBlob(5);
      p.created_at = s->Time(6);
      p.left_at = s->OptionalTime(7);
      out.push_back(std::move(p));
    }
    return out;
  });
}

base::Result<std::vector<domain::Attendance>> SqliteTrainings::Collect(Statement& s) {
  std::vector<domain::Attendance> out;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    BINHYEN_ASSIGN_OR_RETURN(domain::Attendance a, ReadAttendance(s));
    out.push_back(std::move(a));
  }
}

base::Result<domain::Attendance> SqliteTrainings::CheckIn(const domain::Attendance& a) {
  return tx_.Write([&]() -> base::Result<domain::Attendance> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    BINHYEN_RETURN_IF_ERROR(Exists(a.training_id));
    Connection& c = tx_.connection();
    if (a.person_id) {
      BINHYEN_RETURN_IF_ERROR(PersonExists(c, *a.person_id));
      BINHYEN_ASSIGN_OR_RETURN(
          auto e, c.Prepare("SELECT " + std::string(kAttendanceColumns) +
                            " FROM training_attendance WHERE training_id = ? AND person_id = ?"));
      e->Bind(1, a.training_id).Bind(2, *a.person_id);
      BINHYEN_ASSIGN_OR_RETURN(bool found, e->Step());
      if (found) return ReadAttendance(*e);
    }
    BINHYEN_RETURN_IF_ERROR(UnitExists(c, a.unit_code));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO training_attendance (training_id, person_id, unit_code, "
                          "name, checked_in_at, via) VALUES (?, ?, ?, ?, ?, ?)"));
    s->Bind(1, a.training_id).Bind(2, a.person_id).Bind(3, a.unit_code).Bind(4, a.name);
    s->Bind(5, a.checked_in_at).Bind(6, domain::Name(a.via));
    BINHYEN_RETURN_IF_ERROR(s->Run());
    const int64_t id = sqlite3_last_insert_rowid(c.db());
    BINHYEN_ASSIGN_OR_RETURN(auto g, c.Prepare("SELECT " + std::string(kAttendanceColumns) +
                                               " FROM training_attendance WHERE id = ?"));
    g->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, g->Step());
    if (!row) return base::InternalError("attendance: not stored");
    return ReadAttendance(*g);
  });
}

base::Status SqliteTrainings::RemoveAttendance(int64_t training_id, int64_t attendance_id) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "DELETE FROM training_attendance WHERE id = ? AND training_id = ?"));
    s->Bind(1, attendance_id).Bind(2, training_id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes64(tx_.connection().db()) == 0) {
      return base::NotFoundError("attendance " + std::to_string(attendance_id) + ": not found");
    }
    return base::Status::Ok();
  });
}

base::Result<std::vector<domain::Attendance>> SqliteTrainings::AttendanceOf(int64_t id) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Attendance>> {
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kAttendanceColumns) +
                                         " FROM training_attendance WHERE training_id = ? "
                                         "ORDER BY checked_in_at, id"));
    s->Bind(1, id);
    return Collect(*s);
  });
}

base::Result<std::vector<domain::Attendance>> SqliteTrainings::AttendanceOfPerson(
    int64_t person_id) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Attendance>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kAttendanceColumns) +
                                         " FROM training_attendance WHERE person_id = ? "
                                         "ORDER BY training_id"));
    s->Bind(1, person_id);
    return Collect(*s);
  });
}

}  // namespace binhyen::store::sqlite

// The awareness programme: training sessions, their invitations and attendance.
#include "store/postgres/trainings.h"

#include <string>
#include <utility>

#include "store/common.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

#define BINHYEN_PG_ATTENDANCE_COLUMNS \
  "id, training_id, person_id, unit_code, name, checked_in_at, via "
constexpr Sql kTrainingInsert{
    "training_insert",
    "INSERT INTO trainings (title, description, starts_at, ends_at, place, trainer, status, "
    "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr Sql kTrainingUpdate{
    "training_update",
    "UPDATE trainings SET title = $2, description = $3, starts_at = $4, ends_at = $5, place = "
    "$6, trainer = $7, status = $8 WHERE id = $1"};
constexpr Sql kTrainingGet{"training_get",
                           "SELECT title, description, starts_at, ends_at, place, trainer, "
                           "status, created_by, created_at FROM trainings WHERE id = $1"};
constexpr Sql kTrainingMaterials{
    "training_materials",
    "SELECT title, url FROM training_materials WHERE training_id = $1 ORDER BY position"};
constexpr Sql kTrainingUnits{"training_units",
                             "SELECT unit_code FROM training_units WHERE training_id = $1 "
                             "ORDER BY unit_code COLLATE \"C\""};
constexpr Sql kTrainingPeople{
    "training_people",
    "SELECT person_id FROM training_people WHERE training_id = $1 ORDER BY person_id"};
constexpr Sql kTrainingMaterialInsert{
    "training_material_insert",
    "INSERT INTO training_materials (training_id, position, title, url) VALUES ($1, $2, $3, $4)"};
constexpr Sql kTrainingUnitInsert{
    "training_unit_insert", "INSERT INTO training_units (training_id, unit_code) VALUES ($1, $2)"};
constexpr Sql kTrainingPersonInsert{
    "training_person_insert",
    "INSERT INTO training_people (training_id, person_id) VALUES ($1, $2)"};
constexpr Sql kTrainingClear{"training_clear",
                             "DELETE FROM training_materials WHERE training_id = $1"};
constexpr Sql kTrainingClearUnits{"training_clear_units",
                                  "DELETE FROM training_units WHERE training_id = $1"};
constexpr Sql kTrainingClearPeople{"training_clear_people",
                                   "DELETE FROM training_people WHERE training_id = $1"};
constexpr Sql kTrainingListAsc{
    "training_list_asc",
    "SELECT id FROM trainings WHERE ($1::bigint IS NULL OR starts_at >= $1::bigint) AND "
    "($2::bigint IS NULL OR starts_at < $2::bigint) ORDER BY starts_at, id LIMIT $3"};
constexpr Sql kTrainingListDesc{
    "training_list_desc",
    "SELECT id FROM trainings WHERE ($1::bigint IS NULL OR starts_at >= $1::bigint) AND "
    "($2::bigint IS NULL OR starts_at < $2::bigint) ORDER BY starts_at DESC, id DESC LIMIT $3"};
constexpr Sql kTrainingInvitees{
    "training_invitees",
    "WITH RECURSIVE sub(code) AS (SELECT unit_code FROM training_units WHERE training_id = $1 "
    "UNION SELECT u.code FROM units u JOIN sub ON u.parent_code = sub.code) "
    "SELECT id, unit_code, name, position, encode(phone_ciphertext, 'hex') AS phone, "
    "encode(email_ciphertext, 'hex') AS email, created_at, left_at FROM people WHERE (unit_code "
    "IN (SELECT code FROM sub) OR id IN (SELECT person_id FROM training_people WHERE "
    "training_id = $1)) AND (left_at IS NULL OR left_at > (SELECT starts_at FROM trainings WHERE "
    "id = $1)) ORDER BY id"};
constexpr Sql kTrainingExists{"training_exists", "SELECT 1 FROM trainings WHERE id = $1"};
constexpr Sql kTrainingUserExists{"training_user_exists", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kTrainingUnitExists{"training_unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kTrainingPersonExists{"training_person_exists", "SELECT 1 FROM people WHERE id = $1"};
constexpr Sql kAttendanceOfPersonAt{"attendance_of_person_at",
                                    "SELECT " BINHYEN_PG_ATTENDANCE_COLUMNS
                                    "FROM training_attendance WHERE training_id = $1 AND "
                                    "person_id = $2"};
constexpr Sql kAttendanceInsert{
    "attendance_insert",
    "INSERT INTO training_attendance (training_id, person_id, unit_code, name, checked_in_at, "
    "via) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " BINHYEN_PG_ATTENDANCE_COLUMNS};
constexpr Sql kAttendanceDelete{
    "attendance_delete", "DELETE FROM training_attendance WHERE id = $1 AND training_id = $2"};
constexpr Sql kAttendanceOf{"attendance_of", "SELECT " BINHYEN_PG_ATTENDANCE_COLUMNS
                                             "FROM training_attendance WHERE training_id = $1 "
                                             "ORDER BY checked_in_at, id"};
constexpr Sql kAttendanceOfPerson{"attendance_of_person",
                                  "SELECT " BINHYEN_PG_ATTENDANCE_COLUMNS
                                  "FROM training_attendance WHERE person_id = $1 "
                                  "ORDER BY training_id"};
#undef BINHYEN_PG_ATTENDANCE_COLUMNS

base::Status TrainingNotFound(int64_t id) {
  return base::NotFoundError("training " + std::to_string(id) + ": not found");
}

base::Result<domain::Attendance> AttendanceFromRow(const pqxx::row& row) {
  domain::Attendance a;
  a.id = Int(row["id"]);
  a.training_id = Int(row["training_id"]);
  a.person_id = OptionalInt(row["person_id"]);
  a.unit_code = Text(row["unit_code"]);
  a.name = Text(row["name"]);
  a.checked_in_at = Time(row["checked_in_at"]);
  BINHYEN_ASSIGN_OR_RETURN(
      a.via, ParseColumn<domain::CheckinVia>("via", Text(row["via"]), domain::ParseCheckinVia));
  return a;
}

base::Result<std::vector<domain::Attendance>> Attendances(const pqxx::result& r) {
  std::vector<domain::Attendance> out;
  for (const pqxx::row& row : r) {
    BINHYEN_ASSIGN_OR_RETURN(domain::Attendance a, AttendanceFromRow(row));
    out.push_back(std::move(a));
  }
  return out;
}

// Throws.
base::Status Check(Session& s, const domain::Training& t) {
  BINHYEN_RETURN_IF_ERROR(domain::Validate(t));
  if (s.Exec(kTrainingUserExists, Params().Add(t.created_by)).empty()) {
    return base::NotFoundError("user " + std::to_string(t.created_by) + ": not found");
  }
  for (const std::string& code : t.invited_units) {
    if (s.Exec(kTrainingUnitExists, Params().Add(code)).empty()) {
      return base::NotFoundError("unit '" + code + "': not found");
    }
  }
  for (int64_t id : t.invited_people) {
    if (s.Exec(kTrainingPersonExists, Params().Add(id)).empty()) {
      return base::NotFoundError("person " + std::to_string(id) + ": not found");
    }
  }
  return base::Status::Ok();
}

// Throws.
void WriteChildren(Session& s, int64_t id, const domain::Training& t) {
  int64_t position = 0;
  for (const domain::TrainingMaterial& m : t.materials) {
    s.Exec(kTrainingMaterialInsert, Params().Add(id).Add(position++).Add(m.title).Add(m.url));
  }
  for (const std::string& code : t.invited_units) {
    s.Exec(kTrainingUnitInsert, Params().Add(id).Add(code));
  }
  for (int64_t person : t.invited_people) {
    s.Exec(kTrainingPersonInsert, Params().Add(id).Add(person));
  }
}

// Throws.
base::Result<domain::Training> Load(Session& s, int64_t id) {
  const pqxx::result r = s.Exec(kTrainingGet, Params().Add(id));
  if (r.empty()) return TrainingNotFound(id);
  domain::Training t;
  t.id = id;
  t.title = Text(r[0]["title"]);
  t.description = Text(r[0]["description"]);
  t.starts_at = Time(r[0]["starts_at"]);
  t.ends_at = Time(r[0]["ends_at"]);
  t.place = Text(r[0]["place"]);
  t.trainer = Text(r[0]["trainer"]);
  BINHYEN_ASSIGN_OR_RETURN(t.status,
                           ParseColumn<domain::TrainingStatus>("status", Text(r[0]["status"]),
                                                               domain::ParseTrainingStatus));
  t.created_by = Int(r[0]["created_by"]);
  t.created_at = Time(r[0]["created_at"]);
  for (const pqxx::row& row : s.Exec(kTrainingMaterials, Params().Add(id))) {
    t.materials.push_back({Text(row[0]), Text(row[1])});
  }
  for (const pqxx::row& row : s.Exec(kTrainingUnits, Params().Add(id))) {
    t.invited_units.push_back(Text(row[0]));
  }
  for (const pqxx::row& row : s.Exec(kTrainingPeople, Params().Add(id))) {
    t.invited_people.push_back(Int(row[0]));
  }
  return t;
}

}  // namespace

base::Result<int64_t> PgTrainingRepository::Create(const domain::Training& t) {
  return s_.Write("trainings.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(Check(s_, t));
    const pqxx::result r = s_.Exec(kTrainingInsert, Params()
                                                        .Add(t.title)
                                                        .Add(t.description)
                                                        .AddTime(t.starts_at)
                                                        .AddTime(t.ends_at)
                                                        .Add(t.place)
                                                        .Add(t.trainer)
                                                        .Add(domain::Name(t.status))
                                                        .Add(t.created_by)
                                                        .AddTime(t.created_at));
    const int64_t id = Int(r[0][0]);
    WriteChildren(s_, id, t);
    return id;
  });
}

base::Status PgTrainingRepository::Update(const domain::Training& t) {
  return s_.Write("trainings.update", [&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(domain::Training old, Load(s_, t.id));
    domain::Training checked = t;
    checked.created_by = old.created_by;
    BINHYEN_RETURN_IF_ERROR(Check(s_, checked));
    s_.Exec(kTrainingUpdate, Params()
                                 .Add(t.id)
                                 .Add(t.title)
                                 .Add(t.description)
                                 .AddTime(t.starts_at)
                                 .AddTime(t.ends_at)
                                 .Add(t.place)
                                 .Add(t.trainer)
                                 .Add(domain::Name(t.status)));
    s_.Exec(kTrainingClear, Params().Add(t.id));
    s_.Exec(kTrainingClearUnits, Params().Add(t.id));
    s_.Exec(kTrainingClearPeople, Params().Add(t.id));
    WriteChildren(s_, t.id, t);
    return base::Status::Ok();
  });
}

base::Result<domain::Training> PgTrainingRepository::Get(int64_t id) {
  return s_.Read("trainings.get", [&] { return Load(s_, id); });
}

base::Result<std::vector<domain::Training>> PgTrainingRepository::List(const TrainingFilter& f) {
  return s_.Read("trainings.list", [&]() -> base::Result<std::vector<domain::Training>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(f.limit, 1000));
    const pqxx::result r =
        s_.Exec(f.newest_first ? kTrainingListDesc : kTrainingListAsc,
                Params().AddTime(f.from).AddTime(f.to).Add(static_cast<int64_t>(f.limit)));
    std::vector<domain::Training> out;
    for (const pqxx::row& row : r) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Training t, Load(s_, Int(row[0])));
      out.push_back(std::move(t));
    }
    return out;
  });
}

base::Result<std::vector<domain::Person>> PgTrainingRepository::Invitees(int64_t id) {
  return s_.Read("trainings.invitees", [&]() -> base::Result<std::vector<domain::Person>> {
    if (s_.Exec(kTrainingExists, Params().Add(id)).empty()) return TrainingNotFound(id);
    std::vector<domain::Person> out;
    for (const pqxx::row& row : s_.Exec(kTrainingInvitees, Params().Add(id))) {
      domain::Person p;
      p.id = Int(row["id"]);
      p.unit_code = Text(row["unit_code"]);
      p.name = Text(row["name"]);
      p.position = Text(row["position"]);
      p.phone_ciphertext = OptionalBytes(row["phone"]);
      p.email_ciphertext = OptionalBytes(row["email"]);
      p.created_at = Time(row["created_at"]);
      p.left_at = OptionalTime(row["left_at"]);
      out.push_back(std::move(p));
    }
    return out;
  });
}

base::Result<domain::Attendance> PgTrainingRepository::CheckIn(const domain::Attendance& a) {
  return s_.Write("trainings.check_in", [&]() -> base::Result<domain::Attendance> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    if (s_.Exec(kTrainingExists, Params().Add(a.training_id)).empty()) {
      return TrainingNotFound(a.training_id);
    }
    if (a.person_id) {
      if (s_.Exec(kTrainingPersonExists, Params().Add(*a.person_id)).empty()) {
        return base::NotFoundError("person " + std::to_string(*a.person_id) + ": not found");
      }
      const pqxx::result e =
          s_.Exec(kAttendanceOfPersonAt, Params().Add(a.training_id).Add(*a.person_id));
      if (!e.empty()) return AttendanceFromRow(e[0]);
    }
    if (s_.Exec(kTrainingUnitExists, Params().Add(a.unit_code)).empty()) {
      return base::NotFoundError("unit '" + a.unit_code + "': not found");
    }
    const pqxx::result r = s_.Exec(kAttendanceInsert, Params()
                                                          .Add(a.training_id)
                                                          .Add(a.person_id)
                                                          .Add(a.unit_code)
                                                          .Add(a.name)
                                                          .AddTime(a.checked_in_at)
                                                          .Add(domain::Name(a.via)));
    return AttendanceFromRow(r[0]);
  });
}

base::Status PgTrainingRepository::RemoveAttendance(int64_t training_id, int64_t attendance_id) {
  return s_.Write("trainings.remove_attendance", [&]() -> base::Status {
    const pqxx::result r = s_.Exec(kAttendanceDelete, Params().Add(attendance_id).Add(training_id));
    if (r.affected_rows() == 0) {
      return base::NotFoundError("attendance " + std::to_string(attendance_id) + ": not found");
    }
    return base::Status::Ok();
  });
}

base::Result<std::vector<domain::Attendance>> PgTrainingRepository::AttendanceOf(int64_t id) {
  return s_.Read("trainings.attendance", [&]() -> base::Result<std::vector<domain::Attendance>> {
    if (s_.Exec(kTrainingExists, Params().Add(id)).empty()) return TrainingNotFound(id);
    return Attendances(s_.Exec(kAttendanceOf, Params().Add(id)));
  });
}

base::Result<std::vector<domain::Attendance>> PgTrainingRepository::AttendanceOfPerson(
    int64_t person_id) {
  return s_.Read("trainings.attendance_of_person",
                 [&]() -> base::Result<std::vector<domain::Attendance>> {
                   return Attendances(s_.Exec(kAttendanceOfPerson, Params().Add(person_id)));
                 });
}

}  // namespace binhyen::store::postgres

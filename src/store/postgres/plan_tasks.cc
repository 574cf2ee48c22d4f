// The programme's plan: tasks to units with their progress updates, and self-assessments.
#include <string>
#include <utility>
#include <vector>

#include "store/common.h"
#include "store/plan_codec.h"
#include "store/postgres/plan.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

#define BINHYEN_PG_TASK_COLUMNS                                                                 \
  "id, title, description, unit_code, responsible, expected_result, due_on, status, progress, " \
  "created_by, created_at, updated_at, done_at "
#define BINHYEN_PG_ASSESSMENT_COLUMNS \
  "id, unit_code, checklist_version, answers, note, score, submitted_by, submitted_at "
constexpr Sql kUnitExists{"plan_task_unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kUserExists{"plan_task_user_exists", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kTaskInsert{
    "task_insert",
    "INSERT INTO tasks (title, description, unit_code, responsible, expected_result, due_on, "
    "status, progress, updated_at, done_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, "
    "$6, $7, $8, $9, $10, $11, $12) RETURNING id"};
constexpr Sql kTaskUpdate{
    "task_update",
    "UPDATE tasks SET title = $1, description = $2, unit_code = $3, responsible = $4, "
    "expected_result = $5, due_on = $6, status = $7, progress = $8, updated_at = $9, "
    "done_at = $10 WHERE id = $11"};
constexpr Sql kTaskGet{"task_get", "SELECT " BINHYEN_PG_TASK_COLUMNS "FROM tasks WHERE id = $1"};
constexpr Sql kTaskList{
    "task_list",
    "SELECT " BINHYEN_PG_TASK_COLUMNS
    "FROM tasks WHERE (cardinality($1::text[]) = 0 OR unit_code = ANY($1::text[])) AND "
    "status = ANY($2::text[]) AND ($3::text IS NULL OR due_on < $3::text) AND "
    "($4::text IS NULL OR due_on >= $4::text) ORDER BY due_on, id LIMIT $5"};
constexpr Sql kTaskProgress{
    "task_progress",
    "UPDATE tasks SET status = $2, progress = $3, updated_at = $4, done_at = $5 WHERE id = $1"};
constexpr Sql kTaskUpdateInsert{
    "task_update_insert",
    "INSERT INTO task_updates (task_id, author_id, text, status, progress, created_at) VALUES "
    "($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr Sql kTaskUpdates{"task_updates",
                           "SELECT id, task_id, author_id, text, status, progress, created_at "
                           "FROM task_updates WHERE task_id = $1 ORDER BY created_at, id"};
constexpr Sql kAssessmentInsert{
    "assessment_insert",
    "INSERT INTO self_assessments (unit_code, checklist_version, answers, note, score, "
    "submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr Sql kAssessmentGet{"assessment_get", "SELECT " BINHYEN_PG_ASSESSMENT_COLUMNS
                                               "FROM self_assessments WHERE id = $1"};
constexpr Sql kAssessmentHistory{"assessment_history",
                                 "SELECT " BINHYEN_PG_ASSESSMENT_COLUMNS
                                 "FROM self_assessments WHERE unit_code = $1 "
                                 "ORDER BY submitted_at DESC, id DESC LIMIT $2"};
constexpr Sql kAssessmentLatest{
    "assessment_latest",
    "SELECT " BINHYEN_PG_ASSESSMENT_COLUMNS
    "FROM self_assessments a WHERE id = (SELECT b.id FROM self_assessments b WHERE "
    "b.unit_code = a.unit_code AND b.submitted_at < $1 ORDER BY b.submitted_at DESC, b.id DESC "
    "LIMIT 1) ORDER BY unit_code COLLATE \"C\""};
#undef BINHYEN_PG_TASK_COLUMNS
#undef BINHYEN_PG_ASSESSMENT_COLUMNS

constexpr int kMaxRows = 1000;

base::Status TaskNotFound(int64_t id) {
  return base::NotFoundError("task " + std::to_string(id) + ": not found");
}

// Throws.
base::Status UnitExists(Session& s, const std::string& code) {
  if (s.Exec(kUnitExists, Params().Add(code)).empty()) {
    return base::NotFoundError("unit '" + code + "': not found");
  }
  return base::Status::Ok();
}

// Throws.
base::Status UserExists(Session& s, int64_t id) {
  if (s.Exec(kUserExists, Params().Add(id)).empty()) {
    return base::NotFoundError("user " + std::to_string(id) + ": not found");
  }
  return base::Status::Ok();
}

base::Result<domain::TaskStatus> StatusColumn(const pqxx::field& f) {
  return ParseColumn<domain::TaskStatus>("status", Text(f), domain::ParseTaskStatus);
}

base::Result<domain::Task> TaskFromRow(const pqxx::row& row) {
  domain::Task t;
  t.id = Int(row["id"]);
  t.title = Text(row["title"]);
  t.description = Text(row["description"]);
  t.unit_code = Text(row["unit_code"]);
  t.responsible = Text(row["responsible"]);
  t.expected_result = Text(row["expected_result"]);
  t.due_on = Text(row["due_on"]);
  BINHYEN_ASSIGN_OR_RETURN(t.status, StatusColumn(row["status"]));
  t.progress = static_cast<int>(Int(row["progress"]));
  t.created_by = Int(row["created_by"]);
  t.created_at = Time(row["created_at"]);
  t.updated_at = Time(row["updated_at"]);
  t.done_at = OptionalTime(row["done_at"]);
  return t;
}

base::Result<domain::TaskUpdate> UpdateFromRow(const pqxx::row& row) {
  domain::TaskUpdate u;
  u.id = Int(row["id"]);
  u.task_id = Int(row["task_id"]);
  u.author_id = Int(row["author_id"]);
  u.text = Text(row["text"]);
  BINHYEN_ASSIGN_OR_RETURN(u.status, StatusColumn(row["status"]));
  u.progress = static_cast<int>(Int(row["progress"]));
  u.created_at = Time(row["created_at"]);
  return u;
}

base::Result<domain::SelfAssessment> AssessmentFromRow(const pqxx::row& row) {
  domain::SelfAssessment a;
  a.id = Int(row["id"]);
  a.unit_code = Text(row["unit_code"]);
  a.checklist_version = Text(row["checklist_version"]);
  BINHYEN_ASSIGN_OR_RETURN(a.answers, DecodeAnswers(Text(row["answers"])));
  a.note = Text(row["note"]);
  a.score = static_cast<int>(Int(row["score"]));
  a.submitted_by = Int(row["submitted_by"]);
  a.submitted_at = Time(row["submitted_at"]);
  return a;
}

template <typename T, typename F>
base::Result<std::vector<T>> AllRows(const pqxx::result& r, F read) {
  std::vector<T> out;
  for (const pqxx::row& row : r) {
    BINHYEN_ASSIGN_OR_RETURN(T item, read(row));
    out.push_back(std::move(item));
  }
  return out;
}

// The fields of `t` from title to done_at but created_by and created_at ($1..$10).
Params TaskParams(const domain::Task& t) {
  Params p;
  p.Add(t.title)
      .Add(t.description)
      .Add(t.unit_code)
      .Add(t.responsible)
      .Add(t.expected_result)
      .Add(t.due_on)
      .Add(domain::Name(t.status))
      .Add(t.progress)
      .AddTime(t.updated_at)
      .AddTime(t.done_at);
  return p;
}

// The status names a TaskFilter accepts: every status when it names none.
std::vector<std::string> StatusNames(const std::vector<domain::TaskStatus>& statuses) {
  if (statuses.empty()) return {"open", "in_progress", "done", "cancelled"};
  std::vector<std::string> out;
  out.reserve(statuses.size());
  for (domain::TaskStatus s : statuses) out.emplace_back(domain::Name(s));
  return out;
}

// Throws.
base::Result<domain::Task> LoadTask(Session& s, int64_t id) {
  const pqxx::result r = s.Exec(kTaskGet, Params().Add(id));
  if (r.empty()) return TaskNotFound(id);
  return TaskFromRow(r[0]);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Tasks

base::Result<int64_t> PgTaskRepository::Create(const domain::Task& t) {
  return s_.Write("tasks.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(t));
    BINHYEN_RETURN_IF_ERROR(UnitExists(s_, t.unit_code));
    BINHYEN_RETURN_IF_ERROR(UserExists(s_, t.created_by));
    Params p = TaskParams(t);
    p.Add(t.created_by).AddTime(t.created_at);
    return Int(s_.Exec(kTaskInsert, p)[0][0]);
  });
}

base::Status PgTaskRepository::Update(const domain::Task& t) {
  return s_.Write("tasks.update", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(t));
    BINHYEN_RETURN_IF_ERROR(LoadTask(s_, t.id).status());
    BINHYEN_RETURN_IF_ERROR(UnitExists(s_, t.unit_code));
    Params p = TaskParams(t);
    p.Add(t.id);
    s_.Exec(kTaskUpdate, p);
    return base::Status::Ok();
  });
}

base::Result<domain::Task> PgTaskRepository::Get(int64_t id) {
  return s_.Read("tasks.get", [&] { return LoadTask(s_, id); });
}

base::Result<std::vector<domain::Task>> PgTaskRepository::List(const TaskFilter& f) {
  return s_.Read("tasks.list", [&]() -> base::Result<std::vector<domain::Task>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(f.limit, kMaxRows));
    const pqxx::result r = s_.Exec(kTaskList, Params()
                                                  .Add(TextArray(f.unit_codes))
                                                  .Add(TextArray(StatusNames(f.statuses)))
                                                  .Add(f.due_before)
                                                  .Add(f.due_from)
                                                  .Add(f.limit));
    return AllRows<domain::Task>(r, TaskFromRow);
  });
}

base::Result<int64_t> PgTaskRepository::AddUpdate(const domain::TaskUpdate& u) {
  return s_.Write("tasks.add_update", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(u));
    BINHYEN_ASSIGN_OR_RETURN(domain::Task task, LoadTask(s_, u.task_id));
    BINHYEN_RETURN_IF_ERROR(UserExists(s_, u.author_id));
    const pqxx::result r = s_.Exec(kTaskUpdateInsert, Params()
                                                          .Add(u.task_id)
                                                          .Add(u.author_id)
                                                          .Add(u.text)
                                                          .Add(domain::Name(u.status))
                                                          .Add(u.progress)
                                                          .AddTime(u.created_at));
    s_.Exec(kTaskProgress,
            Params()
                .Add(u.task_id)
                .Add(domain::Name(u.status))
                .Add(u.progress)
                .AddTime(u.created_at)
                .AddTime(DoneAtAfter(task.status, task.done_at, u.status, u.created_at)));
    return Int(r[0][0]);
  });
}

base::Result<std::vector<domain::TaskUpdate>> PgTaskRepository::Updates(int64_t task_id) {
  return s_.Read("tasks.updates", [&]() -> base::Result<std::vector<domain::TaskUpdate>> {
    return AllRows<domain::TaskUpdate>(s_.Exec(kTaskUpdates, Params().Add(task_id)), UpdateFromRow);
  });
}

// ---------------------------------------------------------------------------------------------
// Self-assessments

base::Result<int64_t> PgSelfAssessmentRepository::Create(const domain::SelfAssessment& a) {
  return s_.Write("self_assessments.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    BINHYEN_RETURN_IF_ERROR(UnitExists(s_, a.unit_code));
    BINHYEN_RETURN_IF_ERROR(UserExists(s_, a.submitted_by));
    const pqxx::result r = s_.Exec(kAssessmentInsert, Params()
                                                          .Add(a.unit_code)
                                                          .Add(a.checklist_version)
                                                          .Add(EncodeAnswers(a.answers))
                                                          .Add(a.note)
                                                          .Add(a.score)
                                                          .Add(a.submitted_by)
                                                          .AddTime(a.submitted_at));
    return Int(r[0][0]);
  });
}

base::Result<domain::SelfAssessment> PgSelfAssessmentRepository::Get(int64_t id) {
  return s_.Read("self_assessments.get", [&]() -> base::Result<domain::SelfAssessment> {
    const pqxx::result r = s_.Exec(kAssessmentGet, Params().Add(id));
    if (r.empty())
      return base::NotFoundError("self-assessment " + std::to_string(id) + ": not found");
    return AssessmentFromRow(r[0]);
  });
}

base::Result<std::vector<domain::SelfAssessment>> PgSelfAssessmentRepository::History(
    const std::string& unit_code, int limit) {
  return s_.Read(
      "self_assessments.history", [&]() -> base::Result<std::vector<domain::SelfAssessment>> {
        BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, kMaxRows));
        return AllRows<domain::SelfAssessment>(
            s_.Exec(kAssessmentHistory, Params().Add(unit_code).Add(limit)), AssessmentFromRow);
      });
}

base::Result<std::vector<domain::SelfAssessment>> PgSelfAssessmentRepository::LatestPerUnit(
    base::TimePoint before) {
  return s_.Read("self_assessments.latest",
                 [&]() -> base::Result<std::vector<domain::SelfAssessment>> {
                   return AllRows<domain::SelfAssessment>(
                       s_.Exec(kAssessmentLatest, Params().AddTime(before)), AssessmentFromRow);
                 });
}

}  // namespace binhyen::store::postgres

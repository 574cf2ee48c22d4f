// The programme's plan: tasks to units with their progress updates, and self-assessments.
#include <algorithm>
#include <array>
#include <string>
#include <tuple>
#include <utility>

#include "store/common.h"
#include "store/plan_codec.h"
#include "store/sqlite/plan.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kTaskColumns =
    "id, title, description, unit_code, responsible, expected_result, due_on, status, progress, "
    "created_by, created_at, updated_at, done_at";
constexpr std::string_view kUpdateColumns =
    "id, task_id, author_id, text, status, progress, created_at";
constexpr std::string_view kAssessmentColumns =
    "id, unit_code, checklist_version, answers, note, score, submitted_by, submitted_at";
constexpr int kMaxRows = 1000;

base::Status TaskNotFound(int64_t id) {
  return base::NotFoundError("task " + std::to_string(id) + ": not found");
}

base::Status UnitExists(Connection& c, const std::string& code) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("SELECT 1 FROM units WHERE code = ?"));
  s->Bind(1, code);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : base::NotFoundError("unit '" + code + "': not found");
}

base::Result<domain::TaskStatus> ReadStatus(const Statement& s, int col) {
  const std::string name = s.Text(col);
  return ParseStored(domain::ParseTaskStatus(name), "status", name);
}

base::Result<domain::Task> ReadTask(const Statement& s) {
  domain::Task t;
  t.id = s.Int(0);
  t.title = s.Text(1);
  t.description = s.Text(2);
  t.unit_code = s.Text(3);
  t.responsible = s.Text(4);
  t.expected_result = s.Text(5);
  t.due_on = s.Text(6);
  BINHYEN_ASSIGN_OR_RETURN(t.status, ReadStatus(s, 7));
  t.progress = static_cast<int>(s.Int(8));
  t.created_by = s.Int(9);
  t.created_at = s.Time(10);
  t.updated_at = s.Time(11);
  t.done_at = s.OptionalTime(12);
  return t;
}

base::Result<domain::TaskUpdate> ReadUpdate(const Statement& s) {
  domain::TaskUpdate u;
  u.id = s.Int(0);
  u.task_id = s.Int(1);
  u.author_id = s.Int(2);
  u.text = s.Text(3);
  BINHYEN_ASSIGN_OR_RETURN(u.status, ReadStatus(s, 4));
  u.progress = static_cast<int>(s.Int(5));
  u.created_at = s.Time(6);
  return u;
}

base::Result<domain::SelfAssessment> ReadAssessment(const Statement& s) {
  domain::SelfAssessment a;
  a.id = s.Int(0);
  a.unit_code = s.Text(1);
  a.checklist_version = s.Text(2);
  BINHYEN_ASSIGN_OR_RETURN(a.answers, DecodeAnswers(s.Text(3)));
  a.note = s.Text(4);
  a.score = static_cast<int>(s.Int(5));
  a.submitted_by = s.Int(6);
  a.submitted_at = s.Time(7);
  return a;
}

template <typename T, typename F>
base::Result<std::vector<T>> Collect(Statement& s, F read) {
  std::vector<T> out;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    BINHYEN_ASSIGN_OR_RETURN(T item, read(s));
    out.push_back(std::move(item));
  }
}

// Binds the fields of `t` from title to done_at but created_by and created_at, at 1..10.
void BindTask(Statement& s, const domain::Task& t) {
  s.Bind(1, t.title)
      .Bind(2, t.description)
      .Bind(3, t.unit_code)
      .Bind(4, t.responsible)
      .Bind(5, t.expected_result)
      .Bind(6, t.due_on)
      .Bind(7, domain::Name(t.status))
      .Bind(8, int64_t{t.progress})
      .Bind(9, t.updated_at)
      .Bind(10, t.done_at);
}

// The four status names a TaskFilter accepts (every status when it names none), repeated to
// fill the four placeholders of "status IN (?, ?, ?, ?)".
std::array<std::string_view, 4> StatusNames(const std::vector<domain::TaskStatus>& statuses) {
  std::array<std::string_view, 4> out = {"open", "in_progress", "done", "cancelled"};
  if (statuses.empty()) return out;
  for (size_t i = 0; i < out.size(); ++i) out[i] = domain::Name(statuses[i % statuses.size()]);
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Tasks

base::Result<domain::Task> SqliteTasks::Load(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT " + std::string(kTaskColumns) +
                                                            " FROM tasks WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return TaskNotFound(id);
  return ReadTask(*s);
}

base::Result<int64_t> SqliteTasks::Create(const domain::Task& t) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(t));
    Connection& c = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(UnitExists(c, t.unit_code));
    BINHYEN_RETURN_IF_ERROR(UserExists(c, t.created_by));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO tasks (title, description, unit_code, responsible, "
                          "expected_result, due_on, status, progress, updated_at, done_at, "
                          "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindTask(*s, t);
    s->Bind(11, t.created_by).Bind(12, t.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c.db()));
  });
}

base::Status SqliteTasks::Update(const domain::Task& t) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(t));
    BINHYEN_RETURN_IF_ERROR(Load(t.id).status());
    Connection& c = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(UnitExists(c, t.unit_code));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("UPDATE tasks SET title = ?, description = ?, unit_code = ?, "
                          "responsible = ?, expected_result = ?, due_on = ?, status = ?, "
                          "progress = ?, updated_at = ?, done_at = ? WHERE id = ?"));
    BindTask(*s, t);
    s->Bind(11, t.id);
    return s->Run();
  });
}

base::Result<domain::Task> SqliteTasks::Get(int64_t id) {
  return tx_.Read([&] { return Load(id); });
}

base::Result<std::vector<domain::Task>> SqliteTasks::Select(
    const TaskFilter& f, const std::optional<std::string>& unit) {
  std::string sql = "SELECT " + std::string(kTaskColumns) +
                    " FROM tasks WHERE status IN (?1, ?2, ?3, ?4) AND (?5 IS NULL OR due_on < ?5) "
                    "AND (?6 IS NULL OR due_on >= ?6) ";
  if (unit) sql += "AND unit_code = ?8 ";
  sql += "ORDER BY due_on, id LIMIT ?7";
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
  const std::array<std::string_view, 4> names = StatusNames(f.statuses);
  for (int i = 0; i < 4; ++i) s->Bind(i + 1, names[i]);
  if (f.due_before) s->Bind(5, *f.due_before);
  if (f.due_from) s->Bind(6, *f.due_from);
  s->Bind(7, int64_t{f.limit});
  if (unit) s->Bind(8, *unit);
  return Collect<domain::Task>(*s, ReadTask);
}

base::Result<std::vector<domain::Task>> SqliteTasks::List(const TaskFilter& f) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Task>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(f.limit, kMaxRows));
    if (f.unit_codes.empty()) return Select(f, std::nullopt);
    // One indexed range per unit, merged (no IN-list SQL varying with the number of units).
    std::vector<std::string> codes = f.unit_codes;
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    std::vector<domain::Task> out;
    for (const std::string& code : codes) {
      BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Task> part, Select(f, code));
      std::move(part.begin(), part.end(), std::back_inserter(out));
    }
    std::sort(out.begin(), out.end(), [](const domain::Task& a, const domain::Task& b) {
      return std::tie(a.due_on, a.id) < std::tie(b.due_on, b.id);
    });
    if (out.size() > static_cast<size_t>(f.limit)) out.resize(static_cast<size_t>(f.limit));
    return out;
  });
}

base::Result<int64_t> SqliteTasks::AddUpdate(const domain::TaskUpdate& u) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(u));
    BINHYEN_ASSIGN_OR_RETURN(domain::Task task, Load(u.task_id));
    Connection& c = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(UserExists(c, u.author_id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO task_updates (task_id, author_id, text, status, progress, "
                          "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    s->Bind(1, u.task_id).Bind(2, u.author_id).Bind(3, u.text).Bind(4, domain::Name(u.status));
    s->Bind(5, int64_t{u.progress}).Bind(6, u.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    const int64_t id = sqlite3_last_insert_rowid(c.db());
    BINHYEN_ASSIGN_OR_RETURN(auto t, c.Prepare("UPDATE tasks SET status = ?, progress = ?, "
                                               "updated_at = ?, done_at = ? WHERE id = ?"));
    t->Bind(1, domain::Name(u.status)).Bind(2, int64_t{u.progress}).Bind(3, u.created_at);
    t->Bind(4, DoneAtAfter(task.status, task.done_at, u.status, u.created_at)).Bind(5, u.task_id);
    BINHYEN_RETURN_IF_ERROR(t->Run());
    return id;
  });
}

base::Result<std::vector<domain::TaskUpdate>> SqliteTasks::Updates(int64_t task_id) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::TaskUpdate>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kUpdateColumns) +
                                                      " FROM task_updates WHERE task_id = ? "
                                                      "ORDER BY created_at, id"));
    s->Bind(1, task_id);
    return Collect<domain::TaskUpdate>(*s, ReadUpdate);
  });
}

// ---------------------------------------------------------------------------------------------
// Self-assessments

base::Result<int64_t> SqliteSelfAssessments::Create(const domain::SelfAssessment& a) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    Connection& c = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(UnitExists(c, a.unit_code));
    BINHYEN_RETURN_IF_ERROR(UserExists(c, a.submitted_by));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO self_assessments (unit_code, checklist_version, answers, "
                          "note, score, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, a.unit_code).Bind(2, a.checklist_version).Bind(3, EncodeAnswers(a.answers));
    s->Bind(4, a.note).Bind(5, int64_t{a.score}).Bind(6, a.submitted_by).Bind(7, a.submitted_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c.db()));
  });
}

base::Result<domain::SelfAssessment> SqliteSelfAssessments::Get(int64_t id) {
  return tx_.Read([&]() -> base::Result<domain::SelfAssessment> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kAssessmentColumns) +
                                                      " FROM self_assessments WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::NotFoundError("self-assessment " + std::to_string(id) + ": not found");
    return ReadAssessment(*s);
  });
}

base::Result<std::vector<domain::SelfAssessment>> SqliteSelfAssessments::History(
    const std::string& unit_code, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::SelfAssessment>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, kMaxRows));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kAssessmentColumns) +
                                         " FROM self_assessments WHERE unit_code = ? "
                                         "ORDER BY submitted_at DESC, id DESC LIMIT ?"));
    s->Bind(1, unit_code).Bind(2, int64_t{limit});
    return Collect<domain::SelfAssessment>(*s, ReadAssessment);
  });
}

base::Result<std::vector<domain::SelfAssessment>> SqliteSelfAssessments::LatestPerUnit(
    base::TimePoint before) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::SelfAssessment>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT " + std::string(kAssessmentColumns) +
                    " FROM self_assessments a WHERE id = (SELECT b.id FROM self_assessments b "
                    "WHERE b.unit_code = a.unit_code AND b.submitted_at < ?1 "
                    "ORDER BY b.submitted_at DESC, b.id DESC LIMIT 1) ORDER BY unit_code"));
    s->Bind(1, before);
    return Collect<domain::SelfAssessment>(*s, ReadAssessment);
  });
}

}  // namespace binhyen::store::sqlite

#include "service/trainings.h"

#include <algorithm>
#include <utility>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "service/people.h"
#include "service/permissions.h"

namespace binhyen::service {
namespace {

std::string Target(int64_t id) { return "training:" + std::to_string(id); }

base::Status Denied() { return base::PermissionDeniedError("training: not allowed for your role"); }

template <typename T>
void SortUnique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool CanRead(const Principal& caller) {
  return caller.Can(Permission::kProgrammeManage) || caller.Can(Permission::kPeopleManage);
}

base::Status Audit(store::Transaction& tx, base::TimePoint at, std::string_view actor,
                   std::string_view action, int64_t id, std::string summary) {
  return tx.Audit().Append(MakeAuditEntry(at, actor, action, Target(id), summary)).status();
}

}  // namespace

base::Result<std::optional<domain::Attendance>> FindAttendance(store::Transaction& tx,
                                                               int64_t training_id,
                                                               int64_t person_id) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Attendance> all,
                           tx.Trainings().AttendanceOfPerson(person_id));
  for (const domain::Attendance& a : all) {
    if (a.training_id == training_id) return std::optional<domain::Attendance>(a);
  }
  return std::optional<domain::Attendance>();
}

Trainings::Trainings(store::Store& store, const base::Clock& clock, const CheckinLinks* links)
    : store_(store), clock_(clock), links_(links) {}

CheckinWindow Trainings::WindowAt(const domain::Training& t, base::TimePoint now) {
  if (t.status == domain::TrainingStatus::kCancelled) return CheckinWindow::kCancelled;
  if (now < t.starts_at - kCheckinOpensBefore) return CheckinWindow::kTooEarly;
  if (now >= t.ends_at) return CheckinWindow::kEnded;
  return CheckinWindow::kOpen;
}

base::Status Trainings::CheckWindow(const domain::Training& t) const {
  switch (WindowAt(t, clock_.Now())) {
    case CheckinWindow::kOpen: return base::Status::Ok();
    case CheckinWindow::kTooEarly: return base::FailedPreconditionError("checkin: too early");
    case CheckinWindow::kEnded: return base::FailedPreconditionError("checkin: ended");
    case CheckinWindow::kCancelled: return base::FailedPreconditionError("checkin: cancelled");
  }
  return base::InternalError("checkin: unknown window");
}

base::Result<domain::Training> Trainings::Build(const TrainingDraft& d, const Principal& caller,
                                                base::TimePoint now) const {
  domain::Training t;
  t.title = std::string(base::TrimAscii(d.title));
  t.description = d.description;
  t.starts_at = std::chrono::time_point_cast<std::chrono::seconds>(d.starts_at);
  t.ends_at = std::chrono::time_point_cast<std::chrono::seconds>(d.ends_at);
  t.place = std::string(base::TrimAscii(d.place));
  t.trainer = std::string(base::TrimAscii(d.trainer));
  t.materials = d.materials;
  for (domain::TrainingMaterial& m : t.materials) {
    m.title = std::string(base::TrimAscii(m.title));
    m.url = std::string(base::TrimAscii(m.url));
  }
  t.invited_units = d.units;
  t.invited_people = d.people;
  SortUnique(t.invited_units);
  SortUnique(t.invited_people);
  t.status = d.status;
  t.created_by = caller.user_id;
  t.created_at = now;
  BINHYEN_RETURN_IF_ERROR(domain::Validate(t));
  return t;
}

base::Result<domain::Training> Trainings::Create(const TrainingDraft& draft,
                                                 const Principal& caller) {
  if (!caller.Can(Permission::kProgrammeManage)) return Denied();
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(domain::Training t, Build(draft, caller, now));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(t.id, tx->Trainings().Create(t));
  BINHYEN_RETURN_IF_ERROR(Audit(*tx, now, caller.Actor(), "training.create", t.id,
                                "\"" + t.title + "\" at " + t.place));
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return t;
}

base::Result<domain::Training> Trainings::Update(int64_t id, const TrainingDraft& draft,
                                                 const Principal& caller) {
  if (!caller.Can(Permission::kProgrammeManage)) return Denied();
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(domain::Training t, Build(draft, caller, now));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Training old, tx->Trainings().Get(id));
  t.id = id;
  t.created_by = old.created_by;
  t.created_at = old.created_at;
  BINHYEN_RETURN_IF_ERROR(tx->Trainings().Update(t));
  BINHYEN_RETURN_IF_ERROR(Audit(*tx, now, caller.Actor(), "training.update", id,
                                "\"" + t.title + "\" " + std::string(domain::Name(t.status))));
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return t;
}

base::Result<std::vector<domain::Training>> Trainings::List(const Principal& caller) {
  if (!CanRead(caller)) return Denied();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  store::TrainingFilter filter;
  filter.newest_first = true;
  filter.limit = kMaxListed;
  return tx->Trainings().List(filter);
}

base::Result<std::vector<domain::Training>> Trainings::Upcoming() {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  const base::TimePoint now = clock_.Now();
  store::TrainingFilter filter;
  // Sessions last at most a few days; a week back catches one running now.
  filter.from = now - std::chrono::hours(24 * 7);
  filter.limit = 200;
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Training> all, tx->Trainings().List(filter));
  std::vector<domain::Training> out;
  for (domain::Training& t : all) {
    if (t.status == domain::TrainingStatus::kScheduled && t.ends_at > now && out.size() < 50) {
      out.push_back(std::move(t));
    }
  }
  return out;
}

base::Result<CheckinResult> Trainings::Mark(int64_t id, int64_t person_id,
                                            const Principal& caller) {
  if (!caller.Can(Permission::kProgrammeManage)) return Denied();
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Training t, tx->Trainings().Get(id));
  if (t.status == domain::TrainingStatus::kCancelled) {
    return base::FailedPreconditionError("checkin: cancelled");
  }
  BINHYEN_ASSIGN_OR_RETURN(domain::Person p, tx->People().Get(person_id));
  BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::Attendance> existing,
                           FindAttendance(*tx, id, person_id));
  if (existing) return CheckinResult{*existing, true, true};
  domain::Attendance a{0, id, p.id, p.unit_code, p.name, now, domain::CheckinVia::kManual};
  BINHYEN_ASSIGN_OR_RETURN(domain::Attendance stored, tx->Trainings().CheckIn(a));
  CheckinResult result{stored, false, true};
  {
    BINHYEN_RETURN_IF_ERROR(Audit(*tx, now, caller.Actor(), "training.attendance.mark", id,
                                  "person " + std::to_string(person_id) + " present"));
    BINHYEN_RETURN_IF_ERROR(tx->Commit());
  }
  return result;
}

base::Status Trainings::Unmark(int64_t id, int64_t attendance_id, const Principal& caller) {
  if (!caller.Can(Permission::kProgrammeManage)) return Denied();
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Trainings().RemoveAttendance(id, attendance_id));
  BINHYEN_RETURN_IF_ERROR(Audit(*tx, now, caller.Actor(), "training.attendance.remove", id,
                                "attendance " + std::to_string(attendance_id) + " removed"));
  return tx->Commit();
}

base::Result<std::vector<CheckinLink>> Trainings::Links(int64_t id,
                                                        const std::optional<std::string>& unit,
                                                        const Principal& caller) {
  if (!CanRead(caller)) return Denied();
  if (links_ == nullptr) return base::UnavailableError("checkin: no signing key");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  const People::Scope scope = People::ScopeOf(caller, units);
  std::vector<std::string> wanted;
  if (unit) {
    BINHYEN_RETURN_IF_ERROR(tx->Units().Get(*unit).status());
    if (!scope.Contains(*unit)) return base::PermissionDeniedError("unit: outside your unit");
    wanted = People::Subtree(units, *unit);
    std::sort(wanted.begin(), wanted.end());
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> invitees, tx->Trainings().Invitees(id));
  std::map<std::string, std::string> names;
  for (const domain::Unit& u : units) names[u.code] = u.name;
  std::vector<CheckinLink> out;
  for (const domain::Person& p : invitees) {
    if (!scope.Contains(p.unit_code)) continue;
    if (unit && !std::binary_search(wanted.begin(), wanted.end(), p.unit_code)) continue;
    const std::string token = links_->Issue({CheckinClaim::Kind::kPersonal, id, p.id});
    out.push_back({p.id, p.name, p.position, p.unit_code, names[p.unit_code],
                   std::string(kCheckinPathPrefix) + token});
  }
  std::stable_sort(out.begin(), out.end(), [](const CheckinLink& a, const CheckinLink& b) {
    return std::tie(a.unit_code, a.name) < std::tie(b.unit_code, b.name);
  });
  BINHYEN_RETURN_IF_ERROR(Audit(*tx, clock_.Now(), caller.Actor(), "training.checkin_links", id,
                                std::to_string(out.size()) + " personal check-in links"));
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return out;
}

base::Result<std::string> Trainings::SessionLink(int64_t id, const Principal& caller) {
  if (!CanRead(caller)) return Denied();
  if (links_ == nullptr) return base::UnavailableError("checkin: no signing key");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_RETURN_IF_ERROR(tx->Trainings().Get(id).status());
  return std::string(kCheckinPathPrefix) + links_->Issue({CheckinClaim::Kind::kSession, id, 0});
}

}  // namespace binhyen::service

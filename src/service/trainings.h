#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/training.h"
#include "domain/unit.h"
#include "service/auth.h"
#include "service/checkin_links.h"
#include "store/store.h"

namespace binhyen::service {

// What a programme admin writes for a session (create or edit).
struct TrainingDraft {
  std::string title;        // trimmed; 1..300 bytes
  std::string description;  // Markdown; 0..100,000 bytes
  base::TimePoint starts_at{};
  base::TimePoint ends_at{};
  std::string place;    // trimmed; 1..300 bytes
  std::string trainer;  // trimmed; 1..300 bytes
  std::vector<domain::TrainingMaterial> materials;
  std::vector<std::string> units;  // invited units (their child units are included)
  std::vector<int64_t> people;     // invited people
  domain::TrainingStatus status = domain::TrainingStatus::kScheduled;
};

// Whether a session accepts check-ins now.
enum class CheckinWindow { kOpen, kTooEarly, kEnded, kCancelled };

// An invited person and their attendance.
struct InviteeRow {
  int64_t person_id = 0;
  std::string name;
  std::string position;
  std::string unit_code;
  std::string unit_name;
  std::optional<domain::Attendance> attendance;
};

// Invited vs attended in one unit. `attended` counts every attendance recorded for the unit
// (invited people, other people of the unit and unmatched walk-ins); `invited_attended` only
// the invited ones.
struct UnitAttendanceRow {
  std::string unit_code;
  std::string unit_name;
  int64_t invited = 0;
  int64_t invited_attended = 0;
  int64_t attended = 0;
};

// A session with who was invited and who came, as the caller may see it (a unit officer only
// sees their unit's subtree).
struct TrainingReport {
  domain::Training training;
  CheckinWindow window = CheckinWindow::kOpen;
  std::vector<InviteeRow> invitees;               // by unit code, then name
  std::vector<domain::Attendance> attendance;     // by check-in time
  std::vector<UnitAttendanceRow> units;           // by unit code
  std::map<std::string, std::string> unit_names;  // code -> name, for the attendance rows
  int64_t invited = 0;
  int64_t invited_attended = 0;
  int64_t attended = 0;
  int percent = 0;  // invited_attended * 100 / invited, rounded down (0 without invitees)
};

// A person's personal check-in link, for the printed sheet of QR codes.
struct CheckinLink {
  int64_t person_id = 0;
  std::string name;
  std::string position;
  std::string unit_code;
  std::string unit_name;
  std::string path;  // "/tap-huan/diem-danh/<token>"
};

// What the public check-in page shows for a token.
struct CheckinPage {
  domain::Training training;
  CheckinClaim claim;
  CheckinWindow window = CheckinWindow::kOpen;
  std::string person_name;                  // personal tokens
  std::vector<domain::Unit> walk_in_units;  // session tokens: the units a walk-in picks from
};

// The outcome of a check-in.
struct CheckinResult {
  domain::Attendance attendance;
  bool already = false;  // the person had checked in before (nothing written)
  bool matched = false;  // walk-ins: the typed name matched a person of the unit
};

// One month of a unit's trainings.
struct UnitMonthRow {
  std::string month;  // "2026-09" (Vietnam time)
  int64_t sessions = 0;
  int64_t invited = 0;
  int64_t invited_attended = 0;
  int64_t attended = 0;
  int percent = 0;
};

// How many of the period's sessions one person of the unit was invited to and attended.
struct PersonAttendanceRow {
  int64_t person_id = 0;
  std::string name;
  std::string unit_code;
  int64_t invited = 0;
  int64_t attended = 0;
};

// A unit's trainings over a period, by month.
struct UnitTrainingReport {
  domain::Unit unit;
  std::vector<UnitMonthRow> months;         // oldest first; only months with sessions
  UnitMonthRow total;                       // month ""
  std::vector<PersonAttendanceRow> people;  // people invited or present, by unit code then name
};

// A session a person attended.
struct PersonTrainingRow {
  domain::Training training;
  domain::Attendance attendance;
};

// Training sessions: scheduling (programme admins), check-in by personal link, by the session QR
// at the venue (walk-ins) or by hand in the console, and attendance reports. Check-ins work from
// kCheckinOpensBefore the start until the end, never for a cancelled session: otherwise
// FailedPrecondition "checkin: too early" / "checkin: ended" / "checkin: cancelled".
// Permissions: programme:manage schedules and marks attendance for every unit; people:manage
// (unit officers) reads sessions and attendance of their own unit's subtree. Every change is
// audited ("training.create", "training.update", "training.checkin", "training.walk_in",
// "training.attendance.mark", "training.attendance.remove", "training.checkin_links"; target
// "training:<id>"). Thread safety: thread-safe (holds references to thread-safe objects).
class Trainings {
 public:
  static constexpr std::chrono::hours kCheckinOpensBefore{1};
  static constexpr int kMaxListed = 200;

  // References must outlive the Trainings. `links` may be null: check-in links then return
  // Unavailable "checkin: no signing key".
  Trainings(store::Store& store, const base::Clock& clock, const CheckinLinks* links);

  // Creates a session (programme:manage; else PermissionDenied). InvalidArgument naming the
  // field; NotFound for an unknown unit or person.
  base::Result<domain::Training> Create(const TrainingDraft& draft, const Principal& caller);
  // Replaces session `id` (programme:manage). NotFound; errors of Create.
  base::Result<domain::Training> Update(int64_t id, const TrainingDraft& draft,
                                        const Principal& caller);
  // Sessions, newest first, at most kMaxListed (programme:manage or people:manage).
  base::Result<std::vector<domain::Training>> List(const Principal& caller);
  // Upcoming scheduled sessions (ends_at after now), soonest first, at most 50: public.
  base::Result<std::vector<domain::Training>> Upcoming();
  // The session with invitees and attendance within the caller's scope. NotFound.
  base::Result<TrainingReport> Report(int64_t id, const Principal& caller);
  // Marks person `person_id` present (programme:manage; any time, even outside the window, but
  // not for a cancelled session: FailedPrecondition "checkin: cancelled"). Idempotent.
  base::Result<CheckinResult> Mark(int64_t id, int64_t person_id, const Principal& caller);
  // Removes an attendance row (programme:manage). NotFound.
  base::Status Unmark(int64_t id, int64_t attendance_id, const Principal& caller);
  // Personal check-in links of the invitees within the caller's scope, narrowed to `unit` (and
  // its subtree) when set; by unit then name. Audited. NotFound; PermissionDenied "unit:
  // outside your unit".
  base::Result<std::vector<CheckinLink>> Links(int64_t id, const std::optional<std::string>& unit,
                                               const Principal& caller);
  // The session QR's path (programme:manage or people:manage). NotFound.
  base::Result<std::string> SessionLink(int64_t id, const Principal& caller);

  // Public, behind a token: the errors of CheckinLinks::Verify; NotFound when the session or
  // person is gone; FailedPrecondition domain::kPersonLeftMessage for a personal link of
  // someone who left their unit (also refused by CheckIn). Does not check the window (the page
  // says when it opens).
  base::Result<CheckinPage> Open(std::string_view token);
  // Checks the personal token's person in (idempotent). A session token: InvalidArgument "token:
  // not a personal link". Window errors as above.
  base::Result<CheckinResult> CheckIn(std::string_view token);
  // A walk-in through the session token: `unit_code` must be one of the page's units
  // (InvalidArgument "unit: choose your unit"), `name` 1..200 bytes after trimming
  // (InvalidArgument "name: ..."). Matched to the one person of that unit whose name equals the
  // typed one (spaces collapsed), else recorded unmatched. Window errors as above.
  base::Result<CheckinResult> WalkIn(std::string_view token, std::string_view unit_code,
                                     std::string_view name);

  // A unit's sessions in [from, to), by month (the unit's subtree counts). Scope as Report.
  base::Result<UnitTrainingReport> UnitReport(std::string_view unit_code, base::TimePoint from,
                                              base::TimePoint to, const Principal& caller);
  // The sessions a person attended (within the caller's scope), oldest first.
  base::Result<std::vector<PersonTrainingRow>> PersonReport(int64_t person_id,
                                                            const Principal& caller);

  // The window of `training` at `now`.
  static CheckinWindow WindowAt(const domain::Training& training, base::TimePoint now);

 private:
  base::Status CheckWindow(const domain::Training& training) const;
  base::Result<domain::Training> Build(const TrainingDraft& draft, const Principal& caller,
                                       base::TimePoint now) const;

  store::Store& store_;
  const base::Clock& clock_;
  const CheckinLinks* links_;
};

// The attendance of person `person_id` at session `training_id`, if any (trainings.cc).
base::Result<std::optional<domain::Attendance>> FindAttendance(store::Transaction& tx,
                                                               int64_t training_id,
                                                               int64_t person_id);

}  // namespace binhyen::service

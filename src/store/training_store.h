#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "domain/person.h"
#include "domain/training.h"

namespace binhyen::store {

// ---------------------------------------------------------------------------------------------
// The awareness programme: training sessions and attendance (migration 0009). The general
// contract at the top of store/store.h applies to every method.

// Which sessions TrainingRepository::List returns.
struct TrainingFilter {
  std::optional<base::TimePoint> from;  // starts_at >= from
  std::optional<base::TimePoint> to;    // starts_at < to
  bool newest_first = false;            // starts_at (then id) descending instead of ascending
  int limit = 100;                      // 1..1000, else InvalidArgument "limit: ..."
};

class TrainingRepository {
 public:
  virtual ~TrainingRepository() = default;

  // Creates a session with its materials and invitations. Ignores training.id. The creator,
  // every invited unit and person must exist (NotFound "user <id>: not found", "unit '<code>':
  // not found", "person <id>: not found"). Returns the id.
  virtual base::Result<int64_t> Create(const domain::Training& training) = 0;
  // Replaces everything of session training.id but created_by and created_at (materials and
  // invitations too). NotFound "training <id>: not found"; the same checks as Create.
  virtual base::Status Update(const domain::Training& training) = 0;
  // With materials (in order) and invitations (sorted). NotFound "training <id>: not found".
  virtual base::Result<domain::Training> Get(int64_t id) = 0;
  // Sessions with their materials and invitations, by starts_at then id (see the filter).
  virtual base::Result<std::vector<domain::Training>> List(const TrainingFilter& filter) = 0;
  // Who is invited now: every person of the invited units and of their descendants (child units,
  // recursively), and the invited people, each once, by id ascending, leaving out people who had
  // left when the session started (left_at <= starts_at; someone who left after a past session
  // stays one of its invitees). NotFound.
  virtual base::Result<std::vector<domain::Person>> Invitees(int64_t id) = 0;

  // Records an attendance (attendance.id ignored). For a person (person_id set) it is
  // idempotent: when they already checked in to this session the existing row is returned
  // unchanged (the first time is kept). Unmatched walk-ins (no person_id) are all kept.
  // NotFound "training <id>: not found", "person <id>: not found", "unit '<code>': not found".
  // The caller decides whether the session accepts check-ins (status, time window).
  virtual base::Result<domain::Attendance> CheckIn(const domain::Attendance& attendance) = 0;
  // Removes attendance `attendance_id` of session `training_id` (a correction by the trainer).
  // NotFound "attendance <id>: not found" (also when it belongs to another session).
  virtual base::Status RemoveAttendance(int64_t training_id, int64_t attendance_id) = 0;
  // The attendance of session `id`, by checked_in_at then id. NotFound when no such session.
  virtual base::Result<std::vector<domain::Attendance>> AttendanceOf(int64_t id) = 0;
  // The sessions person `person_id` attended, by training id ascending (empty for an unknown
  // person).
  virtual base::Result<std::vector<domain::Attendance>> AttendanceOfPerson(int64_t person_id) = 0;
};

}  // namespace binhyen::store

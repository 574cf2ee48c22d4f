#pragma once

#include <cstdint>
#include <vector>

#include "store/postgres/session.h"
#include "store/training_store.h"

namespace binhyen::store::postgres {

// The PostgreSQL TrainingRepository of one transaction (contract in store/training_store.h).
// Thread safety: confine to the transaction's thread.
class PgTrainingRepository final : public TrainingRepository {
 public:
  explicit PgTrainingRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::Training& training) override;
  base::Status Update(const domain::Training& training) override;
  base::Result<domain::Training> Get(int64_t id) override;
  base::Result<std::vector<domain::Training>> List(const TrainingFilter& filter) override;
  base::Result<std::vector<domain::Person>> Invitees(int64_t id) override;
  base::Result<domain::Attendance> CheckIn(const domain::Attendance& attendance) override;
  base::Status RemoveAttendance(int64_t training_id, int64_t attendance_id) override;
  base::Result<std::vector<domain::Attendance>> AttendanceOf(int64_t id) override;
  base::Result<std::vector<domain::Attendance>> AttendanceOfPerson(int64_t person_id) override;

 private:
  Session& s_;
};

}  // namespace binhyen::store::postgres

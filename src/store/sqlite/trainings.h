#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "store/sqlite/tx_context.h"
#include "store/training_store.h"

namespace binhyen::store::sqlite {

// The SQLite TrainingRepository of one transaction (contract in store/training_store.h).
// Thread safety: confine to the transaction's thread.
class SqliteTrainings final : public TrainingRepository {
 public:
  explicit SqliteTrainings(TxContext& tx) : tx_(tx) {}
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
  base::Result<domain::Training> Load(int64_t id);
  base::Status Exists(int64_t id);
  // Validation and existence of the creator, invited units and people.
  base::Status Check(const domain::Training& training);
  // Inserts the materials and invitations of session `id`.
  base::Status WriteChildren(int64_t id, const domain::Training& training);
  base::Result<std::vector<domain::Attendance>> Collect(Statement& s);

  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite

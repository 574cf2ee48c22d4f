#pragma once

#include <cstdint>
#include <optional>

#include "store/postgres/session.h"
#include "store/programme_console.h"

namespace binhyen::store::postgres {

// The PostgreSQL ProgrammeConsoleRepository of one transaction (contract in
// store/programme_console.h). Thread safety: confine to the transaction's thread.
class PgProgrammeConsoleRepository final : public ProgrammeConsoleRepository {
 public:
  explicit PgProgrammeConsoleRepository(Session& session) : s_(session) {}
  base::Status CloseCampaign(int64_t id) override;
  base::Status UpdatePerson(const domain::Person& person) override;
  base::Status MarkPersonLeft(int64_t id, base::TimePoint at) override;
  base::Status RestorePerson(int64_t id) override;

 private:
  // Sets people.left_at of person `id`, refusing when it already has that state.
  base::Status SetLeft(int64_t id, const std::optional<base::TimePoint>& left_at);

  Session& s_;
};

}  // namespace binhyen::store::postgres

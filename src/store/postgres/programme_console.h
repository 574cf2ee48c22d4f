#pragma once

#include <cstdint>

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

 private:
  Session& s_;
};

}  // namespace binhyen::store::postgres

#pragma once

#include <cstdint>

#include "store/programme_console.h"
#include "store/sqlite/tx_context.h"

namespace binhyen::store::sqlite {

// The SQLite ProgrammeConsoleRepository of one transaction (contract in
// store/programme_console.h). Thread safety: confine to the transaction's thread.
class SqliteProgrammeConsole final : public ProgrammeConsoleRepository {
 public:
  explicit SqliteProgrammeConsole(TxContext& tx) : tx_(tx) {}
  base::Status CloseCampaign(int64_t id) override;
  base::Status UpdatePerson(const domain::Person& person) override;
  base::Status MarkPersonLeft(int64_t id, base::TimePoint at) override;
  base::Status RestorePerson(int64_t id) override;

 private:
  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite

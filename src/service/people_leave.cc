// People::MarkLeft and Restore: someone who left their unit, kept with all their history.
#include <string>
#include <vector>

#include "service/audit_entry.h"
#include "service/people.h"

namespace binhyen::service {
namespace {

std::string UnitNameOf(const std::vector<domain::Unit>& units, const std::string& code) {
  for (const domain::Unit& u : units) {
    if (u.code == code) return u.name;
  }
  return "";
}

}  // namespace

base::Result<PersonView> People::SetLeft(const Principal& caller, int64_t id, bool left) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(domain::Person p, tx->People().Get(id));
  if (!ScopeOf(caller, units).Contains(p.unit_code)) {
    return base::NotFoundError("person " + std::to_string(id) + ": not found");
  }
  const base::TimePoint now = clock_.Now();
  if (left) {
    BINHYEN_RETURN_IF_ERROR(tx->ProgrammeConsole().MarkPersonLeft(id, now));
    p.left_at = now;
  } else {
    BINHYEN_RETURN_IF_ERROR(tx->ProgrammeConsole().RestorePerson(id));
    p.left_at.reset();
  }
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, caller.Actor(), left ? "person.leave" : "person.return",
                                 "person:" + std::to_string(id),
                                 (left ? "left " : "back in ") + p.unit_code))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return View(p, UnitNameOf(units, p.unit_code), caller.Can(Permission::kPeopleContact));
}

base::Result<PersonView> People::MarkLeft(const Principal& caller, int64_t id) {
  return SetLeft(caller, id, true);
}

base::Result<PersonView> People::Restore(const Principal& caller, int64_t id) {
  return SetLeft(caller, id, false);
}

}  // namespace binhyen::service

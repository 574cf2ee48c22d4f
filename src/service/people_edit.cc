// People::Get, Add and Update: one person at a time, within the caller's scope.
#include <string>
#include <utility>

#include "base/strings.h"
#include "indicator/email.h"
#include "indicator/phone.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/people.h"

namespace binhyen::service {
namespace {

std::string Target(int64_t id) { return "person:" + std::to_string(id); }

std::string UnitName(const std::vector<domain::Unit>& units, const std::string& code) {
  for (const domain::Unit& u : units) {
    if (u.code == code) return u.name;
  }
  return "";
}

}  // namespace

base::Result<domain::Person> People::FromInput(const PersonInput& input, const Scope& scope,
                                               const std::vector<domain::Unit>& units) const {
  FieldErrors errors;
  domain::Person p;
  p.unit_code = std::string(base::TrimAscii(input.unit));
  p.name = std::string(base::TrimAscii(input.name));
  p.position = std::string(base::TrimAscii(input.position));
  if (p.unit_code.empty()) {
    errors.Add("unit", "choose a unit");
  } else if (UnitName(units, p.unit_code).empty()) {
    errors.Add("unit", "unknown unit");
  } else if (!scope.Contains(p.unit_code)) {
    errors.Add("unit", "outside your unit");
  }
  if (p.name.empty()) errors.Add("name", "must not be empty");
  if (p.name.size() > domain::kMaxPersonNameBytes) errors.Add("name", "must be at most 200 bytes");
  if (p.position.size() > domain::kMaxPersonPositionBytes) {
    errors.Add("position", "must be at most 200 bytes");
  }
  if (HasNul(input.name) || HasNul(input.position)) errors.Add("name", kNoNul);
  if (const std::string_view phone = base::TrimAscii(input.phone); !phone.empty()) {
    base::Result<indicator::Indicator> canonical = indicator::CanonicalizePhone(phone);
    if (canonical.ok()) {
      p.phone_ciphertext = contact_box_.Encrypt(canonical->canonical);
    } else {
      errors.Add("phone", "not a valid phone number");
    }
  }
  if (const std::string_view email = base::TrimAscii(input.email); !email.empty()) {
    base::Result<indicator::Indicator> canonical = indicator::CanonicalizeEmail(email);
    if (canonical.ok()) {
      p.email_ciphertext = contact_box_.Encrypt(canonical->canonical);
    } else {
      errors.Add("email", "not a valid email address");
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return p;
}

base::Result<PersonView> People::Get(const Principal& caller, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  const Scope scope = ScopeOf(caller, units);
  BINHYEN_ASSIGN_OR_RETURN(domain::Person p, tx->People().Get(id));
  if (!scope.Contains(p.unit_code)) {
    return base::NotFoundError("person " + std::to_string(id) + ": not found");
  }
  return View(p, UnitName(units, p.unit_code), caller.Can(Permission::kPeopleContact));
}

base::Result<PersonView> People::Add(const Principal& caller, const PersonInput& input) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(domain::Person p, FromInput(input, ScopeOf(caller, units), units));
  p.created_at = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(p.id, tx->People().Create(p));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(p.created_at, caller.Actor(), "person.add",
                                                     Target(p.id), "added to " + p.unit_code))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return View(p, UnitName(units, p.unit_code), caller.Can(Permission::kPeopleContact));
}

base::Result<PersonView> People::Update(const Principal& caller, int64_t id,
                                        const PersonInput& input) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  const Scope scope = ScopeOf(caller, units);
  BINHYEN_ASSIGN_OR_RETURN(domain::Person old, tx->People().Get(id));
  if (!scope.Contains(old.unit_code)) {
    return base::NotFoundError("person " + std::to_string(id) + ": not found");
  }
  BINHYEN_ASSIGN_OR_RETURN(domain::Person p, FromInput(input, scope, units));
  p.id = id;
  p.created_at = old.created_at;
  p.left_at = old.left_at;  // kept by UpdatePerson
  BINHYEN_RETURN_IF_ERROR(tx->ProgrammeConsole().UpdatePerson(p));
  const std::string summary = old.unit_code == p.unit_code
                                  ? "edited in " + p.unit_code
                                  : "moved from " + old.unit_code + " to " + p.unit_code;
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(clock_.Now(), caller.Actor(), "person.edit", Target(id), summary))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return View(p, UnitName(units, p.unit_code), caller.Can(Permission::kPeopleContact));
}

}  // namespace binhyen::service

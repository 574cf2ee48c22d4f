#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enums.h"

namespace binhyen::service {

// What a signed-in caller may do. Each permission is also an API token scope of the same name:
// a token acts with the permissions of its user's role that are ALSO among its scopes, so a
// token can be narrower than its user but never wider.
enum class Permission {
  kReportsRead,     // "reports:read": list, search and read reports (without contact details)
  kReportsTriage,   // "reports:triage": change status, assign, merge duplicates, confirm
  kReportsContact,  // "reports:contact": decrypt a reporter's contact details (audited)
  kReportsSubmit,   // "reports:submit": file reports as a partner system (channel "api")
  kAuditRead,       // "audit:read": read the audit log
  kDisputesRead,  // "disputes:read": list and read disputes, with the claimant's contact (audited)
  kDisputesResolve,  // "disputes:resolve": accept (delist the indicator) or reject a dispute
  // The awareness programme (issue 8).
  kProgrammeManage,  // "programme:manage": campaigns (create, send, follow), personal links
  kPeopleManage,     // "people:manage": list and import people (unit officers: their own unit)
  kPeopleContact,    // "people:contact": decrypt people's phone and email (audited in lists)
  // The plan (issue 9).
  kBudgetManage,  // "budget:manage": budget lines and spending (finance)
};

// Every permission, in enum order.
std::span<const Permission> AllPermissions();
// "reports:read", ...
std::string_view ScopeName(Permission p);
std::optional<Permission> ParseScope(std::string_view scope);

// The role table of DESIGN.md ("Users and roles"): analysts triage reports and handle disputes;
// admins manage users, tokens and the audit log but do not read reports or disputes (reporters'
// and claimants' data stays with the police office); every role may submit. The programme:
// programme admins run campaigns; unit officers and programme admins manage people and read
// their contact details (unit officers only within their unit, which the service enforces);
// finance keeps the budget.
bool RoleHas(domain::Role role, Permission p);

// True when the roles of analysts and admins, who must sign in with a second factor (TOTP).
bool RoleNeedsSecondFactor(domain::Role role);

}  // namespace binhyen::service

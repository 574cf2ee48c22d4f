#include "service/permissions.h"

#include <array>

namespace binhyen::service {
namespace {

constexpr std::array<Permission, 11> kAll = {
    Permission::kReportsRead,     Permission::kReportsTriage,   Permission::kReportsContact,
    Permission::kReportsSubmit,   Permission::kAuditRead,       Permission::kDisputesRead,
    Permission::kDisputesResolve, Permission::kProgrammeManage, Permission::kPeopleManage,
    Permission::kPeopleContact,   Permission::kBudgetManage};

}  // namespace

std::span<const Permission> AllPermissions() { return kAll; }

std::string_view ScopeName(Permission p) {
  switch (p) {
    case Permission::kReportsRead: return "reports:read";
    case Permission::kReportsTriage: return "reports:triage";
    case Permission::kReportsContact: return "reports:contact";
    case Permission::kReportsSubmit: return "reports:submit";
    case Permission::kAuditRead: return "audit:read";
    case Permission::kDisputesRead: return "disputes:read";
    case Permission::kDisputesResolve: return "disputes:resolve";
    case Permission::kProgrammeManage: return "programme:manage";
    case Permission::kPeopleManage: return "people:manage";
    case Permission::kPeopleContact: return "people:contact";
    case Permission::kBudgetManage: return "budget:manage";
  }
  return "";
}

std::optional<Permission> ParseScope(std::string_view scope) {
  for (Permission p : kAll) {
    if (ScopeName(p) == scope) return p;
  }
  return std::nullopt;
}

bool RoleHas(domain::Role role, Permission p) {
  switch (p) {
    case Permission::kReportsRead:
    case Permission::kReportsTriage:
    case Permission::kReportsContact:
    case Permission::kDisputesRead:
    case Permission::kDisputesResolve: return role == domain::Role::kAnalyst;
    case Permission::kReportsSubmit: return true;
    case Permission::kAuditRead: return role == domain::Role::kAdmin;
    case Permission::kProgrammeManage: return role == domain::Role::kProgrammeAdmin;
    case Permission::kPeopleManage:
    case Permission::kPeopleContact:
      return role == domain::Role::kProgrammeAdmin || role == domain::Role::kUnitOfficer;
    case Permission::kBudgetManage: return role == domain::Role::kFinance;
  }
  return false;
}

bool RoleNeedsSecondFactor(domain::Role role) {
  return role == domain::Role::kAnalyst || role == domain::Role::kAdmin;
}

}  // namespace binhyen::service

#include "service/permissions.h"

#include <array>

namespace binhyen::service {
namespace {

constexpr std::array<Permission, 7> kAll = {Permission::kReportsRead,    Permission::kReportsTriage,
                                            Permission::kReportsContact, Permission::kReportsSubmit,
                                            Permission::kAuditRead,      Permission::kDisputesRead,
                                            Permission::kDisputesResolve};

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
  }
  return false;
}

bool RoleNeedsSecondFactor(domain::Role role) {
  return role == domain::Role::kAnalyst || role == domain::Role::kAdmin;
}

}  // namespace binhyen::service

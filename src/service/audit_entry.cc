#include "service/audit_entry.h"

#include <string>

namespace binhyen::service {

domain::AuditEntry MakeAuditEntry(base::TimePoint at, std::string_view actor,
                                  std::string_view action, std::string_view target,
                                  std::string_view summary) {
  domain::AuditEntry entry;
  entry.at = at;
  entry.actor = std::string(actor);
  entry.action = std::string(action);
  entry.target = std::string(target);
  entry.summary = std::string(summary);
  return entry;
}

}  // namespace binhyen::service

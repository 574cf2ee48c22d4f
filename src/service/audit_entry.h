#pragma once

#include <string_view>

#include "base/clock.h"
#include "domain/audit.h"

namespace binhyen::service {

// An audit entry ready for store::AuditLog::Append (seq and hashes are set by the store).
domain::AuditEntry MakeAuditEntry(base::TimePoint at, std::string_view actor,
                                  std::string_view action, std::string_view target,
                                  std::string_view summary);

}  // namespace binhyen::service

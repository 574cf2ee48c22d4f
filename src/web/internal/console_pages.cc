// The analysts' console under /quan-tri: every page needs a signed-in user with the page's
// permission, is never cached, and changes state only through POST forms carrying the session's
// CSRF token.
#include "web/internal/console_common.h"

namespace binhyen::web::internal {

void RegisterConsolePages(http::Router& router, Shared& shared) {
  RegisterConsoleQueue(router, shared);
  RegisterConsoleReport(router, shared);
  RegisterConsoleActions(router, shared);
  RegisterConsoleDisputes(router, shared);
  RegisterConsoleAudit(router, shared);
  RegisterConsoleWarnings(router, shared);
  RegisterConsoleIndicators(router, shared);
  RegisterConsoleUsers(router, shared);
}

}  // namespace binhyen::web::internal

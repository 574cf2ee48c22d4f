// The audit log in the console (/quan-tri/nhat-ky): newest first, a page at a time, and on
// request a check of the whole hash chain (service::Accounts::VerifyAudit, as
// `binhyen audit verify`).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "domain/audit.h"
#include "service/accounts.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {
namespace {

constexpr int kAuditPageSize = 100;

// The entries with seq < `before`, newest first, at most kAuditPageSize.
base::Result<std::vector<domain::AuditEntry>> NewestBefore(store::Transaction& tx, int64_t before) {
  const int64_t from = std::max<int64_t>(0, before - 1 - kAuditPageSize);
  const int limit = static_cast<int>(std::min<int64_t>(kAuditPageSize, before - 1 - from));
  if (limit <= 0) return std::vector<domain::AuditEntry>{};
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::AuditEntry> entries, tx.Audit().List(from, limit));
  std::reverse(entries.begin(), entries.end());
  return entries;
}

Data EntryRows(const std::vector<domain::AuditEntry>& entries) {
  Data rows{Data::type::list};
  for (const domain::AuditEntry& e : entries) {
    Data row;
    row.set("seq", std::to_string(e.seq));
    row.set("at", FormatVietnamDate(e.at, true));
    row.set("actor", e.actor);
    row.set("action", e.action);
    row.set("target", e.target);
    row.set("summary", e.summary);
    rows.push_back(row);
  }
  return rows;
}

http::Response AuditPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kAuditRead)) {
    return *std::move(refusal);
  }
  Data data;
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  base::Result<std::optional<domain::AuditEntry>> last =
      tx.ok() ? (*tx)->Audit().Last()
              : base::Result<std::optional<domain::AuditEntry>>(tx.status());
  if (!last.ok()) {
    return shared.ErrorPage(context, 503, "Chưa đọc được nhật ký", "The log cannot be read",
                            "Hệ thống đang bận, vui lòng thử lại.",
                            "The system is busy; please try again.");
  }
  const int64_t newest = *last ? (*last)->seq : 0;
  int64_t before = newest + 1;
  if (std::optional<int64_t> b = ParseId(request.Query("before").value_or(""))) {
    before = std::min(*b, before);
  }
  auto entries = NewestBefore(**tx, before);
  if (!entries.ok()) {
    return shared.ErrorPage(context, 503, "Chưa đọc được nhật ký", "The log cannot be read",
                            "Hệ thống đang bận, vui lòng thử lại.",
                            "The system is busy; please try again.");
  }
  data.set("has_rows", Data(!entries->empty()));
  data.set("rows", EntryRows(*entries));
  data.set("total", std::to_string(newest));
  if (!entries->empty() && entries->back().seq > 1) {
    data.set("next_href", "/quan-tri/nhat-ky?before=" + std::to_string(entries->back().seq));
  }
  if (request.Query("verify")) {
    const WebServices& s = shared.services();
    service::Accounts accounts(s.store, s.clock, s.random);
    base::Result<service::AuditVerification> verified = accounts.VerifyAudit();
    const base::Status broken = verified.ok() ? verified->first_break : verified.status();
    data.set("verified", Data(true));
    data.set("chain_ok", Data(broken.ok()));
    data.set("chain_count", verified.ok() ? std::to_string(verified->entries) : std::string());
    data.set("chain_error", broken.message());
  }
  return RenderPage(shared.templates(), context, "console_audit", std::move(data),
                    ConsoleMeta(context, "Nhật ký kiểm toán", "Audit log"));
}

}  // namespace

void RegisterConsoleAudit(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/nhat-ky",
             [&shared](http::Request& r) { return AuditPage(shared, r); });
}

}  // namespace binhyen::web::internal

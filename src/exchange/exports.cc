#include "exchange/exports.h"

#include <map>
#include <string>
#include <utility>

#include "domain/enums.h"
#include "service/warning_urls.h"

namespace binhyen::exchange {
namespace {

constexpr int kBatch = 10000;

}  // namespace

base::Result<ExportInput> LoadExportInput(store::Store& store, base::TimePoint now,
                                          std::optional<indicator::Kind> kind,
                                          const index::Allowlist& allowlist) {
  ExportInput input;
  input.generated_at = now;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(input.version, tx->Indicators().CurrentVersion());
  BINHYEN_ASSIGN_OR_RETURN(service::WarningUrls warnings, service::LoadWarningUrls(*tx, now));
  int64_t after = 0;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::IndicatorRecord> batch,
                             tx->Indicators().ChangesSince(after, kBatch));
    for (domain::IndicatorRecord& r : batch) {
      after = std::max(after, r.version);
      if (r.status != domain::IndicatorStatus::kConfirmed) continue;
      if (r.expires_at && *r.expires_at <= now) continue;
      if (kind && r.kind != *kind) continue;
      ExportEntry e;
      e.kind = r.kind;
      e.category = std::string(domain::Name(r.category));
      e.severity = std::string(domain::Name(r.severity));
      e.first_seen = r.first_seen;
      e.last_seen = r.last_seen;
      e.expires_at = r.expires_at;
      if (auto w = warnings.find(std::make_pair(r.kind, r.canonical)); w != warnings.end()) {
        e.warning_url = w->second;
      }
      e.canonical = std::move(r.canonical);
      input.entries.push_back(std::move(e));
    }
    if (batch.size() < static_cast<size_t>(kBatch)) break;
  }
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  input.passthru_hosts = allowlist.ProtectedHosts();
  return input;
}

}  // namespace binhyen::exchange

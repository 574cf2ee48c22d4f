#include "web/internal/programme_common.h"

#include <utility>

namespace binhyen::web::internal {

ProgrammeServices::ProgrammeServices(const WebServices& s)
    : people(s.store, s.contact_box, s.clock) {
  if (s.ack_links != nullptr) campaigns.emplace(s.store, s.contact_box, s.clock, *s.ack_links);
}

std::optional<service::People::Scope> CallerScope(Shared& shared,
                                                  const service::Principal& caller) {
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return std::nullopt;
  auto units = (*tx)->Units().List();
  if (!units.ok()) return std::nullopt;
  return service::People::ScopeOf(caller, *units);
}

service::CampaignProgress Narrow(service::CampaignProgress progress,
                                 const service::People::Scope& scope) {
  if (scope.all) return progress;
  std::vector<service::UnitProgress> kept;
  progress.recipients = progress.acknowledged = 0;
  for (service::UnitProgress& u : progress.units) {
    if (!scope.Contains(u.unit_code)) continue;
    progress.recipients += u.recipients;
    progress.acknowledged += u.acknowledged;
    kept.push_back(std::move(u));
  }
  progress.units = std::move(kept);
  progress.percent = progress.recipients == 0
                         ? 0
                         : static_cast<int>(progress.acknowledged * 100 / progress.recipients);
  return progress;
}

Data UnitProgressRows(const std::vector<service::UnitProgress>& units, int lag_below) {
  Data rows{Data::type::list};
  for (const service::UnitProgress& u : units) {
    Data row;
    row.set("code", u.unit_code);
    row.set("name", u.unit_name.empty() ? u.unit_code : u.unit_name);
    row.set("recipients", std::to_string(u.recipients));
    row.set("acknowledged", std::to_string(u.acknowledged));
    row.set("pending", std::to_string(u.recipients - u.acknowledged));
    row.set("percent", std::to_string(u.percent));
    row.set("lagging", Data(u.percent < lag_below));
    rows.push_back(row);
  }
  return rows;
}

std::string CampaignStatusLabel(const PageContext& context, domain::CampaignStatus status) {
  switch (status) {
    case domain::CampaignStatus::kDraft: return std::string(context.Pick("Bản nháp", "Draft"));
    case domain::CampaignStatus::kSent:
      return std::string(context.Pick("Đang thu xác nhận", "Collecting acknowledgements"));
    case domain::CampaignStatus::kClosed: return std::string(context.Pick("Đã kết thúc", "Closed"));
  }
  return "";
}

http::Response ProgrammeUnavailable(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 503, "Chưa đọc được dữ liệu", "The data cannot be read",
                          "Hệ thống đang bận, vui lòng thử lại.",
                          "The system is busy; please try again.");
}

void RegisterProgrammePages(http::Router& router, Shared& shared) {
  RegisterProgrammeOverview(router, shared);
  RegisterProgrammeUnits(router, shared);
  RegisterProgrammeCampaigns(router, shared);
  RegisterProgrammeExports(router, shared);
  RegisterProgrammePublic(router, shared);
}

}  // namespace binhyen::web::internal

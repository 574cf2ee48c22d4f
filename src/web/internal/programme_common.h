#pragma once

// What the programme console's pages share (programme_*.cc): the services built per request,
// the caller's unit scope, progress rows and the Register functions of each page group.

#include <optional>
#include <string>
#include <vector>

#include "http/router.h"
#include "service/campaigns.h"
#include "service/people.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {

// The services of one request (cheap: references only). `campaigns` is empty when the server
// has no signing key for personal links.
struct ProgrammeServices {
  service::People people;
  std::optional<service::Campaigns> campaigns;
  explicit ProgrammeServices(const WebServices& s);
};

// The units a caller may see (programme admins: all; unit officers: their unit's subtree), or
// nullopt when the units cannot be read.
std::optional<service::People::Scope> CallerScope(Shared& shared, const service::Principal& caller);

// A campaign's progress narrowed to the units of `scope` (totals recomputed).
service::CampaignProgress Narrow(service::CampaignProgress progress,
                                 const service::People::Scope& scope);

// Rows {code, name, recipients, acknowledged, percent, pending, lagging} for a table with a
// <meter> bar per unit; `lag_below` marks units below that percentage.
Data UnitProgressRows(const std::vector<service::UnitProgress>& units, int lag_below);

// "Bản nháp" / "Đang thu xác nhận" / "Đã kết thúc" (and English), and a badge class.
std::string CampaignStatusLabel(const PageContext& context, domain::CampaignStatus status);

// The 503 page when the programme data cannot be read.
http::Response ProgrammeUnavailable(Shared& shared, const PageContext& context);

// Page groups.
void RegisterProgrammeOverview(http::Router& router, Shared& shared);   // programme_overview.cc
void RegisterProgrammeUnits(http::Router& router, Shared& shared);      // programme_units.cc
void RegisterProgrammeCampaigns(http::Router& router, Shared& shared);  // programme_campaigns.cc
void RegisterProgrammeExports(http::Router& router, Shared& shared);    // programme_exports.cc
void RegisterProgrammePublic(http::Router& router, Shared& shared);     // programme_public.cc

}  // namespace binhyen::web::internal

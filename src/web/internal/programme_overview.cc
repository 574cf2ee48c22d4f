// The programme at a glance (/quan-tri/chuong-trinh): the campaigns collecting
// acknowledgements with their completion, and the units that lag furthest behind across them.
// Unit officers see the same narrowed to their own unit.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "web/internal/programme_common.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kView = service::Permission::kPeopleManage;
constexpr size_t kMaxCampaigns = 20;  // the newest open campaigns
constexpr size_t kMaxLagging = 10;
constexpr int kLagBelow = 50;

struct Lag {
  service::UnitProgress unit;
  std::string campaign;
  std::string href;
};

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kView)) return *std::move(refusal);
  ProgrammeServices s(shared.services());
  if (!s.campaigns) return ProgrammeUnavailable(shared, context);
  auto scope = CallerScope(shared, *context.user);
  auto campaigns = s.campaigns->List();
  if (!scope || !campaigns.ok()) return ProgrammeUnavailable(shared, context);
  Data open{Data::type::list};
  std::vector<Lag> lags;
  size_t shown = 0;
  for (const domain::Campaign& c : *campaigns) {
    if (c.status != domain::CampaignStatus::kSent || shown >= kMaxCampaigns) continue;
    auto progress = s.campaigns->Progress(c.id);
    if (!progress.ok()) return ProgrammeUnavailable(shared, context);
    service::CampaignProgress p = Narrow(std::move(*progress), *scope);
    if (p.recipients == 0) continue;
    ++shown;
    const std::string href = "/quan-tri/dot-pho-bien/" + std::to_string(c.id);
    Data row;
    row.set("id", std::to_string(c.id));
    row.set("title", c.title);
    row.set("href", href);
    row.set("percent", std::to_string(p.percent));
    row.set("acknowledged", std::to_string(p.acknowledged));
    row.set("recipients", std::to_string(p.recipients));
    row.set("deadline", TextOrFalse(c.deadline ? FormatVietnamDate(*c.deadline) : ""));
    open.push_back(row);
    for (const service::UnitProgress& u : p.units) {
      if (u.percent < kLagBelow) lags.push_back({u, c.title, href});
    }
  }
  std::stable_sort(lags.begin(), lags.end(),
                   [](const Lag& a, const Lag& b) { return a.unit.percent < b.unit.percent; });
  Data lagging{Data::type::list};
  for (size_t i = 0; i < lags.size() && i < kMaxLagging; ++i) {
    Data row;
    row.set("unit",
            lags[i].unit.unit_name.empty() ? lags[i].unit.unit_code : lags[i].unit.unit_name);
    row.set("code", lags[i].unit.unit_code);
    row.set("campaign", lags[i].campaign);
    row.set("href", lags[i].href);
    row.set("percent", std::to_string(lags[i].unit.percent));
    row.set("pending", std::to_string(lags[i].unit.recipients - lags[i].unit.acknowledged));
    lagging.push_back(row);
  }
  Data data;
  data.set("open", open);
  data.set("has_open", Data(shown > 0));
  data.set("lagging", lagging);
  data.set("has_lagging", Data(!lags.empty()));
  data.set("manage", Data(context.user->Can(service::Permission::kProgrammeManage)));
  return RenderPage(shared.templates(), context, "programme_overview", std::move(data),
                    ConsoleMeta(context, "Chương trình tuyên truyền", "Awareness programme"));
}

}  // namespace

void RegisterProgrammeOverview(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/chuong-trinh",
             [&shared](http::Request& r) { return Show(shared, r); });
}

}  // namespace binhyen::web::internal

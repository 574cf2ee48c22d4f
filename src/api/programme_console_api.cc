// The programme console's additions to the JSON API: adding and editing a person one at a
// time (unit officers within their unit), and closing a campaign.

#include <string>
#include <utility>

#include "api/body_decoders.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "service/campaigns.h"
#include "service/people.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

}  // namespace

// PersonLeaves (left) or PersonReturns (!left): no body; the person as the caller may see them.
http::Response Api::Impl::SetPersonLeft(http::Request& request, const OptionalPrincipal& caller,
                                        bool left) {
  std::optional<int64_t> id = PathId(request);
  if (!id) {
    return Problem(404, "not_found", "no person " + std::string(request.PathParam("id")),
                   "Không tìm thấy người này.");
  }
  service::People people(store, contact_box, clock);
  base::Result<service::PersonView> saved =
      left ? people.MarkLeft(*caller, *id) : people.Restore(*caller, *id);
  if (!saved.ok()) return FromStatus(saved.status(), request);
  return http::Response::Json(200, Dump(PersonJson(*saved)));
}

http::Response Api::Impl::AddPerson(http::Request& request, const OptionalPrincipal& caller) {
  auto body = ReadJsonObject(request, {"unit", "name", "position", "phone", "email"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::PersonInput> input = PersonInputFromJson(std::get<json>(body));
  if (!input.ok()) return FromStatus(input.status(), request);
  service::People people(store, contact_box, clock);
  base::Result<service::PersonView> added = people.Add(*caller, *input);
  if (!added.ok()) return FromStatus(added.status(), request);
  return http::Response::Json(201, Dump(PersonJson(*added)));
}

http::Response Api::Impl::UpdatePerson(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) {
    return Problem(404, "not_found", "no person " + std::string(request.PathParam("id")),
                   "Không tìm thấy người này.");
  }
  auto body = ReadJsonObject(request, {"unit", "name", "position", "phone", "email"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::PersonInput> input = PersonInputFromJson(std::get<json>(body));
  if (!input.ok()) return FromStatus(input.status(), request);
  service::People people(store, contact_box, clock);
  base::Result<service::PersonView> saved = people.Update(*caller, *id, *input);
  if (!saved.ok()) return FromStatus(saved.status(), request);
  return http::Response::Json(200, Dump(PersonJson(*saved)));
}

http::Response Api::Impl::PersonLeaves(http::Request& request, const OptionalPrincipal& caller) {
  return SetPersonLeft(request, caller, true);
}

http::Response Api::Impl::PersonReturns(http::Request& request, const OptionalPrincipal& caller) {
  return SetPersonLeft(request, caller, false);
}

http::Response Api::Impl::CloseCampaign(http::Request& request, const OptionalPrincipal& caller) {
  if (ack_links == nullptr) {
    return Problem(503, "unavailable", "personal links are not configured",
                   "Chưa cấu hình khoá ký đường link cá nhân.");
  }
  std::optional<int64_t> id = PathId(request);
  if (!id) {
    return Problem(404, "not_found", "no campaign " + std::string(request.PathParam("id")),
                   "Không tìm thấy đợt phổ biến.");
  }
  service::Campaigns campaigns(store, contact_box, clock, *ack_links);
  base::Result<service::CampaignProgress> closed = campaigns.Close(*id, *caller);
  if (!closed.ok()) return FromStatus(closed.status(), request);
  return GetCampaign(request, caller);  // the campaign with its (kept) completion
}

}  // namespace binhyen::api

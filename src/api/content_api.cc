// The programme's content: articles (public when published; written, published and unpublished
// by programme admins, who also see drafts) and pledges to the code of conduct (anyone signs;
// programme admins see counts per unit, the list and the personal links).

#include <string>
#include <utility>
#include <vector>

#include "api/body_decoders.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "service/articles.h"
#include "service/pledges.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

constexpr int kDefaultLimit = 20;

json ArticleJson(const domain::Article& a, bool with_body) {
  json audiences = json::array();
  for (domain::Audience x : a.audiences) audiences.push_back(std::string(domain::Name(x)));
  json j = {{"id", a.id},
            {"slug", a.slug},
            {"title", a.title},
            {"summary", a.summary},
            {"category", std::string(domain::Name(a.category))},
            {"audiences", std::move(audiences)},
            {"status", std::string(domain::Name(a.status))},
            {"created_at", TimeJson(a.created_at)},
            {"updated_at", TimeJson(a.updated_at)},
            {"published_at", OptionalTimeJson(a.published_at)}};
  if (with_body) j["body"] = a.body;
  return j;
}

json PledgeJson(const domain::Pledge& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"unit", p.unit_code},
          {"position", p.position},
          {"via", std::string(domain::Name(p.via))},
          {"signed_at", TimeJson(p.signed_at)}};
}

// The limit query parameter (1..100, default 20); InvalidArgument otherwise.
base::Result<int> Limit(const http::Request& request) {
  const std::string_view text = request.Query("limit").value_or("");
  if (text.empty()) return kDefaultLimit;
  int limit = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || limit > 1000) return base::InvalidArgumentError("limit: 1..100");
    limit = limit * 10 + (c - '0');
  }
  if (limit < 1 || limit > 100) return base::InvalidArgumentError("limit: 1..100");
  return limit;
}

// The filter of a list request; InvalidArgument for an unknown category or audience.
base::Result<store::ArticleFilter> FilterFrom(const http::Request& request) {
  store::ArticleFilter filter;
  if (auto c = request.Query("category"); c && !c->empty()) {
    filter.category = domain::ParseArticleCategory(*c);
    if (!filter.category) return base::InvalidArgumentError("category: unknown category");
  }
  if (auto a = request.Query("audience"); a && !a->empty()) {
    filter.audience = domain::ParseAudience(*a);
    if (!filter.audience) return base::InvalidArgumentError("audience: unknown audience");
  }
  return filter;
}

bool CanManage(const OptionalPrincipal& caller) {
  return caller && caller->Can(service::Permission::kProgrammeManage);
}

}  // namespace

http::Response Api::Impl::ListArticles(http::Request& request, const OptionalPrincipal& caller) {
  base::Result<store::ArticleFilter> filter = FilterFrom(request);
  if (!filter.ok()) return FromStatus(filter.status(), request);
  base::Result<int> limit = Limit(request);
  if (!limit.ok()) return FromStatus(limit.status(), request);
  const std::string status(request.Query("status").value_or("published"));
  if (status != "published" && status != "all") {
    return FromStatus(base::InvalidArgumentError("status: must be published or all"), request);
  }
  service::Articles articles(store, clock);
  const store::PageRequest page{*limit, std::string(request.Query("after").value_or(""))};
  base::Result<store::Page<domain::Article>> listed =
      status == "all" ? (caller ? articles.ListAll(*filter, page, *caller)
                                : base::Result<store::Page<domain::Article>>(
                                      base::UnauthenticatedError("status=all: sign in")))
                      : articles.ListPublished(*filter, page);
  if (!listed.ok()) return FromStatus(listed.status(), request);
  json items = json::array();
  for (const domain::Article& a : listed->items) items.push_back(ArticleJson(a, false));
  return http::Response::Json(
      200, Dump({{"items", std::move(items)},
                 {"next", listed->next.empty() ? json(nullptr) : json(listed->next)}}));
}

http::Response Api::Impl::GetArticle(http::Request& request, const OptionalPrincipal& caller) {
  service::Articles articles(store, clock);
  const std::string_view slug = request.PathParam("slug");
  // Programme admins see drafts; everyone else gets 404 for a draft, as for an unknown slug.
  base::Result<domain::Article> a =
      CanManage(caller) ? articles.Get(slug, *caller) : articles.GetPublished(slug);
  if (!a.ok()) return FromStatus(a.status(), request);
  return http::Response::Json(200, Dump(ArticleJson(*a, true)));
}

http::Response Api::Impl::CreateArticle(http::Request& request, const OptionalPrincipal& caller) {
  auto body =
      ReadJsonObject(request, {"slug", "title", "summary", "body", "category", "audiences"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::ArticleDraft> draft = ArticleDraftFromJson(std::get<json>(body));
  if (!draft.ok()) return FromStatus(draft.status(), request);
  service::Articles articles(store, clock);
  base::Result<domain::Article> created = articles.Create(*draft, *caller);
  if (!created.ok()) return FromStatus(created.status(), request);
  http::Response r = http::Response::Json(201, Dump(ArticleJson(*created, true)));
  r.headers.Set("Location", "/api/v1/articles/" + created->slug);
  return r;
}

http::Response Api::Impl::UpdateArticle(http::Request& request, const OptionalPrincipal& caller) {
  auto body =
      ReadJsonObject(request, {"slug", "title", "summary", "body", "category", "audiences"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::ArticleDraft> draft = ArticleDraftFromJson(std::get<json>(body));
  if (!draft.ok()) return FromStatus(draft.status(), request);
  service::Articles articles(store, clock);
  base::Result<domain::Article> updated =
      articles.Update(request.PathParam("slug"), *draft, *caller);
  if (!updated.ok()) return FromStatus(updated.status(), request);
  return http::Response::Json(200, Dump(ArticleJson(*updated, true)));
}

http::Response Api::Impl::PublishArticle(http::Request& request, const OptionalPrincipal& caller) {
  service::Articles articles(store, clock);
  base::Result<domain::Article> a = articles.Publish(request.PathParam("slug"), *caller);
  if (!a.ok()) return FromStatus(a.status(), request);
  return http::Response::Json(200, Dump(ArticleJson(*a, true)));
}

http::Response Api::Impl::UnpublishArticle(http::Request& request,
                                           const OptionalPrincipal& caller) {
  service::Articles articles(store, clock);
  base::Result<domain::Article> a = articles.Unpublish(request.PathParam("slug"), *caller);
  if (!a.ok()) return FromStatus(a.status(), request);
  return http::Response::Json(200, Dump(ArticleJson(*a, true)));
}

http::Response Api::Impl::CurrentPledge(http::Request& request, const OptionalPrincipal&) {
  service::Pledges pledges(store, clock, nullptr);
  auto current = pledges.Current();
  if (!current.ok()) return FromStatus(current.status(), request);
  return http::Response::Json(200, Dump({{"code_of_conduct", ArticleJson(current->first, true)},
                                         {"pledges", current->second}}));
}

http::Response Api::Impl::SignPledge(http::Request& request, const OptionalPrincipal&) {
  if (auto refused = RateLimit(dispute_limiter, "pledges", request)) return *refused;
  auto body = ReadJsonObject(request, {"name", "unit", "position"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::PledgeForm> form = PledgeFormFromJson(std::get<json>(body));
  if (!form.ok()) return FromStatus(form.status(), request);
  service::Pledges pledges(store, clock, nullptr);
  base::Result<domain::Pledge> signed_pledge = pledges.Sign(*form);
  if (!signed_pledge.ok()) return FromStatus(signed_pledge.status(), request);
  return http::Response::Json(201, Dump(PledgeJson(*signed_pledge)));
}

http::Response Api::Impl::ListPledges(http::Request& request, const OptionalPrincipal& caller) {
  base::Result<int> limit = Limit(request);
  if (!limit.ok()) return FromStatus(limit.status(), request);
  service::Pledges pledges(store, clock, nullptr);
  auto summary = pledges.Summary(*caller);
  if (!summary.ok()) return FromStatus(summary.status(), request);
  auto page = pledges.List(
      store::PageRequest{*limit, std::string(request.Query("after").value_or(""))}, *caller);
  if (!page.ok()) return FromStatus(page.status(), request);
  json units = json::array();
  for (const service::UnitPledges& u : summary->units) {
    units.push_back({{"unit", u.unit_code},
                     {"unit_name", u.unit_name},
                     {"depth", u.depth},
                     {"direct", u.direct},
                     {"total", u.total}});
  }
  json items = json::array();
  for (const domain::Pledge& p : page->items) items.push_back(PledgeJson(p));
  return http::Response::Json(
      200, Dump({{"code_of_conduct", summary->code.slug},
                 {"total", summary->total},
                 {"units", std::move(units)},
                 {"items", std::move(items)},
                 {"next", page->next.empty() ? json(nullptr) : json(page->next)}}));
}

http::Response Api::Impl::PledgeLinks(http::Request& request, const OptionalPrincipal& caller) {
  if (ack_links == nullptr) {
    return Problem(503, "unavailable", "personal links are not configured",
                   "Chưa cấu hình khóa ký đường link cá nhân.");
  }
  const service::PledgeLinks links(*ack_links);
  service::Pledges pledges(store, clock, &links);
  auto listed = pledges.Links(request.Query("unit").value_or(""), *caller);
  if (!listed.ok()) return FromStatus(listed.status(), request);
  std::string base = options.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  json items = json::array();
  for (const service::PersonalPledgeLink& l : *listed) {
    items.push_back({{"person_id", l.person_id},
                     {"name", l.name},
                     {"unit", l.unit_code},
                     {"url", base + l.path},
                     {"signed", l.signed_current}});
  }
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

}  // namespace binhyen::api

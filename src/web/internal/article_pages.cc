// The programme's public content pages: articles (/bai-viet, filtered by category and audience,
// paginated; /bai-viet/{slug} with share and print), and the code of conduct with its pledge
// (/quy-tac-ung-xu: the text, a form to sign it without an account, a thank-you page with the
// count; /quy-tac-ung-xu/ky/{token}: a known person's personal link). Drafts are never shown
// here. The pledge forms carry the public double-submit CSRF token and are rate limited.
#include "web/internal/article_pages.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "base/strings.h"
#include "domain/person.h"
#include "http/form.h"
#include "render/markdown.h"
#include "service/articles.h"
#include "service/pledges.h"

namespace binhyen::web::internal {
namespace {

constexpr int kArticlePageSize = 12;

http::Response Unavailable(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 503, "Tạm thời chưa xem được", "Try again later",
                          "Vui lòng thử lại sau ít phút.", "Please try again in a few minutes.");
}

http::Response NotFoundPage(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không tìm thấy bài viết", "Article not found",
                          "Bài viết này không có hoặc đã được gỡ xuống.",
                          "This article does not exist or was taken down.");
}

std::string Query(std::string_view category, std::string_view audience, std::string_view after) {
  std::string q;
  auto add = [&q](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    q += (q.empty() ? "?" : "&") + std::string(key) + "=" + http::UrlEncode(value);
  };
  add("category", category);
  add("audience", audience);
  add("after", after);
  return q;
}

Data ArticleItem(const PageContext& context, const domain::Article& a) {
  Data item;
  item.set("href", "/bai-viet/" + a.slug);
  item.set("title", a.title);
  item.set("summary", a.summary);
  item.set("category", std::string(service::CategoryLabel(a.category, context.vi())));
  item.set("audiences", AudienceList(context, a.audiences));
  if (a.published_at) item.set("date", FormatVietnamDate(*a.published_at));
  return item;
}

http::Response ListPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  const std::string category(request.Query("category").value_or(""));
  const std::string audience(request.Query("audience").value_or(""));
  store::ArticleFilter filter;
  filter.category = domain::ParseArticleCategory(category);
  filter.audience = domain::ParseAudience(audience);
  service::Articles articles(shared.services().store, shared.services().clock);
  auto page = articles.ListPublished(
      filter,
      store::PageRequest{kArticlePageSize, std::string(request.Query("after").value_or(""))});
  if (!page.ok() && page.status().code() == base::StatusCode::kInvalidArgument) {
    page = articles.ListPublished(filter, store::PageRequest{kArticlePageSize, ""});
  }
  if (!page.ok()) return Unavailable(shared, context);
  Data data;
  data.set("categories", ArticleCategoryOptions(context, filter.category ? category : ""));
  data.set("audiences", AudienceOptions(context, {filter.audience ? audience : ""}));
  Data items{Data::type::list};
  for (const domain::Article& a : page->items) items.push_back(ArticleItem(context, a));
  data.set("has_items", Data(!page->items.empty()));
  data.set("items", items);
  data.set("filtered", Data(filter.category.has_value() || filter.audience.has_value()));
  if (!page->next.empty()) {
    data.set("more_href", "/bai-viet" + Query(filter.category ? category : "",
                                              filter.audience ? audience : "", page->next));
  }
  PageMeta meta;
  meta.title = context.Pick("Bài viết tuyên truyền", "Articles");
  meta.description =
      context.Pick("Cảnh báo lừa đảo, pháp luật và hướng dẫn an toàn trên mạng cho mọi người.",
                   "Scam alerts, the law and online safety guidance for everyone.");
  return RenderPage(shared.templates(), context, "articles", std::move(data), meta);
}

http::Response ArticlePage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  service::Articles articles(shared.services().store, shared.services().clock);
  base::Result<domain::Article> a = articles.GetPublished(request.PathParam("slug"));
  if (!a.ok()) {
    return a.status().code() == base::StatusCode::kNotFound ? NotFoundPage(shared, context)
                                                            : Unavailable(shared, context);
  }
  const std::string page_url = shared.PublicUrl(request) + "/bai-viet/" + a->slug;
  Data data = ArticleItem(context, *a);
  data.set("body_html", render::MarkdownToHtml(a->body, 1));
  data.set("page_url", page_url);
  data.set("facebook_href",
           "https://www.facebook.com/sharer/sharer.php?u=" + http::UrlEncode(page_url));
  data.set("code_of_conduct", Data(a->category == domain::ArticleCategory::kCodeOfConduct));
  PageMeta meta;
  meta.title = a->title;
  meta.description = a->summary;
  meta.og_type = "article";
  meta.canonical_url = page_url;
  return RenderPage(shared.templates(), context, "article", std::move(data), meta);
}

// ---------------------------------------------------------------------------------------------
// The code of conduct and its pledge

struct PledgeInput {
  std::string name;
  std::string unit_code;
  std::string position;
};

Data UnitOptions(Shared& shared, std::string_view selected) {
  Data list{Data::type::list};
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return list;
  auto units = (*tx)->Units().List();
  if (!units.ok()) return list;
  std::sort(units->begin(), units->end(),
            [](const domain::Unit& a, const domain::Unit& b) { return a.name < b.name; });
  for (const domain::Unit& u : *units) {
    Data item;
    item.set("value", u.code);
    item.set("label", u.name);
    item.set("selected", Data(u.code == selected));
    list.push_back(item);
  }
  return list;
}

http::Response PledgePage(Shared& shared, const http::Request& request, PageContext& context,
                          const PledgeInput& input, const std::vector<FieldMessage>& errors,
                          int status, bool form_expired) {
  service::Pledges pledges(shared.services().store, shared.services().clock, nullptr);
  auto current = pledges.Current();
  if (!current.ok()) {
    if (current.status().code() != base::StatusCode::kNotFound) {
      return Unavailable(shared, context);
    }
    return shared.ErrorPage(context, 404, "Chưa có quy tắc ứng xử", "No code of conduct yet",
                            "Bộ quy tắc ứng xử trên mạng xã hội chưa được đăng. Vui lòng quay "
                            "lại sau.",
                            "The code of conduct has not been published yet. Please come back "
                            "later.");
  }
  shared.IssueFormToken(request, context);
  Data data;
  AddFieldErrors(data, errors);
  data.set("title", current->first.title);
  data.set("summary", current->first.summary);
  data.set("body_html", render::MarkdownToHtml(current->first.body, 1));
  data.set("count", std::to_string(current->second));
  data.set("name", input.name);
  data.set("position", input.position);
  data.set("units", UnitOptions(shared, input.unit_code));
  data.set("form_expired", Data(form_expired));
  PageMeta meta;
  meta.title = current->first.title;
  meta.description = current->first.summary;
  meta.status = status;
  return RenderPage(shared.templates(), context, "pledge", std::move(data), meta);
}

http::Response ShowPledge(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  return PledgePage(shared, request, context, {}, {}, 200, false);
}

http::Response SubmitPledge(Shared& shared, http::RateLimiter& limiter,
                            const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refused = shared.RateLimit(limiter, request, context)) return *refused;
  const FormData form = ReadForm(request);
  PledgeInput input{std::string(form.Field("name")), std::string(form.Field("unit_code")),
                    std::string(form.Field("position"))};
  if (form.malformed || !shared.FormTokenValid(request, form)) {
    return PledgePage(shared, request, context, input, {}, 403, true);
  }
  service::Pledges pledges(shared.services().store, shared.services().clock, nullptr);
  base::Result<domain::Pledge> signed_pledge =
      pledges.Sign(service::PledgeForm{input.name, input.unit_code, input.position});
  if (signed_pledge.status().code() == base::StatusCode::kInvalidArgument) {
    return PledgePage(shared, request, context, input, ContentFieldMessages(signed_pledge.status()),
                      400, false);
  }
  if (!signed_pledge.ok()) return Unavailable(shared, context);
  return http::Response::Redirect(303, "/quy-tac-ung-xu/cam-on");
}

http::Response ThanksPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  service::Pledges pledges(shared.services().store, shared.services().clock, nullptr);
  auto current = pledges.Current();
  if (!current.ok()) return Unavailable(shared, context);
  Data data;
  data.set("count", std::to_string(current->second));
  data.set("title", current->first.title);
  PageMeta meta;
  meta.title = context.Pick("Cảm ơn bạn đã cam kết", "Thank you for your pledge");
  return RenderPage(shared.templates(), context, "pledge_thanks", std::move(data), meta);
}

// A personal link: tampered (400), expired (410), unknown person or no code (404).
http::Response LinkRefused(Shared& shared, const PageContext& context, const base::Status& s) {
  if (domain::IsPersonLeft(s)) return shared.PersonLeftPage(context);
  switch (s.code()) {
    case base::StatusCode::kInvalidArgument:
      return shared.ErrorPage(context, 400, "Đường link không hợp lệ", "This link is not valid",
                              "Đường link ký cam kết bị sai hoặc không đầy đủ. Bạn vẫn có thể ký "
                              "tại trang Quy tắc ứng xử.",
                              "The link is wrong or incomplete. You can still sign on the code "
                              "of conduct page.");
    case base::StatusCode::kFailedPrecondition:
      return shared.ErrorPage(context, 410, "Đường link đã hết hạn", "This link has expired",
                              "Bạn vẫn có thể ký tại trang Quy tắc ứng xử.",
                              "You can still sign on the code of conduct page.");
    case base::StatusCode::kNotFound:
      return shared.ErrorPage(context, 404, "Không tìm thấy", "Not found",
                              "Người được gửi đường link này hoặc bộ quy tắc không còn nữa.",
                              "The person of this link or the code of conduct no longer exists.");
    default: return Unavailable(shared, context);
  }
}

http::Response LinkPage(Shared& shared, const http::Request& request, bool sign) {
  PageContext context = shared.Context(request);
  const service::AckLinks* ack = shared.services().ack_links;
  if (ack == nullptr) return Unavailable(shared, context);
  const service::PledgeLinks links(*ack);
  service::Pledges pledges(shared.services().store, shared.services().clock, &links);
  const std::string_view token = request.PathParam("token");
  bool form_expired = false;
  bool thanks = false;
  if (sign) {
    const FormData form = ReadForm(request);
    if (form.malformed || !shared.FormTokenValid(request, form)) {
      form_expired = true;
    } else {
      auto done = pledges.SignByLink(token);
      if (!done.ok()) return LinkRefused(shared, context, done.status());
      thanks = true;
    }
  }
  auto page = pledges.ForLink(token);
  if (!page.ok()) return LinkRefused(shared, context, page.status());
  shared.IssueFormToken(request, context);
  Data data;
  data.set("title", page->code.title);
  data.set("body_html", render::MarkdownToHtml(page->code.body, 1));
  data.set("person_name", page->person_name);
  data.set("unit_name", page->unit_name);
  data.set("action", std::string(request.path));
  data.set("signed", Data(page->pledge.has_value()));
  if (page->pledge) data.set("signed_at", FormatVietnamDate(page->pledge->signed_at, true));
  data.set("thanks", Data(thanks));
  data.set("form_expired", Data(form_expired));
  PageMeta meta;
  meta.title = page->code.title;
  meta.status = form_expired ? 403 : 200;
  http::Response r = RenderPage(shared.templates(), context, "pledge_link", std::move(data), meta);
  // The token in the address is the key to this page: never cached, never sent as a referrer.
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("Referrer-Policy", "no-referrer");
  r.headers.Set("X-Robots-Tag", "noindex");
  return r;
}

}  // namespace

void RegisterArticlePages(http::Router& router, Shared& shared) {
  // Signing is public: limited per address like the dispute form (by default 10 a minute,
  // bursts of 20, enough for a class signing together from one school network).
  auto limiter = std::make_shared<http::RateLimiter>(
      shared.services().clock, shared.options().dispute_limit,
      http::RateLimiter::Sharing{shared.options().rate_limit_sync, "web.pledge"});
  router.Add(http::Method::kGet, "/bai-viet",
             [&shared](http::Request& r) { return ListPage(shared, r); });
  router.Add(http::Method::kGet, "/bai-viet/{slug}",
             [&shared](http::Request& r) { return ArticlePage(shared, r); });
  router.Add(http::Method::kGet, "/quy-tac-ung-xu",
             [&shared](http::Request& r) { return ShowPledge(shared, r); });
  router.Add(http::Method::kPost, "/quy-tac-ung-xu",
             [&shared, limiter](http::Request& r) { return SubmitPledge(shared, *limiter, r); });
  router.Add(http::Method::kGet, "/quy-tac-ung-xu/cam-on",
             [&shared](http::Request& r) { return ThanksPage(shared, r); });
  router.Add(http::Method::kGet, "/quy-tac-ung-xu/ky/{token}",
             [&shared](http::Request& r) { return LinkPage(shared, r, false); });
  router.Add(http::Method::kPost, "/quy-tac-ung-xu/ky/{token}",
             [&shared](http::Request& r) { return LinkPage(shared, r, true); });
  RegisterConsoleArticles(router, shared);
}

}  // namespace binhyen::web::internal

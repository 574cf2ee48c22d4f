// The programme's content in the console, for programme admins (programme:manage): articles
// with their drafts (/quan-tri/bai-viet), writing one with a preview (/quan-tri/bai-viet/moi),
// editing, publishing and unpublishing it (/quan-tri/bai-viet/{slug}), and the pledges to the
// code of conduct per unit of the tree with the latest signatures (/quan-tri/cam-ket).
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/form.h"
#include "render/markdown.h"
#include "service/articles.h"
#include "service/pledges.h"
#include "web/internal/article_pages.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kManage = service::Permission::kProgrammeManage;
constexpr int kConsolePageSize = 50;

constexpr ConsoleMessage kArticleMessages[] = {
    {"created", "Đã lưu bản nháp.", "The draft was saved."},
    {"saved", "Đã lưu thay đổi.", "The changes were saved."},
    {"published", "Đã đăng công khai.", "Published."},
    {"unpublished", "Đã gỡ khỏi trang công khai (thành bản nháp).", "Unpublished (a draft again)."},
};

http::Response Busy(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 503, "Chưa đọc được dữ liệu", "The data cannot be read",
                          "Hệ thống đang bận, vui lòng thử lại.",
                          "The system is busy; please try again.");
}

service::ArticleDraft DraftFromForm(const FormData& form) {
  service::ArticleDraft d;
  d.slug = form.Field("slug");
  d.title = form.Field("title");
  d.summary = form.Field("summary");
  d.body = form.Field("body");
  d.category = form.Field("category");
  for (const auto& [name, value] : form.fields) {
    if (name == "audiences") d.audiences.push_back(value);
  }
  return d;
}

service::ArticleDraft DraftFromArticle(const domain::Article& a) {
  service::ArticleDraft d{a.slug, a.title, a.summary, a.body, std::string(domain::Name(a.category)),
                          {}};
  for (domain::Audience x : a.audiences) d.audiences.emplace_back(domain::Name(x));
  return d;
}

// The edit form: new (`existing` null) or article `existing`; `preview` shows the body rendered.
http::Response FormPage(Shared& shared, const http::Request& request, PageContext& context,
                        const service::ArticleDraft& d, const domain::Article* existing,
                        const std::vector<FieldMessage>& errors, int status, bool preview) {
  Data data;
  AddFieldErrors(data, errors);
  data.set("is_new", Data(existing == nullptr));
  data.set("action", existing ? "/quan-tri/bai-viet/" + existing->slug
                              : std::string("/quan-tri/bai-viet/moi"));
  data.set("slug", d.slug);
  data.set("title", d.title);
  data.set("summary", d.summary);
  data.set("body", d.body);
  data.set("categories", ArticleCategoryOptions(context, d.category));
  data.set("audiences", AudienceOptions(context, d.audiences));
  data.set("csrf_token", context.csrf_token);
  if (preview) data.set("preview_html", render::MarkdownToHtml(d.body, 1));
  if (existing) {
    data.set("current_slug", existing->slug);
    data.set("published", Data(existing->status == domain::ArticleStatus::kPublished));
    data.set("public_href", "/bai-viet/" + existing->slug);
  }
  AddConsoleNotices(data, request, context, kArticleMessages);
  PageMeta meta = existing ? ConsoleMeta(context, "Sửa bài viết", "Edit an article", status)
                           : ConsoleMeta(context, "Viết bài mới", "New article", status);
  return RenderPage(shared.templates(), context, "console_article", std::move(data), meta);
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  service::Articles articles(shared.services().store, shared.services().clock);
  auto page = articles.ListAll(
      {}, store::PageRequest{kConsolePageSize, std::string(request.Query("after").value_or(""))},
      *context.user);
  if (!page.ok() && page.status().code() == base::StatusCode::kInvalidArgument) {
    // A garbled or hand-made `after` cursor: the first page, not "the system is busy" (503).
    page = articles.ListAll({}, store::PageRequest{kConsolePageSize, ""}, *context.user);
  }
  if (!page.ok()) return Busy(shared, context);
  Data rows{Data::type::list};
  for (const domain::Article& a : page->items) {
    Data row;
    row.set("href", "/quan-tri/bai-viet/" + a.slug);
    row.set("title", a.title);
    row.set("category", std::string(service::CategoryLabel(a.category, context.vi())));
    row.set("audiences", AudienceList(context, a.audiences));
    row.set("published", Data(a.status == domain::ArticleStatus::kPublished));
    row.set("updated", FormatVietnamDate(a.updated_at, true));
    rows.push_back(row);
  }
  Data data;
  if (!page->next.empty()) {
    data.set("next_href", "/quan-tri/bai-viet?after=" + http::UrlEncode(page->next));
  }
  data.set("has_rows", Data(!rows.is_empty_list()));
  data.set("rows", rows);
  AddConsoleNotices(data, request, context, kArticleMessages);
  return RenderPage(shared.templates(), context, "console_articles", std::move(data),
                    ConsoleMeta(context, "Bài viết", "Articles"));
}

http::Response New(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  service::ArticleDraft d;
  d.category = "guidance";
  return FormPage(shared, request, context, d, nullptr, {}, 200, false);
}

// POST of the form, new (`slug` empty) or an edit: preview, or save.
http::Response Save(Shared& shared, const http::Request& request, std::string_view slug) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  service::Articles articles(shared.services().store, shared.services().clock);
  std::optional<domain::Article> existing;
  if (!slug.empty()) {
    auto loaded = articles.Get(slug, *context.user);
    if (!loaded.ok()) {
      return shared.ErrorPage(context, 404, "Không tìm thấy bài viết", "Article not found", "", "");
    }
    existing = std::move(loaded).value();
  }
  const domain::Article* current = existing ? &*existing : nullptr;
  const service::ArticleDraft d = DraftFromForm(post.form);
  if (post.form.Checked("preview")) {
    return FormPage(shared, request, context, d, current, {}, 200, true);
  }
  base::Result<domain::Article> saved =
      existing ? articles.Update(slug, d, *context.user) : articles.Create(d, *context.user);
  if (saved.status().code() == base::StatusCode::kInvalidArgument ||
      saved.status().code() == base::StatusCode::kAlreadyExists) {
    return FormPage(shared, request, context, d, current, ContentFieldMessages(saved.status()), 400,
                    false);
  }
  if (!saved.ok()) return Busy(shared, context);
  return RedirectWithNotice("/quan-tri/bai-viet/" + saved->slug, existing ? "saved" : "created");
}

http::Response Edit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  service::Articles articles(shared.services().store, shared.services().clock);
  auto a = articles.Get(request.PathParam("slug"), *context.user);
  if (!a.ok()) {
    if (a.status().code() != base::StatusCode::kNotFound) return Busy(shared, context);
    return shared.ErrorPage(context, 404, "Không tìm thấy bài viết", "Article not found", "", "");
  }
  return FormPage(shared, request, context, DraftFromArticle(*a), &*a, {}, 200, false);
}

http::Response SetStatus(Shared& shared, const http::Request& request, bool publish) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  service::Articles articles(shared.services().store, shared.services().clock);
  const std::string_view slug = request.PathParam("slug");
  auto done =
      publish ? articles.Publish(slug, *context.user) : articles.Unpublish(slug, *context.user);
  if (!done.ok()) {
    if (done.status().code() != base::StatusCode::kNotFound) return Busy(shared, context);
    return shared.ErrorPage(context, 404, "Không tìm thấy bài viết", "Article not found", "", "");
  }
  return RedirectWithNotice("/quan-tri/bai-viet/" + done->slug,
                            publish ? "published" : "unpublished");
}

// ---------------------------------------------------------------------------------------------
// Pledges

http::Response PledgesPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  service::Pledges pledges(shared.services().store, shared.services().clock, nullptr);
  auto summary = pledges.Summary(*context.user);
  Data data;
  if (summary.status().code() == base::StatusCode::kNotFound) {
    data.set("no_code", Data(true));
    return RenderPage(shared.templates(), context, "console_pledges", std::move(data),
                      ConsoleMeta(context, "Cam kết", "Pledges"));
  }
  auto page = pledges.List(
      store::PageRequest{kConsolePageSize, std::string(request.Query("after").value_or(""))},
      *context.user);
  if (!page.ok() && page.status().code() == base::StatusCode::kInvalidArgument) {
    page = pledges.List(store::PageRequest{kConsolePageSize, ""}, *context.user);
  }
  if (!summary.ok() || !page.ok()) return Busy(shared, context);
  data.set("title", summary->code.title);
  data.set("code_href", "/quan-tri/bai-viet/" + summary->code.slug);
  data.set("total", std::to_string(summary->total));
  Data units{Data::type::list};
  std::map<std::string, std::string, std::less<>> unit_names;
  for (const service::UnitPledges& u : summary->units) {
    unit_names[u.unit_code] = u.unit_name;
    Data row;
    row.set("name", u.unit_name);
    row.set("code", u.unit_code);
    row.set("indent", "depth-" + std::to_string(std::min(u.depth, 4)));
    row.set("direct", std::to_string(u.direct));
    row.set("total", std::to_string(u.total));
    row.set("none", Data(u.total == 0));
    units.push_back(row);
  }
  data.set("units", units);
  Data rows{Data::type::list};
  for (const domain::Pledge& p : page->items) {
    Data row;
    row.set("name", p.name);
    row.set("position", p.position);
    auto name = unit_names.find(p.unit_code);
    row.set("unit", name == unit_names.end() ? p.unit_code : name->second);
    row.set("via_link", Data(p.via == domain::PledgeVia::kLink));
    row.set("signed_at", FormatVietnamDate(p.signed_at, true));
    rows.push_back(row);
  }
  data.set("has_rows", Data(!rows.is_empty_list()));
  data.set("rows", rows);
  if (!page->next.empty()) {
    data.set("next_href", "/quan-tri/cam-ket?after=" + http::UrlEncode(page->next));
  }
  return RenderPage(
      shared.templates(), context, "console_pledges", std::move(data),
      ConsoleMeta(context, "Cam kết thực hiện quy tắc ứng xử", "Pledges to the code of conduct"));
}

}  // namespace

void RegisterConsoleArticles(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/bai-viet",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/bai-viet/moi",
             [&shared](http::Request& r) { return New(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/bai-viet/moi",
             [&shared](http::Request& r) { return Save(shared, r, ""); });
  router.Add(http::Method::kGet, "/quan-tri/bai-viet/{slug}",
             [&shared](http::Request& r) { return Edit(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/bai-viet/{slug}",
             [&shared](http::Request& r) { return Save(shared, r, r.PathParam("slug")); });
  router.Add(http::Method::kPost, "/quan-tri/bai-viet/{slug}/dang",
             [&shared](http::Request& r) { return SetStatus(shared, r, true); });
  router.Add(http::Method::kPost, "/quan-tri/bai-viet/{slug}/go",
             [&shared](http::Request& r) { return SetStatus(shared, r, false); });
  router.Add(http::Method::kGet, "/quan-tri/cam-ket",
             [&shared](http::Request& r) { return PledgesPage(shared, r); });
}

}  // namespace binhyen::web::internal

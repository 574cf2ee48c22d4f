// The public page of a guidance campaign (/dot-pho-bien/{id}): the document, how many of its
// recipients have read it, and how to confirm: scan one's QR code, open one's personal link, or
// type the personal code printed under the QR code here (which leads to the personal page).
// Drafts do not exist for the public (404). The code form carries the public double-submit
// CSRF token and is rate limited per client (a code is 40 bits; guessing stays hopeless).

#include <string>
#include <utility>

#include "render/markdown.h"
#include "web/internal/programme_common.h"

namespace binhyen::web::internal {
namespace {

http::Response NoCampaign(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không tìm thấy đợt phổ biến", "Campaign not found",
                          "Đợt phổ biến này không tồn tại hoặc chưa được gửi.",
                          "This campaign does not exist or has not been sent.");
}

http::Response Page(Shared& shared, const http::Request& request, PageContext& context,
                    const std::string& code, bool code_wrong, bool form_expired) {
  ProgrammeServices s(shared.services());
  if (!s.campaigns) return ProgrammeUnavailable(shared, context);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NoCampaign(shared, context);
  auto progress = s.campaigns->Progress(*id);
  if (!progress.ok()) {
    if (progress.status().code() == base::StatusCode::kNotFound) {
      return NoCampaign(shared, context);
    }
    return ProgrammeUnavailable(shared, context);
  }
  const domain::Campaign& c = progress->campaign;
  if (c.status == domain::CampaignStatus::kDraft) return NoCampaign(shared, context);
  shared.IssueFormToken(request, context);
  Data data;
  data.set("title", c.title);
  data.set("body_html", render::MarkdownToHtml(c.body, 1));
  data.set("sent", TextOrFalse(c.sent_at ? FormatVietnamDate(*c.sent_at) : ""));
  data.set("deadline", TextOrFalse(c.deadline ? FormatVietnamDate(*c.deadline) : ""));
  data.set("closed", Data(c.status == domain::CampaignStatus::kClosed));
  data.set("recipients", std::to_string(progress->recipients));
  data.set("acknowledged", std::to_string(progress->acknowledged));
  data.set("percent", std::to_string(progress->percent));
  data.set("action", std::string(request.path));
  data.set("code", code);
  data.set("code_wrong", Data(code_wrong));
  data.set("form_expired", Data(form_expired));
  data.set("csrf_token", context.csrf_token);
  PageMeta meta;
  meta.title = c.title;
  meta.description = render::MarkdownToText(c.body, 200);
  meta.status = code_wrong ? 422 : form_expired ? 403 : 200;
  return RenderPage(shared.templates(), context, "programme_public", std::move(data), meta);
}

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  return Page(shared, request, context, "", false, false);
}

http::Response EnterCode(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto limited = shared.RateLimit(shared.dispute_limiter(), request, context)) {
    return *std::move(limited);
  }
  const FormData form = ReadForm(request);
  const std::string code(form.Field("code"));
  if (form.malformed || !shared.FormTokenValid(request, form)) {
    return Page(shared, request, context, code, false, true);
  }
  ProgrammeServices s(shared.services());
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!s.campaigns || !id) return Page(shared, request, context, code, false, false);
  base::Result<std::string> path = s.campaigns->PathForCode(*id, code);
  if (path.ok()) return http::Response::Redirect(303, *path);
  if (path.status().code() == base::StatusCode::kUnavailable ||
      path.status().code() == base::StatusCode::kInternal) {
    return ProgrammeUnavailable(shared, context);
  }
  return Page(shared, request, context, code, true, false);
}

}  // namespace

void RegisterProgrammePublic(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/dot-pho-bien/{id}",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/dot-pho-bien/{id}",
             [&shared](http::Request& r) { return EnterCode(shared, r); });
}

}  // namespace binhyen::web::internal

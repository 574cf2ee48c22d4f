// The page behind a campaign's personal link (/xac-nhan/{token}): the guidance document and a
// button to acknowledge having read it, for people without an account. The token is the only
// key (signed and expiring, service/ack_links.h); the form carries the public double-submit
// CSRF token like the report form.

#include <string>
#include <utility>

#include "domain/person.h"
#include "render/markdown.h"
#include "service/campaigns.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {
namespace {

// The answer when the link cannot be used: tampered (400), expired or of a person who left
// their unit (410), not ours any more
// (404), or the service is down.
http::Response LinkRefused(Shared& shared, const PageContext& context, const base::Status& s) {
  if (domain::IsPersonLeft(s)) return shared.PersonLeftPage(context);
  switch (s.code()) {
    case base::StatusCode::kInvalidArgument:
      return shared.ErrorPage(context, 400, "Đường link không hợp lệ", "This link is not valid",
                              "Đường link xác nhận bị sai hoặc không đầy đủ. Hãy mở lại đúng "
                              "đường link (hoặc quét lại mã QR) mà đơn vị đã gửi cho bạn.",
                              "The link is wrong or incomplete. Open the exact link (or scan the "
                              "QR code) your unit sent you.");
    case base::StatusCode::kFailedPrecondition:
      return shared.ErrorPage(context, 410, "Đường link đã hết hạn", "This link has expired",
                              "Thời hạn xác nhận qua đường link này đã qua. Hãy liên hệ cán bộ "
                              "đơn vị để được gửi lại.",
                              "The time to acknowledge through this link is over. Ask your "
                              "unit's officer for a new one.");
    case base::StatusCode::kNotFound:
      return shared.ErrorPage(context, 404, "Không tìm thấy tài liệu", "Document not found",
                              "Tài liệu của đường link này không còn hoặc không gửi cho bạn.",
                              "The document of this link no longer exists or was not sent to "
                              "you.");
    default:
      return shared.ErrorPage(context, 503, "Tạm thời chưa xử lý được", "Temporarily unavailable",
                              "Vui lòng thử lại sau ít phút.",
                              "Please try again in a few minutes.");
  }
}

http::Response Render(Shared& shared, const http::Request& request, PageContext& context,
                      const service::AckPage& page, bool thanks, bool form_expired) {
  shared.IssueFormToken(request, context);
  Data data;
  data.set("title", page.campaign.title);
  data.set("body_html", render::MarkdownToHtml(page.campaign.body, 1));
  data.set("person_name", page.person_name);
  data.set("action", std::string(request.path));
  if (page.campaign.sent_at) data.set("sent", FormatVietnamDate(*page.campaign.sent_at));
  if (page.campaign.deadline) data.set("deadline", FormatVietnamDate(*page.campaign.deadline));
  data.set("acknowledged", Data(page.acknowledgement.has_value()));
  data.set("closed", Data(page.campaign.status == domain::CampaignStatus::kClosed));
  if (page.acknowledgement) {
    data.set("acknowledged_at", FormatVietnamDate(page.acknowledgement->acknowledged_at, true));
  }
  data.set("thanks", Data(thanks));
  data.set("form_expired", Data(form_expired));
  PageMeta meta;
  meta.title = page.campaign.title;
  meta.status = form_expired ? 403 : 200;
  http::Response r = RenderPage(shared.templates(), context, "ack", std::move(data), meta);
  // The token in the address is the key to this page: never cached, never sent on as a referrer.
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("Referrer-Policy", "no-referrer");
  r.headers.Set("X-Robots-Tag", "noindex");
  return r;
}

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  const service::AckLinks* links = shared.services().ack_links;
  if (links == nullptr) return LinkRefused(shared, context, base::UnavailableError("no key"));
  service::Campaigns campaigns(shared.services().store, shared.services().contact_box,
                               shared.services().clock, *links);
  base::Result<service::AckPage> page = campaigns.Open(request.PathParam("token"));
  if (!page.ok()) return LinkRefused(shared, context, page.status());
  return Render(shared, request, context, *page, false, false);
}

http::Response Acknowledge(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  const service::AckLinks* links = shared.services().ack_links;
  if (links == nullptr) return LinkRefused(shared, context, base::UnavailableError("no key"));
  service::Campaigns campaigns(shared.services().store, shared.services().contact_box,
                               shared.services().clock, *links);
  const std::string_view token = request.PathParam("token");
  const FormData form = ReadForm(request);
  if (form.malformed || !shared.FormTokenValid(request, form)) {
    base::Result<service::AckPage> page = campaigns.Open(token);
    if (!page.ok()) return LinkRefused(shared, context, page.status());
    return Render(shared, request, context, *page, false, true);
  }
  base::Result<domain::Acknowledgement> ack = campaigns.Acknowledge(token);
  if (!ack.ok() && ack.status().code() == base::StatusCode::kFailedPrecondition) {
    // A closed campaign (or an expired link): the page says which, with the document.
    base::Result<service::AckPage> page = campaigns.Open(token);
    if (page.ok()) return Render(shared, request, context, *page, false, false);
  }
  if (!ack.ok()) return LinkRefused(shared, context, ack.status());
  base::Result<service::AckPage> page = campaigns.Open(token);
  if (!page.ok()) return LinkRefused(shared, context, page.status());
  return Render(shared, request, context, *page, true, false);
}

}  // namespace

void RegisterAckPage(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/xac-nhan/{token}",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/xac-nhan/{token}",
             [&shared](http::Request& r) { return Acknowledge(shared, r); });
}

}  // namespace binhyen::web::internal

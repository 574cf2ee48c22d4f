// Disputing a listing (/khieu-nai): the form for site owners and number holders who believe they
// were listed by mistake, its submission through service::Disputes, and the follow-up page by
// code (/khieu-nai/{code}).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "domain/enums.h"
#include "indicator/indicator.h"
#include "service/disputes.h"
#include "web/internal/check_subject.h"
#include "web/internal/field_messages.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {
namespace {

// The kinds a claimant may dispute, in the select's order.
constexpr indicator::Kind kDisputeKinds[] = {
    indicator::Kind::kPhone, indicator::Kind::kUrl,    indicator::Kind::kBankAccount,
    indicator::Kind::kEmail, indicator::Kind::kSocial, indicator::Kind::kDomain,
};

struct DisputeForm {
  std::string kind;
  std::string value;
  std::string bank;
  std::string reason;
  std::string contact_name;
  std::string contact_phone;
  std::string contact_email;
};

DisputeForm FromFields(const FormData& form) {
  DisputeForm f;
  f.kind = base::TrimAscii(form.Field("kind"));
  f.value = base::TrimAscii(form.Field("value"));
  f.bank = base::TrimAscii(form.Field("bank"));
  f.reason = form.Field("reason");
  f.contact_name = base::TrimAscii(form.Field("contact_name"));
  f.contact_phone = base::TrimAscii(form.Field("contact_phone"));
  f.contact_email = base::TrimAscii(form.Field("contact_email"));
  return f;
}

// Prefill from a link such as /khieu-nai?kind=phone&value=0912345678.
DisputeForm FromQuery(const http::Request& request) {
  DisputeForm f;
  f.kind = base::TrimAscii(request.Query("kind").value_or(""));
  f.value = base::TrimAscii(request.Query("value").value_or(""));
  f.bank = base::TrimAscii(request.Query("bank").value_or(""));
  return f;
}

Data KindOptions(const PageContext& context, std::string_view selected) {
  Data list{Data::type::list};
  for (indicator::Kind kind : kDisputeKinds) {
    Data item;
    const std::string_view name = indicator::KindName(kind);
    item.set("value", std::string(name));
    item.set("label", std::string(KindLabel(context, kind)));
    item.set("selected", Data(name == selected));
    list.push_back(item);
  }
  return list;
}

http::Response FormPage(Shared& shared, const http::Request& request, PageContext& context,
                        const DisputeForm& f, const std::vector<FieldMessage>& errors, int status) {
  shared.IssueFormToken(request, context);
  Data data;
  data.set("kinds", KindOptions(context, f.kind));
  data.set("value", f.value);
  data.set("bank", f.bank);
  data.set("reason", f.reason);
  data.set("contact_name", f.contact_name);
  data.set("contact_phone", f.contact_phone);
  data.set("contact_email", f.contact_email);
  AddFieldErrors(data, errors);
  PageMeta meta;
  meta.title = std::string(context.Pick("Khiếu nại bị cảnh báo nhầm", "Listed by mistake?"));
  meta.description = std::string(
      context.Pick("Số điện thoại, trang web hoặc tài khoản của bạn bị cảnh báo nhầm? Gửi khiếu "
                   "nại để công an xem xét lại.",
                   "Your number, website or account listed by mistake? Ask the police to "
                   "review it."));
  meta.status = status;
  return RenderPage(shared.templates(), context, "dispute_form", std::move(data), meta);
}

service::DisputeFiling ToFiling(const DisputeForm& f) {
  service::DisputeFiling filing;
  filing.kind = f.kind;
  filing.value = f.value;
  filing.bank = f.bank;
  filing.reason = f.reason;
  if (!f.contact_name.empty() || !f.contact_phone.empty() || !f.contact_email.empty()) {
    filing.contact = service::ContactDetails{f.contact_name, f.contact_phone, f.contact_email};
  }
  return filing;
}

http::Response Submit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  FormData form = ReadForm(request);
  if (form.malformed) {
    return shared.ErrorPage(context, 400, "Không đọc được biểu mẫu", "The form could not be read",
                            "Vui lòng tải lại trang và gửi lại.", "Reload the page and try again.");
  }
  const DisputeForm f = FromFields(form);
  if (!shared.FormTokenValid(request, form)) {
    return FormPage(shared, request, context, f,
                    {{"form", "Biểu mẫu đã hết hạn. Vui lòng kiểm tra lại và bấm Gửi khiếu nại.",
                      "The form expired. Check it and press Send again."}},
                    403);
  }
  if (auto refused = shared.RateLimit(shared.dispute_limiter(), request, context)) {
    return *std::move(refused);
  }
  base::Result<service::DisputeReceipt> receipt =
      shared.services().disputes.File(ToFiling(f), "public");
  if (!receipt.ok()) {
    if (receipt.status().code() == base::StatusCode::kInvalidArgument) {
      return FormPage(shared, request, context, f, DisputeFieldMessages(receipt.status()), 422);
    }
    return shared.ErrorPage(context, 503, "Chưa gửi được khiếu nại", "The request was not sent",
                            "Hệ thống đang bận. Khiếu nại của bạn CHƯA được lưu: vui lòng thử "
                            "lại sau ít phút.",
                            "The system is busy. Your request was NOT saved: please try again "
                            "in a few minutes.");
  }
  return http::Response::Redirect(303, "/khieu-nai/" + receipt->code + "?moi=1");
}

struct StatusWords {
  std::string_view vi;
  std::string_view en;
};

StatusWords WordsFor(domain::DisputeStatus status) {
  switch (status) {
    case domain::DisputeStatus::kOpen: return {"Đang xem xét", "Under review"};
    case domain::DisputeStatus::kAccepted:
      return {"Đã chấp nhận: đã gỡ khỏi danh sách cảnh báo",
              "Accepted: removed from the warning lists"};
    case domain::DisputeStatus::kRejected:
      return {"Không chấp nhận: vẫn giữ cảnh báo", "Rejected: the listing stays"};
  }
  return {"", ""};
}

http::Response StatusPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refused = shared.RateLimit(shared.check_limiter(), request, context)) {
    return *std::move(refused);
  }
  base::Result<service::DisputeView> view =
      shared.services().disputes.Status(request.PathParam("code"));
  if (!view.ok()) {
    if (view.status().code() == base::StatusCode::kNotFound ||
        view.status().code() == base::StatusCode::kInvalidArgument) {
      return shared.ErrorPage(context, 404, "Không tìm thấy khiếu nại với mã này",
                              "No request with this code",
                              "Hãy kiểm tra lại mã khiếu nại (dạng KN-42-XXXX-XXXX).",
                              "Check the code (like KN-42-XXXX-XXXX).");
    }
    return shared.ErrorPage(context, 503, "Tạm thời chưa tra cứu được", "Try again later",
                            "Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                            "The system is busy; please try again in a few minutes.");
  }
  const StatusWords words = WordsFor(view->status);
  Data data;
  data.set("code", view->code);
  data.set("status", std::string(domain::Name(view->status)));
  data.set("status_label", std::string(context.Pick(words.vi, words.en)));
  data.set("kind_label", std::string(KindLabel(context, view->kind)));
  data.set("value", view->canonical);
  data.set("created", FormatVietnamDate(view->created_at, true));
  if (view->resolved_at) data.set("resolved", FormatVietnamDate(*view->resolved_at, true));
  if (view->status != domain::DisputeStatus::kOpen && !view->resolution.empty()) {
    data.set("resolution", view->resolution);
  }
  data.set("new", Data(request.Query("moi").has_value()));
  data.set("url", shared.PublicUrl(request) + "/khieu-nai/" + view->code);
  PageMeta meta;
  meta.title = std::string(context.Pick("Khiếu nại ", "Request ")) + view->code;
  http::Response r =
      RenderPage(shared.templates(), context, "dispute_status", std::move(data), meta);
  // The code is the key to this page: never cached, never sent on as a referrer.
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("Referrer-Policy", "no-referrer");
  r.headers.Set("X-Robots-Tag", "noindex");
  return r;
}

// The lookup form: /khieu-nai/tra-cuu?ma=KN-....
http::Response Lookup(const http::Request& request) {
  const std::string code(base::TrimAscii(request.Query("ma").value_or("")));
  if (code.empty()) return http::Response::Redirect(303, "/khieu-nai#tra-cuu");
  return http::Response::Redirect(303, "/khieu-nai/" + http::UrlEncode(code));
}

}  // namespace

void RegisterDisputePages(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/khieu-nai", [&shared](http::Request& r) {
    PageContext context = shared.Context(r);
    return FormPage(shared, r, context, FromQuery(r), {}, 200);
  });
  router.Add(http::Method::kPost, "/khieu-nai",
             [&shared](http::Request& r) { return Submit(shared, r); });
  router.Add(http::Method::kGet, "/khieu-nai/tra-cuu", [](http::Request& r) { return Lookup(r); });
  router.Add(http::Method::kGet, "/khieu-nai/{code}",
             [&shared](http::Request& r) { return StatusPage(shared, r); });
}

}  // namespace binhyen::web::internal

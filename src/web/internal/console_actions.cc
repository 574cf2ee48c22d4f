// What an analyst does to a report from its console page: confirm, reject, merge, assign,
// reopen, write the reporter a note, reveal the contact. Each is a POST carrying the session's
// CSRF token; success answers 303 back to the page with a status notice, a refusal answers the
// page itself with an alert and nothing changed.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/strings.h"
#include "service/report_intake.h"
#include "service/triage.h"
#include "web/internal/console_common.h"
#include "web/internal/console_report.h"

namespace binhyen::web::internal {
namespace {

using domain::ReportStatus;

std::string ReportPath(int64_t id) { return "/quan-tri/bao-cao/" + std::to_string(id); }

// The report page with an alert saying why `status` refused the action.
http::Response Refused(Shared& shared, const http::Request& request, PageContext& context,
                       int64_t id, const base::Status& status, ReportPageExtras extras = {}) {
  switch (status.code()) {
    case base::StatusCode::kInvalidArgument: extras.status = 422; break;
    case base::StatusCode::kFailedPrecondition: extras.status = 409; break;
    case base::StatusCode::kNotFound: extras.status = 404; break;
    default: extras.status = 503;
  }
  if (extras.alert_vi.empty()) {
    extras.alert_vi = "Chưa thực hiện được: " + status.message();
    extras.alert_en = "Not done: " + status.message();
  }
  return ReportDetailPage(shared, request, context, id, extras);
}

// The action's report id, or the 404 page.
struct Target {
  std::optional<int64_t> id;
  std::optional<http::Response> refusal;
};

Target ReadTarget(Shared& shared, const http::Request& request, const PageContext& context) {
  Target t;
  t.id = ParseId(request.PathParam("id"));
  if (!t.id) {
    t.refusal = shared.ErrorPage(context, 404, "Không có báo cáo này", "No such report",
                                 "Địa chỉ không đúng.", "The address is wrong.");
  }
  return t;
}

// Confirming a report straight from the queue: the state machine wants received -> triaging ->
// confirmed (a verdict always follows a triage), so both moves are made, each audited.
http::Response Confirm(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kReportsTriage);
  if (post.refusal) return *std::move(post.refusal);
  Target t = ReadTarget(shared, request, context);
  if (t.refusal) return *std::move(t.refusal);
  service::Triage& triage = shared.services().triage;
  base::Result<service::ReportDetail> detail = triage.Get(*t.id);
  if (!detail.ok()) return Refused(shared, request, context, *t.id, detail.status());
  ReportPageExtras extras;
  extras.public_note = std::string(post.form.Field("public_note"));
  service::TransitionRequest confirm;
  confirm.to = ReportStatus::kConfirmed;
  confirm.public_note = extras.public_note;
  if (const std::string_view c = post.form.Field("category");
      !c.empty() && c != domain::Name(detail->report.category)) {
    confirm.category = domain::ParseCategory(c);
    if (!confirm.category) {
      return Refused(shared, request, context, *t.id,
                     base::InvalidArgumentError("category: unknown category"), extras);
    }
  }
  if (const std::string_view s = post.form.Field("severity"); !s.empty()) {
    confirm.severity = domain::ParseSeverity(s);
    if (!confirm.severity) {
      return Refused(shared, request, context, *t.id,
                     base::InvalidArgumentError("severity: unknown severity"), extras);
    }
  }
  const std::string actor = context.user->Actor();
  if (detail->report.status == ReportStatus::kReceived) {
    service::TransitionRequest triaging;
    triaging.to = ReportStatus::kTriaging;
    triaging.reason = "confirmed from the console";
    auto moved = triage.Transition(*t.id, triaging, actor);
    if (!moved.ok()) return Refused(shared, request, context, *t.id, moved.status(), extras);
  }
  auto confirmed = triage.Transition(*t.id, confirm, actor);
  if (!confirmed.ok()) return Refused(shared, request, context, *t.id, confirmed.status(), extras);
  return RedirectWithNotice(ReportPath(*t.id), "confirmed");
}

// The reject form's reason: its template's text, and the detail typed; InvalidArgument when no
// template is chosen or "other" comes without a detail.
base::Result<std::string> RejectReasonText(const FormData& form) {
  const std::string_view code = form.Field("reason");
  const std::string detail(base::TrimAscii(form.Field("reason_detail")));
  for (const RejectReason& r : RejectReasons()) {
    if (r.code != code) continue;
    if (code == "other") {
      if (detail.empty()) return base::InvalidArgumentError("reason: describe the other reason");
      return detail;
    }
    return detail.empty() ? std::string(r.vi) : std::string(r.vi) + ": " + detail;
  }
  return base::InvalidArgumentError("reason: required when rejecting");
}

http::Response Reject(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kReportsTriage);
  if (post.refusal) return *std::move(post.refusal);
  Target t = ReadTarget(shared, request, context);
  if (t.refusal) return *std::move(t.refusal);
  ReportPageExtras extras;
  extras.reject_detail = std::string(post.form.Field("reason_detail"));
  base::Result<std::string> reason = RejectReasonText(post.form);
  if (!reason.ok()) {
    extras.alert_vi = "Hãy chọn lý do từ chối (và ghi chi tiết khi chọn “Khác”).";
    extras.alert_en = "Choose why the report is rejected (and describe it with “Other”).";
    return Refused(shared, request, context, *t.id, reason.status(), extras);
  }
  service::TransitionRequest change;
  change.to = ReportStatus::kRejected;
  change.reason = *reason;
  auto moved = shared.services().triage.Transition(*t.id, change, context.user->Actor());
  if (!moved.ok()) return Refused(shared, request, context, *t.id, moved.status(), extras);
  return RedirectWithNotice(ReportPath(*t.id), "rejected");
}

// The report the merge form names: a report number, or a receipt code.
base::Result<int64_t> ResolveDuplicateOf(Shared& shared, std::string_view text) {
  const std::string trimmed(base::TrimAscii(text));
  if (trimmed.empty()) return base::InvalidArgumentError("duplicate_of: required");
  if (std::optional<int64_t> id = ParseId(trimmed)) return *id;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, shared.services().store.Begin(store::TxMode::kReadOnly));
  base::Result<domain::Report> other = tx->Reports().GetByReceipt(trimmed);
  if (!other.ok()) {
    return base::InvalidArgumentError("duplicate_of: no report " + trimmed);
  }
  return other->id;
}

http::Response Merge(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kReportsTriage);
  if (post.refusal) return *std::move(post.refusal);
  Target t = ReadTarget(shared, request, context);
  if (t.refusal) return *std::move(t.refusal);
  base::Result<int64_t> other = ResolveDuplicateOf(shared, post.form.Field("duplicate_of"));
  if (!other.ok()) {
    ReportPageExtras extras;
    extras.alert_vi = "Hãy ghi đúng số báo cáo hoặc mã tiếp nhận của báo cáo bị trùng.";
    extras.alert_en = "Give the number or receipt code of the report this one duplicates.";
    return Refused(shared, request, context, *t.id, other.status(), extras);
  }
  service::TransitionRequest change;
  change.to = ReportStatus::kDuplicate;
  change.duplicate_of = *other;
  change.reason = "Trùng với báo cáo số " + std::to_string(*other);
  auto moved = shared.services().triage.Transition(*t.id, change, context.user->Actor());
  if (!moved.ok()) return Refused(shared, request, context, *t.id, moved.status());
  return RedirectWithNotice(ReportPath(*t.id), "merged");
}

http::Response AssignToMe(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kReportsTriage);
  if (post.refusal) return *std::move(post.refusal);
  Target t = ReadTarget(shared, request, context);
  if (t.refusal) return *std::move(t.refusal);
  base::Status s = shared.services().triage.Assign(*t.id, std::string_view(context.user->name),
                                                   context.user->Actor());
  if (!s.ok()) return Refused(shared, request, context, *t.id, s);
  return RedirectWithNotice(ReportPath(*t.id), "assigned");
}

http::Response Reopen(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kReportsTriage);
  if (post.refusal) return *std::move(post.refusal);
  Target t = ReadTarget(shared, request, context);
  if (t.refusal) return *std::move(t.refusal);
  service::TransitionRequest change;
  change.to = ReportStatus::kTriaging;
  change.reason = std::string(base::TrimAscii(post.form.Field("reason")));
  auto moved = shared.services().triage.Transition(*t.id, change, context.user->Actor());
  if (!moved.ok()) return Refused(shared, request, context, *t.id, moved.status());
  return RedirectWithNotice(ReportPath(*t.id), "reopened");
}

http::Response Note(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kReportsTriage);
  if (post.refusal) return *std::move(post.refusal);
  Target t = ReadTarget(shared, request, context);
  if (t.refusal) return *std::move(t.refusal);
  const std::string note(post.form.Field("public_note"));
  base::Status s = shared.services().triage.SetPublicNote(*t.id, note, context.user->Actor());
  if (!s.ok()) {
    ReportPageExtras extras;
    extras.public_note = note;
    return Refused(shared, request, context, *t.id, s, extras);
  }
  return RedirectWithNotice(ReportPath(*t.id), "noted");
}

// The contact is answered in the page itself (never in a URL, never cached: console pages are
// no-store), once per press of the button, each press audited by the intake service.
http::Response RevealContact(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post =
      ReadConsolePost(shared, request, context, service::Permission::kReportsContact);
  if (post.refusal) return *std::move(post.refusal);
  Target t = ReadTarget(shared, request, context);
  if (t.refusal) return *std::move(t.refusal);
  const WebServices& s = shared.services();
  service::ReportIntake intake(s.store, s.contact_box, s.clock, s.random, s.evidence,
                               shared.options().intake);
  base::Result<std::string> contact = intake.RevealContact(*t.id, context.user->Actor());
  if (!contact.ok()) return Refused(shared, request, context, *t.id, contact.status());
  ReportPageExtras extras;
  extras.contact_json = *std::move(contact);
  return ReportDetailPage(shared, request, context, *t.id, extras);
}

}  // namespace

void RegisterConsoleActions(http::Router& router, Shared& shared) {
  const std::pair<std::string_view, http::Response (*)(Shared&, const http::Request&)> kActions[] =
      {{"/xac-nhan", &Confirm},     {"/tu-choi", &Reject}, {"/gop", &Merge},
       {"/nhan-viec", &AssignToMe}, {"/mo-lai", &Reopen},  {"/ghi-chu", &Note},
       {"/lien-he", &RevealContact}};
  for (const auto& [suffix, handler] : kActions) {
    router.Add(http::Method::kPost, "/quan-tri/bao-cao/{id}" + std::string(suffix),
               [&shared, handler](http::Request& r) { return handler(shared, r); });
  }
}

}  // namespace binhyen::web::internal

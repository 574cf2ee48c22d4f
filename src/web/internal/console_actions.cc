// What an analyst does to a report from its console page: confirm, reject, merge, assign,
// reopen, write the reporter a note, reveal or erase the contact. Each is a POST carrying the
// session's CSRF token; success answers 303 back to the page with a status notice, a refusal
// answers the page itself with an alert and nothing changed.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/strings.h"
#include "service/contact_retention.h"
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

// What every action starts from: the signed-in user's page context, the posted form (its CSRF
// token checked) and the report's id.
struct Action {
  Shared& shared;
  const http::Request& request;
  PageContext context;
  FormData form;
  int64_t id = 0;

  // The report page with an alert saying why `status` refused the action.
  http::Response Refuse(const base::Status& status, ReportPageExtras extras = {}) {
    return Refused(shared, request, context, id, status, std::move(extras));
  }
};

using ActionBody = http::Response (*)(Action&);

// Runs `body` for a signed-in user holding `permission` whose form carries the session's CSRF
// token, on the report named by the path; otherwise answers the sign-in redirect, the 403 page or
// the 404 page.
http::Response RunAction(Shared& shared, const http::Request& request,
                         service::Permission permission, ActionBody body) {
  Action a{shared, request, shared.Context(request), {}, 0};
  ConsolePost post = ReadConsolePost(shared, request, a.context, permission);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) {
    return shared.ErrorPage(a.context, 404, "Không có báo cáo này", "No such report",
                            "Địa chỉ không đúng.", "The address is wrong.");
  }
  a.form = std::move(post.form);
  a.id = *id;
  return body(a);
}

// Confirming a report straight from the queue: the state machine wants received -> triaging ->
// confirmed (a verdict always follows a triage), so both moves are made, each audited.
http::Response Confirm(Action& a) {
  service::Triage& triage = a.shared.services().triage;
  base::Result<service::ReportDetail> detail = triage.Get(a.id);
  if (!detail.ok()) return a.Refuse(detail.status());
  ReportPageExtras extras;
  extras.public_note = std::string(a.form.Field("public_note"));
  service::TransitionRequest confirm;
  confirm.to = ReportStatus::kConfirmed;
  confirm.public_note = extras.public_note;
  if (const std::string_view c = a.form.Field("category");
      !c.empty() && c != domain::Name(detail->report.category)) {
    confirm.category = domain::ParseCategory(c);
    if (!confirm.category) {
      return a.Refuse(base::InvalidArgumentError("category: unknown category"), extras);
    }
  }
  if (const std::string_view s = a.form.Field("severity"); !s.empty()) {
    confirm.severity = domain::ParseSeverity(s);
    if (!confirm.severity) {
      return a.Refuse(base::InvalidArgumentError("severity: unknown severity"), extras);
    }
  }
  const std::string actor = a.context.user->Actor();
  if (detail->report.status == ReportStatus::kReceived) {
    service::TransitionRequest triaging;
    triaging.to = ReportStatus::kTriaging;
    triaging.reason = "confirmed from the console";
    auto moved = triage.Transition(a.id, triaging, actor);
    if (!moved.ok()) return a.Refuse(moved.status(), extras);
  }
  auto confirmed = triage.Transition(a.id, confirm, actor);
  if (!confirmed.ok()) return a.Refuse(confirmed.status(), extras);
  return RedirectWithNotice(ReportPath(a.id), "confirmed");
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

http::Response Reject(Action& a) {
  ReportPageExtras extras;
  extras.reject_detail = std::string(a.form.Field("reason_detail"));
  base::Result<std::string> reason = RejectReasonText(a.form);
  if (!reason.ok()) {
    extras.alert_vi = "Hãy chọn lý do từ chối (và ghi chi tiết khi chọn “Khác”).";
    extras.alert_en = "Choose why the report is rejected (and describe it with “Other”).";
    return a.Refuse(reason.status(), extras);
  }
  service::TransitionRequest change;
  change.to = ReportStatus::kRejected;
  change.reason = *reason;
  auto moved = a.shared.services().triage.Transition(a.id, change, a.context.user->Actor());
  if (!moved.ok()) return a.Refuse(moved.status(), extras);
  return RedirectWithNotice(ReportPath(a.id), "rejected");
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

http::Response Merge(Action& a) {
  base::Result<int64_t> other = ResolveDuplicateOf(a.shared, a.form.Field("duplicate_of"));
  if (!other.ok()) {
    ReportPageExtras extras;
    extras.alert_vi = "Hãy ghi đúng số báo cáo hoặc mã tiếp nhận của báo cáo bị trùng.";
    extras.alert_en = "Give the number or receipt code of the report this one duplicates.";
    return a.Refuse(other.status(), extras);
  }
  service::TransitionRequest change;
  change.to = ReportStatus::kDuplicate;
  change.duplicate_of = *other;
  change.reason = "Trùng với báo cáo số " + std::to_string(*other);
  auto moved = a.shared.services().triage.Transition(a.id, change, a.context.user->Actor());
  if (!moved.ok()) return a.Refuse(moved.status());
  return RedirectWithNotice(ReportPath(a.id), "merged");
}

http::Response AssignToMe(Action& a) {
  base::Status s = a.shared.services().triage.Assign(a.id, std::string_view(a.context.user->name),
                                                     a.context.user->Actor());
  if (!s.ok()) return a.Refuse(s);
  return RedirectWithNotice(ReportPath(a.id), "assigned");
}

http::Response Reopen(Action& a) {
  service::TransitionRequest change;
  change.to = ReportStatus::kTriaging;
  change.reason = std::string(base::TrimAscii(a.form.Field("reason")));
  auto moved = a.shared.services().triage.Transition(a.id, change, a.context.user->Actor());
  if (!moved.ok()) return a.Refuse(moved.status());
  return RedirectWithNotice(ReportPath(a.id), "reopened");
}

http::Response Note(Action& a) {
  const std::string note(a.form.Field("public_note"));
  base::Status s = a.shared.services().triage.SetPublicNote(a.id, note, a.context.user->Actor());
  if (!s.ok()) {
    ReportPageExtras extras;
    extras.public_note = note;
    return a.Refuse(s, extras);
  }
  return RedirectWithNotice(ReportPath(a.id), "noted");
}

// The contact is answered in the page itself (never in a URL, never cached: console pages are
// no-store), once per press of the button, each press audited by the intake service.
http::Response RevealContact(Action& a) {
  const WebServices& s = a.shared.services();
  service::ReportIntake intake(s.store, s.contact_box, s.clock, s.random, s.evidence,
                               a.shared.options().intake);
  base::Result<std::string> contact = intake.RevealContact(a.id, a.context.user->Actor());
  if (!contact.ok()) return a.Refuse(contact.status());
  ReportPageExtras extras;
  extras.contact_json = *std::move(contact);
  return ReportDetailPage(a.shared, a.request, a.context, a.id, extras);
}

// Erases the reporter's contact before its time (service::ContactRetention::Erase), with the
// analyst's reason, audited.
http::Response EraseContact(Action& a) {
  const WebServices& s = a.shared.services();
  service::ContactRetention retention(s.store, s.clock);
  const std::string reason(base::TrimAscii(a.form.Field("reason")));
  base::Result<bool> erased = retention.Erase(a.id, reason, a.context.user->Actor());
  if (!erased.ok()) {
    ReportPageExtras extras;
    if (erased.status().code() == base::StatusCode::kInvalidArgument) {
      extras.alert_vi =
          "Hãy ghi lý do xoá, ngắn gọn: tối đa 500 byte (khoảng 200 chữ tiếng Việt có dấu).";
      extras.alert_en = "Give the reason for erasing, briefly: at most 500 bytes.";
    }
    return a.Refuse(erased.status(), extras);
  }
  return RedirectWithNotice(ReportPath(a.id), "contact_erased");
}

}  // namespace

void RegisterConsoleActions(http::Router& router, Shared& shared) {
  using service::Permission;
  struct Route {
    std::string_view suffix;
    Permission permission;
    ActionBody body;
  };
  const Route kActions[] = {
      {"/xac-nhan", Permission::kReportsTriage, &Confirm},
      {"/tu-choi", Permission::kReportsTriage, &Reject},
      {"/gop", Permission::kReportsTriage, &Merge},
      {"/nhan-viec", Permission::kReportsTriage, &AssignToMe},
      {"/mo-lai", Permission::kReportsTriage, &Reopen},
      {"/ghi-chu", Permission::kReportsTriage, &Note},
      {"/lien-he", Permission::kReportsContact, &RevealContact},
      {"/xoa-lien-he", Permission::kReportsContact, &EraseContact},
  };
  for (const Route& route : kActions) {
    router.Add(http::Method::kPost, "/quan-tri/bao-cao/{id}" + std::string(route.suffix),
               [&shared, route](http::Request& r) {
                 return RunAction(shared, r, route.permission, route.body);
               });
  }
}

}  // namespace binhyen::web::internal

// The console's report page (/quan-tri/bao-cao/{id}): what was reported, the evidence, the
// indicators with their current verdicts, related reports, and the analyst's action forms.
#include "web/internal/console_report.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "http/form.h"
#include "index/snapshot.h"
#include "service/triage.h"
#include "web/internal/check_subject.h"
#include "web/internal/console_common.h"
#include "web/internal/console_evidence.h"

namespace binhyen::web::internal {
namespace {

constexpr std::array<RejectReason, 4> kRejectReasons = {{
    {"no_evidence", "Không đủ bằng chứng", "Not enough evidence"},
    {"not_scam", "Không phải lừa đảo", "Not a scam"},
    {"incomplete", "Thông tin không đầy đủ, không liên hệ được",
     "Incomplete, the reporter cannot be reached"},
    {"other", "Khác", "Other"},
}};

constexpr ConsoleMessage kReportMessages[] = {
    {"confirmed", "Đã xác nhận lừa đảo. Các dấu hiệu đã vào danh sách cảnh báo.",
     "Confirmed as a scam. The indicators are now on the warning list."},
    {"rejected", "Đã từ chối báo cáo.", "The report was rejected."},
    {"merged", "Đã gộp vào báo cáo trùng.", "The report was merged as a duplicate."},
    {"assigned", "Báo cáo đã được giao cho bạn.", "The report is assigned to you."},
    {"reopened", "Đã mở lại báo cáo để xác minh.", "The report is open for triage again."},
    {"noted", "Đã lưu lời nhắn cho người báo cáo.", "The note to the reporter was saved."},
    {"contact_erased", "Đã xoá thông tin liên hệ của người báo cáo.",
     "The reporter's contact details were erased."},
};

std::string_view VerdictLabel(const PageContext& context, index::Verdict v) {
  switch (v) {
    case index::Verdict::kDangerous: return context.Pick("Nguy hiểm", "Dangerous");
    case index::Verdict::kSuspicious: return context.Pick("Đáng ngờ", "Suspicious");
    case index::Verdict::kTrusted: return context.Pick("Đáng tin cậy", "Trusted");
    case index::Verdict::kUnknown: return context.Pick("Chưa có cảnh báo", "No warning");
  }
  return "";
}

std::string_view VerdictBadge(index::Verdict v) {
  switch (v) {
    case index::Verdict::kDangerous: return "red";
    case index::Verdict::kSuspicious: return "amber";
    case index::Verdict::kTrusted: return "green";
    case index::Verdict::kUnknown: return "";
  }
  return "";
}

std::string_view SeverityLabel(const PageContext& context, domain::Severity s) {
  switch (s) {
    case domain::Severity::kLow: return context.Pick("Thấp", "Low");
    case domain::Severity::kMedium: return context.Pick("Trung bình", "Medium");
    case domain::Severity::kHigh: return context.Pick("Cao", "High");
    case domain::Severity::kCritical: return context.Pick("Rất nghiêm trọng", "Critical");
  }
  return "";
}

// "5.000.000 đ".
std::string FormatVnd(int64_t amount) {
  std::string digits = std::to_string(amount);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out + " đ";
}

Data Indicators(Shared& shared, const PageContext& context, const domain::Report& report) {
  std::shared_ptr<const service::ReputationView> view = shared.services().reputation.view();
  Data list{Data::type::list};
  for (const domain::ReportIndicator& ind : report.indicators) {
    Data item;
    item.set("kind", std::string(KindLabel(context, ind.kind)));
    item.set("value", ind.canonical);
    item.set("raw", TextOrFalse(ind.raw != ind.canonical ? ind.raw : std::string()));
    const index::Verdict verdict =
        view ? view->Check(ind.kind, ind.canonical).verdict : index::Verdict::kUnknown;
    item.set("verdict", std::string(index::VerdictName(verdict)));
    item.set("verdict_label", std::string(VerdictLabel(context, verdict)));
    item.set("badge", std::string(VerdictBadge(verdict)));
    item.set("check_href", "/kiem-tra?kind=" + std::string(indicator::KindName(ind.kind)) +
                               "&q=" + http::UrlEncode(ind.canonical));
    list.push_back(item);
  }
  return list;
}

Data Related(const PageContext& context, const std::vector<domain::Report>& related) {
  Data list{Data::type::list};
  for (const domain::Report& r : related) {
    Data item;
    item.set("id", std::to_string(r.id));
    item.set("code", r.receipt_code);
    item.set("status_label", std::string(ReportStatusLabel(context, r.status)));
    item.set("category", ConsoleCategoryLabel(context, r.category));
    item.set("received", FormatVietnamDate(r.created_at));
    list.push_back(item);
  }
  return list;
}

Data SeverityOptions(const PageContext& context, domain::Severity selected) {
  Data list{Data::type::list};
  for (domain::Severity s : {domain::Severity::kLow, domain::Severity::kMedium,
                             domain::Severity::kHigh, domain::Severity::kCritical}) {
    Data item;
    item.set("value", std::string(domain::Name(s)));
    item.set("label", std::string(SeverityLabel(context, s)));
    item.set("selected", Data(s == selected));
    list.push_back(item);
  }
  return list;
}

Data RejectOptions(const PageContext& context) {
  Data list{Data::type::list};
  for (const RejectReason& r : kRejectReasons) {
    Data item;
    item.set("value", std::string(r.code));
    item.set("label", std::string(context.Pick(r.vi, r.en)));
    list.push_back(item);
  }
  return list;
}

// The report's own fields.
void AddReportFields(Shared& shared, const PageContext& context, const domain::Report& r,
                     Data& data) {
  data.set("id", std::to_string(r.id));
  data.set("code", r.receipt_code);
  data.set("description", r.description);
  data.set("category", ConsoleCategoryLabel(context, r.category));
  data.set("category_name", std::string(domain::Name(r.category)));
  data.set("ward", TextOrFalse(r.ward));
  data.set("loss", TextOrFalse(r.loss_vnd > 0 ? FormatVnd(r.loss_vnd) : std::string()));
  data.set("occurred",
           TextOrFalse(r.occurred_at ? FormatVietnamDate(*r.occurred_at, true) : std::string()));
  data.set("received", FormatVietnamDate(r.created_at, true));
  data.set("updated", FormatVietnamDate(r.updated_at, true));
  data.set("decided",
           TextOrFalse(r.decided_at ? FormatVietnamDate(*r.decided_at, true) : std::string()));
  data.set("status", std::string(domain::Name(r.status)));
  data.set("status_label", std::string(ReportStatusLabel(context, r.status)));
  data.set("badge", std::string(ReportStatusBadge(r.status)));
  data.set("channel", std::string(domain::Name(r.channel)));
  data.set("public_note", TextOrFalse(r.public_note));
  if (r.duplicate_of) data.set("duplicate_of", std::to_string(*r.duplicate_of));
  // Names instead of codes and ids, when the store can be read.
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (tx.ok() && !r.ward.empty()) {
    if (auto unit = (*tx)->Units().Get(r.ward); unit.ok()) data.set("ward", unit->name);
  }
  if (r.assignee_user_id) {
    std::string name = UserNumber(*r.assignee_user_id);
    if (tx.ok()) {
      if (auto user = (*tx)->Users().Get(*r.assignee_user_id); user.ok()) name = user->name;
    }
    data.set("assignee", name);
  }
}

// The forms the user may use on a report in its status.
void AddActions(const PageContext& context, const domain::Report& r, const ReportPageExtras& extras,
                Data& data) {
  const bool triage = context.user->Can(service::Permission::kReportsTriage);
  const bool open =
      r.status == domain::ReportStatus::kReceived || r.status == domain::ReportStatus::kTriaging;
  data.set("can_triage", Data(triage));
  data.set("open", Data(triage && open));
  data.set("closed", Data(triage && !open));
  data.set("confirmed", Data(r.status == domain::ReportStatus::kConfirmed));
  data.set("assign_me",
           Data(triage && open && r.assignee_user_id != std::optional(context.user->user_id)));
  data.set("categories", CategoryOptionList(context, domain::Name(r.category)));
  data.set("severities", SeverityOptions(context, service::Triage::DefaultSeverity(r.category)));
  data.set("reject_reasons", RejectOptions(context));
  data.set("reject_detail", extras.reject_detail);
  data.set("note_value", extras.public_note.empty() ? r.public_note : extras.public_note);
  data.set("csrf_token", context.csrf_token);
}

}  // namespace

std::span<const RejectReason> RejectReasons() { return kRejectReasons; }

http::Response ReportDetailPage(Shared& shared, const http::Request& request, PageContext& context,
                                int64_t id, const ReportPageExtras& extras) {
  base::Result<service::ReportDetail> detail = shared.services().triage.Get(id);
  if (!detail.ok()) {
    if (detail.status().code() == base::StatusCode::kNotFound) {
      return shared.ErrorPage(context, 404, "Không có báo cáo này", "No such report",
                              "Không tìm thấy báo cáo số " + std::to_string(id) + ".",
                              "There is no report " + std::to_string(id) + ".");
    }
    return shared.ErrorPage(context, 503, "Chưa đọc được báo cáo", "The report cannot be read",
                            "Hệ thống đang bận, vui lòng thử lại.",
                            "The system is busy; please try again.");
  }
  const domain::Report& r = detail->report;
  Data data;
  AddReportFields(shared, context, r, data);
  Data indicators = Indicators(shared, context, r);
  data.set("has_indicators", Data(!indicators.is_empty_list()));
  data.set("indicators", indicators);
  Data evidence =
      EvidenceItems(shared, context, r, request.Query("ocr").value_or(std::string_view()));
  data.set("has_evidence", Data(!evidence.is_empty_list()));
  data.set("evidence", evidence);
  Data related = Related(context, detail->related);
  data.set("has_related", Data(!related.is_empty_list()));
  data.set("related", related);
  data.set("has_contact", Data(detail->has_contact));
  // Erased by retention or by an analyst: said as such, never as "anonymous".
  data.set("contact_erased", Data(!detail->has_contact && r.contact_erased_at.has_value()));
  data.set("can_contact", Data(context.user->Can(service::Permission::kReportsContact)));
  if (extras.contact_json) {
    data.set("contact_shown", Data(true));
    data.set("contact", ContactFields(context, *extras.contact_json));
  }
  AddActions(context, r, extras, data);
  AddConsoleNotices(data, request, context, kReportMessages, extras.alert_vi, extras.alert_en);
  PageMeta meta = ConsoleMeta(context, "Báo cáo ", "Report ", extras.status);
  meta.title += r.receipt_code;
  return RenderPage(shared.templates(), context, "console_report", std::move(data), meta);
}

namespace {

http::Response Detail(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kReportsRead)) {
    return *std::move(refusal);
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) {
    return shared.ErrorPage(context, 404, "Không có báo cáo này", "No such report",
                            "Địa chỉ không đúng.", "The address is wrong.");
  }
  return ReportDetailPage(shared, request, context, *id, {});
}

}  // namespace

void RegisterConsoleReport(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/bao-cao/{id}",
             [&shared](http::Request& r) { return Detail(shared, r); });
  RegisterConsoleEvidence(router, shared);
}

}  // namespace binhyen::web::internal

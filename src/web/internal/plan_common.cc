#include "web/internal/plan_common.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "domain/calendar.h"
#include "domain/task.h"
#include "service/budget.h"
#include "service/people.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {
namespace {

// The amount a message names ("more than the 1.500.000 đ left"): the text between `prefix` and
// `suffix`, or "" when the message is not of that shape.
std::string Between(std::string_view what, std::string_view prefix, std::string_view suffix) {
  if (!what.starts_with(prefix) || !what.ends_with(suffix) ||
      what.size() < prefix.size() + suffix.size()) {
    return "";
  }
  return std::string(what.substr(prefix.size(), what.size() - prefix.size() - suffix.size()));
}

// The services' reasons (service/tasks.cc, self_assessments.cc, budget.cc, reviews.cc and the
// domain's Validate) in plain Vietnamese.
std::string ReasonVi(std::string_view what) {
  if (what == "must not be empty") return "không được để trống";
  if (what.starts_with("must be at most")) return "quá dài";
  if (what.starts_with("must be a date") || what == "must be YYYY-MM-DD") return "hãy chọn ngày";
  if (what == "choose at least one unit") return "hãy chọn ít nhất một đơn vị";
  if (what == "choose exactly one unit" || what == "choose a unit") return "hãy chọn một đơn vị";
  if (what.starts_with("no such unit")) return "không có đơn vị này";
  if (what == "outside your unit") return "không thuộc đơn vị của bạn";
  if (what == "only the standing office cancels a task") {
    return "chỉ cơ quan thường trực (Ban Chỉ đạo) được hủy nhiệm vụ";
  }
  if (what == "the standing office cancelled this task; only it can reopen it") {
    return "nhiệm vụ đã được cơ quan thường trực hủy; chỉ cơ quan thường trực được mở lại";
  }
  if (what.starts_with("must be open, in_progress")) return "hãy chọn trạng thái";
  if (what == "must be 0..100") return "phải là số từ 0 đến 100";
  if (what == "answer every question") return "bạn chưa chọn câu trả lời";
  if (what.starts_with("must be yes, partly")) return "hãy chọn một câu trả lời";
  if (what == "no such question") return "không có câu hỏi này";
  if (what.starts_with("must be a year") || what.starts_with("must be 2000")) {
    return "hãy nhập năm (2000–2999)";
  }
  if (what == "must be a whole number of đồng above 0") return "hãy nhập số tiền lớn hơn 0";
  if (what.starts_with("must be a whole number of đồng")) {
    return "hãy nhập số tiền bằng số (đồng), ví dụ 5.000.000";
  }
  if (std::string left = Between(what, "more than the ", " left on this line"); !left.empty()) {
    return "vượt quá số còn lại của dòng kinh phí này (còn " + left + ")";
  }
  if (std::string spent = Between(what, "", " have been spent already"); !spent.empty()) {
    return "đã chi " + spent + ", không thể giao thấp hơn số đã chi";
  }
  if (what.starts_with("must be a whole number 1..")) return "hãy nhập số thứ tự từ 1 đến 1000";
  if (what.starts_with("must be six_month")) return "hãy chọn loại báo cáo";
  if (what == "must not be before from") return "không được trước ngày bắt đầu";
  if (what.starts_with("the period must be at most")) return "kỳ báo cáo dài tối đa 10 năm";
  if (what.starts_with("must be unit, person")) return "hãy chọn đối tượng";
  if (what == "must not contain NUL characters") return "có ký tự không hợp lệ";
  return "không hợp lệ (" + std::string(what) + ")";
}

}  // namespace

PlanErrors PlanFieldErrors(const PageContext& context, const base::Status& status,
                           std::span<const PlanFieldLabel> labels) {
  PlanErrors out;
  std::string_view rest = status.message();
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    const size_t colon = line.find(": ");
    if (colon == std::string_view::npos) continue;
    const std::string field(line.substr(0, colon));
    const std::string_view what = line.substr(colon + 2);
    if (out.count(field) > 0) continue;
    std::string label = field;
    for (const PlanFieldLabel& l : labels) {
      if (l.field == field) label = std::string(context.Pick(l.vi, l.en));
    }
    out[field] = label + ": " + (context.vi() ? ReasonVi(what) : std::string(what));
  }
  return out;
}

void SetPlanErrors(Data& data, const PlanErrors& errors) {
  Data list{Data::type::list};
  for (const auto& [field, message] : errors) {
    std::string key = field;
    std::replace(key.begin(), key.end(), '.', '_');
    std::replace(key.begin(), key.end(), '-', '_');
    Data e;
    e.set("field", "f-" + key);
    e.set("text", message);
    list.push_back(e);
    data.set("error_" + key, message);
  }
  data.set("errors", list);
  data.set("has_errors", Data(!errors.empty()));
}

http::Response PlanErrorPage(Shared& shared, const PageContext& context,
                             const base::Status& status) {
  switch (status.code()) {
    case base::StatusCode::kNotFound:
      return shared.ErrorPage(context, 404, "Không tìm thấy", "Not found",
                              "Không có mục này, hoặc mục này không thuộc đơn vị của bạn.",
                              "No such item, or it is not your unit's.");
    case base::StatusCode::kPermissionDenied:
      return shared.ErrorPage(context, 403, "Không có quyền", "Not allowed",
                              "Tài khoản của bạn không được làm việc này.",
                              "Your account may not do this.");
    case base::StatusCode::kInvalidArgument:
      return shared.ErrorPage(context, 400, "Yêu cầu không hợp lệ", "Bad request",
                              "Địa chỉ trang hoặc biểu mẫu không đúng.",
                              "The page address or the form is not right.");
    default:
      return shared.ErrorPage(context, 503, "Tạm thời chưa xử lý được", "Temporarily unavailable",
                              "Vui lòng thử lại sau ít phút.",
                              "Please try again in a few minutes.");
  }
}

std::optional<http::Response> RequirePlanUser(Shared& shared, const http::Request& request,
                                              PageContext& context,
                                              bool (*allowed)(const service::Principal&)) {
  // Every role may submit reports, so this only signs the user in; `allowed` decides.
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kReportsSubmit)) {
    return refusal;
  }
  if (!allowed(*context.user)) {
    return shared.ErrorPage(context, 403, "Không có quyền truy cập", "Access denied",
                            "Tài khoản của bạn không có quyền xem trang này.",
                            "Your account may not open this page.");
  }
  return std::nullopt;
}

std::optional<Data> PlanUnitChoices(Shared& shared, const service::Principal* caller,
                                    const std::set<std::string>& chosen) {
  const WebServices& s = shared.services();
  service::People people(s.store, s.contact_box, s.clock);
  auto tree = people.UnitTree();
  if (!tree.ok()) return std::nullopt;
  auto tx = s.store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return std::nullopt;
  auto units = (*tx)->Units().List();
  if (!units.ok()) return std::nullopt;
  service::People::Scope scope;
  if (caller != nullptr) {
    scope = service::People::ScopeOf(*caller, *units);
  } else {
    scope.all = true;
  }
  Data list{Data::type::list};
  std::function<void(const std::vector<service::UnitNode>&, int)> walk =
      [&](const std::vector<service::UnitNode>& nodes, int depth) {
        for (const service::UnitNode& n : nodes) {
          if (scope.Contains(n.unit.code)) {
            Data o;
            o.set("code", n.unit.code);
            o.set("name", n.unit.name);
            o.set("depth", std::to_string(std::min(depth, 4)));
            o.set("checked", Data(chosen.count(n.unit.code) > 0));
            list.push_back(o);
          }
          walk(n.children, depth + 1);
        }
      };
  walk(*tree, 0);
  return list;
}

std::string PlanUnitName(Shared& shared, const std::string& code) {
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return code;
  auto unit = (*tx)->Units().Get(code);
  return unit.ok() ? unit->name : code;
}

std::string PlanToday(const Shared& shared) {
  return domain::DateInVietnam(shared.services().clock.Now());
}

std::string ShowDate(std::string_view date) {
  return domain::IsDate(date) ? domain::DayMonthYear(date) : std::string(date);
}

std::string ShowVnd(int64_t amount) { return service::FormatVnd(amount) + " đ"; }

std::string PercentOf(int per_mille) { return std::to_string((per_mille + 5) / 10); }

std::string PlanCsvField(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    out += '\'';
  }
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void RegisterPlanPages(http::Router& router, Shared& shared) {
  RegisterPlanTasks(router, shared);
  RegisterPlanAssessments(router, shared);
  RegisterPlanBudget(router, shared);
  RegisterPlanReviews(router, shared);
}

}  // namespace binhyen::web::internal

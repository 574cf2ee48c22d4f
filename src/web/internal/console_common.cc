#include "web/internal/console_common.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "http/form.h"
#include "service/check_explanation.h"

namespace binhyen::web::internal {

void AddConsoleNotices(Data& data, const http::Request& request, const PageContext& context,
                       std::span<const ConsoleMessage> messages, std::string_view alert_vi,
                       std::string_view alert_en) {
  const std::string_view ok = request.Query("ok").value_or("");
  for (const ConsoleMessage& m : messages) {
    if (!ok.empty() && m.code == ok) data.set("notice", std::string(context.Pick(m.vi, m.en)));
  }
  if (!alert_vi.empty()) data.set("alert", std::string(context.Pick(alert_vi, alert_en)));
}

std::string_view ReportStatusLabel(const PageContext& context, domain::ReportStatus status) {
  switch (status) {
    case domain::ReportStatus::kReceived: return context.Pick("Đã tiếp nhận", "Received");
    case domain::ReportStatus::kTriaging: return context.Pick("Đang xác minh", "Triaging");
    case domain::ReportStatus::kConfirmed: return context.Pick("Đã xác nhận", "Confirmed");
    case domain::ReportStatus::kRejected: return context.Pick("Đã từ chối", "Rejected");
    case domain::ReportStatus::kDuplicate: return context.Pick("Trùng lặp", "Duplicate");
  }
  return "";
}

std::string_view ReportStatusBadge(domain::ReportStatus status) {
  switch (status) {
    case domain::ReportStatus::kReceived: return "amber";
    case domain::ReportStatus::kTriaging: return "";
    case domain::ReportStatus::kConfirmed: return "red";
    case domain::ReportStatus::kRejected: return "";
    case domain::ReportStatus::kDuplicate: return "";
  }
  return "";
}

std::string ConsoleCategoryLabel(const PageContext& context, domain::Category category) {
  const std::string_view name = domain::Name(category);
  std::string label(context.vi() ? service::CategoryLabelVi(name) : service::CategoryLabelEn(name));
  if (label.empty()) label = std::string(name);
  // Capitalise an ASCII first letter ("lừa đảo ..." starts with 'l').
  if (label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

Data CategoryOptionList(const PageContext& context, std::string_view selected) {
  Data list{Data::type::list};
  for (domain::Category c : domain::AllCategories()) {
    Data item;
    item.set("value", std::string(domain::Name(c)));
    item.set("label", ConsoleCategoryLabel(context, c));
    item.set("selected", Data(domain::Name(c) == selected));
    list.push_back(item);
  }
  return list;
}

Data TextOrFalse(std::string text) {
  if (text.empty()) return Data(false);
  return Data(std::move(text));
}

Data ContactFields(const PageContext& context, const std::string& contact_json) {
  Data list{Data::type::list};
  nlohmann::json parsed = nlohmann::json::parse(contact_json, nullptr, false);
  if (!parsed.is_object()) return list;
  const std::pair<const char*, std::pair<std::string_view, std::string_view>> kFields[] = {
      {"name", {"Họ tên", "Name"}},
      {"phone", {"Số điện thoại", "Phone"}},
      {"email", {"Email", "Email"}}};
  for (const auto& [key, labels] : kFields) {
    auto it = parsed.find(key);
    if (it == parsed.end() || !it->is_string() || it->get<std::string>().empty()) continue;
    Data item;
    item.set("label", std::string(context.Pick(labels.first, labels.second)));
    item.set("value", it->get<std::string>());
    list.push_back(item);
  }
  return list;
}

std::string UserNumber(int64_t user_id) {
  std::string out = std::to_string(user_id);
  out.insert(out.begin(), '#');
  return out;
}

std::optional<int64_t> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

ConsolePost ReadConsolePost(Shared& shared, const http::Request& request, PageContext& context,
                            service::Permission permission) {
  ConsolePost post;
  post.refusal = shared.RequireUser(request, context, permission);
  if (post.refusal) return post;
  post.form = ReadForm(request);
  if (post.form.malformed) {
    post.refusal =
        shared.ErrorPage(context, 400, "Không đọc được biểu mẫu", "The form could not be read",
                         "Vui lòng tải lại trang.", "Reload the page and try again.");
    return post;
  }
  if (!shared.SessionTokenValid(context, post.form)) {
    post.refusal = shared.ErrorPage(
        context, 403, "Biểu mẫu không hợp lệ", "The form is not valid",
        "Mã bảo vệ của biểu mẫu đã hết hạn hoặc không đúng. Không có gì bị thay đổi: hãy tải lại "
        "trang và thử lại.",
        "The form's protection code expired or is wrong. Nothing was changed: reload the page "
        "and try again.");
  }
  return post;
}

http::Response RedirectWithNotice(std::string_view path, std::string_view code) {
  std::string location(path);
  location += path.find('?') == std::string_view::npos ? "?ok=" : "&ok=";
  location += http::UrlEncode(code);
  return http::Response::Redirect(303, std::move(location));
}

PageMeta ConsoleMeta(const PageContext& context, std::string_view title_vi,
                     std::string_view title_en, int status) {
  PageMeta meta;
  meta.title = std::string(context.Pick(title_vi, title_en));
  meta.status = status;
  meta.console = true;
  return meta;
}

}  // namespace binhyen::web::internal

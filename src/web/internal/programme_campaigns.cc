// Guidance campaigns in the console (/quan-tri/dot-pho-bien): the list, a new draft (document,
// deadline, target units from the tree and target people), a campaign's page (live completion
// per unit sorted by lag, who has not read it, sending with a confirmation, closing). Programme
// admins do everything; unit officers see sent campaigns narrowed to their own unit.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "web/internal/programme_common.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kView = service::Permission::kPeopleManage;
constexpr auto kManage = service::Permission::kProgrammeManage;
constexpr int kLagBelow = 50;          // units under half done are marked as lagging
constexpr size_t kPendingShown = 200;  // the page lists this many; the CSV has everyone

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã lưu bản nháp. Kiểm tra rồi bấm Gửi.", "Draft saved. Check it, then send."},
    {"sent", "Đã gửi. Mỗi người nhận có đường link riêng.", "Sent. Each recipient has a link."},
    {"closed", "Đã kết thúc đợt phổ biến. Số liệu được giữ lại.", "Closed. The figures are kept."},
};

// What the new-campaign form holds, to show again with its errors.
struct DraftForm {
  std::string title, body, deadline;
  std::set<std::string> units;
  std::set<int64_t> people;
  std::vector<std::pair<std::string, std::string>> errors;  // field, message
};

// "2026-12-31" → the end of that day in Vietnam time (UTC+7); nullopt when not a date.
std::optional<base::TimePoint> ParseDeadline(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(std::string(text).c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                        std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  const auto midnight_utc = std::chrono::sys_days(ymd);
  return base::TimePoint(midnight_utc + std::chrono::hours(24 - 7) - std::chrono::seconds(1));
}

// The unit tree flattened in display order, each item with its depth (indented by CSS).
void UnitTreeItems(const std::vector<service::UnitNode>& nodes, const DraftForm& form, int depth,
                   Data& items) {
  for (const service::UnitNode& node : nodes) {
    Data item;
    item.set("code", node.unit.code);
    item.set("name", node.unit.name);
    item.set("depth", std::to_string(std::min(depth, 4)));
    item.set("checked", Data(form.units.count(node.unit.code) > 0));
    items.push_back(item);
    UnitTreeItems(node.children, form, depth + 1, items);
  }
}

Data CampaignRows(const PageContext& context, const std::vector<domain::Campaign>& campaigns) {
  Data rows{Data::type::list};
  for (const domain::Campaign& c : campaigns) {
    Data row;
    row.set("id", std::to_string(c.id));
    row.set("title", c.title);
    row.set("href", "/quan-tri/dot-pho-bien/" + std::to_string(c.id));
    row.set("status", CampaignStatusLabel(context, c.status));
    row.set("status_code", std::string(domain::Name(c.status)));
    row.set("date", FormatVietnamDate(c.sent_at.value_or(c.created_at)));
    rows.push_back(row);
  }
  return rows;
}

http::Response ListPage(Shared& shared, const http::Request& request, PageContext& context,
                        const DraftForm& form, int status) {
  ProgrammeServices s(shared.services());
  if (!s.campaigns) return ProgrammeUnavailable(shared, context);
  auto campaigns = s.campaigns->List();
  if (!campaigns.ok()) return ProgrammeUnavailable(shared, context);
  const bool manage = context.user->Can(kManage);
  if (!manage) {
    std::erase_if(*campaigns, [](const domain::Campaign& c) {
      return c.status == domain::CampaignStatus::kDraft;
    });
  }
  Data data;
  data.set("campaigns", CampaignRows(context, *campaigns));
  data.set("has_campaigns", Data(!campaigns->empty()));
  data.set("manage", Data(manage));
  data.set("csrf_token", context.csrf_token);
  if (manage) {
    auto tree = s.people.UnitTree();
    auto people = s.people.List(*context.user, std::nullopt, store::PeopleStatus::kActive);
    if (!tree.ok() || !people.ok()) return ProgrammeUnavailable(shared, context);
    Data units{Data::type::list};
    UnitTreeItems(*tree, form, 0, units);
    data.set("units", units);
    Data options{Data::type::list};
    for (size_t i = 0; i < people->size() && i < 1000; ++i) {
      const service::PersonView& p = (*people)[i];
      Data o;
      o.set("id", std::to_string(p.id));
      o.set("label", p.name + " — " + (p.position.empty() ? "" : p.position + ", ") + p.unit_name);
      o.set("selected", Data(form.people.count(p.id) > 0));
      options.push_back(o);
    }
    data.set("people", options);
    data.set("title", form.title);
    data.set("body", form.body);
    data.set("deadline", form.deadline);
    Data errors{Data::type::list};
    for (const auto& [field, message] : form.errors) {
      Data e;
      e.set("field", "f-" + field);
      e.set("text", message);
      errors.push_back(e);
      data.set("error_" + field, message);
    }
    data.set("has_errors", Data(!form.errors.empty()));
    data.set("errors", errors);
  }
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(shared.templates(), context, "programme_campaigns", std::move(data),
                    ConsoleMeta(context, "Đợt phổ biến", "Guidance campaigns", status));
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kView)) return *std::move(refusal);
  return ListPage(shared, request, context, {}, 200);
}

// Splits "field: what" lines of an InvalidArgument into the form's errors.
void AddErrors(DraftForm& form, const base::Status& status, const PageContext& context) {
  for (std::string_view line : base::Split(status.message(), '\n')) {
    const size_t colon = line.find(": ");
    std::string field(colon == std::string_view::npos ? "title" : line.substr(0, colon));
    if (field == "targets" || field.starts_with("target_units") || field.starts_with("unit")) {
      field = "units";
    }
    if (field.starts_with("target_people") || field.starts_with("person")) field = "people";
    std::string label = field == "title"  ? std::string(context.Pick("Tiêu đề", "Title"))
                        : field == "body" ? std::string(context.Pick("Nội dung", "Document"))
                        : field == "deadline"
                            ? std::string(context.Pick("Hạn đọc", "Deadline"))
                            : std::string(context.Pick("Người nhận", "Recipients"));
    // "unit 'x': not found" names the unit before its colon: show the whole line.
    const bool named = line.starts_with("unit ") || line.starts_with("person ");
    const std::string_view what =
        colon == std::string_view::npos || named ? line : line.substr(colon + 2);
    form.errors.emplace_back(field, label + ": " + std::string(what));
  }
}

http::Response Create(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  DraftForm form;
  form.title = std::string(post.form.Field("title"));
  form.body = std::string(post.form.Field("body"));
  form.deadline = std::string(base::TrimAscii(post.form.Field("deadline")));
  for (const auto& [key, value] : post.form.fields) {
    if (key == "unit") form.units.insert(value);
    if (key == "person") {
      if (auto id = ParseId(value)) form.people.insert(*id);
    }
  }
  service::CampaignDraft draft{form.title,
                               form.body,
                               std::nullopt,
                               {form.units.begin(), form.units.end()},
                               {form.people.begin(), form.people.end()}};
  if (!form.deadline.empty()) {
    draft.deadline = ParseDeadline(form.deadline);
    if (!draft.deadline) {
      form.errors.emplace_back(
          "deadline", std::string(context.Pick("Hạn đọc: hãy chọn một ngày (năm-tháng-ngày)",
                                               "Deadline: choose a date (year-month-day)")));
      return ListPage(shared, request, context, form, 422);
    }
  }
  ProgrammeServices s(shared.services());
  if (!s.campaigns) return ProgrammeUnavailable(shared, context);
  auto created = s.campaigns->Create(draft, *context.user);
  if (!created.ok()) {
    const base::StatusCode code = created.status().code();
    if (code != base::StatusCode::kInvalidArgument && code != base::StatusCode::kNotFound) {
      return ProgrammeUnavailable(shared, context);
    }
    AddErrors(form, created.status(), context);
    return ListPage(shared, request, context, form, 422);
  }
  return RedirectWithNotice("/quan-tri/dot-pho-bien/" + std::to_string(created->id), "created");
}

// ---------------------------------------------------------------------------------------------
// One campaign

Data PendingRows(const std::vector<service::PersonView>& pending) {
  Data rows{Data::type::list};
  for (size_t i = 0; i < pending.size() && i < kPendingShown; ++i) {
    const service::PersonView& p = pending[i];
    Data row;
    row.set("name", p.name);
    row.set("position", p.position);
    row.set("unit", p.unit_name);
    row.set("phone", TextOrFalse(p.phone.value_or("")));
    rows.push_back(row);
  }
  return rows;
}

http::Response DetailPage(Shared& shared, const http::Request& request, PageContext& context,
                          int64_t id, std::string_view alert_vi, std::string_view alert_en,
                          int status) {
  ProgrammeServices s(shared.services());
  if (!s.campaigns) return ProgrammeUnavailable(shared, context);
  const bool manage = context.user->Can(kManage);
  auto progress = s.campaigns->Progress(id);
  if (!progress.ok() || (!manage && progress->campaign.status == domain::CampaignStatus::kDraft)) {
    if (!progress.ok() && progress.status().code() != base::StatusCode::kNotFound) {
      return ProgrammeUnavailable(shared, context);
    }
    return shared.ErrorPage(context, 404, "Không có đợt phổ biến này", "No such campaign",
                            "Đợt phổ biến không tồn tại.", "The campaign does not exist.");
  }
  auto scope = CallerScope(shared, *context.user);
  if (!scope) return ProgrammeUnavailable(shared, context);
  service::CampaignProgress p = Narrow(std::move(*progress), *scope);
  const domain::Campaign& c = p.campaign;
  const std::string base = "/quan-tri/dot-pho-bien/" + std::to_string(id);
  Data data;
  data.set("id", std::to_string(id));
  data.set("title", c.title);
  data.set("status", CampaignStatusLabel(context, c.status));
  data.set("status_code", std::string(domain::Name(c.status)));
  data.set("draft", Data(c.status == domain::CampaignStatus::kDraft));
  data.set("open", Data(c.status == domain::CampaignStatus::kSent));
  data.set("closed", Data(c.status == domain::CampaignStatus::kClosed));
  data.set("manage", Data(manage));
  data.set("all_units", Data(scope->all));
  data.set("created", FormatVietnamDate(c.created_at, true));
  data.set("sent", TextOrFalse(c.sent_at ? FormatVietnamDate(*c.sent_at, true) : ""));
  data.set("deadline", TextOrFalse(c.deadline ? FormatVietnamDate(*c.deadline) : ""));
  data.set("recipients", std::to_string(p.recipients));
  data.set("acknowledged", std::to_string(p.acknowledged));
  data.set("percent", std::to_string(p.percent));
  data.set("units", UnitProgressRows(p.units, kLagBelow));
  data.set("has_units", Data(!p.units.empty()));
  std::string targets;
  for (const std::string& code : c.target_units) targets += (targets.empty() ? "" : ", ") + code;
  data.set("target_units", targets);
  data.set("target_people", std::to_string(c.target_people.size()));
  data.set("base", base);
  data.set("public_href", "/dot-pho-bien/" + std::to_string(id));
  data.set("csrf_token", context.csrf_token);
  if (c.status != domain::CampaignStatus::kDraft) {
    auto pending = s.campaigns->Pending(id, *context.user);
    if (!pending.ok()) return ProgrammeUnavailable(shared, context);
    std::erase_if(*pending,
                  [&](const service::PersonView& v) { return !scope->Contains(v.unit_code); });
    data.set("pending", PendingRows(*pending));
    data.set("pending_count", std::to_string(pending->size()));
    data.set("has_pending", Data(!pending->empty()));
    data.set("pending_cut", Data(pending->size() > kPendingShown));
  }
  AddConsoleNotices(data, request, context, kMessages, alert_vi, alert_en);
  return RenderPage(shared.templates(), context, "programme_campaign", std::move(data),
                    ConsoleMeta(context, c.title, c.title, status));
}

http::Response Detail(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kView)) return *std::move(refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) {
    return shared.ErrorPage(context, 404, "Không có đợt phổ biến này", "No such campaign",
                            "Đợt phổ biến không tồn tại.", "The campaign does not exist.");
  }
  return DetailPage(shared, request, context, *id, "", "", 200);
}

// Send or close, each with its confirmation box.
http::Response Act(Shared& shared, const http::Request& request, bool send) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) {
    return shared.ErrorPage(context, 404, "Không có đợt phổ biến này", "No such campaign",
                            "Đợt phổ biến không tồn tại.", "The campaign does not exist.");
  }
  if (!post.form.Checked("confirm")) {
    return DetailPage(shared, request, context, *id,
                      "Chưa thực hiện: hãy đánh dấu ô xác nhận rồi bấm lại.",
                      "Not done: tick the confirmation box, then press again.", 422);
  }
  ProgrammeServices s(shared.services());
  if (!s.campaigns) return ProgrammeUnavailable(shared, context);
  auto done = send ? s.campaigns->Send(*id, *context.user) : s.campaigns->Close(*id, *context.user);
  if (!done.ok()) {
    if (done.status().code() == base::StatusCode::kNotFound) {
      return shared.ErrorPage(context, 404, "Không có đợt phổ biến này", "No such campaign",
                              "Đợt phổ biến không tồn tại.", "The campaign does not exist.");
    }
    return DetailPage(shared, request, context, *id,
                      send ? "Chưa gửi được: đợt này không còn là bản nháp."
                           : "Chưa kết thúc được: đợt này chưa gửi hoặc đã kết thúc.",
                      send ? "Not sent: the campaign is no longer a draft."
                           : "Not closed: the campaign is not sent or already closed.",
                      409);
  }
  return RedirectWithNotice("/quan-tri/dot-pho-bien/" + std::to_string(*id),
                            send ? "sent" : "closed");
}

}  // namespace

void RegisterProgrammeCampaigns(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/dot-pho-bien",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/dot-pho-bien",
             [&shared](http::Request& r) { return Create(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/dot-pho-bien/{id}",
             [&shared](http::Request& r) { return Detail(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/dot-pho-bien/{id}/gui",
             [&shared](http::Request& r) { return Act(shared, r, true); });
  router.Add(http::Method::kPost, "/quan-tri/dot-pho-bien/{id}/ket-thuc",
             [&shared](http::Request& r) { return Act(shared, r, false); });
}

}  // namespace binhyen::web::internal

// Unit self-assessments ("tự đánh giá", issue 9) in the console: /quan-tri/tu-danh-gia lists the
// caller's units with their latest score; /quan-tri/tu-danh-gia/{unit} is the checklist form
// (grouped by area; Có / Một phần / Chưa / Không áp dụng per question) and the unit's history;
// /quan-tri/tu-danh-gia/{unit}/{id} shows one assessment's answers. Unit officers see their
// unit's subtree, programme admins every unit.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/self_assessment.h"
#include "service/self_assessments.h"
#include "web/internal/plan_common.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kPermission = service::Permission::kPeopleManage;

constexpr ConsoleMessage kMessages[] = {
    {"submitted", "Đã lưu bản tự đánh giá.", "The self-assessment is saved."},
};

constexpr domain::AssessmentAnswer kAnswers[] = {
    domain::AssessmentAnswer::kYes, domain::AssessmentAnswer::kPartly,
    domain::AssessmentAnswer::kNo, domain::AssessmentAnswer::kNotApplicable};

std::string_view AnswerLabel(const PageContext& context, domain::AssessmentAnswer a) {
  switch (a) {
    case domain::AssessmentAnswer::kYes: return context.Pick("Có", "Yes");
    case domain::AssessmentAnswer::kPartly: return context.Pick("Một phần", "Partly");
    case domain::AssessmentAnswer::kNo: return context.Pick("Chưa", "Not yet");
    case domain::AssessmentAnswer::kNotApplicable:
      return context.Pick("Không áp dụng", "Not applicable");
  }
  return "";
}

service::SelfAssessments MakeAssessments(Shared& shared) {
  return service::SelfAssessments(shared.services().store, shared.services().clock);
}

std::string UnitHref(std::string_view unit) {
  return "/quan-tri/tu-danh-gia/" + http::UrlEncode(unit);
}

// The names of users by id, for "who" columns; "#<id>" when unreadable.
std::map<int64_t, std::string> UserNames(Shared& shared,
                                         const std::vector<domain::SelfAssessment>& list) {
  std::map<int64_t, std::string> names;
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  for (const domain::SelfAssessment& a : list) {
    if (names.count(a.submitted_by) > 0) continue;
    auto user = tx.ok() ? (*tx)->Users().Get(a.submitted_by)
                        : base::Result<domain::User>(base::UnavailableError("store"));
    names[a.submitted_by] = user.ok() ? user->name : UserNumber(a.submitted_by);
  }
  return names;
}

http::Response Overview(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kPermission)) return *std::move(refusal);
  service::SelfAssessments assessments = MakeAssessments(shared);
  auto rows = assessments.Overview(*context.user);
  if (!rows.ok()) return PlanErrorPage(shared, context, rows.status());
  Data list{Data::type::list};
  int assessed = 0;
  for (const service::UnitAssessmentRow& r : *rows) {
    Data row;
    row.set("code", r.unit_code);
    row.set("name", r.unit_name);
    row.set("href", UnitHref(r.unit_code));
    if (r.latest) {
      ++assessed;
      row.set("score", PercentOf(r.latest->score));
      row.set("date", FormatVietnamDate(r.latest->submitted_at));
    }
    row.set("assessed", Data(r.latest.has_value()));
    list.push_back(row);
  }
  Data data;
  data.set("rows", list);
  data.set("has_rows", Data(!rows->empty()));
  data.set("assessed", std::to_string(assessed));
  data.set("units", std::to_string(rows->size()));
  return RenderPage(shared.templates(), context, "plan_assessments", std::move(data),
                    ConsoleMeta(context, "Tự đánh giá", "Self-assessments"));
}

// The checklist grouped by area: [{area, items: [{key, number, text, error, answers: [{value,
// label, checked}]}]}], `answers` checked; `errors` by field "answers.<key>".
Data ChecklistAreas(const PageContext& context, const std::map<std::string, std::string>& answers,
                    const PlanErrors& errors) {
  Data areas{Data::type::list};
  Data area;
  Data items{Data::type::list};
  std::string_view current;
  int number = 0;
  auto flush = [&] {
    if (current.empty()) return;
    area.set("items", items);
    areas.push_back(area);
    area = Data();
    items = Data(Data::type::list);
  };
  for (const domain::ChecklistItem& item : domain::CurrentChecklist().items) {
    const std::string_view name = context.Pick(item.area_vi, item.area_en);
    if (name != current) {
      flush();
      current = name;
      area.set("area", std::string(name));
    }
    const std::string key(item.key);
    Data row;
    row.set("key", key);
    row.set("number", std::to_string(++number));
    row.set("text", std::string(context.Pick(item.text_vi, item.text_en)));
    auto error = errors.find("answers." + key);
    row.set("error", error == errors.end() ? Data(false) : Data(error->second));
    auto chosen = answers.find(key);
    Data options{Data::type::list};
    for (domain::AssessmentAnswer a : kAnswers) {
      Data o;
      o.set("value", std::string(domain::Name(a)));
      o.set("label", std::string(AnswerLabel(context, a)));
      o.set("checked", Data(chosen != answers.end() && chosen->second == domain::Name(a)));
      options.push_back(o);
    }
    row.set("answers", options);
    items.push_back(row);
  }
  flush();
  return areas;
}

// "Câu 3" labels for the answers' field errors (their storage outlives the labels' views).
struct AnswerLabels {
  std::vector<std::string> fields, vi, en;
  std::vector<PlanFieldLabel> labels;
  AnswerLabels() {
    const auto items = domain::CurrentChecklist().items;
    for (size_t i = 0; i < items.size(); ++i) {
      fields.push_back("answers." + std::string(items[i].key));
      vi.push_back("Câu " + std::to_string(i + 1));
      en.push_back("Question " + std::to_string(i + 1));
    }
    for (size_t i = 0; i < fields.size(); ++i) labels.push_back({fields[i], vi[i], en[i]});
    labels.push_back({"note", "Ghi chú", "Note"});
    labels.push_back({"unit", "Đơn vị", "Unit"});
  }
};

Data HistoryRows(Shared& shared, const std::string& unit,
                 const std::vector<domain::SelfAssessment>& history) {
  const std::map<int64_t, std::string> names = UserNames(shared, history);
  Data list{Data::type::list};
  for (const domain::SelfAssessment& a : history) {
    Data row;
    row.set("href", UnitHref(unit) + "/" + std::to_string(a.id));
    row.set("date", FormatVietnamDate(a.submitted_at, true));
    row.set("score", PercentOf(a.score));
    row.set("who", names.at(a.submitted_by));
    list.push_back(row);
  }
  return list;
}

struct AssessmentForm {
  std::map<std::string, std::string> answers;
  std::string note;
  PlanErrors errors;
};

http::Response UnitPage(Shared& shared, const http::Request& request, PageContext& context,
                        const std::string& unit, const AssessmentForm* typed) {
  service::SelfAssessments assessments = MakeAssessments(shared);
  auto history = assessments.History(*context.user, unit);
  if (!history.ok()) return PlanErrorPage(shared, context, history.status());
  AssessmentForm prefilled;
  const domain::Checklist& checklist = domain::CurrentChecklist();
  // The latest answers of the same checklist are the start of the next assessment.
  if (!history->empty() && history->front().checklist_version == checklist.version) {
    for (const auto& [key, answer] : history->front().answers) {
      prefilled.answers[key] = std::string(domain::Name(answer));
    }
  }
  const AssessmentForm& form = typed ? *typed : prefilled;
  Data data;
  data.set("unit", unit);
  data.set("unit_name", PlanUnitName(shared, unit));
  data.set("action", UnitHref(unit));
  data.set("areas", ChecklistAreas(context, form.answers, form.errors));
  data.set("f_note", form.note);
  data.set("prefilled", Data(typed == nullptr && !prefilled.answers.empty()));
  data.set("history", HistoryRows(shared, unit, *history));
  data.set("has_history", Data(!history->empty()));
  if (!history->empty()) data.set("latest_score", PercentOf(history->front().score));
  SetPlanErrors(data, form.errors);
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(
      shared.templates(), context, "plan_assessment", std::move(data),
      ConsoleMeta(context, "Tự đánh giá", "Self-assessment", form.errors.empty() ? 200 : 422));
}

http::Response ShowUnit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kPermission)) return *std::move(refusal);
  return UnitPage(shared, request, context, std::string(request.PathParam("unit")), nullptr);
}

http::Response Submit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kPermission);
  if (post.refusal) return *std::move(post.refusal);
  const std::string unit(request.PathParam("unit"));
  service::AssessmentInput input;
  input.unit = unit;
  for (const domain::ChecklistItem& item : domain::CurrentChecklist().items) {
    const std::string_view answer = post.form.Field("a." + std::string(item.key));
    if (!answer.empty()) input.answers[std::string(item.key)] = std::string(answer);
  }
  input.note = std::string(post.form.Field("note"));
  service::SelfAssessments assessments = MakeAssessments(shared);
  auto saved = assessments.Submit(*context.user, input);
  if (saved.ok()) return RedirectWithNotice(UnitHref(unit), "submitted");
  if (saved.status().code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, saved.status());
  }
  static const AnswerLabels kLabels;
  AssessmentForm typed{input.answers, input.note,
                       PlanFieldErrors(context, saved.status(), kLabels.labels)};
  return UnitPage(shared, request, context, unit, &typed);
}

// One assessment's answers, with the checklist's texts of its own version.
http::Response ShowOne(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kPermission)) return *std::move(refusal);
  const std::string unit(request.PathParam("unit"));
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  service::SelfAssessments assessments = MakeAssessments(shared);
  auto a = id ? assessments.Get(*context.user, *id)
              : base::Result<domain::SelfAssessment>(base::NotFoundError("id"));
  if (a.ok() && a->unit_code != unit) a = base::NotFoundError("unit");
  if (!a.ok()) return PlanErrorPage(shared, context, a.status());
  const std::optional<domain::Checklist> checklist = domain::FindChecklist(a->checklist_version);
  Data rows{Data::type::list};
  int number = 0;
  for (const auto& [key, answer] : a->answers) {
    Data row;
    row.set("number", std::to_string(++number));
    row.set("text", key);
    if (checklist) {
      for (const domain::ChecklistItem& item : checklist->items) {
        if (item.key != key) continue;
        row.set("area", std::string(context.Pick(item.area_vi, item.area_en)));
        row.set("text", std::string(context.Pick(item.text_vi, item.text_en)));
      }
    }
    row.set("answer", std::string(AnswerLabel(context, answer)));
    row.set("answer_code", std::string(domain::Name(answer)));
    rows.push_back(row);
  }
  Data data;
  data.set("unit_name", PlanUnitName(shared, unit));
  data.set("back", UnitHref(unit));
  data.set("rows", rows);
  data.set("score", PercentOf(a->score));
  data.set("date", FormatVietnamDate(a->submitted_at, true));
  data.set("who", UserNames(shared, {*a}).at(a->submitted_by));
  data.set("version", a->checklist_version);
  data.set("note", TextOrFalse(a->note));
  return RenderPage(shared.templates(), context, "plan_assessment_view", std::move(data),
                    ConsoleMeta(context, "Bản tự đánh giá", "Self-assessment"));
}

}  // namespace

void RegisterPlanAssessments(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/tu-danh-gia",
             [&shared](http::Request& r) { return Overview(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/tu-danh-gia/{unit}",
             [&shared](http::Request& r) { return ShowUnit(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/tu-danh-gia/{unit}",
             [&shared](http::Request& r) { return Submit(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/tu-danh-gia/{unit}/{id}",
             [&shared](http::Request& r) { return ShowOne(shared, r); });
}

}  // namespace binhyen::web::internal

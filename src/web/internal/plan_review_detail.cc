// One review (/quan-tri/so-ket/{id}): the download buttons (XLSX, PDF), a preview of the key
// figures computed from the data, the reward proposals (each with its own edit form, proposing
// them again from the data, adding one by hand) and the particulars' edit form. Reporters come
// as candidates left out: naming one needs their consent. Programme admins only.

#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "web/internal/plan_reviews.h"

namespace binhyen::web::internal {
namespace {

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã lập báo cáo và đề xuất khen thưởng từ số liệu. Kiểm tra rồi tải về.",
     "The review is made and its reward candidates proposed from the data. Check, then download."},
    {"saved", "Đã lưu thay đổi.", "Changes saved."},
    {"proposed", "Đã đề xuất lại danh sách khen thưởng từ số liệu.",
     "The reward candidates were proposed again from the data."},
    {"proposal", "Đã lưu đề xuất.", "Proposal saved."},
    {"added", "Đã thêm đề xuất.", "Proposal added."},
};

// The forms as typed, with their errors (null: the stored values / blank).
struct ReviewForms {
  const service::ReviewInput* particulars = nullptr;
  PlanErrors particulars_errors;
  int64_t proposal_id = 0;  // the proposal whose edit form `proposal` holds
  const service::ProposalInput* proposal = nullptr;
  PlanErrors proposal_errors;
  const service::ProposalInput* added = nullptr;
  PlanErrors added_errors;
  bool confirm_missing = false;  // "propose again" without its confirmation box
};

std::string ReviewHref(int64_t id) { return "/quan-tri/so-ket/" + std::to_string(id); }

std::string_view SubjectLabel(const PageContext& context, domain::RewardSubject s) {
  switch (s) {
    case domain::RewardSubject::kUnit: return context.Pick("Tập thể (đơn vị)", "Unit");
    case domain::RewardSubject::kPerson: return context.Pick("Cá nhân", "Person");
    case domain::RewardSubject::kChannel: return context.Pick("Kênh cộng đồng", "Channel");
  }
  return "";
}

std::string Share(int64_t part, int64_t whole) {
  if (whole <= 0) return "—";
  return std::to_string((part * 100 + whole / 2) / whole) + "%";
}

void AddFigure(Data& list, std::string_view label, const std::string& value, std::string_view id) {
  Data f;
  f.set("label", std::string(label));
  f.set("value", value);
  f.set("id", std::string(id));
  list.push_back(f);
}

// The key figures of the period, as cards.
Data FigureCards(const PageContext& c, const service::ReviewFigures& f) {
  Data list{Data::type::list};
  AddFigure(list, c.Pick("Tin báo nhận được", "Reports received"),
            std::to_string(f.reports.total_reports), "fig-reports");
  AddFigure(list, c.Pick("Tin báo được xác nhận", "Reports confirmed"),
            std::to_string(f.reports.confirmed), "fig-confirmed");
  char hours[32] = "—";
  if (f.reports.median_hours_to_decision) {
    std::snprintf(hours, sizeof hours, "%.1f", *f.reports.median_hours_to_decision);
  }
  AddFigure(list, c.Pick("Thời gian xử lý (trung vị, giờ)", "Median hours to a verdict"), hours,
            "fig-hours");
  AddFigure(list, c.Pick("Cảnh báo đã đăng", "Warnings published"),
            std::to_string(f.published.warnings), "fig-warnings");
  AddFigure(list, c.Pick("Đính chính đã đăng", "Clarifications published"),
            std::to_string(f.published.clarifications), "fig-clarifications");
  int64_t recipients = 0, acknowledged = 0;
  for (const service::CampaignFigures& x : f.campaigns) {
    recipients += x.recipients;
    acknowledged += x.acknowledged;
  }
  AddFigure(list, c.Pick("Tỷ lệ xác nhận đã đọc tài liệu", "Campaign completion"),
            Share(acknowledged, recipients), "fig-campaigns");
  int64_t invited = 0, attended = 0;
  for (const service::TrainingFigures& x : f.trainings) {
    invited += x.invited;
    attended += x.attended;
  }
  AddFigure(list, c.Pick("Buổi tập huấn / lượt tham dự", "Trainings / attendance"),
            std::to_string(f.trainings.size()) + " / " + std::to_string(attended) + " (" +
                Share(attended, invited) + ")",
            "fig-trainings");
  int64_t done = 0, overdue = 0, total = 0;
  for (const service::UnitTaskCounts& x : f.tasks) {
    done += x.done;
    overdue += x.overdue;
    total += x.total;
  }
  AddFigure(list, c.Pick("Nhiệm vụ hoàn thành / quá hạn", "Tasks done / overdue"),
            std::to_string(done) + "/" + std::to_string(total) + " · " + std::to_string(overdue),
            "fig-tasks");
  int64_t allocated = 0, spent = 0;
  for (const service::BudgetFigures& x : f.budget) {
    allocated += x.allocated;
    spent += x.spent_in_period;
  }
  AddFigure(list, c.Pick("Kinh phí được giao", "Budget allocated"), ShowVnd(allocated),
            "fig-allocated");
  AddFigure(list, c.Pick("Kinh phí đã chi trong kỳ", "Spent in the period"), ShowVnd(spent),
            "fig-spent");
  return list;
}

// The proposal's values for its form: as typed when it is the one that failed.
service::ProposalInput ProposalValues(const domain::RewardProposal& p, const ReviewForms& forms) {
  if (forms.proposal != nullptr && forms.proposal_id == p.id) return *forms.proposal;
  return service::ProposalInput{"",       p.subject_name, p.unit_code, std::to_string(p.rank),
                                p.reason, p.award,        p.included};
}

Data ProposalRows(const PageContext& context, int64_t review_id,
                  const std::vector<domain::RewardProposal>& proposals, const ReviewForms& forms) {
  Data rows{Data::type::list};
  for (const domain::RewardProposal& p : proposals) {
    const service::ProposalInput v = ProposalValues(p, forms);
    Data row;
    row.set("id", std::to_string(p.id));
    row.set("action", ReviewHref(review_id) + "/de-xuat/" + std::to_string(p.id));
    row.set("subject", std::string(SubjectLabel(context, p.subject)));
    row.set("basis", TextOrFalse(p.basis));
    row.set("manual", Data(p.manual));
    row.set("person", Data(p.subject == domain::RewardSubject::kPerson && !p.manual));
    row.set("p_name", v.subject_name);
    row.set("p_rank", v.rank);
    row.set("p_reason", v.reason);
    row.set("p_award", v.award);
    row.set("p_included", Data(v.included));
    row.set("included", Data(p.included));
    Data errors;
    SetPlanErrors(errors, forms.proposal_id == p.id ? forms.proposal_errors : PlanErrors{});
    row.set("p_errors", errors);
    rows.push_back(row);
  }
  return rows;
}

void SetAddForm(Data& data, const PageContext& context, const ReviewForms& forms) {
  const service::ProposalInput blank{"unit", "", "", "1", "", "", true};
  const service::ProposalInput& v = forms.added ? *forms.added : blank;
  Data add;
  Data subjects{Data::type::list};
  for (domain::RewardSubject s : {domain::RewardSubject::kUnit, domain::RewardSubject::kPerson,
                                  domain::RewardSubject::kChannel}) {
    Data o;
    o.set("value", std::string(domain::Name(s)));
    o.set("label", std::string(SubjectLabel(context, s)));
    o.set("selected", Data(domain::Name(s) == v.subject));
    subjects.push_back(o);
  }
  add.set("subject_options", subjects);
  add.set("a_name", v.subject_name);
  add.set("a_unit", v.unit);
  add.set("a_rank", v.rank);
  add.set("a_reason", v.reason);
  add.set("a_award", v.award);
  add.set("a_included", Data(v.included));
  SetPlanErrors(add, forms.added_errors);
  data.set("add", add);
}

http::Response ReviewPage(Shared& shared, const http::Request& request, PageContext& context,
                          int64_t id, const ReviewForms& forms) {
  service::Reviews reviews = MakeReviews(shared);
  auto review = reviews.Get(*context.user, id);
  if (!review.ok()) return PlanErrorPage(shared, context, review.status());
  auto proposals = reviews.Proposals(*context.user, id);
  if (!proposals.ok()) return PlanErrorPage(shared, context, proposals.status());
  auto figures = reviews.Figures(review->from, review->to);
  if (!figures.ok()) return PlanErrorPage(shared, context, figures.status());
  Data data;
  data.set("id", std::to_string(id));
  data.set("title", review->title);
  data.set("kind", std::string(ReviewKindLabel(context, review->kind)));
  data.set("period", ShowDate(review->from) + " – " + ShowDate(review->to));
  data.set("xlsx_href", ReviewHref(id) + "/tai.xlsx");
  data.set("pdf_href", ReviewHref(id) + "/tai.pdf");
  data.set("figures", FigureCards(context, *figures));
  data.set("proposals", ProposalRows(context, id, *proposals, forms));
  data.set("has_proposals", Data(!proposals->empty()));
  SetAddForm(data, context, forms);
  Data particulars;
  SetReviewFields(particulars, context,
                  forms.particulars ? *forms.particulars : ReviewInputOf(*review));
  SetPlanErrors(particulars, forms.particulars_errors);
  data.set("particulars", particulars);
  if (forms.confirm_missing) {
    data.set("alert", std::string(context.Pick(
                          "Chưa đề xuất lại: hãy đánh dấu ô xác nhận trước khi bấm nút.",
                          "Nothing replaced: tick the confirmation box first.")));
  }
  AddConsoleNotices(data, request, context, kMessages);
  const bool failed = !forms.particulars_errors.empty() || !forms.proposal_errors.empty() ||
                      !forms.added_errors.empty() || forms.confirm_missing;
  return RenderPage(shared.templates(), context, "plan_review", std::move(data),
                    ConsoleMeta(context, "Báo cáo sơ kết", "Review", failed ? 422 : 200));
}

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kReviewPermission)) {
    return *std::move(refusal);
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return PlanErrorPage(shared, context, base::NotFoundError("review"));
  return ReviewPage(shared, request, context, *id, {});
}

// A review POST: the checked form and the review's id, or the answer to send instead.
struct ReviewPost {
  ConsolePost post;
  int64_t id = 0;
};
ReviewPost ReadReviewPost(Shared& shared, const http::Request& request, PageContext& context) {
  ReviewPost out{ReadConsolePost(shared, request, context, kReviewPermission)};
  if (out.post.refusal) return out;
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) out.post.refusal = PlanErrorPage(shared, context, base::NotFoundError("review"));
  out.id = id.value_or(0);
  return out;
}

http::Response Edit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ReviewPost in = ReadReviewPost(shared, request, context);
  if (in.post.refusal) return *std::move(in.post.refusal);
  const service::ReviewInput input = ReviewInputFromForm(in.post.form);
  service::Reviews reviews = MakeReviews(shared);
  base::Status saved = reviews.Edit(*context.user, in.id, input);
  if (saved.ok()) return RedirectWithNotice(ReviewHref(in.id), "saved");
  if (saved.code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, saved);
  }
  ReviewForms forms;
  forms.particulars = &input;
  forms.particulars_errors = PlanFieldErrors(context, saved, kReviewLabels);
  return ReviewPage(shared, request, context, in.id, forms);
}

http::Response ProposeAgain(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ReviewPost in = ReadReviewPost(shared, request, context);
  if (in.post.refusal) return *std::move(in.post.refusal);
  if (!in.post.form.Checked("confirm")) {
    ReviewForms forms;
    forms.confirm_missing = true;
    return ReviewPage(shared, request, context, in.id, forms);
  }
  service::Reviews reviews = MakeReviews(shared);
  auto proposed = reviews.ProposeCandidates(*context.user, in.id);
  if (!proposed.ok()) return PlanErrorPage(shared, context, proposed.status());
  return RedirectWithNotice(ReviewHref(in.id), "proposed");
}

service::ProposalInput ProposalInputFromForm(const FormData& form) {
  return service::ProposalInput{std::string(form.Field("subject")),
                                std::string(form.Field("subject_name")),
                                std::string(form.Field("unit")),
                                std::string(form.Field("rank")),
                                std::string(form.Field("reason")),
                                std::string(form.Field("award")),
                                form.Checked("included")};
}

http::Response EditProposal(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ReviewPost in = ReadReviewPost(shared, request, context);
  if (in.post.refusal) return *std::move(in.post.refusal);
  std::optional<int64_t> pid = ParseId(request.PathParam("pid"));
  if (!pid) return PlanErrorPage(shared, context, base::NotFoundError("proposal"));
  const service::ProposalInput input = ProposalInputFromForm(in.post.form);
  service::Reviews reviews = MakeReviews(shared);
  base::Status saved = reviews.EditProposal(*context.user, in.id, *pid, input);
  if (saved.ok()) return RedirectWithNotice(ReviewHref(in.id), "proposal");
  if (saved.code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, saved);
  }
  ReviewForms forms;
  forms.proposal_id = *pid;
  forms.proposal = &input;
  forms.proposal_errors = PlanFieldErrors(context, saved, kReviewLabels);
  return ReviewPage(shared, request, context, in.id, forms);
}

http::Response AddProposal(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ReviewPost in = ReadReviewPost(shared, request, context);
  if (in.post.refusal) return *std::move(in.post.refusal);
  const service::ProposalInput input = ProposalInputFromForm(in.post.form);
  service::Reviews reviews = MakeReviews(shared);
  auto added = reviews.AddProposal(*context.user, in.id, input);
  if (added.ok()) return RedirectWithNotice(ReviewHref(in.id), "added");
  if (added.status().code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, added.status());
  }
  ReviewForms forms;
  forms.added = &input;
  forms.added_errors = PlanFieldErrors(context, added.status(), kReviewLabels);
  return ReviewPage(shared, request, context, in.id, forms);
}

}  // namespace

void RegisterPlanReviewDetail(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/so-ket/{id}",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/so-ket/{id}",
             [&shared](http::Request& r) { return Edit(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/so-ket/{id}/de-xuat-lai",
             [&shared](http::Request& r) { return ProposeAgain(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/so-ket/{id}/de-xuat",
             [&shared](http::Request& r) { return AddProposal(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/so-ket/{id}/de-xuat/{pid}",
             [&shared](http::Request& r) { return EditProposal(shared, r); });
}

}  // namespace binhyen::web::internal

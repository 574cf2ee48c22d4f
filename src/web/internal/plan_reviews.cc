// Periodic reviews ("sơ kết" / "tổng kết", issue 9) in the console: /quan-tri/so-ket lists the
// reviews and offers two ways to make one: the form prefilled for the last completed half-year
// (the particulars of the latest review kept), and one button that makes that review as it is
// prefilled. Either way the reward candidates are proposed from the data and the review's page
// opens. Programme admins only.

#include "web/internal/plan_reviews.h"

#include <charconv>
#include <string>
#include <utility>

namespace binhyen::web::internal {

const PlanFieldLabel kReviewLabels[19] = {
    {"kind", "Loại báo cáo", "Kind"},
    {"title", "Tiêu đề", "Title"},
    {"from", "Từ ngày", "From"},
    {"to", "Đến ngày", "To"},
    {"superior_body", "Cơ quan cấp trên", "Superior body"},
    {"issuing_body", "Cơ quan ban hành", "Issuing body"},
    {"number", "Số văn bản", "Number"},
    {"place", "Địa danh", "Place"},
    {"report_date", "Ngày báo cáo", "Report date"},
    {"signer_authority", "Thẩm quyền ký", "Signing authority"},
    {"signer_position", "Chức vụ người ký", "Signer's position"},
    {"signer_name", "Người ký", "Signer"},
    {"recipients", "Nơi nhận", "Recipients"},
    {"subject", "Đối tượng", "Subject"},
    {"subject_name", "Tên", "Name"},
    {"unit", "Đơn vị", "Unit"},
    {"rank", "Thứ tự", "Rank"},
    {"reason", "Lý do", "Reason"},
    {"award", "Hình thức khen thưởng", "Award"},
};

service::Reviews MakeReviews(Shared& shared) {
  const WebServices& s = shared.services();
  return service::Reviews(s.store, s.contact_box, s.clock);
}

std::string_view ReviewKindLabel(const PageContext& context, domain::ReviewKind kind) {
  switch (kind) {
    case domain::ReviewKind::kSixMonth: return context.Pick("Sơ kết 6 tháng", "Six-month review");
    case domain::ReviewKind::kAnnual: return context.Pick("Tổng kết năm", "Annual review");
    case domain::ReviewKind::kOther: return context.Pick("Kỳ khác", "Other period");
  }
  return "";
}

service::ReviewInput ReviewInputFromForm(const FormData& form) {
  service::ReviewInput in;
  in.kind = std::string(form.Field("kind"));
  in.title = std::string(form.Field("title"));
  in.from = std::string(form.Field("from"));
  in.to = std::string(form.Field("to"));
  in.superior_body = std::string(form.Field("superior_body"));
  in.issuing_body = std::string(form.Field("issuing_body"));
  in.number = std::string(form.Field("number"));
  in.place = std::string(form.Field("place"));
  in.report_date = std::string(form.Field("report_date"));
  in.signer_authority = std::string(form.Field("signer_authority"));
  in.signer_position = std::string(form.Field("signer_position"));
  in.signer_name = std::string(form.Field("signer_name"));
  in.recipients = std::string(form.Field("recipients"));
  return in;
}

service::ReviewInput ReviewInputOf(const domain::Review& r) {
  return service::ReviewInput{std::string(domain::Name(r.kind)),
                              r.title,
                              r.from,
                              r.to,
                              r.superior_body,
                              r.issuing_body,
                              r.number,
                              r.place,
                              r.report_date,
                              r.signer_authority,
                              r.signer_position,
                              r.signer_name,
                              r.recipients};
}

void SetReviewFields(Data& data, const PageContext& context, const service::ReviewInput& in) {
  Data kinds{Data::type::list};
  for (domain::ReviewKind k :
       {domain::ReviewKind::kSixMonth, domain::ReviewKind::kAnnual, domain::ReviewKind::kOther}) {
    Data o;
    o.set("value", std::string(domain::Name(k)));
    o.set("label", std::string(ReviewKindLabel(context, k)));
    o.set("selected", Data(domain::Name(k) == in.kind));
    kinds.push_back(o);
  }
  data.set("kind_options", kinds);
  data.set("r_title", in.title);
  data.set("r_from", in.from);
  data.set("r_to", in.to);
  data.set("r_superior_body", in.superior_body);
  data.set("r_issuing_body", in.issuing_body);
  data.set("r_number", in.number);
  data.set("r_place", in.place);
  data.set("r_report_date", in.report_date);
  data.set("r_signer_authority", in.signer_authority);
  data.set("r_signer_position", in.signer_position);
  data.set("r_signer_name", in.signer_name);
  data.set("r_recipients", in.recipients);
}

base::Result<int64_t> CreateReviewWithCandidates(Shared& shared, const service::Principal& caller,
                                                 const service::ReviewInput& input) {
  service::Reviews reviews = MakeReviews(shared);
  BINHYEN_ASSIGN_OR_RETURN(int64_t id, reviews.Create(caller, input));
  // The review exists even if the candidates cannot be computed now: its page offers
  // "Đề xuất lại từ số liệu".
  (void)reviews.ProposeCandidates(caller, id);
  return id;
}

namespace {

// The last half-year completed before `today` ("YYYY-MM-DD"): January–June of this year from
// July on, else July–December of last year.
std::pair<std::string, std::string> LastHalfYear(const std::string& today) {
  int year = 0;
  int month = 0;
  std::from_chars(today.data(), today.data() + 4, year);
  std::from_chars(today.data() + 5, today.data() + 7, month);
  if (month >= 7) {
    const std::string y = std::to_string(year);
    return {y + "-01-01", y + "-06-30"};
  }
  const std::string y = std::to_string(year - 1);
  return {y + "-07-01", y + "-12-31"};
}

// The prefilled review of the last half-year, from the latest review's particulars.
base::Result<service::ReviewInput> Draft(Shared& shared, const service::Principal& caller,
                                         std::vector<domain::Review>* list = nullptr) {
  service::Reviews reviews = MakeReviews(shared);
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Review> all, reviews.List(caller));
  const std::string today = PlanToday(shared);
  const auto [from, to] = LastHalfYear(today);
  service::ReviewInput draft =
      ReviewInputOf(service::DraftReview(all.empty() ? nullptr : &all.front(), from, to, today));
  if (list != nullptr) *list = std::move(all);
  return draft;
}

Data ReviewRows(const PageContext& context, const std::vector<domain::Review>& list) {
  Data rows{Data::type::list};
  for (const domain::Review& r : list) {
    Data row;
    row.set("id", std::to_string(r.id));
    row.set("title", r.title);
    row.set("kind", std::string(ReviewKindLabel(context, r.kind)));
    row.set("period", ShowDate(r.from) + " – " + ShowDate(r.to));
    row.set("number", r.number.empty() ? std::string("—") : r.number);
    row.set("created", FormatVietnamDate(r.created_at));
    rows.push_back(row);
  }
  return rows;
}

http::Response ListPage(Shared& shared, PageContext& context, const service::ReviewInput* typed,
                        const PlanErrors& errors) {
  std::vector<domain::Review> list;
  auto draft = Draft(shared, *context.user, &list);
  if (!draft.ok()) return PlanErrorPage(shared, context, draft.status());
  Data data;
  data.set("reviews", ReviewRows(context, list));
  data.set("has_reviews", Data(!list.empty()));
  data.set("draft_period", ShowDate(draft->from) + " – " + ShowDate(draft->to));
  SetReviewFields(data, context, typed ? *typed : *draft);
  SetPlanErrors(data, errors);
  return RenderPage(
      shared.templates(), context, "plan_reviews", std::move(data),
      ConsoleMeta(context, "Sơ kết, tổng kết", "Reviews", errors.empty() ? 200 : 422));
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kReviewPermission)) {
    return *std::move(refusal);
  }
  return ListPage(shared, context, nullptr, {});
}

http::Response Create(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kReviewPermission);
  if (post.refusal) return *std::move(post.refusal);
  const service::ReviewInput input = ReviewInputFromForm(post.form);
  auto id = CreateReviewWithCandidates(shared, *context.user, input);
  if (id.ok()) return RedirectWithNotice("/quan-tri/so-ket/" + std::to_string(*id), "created");
  if (id.status().code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, id.status());
  }
  return ListPage(shared, context, &input, PlanFieldErrors(context, id.status(), kReviewLabels));
}

// One click: the review of the last half-year exactly as the form would be prefilled.
http::Response CreateLatest(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kReviewPermission);
  if (post.refusal) return *std::move(post.refusal);
  auto draft = Draft(shared, *context.user);
  if (!draft.ok()) return PlanErrorPage(shared, context, draft.status());
  auto id = CreateReviewWithCandidates(shared, *context.user, *draft);
  if (!id.ok()) return PlanErrorPage(shared, context, id.status());
  return RedirectWithNotice("/quan-tri/so-ket/" + std::to_string(*id), "created");
}

}  // namespace

void RegisterPlanReviews(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/so-ket",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/so-ket",
             [&shared](http::Request& r) { return Create(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/so-ket/lap-nhanh",
             [&shared](http::Request& r) { return CreateLatest(shared, r); });
  RegisterPlanReviewDetail(router, shared);
  RegisterPlanReviewFiles(router, shared);
}

}  // namespace binhyen::web::internal

#pragma once

// What the review pages share (plan_reviews.cc, plan_review_detail.cc, plan_review_files.cc).

#include <string>

#include "domain/review.h"
#include "service/reviews.h"
#include "web/internal/plan_common.h"

namespace binhyen::web::internal {

// The permission of every review page: the standing office.
inline constexpr auto kReviewPermission = service::Permission::kProgrammeManage;

// The labels of the review and proposal forms' fields.
extern const PlanFieldLabel kReviewLabels[19];

// The service over the shared store, contact key and clock (cheap: references only).
service::Reviews MakeReviews(Shared& shared);

// "Sơ kết 6 tháng" / "Six-month review", ...
std::string_view ReviewKindLabel(const PageContext& context, domain::ReviewKind kind);

// The review's particulars as posted, and as stored.
service::ReviewInput ReviewInputFromForm(const FormData& form);
service::ReviewInput ReviewInputOf(const domain::Review& review);

// Sets r_kind options (kind_options), r_title, r_from, r_to, r_superior_body, r_issuing_body,
// r_number, r_place, r_report_date, r_signer_authority, r_signer_position, r_signer_name and
// r_recipients.
void SetReviewFields(Data& data, const PageContext& context, const service::ReviewInput& in);

// Creates a review of `input` and proposes its candidates from the data: the new id, or the
// service's error (InvalidArgument per field).
base::Result<int64_t> CreateReviewWithCandidates(Shared& shared, const service::Principal& caller,
                                                 const service::ReviewInput& input);

void RegisterPlanReviewFiles(http::Router& router, Shared& shared);  // plan_review_files.cc

}  // namespace binhyen::web::internal

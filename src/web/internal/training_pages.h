#pragma once

// What the training page groups share (training_pages.cc, training_detail_pages.cc,
// training_checkin_page.cc).

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "http/router.h"
#include "service/trainings.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {

// The service over the shared store, clock and check-in key.
service::Trainings MakeTrainings(Shared& shared);

// "Đã lên lịch" / "Scheduled", ... and the badge class of a status.
std::string_view TrainingStatusLabel(const PageContext& context, domain::TrainingStatus status);
std::string_view TrainingStatusBadge(domain::TrainingStatus status);

// The page for a service error of a console training page (404, 403, 409, 503).
http::Response TrainingErrorPage(Shared& shared, const PageContext& context,
                                 const base::Status& status);

// "YYYY-MM-DD" and "HH:MM" in Vietnam time (UTC+7) as a time point; nullopt when malformed.
std::optional<base::TimePoint> ParseVietnamDateTime(std::string_view date, std::string_view time);
// The inverse: "YYYY-MM-DD" and "HH:MM" of `t` in Vietnam time.
std::string VietnamDateInput(base::TimePoint t);
std::string VietnamTimeInput(base::TimePoint t);

void RegisterTrainingDetailPages(http::Router& router, Shared& shared);  // training_detail_pages.cc
void RegisterTrainingReportPage(http::Router& router, Shared& shared);   // training_report_page.cc
void RegisterTrainingCheckinPages(http::Router& router,
                                  Shared& shared);  // training_checkin_page.cc

}  // namespace binhyen::web::internal

#pragma once

// The console's report page (/quan-tri/bao-cao/{id}), shared by its GET route and the action
// routes that answer with the page itself (a refused action, a revealed contact).

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "http/message.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {

// What an action adds to the report page.
struct ReportPageExtras {
  int status = 200;
  std::string alert_vi;  // role=alert message when not empty
  std::string alert_en;
  // The reporter's contact as revealed (the JSON object of ReportIntake::RevealContact), shown
  // once in this answer and never put in a URL.
  std::optional<std::string> contact_json;
  // The fields the analyst typed into a refused form, re-shown.
  std::string reject_detail;
  std::string public_note;
};

// The report page of report `id` for the signed-in user of `context` (RequireUser done), or the
// 404 page when there is no such report.
http::Response ReportDetailPage(Shared& shared, const http::Request& request, PageContext& context,
                                int64_t id, const ReportPageExtras& extras);

// The reasons an analyst picks when rejecting (the reject form's select), "other" last.
struct RejectReason {
  std::string_view code;
  std::string_view vi;
  std::string_view en;
};
std::span<const RejectReason> RejectReasons();

}  // namespace binhyen::web::internal

#pragma once

// What the console's page groups share: labels of the domain's vocabularies, the status notice
// after an action, the guard of every POST, and the per-group Register functions.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/enums.h"
#include "http/message.h"
#include "http/router.h"
#include "service/permissions.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {

// A message shown after an action (the `ok=` code of the redirect), in both languages.
struct ConsoleMessage {
  std::string_view code;
  std::string_view vi;
  std::string_view en;
};

// Sets "notice" (role=status) from the request's ?ok=<code> when `code` is one of `messages`,
// and "alert" (role=alert) from `alert_vi`/`alert_en` when not empty.
void AddConsoleNotices(Data& data, const http::Request& request, const PageContext& context,
                       std::span<const ConsoleMessage> messages, std::string_view alert_vi = {},
                       std::string_view alert_en = {});

// "Đã tiếp nhận" / "Received", ... and the badge colour class of a report status.
std::string_view ReportStatusLabel(const PageContext& context, domain::ReportStatus status);
std::string_view ReportStatusBadge(domain::ReportStatus status);

// The category's label in the page's language, capitalised ("Lừa đảo qua đường link").
std::string ConsoleCategoryLabel(const PageContext& context, domain::Category category);
// A list of {value, label, selected} of every category (the form selects).
Data CategoryOptionList(const PageContext& context, std::string_view selected);

// `text`, or false when it is empty: for a value the template shows in a {{#section}} only when
// present (kainjow renders a section for any string, even an empty one).
Data TextOrFalse(std::string text);

// A revealed contact (the JSON object {"name", "phone", "email"} the services decrypt) as a
// list of {label, value} in the page's language; empty when it is not such an object.
Data ContactFields(const PageContext& context, const std::string& contact_json);

// "#<id>": a user shown by number when its name cannot be read.
std::string UserNumber(int64_t user_id);

// A decimal id of a path parameter or form field; nullopt unless 1..2^63-1 in plain digits.
std::optional<int64_t> ParseId(std::string_view text);

// For a console page: the signed-in user with `permission` (context filled) or the answer to
// send instead. Then, for a POST: the form, or the 403 page when its csrf_token is not the
// session's (nothing is changed), or 400 when it cannot be read.
struct ConsolePost {
  FormData form;
  std::optional<http::Response> refusal;
};
ConsolePost ReadConsolePost(Shared& shared, const http::Request& request, PageContext& context,
                            service::Permission permission);

// 303 to `path` with "?ok=<code>" (or "&ok=" when `path` has a query).
http::Response RedirectWithNotice(std::string_view path, std::string_view code);

// Console page metadata: `title` in the page's language, console on.
PageMeta ConsoleMeta(const PageContext& context, std::string_view title_vi,
                     std::string_view title_en, int status = 200);

// The page groups of the console, each in its own file.
void RegisterConsoleQueue(http::Router& router, Shared& shared);       // console_queue.cc
void RegisterConsoleReport(http::Router& router, Shared& shared);      // console_report.cc
void RegisterConsoleActions(http::Router& router, Shared& shared);     // console_actions.cc
void RegisterConsoleDisputes(http::Router& router, Shared& shared);    // console_disputes.cc
void RegisterConsoleAudit(http::Router& router, Shared& shared);       // console_audit.cc
void RegisterConsoleWarnings(http::Router& router, Shared& shared);    // console_warnings.cc
void RegisterConsoleIndicators(http::Router& router, Shared& shared);  // console_indicators.cc
void RegisterConsoleUsers(http::Router& router, Shared& shared);       // console_users.cc

}  // namespace binhyen::web::internal

// Fuzzes what the JSON API does with a request body before any handler reaches the store:
// api::ReadJsonObject (the reader of every JSON body but report submissions and hash-list
// searches, which have fuzzers of their own) with the member list of each JSON route, Dump on
// what it accepts, and the way field errors become a 422 answer (service::FieldErrors →
// api::FromStatus → ParseFieldErrors), fed with the body's member names and string values
// as the decoders feed client text into field errors (an unknown contact member, a query
// parameter's name or value). The decoders themselves (DraftFromJson, FilingFromJson,
// InputFromJson... in src/api/*_api.cc) are file-local and reached only through a store.
//
// Input: the first byte picks the route; the rest is the body. Traps on a broken contract; the
// sanitizers catch memory errors and leaks.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "base/status.h"
#include "http/message.h"
#include "service/field_errors.h"

namespace {

namespace api = binhyen::api;
namespace http = binhyen::http;
using nlohmann::json;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

using Members = std::initializer_list<std::string_view>;

// The member lists of the JSON routes, as the handlers pass them to ReadJsonObject.
const Members kRoutes[] = {
    {"name", "password", "totp"},                                             // login
    {"items"},                                                                // check batch
    {"text"},                                                                 // scan
    {"to", "reason", "duplicate_of", "public_note", "severity", "category"},  // transition
    {"assignee"},                                                             // assign
    {"public_note"},                                                          // note
    {"reason"},                                                               // erase contact
    {"kind", "value", "bank", "reason", "contact"},                           // dispute
    {"to", "resolution"},                                                     // resolve
    {"answers", "unit"},                                                      // quiz attempt
    {"slug", "title", "intro", "questions", "pass_percent", "opens_at", "closes_at"},  // quiz
    {"slug", "title", "summary", "body", "category", "audiences"},                     // article
    {"name", "unit", "position"},                                                      // pledge
    {"unit", "name", "position", "phone", "email"},                                    // person
    {"title", "body", "deadline", "units", "people"},                                  // campaign
    {"title", "description", "starts_at", "ends_at", "place", "trainer", "materials", "units",
     "people", "status"},  // training
    {"person_id"},         // attendance
    {"unit", "kind", "name", "url", "admins", "admin_contact", "active", "webhook_url",
     "webhook_auto", "rotate_secret"},                             // channel
    {"month", "members", "warnings_relayed", "reports_received"},  // channel figures
};
constexpr size_t kRouteCount = std::size(kRoutes);

// A field error's field or text as it may reach a client: one line, short (FieldErrors'
// limits, kMaxWhatBytes and "...").
constexpr size_t kMaxEchoBytes = binhyen::service::FieldErrors::kMaxWhatBytes + 3;
bool OneShortLine(std::string_view s) {
  return s.size() <= kMaxEchoBytes && std::none_of(s.begin(), s.end(), [](char c) {
           return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
         });
}

// A problem+json answer: valid JSON with the given status, a short one-line detail and short
// one-line field errors. Returns the number of field errors.
size_t CheckProblem(const http::Response& r, int status) {
  Check(r.status == status);
  const json body = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  Check(body.is_object());
  Check(body.value("status", 0) == status);
  Check(body.contains("detail") && body["detail"].is_string());
  Check(OneShortLine(body["detail"].get_ref<const std::string&>()));
  size_t n = 0;
  if (auto errors = body.find("errors"); errors != body.end()) {
    Check(errors->is_array());
    for (const json& e : *errors) {
      Check(OneShortLine(e.at("field").get_ref<const std::string&>()));
      Check(OneShortLine(e.at("detail").get_ref<const std::string&>()));
      ++n;
    }
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 64 * 1024) return 0;
  const Members& allowed = kRoutes[data[0] % kRouteCount];
  http::Request request;
  request.method = http::Method::kPost;
  request.request_id = "fuzz";
  request.headers.Set("Content-Type", "application/json; charset=utf-8");
  request.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);

  const json parsed = request.body.find('\0') != std::string::npos
                          ? json(json::value_t::discarded)
                          : json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  std::variant<json, http::Response> read = api::ReadJsonObject(request, allowed);
  if (auto* refusal = std::get_if<http::Response>(&read)) {
    if (!parsed.is_object()) {
      CheckProblem(*refusal, 400);
    } else {
      // Some member is not in the route's list.
      Check(CheckProblem(*refusal, 422) >= 1);
      Check(std::any_of(parsed.items().begin(), parsed.items().end(), [&](const auto& item) {
        return std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end();
      }));
    }
  } else {
    const json& j = std::get<json>(read);
    Check(j.is_object() && j == parsed);
    for (const auto& item : j.items()) {
      Check(std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end());
    }
    // What the parser accepted is valid UTF-8: Dump writes it back unchanged.
    Check(json::parse(api::Dump(j), nullptr, /*allow_exceptions=*/false) == j);
  }

  // Any other media type is 415, whatever the body.
  request.headers.Set("Content-Type", "text/plain");
  auto other = api::ReadJsonObject(request, allowed);
  Check(std::holds_alternative<http::Response>(other));
  CheckProblem(std::get<http::Response>(other), 415);

  // Field errors made of client text: one field error per Add, each one short line.
  if (parsed.is_object() && !parsed.empty()) {
    binhyen::service::FieldErrors errors;
    size_t added = 0;
    for (const auto& item : parsed.items()) {
      const std::string what = item.value().is_string()
                                   ? "unknown value '" + item.value().get<std::string>() + "'"
                                   : std::string("unknown field");
      errors.Add("contact." + item.key(), what);
      ++added;
    }
    const binhyen::base::Status status = errors.ToStatus();
    Check(status.code() == binhyen::base::StatusCode::kInvalidArgument);
    Check(CheckProblem(api::FromStatus(status, request), 422) == added);
  }
  return 0;
}

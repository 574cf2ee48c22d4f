// Fuzzes what the JSON API does with a request body before any handler reaches the store:
// api::ReadJsonObject (the reader of every JSON body but report submissions and hash-list
// searches, which have fuzzers of their own) with the member list of each JSON route, Dump on
// what it accepts, and the way field errors become a 422 answer (service::FieldErrors →
// api::FromStatus → ParseFieldErrors), fed with the body's member names and string values
// as the decoders feed client text into field errors (an unknown contact member, a query
// parameter's name or value). What ReadJsonObject accepts then goes through the route's body
// decoder (api/body_decoders.h) when it has one: the decoder never throws, answers either the
// input, holding exactly the body's members, or InvalidArgument answered as a 422 whose field
// errors are each one short line.
//
// Input: the first byte picks the route; the rest is the body. Traps on a broken contract; the
// sanitizers catch memory errors and leaks.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "api/body_decoders.h"
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

// The member lists of the JSON routes, as the handlers pass them to ReadJsonObject. DecodeRoute
// names them by their index here.
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

// The string member `name` as a decoder that accepted the body must have taken it ("" when
// absent or null).
bool SameText(const json& j, const char* name, const std::string& got) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return got.empty();
  return it->is_string() && it->get_ref<const std::string&>() == got;
}

// The size of the array member `name` (0 when absent or null).
size_t ArraySize(const json& j, const char* name) {
  auto it = j.find(name);
  return it == j.end() || it->is_null() ? 0 : it->size();
}

bool AllTexts(const json& j, std::initializer_list<std::pair<const char*, const std::string*>> m) {
  return std::all_of(m.begin(), m.end(),
                     [&](const auto& p) { return SameText(j, p.first, *p.second); });
}

// Runs a decoder: a refusal must be a clean 422, an acceptance must pass `check`.
template <typename T>
void Decode(binhyen::base::Result<T> (*decoder)(const json&), const json& body,
            const http::Request& request,
            const std::type_identity_t<std::function<bool(const T&)>>& check) {
  binhyen::base::Result<T> decoded = decoder(body);
  if (!decoded.ok()) {
    Check(decoded.status().code() == binhyen::base::StatusCode::kInvalidArgument);
    Check(CheckProblem(api::FromStatus(decoded.status(), request), 422) >= 1);
    return;
  }
  Check(check(*decoded));
}

bool PeopleMatch(const json& j, const std::vector<int64_t>& people) {
  if (people.size() != ArraySize(j, "people")) return false;
  for (size_t i = 0; i < people.size(); ++i) {
    if (people[i] <= 0 || j["people"][i] != people[i]) return false;
  }
  return true;
}

bool UnitsMatch(const json& j, const std::vector<std::string>& units) {
  if (units.size() != ArraySize(j, "units")) return false;
  for (size_t i = 0; i < units.size(); ++i) {
    if (j["units"][i] != units[i]) return false;
  }
  return true;
}

// The body decoder of route `route` (an index into kRoutes), if it has one. `j` is const:
// operator[] is used only for members the decoder's acceptance proves present.
void DecodeRoute(size_t route, const json& j, const http::Request& request) {
  namespace service = binhyen::service;
  namespace domain = binhyen::domain;
  switch (route) {
    case 3:
      Decode(api::TransitionFromJson, j, request, [&](const service::TransitionRequest& t) {
        return SameText(j, "to", std::string(domain::Name(t.to))) &&
               SameText(j, "reason", t.reason) &&
               (!t.duplicate_of || (*t.duplicate_of > 0 && j["duplicate_of"] == *t.duplicate_of));
      });
      break;
    case 4:
      Decode(api::AssigneeFromJson, j, request, [&](const std::optional<std::string>& a) {
        return a.has_value() != j["assignee"].is_null() && SameText(j, "assignee", a.value_or(""));
      });
      break;
    case 5:
      Decode(api::PublicNoteFromJson, j, request,
             [&](const std::string& note) { return SameText(j, "public_note", note); });
      break;
    case 6:
      Decode(api::EraseReasonFromJson, j, request,
             [&](const std::string& reason) { return SameText(j, "reason", reason); });
      break;
    case 7:
      Decode(api::DisputeFilingFromJson, j, request, [&](const service::DisputeFiling& f) {
        const bool has_contact = j.contains("contact") && !j["contact"].is_null();
        return AllTexts(j, {{"kind", &f.kind},
                            {"value", &f.value},
                            {"bank", &f.bank},
                            {"reason", &f.reason}}) &&
               f.contact.has_value() == has_contact &&
               (!has_contact || AllTexts(j["contact"], {{"name", &f.contact->name},
                                                        {"phone", &f.contact->phone},
                                                        {"email", &f.contact->email}}));
      });
      break;
    case 8:
      Decode(api::DisputeResolutionFromJson, j, request, [&](const api::DisputeResolutionBody& r) {
        return r.to != domain::DisputeStatus::kOpen && SameText(j, "resolution", r.resolution);
      });
      break;
    case 9:
      Decode(api::QuizAnswersFromJson, j, request, [&](const service::QuizAnswers& a) {
        return a.chosen.size() == ArraySize(j, "answers") &&
               std::all_of(a.chosen.begin(), a.chosen.end(),
                           [](auto c) { return !c || (*c >= -1 && *c <= 100); }) &&
               (a.unit_code.has_value() == (j.contains("unit") && !j["unit"].is_null()));
      });
      break;
    case 10:
      Decode(api::QuizDraftFromJson, j, request, [&](const service::QuizDraft& d) {
        return AllTexts(j, {{"slug", &d.slug}, {"title", &d.title}, {"intro", &d.intro}}) &&
               d.pass_percent >= 0 && d.pass_percent <= 100 &&
               d.questions.size() == ArraySize(j, "questions") &&
               std::all_of(d.questions.begin(), d.questions.end(),
                           [](const auto& q) { return q.correct >= -1 && q.correct <= 100; });
      });
      break;
    case 11:
      Decode(api::ArticleDraftFromJson, j, request, [&](const service::ArticleDraft& d) {
        return AllTexts(j, {{"slug", &d.slug},
                            {"title", &d.title},
                            {"summary", &d.summary},
                            {"body", &d.body},
                            {"category", &d.category}}) &&
               d.audiences.size() == ArraySize(j, "audiences");
      });
      break;
    case 12:
      Decode(api::PledgeFormFromJson, j, request, [&](const service::PledgeForm& f) {
        return AllTexts(j, {{"name", &f.name}, {"unit", &f.unit_code}, {"position", &f.position}});
      });
      break;
    case 13:
      Decode(api::PersonInputFromJson, j, request, [&](const service::PersonInput& p) {
        return AllTexts(j, {{"unit", &p.unit},
                            {"name", &p.name},
                            {"position", &p.position},
                            {"phone", &p.phone},
                            {"email", &p.email}});
      });
      break;
    case 14:
      Decode(api::CampaignDraftFromJson, j, request, [&](const service::CampaignDraft& d) {
        return AllTexts(j, {{"title", &d.title}, {"body", &d.body}}) && UnitsMatch(j, d.units) &&
               PeopleMatch(j, d.people);
      });
      break;
    case 15:
      Decode(api::TrainingDraftFromJson, j, request, [&](const service::TrainingDraft& d) {
        return AllTexts(j, {{"title", &d.title},
                            {"description", &d.description},
                            {"place", &d.place},
                            {"trainer", &d.trainer}}) &&
               d.materials.size() == ArraySize(j, "materials") && UnitsMatch(j, d.units) &&
               PeopleMatch(j, d.people);
      });
      break;
    case 16:
      Decode(api::AttendancePersonFromJson, j, request,
             [&](const int64_t& id) { return id > 0 && j["person_id"] == id; });
      break;
    case 17:
      Decode(api::ChannelInputFromJson, j, request, [&](const service::ChannelInput& c) {
        return AllTexts(j, {{"unit", &c.unit},
                            {"kind", &c.kind},
                            {"name", &c.name},
                            {"url", &c.url},
                            {"admins", &c.admins},
                            {"admin_contact", &c.admin_contact},
                            {"webhook_url", &c.webhook_url}}) &&
               c.active == j.value("active", true) &&
               c.webhook_auto == j.value("webhook_auto", false) &&
               c.rotate_secret == j.value("rotate_secret", false);
      });
      break;
    case 18:
      Decode(api::ChannelFiguresFromJson, j, request, [&](const domain::ChannelFigures& f) {
        return SameText(j, "month", f.month) && j["members"] == f.members &&
               j["warnings_relayed"] == f.warnings_relayed &&
               j["reports_received"] == f.reports_received;
      });
      break;
    default: break;  // the route reads its body inline (login, check batch, scan)
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 64 * 1024) return 0;
  const size_t route = data[0] % kRouteCount;
  const Members& allowed = kRoutes[route];
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
    DecodeRoute(route, j, request);
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

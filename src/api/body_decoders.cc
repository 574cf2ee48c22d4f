#include "api/body_decoders.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "service/field_errors.h"
#include "service/submission_json.h"

namespace binhyen::api {
namespace {

using nlohmann::json;
using service::FieldErrors;

// The member `name`, or nullptr when it is absent or null.
const json* Member(const json& j, std::string_view name) {
  auto it = j.find(name);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

// A string member into `out` (absent or null leaves `out` as it is); "must be a string" as
// `field` otherwise, and "required" when absent and `required`. False on an error.
bool Text(const json& j, std::string_view name, std::string& out, FieldErrors& errors,
          bool required = false, std::string_view field = {}) {
  if (field.empty()) field = name;
  const json* m = Member(j, name);
  if (m == nullptr) {
    if (required) errors.Add(field, "required");
    return !required;
  }
  if (!m->is_string()) {
    errors.Add(field, "must be a string");
    return false;
  }
  out = m->get<std::string>();
  return true;
}

// A boolean member (absent leaves `out`; null is not a boolean).
void Flag(const json& j, std::string_view name, bool& out, FieldErrors& errors) {
  auto it = j.find(name);
  if (it == j.end()) return;
  if (!it->is_boolean()) {
    errors.Add(name, "must be true or false");
  } else {
    out = it->get<bool>();
  }
}

// A JSON integer that fits int64_t (a larger unsigned one does not).
std::optional<int64_t> WholeNumber(const json& v) {
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<int64_t>();
  return std::nullopt;
}

// An optional RFC 3339 date-time member ("" or absent: nullopt).
std::optional<base::TimePoint> OptionalTime(const json& j, std::string_view name,
                                            FieldErrors& errors) {
  std::string text;
  if (!Text(j, name, text, errors) || text.empty()) return std::nullopt;
  std::optional<base::TimePoint> t = service::ParseRfc3339(text);
  if (!t) errors.Add(name, "must be an RFC 3339 date-time");
  return t;
}

// A required RFC 3339 date-time member.
void RequiredTime(const json& j, std::string_view name, base::TimePoint& out, FieldErrors& errors) {
  std::string text;
  if (!Text(j, name, text, errors)) return;
  std::optional<base::TimePoint> t = service::ParseRfc3339(text);
  if (!t) {
    errors.Add(name, "must be an RFC 3339 date-time");
  } else {
    out = *t;
  }
}

// "units": at most 1000 unit codes.
void UnitCodes(const json& j, std::vector<std::string>& out, FieldErrors& errors) {
  const json* m = Member(j, "units");
  if (m == nullptr) return;
  if (!m->is_array() || m->size() > 1000) {
    errors.Add("units", "must be an array of at most 1000 unit codes");
    return;
  }
  for (const json& u : *m) {
    if (!u.is_string()) {
      errors.Add("units", "must be an array of unit codes");
      return;
    }
    out.push_back(u.get<std::string>());
  }
}

// "people": at most 100,000 person ids (positive whole numbers).
void PersonIds(const json& j, std::vector<int64_t>& out, FieldErrors& errors) {
  const json* m = Member(j, "people");
  if (m == nullptr) return;
  if (!m->is_array() || m->size() > 100000) {
    errors.Add("people", "must be an array of person ids");
    return;
  }
  for (const json& p : *m) {
    std::optional<int64_t> id = WholeNumber(p);
    if (!id || *id <= 0) {
      errors.Add("people", "must be an array of person ids");
      return;
    }
    out.push_back(*id);
  }
}

// One question of a quiz body, "questions[<n>]" counting from 1.
void QuizQuestion(const json& j, size_t index, FieldErrors& errors,
                  std::vector<domain::QuizQuestion>& out) {
  const std::string field = "questions[" + std::to_string(index + 1) + "]";
  if (!j.is_object()) {
    errors.Add(field, "must be an object");
    return;
  }
  domain::QuizQuestion q;
  if (auto it = j.find("text"); it != j.end() && it->is_string()) q.text = it->get<std::string>();
  if (auto it = j.find("explanation"); it != j.end() && it->is_string()) {
    q.explanation = it->get<std::string>();
  }
  auto options = j.find("options");
  if (options == j.end() || !options->is_array() || options->size() > domain::kMaxQuizOptions) {
    errors.Add(field + ".options", "must be an array of 2 to 6 strings");
  } else {
    for (const json& o : *options) {
      if (!o.is_string()) {
        errors.Add(field + ".options", "must be an array of 2 to 6 strings");
        break;
      }
      q.options.push_back(o.get<std::string>());
    }
  }
  std::optional<int64_t> correct;
  if (auto it = j.find("correct"); it != j.end()) correct = WholeNumber(*it);
  if (!correct) {
    errors.Add(field + ".correct", "must be the index of the right option");
  } else {
    // Out of range stays out of range (the service names the question), within an int.
    q.correct = static_cast<int>(std::clamp<int64_t>(*correct, -1, 100));
  }
  out.push_back(std::move(q));
}

}  // namespace

base::Result<service::ArticleDraft> ArticleDraftFromJson(const json& body) {
  FieldErrors errors;
  service::ArticleDraft d;
  Text(body, "slug", d.slug, errors);
  Text(body, "title", d.title, errors);
  Text(body, "summary", d.summary, errors);
  Text(body, "body", d.body, errors);
  Text(body, "category", d.category, errors);
  if (const json* a = Member(body, "audiences")) {
    if (!a->is_array() || a->size() > 16) {
      errors.Add("audiences", "must be a list of audience names");
    } else {
      for (const json& x : *a) {
        if (!x.is_string()) {
          errors.Add("audiences", "must be names");
          break;
        }
        d.audiences.push_back(x.get<std::string>());
      }
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return d;
}

base::Result<service::CampaignDraft> CampaignDraftFromJson(const json& body) {
  FieldErrors errors;
  service::CampaignDraft d;
  Text(body, "title", d.title, errors);
  Text(body, "body", d.body, errors);
  d.deadline = OptionalTime(body, "deadline", errors);
  UnitCodes(body, d.units, errors);
  PersonIds(body, d.people, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return d;
}

base::Result<service::ChannelInput> ChannelInputFromJson(const json& body) {
  FieldErrors errors;
  service::ChannelInput in;
  Text(body, "unit", in.unit, errors, /*required=*/true);
  Text(body, "kind", in.kind, errors, /*required=*/true);
  Text(body, "name", in.name, errors, /*required=*/true);
  Text(body, "url", in.url, errors, /*required=*/true);
  Text(body, "admins", in.admins, errors);
  Text(body, "admin_contact", in.admin_contact, errors);
  Text(body, "webhook_url", in.webhook_url, errors);
  Flag(body, "active", in.active, errors);
  Flag(body, "webhook_auto", in.webhook_auto, errors);
  Flag(body, "rotate_secret", in.rotate_secret, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return in;
}

base::Result<domain::ChannelFigures> ChannelFiguresFromJson(const json& body) {
  FieldErrors errors;
  domain::ChannelFigures f;
  auto month = body.find("month");
  if (month == body.end() || !month->is_string()) {
    errors.Add("month", "required, as YYYY-MM");
  } else {
    f.month = month->get<std::string>();
  }
  for (auto [name, out] :
       {std::pair{"members", &f.members}, std::pair{"warnings_relayed", &f.warnings_relayed},
        std::pair{"reports_received", &f.reports_received}}) {
    std::optional<int64_t> n;
    if (auto it = body.find(name); it != body.end()) n = WholeNumber(*it);
    if (!n) {
      errors.Add(name, "required, a whole number");
    } else {
      *out = *n;
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return f;
}

base::Result<service::DisputeFiling> DisputeFilingFromJson(const json& body) {
  FieldErrors errors;
  service::DisputeFiling f;
  Text(body, "kind", f.kind, errors);
  Text(body, "value", f.value, errors);
  Text(body, "bank", f.bank, errors);
  Text(body, "reason", f.reason, errors);
  if (const json* c = Member(body, "contact")) {
    if (!c->is_object()) {
      errors.Add("contact", "must be an object");
    } else {
      for (const auto& [key, value] : c->items()) {
        if (key != "name" && key != "email" && key != "phone") {
          errors.Add("contact." + key, "unknown field");
        }
      }
      service::ContactDetails contact;
      Text(*c, "name", contact.name, errors, false, "contact.name");
      Text(*c, "phone", contact.phone, errors, false, "contact.phone");
      Text(*c, "email", contact.email, errors, false, "contact.email");
      f.contact = std::move(contact);
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return f;
}

base::Result<DisputeResolutionBody> DisputeResolutionFromJson(const json& body) {
  FieldErrors errors;
  DisputeResolutionBody r;
  std::string to;
  if (Text(body, "to", to, errors, /*required=*/true)) {
    std::optional<domain::DisputeStatus> status = domain::ParseDisputeStatus(to);
    if (!status || *status == domain::DisputeStatus::kOpen) {
      errors.Add("to", "must be accepted or rejected");
    } else {
      r.to = *status;
    }
  }
  Text(body, "resolution", r.resolution, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return r;
}

base::Result<service::PledgeForm> PledgeFormFromJson(const json& body) {
  FieldErrors errors;
  service::PledgeForm form;
  Text(body, "name", form.name, errors);
  Text(body, "unit", form.unit_code, errors);
  Text(body, "position", form.position, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return form;
}

base::Result<service::PersonInput> PersonInputFromJson(const json& body) {
  FieldErrors errors;
  service::PersonInput in;
  Text(body, "unit", in.unit, errors);
  Text(body, "name", in.name, errors);
  Text(body, "position", in.position, errors);
  Text(body, "phone", in.phone, errors);
  Text(body, "email", in.email, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return in;
}

base::Result<service::QuizAnswers> QuizAnswersFromJson(const json& body) {
  FieldErrors errors;
  service::QuizAnswers answers;
  constexpr std::string_view kAnswers =
      "must be an array with one option index (or null) per question";
  auto list = body.find("answers");
  if (list == body.end() || !list->is_array() || list->size() > domain::kMaxQuizQuestions) {
    errors.Add("answers", kAnswers);
  } else {
    for (const json& a : *list) {
      std::optional<int64_t> chosen = WholeNumber(a);
      if (a.is_null()) {
        answers.chosen.push_back(std::nullopt);
      } else if (chosen) {
        // Out of range stays out of range (scored wrong), within an int.
        answers.chosen.push_back(static_cast<int>(std::clamp<int64_t>(*chosen, -1, 100)));
      } else {
        errors.Add("answers", kAnswers);
        break;
      }
    }
  }
  if (const json* unit = Member(body, "unit")) {
    if (unit->is_string()) {
      answers.unit_code = unit->get<std::string>();
    } else {
      errors.Add("unit", "must be a unit code");
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return answers;
}

base::Result<service::QuizDraft> QuizDraftFromJson(const json& body) {
  FieldErrors errors;
  service::QuizDraft d;
  Text(body, "slug", d.slug, errors);
  Text(body, "title", d.title, errors);
  Text(body, "intro", d.intro, errors);
  if (const json* p = Member(body, "pass_percent")) {
    std::optional<int64_t> percent = WholeNumber(*p);
    if (percent && *percent >= 0 && *percent <= 100) {
      d.pass_percent = static_cast<int>(*percent);
    } else {
      errors.Add("pass_percent", "must be from 0 to 100");
    }
  }
  d.opens_at = OptionalTime(body, "opens_at", errors);
  d.closes_at = OptionalTime(body, "closes_at", errors);
  auto questions = body.find("questions");
  if (questions == body.end() || !questions->is_array() ||
      questions->size() > domain::kMaxQuizQuestions) {
    errors.Add("questions", "must be an array of 1 to 50 questions");
  } else {
    for (size_t i = 0; i < questions->size(); ++i) {
      QuizQuestion((*questions)[i], i, errors, d.questions);
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return d;
}

base::Result<service::TrainingDraft> TrainingDraftFromJson(const json& body) {
  FieldErrors errors;
  service::TrainingDraft d;
  Text(body, "title", d.title, errors);
  Text(body, "description", d.description, errors);
  Text(body, "place", d.place, errors);
  Text(body, "trainer", d.trainer, errors);
  RequiredTime(body, "starts_at", d.starts_at, errors);
  RequiredTime(body, "ends_at", d.ends_at, errors);
  std::string status;
  Text(body, "status", status, errors);
  if (!status.empty()) {
    std::optional<domain::TrainingStatus> parsed = domain::ParseTrainingStatus(status);
    if (!parsed) {
      errors.Add("status", "must be scheduled, held or cancelled");
    } else {
      d.status = *parsed;
    }
  }
  if (const json* m = Member(body, "materials")) {
    if (!m->is_array() || m->size() > domain::kMaxTrainingMaterials) {
      errors.Add("materials", "must be an array of at most 50 {title, url}");
    } else {
      for (const json& x : *m) {
        const json* title = x.is_object() ? Member(x, "title") : nullptr;
        const json* url = x.is_object() ? Member(x, "url") : nullptr;
        if (title == nullptr || url == nullptr || !title->is_string() || !url->is_string()) {
          errors.Add("materials", "must be an array of {title, url}");
          break;
        }
        d.materials.push_back({title->get<std::string>(), url->get<std::string>()});
      }
    }
  }
  UnitCodes(body, d.units, errors);
  PersonIds(body, d.people, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return d;
}

base::Result<int64_t> AttendancePersonFromJson(const json& body) {
  std::optional<int64_t> id;
  if (auto it = body.find("person_id"); it != body.end()) id = WholeNumber(*it);
  if (!id || *id <= 0) return base::InvalidArgumentError("person_id: must be a person id");
  return *id;
}

base::Result<std::optional<std::string>> AssigneeFromJson(const json& body) {
  FieldErrors errors;
  std::optional<std::string> assignee;
  if (!body.contains("assignee")) {
    errors.Add("assignee", "required (a user name, \"me\" or null)");
  } else if (std::string name; Text(body, "assignee", name, errors) && Member(body, "assignee")) {
    assignee = std::move(name);
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return assignee;
}

base::Result<std::string> PublicNoteFromJson(const json& body) {
  FieldErrors errors;
  std::string note;
  Text(body, "public_note", note, errors, /*required=*/true);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return note;
}

base::Result<std::string> EraseReasonFromJson(const json& body) {
  FieldErrors errors;
  std::string reason;
  Text(body, "reason", reason, errors, /*required=*/true);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return reason;
}

base::Result<service::TransitionRequest> TransitionFromJson(const json& body) {
  FieldErrors errors;
  service::TransitionRequest t;
  std::string to;
  if (Text(body, "to", to, errors, /*required=*/true)) {
    if (std::optional<domain::ReportStatus> status = domain::ParseReportStatus(to)) {
      t.to = *status;
    } else {
      errors.Add("to", "unknown status '" + to + "'");
    }
  }
  Text(body, "reason", t.reason, errors);
  if (std::string note; Text(body, "public_note", note, errors) && Member(body, "public_note")) {
    t.public_note = std::move(note);
  }
  if (std::string severity; Text(body, "severity", severity, errors) && Member(body, "severity")) {
    t.severity = domain::ParseSeverity(severity);
    if (!t.severity) errors.Add("severity", "unknown severity '" + severity + "'");
  }
  if (std::string category; Text(body, "category", category, errors) && Member(body, "category")) {
    t.category = domain::ParseCategory(category);
    if (!t.category) errors.Add("category", "unknown category '" + category + "'");
  }
  if (const json* dup = Member(body, "duplicate_of")) {
    std::optional<int64_t> id = WholeNumber(*dup);
    if (id && *id > 0) {
      t.duplicate_of = *id;
    } else {
      errors.Add("duplicate_of", "must be a positive integer");
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return t;
}

}  // namespace binhyen::api

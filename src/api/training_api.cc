// Trainings: sessions (list, create, update, details), attendance (read, mark by hand) and the
// personal check-in links of a session (/api/v1/trainings...).

#include <utility>

#include "api/body_decoders.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "service/trainings.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

json TrainingJson(const domain::Training& t) {
  json materials = json::array();
  for (const domain::TrainingMaterial& m : t.materials) {
    materials.push_back({{"title", m.title}, {"url", m.url}});
  }
  return {{"id", t.id},
          {"title", t.title},
          {"description", t.description},
          {"starts_at", TimeJson(t.starts_at)},
          {"ends_at", TimeJson(t.ends_at)},
          {"place", t.place},
          {"trainer", t.trainer},
          {"materials", std::move(materials)},
          {"units", t.invited_units},
          {"people", t.invited_people},
          {"status", std::string(domain::Name(t.status))},
          {"created_by", t.created_by},
          {"created_at", TimeJson(t.created_at)}};
}

json AttendanceJson(const domain::Attendance& a) {
  return {{"id", a.id},
          {"person_id", a.person_id ? json(*a.person_id) : json(nullptr)},
          {"unit", a.unit_code},
          {"name", a.name},
          {"checked_in_at", TimeJson(a.checked_in_at)},
          {"via", std::string(domain::Name(a.via))}};
}

json ReportJson(const service::TrainingReport& r) {
  json units = json::array();
  for (const service::UnitAttendanceRow& u : r.units) {
    units.push_back({{"unit", u.unit_code},
                     {"unit_name", u.unit_name},
                     {"invited", u.invited},
                     {"invited_attended", u.invited_attended},
                     {"attended", u.attended}});
  }
  json invitees = json::array();
  for (const service::InviteeRow& p : r.invitees) {
    invitees.push_back({{"person_id", p.person_id},
                        {"name", p.name},
                        {"position", p.position},
                        {"unit", p.unit_code},
                        {"attended", p.attendance.has_value()}});
  }
  json attendance = json::array();
  for (const domain::Attendance& a : r.attendance) attendance.push_back(AttendanceJson(a));
  return {{"invited", r.invited},
          {"invited_attended", r.invited_attended},
          {"attended", r.attended},
          {"percent", r.percent},
          {"units", std::move(units)},
          {"invitees", std::move(invitees)},
          {"attendance", std::move(attendance)}};
}

}  // namespace

void Api::SetCheckinLinks(const service::CheckinLinks* links) { impl_->checkin_links = links; }

http::Response Api::Impl::ListTrainings(http::Request& request, const OptionalPrincipal& caller) {
  service::Trainings trainings(store, clock, checkin_links);
  base::Result<std::vector<domain::Training>> list = trainings.List(*caller);
  if (!list.ok()) return FromStatus(list.status(), request);
  json items = json::array();
  for (const domain::Training& t : *list) items.push_back(TrainingJson(t));
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

http::Response Api::Impl::CreateTraining(http::Request& request, const OptionalPrincipal& caller) {
  auto body = ReadJsonObject(request, {"title", "description", "starts_at", "ends_at", "place",
                                       "trainer", "materials", "units", "people", "status"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::TrainingDraft> draft = TrainingDraftFromJson(std::get<json>(body));
  if (!draft.ok()) return FromStatus(draft.status(), request);
  service::Trainings trainings(store, clock, checkin_links);
  base::Result<domain::Training> created = trainings.Create(*draft, *caller);
  if (!created.ok()) return FromStatus(created.status(), request);
  http::Response r = http::Response::Json(201, Dump(TrainingJson(*created)));
  r.headers.Set("Location", "/api/v1/trainings/" + std::to_string(created->id));
  return r;
}

http::Response Api::Impl::UpdateTraining(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return FromStatus(base::NotFoundError("training: not found"), request);
  auto body = ReadJsonObject(request, {"title", "description", "starts_at", "ends_at", "place",
                                       "trainer", "materials", "units", "people", "status"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::TrainingDraft> draft = TrainingDraftFromJson(std::get<json>(body));
  if (!draft.ok()) return FromStatus(draft.status(), request);
  service::Trainings trainings(store, clock, checkin_links);
  base::Result<domain::Training> updated = trainings.Update(*id, *draft, *caller);
  if (!updated.ok()) return FromStatus(updated.status(), request);
  return http::Response::Json(200, Dump(TrainingJson(*updated)));
}

http::Response Api::Impl::GetTraining(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return FromStatus(base::NotFoundError("training: not found"), request);
  service::Trainings trainings(store, clock, checkin_links);
  base::Result<service::TrainingReport> report = trainings.Report(*id, *caller);
  if (!report.ok()) return FromStatus(report.status(), request);
  json j = TrainingJson(report->training);
  j["attendance_summary"] = {{"invited", report->invited},
                             {"invited_attended", report->invited_attended},
                             {"attended", report->attended},
                             {"percent", report->percent}};
  return http::Response::Json(200, Dump(j));
}

http::Response Api::Impl::TrainingAttendance(http::Request& request,
                                             const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return FromStatus(base::NotFoundError("training: not found"), request);
  service::Trainings trainings(store, clock, checkin_links);
  base::Result<service::TrainingReport> report = trainings.Report(*id, *caller);
  if (!report.ok()) return FromStatus(report.status(), request);
  return http::Response::Json(200, Dump(ReportJson(*report)));
}

http::Response Api::Impl::MarkTrainingAttendance(http::Request& request,
                                                 const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return FromStatus(base::NotFoundError("training: not found"), request);
  auto body = ReadJsonObject(request, {"person_id"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<int64_t> person = AttendancePersonFromJson(std::get<json>(body));
  if (!person.ok()) return FromStatus(person.status(), request);
  service::Trainings trainings(store, clock, checkin_links);
  base::Result<service::CheckinResult> result = trainings.Mark(*id, *person, *caller);
  if (!result.ok()) return FromStatus(result.status(), request);
  json out = AttendanceJson(result->attendance);
  out["already"] = result->already;
  return http::Response::Json(result->already ? 200 : 201, Dump(out));
}

http::Response Api::Impl::TrainingCheckinLinks(http::Request& request,
                                               const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return FromStatus(base::NotFoundError("training: not found"), request);
  std::optional<std::string> unit;
  if (std::optional<std::string_view> u = request.Query("unit"); u && !u->empty()) {
    unit = std::string(*u);
  }
  service::Trainings trainings(store, clock, checkin_links);
  base::Result<std::vector<service::CheckinLink>> links = trainings.Links(*id, unit, *caller);
  if (!links.ok()) return FromStatus(links.status(), request);
  base::Result<std::string> session = trainings.SessionLink(*id, *caller);
  if (!session.ok()) return FromStatus(session.status(), request);
  const std::string base_url = options.public_url;
  json items = json::array();
  for (const service::CheckinLink& l : *links) {
    items.push_back({{"person_id", l.person_id},
                     {"name", l.name},
                     {"position", l.position},
                     {"unit", l.unit_code},
                     {"path", l.path},
                     {"url", base_url + l.path}});
  }
  http::Response r = http::Response::Json(
      200, Dump({{"session", {{"path", *session}, {"url", base_url + *session}}},
                 {"items", std::move(items)}}));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace binhyen::api

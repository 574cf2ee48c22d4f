// The awareness programme: the unit tree, people (list, CSV or XLSX import), guidance campaigns
// (create, send, completion per unit, who has not read, personal links).

#include <utility>

#include "api/body_decoders.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "exchange/xlsx_reader.h"
#include "service/campaigns.h"
#include "service/people.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

constexpr std::string_view kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

http::Response NoSuchCampaign(const http::Request& request) {
  return Problem(404, "not_found", "no campaign " + std::string(request.PathParam("id")),
                 "Không tìm thấy đợt phổ biến.");
}

json UnitJson(const service::UnitNode& node) {
  json children = json::array();
  for (const service::UnitNode& child : node.children) children.push_back(UnitJson(child));
  return {
      {"code", node.unit.code},
      {"name", node.unit.name},
      {"kind", std::string(domain::Name(node.unit.kind))},
      {"parent_code", node.unit.parent_code.empty() ? json(nullptr) : json(node.unit.parent_code)},
      {"children", std::move(children)}};
}

// The status filter of GET /api/v1/people ("" is the default, active).
std::optional<store::PeopleStatus> ParsePeopleStatus(std::string_view value) {
  if (value.empty() || value == "active") return store::PeopleStatus::kActive;
  if (value == "left") return store::PeopleStatus::kLeft;
  if (value == "all") return store::PeopleStatus::kAll;
  return std::nullopt;
}

json CampaignJson(const domain::Campaign& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"body", c.body},
          {"status", std::string(domain::Name(c.status))},
          {"created_by", c.created_by},
          {"created_at", TimeJson(c.created_at)},
          {"sent_at", OptionalTimeJson(c.sent_at)},
          {"deadline", OptionalTimeJson(c.deadline)},
          {"units", c.target_units},
          {"people", c.target_people}};
}

json ProgressJson(const service::CampaignProgress& p) {
  json units = json::array();
  for (const service::UnitProgress& u : p.units) {
    units.push_back({{"unit", u.unit_code},
                     {"unit_name", u.unit_name},
                     {"recipients", u.recipients},
                     {"acknowledged", u.acknowledged},
                     {"percent", u.percent}});
  }
  json j = CampaignJson(p.campaign);
  j["completion"] = {{"recipients", p.recipients},
                     {"acknowledged", p.acknowledged},
                     {"percent", p.percent},
                     {"units", std::move(units)}};
  return j;
}

// One CSV field, always quoted; text a spreadsheet would run as a formula gets a leading '.
std::string CsvField(std::string_view value, bool text) {
  std::string out = "\"";
  if (text && !value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string::npos) {
    out.push_back('\'');
  }
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string PendingCsv(const std::vector<service::PersonView>& people, bool contact) {
  std::string out = "\xEF\xBB\xBFho_ten,chuc_vu,don_vi,ten_don_vi";  // BOM: Excel reads UTF-8
  if (contact) out.append(",so_dien_thoai,email");
  out.append("\r\n");
  for (const service::PersonView& p : people) {
    std::vector<std::string> fields = {CsvField(p.name, true), CsvField(p.position, true),
                                       CsvField(p.unit_code, true), CsvField(p.unit_name, true)};
    if (contact) {
      fields.push_back(CsvField(p.phone.value_or(""), false));
      fields.push_back(CsvField(p.email.value_or(""), true));
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out.push_back(',');
      out.append(fields[i]);
    }
    out.append("\r\n");
  }
  return out;
}

http::Response ImportRejected(const service::ImportReport& report) {
  json errors = json::array();
  for (const service::ImportRowError& e : report.errors) {
    errors.push_back(
        {{"row", e.row}, {"field", e.field}, {"detail", e.detail}, {"detail_vi", e.detail_vi}});
  }
  json body = {{"type", "about:blank"},
               {"title", "Unprocessable Content"},
               {"status", 422},
               {"code", "invalid_rows"},
               {"detail", "the file has rows that cannot be imported; nothing was imported"},
               {"detail_vi",
                "Tệp có dòng không hợp lệ; chưa nhập người nào. Hãy sửa các dòng "
                "được liệt kê rồi gửi lại cả tệp."},
               {"rows", report.rows},
               {"imported", 0},
               {"errors", std::move(errors)}};
  return http::Response::WithType(422, "application/problem+json", Dump(body));
}

http::Response NoLinks() {
  return Problem(503, "unavailable", "personal links are not configured",
                 "Chức năng đường link cá nhân chưa được cấu hình.");
}

}  // namespace

http::Response Api::Impl::ListUnits(http::Request& request, const OptionalPrincipal&) {
  service::People people(store, contact_box, clock);
  base::Result<std::vector<service::UnitNode>> tree = people.UnitTree();
  if (!tree.ok()) return FromStatus(tree.status(), request);
  json items = json::array();
  for (const service::UnitNode& node : *tree) items.push_back(UnitJson(node));
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

http::Response Api::Impl::ListPeople(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<std::string> unit;
  store::PeopleStatus status = store::PeopleStatus::kActive;
  for (const auto& [name, value] : request.query_params) {
    if (name == "unit" && !value.empty()) {
      unit = value;
    } else if (name == "status") {
      std::optional<store::PeopleStatus> parsed = ParsePeopleStatus(value);
      if (!parsed) {
        return FromStatus(base::InvalidArgumentError("status: must be active, left or all"),
                          request);
      }
      status = *parsed;
    } else if (name != "unit") {
      return FromStatus(base::InvalidArgumentError(name + ": unknown field"), request);
    }
  }
  service::People people(store, contact_box, clock);
  base::Result<std::vector<service::PersonView>> listed = people.List(*caller, unit, status);
  if (!listed.ok()) return FromStatus(listed.status(), request);
  json items = json::array();
  for (const service::PersonView& p : *listed) items.push_back(PersonJson(p));
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

http::Response Api::Impl::ImportPeople(http::Request& request, const OptionalPrincipal& caller) {
  service::People people(store, contact_box, clock);
  base::Result<service::ImportReport> report = base::InvalidArgumentError("file: unread");
  if (request.MediaTypeName() == "text/csv") {
    report = people.ImportCsv(*caller, request.body);
  } else if (request.MediaTypeName() == kXlsxMediaType) {
    base::Result<std::vector<exchange::SheetRow>> sheet = exchange::ReadFirstSheet(request.body);
    if (!sheet.ok()) return FromStatus(sheet.status(), request);
    service::ImportRows rows;
    for (exchange::SheetRow& row : *sheet) rows.emplace_back(row.number, std::move(row.cells));
    report = people.Import(*caller, std::move(rows));
  } else {
    return Problem(415, "unsupported_media_type",
                   "send the file as text/csv (UTF-8) or as an .xlsx workbook (" +
                       std::string(kXlsxMediaType) + ")",
                   "Hãy gửi tệp CSV (text/csv, mã UTF-8) hoặc tệp Excel (.xlsx).");
  }
  if (!report.ok()) return FromStatus(report.status(), request);
  if (!report->errors.empty()) return ImportRejected(*report);
  return http::Response::Json(200, Dump({{"rows", report->rows}, {"imported", report->imported}}));
}

http::Response Api::Impl::ListCampaigns(http::Request& request, const OptionalPrincipal&) {
  if (ack_links == nullptr) return NoLinks();
  service::Campaigns campaigns(store, contact_box, clock, *ack_links);
  base::Result<std::vector<domain::Campaign>> listed = campaigns.List();
  if (!listed.ok()) return FromStatus(listed.status(), request);
  json items = json::array();
  for (const domain::Campaign& c : *listed) {
    json j = CampaignJson(c);
    j.erase("body");
    items.push_back(std::move(j));
  }
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

http::Response Api::Impl::CreateCampaign(http::Request& request, const OptionalPrincipal& caller) {
  if (ack_links == nullptr) return NoLinks();
  auto body = ReadJsonObject(request, {"title", "body", "deadline", "units", "people"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::CampaignDraft> draft = CampaignDraftFromJson(std::get<json>(body));
  if (!draft.ok()) return FromStatus(draft.status(), request);
  service::Campaigns campaigns(store, contact_box, clock, *ack_links);
  base::Result<domain::Campaign> created = campaigns.Create(*draft, *caller);
  if (!created.ok()) {
    // An unknown unit or person is a field of the request, not a missing resource.
    if (created.status().code() == base::StatusCode::kNotFound) {
      return FromStatus(base::InvalidArgumentError("targets: " + created.status().message()),
                        request);
    }
    return FromStatus(created.status(), request);
  }
  http::Response r = http::Response::Json(201, Dump(CampaignJson(*created)));
  r.headers.Set("Location", "/api/v1/campaigns/" + std::to_string(created->id));
  return r;
}

http::Response Api::Impl::GetCampaign(http::Request& request, const OptionalPrincipal&) {
  if (ack_links == nullptr) return NoLinks();
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchCampaign(request);
  service::Campaigns campaigns(store, contact_box, clock, *ack_links);
  base::Result<service::CampaignProgress> progress = campaigns.Progress(*id);
  if (!progress.ok()) return FromStatus(progress.status(), request);
  return http::Response::Json(200, Dump(ProgressJson(*progress)));
}

http::Response Api::Impl::SendCampaign(http::Request& request, const OptionalPrincipal& caller) {
  if (ack_links == nullptr) return NoLinks();
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchCampaign(request);
  service::Campaigns campaigns(store, contact_box, clock, *ack_links);
  base::Result<service::CampaignProgress> sent = campaigns.Send(*id, *caller);
  if (!sent.ok()) return FromStatus(sent.status(), request);
  return http::Response::Json(200, Dump(ProgressJson(*sent)));
}

http::Response Api::Impl::CampaignPending(http::Request& request, const OptionalPrincipal& caller) {
  if (ack_links == nullptr) return NoLinks();
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchCampaign(request);
  const std::string format(request.Query("format").value_or("json"));
  if (format != "json" && format != "csv") {
    return FromStatus(base::InvalidArgumentError("format: must be json or csv"), request);
  }
  service::Campaigns campaigns(store, contact_box, clock, *ack_links);
  base::Result<std::vector<service::PersonView>> pending = campaigns.Pending(*id, *caller);
  if (!pending.ok()) return FromStatus(pending.status(), request);
  if (format == "csv") {
    http::Response r = http::Response::WithType(
        200, "text/csv; charset=utf-8",
        PendingCsv(*pending, caller->Can(service::Permission::kPeopleContact)));
    r.headers.Set("Content-Disposition",
                  "attachment; filename=\"chua-doc-" + std::to_string(*id) + ".csv\"");
    return r;
  }
  json items = json::array();
  for (const service::PersonView& p : *pending) items.push_back(PersonJson(p));
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

http::Response Api::Impl::CampaignLinks(http::Request& request, const OptionalPrincipal& caller) {
  if (ack_links == nullptr) return NoLinks();
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchCampaign(request);
  service::Campaigns campaigns(store, contact_box, clock, *ack_links);
  base::Result<std::vector<service::PersonalLink>> links = campaigns.Links(*id, *caller);
  if (!links.ok()) return FromStatus(links.status(), request);
  std::string base = options.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  json items = json::array();
  for (const service::PersonalLink& l : *links) {
    items.push_back({{"person_id", l.person_id},
                     {"name", l.name},
                     {"position", l.position},
                     {"unit", l.unit_code},
                     {"path", l.path},
                     {"url", base + l.path},
                     {"acknowledged", l.acknowledged}});
  }
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

}  // namespace binhyen::api

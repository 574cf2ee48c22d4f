// What a campaign's page hands out: the reminder list of who has not read it (CSV, opens in
// Excel) and a printable sheet of personal QR codes per unit, each with its short code.
// Programme admins get every unit; unit officers only their own.

#include <string>
#include <utility>
#include <vector>

#include "render/qr_svg.h"
#include "web/internal/programme_common.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kView = service::Permission::kPeopleManage;
constexpr size_t kMaxSheet = 500;  // QR codes on one printed sheet

// One CSV field: quoted, quotes doubled, and a leading = + - @ neutralised so that a name can
// never run as a spreadsheet formula.
std::string CsvField(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    out += '\'';
  }
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

http::Response NoCampaign(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không có đợt phổ biến này", "No such campaign",
                          "Đợt phổ biến không tồn tại.", "The campaign does not exist.");
}

http::Response ReminderCsv(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kView)) return *std::move(refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  ProgrammeServices s(shared.services());
  if (!s.campaigns) return ProgrammeUnavailable(shared, context);
  auto scope = CallerScope(shared, *context.user);
  if (!scope) return ProgrammeUnavailable(shared, context);
  if (!id) return NoCampaign(shared, context);
  auto pending = s.campaigns->Pending(*id, *context.user);
  if (!pending.ok()) {
    if (pending.status().code() == base::StatusCode::kNotFound) return NoCampaign(shared, context);
    return ProgrammeUnavailable(shared, context);
  }
  // A BOM so that Excel reads UTF-8 (Vietnamese names) correctly.
  std::string csv = "\xEF\xBB\xBFho_ten,chuc_vu,don_vi,so_dien_thoai,email\r\n";
  for (const service::PersonView& p : *pending) {
    if (!scope->Contains(p.unit_code)) continue;
    csv += CsvField(p.name) + "," + CsvField(p.position) + "," + CsvField(p.unit_name) + "," +
           CsvField(p.phone.value_or("")) + "," + CsvField(p.email.value_or("")) + "\r\n";
  }
  http::Response r = http::Response::WithType(200, "text/csv; charset=utf-8", std::move(csv));
  r.headers.Set("Content-Disposition",
                "attachment; filename=\"nhac-nho-dot-" + std::to_string(*id) + ".csv\"");
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

http::Response QrSheet(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kView)) return *std::move(refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  const std::string unit(request.Query("don-vi").value_or(""));
  ProgrammeServices s(shared.services());
  if (!s.campaigns) return ProgrammeUnavailable(shared, context);
  auto scope = CallerScope(shared, *context.user);
  if (!scope) return ProgrammeUnavailable(shared, context);
  if (!id) return NoCampaign(shared, context);
  if (!unit.empty() && !scope->Contains(unit)) {
    return shared.ErrorPage(context, 403, "Không thuộc đơn vị của bạn", "Outside your unit",
                            "Bạn chỉ in được mã của đơn vị mình.",
                            "You can only print your own unit's codes.");
  }
  auto links = s.campaigns->Links(*id, *context.user);
  auto progress = s.campaigns->Progress(*id);
  if (!links.ok() || !progress.ok()) {
    const base::StatusCode code = (!links.ok() ? links.status() : progress.status()).code();
    if (code == base::StatusCode::kNotFound || code == base::StatusCode::kFailedPrecondition) {
      return NoCampaign(shared, context);
    }
    return ProgrammeUnavailable(shared, context);
  }
  const std::string base_url = shared.PublicUrl(request);
  Data cards{Data::type::list};
  size_t shown = 0;
  for (const service::PersonalLink& link : *links) {
    if (!scope->Contains(link.unit_code) || (!unit.empty() && link.unit_code != unit)) continue;
    if (++shown > kMaxSheet) break;
    Data card;
    card.set("name", link.name);
    card.set("position", link.position);
    card.set("code", link.code);
    card.set("path", link.path);
    card.set("acknowledged", Data(link.acknowledged));
    base::Result<std::string> svg = render::QrSvg(base_url + link.path, link.name, 3);
    card.set("qr_svg", svg.ok() ? *svg : "");
    cards.push_back(card);
  }
  Data data;
  data.set("title", progress->campaign.title);
  data.set("unit", unit);
  data.set("cards", cards);
  data.set("has_cards", Data(shown > 0));
  data.set("cut", Data(shown > kMaxSheet));
  data.set("public_url", base_url + "/dot-pho-bien/" + std::to_string(*id));
  data.set("back", "/quan-tri/dot-pho-bien/" + std::to_string(*id));
  http::Response r = RenderPage(shared.templates(), context, "programme_qr_sheet", std::move(data),
                                ConsoleMeta(context, "Phiếu mã QR cá nhân", "Personal QR codes"));
  r.headers.Set("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace

void RegisterProgrammeExports(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/dot-pho-bien/{id}/nhac-nho.csv",
             [&shared](http::Request& r) { return ReminderCsv(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/dot-pho-bien/{id}/ma-qr",
             [&shared](http::Request& r) { return QrSheet(shared, r); });
}

}  // namespace binhyen::web::internal

#include "web/internal/channel_common.h"

#include <array>
#include <functional>
#include <utility>
#include <vector>

#include "service/people.h"

namespace binhyen::web::internal {
namespace {

constexpr std::array<domain::ChannelKind, 4> kKinds = {
    domain::ChannelKind::kZaloGroup, domain::ChannelKind::kFacebookPage,
    domain::ChannelKind::kWebsite, domain::ChannelKind::kOther};

std::string FieldLabel(const PageContext& c, std::string_view field) {
  if (field == "unit") return std::string(c.Pick("Đơn vị", "Unit"));
  if (field == "kind") return std::string(c.Pick("Loại kênh", "Kind"));
  if (field == "name") return std::string(c.Pick("Tên kênh", "Name"));
  if (field == "url") return std::string(c.Pick("Đường link", "Link"));
  if (field == "admins") return std::string(c.Pick("Người quản trị", "Admins"));
  if (field == "admin_contact") return std::string(c.Pick("Liên hệ", "Contact"));
  if (field == "webhook_url") return std::string(c.Pick("Địa chỉ webhook", "Webhook address"));
  if (field == "month") return std::string(c.Pick("Tháng", "Month"));
  if (field == "members") return std::string(c.Pick("Số thành viên", "Members"));
  if (field == "warnings_relayed") return std::string(c.Pick("Số cảnh báo", "Warnings relayed"));
  if (field == "reports_received") return std::string(c.Pick("Số tin báo", "Reports received"));
  return std::string(field);
}

std::string WhatVi(std::string_view what) {
  if (what == "choose a unit") return "hãy chọn đơn vị";
  if (what == "no such unit") return "không có đơn vị này";
  if (what == "outside your unit") return "không thuộc đơn vị của bạn";
  if (what == "must not be empty") return "không được để trống";
  if (what.starts_with("must be a link starting with https://")) {
    return "phải là đường link bắt đầu bằng https:// hoặc http://";
  }
  if (what.starts_with("choose Zalo")) return "hãy chọn loại kênh";
  if (what == "must not be negative") return "không được là số âm";
  if (what == "must be YYYY-MM") return "hãy chọn tháng";
  if (what == "a whole number") return "hãy nhập một số nguyên";
  if (what.starts_with("at most") || what.starts_with("must be at most")) return "quá dài";
  return std::string(what);
}

}  // namespace

service::Channels MakeChannels(Shared& shared) {
  const WebServices& s = shared.services();
  return service::Channels(s.store, s.contact_box, s.clock, s.random,
                           service::ChannelsOptions{shared.options().public_url});
}

service::ChannelInput ChannelInputFromForm(const FormData& form) {
  service::ChannelInput in;
  in.unit = std::string(form.Field("unit"));
  in.kind = std::string(form.Field("kind"));
  in.name = std::string(form.Field("name"));
  in.url = std::string(form.Field("url"));
  in.admins = std::string(form.Field("admins"));
  in.admin_contact = std::string(form.Field("admin_contact"));
  in.active = form.Checked("active");
  in.webhook_url = std::string(form.Field("webhook_url"));
  in.webhook_auto = form.Checked("webhook_auto");
  in.rotate_secret = form.Checked("rotate_secret");
  return in;
}

std::map<std::string, std::string> ChannelFieldErrors(const PageContext& context,
                                                      const base::Status& status) {
  std::map<std::string, std::string> out;
  if (status.code() != base::StatusCode::kInvalidArgument) return out;
  std::string_view rest = status.message();
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    const size_t colon = line.find(": ");
    if (colon == std::string_view::npos) continue;
    const std::string field(line.substr(0, colon));
    const std::string_view what = line.substr(colon + 2);
    if (out.count(field) == 0) {
      out[field] =
          FieldLabel(context, field) + ": " + (context.vi() ? WhatVi(what) : std::string(what));
    }
  }
  return out;
}

bool SetChannelForm(Shared& shared, Data& data, const PageContext& context,
                    const ChannelForm& form) {
  const WebServices& s = shared.services();
  service::People people(s.store, s.contact_box, s.clock);
  auto tree = people.UnitTree();
  auto tx = s.store.Begin(store::TxMode::kReadOnly);
  if (!tree.ok() || !tx.ok()) return false;
  auto units = (*tx)->Units().List();
  if (!units.ok()) return false;
  const service::People::Scope scope = service::People::ScopeOf(*context.user, *units);
  Data options{Data::type::list};
  std::function<void(const std::vector<service::UnitNode>&, int)> walk =
      [&](const std::vector<service::UnitNode>& nodes, int depth) {
        for (const service::UnitNode& n : nodes) {
          if (scope.Contains(n.unit.code)) {
            Data o;
            o.set("code", n.unit.code);
            o.set("name",
                  std::string(static_cast<size_t>(std::min(depth, 4)) * 2, ' ') + n.unit.name);
            o.set("selected", Data(n.unit.code == form.input.unit));
            options.push_back(o);
          }
          walk(n.children, depth + 1);
        }
      };
  walk(*tree, 0);
  data.set("unit_options", options);
  Data kinds{Data::type::list};
  for (domain::ChannelKind k : kKinds) {
    Data o;
    o.set("value", std::string(domain::Name(k)));
    o.set("label", std::string(ChannelKindLabel(context, k)));
    o.set("selected", Data(domain::Name(k) == form.input.kind));
    kinds.push_back(o);
  }
  data.set("kind_options", kinds);
  data.set("f_name", form.input.name);
  data.set("f_url", form.input.url);
  data.set("f_admins", form.input.admins);
  data.set("f_admin_contact", form.input.admin_contact);
  data.set("f_active", Data(form.input.active));
  data.set("f_webhook_url", TextOrFalse(form.input.webhook_url));
  data.set("f_webhook_auto", Data(form.input.webhook_auto));
  data.set("editing", Data(form.editing));
  Data errors{Data::type::list};
  for (const auto& [field, message] : form.errors) {
    Data e;
    e.set("field", field == "webhook_url"     ? "c-webhook"
                   : field == "admin_contact" ? "c-contact"
                                              : "c-" + field);
    e.set("text", message);
    errors.push_back(e);
    data.set("error_" + field, message);
  }
  data.set("errors", errors);
  data.set("has_errors", Data(!form.errors.empty()));
  return true;
}

std::string_view ChannelKindLabel(const PageContext& context, domain::ChannelKind kind) {
  switch (kind) {
    case domain::ChannelKind::kZaloGroup: return context.Pick("Nhóm Zalo", "Zalo group");
    case domain::ChannelKind::kFacebookPage:
      return context.Pick("Fanpage Facebook", "Facebook page");
    case domain::ChannelKind::kWebsite: return context.Pick("Trang web", "Website");
    case domain::ChannelKind::kOther: break;
  }
  return context.Pick("Kênh khác", "Other");
}

http::Response ChannelsUnavailable(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 503, "Tạm thời không đọc được dữ liệu kênh",
                          "Channel data unavailable", "Vui lòng thử lại sau ít phút.",
                          "Please try again in a few minutes.");
}

}  // namespace binhyen::web::internal

// Users and API tokens in the console (/quan-tri/nguoi-dung), for administrators: the users
// with their roles, adding one (analysts and admins get their TOTP secret, shown once),
// disabling one; a user's tokens, creating one (the token is shown once) and revoking one.
// Gate: audit:read, the permission only administrators hold (permissions.h has none for
// accounts; the role table gives user management to admins).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "http/form.h"
#include "service/accounts.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kAdmin = service::Permission::kAuditRead;

constexpr ConsoleMessage kUserMessages[] = {
    {"disabled", "Đã khoá tài khoản.", "The account is disabled."},
    {"revoked", "Đã thu hồi mã truy cập.", "The token is revoked."},
};

constexpr domain::Role kRoles[] = {domain::Role::kMember,  domain::Role::kUnitOfficer,
                                   domain::Role::kAnalyst, domain::Role::kProgrammeAdmin,
                                   domain::Role::kFinance, domain::Role::kAdmin};

// What a POST shows once in its answer (never in a URL).
struct Shown {
  std::string totp_user;
  std::string totp_secret;
  std::string token_user;
  std::string token;
  int status = 200;
  std::string alert;
};

Shown Refusal(int status, std::string alert) {
  Shown shown;
  shown.status = status;
  shown.alert = std::move(alert);
  return shown;
}

Data UserRows(const std::vector<domain::User>& users, const std::string& selected) {
  Data rows{Data::type::list};
  for (const domain::User& u : users) {
    Data row;
    row.set("name", u.name);
    row.set("role", std::string(domain::Name(u.role)));
    row.set("unit", u.unit);
    row.set("disabled", Data(u.disabled));
    row.set("totp", Data(u.totp_secret_ciphertext.has_value()));
    row.set("tokens_href", "/quan-tri/nguoi-dung?tokens=" + http::UrlEncode(u.name));
    row.set("selected", Data(u.name == selected));
    rows.push_back(row);
  }
  return rows;
}

Data TokenRows(service::Accounts& accounts, const std::string& name) {
  Data rows{Data::type::list};
  auto tokens = accounts.ListTokens(name);
  if (!tokens.ok()) return rows;
  for (const domain::ApiToken& t : *tokens) {
    Data row;
    row.set("id", std::to_string(t.id));
    std::string scopes;
    for (const std::string& s : t.scopes) scopes += (scopes.empty() ? "" : " ") + s;
    row.set("scopes", scopes);
    row.set("created", FormatVietnamDate(t.created_at, true));
    row.set("last_used",
            TextOrFalse(t.last_used_at ? FormatVietnamDate(*t.last_used_at, true) : ""));
    row.set("revoked", Data(t.revoked));
    rows.push_back(row);
  }
  return rows;
}

http::Response Page(Shared& shared, const http::Request& request, PageContext& context,
                    const std::string& selected, const Shown& shown) {
  const WebServices& s = shared.services();
  service::Accounts accounts(s.store, s.clock, s.random);
  auto users = accounts.ListUsers();
  if (!users.ok()) {
    return shared.ErrorPage(context, 503, "Chưa đọc được danh sách", "The list cannot be read",
                            "Hệ thống đang bận, vui lòng thử lại.",
                            "The system is busy; please try again.");
  }
  Data data;
  data.set("users", UserRows(*users, selected));
  Data roles{Data::type::list};
  for (domain::Role r : kRoles) {
    Data item;
    item.set("value", std::string(domain::Name(r)));
    item.set("selected", Data(r == domain::Role::kAnalyst));
    roles.push_back(item);
  }
  data.set("roles", roles);
  Data scopes{Data::type::list};
  for (service::Permission p : service::AllPermissions()) {
    Data item;
    item.set("value", std::string(service::ScopeName(p)));
    item.set("id", "scope-" + std::to_string(static_cast<int>(p)));
    scopes.push_back(item);
  }
  data.set("scopes", scopes);
  if (!selected.empty()) {
    data.set("token_user", selected);
    Data tokens = TokenRows(accounts, selected);
    data.set("has_tokens", Data(!tokens.is_empty_list()));
    data.set("tokens", tokens);
  }
  data.set("totp_user", TextOrFalse(shown.totp_user));
  data.set("totp_secret", TextOrFalse(shown.totp_secret));
  data.set("new_token", TextOrFalse(shown.token));
  data.set("csrf_token", context.csrf_token);
  AddConsoleNotices(data, request, context, kUserMessages,
                    shown.alert.empty() ? "" : "Chưa thực hiện được: " + shown.alert,
                    shown.alert.empty() ? "" : "Not done: " + shown.alert);
  return RenderPage(
      shared.templates(), context, "console_users", std::move(data),
      ConsoleMeta(context, "Người dùng và mã truy cập", "Users and tokens", shown.status));
}

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kAdmin)) return *std::move(refusal);
  return Page(shared, request, context, std::string(request.Query("tokens").value_or("")), {});
}

int StatusOf(const base::Status& s) {
  switch (s.code()) {
    case base::StatusCode::kNotFound: return 404;
    case base::StatusCode::kAlreadyExists:
    case base::StatusCode::kFailedPrecondition: return 409;
    default: return 422;
  }
}

http::Response AddUser(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kAdmin);
  if (post.refusal) return *std::move(post.refusal);
  const WebServices& s = shared.services();
  service::Accounts accounts(s.store, s.clock, s.random);
  const std::string name(base::TrimAscii(post.form.Field("name")));
  const std::string actor = context.user->Actor();
  auto user = accounts.AddUser(name, post.form.Field("role"), post.form.Field("password"), actor);
  Shown shown;
  if (!user.ok()) {
    shown.status = StatusOf(user.status());
    shown.alert = user.status().message();
    return Page(shared, request, context, "", shown);
  }
  if (service::RoleNeedsSecondFactor(user->role)) {
    auto secret = s.auth.EnrollTotp(user->name, actor);
    if (secret.ok()) {
      shown.totp_user = user->name;
      shown.totp_secret = *secret;
    } else {
      shown.alert = secret.status().message();
    }
  }
  return Page(shared, request, context, user->name, shown);
}

http::Response Disable(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kAdmin);
  if (post.refusal) return *std::move(post.refusal);
  const WebServices& s = shared.services();
  service::Accounts accounts(s.store, s.clock, s.random);
  const std::string name(post.form.Field("name"));
  if (context.user && name == context.user->name) {
    return Page(shared, request, context, "", Refusal(409, "you cannot disable your own account"));
  }
  auto done = accounts.DisableUser(name, context.user->Actor());
  if (!done.ok()) {
    return Page(shared, request, context, "",
                Refusal(StatusOf(done.status()), done.status().message()));
  }
  return RedirectWithNotice("/quan-tri/nguoi-dung", "disabled");
}

http::Response CreateToken(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kAdmin);
  if (post.refusal) return *std::move(post.refusal);
  const WebServices& s = shared.services();
  service::Accounts accounts(s.store, s.clock, s.random);
  const std::string name(post.form.Field("name"));
  std::vector<std::string> scopes;
  for (const auto& [key, value] : post.form.fields) {
    if (key == "scope") scopes.push_back(value);
  }
  Shown shown;
  if (scopes.empty()) {
    shown.status = 422;
    shown.alert = "scopes: choose at least one";
    return Page(shared, request, context, name, shown);
  }
  auto created = accounts.CreateToken(name, std::move(scopes), context.user->Actor());
  if (!created.ok()) {
    shown.status = StatusOf(created.status());
    shown.alert = created.status().message();
    return Page(shared, request, context, name, shown);
  }
  shown.token_user = name;
  shown.token = created->token;
  return Page(shared, request, context, name, shown);
}

http::Response Revoke(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kAdmin);
  if (post.refusal) return *std::move(post.refusal);
  const WebServices& s = shared.services();
  service::Accounts accounts(s.store, s.clock, s.random);
  const std::string name(post.form.Field("name"));
  std::optional<int64_t> id = ParseId(post.form.Field("id"));
  base::Status done = id ? accounts.RevokeToken(*id, context.user->Actor())
                         : base::InvalidArgumentError("id: must be a token number");
  if (!done.ok()) {
    return Page(shared, request, context, name, Refusal(StatusOf(done), done.message()));
  }
  return RedirectWithNotice("/quan-tri/nguoi-dung?tokens=" + http::UrlEncode(name), "revoked");
}

}  // namespace

void RegisterConsoleUsers(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/nguoi-dung",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/nguoi-dung",
             [&shared](http::Request& r) { return AddUser(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/nguoi-dung/khoa",
             [&shared](http::Request& r) { return Disable(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/nguoi-dung/ma-truy-cap",
             [&shared](http::Request& r) { return CreateToken(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/nguoi-dung/thu-hoi",
             [&shared](http::Request& r) { return Revoke(shared, r); });
}

}  // namespace binhyen::web::internal

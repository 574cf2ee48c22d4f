// Users, browser sessions and API tokens.
#include <string>

#include "domain/user.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

constexpr Sql kUserInsert{
    "user_insert",
    "INSERT INTO users (name, password_hash, role, unit, totp_secret_ciphertext, disabled, "
    "created_at, failed_logins, locked_until) "
    "VALUES ($1, $2, $3, $4, decode($5, 'hex'), $6, $7, $8, $9) RETURNING id"};
constexpr Sql kUserUpdate{
    "user_update",
    "UPDATE users SET password_hash = $2, role = $3, unit = $4, "
    "totp_secret_ciphertext = decode($5, 'hex'), disabled = $6, failed_logins = $7, "
    "locked_until = $8 WHERE id = $1"};
#define BINHYEN_PG_USER_COLUMNS                                                                 \
  "SELECT id, name, password_hash, role, unit, encode(totp_secret_ciphertext, 'hex') AS totp, " \
  "disabled, created_at, failed_logins, locked_until FROM users "
constexpr Sql kUserById{"user_by_id", BINHYEN_PG_USER_COLUMNS "WHERE id = $1"};
constexpr Sql kUserByName{"user_by_name", BINHYEN_PG_USER_COLUMNS "WHERE name = $1"};
constexpr Sql kUserList{"user_list", BINHYEN_PG_USER_COLUMNS "ORDER BY name COLLATE \"C\""};
#undef BINHYEN_PG_USER_COLUMNS
constexpr Sql kUserExists{"account_user_exists", "SELECT 1 FROM users WHERE id = $1"};

constexpr Sql kSessionInsert{
    "session_insert",
    "INSERT INTO sessions (id_hash, user_id, csrf_token_hash, created_at, expires_at, "
    "last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr Sql kSessionSelect{
    "session_select",
    "SELECT id_hash, user_id, csrf_token_hash, created_at, expires_at, last_seen_at "
    "FROM sessions WHERE id_hash = $1"};
constexpr Sql kSessionTouch{"session_touch",
                            "UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1"};
constexpr Sql kSessionDelete{"session_delete", "DELETE FROM sessions WHERE id_hash = $1"};
constexpr Sql kSessionDeleteForUser{"session_delete_for_user",
                                    "DELETE FROM sessions WHERE user_id = $1"};
constexpr Sql kSessionDeleteExpired{"session_delete_expired",
                                    "DELETE FROM sessions WHERE expires_at <= $1"};

constexpr Sql kTokenInsert{
    "token_insert",
    "INSERT INTO api_tokens (user_id, token_hash, scopes, created_at, last_used_at, revoked) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
#define BINHYEN_PG_TOKEN_COLUMNS \
  "SELECT id, user_id, token_hash, scopes, created_at, last_used_at, revoked FROM api_tokens "
constexpr Sql kTokenByHash{"token_by_hash", BINHYEN_PG_TOKEN_COLUMNS "WHERE token_hash = $1"};
constexpr Sql kTokensForUser{"tokens_for_user",
                             BINHYEN_PG_TOKEN_COLUMNS "WHERE user_id = $1 ORDER BY id"};
#undef BINHYEN_PG_TOKEN_COLUMNS
constexpr Sql kTokenRevoke{"token_revoke", "UPDATE api_tokens SET revoked = true WHERE id = $1"};
constexpr Sql kTokenTouch{"token_touch", "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1"};

base::Status UserNotFound(int64_t id) {
  return base::NotFoundError("user " + std::to_string(id) + ": not found");
}

base::Result<domain::User> UserFromRow(const pqxx::row& row) {
  domain::User u;
  u.id = Int(row["id"]);
  u.name = Text(row["name"]);
  u.password_hash = Text(row["password_hash"]);
  BINHYEN_ASSIGN_OR_RETURN(u.role,
                           ParseColumn<domain::Role>("role", Text(row["role"]), domain::ParseRole));
  u.unit = Text(row["unit"]);
  u.totp_secret_ciphertext = OptionalBytes(row["totp"]);
  u.disabled = Bool(row["disabled"]);
  u.created_at = Time(row["created_at"]);
  u.failed_logins = static_cast<int>(Int(row["failed_logins"]));
  u.locked_until = OptionalTime(row["locked_until"]);
  return u;
}

domain::Session SessionFromRow(const pqxx::row& row) {
  domain::Session s;
  s.id_hash = Text(row["id_hash"]);
  s.user_id = Int(row["user_id"]);
  s.csrf_token_hash = Text(row["csrf_token_hash"]);
  s.created_at = Time(row["created_at"]);
  s.expires_at = Time(row["expires_at"]);
  s.last_seen_at = Time(row["last_seen_at"]);
  return s;
}

domain::ApiToken TokenFromRow(const pqxx::row& row) {
  domain::ApiToken t;
  t.id = Int(row["id"]);
  t.user_id = Int(row["user_id"]);
  t.token_hash = Text(row["token_hash"]);
  t.scopes = SplitScopes(Text(row["scopes"]));
  t.created_at = Time(row["created_at"]);
  t.last_used_at = OptionalTime(row["last_used_at"]);
  t.revoked = Bool(row["revoked"]);
  return t;
}

}  // namespace

base::Result<int64_t> PgUserRepository::Create(const domain::User& user) {
  return s_.Write("users.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(user));
    const pqxx::result r = s_.Exec(kUserInsert, Params()
                                                    .Add(user.name)
                                                    .Add(user.password_hash)
                                                    .Add(domain::Name(user.role))
                                                    .Add(user.unit)
                                                    .AddBytes(user.totp_secret_ciphertext)
                                                    .Add(user.disabled)
                                                    .AddTime(user.created_at)
                                                    .Add(user.failed_logins)
                                                    .AddTime(user.locked_until));
    return Int(r[0][0]);
  });
}

base::Status PgUserRepository::Update(const domain::User& user) {
  return s_.Write("users.update", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(user));
    const pqxx::result r = s_.Exec(kUserUpdate, Params()
                                                    .Add(user.id)
                                                    .Add(user.password_hash)
                                                    .Add(domain::Name(user.role))
                                                    .Add(user.unit)
                                                    .AddBytes(user.totp_secret_ciphertext)
                                                    .Add(user.disabled)
                                                    .Add(user.failed_logins)
                                                    .AddTime(user.locked_until));
    if (r.affected_rows() == 0) return UserNotFound(user.id);
    return base::Status::Ok();
  });
}

base::Result<domain::User> PgUserRepository::Get(int64_t id) {
  return s_.Read("users.get", [&]() -> base::Result<domain::User> {
    const pqxx::result r = s_.Exec(kUserById, Params().Add(id));
    if (r.empty()) return UserNotFound(id);
    return UserFromRow(r[0]);
  });
}

base::Result<domain::User> PgUserRepository::GetByName(std::string_view name) {
  return s_.Read("users.get_by_name", [&]() -> base::Result<domain::User> {
    const pqxx::result r = s_.Exec(kUserByName, Params().Add(name));
    if (r.empty()) return base::NotFoundError("user name '" + std::string(name) + "': not found");
    return UserFromRow(r[0]);
  });
}

base::Result<std::vector<domain::User>> PgUserRepository::List() {
  return s_.Read("users.list", [&]() -> base::Result<std::vector<domain::User>> {
    std::vector<domain::User> out;
    for (const pqxx::row& row : s_.Exec(kUserList)) {
      BINHYEN_ASSIGN_OR_RETURN(domain::User u, UserFromRow(row));
      out.push_back(std::move(u));
    }
    return out;
  });
}

base::Status PgSessionRepository::Create(const domain::Session& session) {
  return s_.Write("sessions.create", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(session));
    if (s_.Exec(kUserExists, Params().Add(session.user_id)).empty()) {
      return UserNotFound(session.user_id);
    }
    s_.Exec(kSessionInsert, Params()
                                .Add(session.id_hash)
                                .Add(session.user_id)
                                .Add(session.csrf_token_hash)
                                .AddTime(session.created_at)
                                .AddTime(session.expires_at)
                                .AddTime(session.last_seen_at));
    return base::Status::Ok();
  });
}

base::Result<domain::Session> PgSessionRepository::Get(std::string_view id_hash) {
  return s_.Read("sessions.get", [&]() -> base::Result<domain::Session> {
    const pqxx::result r = s_.Exec(kSessionSelect, Params().Add(id_hash));
    if (r.empty()) return base::NotFoundError("session: not found");
    return SessionFromRow(r[0]);
  });
}

base::Status PgSessionRepository::Touch(std::string_view id_hash, base::TimePoint last_seen_at) {
  return s_.Write("sessions.touch", [&]() -> base::Status {
    const pqxx::result r = s_.Exec(kSessionTouch, Params().Add(id_hash).AddTime(last_seen_at));
    if (r.affected_rows() == 0) return base::NotFoundError("session: not found");
    return base::Status::Ok();
  });
}

base::Status PgSessionRepository::Delete(std::string_view id_hash) {
  return s_.Write("sessions.delete", [&]() -> base::Status {
    s_.Exec(kSessionDelete, Params().Add(id_hash));
    return base::Status::Ok();
  });
}

base::Result<int64_t> PgSessionRepository::DeleteForUser(int64_t user_id) {
  return s_.Write("sessions.delete_for_user", [&]() -> base::Result<int64_t> {
    return static_cast<int64_t>(
        s_.Exec(kSessionDeleteForUser, Params().Add(user_id)).affected_rows());
  });
}

base::Result<int64_t> PgSessionRepository::DeleteExpired(base::TimePoint now) {
  return s_.Write("sessions.delete_expired", [&]() -> base::Result<int64_t> {
    return static_cast<int64_t>(
        s_.Exec(kSessionDeleteExpired, Params().AddTime(now)).affected_rows());
  });
}

base::Result<int64_t> PgTokenRepository::Create(const domain::ApiToken& token) {
  return s_.Write("tokens.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(token));
    if (s_.Exec(kUserExists, Params().Add(token.user_id)).empty()) {
      return UserNotFound(token.user_id);
    }
    const pqxx::result r = s_.Exec(kTokenInsert, Params()
                                                     .Add(token.user_id)
                                                     .Add(token.token_hash)
                                                     .Add(JoinScopes(token.scopes))
                                                     .AddTime(token.created_at)
                                                     .AddTime(token.last_used_at)
                                                     .Add(token.revoked));
    return Int(r[0][0]);
  });
}

base::Result<domain::ApiToken> PgTokenRepository::GetByHash(std::string_view token_hash) {
  return s_.Read("tokens.get_by_hash", [&]() -> base::Result<domain::ApiToken> {
    const pqxx::result r = s_.Exec(kTokenByHash, Params().Add(token_hash));
    if (r.empty()) return base::NotFoundError("token: not found");
    return TokenFromRow(r[0]);
  });
}

base::Result<std::vector<domain::ApiToken>> PgTokenRepository::ListForUser(int64_t user_id) {
  return s_.Read("tokens.list_for_user", [&]() -> base::Result<std::vector<domain::ApiToken>> {
    std::vector<domain::ApiToken> out;
    for (const pqxx::row& row : s_.Exec(kTokensForUser, Params().Add(user_id))) {
      out.push_back(TokenFromRow(row));
    }
    return out;
  });
}

base::Status PgTokenRepository::Revoke(int64_t id) {
  return s_.Write("tokens.revoke", [&]() -> base::Status {
    if (s_.Exec(kTokenRevoke, Params().Add(id)).affected_rows() == 0) {
      return base::NotFoundError("token " + std::to_string(id) + ": not found");
    }
    return base::Status::Ok();
  });
}

base::Status PgTokenRepository::TouchLastUsed(int64_t id, base::TimePoint at) {
  return s_.Write("tokens.touch_last_used", [&]() -> base::Status {
    if (s_.Exec(kTokenTouch, Params().Add(id).AddTime(at)).affected_rows() == 0) {
      return base::NotFoundError("token " + std::to_string(id) + ": not found");
    }
    return base::Status::Ok();
  });
}

}  // namespace binhyen::store::postgres

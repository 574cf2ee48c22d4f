#include <string>
#include <utility>

#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kUserColumns =
    "id, name, password_hash, role, unit, totp_secret_ciphertext, disabled, created_at, "
    "failed_logins, locked_until";

base::Result<domain::User> ReadUser(const Statement& s) {
  domain::User u;
  u.id = s.Int(0);
  u.name = s.Text(1);
  u.password_hash = s.Text(2);
  const std::string role = s.Text(3);
  BINHYEN_ASSIGN_OR_RETURN(u.role, ParseStored(domain::ParseRole(role), "role", role));
  u.unit = s.Text(4);
  u.totp_secret_ciphertext = s.OptionalBlob(5);
  u.disabled = s.Int(6) != 0;
  u.created_at = s.Time(7);
  u.failed_logins = static_cast<int>(s.Int(8));
  u.locked_until = s.OptionalTime(9);
  return u;
}

base::Result<domain::User> OneUser(Statement& s, std::string not_found) {
  BINHYEN_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return base::NotFoundError(std::move(not_found));
  return ReadUser(s);
}

constexpr std::string_view kTokenColumns =
    "id, user_id, token_hash, scopes, created_at, last_used_at, revoked";

domain::ApiToken ReadToken(const Statement& s) {
  domain::ApiToken t;
  t.id = s.Int(0);
  t.user_id = s.Int(1);
  t.token_hash = s.Text(2);
  t.scopes = SplitScopes(s.Text(3));
  t.created_at = s.Time(4);
  t.last_used_at = s.OptionalTime(5);
  t.revoked = s.Int(6) != 0;
  return t;
}

}  // namespace

base::Status UserExists(Connection& connection, int64_t user_id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, connection.Prepare("SELECT 1 FROM users WHERE id = ?"));
  s->Bind(1, user_id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return base::NotFoundError("user " + std::to_string(user_id) + ": not found");
  return base::Status::Ok();
}

base::Result<int64_t> SqliteUsers::Create(const domain::User& u) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(u));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "INSERT INTO users (name, password_hash, role, unit, totp_secret_ciphertext, "
                    "disabled, created_at, failed_logins, locked_until) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, u.name)
        .Bind(2, u.password_hash)
        .Bind(3, domain::Name(u.role))
        .Bind(4, u.unit)
        .BindBlob(5, u.totp_secret_ciphertext)
        .Bind(6, static_cast<int64_t>(u.disabled))
        .Bind(7, u.created_at)
        .Bind(8, static_cast<int64_t>(u.failed_logins))
        .Bind(9, u.locked_until);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(tx_.connection().db()));
  });
}

base::Status SqliteUsers::Update(const domain::User& u) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(u));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE users SET password_hash = ?, role = ?, unit = ?, "
                                         "totp_secret_ciphertext = ?, disabled = ?, "
                                         "failed_logins = ?, locked_until = ? WHERE id = ?"));
    s->Bind(1, u.password_hash)
        .Bind(2, domain::Name(u.role))
        .Bind(3, u.unit)
        .BindBlob(4, u.totp_secret_ciphertext)
        .Bind(5, static_cast<int64_t>(u.disabled))
        .Bind(6, static_cast<int64_t>(u.failed_logins))
        .Bind(7, u.locked_until)
        .Bind(8, u.id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(tx_.connection().db()) == 0) {
      return base::NotFoundError("user " + std::to_string(u.id) + ": not found");
    }
    return base::Status::Ok();
  });
}

base::Result<domain::User> SqliteUsers::Get(int64_t id) {
  return tx_.Read([&]() -> base::Result<domain::User> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kUserColumns) +
                                                      " FROM users WHERE id = ?"));
    s->Bind(1, id);
    return OneUser(*s, "user " + std::to_string(id) + ": not found");
  });
}

base::Result<domain::User> SqliteUsers::GetByName(std::string_view name) {
  return tx_.Read([&]() -> base::Result<domain::User> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kUserColumns) +
                                                      " FROM users WHERE name = ?"));
    s->Bind(1, name);
    return OneUser(*s, "user name '" + std::string(name) + "': not found");
  });
}

base::Result<std::vector<domain::User>> SqliteUsers::List() {
  return tx_.Read([&]() -> base::Result<std::vector<domain::User>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kUserColumns) +
                                                      " FROM users ORDER BY name"));
    std::vector<domain::User> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::User u, ReadUser(*s));
      out.push_back(std::move(u));
    }
    return out;
  });
}

base::Status SqliteSessions::Create(const domain::Session& session) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(session));
    BINHYEN_RETURN_IF_ERROR(UserExists(tx_.connection(), session.user_id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "INSERT INTO sessions (id_hash, user_id, csrf_token_hash, created_at, "
                    "expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)"));
    s->Bind(1, session.id_hash)
        .Bind(2, session.user_id)
        .Bind(3, session.csrf_token_hash)
        .Bind(4, session.created_at)
        .Bind(5, session.expires_at)
        .Bind(6, session.last_seen_at);
    return s->Run();
  });
}

base::Result<domain::Session> SqliteSessions::Get(std::string_view id_hash) {
  return tx_.Read([&]() -> base::Result<domain::Session> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        tx_.connection().Prepare("SELECT id_hash, user_id, csrf_token_hash, created_at, "
                                 "expires_at, last_seen_at FROM sessions WHERE id_hash = ?"));
    s->Bind(1, id_hash);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::NotFoundError("session: not found");
    return domain::Session{s->Text(0), s->Int(1), s->Text(2), s->Time(3), s->Time(4), s->Time(5)};
  });
}

base::Status SqliteSessions::Touch(std::string_view id_hash, base::TimePoint last_seen_at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?"));
    s->Bind(1, last_seen_at).Bind(2, id_hash);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(tx_.connection().db()) == 0) {
      return base::NotFoundError("session: not found");
    }
    return base::Status::Ok();
  });
}

base::Status SqliteSessions::Delete(std::string_view id_hash) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("DELETE FROM sessions WHERE id_hash = ?"));
    s->Bind(1, id_hash);
    return s->Run();
  });
}

base::Result<int64_t> SqliteSessions::DeleteForUser(int64_t user_id) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("DELETE FROM sessions WHERE user_id = ?"));
    s->Bind(1, user_id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_changes(tx_.connection().db()));
  });
}

base::Result<int64_t> SqliteSessions::DeleteExpired(base::TimePoint now) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("DELETE FROM sessions WHERE expires_at <= ?"));
    s->Bind(1, now);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_changes(tx_.connection().db()));
  });
}

base::Result<int64_t> SqliteTokens::Create(const domain::ApiToken& t) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(t));
    BINHYEN_RETURN_IF_ERROR(UserExists(tx_.connection(), t.user_id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        tx_.connection().Prepare("INSERT INTO api_tokens (user_id, token_hash, scopes, created_at, "
                                 "last_used_at, revoked) VALUES (?, ?, ?, ?, ?, ?)"));
    s->Bind(1, t.user_id)
        .Bind(2, t.token_hash)
        .Bind(3, JoinScopes(t.scopes))
        .Bind(4, t.created_at)
        .Bind(5, t.last_used_at)
        .Bind(6, static_cast<int64_t>(t.revoked));
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(tx_.connection().db()));
  });
}

base::Result<domain::ApiToken> SqliteTokens::GetByHash(std::string_view token_hash) {
  return tx_.Read([&]() -> base::Result<domain::ApiToken> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kTokenColumns) +
                                                      " FROM api_tokens WHERE token_hash = ?"));
    s->Bind(1, token_hash);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::NotFoundError("token: not found");
    return ReadToken(*s);
  });
}

base::Result<std::vector<domain::ApiToken>> SqliteTokens::ListForUser(int64_t user_id) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::ApiToken>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kTokenColumns) +
                                         " FROM api_tokens WHERE user_id = ? ORDER BY id"));
    s->Bind(1, user_id);
    std::vector<domain::ApiToken> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      out.push_back(ReadToken(*s));
    }
    return out;
  });
}

base::Status SqliteTokens::Revoke(int64_t id) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE api_tokens SET revoked = 1 WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(tx_.connection().db()) == 0) {
      return base::NotFoundError("token " + std::to_string(id) + ": not found");
    }
    return base::Status::Ok();
  });
}

base::Status SqliteTokens::TouchLastUsed(int64_t id, base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"));
    s->Bind(1, at).Bind(2, id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(tx_.connection().db()) == 0) {
      return base::NotFoundError("token " + std::to_string(id) + ": not found");
    }
    return base::Status::Ok();
  });
}

}  // namespace binhyen::store::sqlite

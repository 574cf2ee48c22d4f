#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/enums.h"

namespace binhyen::domain {

// A person who logs in.
struct User {
  int64_t id = 0;             // assigned by the store
  std::string name;           // login name: 1..64 bytes of [a-z0-9._-]; unique
  std::string password_hash;  // argon2id string from crypto/ (never the password); non-empty
  Role role = Role::kMember;
  std::string unit;                                   // unit / ward code; may be empty
  std::optional<std::string> totp_secret_ciphertext;  // encrypted by the service layer
  bool disabled = false;
  base::TimePoint created_at{};
  // Consecutive failed sign-ins since the last successful one, and the time until which sign-in
  // is refused after too many (maintained by the service layer through Update()).
  int failed_logins = 0;  // >= 0
  std::optional<base::TimePoint> locked_until;

  friend bool operator==(const User&, const User&) = default;
};

// A browser session. Only hashes of the session id and CSRF token are stored
// (crypto::HashToken), so a copy of the database cannot be used to log in.
struct Session {
  std::string id_hash;  // 64 hex digits; the key
  int64_t user_id = 0;
  std::string csrf_token_hash;  // 64 hex digits
  base::TimePoint created_at{};
  base::TimePoint expires_at{};  // > created_at
  base::TimePoint last_seen_at{};

  friend bool operator==(const Session&, const Session&) = default;
};

// A bearer token for the API. Only its hash is stored.
struct ApiToken {
  int64_t id = 0;  // assigned by the store
  int64_t user_id = 0;
  std::string token_hash;           // 64 hex digits; unique
  std::vector<std::string> scopes;  // e.g. "reports:write"; sorted, unique, [a-z0-9:_.-]+
  base::TimePoint created_at{};
  std::optional<base::TimePoint> last_used_at;
  bool revoked = false;

  friend bool operator==(const ApiToken&, const ApiToken&) = default;
};

// InvalidArgument naming the field ("name: ...", "password_hash: must not be empty", ...).
base::Status Validate(const User& user);
base::Status Validate(const Session& session);
base::Status Validate(const ApiToken& token);

// True when `s` is 64 lower-case hex digits.
bool IsSha256Hex(std::string_view s);

}  // namespace binhyen::domain

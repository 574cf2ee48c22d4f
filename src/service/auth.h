#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/password.h"
#include "crypto/random.h"
#include "crypto/secret_box.h"
#include "domain/enums.h"
#include "service/permissions.h"
#include "store/store.h"

namespace binhyen::service {

// Who is making a request, once authenticated.
struct Principal {
  enum class Via { kSession, kToken };

  int64_t user_id = 0;
  std::string name;
  domain::Role role = domain::Role::kMember;
  std::string unit;
  Via via = Via::kSession;
  // For tokens: the token's scopes (see permissions.h). Unused for sessions.
  std::vector<std::string> scopes;
  int64_t token_id = 0;         // for tokens
  std::string session_id_hash;  // for sessions
  std::string csrf_token_hash;  // for sessions

  // The role grants `p` and, for a token, the token carries its scope.
  bool Can(Permission p) const;
  // How the audit log names this caller: "user:<name>", or "user:<name>+token:<id>" for a token
  // (so that one search for "user:<name>" finds everything a person did).
  std::string Actor() const;
};

struct AuthOptions {
  std::chrono::hours session_ttl{12};
  // Consecutive failures that lock an account, and for how long.
  int lockout_failures = 5;
  std::chrono::minutes lockout_duration{15};
  // Sessions are touched (last_seen_at written) at most this often, so that reading pages does
  // not cost a database write per request.
  std::chrono::minutes touch_interval{5};
  crypto::PasswordCost password_cost = crypto::kInteractivePasswordCost;
};

struct LoginRequest {
  std::string name;
  std::string password;
  std::string totp_code;  // required for roles that need a second factor
  // The session the browser held before (its cookie), deleted at login so that a session id
  // planted before sign-in can never become an authenticated one (session fixation).
  std::string previous_session_token;
};

struct LoginResult {
  std::string session_token;  // for the HttpOnly cookie; only its hash is stored
  std::string csrf_token;     // echoed on every state change; only its hash is stored
  base::TimePoint expires_at{};
  Principal principal;
};

// The cookies of a browser session, shared by the JSON API (which signs in) and the pages
// (which read them). The session cookie is HttpOnly; the CSRF cookie is readable by the page's
// script (double submit: the script echoes it in X-CSRF-Token, forms in csrf_token) and is
// useless without the session.
inline constexpr std::string_view kSessionCookie = "by_session";
inline constexpr std::string_view kCsrfCookie = "by_csrf";
inline constexpr std::string_view kCsrfField = "csrf_token";

// Machine-readable reasons of a refused sign-in, carried in the Status message's first word so
// that the API can answer precisely: "credentials: ...", "totp_required: ...", "totp: ...",
// "locked: ...", "totp_not_enrolled: ...".
inline constexpr std::string_view kReasonCredentials = "credentials";
inline constexpr std::string_view kReasonTotpRequired = "totp_required";
inline constexpr std::string_view kReasonTotpWrong = "totp";
inline constexpr std::string_view kReasonLocked = "locked";
inline constexpr std::string_view kReasonTotpNotEnrolled = "totp_not_enrolled";

// Sign-in, sessions, CSRF tokens and bearer tokens.
//
// Passwords are argon2id (crypto/password.h); session ids, CSRF tokens and API tokens are 256-bit
// random tokens of which only SHA-256 hashes are stored (crypto/token.h); TOTP secrets are
// stored encrypted with `secrets_box`. Unknown names cost the same argon2id work as known ones,
// so response times do not tell which accounts exist.
//
// Thread safety: thread-safe (the Random is used under a mutex; the store is thread-safe).
class Authenticator {
 public:
  // All references must outlive the Authenticator.
  Authenticator(store::Store& store, const crypto::SecretBox& secrets_box, const base::Clock& clock,
                crypto::Random& random, AuthOptions options = {});

  // Signs in. Errors (nothing but the failure counter is written):
  // - Unauthenticated "credentials: wrong name or password" (also for unknown, disabled users);
  // - Unauthenticated "totp_required: ..." when the role needs a second factor and no code was
  //   given (not counted as a failure), "totp: wrong or reused code" (counted);
  // - FailedPrecondition "totp_not_enrolled: ..." when the role needs a second factor the user
  //   has not set up (`binhyen user totp <name>`);
  // - ResourceExhausted "locked: too many failed sign-ins; try again after <time>" while locked
  //   (lockout_failures consecutive failures lock for lockout_duration).
  // On success: failures reset, a new session (rotated: `previous_session_token` deleted), audit
  // "user.login".
  base::Result<LoginResult> Login(const LoginRequest& request);

  // Deletes the session (Ok when it is already gone). Audit "user.logout" when it existed.
  base::Status Logout(std::string_view session_token);

  // The principal of a session cookie. Unauthenticated "session: ..." when unknown, expired, or
  // its user is disabled.
  base::Result<Principal> AuthenticateSession(std::string_view session_token);

  // PermissionDenied "csrf: missing or wrong token" unless `csrf_token` belongs to the session
  // of `principal` (compared in constant time). Tokens (bearer) need no CSRF token: Ok.
  base::Status CheckCsrf(const Principal& principal, std::string_view csrf_token) const;

  // The principal of a bearer token. Unauthenticated "token: ..." when unknown, revoked, or its
  // user is disabled.
  base::Result<Principal> AuthenticateBearer(std::string_view token);

  // Creates (or replaces) the TOTP secret of user `name`; returns the secret in base32 for the
  // authenticator app (shown once). Audit "user.totp.enroll" by `actor`.
  base::Result<std::string> EnrollTotp(std::string_view name, std::string_view actor);

 private:
  base::Status CheckSecondFactor(const domain::User& user, std::string_view code);
  std::string NewToken();
  // Counts a failed sign-in of user `user_id` (re-read in the write transaction, so that a
  // concurrent change such as a disable is never overwritten).
  base::Status RecordFailure(int64_t user_id, std::string_view reason);

  store::Store& store_;
  const crypto::SecretBox& secrets_box_;
  const base::Clock& clock_;
  crypto::Random& random_;
  AuthOptions options_;
  std::string dummy_password_hash_;  // verified against for unknown names (constant work)

  std::mutex mu_;  // guards random_ and last_totp_step_
  // The last TOTP time step accepted per user, so a code cannot be replayed within its window.
  // In memory: a restart forgets it, which at worst re-opens one 30-second window.
  std::map<int64_t, int64_t> last_totp_step_;
};

}  // namespace binhyen::service

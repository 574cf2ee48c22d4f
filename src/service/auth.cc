#include "service/auth.h"

#include <algorithm>
#include <utility>

#include "base/strings.h"
#include "crypto/compare.h"
#include "crypto/token.h"
#include "crypto/totp.h"
#include "service/audit_entry.h"

namespace binhyen::service {
namespace {

base::Status Refused(std::string_view reason, std::string_view what) {
  return base::UnauthenticatedError(std::string(reason) + ": " + std::string(what));
}

base::Status WrongCredentials() { return Refused(kReasonCredentials, "wrong name or password"); }

int64_t UnixSeconds(base::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Sessions and tokens carry no more than this many bytes; anything longer is not ours.
constexpr size_t kMaxTokenBytes = 128;

}  // namespace

bool Principal::Can(Permission p) const {
  if (!RoleHas(role, p)) return false;
  if (via == Via::kSession) return true;
  return std::find(scopes.begin(), scopes.end(), ScopeName(p)) != scopes.end();
}

std::string Principal::Actor() const {
  if (via == Via::kToken) return "user:" + name + "+token:" + std::to_string(token_id);
  return "user:" + name;
}

Authenticator::Authenticator(store::Store& store, const crypto::SecretBox& secrets_box,
                             const base::Clock& clock, crypto::Random& random, AuthOptions options)
    : store_(store), secrets_box_(secrets_box), clock_(clock), random_(random), options_(options) {
  // A hash of a random password with the same cost, so that an unknown name costs one argon2id
  // verification like a known one.
  base::Result<std::string> dummy = crypto::HashPassword(NewToken(), options_.password_cost);
  if (dummy.ok()) dummy_password_hash_ = *std::move(dummy);
}

std::string Authenticator::NewToken() {
  std::lock_guard lock(mu_);
  return crypto::RandomToken(random_, crypto::kTokenBytes);
}

base::Status Authenticator::RecordFailure(int64_t user_id, std::string_view reason) {
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::User user, tx->Users().Get(user_id));
  user.failed_logins += 1;
  std::string summary = "failed sign-in (" + std::string(reason) + ")";
  if (user.failed_logins >= options_.lockout_failures) {
    user.locked_until = now + options_.lockout_duration;
    user.failed_logins = 0;
    summary += "; locked until " + base::FormatRfc3339(*user.locked_until);
  }
  BINHYEN_RETURN_IF_ERROR(tx->Users().Update(user));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(now, "user:" + user.name, "user.login.fail",
                                                     "user:" + std::to_string(user.id), summary))
                              .status());
  return tx->Commit();
}

base::Status Authenticator::CheckSecondFactor(const domain::User& user, std::string_view code) {
  if (!RoleNeedsSecondFactor(user.role)) return base::Status::Ok();
  if (!user.totp_secret_ciphertext) {
    return base::FailedPreconditionError(
        std::string(kReasonTotpNotEnrolled) +
        ": this role signs in with a one-time code; an administrator must run `binhyen user "
        "totp " +
        user.name + "` first");
  }
  if (base::TrimAscii(code).empty()) {
    return Refused(kReasonTotpRequired, "enter the 6-digit code from your authenticator app");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::string secret, secrets_box_.Decrypt(*user.totp_secret_ciphertext));
  std::optional<int64_t> step =
      crypto::VerifyTotp(secret, base::TrimAscii(code), UnixSeconds(clock_.Now()));
  std::lock_guard lock(mu_);
  auto last = last_totp_step_.find(user.id);
  if (!step || (last != last_totp_step_.end() && *step <= last->second)) {
    return Refused(kReasonTotpWrong, "wrong or reused code");
  }
  last_totp_step_[user.id] = *step;
  return base::Status::Ok();
}

base::Result<LoginResult> Authenticator::Login(const LoginRequest& request) {
  if (request.name.empty() || request.name.size() > 64 || request.password.empty() ||
      request.password.size() > crypto::kMaxPasswordBytes) {
    return WrongCredentials();
  }
  base::Result<domain::User> found = [&]() -> base::Result<domain::User> {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    return tx->Users().GetByName(base::AsciiLower(request.name));
  }();
  if (!found.ok()) {
    if (found.status().code() != base::StatusCode::kNotFound) return found.status();
    (void)crypto::VerifyPassword(dummy_password_hash_, request.password);
    return WrongCredentials();
  }
  domain::User user = *std::move(found);
  const base::TimePoint now = clock_.Now();
  if (user.locked_until && *user.locked_until > now) {
    return base::ResourceExhaustedError(std::string(kReasonLocked) +
                                        ": too many failed sign-ins; try again after " +
                                        base::FormatRfc3339(*user.locked_until));
  }
  if (!crypto::VerifyPassword(user.password_hash, request.password) || user.disabled) {
    if (!user.disabled) BINHYEN_RETURN_IF_ERROR(RecordFailure(user.id, "password"));
    return WrongCredentials();
  }
  if (base::Status second = CheckSecondFactor(user, request.totp_code); !second.ok()) {
    if (second.message().starts_with(std::string(kReasonTotpWrong) + ":")) {
      BINHYEN_RETURN_IF_ERROR(RecordFailure(user.id, "one-time code"));
    }
    return second;
  }

  LoginResult result;
  result.session_token = NewToken();
  result.csrf_token = NewToken();
  result.expires_at = now + options_.session_ttl;
  domain::Session session;
  session.id_hash = crypto::HashToken(result.session_token);
  session.user_id = user.id;
  session.csrf_token_hash = crypto::HashToken(result.csrf_token);
  session.created_at = now;
  session.expires_at = result.expires_at;
  session.last_seen_at = now;

  std::optional<std::string> rehashed;
  if (crypto::NeedsRehash(user.password_hash, options_.password_cost)) {
    base::Result<std::string> hash = crypto::HashPassword(request.password, options_.password_cost);
    if (hash.ok()) rehashed = *std::move(hash);
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  // Re-read inside the write: an admin may have disabled the account, changed its password or
  // role since it was read above; that change wins and is never written over.
  const std::string verified_hash = user.password_hash;
  BINHYEN_ASSIGN_OR_RETURN(user, tx->Users().Get(user.id));
  if (user.disabled || user.password_hash != verified_hash) return WrongCredentials();
  user.failed_logins = 0;
  user.locked_until.reset();
  if (rehashed) user.password_hash = *std::move(rehashed);
  if (!request.previous_session_token.empty() &&
      request.previous_session_token.size() <= kMaxTokenBytes) {
    BINHYEN_RETURN_IF_ERROR(
        tx->Sessions().Delete(crypto::HashToken(request.previous_session_token)));
  }
  BINHYEN_RETURN_IF_ERROR(tx->Users().Update(user));
  BINHYEN_RETURN_IF_ERROR(tx->Sessions().Create(session));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, "user:" + user.name, "user.login",
                                 "user:" + std::to_string(user.id), "signed in"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());

  result.principal.user_id = user.id;
  result.principal.name = user.name;
  result.principal.role = user.role;
  result.principal.unit = user.unit;
  result.principal.via = Principal::Via::kSession;
  result.principal.session_id_hash = session.id_hash;
  result.principal.csrf_token_hash = session.csrf_token_hash;
  return result;
}

base::Status Authenticator::Logout(std::string_view session_token) {
  if (session_token.empty() || session_token.size() > kMaxTokenBytes) return base::Status::Ok();
  const std::string hash = crypto::HashToken(session_token);
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  base::Result<domain::Session> session = tx->Sessions().Get(hash);
  if (!session.ok()) {
    return session.status().code() == base::StatusCode::kNotFound ? base::Status::Ok()
                                                                  : session.status();
  }
  BINHYEN_ASSIGN_OR_RETURN(domain::User user, tx->Users().Get(session->user_id));
  BINHYEN_RETURN_IF_ERROR(tx->Sessions().Delete(hash));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(clock_.Now(), "user:" + user.name, "user.logout",
                                 "user:" + std::to_string(user.id), "signed out"))
          .status());
  return tx->Commit();
}

base::Result<Principal> Authenticator::AuthenticateSession(std::string_view session_token) {
  if (session_token.empty() || session_token.size() > kMaxTokenBytes) {
    return base::UnauthenticatedError("session: not signed in");
  }
  const std::string hash = crypto::HashToken(session_token);
  const base::TimePoint now = clock_.Now();
  domain::Session session;
  domain::User user;
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    base::Result<domain::Session> found = tx->Sessions().Get(hash);
    if (!found.ok()) {
      if (found.status().code() == base::StatusCode::kNotFound) {
        return base::UnauthenticatedError("session: expired or signed out");
      }
      return found.status();
    }
    session = *std::move(found);
    BINHYEN_ASSIGN_OR_RETURN(user, tx->Users().Get(session.user_id));
  }
  if (session.expires_at <= now) return base::UnauthenticatedError("session: expired");
  if (user.disabled) return base::UnauthenticatedError("session: account disabled");
  if (now - session.last_seen_at >= options_.touch_interval) {
    // Best effort: a failed touch does not fail the request.
    base::Result<std::unique_ptr<store::Transaction>> tx = store_.Begin(store::TxMode::kReadWrite);
    if (tx.ok() && (*tx)->Sessions().Touch(hash, now).ok()) (void)(*tx)->Commit();
  }
  Principal p;
  p.user_id = user.id;
  p.name = user.name;
  p.role = user.role;
  p.unit = user.unit;
  p.via = Principal::Via::kSession;
  p.session_id_hash = session.id_hash;
  p.csrf_token_hash = session.csrf_token_hash;
  return p;
}

base::Status Authenticator::CheckCsrf(const Principal& principal,
                                      std::string_view csrf_token) const {
  if (principal.via == Principal::Via::kToken) return base::Status::Ok();
  if (csrf_token.empty() || csrf_token.size() > kMaxTokenBytes ||
      !crypto::ConstantTimeEquals(crypto::HashToken(csrf_token), principal.csrf_token_hash)) {
    return base::PermissionDeniedError("csrf: missing or wrong token");
  }
  return base::Status::Ok();
}

base::Result<Principal> Authenticator::AuthenticateBearer(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenBytes) {
    return base::UnauthenticatedError("token: not valid");
  }
  const std::string hash = crypto::HashToken(token);
  domain::ApiToken stored;
  domain::User user;
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    base::Result<domain::ApiToken> found = tx->Tokens().GetByHash(hash);
    if (!found.ok()) {
      if (found.status().code() == base::StatusCode::kNotFound) {
        return base::UnauthenticatedError("token: not valid");
      }
      return found.status();
    }
    stored = *std::move(found);
    BINHYEN_ASSIGN_OR_RETURN(user, tx->Users().Get(stored.user_id));
  }
  if (stored.revoked) return base::UnauthenticatedError("token: revoked");
  if (user.disabled) return base::UnauthenticatedError("token: account disabled");
  const base::TimePoint now = clock_.Now();
  if (!stored.last_used_at || now - *stored.last_used_at >= options_.touch_interval) {
    base::Result<std::unique_ptr<store::Transaction>> tx = store_.Begin(store::TxMode::kReadWrite);
    if (tx.ok() && (*tx)->Tokens().TouchLastUsed(stored.id, now).ok()) (void)(*tx)->Commit();
  }
  Principal p;
  p.user_id = user.id;
  p.name = user.name;
  p.role = user.role;
  p.unit = user.unit;
  p.via = Principal::Via::kToken;
  p.scopes = stored.scopes;
  p.token_id = stored.id;
  return p;
}

base::Result<std::string> Authenticator::EnrollTotp(std::string_view name, std::string_view actor) {
  std::string secret(crypto::kTotpSecretBytes, '\0');
  {
    std::lock_guard lock(mu_);
    random_.Fill(std::span(reinterpret_cast<uint8_t*>(secret.data()), secret.size()));
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::User user, tx->Users().GetByName(base::AsciiLower(name)));
  user.totp_secret_ciphertext = secrets_box_.Encrypt(secret);
  BINHYEN_RETURN_IF_ERROR(tx->Users().Update(user));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(clock_.Now(), actor, "user.totp.enroll",
                                                     "user:" + std::to_string(user.id),
                                                     "set up a one-time-code authenticator"))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  std::lock_guard lock(mu_);
  last_totp_step_.erase(user.id);
  return crypto::Base32Encode(secret);
}

}  // namespace binhyen::service

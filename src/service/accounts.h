#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/password.h"
#include "crypto/random.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "store/store.h"

namespace binhyen::service {

// Passwords shorter than this (in bytes) are refused.
inline constexpr size_t kMinPasswordBytes = 8;

struct CreatedToken {
  int64_t id = 0;
  std::string token;  // the bearer token itself: shown once, never stored
  domain::ApiToken stored;
};

struct AuditVerification {
  int64_t entries = 0;       // entries checked (up to and excluding the first broken one)
  base::Status first_break;  // ok when the chain is intact; otherwise "audit entry <seq>: ..."
};

// Administration of users, API tokens and the audit log, for the CLI (app::Admin) and the
// administrators' console. Every change is written together with its audit entry (actor,
// action, target, summary) in ONE read-write transaction, so the log cannot miss a change that
// was kept nor record one that was rolled back. `actor` is who acts: the console passes the
// signed-in administrator's Principal::Actor(), the CLI app::CliActor(); it must not be empty
// (InvalidArgument "actor: must not be empty").
//
// Errors follow store/store.h: InvalidArgument naming the field, AlreadyExists, NotFound.
// Thread safety: as thread-safe as the Random it is given (crypto::SystemRandom is; FakeRandom
// is not, so confine an Accounts holding one to one thread).
class Accounts {
 public:
  // All references must outlive the Accounts.
  Accounts(store::Store& store, const base::Clock& clock, crypto::Random& random,
           crypto::PasswordCost password_cost = crypto::kInteractivePasswordCost);

  // Creates a user with an argon2id hash of `password`. Errors: InvalidArgument "role: unknown
  // role 'x' (one of: member, ...)", "password: must be at least 8 bytes", "name: ..." (domain
  // rules); AlreadyExists "name: user 'x' already exists". Audit: "user.add", target "user:<id>".
  base::Result<domain::User> AddUser(std::string_view name, std::string_view role,
                                     std::string_view password, std::string_view actor);

  // All users by name.
  base::Result<std::vector<domain::User>> ListUsers();

  // Disables user `name` (they can no longer log in; their API tokens stop working: the API
  // checks `disabled`). Returns false when already disabled (nothing written). NotFound
  // "user 'x' not found". Audit: "user.disable".
  base::Result<bool> DisableUser(std::string_view name, std::string_view actor);

  // Creates an API token of user `name` with `scopes` (sorted and de-duplicated here). Only
  // crypto::HashToken(token) is stored. Errors: NotFound for an unknown user, FailedPrecondition
  // for a disabled one, InvalidArgument "scopes: ..." for a malformed scope. Audit:
  // "token.create", target "token:<id>" (the summary names the user and scopes, never the
  // token).
  base::Result<CreatedToken> CreateToken(std::string_view name, std::vector<std::string> scopes,
                                         std::string_view actor);

  // The tokens of user `name` (revoked ones included), id ascending. NotFound "user 'x' not
  // found".
  base::Result<std::vector<domain::ApiToken>> ListTokens(std::string_view name);

  // Revokes token `id` (it stops working at once). Revoking a revoked token is Ok and writes
  // nothing more than the audit entry. NotFound "token <id>: not found". Audit: "token.revoke",
  // target "token:<id>".
  base::Status RevokeToken(int64_t id, std::string_view actor);

  // Walks the whole audit chain from seq 1 and stops at the first broken link.
  base::Result<AuditVerification> VerifyAudit();

  // The last `limit` entries (1..10000), seq ascending.
  base::Result<std::vector<domain::AuditEntry>> RecentAudit(int limit);

  // Appends one audit entry in its own transaction (for operations that are not themselves a
  // store transaction, e.g. a restore or a migration).
  base::Status RecordAudit(std::string_view action, std::string_view target,
                           std::string_view summary, std::string_view actor);

 private:
  domain::AuditEntry NewEntry(std::string_view actor, std::string_view action,
                              std::string_view target, std::string_view summary) const;

  store::Store& store_;
  const base::Clock& clock_;
  crypto::Random& random_;
  crypto::PasswordCost password_cost_;
};

}  // namespace binhyen::service

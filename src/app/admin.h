#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/password.h"
#include "crypto/random.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "service/accounts.h"
#include "store/store.h"

namespace binhyen::app {

// The actor recorded in the audit log for commands run from a shell: "cli:<unix user name>" of
// the effective user ("cli:uid<N>" when the name cannot be found).
std::string CliActor();

// The account types of service/accounts.h, under the names the CLI has always used.
inline constexpr size_t kMinPasswordBytes = service::kMinPasswordBytes;
using CreatedToken = service::CreatedToken;
using AuditVerification = service::AuditVerification;

struct MigrateOutcome {
  int from_version = 0;
  int to_version = 0;
};

// Administrative use cases of the CLI (users, tokens, audit, schema), on behalf of one actor.
// Users, tokens and the audit log are service::Accounts' use cases (shared with the
// administrators' console); Admin passes them its actor. Every change is written together with
// its audit entry (actor, action, target, summary) in ONE read-write transaction, so the log
// cannot miss a change that was kept nor record one that was rolled back.
//
// Errors follow store/store.h: InvalidArgument naming the field, AlreadyExists, NotFound; the
// callers map them to exit codes.
// Thread safety: confine to one thread (holds a Random&).
class Admin {
 public:
  // All references must outlive the Admin. `actor` is written in every audit entry.
  Admin(store::Store& store, const base::Clock& clock, crypto::Random& random, std::string actor,
        crypto::PasswordCost password_cost = crypto::kInteractivePasswordCost);

  // Applies missing migrations; when the version changed, records "store.migrate".
  base::Result<MigrateOutcome> Migrate();

  // Creates a user with an argon2id hash of `password`. Errors: InvalidArgument "role: unknown
  // role 'x' (one of: member, ...)", "password: must be at least 8 bytes", "name: ..." (domain
  // rules); AlreadyExists "name: user 'x' already exists". Audit: "user.add", target "user:<id>".
  base::Result<domain::User> AddUser(std::string_view name, std::string_view role,
                                     std::string_view password);

  // All users by name.
  base::Result<std::vector<domain::User>> ListUsers();

  // Disables user `name` (they can no longer log in; their API tokens stop working: the API
  // checks `disabled`). Returns false when already disabled (nothing written). NotFound
  // "user 'x' not found". Audit: "user.disable".
  base::Result<bool> DisableUser(std::string_view name);

  // Creates an API token of user `name` with `scopes` (sorted and de-duplicated here). Only
  // crypto::HashToken(token) is stored. Errors: NotFound for an unknown user, FailedPrecondition
  // for a disabled one, InvalidArgument "scopes: ..." for a malformed scope. Audit:
  // "token.create", target "token:<id>" (the summary names the user and scopes, never the
  // token).
  base::Result<CreatedToken> CreateToken(std::string_view name, std::vector<std::string> scopes);

  // Walks the whole audit chain from seq 1 and stops at the first broken link.
  base::Result<AuditVerification> VerifyAudit();

  // The last `limit` entries (1..10000), seq ascending.
  base::Result<std::vector<domain::AuditEntry>> RecentAudit(int limit);

  // The tokens of user `name` (revoked ones included), id ascending (Accounts::ListTokens).
  base::Result<std::vector<domain::ApiToken>> ListTokens(std::string_view name);

  // Revokes token `id` (Accounts::RevokeToken). Audit: "token.revoke".
  base::Status RevokeToken(int64_t id);

  // Appends one audit entry in its own transaction (for operations that are not themselves a
  // store transaction, e.g. a restore).
  base::Status RecordAudit(std::string_view action, std::string_view target,
                           std::string_view summary);

 private:
  store::Store& store_;
  std::string actor_;
  service::Accounts accounts_;
};

}  // namespace binhyen::app

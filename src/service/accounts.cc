#include "service/accounts.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "crypto/token.h"
#include "domain/enums.h"
#include "service/audit_entry.h"
#include "service/permissions.h"

namespace binhyen::service {
namespace {

constexpr int kAuditPage = 1000;

std::string RoleList() {
  std::string out;
  for (domain::Role r :
       {domain::Role::kMember, domain::Role::kUnitOfficer, domain::Role::kAnalyst,
        domain::Role::kProgrammeAdmin, domain::Role::kFinance, domain::Role::kAdmin}) {
    if (!out.empty()) out += ", ";
    out += domain::Name(r);
  }
  return out;
}

// The user named `name`, with a message that names the user rather than the store's wording.
base::Result<domain::User> FindUser(store::Transaction& tx, std::string_view name) {
  base::Result<domain::User> user = tx.Users().GetByName(name);
  if (!user.ok() && user.status().code() == base::StatusCode::kNotFound) {
    return base::NotFoundError("user '" + std::string(name) + "' not found");
  }
  return user;
}

base::Status CheckActor(std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  return base::Status::Ok();
}

// InvalidArgument "scopes: unknown scope 'x' (one of: ...)" for the first unknown scope.
base::Status CheckScopes(const std::vector<std::string>& scopes) {
  for (const std::string& scope : scopes) {
    if (ParseScope(scope)) continue;
    std::string known;
    for (Permission p : AllPermissions()) {
      known += (known.empty() ? "" : ", ") + std::string(ScopeName(p));
    }
    return base::InvalidArgumentError("scopes: unknown scope '" + scope + "' (one of: " + known +
                                      ")");
  }
  return base::Status::Ok();
}

}  // namespace

Accounts::Accounts(store::Store& store, const base::Clock& clock, crypto::Random& random,
                   crypto::PasswordCost password_cost)
    : store_(store), clock_(clock), random_(random), password_cost_(password_cost) {}

domain::AuditEntry Accounts::NewEntry(std::string_view actor, std::string_view action,
                                      std::string_view target, std::string_view summary) const {
  return MakeAuditEntry(clock_.Now(), actor, action, target, summary);
}

base::Status Accounts::RecordAudit(std::string_view action, std::string_view target,
                                   std::string_view summary, std::string_view actor) {
  BINHYEN_RETURN_IF_ERROR(CheckActor(actor));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Audit().Append(NewEntry(actor, action, target, summary)).status());
  return tx->Commit();
}

base::Result<domain::User> Accounts::AddUser(std::string_view name, std::string_view role,
                                             std::string_view password, std::string_view actor) {
  BINHYEN_RETURN_IF_ERROR(CheckActor(actor));
  std::optional<domain::Role> parsed_role = domain::ParseRole(role);
  if (!parsed_role) {
    return base::InvalidArgumentError("role: unknown role '" + std::string(role) +
                                      "' (one of: " + RoleList() + ")");
  }
  if (password.size() < kMinPasswordBytes) {
    return base::InvalidArgumentError("password: must be at least " +
                                      std::to_string(kMinPasswordBytes) + " bytes");
  }
  domain::User user;
  user.name = std::string(name);
  user.role = *parsed_role;
  user.created_at = clock_.Now();
  // A placeholder, so that the other fields are validated before the (slow) hashing.
  user.password_hash = std::string(1, '-');
  BINHYEN_RETURN_IF_ERROR(domain::Validate(user));
  BINHYEN_ASSIGN_OR_RETURN(user.password_hash, crypto::HashPassword(password, password_cost_));

  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  base::Result<int64_t> id = tx->Users().Create(user);
  if (!id.ok() && id.status().code() == base::StatusCode::kAlreadyExists) {
    return base::AlreadyExistsError("name: user '" + user.name + "' already exists");
  }
  BINHYEN_RETURN_IF_ERROR(id.status());
  user.id = *id;
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(NewEntry(actor, "user.add", "user:" + std::to_string(user.id),
                                               "added user " + user.name + " with role " +
                                                   std::string(domain::Name(user.role))))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return user;
}

base::Result<std::vector<domain::User>> Accounts::ListUsers() {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Users().List();
}

base::Result<bool> Accounts::DisableUser(std::string_view name, std::string_view actor) {
  BINHYEN_RETURN_IF_ERROR(CheckActor(actor));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::User user, FindUser(*tx, name));
  if (user.disabled) return false;
  user.disabled = true;
  BINHYEN_RETURN_IF_ERROR(tx->Users().Update(user));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(NewEntry(actor, "user.disable", "user:" + std::to_string(user.id),
                           "disabled user " + user.name))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return true;
}

base::Result<CreatedToken> Accounts::CreateToken(std::string_view name,
                                                 std::vector<std::string> scopes,
                                                 std::string_view actor) {
  BINHYEN_RETURN_IF_ERROR(CheckActor(actor));
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  BINHYEN_RETURN_IF_ERROR(CheckScopes(scopes));

  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::User user, FindUser(*tx, name));
  if (user.disabled) {
    return base::FailedPreconditionError("user '" + user.name +
                                         "' is disabled; tokens cannot be created for them");
  }
  CreatedToken created;
  created.token = crypto::RandomToken(random_, crypto::kTokenBytes);
  created.stored.user_id = user.id;
  created.stored.token_hash = crypto::HashToken(created.token);
  created.stored.scopes = std::move(scopes);
  created.stored.created_at = clock_.Now();
  BINHYEN_RETURN_IF_ERROR(domain::Validate(created.stored));
  BINHYEN_ASSIGN_OR_RETURN(created.id, tx->Tokens().Create(created.stored));
  created.stored.id = created.id;

  std::string scope_text;
  for (const std::string& s : created.stored.scopes) {
    scope_text += scope_text.empty() ? s : "," + s;
  }
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(NewEntry(actor, "token.create", "token:" + std::to_string(created.id),
                           "created API token for user " + user.name +
                               " (scopes: " + (scope_text.empty() ? "none" : scope_text) + ")"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return created;
}

base::Result<std::vector<domain::ApiToken>> Accounts::ListTokens(std::string_view name) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::User user, FindUser(*tx, name));
  return tx->Tokens().ListForUser(user.id);
}

base::Status Accounts::RevokeToken(int64_t id, std::string_view actor) {
  BINHYEN_RETURN_IF_ERROR(CheckActor(actor));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Tokens().Revoke(id));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(NewEntry(actor, "token.revoke", "token:" + std::to_string(id),
                                               "revoked API token " + std::to_string(id)))
                              .status());
  return tx->Commit();
}

base::Result<AuditVerification> Accounts::VerifyAudit() {
  AuditVerification result;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  std::optional<domain::AuditEntry> previous;
  int64_t after = 0;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::AuditEntry> page,
                             tx->Audit().List(after, kAuditPage));
    for (const domain::AuditEntry& entry : page) {
      base::Status link = domain::VerifyAuditLink(previous ? &*previous : nullptr, entry);
      if (!link.ok()) {
        result.first_break = link;
        return result;
      }
      ++result.entries;
      previous = entry;
    }
    if (page.size() < static_cast<size_t>(kAuditPage)) break;
    after = page.back().seq;
  }
  return result;
}

base::Result<std::vector<domain::AuditEntry>> Accounts::RecentAudit(int limit) {
  if (limit < 1 || limit > 10000) {
    return base::InvalidArgumentError("limit: must be between 1 and 10000");
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::AuditEntry> last, tx->Audit().Last());
  if (!last) return std::vector<domain::AuditEntry>{};
  return tx->Audit().List(std::max<int64_t>(0, last->seq - limit), limit);
}

}  // namespace binhyen::service

#include "app/admin.h"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <utility>

namespace binhyen::app {

std::string CliActor() {
  const uid_t uid = ::geteuid();
  std::array<char, 4096> buf;
  struct passwd pw;
  struct passwd* found = nullptr;
  if (::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr && found->pw_name[0] != '\0') {
    return std::string("cli:") + found->pw_name;
  }
  return "cli:uid" + std::to_string(uid);
}

Admin::Admin(store::Store& store, const base::Clock& clock, crypto::Random& random,
             std::string actor, crypto::PasswordCost password_cost)
    : store_(store), actor_(std::move(actor)), accounts_(store, clock, random, password_cost) {}

base::Status Admin::RecordAudit(std::string_view action, std::string_view target,
                                std::string_view summary) {
  return accounts_.RecordAudit(action, target, summary, actor_);
}

base::Result<MigrateOutcome> Admin::Migrate() {
  MigrateOutcome outcome;
  BINHYEN_ASSIGN_OR_RETURN(outcome.from_version, store_.SchemaVersion());
  BINHYEN_RETURN_IF_ERROR(store_.Migrate());
  BINHYEN_ASSIGN_OR_RETURN(outcome.to_version, store_.SchemaVersion());
  if (outcome.to_version != outcome.from_version) {
    // The audit table exists only once migrated, so this entry follows the migration in its own
    // transaction.
    BINHYEN_RETURN_IF_ERROR(RecordAudit("store.migrate", "schema",
                                        "schema version " + std::to_string(outcome.from_version) +
                                            " -> " + std::to_string(outcome.to_version)));
  }
  return outcome;
}

base::Result<domain::User> Admin::AddUser(std::string_view name, std::string_view role,
                                          std::string_view password) {
  return accounts_.AddUser(name, role, password, actor_);
}

base::Result<std::vector<domain::User>> Admin::ListUsers() { return accounts_.ListUsers(); }

base::Result<bool> Admin::DisableUser(std::string_view name) {
  return accounts_.DisableUser(name, actor_);
}

base::Result<CreatedToken> Admin::CreateToken(std::string_view name,
                                              std::vector<std::string> scopes) {
  return accounts_.CreateToken(name, std::move(scopes), actor_);
}

base::Result<std::vector<domain::ApiToken>> Admin::ListTokens(std::string_view name) {
  return accounts_.ListTokens(name);
}

base::Status Admin::RevokeToken(int64_t id) { return accounts_.RevokeToken(id, actor_); }

base::Result<AuditVerification> Admin::VerifyAudit() { return accounts_.VerifyAudit(); }

base::Result<std::vector<domain::AuditEntry>> Admin::RecentAudit(int limit) {
  return accounts_.RecentAudit(limit);
}

}  // namespace binhyen::app

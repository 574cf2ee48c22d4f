#include "app/admin.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/backup.h"
#include "app/data_dir.h"
#include "app/store_factory.h"
#include "crypto/hash.h"
#include "crypto/password.h"
#include "crypto/token.h"

namespace binhyen::app {
namespace {

namespace fs = std::filesystem;

// An Admin over a fresh SQLite store in a temp dir, with fake time and randomness.
class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "admin_test.XXXXXX").string();
    tmp_ = ::mkdtemp(tmpl.data());
    base::Result<DataDir> dir = DataDir::Open(tmp_ / "var", DataDir::Mode::kCreate);
    ASSERT_TRUE(dir.ok()) << dir.status().ToString();
    dir_.emplace(*dir);
    base::Result<std::unique_ptr<store::Store>> opened =
        OpenStoreForCli(*dir_, "", SchemaAction::kAsIs);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    admin_ =
        std::make_unique<Admin>(*store_, clock_, random_, "cli:tester", crypto::kTestPasswordCost);
    base::Result<MigrateOutcome> migrated = admin_->Migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    EXPECT_EQ(migrated->from_version, 0);
    EXPECT_EQ(migrated->to_version, store_->LatestSchemaVersion());
  }
  void TearDown() override {
    admin_.reset();
    store_.reset();
    fs::remove_all(tmp_);
  }

  std::vector<domain::AuditEntry> AllAudit() {
    auto tx = store_->Begin(store::TxMode::kReadOnly);
    return (*tx)->Audit().List(0, 1000).value();
  }

  fs::path tmp_;
  std::optional<DataDir> dir_;
  base::FakeClock clock_;
  crypto::FakeRandom random_{1};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Admin> admin_;
};

TEST_F(AdminTest, MigrateIsRecordedOnceAndIdempotent) {
  base::Result<MigrateOutcome> again = admin_->Migrate();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->from_version, again->to_version);
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "store.migrate");
  EXPECT_EQ(audit[0].actor, "cli:tester");
  EXPECT_EQ(audit[0].summary,
            "schema version 0 -> " + std::to_string(store_->LatestSchemaVersion()));
}

TEST_F(AdminTest, AddUserHashesAndAudits) {
  base::Result<domain::User> user = admin_->AddUser("alice", "analyst", "mật khẩu dài");
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_GT(user->id, 0);
  EXPECT_EQ(user->role, domain::Role::kAnalyst);
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  domain::User stored = (*tx)->Users().GetByName("alice").value();
  EXPECT_TRUE(crypto::VerifyPassword(stored.password_hash, "mật khẩu dài"));
  EXPECT_EQ(stored.password_hash.rfind("$argon2id$", 0), 0u);
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].action, "user.add");
  EXPECT_EQ(audit[1].target, "user:" + std::to_string(user->id));
  EXPECT_EQ(audit[1].summary, "added user alice with role analyst");
}

TEST_F(AdminTest, AddUserRejectsBadInputAndWritesNothing) {
  ASSERT_TRUE(admin_->AddUser("alice", "admin", "password1").ok());
  base::Status dup = admin_->AddUser("alice", "member", "password2").status();
  EXPECT_EQ(dup.code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.message(), "name: user 'alice' already exists");
  base::Status role = admin_->AddUser("bob", "boss", "password1").status();
  EXPECT_EQ(role.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(role.message(),
            "role: unknown role 'boss' (one of: member, unit_officer, analyst, programme_admin, "
            "finance, admin)");
  base::Status pw = admin_->AddUser("bob", "member", "short").status();
  EXPECT_EQ(pw.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(pw.message(), "password: must be at least 8 bytes");
  base::Status name = admin_->AddUser("Bob Smith", "member", "password1").status();
  EXPECT_EQ(name.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(name.message().rfind("name: ", 0), 0u) << name.message();
  EXPECT_EQ(admin_->ListUsers()->size(), 1u);
  EXPECT_EQ(AllAudit().size(), 2u);  // migrate + the one user.add
}

TEST_F(AdminTest, DisableUser) {
  ASSERT_TRUE(admin_->AddUser("alice", "admin", "password1").ok());
  EXPECT_TRUE(admin_->DisableUser("alice").value());
  EXPECT_FALSE(admin_->DisableUser("alice").value());
  EXPECT_TRUE(admin_->ListUsers()->at(0).disabled);
  base::Status missing = admin_->DisableUser("nobody").status();
  EXPECT_EQ(missing.code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "user 'nobody' not found");
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[2].action, "user.disable");
  EXPECT_EQ(audit[2].summary, "disabled user alice");
}

TEST_F(AdminTest, CreateTokenStoresOnlyTheHash) {
  ASSERT_TRUE(admin_->AddUser("alice", "admin", "password1").ok());
  base::Result<CreatedToken> created =
      admin_->CreateToken("alice", {"reports:triage", "reports:read", "reports:triage"});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->token.size(), 43u);
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  domain::ApiToken stored = (*tx)->Tokens().GetByHash(crypto::HashToken(created->token)).value();
  EXPECT_EQ(stored.id, created->id);
  EXPECT_EQ(stored.scopes, (std::vector<std::string>{"reports:read", "reports:triage"}));
  EXPECT_EQ(stored.token_hash, crypto::Sha256Hex(created->token));
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[2].action, "token.create");
  EXPECT_EQ(audit[2].summary,
            "created API token for user alice (scopes: reports:read,reports:triage)");
  EXPECT_EQ(audit[2].summary.find(created->token), std::string::npos);

  EXPECT_EQ(admin_->CreateToken("nobody", {}).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(admin_->CreateToken("alice", {"Bad Scope"}).status().code(),
            base::StatusCode::kInvalidArgument);
  ASSERT_TRUE(admin_->DisableUser("alice").ok());
  EXPECT_EQ(admin_->CreateToken("alice", {}).status().code(),
            base::StatusCode::kFailedPrecondition);
}

TEST_F(AdminTest, VerifyAuditFindsTheFirstBrokenEntry) {
  ASSERT_TRUE(admin_->AddUser("alice", "admin", "password1").ok());
  ASSERT_TRUE(admin_->AddUser("bob", "member", "password2").ok());
  base::Result<AuditVerification> ok = admin_->VerifyAudit();
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->first_break.ok());
  EXPECT_EQ(ok->entries, 3);

  ASSERT_TRUE(
      store_->ExecForTesting("UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 2")
          .ok());
  base::Result<AuditVerification> broken = admin_->VerifyAudit();
  ASSERT_TRUE(broken.ok());
  EXPECT_EQ(broken->entries, 1);
  EXPECT_EQ(broken->first_break.message(), "audit entry 2: hash does not match its contents");
}

TEST_F(AdminTest, RecentAudit) {
  ASSERT_TRUE(admin_->AddUser("alice", "admin", "password1").ok());
  ASSERT_TRUE(admin_->AddUser("bob", "member", "password2").ok());
  std::vector<domain::AuditEntry> last2 = admin_->RecentAudit(2).value();
  ASSERT_EQ(last2.size(), 2u);
  EXPECT_EQ(last2[0].seq, 2);
  EXPECT_EQ(last2[1].seq, 3);
  EXPECT_EQ(admin_->RecentAudit(100)->size(), 3u);
  EXPECT_EQ(admin_->RecentAudit(0).status().code(), base::StatusCode::kInvalidArgument);
}

TEST_F(AdminTest, BackupAndRestoreIntoAnotherDataDir) {
  ASSERT_TRUE(admin_->AddUser("alice", "admin", "password1").ok());
  const fs::path backup = tmp_ / "b.db";
  ASSERT_TRUE(store_->Backup(backup.string()).ok());

  DataDir other = DataDir::Open(tmp_ / "other", DataDir::Mode::kCreate).value();
  base::Result<RestoreOutcome> restored = RestoreStore(other, "", backup, /*force=*/false);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->contents.users, 1);
  EXPECT_EQ(restored->contents.audit_entries, 2);
  EXPECT_FALSE(restored->replaced);

  // Now not empty: refused without force, accepted with it.
  base::Status refused = RestoreStore(other, "", backup, false).status();
  EXPECT_EQ(refused.code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(), "the store at " + other.database().string() +
                                   " is not empty (1 users, 0 reports, 2 audit entries); use "
                                   "--force to replace it");
  base::Result<RestoreOutcome> forced = RestoreStore(other, "", backup, true);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_TRUE(forced->replaced);

  // Not a database / not ours.
  { std::ofstream(tmp_ / "junk") << "hello"; }
  base::Status junk = RestoreStore(other, "", tmp_ / "junk", true).status();
  EXPECT_EQ(junk.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(junk.message(), (tmp_ / "junk").string() + " is not a SQLite database");
  EXPECT_EQ(RestoreStore(other, "", tmp_ / "missing", true).status().code(),
            base::StatusCode::kNotFound);
}

}  // namespace
}  // namespace binhyen::app

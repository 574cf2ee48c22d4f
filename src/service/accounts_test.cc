#include "service/accounts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crypto/token.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The use cases moved from app::Admin are tested there (app/admin_test.cc, through Admin); this
// covers what is new: the actor per call, token listing and revocation.
class AccountsTest : public ::testing::Test {
 protected:
  std::vector<std::string> AuditLines() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    const std::vector<domain::AuditEntry> entries = tx->Audit().List(0, 100).value();
    std::vector<std::string> out;
    for (const auto& e : entries) {
      out.push_back(e.actor + " " + e.action + " " + e.target + " " + e.summary);
    }
    return out;
  }

  testing::TempSqliteStore store_{"accounts_test"};
  base::FakeClock clock_;
  crypto::FakeRandom random_{7};
  Accounts accounts_{*store_, clock_, random_, crypto::kTestPasswordCost};
};

TEST_F(AccountsTest, EveryChangeIsAuditedUnderTheGivenActor) {
  auto user = accounts_.AddUser("an", "analyst", "mat-khau-dai", "user:admin");
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  auto token = accounts_.CreateToken("an", {"reports:read", "reports:read"}, "cli:root");
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(token->stored.scopes, std::vector<std::string>{"reports:read"});
  ASSERT_EQ(accounts_.DisableUser("an", "user:admin").value(), true);
  EXPECT_EQ(accounts_.DisableUser("an", "user:admin").value(), false);
  const std::string uid = std::to_string(user->id), tid = std::to_string(token->id);
  EXPECT_THAT(AuditLines(),
              ElementsAre("user:admin user.add user:" + uid + " added user an with role analyst",
                          "cli:root token.create token:" + tid +
                              " created API token for user an (scopes: reports:read)",
                          "user:admin user.disable user:" + uid + " disabled user an"));
  EXPECT_EQ(accounts_.AddUser("binh", "analyst", "mat-khau-dai", "").status(),
            base::InvalidArgumentError("actor: must not be empty"));
  EXPECT_EQ(accounts_.VerifyAudit()->entries, 3);
  EXPECT_EQ(accounts_.RecentAudit(2)->size(), 2u);
}

TEST_F(AccountsTest, ListAndRevokeTokens) {
  ASSERT_TRUE(accounts_.AddUser("an", "analyst", "mat-khau-dai", "user:admin").ok());
  ASSERT_TRUE(accounts_.AddUser("binh", "analyst", "mat-khau-dai", "user:admin").ok());
  auto first = accounts_.CreateToken("an", {}, "user:admin");
  auto second = accounts_.CreateToken("an", {"reports:read"}, "user:admin");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_THAT(accounts_.ListTokens("binh").value(), IsEmpty());
  EXPECT_EQ(accounts_.ListTokens("ghost").status(), base::NotFoundError("user 'ghost' not found"));

  ASSERT_TRUE(accounts_.RevokeToken(first->id, "user:admin").ok());
  auto tokens = accounts_.ListTokens("an");
  ASSERT_TRUE(tokens.ok()) << tokens.status().ToString();
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].id, first->id);
  EXPECT_TRUE((*tokens)[0].revoked);
  EXPECT_FALSE((*tokens)[1].revoked);
  EXPECT_EQ((*tokens)[1].token_hash, crypto::HashToken(second->token));

  EXPECT_EQ(accounts_.RevokeToken(999, "user:admin"), base::NotFoundError("token 999: not found"));
  EXPECT_EQ(accounts_.RevokeToken(first->id, ""),
            base::InvalidArgumentError("actor: must not be empty"));
  EXPECT_EQ(AuditLines().back(), "user:admin token.revoke token:" + std::to_string(first->id) +
                                     " revoked API token " + std::to_string(first->id));
}

}  // namespace
}  // namespace binhyen::service

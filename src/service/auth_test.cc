#include "service/auth.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <filesystem>
#include <functional>

#include "crypto/token.h"
#include "crypto/totp.h"
#include "domain/audit.h"
#include "service/testing/temp_sqlite_store.h"
#include "store/registry.h"
#include "store/sqlite/sqlite_store.h"

namespace binhyen::service {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::array<uint8_t, 32> kKey = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                          12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                          23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
constexpr char kPassword[] = "correct horse battery";
constexpr char kCredentials[] = "credentials: wrong name or password";
constexpr char kTotpWrong[] = "totp: wrong or reused code";

int64_t UnixSeconds(base::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// A FakeClock that runs a callback (once) the next time Now() is called: Login reads the user,
// then asks the clock for the time, then writes; the callback plays a concurrent administrator
// acting in between, deterministically.
class HookClock final : public base::Clock {
 public:
  base::TimePoint Now() const override {
    if (hook_) {
      std::function<void()> hook = std::move(hook_);
      hook_ = nullptr;
      hook();
    }
    return fake_.Now();
  }
  std::chrono::steady_clock::time_point MonotonicNow() const override {
    return fake_.MonotonicNow();
  }
  void Advance(std::chrono::nanoseconds by) { fake_.Advance(by); }
  void OnNextNow(std::function<void()> hook) { hook_ = std::move(hook); }

 private:
  base::FakeClock fake_;
  mutable std::function<void()> hook_;
};

// An Authenticator over a fresh, migrated SQLite store in a temp dir, with fake time and
// randomness and the cheap test password cost.
class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AuthOptions options;
    options.password_cost = crypto::kTestPasswordCost;
    auth_ = std::make_unique<Authenticator>(*store_, box_, clock_, random_, options);
  }
  void TearDown() override { auth_.reset(); }

  int64_t CreateUser(const std::string& name, domain::Role role, bool disabled = false) {
    domain::User u;
    u.name = name;
    u.password_hash = crypto::HashPassword(kPassword, crypto::kTestPasswordCost).value();
    u.role = role;
    u.unit = "P01";
    u.disabled = disabled;
    u.created_at = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    int64_t id = tx->Users().Create(u).value();
    EXPECT_TRUE(tx->Commit().ok());
    return id;
  }
  domain::User GetUser(const std::string& name) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Users().GetByName(name).value();
  }
  void SetDisabled(const std::string& name, bool disabled) {
    domain::User u = GetUser(name);
    u.disabled = disabled;
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Users().Update(u).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  base::Result<domain::Session> GetSession(std::string_view token) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Sessions().Get(crypto::HashToken(token));
  }
  std::vector<domain::AuditEntry> AllAudit() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Audit().List(0, 1000).value();
  }
  std::vector<std::string> AuditActions() {
    std::vector<std::string> out;
    for (const domain::AuditEntry& e : AllAudit()) out.push_back(e.action);
    return out;
  }
  // Creates an API token for `user_id`; returns {plain token, id}.
  std::pair<std::string, int64_t> CreateToken(int64_t user_id, std::vector<std::string> scopes) {
    std::string plain = "plain-token-" + std::to_string(++token_counter_);
    domain::ApiToken t;
    t.user_id = user_id;
    t.token_hash = crypto::HashToken(plain);
    t.scopes = std::move(scopes);
    t.created_at = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    int64_t id = tx->Tokens().Create(t).value();
    EXPECT_TRUE(tx->Commit().ok());
    return {plain, id};
  }
  domain::ApiToken GetToken(const std::string& plain) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Tokens().GetByHash(crypto::HashToken(plain)).value();
  }
  // Enrols `name` and returns the raw secret.
  std::string Enroll(const std::string& name) {
    base::Result<std::string> b32 = auth_->EnrollTotp(name, "user:root");
    EXPECT_TRUE(b32.ok()) << b32.status().ToString();
    return crypto::Base32Decode(*b32).value();
  }
  std::string CodeNow(const std::string& secret) {
    return crypto::TotpCode(secret, UnixSeconds(clock_.Now()));
  }
  base::Result<LoginResult> Login(const std::string& name, const std::string& password,
                                  const std::string& code = "", const std::string& previous = "") {
    LoginRequest r;
    r.name = name;
    r.password = password;
    r.totp_code = code;
    r.previous_session_token = previous;
    return auth_->Login(r);
  }
  static void ExpectError(const base::Status& s, base::StatusCode code, std::string_view msg) {
    EXPECT_EQ(s.code(), code) << s.ToString();
    EXPECT_EQ(s.message(), msg);
  }

  HookClock clock_;
  crypto::FakeRandom random_{42};
  crypto::SecretBox box_ = crypto::SecretBox::FromKey(kKey);
  testing::TempSqliteStore store_{"auth_test"};
  std::unique_ptr<Authenticator> auth_;
  int token_counter_ = 0;
};

// ------------------------------------------------------------------------------------------
// Login

TEST_F(AuthTest, MemberLogsInWithPasswordOnly) {
  const int64_t id = CreateUser("alice", domain::Role::kMember);
  const base::TimePoint t0 = clock_.Now();
  base::Result<LoginResult> r = Login("alice", kPassword);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->session_token.size(), 43u);  // 32 bytes, unpadded base64url
  EXPECT_FALSE(r->csrf_token.empty());
  EXPECT_NE(r->session_token, r->csrf_token);
  EXPECT_EQ(r->expires_at, t0 + std::chrono::hours(12));
  EXPECT_EQ(r->principal.user_id, id);
  EXPECT_EQ(r->principal.name, "alice");
  EXPECT_EQ(r->principal.role, domain::Role::kMember);
  EXPECT_EQ(r->principal.unit, "P01");
  EXPECT_EQ(r->principal.via, Principal::Via::kSession);
  EXPECT_EQ(r->principal.session_id_hash, crypto::HashToken(r->session_token));
  EXPECT_EQ(r->principal.csrf_token_hash, crypto::HashToken(r->csrf_token));

  // Only hashes are stored.
  base::Result<domain::Session> s = GetSession(r->session_token);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->user_id, id);
  EXPECT_EQ(s->csrf_token_hash, crypto::HashToken(r->csrf_token));
  EXPECT_EQ(s->created_at, t0);
  EXPECT_EQ(s->last_seen_at, t0);
  EXPECT_EQ(s->expires_at, t0 + std::chrono::hours(12));

  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "user.login");
  EXPECT_EQ(audit[0].actor, "user:alice");
  EXPECT_EQ(audit[0].target, "user:" + std::to_string(id));
  EXPECT_EQ(audit[0].summary, "signed in");
  EXPECT_EQ(audit[0].at, t0);
}

TEST_F(AuthTest, NameIsCaseInsensitive) {
  CreateUser("alice", domain::Role::kMember);
  base::Result<LoginResult> r = Login("ALICE", kPassword);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->principal.name, "alice");
}

TEST_F(AuthTest, WrongPasswordIsCountedAndAudited) {
  const int64_t id = CreateUser("alice", domain::Role::kMember);
  ExpectError(Login("alice", "wrong").status(), base::StatusCode::kUnauthenticated, kCredentials);
  EXPECT_EQ(GetUser("alice").failed_logins, 1);
  EXPECT_EQ(GetUser("alice").locked_until, std::nullopt);
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "user.login.fail");
  EXPECT_EQ(audit[0].actor, "user:alice");
  EXPECT_EQ(audit[0].target, "user:" + std::to_string(id));
  EXPECT_EQ(audit[0].summary, "failed sign-in (password)");
}

TEST_F(AuthTest, UnknownUserLooksLikeWrongPasswordAndWritesNothing) {
  CreateUser("alice", domain::Role::kMember);
  ExpectError(Login("bob", kPassword).status(), base::StatusCode::kUnauthenticated, kCredentials);
  EXPECT_THAT(AllAudit(), IsEmpty());
  EXPECT_EQ(GetUser("alice").failed_logins, 0);
}

TEST_F(AuthTest, DisabledUserIsRefusedWithoutCounting) {
  CreateUser("alice", domain::Role::kMember, /*disabled=*/true);
  ExpectError(Login("alice", kPassword).status(), base::StatusCode::kUnauthenticated, kCredentials);
  ExpectError(Login("alice", "wrong").status(), base::StatusCode::kUnauthenticated, kCredentials);
  EXPECT_EQ(GetUser("alice").failed_logins, 0);
  EXPECT_THAT(AllAudit(), IsEmpty());
}

TEST_F(AuthTest, MalformedRequestsAreWrongCredentials) {
  CreateUser("alice", domain::Role::kMember);
  ExpectError(Login("", kPassword).status(), base::StatusCode::kUnauthenticated, kCredentials);
  ExpectError(Login("alice", "").status(), base::StatusCode::kUnauthenticated, kCredentials);
  ExpectError(Login(std::string(65, 'a'), kPassword).status(), base::StatusCode::kUnauthenticated,
              kCredentials);
  ExpectError(Login("alice", std::string(crypto::kMaxPasswordBytes + 1, 'x')).status(),
              base::StatusCode::kUnauthenticated, kCredentials);
  EXPECT_EQ(GetUser("alice").failed_logins, 0);
  EXPECT_THAT(AllAudit(), IsEmpty());
}

TEST_F(AuthTest, FiveFailuresLockForFifteenMinutes) {
  CreateUser("alice", domain::Role::kMember);
  for (int i = 1; i <= 4; ++i) {
    ExpectError(Login("alice", "wrong").status(), base::StatusCode::kUnauthenticated, kCredentials);
    EXPECT_EQ(GetUser("alice").failed_logins, i);
  }
  const base::TimePoint lock_at = clock_.Now();
  const base::TimePoint until = lock_at + std::chrono::minutes(15);
  ExpectError(Login("alice", "wrong").status(), base::StatusCode::kUnauthenticated, kCredentials);
  domain::User locked = GetUser("alice");
  EXPECT_EQ(locked.failed_logins, 0);
  EXPECT_EQ(locked.locked_until, until);
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 5u);
  EXPECT_EQ(audit[4].summary,
            "failed sign-in (password); locked until " + base::FormatRfc3339(until));

  const std::string locked_msg =
      "locked: too many failed sign-ins; try again after " + base::FormatRfc3339(until);
  // Even the right password is refused while locked, and nothing is written.
  ExpectError(Login("alice", kPassword).status(), base::StatusCode::kResourceExhausted, locked_msg);
  clock_.Advance(std::chrono::minutes(15) - std::chrono::seconds(1));
  ExpectError(Login("alice", kPassword).status(), base::StatusCode::kResourceExhausted, locked_msg);
  EXPECT_EQ(AllAudit().size(), 5u);
  EXPECT_EQ(GetUser("alice").failed_logins, 0);

  clock_.Advance(std::chrono::seconds(1));
  base::Result<LoginResult> r = Login("alice", kPassword);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(GetUser("alice").locked_until, std::nullopt);
  EXPECT_EQ(GetUser("alice").failed_logins, 0);
}

TEST_F(AuthTest, SuccessResetsTheFailureCount) {
  CreateUser("alice", domain::Role::kMember);
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(Login("alice", "wrong").ok());
  ASSERT_TRUE(Login("alice", kPassword).ok());
  EXPECT_EQ(GetUser("alice").failed_logins, 0);
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(Login("alice", "wrong").ok());
  EXPECT_EQ(GetUser("alice").locked_until, std::nullopt);
  EXPECT_TRUE(Login("alice", kPassword).ok());
}

TEST_F(AuthTest, LoginUpgradesAnOutdatedHash) {
  CreateUser("alice", domain::Role::kMember);
  domain::User u = GetUser("alice");
  u.password_hash = crypto::HashPassword(kPassword, crypto::PasswordCost{2, 8192}).value();
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Users().Update(u).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  ASSERT_TRUE(crypto::NeedsRehash(u.password_hash, crypto::kTestPasswordCost));
  ASSERT_TRUE(Login("alice", kPassword).ok());
  const std::string upgraded = GetUser("alice").password_hash;
  EXPECT_NE(upgraded, u.password_hash);
  EXPECT_FALSE(crypto::NeedsRehash(upgraded, crypto::kTestPasswordCost));
  EXPECT_TRUE(crypto::VerifyPassword(upgraded, kPassword));
  // A current hash is left alone.
  ASSERT_TRUE(Login("alice", kPassword).ok());
  EXPECT_EQ(GetUser("alice").password_hash, upgraded);
}

TEST_F(AuthTest, LoginRotatesThePreviousSession) {
  CreateUser("alice", domain::Role::kMember);
  base::Result<LoginResult> first = Login("alice", kPassword);
  ASSERT_TRUE(first.ok());
  base::Result<LoginResult> second = Login("alice", kPassword, "", first->session_token);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_NE(first->session_token, second->session_token);
  EXPECT_EQ(GetSession(first->session_token).status().code(), base::StatusCode::kNotFound);
  ExpectError(auth_->AuthenticateSession(first->session_token).status(),
              base::StatusCode::kUnauthenticated, "session: expired or signed out");
  EXPECT_TRUE(auth_->AuthenticateSession(second->session_token).ok());
  // A planted (unknown) previous session id does not fail the login.
  EXPECT_TRUE(Login("alice", kPassword, "", "planted-by-attacker").ok());
}

// Login reads the user in one transaction and writes the whole record back in another. An
// administrator's change made in between must survive the sign-in.
TEST_F(AuthTest, SuccessfulLoginDoesNotUndoAConcurrentDisable) {
  CreateUser("alice", domain::Role::kMember);
  clock_.OnNextNow([&] { SetDisabled("alice", true); });
  (void)Login("alice", kPassword);
  // Regression: Login wrote back the user record it read before the password check, reverting
  // a concurrent disable (or password change, or TOTP enrolment). It now re-reads in the write.
  EXPECT_TRUE(GetUser("alice").disabled);
}

TEST_F(AuthTest, FailedLoginDoesNotUndoAConcurrentDisable) {
  CreateUser("alice", domain::Role::kMember);
  clock_.OnNextNow([&] { SetDisabled("alice", true); });
  ExpectError(Login("alice", "wrong").status(), base::StatusCode::kUnauthenticated, kCredentials);
  // Regression: RecordFailure wrote back the stale user record (failed_logins + 1 on the old
  // copy), re-enabling an account disabled meanwhile and losing concurrent failures.
  EXPECT_TRUE(GetUser("alice").disabled);
}

// ------------------------------------------------------------------------------------------
// Second factor

TEST_F(AuthTest, AnalystAndAdminWithoutTotpAreToldToEnrol) {
  CreateUser("bob", domain::Role::kAnalyst);
  CreateUser("root", domain::Role::kAdmin);
  ExpectError(Login("bob", kPassword).status(), base::StatusCode::kFailedPrecondition,
              "totp_not_enrolled: this role signs in with a one-time code; an administrator must "
              "run `binhyen user totp bob` first");
  ExpectError(Login("root", kPassword, "123456").status(), base::StatusCode::kFailedPrecondition,
              "totp_not_enrolled: this role signs in with a one-time code; an administrator must "
              "run `binhyen user totp root` first");
  EXPECT_EQ(GetUser("bob").failed_logins, 0);
  EXPECT_THAT(AllAudit(), IsEmpty());
  // The password is checked first.
  ExpectError(Login("bob", "wrong").status(), base::StatusCode::kUnauthenticated, kCredentials);
}

TEST_F(AuthTest, EnrollTotpStoresEncryptedSecretAndAudits) {
  const int64_t id = CreateUser("bob", domain::Role::kAnalyst);
  base::Result<std::string> b32 = auth_->EnrollTotp("bob", "user:root");
  ASSERT_TRUE(b32.ok()) << b32.status().ToString();
  EXPECT_EQ(b32->size(), 32u);  // 20 bytes in base32, unpadded
  std::string secret = crypto::Base32Decode(*b32).value();
  EXPECT_EQ(secret.size(), crypto::kTotpSecretBytes);
  domain::User u = GetUser("bob");
  ASSERT_TRUE(u.totp_secret_ciphertext.has_value());
  EXPECT_EQ(u.totp_secret_ciphertext->find(secret), std::string::npos);
  EXPECT_EQ(box_.Decrypt(*u.totp_secret_ciphertext).value(), secret);
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "user.totp.enroll");
  EXPECT_EQ(audit[0].actor, "user:root");
  EXPECT_EQ(audit[0].target, "user:" + std::to_string(id));
  EXPECT_EQ(audit[0].summary, "set up a one-time-code authenticator");
}

TEST_F(AuthTest, EnrollTotpUnknownUserIsNotFoundAndWritesNothing) {
  base::Result<std::string> r = auth_->EnrollTotp("ghost", "user:root");
  ExpectError(r.status(), base::StatusCode::kNotFound, "user name 'ghost': not found");
  EXPECT_THAT(AllAudit(), IsEmpty());
}

TEST_F(AuthTest, MissingCodeIsNotCounted) {
  CreateUser("bob", domain::Role::kAnalyst);
  Enroll("bob");
  for (const char* code : {"", "   "}) {
    ExpectError(Login("bob", kPassword, code).status(), base::StatusCode::kUnauthenticated,
                "totp_required: enter the 6-digit code from your authenticator app");
  }
  EXPECT_EQ(GetUser("bob").failed_logins, 0);
  EXPECT_THAT(AuditActions(), ElementsAre("user.totp.enroll"));
}

TEST_F(AuthTest, WrongCodeIsCounted) {
  CreateUser("bob", domain::Role::kAnalyst);
  const std::string secret = Enroll("bob");
  std::string wrong = CodeNow(secret);
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  ExpectError(Login("bob", kPassword, wrong).status(), base::StatusCode::kUnauthenticated,
              kTotpWrong);
  ExpectError(Login("bob", kPassword, "abcdef").status(), base::StatusCode::kUnauthenticated,
              kTotpWrong);
  EXPECT_EQ(GetUser("bob").failed_logins, 2);
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[1].action, "user.login.fail");
  EXPECT_EQ(audit[1].summary, "failed sign-in (one-time code)");
}

TEST_F(AuthTest, CorrectCodeSignsInAndCannotBeReplayed) {
  CreateUser("bob", domain::Role::kAnalyst);
  const std::string secret = Enroll("bob");
  const std::string code = CodeNow(secret);
  base::Result<LoginResult> r = Login("bob", kPassword, " " + code + " ");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->principal.role, domain::Role::kAnalyst);

  // The same code again (same window) is refused and counted.
  ExpectError(Login("bob", kPassword, code).status(), base::StatusCode::kUnauthenticated,
              kTotpWrong);
  EXPECT_EQ(GetUser("bob").failed_logins, 1);

  // 30 s later the previous step's code is still inside the ±1 window but already used.
  clock_.Advance(std::chrono::seconds(30));
  ExpectError(Login("bob", kPassword, code).status(), base::StatusCode::kUnauthenticated,
              kTotpWrong);
  // The new step's code is accepted once.
  const std::string next = CodeNow(secret);
  ASSERT_TRUE(Login("bob", kPassword, next).ok());
  ExpectError(Login("bob", kPassword, next).status(), base::StatusCode::kUnauthenticated,
              kTotpWrong);
}

TEST_F(AuthTest, OlderStepIsRefusedAfterANewerOneWasUsed) {
  CreateUser("root", domain::Role::kAdmin);
  const std::string secret = Enroll("root");
  const int64_t now = UnixSeconds(clock_.Now());
  const std::string next_step = crypto::TotpCode(secret, now + 30);
  const std::string prev_step = crypto::TotpCode(secret, now - 30);
  ASSERT_NE(next_step, prev_step);
  ASSERT_TRUE(Login("root", kPassword, next_step).ok());
  ExpectError(Login("root", kPassword, prev_step).status(), base::StatusCode::kUnauthenticated,
              kTotpWrong);
}

TEST_F(AuthTest, CodeTwoStepsAwayIsRefused) {
  CreateUser("bob", domain::Role::kAnalyst);
  const std::string secret = Enroll("bob");
  const std::string old = CodeNow(secret);
  clock_.Advance(std::chrono::seconds(60));
  if (old == CodeNow(secret) || old == crypto::TotpCode(secret, UnixSeconds(clock_.Now()) - 30) ||
      old == crypto::TotpCode(secret, UnixSeconds(clock_.Now()) + 30)) {
    GTEST_SKIP() << "code collision";
  }
  ExpectError(Login("bob", kPassword, old).status(), base::StatusCode::kUnauthenticated,
              kTotpWrong);
}

TEST_F(AuthTest, ReEnrolmentReplacesTheSecret) {
  CreateUser("bob", domain::Role::kAnalyst);
  const std::string first = Enroll("bob");
  const std::string second = Enroll("bob");
  ASSERT_NE(first, second);
  const std::string old_code = CodeNow(first);
  const std::string new_code = CodeNow(second);
  if (old_code != new_code) {
    ExpectError(Login("bob", kPassword, old_code).status(), base::StatusCode::kUnauthenticated,
                kTotpWrong);
  }
  EXPECT_TRUE(Login("bob", kPassword, new_code).ok());
}

TEST_F(AuthTest, MemberIgnoresTotpCode) {
  CreateUser("alice", domain::Role::kMember);
  EXPECT_TRUE(Login("alice", kPassword, "000000").ok());
}

TEST_F(AuthTest, FiveWrongCodesLock) {
  CreateUser("bob", domain::Role::kAnalyst);
  const std::string secret = Enroll("bob");
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(Login("bob", kPassword, "abcdef").ok());
  EXPECT_EQ(Login("bob", kPassword, CodeNow(secret)).status().code(),
            base::StatusCode::kResourceExhausted);
}

// ------------------------------------------------------------------------------------------
// Sessions, logout, CSRF

TEST_F(AuthTest, AuthenticateSessionReturnsThePrincipal) {
  const int64_t id = CreateUser("alice", domain::Role::kMember);
  LoginResult login = Login("alice", kPassword).value();
  base::Result<Principal> p = auth_->AuthenticateSession(login.session_token);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->user_id, id);
  EXPECT_EQ(p->name, "alice");
  EXPECT_EQ(p->role, domain::Role::kMember);
  EXPECT_EQ(p->unit, "P01");
  EXPECT_EQ(p->via, Principal::Via::kSession);
  EXPECT_EQ(p->session_id_hash, crypto::HashToken(login.session_token));
  EXPECT_EQ(p->csrf_token_hash, crypto::HashToken(login.csrf_token));
  EXPECT_THAT(p->scopes, IsEmpty());
}

TEST_F(AuthTest, AuthenticateSessionRefusals) {
  CreateUser("alice", domain::Role::kMember);
  ExpectError(auth_->AuthenticateSession("").status(), base::StatusCode::kUnauthenticated,
              "session: not signed in");
  ExpectError(auth_->AuthenticateSession(std::string(129, 'a')).status(),
              base::StatusCode::kUnauthenticated, "session: not signed in");
  ExpectError(auth_->AuthenticateSession("never-issued").status(),
              base::StatusCode::kUnauthenticated, "session: expired or signed out");
  LoginResult login = Login("alice", kPassword).value();
  // The csrf token is not a session token.
  ExpectError(auth_->AuthenticateSession(login.csrf_token).status(),
              base::StatusCode::kUnauthenticated, "session: expired or signed out");
}

TEST_F(AuthTest, SessionExpiresAfterTtl) {
  CreateUser("alice", domain::Role::kMember);
  LoginResult login = Login("alice", kPassword).value();
  clock_.Advance(std::chrono::hours(12) - std::chrono::seconds(1));
  EXPECT_TRUE(auth_->AuthenticateSession(login.session_token).ok());
  clock_.Advance(std::chrono::seconds(1));
  ExpectError(auth_->AuthenticateSession(login.session_token).status(),
              base::StatusCode::kUnauthenticated, "session: expired");
}

TEST_F(AuthTest, DisablingTheUserEndsTheSession) {
  CreateUser("alice", domain::Role::kMember);
  LoginResult login = Login("alice", kPassword).value();
  SetDisabled("alice", true);
  ExpectError(auth_->AuthenticateSession(login.session_token).status(),
              base::StatusCode::kUnauthenticated, "session: account disabled");
}

TEST_F(AuthTest, SessionTouchIsThrottled) {
  CreateUser("alice", domain::Role::kMember);
  const base::TimePoint t0 = clock_.Now();
  LoginResult login = Login("alice", kPassword).value();
  clock_.Advance(std::chrono::minutes(5) - std::chrono::seconds(1));
  ASSERT_TRUE(auth_->AuthenticateSession(login.session_token).ok());
  EXPECT_EQ(GetSession(login.session_token)->last_seen_at, t0);
  clock_.Advance(std::chrono::seconds(1));
  const base::TimePoint t1 = clock_.Now();
  ASSERT_TRUE(auth_->AuthenticateSession(login.session_token).ok());
  EXPECT_EQ(GetSession(login.session_token)->last_seen_at, t1);
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(auth_->AuthenticateSession(login.session_token).ok());
  EXPECT_EQ(GetSession(login.session_token)->last_seen_at, t1);
  // Touching does not extend the session.
  EXPECT_EQ(GetSession(login.session_token)->expires_at, t0 + std::chrono::hours(12));
  // No audit for reading.
  EXPECT_THAT(AuditActions(), ElementsAre("user.login"));
}

TEST_F(AuthTest, LogoutDeletesTheSessionOnce) {
  const int64_t id = CreateUser("alice", domain::Role::kMember);
  LoginResult login = Login("alice", kPassword).value();
  ASSERT_TRUE(auth_->Logout(login.session_token).ok());
  ExpectError(auth_->AuthenticateSession(login.session_token).status(),
              base::StatusCode::kUnauthenticated, "session: expired or signed out");
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].action, "user.logout");
  EXPECT_EQ(audit[1].actor, "user:alice");
  EXPECT_EQ(audit[1].target, "user:" + std::to_string(id));
  EXPECT_EQ(audit[1].summary, "signed out");
  // Already gone, empty, unknown, oversized: Ok, nothing written.
  EXPECT_TRUE(auth_->Logout(login.session_token).ok());
  EXPECT_TRUE(auth_->Logout("").ok());
  EXPECT_TRUE(auth_->Logout("unknown").ok());
  EXPECT_TRUE(auth_->Logout(std::string(129, 'a')).ok());
  EXPECT_EQ(AllAudit().size(), 2u);
}

TEST_F(AuthTest, CheckCsrf) {
  CreateUser("alice", domain::Role::kMember);
  LoginResult login = Login("alice", kPassword).value();
  Principal p = auth_->AuthenticateSession(login.session_token).value();
  EXPECT_TRUE(auth_->CheckCsrf(p, login.csrf_token).ok());
  for (const std::string& bad : {std::string(), login.session_token, login.csrf_token + "x",
                                 std::string(129, 'a'), p.csrf_token_hash}) {
    ExpectError(auth_->CheckCsrf(p, bad), base::StatusCode::kPermissionDenied,
                "csrf: missing or wrong token");
  }
  // Another session's token does not fit.
  LoginResult other = Login("alice", kPassword).value();
  ExpectError(auth_->CheckCsrf(p, other.csrf_token), base::StatusCode::kPermissionDenied,
              "csrf: missing or wrong token");
  // Bearer tokens need none.
  Principal token;
  token.via = Principal::Via::kToken;
  EXPECT_TRUE(auth_->CheckCsrf(token, "").ok());
}

// ------------------------------------------------------------------------------------------
// Bearer tokens

TEST_F(AuthTest, BearerTokenReturnsThePrincipalAndTouches) {
  const int64_t id = CreateUser("partner", domain::Role::kMember);
  auto [plain, token_id] = CreateToken(id, {"reports:submit"});
  const base::TimePoint t0 = clock_.Now();
  base::Result<Principal> p = auth_->AuthenticateBearer(plain);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->user_id, id);
  EXPECT_EQ(p->name, "partner");
  EXPECT_EQ(p->role, domain::Role::kMember);
  EXPECT_EQ(p->unit, "P01");
  EXPECT_EQ(p->via, Principal::Via::kToken);
  EXPECT_THAT(p->scopes, ElementsAre("reports:submit"));
  EXPECT_EQ(p->token_id, token_id);
  EXPECT_EQ(GetToken(plain).last_used_at, t0);

  clock_.Advance(std::chrono::minutes(4));
  ASSERT_TRUE(auth_->AuthenticateBearer(plain).ok());
  EXPECT_EQ(GetToken(plain).last_used_at, t0);
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(auth_->AuthenticateBearer(plain).ok());
  EXPECT_EQ(GetToken(plain).last_used_at, clock_.Now());
  EXPECT_THAT(AllAudit(), IsEmpty());
}

TEST_F(AuthTest, BearerTokenRefusals) {
  const int64_t id = CreateUser("partner", domain::Role::kMember);
  ExpectError(auth_->AuthenticateBearer("").status(), base::StatusCode::kUnauthenticated,
              "token: not valid");
  ExpectError(auth_->AuthenticateBearer(std::string(129, 'a')).status(),
              base::StatusCode::kUnauthenticated, "token: not valid");
  ExpectError(auth_->AuthenticateBearer("unknown").status(), base::StatusCode::kUnauthenticated,
              "token: not valid");

  auto [revoked, revoked_id] = CreateToken(id, {"reports:submit"});
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Tokens().Revoke(revoked_id).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  ExpectError(auth_->AuthenticateBearer(revoked).status(), base::StatusCode::kUnauthenticated,
              "token: revoked");

  auto [live, live_id] = CreateToken(id, {"reports:submit"});
  ASSERT_TRUE(auth_->AuthenticateBearer(live).ok());
  SetDisabled("partner", true);
  ExpectError(auth_->AuthenticateBearer(live).status(), base::StatusCode::kUnauthenticated,
              "token: account disabled");
  // A session token is not a bearer token.
  SetDisabled("partner", false);
  LoginResult login = Login("partner", kPassword).value();
  ExpectError(auth_->AuthenticateBearer(login.session_token).status(),
              base::StatusCode::kUnauthenticated, "token: not valid");
}

// ------------------------------------------------------------------------------------------
// Principal

TEST(PrincipalTest, SessionHasItsRolesPermissions) {
  Principal p;
  p.role = domain::Role::kAnalyst;
  p.via = Principal::Via::kSession;
  EXPECT_TRUE(p.Can(Permission::kReportsRead));
  EXPECT_TRUE(p.Can(Permission::kReportsTriage));
  EXPECT_TRUE(p.Can(Permission::kReportsContact));
  EXPECT_TRUE(p.Can(Permission::kReportsSubmit));
  EXPECT_FALSE(p.Can(Permission::kAuditRead));
  p.role = domain::Role::kAdmin;
  EXPECT_FALSE(p.Can(Permission::kReportsRead));
  EXPECT_TRUE(p.Can(Permission::kAuditRead));
}

TEST(PrincipalTest, TokenIsNarrowedByItsScopesButNeverWidened) {
  Principal p;
  p.role = domain::Role::kAnalyst;
  p.via = Principal::Via::kToken;
  p.scopes = {"audit:read", "reports:read"};
  EXPECT_TRUE(p.Can(Permission::kReportsRead));
  EXPECT_FALSE(p.Can(Permission::kReportsTriage));   // role yes, scope no
  EXPECT_FALSE(p.Can(Permission::kReportsContact));  // role yes, scope no
  EXPECT_FALSE(p.Can(Permission::kReportsSubmit));   // role yes, scope no
  EXPECT_FALSE(p.Can(Permission::kAuditRead));       // scope yes, role no
  p.scopes = {};
  for (Permission perm : AllPermissions()) EXPECT_FALSE(p.Can(perm));
  p.role = domain::Role::kMember;
  p.scopes = {"reports:read", "reports:submit", "reports:triage"};
  EXPECT_FALSE(p.Can(Permission::kReportsRead));
  EXPECT_FALSE(p.Can(Permission::kReportsTriage));
  EXPECT_TRUE(p.Can(Permission::kReportsSubmit));
}

TEST(PrincipalTest, SessionActor) {
  Principal p;
  p.name = "alice";
  p.via = Principal::Via::kSession;
  p.token_id = 9;  // ignored for sessions
  EXPECT_EQ(p.Actor(), "user:alice");
}

TEST(PrincipalTest, TokenActor) {
  Principal p;
  p.name = "partner";
  p.via = Principal::Via::kToken;
  p.token_id = 7;
  // Regression: auth.h documented "token:<id>:<name>" while the code wrote this form; the
  // contract now says "user:<name>+token:<id>" so one search finds all a person did.
  EXPECT_EQ(p.Actor(), "user:partner+token:7");
}

}  // namespace
}  // namespace binhyen::service

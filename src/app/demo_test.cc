#include "app/demo.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "app/admin.h"
#include "app/data_dir.h"
#include "app/internal/demo_content.h"
#include "app/store_factory.h"
#include "crypto/totp.h"
#include "service/auth.h"

namespace binhyen::app {
namespace {

namespace fs = std::filesystem;
using std::chrono::days;
using std::chrono::hours;

// 2026-11-28T10:00:00Z: the demo's "now".
constexpr base::TimePoint kNow{std::chrono::seconds(1'795'860'000)};

crypto::SecretBox FixedBox(uint8_t fill) {
  std::array<uint8_t, crypto::SecretBox::kKeyBytes> key;
  key.fill(fill);
  return crypto::SecretBox::FromKey(key);
}

// A fresh, unmigrated SQLite store in a temp dir, fake time and randomness, cheap passwords.
class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "demo_test.XXXXXX").string();
    tmp_ = ::mkdtemp(tmpl.data());
    store_ = OpenFresh("var");
    options_.password_cost = crypto::kTestPasswordCost;
    options_.actor = "cli:tester";
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(tmp_);
  }

  std::unique_ptr<store::Store> OpenFresh(const std::string& name) {
    base::Result<DataDir> dir = DataDir::Open(tmp_ / name, DataDir::Mode::kCreate);
    EXPECT_TRUE(dir.ok()) << dir.status().ToString();
    base::Result<std::unique_ptr<store::Store>> opened =
        OpenStoreForCli(*dir, "", SchemaAction::kAsIs);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return std::move(*opened);
  }

  base::Result<DemoSummary> Run(store::Store& store, uint64_t seed = 1) {
    DemoOptions options = options_;
    options.seed = seed;
    return CreateDemoData(store, contact_box_, secrets_box_, clock_, key_random_, "/tmp/demo",
                          options);
  }

  std::vector<domain::Report> AllReports(store::Store& store) {
    auto tx = store.Begin(store::TxMode::kReadOnly);
    EXPECT_TRUE(tx.ok());
    auto page = (*tx)->Reports().List({}, {1000, ""});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<domain::Report> reports = page->items;
    std::reverse(reports.begin(), reports.end());  // id ascending
    return reports;
  }

  fs::path tmp_;
  base::FakeClock clock_{kNow};
  crypto::FakeRandom key_random_{7};
  crypto::SecretBox contact_box_ = FixedBox(1);
  crypto::SecretBox secrets_box_ = FixedBox(2);
  DemoOptions options_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(DemoTest, CreatesTheUnitsOfDucPho) {
  base::Result<DemoSummary> summary = Run(*store_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  using K = domain::UnitKind;
  EXPECT_EQ(
      summary->units,
      (std::vector<std::pair<K, int64_t>>{
          {K::kWard, 8}, {K::kCommune, 7}, {K::kSchool, 3}, {K::kAgency, 4}, {K::kBusiness, 1}}));
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  ASSERT_TRUE(tx.ok());
  std::vector<domain::Unit> units = (*tx)->Units().List().value();
  ASSERT_EQ(units.size(), 23u);
  std::map<std::string, domain::Unit> by_code;
  for (const domain::Unit& u : units) by_code[u.code] = u;
  EXPECT_EQ(by_code["pho-minh"].name, "Phường Phổ Minh");
  EXPECT_EQ(by_code["pho-minh"].kind, K::kWard);
  EXPECT_EQ(by_code["nguyen-nghiem"].name, "Phường Nguyễn Nghiêm");
  EXPECT_EQ(by_code["pho-cuong"].name, "Xã Phổ Cường");
  EXPECT_EQ(by_code["pho-cuong"].kind, K::kCommune);
  EXPECT_EQ(by_code["cong-an-duc-pho"].name, "Công an thị xã Đức Phổ");
  EXPECT_EQ(by_code["cong-an-duc-pho"].parent_code, "nguyen-nghiem");
  EXPECT_EQ(by_code["thcs-pho-minh"].parent_code, "pho-minh");
  for (const domain::Unit& u : units) {
    if (u.kind == K::kWard || u.kind == K::kCommune) {
      // The code is the folded slug of the name without "Phường " / "Xã ".
      const std::string prefix = u.kind == K::kWard ? "Phường " : "Xã ";
      ASSERT_EQ(u.name.rfind(prefix, 0), 0u) << u.name;
      EXPECT_EQ(internal::DemoSlug(u.name.substr(prefix.size())), u.code);
      EXPECT_EQ(u.parent_code, "");
    } else {
      EXPECT_TRUE(by_code.count(u.parent_code)) << u.code;
    }
  }
}

TEST_F(DemoTest, SlugFoldsVietnamese) {
  EXPECT_EQ(internal::DemoSlug("Nguyễn Nghiêm"), "nguyen-nghiem");
  EXPECT_EQ(internal::DemoSlug("Phổ Hòa"), "pho-hoa");
  EXPECT_EQ(internal::DemoSlug("  Đức Phổ -- số 1 "), "duc-pho-so-1");
}

TEST_F(DemoTest, UsersOfEveryRoleCanSignIn) {
  base::Result<DemoSummary> summary = Run(*store_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->password, "binhyen-demo");
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  ASSERT_TRUE(tx.ok());
  std::vector<domain::User> users = (*tx)->Users().List().value();
  std::vector<domain::Unit> units = (*tx)->Units().List().value();
  (*tx).reset();
  ASSERT_EQ(users.size(), 12u);
  ASSERT_EQ(summary->accounts.size(), 12u);
  std::set<domain::Role> roles;
  for (const domain::User& u : users) {
    roles.insert(u.role);
    EXPECT_TRUE(std::any_of(units.begin(), units.end(),
                            [&](const domain::Unit& unit) { return unit.code == u.unit; }))
        << u.name << " in " << u.unit;
    const bool needs_totp = u.role == domain::Role::kAnalyst || u.role == domain::Role::kAdmin;
    EXPECT_EQ(u.totp_secret_ciphertext.has_value(), needs_totp) << u.name;
  }
  EXPECT_EQ(roles.size(), 6u);

  // Each printed secret signs its user in, with the shared password.
  service::AuthOptions auth_options;
  auth_options.password_cost = crypto::kTestPasswordCost;
  service::Authenticator auth(*store_, secrets_box_, clock_, key_random_, auth_options);
  int with_totp = 0;
  for (const DemoAccount& a : summary->accounts) {
    service::LoginRequest login{a.name, "binhyen-demo", "", ""};
    if (!a.totp_secret.empty()) {
      ++with_totp;
      std::string secret = crypto::Base32Decode(a.totp_secret).value();
      login.totp_code = crypto::TotpCode(
          secret,
          std::chrono::duration_cast<std::chrono::seconds>(kNow.time_since_epoch()).count());
    }
    base::Result<service::LoginResult> result = auth.Login(login);
    EXPECT_TRUE(result.ok()) << a.name << ": " << result.status().ToString();
  }
  EXPECT_EQ(with_totp, 3);

  base::Result<service::Principal> bearer = auth.AuthenticateBearer(summary->token);
  ASSERT_TRUE(bearer.ok()) << bearer.status().ToString();
  EXPECT_EQ(bearer->name, "phantich.an");
  EXPECT_EQ(bearer->role, domain::Role::kAnalyst);
  EXPECT_EQ(bearer->scopes, (std::vector<std::string>{"reports:read", "reports:triage"}));
  EXPECT_EQ(summary->token_scopes, bearer->scopes);
}

TEST_F(DemoTest, ReportsInEveryStateOverNinetyDays) {
  base::Result<DemoSummary> summary = Run(*store_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  using S = domain::ReportStatus;
  const std::vector<std::pair<S, int64_t>> want = {{S::kReceived, 13},
                                                   {S::kTriaging, 10},
                                                   {S::kConfirmed, 24},
                                                   {S::kRejected, 6},
                                                   {S::kDuplicate, 7}};
  EXPECT_EQ(summary->reports, 60);
  EXPECT_EQ(summary->reports_by_status, want);

  std::vector<domain::Report> reports = AllReports(*store_);
  ASSERT_EQ(reports.size(), 60u);
  int assigned_triaging = 0, with_contact = 0, with_note = 0;
  for (const domain::Report& r : reports) {
    EXPECT_LT(r.created_at, kNow);
    EXPECT_GE(r.created_at, kNow - days(91));
    EXPECT_LE(r.updated_at, kNow);
    EXPECT_FALSE(r.ward.empty());
    if (r.status == S::kTriaging && r.assignee_user_id) ++assigned_triaging;
    if (r.contact_ciphertext) ++with_contact;
    if (!r.public_note.empty()) ++with_note;
    if (r.status == S::kDuplicate) {
      ASSERT_TRUE(r.duplicate_of.has_value());
      EXPECT_LT(*r.duplicate_of, r.id);
    }
    if (r.status == S::kConfirmed || r.status == S::kRejected || r.status == S::kDuplicate) {
      EXPECT_FALSE(r.public_note.empty()) << r.id;
    }
  }
  EXPECT_EQ(assigned_triaging, 6);
  EXPECT_EQ(with_note, 24 + 6 + 7);
  EXPECT_GT(with_contact, 10);
  EXPECT_LT(with_contact, 60);
  // Spread over the period, oldest first.
  EXPECT_LT(reports.front().created_at, kNow - days(85));
  EXPECT_GT(reports.back().created_at, kNow - days(1));
  EXPECT_TRUE(std::is_sorted(reports.begin(), reports.end(),
                             [](const domain::Report& a, const domain::Report& b) {
                               return a.created_at < b.created_at;
                             }));
}

TEST_F(DemoTest, ReportsAreLinkedBySharedIndicatorsAndNearIdenticalText) {
  base::Result<DemoSummary> summary = Run(*store_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::vector<domain::Report> reports = AllReports(*store_);
  EXPECT_EQ(summary->linked_reports,
            std::count_if(reports.begin(), reports.end(),
                          [](const domain::Report& r) { return !r.linked_report_ids.empty(); }));
  EXPECT_EQ(summary->linked_reports, 25);
  // The four copies of the loan SMS carry different phone numbers: linked by their text only.
  std::vector<int64_t> copies;
  for (const domain::Report& r : reports) {
    if (r.description.find("duoc duyet khoan vay") != std::string::npos ||
        r.description.find("được duyệt khoản vay") != std::string::npos ||
        r.description.find("DUOC DUYET KHOAN VAY") != std::string::npos) {
      copies.push_back(r.id);
    }
  }
  ASSERT_EQ(copies.size(), 4u);
  for (const domain::Report& r : reports) {
    if (std::find(copies.begin(), copies.end(), r.id) == copies.end()) continue;
    for (int64_t other : copies) {
      if (other == r.id) continue;
      EXPECT_TRUE(std::count(r.linked_report_ids.begin(), r.linked_report_ids.end(), other))
          << r.id << " not linked to " << other;
    }
  }
  // The fake police phone links its first report to the later ones.
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  ASSERT_TRUE(tx.ok());
  std::vector<int64_t> with_phone =
      (*tx)->Reports().FindByIndicator(indicator::Kind::kPhone, "+84869412357", 100).value();
  EXPECT_EQ(with_phone.size(), 4u);
  EXPECT_EQ(reports.front().linked_report_ids.size(), 4u);  // + the account
}

TEST_F(DemoTest, ConfirmedIndicatorsAreInTheReputationSetWithExpiry) {
  base::Result<DemoSummary> summary = Run(*store_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->confirmed_indicators, 29);
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  ASSERT_TRUE(tx.ok());
  store::IndicatorRepository& indicators = (*tx)->Indicators();
  domain::IndicatorRecord phone = indicators.Get(indicator::Kind::kPhone, "+84869412357").value();
  EXPECT_EQ(phone.status, domain::IndicatorStatus::kConfirmed);
  EXPECT_EQ(phone.category, domain::Category::kFakePolice);
  ASSERT_TRUE(phone.expires_at.has_value());
  EXPECT_EQ(*phone.expires_at - phone.last_seen, days(365));
  EXPECT_GT(*phone.expires_at, kNow);
  domain::IndicatorRecord url =
      indicators.Get(indicator::Kind::kUrl, "http://dichvucong-bocongan.vip/dinh-danh").value();
  EXPECT_EQ(url.status, domain::IndicatorStatus::kConfirmed);
  ASSERT_TRUE(url.expires_at.has_value());
  EXPECT_EQ(*url.expires_at - url.last_seen, days(180));
  // The account of the "holding" scam was confirmed with the first report.
  EXPECT_EQ(indicators.Get(indicator::Kind::kBankAccount, "970415:108873215566").value().status,
            domain::IndicatorStatus::kConfirmed);
  // Indicators of rejected or open reports never enter it.
  EXPECT_EQ(indicators.Get(indicator::Kind::kPhone, "+84905318276").status().code(),
            base::StatusCode::kNotFound);
  EXPECT_EQ(indicators.Get(indicator::Kind::kUrl, "https://dichvucong.gov.vn/").status().code(),
            base::StatusCode::kNotFound);
  EXPECT_EQ(indicators.Get(indicator::Kind::kPhone, "+84392718604").status().code(),
            base::StatusCode::kNotFound);
  std::vector<domain::IndicatorRecord> all = indicators.ChangesSince(0, 10000).value();
  EXPECT_EQ(static_cast<int64_t>(all.size()), summary->confirmed_indicators);
  for (const domain::IndicatorRecord& r : all) {
    EXPECT_EQ(r.status, domain::IndicatorStatus::kConfirmed) << r.canonical;
    EXPECT_TRUE(r.expires_at.has_value()) << r.canonical;
  }
}

TEST_F(DemoTest, WarningsAndAClarificationArePublished) {
  base::Result<DemoSummary> summary = Run(*store_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->warnings, 3);
  EXPECT_EQ(summary->draft_warnings, 1);
  EXPECT_EQ(summary->clarifications, 1);
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  ASSERT_TRUE(tx.ok());
  domain::Warning police =
      (*tx)->Warnings().GetBySlug("canh-bao-gia-danh-cong-an-goi-dien-yeu-cau-chuyen-tien").value();
  EXPECT_EQ(police.title, "Cảnh báo giả danh công an gọi điện yêu cầu chuyển tiền");
  ASSERT_TRUE(police.published_at.has_value());
  EXPECT_LT(*police.published_at, kNow);
  EXPECT_EQ(police.indicators.front(),
            (domain::WarningIndicator{indicator::Kind::kPhone, "+84869412357"}));
  store::Page<domain::Warning> clarifications =
      (*tx)->Warnings().ListPublished(domain::WarningKind::kClarification, kNow, {10, ""}).value();
  ASSERT_EQ(clarifications.items.size(), 1u);
  EXPECT_NE(clarifications.items[0].body.find("sai sự thật"), std::string::npos);
}

TEST_F(DemoTest, AuditChainVerifiesAndNamesTheActors) {
  ASSERT_TRUE(Run(*store_).ok());
  Admin admin(*store_, clock_, key_random_, "cli:tester", crypto::kTestPasswordCost);
  base::Result<AuditVerification> verified = admin.VerifyAudit();
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->first_break.ok()) << verified->first_break.ToString();
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  std::vector<domain::AuditEntry> entries = (*tx)->Audit().List(0, 10000).value();
  EXPECT_EQ(verified->entries, static_cast<int64_t>(entries.size()));
  std::map<std::string, int> actions;
  for (const domain::AuditEntry& e : entries) ++actions[e.action];
  EXPECT_EQ(actions["store.migrate"], 1);
  EXPECT_EQ(actions["unit.create"], 23);
  EXPECT_EQ(actions["user.add"], 12);
  EXPECT_EQ(actions["user.update"], 12);  // the unit of each user
  EXPECT_EQ(actions["user.totp.enroll"], 3);
  EXPECT_EQ(actions["token.create"], 1);
  EXPECT_EQ(actions["report.submit"], 60);
  EXPECT_EQ(actions["warning.create"], 5);
  // Taken to triaging (40), verdicts (24 + 6) and duplicates (7).
  EXPECT_EQ(actions["report.transition"], 40 + 24 + 6 + 7);
  EXPECT_EQ(actions["report.assign"], 30);
  EXPECT_EQ(entries.front().action, "store.migrate");
  EXPECT_LT(entries.front().at, kNow - days(90));
}

TEST_F(DemoTest, SameSeedSameDataOtherSeedOtherData) {
  ASSERT_TRUE(Run(*store_, 5).ok());
  std::unique_ptr<store::Store> again = OpenFresh("again");
  ASSERT_TRUE(Run(*again, 5).ok());
  std::unique_ptr<store::Store> other = OpenFresh("other");
  ASSERT_TRUE(Run(*other, 6).ok());
  std::vector<domain::Report> a = AllReports(*store_);
  std::vector<domain::Report> b = AllReports(*again);
  std::vector<domain::Report> c = AllReports(*other);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.size(), c.size());
  bool differs = false;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].receipt_code, b[i].receipt_code);
    EXPECT_EQ(a[i].ward, b[i].ward);
    EXPECT_EQ(a[i].created_at, b[i].created_at);
    EXPECT_EQ(a[i].status, b[i].status);
    EXPECT_EQ(a[i].linked_report_ids, b[i].linked_report_ids);
    EXPECT_EQ(a[i].contact_ciphertext.has_value(), b[i].contact_ciphertext.has_value());
    EXPECT_EQ(a[i].status, c[i].status);  // the outcomes do not depend on the seed
    differs = differs || a[i].receipt_code != c[i].receipt_code || a[i].ward != c[i].ward;
  }
  EXPECT_TRUE(differs);
}

TEST_F(DemoTest, RefusesAnInstallationThatHasData) {
  ASSERT_TRUE(Run(*store_).ok());
  base::Result<DemoSummary> second = Run(*store_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(second.status().message(), "/tmp/demo already has data; use a fresh --data directory");
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  EXPECT_EQ((*tx)->Reports().Count().value(), 60);
  EXPECT_EQ((*tx)->Users().List().value().size(), 12u);
}

TEST_F(DemoTest, RefusesAnInstallationWithOnlyAUser) {
  Admin admin(*store_, clock_, key_random_, "cli:tester", crypto::kTestPasswordCost);
  ASSERT_TRUE(admin.Migrate().ok());
  ASSERT_TRUE(admin.AddUser("someone", "member", "a-long-password").ok());
  base::Result<DemoSummary> refused = Run(*store_);
  EXPECT_EQ(refused.status().code(), base::StatusCode::kFailedPrecondition);
}

TEST_F(DemoTest, AcceptsAMigratedEmptyInstallation) {
  Admin admin(*store_, clock_, key_random_, "cli:tester", crypto::kTestPasswordCost);
  ASSERT_TRUE(admin.Migrate().ok());
  base::Result<DemoSummary> summary = Run(*store_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->reports, 60);
}

TEST_F(DemoTest, SummaryNamesEverythingATesterNeeds) {
  base::Result<DemoSummary> summary = Run(*store_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const std::string text = FormatDemoSummary(*summary, "/srv/demo");
  EXPECT_NE(text.find("8 phường / ward, 7 xã / commune"), std::string::npos) << text;
  EXPECT_NE(text.find("Báo cáo / reports: 60 (13 mới tiếp nhận / received, 10 đang xử lý / "
                      "triaging, 24 đã xác minh / confirmed, 6 bác bỏ / rejected, 7 trùng lặp / "
                      "duplicate)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("shared password: binhyen-demo"), std::string::npos);
  for (const DemoAccount& a : summary->accounts) {
    EXPECT_NE(text.find("  " + a.name + " "), std::string::npos) << a.name;
    if (!a.totp_secret.empty()) {
      EXPECT_NE(text.find("TOTP " + a.totp_secret), std::string::npos);
    }
  }
  EXPECT_NE(text.find(summary->token), std::string::npos);
  EXPECT_NE(text.find("binhyen serve --data /srv/demo\n"), std::string::npos);
}

}  // namespace
}  // namespace binhyen::app

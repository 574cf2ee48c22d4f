#include "service/report_intake.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "domain/audit.h"
#include "domain/receipt.h"
#include "store/registry.h"
#include "store/sqlite/sqlite_store.h"

namespace binhyen::service {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::array<uint8_t, 32> kKey = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                          12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                          23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

// Replays scripted 5-byte draws (receipt codes), then falls back to a FakeRandom.
class ScriptedRandom final : public crypto::Random {
 public:
  void Push(std::array<uint8_t, 5> draw) { script_.push_back(draw); }
  void Fill(std::span<uint8_t> out) override {
    if (script_.empty() || out.size() != 5) return fallback_.Fill(out);
    std::copy(script_.front().begin(), script_.front().end(), out.begin());
    script_.pop_front();
  }

 private:
  std::deque<std::array<uint8_t, 5>> script_;
  crypto::FakeRandom fallback_{7};
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A ReportIntake over a fresh, migrated SQLite store in a temp dir, with fake time and
// randomness.
class ReportIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "report_intake_test.XXXXXX").string();
    tmp_ = ::mkdtemp(tmpl.data());
    db_ = tmp_ / "binhyen.db";
    base::Result<store::StoreUrl> url = store::StoreUrl::Parse("sqlite:" + db_.string());
    ASSERT_TRUE(url.ok());
    base::Result<std::unique_ptr<store::sqlite::SqliteStore>> opened =
        store::sqlite::SqliteStore::Open(*url);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->Migrate().ok());
    intake_ = std::make_unique<ReportIntake>(*store_, box_, clock_, random_);
  }
  void TearDown() override {
    intake_.reset();
    store_.reset();
    fs::remove_all(tmp_);
  }

  static ReportSubmission Basic() {
    ReportSubmission s;
    s.channel = domain::Channel::kCli;
    s.category = "fake_police";
    s.description = "Có người gọi tự xưng công an, yêu cầu chuyển tiền.";
    s.loss_vnd = 5'000'000;
    s.ward = "P01";
    return s;
  }

  domain::Report GetReport(int64_t id) {
    auto tx = store_->Begin(store::TxMode::kReadOnly);
    return (*tx)->Reports().Get(id).value();
  }
  int64_t ReportCount() {
    auto tx = store_->Begin(store::TxMode::kReadOnly);
    return (*tx)->Reports().Count().value();
  }
  std::vector<domain::AuditEntry> AllAudit() {
    auto tx = store_->Begin(store::TxMode::kReadOnly);
    return (*tx)->Audit().List(0, 1000).value();
  }
  void ExpectNothingStored() {
    EXPECT_EQ(ReportCount(), 0);
    EXPECT_TRUE(AllAudit().empty());
  }
  void ExpectInvalid(const ReportSubmission& s, const std::string& message) {
    base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
    ASSERT_FALSE(r.ok()) << "accepted, want " << message;
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), message);
  }

  fs::path tmp_;
  fs::path db_;
  base::FakeClock clock_;
  ScriptedRandom random_;
  crypto::SecretBox box_ = crypto::SecretBox::FromKey(kKey);
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ReportIntake> intake_;
};

TEST_F(ReportIntakeTest, CanonicalisesTypedIndicatorsAndAddsExtractedOnes) {
  ReportSubmission s = Basic();
  s.description = "Họ gọi từ số 0912.345.678 và gửi link http://vcb-xacminh.top/login để nhập OTP.";
  s.indicators = {{"phone", "0912 345 678"}, {"domain", "Example.COM"}};
  base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->id, 1);
  EXPECT_TRUE(domain::IsCanonicalReceiptCode(r->receipt_code)) << r->receipt_code;
  EXPECT_EQ(r->status, domain::ReportStatus::kReceived);
  EXPECT_TRUE(r->linked_report_ids.empty());
  // The phone typed and the same phone in the description are kept once, with the typed raw.
  EXPECT_THAT(
      r->indicators,
      ElementsAre(domain::ReportIndicator{indicator::Kind::kPhone, "+84912345678", "0912 345 678"},
                  domain::ReportIndicator{indicator::Kind::kDomain, "example.com", "Example.COM"},
                  domain::ReportIndicator{indicator::Kind::kUrl, "http://vcb-xacminh.top/login",
                                          "http://vcb-xacminh.top/login"}));
  domain::Report stored = GetReport(r->id);
  EXPECT_EQ(stored.indicators, r->indicators);
  EXPECT_EQ(stored.receipt_code, r->receipt_code);
  EXPECT_EQ(stored.channel, domain::Channel::kCli);
  EXPECT_EQ(stored.category, domain::Category::kFakePolice);
  EXPECT_EQ(stored.loss_vnd, 5'000'000);
  EXPECT_EQ(stored.ward, "P01");
  EXPECT_EQ(stored.created_at, clock_.Now());
  EXPECT_FALSE(stored.occurred_at.has_value());
}

TEST_F(ReportIntakeTest, EmptyKindIsGuessedByExtraction) {
  ReportSubmission s = Basic();
  s.indicators = {{"", "0987654321"}, {" ", "hxxp://lua-dao[.]xyz/a"}};
  base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->indicators.size(), 2u);
  EXPECT_EQ(r->indicators[0].kind, indicator::Kind::kPhone);
  EXPECT_EQ(r->indicators[0].canonical, "+84987654321");
  EXPECT_EQ(r->indicators[0].raw, "0987654321");
  EXPECT_EQ(r->indicators[1].kind, indicator::Kind::kUrl);

  s.indicators = {{"", "xin chào"}};
  ExpectInvalid(s,
                "indicators[0]: no indicator recognised in the value; give its kind (url, domain, "
                "ip, phone, bank_account, email, social)");
}

TEST_F(ReportIntakeTest, ContactIsStoredOnlyAsCiphertext) {
  ReportSubmission s = Basic();
  s.contact = ContactDetails{"Nguyễn Văn A", " 0912345678 ", ""};
  base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  domain::Report stored = GetReport(r->id);
  ASSERT_TRUE(stored.contact_ciphertext.has_value());
  EXPECT_THAT(*stored.contact_ciphertext, Not(HasSubstr("0912345678")));
  EXPECT_THAT(*stored.contact_ciphertext, Not(HasSubstr("Nguy")));
  base::Result<std::string> plain = box_.Decrypt(*stored.contact_ciphertext);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(nlohmann::json::parse(*plain),
            nlohmann::json({{"name", "Nguyễn Văn A"}, {"phone", "0912345678"}}));
  // Nowhere in the database files either (WAL included), nor in the audit log.
  store_.reset();
  intake_.reset();
  for (const char* suffix : {"", "-wal"}) {
    fs::path p = db_.string() + suffix;
    if (!fs::exists(p)) continue;
    EXPECT_THAT(ReadFile(p), Not(HasSubstr("0912345678"))) << p;
  }
}

TEST_F(ReportIntakeTest, AnonymousReportHasNoContact) {
  base::Result<Receipt> r = intake_->Submit(Basic(), "cli:tester");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(GetReport(r->id).contact_ciphertext.has_value());
  base::Result<std::string> reveal = intake_->RevealContact(r->id, "user:3");
  ASSERT_FALSE(reveal.ok());
  EXPECT_EQ(reveal.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reveal.status().message(), "report 1: anonymous (no contact)");
  EXPECT_EQ(AllAudit().size(), 1u);  // the failed reveal recorded nothing
}

TEST_F(ReportIntakeTest, EmptyContactIsRefused) {
  ReportSubmission s = Basic();
  s.contact = ContactDetails{" ", "", ""};
  ExpectInvalid(s,
                "contact: give at least one of name, phone, email (or no contact to report "
                "anonymously)");
  s.contact = ContactDetails{"", std::string(257, '1'), ""};
  ExpectInvalid(s, "contact.phone: must be at most 256 bytes");
  ExpectNothingStored();
}

TEST_F(ReportIntakeTest, BadIndicatorRejectsTheWholeSubmission) {
  ReportSubmission s = Basic();
  s.contact = ContactDetails{"A", "0912345678", ""};
  s.indicators = {{"url", "http://lua-dao.vn/"}, {"phone", "0912345678"}, {"phone", "12"}};
  ExpectInvalid(s, "indicators[2]: phone: too short");
  ExpectNothingStored();

  s.indicators = {{"url", "http://lua-dao.vn/"}, {"pager", "12"}};
  ExpectInvalid(s,
                "indicators[1].kind: unknown kind 'pager' (one of: url, domain, ip, phone, "
                "bank_account, email, social)");
  s.indicators = {{"email", "no-at-sign"}};
  ExpectInvalid(s, "indicators[0]: email: email address has no '@'");
  s.indicators = {{"phone", "   "}};
  ExpectInvalid(s, "indicators[0].value: must not be empty");
  s.indicators = {{"url", "http://lua-dao.vn/" + std::string(2048, 'a')}};
  ExpectInvalid(s, "indicators[0].value: must be at most 2048 bytes");
  ExpectNothingStored();
}

TEST_F(ReportIntakeTest, FieldLimitsNameTheField) {
  ReportSubmission s = Basic();
  s.category = "aliens";
  base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), ::testing::StartsWith("category: unknown category 'aliens' "
                                                          "(one of: phishing, fake_police, "));
  s = Basic();
  s.category = "";
  ExpectInvalid(s, "category: must not be empty");
  s = Basic();
  s.description = " \n ";
  ExpectInvalid(s, "description: must not be empty");
  s.description = std::string(10'001, 'a');
  ExpectInvalid(s, "description: must be at most 10000 bytes");
  s.description = "bad \xff utf-8";
  ExpectInvalid(s, "description: must be valid UTF-8");
  s = Basic();
  s.loss_vnd = -1;
  ExpectInvalid(s, "loss_vnd: must be between 0 and 10000000000000");
  s.loss_vnd = 10'000'000'000'001;
  ExpectInvalid(s, "loss_vnd: must be between 0 and 10000000000000");
  s = Basic();
  s.indicators.assign(51, TypedIndicator{"phone", "0912345678"});
  ExpectInvalid(s, "indicators: at most 50 (got 51)");
  s = Basic();
  s.occurred_at = clock_.Now() + std::chrono::hours(48);
  ExpectInvalid(s, "occurred_at: is in the future");
  s = Basic();
  s.ward = std::string(65, 'P');
  ExpectInvalid(s, "ward: must be at most 64 bytes");
  ExpectNothingStored();

  // The limits themselves are accepted.
  s = Basic();
  s.description = std::string(10'000, 'a');
  s.loss_vnd = 10'000'000'000'000;
  s.occurred_at = clock_.Now() - std::chrono::hours(3);
  s.indicators.assign(50, TypedIndicator{"phone", "0912345678"});
  r = intake_->Submit(s, "cli:tester");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->indicators.size(), 1u);  // 50 times the same phone
  EXPECT_EQ(GetReport(r->id).occurred_at, clock_.Now() - std::chrono::hours(3));
}

TEST_F(ReportIntakeTest, ExtractedIndicatorsStopAtTheLimit) {
  ReportSubmission s = Basic();
  s.description.clear();
  for (int i = 0; i < 60; ++i) s.description += "http://site" + std::to_string(i) + ".com/ ";
  base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->indicators.size(), 50u);
  EXPECT_EQ(r->extracted_not_kept, 10u);
}

TEST_F(ReportIntakeTest, LinksReportsSharingAnIndicator) {
  ReportSubmission first = Basic();
  first.indicators = {{"phone", "0912345678"}};
  ReportSubmission unrelated = Basic();
  unrelated.description = "Tin nhắn quảng cáo vay tiền online lãi suất thấp, không cần thế chấp.";
  unrelated.indicators = {{"phone", "0987000111"}};
  ReportSubmission second = Basic();
  second.description = "Lại là số +84 912 345 678 gọi đến.";
  base::Result<Receipt> r1 = intake_->Submit(first, "cli:tester");
  base::Result<Receipt> r2 = intake_->Submit(unrelated, "cli:tester");
  clock_.Advance(std::chrono::minutes(5));
  base::Result<Receipt> r3 = intake_->Submit(second, "cli:tester");
  ASSERT_TRUE(r1.ok() && r2.ok() && r3.ok());
  EXPECT_TRUE(r2->linked_report_ids.empty());
  EXPECT_THAT(r3->linked_report_ids, ElementsAre(r1->id));
  EXPECT_THAT(GetReport(r1->id).linked_report_ids, ElementsAre(r3->id));
  EXPECT_THAT(GetReport(r3->id).linked_report_ids, ElementsAre(r1->id));
  EXPECT_TRUE(GetReport(r2->id).linked_report_ids.empty());

  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[2].action, "report.submit");
  EXPECT_EQ(audit[2].actor, "cli:tester");
  EXPECT_EQ(audit[2].target, "report:3");
  EXPECT_EQ(
      audit[2].summary,
      "cli report, category fake_police, 1 indicators, 0 evidence files, anonymous, linked to "
      "1 reports");
  ASSERT_EQ(r3->related.size(), 1u);
  EXPECT_EQ(r3->related[0].reason, RelatedGroup::Reason::kSharedIndicator);
  EXPECT_EQ(r3->related[0].indicator->canonical, "+84912345678");
  EXPECT_THAT(r3->related[0].report_ids, ElementsAre(r1->id));
  EXPECT_FALSE(r3->related[0].more);
  EXPECT_EQ(audit[2].at, clock_.Now());
}

TEST_F(ReportIntakeTest, ReceiptCollisionDrawsAgain) {
  random_.Push({1, 2, 3, 4, 5});
  random_.Push({1, 2, 3, 4, 5});
  random_.Push({1, 2, 3, 4, 5});
  random_.Push({9, 9, 9, 9, 9});
  base::Result<Receipt> r1 = intake_->Submit(Basic(), "cli:tester");
  base::Result<Receipt> r2 = intake_->Submit(Basic(), "cli:tester");
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r1->receipt_code, domain::MakeReceiptCode({1, 2, 3, 4, 5}));
  EXPECT_EQ(r2->receipt_code, domain::MakeReceiptCode({9, 9, 9, 9, 9}));
  EXPECT_EQ(ReportCount(), 2);
  EXPECT_EQ(AllAudit().size(), 2u);
}

TEST_F(ReportIntakeTest, EndlessCollisionsFailCleanly) {
  for (int i = 0; i < 20; ++i) random_.Push({1, 2, 3, 4, 5});
  ASSERT_TRUE(intake_->Submit(Basic(), "cli:tester").ok());
  base::Result<Receipt> r = intake_->Submit(Basic(), "cli:tester");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kInternal);
  EXPECT_EQ(ReportCount(), 1);
  EXPECT_EQ(AllAudit().size(), 1u);
}

TEST_F(ReportIntakeTest, FollowUpViewByReceipt) {
  ReportSubmission s = Basic();
  s.indicators = {{"phone", "0912345678"}};
  s.contact = ContactDetails{"", "0912000999", ""};
  base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
  ASSERT_TRUE(r.ok());
  clock_.Advance(std::chrono::hours(1));
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Reports()
                    .Transition(r->id,
                                store::StatusChange{domain::ReportStatus::kTriaging, std::nullopt,
                                                    std::nullopt, std::nullopt},
                                clock_.Now())
                    .ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  // As a person types it: lower case, without the prefix and dashes.
  std::string typed = r->receipt_code.substr(3, 4) + r->receipt_code.substr(8, 4);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  base::Result<ReportView> view = intake_->Get(typed);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->receipt_code, r->receipt_code);
  EXPECT_EQ(view->status, domain::ReportStatus::kTriaging);
  EXPECT_EQ(view->category, domain::Category::kFakePolice);
  EXPECT_EQ(view->created_at, clock_.Now() - std::chrono::hours(1));
  EXPECT_EQ(view->updated_at, clock_.Now());
  EXPECT_EQ(view->indicators, r->indicators);

  base::Result<ReportView> missing = intake_->Get("BY-0000-0000");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "receipt BY-0000-0000: no such report");
  base::Result<ReportView> malformed = intake_->Get("hello");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(malformed.status().message(), ::testing::StartsWith("receipt_code: "));
}

TEST_F(ReportIntakeTest, RevealContactIsAudited) {
  ReportSubmission s = Basic();
  s.contact = ContactDetails{"Trần Thị B", "0912345678", "b@example.vn"};
  base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
  ASSERT_TRUE(r.ok());
  clock_.Advance(std::chrono::minutes(1));
  base::Result<std::string> contact = intake_->RevealContact(r->id, "user:4");
  ASSERT_TRUE(contact.ok()) << contact.status().ToString();
  EXPECT_EQ(
      nlohmann::json::parse(*contact),
      nlohmann::json({{"name", "Trần Thị B"}, {"phone", "0912345678"}, {"email", "b@example.vn"}}));
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(
      audit[0].summary,
      "cli report, category fake_police, 0 indicators, 0 evidence files, with contact, linked "
      "to 0 reports");
  EXPECT_EQ(audit[1].action, "report.contact.reveal");
  EXPECT_EQ(audit[1].actor, "user:4");
  EXPECT_EQ(audit[1].target, "report:1");
  EXPECT_EQ(audit[1].at, clock_.Now());
  for (const domain::AuditEntry& e : audit) {
    EXPECT_THAT(e.summary, Not(HasSubstr("0912345678")));
    EXPECT_THAT(e.summary, Not(HasSubstr("Trần")));
  }

  base::Result<std::string> missing = intake_->RevealContact(99, "user:4");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  // With another key the contact cannot be read, and nothing is recorded.
  std::array<uint8_t, 32> other_key{};
  crypto::SecretBox other = crypto::SecretBox::FromKey(other_key);
  ReportIntake wrong(*store_, other, clock_, random_);
  base::Result<std::string> wrong_key = wrong.RevealContact(r->id, "user:4");
  ASSERT_FALSE(wrong_key.ok());
  EXPECT_EQ(wrong_key.status().message(), "contact data could not be decrypted");
  EXPECT_EQ(AllAudit().size(), 2u);
}

TEST_F(ReportIntakeTest, AuditChainVerifiesAfterIntake) {
  ReportSubmission s = Basic();
  s.indicators = {{"phone", "0912345678"}};
  s.contact = ContactDetails{"A", "0912345678", ""};
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(intake_->Submit(s, "cli:tester").ok());
    clock_.Advance(std::chrono::seconds(1));
  }
  ASSERT_TRUE(intake_->RevealContact(2, "user:1").ok());
  std::vector<domain::AuditEntry> audit = AllAudit();
  ASSERT_EQ(audit.size(), 4u);
  const domain::AuditEntry* previous = nullptr;
  for (const domain::AuditEntry& e : audit) {
    EXPECT_TRUE(domain::VerifyAuditLink(previous, e).ok()) << e.seq;
    previous = &e;
  }
  EXPECT_THAT(GetReport(1).linked_report_ids, ElementsAre(2, 3));
}

}  // namespace
}  // namespace binhyen::service

namespace binhyen::service {
namespace {

TEST_F(ReportIntakeTest, LinksNearIdenticalTextsAndSaysWhy) {
  ReportSubmission first = Basic();
  first.description =
      "Có người gọi tự xưng là công an phường, nói tôi liên quan đến một vụ rửa tiền và yêu cầu "
      "chuyển toàn bộ tiền trong tài khoản để xác minh, nếu không sẽ bị bắt giam ngay hôm nay.";
  ReportSubmission copy = Basic();
  copy.description =
      "CO NGUOI GOI TU XUNG LA CONG AN PHUONG, noi toi lien quan den mot vu rua tien va yeu cau "
      "chuyen toan bo tien trong tai khoan de xac minh; neu khong se bi bat giam ngay hom nay!!";
  base::Result<Receipt> r1 = intake_->Submit(first, "cli:tester");
  base::Result<Receipt> r2 = intake_->Submit(copy, "cli:tester");
  ASSERT_TRUE(r1.ok() && r2.ok());
  EXPECT_THAT(r2->linked_report_ids, ElementsAre(r1->id));
  ASSERT_EQ(r2->related.size(), 1u);
  EXPECT_EQ(r2->related[0].reason, RelatedGroup::Reason::kSimilarText);
  EXPECT_FALSE(r2->related[0].indicator.has_value());
  EXPECT_TRUE(GetReport(r2->id).text_simhash.has_value());
  // Short texts carry no simhash and are never linked by text.
  ReportSubmission short_text = Basic();
  short_text.description = "lừa đảo qua điện thoại";
  base::Result<Receipt> r3 = intake_->Submit(short_text, "cli:tester");
  ASSERT_TRUE(r3.ok());
  EXPECT_FALSE(GetReport(r3->id).text_simhash.has_value());
}

TEST_F(ReportIntakeTest, AllFieldErrorsAreReportedAtOnce) {
  ReportSubmission s = Basic();
  s.category = "";
  s.description = "";
  s.loss_vnd = -1;
  s.indicators = {{"phone", "12"}, {"colour", "red"}};
  base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(base::Split(r.status().message(), '\n').size(), 5u) << r.status().message();
  EXPECT_TRUE(AllAudit().empty());
}

}  // namespace
}  // namespace binhyen::service

namespace binhyen::service {
namespace {

TEST_F(ReportIntakeTest, WardIsAKnownWardOrCommuneByCodeOrName) {
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite);
    ASSERT_TRUE(tx.ok());
    domain::Unit ward{"pho-minh", "Phường Phổ Minh", domain::UnitKind::kWard, "", clock_.Now()};
    domain::Unit commune{"pho-an", "Xã Phổ An", domain::UnitKind::kCommune, "", clock_.Now()};
    domain::Unit school{"thcs-pho-minh", "Trường THCS Phổ Minh", domain::UnitKind::kSchool,
                        "pho-minh", clock_.Now()};
    ASSERT_TRUE((*tx)->Units().Create(ward).ok());
    ASSERT_TRUE((*tx)->Units().Create(commune).ok());
    ASSERT_TRUE((*tx)->Units().Create(school).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  for (std::string_view typed : {"pho-minh", "Phường Phổ Minh", "pho minh", "PHỔ MINH"}) {
    ReportSubmission s = Basic();
    s.ward = std::string(typed);
    base::Result<Receipt> r = intake_->Submit(s, "cli:tester");
    ASSERT_TRUE(r.ok()) << typed << ": " << r.status().message();
    EXPECT_EQ(GetReport(r->id).ward, "pho-minh") << typed;
  }
  ReportSubmission bad = Basic();
  bad.ward = "../../etc";
  base::Result<Receipt> r = intake_->Submit(bad, "cli:tester");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "ward: unknown ward or commune '../../etc' (one of: pho-an, pho-minh)");
  ReportSubmission school = Basic();
  school.ward = "thcs-pho-minh";  // a school is not a ward
  EXPECT_FALSE(intake_->Submit(school, "cli:tester").ok());
}

}  // namespace
}  // namespace binhyen::service

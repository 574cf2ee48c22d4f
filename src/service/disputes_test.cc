#include "service/disputes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "base/strings.h"
#include "domain/audit.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using domain::DisputeStatus;
using domain::IndicatorStatus;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kCodeKey = "dispute-code-test-key-0123456789";
constexpr std::string_view kReason = "Đây là website chính thức của cửa hàng chúng tôi.";

std::array<uint8_t, crypto::SecretBox::kKeyBytes> TestKey() {
  std::array<uint8_t, crypto::SecretBox::kKeyBytes> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
  return key;
}

// Disputes over a fresh, migrated SQLite store in a temp dir, with fake time.
class DisputesTest : public ::testing::Test {
 protected:
  DisputesTest()
      : box_(crypto::SecretBox::FromKey(TestKey())),
        codes_(std::string(kCodeKey)),
        disputes_(*store_, box_, codes_, clock_) {
    domain::User u;
    u.name = "an";
    u.password_hash = "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    u.role = domain::Role::kAnalyst;
    u.created_at = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    analyst_ = tx->Users().Create(u).value();
    EXPECT_TRUE(tx->Commit().ok());
  }

  static DisputeFiling Filing(std::string kind, std::string value,
                              std::string reason = std::string(kReason)) {
    DisputeFiling f;
    f.kind = std::move(kind);
    f.value = std::move(value);
    f.reason = std::move(reason);
    return f;
  }
  DisputeReceipt MustFile(const DisputeFiling& f) {
    base::Result<DisputeReceipt> r = disputes_.File(f, "public");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : DisputeReceipt{};
  }
  domain::IndicatorRecord Put(Kind kind, const std::string& canonical, IndicatorStatus status,
                              std::optional<base::TimePoint> expires_at = std::nullopt) {
    domain::IndicatorRecord r;
    r.kind = kind;
    r.canonical = canonical;
    r.category = domain::Category::kPhishing;
    r.severity = domain::Severity::kHigh;
    r.status = status;
    r.first_seen = clock_.Now();
    r.last_seen = clock_.Now();
    r.expires_at = expires_at;
    r.sources = {{"report:1", 100}};
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    base::Result<domain::IndicatorRecord> stored = tx->Indicators().Upsert(r);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return stored.ok() ? *stored : r;
  }
  base::Result<domain::IndicatorRecord> GetIndicator(Kind kind, const std::string& canonical) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Indicators().Get(kind, canonical);
  }
  int64_t Version() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Indicators().CurrentVersion().value();
  }
  std::vector<std::string> AuditActions() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    std::vector<std::string> out;
    const std::vector<domain::AuditEntry> entries = tx->Audit().List(0, 1000).value();
    for (const domain::AuditEntry& e : entries) {
      out.push_back(e.actor + " " + e.action + " " + e.target);
    }
    return out;
  }
  static void ExpectError(const base::Status& s, base::StatusCode code, std::string_view msg) {
    EXPECT_EQ(s.code(), code) << s.ToString();
    EXPECT_EQ(s.message(), msg);
  }
  std::string ErrorOf(const DisputeFiling& f) {
    base::Result<DisputeReceipt> r = disputes_.File(f, "public");
    EXPECT_FALSE(r.ok());
    if (r.ok()) return "";
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
    return r.status().message();
  }

  base::FakeClock clock_{base::TimePoint(std::chrono::seconds(1'795'000'000))};
  testing::TempSqliteStore store_{"disputes_test"};
  crypto::SecretBox box_;
  DisputeCodes codes_;
  Disputes disputes_;
  int64_t analyst_ = 0;
};

// ------------------------------------------------------------------------------------------
// Filing

TEST_F(DisputesTest, FilesEveryKindUnderItsCanonicalForm) {
  struct Case {
    std::string kind, value, bank, canonical;
    Kind expected;
  };
  const Case cases[] = {
      {"url", "HTTP://Shop-Cua-Toi.VN/san-pham", "", "http://shop-cua-toi.vn/san-pham", Kind::kUrl},
      {"domain", "Shop-Cua-Toi.VN.", "", "shop-cua-toi.vn", Kind::kDomain},
      {"ip", "203.0.113.7", "", "203.0.113.7", Kind::kIp},
      {"phone", "0912 345 678", "", "+84912345678", Kind::kPhone},
      {"bank_account", "0071 0009 86547", "Vietcombank", "970436:0071000986547",
       Kind::kBankAccount},
      {"bank_account", "VCB 0071000986547", "", "970436:0071000986547", Kind::kBankAccount},
      {"bank", "0071000986547", "", "0071000986547", Kind::kBankAccount},
      {"email", "Lien.He@Shop-Cua-Toi.vn", "", "lien.he@shop-cua-toi.vn", Kind::kEmail},
      {"social", "https://www.facebook.com/shopcuatoi", "", "facebook:shopcuatoi", Kind::kSocial},
  };
  int64_t last_id = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.kind + " " + c.value);
    DisputeFiling f = Filing(c.kind, c.value);
    f.bank = c.bank;
    DisputeReceipt r = MustFile(f);
    EXPECT_GT(r.id, last_id);
    last_id = r.id;
    EXPECT_EQ(r.kind, c.expected);
    EXPECT_EQ(r.canonical, c.canonical);
    EXPECT_EQ(r.status, DisputeStatus::kOpen);
    EXPECT_FALSE(r.listed);
    EXPECT_EQ(r.code, codes_.Make(r.id));
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    domain::Dispute stored = tx->Disputes().Get(r.id).value();
    EXPECT_EQ(stored.kind, c.expected);
    EXPECT_EQ(stored.canonical, c.canonical);
    EXPECT_EQ(stored.reason, kReason);
    EXPECT_EQ(stored.claimant_contact_ciphertext, std::nullopt);
    EXPECT_EQ(stored.created_at, clock_.Now());
  }
}

TEST_F(DisputesTest, RefusesBadFieldsAllAtOnceAndStoresNothing) {
  EXPECT_EQ(ErrorOf(Filing("", "", "ngắn")),
            "kind: must not be empty\nvalue: must not be empty\nreason: must be at least 10 bytes");
  EXPECT_THAT(ErrorOf(Filing("fax", "0912345678")),
              ::testing::StartsWith("kind: unknown kind 'fax' (one of: url, domain"));
  EXPECT_THAT(ErrorOf(Filing("phone", "12")), ::testing::StartsWith("value: "));
  EXPECT_THAT(ErrorOf(Filing("url", "không phải link")), ::testing::StartsWith("value: "));
  EXPECT_EQ(ErrorOf(Filing("url", std::string(2049, 'a'))), "value: must be at most 2048 bytes");
  EXPECT_EQ(ErrorOf(Filing("domain", "a.vn\xff")), "value: must be valid UTF-8");
  DisputeFiling bank_on_phone = Filing("phone", "0912345678");
  bank_on_phone.bank = "VCB";
  EXPECT_EQ(ErrorOf(bank_on_phone), "bank: only for bank accounts");
  DisputeFiling unknown_bank = Filing("bank_account", "0071000986547");
  unknown_bank.bank = "Ngân hàng Mặt Trăng";
  EXPECT_EQ(ErrorOf(unknown_bank), "bank: unknown bank 'Ngân hàng Mặt Trăng'");
  DisputeFiling other_bank = Filing("bank_account", "VCB 0071000986547");
  other_bank.bank = "Techcombank";
  EXPECT_EQ(ErrorOf(other_bank), "bank: the value names another bank");
  DisputeFiling same_bank = Filing("bank_account", "VCB 0071000986547");
  same_bank.bank = "970436";
  EXPECT_EQ(MustFile(same_bank).canonical, "970436:0071000986547");
  ExpectError(disputes_.File(Filing("phone", "0912345678"), "").status(),
              base::StatusCode::kInvalidArgument, "actor: must not be empty");
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  EXPECT_EQ(tx->Disputes().List(std::nullopt, {}).value().items.size(), 1u);
  EXPECT_THAT(AuditActions(), ElementsAre("public dispute.file dispute:1"));
}

TEST_F(DisputesTest, ReasonLengthBoundsInBytes) {
  EXPECT_EQ(ErrorOf(Filing("phone", "0912345678", std::string(9, 'x'))),
            "reason: must be at least 10 bytes");
  EXPECT_EQ(ErrorOf(Filing("phone", "0912345678", "   \n\t  ")), "reason: must not be empty");
  EXPECT_EQ(ErrorOf(Filing("phone", "0912345678", std::string(10'001, 'x'))),
            "reason: must be at most 10000 bytes");
  EXPECT_EQ(ErrorOf(Filing("phone", "0912345678", "lý do " + std::string(1, '\0') + " ẩn")),
            "reason: must not contain NUL characters");
  MustFile(Filing("phone", "0912345678", std::string(10, 'x')));
  MustFile(Filing("phone", "0912345678", std::string(10'000, 'x')));
}

TEST_F(DisputesTest, ContactIsSealedAndRevealedOnlyWithAnAuditEntry) {
  DisputeFiling f = Filing("domain", "shop-cua-toi.vn");
  f.contact = ContactDetails{"  Nguyễn Văn A ", "", "a@shop-cua-toi.vn"};
  DisputeReceipt r = MustFile(f);
  {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    domain::Dispute stored = tx->Disputes().Get(r.id).value();
    ASSERT_TRUE(stored.claimant_contact_ciphertext.has_value());
    EXPECT_THAT(*stored.claimant_contact_ciphertext, ::testing::Not(HasSubstr("Nguy")));
    EXPECT_EQ(box_.Decrypt(*stored.claimant_contact_ciphertext).value(),
              R"({"email":"a@shop-cua-toi.vn","name":"Nguyễn Văn A"})");
  }
  // Listing never shows the ciphertext and writes nothing.
  auto page = disputes_.List(std::nullopt, {}).value();
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].claimant_contact_ciphertext, std::nullopt);
  EXPECT_THAT(AuditActions(), ElementsAre("public dispute.file dispute:1"));

  // Reading the dispute shows that there is a contact, not the contact.
  base::Result<DisputeDetail> detail = disputes_.Get(r.id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_TRUE(detail->has_contact);
  EXPECT_EQ(detail->dispute.claimant_contact_ciphertext, std::nullopt);
  EXPECT_EQ(detail->code, r.code);
  EXPECT_EQ(detail->indicator, std::nullopt);
  EXPECT_THAT(AuditActions(), ElementsAre("public dispute.file dispute:1"));

  base::Result<std::string> contact = disputes_.RevealContact(r.id, "user:an");
  ASSERT_TRUE(contact.ok()) << contact.status().ToString();
  EXPECT_EQ(*contact, R"({"email":"a@shop-cua-toi.vn","name":"Nguyễn Văn A"})");
  EXPECT_THAT(AuditActions(), ElementsAre("public dispute.file dispute:1",
                                          "user:an dispute.contact.reveal dispute:1"));

  DisputeReceipt bare = MustFile(Filing("phone", "0912345678"));
  EXPECT_FALSE(disputes_.Get(bare.id).value().has_contact);
  ExpectError(disputes_.RevealContact(bare.id, "user:an").status(),
              base::StatusCode::kFailedPrecondition, "dispute 2: no contact given");
  EXPECT_EQ(AuditActions().size(), 3u);

  DisputeFiling bad = Filing("phone", "0912345678");
  bad.contact = ContactDetails{std::string(257, 'a'), "", ""};
  EXPECT_EQ(ErrorOf(bad), "contact.name: must be at most 256 bytes");
  bad.contact = ContactDetails{" ", "", ""};
  EXPECT_EQ(ErrorOf(bad), "contact: give at least one of name, phone, email (or no contact)");
  ExpectError(disputes_.Get(99).status(), base::StatusCode::kNotFound, "dispute 99: not found");
  ExpectError(disputes_.RevealContact(99, "user:an").status(), base::StatusCode::kNotFound,
              "dispute 99: not found");
}

TEST_F(DisputesTest, ListedOnlyWhenConfirmedAndUnexpired) {
  Put(Kind::kPhone, "+84912000001", IndicatorStatus::kConfirmed);
  Put(Kind::kPhone, "+84912000002", IndicatorStatus::kPending);
  Put(Kind::kPhone, "+84912000003", IndicatorStatus::kConfirmed,
      clock_.Now() - std::chrono::hours(1));
  Put(Kind::kPhone, "+84912000004", IndicatorStatus::kDelisted);
  Put(Kind::kPhone, "+84912000005", IndicatorStatus::kConfirmed,
      clock_.Now() + std::chrono::hours(1));
  EXPECT_TRUE(MustFile(Filing("phone", "0912 000 001")).listed);
  EXPECT_FALSE(MustFile(Filing("phone", "0912 000 002")).listed);  // unconfirmed: never revealed
  EXPECT_FALSE(MustFile(Filing("phone", "0912 000 003")).listed);
  EXPECT_FALSE(MustFile(Filing("phone", "0912 000 004")).listed);
  EXPECT_TRUE(MustFile(Filing("phone", "0912 000 005")).listed);
  EXPECT_FALSE(MustFile(Filing("phone", "0912 000 006")).listed);
}

// ------------------------------------------------------------------------------------------
// Follow-up by code

TEST_F(DisputesTest, StatusByCodeShowsNoPersonalDataAndTheResolutionOnceResolved) {
  DisputeFiling f = Filing("phone", "0912345678");
  f.contact = ContactDetails{"Chủ thuê bao", "0912345678", ""};
  DisputeReceipt r = MustFile(f);
  base::Result<DisputeView> open = disputes_.Status(base::AsciiLower(r.code));
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(open->code, r.code);
  EXPECT_EQ(open->kind, Kind::kPhone);
  EXPECT_EQ(open->canonical, "+84912345678");
  EXPECT_EQ(open->status, DisputeStatus::kOpen);
  EXPECT_EQ(open->resolution, "");
  EXPECT_EQ(open->created_at, clock_.Now());
  EXPECT_EQ(open->resolved_at, std::nullopt);

  clock_.Advance(std::chrono::hours(2));
  ASSERT_TRUE(
      disputes_
          .Resolve(r.id, DisputeStatus::kRejected, "Số này vẫn gọi lừa đảo.", analyst_, "user:an")
          .ok());
  DisputeView resolved = disputes_.Status(r.code).value();
  EXPECT_EQ(resolved.status, DisputeStatus::kRejected);
  EXPECT_EQ(resolved.resolution, "Số này vẫn gọi lừa đảo.");
  EXPECT_EQ(resolved.resolved_at, clock_.Now());

  ExpectError(disputes_.Status("KN-1-0000-0000").status(), base::StatusCode::kNotFound,
              "dispute code: no such dispute");
  ExpectError(disputes_.Status(codes_.Make(2)).status(), base::StatusCode::kNotFound,
              "dispute code: no such dispute");
  ExpectError(disputes_.Status("BY-7K3M-9QX2").status(), base::StatusCode::kInvalidArgument,
              "code: not a dispute code (e.g. KN-42-7K3M-9QX2)");
}

// ------------------------------------------------------------------------------------------
// Resolution

TEST_F(DisputesTest, AcceptingDelistsTheRecordAndBumpsTheChangeVersion) {
  const domain::IndicatorRecord before =
      Put(Kind::kDomain, "shop-cua-toi.vn", IndicatorStatus::kConfirmed);
  DisputeReceipt r = MustFile(Filing("domain", "shop-cua-toi.vn"));
  EXPECT_TRUE(r.listed);
  const int64_t version = Version();
  clock_.Advance(std::chrono::minutes(5));
  base::Result<DisputeResolution> out = disputes_.Resolve(
      r.id, DisputeStatus::kAccepted, "Đã xác minh: đổi chủ sở hữu.", analyst_, "user:an");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->dispute.status, DisputeStatus::kAccepted);
  EXPECT_EQ(out->dispute.resolved_by_user_id, analyst_);
  EXPECT_EQ(out->dispute.resolved_at, clock_.Now());
  ASSERT_TRUE(out->indicator.has_value());
  EXPECT_EQ(out->indicator->status, IndicatorStatus::kDelisted);
  EXPECT_GT(out->indicator->version, version);
  EXPECT_EQ(Version(), out->indicator->version);
  domain::IndicatorRecord after = GetIndicator(Kind::kDomain, "shop-cua-toi.vn").value();
  EXPECT_EQ(after.status, IndicatorStatus::kDelisted);
  EXPECT_EQ(after.category, before.category);
  EXPECT_EQ(after.sources, before.sources);
  // A dispute filed again now says "not listed".
  EXPECT_FALSE(MustFile(Filing("domain", "shop-cua-toi.vn")).listed);
  DisputeDetail detail = disputes_.Get(r.id).value();
  ASSERT_TRUE(detail.indicator.has_value());
  EXPECT_EQ(detail.indicator->status, IndicatorStatus::kDelisted);
  const std::vector<std::string> audit = AuditActions();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[1], "user:an dispute.resolve dispute:1");
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  EXPECT_EQ(tx->Audit().List(0, 10).value()[1].summary,
            "accepted: Đã xác minh: đổi chủ sở hữu. (indicator delisted at version " +
                std::to_string(after.version) + ")");
}

TEST_F(DisputesTest, AcceptingWithoutARecordCreatesADelistedOneThatSuppressesFeeds) {
  DisputeReceipt r = MustFile(Filing("url", "http://shop-cua-toi.vn/khuyen-mai"));
  EXPECT_FALSE(r.listed);
  const int64_t version = Version();
  DisputeResolution out =
      disputes_
          .Resolve(r.id, DisputeStatus::kAccepted, "Nguồn ngoài liệt kê nhầm.", analyst_, "user:an")
          .value();
  ASSERT_TRUE(out.indicator.has_value());
  domain::IndicatorRecord stored =
      GetIndicator(Kind::kUrl, "http://shop-cua-toi.vn/khuyen-mai").value();
  EXPECT_EQ(stored, *out.indicator);
  EXPECT_EQ(stored.status, IndicatorStatus::kDelisted);
  EXPECT_EQ(stored.category, domain::Category::kOther);
  EXPECT_EQ(stored.first_seen, clock_.Now());
  EXPECT_EQ(stored.expires_at, std::nullopt);
  EXPECT_THAT(stored.sources, ElementsAre(domain::IndicatorSource{"dispute:1", 100}));
  EXPECT_GT(stored.version, version);
}

TEST_F(DisputesTest, RejectingChangesNoIndicatorAndResolvingTwiceFails) {
  const domain::IndicatorRecord before =
      Put(Kind::kPhone, "+84912345678", IndicatorStatus::kConfirmed);
  DisputeReceipt r = MustFile(Filing("phone", "0912345678"));
  const int64_t version = Version();
  DisputeResolution out =
      disputes_
          .Resolve(r.id, DisputeStatus::kRejected, "Có 12 báo cáo xác thực.", analyst_, "user:an")
          .value();
  EXPECT_EQ(out.dispute.status, DisputeStatus::kRejected);
  EXPECT_EQ(out.indicator, std::nullopt);
  EXPECT_EQ(GetIndicator(Kind::kPhone, "+84912345678").value(), before);
  EXPECT_EQ(Version(), version);

  ExpectError(
      disputes_.Resolve(r.id, DisputeStatus::kAccepted, "Đổi ý.", analyst_, "user:an").status(),
      base::StatusCode::kFailedPrecondition,
      "dispute status: cannot move from rejected to accepted");
  EXPECT_EQ(GetIndicator(Kind::kPhone, "+84912345678").value(), before);
  ExpectError(disputes_.Resolve(r.id, DisputeStatus::kOpen, "", analyst_, "user:an").status(),
              base::StatusCode::kInvalidArgument,
              "to: must be accepted or rejected\nresolution: must not be empty");
  ExpectError(
      disputes_.Resolve(r.id, DisputeStatus::kAccepted, std::string(2001, 'x'), analyst_, "user:an")
          .status(),
      base::StatusCode::kInvalidArgument, "resolution: must be at most 2000 bytes");
  ExpectError(
      disputes_.Resolve(42, DisputeStatus::kAccepted, "Đồng ý.", analyst_, "user:an").status(),
      base::StatusCode::kNotFound, "dispute 42: not found");
  EXPECT_THAT(AuditActions(),
              ElementsAre("public dispute.file dispute:1", "user:an dispute.resolve dispute:1"));
}

TEST_F(DisputesTest, ListFiltersByStatusNewestFirst) {
  const int64_t a = MustFile(Filing("phone", "0912000001")).id;
  const int64_t b = MustFile(Filing("phone", "0912000002")).id;
  const int64_t c = MustFile(Filing("phone", "0912000003")).id;
  ASSERT_TRUE(disputes_.Resolve(b, DisputeStatus::kAccepted, "Đúng.", analyst_, "user:an").ok());
  auto ids = [&](std::optional<DisputeStatus> status) {
    std::vector<int64_t> out;
    const store::Page<domain::Dispute> page = disputes_.List(status, {}).value();
    for (const domain::Dispute& d : page.items) out.push_back(d.id);
    return out;
  };
  EXPECT_THAT(ids(std::nullopt), ElementsAre(c, b, a));
  EXPECT_THAT(ids(DisputeStatus::kOpen), ElementsAre(c, a));
  EXPECT_THAT(ids(DisputeStatus::kAccepted), ElementsAre(b));
  EXPECT_THAT(ids(DisputeStatus::kRejected), ElementsAre());
  store::PageRequest first{.limit = 2, .after = ""};
  store::Page<domain::Dispute> page = disputes_.List(std::nullopt, first).value();
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(disputes_.List(std::nullopt, {.limit = 2, .after = page.next}).value().items[0].id, a);
  EXPECT_EQ(disputes_.List(std::nullopt, {.limit = 0, .after = ""}).status().code(),
            base::StatusCode::kInvalidArgument);
}

// ------------------------------------------------------------------------------------------
// Codes

TEST(DisputeCodesTest, MakeAndParseRoundTripWithTypingTolerance) {
  DisputeCodes codes{std::string(kCodeKey)};
  const std::string code = codes.Make(42);
  EXPECT_THAT(code, ::testing::MatchesRegex("KN-42-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"));
  EXPECT_EQ(codes.Make(42), code);  // deterministic
  EXPECT_NE(codes.Make(43).substr(6), code.substr(6));
  EXPECT_EQ(codes.Parse(code).value(), 42);
  EXPECT_EQ(codes.Parse("  " + base::AsciiLower(code) + " ").value(), 42);
  std::string no_dash = code.substr(0, 10) + code.substr(11);
  EXPECT_EQ(codes.Parse(no_dash).value(), 42);
  std::string spaced = "kn 42 " + code.substr(6);
  EXPECT_EQ(codes.Parse(spaced).value(), 42);
  // Another key, another id or a changed symbol: no such dispute.
  DisputeCodes other(std::string("another-key-of-sixteen-bytes"));
  EXPECT_EQ(other.Parse(code).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(codes.Parse("KN-43-" + code.substr(6)).status().code(), base::StatusCode::kNotFound);
  std::string changed = code;
  changed.back() = changed.back() == '0' ? '1' : '0';
  EXPECT_EQ(codes.Parse(changed).status().code(), base::StatusCode::kNotFound);
  for (std::string_view bad :
       {"", "KN", "KN-", "KN--7K3M-9QX2", "KN-0-7K3M-9QX2", "KN-42-7K3M-9QX", "KN-42-7K3M-9QX2Z",
        "KN-42-7K3U-9QX2", "XX-42-7K3M-9QX2", "KN-1234567890123456789-7K3M-9QX2"}) {
    EXPECT_EQ(codes.Parse(bad).status().code(), base::StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace binhyen::service

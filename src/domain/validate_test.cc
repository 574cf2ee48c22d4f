#include <gtest/gtest.h>

#include "domain/audit.h"
#include "domain/dispute.h"
#include "domain/indicator_record.h"
#include "domain/report.h"
#include "domain/unit.h"
#include "domain/user.h"
#include "domain/warning.h"

namespace binhyen::domain {
namespace {

Report GoodReport() {
  Report r;
  r.receipt_code = "BY-7K3M-9QX2";
  r.description = "Bị lừa";
  return r;
}

TEST(ValidateTest, ReportFieldsAreNamed) {
  EXPECT_TRUE(Validate(GoodReport()).ok());
  Report r = GoodReport();
  r.description = "";
  EXPECT_EQ(Validate(r), base::InvalidArgumentError("description: must not be empty"));
  r = GoodReport();
  r.description = std::string(kMaxDescriptionBytes + 1, 'x');
  EXPECT_EQ(Validate(r), base::InvalidArgumentError("description: must be at most 20000 bytes"));
  r = GoodReport();
  r.loss_vnd = -1;
  EXPECT_EQ(Validate(r), base::InvalidArgumentError("loss_vnd: must be >= 0"));
  r = GoodReport();
  r.receipt_code = "by-7k3m-9qx2";
  EXPECT_EQ(Validate(r), base::InvalidArgumentError("receipt_code: must look like BY-XXXX-XXXX"));
  r = GoodReport();
  r.contact_ciphertext = "";
  EXPECT_EQ(Validate(r).code(), base::StatusCode::kInvalidArgument);
  r = GoodReport();
  r.indicators = {{indicator::Kind::kPhone, "+84912345678", ""},
                  {indicator::Kind::kPhone, "+84912345678", "again"}};
  EXPECT_EQ(Validate(r), base::InvalidArgumentError("indicators: duplicate phone +84912345678"));
  r = GoodReport();
  r.evidence = {{std::string(64, 'a'), "", 1, ""}};
  EXPECT_EQ(Validate(r), base::InvalidArgumentError("evidence[0].media_type: must not be empty"));
  r.evidence = {{std::string(64, 'a'), "image/png", -1, ""}};
  EXPECT_EQ(Validate(r), base::InvalidArgumentError("evidence[0].size: must be >= 0"));
}

TEST(ValidateTest, PublicNoteIsBounded) {
  Report r = GoodReport();
  r.public_note = std::string(kMaxPublicNoteBytes, 'x');
  EXPECT_TRUE(Validate(r).ok());
  r.public_note.push_back('x');
  EXPECT_EQ(Validate(r), base::InvalidArgumentError("public_note: must be at most 2000 bytes"));
  // Fields the store owns are not checked.
  r = GoodReport();
  r.duplicate_of = -3;
  r.text_simhash = ~uint64_t{0};
  EXPECT_TRUE(Validate(r).ok());
}

TEST(ValidateTest, FailedLoginsAreNotNegative) {
  User u;
  u.name = "an";
  u.password_hash = "h";
  u.failed_logins = 0;
  u.locked_until = base::TimePoint(std::chrono::seconds(5));
  EXPECT_TRUE(Validate(u).ok());
  u.failed_logins = 7;
  EXPECT_TRUE(Validate(u).ok());
  u.failed_logins = -1;
  EXPECT_EQ(Validate(u), base::InvalidArgumentError("failed_logins: must be >= 0"));
}

TEST(UnitTest, KindNamesRoundTrip) {
  for (UnitKind k : {UnitKind::kWard, UnitKind::kCommune, UnitKind::kSchool, UnitKind::kAgency,
                     UnitKind::kBusiness, UnitKind::kOther}) {
    EXPECT_EQ(ParseUnitKind(Name(k)), k);
  }
  EXPECT_EQ(Name(UnitKind::kWard), "ward");
  EXPECT_EQ(Name(UnitKind::kBusiness), "business");
  EXPECT_EQ(ParseUnitKind("Ward"), std::nullopt);
  EXPECT_EQ(ParseUnitKind(""), std::nullopt);
}

TEST(UnitTest, ValidateNamesTheField) {
  Unit u{"pho-minh", "Phường Phổ Minh", UnitKind::kWard, "", {}};
  EXPECT_TRUE(Validate(u).ok());
  u.parent_code = "duc-pho_2";
  EXPECT_TRUE(Validate(u).ok());
  Unit bad = u;
  bad.code = "";
  EXPECT_EQ(Validate(bad), base::InvalidArgumentError("code: must not be empty"));
  bad.code = std::string(33, 'a');
  EXPECT_EQ(Validate(bad), base::InvalidArgumentError("code: must be at most 32 bytes"));
  bad.code = std::string(32, 'a');
  EXPECT_TRUE(Validate(bad).ok());
  bad.code = "Pho Minh";
  EXPECT_EQ(Validate(bad),
            base::InvalidArgumentError("code: only a-z, 0-9, '_' and '-' are allowed"));
  bad = u;
  bad.name = "";
  EXPECT_EQ(Validate(bad), base::InvalidArgumentError("name: must not be empty"));
  bad.name = std::string(201, 'x');
  EXPECT_EQ(Validate(bad), base::InvalidArgumentError("name: must be at most 200 bytes"));
  bad = u;
  bad.kind = static_cast<UnitKind>(99);
  EXPECT_EQ(Validate(bad), base::InvalidArgumentError("kind: unknown value"));
  bad = u;
  bad.parent_code = "ĐỨC";
  EXPECT_EQ(Validate(bad),
            base::InvalidArgumentError("parent_code: only a-z, 0-9, '_' and '-' are allowed"));
  bad.parent_code = u.code;
  EXPECT_EQ(Validate(bad),
            base::InvalidArgumentError("parent_code: a unit cannot be its own parent"));
}

TEST(ValidateTest, OtherAggregates) {
  IndicatorRecord rec;
  rec.canonical = "x.vn";
  rec.first_seen = base::TimePoint(std::chrono::seconds(10));
  rec.last_seen = base::TimePoint(std::chrono::seconds(5));
  EXPECT_EQ(Validate(rec), base::InvalidArgumentError("last_seen: must not be before first_seen"));
  rec.last_seen = rec.first_seen;
  rec.sources = {{"a", 1}, {"a", 2}};
  EXPECT_EQ(Validate(rec), base::InvalidArgumentError("sources: duplicate a"));

  Warning w{0, WarningKind::kWarning, "ok-slug", "t", "b", std::nullopt, {}, {}, {}};
  EXPECT_TRUE(Validate(w).ok());
  w.slug = "Bad";
  EXPECT_EQ(Validate(w), base::InvalidArgumentError("slug: only a-z, 0-9 and '-' are allowed"));

  User u;
  u.name = "an";
  EXPECT_EQ(Validate(u), base::InvalidArgumentError("password_hash: must not be empty"));
  u.password_hash = "h";
  EXPECT_TRUE(Validate(u).ok());
  u.name = "An";
  EXPECT_EQ(Validate(u).code(), base::StatusCode::kInvalidArgument);

  Session s{std::string(64, 'a'), 1, "short", {}, {}, {}};
  EXPECT_EQ(Validate(s),
            base::InvalidArgumentError("csrf_token_hash: must be 64 lower-case hex digits"));

  ApiToken t{0, 1, std::string(64, 'a'), {"a b"}, {}, std::nullopt, false};
  EXPECT_EQ(Validate(t).code(), base::StatusCode::kInvalidArgument);

  EXPECT_EQ(CheckResolution(DisputeStatus::kOpen, DisputeStatus::kOpen, "x").code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckResolution(DisputeStatus::kOpen, DisputeStatus::kRejected, "x").ok());
}

TEST(AuditTest, HashInputIsLengthPrefixedAndStable) {
  AuditEntry e{1,
               base::TimePoint(std::chrono::microseconds(1'700'000'000'123'456)),
               "user:7",
               "report.transition",
               "report:42",
               "received → triaging",
               std::string(kAuditGenesisHash),
               ""};
  EXPECT_EQ(AuditHashInput(e),
            "binhyen-audit-v1\n1:1\n16:1700000000123456\n6:user:7\n17:report.transition\n"
            "9:report:42\n21:received → triaging\n64:" +
                std::string(kAuditGenesisHash) + "\n");
  e.hash = ComputeAuditHash(e);
  EXPECT_EQ(e.hash.size(), 64u);
  EXPECT_TRUE(VerifyAuditLink(nullptr, e).ok());

  AuditEntry next{2, e.at, "cli", "user.add", "", "", e.hash, ""};
  next.hash = ComputeAuditHash(next);
  EXPECT_TRUE(VerifyAuditLink(&e, next).ok());
  AuditEntry forged = next;
  forged.summary = "x";
  EXPECT_EQ(VerifyAuditLink(&e, forged),
            base::InternalError("audit entry 2: hash does not match its contents"));
  AuditEntry relinked = next;
  relinked.prev_hash = std::string(64, 'f');
  EXPECT_EQ(
      VerifyAuditLink(&e, relinked),
      base::InternalError("audit entry 2: prev_hash does not match the previous entry's hash"));
  EXPECT_EQ(VerifyAuditLink(nullptr, next), base::InternalError("audit entry 2: expected seq 1"));
}

TEST(AuditTest, FieldsCannotAbsorbTheirNeighbours) {
  AuditEntry a{1, {}, "ab", "c", "", "", "", ""};
  AuditEntry b{1, {}, "a", "bc", "", "", "", ""};
  EXPECT_NE(AuditHashInput(a), AuditHashInput(b));
}

TEST(AuditTest, MicrosRoundTrip) {
  EXPECT_EQ(ToMicros(FromMicros(-5)), -5);
  EXPECT_EQ(ToMicros(base::TimePoint(std::chrono::nanoseconds(-1))), -1);
  EXPECT_EQ(ToMicros(base::TimePoint(std::chrono::nanoseconds(1999))), 1);
}

}  // namespace
}  // namespace binhyen::domain

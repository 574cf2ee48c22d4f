#include "service/submission_json.h"

#include <gtest/gtest.h>

#include <chrono>

namespace binhyen::service {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

base::TimePoint At(std::chrono::year_month_day date, std::chrono::microseconds time) {
  return std::chrono::time_point_cast<base::TimePoint::duration>(sys_days(date) + time);
}

TEST(ParseRfc3339Test, AcceptsZuluOffsetsAndFractions) {
  using std::chrono::November;
  const auto day = std::chrono::year(2026) / November / 20;
  EXPECT_EQ(ParseRfc3339("2026-11-20T08:30:00Z"), At(day, 8h + 30min));
  EXPECT_EQ(ParseRfc3339("2026-11-20t08:30:00z"), At(day, 8h + 30min));
  EXPECT_EQ(ParseRfc3339("2026-11-20 08:30:00Z"), At(day, 8h + 30min));
  EXPECT_EQ(ParseRfc3339("2026-11-20T08:30:00+07:00"), At(day, 1h + 30min));
  EXPECT_EQ(ParseRfc3339("2026-11-20T08:30:00-01:30"), At(day, 10h));
  EXPECT_EQ(ParseRfc3339("2026-11-20T08:30:00.25Z"), At(day, 8h + 30min + 250ms));
  EXPECT_EQ(ParseRfc3339("2026-11-20T08:30:00.123456789Z"),
            At(day, 8h + 30min + std::chrono::microseconds(123456)));
  EXPECT_EQ(ParseRfc3339("2026-11-20T00:30:00+07:00"),
            At(std::chrono::year(2026) / November / 19, 17h + 30min));
}

TEST(ParseRfc3339Test, RefusesMalformedOrImpossibleTimes) {
  for (const char* bad :
       {"", "2026-11-20", "2026-11-20T08:30:00", "2026-11-20T08:30Z", "2026-02-30T08:30:00Z",
        "2026-13-01T08:30:00Z", "2026-11-20T24:00:00Z", "2026-11-20T08:60:00Z",
        "2026-11-20T08:30:00.Z", "2026-11-20T08:30:00+0700", "2026-11-20T08:30:00+07:00x",
        "1969-12-31T23:59:59Z", "2201-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "2026-11-20X08:30:00Z", "２026-11-20T08:30:00Z", "hôm qua"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
}

TEST(DecodeSubmissionJsonTest, DecodesEveryField) {
  base::Result<ReportSubmission> s = DecodeSubmissionJson(
      R"({"category": "loan", "description": "Vay nhanh", "occurred_at": "2026-11-20T08:30:00Z",
          "loss_vnd": 2000000, "ward": "P03",
          "indicators": [{"kind": "phone", "value": "0912345678"}, {"value": "x.vn"}],
          "contact": {"name": "An", "phone": "0900000000"}})",
      domain::Channel::kApi);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->channel, domain::Channel::kApi);
  EXPECT_EQ(s->category, "loan");
  EXPECT_EQ(s->description, "Vay nhanh");
  EXPECT_EQ(s->occurred_at, ParseRfc3339("2026-11-20T08:30:00Z"));
  EXPECT_EQ(s->loss_vnd, 2000000);
  EXPECT_EQ(s->ward, "P03");
  ASSERT_EQ(s->indicators.size(), 2u);
  EXPECT_EQ(s->indicators[0].kind, "phone");
  EXPECT_EQ(s->indicators[0].value, "0912345678");
  EXPECT_EQ(s->indicators[1].kind, "");
  EXPECT_EQ(s->indicators[1].value, "x.vn");
  ASSERT_TRUE(s->contact.has_value());
  EXPECT_EQ(s->contact->name, "An");
  EXPECT_EQ(s->contact->phone, "0900000000");
  EXPECT_EQ(s->contact->email, "");
}

TEST(DecodeSubmissionJsonTest, AbsentOrNullContactIsAnonymous) {
  base::Result<ReportSubmission> s =
      DecodeSubmissionJson(R"({"category": "loan", "description": "x"})", domain::Channel::kCli);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->contact.has_value());
  EXPECT_EQ(s->loss_vnd, 0);
  EXPECT_FALSE(s->occurred_at.has_value());
  s = DecodeSubmissionJson(R"({"category": "loan", "description": "x", "contact": null})",
                           domain::Channel::kCli);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->contact.has_value());
}

TEST(DecodeSubmissionJsonTest, NamesTheBadField) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "input: not valid JSON (at byte 1)"},
      {"{\"category\": \"loan\", \"description\": \"\xff\"}", "input: not valid JSON (at byte 38)"},
      {"null", "input: must be a JSON object"},
      {R"({"description": "x"})", "category: is required"},
      {R"({"category": "loan"})", "description: is required"},
      {R"({"category": "loan", "description": ["x"]})", "description: must be a string"},
      {R"({"category": "loan", "description": "x", "extra": 1})", "extra: unknown field"},
      {R"({"category": "loan", "description": "x", "ward": 1})", "ward: must be a string"},
      {R"({"category": "loan", "description": "x", "loss_vnd": 1.5})",
       "loss_vnd: must be an integer (đồng)"},
      {R"({"category": "loan", "description": "x", "loss_vnd": 18446744073709551615})",
       "loss_vnd: must be between 0 and 10000000000000"},
      {R"({"category": "loan", "description": "x", "occurred_at": 5})",
       "occurred_at: must be a string"},
      {R"({"category": "loan", "description": "x", "occurred_at": "2026-11-20"})",
       "occurred_at: must be an RFC 3339 date-time, e.g. 2026-11-20T08:30:00+07:00"},
      {R"({"category": "loan", "description": "x", "indicators": "0912345678"})",
       "indicators: must be an array"},
      {R"({"category": "loan", "description": "x", "indicators": ["0912345678"]})",
       "indicators[0]: must be an object {\"kind\", \"value\"}"},
      {R"({"category": "loan", "description": "x", "indicators": [{"kind": "phone"}]})",
       "indicators[0].value: is required"},
      {R"({"category": "loan", "description": "x", "indicators": [{"kind": 1, "value": "a"}]})",
       "indicators[0].kind: must be a string"},
      {R"({"category": "loan", "description": "x", "indicators": [{"value": "a", "note": 1}]})",
       "indicators[0].note: unknown field"},
      {R"({"category": "loan", "description": "x", "contact": "An"})",
       "contact: must be an object or null"},
      {R"({"category": "loan", "description": "x", "contact": {"phone": 912}})",
       "contact.phone: must be a string"},
  };
  for (const auto& [input, message] : cases) {
    base::Result<ReportSubmission> s = DecodeSubmissionJson(input, domain::Channel::kCli);
    ASSERT_FALSE(s.ok()) << input;
    EXPECT_EQ(s.status().code(), base::StatusCode::kInvalidArgument) << input;
    EXPECT_EQ(s.status().message(), message) << input;
  }
  std::string big = R"({"category": "loan", "description": ")" + std::string(300'000, 'a') + "\"}";
  base::Result<ReportSubmission> s = DecodeSubmissionJson(big, domain::Channel::kCli);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "input: larger than 262144 bytes");
  // Deep nesting is refused by its field name, without exhausting the stack.
  std::string deep = R"({"category": "loan", "description": "x", "extra": )" +
                     std::string(100'000, '[') + std::string(100'000, ']') + "}";
  s = DecodeSubmissionJson(deep, domain::Channel::kCli);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "extra: unknown field");
  std::string many = R"({"category": "loan", "description": "x", "indicators": [)";
  for (int i = 0; i < 51; ++i) many += std::string(i ? "," : "") + R"({"value": "a"})";
  s = DecodeSubmissionJson(many + "]}", domain::Channel::kCli);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "indicators: at most 50 (got 51)");
}

}  // namespace
}  // namespace binhyen::service

namespace binhyen::service {
namespace {

TEST(DecodeSubmissionJsonKeys, UnknownFieldNamesAreShortAndOnOneLine) {
  auto r = DecodeSubmissionJson(R"({"category":"phishing","description":"x","x\ny":1})",
                                domain::Channel::kApi);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x?y: unknown field");
  auto long_key = DecodeSubmissionJson(
      "{\"" + std::string(5000, 'k') + "\":1,\"category\":\"spam\",\"description\":\"x\"}",
      domain::Channel::kApi);
  ASSERT_FALSE(long_key.ok());
  EXPECT_EQ(long_key.status().message(), std::string(64, 'k') + "...: unknown field");
}

}  // namespace
}  // namespace binhyen::service

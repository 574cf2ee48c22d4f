#include "api/body_decoders.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace binhyen::api {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// The lines of an InvalidArgument's message (one field error each).
std::vector<std::string> Lines(const base::Status& s) {
  EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument) << s.message();
  std::vector<std::string> lines;
  std::string line;
  for (char c : s.message()) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  lines.push_back(line);
  return lines;
}

TEST(BodyDecodersTest, ArticleTakesStringsAndAudiencesAndNamesEveryBadField) {
  auto ok = ArticleDraftFromJson(json::parse(
      R"({"title": "Cảnh giác", "body": "x", "category": "guide", "audiences": ["elderly"]})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->title, "Cảnh giác");
  EXPECT_EQ(ok->slug, "");
  EXPECT_EQ(ok->audiences, std::vector<std::string>{"elderly"});

  auto bad = ArticleDraftFromJson(json::parse(R"({"title": 1, "body": [], "audiences": [2]})"));
  EXPECT_THAT(Lines(bad.status()),
              ::testing::ElementsAre("title: must be a string", "body: must be a string",
                                     "audiences: must be names"));
  EXPECT_THAT(Lines(ArticleDraftFromJson(json::parse(R"({"audiences": "all"})")).status()),
              ::testing::ElementsAre("audiences: must be a list of audience names"));
}

TEST(BodyDecodersTest, CampaignAndTrainingShareUnitAndPeopleLists) {
  auto c = CampaignDraftFromJson(json::parse(
      R"({"title": "t", "deadline": "2026-12-01T08:00:00+07:00", "units": ["a"], "people": [3]})"));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(c->deadline.has_value());
  EXPECT_EQ(c->people, std::vector<int64_t>{3});

  // 2^63 does not fit an id; it is refused, not wrapped to a negative number.
  for (const char* people : {"[0]", "[-1]", "[9223372036854775808]", "[1.5]", "[\"1\"]", "1"}) {
    auto bad = CampaignDraftFromJson(json::parse(std::string(R"({"people": )") + people + "}"));
    EXPECT_THAT(Lines(bad.status()),
                ::testing::ElementsAre("people: must be an array of person ids"))
        << people;
  }
  auto t = TrainingDraftFromJson(json::parse(R"({"units": [1], "deadline_typo": 1})"));
  EXPECT_THAT(Lines(t.status()), ::testing::ElementsAre("starts_at: must be an RFC 3339 date-time",
                                                        "ends_at: must be an RFC 3339 date-time",
                                                        "units: must be an array of unit codes"));
}

TEST(BodyDecodersTest, TrainingNamesATimeOfTheWrongTypeOnce) {
  auto t = TrainingDraftFromJson(json::parse(
      R"({"starts_at": 5, "ends_at": "2026-12-01T10:00:00+07:00", "status": "done",
          "materials": [{"title": "a"}]})"));
  EXPECT_THAT(Lines(t.status()),
              ::testing::ElementsAre("starts_at: must be a string",
                                     "status: must be scheduled, held or cancelled",
                                     "materials: must be an array of {title, url}"));
  auto ok = TrainingDraftFromJson(json::parse(
      R"({"title": "t", "starts_at": "2026-12-01T08:00:00+07:00",
          "ends_at": "2026-12-01T10:00:00+07:00", "status": "held",
          "materials": [{"title": "a", "url": "http://x"}], "people": [1, 2]})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->status, domain::TrainingStatus::kHeld);
  ASSERT_EQ(ok->materials.size(), 1u);
  EXPECT_EQ(ok->materials[0].url, "http://x");
}

TEST(BodyDecodersTest, ChannelNeedsItsFourTextsAndBooleanFlags) {
  auto bad = ChannelInputFromJson(json::parse(R"({"kind": "website", "active": null})"));
  EXPECT_THAT(Lines(bad.status()),
              ::testing::ElementsAre("unit: required", "name: required", "url: required",
                                     "active: must be true or false"));
  auto ok = ChannelInputFromJson(json::parse(
      R"({"unit": "u", "kind": "zalo_group", "name": "n", "url": "https://zalo.me/g/x",
          "active": false, "webhook_auto": true})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_FALSE(ok->active);
  EXPECT_TRUE(ok->webhook_auto);
  EXPECT_FALSE(ok->rotate_secret);
}

TEST(BodyDecodersTest, ChannelFiguresAreWholeNumbersThatFit) {
  auto ok = ChannelFiguresFromJson(json::parse(
      R"({"month": "2026-11", "members": 120, "warnings_relayed": 4, "reports_received": 0})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->members, 120);
  auto bad = ChannelFiguresFromJson(json::parse(
      R"({"members": 1.5, "warnings_relayed": 18446744073709551615, "reports_received": "3"})"));
  EXPECT_THAT(
      Lines(bad.status()),
      ::testing::ElementsAre("month: required, as YYYY-MM", "members: required, a whole number",
                             "warnings_relayed: required, a whole number",
                             "reports_received: required, a whole number"));
}

TEST(BodyDecodersTest, DisputeContactIsAnObjectOfThreeTexts) {
  auto ok = DisputeFilingFromJson(json::parse(
      R"({"kind": "phone", "value": "0912345678", "reason": "số của tôi",
          "contact": {"name": "An", "phone": "0912345678"}})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  ASSERT_TRUE(ok->contact.has_value());
  EXPECT_EQ(ok->contact->name, "An");
  EXPECT_EQ(ok->contact->email, "");
  EXPECT_FALSE(DisputeFilingFromJson(json::parse(R"({"contact": null})"))->contact.has_value());

  // A client's member name comes back on one line, cut short.
  auto bad = DisputeFilingFromJson(json::parse(R"({"contact": {"email": 1, "x\ny": "", ")" +
                                               std::string(300, 'k') + R"(": 1}})"));
  std::vector<std::string> lines = Lines(bad.status());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].substr(0, 14), "contact.kkkkkk");
  EXPECT_LT(lines[0].size(), 100u);
  EXPECT_EQ(lines[1], "contact.x?y: unknown field");
  EXPECT_EQ(lines[2], "contact.email: must be a string");
}

TEST(BodyDecodersTest, DisputeResolutionIsAcceptedOrRejected) {
  auto ok = DisputeResolutionFromJson(json::parse(R"({"to": "accepted", "resolution": "ok"})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->to, domain::DisputeStatus::kAccepted);
  EXPECT_EQ(ok->resolution, "ok");
  EXPECT_THAT(Lines(DisputeResolutionFromJson(json::parse("{}")).status()),
              ::testing::ElementsAre("to: required"));
  EXPECT_THAT(Lines(DisputeResolutionFromJson(json::parse(R"({"to": "open"})")).status()),
              ::testing::ElementsAre("to: must be accepted or rejected"));
  EXPECT_THAT(Lines(DisputeResolutionFromJson(json::parse(R"({"to": 1})")).status()),
              ::testing::ElementsAre("to: must be a string"));
}

TEST(BodyDecodersTest, PersonAndPledgeNameEveryNonString) {
  EXPECT_THAT(Lines(PersonInputFromJson(json::parse(R"({"unit": 1, "email": true})")).status()),
              ::testing::ElementsAre("unit: must be a string", "email: must be a string"));
  auto pledge = PledgeFormFromJson(json::parse(R"({"name": "Lan", "unit": "thcs-a"})"));
  ASSERT_TRUE(pledge.ok()) << pledge.status().message();
  EXPECT_EQ(pledge->unit_code, "thcs-a");
  EXPECT_THAT(Lines(PledgeFormFromJson(json::parse(R"({"position": {}})")).status()),
              ::testing::ElementsAre("position: must be a string"));
}

TEST(BodyDecodersTest, QuizDraftAndAnswers) {
  auto draft = QuizDraftFromJson(json::parse(
      R"({"slug": "q", "pass_percent": 80, "opens_at": "",
          "questions": [{"text": "?", "options": ["a", "b"], "correct": 1},
                        "no", {"options": ["a", 2], "correct": 9223372036854775807}]})"));
  EXPECT_THAT(Lines(draft.status()),
              ::testing::ElementsAre("questions[2]: must be an object",
                                     "questions[3].options: must be an array of 2 to 6 strings"));
  auto ok = QuizDraftFromJson(
      json::parse(R"({"questions": [{"text": "?", "options": ["a", "b"], "correct": 12345}]})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->pass_percent, 70);
  EXPECT_EQ(ok->questions[0].correct, 100);  // out of range, kept out of range for the service
  EXPECT_THAT(
      Lines(QuizDraftFromJson(json::parse(R"({"pass_percent": 101, "questions": []})")).status()),
      ::testing::ElementsAre("pass_percent: must be from 0 to 100"));

  auto answers = QuizAnswersFromJson(json::parse(R"({"answers": [0, null, -7], "unit": "u"})"));
  ASSERT_TRUE(answers.ok()) << answers.status().message();
  EXPECT_EQ(answers->chosen, (std::vector<std::optional<int>>{0, std::nullopt, -1}));
  EXPECT_EQ(answers->unit_code, "u");
  EXPECT_THAT(Lines(QuizAnswersFromJson(json::parse(R"({"answers": [0.5], "unit": 3})")).status()),
              ::testing::ElementsAre(
                  "answers: must be an array with one option index (or null) per question",
                  "unit: must be a unit code"));
}

TEST(BodyDecodersTest, AttendanceIsAPositivePersonId) {
  EXPECT_EQ(*AttendancePersonFromJson(json::parse(R"({"person_id": 7})")), 7);
  for (const char* body : {"{}", R"({"person_id": 0})", R"({"person_id": "7"})",
                           R"({"person_id": 18446744073709551615})"}) {
    EXPECT_THAT(AttendancePersonFromJson(json::parse(body)).status().message(),
                HasSubstr("person_id: must be a person id"))
        << body;
  }
}

TEST(BodyDecodersTest, AssigneeNoteAndEraseReason) {
  EXPECT_EQ(*AssigneeFromJson(json::parse(R"({"assignee": "me"})")), "me");
  EXPECT_EQ(*AssigneeFromJson(json::parse(R"({"assignee": null})")), std::nullopt);
  EXPECT_THAT(Lines(AssigneeFromJson(json::parse("{}")).status()),
              ::testing::ElementsAre("assignee: required (a user name, \"me\" or null)"));
  EXPECT_THAT(Lines(AssigneeFromJson(json::parse(R"({"assignee": 4})")).status()),
              ::testing::ElementsAre("assignee: must be a string"));

  EXPECT_EQ(*PublicNoteFromJson(json::parse(R"({"public_note": ""})")), "");
  EXPECT_THAT(Lines(PublicNoteFromJson(json::parse(R"({"public_note": null})")).status()),
              ::testing::ElementsAre("public_note: required"));
  EXPECT_EQ(*EraseReasonFromJson(json::parse(R"({"reason": "hết hạn"})")), "hết hạn");
  EXPECT_THAT(Lines(EraseReasonFromJson(json::parse(R"({"reason": []})")).status()),
              ::testing::ElementsAre("reason: must be a string"));
}

TEST(BodyDecodersTest, TransitionNamesUnknownValuesOnOneLine) {
  auto ok = TransitionFromJson(json::parse(
      R"({"to": "confirmed", "severity": "high", "category": "investment", "public_note": "",
          "duplicate_of": null})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->to, domain::ReportStatus::kConfirmed);
  EXPECT_EQ(ok->public_note, "");  // an empty note is a note (it clears the shown one)
  EXPECT_FALSE(ok->duplicate_of.has_value());
  EXPECT_FALSE(TransitionFromJson(json::parse(R"({"to": "triaging"})"))->public_note.has_value());

  auto bad = TransitionFromJson(
      json::parse(R"({"to": 3, "severity": "very\nhigh", "category": null, "duplicate_of": -2})"));
  EXPECT_THAT(
      Lines(bad.status()),
      ::testing::ElementsAre("to: must be a string", "severity: unknown severity 'very?high'",
                             "duplicate_of: must be a positive integer"));
  EXPECT_THAT(Lines(TransitionFromJson(json::parse("{}")).status()),
              ::testing::ElementsAre("to: required"));
}

}  // namespace
}  // namespace binhyen::api

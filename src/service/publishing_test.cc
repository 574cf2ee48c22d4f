#include "service/publishing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/receipt.h"
#include "service/check_explanation.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using domain::Category;
using domain::ReportStatus;
using domain::WarningKind;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr std::string_view kActor = "user:an";

class PublishingTest : public ::testing::Test {
 protected:
  WarningDraft Draft(const std::string& title, bool publish = false) {
    WarningDraft d;
    d.kind = WarningKind::kWarning;
    d.title = title;
    d.body = "Nội dung **cảnh báo**.";
    d.category = Category::kLoan;
    d.indicators = {{Kind::kPhone, "+84912345678"}};
    d.publish = publish;
    return d;
  }
  int64_t CreateReport(std::vector<domain::ReportIndicator> indicators) {
    domain::Report r;
    r.receipt_code = domain::MakeReceiptCode({0, 0, 0, 0, static_cast<uint8_t>(++receipts_)});
    r.category = Category::kFakePolice;
    r.description = "Tôi là Nguyễn Văn A, số nhà 12, bị gọi điện giả công an";
    r.contact_ciphertext = "opaque";
    r.indicators = std::move(indicators);
    r.created_at = clock_.Now();
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    auto key = tx->Reports().Create(r);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return key.ok() ? key->id : 0;
  }
  void Move(int64_t id, ReportStatus to) {
    store::StatusChange change;
    change.to = to;
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->Reports().Transition(id, change, clock_.Now()).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  std::vector<domain::AuditEntry> Audit() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Audit().List(0, 100).value();
  }
  domain::Warning Stored(int64_t id) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Warnings().Get(id).value();
  }

  testing::TempSqliteStore store_{"publishing_test"};
  base::FakeClock clock_;
  Publishing publishing_{*store_, clock_};
  int receipts_ = 0;
};

TEST(SlugFromTitleTest, FoldsVietnameseAndKeepsLettersAndDigits) {
  EXPECT_EQ(SlugFromTitle("Cảnh báo: Vay tiền nhanh 24/7!"), "canh-bao-vay-tien-nhanh-24-7");
  EXPECT_EQ(SlugFromTitle("  Đà Nẵng -- ĐƯỜNG DÂY   lừa đảo  "), "da-nang-duong-day-lua-dao");
  EXPECT_EQ(SlugFromTitle("!!! ??? "), "canh-bao");
  EXPECT_EQ(SlugFromTitle(""), "canh-bao");
}

TEST(SlugFromTitleTest, LongTitlesAreCutAtAWordWithinTheLimit) {
  std::string title;
  for (int i = 0; i < 30; ++i) title += "lừa đảo ";  // "lua-dao-" repeated
  const std::string slug = SlugFromTitle(title);
  EXPECT_LE(slug.size(), kMaxSlugBytes);
  EXPECT_EQ(slug.size(), 79u);  // ten "lua-dao" joined by '-'
  EXPECT_EQ(slug.substr(slug.size() - 7), "lua-dao");
  EXPECT_EQ(SlugFromTitle(std::string(100, 'a')), std::string(80, 'a'));
}

TEST_F(PublishingTest, CreateMakesAUniqueSlugAndAuditsIt) {
  auto draft = publishing_.Create(Draft("Cảnh báo: Vay tiền nhanh"), kActor);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  EXPECT_EQ(draft->slug, "canh-bao-vay-tien-nhanh");
  EXPECT_EQ(draft->published_at, std::nullopt);
  EXPECT_EQ(draft->category, Category::kLoan);
  EXPECT_EQ(draft->created_at, clock_.Now());
  EXPECT_EQ(Stored(draft->id), *draft);

  clock_.Advance(std::chrono::seconds(5));
  auto second = publishing_.Create(Draft("Cảnh báo: vay tiền NHANH", true), kActor);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->slug, "canh-bao-vay-tien-nhanh-2");
  EXPECT_EQ(second->published_at, clock_.Now());
  auto third = publishing_.Create(Draft("Cảnh báo vay tiền nhanh"), kActor);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->slug, "canh-bao-vay-tien-nhanh-3");

  const std::vector<domain::AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].actor, kActor);
  EXPECT_EQ(audit[0].action, "warning.create");
  EXPECT_EQ(audit[0].target, "warning:" + std::to_string(draft->id));
  EXPECT_EQ(audit[0].summary, "warning canh-bao-vay-tien-nhanh (draft)");
  EXPECT_EQ(audit[1].summary, "warning canh-bao-vay-tien-nhanh-2 (published)");
}

TEST_F(PublishingTest, InvalidDraftsNameTheFieldAndWriteNothing) {
  WarningDraft d = Draft("Tiêu đề");
  d.title = "   ";
  EXPECT_EQ(publishing_.Create(d, kActor).status(),
            base::InvalidArgumentError("title: must not be empty"));
  d = Draft("Tiêu đề");
  d.body = "";
  EXPECT_EQ(publishing_.Create(d, kActor).status(),
            base::InvalidArgumentError("body: must not be empty"));
  d = Draft(std::string(301, 'x'));
  EXPECT_EQ(publishing_.Create(d, kActor).status(),
            base::InvalidArgumentError("title: must be at most 300 bytes"));
  d = Draft("Tiêu đề");
  d.indicators.push_back(d.indicators.front());
  EXPECT_EQ(publishing_.Create(d, kActor).status(),
            base::InvalidArgumentError("indicators: duplicate phone +84912345678"));
  d = Draft("Tiêu đề");
  d.report_id = 99;
  EXPECT_EQ(publishing_.Create(d, kActor).status(),
            base::InvalidArgumentError("report_id: no report 99"));
  EXPECT_EQ(publishing_.Create(Draft("Tiêu đề"), "").status(),
            base::InvalidArgumentError("actor: must not be empty"));
  EXPECT_THAT(Audit(), IsEmpty());
}

TEST_F(PublishingTest, UpdateKeepsTheSlugAndTheFirstPublicationTime) {
  auto created = publishing_.Create(Draft("Bản nháp"), kActor);
  ASSERT_TRUE(created.ok());
  clock_.Advance(std::chrono::minutes(1));
  const base::TimePoint published = clock_.Now();
  WarningDraft edited = Draft("Tiêu đề mới hẳn", true);
  edited.kind = WarningKind::kClarification;
  edited.category = std::nullopt;
  edited.indicators = {};
  auto updated = publishing_.Update(created->id, edited, kActor);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->slug, "ban-nhap");
  EXPECT_EQ(updated->title, "Tiêu đề mới hẳn");
  EXPECT_EQ(updated->kind, WarningKind::kClarification);
  EXPECT_EQ(updated->category, std::nullopt);
  EXPECT_THAT(updated->indicators, IsEmpty());
  EXPECT_EQ(updated->published_at, published);
  EXPECT_EQ(updated->created_at, created->created_at);
  EXPECT_EQ(Stored(created->id), *updated);

  clock_.Advance(std::chrono::minutes(1));
  auto again = publishing_.Update(created->id, edited, kActor);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->published_at, published);
  edited.publish = false;
  auto hidden = publishing_.Update(created->id, edited, kActor);
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(hidden->published_at, std::nullopt);

  EXPECT_EQ(publishing_.Update(999, edited, kActor).status(),
            base::NotFoundError("warning 999: not found"));
  const std::vector<domain::AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 4u);
  EXPECT_EQ(audit[1].action, "warning.update");
  EXPECT_EQ(audit[1].summary, "clarification ban-nhap (published)");
  EXPECT_EQ(audit[3].summary, "clarification ban-nhap (draft)");
}

TEST_F(PublishingTest, PublishAndUnpublishAreAuditedOnlyWhenTheyChangeSomething) {
  auto created = publishing_.Create(Draft("Cảnh báo"), kActor);
  ASSERT_TRUE(created.ok());
  clock_.Advance(std::chrono::hours(1));
  auto published = publishing_.Publish(created->id, "user:binh");
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->published_at, clock_.Now());
  EXPECT_EQ(published->updated_at, clock_.Now());
  clock_.Advance(std::chrono::hours(1));
  auto twice = publishing_.Publish(created->id, "user:binh");
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->published_at, published->published_at);
  auto hidden = publishing_.Unpublish(created->id, "user:binh");
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(hidden->published_at, std::nullopt);
  EXPECT_EQ(Stored(created->id), *hidden);
  ASSERT_TRUE(publishing_.Unpublish(created->id, "user:binh").ok());
  EXPECT_EQ(publishing_.Publish(42, "user:binh").status(),
            base::NotFoundError("warning 42: not found"));

  std::vector<std::string> actions;
  for (const auto& e : Audit()) actions.push_back(e.action + " " + e.actor + " " + e.summary);
  EXPECT_THAT(actions, ElementsAre("warning.create user:an warning canh-bao (draft)",
                                   "warning.publish user:binh canh-bao",
                                   "warning.unpublish user:binh canh-bao"));
}

TEST_F(PublishingTest, DraftFromAConfirmedReportListsItsIndicatorsButNotItsDescription) {
  const int64_t id = CreateReport({{Kind::kPhone, "+84987654321", "0987 654 321"},
                                   {Kind::kUrl, "http://bocongan-gov.top/a`b", ""}});
  EXPECT_EQ(publishing_.DraftFromReport(id).status(),
            base::FailedPreconditionError(
                "report " + std::to_string(id) +
                ": only a confirmed report can become a warning (status received)"));
  Move(id, ReportStatus::kTriaging);
  Move(id, ReportStatus::kConfirmed);
  EXPECT_EQ(publishing_.DraftFromReport(id + 1).status(),
            base::NotFoundError("report " + std::to_string(id + 1) + ": not found"));

  auto draft = publishing_.DraftFromReport(id);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  EXPECT_EQ(draft->title,
            "Cảnh báo: " + std::string(CategoryLabelVi("fake_police")) + " – +84987654321");
  EXPECT_EQ(draft->kind, WarningKind::kWarning);
  EXPECT_EQ(draft->category, Category::kFakePolice);
  EXPECT_EQ(draft->report_id, id);
  EXPECT_FALSE(draft->publish);
  EXPECT_THAT(draft->indicators,
              ElementsAre(domain::WarningIndicator{Kind::kPhone, "+84987654321"},
                          domain::WarningIndicator{Kind::kUrl, "http://bocongan-gov.top/a`b"}));
  EXPECT_THAT(draft->body, HasSubstr("- Số điện thoại: `+84987654321`\n"));
  EXPECT_THAT(draft->body, HasSubstr("- Đường dẫn: `http://bocongan-gov.top/a%60b`\n"));
  EXPECT_THAT(draft->body, HasSubstr("**Lời khuyên:** Công an, viện kiểm sát"));
  EXPECT_THAT(draft->body, Not(HasSubstr("Nguyễn Văn A")));
  EXPECT_THAT(draft->body, Not(HasSubstr("0987 654 321")));

  auto created = publishing_.Create(*draft, kActor);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->report_id, id);
}

}  // namespace
}  // namespace binhyen::service

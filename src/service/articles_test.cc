#include "service/articles.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crypto/random.h"
#include "service/pledges.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using std::chrono::hours;
using ::testing::ElementsAre;

crypto::SigningKey Key(uint64_t seed) {
  crypto::FakeRandom random(seed);
  return crypto::SigningKey::Generate(random);
}

// Articles and pledges over a fresh SQLite store: a town with a ward, a school in the ward and
// a second ward; one known person in the school; a programme admin and a member.
class ContentTest : public ::testing::Test {
 protected:
  ContentTest() : ack_(Key(3), clock_), links_(ack_) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, parent] : std::vector<std::pair<std::string, std::string>>{
             {"town", ""}, {"p1", "town"}, {"s1", "p1"}, {"p2", "town"}}) {
      EXPECT_TRUE(
          tx->Units()
              .Create({code, "Đơn vị " + code, domain::UnitKind::kWard, parent, clock_.Now()})
              .ok());
    }
    domain::User u;
    u.name = "pa";
    u.password_hash = "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    u.role = domain::Role::kProgrammeAdmin;
    u.created_at = clock_.Now();
    admin_.user_id = tx->Users().Create(u).value();
    admin_.name = "pa";
    admin_.role = domain::Role::kProgrammeAdmin;
    member_ = admin_;
    member_.role = domain::Role::kMember;
    domain::Person p;
    p.unit_code = "s1";
    p.name = "Nguyễn Văn An";
    p.position = "Giáo viên";
    p.created_at = clock_.Now();
    person_ = tx->People().Create(p).value();
    EXPECT_TRUE(tx->Commit().ok());
  }

  ArticleDraft Draft(std::string title, std::string category = "scam-alert") {
    return ArticleDraft{"",
                        std::move(title),
                        "  Tóm tắt  ",
                        "Nội dung **đậm**",
                        std::move(category),
                        {"students", "elderly"}};
  }

  std::vector<std::string> AuditActions() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    std::vector<std::string> out;
    const std::vector<domain::AuditEntry> entries = tx->Audit().List(0, 100).value();
    for (const domain::AuditEntry& e : entries) out.push_back(e.action);
    return out;
  }

  testing::TempSqliteStore store_{"content_test"};
  base::FakeClock clock_{base::TimePoint(std::chrono::seconds(1'795'000'000))};
  AckLinks ack_;
  PledgeLinks links_;
  Articles articles_{*store_, clock_};
  Pledges pledges_{*store_, clock_, &links_};
  Principal admin_, member_;
  int64_t person_ = 0;
};

TEST_F(ContentTest, SlugsComeFromTitles) {
  EXPECT_EQ(ArticleSlugFromTitle("Cảnh giác: cuộc gọi giả danh Công an!"),
            "canh-giac-cuoc-goi-gia-danh-cong-an");
  EXPECT_EQ(ArticleSlugFromTitle("Đức Phổ 2026"), "duc-pho-2026");
  EXPECT_EQ(ArticleSlugFromTitle("!!!"), "bai-viet");
  EXPECT_EQ(ArticleSlugFromTitle(std::string(200, 'a')).size(), 80u);
}

TEST_F(ContentTest, CreateReportsEveryWrongFieldAtOnce) {
  ArticleDraft d{"Có Dấu", "", "", "", "gossip", {"aliens"}};
  base::Status s = articles_.Create(d, admin_).status();
  EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "slug: use only a-z, 0-9 and '-' (at most 120)\ntitle: must not be empty\nbody: must "
            "not be empty\ncategory: choose a category\naudiences: unknown audience");
  d = Draft("T");
  d.audiences = {};
  EXPECT_EQ(articles_.Create(d, admin_).status().message(), "audiences: choose at least one");
  EXPECT_EQ(articles_.Create(Draft("T"), member_).status().code(),
            base::StatusCode::kPermissionDenied);
  EXPECT_TRUE(AuditActions().empty());
}

TEST_F(ContentTest, DraftsStayPrivateUntilPublished) {
  domain::Article a = articles_.Create(Draft("Cuộc gọi giả danh"), admin_).value();
  EXPECT_EQ(a.slug, "cuoc-goi-gia-danh");
  EXPECT_EQ(a.summary, "Tóm tắt");
  EXPECT_THAT(a.audiences, ElementsAre(domain::Audience::kStudents, domain::Audience::kElderly));
  EXPECT_EQ(a.status, domain::ArticleStatus::kDraft);
  EXPECT_EQ(articles_.GetPublished(a.slug).status().code(), base::StatusCode::kNotFound);
  EXPECT_TRUE(articles_.ListPublished({}, {10, ""}).value().items.empty());
  EXPECT_EQ(articles_.ListAll({}, {10, ""}, admin_).value().items.size(), 1u);
  EXPECT_EQ(articles_.ListAll({}, {10, ""}, member_).status().code(),
            base::StatusCode::kPermissionDenied);

  clock_.Advance(hours(1));
  domain::Article published = articles_.Publish(a.slug, admin_).value();
  EXPECT_EQ(published.published_at, clock_.Now());
  EXPECT_EQ(articles_.Publish(a.slug, admin_).value(), published);  // idempotent, no new entry
  EXPECT_EQ(articles_.GetPublished(a.slug).value(), published);
  ArticleDraft edit = Draft("Cuộc gọi giả danh công an", "law");
  edit.slug = a.slug;
  domain::Article updated = articles_.Update(a.slug, edit, admin_).value();
  EXPECT_EQ(updated.status, domain::ArticleStatus::kPublished);  // status kept
  EXPECT_EQ(updated.category, domain::ArticleCategory::kLaw);
  EXPECT_EQ(articles_.Unpublish(a.slug, admin_).value().published_at, std::nullopt);
  EXPECT_EQ(articles_.GetPublished(a.slug).status().code(), base::StatusCode::kNotFound);
  EXPECT_THAT(AuditActions(), ElementsAre("article.create", "article.publish", "article.update",
                                          "article.unpublish"));
}

TEST_F(ContentTest, PledgesNeedAPublishedCodeOfConduct) {
  EXPECT_EQ(pledges_.Sign({"An", "p1", ""}).status().message(),
            "code of conduct: not published yet");
  domain::Article code =
      articles_.Create(Draft("Quy tắc ứng xử", "code-of-conduct"), admin_).value();
  articles_.Publish(code.slug, admin_).value();
  EXPECT_EQ(pledges_.Sign({" ", "", std::string(201, 'x')}).status().message(),
            "name: must not be empty\nunit_code: choose your unit\nposition: must be at most 200 "
            "bytes");
  EXPECT_EQ(pledges_.Sign({"An", "nowhere", ""}).status().message(), "unit_code: choose your unit");
  domain::Pledge p = pledges_.Sign({"  Trần Thị Bình ", "s1", "Học sinh"}).value();
  EXPECT_EQ(p.name, "Trần Thị Bình");
  EXPECT_EQ(p.article_id, code.id);
  EXPECT_EQ(p.via, domain::PledgeVia::kForm);
  ASSERT_TRUE(pledges_.Sign({"Lê C", "p2", ""}).ok());
  EXPECT_EQ(pledges_.Current().value().second, 2);

  PledgeSummary summary = pledges_.Summary(admin_).value();
  EXPECT_EQ(summary.total, 2);
  std::vector<std::tuple<std::string, int, int64_t, int64_t>> rows;
  for (const UnitPledges& u : summary.units)
    rows.emplace_back(u.unit_code, u.depth, u.direct, u.total);
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("town", 0, 0, 2), std::make_tuple("p1", 1, 0, 1),
                                std::make_tuple("s1", 2, 1, 1), std::make_tuple("p2", 1, 1, 1)));
  EXPECT_EQ(pledges_.Summary(member_).status().code(), base::StatusCode::kPermissionDenied);
}

TEST_F(ContentTest, PersonalLinksSignOncePerVersion) {
  domain::Article code =
      articles_.Create(Draft("Quy tắc ứng xử", "code-of-conduct"), admin_).value();
  articles_.Publish(code.slug, admin_).value();
  std::vector<PersonalPledgeLink> links = pledges_.Links("s1", admin_).value();
  ASSERT_EQ(links.size(), 1u);
  EXPECT_FALSE(links[0].signed_current);
  const std::string token = links[0].path.substr(kPledgePathPrefix.size());
  LinkPledgePage page = pledges_.ForLink(token).value();
  EXPECT_EQ(page.person_name, "Nguyễn Văn An");
  EXPECT_EQ(page.unit_name, "Đơn vị s1");
  EXPECT_FALSE(page.pledge.has_value());
  clock_.Advance(hours(2));
  domain::Pledge first = pledges_.SignByLink(token).value();
  EXPECT_EQ(first.person_id, person_);
  EXPECT_EQ(first.position, "Giáo viên");
  clock_.Advance(hours(2));
  EXPECT_EQ(pledges_.SignByLink(token).value(), first);  // the first pledge is kept
  EXPECT_TRUE(pledges_.Links("s1", admin_).value()[0].signed_current);
  // A campaign's acknowledgement link is not a pledge link, and links expire.
  const std::string campaign = ack_.Issue({5, person_, clock_.Now() + hours(1)});
  EXPECT_EQ(pledges_.ForLink(campaign).status().message(), "token: not a pledge link");
  clock_.Advance(PledgeLinks::kValidity);
  EXPECT_EQ(pledges_.ForLink(token).status().message(), "token: expired");
  EXPECT_THAT(AuditActions(), ElementsAre("article.create", "article.publish", "pledge.links",
                                          "pledge.sign", "pledge.links"));
}

TEST_F(ContentTest, PledgeLinksOfPeopleWhoLeftNoLongerActButTheirPledgeStays) {
  domain::Article code =
      articles_.Create(Draft("Quy tắc ứng xử", "code-of-conduct"), admin_).value();
  articles_.Publish(code.slug, admin_).value();
  const std::string token =
      pledges_.Links("s1", admin_).value()[0].path.substr(kPledgePathPrefix.size());
  domain::Pledge first = pledges_.SignByLink(token).value();
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->ProgrammeConsole().MarkPersonLeft(person_, clock_.Now()).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  const base::Status left = base::FailedPreconditionError(std::string(domain::kPersonLeftMessage));
  EXPECT_EQ(pledges_.ForLink(token).status(), left);
  EXPECT_EQ(pledges_.SignByLink(token).status(), left);
  EXPECT_TRUE(pledges_.Links("s1", admin_).value().empty());
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  auto kept = tx->Pledges().FindByPerson(code.id, person_).value();
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(*kept, first);  // the pledge keeps their name and unit
}

}  // namespace
}  // namespace binhyen::service

// Conformance of the programme's content (migration 0007): ArticleRepository and
// PledgeRepository. Every test runs against SQLite and, when BINHYEN_TEST_POSTGRES_URL is set,
// PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::ArticleCategory;
using domain::ArticleStatus;
using domain::Audience;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ContentConformance : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto tx = Begin();
    for (auto [code, parent] : std::vector<std::pair<std::string, std::string>>{
             {"town", ""}, {"p1", "town"}, {"p2", "town"}}) {
      domain::Unit u{code, "Đơn vị " + code, domain::UnitKind::kWard, parent, T(0)};
      ASSERT_TRUE(tx->Units().Create(u).ok()) << code;
    }
    auto user = tx->Users().Create(MakeUser("pa", domain::Role::kProgrammeAdmin));
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    user_ = *user;
    domain::Person person;
    person.unit_code = "p1";
    person.name = "Nguyễn Văn A";
    person.created_at = T(0);
    auto pid = tx->People().Create(person);
    ASSERT_TRUE(pid.ok());
    person_ = *pid;
    ASSERT_TRUE(tx->Commit().ok());
  }

  domain::Article Make(std::string slug, ArticleCategory category, std::vector<Audience> audiences,
                       std::optional<int64_t> published) {
    domain::Article a;
    a.slug = std::move(slug);
    a.title = "Cảnh giác <cuộc gọi> giả danh công an";
    a.summary = "Tóm tắt";
    a.body = "# Nội dung\n\n**Đừng** chuyển tiền.";
    a.category = category;
    a.audiences = std::move(audiences);
    a.author_id = user_;
    a.created_at = T(10);
    a.updated_at = T(published.value_or(10));
    if (published) {
      a.status = ArticleStatus::kPublished;
      a.published_at = T(*published);
    }
    return a;
  }

  int64_t Add(const domain::Article& a) {
    auto tx = Begin();
    auto id = tx->Articles().Create(a);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }

  std::vector<std::string> Slugs(const ArticleFilter& filter, int limit = 50,
                                 std::string* next = nullptr, std::string after = "") {
    auto tx = Begin(TxMode::kReadOnly);
    auto page = tx->Articles().List(filter, PageRequest{limit, after});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> out;
    if (!page.ok()) return out;
    for (const auto& a : page->items) out.push_back(a.slug);
    if (next != nullptr) *next = page->next;
    return out;
  }

  int64_t user_ = 0;
  int64_t person_ = 0;
};

TEST_P(ContentConformance, ArticleRoundTripsBySlugAndId) {
  domain::Article a = Make("goi-gia-danh", ArticleCategory::kScamAlert,
                           {Audience::kStudents, Audience::kElderly}, 20);
  a.id = Add(a);
  auto tx = Begin(TxMode::kReadOnly);
  auto by_id = tx->Articles().Get(a.id);
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  EXPECT_EQ(*by_id, a);
  auto by_slug = tx->Articles().GetBySlug("goi-gia-danh");
  ASSERT_TRUE(by_slug.ok());
  EXPECT_EQ(*by_slug, a);
  EXPECT_EQ(tx->Articles().Get(404).status().message(), "article 404: not found");
  EXPECT_EQ(tx->Articles().GetBySlug("khong-co").status().message(),
            "article 'khong-co': not found");
}

TEST_P(ContentConformance, ArticleCreateAndUpdateCheckInput) {
  const int64_t id = Add(Make("mot", ArticleCategory::kLaw, {Audience::kOfficials}, std::nullopt));
  Add(Make("hai", ArticleCategory::kLaw, {Audience::kOfficials}, std::nullopt));
  auto tx = Begin();
  auto dup = tx->Articles().Create(Make("mot", ArticleCategory::kLaw, {Audience::kOfficials}, {}));
  EXPECT_EQ(dup.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().message(), "slug: already exists");
  domain::Article bad = Make("Có Dấu", ArticleCategory::kLaw, {Audience::kOfficials}, {});
  EXPECT_EQ(tx->Articles().Create(bad).status().message(),
            "slug: only a-z, 0-9 and '-' are allowed");
  domain::Article none = Make("ba", ArticleCategory::kLaw, {}, {});
  EXPECT_EQ(tx->Articles().Create(none).status().message(), "audiences: choose at least one");
  domain::Article ghost = Make("bon", ArticleCategory::kLaw, {Audience::kOfficials}, {});
  ghost.author_id = 999;
  EXPECT_EQ(tx->Articles().Create(ghost).status().code(), base::StatusCode::kNotFound);
  // Update: publish, change slug; a taken slug and a missing id are refused.
  domain::Article changed = Make("mot-moi", ArticleCategory::kGuidance,
                                 {Audience::kOfficials, Audience::kBusinesses}, 50);
  changed.id = id;
  ASSERT_TRUE(tx->Articles().Update(changed).ok());
  domain::Article taken = changed;
  taken.slug = "hai";
  EXPECT_EQ(tx->Articles().Update(taken).message(), "slug: already exists");
  taken.id = 999;
  taken.slug = "nam";
  EXPECT_EQ(tx->Articles().Update(taken).message(), "article 999: not found");
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Articles().Get(id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, changed);
  EXPECT_EQ(read->Articles().Update(changed).message(), "transaction: read-only");
}

TEST_P(ContentConformance, ListPublishedFiltersAndPagesNeverShowingDrafts) {
  Add(Make("a", ArticleCategory::kScamAlert, {Audience::kElderly}, 30));
  Add(Make("b", ArticleCategory::kLaw, {Audience::kOfficials, Audience::kElderly}, 40));
  Add(Make("draft", ArticleCategory::kScamAlert, {Audience::kElderly}, std::nullopt));
  Add(Make("c", ArticleCategory::kScamAlert, {Audience::kStudents}, 40));
  ArticleFilter all;
  EXPECT_THAT(Slugs(all), ElementsAre("c", "b", "a"));
  ArticleFilter scam;
  scam.category = ArticleCategory::kScamAlert;
  EXPECT_THAT(Slugs(scam), ElementsAre("c", "a"));
  ArticleFilter elderly;
  elderly.audience = Audience::kElderly;
  EXPECT_THAT(Slugs(elderly), ElementsAre("b", "a"));
  elderly.category = ArticleCategory::kLaw;
  EXPECT_THAT(Slugs(elderly), ElementsAre("b"));
  ArticleFilter business;
  business.audience = Audience::kBusinesses;
  EXPECT_THAT(Slugs(business), IsEmpty());
  std::string next;
  EXPECT_THAT(Slugs(all, 2, &next), ElementsAre("c", "b"));
  ASSERT_FALSE(next.empty());
  std::string last;
  EXPECT_THAT(Slugs(all, 2, &last, next), ElementsAre("a"));
  EXPECT_EQ(last, "");
  // The console's list: drafts too, most recently updated first.
  ArticleFilter console;
  console.published_only = false;
  EXPECT_THAT(Slugs(console), ElementsAre("c", "b", "a", "draft"));
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Articles().List(all, PageRequest{0, ""}).status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST_P(ContentConformance, PledgesCountPerUnitAndOncePerPerson) {
  const int64_t code = Add(Make("quy-tac", ArticleCategory::kCodeOfConduct,
                                {Audience::kOfficials, Audience::kStudents}, 20));
  auto tx = Begin();
  auto pledge = [&](std::string unit, std::optional<int64_t> person) {
    domain::Pledge p;
    p.article_id = code;
    p.name = "Trần Thị <B>";
    p.unit_code = std::move(unit);
    p.position = "Giáo viên";
    p.person_id = person;
    p.via = person ? domain::PledgeVia::kLink : domain::PledgeVia::kForm;
    p.signed_at = T(30);
    return p;
  };
  auto first = tx->Pledges().Create(pledge("p1", std::nullopt));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(tx->Pledges().Create(pledge("p2", std::nullopt)).ok());
  auto linked = tx->Pledges().Create(pledge("p1", person_));
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  auto again = tx->Pledges().Create(pledge("p1", person_));
  EXPECT_EQ(again.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().message(), "person_id: already signed");
  EXPECT_EQ(tx->Pledges().Create(pledge("nowhere", std::nullopt)).status().message(),
            "unit 'nowhere': not found");
  domain::Pledge orphan = pledge("p1", std::nullopt);
  orphan.article_id = 999;
  EXPECT_EQ(tx->Pledges().Create(orphan).status().message(), "article 999: not found");
  domain::Pledge empty = pledge("p1", std::nullopt);
  empty.name = "";
  EXPECT_EQ(tx->Pledges().Create(empty).status().message(), "name: must not be empty");
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  auto counts = read->Pledges().CountByUnit(code);
  ASSERT_TRUE(counts.ok());
  EXPECT_THAT(*counts, ElementsAre(UnitPledgeCount{"p1", 2}, UnitPledgeCount{"p2", 1}));
  auto found = read->Pledges().FindByPerson(code, person_);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  domain::Pledge expected = pledge("p1", person_);
  expected.id = *linked;
  EXPECT_EQ(**found, expected);
  auto page = read->Pledges().List(code, PageRequest{2, ""});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, *linked);
  auto rest = read->Pledges().List(code, PageRequest{2, page->next});
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].id, *first);
  EXPECT_EQ(rest->next, "");
  auto nobody = read->Pledges().FindByPerson(code + 1, person_);
  ASSERT_TRUE(nobody.ok());
  EXPECT_FALSE(nobody->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, ContentConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing

// Conformance of the report triage and account additions of schema version 2 (migration 0002):
// new categories, duplicates, public notes, counts by status, list filters by assignee and
// text, near duplicates by simhash, sign-in lockout fields and units. Every test runs against
// SQLite and, when BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::ReportStatus;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class TriageConformance : public StoreTest {
 protected:
  int64_t CreateReport(const domain::Report& r) {
    auto tx = Begin();
    auto key = tx->Reports().Create(r);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return key.ok() ? key->id : 0;
  }
  int64_t CreateUser(const std::string& name) {
    auto tx = Begin();
    auto id = tx->Users().Create(MakeUser(name));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }
  domain::Report Get(int64_t id) {
    auto tx = Begin(TxMode::kReadOnly);
    auto r = tx->Reports().Get(id);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.value_or(domain::Report{});
  }
  // Ids of every page of List(filter) with pages of `page_size`.
  std::vector<int64_t> ListAll(const ReportFilter& filter, int page_size) {
    auto tx = Begin(TxMode::kReadOnly);
    std::vector<int64_t> ids;
    PageRequest page{page_size, ""};
    for (int pages = 0; pages < 100; ++pages) {
      auto got = tx->Reports().List(filter, page);
      EXPECT_TRUE(got.ok()) << got.status().ToString();
      if (!got.ok()) break;
      EXPECT_LE(got->items.size(), static_cast<size_t>(page_size));
      for (const auto& r : got->items) ids.push_back(r.id);
      if (got->next.empty()) break;
      page.after = got->next;
    }
    return ids;
  }
};

StatusChange Duplicate(int64_t of) {
  StatusChange change = To(ReportStatus::kDuplicate);
  change.duplicate_of = of;
  return change;
}

// ---------------------------------------------------------------------------------------------
// Categories and the new report fields

TEST_P(TriageConformance, NewCategoriesAreStoredInReportsAndIndicators) {
  const std::vector<domain::Category> added = {
      domain::Category::kScamCall, domain::Category::kBankFraud, domain::Category::kFakeAccount,
      domain::Category::kMalware, domain::Category::kExtortion};
  uint64_t n = 1;
  for (domain::Category category : added) {
    domain::Report r = MakeReport(n++);
    r.category = category;
    const int64_t id = CreateReport(r);
    EXPECT_EQ(Get(id).category, category) << domain::Name(category);
  }
  auto tx = Begin();
  domain::IndicatorRecord record;
  record.kind = indicator::Kind::kPhone;
  record.canonical = "+84912345678";
  record.category = domain::Category::kScamCall;
  record.first_seen = record.last_seen = T(0);
  auto upserted = tx->Indicators().Upsert(record);
  ASSERT_TRUE(upserted.ok()) << upserted.status().ToString();
  EXPECT_EQ(upserted->category, domain::Category::kScamCall);
  ASSERT_TRUE(tx->Commit().ok());
}

TEST_P(TriageConformance, PublicNoteAndSimhashRoundTripAndDuplicateOfIsIgnoredByCreate) {
  domain::Report r = MakeReport(1);
  r.public_note = "Công an phường đã tiếp nhận";
  r.text_simhash = 0xfedc'ba98'7654'3210;  // top bit set: stored as a negative integer
  r.duplicate_of = 77;
  const int64_t id = CreateReport(r);
  domain::Report plain = MakeReport(2);
  const int64_t plain_id = CreateReport(plain);

  domain::Report got = Get(id);
  EXPECT_EQ(got.public_note, "Công an phường đã tiếp nhận");
  EXPECT_EQ(got.text_simhash, 0xfedc'ba98'7654'3210u);
  EXPECT_EQ(got.duplicate_of, std::nullopt);
  EXPECT_EQ(got.status, ReportStatus::kReceived);
  domain::Report got_plain = Get(plain_id);
  EXPECT_EQ(got_plain.public_note, "");
  EXPECT_EQ(got_plain.text_simhash, std::nullopt);

  auto tx = Begin(TxMode::kReadOnly);
  auto page = tx->Reports().List({}, {10, ""});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0], got_plain);
  EXPECT_EQ(page->items[1], got);
  EXPECT_EQ(*tx->Reports().GetByReceipt(r.receipt_code), got);
}

TEST_P(TriageConformance, TooLongPublicNoteIsRefusedByCreate) {
  domain::Report r = MakeReport(1);
  r.public_note = std::string(domain::kMaxPublicNoteBytes + 1, 'x');
  auto tx = Begin();
  EXPECT_EQ(tx->Reports().Create(r).status(),
            base::InvalidArgumentError("public_note: must be at most 2000 bytes"));
  r.public_note.pop_back();
  EXPECT_TRUE(tx->Reports().Create(r).ok());
  ASSERT_TRUE(tx->Commit().ok());
}

// ---------------------------------------------------------------------------------------------
// Transition with duplicates and notes

TEST_P(TriageConformance, MarkingADuplicateSetsDuplicateOfAndLinksBoth) {
  const int64_t original = CreateReport(MakeReport(1));
  const int64_t copy = CreateReport(MakeReport(2));
  auto tx = Begin();
  StatusChange change = Duplicate(original);
  change.public_note = "Trùng với báo cáo trước";
  auto marked = tx->Reports().Transition(copy, change, T(50));
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(marked->status, ReportStatus::kDuplicate);
  EXPECT_EQ(marked->duplicate_of, original);
  EXPECT_EQ(marked->public_note, "Trùng với báo cáo trước");
  EXPECT_THAT(marked->linked_report_ids, ElementsAre(original));
  EXPECT_EQ(marked->updated_at, T(50));
  ASSERT_TRUE(tx->Commit().ok());

  EXPECT_EQ(Get(copy), *marked);
  const domain::Report orig = Get(original);
  EXPECT_THAT(orig.linked_report_ids, ElementsAre(copy));
  EXPECT_EQ(orig.updated_at, T(50));
  EXPECT_EQ(orig.duplicate_of, std::nullopt);

  // Reopening clears duplicate_of, keeps the link and the note unless a new one is given.
  tx = Begin();
  auto reopened = tx->Reports().Transition(copy, To(ReportStatus::kTriaging), T(60));
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(reopened->duplicate_of, std::nullopt);
  EXPECT_EQ(reopened->public_note, "Trùng với báo cáo trước");
  EXPECT_THAT(reopened->linked_report_ids, ElementsAre(original));
  StatusChange confirm = To(ReportStatus::kConfirmed);
  confirm.public_note = "";
  auto confirmed = tx->Reports().Transition(copy, confirm, T(70));
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ(confirmed->public_note, "");
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(Get(copy), *confirmed);
}

TEST_P(TriageConformance, TransitionErrorsAreNamedAndHaveNoEffect) {
  const int64_t a = CreateReport(MakeReport(1));
  const int64_t b = CreateReport(MakeReport(2));
  const int64_t c = CreateReport(MakeReport(3));
  const domain::Report before = Get(a);
  auto tx = Begin();
  auto& reports = tx->Reports();
  EXPECT_EQ(reports.Transition(a, To(ReportStatus::kDuplicate), T(9)).status(),
            base::InvalidArgumentError("duplicate_of: required when marking a duplicate"));
  EXPECT_EQ(reports.Transition(a, Duplicate(a), T(9)).status(),
            base::InvalidArgumentError("duplicate_of: a report cannot duplicate itself"));
  EXPECT_EQ(reports.Transition(a, Duplicate(999), T(9)).status(),
            base::NotFoundError("report 999: not found"));
  StatusChange triage_with_original = To(ReportStatus::kTriaging);
  triage_with_original.duplicate_of = b;
  EXPECT_EQ(reports.Transition(a, triage_with_original, T(9)).status(),
            base::InvalidArgumentError("duplicate_of: only allowed when marking a duplicate"));
  StatusChange long_note = To(ReportStatus::kTriaging);
  long_note.public_note = std::string(domain::kMaxPublicNoteBytes + 1, 'x');
  EXPECT_EQ(reports.Transition(a, long_note, T(9)).status(),
            base::InvalidArgumentError("public_note: must be at most 2000 bytes"));
  EXPECT_EQ(reports.Transition(a, To(ReportStatus::kConfirmed), T(9)).status(),
            base::FailedPreconditionError("status: cannot move from received to confirmed"));
  EXPECT_EQ(reports.Transition(777, To(ReportStatus::kTriaging), T(9)).status(),
            base::NotFoundError("report 777: not found"));
  // A duplicate cannot be the original of another one.
  ASSERT_TRUE(reports.Transition(b, Duplicate(c), T(10)).ok());
  EXPECT_EQ(reports.Transition(a, Duplicate(b), T(11)).status(),
            base::FailedPreconditionError("duplicate_of: report " + std::to_string(b) +
                                          " is itself a duplicate of " + std::to_string(c)));
  ASSERT_TRUE(tx->Commit().ok());  // the failures left the transaction usable
  EXPECT_EQ(Get(a), before);
  EXPECT_EQ(Get(b).duplicate_of, c);

  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Reports().Transition(a, To(ReportStatus::kTriaging), T(12)).status(),
            base::FailedPreconditionError("transaction: read-only"));
}

TEST_P(TriageConformance, SetPublicNote) {
  const int64_t id = CreateReport(MakeReport(1));
  auto tx = Begin();
  ASSERT_TRUE(tx->Reports().SetPublicNote(id, "Đang xác minh", T(30)).ok());
  EXPECT_EQ(tx->Reports().SetPublicNote(id, std::string(2001, 'x'), T(31)),
            base::InvalidArgumentError("public_note: must be at most 2000 bytes"));
  EXPECT_EQ(tx->Reports().SetPublicNote(404, "x", T(31)),
            base::NotFoundError("report 404: not found"));
  ASSERT_TRUE(tx->Commit().ok());
  const domain::Report got = Get(id);
  EXPECT_EQ(got.public_note, "Đang xác minh");
  EXPECT_EQ(got.updated_at, T(30));
  tx = Begin();
  ASSERT_TRUE(tx->Reports().SetPublicNote(id, std::string(2000, 'y'), T(40)).ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(Get(id).public_note, std::string(2000, 'y'));
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Reports().SetPublicNote(id, "", T(50)),
            base::FailedPreconditionError("transaction: read-only"));
}

TEST_P(TriageConformance, CountByStatusListsEveryStatusInEnumOrder) {
  using Counts = std::vector<std::pair<ReportStatus, int64_t>>;
  {
    auto tx = Begin(TxMode::kReadOnly);
    EXPECT_EQ(tx->Reports().CountByStatus().value(), (Counts{{ReportStatus::kReceived, 0},
                                                             {ReportStatus::kTriaging, 0},
                                                             {ReportStatus::kConfirmed, 0},
                                                             {ReportStatus::kRejected, 0},
                                                             {ReportStatus::kDuplicate, 0}}));
  }
  for (int i = 1; i <= 6; ++i) CreateReport(MakeReport(i));
  auto tx = Begin();
  ASSERT_TRUE(tx->Reports().Transition(1, To(ReportStatus::kTriaging), T(1)).ok());
  ASSERT_TRUE(tx->Reports().Transition(2, To(ReportStatus::kTriaging), T(1)).ok());
  ASSERT_TRUE(tx->Reports().Transition(2, To(ReportStatus::kConfirmed), T(2)).ok());
  ASSERT_TRUE(tx->Reports().Transition(3, Duplicate(2), T(2)).ok());
  EXPECT_EQ(tx->Reports().CountByStatus().value(), (Counts{{ReportStatus::kReceived, 3},
                                                           {ReportStatus::kTriaging, 1},
                                                           {ReportStatus::kConfirmed, 1},
                                                           {ReportStatus::kRejected, 0},
                                                           {ReportStatus::kDuplicate, 1}}));
}

// ---------------------------------------------------------------------------------------------
// List by assignee and text

TEST_P(TriageConformance, ListByAssigneeAndTextWithTheOtherFiltersAndPagination) {
  const int64_t ana = CreateUser("ana");
  const int64_t binh = CreateUser("binh");
  const std::vector<std::string> texts = {"Tin nhắn Zalo mời vay tiền", "lua dao chuyen khoan",
                                          "Trúng thưởng xe máy", "Cuộc gọi lừa đảo giả công an"};
  for (int i = 1; i <= 24; ++i) {
    domain::Report r = MakeReport(i, texts[i % 4]);
    r.ward = i % 3 == 0 ? "P03" : "P01";
    CreateReport(r);
  }
  {
    auto tx = Begin();
    for (int64_t id = 1; id <= 24; ++id) {
      if (id % 2 == 0) {
        ASSERT_TRUE(tx->Reports().Assign(id, ana, T(100)).ok());
      }
      if (id % 5 == 0) {
        ASSERT_TRUE(tx->Reports().Assign(id, binh, T(100)).ok());
      }
    }
    ASSERT_TRUE(tx->Reports().Transition(8, To(ReportStatus::kTriaging), T(101)).ok());
    ASSERT_TRUE(tx->Reports().Transition(12, To(ReportStatus::kTriaging), T(101)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  // texts[1] and texts[3] ("lua dao" after folding) are reports 1, 3, 5, ..., 23.
  ReportFilter text;
  text.text = "lừa đảo";
  EXPECT_THAT(ListAll(text, 5), ElementsAre(23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1));
  ReportFilter mine;
  mine.assignee_user_id = ana;  // even ids except the multiples of 10 (reassigned to binh)
  EXPECT_THAT(ListAll(mine, 4), ElementsAre(24, 22, 18, 16, 14, 12, 8, 6, 4, 2));
  ReportFilter theirs;
  theirs.assignee_user_id = binh;
  EXPECT_THAT(ListAll(theirs, 1), ElementsAre(20, 15, 10, 5));
  ReportFilter both;
  both.assignee_user_id = binh;
  both.text = "LUA dao";
  EXPECT_THAT(ListAll(both, 1), ElementsAre(15, 5));
  ReportFilter zalo;
  zalo.text = "zalo";  // texts[0]: ids 4, 8, ..., 24
  zalo.ward = "P03";
  EXPECT_THAT(ListAll(zalo, 2), ElementsAre(24, 12));
  zalo.status = ReportStatus::kTriaging;
  EXPECT_THAT(ListAll(zalo, 2), ElementsAre(12));
  zalo.ward.reset();
  zalo.assignee_user_id = ana;
  EXPECT_THAT(ListAll(zalo, 2), ElementsAre(12, 8));
  ReportFilter window;
  window.text = "trung thuong";  // texts[2]: ids 2, 6, 10, ...
  window.created_from = T(6);
  window.created_to = T(18);
  EXPECT_THAT(ListAll(window, 10), ElementsAre(14, 10, 6));
  ReportFilter nobody;
  nobody.assignee_user_id = 999;
  EXPECT_THAT(ListAll(nobody, 10), IsEmpty());
  ReportFilter no_words;
  no_words.text = " ?! ";
  EXPECT_THAT(ListAll(no_words, 10), IsEmpty());
  ReportFilter partial;
  partial.text = "lu";  // whole words only
  EXPECT_THAT(ListAll(partial, 10), IsEmpty());
  ReportFilter syntax;
  syntax.text = "\"lua\" OR NEAR(";
  EXPECT_THAT(ListAll(syntax, 10), IsEmpty());

  auto tx = Begin(TxMode::kReadOnly);
  auto first = tx->Reports().List(text, {3, ""});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->next, "19");
  ASSERT_EQ(first->items.size(), 3u);
  EXPECT_EQ(first->items[0].description, texts[3]);
  EXPECT_EQ(tx->Reports().List(text, {0, ""}).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  EXPECT_EQ(tx->Reports().List(no_words, {10, "x"}).status(),
            base::InvalidArgumentError("after: invalid cursor"));
}

// ---------------------------------------------------------------------------------------------
// Near duplicates

TEST_P(TriageConformance, FindNearDuplicatesIsExactWithinThreeBits) {
  constexpr uint64_t kHash = 0x8123'4567'89ab'cdef;
  const auto with_hash = [&](uint64_t n, std::optional<uint64_t> h) {
    domain::Report r = MakeReport(n);
    r.text_simhash = h;
    return CreateReport(r);
  };
  const int64_t same = with_hash(1, kHash);
  const int64_t one_bit = with_hash(2, kHash ^ (uint64_t{1} << 63));
  // Three bits in three different bands: only band 3 still agrees.
  const int64_t three_bits = with_hash(3, kHash ^ 0x0000'0001'0001'0001);
  // Four bits, one per band: no band agrees, and the distance is 4 anyway.
  const int64_t four_bits = with_hash(4, kHash ^ 0x0001'0001'0001'0001);
  // Three bits in one band: three bands agree.
  const int64_t same_band = with_hash(5, kHash ^ 0x0000'0000'0000'0007);
  with_hash(6, std::nullopt);
  const int64_t far = with_hash(7, ~kHash);
  (void)four_bits;
  (void)far;

  auto tx = Begin(TxMode::kReadOnly);
  auto& reports = tx->Reports();
  EXPECT_THAT(reports.FindNearDuplicates(kHash, 3, 10).value(),
              ElementsAre(NearDuplicate{same_band, 3}, NearDuplicate{three_bits, 3},
                          NearDuplicate{one_bit, 1}, NearDuplicate{same, 0}));
  EXPECT_THAT(reports.FindNearDuplicates(kHash, 1, 10).value(),
              ElementsAre(NearDuplicate{one_bit, 1}, NearDuplicate{same, 0}));
  EXPECT_THAT(reports.FindNearDuplicates(kHash, 0, 10).value(),
              ElementsAre(NearDuplicate{same, 0}));
  EXPECT_THAT(reports.FindNearDuplicates(kHash, 3, 2).value(),
              ElementsAre(NearDuplicate{same_band, 3}, NearDuplicate{three_bits, 3}));
  EXPECT_THAT(reports.FindNearDuplicates(~kHash, 0, 10).value(),
              ElementsAre(NearDuplicate{far, 0}));
  EXPECT_THAT(reports.FindNearDuplicates(0x1111'2222'3333'4444, 3, 10).value(), IsEmpty());
  EXPECT_EQ(reports.FindNearDuplicates(kHash, 4, 10).status(),
            base::InvalidArgumentError("max_distance: must be in 0..3"));
  EXPECT_EQ(reports.FindNearDuplicates(kHash, -1, 10).status(),
            base::InvalidArgumentError("max_distance: must be in 0..3"));
  EXPECT_EQ(reports.FindNearDuplicates(kHash, 3, 0).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  EXPECT_EQ(reports.FindNearDuplicates(kHash, 3, 1001).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
}

TEST_P(TriageConformance, FindNearDuplicatesSeesWhatTheTransactionSees) {
  constexpr uint64_t kHash = 0x0f0f'0f0f'1234'5678;
  domain::Report r = MakeReport(1);
  r.text_simhash = kHash;
  const int64_t first = CreateReport(r);

  // A snapshot taken now does not see a report committed later, even after another transaction
  // has looked it up.
  auto old_snapshot = Begin(TxMode::kReadOnly);
  ASSERT_THAT(old_snapshot->Reports().FindNearDuplicates(kHash, 0, 10).value(),
              ElementsAre(NearDuplicate{first, 0}));
  r = MakeReport(2);
  r.text_simhash = kHash ^ 1;
  const int64_t second = CreateReport(r);
  EXPECT_THAT(Begin(TxMode::kReadOnly)->Reports().FindNearDuplicates(kHash, 1, 10).value(),
              ElementsAre(NearDuplicate{second, 1}, NearDuplicate{first, 0}));
  EXPECT_THAT(old_snapshot->Reports().FindNearDuplicates(kHash, 1, 10).value(),
              ElementsAre(NearDuplicate{first, 0}));

  // A writer sees its own report before committing; once rolled back, nobody does, and a
  // report created afterwards is found.
  {
    auto tx = Begin();
    r = MakeReport(3);
    r.text_simhash = kHash ^ 2;
    const int64_t rolled_back = tx->Reports().Create(r).value().id;
    EXPECT_THAT(tx->Reports().FindNearDuplicates(kHash, 1, 10).value(),
                ElementsAre(NearDuplicate{rolled_back, 1}, NearDuplicate{second, 1},
                            NearDuplicate{first, 0}));
  }
  r = MakeReport(4);
  r.text_simhash = kHash ^ 4;
  const int64_t fourth = CreateReport(r);
  EXPECT_THAT(
      Begin(TxMode::kReadOnly)->Reports().FindNearDuplicates(kHash, 1, 10).value(),
      ElementsAre(NearDuplicate{fourth, 1}, NearDuplicate{second, 1}, NearDuplicate{first, 0}));

  // A campaign of identical texts: the newest `limit`, however many there are.
  std::vector<int64_t> campaign;
  for (int n = 10; n < 40; ++n) {
    r = MakeReport(n);
    r.text_simhash = ~kHash;
    campaign.push_back(CreateReport(r));
  }
  const auto found = Begin(TxMode::kReadOnly)->Reports().FindNearDuplicates(~kHash, 3, 5).value();
  ASSERT_EQ(found.size(), 5u);
  for (size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i], (NearDuplicate{campaign[campaign.size() - 1 - i], 0}));
  }
}

// ---------------------------------------------------------------------------------------------
// Users: sign-in lockout

TEST_P(TriageConformance, UserFailedLoginsAndLockRoundTrip) {
  domain::User u = MakeUser("lan");
  u.failed_logins = 2;
  auto tx = Begin();
  auto id = tx->Users().Create(u);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  u.id = *id;
  EXPECT_EQ(tx->Users().Get(*id).value(), u);
  u.failed_logins = 5;
  u.locked_until = T(900);
  ASSERT_TRUE(tx->Users().Update(u).ok());
  EXPECT_EQ(tx->Users().Get(*id).value(), u);
  EXPECT_EQ(tx->Users().GetByName("lan").value(), u);
  domain::User bad = u;
  bad.failed_logins = -1;
  EXPECT_EQ(tx->Users().Update(bad), base::InvalidArgumentError("failed_logins: must be >= 0"));
  ASSERT_TRUE(tx->Commit().ok());
  tx = Begin();
  u.failed_logins = 0;
  u.locked_until.reset();
  ASSERT_TRUE(tx->Users().Update(u).ok());
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Users().Get(*id).value(), u);
  EXPECT_EQ(read->Users().List().value(), std::vector<domain::User>{u});
}

// ---------------------------------------------------------------------------------------------
// Units

domain::Unit MakeUnit(std::string code, domain::UnitKind kind, std::string parent = "") {
  const base::TimePoint created(std::chrono::seconds(1'700'000'000));
  std::string name = "Đơn vị " + code;
  return {std::move(code), std::move(name), kind, std::move(parent), created};
}

TEST_P(TriageConformance, UnitsCreateGetListUpdate) {
  using domain::UnitKind;
  const domain::Unit ward = MakeUnit("pho-minh", UnitKind::kWard);
  const domain::Unit school = MakeUnit("thpt_so-1", UnitKind::kSchool, "pho-minh");
  const domain::Unit commune = MakeUnit("duc-pho", UnitKind::kCommune);
  auto tx = Begin();
  auto& units = tx->Units();
  ASSERT_TRUE(units.Create(ward).ok());
  ASSERT_TRUE(units.Create(school).ok());
  ASSERT_TRUE(units.Create(commune).ok());
  EXPECT_EQ(units.Create(ward), base::AlreadyExistsError("code: already exists"));
  EXPECT_EQ(units.Create(MakeUnit("x", UnitKind::kAgency, "nope")),
            base::NotFoundError("unit 'nope': not found"));
  EXPECT_EQ(units.Create(MakeUnit("", UnitKind::kAgency)),
            base::InvalidArgumentError("code: must not be empty"));
  EXPECT_EQ(units.Get("thpt_so-1").value(), school);
  EXPECT_EQ(units.Get("x").status(), base::NotFoundError("unit 'x': not found"));
  EXPECT_EQ(units.List().value(), (std::vector<domain::Unit>{commune, ward, school}));

  domain::Unit moved = school;
  moved.name = "Trường THPT số 1";
  moved.kind = UnitKind::kAgency;
  moved.parent_code = "duc-pho";
  moved.created_at = T(999);  // kept
  ASSERT_TRUE(units.Update(moved).ok());
  moved.created_at = T(0);
  EXPECT_EQ(units.Get("thpt_so-1").value(), moved);
  domain::Unit orphan = moved;
  orphan.parent_code = "";
  ASSERT_TRUE(units.Update(orphan).ok());
  EXPECT_EQ(units.Get("thpt_so-1").value(), orphan);
  EXPECT_EQ(units.Update(MakeUnit("ghost", UnitKind::kWard)),
            base::NotFoundError("unit 'ghost': not found"));
  EXPECT_EQ(units.Update(MakeUnit("pho-minh", UnitKind::kWard, "ghost")),
            base::NotFoundError("unit 'ghost': not found"));
  // pho-minh → duc-pho, then duc-pho → pho-minh would close a cycle.
  ASSERT_TRUE(units.Update(MakeUnit("pho-minh", UnitKind::kWard, "duc-pho")).ok());
  EXPECT_EQ(units.Update(MakeUnit("duc-pho", UnitKind::kCommune, "pho-minh")),
            base::InvalidArgumentError("parent_code: pho-minh is inside unit duc-pho"));
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Units().Get("duc-pho").value(), commune);
  EXPECT_EQ(read->Units().Create(MakeUnit("y", UnitKind::kOther)),
            base::FailedPreconditionError("transaction: read-only"));
}

INSTANTIATE_TEST_SUITE_P(Backends, TriageConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing

#include "service/people.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using ::testing::ElementsAre;

std::array<uint8_t, crypto::SecretBox::kKeyBytes> TestKey() {
  std::array<uint8_t, crypto::SecretBox::kKeyBytes> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 5 + 3);
  return key;
}

Principal Caller(domain::Role role, std::string unit = "") {
  Principal p;
  p.user_id = 1;
  p.name = "nguoi";
  p.role = role;
  p.unit = std::move(unit);
  return p;
}

// People over a fresh SQLite store: town ─┬─ pho-minh ── thcs-pm
//                                         └─ nghia-lo
class PeopleTest : public ::testing::Test {
 protected:
  PeopleTest() : box_(crypto::SecretBox::FromKey(TestKey())), people_(*store_, box_, clock_) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, name, parent] :
         std::vector<std::array<std::string, 3>>{{"town", "Thị xã Đức Phổ", ""},
                                                 {"pho-minh", "Phường Phổ Minh", "town"},
                                                 {"nghia-lo", "Phường Nghĩa Lộ", "town"},
                                                 {"thcs-pm", "Trường THCS Phổ Minh", "pho-minh"}}) {
      EXPECT_TRUE(
          tx->Units().Create({code, name, domain::UnitKind::kWard, parent, clock_.Now()}).ok());
    }
    EXPECT_TRUE(tx->Commit().ok());
  }

  int64_t AuditCount() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    auto last = tx->Audit().Last().value();
    return last ? last->seq : 0;
  }

  std::vector<std::string> Names(const std::vector<PersonView>& v) {
    std::vector<std::string> out;
    for (const PersonView& p : v) out.push_back(p.name);
    return out;
  }

  testing::TempSqliteStore store_{"people_test"};
  base::FakeClock clock_{base::TimePoint(std::chrono::seconds(1'795'000'000))};
  crypto::SecretBox box_;
  People people_;
  const Principal admin_ = Caller(domain::Role::kProgrammeAdmin);
};

constexpr std::string_view kGoodCsv =
    "\xEF\xBB\xBFHọ tên,Chức vụ,Đơn vị,Số điện thoại,Email\r\n"
    "Nguyễn Văn An,Tổ trưởng,pho-minh,0905 123 456,an@example.vn\r\n"
    "\"Trần, Thị Bình\",\"Giáo viên \"\"chủ nhiệm\"\"\",Trường THCS Phổ Minh,,\r\n"
    "\r\n"
    "Lê Văn Cường,,nghia-lo,+84912345678,\n";

TEST_F(PeopleTest, ImportsAGoodFileWithVietnameseHeadersAndEncryptsContacts) {
  base::Result<ImportReport> report = people_.ImportCsv(admin_, kGoodCsv);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows, 3);
  EXPECT_EQ(report->imported, 3);
  EXPECT_TRUE(report->errors.empty());
  auto listed = people_.List(admin_, std::nullopt, store::PeopleStatus::kActive);
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(Names(*listed), ElementsAre("Nguyễn Văn An", "Trần, Thị Bình", "Lê Văn Cường"));
  const PersonView& an = (*listed)[0];
  EXPECT_EQ(an.unit_code, "pho-minh");
  EXPECT_EQ(an.unit_name, "Phường Phổ Minh");
  EXPECT_EQ(an.position, "Tổ trưởng");
  EXPECT_EQ(an.phone, "+84905123456");
  EXPECT_EQ(an.email, "an@example.vn");
  EXPECT_EQ((*listed)[1].unit_code, "thcs-pm");  // by name
  EXPECT_EQ((*listed)[1].position, "Giáo viên \"chủ nhiệm\"");
  EXPECT_EQ((*listed)[1].phone, std::nullopt);
  // Stored encrypted, never in clear.
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  domain::Person stored = tx->People().Get(an.id).value();
  ASSERT_TRUE(stored.phone_ciphertext.has_value());
  EXPECT_EQ(stored.phone_ciphertext->find("905123456"), std::string::npos);
  EXPECT_EQ(box_.Decrypt(*stored.phone_ciphertext).value(), "+84905123456");
  auto last = tx->Audit().Last().value();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->action, "people.import");
  EXPECT_EQ(last->summary, "3 people imported");
}

TEST_F(PeopleTest, ABadFileImportsNothingAndNamesEveryBadRow) {
  const int64_t audit = AuditCount();
  constexpr std::string_view kBad =
      "name,position,unit,phone,email\n"
      "Good Person,,pho-minh,,\n"
      ",Cán bộ,pho-minh,,\n"
      "Người Lạ,,phuong-khong-co,,\n"
      "Số Sai,,nghia-lo,12,\n"
      "Thư Sai,,nghia-lo,,khong-phai-email\n";
  base::Result<ImportReport> report = people_.ImportCsv(admin_, kBad);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows, 5);
  EXPECT_EQ(report->imported, 0);
  std::vector<std::pair<int, std::string>> errors;
  for (const ImportRowError& e : report->errors) errors.emplace_back(e.row, e.field);
  EXPECT_THAT(errors, ElementsAre(std::pair<int, std::string>{3, "name"},
                                  std::pair<int, std::string>{4, "unit"},
                                  std::pair<int, std::string>{5, "phone"},
                                  std::pair<int, std::string>{6, "email"}));
  EXPECT_EQ(report->errors[1].detail, "unknown unit 'phuong-khong-co'");
  EXPECT_EQ(report->errors[1].detail_vi, "không có đơn vị 'phuong-khong-co'");
  EXPECT_TRUE(people_.List(admin_, std::nullopt, store::PeopleStatus::kActive)->empty());
  EXPECT_EQ(AuditCount(), audit);
}

TEST_F(PeopleTest, MissingColumnsAndUnreadableFiles) {
  base::Result<ImportReport> report = people_.ImportCsv(admin_, "ten,chuc_vu\nA,B\n");
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 1);
  EXPECT_EQ(report->errors[0].detail, "missing column ho_ten (name)");
  EXPECT_EQ(report->errors[1].detail, "missing column don_vi (unit)");
  EXPECT_EQ(people_.ImportCsv(admin_, "").status().message(),
            "file: empty (a header row is needed)");
  EXPECT_EQ(people_.ImportCsv(admin_, "name,unit\n\"A,pho-minh\n").status().message(),
            "file: a quoted field is not closed");
  report = people_.ImportCsv(admin_, "name,unit\n");
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].detail, "the file has no data rows");
}

TEST_F(PeopleTest, UnitOfficersSeeAndImportOnlyTheirSubtree) {
  ASSERT_TRUE(people_.ImportCsv(admin_, kGoodCsv).ok());
  const Principal officer = Caller(domain::Role::kUnitOfficer, "pho-minh");
  auto mine = people_.List(officer, std::nullopt, store::PeopleStatus::kActive);
  ASSERT_TRUE(mine.ok());
  EXPECT_THAT(Names(*mine), ElementsAre("Nguyễn Văn An", "Trần, Thị Bình"));
  EXPECT_EQ((*mine)[0].phone, "+84905123456");  // their own unit's contacts
  EXPECT_EQ(people_.List(officer, "nghia-lo", store::PeopleStatus::kActive).status().code(),
            base::StatusCode::kPermissionDenied);
  EXPECT_EQ(people_.List(officer, "khong-co", store::PeopleStatus::kActive).status().code(),
            base::StatusCode::kNotFound);
  EXPECT_THAT(Names(*people_.List(officer, "thcs-pm", store::PeopleStatus::kActive)),
              ElementsAre("Trần, Thị Bình"));
  // A unit officer without a unit sees nobody; a member (no permission) too.
  EXPECT_TRUE(
      people_.List(Caller(domain::Role::kUnitOfficer), std::nullopt, store::PeopleStatus::kActive)
          ->empty());
  EXPECT_TRUE(
      people_
          .List(Caller(domain::Role::kMember, "town"), std::nullopt, store::PeopleStatus::kActive)
          ->empty());
  // Importing into another unit is refused for the whole file.
  auto report = people_.ImportCsv(officer, "ho_ten,don_vi\nX,pho-minh\nY,nghia-lo\n");
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].row, 3);
  EXPECT_EQ(report->errors[0].detail, "unit 'nghia-lo' is outside your unit");
  EXPECT_EQ(people_.List(admin_, std::nullopt, store::PeopleStatus::kActive)->size(), 3u);
}

TEST_F(PeopleTest, UnitTreeNestsChildren) {
  auto tree = people_.UnitTree();
  ASSERT_TRUE(tree.ok());
  ASSERT_EQ(tree->size(), 1u);
  const UnitNode& town = tree->front();
  EXPECT_EQ(town.unit.code, "town");
  ASSERT_EQ(town.children.size(), 2u);
  EXPECT_EQ(town.children[0].unit.code, "nghia-lo");
  EXPECT_EQ(town.children[1].unit.code, "pho-minh");
  ASSERT_EQ(town.children[1].children.size(), 1u);
  EXPECT_EQ(town.children[1].children[0].unit.code, "thcs-pm");
}

TEST_F(PeopleTest, MarkingAsLeftAndRestoringIsScopedAndAudited) {
  const Principal officer = Caller(domain::Role::kUnitOfficer, "pho-minh");
  const Principal other = Caller(domain::Role::kUnitOfficer, "nghia-lo");
  auto added = people_.Add(officer, {"thcs-pm", "Trần Thị Bình", "Giáo viên", "", ""});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  const int64_t id = added->id;
  const int64_t audits = AuditCount();
  EXPECT_EQ(people_.MarkLeft(other, id).status(),
            base::NotFoundError("person " + std::to_string(id) + ": not found"));
  clock_.Advance(std::chrono::hours(1));
  auto left = people_.MarkLeft(officer, id);
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(left->left_at, clock_.Now());
  EXPECT_EQ(people_.MarkLeft(officer, id).status(),
            base::FailedPreconditionError("person " + std::to_string(id) + ": has already left"));
  EXPECT_EQ(AuditCount(), audits + 1);
  {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    auto last = tx->Audit().Last().value();
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->action, "person.leave");
    EXPECT_EQ(last->target, "person:" + std::to_string(id));
  }
  // Lists: active by default, the people who left on request.
  EXPECT_TRUE(people_.List(officer, "thcs-pm", store::PeopleStatus::kActive)->empty());
  auto gone = people_.List(officer, "thcs-pm", store::PeopleStatus::kLeft);
  ASSERT_TRUE(gone.ok());
  EXPECT_THAT(Names(*gone), ElementsAre("Trần Thị Bình"));
  EXPECT_EQ(gone->front().left_at, clock_.Now());
  // Editing keeps them gone.
  auto edited = people_.Update(officer, id, {"thcs-pm", "Trần Thị Bình", "Hiệu phó", "", ""});
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->left_at, clock_.Now());
  auto back = people_.Restore(officer, id);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->left_at, std::nullopt);
  EXPECT_EQ(people_.Restore(officer, id).status(),
            base::FailedPreconditionError("person " + std::to_string(id) + ": has not left"));
  EXPECT_THAT(Names(*people_.List(officer, "thcs-pm", store::PeopleStatus::kActive)),
              ElementsAre("Trần Thị Bình"));
  EXPECT_EQ(AuditCount(), audits + 3);  // leave, edit, return
}

TEST_F(PeopleTest, ImportingSomeoneWhoLeftAddsANewPersonAndRestoresNobody) {
  auto added = people_.Add(admin_, {"nghia-lo", "Lê Văn Cường", "", "", ""});
  ASSERT_TRUE(added.ok());
  ASSERT_TRUE(people_.MarkLeft(admin_, added->id).ok());
  auto report = people_.ImportCsv(admin_, "ho_ten,don_vi\nLê Văn Cường,nghia-lo\n");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->imported, 1);
  auto gone = people_.List(admin_, "nghia-lo", store::PeopleStatus::kLeft);
  ASSERT_EQ(gone->size(), 1u);
  EXPECT_EQ(gone->front().id, added->id);
  auto current = people_.List(admin_, "nghia-lo", store::PeopleStatus::kActive);
  ASSERT_EQ(current->size(), 1u);
  EXPECT_NE(current->front().id, added->id);
}

}  // namespace
}  // namespace binhyen::service

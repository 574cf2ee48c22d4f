#pragma once

// Test-only fixture of the conformance tests of the programme's plan (migration 0014):
// store_conformance_plan_test.cc (tasks, self-assessments, read-only transactions, schema) and
// store_conformance_plan_budget_test.cc (budget, reviews). Units town, p1, p2 and two users
// exist; the helpers build valid domain values with microsecond-precise times.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {

class PlanConformanceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto tx = Begin();
    for (auto [code, parent] : std::vector<std::pair<std::string, std::string>>{
             {"town", ""}, {"p1", "town"}, {"p2", "town"}}) {
      domain::Unit u{code, "Đơn vị " + code, domain::UnitKind::kWard, parent, T(0)};
      ASSERT_TRUE(tx->Units().Create(u).ok()) << code;
    }
    auto admin = tx->Users().Create(MakeUser("pa", domain::Role::kProgrammeAdmin));
    auto finance = tx->Users().Create(MakeUser("fin", domain::Role::kFinance));
    ASSERT_TRUE(admin.ok() && finance.ok());
    user_ = *admin;
    other_user_ = *finance;
    ASSERT_TRUE(tx->Commit().ok());
  }

  // A time with a microsecond part, to check that times keep it.
  static base::TimePoint U(int64_t seconds, int64_t micros) {
    return T(seconds) + std::chrono::microseconds(micros);
  }

  domain::Task Task(const std::string& unit, const std::string& due_on,
                    domain::TaskStatus status = domain::TaskStatus::kOpen) const {
    domain::Task t;
    t.title = "Rà soát quản trị viên fanpage <" + unit + ">";
    t.description = "Gỡ quyền người đã nghỉ; **báo cáo** kết quả.";
    t.unit_code = unit;
    t.responsible = "Phó Chủ tịch UBND phường";
    t.expected_result = "Danh sách quản trị viên đã rà soát";
    t.due_on = due_on;
    t.status = status;
    t.progress = status == domain::TaskStatus::kDone ? 100 : 0;
    t.created_by = user_;
    t.created_at = U(10, 123456);
    t.updated_at = U(10, 123456);
    if (status == domain::TaskStatus::kDone) t.done_at = U(11, 7);
    return t;
  }

  domain::TaskUpdate Progress(int64_t task, domain::TaskStatus status, int progress,
                              base::TimePoint at) const {
    domain::TaskUpdate u;
    u.task_id = task;
    u.author_id = other_user_;
    u.text = "Đã làm được " + std::to_string(progress) + "%";
    u.status = status;
    u.progress = progress;
    u.created_at = at;
    return u;
  }

  domain::SelfAssessment Assessment(
      const std::string& unit, base::TimePoint at,
      domain::AssessmentAnswer first = domain::AssessmentAnswer::kYes) const {
    const domain::Checklist& checklist = domain::CurrentChecklist();
    domain::SelfAssessment a;
    a.unit_code = unit;
    a.checklist_version = std::string(checklist.version);
    const domain::AssessmentAnswer cycle[] = {
        domain::AssessmentAnswer::kPartly, domain::AssessmentAnswer::kNo,
        domain::AssessmentAnswer::kNotApplicable, domain::AssessmentAnswer::kYes};
    for (size_t i = 0; i < checklist.items.size(); ++i) {
      a.answers.emplace_back(std::string(checklist.items[i].key), i == 0 ? first : cycle[i % 4]);
    }
    a.score = domain::Score(checklist, a.answers);
    a.note = "Bật xác thực hai lớp cho fanpage trong tháng tới.";
    a.submitted_by = user_;
    a.submitted_at = at;
    return a;
  }

  domain::BudgetLine Line(int year, const std::string& unit, int64_t allocated) const {
    domain::BudgetLine l;
    l.year = year;
    l.unit_code = unit;
    l.activity = "Tập huấn nhận diện lừa đảo";
    l.source = "Ngân sách thị xã";
    l.allocated = allocated;
    l.note = "Hai đợt";
    l.created_by = user_;
    l.created_at = U(20, 1);
    l.updated_at = U(20, 2);
    return l;
  }

  domain::Spending Spent(int64_t line, const std::string& day, int64_t amount) const {
    domain::Spending s;
    s.line_id = line;
    s.spent_on = day;
    s.amount = amount;
    s.description = "Thuê hội trường";
    s.voucher = "HĐ-0042";
    s.recorded_by = other_user_;
    s.recorded_at = U(30, 999999);
    return s;
  }

  domain::Review Review(base::TimePoint created_at) const {
    domain::Review r;
    r.kind = domain::ReviewKind::kSixMonth;
    r.title = "Sơ kết 6 tháng đầu năm 2026";
    r.from = "2026-01-01";
    r.to = "2026-06-30";
    r.superior_body = "UBND THỊ XÃ ĐỨC PHỔ";
    r.issuing_body = "BAN CHỈ ĐẠO PHONG TRÀO BÌNH YÊN";
    r.number = "15/BC-BCĐ";
    r.place = "Đức Phổ";
    r.report_date = "2026-07-05";
    r.signer_authority = "TM. BAN CHỈ ĐẠO";
    r.signer_position = "TRƯỞNG BAN";
    r.signer_name = "Nguyễn Văn A";
    r.recipients = "- UBND tỉnh;\n- Lưu: VT.";
    r.created_by = user_;
    r.created_at = created_at;
    r.updated_at = created_at;
    return r;
  }

  domain::RewardProposal Proposal(domain::RewardSubject subject, int rank,
                                  const std::string& name) const {
    domain::RewardProposal p;
    p.review_id = 424242;  // ignored by ReplaceProposals
    p.id = 99;             // ignored
    p.subject = subject;
    p.subject_ref = subject == domain::RewardSubject::kUnit ? "p1" : "17";
    p.subject_name = name;
    p.unit_code = subject == domain::RewardSubject::kChannel ? "" : "p1";
    p.rank = rank;
    p.basis = "Tỷ lệ xác nhận 98%; tự đánh giá 92%";
    p.reason = "Tích cực";
    p.award = "Giấy khen của UBND thị xã";
    p.included = rank != 2;
    p.manual = subject == domain::RewardSubject::kChannel;
    p.updated_by = user_;
    p.updated_at = U(40, 5);
    return p;
  }

  template <typename F>
  auto InTx(F&& f) {
    auto tx = Begin();
    auto out = f(*tx);
    EXPECT_TRUE(tx->Commit().ok());
    return out;
  }

  int64_t AddTask(const domain::Task& t) {
    return InTx([&](Transaction& tx) {
      auto id = tx.Tasks().Create(t);
      EXPECT_TRUE(id.ok()) << id.status().ToString();
      return id.value_or(0);
    });
  }

  template <typename T>
  static std::vector<int64_t> Ids(const std::vector<T>& items) {
    std::vector<int64_t> out;
    for (const auto& item : items) out.push_back(item.id);
    return out;
  }

  static std::vector<int64_t> LineIds(const std::vector<BudgetLineTotals>& lines) {
    std::vector<int64_t> out;
    for (const auto& l : lines) out.push_back(l.line.id);
    return out;
  }

  int64_t user_ = 0;
  int64_t other_user_ = 0;
};

}  // namespace binhyen::store::testing

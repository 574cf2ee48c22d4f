#include "app/internal/demo_plan.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "service/audit_entry.h"
#include "service/reviews.h"

namespace binhyen::app::internal {
namespace {

base::TimePoint Micros(base::TimePoint t) {
  return base::TimePoint(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()));
}

struct DemoTaskSpec {
  std::string_view unit;
  std::string_view title;
  std::string_view responsible;
  std::string_view result;
  int due_in_days;  // from now; negative = in the past
  domain::TaskStatus status;
  int progress;
  int done_days_before_due;  // done tasks: when they were done, relative to the deadline
  std::string_view note;
};

std::vector<DemoTaskSpec> Tasks() {
  using S = domain::TaskStatus;
  return {
      {"pho-minh", "Rà soát quản trị viên nhóm Zalo và fanpage của phường",
       "Trưởng Công an phường Phổ Minh",
       "Danh sách quản trị viên đã rà soát, gỡ quyền người đã nghỉ", -40, S::kDone, 100, 5,
       "Đã gỡ quyền 2 quản trị viên cũ, bật xác thực hai lớp."},
      {"nguyen-nghiem", "Tuyên truyền cảnh báo giả danh công an tại 12 tổ dân phố",
       "Chủ tịch UBND phường Nguyễn Nghiêm", "12 buổi họp tổ dân phố có nội dung cảnh báo", -20,
       S::kDone, 100, -3, "Hoàn thành 12/12 tổ, trễ 3 ngày do mưa bão."},
      {"thpt-so-1-duc-pho", "Tổ chức chuyên đề \"An toàn trên mạng\" cho học sinh khối 10",
       "Hiệu trưởng", "Chuyên đề cho 100% lớp khối 10, có điểm danh", 6, S::kInProgress, 60, 0,
       "Đã tổ chức cho 6/10 lớp."},
      {"pho-an", "Lập danh sách hộ kinh doanh có fanpage bán hàng", "Công an xã Phổ An",
       "Danh sách hộ kinh doanh và người quản trị trang", -8, S::kInProgress, 30, 0,
       "Đã lập được 2/5 thôn."},
      {"ubnd-duc-pho", "Lập phương án bảo vệ Cổng thông tin điện tử trước khi nâng cấp",
       "Chánh Văn phòng HĐND và UBND thị xã", "Phương án được duyệt, có người chịu trách nhiệm", 20,
       S::kOpen, 0, 0, ""},
      {"agribank-duc-pho", "Dán áp phích cảnh báo lừa đảo chuyển khoản tại quầy giao dịch",
       "Giám đốc chi nhánh", "Áp phích tại mọi quầy và cây ATM", 3, S::kOpen, 0, 0, ""},
      {"pho-ninh", "Thành lập nhóm Zalo an ninh mạng của phường", "Trưởng Công an phường Phổ Ninh",
       "Nhóm có ít nhất 200 thành viên, có quy chế", -15, S::kCancelled, 0, 0,
       "Hủy: phường đã gộp vào nhóm chung của thị xã."},
  };
}

struct DemoAssessmentSpec {
  std::string_view unit;
  std::string_view answers;  // one letter per checklist item: y(es), p(artly), n(o), -(na)
  int days_ago;
  std::string_view note;
};

std::vector<DemoAssessmentSpec> Assessments() {
  return {
      {"pho-minh", "ppyppnynppyp", 150, "Chưa bật xác thực hai lớp cho fanpage."},
      {"pho-minh", "yyyyyypyyyyy", 20, "Đã bật xác thực hai lớp; còn thiếu lọc thư rác."},
      {"nguyen-nghiem", "yyypyyyypnyy", 30, "Chưa thử khôi phục dữ liệu từ bản sao lưu."},
      {"thpt-so-1-duc-pho", "pnppyypynnyp", 45, "Cần kế hoạch sao lưu hồ sơ học sinh."},
      {"ubnd-duc-pho", "yyyyyyyyypyy", 60, ""},
      {"pho-an", "nnpppnpnnnpy", 100, "Xã chưa có cán bộ chuyên trách công nghệ thông tin."},
      {"pho-an", "pnpyypyynnyy", 12, "Đã tập huấn cho cán bộ xã."},
      {"agribank-duc-pho", "yyyyyyyyyyy-", 25, ""},
  };
}

struct DemoBudgetSpec {
  std::string_view unit;  // "" = the town
  std::string_view activity;
  std::string_view source;
  int64_t allocated;
  std::vector<std::pair<int, int64_t>> spent;  // (days ago, amount)
};

std::vector<DemoBudgetSpec> Budget() {
  return {
      {"",
       "Tập huấn nhận diện lừa đảo cho cán bộ thị xã",
       "Ngân sách thị xã",
       45'000'000,
       {{120, 12'500'000}, {40, 14'000'000}}},
      {"", "In áp phích, tờ rơi cảnh báo", "Ngân sách thị xã", 18'000'000, {{90, 9'600'000}}},
      {"", "Khen thưởng phong trào", "Quỹ thi đua - khen thưởng", 30'000'000, {}},
      {"pho-minh",
       "Sinh hoạt chuyên đề tại tổ dân phố",
       "Ngân sách phường",
       8'000'000,
       {{70, 2'400'000}, {25, 3'100'000}}},
      {"thpt-so-1-duc-pho",
       "Chuyên đề \"An toàn trên mạng\" cho học sinh",
       "Kinh phí trường",
       5'000'000,
       {{10, 1'800'000}}},
      {"pho-an",
       "Loa truyền thanh: cảnh báo lừa đảo hằng tuần",
       "Ngân sách xã",
       6'000'000,
       {{60, 1'500'000}, {30, 1'500'000}}},
  };
}

base::Status Audit(store::Transaction& tx, base::TimePoint at, std::string_view actor,
                   std::string_view action, std::string target, std::string summary) {
  return tx.Audit().Append(service::MakeAuditEntry(at, actor, action, target, summary)).status();
}

base::Status CreateTasks(store::Transaction& tx, int64_t admin, int64_t officer,
                         base::TimePoint now) {
  const std::string today = domain::DateInVietnam(now);
  for (const DemoTaskSpec& spec : Tasks()) {
    domain::Task t;
    t.title = std::string(spec.title);
    t.unit_code = std::string(spec.unit);
    t.responsible = std::string(spec.responsible);
    t.expected_result = std::string(spec.result);
    t.due_on = domain::AddDays(today, spec.due_in_days);
    t.created_by = admin;
    t.created_at = t.updated_at = Micros(now - std::chrono::days(60 - spec.due_in_days / 2));
    BINHYEN_ASSIGN_OR_RETURN(t.id, tx.Tasks().Create(t));
    BINHYEN_RETURN_IF_ERROR(Audit(tx, t.created_at, "user:thuongtruc.hoa", "task.create",
                                  "task:" + std::to_string(t.id),
                                  t.unit_code + ", due " + t.due_on));
    if (spec.status == domain::TaskStatus::kOpen) continue;
    domain::TaskUpdate u{0,
                         t.id,
                         spec.unit == "pho-minh" ? officer : admin,
                         std::string(spec.note),
                         spec.status,
                         spec.progress,
                         {}};
    const int days_after_due = spec.status == domain::TaskStatus::kDone
                                   ? -spec.done_days_before_due
                                   : std::min(-1, -spec.due_in_days - 1);
    u.created_at = Micros(domain::StartOfDayInVietnam(domain::AddDays(t.due_on, days_after_due)) +
                          std::chrono::hours(9));
    if (u.created_at > now) u.created_at = Micros(now - std::chrono::hours(2));
    BINHYEN_RETURN_IF_ERROR(tx.Tasks().AddUpdate(u).status());
  }
  return base::Status::Ok();
}

base::Status CreateAssessments(store::Transaction& tx, int64_t officer, base::TimePoint now) {
  const domain::Checklist& checklist = domain::CurrentChecklist();
  for (const DemoAssessmentSpec& spec : Assessments()) {
    domain::SelfAssessment a;
    a.unit_code = std::string(spec.unit);
    a.checklist_version = std::string(checklist.version);
    for (size_t i = 0; i < checklist.items.size(); ++i) {
      const char c = spec.answers[i];
      a.answers.emplace_back(std::string(checklist.items[i].key),
                             c == 'y'   ? domain::AssessmentAnswer::kYes
                             : c == 'p' ? domain::AssessmentAnswer::kPartly
                             : c == 'n' ? domain::AssessmentAnswer::kNo
                                        : domain::AssessmentAnswer::kNotApplicable);
    }
    a.score = domain::Score(checklist, a.answers);
    a.note = std::string(spec.note);
    a.submitted_by = officer;
    a.submitted_at = Micros(now - std::chrono::days(spec.days_ago));
    BINHYEN_RETURN_IF_ERROR(tx.SelfAssessments().Create(a).status());
    BINHYEN_RETURN_IF_ERROR(Audit(tx, a.submitted_at, "user:canbo.phominh", "assessment.submit",
                                  "unit:" + a.unit_code,
                                  "score " + std::to_string(a.score / 10) + "%"));
  }
  return base::Status::Ok();
}

base::Status CreateBudget(store::Transaction& tx, int64_t finance, base::TimePoint now) {
  const int year = std::stoi(domain::DateInVietnam(now).substr(0, 4));
  for (const DemoBudgetSpec& spec : Budget()) {
    domain::BudgetLine line;
    line.year = year;
    line.unit_code = std::string(spec.unit);
    line.activity = std::string(spec.activity);
    line.source = std::string(spec.source);
    line.allocated = spec.allocated;
    line.created_by = finance;
    line.created_at = line.updated_at = Micros(now - std::chrono::days(200));
    BINHYEN_ASSIGN_OR_RETURN(line.id, tx.Budget().CreateLine(line));
    BINHYEN_RETURN_IF_ERROR(Audit(tx, line.created_at, "user:ketoan.lan", "budget.line.create",
                                  "budget-line:" + std::to_string(line.id), line.activity));
    int voucher = 0;
    for (const auto& [days_ago, amount] : spec.spent) {
      const base::TimePoint at = Micros(now - std::chrono::days(days_ago));
      domain::Spending s{0,
                         line.id,
                         domain::DateInVietnam(at),
                         amount,
                         "Chi theo kế hoạch",
                         "PC-" + std::to_string(line.id * 10 + ++voucher),
                         finance,
                         at};
      BINHYEN_RETURN_IF_ERROR(tx.Budget().AddSpending(s).status());
    }
  }
  return base::Status::Ok();
}

// The review of the half-year holding `now`, with its candidates.
base::Status CreateReview(store::Store& store, const crypto::SecretBox& contact_box, int64_t admin,
                          base::TimePoint now) {
  const std::string today = domain::DateInVietnam(now);
  const std::string year = today.substr(0, 4);
  const bool second_half = today.substr(5) >= "07-01";
  domain::Review r = service::DraftReview(nullptr, year + (second_half ? "-07-01" : "-01-01"),
                                          year + (second_half ? "-12-31" : "-06-30"), today);
  r.superior_body = "UBND THỊ XÃ ĐỨC PHỔ";
  r.number = "     /BC-BCĐ";
  r.place = "Đức Phổ";
  r.signer_authority = "TM. BAN CHỈ ĐẠO";
  r.signer_position = "TRƯỞNG BAN";
  r.signer_name = "Nguyễn Văn Hòa";
  r.recipients = "- UBND thị xã;\n- Công an thị xã;\n- Các phường, xã;\n- Lưu: VT.";
  r.created_by = admin;
  r.created_at = r.updated_at = Micros(now - std::chrono::hours(3));
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
    BINHYEN_ASSIGN_OR_RETURN(r.id, tx->Reviews().Create(r));
    BINHYEN_RETURN_IF_ERROR(Audit(*tx, r.created_at, "user:thuongtruc.hoa", "review.create",
                                  "review:" + std::to_string(r.id), r.from + ".." + r.to));
    BINHYEN_RETURN_IF_ERROR(tx->Commit());
  }
  base::FakeClock clock(now);
  service::Reviews reviews(store, contact_box, clock);
  service::Principal hoa;
  hoa.user_id = admin;
  hoa.name = "thuongtruc.hoa";
  hoa.role = domain::Role::kProgrammeAdmin;
  return reviews.ProposeCandidates(hoa, r.id).status();
}

}  // namespace

base::Status CreateDemoPlan(store::Store& store, const crypto::SecretBox& contact_box,
                            base::TimePoint now) {
  int64_t admin = 0;
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
    BINHYEN_ASSIGN_OR_RETURN(domain::User hoa, tx->Users().GetByName("thuongtruc.hoa"));
    BINHYEN_ASSIGN_OR_RETURN(domain::User officer, tx->Users().GetByName("canbo.phominh"));
    BINHYEN_ASSIGN_OR_RETURN(domain::User finance, tx->Users().GetByName("ketoan.lan"));
    admin = hoa.id;
    BINHYEN_RETURN_IF_ERROR(CreateTasks(*tx, hoa.id, officer.id, now));
    BINHYEN_RETURN_IF_ERROR(CreateAssessments(*tx, officer.id, now));
    BINHYEN_RETURN_IF_ERROR(CreateBudget(*tx, finance.id, now));
    BINHYEN_RETURN_IF_ERROR(tx->Commit());
  }
  return CreateReview(store, contact_box, admin, now);
}

}  // namespace binhyen::app::internal

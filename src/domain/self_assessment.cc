#include "domain/self_assessment.h"

#include <array>

#include "domain/internal/rules.h"

namespace binhyen::domain {
namespace {

using internal::Bad;
using internal::CheckLength;

constexpr std::array<std::pair<AssessmentAnswer, std::string_view>, 4> kAnswers = {{
    {AssessmentAnswer::kYes, "yes"},
    {AssessmentAnswer::kPartly, "partly"},
    {AssessmentAnswer::kNo, "no"},
    {AssessmentAnswer::kNotApplicable, "na"},
}};

constexpr std::string_view kPlanVi = "Phương án bảo vệ trước khi đưa dịch vụ lên mạng";
constexpr std::string_view kPlanEn = "Protection plan before going online";
constexpr std::string_view kAccountsVi = "An toàn tài khoản";
constexpr std::string_view kAccountsEn = "Account security";
constexpr std::string_view kHygieneVi = "Phòng chống thư rác, mã độc";
constexpr std::string_view kHygieneEn = "Spam and malware hygiene";
constexpr std::string_view kBackupVi = "Sao lưu dữ liệu";
constexpr std::string_view kBackupEn = "Backups";
constexpr std::string_view kPeopleVi = "Con người";
constexpr std::string_view kPeopleEn = "Trained staff";

constexpr std::array<ChecklistItem, 12> kItems2026 = {{
    {"service_inventory", kPlanVi, kPlanEn,
     "Có danh sách các trang web, fanpage, nhóm Zalo, phần mềm của đơn vị và người phụ trách",
     "The unit keeps a list of its websites, fanpages, Zalo groups and software, with who runs "
     "each",
     2},
    {"protection_plan", kPlanVi, kPlanEn,
     "Mỗi dịch vụ đưa lên Internet đều có phương án bảo vệ được duyệt trước khi vận hành",
     "Every service put on the internet had an approved protection plan before it went live", 3},
    {"updates", kPlanVi, kPlanEn,
     "Máy tính, điện thoại công vụ và phần mềm được cập nhật bản vá thường xuyên",
     "Office computers, phones and software receive security updates regularly", 2},
    {"strong_passwords", kAccountsVi, kAccountsEn,
     "Mỗi người dùng tài khoản riêng, mật khẩu mạnh, không dùng chung",
     "Everyone has their own account with a strong password; no shared accounts", 2},
    {"two_factor", kAccountsVi, kAccountsEn,
     "Email, fanpage, Zalo của đơn vị đều bật xác thực hai lớp",
     "The unit's email, fanpages and Zalo accounts have two-step verification on", 3},
    {"admin_review", kAccountsVi, kAccountsEn,
     "Danh sách quản trị viên fanpage, nhóm được rà soát; người đã nghỉ bị gỡ quyền",
     "Page and group admins are reviewed; people who left lose their access", 2},
    {"antimalware", kHygieneVi, kHygieneEn,
     "Máy tính có phần mềm phòng chống mã độc đang hoạt động",
     "Computers run working anti-malware software", 2},
    {"spam_filter", kHygieneVi, kHygieneEn,
     "Hộp thư có lọc thư rác; cán bộ biết cách báo cáo thư, tin nhắn lừa đảo",
     "Mailboxes filter spam; staff know how to report scam mail and messages", 1},
    {"backup_regular", kBackupVi, kBackupEn,
     "Dữ liệu quan trọng được sao lưu định kỳ, có bản lưu tách rời khỏi mạng",
     "Important data is backed up on a schedule, with a copy kept off the network", 3},
    {"backup_restore", kBackupVi, kBackupEn, "Đã thử khôi phục từ bản sao lưu trong 6 tháng qua",
     "A restore from backup was tested in the last 6 months", 2},
    {"staff_trained", kPeopleVi, kPeopleEn,
     "Toàn bộ cán bộ đã dự tập huấn nhận diện lừa đảo, tin giả trong năm",
     "All staff attended training on scams and false news this year", 2},
    {"incident_contact", kPeopleVi, kPeopleEn,
     "Có người đầu mối và biết quy trình báo cáo sự cố cho Công an",
     "A named contact knows how to report an incident to the police", 1},
}};

constexpr Checklist kChecklist2026{"2026-1", kItems2026};

}  // namespace

const Checklist& CurrentChecklist() { return kChecklist2026; }

std::optional<Checklist> FindChecklist(std::string_view version) {
  if (version == kChecklist2026.version) return kChecklist2026;
  return std::nullopt;
}

std::string_view Name(AssessmentAnswer v) { return internal::NameIn(kAnswers, v); }
std::optional<AssessmentAnswer> ParseAssessmentAnswer(std::string_view name) {
  return internal::ParseIn(kAnswers, name);
}

int Score(const Checklist& checklist,
          std::span<const std::pair<std::string, AssessmentAnswer>> answers) {
  int64_t possible = 0;  // in half points
  int64_t got = 0;
  for (const auto& [key, answer] : answers) {
    int weight = 0;
    for (const ChecklistItem& item : checklist.items) {
      if (item.key == key) weight = item.weight;
    }
    if (answer == AssessmentAnswer::kNotApplicable) continue;
    possible += 2 * weight;
    if (answer == AssessmentAnswer::kYes) got += 2 * weight;
    if (answer == AssessmentAnswer::kPartly) got += weight;
  }
  if (possible == 0) return 0;
  return static_cast<int>((got * 1000 + possible / 2) / possible);
}

base::Status Validate(const SelfAssessment& assessment) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("unit_code", assessment.unit_code, 1, 32));
  std::optional<Checklist> checklist = FindChecklist(assessment.checklist_version);
  if (!checklist) return Bad("checklist_version", "unknown");
  if (assessment.answers.size() != checklist->items.size()) {
    return Bad("answers", std::to_string(assessment.answers.size()) + " given, the checklist has " +
                              std::to_string(checklist->items.size()) + " items");
  }
  for (size_t i = 0; i < checklist->items.size(); ++i) {
    if (assessment.answers[i].first != checklist->items[i].key) {
      return Bad("answers[" + std::to_string(i) + "]",
                 "expected item '" + std::string(checklist->items[i].key) + "'");
    }
  }
  if (assessment.score != Score(*checklist, assessment.answers)) {
    return Bad("score", "does not match the answers");
  }
  return CheckLength("note", assessment.note, 0, kMaxAssessmentNoteBytes);
}

}  // namespace binhyen::domain

// The awareness programme's demo: people of units and guidance campaigns with partial
// completion, so that the console's overview shows lagging units at once.
#include "app/internal/demo_programme.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "indicator/phone.h"
#include "service/audit_entry.h"

namespace binhyen::app::internal {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr std::string_view kFamily[] = {"Nguyễn", "Trần", "Lê",   "Phạm", "Huỳnh",
                                        "Phan",   "Võ",   "Đặng", "Bùi",  "Đỗ"};
constexpr std::string_view kMiddle[] = {"Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Quốc"};
constexpr std::string_view kGiven[] = {
    "An",  "Bình", "Cường", "Dung", "Hà",   "Hải",   "Hạnh", "Hùng", "Lan", "Long",  "Mai", "Nam",
    "Nga", "Phúc", "Quang", "Sơn",  "Thảo", "Trang", "Tuấn", "Vân",  "Yến", "Khánh", "Loan"};

constexpr std::string_view kWardPositions[] = {
    "Chủ tịch UBND phường",           "Phó Chủ tịch UBND phường",
    "Công chức Văn hóa - Xã hội",     "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn phòng - Thống kê", "Công chức Địa chính - Xây dựng",
    "Trưởng Công an phường",          "Bí thư Đoàn phường",
    "Chủ tịch Hội Phụ nữ phường",     "Tổ trưởng tổ dân phố"};
constexpr std::string_view kSchoolPositions[] = {"Hiệu trưởng",        "Phó Hiệu trưởng",
                                                 "Giáo viên Tin học",  "Giáo viên chủ nhiệm",
                                                 "Tổng phụ trách Đội", "Nhân viên văn phòng"};
constexpr std::string_view kAgencyPositions[] = {"Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên",
                                                 "Chuyên viên", "Cán bộ tiếp dân"};

struct UnitPlan {
  std::string_view code;
  int people;
  std::span<const std::string_view> positions;
};

constexpr std::string_view kDirective = R"(# Chỉ thị về tăng cường phòng, chống lừa đảo trực tuyến

Thực hiện kế hoạch của thị xã về bảo đảm an ninh mạng, đề nghị **mỗi cán bộ, công chức, viên chức**:

1. **Không bấm** vào đường link lạ gửi qua tin nhắn, Zalo, Facebook, kể cả từ số quen.
2. **Không cung cấp** mã OTP, mật khẩu, số thẻ cho bất kỳ ai, kể cả người xưng là công an, ngân hàng.
3. Cơ quan nhà nước **không làm việc qua điện thoại** để yêu cầu chuyển tiền hay "xác minh tài khoản".
4. Gặp nghi vấn: tra cứu và báo cáo tại cổng **Bình Yên** (mục *Kiểm tra* và *Báo cáo*).
5. Phổ biến lại nội dung này cho gia đình và tổ dân phố.

Thủ trưởng các đơn vị chịu trách nhiệm đôn đốc cán bộ xác nhận đã đọc trước hạn.)";

constexpr std::string_view kAlert = R"(# Cảnh báo: mạo danh công an gọi điện yêu cầu cài ứng dụng

Đối tượng gọi điện xưng là công an, thông báo "liên quan vụ án" và yêu cầu cài ứng dụng lạ để
"cập nhật định danh". **Công an không làm việc qua điện thoại.** Gặp cuộc gọi như vậy, hãy cúp máy
và báo cáo số điện thoại trên cổng Bình Yên.)";

constexpr std::string_view kDraft = R"(# Hướng dẫn nhận diện tin nhắn giả mạo ngân hàng

Dành cho giáo viên và học sinh: cách nhận biết tin nhắn SMS, Zalo giả ngân hàng, và cách báo cáo.)";

std::string NameOf(int i) {
  return std::string(kFamily[(i * 7) % std::size(kFamily)]) + " " +
         std::string(kMiddle[(i * 3 + i / 5) % std::size(kMiddle)]) + " " +
         std::string(kGiven[(i * 5 + 2) % std::size(kGiven)]);
}

// The campaign as created at `at`, then sent at `sent`; returns its id.
base::Result<int64_t> MakeCampaign(store::Transaction& tx, int64_t admin, std::string_view title,
                                   std::string_view body, std::vector<std::string> units,
                                   base::TimePoint at, std::optional<base::TimePoint> sent,
                                   std::optional<base::TimePoint> deadline) {
  domain::Campaign c;
  c.title = std::string(title);
  c.body = std::string(body);
  c.created_by = admin;
  c.created_at = at;
  c.deadline = deadline;
  c.target_units = std::move(units);
  std::sort(c.target_units.begin(), c.target_units.end());
  BINHYEN_ASSIGN_OR_RETURN(int64_t id, tx.Campaigns().Create(c));
  const std::string target = "campaign:" + std::to_string(id);
  BINHYEN_RETURN_IF_ERROR(tx.Audit()
                              .Append(service::MakeAuditEntry(at, "user:thuongtruc.hoa",
                                                              "campaign.create", target, c.title))
                              .status());
  if (sent) {
    BINHYEN_ASSIGN_OR_RETURN(int64_t n, tx.Campaigns().Send(id, *sent));
    BINHYEN_RETURN_IF_ERROR(
        tx.Audit()
            .Append(service::MakeAuditEntry(*sent, "user:thuongtruc.hoa", "campaign.send", target,
                                            "sent to " + std::to_string(n) + " people"))
            .status());
  }
  return id;
}

// Acknowledges, per unit, the first `percent` of its recipients (by id), spread over the days
// after `sent`.
base::Status Acknowledge(store::Transaction& tx, int64_t id, base::TimePoint sent,
                         const std::map<std::string, int>& percent) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::CampaignRecipient> recipients,
                           tx.Campaigns().Recipients(id));
  std::map<std::string, int> total, done;
  for (const auto& r : recipients) ++total[r.person.unit_code];
  int i = 0;
  for (const auto& r : recipients) {
    const std::string& unit = r.person.unit_code;
    auto it = percent.find(unit);
    const int want = it == percent.end() ? 0 : total[unit] * it->second / 100;
    if (done[unit] >= want) continue;
    ++done[unit];
    ++i;
    const base::TimePoint at = sent + hours(2 + (i * 13) % 200) + minutes((i * 17) % 60);
    const domain::AckVia via = i % 6 == 0 ? domain::AckVia::kPortal : domain::AckVia::kLink;
    BINHYEN_RETURN_IF_ERROR(tx.Campaigns().Acknowledge(id, r.person.id, at, via).status());
    BINHYEN_RETURN_IF_ERROR(
        tx.Audit()
            .Append(service::MakeAuditEntry(
                at, "person:" + std::to_string(r.person.id), "campaign.acknowledge",
                "campaign:" + std::to_string(id), "acknowledged by personal link"))
            .status());
  }
  return base::Status::Ok();
}

}  // namespace

std::vector<DemoPersonSpec> DemoProgrammePeople() {
  const UnitPlan plans[] = {
      {"pho-minh", 10, kWardPositions},
      {"pho-vinh", 20, kWardPositions},
      {"pho-hoa", 10, kWardPositions},
      {"thcs-pho-minh", 6, kSchoolPositions},
      {"thpt-so-1-duc-pho", 6, kSchoolPositions},
      {"ubnd-duc-pho", 5, kAgencyPositions},
      {"cong-an-duc-pho", 5, kAgencyPositions},
  };
  std::vector<DemoPersonSpec> out;
  int i = 0;
  for (const UnitPlan& plan : plans) {
    for (int k = 0; k < plan.people; ++k, ++i) {
      std::string position(plan.positions[k % plan.positions.size()]);
      if (position == "Tổ trưởng tổ dân phố") position.append(" ").append(std::to_string(k));
      // 0900000101, 0900000102, ...: fictional numbers, one per person (i < 900).
      std::string phone = "0900000";
      phone.append(std::to_string(101 + i));
      out.push_back({std::string(plan.code), NameOf(i), position, phone});
    }
  }
  return out;
}

base::Status CreateDemoProgramme(store::Store& store, const crypto::SecretBox& contact_box,
                                 base::TimePoint now) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::User admin, tx->Users().GetByName("thuongtruc.hoa"));
  const base::TimePoint created = now - days(110);
  for (const DemoPersonSpec& spec : DemoProgrammePeople()) {
    domain::Person p;
    p.unit_code = spec.unit;
    p.name = spec.name;
    p.position = spec.position;
    BINHYEN_ASSIGN_OR_RETURN(indicator::Indicator phone, indicator::CanonicalizePhone(spec.phone));
    p.phone_ciphertext = contact_box.Encrypt(phone.canonical);
    p.created_at = created;
    BINHYEN_RETURN_IF_ERROR(tx->People().Create(p).status());
  }
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(service::MakeAuditEntry(created, "user:thuongtruc.hoa", "people.import", "people",
                                          "demo people imported"))
          .status());
  // A closed alert to two agencies, two months ago.
  const base::TimePoint alert_sent = now - days(62);
  BINHYEN_ASSIGN_OR_RETURN(
      int64_t alert,
      MakeCampaign(*tx, admin.id, "Cảnh báo mạo danh công an gọi điện yêu cầu cài ứng dụng", kAlert,
                   {"ubnd-duc-pho", "cong-an-duc-pho"}, alert_sent - hours(3), alert_sent,
                   alert_sent + days(14)));
  BINHYEN_RETURN_IF_ERROR(
      Acknowledge(*tx, alert, alert_sent, {{"ubnd-duc-pho", 80}, {"cong-an-duc-pho", 100}}));
  BINHYEN_RETURN_IF_ERROR(tx->ProgrammeConsole().CloseCampaign(alert));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(service::MakeAuditEntry(
                                  alert_sent + days(20), "user:thuongtruc.hoa", "campaign.close",
                                  "campaign:" + std::to_string(alert), "closed; figures kept"))
                              .status());
  // The directive, sent twelve days ago, read by 70 / 45 / 20 % of the three wards.
  const base::TimePoint sent = now - days(12);
  BINHYEN_ASSIGN_OR_RETURN(
      int64_t directive,
      MakeCampaign(*tx, admin.id, "Chỉ thị về phòng chống lừa đảo trực tuyến", kDirective,
                   {"pho-minh", "pho-vinh", "pho-hoa"}, sent - hours(20), sent, now + days(18)));
  BINHYEN_RETURN_IF_ERROR(
      Acknowledge(*tx, directive, sent,
                  {{"pho-minh", 70}, {"pho-vinh", 45}, {"pho-hoa", 20}, {"thcs-pho-minh", 50}}));
  // A draft for the schools.
  BINHYEN_RETURN_IF_ERROR(MakeCampaign(*tx, admin.id,
                                       "Hướng dẫn nhận diện tin nhắn giả mạo ngân hàng", kDraft,
                                       {"thcs-pho-minh", "thpt-so-1-duc-pho"}, now - days(1),
                                       std::nullopt, std::nullopt)
                              .status());
  return tx->Commit();
}

}  // namespace binhyen::app::internal

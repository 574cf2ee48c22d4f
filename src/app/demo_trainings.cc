// Demo data of issue 8's trainings (see internal/demo_trainings.h).
#include "app/internal/demo_trainings.h"

#include <chrono>
#include <string>
#include <vector>

namespace binhyen::app::internal {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

struct DemoSession {
  std::string_view title;
  std::string_view description;
  int days_from_now;  // negative: in the past
  int start_hour;     // Vietnam time
  int length_hours;
  std::string_view place;
  std::string_view trainer;
  std::vector<std::string> units;
  domain::TrainingStatus status;
};

constexpr std::string_view kHung =
    "Thượng úy Nguyễn Văn Hùng, Đội An ninh - Công an thị xã Đức Phổ";
constexpr std::string_view kThao = "Đại úy Trần Thị Thảo, Công an thị xã Đức Phổ";

std::vector<DemoSession> Sessions() {
  using S = domain::TrainingStatus;
  return {
      {"Tập huấn nhận diện lừa đảo trực tuyến cho cán bộ phường",
       "Các thủ đoạn lừa đảo qua mạng thường gặp (giả danh công an, ngân hàng, nhân viên điện "
       "lực), cách kiểm tra đường link, số điện thoại, số tài khoản trên **Bình Yên** và cách "
       "hướng dẫn người dân báo cáo.",
       -75,
       8,
       3,
       "Hội trường UBND phường Nguyễn Nghiêm",
       kHung,
       {"nguyen-nghiem", "pho-minh"},
       S::kHeld},
      {"Phòng chống lừa đảo qua mạng cho giáo viên và học sinh",
       "Lừa đảo tuyển cộng tác viên, bán hàng online, trò chơi trúng thưởng; giữ an toàn tài "
       "khoản mạng xã hội.",
       -50,
       14,
       2,
       "Hội trường Trường THPT số 1 Đức Phổ",
       kThao,
       {"thpt-so-1-duc-pho"},
       S::kHeld},
      {"Bảo mật tài khoản mạng xã hội cho đoàn viên thanh niên",
       "Buổi này hoãn vì mưa lớn; nội dung sẽ ghép vào buổi sau.",
       -40,
       19,
       2,
       "Nhà văn hóa tổ dân phố 3, phường Phổ Minh",
       kThao,
       {"pho-minh"},
       S::kCancelled},
      {"Nhận diện cuộc gọi giả danh công an, ngân hàng cho người cao tuổi",
       "Không chuyển tiền, không đọc mã OTP qua điện thoại; gọi lại số quen biết khi nghi ngờ.",
       -30,
       8,
       2,
       "Hội trường UBND xã Phổ An",
       kHung,
       {"pho-an"},
       S::kHeld},
      {"Kỹ năng xác minh đường link, mã QR chuyển tiền cho cán bộ xã, phường",
       "Thực hành kiểm tra đường link, mã QR VietQR và tin nhắn nghi lừa đảo.",
       -12,
       8,
       3,
       "Phòng họp Công an thị xã Đức Phổ",
       kHung,
       {"pho-an", "pho-minh"},
       S::kHeld},
      {"Tập huấn cập nhật thủ đoạn lừa đảo mới cuối năm",
       "Các thủ đoạn mới trong dịp cuối năm: vé máy bay, quà Tết, khoản vay nhanh.",
       7,
       8,
       3,
       "Hội trường UBND thị xã Đức Phổ",
       kHung,
       {"nguyen-nghiem", "pho-an", "pho-minh", "thpt-so-1-duc-pho"},
       S::kScheduled},
  };
}

struct DemoPeople {
  std::string_view unit;
  std::vector<std::pair<std::string_view, std::string_view>> people;  // name, position
};

std::vector<DemoPeople> People() {
  return {
      {"nguyen-nghiem",
       {{"Nguyễn Thị Mai", "Phó Chủ tịch UBND phường"},
        {"Trần Văn Bình", "Công chức Văn hóa - Xã hội"},
        {"Lê Thị Hồng", "Tổ trưởng tổ dân phố 2"},
        {"Phạm Văn Dũng", "Công an phường"},
        {"Võ Thị Lan", "Chi hội trưởng Phụ nữ"}}},
      {"pho-minh",
       {{"Đỗ Văn Tâm", "Chủ tịch UBND phường"},
        {"Huỳnh Thị Thu", "Công chức Tư pháp - Hộ tịch"},
        {"Ngô Văn Lợi", "Bí thư Đoàn phường"},
        {"Bùi Thị Hạnh", "Tổ trưởng tổ dân phố 5"}}},
      {"pho-an",
       {{"Phan Văn Sơn", "Phó Chủ tịch UBND xã"},
        {"Đặng Thị Nga", "Chủ tịch Hội Người cao tuổi"},
        {"Trương Văn Phúc", "Trưởng thôn An Thạch"},
        {"Lý Thị Kim", "Công chức Văn phòng - Thống kê"}}},
      {"thpt-so-1-duc-pho",
       {{"Nguyễn Văn Khoa", "Phó Hiệu trưởng"},
        {"Trần Thị Ngọc", "Giáo viên Tin học"},
        {"Lê Minh Quân", "Bí thư Đoàn trường"},
        {"Võ Thị Thanh", "Giáo viên chủ nhiệm 11A2"}}},
  };
}

// Adds the demo people of a unit that has fewer than four.
base::Status EnsurePeople(store::Transaction& tx, base::TimePoint at) {
  for (const DemoPeople& unit : People()) {
    const std::string code(unit.unit);
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> existing,
                             tx.People().List(std::span<const std::string>(&code, 1)));
    if (existing.size() >= 4) continue;
    for (const auto& [name, position] : unit.people) {
      domain::Person p;
      p.unit_code = code;
      p.name = std::string(name);
      p.position = std::string(position);
      p.created_at = at;
      BINHYEN_RETURN_IF_ERROR(tx.People().Create(p).status());
    }
  }
  return base::Status::Ok();
}

// Check-ins of a held session: about seven in ten invitees, mostly by their QR, a few marked by
// hand, and one walk-in who is not on any list.
base::Status Attend(store::Transaction& tx, const domain::Training& t, int salt) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> invitees, tx.Trainings().Invitees(t.id));
  int i = 0;
  for (const domain::Person& p : invitees) {
    ++i;
    if ((i * 7 + salt) % 10 >= 7) continue;
    const domain::CheckinVia via =
        i % 5 == 0 ? domain::CheckinVia::kManual : domain::CheckinVia::kLink;
    domain::Attendance a{0, t.id, p.id, p.unit_code, p.name, t.starts_at + minutes(5 + 3 * i), via};
    BINHYEN_RETURN_IF_ERROR(tx.Trainings().CheckIn(a).status());
  }
  domain::Attendance walk_in{0,
                             t.id,
                             std::nullopt,
                             t.invited_units.front(),
                             "Nguyễn Văn Tư",
                             t.starts_at + minutes(12),
                             domain::CheckinVia::kWalkIn};
  return tx.Trainings().CheckIn(walk_in).status();
}

}  // namespace

base::Status CreateDemoTrainings(store::Store& store, base::TimePoint now) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::User admin, tx->Users().GetByName("thuongtruc.hoa"));
  const base::TimePoint created = now - days(100);
  BINHYEN_RETURN_IF_ERROR(EnsurePeople(*tx, created));
  // Midnight in Vietnam (UTC+7) of today, as UTC.
  const base::TimePoint midnight = std::chrono::floor<days>(now + hours(7)) - hours(7);
  int salt = 0;
  for (const DemoSession& s : Sessions()) {
    domain::Training t;
    t.title = std::string(s.title);
    t.description = std::string(s.description);
    t.starts_at = midnight + days(s.days_from_now) + hours(s.start_hour);
    t.ends_at = t.starts_at + hours(s.length_hours);
    t.place = std::string(s.place);
    t.trainer = std::string(s.trainer);
    t.materials = {{"Bài giảng: Nhận diện lừa đảo trực tuyến (PDF)",
                    "https://binhyen.example/tai-lieu/nhan-dien-lua-dao.pdf"},
                   {"Cẩm nang phòng chống lừa đảo của Bộ Công an", "https://bocongan.gov.vn/"}};
    t.invited_units = s.units;
    t.status = s.status;
    t.created_by = admin.id;
    t.created_at = created;
    BINHYEN_ASSIGN_OR_RETURN(t.id, tx->Trainings().Create(t));
    if (s.status == domain::TrainingStatus::kHeld) BINHYEN_RETURN_IF_ERROR(Attend(*tx, t, ++salt));
  }
  return tx->Commit();
}

}  // namespace binhyen::app::internal

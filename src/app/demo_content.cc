// The demo's units, accounts and warnings (app/internal/demo_content.h).
#include "app/internal/demo_content.h"

#include <string>

#include "text/fold.h"

namespace binhyen::app::internal {

std::string DemoSlug(std::string_view name) {
  const std::string folded = text::FoldVietnamese(name);
  std::string slug;
  for (char c : folded) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      slug += c;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

std::vector<DemoUnitSpec> DemoUnits() {
  using K = domain::UnitKind;
  // Codes of wards and communes are DemoSlug of their names; demo.cc checks it.
  return {
      {"nguyen-nghiem", "Phường Nguyễn Nghiêm", K::kWard, ""},
      {"pho-hoa", "Phường Phổ Hòa", K::kWard, ""},
      {"pho-minh", "Phường Phổ Minh", K::kWard, ""},
      {"pho-ninh", "Phường Phổ Ninh", K::kWard, ""},
      {"pho-quang", "Phường Phổ Quang", K::kWard, ""},
      {"pho-thanh", "Phường Phổ Thạnh", K::kWard, ""},
      {"pho-van", "Phường Phổ Văn", K::kWard, ""},
      {"pho-vinh", "Phường Phổ Vinh", K::kWard, ""},
      {"pho-an", "Xã Phổ An", K::kCommune, ""},
      {"pho-chau", "Xã Phổ Châu", K::kCommune, ""},
      {"pho-cuong", "Xã Phổ Cường", K::kCommune, ""},
      {"pho-khanh", "Xã Phổ Khánh", K::kCommune, ""},
      {"pho-nhon", "Xã Phổ Nhơn", K::kCommune, ""},
      {"pho-phong", "Xã Phổ Phong", K::kCommune, ""},
      {"pho-thuan", "Xã Phổ Thuận", K::kCommune, ""},
      {"thpt-so-1-duc-pho", "Trường THPT số 1 Đức Phổ", K::kSchool, "nguyen-nghiem"},
      {"thcs-pho-minh", "Trường THCS Phổ Minh", K::kSchool, "pho-minh"},
      {"tieu-hoc-pho-ninh", "Trường Tiểu học Phổ Ninh", K::kSchool, "pho-ninh"},
      {"cong-an-duc-pho", "Công an thị xã Đức Phổ", K::kAgency, "nguyen-nghiem"},
      {"ubnd-duc-pho", "UBND thị xã Đức Phổ", K::kAgency, "nguyen-nghiem"},
      {"phong-vhtt-duc-pho", "Phòng Văn hóa - Thông tin thị xã Đức Phổ", K::kAgency,
       "nguyen-nghiem"},
      {"ttvhttt-duc-pho", "Trung tâm Văn hóa - Thể thao và Truyền thanh thị xã Đức Phổ", K::kAgency,
       "nguyen-nghiem"},
      {"agribank-duc-pho", "Agribank Chi nhánh thị xã Đức Phổ", K::kBusiness, "nguyen-nghiem"},
  };
}

std::vector<DemoUserSpec> DemoUsers() {
  using R = domain::Role;
  return {
      {"quantri", R::kAdmin, "cong-an-duc-pho", true},
      {"phantich.an", R::kAnalyst, "cong-an-duc-pho", true},
      {"phantich.binh", R::kAnalyst, "cong-an-duc-pho", true},
      {"thuongtruc.hoa", R::kProgrammeAdmin, "cong-an-duc-pho", false},
      {"ketoan.lan", R::kFinance, "ubnd-duc-pho", false},
      {"canbo.nguyennghiem", R::kUnitOfficer, "nguyen-nghiem", false},
      {"canbo.phominh", R::kUnitOfficer, "pho-minh", false},
      {"canbo.phoan", R::kUnitOfficer, "pho-an", false},
      {"canbo.thpt1", R::kUnitOfficer, "thpt-so-1-duc-pho", false},
      {"nguyen.van.tam", R::kMember, "pho-minh", false},
      {"tran.thi.mai", R::kMember, "thpt-so-1-duc-pho", false},
      {"le.minh.khoa", R::kMember, "agribank-duc-pho", false},
  };
}

std::vector<DemoReportSpec> DemoReports() {
  std::vector<DemoReportSpec> all = DemoMoneyScamReports();
  std::vector<DemoReportSpec> other = DemoOtherReports();
  all.insert(all.end(), other.begin(), other.end());
  return all;
}

std::vector<std::string_view> DemoTokenScopes() { return {"reports:read", "reports:triage"}; }

std::vector<std::string_view> DemoAnalysts() { return {"phantich.an", "phantich.binh"}; }

std::vector<DemoWarningSpec> DemoWarnings() {
  using W = domain::WarningKind;
  return {
      {W::kWarning,
       "canh-bao-gia-danh-cong-an-goi-dien-yeu-cau-chuyen-tien",
       "Cảnh báo giả danh công an gọi điện yêu cầu chuyển tiền",
       "Thời gian gần đây, nhiều người dân trên địa bàn thị xã Đức Phổ nhận cuộc gọi của đối "
       "tượng **tự xưng là cán bộ công an**, thông báo người nghe liên quan đến đường dây rửa "
       "tiền, ma túy, rồi yêu cầu chuyển tiền vào tài khoản \"tạm giữ\" để xác minh.\n\n"
       "Công an thị xã Đức Phổ khuyến cáo:\n\n"
       "- Công an **không làm việc qua điện thoại** và không bao giờ yêu cầu chuyển tiền;\n"
       "- không cung cấp mã OTP, số thẻ, không cài ứng dụng theo đường link lạ;\n"
       "- khi nhận cuộc gọi như vậy, hãy báo ngay cho công an phường, xã nơi cư trú.\n\n"
       "Các số điện thoại và tài khoản dưới đây đã được xác minh là của đối tượng lừa đảo.",
       84,
       true,
       {{"phone", "0869 412 357"},
        {"bank_account", "VietinBank 108873215566"},
        {"url", "http://dichvucong-bocongan.vip/dinh-danh"}},
       "fake_police"},
      {W::kWarning,
       "canh-bao-tin-nhan-gia-mao-ngan-hang-cap-nhat-sinh-trac-hoc",
       "Cảnh báo tin nhắn giả mạo ngân hàng yêu cầu cập nhật sinh trắc học",
       "Đối tượng gửi tin nhắn mạo danh ngân hàng, thông báo tài khoản sắp bị khóa vì chưa cập "
       "nhật sinh trắc học và kèm đường link đến trang web giả. Trang giả yêu cầu nhập số thẻ, "
       "mật khẩu và mã OTP, sau đó chiếm đoạt tiền trong tài khoản.\n\n"
       "Ngân hàng **không gửi đường link** yêu cầu cập nhật thông tin qua tin nhắn. Việc cập nhật "
       "sinh trắc học chỉ thực hiện trên ứng dụng chính thức của ngân hàng hoặc tại quầy giao "
       "dịch.",
       59,
       true,
       {{"url", "https://vcb-xacthuc-sinhtrachoc.com/kyc"},
        {"url", "https://vietcombank-hotro.top/dang-nhap"}},
       "bank_impersonation"},
      {W::kWarning,
       "canh-bao-lua-dao-viec-nhe-luong-cao-lam-nhiem-vu-online",
       "Cảnh báo lừa đảo \"việc nhẹ lương cao\", làm nhiệm vụ online qua Telegram",
       "Đối tượng mời tham gia nhóm Telegram, Zalo để làm \"nhiệm vụ\" thả tim, đánh giá sản "
       "phẩm, được trả hoa hồng nhỏ vài lần đầu, sau đó yêu cầu nạp tiền ngày càng lớn để "
       "\"mở khóa\" hoa hồng rồi chiếm đoạt.\n\n"
       "Không có công việc nào yêu cầu người làm **nạp tiền trước**. Người dân, đặc biệt là học "
       "sinh, sinh viên, cần cảnh giác với lời mời làm việc online thu nhập cao.",
       51,
       true,
       {{"social", "t.me/nhiemvu_tiktok_vn"},
        {"bank_account", "MB 0355829147"},
        {"bank_account", "TPBank 02468013579"}},
       "job_task"},
      {W::kWarning,
       "canh-bao-gia-shipper-thu-phi-giao-hang",
       "Cảnh báo giả shipper thu phí giao hàng qua đường link",
       "Bản nháp: tổng hợp các trường hợp giả nhân viên giao hàng gửi đường link thu phí giao "
       "hàng để đánh cắp thông tin thẻ. Chờ xác minh thêm trước khi đăng.",
       8,
       false,
       {{"domain", "ghtk-phigiaohang.top"}},
       "delivery"},
      {W::kClarification,
       "dinh-chinh-tin-don-bat-coc-tre-em-tai-phuong-pho-thanh",
       "Thông tin bắt cóc trẻ em tại phường Phổ Thạnh là sai sự thật",
       "Những ngày qua, trên mạng xã hội lan truyền thông tin có nhóm người đi xe 7 chỗ bắt cóc "
       "trẻ em tại phường Phổ Thạnh, khiến nhiều phụ huynh lo lắng.\n\n"
       "Công an thị xã Đức Phổ đã phối hợp với Công an phường Phổ Thạnh và các trường học trên địa "
       "bàn xác minh: **không có vụ bắt cóc trẻ em nào xảy ra**. Thông tin trên là sai sự thật.\n\n"
       "Đề nghị người dân bình tĩnh, không chia sẻ thông tin chưa được kiểm chứng; khi cần xác "
       "minh, liên hệ công an xã, phường hoặc gửi báo cáo trên Bình Yên.",
       36,
       true,
       {},
       "rumour"},
  };
}

}  // namespace binhyen::app::internal

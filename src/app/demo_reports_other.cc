// The demo's reports, part two: romance and extortion, fake accounts, rumours, reports that
// were not scams, fake apps, scholarships and bills, online shopping, and reports still open.
// As in part one, every phone, account, site and profile is invented.
#include "app/internal/demo_content.h"

namespace binhyen::app::internal {

std::vector<DemoReportSpec> DemoOtherReports() {
  using O = DemoOutcome;
  return {
      // --- Tình cảm, tống tiền (romance, sextortion).
      {"tinh-cam-1",
       50,
       "romance_sextortion",
       "",
       "Một người tự xưng Việt kiều Mỹ kết bạn với tôi qua Facebook "
       "facebook.com/daniel.tran.usa2024, hứa gửi quà về, sau đó \"hải quan\" gọi đòi 12 triệu phí "
       "nhận hàng vào tài khoản ACB 24681357.",
       {{"social", "facebook.com/daniel.tran.usa2024"}, {"bank_account", "ACB 24681357"}},
       12'000'000,
       O::kConfirmed,
       "Thủ đoạn làm quen qua mạng, gửi quà giả và giả danh hải quan thu phí. Tài khoản mạng xã "
       "hội và tài khoản nhận tiền đã được xác minh."},
      {"tinh-cam-2",
       25,
       "extortion",
       "",
       "Người lạ gọi video qua Telegram t.me/videocall_xinhxinh, ghi hình rồi dọa gửi video ghép "
       "cho gia đình nếu không chuyển 20 triệu.",
       {{"social", "t.me/videocall_xinhxinh"}},
       0,
       O::kConfirmed,
       "Tống tiền bằng video ghép. Không chuyển tiền; lưu lại bằng chứng và báo ngay công an."},
      {"tinh-cam-3",
       4,
       "romance_sextortion",
       "",
       "Có người làm quen qua Zalo 0768 203 519 rồi rủ đầu tư cùng, nói là kỹ sư làm việc ở "
       "Singapore.",
       {{"phone", "0768 203 519"}},
       0,
       O::kReceived},

      // --- Tài khoản mạo danh (fake accounts).
      {"mao-danh-1",
       68,
       "fake_account",
       "nguyen-nghiem",
       "Có tài khoản Facebook giả mạo thầy Hiệu trưởng Trường THPT số 1 Đức Phổ "
       "(facebook.com/hieutruong.thpt1ducpho), nhắn tin cho phụ huynh mượn tiền đóng học phí hộ.",
       {{"social", "facebook.com/hieutruong.thpt1ducpho"}},
       0,
       O::kConfirmed,
       "Tài khoản mạo danh đã được xác minh và báo cáo với Facebook. Nhà trường không bao giờ nhờ "
       "phụ huynh chuyển tiền qua tin nhắn."},
      {"mao-danh-2",
       42,
       "fake_account",
       "pho-chau",
       "Zalo mang tên và ảnh Chủ tịch UBND xã Phổ Châu (số 0789 260 415) nhắn cán bộ xã mua giúp "
       "10 thẻ cào 500 nghìn.",
       {{"social", "zalo 0789 260 415"}},
       0,
       O::kConfirmed,
       "Tài khoản Zalo mạo danh lãnh đạo xã. Mọi yêu cầu về tiền phải được xác nhận trực tiếp."},
      {"mao-danh-3",
       18,
       "account_takeover",
       "",
       "Zalo của chồng tôi bị chiếm, kẻ gian nhắn tin cho người thân mượn 5 triệu chuyển vào "
       "Vietcombank 1027 3645 8190.",
       {{"bank_account", "Vietcombank 102736458190"}},
       0,
       O::kTriagingAssigned},
      {"mao-danh-4",
       1,
       "fake_account",
       "",
       "Fanpage giả \"UBND thị xã Đức Phổ hỗ trợ người dân\" facebook.com/ubnd.ducpho.hotro "
       "thu phí làm hồ sơ trợ cấp.",
       {{"social", "facebook.com/ubnd.ducpho.hotro"}},
       0,
       O::kReceived},

      // --- Tin đồn (rumours): answered with a clarification, never by watching who shares them.
      {"tin-don-1",
       38,
       "rumour",
       "pho-thanh",
       "Trên Facebook lan truyền tin có nhóm người đi xe 7 chỗ bắt cóc trẻ em ở phường Phổ Thạnh, "
       "nhiều "
       "phụ huynh hoang mang không dám cho con đi học.",
       {},
       0,
       O::kConfirmed,
       "Công an thị xã đã xác minh: không có vụ bắt cóc nào. Thông tin là sai sự thật, xem bài "
       "đính chính trên cổng thông tin."},
      {"tin-don-2",
       37,
       "rumour",
       "pho-thanh",
       "Nghe tin bắt cóc trẻ em bằng xe 7 chỗ ở Phổ Thạnh, đề nghị công an kiểm tra.",
       {},
       0,
       O::kDuplicate,
       "Cùng tin đồn đã được xác minh và đính chính.",
       "tin-don-1"},
      {"tin-don-3",
       22,
       "rumour",
       "",
       "Nghe nói Chủ nhật tuần sau cắt điện cả ngày toàn thị xã, không biết có thật không.",
       {},
       0,
       O::kRejected,
       "Thông tin có thật: Điện lực Đức Phổ đã thông báo lịch cắt điện bảo trì, không phải tin "
       "đồn."},

      // --- Rejected: not scams.
      {"khong-lua-1",
       78,
       "phishing",
       "pho-hoa",
       "Tôi nhận tin nhắn Vietcombank báo biến động số dư, nghi là giả.",
       {},
       0,
       O::kRejected,
       "Tin nhắn thật của ngân hàng (tên người gửi chính thức, không có đường link), không phải "
       "lừa đảo."},
      {"khong-lua-2",
       33,
       "spam",
       "",
       "Số 0905 318 276 gọi nhiều lần quảng cáo bán đất nền ven biển.",
       {{"phone", "0905 318 276"}},
       0,
       O::kRejected,
       "Cuộc gọi quảng cáo, không có dấu hiệu lừa đảo. Đề nghị phản ánh cuộc gọi rác tới đầu số "
       "156 của nhà mạng."},
      {"khong-lua-3",
       23,
       "phishing",
       "",
       "Có người gửi link https://dichvucong.gov.vn bảo nộp hồ sơ trực tuyến, không biết thật hay "
       "giả.",
       {{"url", "https://dichvucong.gov.vn"}},
       0,
       O::kRejected,
       "Đây là Cổng Dịch vụ công quốc gia chính thức."},
      {"khong-lua-4",
       11,
       "other",
       "",
       "Báo cáo thử nghiệm khi tập huấn sử dụng hệ thống tại phường.",
       {},
       0,
       O::kRejected,
       "Báo cáo thử nghiệm khi tập huấn, không có nội dung cần xử lý."},

      // --- Ứng dụng giả, mã độc (fake apps, malware).
      {"ung-dung-1",
       54,
       "fake_app",
       "pho-quang",
       "Người xưng cán bộ thuế gọi hướng dẫn cài ứng dụng eTax từ link "
       "http://etax-gdt-gov.top/etax.apk để quyết toán thuế. Sau khi cài, điện thoại bị điều khiển "
       "và tài khoản ngân hàng bị rút 96 triệu.",
       {{"url", "http://etax-gdt-gov.top/etax.apk"}},
       96'000'000,
       O::kConfirmed,
       "Ứng dụng giả mạo Tổng cục Thuế có mã độc chiếm quyền điều khiển điện thoại. Chỉ cài ứng "
       "dụng từ kho chính thức."},
      {"ung-dung-2",
       31,
       "fake_app",
       "pho-vinh",
       "Người xưng nhân viên điện lực báo nợ tiền điện, bảo cài ứng dụng EVN CSKH từ "
       "https://evn-cskh-vn.top/app để thanh toán, nếu không sẽ cắt điện trong ngày.",
       {{"url", "https://evn-cskh-vn.top/app"}},
       0,
       O::kConfirmed,
       "Ứng dụng giả mạo ngành điện. Điện lực không yêu cầu cài ứng dụng qua đường link."},
      {"ung-dung-3",
       16,
       "malware",
       "",
       "Tin nhắn Messenger gửi file \"danh_sach_ho_tro.apk\" từ tài khoản của bạn tôi, tôi chưa "
       "mở.",
       {},
       0,
       O::kTriaging},

      // --- Học bổng, hóa đơn giả (scholarship, fake bills).
      {"hoc-bong-1",
       44,
       "scholarship",
       "pho-minh",
       "Học sinh Trường THCS Phổ Minh nhận tin nhắn trúng học bổng du học Úc, phải nộp 5 triệu phí "
       "hồ sơ vào tài khoản Sacombank 060271839245.",
       {{"bank_account", "Sacombank 060271839245"}},
       5'000'000,
       O::kConfirmed,
       "Học bổng giả. Học bổng thật không thu phí hồ sơ qua chuyển khoản cá nhân."},
      {"hoa-don-1",
       6,
       "fake_bill",
       "",
       "Email gửi hóa đơn tiền điện tháng này từ địa chỉ cskh@evn-hoadon.top, có file đính kèm "
       "đòi bật macro.",
       {{"email", "cskh@evn-hoadon.top"}},
       0,
       O::kReceived},

      // --- Mua hàng online (bank fraud): one account, two victims.
      {"mua-hang-1",
       48,
       "bank_fraud",
       "pho-nhon",
       "Mua tivi trên trang Facebook \"Điện máy giá kho Quảng Ngãi\" "
       "(facebook.com/dienmaygiakho.qng), chuyển cọc 3 triệu vào ACB 35792468 rồi bị chặn.",
       {{"social", "facebook.com/dienmaygiakho.qng"}, {"bank_account", "ACB 35792468"}},
       3'000'000,
       O::kConfirmed,
       "Trang bán hàng lừa đảo nhận cọc rồi chặn liên lạc. Đã xác minh trang và tài khoản nhận "
       "tiền."},
      {"mua-hang-2",
       29,
       "bank_fraud",
       "pho-cuong",
       "Đặt mua tủ lạnh giá rẻ, người bán yêu cầu chuyển khoản trước vào ACB 35792468, sau đó "
       "không giao hàng.",
       {{"bank_account", "ACB 35792468"}},
       4'500'000,
       O::kConfirmed,
       "Cùng tài khoản nhận tiền lừa đảo đã được xác minh."},

      // --- Others still open.
      {"nha-mang-1",
       26,
       "scam_call",
       "",
       "Số 0819 642 073 xưng nhân viên nhà mạng báo sim sắp bị khóa do chưa chuẩn hóa thông tin, "
       "yêu cầu cung cấp mã OTP.",
       {{"phone", "0819 642 073"}},
       0,
       O::kTriagingAssigned},
      {"co-bac-1",
       19,
       "spam",
       "",
       "Tin nhắn mời chơi cá cược bóng đá tặng 888 nghìn khi nạp lần đầu trên "
       "https://nhacai-uytin88.club.",
       {{"url", "https://nhacai-uytin88.club"}},
       0,
       O::kConfirmed,
       "Trang cờ bạc trực tuyến trái phép."},
      {"van-hoa-1",
       14,
       "scam_call",
       "",
       "Người xưng cán bộ Phòng Văn hóa - Thông tin gọi xin danh sách học sinh và số điện thoại "
       "phụ huynh để \"phát quà\".",
       {},
       0,
       O::kTriaging},
      {"phat-nguoi-1",
       8,
       "fake_police",
       "",
       "Tin nhắn báo xe của tôi bị phạt nguội, yêu cầu tra cứu và nộp phạt tại "
       "https://csgt-phatnguoi.top/tra-cuu trong 24 giờ.",
       {{"url", "https://csgt-phatnguoi.top/tra-cuu"}},
       0,
       O::kTriagingAssigned},
      {"tong-tien-1",
       2,
       "extortion",
       "",
       "Nhận email dọa đã quay lén qua camera máy tính, đòi 500 USD bằng tiền ảo nếu không sẽ "
       "gửi video cho bạn bè.",
       {},
       0,
       O::kReceived},
      {"chung-khoan-1",
       1,
       "investment",
       "",
       "Nhóm Zalo \"Chuyên gia chứng khoán\" mời tham gia sàn https://vn-stockpro.vip, cam kết "
       "lãi 5% mỗi ngày.",
       {{"url", "https://vn-stockpro.vip"}},
       0,
       O::kReceived},
      {"trung-thuong-4",
       0,
       "prize",
       "",
       "Tin nhắn Zalo báo trúng iPhone 16 từ vòng quay may mắn, yêu cầu chuyển 299 nghìn phí vận "
       "chuyển vào Vietcombank 1019 8847 2203.",
       {{"bank_account", "Vietcombank 101988472203"}},
       0,
       O::kReceived},
  };
}

}  // namespace binhyen::app::internal

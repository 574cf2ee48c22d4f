// The demo's reports, part one (scams for money): what residents of Đức Phổ report, and what the
// analysts decided. The phone numbers, accounts, sites and profiles are invented (the sites on
// domains nobody should own); several reports share them, as real campaigns hit many people, and
// some texts are near-identical copies of one scam message, so that intake links them.
#include "app/internal/demo_content.h"

namespace binhyen::app::internal {

std::vector<DemoReportSpec> DemoMoneyScamReports() {
  using O = DemoOutcome;
  return {
      // --- Giả danh công an (fake police): one phone and one "holding" account, many victims.
      {"cong-an-1",
       86,
       "fake_police",
       "pho-minh",
       "Sáng nay tôi nhận cuộc gọi từ số 0869 412 357, người gọi xưng là cán bộ Công an thị xã Đức "
       "Phổ, nói tôi liên quan đến một đường dây rửa tiền và yêu cầu chuyển toàn bộ tiền tiết kiệm "
       "vào tài khoản VietinBank 108873215566 để \"xác minh\", nếu không sẽ bị bắt tạm giam. Tôi "
       "đã chuyển 45 triệu đồng rồi mới biết bị lừa.",
       {{"phone", "0869 412 357"}, {"bank_account", "VietinBank 108873215566"}},
       45'000'000,
       O::kConfirmed,
       "Công an thị xã Đức Phổ xác nhận đây là thủ đoạn giả danh công an. Công an không bao giờ "
       "làm việc hay yêu cầu chuyển tiền qua điện thoại. Vụ việc đã được chuyển bộ phận điều tra."},
      {"cong-an-2",
       85,
       "fake_police",
       "pho-minh",
       "Tôi báo giúp mẹ tôi: hôm qua mẹ bị một người gọi từ số 0869412357 tự xưng công an thị xã, "
       "dọa liên quan rửa tiền và bắt chuyển 45 triệu vào tài khoản VietinBank 108873215566.",
       {{"phone", "0869412357"}},
       45'000'000,
       O::kDuplicate,
       "Cùng vụ việc đã báo trước đó (người nhà báo lại).",
       "cong-an-1"},
      {"cong-an-3",
       80,
       "fake_police",
       "pho-quang",
       "Người gọi từ số 0869 412 357 xưng công an, nói căn cước của tôi chưa được định danh mức 2, "
       "gửi qua Zalo đường link http://dichvucong-bocongan.vip/dinh-danh để cài ứng dụng VNeID "
       "\"mới\". Tôi thấy nghi nên không cài.",
       {{"url", "http://dichvucong-bocongan.vip/dinh-danh"}},
       0,
       O::kConfirmed,
       "Đường link giả mạo Cổng dịch vụ công, cài ứng dụng độc hại để chiếm tài khoản ngân hàng. "
       "Ứng dụng VNeID chỉ tải từ App Store hoặc Google Play."},
      {"cong-an-4",
       45,
       "fake_police",
       "",
       "Số 0392 718 604 gọi cho bố tôi, xưng là Công an tỉnh Quảng Ngãi, nói bố có liên quan vụ ma "
       "túy, yêu cầu chuyển 120 triệu vào tài khoản VietinBank 108873215566 để \"phong tỏa\".",
       {{"phone", "0392 718 604"}, {"bank_account", "VietinBank 1088 7321 5566"}},
       0,
       O::kTriagingAssigned},
      {"cong-an-5",
       3,
       "scam_call",
       "",
       "Số 0869 412 357 lại gọi, vẫn xưng là công an thị xã, yêu cầu tôi đến nơi vắng người để "
       "\"làm việc trực tuyến\" qua Zalo.",
       {},
       0,
       O::kReceived},

      // --- Tin nhắn giả ngân hàng (fake bank SMS with a phishing link).
      {"ngan-hang-1",
       75,
       "bank_impersonation",
       "nguyen-nghiem",
       "Tôi nhận tin nhắn: \"Vietcombank: Tai khoan cua Quy khach se bi tam khoa do chua cap nhat "
       "sinh trac hoc. Vui long truy cap https://vcb-xacthuc-sinhtrachoc.com/kyc de cap nhat.\" "
       "Tôi vào thử thì trang đòi số thẻ và mã OTP.",
       {{"url", "https://vcb-xacthuc-sinhtrachoc.com/kyc"}},
       0,
       O::kConfirmed,
       "Trang web giả mạo Vietcombank để đánh cắp thông tin thẻ và mã OTP. Ngân hàng không gửi "
       "đường link yêu cầu cập nhật sinh trắc học qua tin nhắn."},
      {"ngan-hang-2",
       74,
       "phishing",
       "",
       "Cũng tin nhắn Vietcombank đòi cập nhật sinh trắc học, link "
       "vcb-xacthuc-sinhtrachoc.com/kyc.",
       {},
       0,
       O::kDuplicate,
       "Cùng tin nhắn đã được xác minh ở báo cáo trước.",
       "ngan-hang-1"},
      {"ngan-hang-3",
       73,
       "phishing",
       "pho-hoa",
       "Tin nhắn giả Vietcombank gửi link https://vcb-xacthuc-sinhtrachoc.com/kyc, mẹ tôi đã nhập "
       "số thẻ nhưng chưa nhập OTP.",
       {},
       0,
       O::kDuplicate,
       "Cùng tin nhắn đã được xác minh ở báo cáo trước.",
       "ngan-hang-1"},
      {"ngan-hang-4",
       60,
       "bank_impersonation",
       "pho-vinh",
       "Có tin nhắn mang tên Vietcombank báo tài khoản bị trừ phí dịch vụ, bấm vào "
       "https://vietcombank-hotro.top/dang-nhap để hủy. Tôi đăng nhập và nhập mã OTP, sau đó tài "
       "khoản bị chuyển mất 18,5 triệu đồng.",
       {{"url", "https://vietcombank-hotro.top/dang-nhap"}},
       18'500'000,
       O::kConfirmed,
       "Trang giả mạo Vietcombank đã được xác minh. Đề nghị khóa ngay thẻ, đổi mật khẩu và báo "
       "ngân hàng; không bao giờ nhập mã OTP trên trang web lạ."},
      {"ngan-hang-5",
       20,
       "phishing",
       "",
       "Tin nhắn \"Agribank thông báo: tài khoản của quý khách sắp hết hạn xác thực, truy cập "
       "agribank-capnhat.xyz để gia hạn\". Tôi chưa bấm vào.",
       {{"domain", "agribank-capnhat.xyz"}},
       0,
       O::kTriaging},
      {"ngan-hang-6",
       2,
       "bank_impersonation",
       "",
       "Nhận cuộc gọi xưng nhân viên BIDV, nói thẻ tín dụng của tôi bị mở trái phép, đòi đọc mã "
       "OTP "
       "để hủy. Số gọi đến 0833 905 271.",
       {{"phone", "0833 905 271"}},
       0,
       O::kReceived},

      // --- Tin nhắn "khoản vay được duyệt" (one message, many copies, another phone each).
      {"vay-sms-1",
       58,
       "spam",
       "",
       "[Thong bao] Ban da duoc duyet khoan vay 50.000.000d lai suat 0%, giai ngan trong 5 phut, "
       "khong can the chap. Lien he Zalo 0587 214 963 de nhan tien ngay, chi can CCCD.",
       {},
       0,
       O::kConfirmed,
       "Tin nhắn rác mời vay để lấy cắp thông tin căn cước và lừa nộp phí. Số Zalo đã được đưa "
       "vào danh sách cảnh báo."},
      {"vay-sms-2",
       57,
       "spam",
       "",
       "[Thông báo] Bạn đã được duyệt khoản vay 50.000.000đ lãi suất 0%, giải ngân trong 5 phút, "
       "không cần thế chấp. Liên hệ Zalo 0567 338 120 để nhận tiền ngay, chỉ cần CCCD!",
       {},
       0,
       O::kConfirmed,
       "Cùng mẫu tin nhắn rác mời vay, số Zalo khác. Đã đưa vào danh sách cảnh báo."},
      {"vay-sms-3",
       40,
       "spam",
       "",
       "[THONG BAO] BAN DA DUOC DUYET KHOAN VAY 50.000.000D LAI SUAT 0%, GIAI NGAN TRONG 5 PHUT, "
       "KHONG CAN THE CHAP. LIEN HE ZALO 0599 471 052 DE NHAN TIEN NGAY, CHI CAN CCCD.",
       {},
       0,
       O::kReceived},
      {"vay-sms-4",
       10,
       "spam",
       "",
       "[Thong bao] Ban da duoc duyet khoan vay 50.000.000d lai suat 0%, giai ngan trong 5 phut "
       "khong can the chap; lien he Zalo 0586.902.337 de nhan tien ngay - chi can CCCD",
       {},
       0,
       O::kReceived},

      // --- Việc nhẹ lương cao, làm nhiệm vụ trên Telegram (job / task scams).
      {"nhiem-vu-1",
       70,
       "job_task",
       "pho-thanh",
       "Em được mời vào nhóm Telegram t.me/nhiemvu_tiktok_vn làm nhiệm vụ thả tim TikTok nhận hoa "
       "hồng. Mấy lần đầu được trả 50 nghìn, sau đó phải nạp tiền làm \"nhiệm vụ combo\". Em nạp "
       "3 lần tổng 27 triệu vào tài khoản MB Bank 0355829147 thì không rút được nữa.",
       {{"social", "t.me/nhiemvu_tiktok_vn"}, {"bank_account", "MB 0355829147"}},
       27'000'000,
       O::kConfirmed,
       "Thủ đoạn \"việc nhẹ lương cao\" làm nhiệm vụ online. Nhóm Telegram và tài khoản nhận tiền "
       "đã được xác minh; không nạp thêm tiền với bất kỳ lý do nào."},
      {"nhiem-vu-2",
       52,
       "job_task",
       "pho-van",
       "Chị tôi làm nhiệm vụ đánh giá sản phẩm qua nhóm t.me/nhiemvu_tiktok_vn, bị yêu cầu chuyển "
       "khoản vào TPBank 02468013579 để \"mở khóa hoa hồng\", mất 8 triệu.",
       {{"bank_account", "TPBank 02468013579"}},
       8'000'000,
       O::kConfirmed,
       "Cùng nhóm Telegram lừa đảo làm nhiệm vụ; tài khoản TPBank nhận tiền đã được xác minh."},
      {"nhiem-vu-3",
       30,
       "job_task",
       "",
       "Một người trên Zalo 0798 516 204 tuyển cộng tác viên chốt đơn Shopee tại nhà, yêu cầu "
       "đặt cọc 2 triệu để nhận đơn hàng đầu tiên.",
       {{"phone", "0798 516 204"}},
       2'000'000,
       O::kTriagingAssigned},
      {"nhiem-vu-4",
       13,
       "job_task",
       "",
       "Em bị lừa làm nhiệm vụ trong nhóm Telegram t.me/nhiemvu_tiktok_vn, chuyển vào TPBank "
       "02468013579 mất 8 triệu (báo lại lần hai vì chưa thấy phản hồi).",
       {},
       8'000'000,
       O::kDuplicate,
       "Trùng với báo cáo đã được xác minh trước đó.",
       "nhiem-vu-2"},
      {"nhiem-vu-5",
       5,
       "job_task",
       "",
       "Trang https://shopee-tuyendung.cc tuyển nhân viên làm online 300-500 nghìn/ngày, yêu cầu "
       "gửi ảnh căn cước hai mặt và nạp 500 nghìn phí kích hoạt.",
       {{"url", "https://shopee-tuyendung.cc"}},
       0,
       O::kReceived},

      // --- Ứng dụng vay tiền (loan apps) and the extortion that follows.
      {"vay-app-1",
       66,
       "loan",
       "pho-ninh",
       "Tôi vay 2 triệu qua ứng dụng \"Vay Tiền Nhanh 24h\" tải từ "
       "http://vaynhanh24h-online.xyz/app.apk, "
       "chỉ nhận 1,3 triệu, một tuần sau bị đòi 4 triệu. Số 0523 887 146 gọi dọa đăng ảnh tôi lên "
       "mạng và gọi cho toàn bộ danh bạ.",
       {{"url", "http://vaynhanh24h-online.xyz/app.apk"}, {"phone", "0523 887 146"}},
       1'300'000,
       O::kConfirmed,
       "Ứng dụng cho vay trái phép, đánh cắp danh bạ. Người dân không cài ứng dụng từ đường link "
       "lạ; bị đe dọa hãy báo ngay công an xã, phường."},
      {"vay-app-2",
       35,
       "extortion",
       "pho-ninh",
       "Bị khủng bố điện thoại từ số 0523887146, gửi ảnh ghép của tôi cho đồng nghiệp, đòi trả "
       "thêm 3 triệu tiền \"phí trễ hạn\".",
       {},
       0,
       O::kConfirmed,
       "Số điện thoại đòi nợ và đe dọa đã được xác minh."},
      {"vay-app-3",
       12,
       "loan",
       "",
       "Ứng dụng vay online \"Tín Dụng Xanh\" yêu cầu chuyển 990 nghìn phí bảo hiểm khoản vay vào "
       "tài khoản Sacombank 060184527391 trước khi giải ngân.",
       {{"bank_account", "Sacombank 060184527391"}},
       990'000,
       O::kReceived},

      // --- Phí giao hàng giả (fake delivery fees).
      {"giao-hang-1",
       64,
       "delivery",
       "pho-an",
       "Người xưng shipper gọi từ số 0707 334 812, nói có đơn hàng gửi cho tôi, yêu cầu chuyển "
       "35 nghìn phí ship qua đường link ghtk-phigiaohang.top. Sau khi nhập thông tin thẻ thì bị "
       "trừ 6 triệu.",
       {{"phone", "0707 334 812"}, {"domain", "ghtk-phigiaohang.top"}},
       6'000'000,
       O::kConfirmed,
       "Thủ đoạn giả shipper thu phí giao hàng. Chỉ thanh toán trực tiếp cho người giao hàng khi "
       "nhận hàng, không nhập thông tin thẻ trên đường link lạ."},
      {"giao-hang-2",
       28,
       "delivery",
       "pho-khanh",
       "Có shipper Viettel Post gọi từ số 0981 447 205 hẹn giao hàng, tôi không đặt gì nên nghi "
       "lừa đảo.",
       {{"phone", "0981 447 205"}},
       0,
       O::kRejected,
       "Đã xác minh với bưu cục Viettel Post Đức Phổ: đây là số của nhân viên giao hàng thật, đơn "
       "hàng do người thân gửi. Không có dấu hiệu lừa đảo."},
      {"giao-hang-3",
       9,
       "delivery",
       "",
       "Tin nhắn báo bưu phẩm bị giữ tại kho do sai địa chỉ, yêu cầu cập nhật địa chỉ và trả phí "
       "qua https://vnpost-capnhat-diachi.top/phi.",
       {{"url", "https://vnpost-capnhat-diachi.top/phi"}},
       0,
       O::kTriaging},

      // --- Đầu tư tài chính (investment groups).
      {"dau-tu-1",
       62,
       "investment",
       "pho-chau",
       "Tôi được kéo vào nhóm Zalo \"Cộng đồng đầu tư vàng quốc tế\", được hướng dẫn mở tài khoản "
       "trên sàn https://vangquocte-fx.vip, lãi 30% mỗi tháng. Tôi nạp tổng 210 triệu vào tài "
       "khoản Techcombank 19036688123011, giờ không rút được và bị xóa khỏi nhóm.",
       {{"url", "https://vangquocte-fx.vip"}, {"bank_account", "Techcombank 19036688123011"}},
       210'000'000,
       O::kConfirmed,
       "Sàn giao dịch vàng, ngoại hối không được cấp phép. Đã xác minh và chuyển hồ sơ cho cơ "
       "quan điều tra."},
      {"dau-tu-2",
       47,
       "investment",
       "pho-chau",
       "Báo lại vụ sàn vangquocte-fx.vip của tôi (đã báo qua trường của con): nạp 210 triệu vào "
       "Techcombank 19036688123011 không rút được.",
       {},
       210'000'000,
       O::kDuplicate,
       "Cùng vụ việc đã báo trước đó.",
       "dau-tu-1"},
      {"dau-tu-3",
       15,
       "investment",
       "",
       "Nhóm Telegram t.me/tiencoso_x10 mời mua đồng tiền ảo \"VNC\" hứa lãi gấp 10 lần sau 1 "
       "tháng, yêu cầu chuyển tiền qua MoMo 0776 149 382.",
       {{"social", "t.me/tiencoso_x10"}, {"phone", "0776 149 382"}},
       0,
       O::kTriagingAssigned},

      // --- Trúng thưởng (prize scams).
      {"trung-thuong-1",
       56,
       "prize",
       "pho-phong",
       "Nhận tin nhắn chúc mừng trúng xe SH trong chương trình tri ân khách hàng Shopee, phải nộp "
       "2,5 triệu phí trước bạ qua trang http://shopee-trian-khachhang.top/nhan-giai.",
       {{"url", "http://shopee-trian-khachhang.top/nhan-giai"}},
       2'500'000,
       O::kConfirmed,
       "Chương trình trúng thưởng giả mạo Shopee. Không có giải thưởng nào yêu cầu nộp phí trước."},
      {"trung-thuong-2",
       55,
       "prize",
       "pho-phong",
       "Tin nhắn trúng xe SH của Shopee, trang shopee-trian-khachhang.top đòi 2,5 triệu phí.",
       {},
       0,
       O::kDuplicate,
       "Cùng tin nhắn đã được xác minh.",
       "trung-thuong-1"},
      {"trung-thuong-3",
       7,
       "prize",
       "",
       "Cuộc gọi báo trúng thưởng 50 triệu dịp \"tri ân 20 năm\" của nhà mạng, yêu cầu mua thẻ cào "
       "500 nghìn để nhận giải. Số gọi 0845 610 293.",
       {{"phone", "0845 610 293"}},
       0,
       O::kReceived},

  };
}

}  // namespace binhyen::app::internal

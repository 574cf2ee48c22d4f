// The built-in rule set (data/scan/rules.toml): every rule matches an example written for it,
// obfuscated spellings still match, and ordinary messages stay below the noise floor.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scan/rules.h"
#include "text/matching.h"

namespace binhyen::scan {
namespace {

struct Example {
  std::string_view rule;
  std::string_view text;  // as a person would receive it: diacritics, teencode, obfuscation
};

// At least one example per built-in rule, written for this test (not taken from any corpus).
constexpr Example kExamples[] = {
    // Fake police, prosecutor, court. Three spellings of the same script.
    {"police.transfer",
     "CÔNG AN QUẬN thông báo: chị phải CHUYỂN TIỀN vào tài khoản chỉ định để xác minh."},
    {"police.transfer", "c.ô.n.g a.n yêu cầu anh c.h.u.y.ể.n t.i.ề.n ngay để phục vụ điều tra"},
    {"police.transfer", "cong an phuong goi bao chuyen khoan de kiem tra nguon tien"},
    {"police.transfer", "Ông phải nộp tiền theo hướng dẫn của cơ quan điều tra trong hôm nay."},
    {"police.case_involvement", "Anh có liên quan đến một đường dây rửa tiền xuyên quốc gia."},
    {"police.case_involvement",
     "Cơ quan đang điều tra đường dây ma túy, số CCCD của bạn có liên quan."},
    {"police.money_laundering", "Tài khoản của bà đang bị kẻ gian sử dụng vào giao dịch phi pháp."},
    {"police.summons", "Đã có lệnh bắt tạm giam đối với anh, yêu cầu hợp tác."},
    {"police.summons", "Viện kiểm sát triệu tập chị khẩn trong sáng mai."},
    {"police.investigation_secret", "Đây là bí mật điều tra, chị không được để lộ."},
    {"police.phone_work", "Cán bộ sẽ lấy lời khai qua Zalo, anh bật camera lên."},
    {"police.officer_rank",
     "Tôi là thiếu tá Nguyễn Văn Hùng, đề nghị anh liên hệ để làm rõ hồ sơ."},
    {"police.officer_rank", "Chị giữ máy, tôi chuyển máy cho điều tra viên ngay."},
    {"police.traffic_fine",
     "Xe biển số 30A-12345 bị phạt nguội, nộp phạt tại link csgt-vn.top trước 17h."},
    {"police.asset_freeze",
     "Cơ quan chức năng sẽ phong tỏa toàn bộ tài sản của ông nếu không hợp tác."},
    // Bank and e-wallet impersonation.
    {"bank.account_locked", "Tài khoản của quý khách đã bị tạm khóa do vi phạm điều khoản."},
    {"bank.biometric", "Quý khách cần cập nhật sinh trắc học trước 01/07."},
    {"bank.biometric_link",
     "Thực hiện xác thực khuôn mặt (sinh trắc) tại đường dẫn bên dưới để tiếp tục giao dịch."},
    {"bank.login_link", "Vui lòng xác minh tài khoản tại website vietcombank-online.com.vn-xt.top"},
    {"bank.unusual_login", "Phát hiện đăng nhập lạ trên thiết bị Samsung A52."},
    {"bank.credit_limit", "Chúc mừng quý khách được nâng hạn mức thẻ tín dụng lên 100 triệu."},
    {"bank.reward_points",
     "Điểm thưởng VCB Rewards của bạn sắp hết hạn, đổi quà ngay tại vcbrewards.vip"},
    {"bank.ewallet", "[MoMo] Ví của bạn bị khóa tạm thời, xác minh lại thông tin để mở."},
    {"bank.brand_with_link",
     "Vietcombank: Giao dich cua ban dang cho xac nhan, chi tiet: https://vcb.com-vn.info"},
    // OTP, password, card details.
    {"cred.otp_request", "Anh vui lòng đọc mã OTP vừa nhận để nhân viên hoàn tất hồ sơ."},
    {"cred.otp_request", "Bạn gửi lại cho mình mã OTP nhé, mình đang kích hoạt giúp."},
    {"cred.otp_request", "Bộ phận an ninh yêu cầu bạn cung cấp mã OTP để hủy giao dịch."},
    {"cred.password_card", "Quý khách vui lòng cung cấp 3 số mặt sau thẻ để xác nhận hoàn tiền."},
    {"cred.wrong_otp", "Em xin lỗi, em bấm nhầm mã OTP sang số của chị."},
    {"cred.remote_control", "Chú cài giúp cháu ứng dụng UltraViewer để cán bộ hỗ trợ từ xa."},
    {"cred.screen_share",
     "Anh chia sẻ màn hình cho em để em hướng dẫn thao tác trên ứng dụng ngân hàng."},
    {"cred.otp_request_en",
     "Hi, I sent you a code by mistake, can you send me the 6-digit code please?"},
    {"en_phish.verify", "Reply with your card details to verify your age."},
    // Loans and debt.
    {"loan.easy_terms", "Hỗ trợ vay 50 triệu chỉ cần CCCD, duyệt nhanh trong 10 phút."},
    {"loan.fee_before_payout",
     "Để giải ngân khoản vay, anh cần chuyển phí bảo hiểm 1.500.000đ trước."},
    {"loan.fee_before_payout", "Chỉ cần đóng phí bảo đảm khoản vay 3 triệu là giải ngân liền."},
    {"loan.harassment",
     "Khoản nợ của mày đã quá hạn 5 ngày, tao sẽ gọi cho toàn bộ danh bạ và đồng nghiệp."},
    {"loan.harassment", "Mày quá hạn 3 ngày rồi, tao gửi ảnh mày cho cả họ hàng."},
    {"loan.app", "Vay online lãi thấp, giải ngân trong ngày!"},
    {"loan.bad_debt", "Nhận xóa nợ xấu CIC, vay lại được ngay."},
    // Delivery, customs.
    {"delivery.fee_link",
     "Đơn hàng của bạn giao không thành công, vui lòng cập nhật địa chỉ tại "
     "https://vnpost-giaohang.top"},
    {"delivery.customs_fee",
     "Kiện hàng của chị đang bị giữ tại hải quan, cần nộp phí thông quan 3 triệu."},
    {"delivery.customs_fee", "Bưu kiện cần đóng thuế nhập khẩu trước khi giao."},
    {"delivery.failed", "Đơn hàng SPX123 của bạn không thể giao do sai địa chỉ."},
    {"delivery.fake_shipper",
     "Shipper báo có đơn hàng, bảo em kết bạn Zalo để chuyển khoản phí ship."},
    {"delivery.pay_first", "Chị thanh toán trước phí ship 30k giúp em nhé."},
    // Online jobs.
    {"job.easy_money", "Việc nhẹ lương cao, làm tại nhà!"},
    {"job.easy_money", "Thu nhập từ 300k mỗi ngày chỉ với điện thoại."},
    {"job.task", "Hoàn thành nhiệm vụ online nhận hoa hồng 15%."},
    {"job.task", "Bạn cần làm nhiệm vụ kết hợp để rút được tiền."},
    {"job.task", "Cần người đánh giá 5 sao khách sạn trên Google Maps, mỗi đánh giá 50k."},
    {"job.commission", "Nhận hoa hồng ngay sau mỗi đơn."},
    {"job.deposit", "Em nạp thêm 5 triệu để hoàn thành nhiệm vụ rồi rút cả gốc lẫn lãi."},
    {"job.deposit", "Em đã hoàn thành 3 nhiệm vụ, giờ cần nạp 10 triệu mới rút được tiền."},
    {"job.recruit_online", "Cần gấp 20 cộng tác viên online, không cần kinh nghiệm."},
    {"job.platform_name", "Shopee tuyển cộng tác viên tăng đơn hàng, lương theo ngày."},
    {"job.no_experience", "Không cần kinh nghiệm, thu nhập 8-10 triệu/tháng."},
    {"job.chat_app", "Kết bạn Zalo 0901234567 để nhận việc ngay."},
    // Investment.
    {"invest.guaranteed_profit", "Lợi nhuận 5%/ngày, cam kết hoàn vốn nếu thua lỗ."},
    {"invest.crypto_profit", "Đầu tư USDT trên sàn quốc tế, lợi nhuận 30% một tháng."},
    {"invest.crypto_mention", "Mở ví USDT miễn phí."},
    {"invest.expert_group", "Tham gia nhóm VIP chứng khoán, chuyên gia phím hàng mỗi sáng."},
    {"invest.expert_group", "Em có tin nội bộ, mã cổ phiếu này sắp tăng trần."},
    {"invest.withdraw_fee", "Muốn rút lợi nhuận, anh phải nộp thêm 20% phí ký quỹ."},
    {"invest.referral", "Giới thiệu bạn bè tham gia nhận 10% hoa hồng tuyến dưới."},
    {"invest.english", "Join our crypto trading platform and earn a guaranteed profit every week."},
    // Prizes and gifts.
    {"prize.won", "Chúc mừng thuê bao 0912xxx678 đã trúng thưởng xe SH 150i."},
    {"prize.fee", "Quý khách vui lòng chuyển khoản để nhận thưởng trị giá 200 triệu."},
    {"prize.fee", "Phí nhận thưởng là 2.500.000đ."},
    {"prize.fee", "Giải thưởng của bạn cần nộp thuế thu nhập cá nhân 10% trước khi nhận."},
    {"prize.promotion", "Chương trình tri ân khách hàng nhân dịp 20 năm thành lập."},
    {"prize.value", "Phần thưởng trị giá 100.000.000đ đang chờ bạn."},
    {"prize.claim_contact", "Để nhận quà, vui lòng liên hệ tổng đài 0899xxxxxx."},
    // Romance, sextortion.
    {"romance.intimate_media", "Anh có giữ clip nóng của em đấy."},
    {"romance.sextortion_threat",
     "Không chuyển 30 triệu thì video của mày sẽ được gửi cho vợ mày."},
    {"romance.gift_from_abroad", "Anh đã gửi quà từ Mỹ về cho em, gồm trang sức và tiền mặt."},
    {"romance.gift_from_abroad",
     "Anh muốn gửi em thùng quà có 50.000 đô, em chỉ cần đóng phí vận chuyển."},
    {"romance.foreign_suitor",
     "Anh là bác sĩ quân đội Mỹ đang ở Syria, anh yêu em và muốn về Việt Nam cưới em."},
    {"romance.foreign_suitor",
     "Anh là kỹ sư dầu khí làm việc trên giàn khoan, anh muốn gửi em thùng quà."},
    {"romance.video_call", "Em ơi mình gọi video nóng đi."},
    // Fake public-service apps.
    {"app.apk", "Tải file VNeID.apk để cập nhật định danh."},
    {"app.apk", "Anh cài ứng dụng Dịch vụ công qua link em gửi nhé."},
    {"app.gov_link", "Cục thuế thông báo hoàn thuế, truy cập https://gdt-gov.vip để nhận."},
    {"app.official_helps_install",
     "Cán bộ công an phường sẽ hướng dẫn anh cài đặt lại VNeID qua điện thoại."},
    {"app.identity_level2", "Kích hoạt định danh mức 2 qua Zalo để được hỗ trợ nhanh."},
    {"app.accessibility", "Sau khi cài, chị bật quyền trợ năng cho ứng dụng."},
    // Hijacked friends.
    {"friend.borrow", "Cho mình mượn tạm 3 triệu nhé."},
    {"friend.transfer_help", "Em chuyển giúp anh 2tr vào số tài khoản này nhé."},
    {"friend.transfer_help", "Em cần 5 triệu đóng viện phí, chị chuyển giúp em nha."},
    {"friend.repay_soon", "Mai mình trả ngay nhé."},
    {"friend.cannot_call", "Tớ đang họp không nghe máy được, cậu chuyển giúp tớ ít tiền nhé."},
    {"friend.cannot_call", "Lan bị mất điện thoại, nhờ mình nhắn bạn chuyển giúp 2 triệu."},
    {"friend.cannot_call", "Chị ơi em mới đổi số, em đang cần tiền gấp, chị chuyển giúp em nha."},
    {"friend.vote", "Bình chọn giúp cháu tại link bit.ly/abc với ạ."},
    {"friend.send_code", "Gửi giúp mình mã xác nhận Zalo vừa gửi về máy bạn nhé."},
    {"friend.emergency", "Con anh bị tai nạn đang cấp cứu, anh chuyển tiền viện phí gấp."},
    // Electricity, tax, social insurance.
    {"util.power_cut",
     "EVN thông báo sẽ ngừng cấp điện nhà ông nếu không thanh toán ngay qua số tài khoản "
     "0123456789."},
    {"util.refund", "Quý khách được hoàn tiền điện do thu thừa tháng trước."},
    {"util.tax_debt", "Ông còn nợ thuế 3 năm, truy cập đường link sau để tra cứu."},
    {"util.social_insurance", "Sổ BHXH của bạn chưa đồng bộ, gọi lại số 0987654321 để cập nhật."},
    // School fees.
    {"edu.admission_fee",
     "Chúc mừng em trúng tuyển, vui lòng đóng lệ phí nhập học vào số tài khoản sau."},
    {"edu.scholarship", "Em được nhận học bổng toàn phần, chỉ cần nộp phí hồ sơ 2 triệu."},
    {"edu.seat_fee", "Phụ huynh chuyển khoản phí giữ chỗ trước ngày 15/8."},
    // SIM cards.
    {"sim.upgrade", "Nhà mạng hỗ trợ nâng cấp SIM 4G miễn phí."},
    {"sim.upgrade", "Quý khách được nâng cấp miễn phí lên eSIM."},
    {"sim.upgrade_code", "Để nâng cấp SIM lên 4G, anh soạn tin theo cú pháp sau."},
    {"sim.lock", "Thuê bao của quý khách sẽ bị khóa 2 chiều trong 24h."},
    {"sim.call_forwarding", "Bấm *21*0912345678# rồi nhấn gọi."},
    {"sim.serial", "Chị đọc giúp em số seri SIM phía sau nhé."},
    // Refunds and recovery.
    {"refund.recover_lost_money", "Văn phòng luật sư hỗ trợ lấy lại tiền bị lừa đảo trong 24h."},
    {"refund.recover_lost_money", "Bạn bị lừa đảo online? Chúng tôi cam kết lấy lại 100% số tiền."},
    {"refund.wrong_transfer", "Em chuyển nhầm tiền vào tài khoản chị, chị chuyển trả lại giúp em."},
    {"refund.refund_link", "Hoàn tiền cho quý khách, vui lòng bấm vào link để nhận."},
    {"refund.refund_link", "Đơn hàng bị thất lạc, chị kết bạn Zalo để bên em hoàn tiền gấp 2 lần."},
    // Gambling.
    {"gamble.betting", "Nhà cái uy tín số 1, nổ hũ liền tay."},
    {"gamble.deposit_bonus", "Tặng 100% khi nạp lần đầu."},
    {"gamble.deposit_bonus", "Nhà cái thưởng 200k cho thành viên mới."},
    // Links.
    {"link.shortener", "Xem chi tiết tại bit.ly/3xYz9 nhé"},
    {"link.login_words", "Đăng nhập tại secure-login-account.com để tiếp tục"},
    {"link.brand_lookalike", "Truy cập techcombank-hotro.net để được hỗ trợ"},
    {"link.brand_lookalike", "Log in at paypal-resolve.info"},
    {"link.odd_domain", "Vào trang nhanqua2024.xyz"},
    {"link.ip_address", "Mở http://103.25.14.77/login để xác nhận"},
    {"link.click_now", "Bấm vào link sau để tham gia"},
    // Pressure.
    {"pressure.safe_account", "Anh phải chuyển vào tài khoản an toàn của cơ quan để bảo vệ tiền."},
    {"pressure.threat", "Nếu không hoàn tất, tài khoản của bạn sẽ bị khóa vĩnh viễn."},
    {"pressure.threat", "Nếu không thanh toán trong hôm nay sẽ cắt điện."},
    {"pressure.deadline", "Hoàn tất trong vòng 2 giờ."},
    {"pressure.keep_secret", "Tuyệt đối không được nói với người thân chuyện này."},
    {"pressure.stay_on_call", "Chị không được tắt máy cho tới khi làm xong."},
    // English prize messages.
    {"en_prize.won", "Congratulations! You have won a brand new car."},
    {"en_prize.won", "URGENT! Your mobile number has been awarded a bonus."},
    {"en_prize.claim", "To claim your reward call now."},
    {"en_prize.cash_prize", "You could get 1000 cash today."},
    {"en_prize.caller_prize",
     "This is our final attempt to contact you about your bonus caller prize."},
    {"en_prize.entry", "Free entry in 2 a weekly comp to win cup final tickets."},
    {"en_prize.holiday", "Receive a 4* holiday in Tenerife or 5000 pounds."},
    {"en_prize.selected", "You have been selected to receive a reward."},
    // English premium services.
    {"premium.number", "Call 09061701461 now."},
    {"premium.rate", "Messages cost 150p/msg."},
    {"premium.stop", "To opt out txt STOP to 87239."},
    {"premium.shortcode", "Text WIN to 85069 to enter."},
    {"premium.small_print", "T&Cs apply, 18+ only."},
    {"premium.landline", "Call 09064019788 from a landline."},
    {"premium.ringtone", "Get your free polyphonic ringtone now."},
    {"dating.chat_line", "Meet hot singles in your area tonight."},
    {"dating.admirer", "Someone has a crush on you! Find out who."},
    {"dating.reply_details", "Reply with your name and age to join."},
    {"offer.mobile_upgrade",
     "You are entitled to an upgrade to the latest colour camera mobile for free."},
    {"offer.free_stuff", "Get 500 free texts every month."},
    {"offer.call_number", "Call now on 08000930705 to find out."},
    {"offer.voucher", "You have won 500 shopping vouchers."},
    {"offer.urgent_contact", "URGENT! We are trying to contact you."},
    {"offer.loan_claims_en", "You may be entitled to compensation for your accident."},
    // English phishing.
    {"en_phish.account_locked", "Your account has been suspended due to unusual activity."},
    {"en_phish.verify", "Please verify your identity within 24 hours."},
    {"en_phish.verify", "Please log in to restore access to your account."},
    {"en_phish.parcel", "Your parcel is on hold, pay the redelivery fee of 1.99."},
    {"en_phish.tax_refund", "HMRC: you are due a tax refund of 356.20."},
    {"en_phish.family_new_number", "Hi Mum, this is my new number, I lost my phone."},
    {"en_phish.earn_online", "Earn $300 per day working from home."},
    {"en_phish.click_link", "Click the link below to continue."},
    // Added with the enlarged Vietnamese set (2026-11-29).
    {"pressure.personal_account",
     "Anh nộp 2 triệu phí hồ sơ vào tài khoản cá nhân của cán bộ thụ lý trước 16h nhé."},
    {"pressure.personal_account", "Chi dong tien qua so tai khoan cua can bo phuong la xong."},
    {"cred.read_code_sent", "Bác ơi có mã 6 số vừa gửi về máy bác, bác đọc cho cháu với ạ."},
    {"cred.read_code_sent", "Em nhắn lại giúp anh dãy số vừa gửi về điện thoại em nhé."},
    {"cred.read_code_sent", "Cô đọc giúp con mã xác nhận với, con đang cần gấp."},
    {"cred.card_entry", "Để nhận tiền, quý khách điền thông tin thẻ ATM tại trang bên dưới."},
    {"friend.other_account",
     "Tao đang kẹt, mày chuyển 2 củ vào tài khoản của bạn tao giúp, tối tao gửi lại."},
    {"friend.other_account", "tk của tớ bị khóa rồi, cậu cho tớ vay 1 triệu nhé"},
    {"prize.pay_to_claim", "Anh trúng xe máy trong đợt tri ân, anh chuyển trước 900k lệ phí nhé."},
    {"edu.payment_form",
     "Phụ huynh đóng học phí học kỳ 2 qua đường link cô gửi trong nhóm Zalo giúp cô."},
    {"sim.remove_sim", "Anh tháo SIM ra khoảng 30 phút để tổng đài cập nhật lại giúp anh."},
    {"job.per_task_pay", "Bên mình trả 1 lượt follow 10k, làm càng nhiều nhận càng nhiều."},
    {"job.per_task_pay", "Nhận hàng về làm tại nhà, đặt cọc 500k tiền nguyên liệu là bắt đầu."},
    {"refund.recovery_service",
     "Nhóm mình hỗ trợ rút tiền từ các sàn bị khóa, thành công mới thu phí."},
    {"refund.recovery_service", "Hacker mũ trắng lấy lại tiền bị lừa cho bạn trong 48h."},
    {"invest.managed_fund",
     "Chị góp vốn vào quỹ của em, lãi cố định 6% hàng tháng, rút lúc nào cũng được."},
    {"invest.managed_fund", "Vào lệnh cùng chuyên gia, thắng ăn 80%, thua hoàn vốn."},
    {"delivery.pay_before", "Shipper đây ạ, anh chuyển trước 30k phí ship để em giao nhé."},
    {"util.staff_collects",
     "Em bên điện lực, nhà chị nợ tiền điện, chị chuyển ngay vào số tài khoản em kẻo bị cắt."},
    {"util.staff_collects", "Chuyen khoan ngay 500k neu khong chieu nay cat nuoc."},
    {"legit.in_person",
     "Mời ông mang CCCD đến bộ phận một cửa UBND xã vào sáng thứ Hai để làm thủ tục."},
    // Signs of legitimate messages.
    {"legit.otp_warning",
     "Ma OTP cua ban la 123456. Tuyet doi khong chia se ma nay cho bat ky ai."},
    {"legit.balance_alert",
     "TK 0011xxx789 -500,000VND luc 10:15 29/11. SD: 12,345,000VND. ND: tien dien"},
    {"legit.known_carrier", "GHN: Đơn hàng GHN123 đang giao, vui lòng chú ý điện thoại."},
    {"legit.awareness",
     "Công an phường đề nghị bà con nâng cao cảnh giác trước thủ đoạn lừa đảo qua mạng."},
    {"legit.reported_scam",
     "Bác ơi cháu vừa nhận được tin nhắn bảo trúng thưởng, cháu xóa rồi. Bác cũng cẩn thận nhé."},
    {"legit.verified_by_call",
     "Anh Hải nhờ mua hộ vật tư, em đã gọi lại anh ấy xác nhận rồi nên em chuyển luôn nhé."},
    {"legit.receipt", "Hội phụ nữ đã nhận 2 triệu của gia đình mình, có biên nhận gửi kèm."},
    {"legit.in_app",
     "Có thiết bị lạ vừa đăng nhập. Nếu không phải bạn, hãy vào Cài đặt để đăng xuất."},
    {"legit.in_app", "Tiền hoàn sẽ về tài khoản đã đăng ký, tra cứu trên ứng dụng VssID."},
    // Added with the 2026-11-29 evening rules.
    {"market.remote_deposit",
     "Căn hộ mini 30m2 còn trống, chủ nhà đang công tác xa, em chuyển cọc trước để giữ phòng."},
    {"market.remote_deposit", "Mèo Anh lông ngắn 4tr, cọc 1tr shop gửi bé qua nhà xe cho bạn."},
    {"pressure.fee_to_receive",
     "Hồ sơ vay của anh bị lỗi, anh nộp phí sửa thông tin 500k rồi bên em giải ngân ngay."},
    {"pressure.fee_to_receive", "Điểm tín dụng thấp, chị nạp thêm 3 triệu để nâng điểm nhé."},
    {"link.pay_at_link",
     "Vé xe Tết của quý khách chưa thanh toán, vui lòng trả tại vexe-tet.online"},
    {"refund.chat_group",
     "Đơn hàng thất lạc, chị vào nhóm Telegram của shop để được hoàn tiền gấp đôi."},
    {"cred.account_reported",
     "Fanpage của bạn bị báo cáo vi phạm. Xác minh danh tính trong 24 giờ để tránh bị khóa."},
    {"cred.read_code_sent",
     "Cu ơi chụp màn hình tin nhắn mã cho chú với, chú đăng nhập Facebook bị lỗi."},
    {"pressure.personal_account",
     "Ban liên lạc lớp nhận đóng góp qua tài khoản cá nhân của thủ quỹ, các bạn chuyển sớm nhé."},
    {"friend.emergency", "Cô ơi cháu bị móc túi ở bến xe, cô cho cháu vay 200k mua vé về nhé."},
    {"job.deposit", "Việc xâu hạt tại nhà, đặt cọc 200k tiền nguyên liệu là nhận hàng về làm."},
};

// Ordinary messages people receive every day: OTP and balance notices, deliveries, school,
// family, shops, appointments. Written for this test.
constexpr std::string_view kOrdinary[] = {
    "Mã OTP của bạn là 482913. Mã có hiệu lực trong 5 phút. Không chia sẻ mã này cho bất kỳ ai.",
    "VCB: Ma xac thuc giao dich cua Quy khach la 773201. Tuyet doi KHONG cung cap ma nay cho bat "
    "ky ai, ke ca nhan vien ngan hang.",
    "TK 0011000123456 +2,500,000VND luc 08:12 28/11/2026. SD: 15,420,000VND. ND: Luong thang 11",
    "BIDV: TK 1234567890 tai BIDV -150,000VND vao 19:02 27/11. So du: 3,200,500VND. ND: thanh toan "
    "tien nuoc",
    "Techcombank: So du TK 19031234567 thay doi -45,000 VND luc 12:30. SD 8,930,000 VND.",
    "Đơn hàng #SPX2611 của bạn đã được giao thành công. Cảm ơn bạn đã mua sắm tại Shopee!",
    "GHTK: Đơn hàng của bạn đang được giao, shipper sẽ gọi trong 30 phút tới, vui lòng chú ý điện "
    "thoại.",
    "Viettel Post thông báo: bưu phẩm của quý khách sẽ được giao trong ngày, vui lòng giữ máy.",
    "Chị ơi shop gửi hàng rồi nhé, mai chị nhận được ạ. Chị kiểm tra hàng trước khi thanh toán "
    "nha.",
    "Kính gửi phụ huynh: thứ Sáu này lớp 3A họp phụ huynh lúc 17h tại phòng học. Mong phụ huynh "
    "sắp xếp tham dự.",
    "Nhà trường thông báo học sinh nghỉ học ngày 2/9. Các em đi học lại vào thứ Tư.",
    "Con ơi tối nay về ăn cơm nhé, mẹ nấu canh chua.",
    "Bố ơi con thi xong rồi, được 9 điểm toán!",
    "Anh ơi mai 7h đón em ở cổng trường nhé.",
    "Chúc mừng sinh nhật bà nội! Con chúc bà luôn mạnh khỏe, sống lâu trăm tuổi.",
    "Phòng khám Nha khoa An Bình xác nhận lịch hẹn của anh lúc 9h00 thứ Bảy 30/11. Vui lòng đến "
    "trước 10 phút.",
    "Bệnh viện Đa khoa tỉnh nhắc lịch tái khám của bà Nguyễn Thị Lan vào sáng thứ Hai.",
    "Điện lực thông báo lịch tạm ngừng cấp điện để bảo trì lưới điện từ 8h đến 11h ngày 2/12 tại "
    "tổ dân phố 5.",
    "Tiền điện tháng 11 của quý khách là 356.000đ. Quý khách vui lòng thanh toán tại quầy hoặc "
    "trên ứng dụng EVNHANOI.",
    "Cảm ơn quý khách đã mua hàng tại Điện Máy Xanh. Hóa đơn điện tử đã được gửi về email của quý "
    "khách.",
    "Highlands Coffee: tặng bạn voucher giảm 20% cho đơn hàng tiếp theo, áp dụng đến hết 31/12.",
    "Tối nay mấy giờ đá bóng vậy? Tớ đến sân lúc 8h nhé.",
    "Cậu ơi gửi tớ file bài tập toán với, mai nộp rồi.",
    "Mình chuyển khoản tiền học thêm tháng này cho cô rồi nhé, cô kiểm tra giúp mình.",
    "Họp tổ dân phố vào 19h30 tối thứ Năm tại nhà văn hóa, bàn về vệ sinh môi trường.",
    "UBND phường thông báo lịch tiêm phòng dại cho chó mèo vào sáng Chủ nhật tại nhà văn hóa khu "
    "3.",
    "Nhắc bạn: hạn nộp hồ sơ xét tuyển lớp 10 là ngày 15/6 tại trường.",
    "Grab: Tài xế Nguyễn Văn A (29A-123.45) đang đến đón bạn, dự kiến 3 phút.",
    "Be: Chuyến đi của bạn đã hoàn thành. Tổng cước 45.000đ. Cảm ơn bạn đã sử dụng dịch vụ.",
    "Vinaphone: Quý khách đã nạp thành công 100.000đ vào tài khoản chính. Tài khoản chính hiện có "
    "120.500đ.",
    "Viettel: Gói cước ST90 của quý khách sẽ được gia hạn vào ngày 01/12. Chi tiết liên hệ 198 "
    "(miễn phí).",
    "Lịch trực tuần này: thứ Hai anh Nam, thứ Ba chị Hoa, thứ Tư anh Bình.",
    "Em gửi chị bảng lương tháng 11, chị xem rồi phản hồi giúp em nhé.",
    "Ông bà ơi cuối tuần này cả nhà về quê ăn giỗ cụ nhé.",
    "Hôm nay trời mưa to, mọi người đi đường cẩn thận.",
    "Cô giáo chủ nhiệm nhắn: ngày mai các con mặc đồng phục thể dục và mang theo nước uống.",
    "Thư viện nhắc bạn trả sách \"Dế Mèn phiêu lưu ký\" trước ngày 5/12.",
    "Chào anh, em là Lan bên phòng kế toán, anh ký giúp em biên bản bàn giao nhé.",
    "Hi mom, I'll be home late tonight, don't wait for dinner.",
    "Your Grab order is on the way. The driver will arrive in 10 minutes.",
    "Ok see you at 7 then. Can you bring the charger?",
    "Mẹ ơi con hết tiền ăn rồi, mẹ chuyển cho con 500k nhé.",
    "Mai mình trả cậu tiền trà sữa hôm qua nhé.",
    "Phí gửi xe tháng 12 nộp tại quầy lễ tân hoặc chuyển khoản vào tài khoản Ban quản trị tòa nhà.",
    "Cô ơi mai cô có ở nhà không, con mang sách sang trả cô.",
    "Anh ơi mã đơn hàng của em là DH2231, anh kiểm tra giúp em đơn giao chưa nhé.",
    "Công an xã hỗ trợ người dân kích hoạt định danh điện tử mức 2 trực tiếp tại trụ sở, miễn phí.",
    "Shop hoa Mai gửi chị bó hoa hồng 20 bông như đã đặt, giao lúc 5h chiều nay ạ.",
    "Công an phường mời ông Nguyễn Văn Minh đến trụ sở lúc 8h ngày 3/12 để làm thủ tục cấp căn "
    "cước cho cháu.",
    "Phụ huynh chuyển khoản học phí tháng 12 vào tài khoản nhà trường số 0123456789 tại Agribank, "
    "nội dung: tên học sinh - lớp.",
    "Link họp lớp qua Zoom tối nay 20h: https://zoom.us/j/123456789 mọi người vào đúng giờ nhé.",
    "Mã xác nhận Zalo của bạn là 5521. Không chia sẻ mã này với người khác.",
    "Cậu vay tớ 200k hôm trước nhớ trả nhé, tớ đang cần đóng tiền nhà.",
    "Công ty thông báo lịch nghỉ Tết Dương lịch từ 1/1 đến hết 2/1. Chúc mọi người năm mới vui vẻ.",
    "Ứng dụng Vietcombank đã có phiên bản mới, quý khách vui lòng cập nhật trên CH Play hoặc App "
    "Store.",
    "Chị ơi em gửi chị 3 triệu tiền hàng rồi nhé, chị kiểm tra tài khoản giúp em.",
    "Ngày mai đoàn thanh niên phường tổ chức hiến máu tình nguyện tại nhà văn hóa, mời các bạn "
    "tham gia.",
    "Anh chị vui lòng bình chọn cho tiết mục văn nghệ của tổ dân phố trong buổi họp tối thứ Bảy.",
    "Hóa đơn tiền nước tháng 11: 185.000đ. Hạn thanh toán 10/12. Quý khách có thể thanh toán qua "
    "ứng dụng ngân hàng.",
    "Con đã nhận được học bổng khuyến khích học tập kỳ này rồi mẹ ạ, 3 triệu, trường chuyển vào "
    "thẻ sinh viên.",
    "Mẹ gửi con 2 triệu tiền học rồi, con nhận được thì nhắn mẹ nhé.",
    "Bà ơi cuối tuần cháu về thăm bà, bà có cần mua gì không ạ?",
    "Nhà thuốc Long Châu: đơn thuốc của quý khách đã sẵn sàng, mời quý khách đến nhận tại cửa "
    "hàng.",
    "Thông báo: Chương trình khuyến mại tháng 12 của siêu thị Co.opmart giảm giá 50% nhiều mặt "
    "hàng.",
    "Bạn đã đăng ký thành công gói cước MAX90 của Viettel. Chi tiết gọi 198.",
    "Anh ơi chiều nay em về muộn, anh đón con giúp em nhé.",
    "Tài khoản Zalo của bạn vừa đăng nhập trên thiết bị mới iPhone 13. Nếu không phải bạn, hãy đổi "
    "mật khẩu trong ứng dụng.",
    "Cô giáo nhắn phụ huynh nộp tiền quỹ lớp 200k cho bạn lớp trưởng trước thứ Sáu.",
    "Lịch thi học kỳ 1 đã được cập nhật trên cổng thông tin của trường, các em tra cứu và chuẩn bị "
    "ôn tập.",
    "Hôm nay chợ có cá tươi, mẹ mua 2 con, tối nay kho nhé.",
    "Anh Tuấn ơi, bên em đã chuyển khoản tiền đặt cọc thuê nhà 5 triệu, anh kiểm tra giúp em.",
    "Xin chào, tôi là Hưng bên điện lực, mai 8h tôi qua kiểm tra công tơ nhà mình nhé.",
    "Đơn hàng Lazada của bạn đã được đóng gói và sẽ giao trong 2-3 ngày tới.",
    "Sinh nhật con gái tôi vào chủ nhật này, mời anh chị đến dự lúc 18h tại nhà hàng Hương Sen.",
    "Hạn đăng ký nguyện vọng xét tuyển đại học là ngày 30/7, các em nhớ đăng ký trên hệ thống của "
    "Bộ.",
    "Ông ơi thuốc huyết áp hết rồi, chiều nay con mua thêm cho ông nhé.",
    "Cảm ơn bạn đã tham gia khảo sát, phần quà sẽ được gửi cho 100 người đầu tiên qua đường bưu "
    "điện.",
    "Viettel khuyến mại tặng 50% giá trị thẻ nạp cho thuê bao trả trước trong ngày 5/12.",
    "MobiFone: tặng 20% khi nạp tiền qua ứng dụng My MobiFone hôm nay.",
    "Vietcombank: Quy khach vua dang nhap VCB Digibank tren thiet bi moi luc 10:20. Neu khong phai "
    "Quy khach, vui long goi 1900545413.",
    "Thẻ tín dụng của quý khách đã bị khóa tạm thời do nhập sai mã PIN 3 lần. Vui lòng liên hệ chi "
    "nhánh gần nhất.",
    "Ma OTP giao dich chuyen tien 5,000,000 VND den TK 123456789 la 845120. Het han sau 3 phut. "
    "Khong cung cap OTP cho bat ky ai.",
    "Đơn COD 350.000đ của shop Thời trang Hà sẽ giao trong hôm nay, bạn chuẩn bị tiền mặt giúp "
    "shipper nhé.",
    "Shop ơi mình chuyển khoản trước tiền hàng và phí ship rồi nhé, shop gửi hàng sớm giúp mình.",
    "Thông báo: học sinh trúng tuyển vào lớp 10 nộp hồ sơ nhập học tại phòng giáo vụ từ 10/7 đến "
    "15/7.",
    "Con được nhà trường xét học bổng khuyến học, thứ Hai tuần sau con lên nhận nhé mẹ.",
    "Anh ơi, em vay anh 2 triệu đến cuối tháng em trả nhé, tháng này em hơi kẹt.",
    "Em ơi anh cần gấp cái hợp đồng bản scan, em gửi qua email giúp anh.",
    "Chồng ơi nhớ đóng tiền điện nhé, hạn cuối là thứ Sáu.",
    "Điện lực Thanh Xuân thông báo: quý khách còn nợ tiền điện tháng 10, vui lòng thanh toán trước "
    "ngày 15/11 để tránh bị ngừng cấp điện.",
    "Phạt nguội: kiểm tra phạt nguội xe của bạn trên trang csgt.vn hoặc ứng dụng VNeID, không bấm "
    "link lạ.",
    "Nhắc lịch: họp chi bộ lúc 14h thứ Ba tại phòng họp tầng 2.",
    "Nhóm Zalo lớp 5B: mai các con mang theo bút màu và giấy A4 nhé.",
    "Bố ơi con nạp tiền điện thoại hộ bố rồi nhé, 100k.",
    "Anh ơi chuyển giúp em tiền điện nước tháng này cho chủ nhà với, em gửi lại anh tối nay.",
    "Cảm ơn quý khách đã thanh toán hóa đơn. Số tiền 450.000đ đã được ghi nhận.",
    "Quỹ khuyến học của dòng họ đã nhận được 5 triệu của gia đình anh Hùng, xin chân thành cảm ơn.",
    "Cô ơi cho con nghỉ học hôm nay vì con bị sốt ạ.",
    "Thứ Bảy này lớp tổ chức đi dã ngoại, mỗi bạn đóng 150k cho lớp trưởng nhé.",
    "Ngân hàng thông báo lãi suất tiết kiệm kỳ hạn 12 tháng là 5,2%/năm áp dụng từ 1/12.",
    "FE Credit: khoản vay của quý khách đến hạn thanh toán ngày 20/11, số tiền 2.350.000đ. Vui "
    "lòng thanh toán đúng hạn.",
    "Hi, are we still on for lunch tomorrow? I can book a table at 12.",
    "Don't forget to pick up the kids from school at 4pm.",
    "Your verification code is 449201. Do not share this code with anyone.",
    "Your DHL parcel will be delivered today between 10:00 and 14:00.",
};

class BuiltInRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto rules = RuleSet::BuiltIn();
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    rules_ = new RuleSet(std::move(rules).value());
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }

  // Ids of the rules that match `message` after normalisation.
  static std::set<std::string> MatchedIds(std::string_view message) {
    const text::MatchText m = text::NormalizeForMatching(message);
    std::set<std::string> ids;
    for (const RuleHit& hit : rules_->Match(m.text)) ids.insert(rules_->rules()[hit.rule].id);
    return ids;
  }

  static RuleSet* rules_;
};

RuleSet* BuiltInRulesTest::rules_ = nullptr;

TEST_F(BuiltInRulesTest, LoadsWithEveryCategoryUsedAndTextsFilled) {
  EXPECT_GE(rules_->rules().size(), 120u);
  std::vector<int> per_category(rules_->categories().size(), 0);
  for (const Rule& rule : rules_->rules()) ++per_category[rule.category];
  for (size_t c = 0; c < per_category.size(); ++c) {
    EXPECT_GT(per_category[c], 0) << rules_->categories()[c].id << " has no rule";
  }
  EXPECT_NE(rules_->FindCategory("police_impersonation"), nullptr);
  EXPECT_NE(rules_->FindRule("police.transfer"), nullptr);
}

TEST_F(BuiltInRulesTest, NegativeWeightsAreSmall) {
  for (const Rule& rule : rules_->rules()) {
    if (rule.weight < 0) {
      EXPECT_GE(rule.weight, -20) << rule.id;
      EXPECT_EQ(rules_->categories()[rule.category].id, "legitimate") << rule.id;
    }
  }
}

TEST_F(BuiltInRulesTest, EveryRuleHasAnExample) {
  std::set<std::string_view> covered;
  for (const Example& e : kExamples) covered.insert(e.rule);
  for (const Rule& rule : rules_->rules()) {
    EXPECT_TRUE(covered.count(rule.id) == 1) << "no example for rule " << rule.id;
  }
  for (const Example& e : kExamples) {
    EXPECT_NE(rules_->FindRule(e.rule), nullptr) << "example names unknown rule " << e.rule;
  }
}

TEST_F(BuiltInRulesTest, EveryExampleMatchesItsRule) {
  for (const Example& e : kExamples) {
    EXPECT_THAT(MatchedIds(e.text), ::testing::Contains(std::string(e.rule))) << e.text;
  }
}

TEST_F(BuiltInRulesTest, ObfuscatedSpellingsMatchLikePlainOnes) {
  const std::string_view kSpellings[] = {
      "CÔNG AN yêu cầu chị CHUYỂN TIỀN ngay",
      "c.ô.n.g a.n yêu cầu chị c.h.u.y.ể.n t.i.ề.n ngay",
      "cong an yeu cau chi chuyen tien ngay",
      "C0NG AN yêu cầu chị chuyển t1ền ngay",
      "Ｃông an yêu cầu chị chuyển ti\u1ec1n ngay",
  };
  for (std::string_view s : kSpellings) {
    EXPECT_THAT(MatchedIds(s), ::testing::Contains("police.transfer")) << s;
  }
  // Teencode: "ck" is "chuyen khoan", "stk" is "so tai khoan".
  EXPECT_THAT(MatchedIds("cong an bao ck vao stk tam giu"),
              ::testing::IsSupersetOf({"police.transfer", "pressure.safe_account"}));
}

TEST_F(BuiltInRulesTest, OrdinaryMessagesStayBelowTheNoiseFloor) {
  for (std::string_view message : kOrdinary) {
    const text::MatchText m = text::NormalizeForMatching(message);
    int positive = 0;
    std::string matched;
    for (const RuleHit& hit : rules_->Match(m.text)) {
      const Rule& rule = rules_->rules()[hit.rule];
      if (rule.weight > 0) positive += rule.weight;
      matched += " " + rule.id;
    }
    EXPECT_LE(positive, 20) << message << " ->" << matched;
  }
}

TEST_F(BuiltInRulesTest, ScamScriptsAddUp) {
  // A full police script collects several strong signals.
  const text::MatchText m = text::NormalizeForMatching(
      "Tôi là đại úy Trần Văn Nam, công an TP. Tài khoản của chị bị dùng để rửa tiền, chị phải "
      "chuyển toàn bộ tiền vào tài khoản tạm giữ, giữ bí mật điều tra.");
  int positive = 0;
  for (const RuleHit& hit : rules_->Match(m.text)) positive += rules_->rules()[hit.rule].weight;
  EXPECT_GE(positive, 150);
}

}  // namespace
}  // namespace binhyen::scan

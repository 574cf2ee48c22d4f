// The demo's programme content: articles, the code of conduct and pledges (demo_articles.h).
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "app/internal/demo_articles.h"
#include "service/articles.h"
#include "service/pledges.h"

namespace binhyen::app::internal {
namespace {

using std::chrono::hours;

struct DemoArticle {
  int days_ago;  // when it was written (and published, an hour later)
  bool publish;
  std::string_view category;
  std::vector<std::string> audiences;
  std::string_view slug;
  std::string_view title;
  std::string_view summary;
  std::string_view body;
};

constexpr std::string_view kCodeOfConduct =
    R"(Bộ quy tắc này áp dụng cho cán bộ, công chức, học sinh, sinh viên, người dân và doanh nghiệp trên địa bàn thị xã khi sử dụng mạng xã hội (Facebook, Zalo, TikTok, YouTube...). Nội dung dựa trên Bộ Quy tắc ứng xử trên mạng xã hội do Bộ Thông tin và Truyền thông ban hành năm 2021.

## Ba nguyên tắc chung

1. **Tôn trọng, tuân thủ pháp luật**: tôn trọng quyền và lợi ích hợp pháp của người khác; không vi phạm pháp luật khi đăng, chia sẻ thông tin.
2. **Lành mạnh**: hành vi trên mạng phù hợp với đạo đức, văn hóa, truyền thống tốt đẹp của dân tộc.
3. **An toàn, bảo mật thông tin**: tự bảo vệ tài khoản, thông tin cá nhân của mình và không xâm phạm thông tin của người khác.

## Tôi cam kết

- **Kiểm chứng trước khi chia sẻ.** Chỉ chia sẻ tin từ nguồn chính thống (cơ quan nhà nước, báo chí). Thấy tin gây hoang mang thì tra cứu ở mục *Đính chính* của Bình Yên trước khi bấm chia sẻ.
- **Không đăng, không chia sẻ** thông tin sai sự thật, xuyên tạc, vu khống, xúc phạm danh dự, nhân phẩm của người khác hay uy tín của cơ quan, tổ chức.
- **Không dùng lời lẽ thô tục, kích động** bạo lực, phân biệt vùng miền, giới tính, tôn giáo.
- **Tôn trọng đời tư.** Không đăng hình ảnh, số điện thoại, địa chỉ của người khác khi chưa được đồng ý, nhất là của trẻ em.
- **Bảo vệ tài khoản**: đặt mật khẩu mạnh, bật xác thực hai lớp, không cho người khác mượn tài khoản, không đưa mã OTP cho bất kỳ ai.
- **Báo cáo khi phát hiện** lừa đảo, tin giả hay nội dung vi phạm: báo cho Bình Yên hoặc cơ quan công an gần nhất.
- **Cán bộ, công chức** còn phải giữ bí mật công tác, không nhân danh cơ quan khi chưa được phép, và gương mẫu trong phát ngôn.

Ký cam kết là lời hứa với chính mình và với cộng đồng: cùng nhau giữ mạng xã hội sạch, an toàn và văn minh.)";

std::vector<DemoArticle> Articles() {
  return {
      {30,
       true,
       "scam-alert",
       {"elderly", "officials"},
       "nhan-biet-cuoc-goi-gia-danh-cong-an",
       "Cách nhận biết cuộc gọi giả danh công an",
       "Công an không bao giờ gọi điện yêu cầu chuyển tiền hay đọc mã OTP. Nghe thấy vậy là lừa "
       "đảo: hãy cúp máy.",
       R"(Thời gian gần đây, nhiều người cao tuổi trong thị xã nhận được cuộc gọi xưng là cán bộ công an, viện kiểm sát hoặc tòa án. Kẻ gian nói bạn **liên quan đến một vụ án** (rửa tiền, ma túy, buôn lậu) rồi dọa bắt, để ép bạn chuyển tiền "để điều tra".

## Dấu hiệu nhận biết

- Gọi từ số lạ, có khi gọi qua Zalo, Viber, hình đại diện mặc quân phục.
- Giọng gấp gáp, đe dọa, dặn **không được nói với con cháu** vì "bí mật điều tra".
- Yêu cầu chuyển tiền vào "tài khoản tạm giữ", đọc mã OTP, hoặc cài một ứng dụng lạ.
- Gửi "lệnh bắt", "quyết định khởi tố" qua tin nhắn.

## Hãy nhớ

Cơ quan công an **làm việc trực tiếp bằng giấy mời**, không bao giờ yêu cầu chuyển tiền qua điện thoại, không hỏi mã OTP hay mật khẩu ngân hàng.

## Khi nhận cuộc gọi như vậy

1. Cúp máy ngay, không tranh luận.
2. Gọi cho con cháu hoặc người thân để kể lại.
3. Báo cho công an phường, xã hoặc gửi số điện thoại đó lên Bình Yên để mọi người cùng được cảnh báo.)"},
      {24,
       true,
       "guidance",
       {"students"},
       "dang-bai-an-toan-cho-hoc-sinh",
       "Đăng bài an toàn trên mạng xã hội: 7 điều học sinh nên biết",
       "Trước khi bấm đăng, hãy tự hỏi: mình có muốn thầy cô, bố mẹ và người lạ cùng đọc bài này "
       "không?",
       R"(Mạng xã hội giúp các em kết nối bạn bè và học hỏi, nhưng một bài đăng có thể tồn tại mãi mãi. Bảy điều dưới đây giúp các em vừa vui vừa an toàn.

1. **Không đăng thông tin cá nhân**: số điện thoại, địa chỉ nhà, tên trường kèm lớp, lịch đi học.
2. **Để chế độ riêng tư** cho tài khoản; chỉ kết bạn với người em thật sự quen biết.
3. **Suy nghĩ trước khi chia sẻ** ảnh của bạn bè. Hỏi ý kiến bạn trước khi đăng.
4. **Không chia sẻ tin chưa kiểm chứng**, kể cả tin "nóng" trong nhóm lớp. Tin giả lan nhanh hơn tin thật.
5. **Không bình luận xúc phạm**, chế giễu người khác. Bắt nạt trên mạng gây tổn thương thật.
6. **Cẩn thận với người lạ** hứa tặng quà, thẻ game, hay rủ "làm nhiệm vụ kiếm tiền".
7. **Kể với người lớn** (bố mẹ, thầy cô) khi bị đe dọa, bị tống tiền bằng hình ảnh, hay thấy điều gì khiến em lo lắng.

Nhớ rằng: thứ gì đã đăng lên mạng thì rất khó xóa hết.)"},
      {20,
       true,
       "law",
       {"officials", "businesses", "students"},
       "xu-phat-dang-tin-sai-su-that-nghi-dinh-15-2020",
       "Đăng tin sai sự thật trên mạng xã hội bị xử phạt thế nào?",
       "Theo Nghị định 15/2020/NĐ-CP, cá nhân đăng, chia sẻ tin sai sự thật có thể bị phạt từ 10 "
       "đến 20 triệu đồng và buộc gỡ bỏ thông tin.",
       R"(Nhiều người nghĩ "chỉ bấm chia sẻ thôi thì không sao". Thực tế, pháp luật xử phạt cả người **đăng** lẫn người **chia sẻ** thông tin sai sự thật.

## Quy định xử phạt hành chính

Nghị định số 15/2020/NĐ-CP của Chính phủ (được sửa đổi, bổ sung bởi Nghị định 14/2022/NĐ-CP) quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông, công nghệ thông tin và giao dịch điện tử. Theo Điều 101 của Nghị định:

- **Phạt tiền từ 10 triệu đến 20 triệu đồng** đối với hành vi lợi dụng mạng xã hội để cung cấp, chia sẻ thông tin giả mạo, thông tin sai sự thật, xuyên tạc, vu khống, xúc phạm uy tín của cơ quan, tổ chức, danh dự, nhân phẩm của cá nhân.
- Mức phạt trên áp dụng với **cá nhân**; với **tổ chức**, mức phạt gấp hai lần.
- Người vi phạm còn **buộc phải gỡ bỏ** thông tin sai sự thật.

## Có thể bị truy cứu trách nhiệm hình sự

Nếu hành vi gây hậu quả nghiêm trọng, người vi phạm có thể bị truy cứu trách nhiệm hình sự theo Bộ luật Hình sự.

## Làm gì để không vi phạm

- Chỉ chia sẻ thông tin từ nguồn chính thống.
- Gặp tin gây hoang mang (dịch bệnh, thiên tai, "bắt cóc trẻ em"...), hãy tra cứu trước ở mục Đính chính của Bình Yên.
- Lỡ chia sẻ tin sai: gỡ bài ngay và đăng lời đính chính.

*Bài viết tóm tắt để tuyên truyền; khi cần áp dụng, hãy đọc nguyên văn văn bản pháp luật.*)"},
      {15,
       true,
       "scam-alert",
       {"businesses"},
       "email-gia-mao-doi-tac-doi-so-tai-khoan",
       "Doanh nghiệp cảnh giác email giả mạo đối tác đề nghị đổi số tài khoản",
       "Nhận email báo đối tác \"đổi tài khoản nhận tiền\"? Hãy gọi điện xác minh bằng số quen "
       "thuộc trước khi thanh toán.",
       R"(Kẻ gian chiếm quyền hoặc làm giả hộp thư của đối tác, rồi gửi email "thông báo đổi số tài khoản ngân hàng" ngay trước kỳ thanh toán. Địa chỉ email chỉ khác một ký tự, nên rất khó nhận ra.

## Dấu hiệu

- Email báo đổi tài khoản nhận tiền, thường sang ngân hàng khác hoặc tài khoản cá nhân.
- Giục thanh toán gấp, viện lý do "kiểm toán", "tài khoản cũ bị phong tỏa".
- Địa chỉ email, tên miền hơi khác thường (ví dụ thêm dấu gạch, đổi chữ "l" thành số "1").

## Quy trình nên áp dụng

1. Mọi thay đổi tài khoản nhận tiền phải **gọi điện xác minh** bằng số điện thoại đã biết từ trước, không dùng số trong email.
2. Hai người cùng duyệt các khoản chuyển tiền lớn.
3. Bật xác thực hai lớp cho hộp thư của doanh nghiệp.
4. Nếu đã chuyển nhầm: báo ngay cho ngân hàng để đề nghị phong tỏa, rồi trình báo công an.)"},
      {10,
       true,
       "guidance",
       {"elderly", "officials", "students", "businesses"},
       "lo-chuyen-tien-cho-ke-lua-dao-phai-lam-gi",
       "Lỡ chuyển tiền cho kẻ lừa đảo: làm ngay 5 việc",
       "Càng báo sớm, cơ hội giữ lại tiền càng lớn. Gọi ngân hàng trước, rồi báo công an.",
       R"(Nếu bạn lỡ chuyển tiền cho kẻ lừa đảo, đừng xấu hổ và đừng chần chừ. Làm ngay:

1. **Gọi tổng đài ngân hàng** của bạn, đề nghị tra soát và phong tỏa giao dịch. Ghi lại giờ gọi.
2. **Giữ lại bằng chứng**: chụp màn hình tin nhắn, cuộc gọi, biên lai chuyển khoản, số tài khoản nhận tiền.
3. **Trình báo công an** phường, xã nơi bạn ở, mang theo các bằng chứng trên.
4. **Gửi báo cáo lên Bình Yên** (số điện thoại, tài khoản, đường link kẻ gian dùng) để cảnh báo người khác.
5. **Đổi mật khẩu** và khóa các tài khoản nếu bạn đã cung cấp mã OTP hay mật khẩu.

Kẻ gian có thể gọi lại, xưng là "công an" hay "luật sư" hứa **lấy lại tiền giúp** với điều kiện chuyển thêm phí. Đó là lừa đảo lần hai.)"},
      {6,
       true,
       "scam-alert",
       {"students"},
       "viec-nhe-luong-cao-lam-nhiem-vu",
       "Việc nhẹ lương cao, \"làm nhiệm vụ\" nhận hoa hồng: bẫy lừa nhắm vào học sinh, sinh viên",
       "Không có công việc nào bắt bạn nộp tiền trước để được trả lương.",
       R"(Kẻ gian mời "cộng tác viên" qua Facebook, Telegram: chỉ cần thả tim, đánh giá sản phẩm là có tiền. Vài nhiệm vụ đầu được trả thật vài chục nghìn đồng. Sau đó nhiệm vụ đòi "nạp vốn" ngày càng lớn, và tiền không bao giờ rút ra được.

## Ghi nhớ

- Việc thật không đòi bạn **nộp tiền trước**.
- Không chuyển tiền cho tài khoản cá nhân lạ để "kích hoạt", "nâng cấp" hay "rút thưởng".
- Không cho mượn, không bán tài khoản ngân hàng, căn cước: đó là tiếp tay cho tội phạm.

Thấy lời mời như vậy, hãy gửi đường link lên Bình Yên để kiểm tra và cảnh báo bạn bè.)"},
      {3,
       true,
       "code-of-conduct",
       {"officials", "students", "elderly", "businesses"},
       "quy-tac-ung-xu-tren-mang-xa-hoi",
       "Quy tắc ứng xử trên mạng xã hội",
       "Bảy điều mỗi người cam kết để mạng xã hội của thị xã sạch, an toàn và văn minh.",
       kCodeOfConduct},
      {1,
       false,
       "scam-alert",
       {"students", "elderly"},
       "lua-dao-mua-tuu-truong",
       "Bản nháp: các chiêu lừa mùa tựu trường",
       "Giả danh giáo viên báo con bị tai nạn, đòi chuyển tiền viện phí.",
       R"(Bản nháp, chờ xác minh thêm các vụ việc ở Phổ Minh trước khi đăng.

- Giả danh giáo viên gọi báo học sinh cấp cứu.
- Giả danh nhà trường thu tiền học phí qua tài khoản cá nhân.)"},
  };
}

struct DemoPledge {
  std::string_view name;
  std::string_view unit;
  std::string_view position;
};

constexpr DemoPledge kPledges[] = {
    {"Nguyễn Thị Lan", "pho-minh", "Tổ trưởng tổ dân phố"},
    {"Trần Văn Hùng", "pho-minh", "Công an phường"},
    {"Lê Thị Mai", "thcs-pho-minh", "Giáo viên"},
    {"Phạm Minh Khoa", "thcs-pho-minh", "Học sinh lớp 9"},
    {"Võ Ngọc Anh", "thcs-pho-minh", "Học sinh lớp 8"},
    {"Huỳnh Văn Tâm", "nguyen-nghiem", "Cán bộ văn hóa"},
    {"Đặng Thị Thu", "thpt-so-1-duc-pho", "Giáo viên chủ nhiệm"},
    {"Bùi Quốc Bảo", "thpt-so-1-duc-pho", "Học sinh lớp 11"},
    {"Ngô Thanh Hà", "thpt-so-1-duc-pho", "Học sinh lớp 12"},
    {"Trương Văn Lợi", "thpt-so-1-duc-pho", ""},
    {"Đỗ Thị Hạnh", "ubnd-duc-pho", "Chuyên viên"},
    {"Phan Văn Nam", "ubnd-duc-pho", "Phó Chánh Văn phòng"},
    {"Lý Thị Kim", "agribank-duc-pho", "Giao dịch viên"},
    {"Nguyễn Hữu Phước", "agribank-duc-pho", "Trưởng phòng"},
    {"Trần Thị Bích", "pho-ninh", "Hội viên Hội Người cao tuổi"},
    {"Lê Văn Thành", "pho-ninh", "Trưởng thôn"},
    {"Hồ Thị Duyên", "tieu-hoc-pho-ninh", "Giáo viên"},
    {"Nguyễn Văn Sáu", "pho-an", "Nông dân"},
    {"Phạm Thị Hoa", "pho-chau", "Hội Liên hiệp Phụ nữ xã"},
    {"Võ Văn Kiệt", "cong-an-duc-pho", "Cán bộ"},
    {"Mai Thị Ngọc", "pho-vinh", ""},
};

}  // namespace

base::Status CreateDemoArticles(store::Store& store, base::FakeClock& clock, base::TimePoint now) {
  service::Principal admin;
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadOnly));
    BINHYEN_ASSIGN_OR_RETURN(domain::User user, tx->Users().GetByName("thuongtruc.hoa"));
    admin.user_id = user.id;
    admin.name = user.name;
    admin.role = user.role;
    admin.unit = user.unit;
  }
  service::Articles articles(store, clock);
  for (const DemoArticle& a : Articles()) {
    clock.Set(now - hours(24 * a.days_ago));
    service::ArticleDraft draft{std::string(a.slug),     std::string(a.title),
                                std::string(a.summary),  std::string(a.body),
                                std::string(a.category), a.audiences};
    BINHYEN_ASSIGN_OR_RETURN(domain::Article created, articles.Create(draft, admin));
    if (!a.publish) continue;
    clock.Advance(hours(1));
    BINHYEN_RETURN_IF_ERROR(articles.Publish(created.slug, admin).status());
  }
  // The pledges, a few hours apart since the code of conduct was published (3 days ago).
  service::Pledges pledges(store, clock, nullptr);
  clock.Set(now - hours(24 * 3 - 2));
  for (const DemoPledge& p : kPledges) {
    clock.Advance(hours(3));
    BINHYEN_RETURN_IF_ERROR(pledges
                                .Sign(service::PledgeForm{std::string(p.name), std::string(p.unit),
                                                          std::string(p.position)})
                                .status());
  }
  return base::Status::Ok();
}

}  // namespace binhyen::app::internal

#include "app/internal/demo_quiz.h"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "service/audit_entry.h"
#include "service/quizzes.h"

namespace binhyen::app::internal {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

std::vector<domain::QuizQuestion> Questions() {
  return {
      {"Một người gọi điện xưng là công an, nói bạn liên quan đến một vụ án và yêu cầu chuyển "
       "tiền vào \"tài khoản tạm giữ\" để chứng minh trong sạch. Bạn nên làm gì?",
       {"Chuyển tiền ngay để không bị bắt", "Cung cấp số tài khoản ngân hàng để họ kiểm tra",
        "Không chuyển tiền, cúp máy và báo cho công an phường hoặc gọi 113"},
       2,
       "Công an không bao giờ làm việc qua điện thoại để yêu cầu chuyển tiền, và không có "
       "\"tài khoản tạm giữ\" nào. Đây là thủ đoạn giả danh cơ quan chức năng phổ biến nhất."},
      {"Bạn nhận tin nhắn: \"Mã OTP của bạn là 583920\", ngay sau đó có người gọi nói nhầm số và "
       "xin bạn đọc lại mã. Bạn làm gì?",
       {"Đọc mã cho họ vì đó là tin nhắn gửi nhầm", "Không đọc mã OTP cho bất kỳ ai",
        "Chụp màn hình gửi qua Zalo cho họ"},
       1,
       "Mã OTP là chìa khóa để chuyển tiền hoặc chiếm tài khoản của bạn. Ngân hàng, nhà mạng "
       "hay bất kỳ ai cũng không có lý do để xin mã OTP của bạn."},
      {"Tin nhắn báo \"Tài khoản của quý khách bị khóa, truy cập vietcombank-xacthuc.com để mở "
       "lại\". Đường link này có đáng tin không?",
       {"Có, vì tên có chữ vietcombank", "Không: đây là trang giả mạo ngân hàng",
        "Có, nếu trang có hình logo ngân hàng"},
       1,
       "Kẻ lừa đảo dùng tên miền na ná tên ngân hàng. Chỉ dùng ứng dụng chính thức của ngân hàng "
       "hoặc gõ địa chỉ đã biết; không bấm link trong tin nhắn. Bạn có thể kiểm tra link trên "
       "Bình Yên trước khi mở."},
      {"Bạn được báo trúng thưởng một chiếc xe máy, nhưng phải nộp trước 2 triệu đồng \"phí vận "
       "chuyển\". Đây là gì?",
       {"Một chương trình khuyến mãi bình thường", "Dấu hiệu lừa đảo trúng thưởng",
        "Một khoản thuế bắt buộc"},
       1,
       "Giải thưởng thật không bắt người trúng nộp tiền trước. Yêu cầu nộp phí để nhận quà là "
       "dấu hiệu lừa đảo rõ nhất."},
      {"Một trang tuyển dụng mời làm \"cộng tác viên chốt đơn online\", việc nhẹ lương cao, "
       "nhưng phải nạp tiền trước để nhận nhiệm vụ. Bạn nên làm gì?",
       {"Nạp ít tiền để thử", "Không nạp tiền; đây là thủ đoạn lừa đảo việc làm",
        "Rủ thêm người thân cùng tham gia"},
       1,
       "Công việc thật không bắt người lao động nạp tiền. Lúc đầu kẻ gian trả \"hoa hồng\" nhỏ "
       "để tạo lòng tin, rồi yêu cầu nạp số tiền ngày càng lớn và chiếm đoạt."},
      {"Con của bạn nhắn qua Zalo: \"Mẹ ơi con đang cần gấp 10 triệu, chuyển vào tài khoản bạn "
       "con nhé\". Bạn nên làm gì trước tiên?",
       {"Chuyển ngay vì con đang cần gấp",
        "Gọi điện thoại trực tiếp (hoặc gọi video) cho con để xác minh",
        "Nhắn lại hỏi con đang ở đâu"},
       1,
       "Tài khoản Zalo, Facebook có thể bị chiếm và kẻ gian nhắn tin giả làm người thân. Hãy gọi "
       "điện trực tiếp theo số bạn đã biết để xác minh trước khi chuyển tiền."},
      {"Có người gọi video qua Zalo, hình ảnh giống hệt người thân nhưng hình mờ, tiếng ngắt "
       "quãng, và xin chuyển tiền gấp. Điều đó có nghĩa là gì?",
       {"Chắc chắn là người thân vì thấy mặt", "Có thể là video giả (deepfake); cần xác minh lại",
        "Mạng yếu nên cứ chuyển tiền"},
       1,
       "Kẻ gian có thể dùng video giả mạo khuôn mặt. Hãy cúp máy, gọi lại bằng số điện thoại "
       "quen thuộc, hoặc hỏi một điều chỉ người thân mới biết."},
      {"Một người tự xưng nhân viên điện lực gọi báo sắp cắt điện và gửi link yêu cầu cài ứng "
       "dụng để \"cập nhật thông tin\". Bạn làm gì?",
       {"Cài ứng dụng theo link để không bị cắt điện",
        "Không cài; gọi tổng đài chính thức của ngành điện để hỏi",
        "Cho họ mượn điện thoại để cài giúp"},
       1,
       "Ứng dụng cài từ link lạ có thể chiếm quyền điều khiển điện thoại và lấy tiền trong tài "
       "khoản. Chỉ cài ứng dụng từ kho chính thức (CH Play, App Store)."},
      {"Khi lỡ chuyển tiền cho kẻ lừa đảo, việc cần làm ngay là gì?",
       {"Im lặng vì ngại", "Gọi ngay cho ngân hàng để yêu cầu phong tỏa và báo công an",
        "Chuyển thêm tiền để họ trả lại"},
       1,
       "Càng báo sớm, ngân hàng càng có cơ hội phong tỏa giao dịch. Hãy giữ lại tin nhắn, số "
       "tài khoản, số điện thoại và báo cho công an (có thể báo cáo trên Bình Yên)."},
      {"Dấu hiệu nào sau đây KHÔNG phải là dấu hiệu lừa đảo?",
       {"Yêu cầu giữ bí mật, không được nói với ai", "Hối thúc phải chuyển tiền ngay",
        "Hẹn bạn đến trụ sở cơ quan để làm việc trực tiếp"},
       2,
       "Cơ quan nhà nước mời làm việc trực tiếp tại trụ sở. Kẻ lừa đảo thì hối thúc, dọa nạt, "
       "bắt giữ bí mật và đòi chuyển tiền qua điện thoại."},
  };
}

// One demo attempt: who, and how well.
struct DemoAttempt {
  const char* unit;  // "" = a resident
  int wrong;         // how many questions answered wrongly
  int days_ago;
  int person;  // index into the people found, or -1 (anonymous)
};

constexpr DemoAttempt kAttempts[] = {
    {"pho-minh", 0, 20, -1},
    {"pho-minh", 2, 19, -1},
    {"pho-minh", 4, 18, -1},
    {"thcs-pho-minh", 1, 18, -1},
    {"thcs-pho-minh", 3, 17, -1},
    {"thcs-pho-minh", 0, 16, -1},
    {"nguyen-nghiem", 1, 16, -1},
    {"nguyen-nghiem", 5, 15, -1},
    {"thpt-so-1-duc-pho", 0, 15, -1},
    {"thpt-so-1-duc-pho", 2, 14, -1},
    {"thpt-so-1-duc-pho", 1, 14, -1},
    {"thpt-so-1-duc-pho", 6, 13, -1},
    {"pho-an", 3, 13, -1},
    {"pho-an", 2, 12, -1},
    {"pho-an", 7, 12, -1},
    {"pho-ninh", 1, 11, -1},
    {"tieu-hoc-pho-ninh", 0, 11, -1},
    {"tieu-hoc-pho-ninh", 2, 10, -1},
    {"agribank-duc-pho", 0, 10, -1},
    {"agribank-duc-pho", 1, 9, -1},
    {"ubnd-duc-pho", 2, 9, -1},
    {"ubnd-duc-pho", 3, 8, -1},
    {"pho-thanh", 4, 8, -1},
    {"pho-chau", 5, 7, -1},
    {"", 2, 7, -1},
    {"", 6, 6, -1},
    {"", 1, 6, -1},
    {"", 3, 5, -1},
    {"", 8, 5, -1},
    {"", 0, 4, -1},
    {"", 4, 3, -1},
    {"", 2, 2, -1},
    {"", 5, 1, -1},
    {"pho-minh", 1, 1, -1},
    {"", 0, 4, 0},
    {"", 3, 3, 1},
    {"", 1, 3, 2},
    {"", 0, 2, 3},
    {"", 2, 1, 4},
    {"", 4, 1, 5},
};

// The answers of an attempt with `wrong` wrong answers, the wrong ones spread by `salt`.
std::vector<std::optional<int>> Answers(const domain::Quiz& quiz, int wrong, int salt) {
  std::vector<std::optional<int>> out;
  const int n = static_cast<int>(quiz.questions.size());
  for (int i = 0; i < n; ++i) {
    const domain::QuizQuestion& q = quiz.questions[static_cast<size_t>(i)];
    const bool is_wrong = ((i + salt) % n) < wrong;
    const int options = static_cast<int>(q.options.size());
    out.push_back(is_wrong ? (q.correct + 1 + (salt % (options - 1))) % options : q.correct);
  }
  return out;
}

}  // namespace

base::Status CreateDemoQuiz(store::Store& store, base::TimePoint now) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::User admin, tx->Users().GetByName("thuongtruc.hoa"));
  const std::string actor = "user:" + admin.name;
  domain::Quiz quiz;
  quiz.slug = "nhan-dien-lua-dao";
  quiz.title = "Nhận diện lừa đảo trên mạng";
  quiz.intro =
      "Mười câu hỏi về những thủ đoạn lừa đảo đang gặp nhiều ở Đức Phổ: **giả danh công an**, "
      "**xin mã OTP**, **link ngân hàng giả**, **trúng thưởng**, **việc nhẹ lương cao**, "
      "**giả người thân trên Zalo**.\n\nKhông cần tài khoản. Làm xong bạn biết ngay kết quả và "
      "lời giải thích cho từng câu. Cán bộ, giáo viên, học sinh hãy chọn đơn vị của mình.";
  quiz.questions = Questions();
  quiz.pass_percent = 70;
  quiz.created_by = admin.id;
  quiz.created_at = now - days(22);
  BINHYEN_ASSIGN_OR_RETURN(quiz.id, tx->Quizzes().Create(quiz));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(service::MakeAuditEntry(quiz.created_at, actor, "quiz.create",
                                          "quiz:" + std::to_string(quiz.id),
                                          "draft \"" + quiz.title + "\" with 10 questions"))
          .status());
  const base::TimePoint opened = now - days(21);
  BINHYEN_RETURN_IF_ERROR(tx->Quizzes().SetStatus(quiz.id, domain::QuizStatus::kOpen, opened));
  quiz.status = domain::QuizStatus::kOpen;
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(service::MakeAuditEntry(opened, actor, "quiz.open",
                                          "quiz:" + std::to_string(quiz.id), "status open"))
          .status());
  // Known people (their personal links): the first few people of the demo.
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> people, tx->People().List({}));
  int salt = 0;
  for (const DemoAttempt& d : kAttempts) {
    ++salt;
    domain::QuizAttempt a = service::Quizzes::Score(quiz, Answers(quiz, d.wrong, salt));
    a.submitted_at = now - days(d.days_ago) - hours(salt % 9) - minutes(salt * 7 % 60);
    if (d.person >= 0) {
      if (static_cast<size_t>(d.person) >= people.size()) continue;
      const domain::Person& p = people[static_cast<size_t>(d.person)];
      a.person_id = p.id;
      a.unit_code = p.unit_code;
    } else if (*d.unit != '\0') {
      a.unit_code = std::string(d.unit);
    }
    BINHYEN_RETURN_IF_ERROR(tx->Quizzes().AddAttempt(a).status());
  }
  return tx->Commit();
}

}  // namespace binhyen::app::internal

#include "service/check_explanation.h"

#include <array>
#include <utility>

namespace binhyen::service {
namespace {

struct Label {
  std::string_view name;
  std::string_view vi;
  std::string_view en;
};

constexpr std::array<Label, 21> kLabels = {{
    {"phishing", "lừa đảo đánh cắp thông tin (phishing)", "phishing"},
    {"fake_police", "giả danh công an, viện kiểm sát", "impersonating the police"},
    {"bank_impersonation", "giả danh ngân hàng", "bank impersonation"},
    {"loan", "lừa đảo cho vay", "loan scam"},
    {"delivery", "giả danh giao hàng", "fake delivery"},
    {"job_task", "việc làm online, \"làm nhiệm vụ\"", "online job or task scam"},
    {"investment", "lừa đảo đầu tư", "investment scam"},
    {"prize", "trúng thưởng giả", "fake prize"},
    {"romance_sextortion", "lừa tình cảm, tống tiền", "romance scam or sextortion"},
    {"fake_app", "ứng dụng giả mạo", "fake app"},
    {"account_takeover", "chiếm đoạt tài khoản", "account takeover"},
    {"fake_bill", "hoá đơn, thông báo giả (điện, thuế, bảo hiểm)", "fake bill or notice"},
    {"scholarship", "giả mạo học bổng, tuyển sinh", "fake scholarship or admission"},
    {"spam", "tin rác", "spam"},
    {"rumour", "tin đồn sai sự thật", "false rumour"},
    {"scam_call", "cuộc gọi lừa đảo", "scam call"},
    {"bank_fraud", "lừa đảo chuyển khoản", "bank transfer fraud"},
    {"fake_account", "tài khoản mạo danh", "fake account"},
    {"malware", "mã độc", "malware"},
    {"extortion", "tống tiền", "extortion"},
    {"other", "lừa đảo khác", "other scam"},
}};

const Label* FindLabel(std::string_view category) {
  for (const Label& l : kLabels) {
    if (l.name == category) return &l;
  }
  return nullptr;
}

// "đường link này", "số điện thoại này", ...
std::pair<std::string_view, std::string_view> What(indicator::Kind kind) {
  switch (kind) {
    case indicator::Kind::kUrl: return {"Đường link này", "This link"};
    case indicator::Kind::kDomain: return {"Tên miền này", "This domain"};
    case indicator::Kind::kIp: return {"Địa chỉ IP này", "This IP address"};
    case indicator::Kind::kPhone: return {"Số điện thoại này", "This phone number"};
    case indicator::Kind::kBankAccount: return {"Số tài khoản này", "This bank account"};
    case indicator::Kind::kEmail: return {"Địa chỉ email này", "This email address"};
    case indicator::Kind::kSocial:
      return {"Tài khoản mạng xã hội này", "This social media account"};
  }
  return {"Thông tin này", "This"};
}

std::string Joined(const index::CheckResult& r, bool vi) {
  std::string out;
  for (const std::string& c : r.categories) {
    if (!out.empty()) out += vi ? ", " : ", ";
    out += vi ? CategoryLabelVi(c) : CategoryLabelEn(c);
  }
  return out;
}

// What to do, per kind, when something is listed.
std::pair<std::string_view, std::string_view> Advice(indicator::Kind kind) {
  switch (kind) {
    case indicator::Kind::kUrl:
    case indicator::Kind::kDomain:
    case indicator::Kind::kIp:
      return {"Đừng mở, đừng nhập mật khẩu, mã OTP hay số thẻ.",
              "Do not open it, and never enter a password, OTP code or card number."};
    case indicator::Kind::kPhone:
      return {"Đừng nghe theo, đừng chuyển tiền, đừng đọc mã OTP cho người gọi.",
              "Do not follow their instructions, send money or read out an OTP code."};
    case indicator::Kind::kBankAccount:
      return {"Đừng chuyển tiền vào tài khoản này.", "Do not transfer money to this account."};
    case indicator::Kind::kEmail:
    case indicator::Kind::kSocial:
      return {"Đừng trả lời, đừng chuyển tiền, đừng gửi giấy tờ cá nhân.",
              "Do not reply, send money or share personal documents."};
  }
  return {"", ""};
}

constexpr std::string_view kReportVi =
    " Nếu đã lỡ chuyển tiền hoặc cung cấp thông tin, hãy gọi ngay ngân hàng và báo công an "
    "phường, xã.";
constexpr std::string_view kReportEn =
    " If you already sent money or details, call your bank at once and tell the local police.";

}  // namespace

std::string_view CategoryLabelVi(std::string_view category) {
  const Label* l = FindLabel(category);
  return l != nullptr ? l->vi : category;
}

std::string_view CategoryLabelEn(std::string_view category) {
  const Label* l = FindLabel(category);
  return l != nullptr ? l->en : category;
}

Explanation Explain(const index::CheckResult& r) {
  const auto [what_vi, what_en] = What(r.kind);
  Explanation e;
  switch (r.verdict) {
    case index::Verdict::kDangerous: {
      const auto [advice_vi, advice_en] = Advice(r.kind);
      e.vi = std::string(what_vi) + " đã được xác định là lừa đảo (" + Joined(r, true) + "). " +
             std::string(advice_vi) + std::string(kReportVi);
      e.en = std::string(what_en) + " is a confirmed scam (" + Joined(r, false) + "). " +
             std::string(advice_en) + std::string(kReportEn);
      break;
    }
    case index::Verdict::kSuspicious: {
      const auto [advice_vi, advice_en] = Advice(r.kind);
      e.vi = std::string(what_vi) + " có trong danh sách cảnh báo của nguồn bên ngoài (" +
             Joined(r, true) + "), chưa được cơ quan chức năng xác minh. Hãy hết sức cẩn thận. " +
             std::string(advice_vi);
      e.en = std::string(what_en) + " is on an outside source's warning list (" + Joined(r, false) +
             "), not yet verified by the authorities. Be very careful. " + std::string(advice_en);
      break;
    }
    case index::Verdict::kTrusted:
      if (r.trusted_reason == "government") {
        e.vi = std::string(what_vi) +
               " thuộc trang chính thức của cơ quan nhà nước (gov.vn). "
               "Hãy kiểm tra kỹ từng chữ của địa chỉ: kẻ gian hay dùng tên gần giống.";
        e.en = std::string(what_en) +
               " belongs to an official government site (gov.vn). Check "
               "the address letter by letter: scammers use look-alike names.";
      } else {
        e.vi = std::string(what_vi) +
               " thuộc trang chính thức của một ngân hàng. Hãy kiểm tra "
               "kỹ từng chữ của địa chỉ: kẻ gian hay dùng tên gần giống. Ngân hàng không bao giờ "
               "hỏi mật khẩu hay mã OTP.";
        e.en = std::string(what_en) +
               " belongs to a bank's official site. Check the address "
               "letter by letter: scammers use look-alike names. Banks never ask for your "
               "password or OTP code.";
      }
      break;
    case index::Verdict::kUnknown:
      e.vi = std::string(what_vi) +
             " chưa có trong danh sách lừa đảo đã biết. Điều đó không có "
             "nghĩa là an toàn: đừng chuyển tiền hay cung cấp mã OTP cho người lạ, và hãy báo "
             "cho chúng tôi nếu thấy nghi ngờ.";
      e.en = std::string(what_en) +
             " is not on the list of known scams. That does not mean it "
             "is safe: never send money or an OTP code to strangers, and report it if in doubt.";
      break;
  }
  return e;
}

std::string_view KindLabelVi(indicator::Kind kind) {
  switch (kind) {
    case indicator::Kind::kUrl: return "Đường dẫn";
    case indicator::Kind::kDomain: return "Tên miền";
    case indicator::Kind::kIp: return "Địa chỉ IP";
    case indicator::Kind::kPhone: return "Số điện thoại";
    case indicator::Kind::kBankAccount: return "Tài khoản ngân hàng";
    case indicator::Kind::kEmail: return "Email";
    case indicator::Kind::kSocial: return "Tài khoản mạng xã hội";
  }
  return "Dấu hiệu";
}

}  // namespace binhyen::service

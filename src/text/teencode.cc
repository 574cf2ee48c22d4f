#include "text/teencode.h"

#include <algorithm>

namespace binhyen::text {
namespace {

// Keep sorted by shorthand (byte order). Sources: common Vietnamese chat and scam-SMS
// shorthand. Ambiguous ones are resolved towards the reading that matters for scams: "ck" is
// also "chồng" (husband) in chat, but in scam messages it is "chuyển khoản"; "hong" is also the
// name "Hồng".
constexpr TeencodeEntry kTable[] = {
    {"bn", "ban"},             // bạn
    {"ck", "chuyen khoan"},    // chuyển khoản
    {"ctv", "cong tac vien"},  // cộng tác viên
    {"dc", "duoc"},            // đc -> được
    {"dk", "duoc"},            // đk -> được
    {"dky", "dang ky"},        // đăng ký
    {"dt", "dien thoai"},      // điện thoại
    {"hd", "hop dong"},        // hđ -> hợp đồng
    {"hok", "khong"},          // không
    {"hong", "khong"},         // không
    {"ib", "inbox"},           //
    {"j", "gi"},               // gì
    {"k", "khong"},            // không (not after a number: "500 k" is money)
    {"kg", "khong"},           // không
    {"khg", "khong"},          // không
    {"khum", "khong"},         // không
    {"ko", "khong"},           // không
    {"mk", "minh"},            // mình
    {"ng", "nguoi"},           // người
    {"nh", "ngan hang"},       // ngân hàng
    {"nt", "nhan tin"},        // nhắn tin
    {"ntn", "nhu the nao"},    // như thế nào
    {"r", "roi"},              // rồi
    {"sdt", "so dien thoai"},  // sđt -> số điện thoại
    {"stk", "so tai khoan"},   // số tài khoản
    {"tk", "tai khoan"},       // tài khoản
    {"trc", "truoc"},          // trước
    {"vs", "voi"},             // với
};

}  // namespace

std::span<const TeencodeEntry> TeencodeTable() { return kTable; }

std::string_view ExpandTeencode(std::string_view folded_word) {
  if (folded_word.empty() || folded_word.size() > 4) return {};
  const auto* it =
      std::lower_bound(std::begin(kTable), std::end(kTable), folded_word,
                       [](const TeencodeEntry& e, std::string_view w) { return e.shorthand < w; });
  if (it == std::end(kTable) || it->shorthand != folded_word) return {};
  return it->expansion;
}

}  // namespace binhyen::text

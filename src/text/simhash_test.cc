#include "text/simhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "text/fold.h"

namespace binhyen::text {
namespace {

// Twenty scam messages of the kinds residents report, written for these tests.
// NOLINTBEGIN(bugprone-suspicious-missing-comma): each text is split over several literals.
const std::vector<std::string>& VietnameseScams() {
  static const auto* const kScams = new std::vector<std::string>{
      // 0: fake police
      "Công an quận thông báo: anh/chị có liên quan đến một đường dây rửa tiền và ma túy xuyên "
      "quốc gia. Yêu cầu anh/chị giữ bí mật, không được nói với người thân, chuyển toàn bộ số "
      "tiền trong tài khoản vào tài khoản tạm giữ của cơ quan điều tra để xác minh, nếu không sẽ "
      "bị bắt tạm giam. Liên hệ cán bộ điều tra Nguyễn Văn Hùng số 0869 123 456.",
      // 1: fake bank SMS
      "[Vietcombank] Tai khoan cua quy khach dang bi tam khoa do phat hien giao dich bat thuong. "
      "Vui long truy cap https://vietcombank-xacthuc.com de cap nhat thong tin va mo khoa trong "
      "24h, qua thoi han tai khoan se bi khoa vinh vien.",
      // 2: job scam
      "Tuyển cộng tác viên làm việc online tại nhà, chỉ cần điện thoại thông minh, mỗi ngày "
      "làm 1-2 tiếng thu nhập 300.000 - 800.000 đồng. Công việc: chốt đơn hàng Shopee, Lazada, "
      "nhận hoa hồng 10-20% ngay sau mỗi đơn. Không cần kinh nghiệm, không cần đặt cọc. Liên hệ "
      "Zalo 0912 888 999 để được hướng dẫn.",
      // 3: fake electricity company
      "EVN thông báo: quý khách còn nợ tiền điện tháng 10 số tiền 1.250.000đ. Điện lực sẽ tạm "
      "ngừng cấp điện trong vòng 2 giờ tới nếu quý khách không thanh toán. Vui lòng gọi ngay cho "
      "nhân viên điện lực theo số 0372 555 111 để được hướng dẫn thanh toán qua ứng dụng.",
      // 4: fake tax office
      "Cục Thuế thông báo: mã số thuế cá nhân của ông/bà chưa được đồng bộ với căn cước công "
      "dân. Đề nghị cài đặt ứng dụng eTax Mobile theo đường link thue-gov.vn/etax.apk và đăng "
      "nhập để cập nhật trước ngày 30, quá hạn sẽ bị xử phạt hành chính.",
      // 5: fake delivery
      "Chào bạn, mình là shipper giao hàng Giao Hàng Nhanh. Đơn hàng của bạn bị giữ tại kho do "
      "sai địa chỉ, bạn vui lòng thanh toán phí lưu kho 25.000đ qua link để mình giao lại trong "
      "hôm nay nhé, không thì đơn sẽ bị hoàn về người gửi.",
      // 6: loan app
      "Vay tiền online nhanh chóng chỉ cần căn cước công dân, không thẩm định, không cần chứng "
      "minh thu nhập, giải ngân trong 15 phút, lãi suất chỉ 0,5% mỗi tháng. Nhắn tin Zalo để "
      "được duyệt hồ sơ, đóng phí bảo hiểm khoản vay trước khi giải ngân.",
      // 7: crypto investment
      "Cơ hội đầu tư tiền ảo cùng chuyên gia, cam kết lợi nhuận 30% mỗi tuần, rút tiền bất cứ "
      "lúc nào. Tham gia nhóm Telegram VIP để nhận tín hiệu giao dịch miễn phí. Đã có hơn 5000 "
      "thành viên đổi đời nhờ sàn giao dịch của chúng tôi, nạp tối thiểu 2 triệu đồng.",
      // 8: fake prize
      "Chúc mừng quý khách đã trúng thưởng xe máy Honda SH trong chương trình tri ân khách hàng "
      "của Viettel. Để nhận giải, quý khách vui lòng chuyển trước phí trước bạ và vận chuyển "
      "3.500.000đ vào tài khoản của ban tổ chức, giải thưởng sẽ được giao tận nhà.",
      // 9: relative in hospital
      "Chị ơi em là giáo viên chủ nhiệm của cháu, cháu bị ngã cầu thang đang cấp cứu ở bệnh viện "
      "tỉnh, cần mổ gấp, bác sĩ yêu cầu đóng tiền tạm ứng 30 triệu ngay. Chị chuyển khoản cho "
      "bác sĩ trực theo số tài khoản này để kịp mổ cho cháu nhé.",
      // 10: fake VNeID
      "Bộ Công an thông báo: tài khoản định danh điện tử VNeID của công dân sắp hết hạn, yêu cầu "
      "công dân tải ứng dụng theo đường dẫn dưới đây và nhập số căn cước, mật khẩu, mã OTP để "
      "kích hoạt lại mức 2, nếu không sẽ bị khóa tài khoản.",
      // 11: fake social insurance
      "Bảo hiểm xã hội Việt Nam thông báo: ông/bà được hưởng tiền hỗ trợ bảo hiểm thất nghiệp "
      "một lần. Để nhận tiền, vui lòng kết bạn Zalo với cán bộ bảo hiểm và cung cấp số tài "
      "khoản ngân hàng, ảnh căn cước hai mặt để làm hồ sơ.",
      // 12: hijacked Zalo account borrowing money
      "Ê mày ơi, tao đang kẹt chút việc ở ngoài, mày chuyển giúp tao 5 triệu vào số tài khoản "
      "này nhé, tối tao về tao gửi lại liền. Đang gấp lắm, chuyển xong chụp màn hình gửi tao "
      "với, đừng gọi điện vì tao đang họp.",
      // 13: fake telecom SIM lock
      "Nhà mạng thông báo: thuê bao của quý khách chưa chuẩn hóa thông tin và sẽ bị khóa hai "
      "chiều sau 24 giờ. Để tránh gián đoạn liên lạc, soạn tin theo cú pháp gửi đến tổng đài "
      "hoặc bấm vào đường link để cập nhật ngay hôm nay.",
      // 14: fake court summons
      "Tòa án nhân dân thành phố gửi giấy triệu tập: ông/bà là bị đơn trong một vụ kiện dân sự "
      "về khoản nợ thẻ tín dụng quá hạn. Yêu cầu có mặt tại tòa hoặc nộp tiền tạm ứng án phí "
      "qua số tài khoản của thư ký tòa để được hoãn phiên xét xử.",
      // 15: school fees
      "Phụ huynh lưu ý: nhà trường thu bổ sung tiền học phí và quỹ khuyến học học kỳ một, hạn "
      "chót trong ngày hôm nay. Quý phụ huynh chuyển khoản vào tài khoản cá nhân của cô kế toán "
      "mới và ghi rõ họ tên học sinh, lớp để nhà trường đối chiếu.",
      // 16: fake charity
      "Kêu gọi quyên góp ủng hộ đồng bào vùng lũ miền Trung đang bị cô lập, thiếu lương thực và "
      "nước sạch. Mọi tấm lòng hảo tâm xin gửi về tài khoản quỹ từ thiện của nhóm thiện nguyện, "
      "chúng tôi sẽ sao kê công khai đầy đủ.",
      // 17: OTP request
      "Xin lỗi bạn, mình lỡ nhập nhầm số điện thoại của bạn khi đăng ký tài khoản ví điện tử. "
      "Hệ thống vừa gửi một mã OTP gồm sáu chữ số đến máy bạn, bạn đọc giúp mình mã đó với nhé, "
      "cảm ơn bạn nhiều lắm.",
      // 18: sextortion
      "Chúng tôi đã có video nhạy cảm của bạn quay lén qua camera điện thoại và danh sách bạn bè "
      "của bạn. Nếu trong 48 giờ không chuyển đủ tiền vào ví tiền điện tử, video sẽ được gửi cho "
      "toàn bộ người thân, đồng nghiệp và đăng lên mạng xã hội.",
      // 19: romance / parcel from abroad
      "Em yêu, anh đã gửi cho em một thùng quà gồm đồng hồ, trang sức và tiền mặt từ Anh Quốc. "
      "Hải quan sân bay đang giữ kiện hàng, em cần nộp phí thông quan và thuế nhập khẩu cho nhân "
      "viên hải quan thì mới nhận được quà nhé.",
  };
  return *kScams;
}
// NOLINTEND(bugprone-suspicious-missing-comma)

std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    if (s.substr(pos, from.size()) == from) {
      out.append(to);
      pos += from.size();
    } else {
      out.push_back(s[pos++]);
    }
  }
  return out;
}

std::vector<std::string> SplitSpaces(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string JoinSpaces(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out.append(w);
  }
  return out;
}

// The words of an English SMS as the hash sees them, roughly: lower-case runs of letters,
// digits and non-ASCII bytes, without those containing a digit. To classify matches only.
std::vector<std::string> RoughWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && word.find_first_of("0123456789") == std::string::npos) {
      words.push_back(word);
    }
    word.clear();
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::set<std::string> sa(a.begin(), a.end());
  const std::set<std::string> sb(b.begin(), b.end());
  size_t common = 0;
  for (const std::string& w : sa) common += sb.count(w);
  return double(common) / double(sa.size() + sb.size() - common);
}

int Distance(std::string_view a, std::string_view b) {
  const auto ha = DescriptionSimHash(a);
  const auto hb = DescriptionSimHash(b);
  if (!ha || !hb) return 65;
  return HammingDistance(*ha, *hb);
}

TEST(SimHashTest, HammingDistance) {
  EXPECT_EQ(HammingDistance(0, 0), 0);
  EXPECT_EQ(HammingDistance(0, ~uint64_t{0}), 64);
  EXPECT_EQ(HammingDistance(0b1011, 0b0110), 3);
  EXPECT_EQ(HammingDistance(uint64_t{1} << 63, 1), 2);
}

TEST(SimHashTest, ShortTextsHaveNone) {
  EXPECT_EQ(DescriptionSimHash(""), std::nullopt);
  EXPECT_EQ(DescriptionSimHash("lừa đảo qua điện thoại"), std::nullopt);
  EXPECT_EQ(DescriptionSimHash("một hai ba bốn năm sáu bảy"), std::nullopt);  // 7 words
  EXPECT_TRUE(DescriptionSimHash("một hai ba bốn năm sáu bảy tám").has_value());
  // Numbers and punctuation are not words.
  EXPECT_EQ(DescriptionSimHash("gọi 0912 345 678 chuyển 5.000.000 đồng ngay !!! ... ---"),
            std::nullopt);
  EXPECT_EQ(DescriptionSimHash(std::string(10000, '!')), std::nullopt);
}

TEST(SimHashTest, GoldenValues) {
  // Stored in the database: these must never change.
  EXPECT_EQ(DescriptionSimHash("một hai ba bốn năm sáu bảy tám"), uint64_t{322782338114127910ULL});
  EXPECT_EQ(DescriptionSimHash(VietnameseScams()[0]), uint64_t{47709278297431453ULL});
  EXPECT_EQ(DescriptionSimHash(VietnameseScams()[1]), uint64_t{11483770430861359701ULL});
  EXPECT_EQ(DescriptionSimHash("the quick brown fox jumps over the lazy dog"),
            uint64_t{18029541488723585338ULL});
}

TEST(SimHashTest, FoldsCaseDiacriticsAndPunctuation) {
  const std::string text = "Lừa đảo chuyển tiền qua Zalo, giả danh Công an Đức Phổ!";
  const auto h = DescriptionSimHash(text);
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(DescriptionSimHash("lua dao chuyen tien qua zalo gia danh cong an duc pho"), h);
  EXPECT_EQ(DescriptionSimHash("LỪA ĐẢO CHUYỂN TIỀN QUA ZALO -- GIẢ DANH CÔNG AN ĐỨC PHỔ ???"), h);
  // Decomposed (NFD) input, as macOS sends it.
  EXPECT_EQ(DescriptionSimHash("Lu\xCC\x80"
                               "a đa\xCC\x89o chuyển tiền qua Zalo, giả danh Công an "
                               "Đức Phổ!"),
            h);
  // Emoji and symbols separate words.
  EXPECT_EQ(DescriptionSimHash("Lừa🔥đảo chuyển tiền qua Zalo, giả danh Công an Đức Phổ 🚨"), h);
  // Word order matters to nothing but which words there are.
  EXPECT_EQ(DescriptionSimHash("Phổ Đức an Công danh giả Zalo qua tiền chuyển đảo Lừa"), h);
  // Invalid UTF-8 separates words too.
  EXPECT_EQ(DescriptionSimHash("Lừa\xFF"
                               "đảo chuyển tiền qua Zalo, giả danh Công an Đức Phổ"),
            h);
}

TEST(SimHashTest, VietnameseScamsAreDistinct) {
  const auto& scams = VietnameseScams();
  ASSERT_EQ(scams.size(), 20u);
  for (size_t i = 0; i < scams.size(); ++i) {
    ASSERT_TRUE(DescriptionSimHash(scams[i]).has_value()) << i;
    for (size_t j = i + 1; j < scams.size(); ++j) {
      EXPECT_GT(Distance(scams[i], scams[j]), kNearDuplicateDistance) << i << " " << j;
    }
  }
}

TEST(SimHashTest, VietnameseCopiesStayNear) {
  for (const std::string& scam : VietnameseScams()) {
    EXPECT_EQ(Distance(scam, RemoveVietnameseMarks(scam)), 0) << scam;
    EXPECT_EQ(Distance(scam, FoldVietnamese(scam)), 0) << scam;
    std::string upper = scam;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(Distance(scam, upper), 0) << scam;
    EXPECT_EQ(Distance(scam, ReplaceAll(ReplaceAll(scam, ",", " -"), ".", "!!")), 0) << scam;
    // Another phone number or amount in the same template.
    std::string renumbered = scam;
    for (char& c : renumbered) {
      if (c >= '0' && c <= '8') ++c;
    }
    EXPECT_EQ(Distance(scam, renumbered), 0) << scam;
  }
}

TEST(SimHashTest, VietnameseOneWordDeletions) {
  // Every single-word deletion of every scam text (about 55 words each).
  int total = 0;
  int near = 0;
  for (const std::string& scam : VietnameseScams()) {
    const std::vector<std::string> words = SplitSpaces(scam);
    for (size_t i = 0; i < words.size(); ++i) {
      std::vector<std::string> edited = words;
      edited.erase(edited.begin() + static_cast<std::ptrdiff_t>(i));
      ++total;
      if (Distance(scam, JoinSpaces(edited)) <= kNearDuplicateDistance) ++near;
    }
  }
  std::printf("Vietnamese one-word deletions within %d: %d of %d\n", kNearDuplicateDistance, near,
              total);
  EXPECT_EQ(total, 1041);
  EXPECT_EQ(near, 563);  // 54%
}

// The figures quoted in simhash.h, recomputed from the SMS corpus.
TEST(SimHashTest, SmsCorpusFigures) {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/tests/data/sms/SMSSpamCollection.tsv");
  ASSERT_TRUE(in) << "tests/data/sms/SMSSpamCollection.tsv";
  std::vector<std::string> messages;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) messages.push_back(line.substr(line.find('\t') + 1));
  ASSERT_EQ(messages.size(), 5574u);

  std::vector<std::string> eligible;
  std::set<std::string> vocabulary;
  for (const std::string& m : messages) {
    if (!DescriptionSimHash(m)) continue;
    eligible.push_back(m);
    for (const std::string& w : SplitSpaces(m)) vocabulary.insert(w);
  }
  const std::vector<std::string> vocab(vocabulary.begin(), vocabulary.end());

  // (a) Edited copies; mt19937_64's sequence is fixed by the standard.
  std::mt19937_64 rng(42);
  int replaced = 0, deleted = 0, cased = 0, punctuated = 0;
  std::array<int, 3> bucket_total{}, bucket_replaced{};  // 8-15, 16-30, 31+ words
  for (const std::string& m : eligible) {
    const std::vector<std::string> words = SplitSpaces(m);
    std::vector<std::string> edit = words;
    edit[rng() % edit.size()] = vocab[rng() % vocab.size()];
    const size_t bucket = words.size() <= 15 ? 0 : (words.size() <= 30 ? 1 : 2);
    ++bucket_total[bucket];
    if (Distance(m, JoinSpaces(edit)) <= kNearDuplicateDistance) {
      ++replaced;
      ++bucket_replaced[bucket];
    }
    edit = words;
    edit.erase(edit.begin() + static_cast<std::ptrdiff_t>(rng() % edit.size()));
    if (Distance(m, JoinSpaces(edit)) <= kNearDuplicateDistance) ++deleted;
    std::string upper = m;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (Distance(m, upper) <= kNearDuplicateDistance) ++cased;
    std::string punct = ReplaceAll(ReplaceAll(ReplaceAll(m, ".", "!"), ",", ";"), "?", " ?");
    punct.append(" !!");
    if (Distance(m, punct) <= kNearDuplicateDistance) ++punctuated;
  }
  const int n = static_cast<int>(eligible.size());
  for (size_t b = 0; b < 3; ++b) {
    std::printf("replace, length bucket %zu: %d of %d\n", b, bucket_replaced[b], bucket_total[b]);
  }
  std::printf("eligible %d: replace %d (%.3f) delete %d (%.3f) case %d punct %d\n", n, replaced,
              double(replaced) / n, deleted, double(deleted) / n, cased, punctuated);

  // (b) Distinct texts within the distance.
  const std::set<std::string> distinct_set(eligible.begin(), eligible.end());
  const std::vector<std::string> distinct(distinct_set.begin(), distinct_set.end());
  std::vector<uint64_t> hashes;
  hashes.reserve(distinct.size());
  for (const std::string& m : distinct) hashes.push_back(*DescriptionSimHash(m));
  int64_t pairs = 0;
  int near = 0, same_words = 0, similar = 0;
  for (size_t i = 0; i < hashes.size(); ++i) {
    for (size_t j = i + 1; j < hashes.size(); ++j) {
      ++pairs;
      if (HammingDistance(hashes[i], hashes[j]) > kNearDuplicateDistance) continue;
      ++near;
      const std::vector<std::string> a = RoughWords(distinct[i]);
      const std::vector<std::string> b = RoughWords(distinct[j]);
      if (a == b) {
        ++same_words;
      } else if (Jaccard(a, b) >= 0.5) {
        ++similar;
      } else {
        std::printf("unrelated:\n  %s\n  %s\n", distinct[i].c_str(), distinct[j].c_str());
      }
    }
  }
  std::printf(
      "distinct %zu (exact duplicates %zu), pairs %lld, within %d: %d (same words %d, word "
      "Jaccard >= 0.5 %d, unrelated %d)\n",
      distinct.size(), eligible.size() - distinct.size(), static_cast<long long>(pairs),
      kNearDuplicateDistance, near, same_words, similar, near - same_words - similar);
  EXPECT_EQ(n, 4155);
  EXPECT_EQ(replaced, 780);  // 18.8%
  EXPECT_EQ(deleted, 1013);  // 24.4%
  EXPECT_EQ(cased, n);
  EXPECT_EQ(punctuated, n);
  EXPECT_EQ(distinct.size(), 3873u);
  EXPECT_EQ(near, 156);
  EXPECT_EQ(same_words, 130);
  EXPECT_EQ(similar, 25);
}

}  // namespace
}  // namespace binhyen::text

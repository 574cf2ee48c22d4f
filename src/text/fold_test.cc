#include "text/fold.h"

#include <gtest/gtest.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <string>

#include "text/internal/fold_table.h"
#include "text/normalize.h"

namespace binhyen::text {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

TEST(FoldVietnamese, Examples) {
  const Case cases[] = {
      {"Đức Phổ", "duc pho"},
      {"NGÂN HÀNG", "ngan hang"},
      {"Chuyển khoản", "chuyen khoan"},
      {"Công an thành phố", "cong an thanh pho"},
      {"Tài khoản của bạn đã bị khóa", "tai khoan cua ban da bi khoa"},
      {"Quảng Ngãi", "quang ngai"},
      {"ĐĂNG KÝ NHẬN QUÀ", "dang ky nhan qua"},
      {"Ưu đãi lãi suất 0%", "uu dai lai suat 0%"},
      {"người dùng Ơi", "nguoi dung oi"},
      {"Việt Nam", "viet nam"},
      {"ỹ ỵ ỷ ỳ ý", "y y y y y"},
      {"ẮẰẲẴẶ ấầẩẫậ", "aaaaa aaaaa"},
      {"", ""},
      {"plain ASCII Text 123!", "plain ascii text 123!"},
  };
  for (const Case& c : cases) EXPECT_EQ(FoldVietnamese(c.input), c.expected) << c.input;
}

std::string Nfd(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfd->normalizeUTF8(0, s, sink, nullptr, status);
  EXPECT_TRUE(U_SUCCESS(status));
  return out;
}

TEST(FoldVietnamese, NfcAndNfdGiveTheSameFold) {
  const char* samples[] = {"Đức Phổ",     "Chuyển khoản ngay để nhận quà", "Thủ tướng",
                           "NGƯỜI NHẬN",  "Hỗ trợ vay vốn ưu đãi",         "Bộ Công an",
                           "Ấm áp Ỷ lại", "Giấy phép lái xe hạng A1"};
  for (const char* s : samples) {
    const std::string decomposed = Nfd(s);
    ASSERT_NE(decomposed, s);  // really decomposed
    EXPECT_EQ(FoldVietnamese(decomposed), FoldVietnamese(s)) << s;
    EXPECT_EQ(RemoveVietnameseMarks(decomposed), RemoveVietnameseMarks(s)) << s;
  }
  // Decomposed as macOS sends them.
  EXPECT_EQ(FoldVietnamese("D\xCC\x9B"), "d");
  EXPECT_EQ(FoldVietnamese("Chuye\xCC\x82\xCC\x89n khoa\xCC\x89n"), "chuyen khoan");
  EXPECT_EQ(FoldVietnamese("\xC4\x90u\xCC\x9B\xCC\x81\x63 Pho\xCC\x82\xCC\x89"), "duc pho");
  EXPECT_EQ(FoldVietnamese("NGA\xCC\x82N HA\xCC\x80NG"), "ngan hang");
  EXPECT_EQ(FoldVietnamese("ngu\xCC\x9Bo\xCC\x9B\xCC\x80i"), "nguoi");
}

TEST(FoldVietnamese, OtherScriptsAndMarks) {
  EXPECT_EQ(FoldVietnamese("Ελληνικά"), "ελληνικα");  // Greek tonos removed
  EXPECT_EQ(FoldVietnamese("Привет Й"), "привет и");  // Cyrillic short i decomposes
  EXPECT_EQ(FoldVietnamese("한국어"), "한국어");      // Hangul kept whole
  EXPECT_EQ(FoldVietnamese("ガギ"), "ガギ");          // dakuten is not a diacritic here
  EXPECT_EQ(FoldVietnamese("ภาษาไทย"), "ภาษาไทย");    // Thai marks kept
  EXPECT_EQ(FoldVietnamese("😀 ok"), "😀 ok");
  EXPECT_EQ(FoldVietnamese("Z\xCC\xB5\xCD\x8A"
                           "a\xCC\xB8"),
            "za");                              // "Zalgo" marks
  EXPECT_EQ(FoldVietnamese("ß Æ Ø"), "ß æ ø");  // not decomposable: only lower-cased
  EXPECT_EQ(FoldVietnamese("İ"), "i");
}

TEST(FoldVietnamese, InvalidBytesBecomeReplacementChar) {
  EXPECT_EQ(FoldVietnamese("Ti\xFF\xE1\xBB\x81n"),
            "ti\xEF\xBF\xBD"
            "en");
  EXPECT_EQ(FoldVietnamese("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(FoldVietnamese("\xC3"), "\xEF\xBF\xBD");
}

TEST(RemoveVietnameseMarks, KeepsCase) {
  EXPECT_EQ(RemoveVietnameseMarks("Đức Phổ"), "Duc Pho");
  EXPECT_EQ(RemoveVietnameseMarks("NGÂN HÀNG"), "NGAN HANG");
  EXPECT_EQ(RemoveVietnameseMarks("Chuyển khoản"), "Chuyen khoan");
  EXPECT_EQ(RemoveVietnameseMarks("đĐ"), "dD");
  EXPECT_EQ(RemoveVietnameseMarks("ABC def"), "ABC def");
  EXPECT_EQ(RemoveVietnameseMarks("Chuye\xCC\x82\xCC\x89n"), "Chuyen");
}

TEST(FoldTable, TableAgreesWithSlowPath) {
  using internal::FoldMode;
  using internal::FoldTable;
  for (FoldMode mode : {FoldMode::kRemoveMarks, FoldMode::kLowerRemoveMarks, FoldMode::kMatch}) {
    const FoldTable& table = FoldTable::Get(mode);
    std::u32string scratch;
    for (char32_t c = 0x80; c < 0x2000; ++c) {
      std::u32string slow;
      FoldTable::FoldSlow(c, mode, &slow);
      ASSERT_EQ(std::u32string(table.Fold(c, &scratch)), slow) << static_cast<int>(c);
    }
  }
}

TEST(FoldTable, MatchModeFoldsCompatibilityAndExtras) {
  const auto& table = internal::FoldTable::Get(internal::FoldMode::kMatch);
  std::u32string scratch;
  EXPECT_EQ(table.Fold(U'ｖ', &scratch), U"v");
  EXPECT_EQ(table.Fold(U'𝐕', &scratch), U"v");
  EXPECT_EQ(table.Fold(U'Ø', &scratch), U"o");
  EXPECT_EQ(table.Fold(U'ß', &scratch), U"ss");
  EXPECT_EQ(table.Fold(U'ᴠ', &scratch), U"v");
  EXPECT_EQ(table.Fold(U'Đ', &scratch), U"d");
  EXPECT_EQ(table.Fold(U'한', &scratch), U"한");
  EXPECT_EQ(table.Fold(0x0301, &scratch), U"");
}

TEST(LatinLookalike, KnownLetters) {
  EXPECT_EQ(internal::LatinLookalike(0x0430), U'a');  // Cyrillic а
  EXPECT_EQ(internal::LatinLookalike(0x043E), U'o');  // Cyrillic о
  EXPECT_EQ(internal::LatinLookalike(0x0456), U'i');  // Cyrillic і
  EXPECT_EQ(internal::LatinLookalike(0x039D), U'n');  // Greek Ν
  EXPECT_EQ(internal::LatinLookalike(0x03BD), U'v');  // Greek ν
  EXPECT_EQ(internal::LatinLookalike(0x0431), 0u);    // Cyrillic б: no look-alike
  EXPECT_EQ(internal::LatinLookalike(U'a'), 0u);
  // Every entry of the sorted table is found (a mis-sorted table would lose some).
  const std::u32string cyrillic = U"АВЕКМНОРСТХУаеорсхуіјѕһԁԛԝѵ";
  const std::u32string latin = U"abekmhopctxyaeopcxyijshdqwv";
  ASSERT_EQ(cyrillic.size(), latin.size());
  for (size_t i = 0; i < cyrillic.size(); ++i) {
    EXPECT_EQ(internal::LatinLookalike(cyrillic[i]), latin[i]) << i;
  }
  const std::u32string greek = U"ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαγεικνορτυχω";
  const std::u32string greek_latin = U"abezhikmnoptyxayeikvoptuxw";
  ASSERT_EQ(greek.size(), greek_latin.size());
  for (size_t i = 0; i < greek.size(); ++i) {
    EXPECT_EQ(internal::LatinLookalike(greek[i]), greek_latin[i]) << i;
  }
}

}  // namespace
}  // namespace binhyen::text

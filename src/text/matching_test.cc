#include "text/matching.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "text/teencode.h"

namespace binhyen::text {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

// origin is non-decreasing, inside the input, and one longer than the text.
void ExpectValidOrigin(std::string_view input, const MatchText& m) {
  ASSERT_EQ(m.origin.size(), m.text.size() + 1);
  ASSERT_EQ(m.origin.back(), input.size());
  for (size_t i = 0; i < m.text.size(); ++i) {
    ASSERT_LT(m.origin[i], input.size()) << i;
    ASSERT_LE(m.origin[i], m.origin[i + 1]) << i;
  }
}

void ExpectAll(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    const MatchText m = NormalizeForMatching(c.input);
    EXPECT_EQ(m.text, c.expected) << c.input;
    ExpectValidOrigin(c.input, m);
  }
}

TEST(NormalizeForMatching, FoldsVietnamese) {
  ExpectAll({
      {"Chuyển khoản ngay", "chuyen khoan ngay"},
      {"ĐĂNG KÝ NHẬN QUÀ", "dang ky nhan qua"},
      {"Chuye\xCC\x82\xCC\x89n khoa\xCC\x89n", "chuyen khoan"},  // NFD input
      {"Bộ Công an thông báo", "bo cong an thong bao"},
  });
}

TEST(NormalizeForMatching, CompatibilityAndStyledLetters) {
  ExpectAll({
      {"𝐯𝐢𝐞𝐭𝐜𝐨𝐦𝐛𝐚𝐧𝐤", "vietcombank"},
      {"ｖａｙ ｔｉềｎ", "vay tien"},
      {"𝓥𝓪𝔂 𝓽𝓲𝓮̂̀𝓷", "vay tien"},
      {"ᴠᴀʏ ɴɢᴀʏ", "vay ngay"},
      {"ⓥⓐⓨ", "vay"},
      {"ﬁnance", "finance"},
  });
}

TEST(NormalizeForMatching, RemovesInvisibleCharacters) {
  ExpectAll({
      {"v\xE2\x80\x8B"
       "a\xE2\x80\x8C"
       "y",
       "vay"},  // ZWSP, ZWNJ
      {"ti\xE2\x80\x8D"
       "\xE1\xBB\x81n",
       "tien"},  // ZWJ
      {"\xEF\xBB\xBF"
       "vay",
       "vay"},  // BOM
      {"ch\xC2\xAD"
       "uyen",
       "chuyen"},                  // soft hyphen
      {"va\xE2\x81\xA0y", "vay"},  // word joiner
      {"v\xEF\xB8\x8F"
       "ay",
       "vay"},  // variation selector 16
      {"v\xE2\x80\xAE"
       "ay",
       "vay"},  // RTL override
      {"a\xC2\xA0\xC2\xA0"
       "b\xE3\x80\x80"
       "c",
       "a b c"},  // NBSP, ideographic space
  });
}

TEST(NormalizeForMatching, MapsLookalikeLetters) {
  ExpectAll({
      {"vіеtсоmbаnk", "vietcombank"},  // Cyrillic і е с о а
      {"pаypal", "paypal"},            // Cyrillic а
      {"раураl", "paypal"},            // all Cyrillic but l
      {"ΒΑΝΚ", "bank"},                // all Greek capitals
      {"bαnk", "bank"},                // Greek α
      {"vαy tіền", "vay tien"},
      {"Привет", "привет"},  // Russian word: not all look-alikes, kept
      {"Москва", "москва"},
  });
}

TEST(NormalizeForMatching, Leetspeak) {
  ExpectAll({
      {"ch0 vay", "cho vay"},
      {"v@y", "vay"},
      {"V@Y T13N", "vay tien"},
      {"t@i kh0@n", "tai khoan"},
      {"c0ng an", "cong an"},
      {"ng4n h4ng", "ngan hang"},
      {"kh0ng", "khong"},
      {"l@i $uat", "lai $uat"},  // '$' at a token start is not inside a word
      {"lai su@t", "lai suat"},
      {"v1p", "vip"},
      {"ca5h", "cash"},
  });
}

TEST(NormalizeForMatching, LeetspeakNegatives) {
  ExpectAll({
      {"500.000 VND", "500.000 vnd"},
      {"Gọi 0912345678", "goi 0912345678"},
      {"0912.345.678", "0912.345.678"},
      {"ngày 5/7", "ngay 5/7"},
      {"3 người", "3 nguoi"},
      {"lúc 10h30 ngày 15/07/2024", "luc 10h30 ngay 15/07/2024"},
      {"gói 4G 70k", "goi 4g 70k"},
      {"nhận 500k", "nhan 500k"},
      {"2tr5", "2tr5"},
      {"ok", "ok"},
      {"OTP 123456", "otp 123456"},
      {"abc@gmail.com", "abc@gmail.com"},
      {"covid19", "covid19"},
      {"$100", "$100"},
  });
}

TEST(NormalizeForMatching, JoinsSpacedAndDottedLetters) {
  ExpectAll({
      {"c.ô.n.g a.n", "cong an"},
      {"t i ề n", "tien"},
      {"v-a-y", "vay"},
      {"chuyển t i ề n ngay", "chuyen tien ngay"},
      {"V_A_Y V_O_N", "vay von"},
      {"n*h*a*n q*u*a", "nhan qua"},
      {"U.S.A", "usa"},
  });
}

TEST(NormalizeForMatching, JoinNegatives) {
  ExpectAll({
      {"a b", "a b"},             // two spaced letters are not joined
      {"anh e ok", "anh e ok"},   // "e" alone stays... and is not teencode
      {"v-ay", "v-ay"},           // mixed single and multi letters
      {"c.o-n.g", "co-ng"},       // two runs (separators differ)
      {"t  i  e  n", "t i e n"},  // two separators between letters
  });
}

TEST(NormalizeForMatching, LimitsRepeatedLetters) {
  ExpectAll({
      {"tiềnnnnn", "tienn"},
      {"nhanhhhhh lênnnn", "nhanhh lenn"},
      {"good", "good"},
      {"1000000", "1000000"},  // digits are not letters
      {"!!!!!", "!!!!!"},
  });
}

TEST(NormalizeForMatching, Teencode) {
  ExpectAll({
      {"ko", "khong"},
      {"k", "khong"},
      {"hok bit", "khong bit"},
      {"hong", "khong"},
      {"khg", "khong"},
      {"kg", "khong"},
      {"dc", "duoc"},
      {"đc", "duoc"},
      {"đk", "duoc"},
      {"ck ngay", "chuyen khoan ngay"},
      {"gửi stk", "gui so tai khoan"},
      {"tk bị khóa", "tai khoan bi khoa"},
      {"nh", "ngan hang"},
      {"sdt", "so dien thoai"},
      {"SĐT", "so dien thoai"},
      {"bn ơi", "ban oi"},
      {"lm j", "lm gi"},
      {"đi vs e", "di voi e"},
      {"ng nhận", "nguoi nhan"},
      {"ck r", "chuyen khoan roi"},
      {"mk", "minh"},
      {"a e c", "aec"},  // three spaced letters are joined first
      {"nt", "nhan tin"},
      {"ib", "inbox"},
      {"tuyển ctv", "tuyen cong tac vien"},
      {"ký hđ", "ky hop dong"},
      {"mã otp", "ma otp"},
      {"Ko nhận đc tiền thì ib", "khong nhan duoc tien thi inbox"},
  });
}

TEST(NormalizeForMatching, TeencodeNegatives) {
  ExpectAll({
      {"500 k", "500 k"},  // money, not "không"
      {"500k", "500k"},
      {"kho", "kho"},
      {"http://abc.vn/ck", "http://abc.vn/ck"},
      {"user_tk", "user_tk"},
      {"r.com", "r.com"},
      {"ok", "ok"},
      {"a", "a"},
      {"e", "e"},
      {"c", "c"},
  });
}

TEST(NormalizeForMatching, WhiteSpace) {
  ExpectAll({
      {"  vay \t\n  tien  ", "vay tien"},
      {"", ""},
      {"   ", ""},
      {"a\r\nb", "a b"},
  });
}

TEST(NormalizeForMatching, InvalidUtf8) {
  ExpectAll({
      {"vay\xFF"
       "tien",
       "vay\xEF\xBF\xBDtien"},
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"\xED\xA0\x80x", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx"},
      {"\xE1\xBB", "\xEF\xBF\xBD"},
  });
}

TEST(NormalizeForMatching, OtherScriptsKept) {
  ExpectAll({
      {"你好 vay", "你好 vay"},
      {"한국어", "한국어"},
      {"مرحبا بك", "مرحبا بك"},
      {"😀😀😀", "😀😀😀"},
  });
}

TEST(NormalizeForMatching, OriginPointsToSource) {
  const std::string input = "Chuyển khoản";  // "Chuy" "ể"(3 bytes) "n kho" "ả"(3) "n"
  const MatchText m = NormalizeForMatching(input);
  ASSERT_EQ(m.text, "chuyen khoan");
  const std::vector<uint32_t> expected = {0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 15, 16};
  EXPECT_EQ(m.origin, expected);
}

TEST(NormalizeForMatching, OriginOfExpansionsAndJoins) {
  const std::string input = "ib stk";
  const MatchText m = NormalizeForMatching(input);
  ASSERT_EQ(m.text, "inbox so tai khoan");
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(m.origin[i], 0u);
  EXPECT_EQ(m.origin[5], 2u);  // the space
  for (size_t i = 6; i < 18; ++i) EXPECT_EQ(m.origin[i], 3u);
  EXPECT_EQ(m.origin[18], 6u);

  const MatchText d = NormalizeForMatching("c.ô.n.g a.n");
  ASSERT_EQ(d.text, "cong an");
  const std::vector<uint32_t> expected = {0, 2, 5, 7, 8, 9, 11, 12};
  EXPECT_EQ(d.origin, expected);
}

TEST(OriginalSpan, MapsOutputSpansBack) {
  const std::string input = "Anh ơi, ck 500k vào stk này nhé";
  const MatchText m = NormalizeForMatching(input);
  ASSERT_EQ(m.text, "anh oi, chuyen khoan 500k vao so tai khoan nay nhe");
  auto span = [&](std::string_view needle) {
    const size_t at = m.text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    const auto [b, e] = OriginalSpan(m, at, at + needle.size());
    return input.substr(b, e - b);
  };
  EXPECT_EQ(span("chuyen khoan"), "ck");
  EXPECT_EQ(span("chuyen"), "ck");  // inside an expansion: the whole source word
  EXPECT_EQ(span("500k"), "500k");
  EXPECT_EQ(span("so tai khoan"), "stk");
  EXPECT_EQ(span("vao"), "vào");
  EXPECT_EQ(span("oi"), "ơi");
  EXPECT_EQ(span("nhe"), "nhé");
  EXPECT_EQ(OriginalSpan(m, 3, 3), std::make_pair(size_t{3}, size_t{3}));
  EXPECT_EQ(OriginalSpan(m, 5, 1000).second, input.size());  // clamped
}

TEST(OriginalSpan, ObfuscatedPhrase) {
  const std::string input = "Liên hệ c.ô.n.g a.n để x.á.c m.i.n.h";
  const MatchText m = NormalizeForMatching(input);
  ASSERT_EQ(m.text, "lien he cong an de xac minh");
  const size_t at = m.text.find("cong an");
  const auto [b, e] = OriginalSpan(m, at, at + 7);
  EXPECT_EQ(input.substr(b, e - b), "c.ô.n.g a.n");
}

// Property: random byte strings built from interesting pieces keep the origin invariants.
TEST(NormalizeForMatching, OriginInvariantsOnRandomInput) {
  const char* pieces[] = {
      "a",   "V",  "ề",         "Đ",  "\xFF", "\xC0\xAF", "\xE1\xBB",     " ", ".",
      "0",   "1",  "@",         "$",  "k",    "ck",       "\xE2\x80\x8B", "о", "Α",
      "𝐯",   "ｖ", "e\xCC\x81", "\n", "😀",    "한",       "\xED\xA0\x80", "-", "stk",
      "nnnn"};
  std::mt19937 rng(12345);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string input;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) input += pieces[rng() % std::size(pieces)];
    const MatchText m = NormalizeForMatching(input);
    ExpectValidOrigin(input, m);
    // Idempotent on its own ASCII output is not guaranteed (teencode expands), but the output
    // is always valid UTF-8 without leading or trailing spaces.
    if (!m.text.empty()) {
      EXPECT_NE(m.text.front(), ' ');
      EXPECT_NE(m.text.back(), ' ');
    }
    EXPECT_EQ(m.text.find("  "), std::string::npos);
  }
}

// The shared tables (fold tables, teencode index, spoof checker) are built lazily; many threads
// racing on first use must all see the same results.
TEST(NormalizeForMatching, ConcurrentFirstUseIsSafe) {
  const std::string input = "Ch0 v@y t.i.ề.n ck vào stk vіеtсоmbаnk 𝐯𝐢𝐞𝐭";
  const std::string expected = "cho vay tien chuyen khoan vao so tai khoan vietcombank viet";
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (NormalizeForMatching(input).text != expected) ++mismatches;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Teencode, TableIsSortedFoldedAndUnique) {
  const auto table = TeencodeTable();
  ASSERT_GE(table.size(), 25u);
  for (size_t i = 0; i < table.size(); ++i) {
    for (char c : table[i].shorthand) EXPECT_TRUE(c >= 'a' && c <= 'z') << table[i].shorthand;
    for (char c : table[i].expansion) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || c == ' ') << table[i].expansion;
    }
    EXPECT_LE(table[i].shorthand.size(), 4u);
    if (i > 0) {
      EXPECT_LT(table[i - 1].shorthand, table[i].shorthand);
    }
    EXPECT_EQ(ExpandTeencode(table[i].shorthand), table[i].expansion);
  }
  EXPECT_EQ(ExpandTeencode("ok"), "");
  EXPECT_EQ(ExpandTeencode("otp"), "");
  EXPECT_EQ(ExpandTeencode(""), "");
  EXPECT_EQ(ExpandTeencode("khongg"), "");
}

}  // namespace
}  // namespace binhyen::text

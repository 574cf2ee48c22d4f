#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binhyen::text {
namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

std::string Rep(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.append(kFffd);
  return s;
}

// (Concatenation with operator+ trips a GCC 12 -Wrestrict false positive at -O3.)
std::string Cat(std::string_view a, std::string_view b, std::string_view c) {
  std::string s(a);
  s.append(b);
  s.append(c);
  return s;
}

struct Case {
  std::string input;
  std::string expected;
};

TEST(SanitizeUtf8, ValidInputUnchanged) {
  for (const std::string& s : std::vector<std::string>{
           "", "hello", "Đức Phổ", "Chuyển khoản ngay", "日本語", "😀 emoji",
           "\xF4\x8F\xBF\xBF" /* U+10FFFF */, "\xEF\xBF\xBD" /* U+FFFD itself */,
           std::string("nul\0inside", 10)}) {
    SanitizedUtf8 r = SanitizeUtf8(s);
    EXPECT_EQ(r.text, s);
    EXPECT_FALSE(r.had_invalid) << s;
    EXPECT_TRUE(IsValidUtf8(s)) << s;
  }
}

TEST(SanitizeUtf8, InvalidSequences) {
  const std::vector<Case> cases = {
      {"\xC0\xAF", Rep(2)},                   // overlong '/'
      {"\xE0\x80\xAF", Rep(3)},               // overlong 3-byte
      {"\xF0\x80\x80\xAF", Rep(4)},           // overlong 4-byte
      {"\xC1\xBF", Rep(2)},                   // overlong
      {"\xED\xA0\x80", Rep(3)},               // high surrogate D800
      {"\xED\xBF\xBF", Rep(3)},               // low surrogate DFFF
      {"\xED\xA0\x80\xED\xB0\x80", Rep(6)},   // CESU-8 pair
      {"\xF4\x90\x80\x80", Rep(4)},           // U+110000
      {"\xF5\x80\x80\x80", Rep(4)},           // F5 never valid
      {"\xFF", Rep(1)},                       // 0xFF
      {"\xFE\xFF", Rep(2)},                   // UTF-16 BOM bytes
      {"\x80", Rep(1)},                       // lone continuation
      {"a\x80\x80z", Cat("a", Rep(2), "z")},  // two continuations
      {"\xE2\x82", Rep(1)},                   // truncated at end: one U+FFFD
      {"\xE2\x82"
       "a",
       Cat("", Rep(1), "a")},    // truncated before ASCII
      {"\xF0\x9F\x98", Rep(1)},  // truncated emoji
      {"\xF0\x9F\x98"
       "\xF0\x9F\x98\x80",
       Cat("", Rep(1), "😀")},
      {"\xC3", Rep(1)},  // truncated 2-byte
      {"Ti\xE1\xBB"
       "n",
       Cat("Ti", Rep(1), "n")},  // truncated Vietnamese ề
      {"\xC3\xA9\xC3", Cat("é", Rep(1), "")},
      {"x\xC3\x28y", Cat("x", Rep(1), "(y")},  // bad second byte is not swallowed
  };
  for (const Case& c : cases) {
    SanitizedUtf8 r = SanitizeUtf8(c.input);
    EXPECT_EQ(r.text, c.expected) << testing::PrintToString(c.input);
    EXPECT_TRUE(r.had_invalid) << testing::PrintToString(c.input);
    EXPECT_FALSE(IsValidUtf8(c.input)) << testing::PrintToString(c.input);
    EXPECT_TRUE(IsValidUtf8(r.text));
  }
}

TEST(SanitizeUtf8, LongAsciiWithOneBadByteFarAway) {
  std::string s(1000, 'a');
  s[777] = '\xFF';
  SanitizedUtf8 r = SanitizeUtf8(s);
  EXPECT_TRUE(r.had_invalid);
  EXPECT_EQ(r.text.size(), 1002u);
  EXPECT_EQ(r.text.substr(777, 3), kFffd);
}

TEST(IsAscii, Basics) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii("0123456789abcdefghij"));
  EXPECT_FALSE(IsAscii("0123456789abcdefghi\x80"));
  EXPECT_FALSE(IsAscii("é"));
}

TEST(DecodeUtf8, CodePointsAndAdvance) {
  std::string s = "aé€😀";
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(s, &pos), U'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(DecodeUtf8(s, &pos), U'é');
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(DecodeUtf8(s, &pos), U'€');
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(DecodeUtf8(s, &pos), U'😀');
  EXPECT_EQ(pos, 10u);
  EXPECT_EQ(DecodeUtf8(s, &pos), kReplacementChar);  // past the end: no advance
  EXPECT_EQ(pos, 10u);
}

TEST(DecodeUtf8, InvalidAdvancesByMaximalSubpart) {
  std::string s = "\xE2\x82z\xC0\xAF\xED\xA0\x80";
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(s, &pos), kReplacementChar);
  EXPECT_EQ(pos, 2u);
  EXPECT_EQ(DecodeUtf8(s, &pos), U'z');
  EXPECT_EQ(DecodeUtf8(s, &pos), kReplacementChar);
  EXPECT_EQ(pos, 4u);
  EXPECT_EQ(DecodeUtf8(s, &pos), kReplacementChar);
  EXPECT_EQ(pos, 5u);
  EXPECT_EQ(DecodeUtf8(s, &pos), kReplacementChar);
  EXPECT_EQ(pos, 6u);
}

TEST(AppendUtf8, EncodesAndReplacesUnencodable) {
  std::string out;
  for (char32_t c : {U'a', U'\u00E9', U'\u1EC1', U'\U0001F600'}) AppendUtf8(c, &out);
  EXPECT_EQ(out,
            "aé"
            "ề"
            "😀");
  out.clear();
  AppendUtf8(0xD800, &out);
  AppendUtf8(0x110000, &out);
  EXPECT_EQ(out, Rep(2));
  EXPECT_EQ(Utf8Length(U'a'), 1u);
  EXPECT_EQ(Utf8Length(U'\u1EC1'), 3u);
  EXPECT_EQ(Utf8Length(U'\U0001F600'), 4u);
}

TEST(DecodeUtf8, RoundTripsEveryScalarValue) {
  std::string s;
  for (char32_t c = 0; c <= 0x10FFFF; c += (c < 0x3000 ? 1 : 97)) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    s.clear();
    AppendUtf8(c, &s);
    ASSERT_EQ(s.size(), Utf8Length(c));
    ASSERT_TRUE(IsValidUtf8(s)) << static_cast<uint32_t>(c);
    size_t pos = 0;
    ASSERT_EQ(DecodeUtf8(s, &pos), c);
    ASSERT_EQ(pos, s.size());
  }
}

}  // namespace
}  // namespace binhyen::text

#include "text/normalize.h"

#include <gtest/gtest.h>

namespace binhyen::text {
namespace {

// "Tiền" decomposed as macOS sends it: e + circumflex (U+0302) + grave (U+0300).
constexpr const char* kTienNfd = "Tie\xCC\x82\xCC\x80n";

TEST(Nfc, ComposesDecomposedVietnamese) {
  EXPECT_EQ(Nfc(kTienNfd), "Tiền");
  EXPECT_EQ(Nfc("Tiền"), "Tiền");
  // Marks in non-canonical order (grave before circumflex) compose differently: NFC keeps the
  // canonical order rule (both have ccc 230, so order matters).
  EXPECT_EQ(Nfc("e\xCC\x80\xCC\x82"), "\xC3\xA8\xCC\x82");
  EXPECT_EQ(Nfc("Ðu\xCC\x9B\xCC\x81\x63"), "Ðức");
}

TEST(Nfc, KeepsCompatibilityCharacters) {
  EXPECT_EQ(Nfc("ｖａｙ"), "ｖａｙ");
  EXPECT_EQ(Nfc("ﬁ"), "ﬁ");
}

TEST(Nfc, AsciiAndEmpty) {
  EXPECT_EQ(Nfc(""), "");
  EXPECT_EQ(Nfc("Hello, World 123"), "Hello, World 123");
}

TEST(Nfc, SanitisesInvalidInputFirst) {
  EXPECT_EQ(Nfc("a\xFF"
                "e\xCC\x81"),
            "a\xEF\xBF\xBD"
            "é");
  EXPECT_EQ(Nfc("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Nfkc, CompatibilityMappings) {
  EXPECT_EQ(Nfkc("ｖａｙ ｔｉềｎ"), "vay tiền");
  EXPECT_EQ(Nfkc("𝐯𝐢𝐞𝐭"), "viet");
  EXPECT_EQ(Nfkc("𝓿𝓪𝔂"), "vay");
  EXPECT_EQ(Nfkc("ﬁle"), "file");
  EXPECT_EQ(Nfkc("x²"), "x2");
  EXPECT_EQ(Nfkc("①"), "1");
  EXPECT_EQ(Nfkc("VIỆT"), "VIỆT");  // case kept
  EXPECT_EQ(Nfkc(kTienNfd), "Tiền");
}

TEST(NfkcCasefold, FoldsCaseAndRemovesIgnorables) {
  EXPECT_EQ(NfkcCasefold("ĐỨC"), "đức");
  EXPECT_EQ(NfkcCasefold("Straße"), "strasse");
  EXPECT_EQ(NfkcCasefold("v\xE2\x80\x8B"
                         "ay"),
            "vay");  // zero-width space removed
  EXPECT_EQ(NfkcCasefold("so\xC2\xAD"
                         "ft"),
            "soft");  // soft hyphen removed
  EXPECT_EQ(NfkcCasefold("ＶＡＹ"), "vay");
  EXPECT_EQ(NfkcCasefold("HELLO World"), "hello world");
  EXPECT_EQ(NfkcCasefold("\xFF"), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace binhyen::text

#include "crypto/totp.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace binhyen::crypto {
namespace {

// The RFC 6238 Appendix B / RFC 4226 Appendix D secret for SHA-1.
constexpr std::string_view kRfcSecret = "12345678901234567890";

TEST(Base32Test, Rfc4648Vectors) {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"},
  };
  for (const auto& [bytes, encoded] : vectors) {
    EXPECT_EQ(Base32Encode(bytes), encoded) << bytes;
    EXPECT_EQ(Base32Decode(encoded).value(), bytes) << encoded;
  }
  // With the RFC's padding, in lower case, in groups.
  EXPECT_EQ(Base32Decode("MY======").value(), "f");
  EXPECT_EQ(Base32Decode("MZXW6YTBOI======").value(), "foobar");
  EXPECT_EQ(Base32Decode("mzxw6ytboi").value(), "foobar");
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi").value(), "foobar");
  EXPECT_EQ(Base32Decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ").value(), kRfcSecret);
  EXPECT_EQ(Base32Encode(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32Test, RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (size_t n = 0; n <= all.size(); n += 7) {
    const std::string bytes = all.substr(0, n);
    EXPECT_EQ(Base32Decode(Base32Encode(bytes)).value(), bytes) << n;
  }
}

TEST(Base32Test, RejectsMalformedText) {
  EXPECT_EQ(Base32Decode("MZ1W").status(),
            base::InvalidArgumentError("base32: invalid character '1' at 2"));
  EXPECT_EQ(Base32Decode("MZXW8").status(),
            base::InvalidArgumentError("base32: invalid character '8' at 4"));
  EXPECT_EQ(Base32Decode("MZ\xC3\xA0").status(),
            base::InvalidArgumentError("base32: invalid character '\\xc3' at 2"));
  for (const char* impossible : {"M", "MZX", "MZXW6Y", "MZXW6YTBO"}) {
    EXPECT_EQ(Base32Decode(impossible).status(),
              base::InvalidArgumentError("base32: impossible length"))
        << impossible;
  }
  // "MZ" is "f"; "MZ" with a last digit carrying bits beyond the byte is not canonical.
  EXPECT_EQ(Base32Decode("M7").status(),
            base::InvalidArgumentError("base32: non-zero trailing bits"));
}

TEST(TotpTest, Rfc6238AppendixBSha1) {
  const std::vector<std::pair<int64_t, std::string>> vectors = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [time, code] : vectors) {
    EXPECT_EQ(TotpCode(kRfcSecret, time, 8), code) << time;
    EXPECT_EQ(VerifyTotp(kRfcSecret, code, time, 0, 8), time / 30) << time;
  }
}

TEST(TotpTest, Rfc4226AppendixDHotp) {
  // With a period of one second, the time step is the HOTP counter.
  const char* codes[] = {"755224", "287082", "359152", "969429", "338314",
                         "254676", "287922", "162583", "399871", "520489"};
  for (int64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(TotpCode(kRfcSecret, counter, 6, 1), codes[counter]) << counter;
  }
}

TEST(TotpTest, SixDigitsAreTheLastSixOfEight) {
  // Truncation keeps the low digits: the 6-digit code is the 8-digit one's suffix.
  EXPECT_EQ(TotpCode(kRfcSecret, 59), "287082");
  EXPECT_EQ(TotpCode(kRfcSecret, 1111111109), "081804");  // leading zero kept
}

TEST(TotpTest, WindowEdges) {
  const int64_t now = 1111111111;  // step 37037037, 1 s into it
  const int64_t step = now / 30;
  const std::string previous = TotpCode(kRfcSecret, (step - 1) * 30);
  const std::string current = TotpCode(kRfcSecret, now);
  const std::string next = TotpCode(kRfcSecret, (step + 1) * 30);
  const std::string two_back = TotpCode(kRfcSecret, (step - 2) * 30);
  const std::string two_ahead = TotpCode(kRfcSecret, (step + 2) * 30);

  EXPECT_EQ(VerifyTotp(kRfcSecret, current, now), step);
  EXPECT_EQ(VerifyTotp(kRfcSecret, previous, now), step - 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, next, now), step + 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, two_back, now), std::nullopt);
  EXPECT_EQ(VerifyTotp(kRfcSecret, two_ahead, now), std::nullopt);
  EXPECT_EQ(VerifyTotp(kRfcSecret, two_back, now, 2), step - 2);
  EXPECT_EQ(VerifyTotp(kRfcSecret, previous, now, 0), std::nullopt);
  // Step boundaries: the last second of a step and the first of the next.
  EXPECT_EQ(VerifyTotp(kRfcSecret, current, step * 30 + 29, 0), step);
  EXPECT_EQ(VerifyTotp(kRfcSecret, current, step * 30 + 30, 0), std::nullopt);
  EXPECT_EQ(VerifyTotp(kRfcSecret, current, step * 30 + 30, 1), step);
}

TEST(TotpTest, ReplayIsTheCallersStepComparison) {
  // The same code verifies twice to the same step: the caller refuses step <= last used.
  const int64_t now = 2000000000;
  const std::string code = TotpCode(kRfcSecret, now);
  const std::optional<int64_t> first = VerifyTotp(kRfcSecret, code, now);
  const std::optional<int64_t> again = VerifyTotp(kRfcSecret, code, now + 20);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first, again);
  EXPECT_EQ(*first, now / 30);
}

TEST(TotpTest, MalformedCodes) {
  const int64_t now = 1234567890;
  const std::string code = TotpCode(kRfcSecret, now);
  EXPECT_TRUE(VerifyTotp(kRfcSecret, code, now).has_value());
  // Concatenated with append: GCC 12 warns falsely (-Wrestrict) on "x" + std::string.
  const auto cat = [](std::string a, std::string_view b) { return a.append(b); };
  for (const std::string& bad :
       {std::string(""), code.substr(0, 5), cat(code, "0"), cat(" ", code.substr(1)),
        cat(code.substr(0, 5), "a"), cat("-", code.substr(1)), cat("+", code.substr(1)),
        cat("\xD9\xA1", code.substr(2)), std::string(6, '\0'), TotpCode(kRfcSecret, now, 8)}) {
    EXPECT_EQ(VerifyTotp(kRfcSecret, bad, now), std::nullopt) << bad;
  }
  // The wrong secret.
  EXPECT_EQ(VerifyTotp("another secret of 20b", code, now), std::nullopt);
}

TEST(TotpTest, TimesBefore1970UseFloorSteps) {
  EXPECT_EQ(VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, -1), -1, 0), -1);
  EXPECT_EQ(TotpCode(kRfcSecret, -1), TotpCode(kRfcSecret, -30));
  EXPECT_NE(TotpCode(kRfcSecret, -1), TotpCode(kRfcSecret, 0));
}

TEST(TotpUriTest, PercentEncodesIssuerAndAccount) {
  EXPECT_EQ(TotpUri("Bình Yên", "analyst@ducpho.gov.vn", kRfcSecret),
            "otpauth://totp/B%C3%ACnh%20Y%C3%AAn:analyst%40ducpho.gov.vn"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=B%C3%ACnh%20Y%C3%AAn"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(TotpUri("A:B", "x&y=z", "f"),
            "otpauth://totp/A%3AB:x%26y%3Dz?secret=MY&issuer=A%3AB&algorithm=SHA1&digits=6"
            "&period=30");
}

}  // namespace
}  // namespace binhyen::crypto

#include "http/gzip.h"

#include <gtest/gtest.h>

#include <string>

namespace binhyen::http {
namespace {

TEST(GzipTest, RoundTripsAndStartsWithTheGzipMagic) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "0.0.0.0 lua-dao-" + std::to_string(i) + ".top\n";
  base::Result<std::string> gz = Gzip(text);
  ASSERT_TRUE(gz.ok()) << gz.status().ToString();
  ASSERT_GE(gz->size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[1]), 0x8b);
  EXPECT_LT(gz->size(), text.size() / 4);
  EXPECT_EQ(Gunzip(*gz).value(), text);
  EXPECT_EQ(Gunzip(Gzip("").value()).value(), "");
}

TEST(GzipTest, GunzipRefusesGarbageTruncationAndBombs) {
  EXPECT_EQ(Gunzip("not gzip at all").status().code(), base::StatusCode::kInvalidArgument);
  const std::string gz = Gzip(std::string(100000, 'a')).value();
  EXPECT_EQ(Gunzip(gz.substr(0, gz.size() / 2)).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(Gunzip(gz, 1000).status().code(), base::StatusCode::kResourceExhausted);
}

TEST(GzipTest, AcceptEncoding) {
  auto accepts = [](std::string value) {
    Request r;
    r.headers.Set("Accept-Encoding", value);
    return AcceptsGzip(r);
  };
  EXPECT_TRUE(accepts("gzip"));
  EXPECT_TRUE(accepts("br, GZIP;q=0.5"));
  EXPECT_TRUE(accepts("*"));
  EXPECT_FALSE(accepts("gzip;q=0"));
  EXPECT_FALSE(accepts("br, deflate"));
  EXPECT_FALSE(AcceptsGzip(Request{}));
}

}  // namespace
}  // namespace binhyen::http

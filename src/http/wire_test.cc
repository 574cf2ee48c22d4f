// The response head the server writes (internal/wire.h), byte for byte.
#include "http/internal/wire.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace binhyen::http::internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Response Hello() {
  Response r = Response::Text(200, "hi");
  r.headers.Set("Cache-Control", "max-age=60");
  return r;
}

TEST(WireTest, HeadIsStatusLineFieldsSecurityDefaultsAndLength) {
  WireResponse w = ToWire(Hello(), "req-1", false, true);
  EXPECT_EQ(w.status, 200);
  EXPECT_EQ(w.head,
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Cache-Control: max-age=60\r\n"
            "X-Content-Type-Options: nosniff\r\n"
            "X-Frame-Options: DENY\r\n"
            "Referrer-Policy: same-origin\r\n"
            "X-Request-Id: req-1\r\n"
            "Content-Length: 2\r\n"
            "\r\n");
  EXPECT_EQ(w.body, "hi");
}

TEST(WireTest, ConnectionFieldFollowsVersionAndKeepAlive) {
  EXPECT_THAT(ToWire(Hello(), "r", false, false).head, HasSubstr("\r\nConnection: close\r\n"));
  EXPECT_THAT(ToWire(Hello(), "r", false, true).head, Not(HasSubstr("Connection:")));
  const WireResponse old_keep = ToWire(Hello(), "r", false, true, 0);
  EXPECT_TRUE(old_keep.head.starts_with("HTTP/1.0 200 OK\r\n"));
  EXPECT_THAT(old_keep.head, HasSubstr("\r\nConnection: keep-alive\r\n"));
  EXPECT_THAT(ToWire(Hello(), "r", false, false, 0).head, Not(HasSubstr("Connection:")));
}

TEST(WireTest, HeadRequestsAndBodilessStatusesSendNoBody) {
  const WireResponse head = ToWire(Hello(), "r", true, true);
  EXPECT_THAT(head.head, HasSubstr("Content-Length: 2\r\n"));
  EXPECT_EQ(head.body, "");
  Response none;
  none.status = 204;
  none.body = "ignored";
  const WireResponse w = ToWire(std::move(none), "r", false, true);
  EXPECT_TRUE(w.head.starts_with("HTTP/1.1 204 No Content\r\n"));
  EXPECT_THAT(w.head, Not(HasSubstr("Content-Length")));
  EXPECT_EQ(w.body, "");
}

TEST(WireTest, FramingAndUnsafeFieldsFromHandlersAreDropped) {
  Response r = Response::Text(200, "ok");
  r.headers.Add("Content-Length", "999");
  r.headers.Add("Transfer-Encoding", "chunked");
  r.headers.Add("Connection", "upgrade");
  r.headers.Add("X-Request-Id", "forged");
  r.headers.Add("Bad Name", "v");
  r.headers.Add("X-Split", "a\r\nSet-Cookie: evil=1");
  r.headers.Add("X-Nul", std::string("a\0b", 3));
  r.headers.Add("X-Fine", "kept");
  const WireResponse w = ToWire(std::move(r), "real", false, true);
  EXPECT_THAT(w.head, HasSubstr("\r\nContent-Length: 2\r\n"));
  EXPECT_THAT(w.head, Not(HasSubstr("999")));
  EXPECT_THAT(w.head, Not(HasSubstr("chunked")));
  EXPECT_THAT(w.head, Not(HasSubstr("upgrade")));
  EXPECT_THAT(w.head, Not(HasSubstr("forged")));
  EXPECT_THAT(w.head, HasSubstr("\r\nX-Request-Id: real\r\n"));
  EXPECT_THAT(w.head, Not(HasSubstr("Bad Name")));
  EXPECT_THAT(w.head, Not(HasSubstr("evil")));
  EXPECT_THAT(w.head, Not(HasSubstr("X-Nul")));
  EXPECT_THAT(w.head, HasSubstr("\r\nX-Fine: kept\r\n"));
}

TEST(WireTest, OutOfRangeStatusBecomes500AndUnknownCodesHaveAnEmptyPhrase) {
  Response bad = Response::Text(42, "x");
  EXPECT_TRUE(ToWire(std::move(bad), "r", false, true).head.starts_with("HTTP/1.1 500 "));
  Response odd = Response::Text(299, "x");
  EXPECT_TRUE(ToWire(std::move(odd), "r", false, true).head.starts_with("HTTP/1.1 299 \r\n"));
}

TEST(WireTest, StrictTransportSecurityOnlyWhenAskedAndNeverTwice) {
  EXPECT_THAT(ToWire(Hello(), "r", false, true).head, Not(HasSubstr("Strict-Transport-Security")));
  EXPECT_THAT(ToWire(Hello(), "r", false, true, 1, /*hsts=*/true).head,
              HasSubstr("\r\nStrict-Transport-Security: max-age=31536000\r\n"));
  Response own = Hello();
  own.headers.Set("Strict-Transport-Security", "max-age=60");
  const std::string head = ToWire(std::move(own), "r", false, true, 1, /*hsts=*/true).head;
  EXPECT_THAT(head, HasSubstr("\r\nStrict-Transport-Security: max-age=60\r\n"));
  EXPECT_THAT(head, Not(HasSubstr("max-age=31536000")));
}

}  // namespace
}  // namespace binhyen::http::internal

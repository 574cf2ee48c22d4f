#include "http/message.h"

#include <gtest/gtest.h>

namespace binhyen::http {
namespace {

TEST(MethodTest, NamesRoundTrip) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                   Method::kDelete, Method::kOptions}) {
    EXPECT_EQ(ParseMethod(Name(m)), m);
  }
  EXPECT_EQ(Name(Method::kGet), "GET");
  EXPECT_EQ(Name(Method::kOther), "OTHER");
  EXPECT_EQ(ParseMethod("get"), Method::kOther);
  EXPECT_EQ(ParseMethod("TRACE"), Method::kOther);
}

TEST(HeadersTest, CaseInsensitiveAndOrdered) {
  Headers h;
  h.Add("Set-Cookie", "a=1");
  h.Add("set-cookie", "b=2");
  h.Add("X-One", "1");
  EXPECT_EQ(h.Get("SET-COOKIE").value_or(""), "a=1");
  EXPECT_FALSE(h.Get("missing").has_value());
  h.Set("SET-cookie", "c=3");
  ASSERT_EQ(h.all().size(), 2u);
  EXPECT_EQ(h.all()[0].first, "X-One");
  EXPECT_EQ(h.all()[1].first, "SET-cookie");
  EXPECT_EQ(h.all()[1].second, "c=3");
  h.Remove("x-one");
  EXPECT_FALSE(h.Has("X-One"));
}

TEST(RequestTest, Accessors) {
  Request r;
  r.headers.Add("Content-Type", " Multipart/Form-Data ; boundary=x");
  r.headers.Add("Cookie", "sid=abc; theme=dark");
  r.headers.Add("Cookie", "lang=vi");
  r.query_params = {{"q", "phổ"}, {"q", "second"}};
  r.path_params = {{"id", "42"}};
  EXPECT_EQ(r.MediaTypeName(), "multipart/form-data");
  EXPECT_EQ(r.Header("content-type").value_or(""), " Multipart/Form-Data ; boundary=x");
  EXPECT_EQ(r.Cookie("sid").value_or(""), "abc");
  EXPECT_EQ(r.Cookie("lang").value_or(""), "vi");
  EXPECT_FALSE(r.Cookie("none").has_value());
  EXPECT_EQ(r.Query("q").value_or(""), "phổ");
  EXPECT_FALSE(r.Query("x").has_value());
  EXPECT_EQ(r.PathParam("id"), "42");
  EXPECT_EQ(r.PathParam("nope"), "");
  r.headers.Set("Cookie", "sid=changed");
  EXPECT_EQ(r.Cookie("sid").value_or(""), "changed");
  Request empty;
  EXPECT_EQ(empty.MediaTypeName(), "");
  EXPECT_FALSE(empty.Cookie("sid").has_value());
}

TEST(ResponseTest, Factories) {
  Response j = Response::Json(201, "{}");
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.headers.Get("Content-Type").value_or(""), "application/json; charset=utf-8");
  EXPECT_EQ(j.body, "{}");
  EXPECT_EQ(Response::Html(200, "").headers.Get("content-type").value_or(""),
            "text/html; charset=utf-8");
  EXPECT_EQ(Response::Text(200, "").headers.Get("content-type").value_or(""),
            "text/plain; charset=utf-8");
  EXPECT_EQ(Response::WithType(200, "image/png", "x").headers.Get("content-type").value_or(""),
            "image/png");
  Response redirect = Response::Redirect(303, "/reports/1");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.headers.Get("location").value_or(""), "/reports/1");
  EXPECT_EQ(redirect.body, "");
}

TEST(ResponseTest, Problem) {
  Response p = Response::Problem(422, "Field \"ward\" is unknown.", "Phường/xã không tồn tại.");
  EXPECT_EQ(p.status, 422);
  EXPECT_EQ(p.headers.Get("content-type").value_or(""), "application/problem+json");
  EXPECT_EQ(p.body,
            R"({"type":"about:blank","title":"Unprocessable Content","status":422,"code":"error",)"
            R"("detail":"Field \"ward\" is unknown.","detail_vi":"Phường/xã không tồn tại."})");
}

TEST(JsonStringTest, EscapesAndRepairs) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\n\t\x01 Đức");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001 Đức\"");
  out.clear();
  AppendJsonString(out, std::string("x\xff\xc3") + "y\xe1\xbb");
  EXPECT_EQ(out, "\"x\\ufffd\\ufffdy\\ufffd\\ufffd\"");
}

}  // namespace
}  // namespace binhyen::http

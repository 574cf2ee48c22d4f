#include "http/router.h"

#include <gtest/gtest.h>

namespace binhyen::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, name); };
}

std::string HandlerName(const RouteMatch& m) {
  Request r;
  return m.route->handler(r).body;
}

Router Sample() {
  Router router;
  router.Add(Method::kGet, "/", Named("root"));
  router.Add(Method::kGet, "/api/v1/reports", Named("list"));
  router.Add(Method::kPost, "/api/v1/reports", Named("create"));
  router.Add(Method::kGet, "/api/v1/reports/{id}", Named("show"));
  router.Add(Method::kGet, "/api/v1/reports/search", Named("search"));
  router.Add(Method::kPost, "/api/v1/reports/{id}/transition", Named("transition"));
  router.Add(Method::kPost, "/api/v1/things/special", Named("special-post"));
  router.Add(Method::kGet, "/api/v1/things/{name}", Named("thing"));
  return router;
}

TEST(RouterTest, MatchesLiteralsAndParams) {
  Router router = Sample();
  RouteMatch root = router.Find(Method::kGet, "/");
  ASSERT_EQ(root.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(HandlerName(root), "root");

  RouteMatch show = router.Find(Method::kGet, "/api/v1/reports/42");
  ASSERT_EQ(show.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(HandlerName(show), "show");
  EXPECT_EQ(show.route->pattern, "/api/v1/reports/{id}");
  ASSERT_EQ(show.params.size(), 1u);
  EXPECT_EQ(show.params[0].first, "id");
  EXPECT_EQ(show.params[0].second, "42");

  RouteMatch transition = router.Find(Method::kPost, "/api/v1/reports/7/transition");
  ASSERT_EQ(transition.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(HandlerName(transition), "transition");
  EXPECT_EQ(transition.params[0].second, "7");
}

TEST(RouterTest, LiteralWinsOverParam) {
  Router router = Sample();
  RouteMatch search = router.Find(Method::kGet, "/api/v1/reports/search");
  ASSERT_EQ(search.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(HandlerName(search), "search");
  EXPECT_TRUE(search.params.empty());
}

TEST(RouterTest, ParamMatchesWhenLiteralHasOnlyOtherMethods) {
  Router router = Sample();
  RouteMatch m = router.Find(Method::kGet, "/api/v1/things/special");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(HandlerName(m), "thing");
  EXPECT_EQ(m.params[0].second, "special");
}

TEST(RouterTest, ParamsArePercentDecoded) {
  Router router = Sample();
  RouteMatch m = router.Find(Method::kGet, "/api/v1/reports/a%2Fb%20c+d");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params[0].second, "a/b c+d");
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/reports/%zz").kind, RouteMatch::Kind::kBadPath);
}

TEST(RouterTest, NotFoundAndMethodNotAllowed) {
  Router router = Sample();
  EXPECT_EQ(router.Find(Method::kGet, "/api/v2/reports").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/reports/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/reports/1/extra/x").kind,
            RouteMatch::Kind::kNotFound);
  RouteMatch m = router.Find(Method::kDelete, "/api/v1/reports");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, HEAD, POST");
  RouteMatch other = router.Find(Method::kOther, "/api/v1/reports/1/transition");
  EXPECT_EQ(other.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(other.allow, "POST");
}

TEST(RouterTest, HeadFallsBackToGet) {
  Router router = Sample();
  RouteMatch m = router.Find(Method::kHead, "/api/v1/reports/9");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(HandlerName(m), "show");
}

TEST(RouterTest, BadPath) {
  Router router = Sample();
  EXPECT_EQ(router.Find(Method::kGet, "").kind, RouteMatch::Kind::kBadPath);
  EXPECT_EQ(router.Find(Method::kGet, "http://example.com/").kind, RouteMatch::Kind::kBadPath);
  EXPECT_EQ(router.Find(Method::kGet, "*").kind, RouteMatch::Kind::kBadPath);
}

TEST(RouterTest, KeepsOptions) {
  Router router;
  RouteOptions options;
  options.max_body_bytes = 5;
  options.max_multipart_body_bytes = 25 << 20;
  options.blocking = false;
  router.Add(Method::kPost, "/intake", Named("i"), options);
  RouteMatch m = router.Find(Method::kPost, "/intake");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->options.max_body_bytes, 5u);
  EXPECT_EQ(m.route->options.max_multipart_body_bytes, 25u << 20);
  EXPECT_FALSE(m.route->options.blocking);
}

TEST(RouterDeathTest, DuplicateRouteIsAProgrammingError) {
  EXPECT_DEATH(
      {
        Router router;
        router.Add(Method::kGet, "/a/{x}", Named("1"));
        router.Add(Method::kGet, "/a/{y}", Named("2"));
      },
      "duplicate route");
}

TEST(RouterDeathTest, MalformedPatternIsAProgrammingError) {
  EXPECT_DEATH(
      {
        Router router;
        router.Add(Method::kGet, "/a/{}", Named("1"));
      },
      "malformed route parameter");
  EXPECT_DEATH(
      {
        Router router;
        router.Add(Method::kGet, "a", Named("1"));
      },
      "starts with");
}

TEST(RouterTest, NotFoundHandlerIsKeptApartFromRoutes) {
  Router router;
  EXPECT_EQ(router.not_found(), nullptr);
  router.Add(Method::kGet, "/a", [](Request&) { return Response::Text(200, "a"); });
  router.SetNotFound([](Request&) { return Response::Text(404, "custom"); });
  ASSERT_NE(router.not_found(), nullptr);
  EXPECT_EQ(router.not_found()->pattern, "(not found)");
  EXPECT_FALSE(router.not_found()->options.blocking);
  Request request;
  EXPECT_EQ(router.not_found()->handler(request).body, "custom");
  // Find is unchanged: the server decides when to use the handler.
  EXPECT_EQ(router.Find(Method::kGet, "/b").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Find(Method::kGet, "/a").kind, RouteMatch::Kind::kFound);
}

}  // namespace
}  // namespace binhyen::http

#include "http/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

namespace binhyen::http {
namespace {

TEST(Metrics, RenderGolden) {
  MetricsRegistry registry;
  auto& requests = registry.AddCounter("binhyen_http_requests_total", "HTTP requests served.",
                                       {"route", "code"});
  auto& in_flight = registry.AddGauge("binhyen_http_in_flight", "Requests being served.");
  auto& latency = registry.AddHistogram("binhyen_http_request_seconds", "Request latency.",
                                        {0.005, 0.1, 1}, {"route"});
  registry.AddCallbackGauge("binhyen_reports", "Reports by status.\nFrom the store \\ live.",
                            {"status"}, [] {
                              return std::vector<MetricsRegistry::Sample>{
                                  {{"pending"}, 12}, {{"verified"}, 3.5}, {{"bad", "arity"}, 1}};
                            });
  registry.AddCounter("binhyen_empty_total", "Unlabelled, never touched.");

  requests.WithLabels({"/api/reports", "200"}).Inc();
  requests.WithLabels({"/api/reports", "200"}).Inc(2);
  requests.WithLabels({"/check", "404"}).Inc();
  requests.WithLabels({"/a\"b\\c\nd", "500"}).Inc(0.5);
  in_flight.WithLabels({}).Set(3);
  in_flight.WithLabels({}).Dec();
  auto& check = latency.WithLabels({"/check"});
  check.Observe(0.001);
  check.Observe(0.005);  // bounds are inclusive
  check.Observe(0.25);
  check.Observe(7);

  const std::string expected =
      "# HELP binhyen_http_requests_total HTTP requests served.\n"
      "# TYPE binhyen_http_requests_total counter\n"
      "binhyen_http_requests_total{route=\"/a\\\"b\\\\c\\nd\",code=\"500\"} 0.5\n"
      "binhyen_http_requests_total{route=\"/api/reports\",code=\"200\"} 3\n"
      "binhyen_http_requests_total{route=\"/check\",code=\"404\"} 1\n"
      "# HELP binhyen_http_in_flight Requests being served.\n"
      "# TYPE binhyen_http_in_flight gauge\n"
      "binhyen_http_in_flight 2\n"
      "# HELP binhyen_http_request_seconds Request latency.\n"
      "# TYPE binhyen_http_request_seconds histogram\n"
      "binhyen_http_request_seconds_bucket{route=\"/check\",le=\"0.005\"} 2\n"
      "binhyen_http_request_seconds_bucket{route=\"/check\",le=\"0.1\"} 2\n"
      "binhyen_http_request_seconds_bucket{route=\"/check\",le=\"1\"} 3\n"
      "binhyen_http_request_seconds_bucket{route=\"/check\",le=\"+Inf\"} 4\n"
      "binhyen_http_request_seconds_sum{route=\"/check\"} 7.256\n"
      "binhyen_http_request_seconds_count{route=\"/check\"} 4\n"
      "# HELP binhyen_reports Reports by status.\\nFrom the store \\\\ live.\n"
      "# TYPE binhyen_reports gauge\n"
      "binhyen_reports{status=\"pending\"} 12\n"
      "binhyen_reports{status=\"verified\"} 3.5\n"
      "# HELP binhyen_empty_total Unlabelled, never touched.\n"
      "# TYPE binhyen_empty_total counter\n"
      "binhyen_empty_total 0\n";
  EXPECT_EQ(registry.Render(), expected);
}

TEST(Metrics, UnlabelledHistogramAndSpecialValues) {
  MetricsRegistry registry;
  auto& h = registry.AddHistogram("size_bytes", "Sizes.", {1024, 1e6});
  h.WithLabels({}).Observe(2048);
  auto& g = registry.AddGauge("g", "G.", {"k"});
  g.WithLabels({"inf"}).Set(INFINITY);
  g.WithLabels({"minf"}).Set(-INFINITY);
  g.WithLabels({"nan"}).Set(NAN);
  g.WithLabels({"big"}).Set(1e20);
  g.WithLabels({"neg"}).Set(-0.25);
  EXPECT_EQ(registry.Render(),
            "# HELP size_bytes Sizes.\n"
            "# TYPE size_bytes histogram\n"
            "size_bytes_bucket{le=\"1024\"} 0\n"
            "size_bytes_bucket{le=\"1e+06\"} 1\n"
            "size_bytes_bucket{le=\"+Inf\"} 1\n"
            "size_bytes_sum 2048\n"
            "size_bytes_count 1\n"
            "# HELP g G.\n"
            "# TYPE g gauge\n"
            "g{k=\"big\"} 1e+20\n"
            "g{k=\"inf\"} +Inf\n"
            "g{k=\"minf\"} -Inf\n"
            "g{k=\"nan\"} NaN\n"
            "g{k=\"neg\"} -0.25\n");
}

TEST(Metrics, SameNameSameTypeReturnsExisting) {
  MetricsRegistry registry;
  auto& a = registry.AddCounter("c_total", "First.", {"x"});
  auto& b = registry.AddCounter("c_total", "Second help is ignored.", {"x"});
  EXPECT_EQ(&a, &b);
  a.WithLabels({"1"}).Inc();
  EXPECT_EQ(b.WithLabels({"1"}).Value(), 1);
  EXPECT_EQ(&a.WithLabels({"1"}), &b.WithLabels({"1"}));
}

TEST(Metrics, ConcurrentIncrementsSumExactly) {
  MetricsRegistry registry;
  auto& family = registry.AddCounter("hits_total", "Hits.", {"t"});
  auto& gauge = registry.AddGauge("level", "Level.");
  auto& hist = registry.AddHistogram("obs", "Obs.", {0.5});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100'000; ++i) {
        family.WithLabels({"shared"}).Inc();
        family.WithLabels({t % 2 == 0 ? "even" : "odd"}).Inc(0.5);
        gauge.WithLabels({}).Inc();
        if (i % 2 == 0) gauge.WithLabels({}).Dec(2);
        hist.WithLabels({}).Observe(i % 2 == 0 ? 0.25 : 1);
        if (i % 10'000 == 0) (void)registry.Render();  // scrapes race with updates
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(family.WithLabels({"shared"}).Value(), 400'000);
  EXPECT_EQ(family.WithLabels({"even"}).Value(), 100'000);
  EXPECT_EQ(family.WithLabels({"odd"}).Value(), 100'000);
  EXPECT_EQ(gauge.WithLabels({}).Value(), 0);
  auto& h = hist.WithLabels({});
  EXPECT_EQ(h.Count(), 400'000u);
  EXPECT_EQ(h.BucketCount(0), 200'000u);
  EXPECT_EQ(h.BucketCount(1), 200'000u);
  EXPECT_EQ(h.Sum(), 250'000);
}

TEST(MetricsDeathTest, ProgrammingErrors) {
  MetricsRegistry registry;
  auto& c = registry.AddCounter("c_total", "C.", {"a", "b"});
  EXPECT_DEATH(c.WithLabels({"only one"}), "wrong number of label values");
  EXPECT_DEATH(registry.AddGauge("c_total", "Now a gauge."), "another type");
  EXPECT_DEATH(registry.AddCounter("bad-name", "x"), "invalid metric name");
  EXPECT_DEATH(registry.AddCounter("ok", "x", {"0bad"}), "invalid label name");
  EXPECT_DEATH(registry.AddHistogram("h", "x", {1, 1}), "strictly increasing");
  EXPECT_DEATH(registry.AddHistogram("h2", "x", {1}, {"le"}), "reserved");
  EXPECT_DEATH(c.WithLabels({"1", "2"}).Inc(-1), "negative");
}

}  // namespace
}  // namespace binhyen::http

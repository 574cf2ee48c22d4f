#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace binhyen::http {

// Prometheus metrics: counters, gauges and histograms in labelled families, rendered in the text
// exposition format 0.0.4. Families and their children live as long as the registry; references
// returned by Add*/WithLabels stay valid (cache them in hot paths).
// Thread safety: every class here is thread-safe; values are atomics, and families take a mutex
// only to find or create a child.

// The Content-Type of MetricsRegistry::Render's output.
inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// A monotonically increasing value.
class Counter {
 public:
  // REQUIRES: v >= 0 (BINHYEN_CHECK: counters never go down).
  void Inc(double v = 1);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// A value that goes up and down.
class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Inc(double v = 1);
  void Dec(double v = 1) { Inc(-v); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Counts observations into cumulative buckets (upper bounds fixed by the family) plus +Inf.
class Histogram {
 public:
  // REQUIRES: `bounds` strictly increasing and finite (checked by the family).
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);

  const std::vector<double>& Bounds() const { return bounds_; }
  // Non-cumulative count of bucket i (i == Bounds().size() is the +Inf bucket).
  uint64_t BucketCount(size_t i) const { return counts_[i].load(std::memory_order_relaxed); }
  uint64_t Count() const { return count_.load(std::memory_order_relaxed); }
  double Sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  const std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;
  std::atomic<uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

namespace internal {

// What every family shares: name, help, label names, and rendering of its samples.
class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> label_names);
  virtual ~Family() = default;
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  const std::string& name() const { return name_; }
  virtual std::string_view TypeName() const = 0;
  // Appends "# HELP", "# TYPE" and every sample line.
  void Render(std::string* out) const;

 protected:
  // Appends the sample lines only.
  virtual void RenderSamples(std::string* out) const = 0;
  // REQUIRES (BINHYEN_CHECK): values.size() == label_names().size().
  std::vector<std::string> CheckedLabels(std::initializer_list<std::string_view> values) const;
  const std::vector<std::string>& label_names() const { return label_names_; }

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
};

// A family whose children are created on first use and never removed.
template <typename T>
class ChildMap {
 public:
  template <typename Make>
  T& GetOrCreate(std::vector<std::string> key, Make make) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = children_.find(key);
    if (it == children_.end()) it = children_.emplace(std::move(key), make()).first;
    return *it->second;
  }
  template <typename F>
  void ForEach(F f) const {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [labels, child] : children_) f(labels, *child);
  }

 private:
  mutable std::mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<T>> children_;  // guarded by mu_
};

}  // namespace internal

class CounterFamily final : public internal::Family {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);
  // The child for these label values (one per label name, in order), created at 0 on first use.
  // REQUIRES (BINHYEN_CHECK): the right number of values.
  Counter& WithLabels(std::initializer_list<std::string_view> values);
  std::string_view TypeName() const override { return "counter"; }

 private:
  void RenderSamples(std::string* out) const override;
  internal::ChildMap<Counter> children_;
};

class GaugeFamily final : public internal::Family {
 public:
  GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names);
  // As CounterFamily::WithLabels.
  Gauge& WithLabels(std::initializer_list<std::string_view> values);
  std::string_view TypeName() const override { return "gauge"; }

 private:
  void RenderSamples(std::string* out) const override;
  internal::ChildMap<Gauge> children_;
};

class HistogramFamily final : public internal::Family {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<double> buckets,
                  std::vector<std::string> label_names);
  // As CounterFamily::WithLabels.
  Histogram& WithLabels(std::initializer_list<std::string_view> values);
  std::string_view TypeName() const override { return "histogram"; }

 private:
  void RenderSamples(std::string* out) const override;
  const std::vector<double> buckets_;
  internal::ChildMap<Histogram> children_;
};

// Owns the metric families of one process (or one test) and renders them for /metrics.
// Names must match [a-zA-Z_:][a-zA-Z0-9_:]* and label names [a-zA-Z_][a-zA-Z0-9_]* (not "le"),
// histogram buckets must be strictly increasing and finite: all BINHYEN_CHECKed, since they are
// our own constants. Adding a family whose name exists with the same type returns the existing
// family (help, labels and buckets of the first registration win); a different type is a
// programming error (BINHYEN_CHECK).
class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  CounterFamily& AddCounter(std::string name, std::string help,
                            std::vector<std::string> label_names = {});
  GaugeFamily& AddGauge(std::string name, std::string help,
                        std::vector<std::string> label_names = {});
  HistogramFamily& AddHistogram(std::string name, std::string help, std::vector<double> buckets,
                                std::vector<std::string> label_names = {});

  // A gauge computed at each scrape (e.g. reports per status, read from the store by the
  // caller's function). `collect` runs inside Render, possibly on several threads at once; each
  // sample must have one value per label name (a sample with the wrong arity is skipped: the
  // function may read outside data).
  struct Sample {
    std::vector<std::string> label_values;
    double value = 0;
  };
  void AddCallbackGauge(std::string name, std::string help, std::vector<std::string> label_names,
                        std::function<std::vector<Sample>()> collect);

  // The text exposition format 0.0.4 (Content-Type "text/plain; version=0.0.4"): per family
  // "# HELP" (help escaped: \\ and \n), "# TYPE", then samples; label values escaped (\\ \" \n);
  // histograms as cumulative name_bucket{le="..."} lines ending with le="+Inf", then name_sum
  // and name_count. Families in registration order, children sorted by label values.
  std::string Render() const;

 private:
  template <typename F>
  F& AddFamily(std::unique_ptr<F> family);

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<internal::Family>> families_;  // guarded by mu_; never shrinks
};

}  // namespace binhyen::http

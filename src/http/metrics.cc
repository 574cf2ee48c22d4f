#include "http/metrics.h"

#include <charconv>
#include <cmath>
#include <utility>

#include "base/check.h"
#include "base/strings.h"

namespace binhyen::http {
namespace {

bool IsMetricName(std::string_view name) {
  if (name.empty() || base::IsAsciiDigit(name[0])) return false;
  for (char c : name) {
    if (!base::IsAsciiAlnum(c) && c != '_' && c != ':') return false;
  }
  return true;
}

bool IsLabelName(std::string_view name) {
  if (name.empty() || base::IsAsciiDigit(name[0]) || name.substr(0, 2) == "__") return false;
  for (char c : name) {
    if (!base::IsAsciiAlnum(c) && c != '_') return false;
  }
  return true;
}

void AtomicAdd(std::atomic<double>& a, double v) {
  double old = a.load(std::memory_order_relaxed);
  while (!a.compare_exchange_weak(old, old + v, std::memory_order_relaxed)) {
  }
}

// Prometheus float syntax: shortest round-trip decimal, "+Inf", "-Inf", "NaN".
void AppendValue(double v, std::string* out) {
  if (std::isnan(v)) {
    *out += "NaN";
  } else if (std::isinf(v)) {
    *out += v > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    BINHYEN_CHECK(ec == std::errc(), "to_chars failed on a double");
    out->append(buf, end);
  }
}

// Escapes for a label value (\\ \" \n) or, with quote == false, for HELP text (\\ \n).
void AppendEscaped(std::string_view s, bool quote, std::string* out) {
  for (char c : s) {
    if (c == '\\') {
      *out += "\\\\";
    } else if (c == '\n') {
      *out += "\\n";
    } else if (c == '"' && quote) {
      *out += "\\\"";
    } else {
      out->push_back(c);
    }
  }
}

// Appends `{a="x",b="y"}` (plus an optional extra label, e.g. le), or nothing without labels.
void AppendLabels(const std::vector<std::string>& names, const std::vector<std::string>& values,
                  std::string_view extra_name, std::string_view extra_value, std::string* out) {
  if (names.empty() && extra_name.empty()) return;
  out->push_back('{');
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out->push_back(',');
    *out += names[i];
    *out += "=\"";
    AppendEscaped(values[i], true, out);
    out->push_back('"');
  }
  if (!extra_name.empty()) {
    if (!names.empty()) out->push_back(',');
    *out += extra_name;
    *out += "=\"";
    *out += extra_value;
    out->push_back('"');
  }
  out->push_back('}');
}

void AppendSample(std::string_view name, std::string_view suffix,
                  const std::vector<std::string>& label_names,
                  const std::vector<std::string>& label_values, std::string_view extra_name,
                  std::string_view extra_value, double value, std::string* out) {
  *out += name;
  *out += suffix;
  AppendLabels(label_names, label_values, extra_name, extra_value, out);
  out->push_back(' ');
  AppendValue(value, out);
  out->push_back('\n');
}

// A gauge family whose samples come from a function at each scrape.
class CallbackGaugeFamily final : public internal::Family {
 public:
  CallbackGaugeFamily(std::string name, std::string help, std::vector<std::string> label_names,
                      std::function<std::vector<MetricsRegistry::Sample>()> collect)
      : Family(std::move(name), std::move(help), std::move(label_names)),
        collect_(std::move(collect)) {}
  std::string_view TypeName() const override { return "gauge"; }

 private:
  void RenderSamples(std::string* out) const override {
    for (const auto& sample : collect_()) {
      if (sample.label_values.size() != label_names().size()) continue;
      AppendSample(name(), "", label_names(), sample.label_values, "", "", sample.value, out);
    }
  }
  const std::function<std::vector<MetricsRegistry::Sample>()> collect_;
};

}  // namespace

void Counter::Inc(double v) {
  BINHYEN_CHECK(v >= 0, "Counter::Inc with a negative value");
  AtomicAdd(value_, v);
}

void Gauge::Inc(double v) { AtomicAdd(value_, v); }

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(new std::atomic<uint64_t>[bounds_.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double v) {
  // Bucket i counts v <= bounds_[i] (and above bounds_[i-1]); NaN lands in +Inf.
  size_t i = 0;
  while (i < bounds_.size() && !(v <= bounds_[i])) ++i;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  AtomicAdd(sum_, v);
}

namespace internal {

Family::Family(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {
  BINHYEN_CHECK(IsMetricName(name_), "metrics: invalid metric name");
  for (const auto& label : label_names_) {
    BINHYEN_CHECK(IsLabelName(label), "metrics: invalid label name");
  }
}

void Family::Render(std::string* out) const {
  *out += "# HELP ";
  *out += name_;
  out->push_back(' ');
  AppendEscaped(help_, false, out);
  *out += "\n# TYPE ";
  *out += name_;
  out->push_back(' ');
  *out += TypeName();
  out->push_back('\n');
  RenderSamples(out);
}

std::vector<std::string> Family::CheckedLabels(
    std::initializer_list<std::string_view> values) const {
  BINHYEN_CHECK(values.size() == label_names_.size(), "metrics: wrong number of label values");
  return std::vector<std::string>(values.begin(), values.end());
}

}  // namespace internal

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : Family(std::move(name), std::move(help), std::move(label_names)) {
  // An unlabelled metric exists (at 0) from the start, as Prometheus clients do.
  if (this->label_names().empty()) WithLabels({});
}

Counter& CounterFamily::WithLabels(std::initializer_list<std::string_view> values) {
  return children_.GetOrCreate(CheckedLabels(values), [] { return std::make_unique<Counter>(); });
}

void CounterFamily::RenderSamples(std::string* out) const {
  children_.ForEach([&](const std::vector<std::string>& labels, const Counter& c) {
    AppendSample(name(), "", label_names(), labels, "", "", c.Value(), out);
  });
}

GaugeFamily::GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names)
    : Family(std::move(name), std::move(help), std::move(label_names)) {
  if (this->label_names().empty()) WithLabels({});
}

Gauge& GaugeFamily::WithLabels(std::initializer_list<std::string_view> values) {
  return children_.GetOrCreate(CheckedLabels(values), [] { return std::make_unique<Gauge>(); });
}

void GaugeFamily::RenderSamples(std::string* out) const {
  children_.ForEach([&](const std::vector<std::string>& labels, const Gauge& g) {
    AppendSample(name(), "", label_names(), labels, "", "", g.Value(), out);
  });
}

HistogramFamily::HistogramFamily(std::string name, std::string help, std::vector<double> buckets,
                                 std::vector<std::string> label_names)
    : Family(std::move(name), std::move(help), std::move(label_names)),
      buckets_(std::move(buckets)) {
  for (size_t i = 0; i < buckets_.size(); ++i) {
    BINHYEN_CHECK(std::isfinite(buckets_[i]), "metrics: histogram bucket must be finite");
    BINHYEN_CHECK(i == 0 || buckets_[i - 1] < buckets_[i],
                  "metrics: histogram buckets must be strictly increasing");
  }
  for (const auto& label : this->label_names()) {
    BINHYEN_CHECK(label != "le", "metrics: 'le' is reserved in histograms");
  }
  if (this->label_names().empty()) WithLabels({});
}

Histogram& HistogramFamily::WithLabels(std::initializer_list<std::string_view> values) {
  return children_.GetOrCreate(CheckedLabels(values),
                               [this] { return std::make_unique<Histogram>(buckets_); });
}

void HistogramFamily::RenderSamples(std::string* out) const {
  children_.ForEach([&](const std::vector<std::string>& labels, const Histogram& h) {
    // Read the buckets once; the count line is their total so the output is self-consistent
    // even while observations race with the scrape.
    uint64_t cumulative = 0;
    std::string le;
    for (size_t i = 0; i <= buckets_.size(); ++i) {
      cumulative += h.BucketCount(i);
      le.clear();
      AppendValue(i < buckets_.size() ? buckets_[i] : INFINITY, &le);
      AppendSample(name(), "_bucket", label_names(), labels, "le", le,
                   static_cast<double>(cumulative), out);
    }
    AppendSample(name(), "_sum", label_names(), labels, "", "", h.Sum(), out);
    AppendSample(name(), "_count", label_names(), labels, "", "", static_cast<double>(cumulative),
                 out);
  });
}

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

template <typename F>
F& MetricsRegistry::AddFamily(std::unique_ptr<F> family) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& existing : families_) {
    if (existing->name() != family->name()) continue;
    auto* same = dynamic_cast<F*>(existing.get());
    BINHYEN_CHECK(same != nullptr, "metrics: a family with this name has another type");
    return *same;
  }
  F& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

CounterFamily& MetricsRegistry::AddCounter(std::string name, std::string help,
                                           std::vector<std::string> label_names) {
  return AddFamily(
      std::make_unique<CounterFamily>(std::move(name), std::move(help), std::move(label_names)));
}

GaugeFamily& MetricsRegistry::AddGauge(std::string name, std::string help,
                                       std::vector<std::string> label_names) {
  return AddFamily(
      std::make_unique<GaugeFamily>(std::move(name), std::move(help), std::move(label_names)));
}

HistogramFamily& MetricsRegistry::AddHistogram(std::string name, std::string help,
                                               std::vector<double> buckets,
                                               std::vector<std::string> label_names) {
  return AddFamily(std::make_unique<HistogramFamily>(std::move(name), std::move(help),
                                                     std::move(buckets), std::move(label_names)));
}

void MetricsRegistry::AddCallbackGauge(std::string name, std::string help,
                                       std::vector<std::string> label_names,
                                       std::function<std::vector<Sample>()> collect) {
  BINHYEN_CHECK(collect != nullptr, "metrics: AddCallbackGauge without a function");
  auto family = std::make_unique<CallbackGaugeFamily>(std::move(name), std::move(help),
                                                      std::move(label_names), std::move(collect));
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& existing : families_) {
    BINHYEN_CHECK(existing->name() != family->name(), "metrics: callback gauge name taken");
  }
  families_.push_back(std::move(family));
}

std::string MetricsRegistry::Render() const {
  // Families are never removed, so pointers taken under the lock stay valid; callbacks then run
  // without holding it (they may be slow, e.g. a database query).
  std::vector<const internal::Family*> families;
  {
    std::lock_guard<std::mutex> lock(mu_);
    families.reserve(families_.size());
    for (const auto& f : families_) families.push_back(f.get());
  }
  std::string out;
  for (const auto* f : families) f->Render(&out);
  return out;
}

}  // namespace binhyen::http

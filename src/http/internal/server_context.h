#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "base/clock.h"
#include "base/status.h"
#include "http/internal/asio.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace binhyen::http::internal {

class ConnectionBase;

// The server's metric children that do not depend on a request.
struct ServerMetrics {
  CounterFamily* requests = nullptr;    // {method, route, status}
  HistogramFamily* duration = nullptr;  // {route}
  Gauge* connections_open = nullptr;
  Gauge* in_flight = nullptr;
};

// What every connection of a server shares. Owned by the server; outlives every connection.
// Thread safety: the plain members are read-only once the server started; the atomics are
// updated from any thread.
struct ServerContext {
  ServerOptions options;
  Router router;
  MetricsRegistry* registry = nullptr;
  ServerMetrics metrics;
  const base::Clock* clock = nullptr;
  std::function<void(std::string_view)> access_log;  // null when disabled
  std::function<base::Status()> readiness;           // may be null
  std::unique_ptr<asio::thread_pool> pool;
  std::unique_ptr<asio::ssl::context> tls;  // set when the server speaks TLS
  std::atomic<bool> draining{false};
  std::atomic<size_t> open_connections{0};

  bool IsTrustedProxy(std::string_view ip) const {
    for (const auto& p : options.trusted_proxies) {
      if (p == ip) return true;
    }
    return false;
  }
};

// One I/O thread: its io_context, acceptor and connections.
// Thread safety: `connections` and `rng` are touched only on this worker's thread (or, after
// the thread has been joined, by the server during destruction).
struct IoWorker {
  std::unordered_set<ConnectionBase*> connections;  // declared before ioc: outlives its handlers
  // The request metrics' children this thread has used, so that recording a request takes no
  // lock: keyed by (method, address of the route pattern, status). Patterns are the routes'
  // own strings (or a literal) and live as long as the server.
  std::map<std::tuple<int, const char*, int>, Counter*> request_counters;
  std::map<const char*, Histogram*> request_durations;
  std::mt19937_64 rng{std::random_device{}()};
  asio::io_context ioc{1};
  std::optional<tcp::acceptor> acceptor;
  std::thread thread;
};

}  // namespace binhyen::http::internal

#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "http/metrics.h"
#include "http/router.h"

namespace binhyen::http {

namespace internal {
class ServerImpl;
}  // namespace internal

struct ServerOptions {
  std::string host = "127.0.0.1";       // an IP address or a name that resolves to one
  uint16_t port = 8080;                 // 0: any free port (tests); see Server::port()
  int io_threads = 0;                   // 0: std::thread::hardware_concurrency()
  int worker_threads = 0;               // 0: max(16, 4 × cores): blocking handlers mostly
                                        // wait (the store's single writer, fsync, PostgreSQL)
  size_t max_header_bytes = 16 * 1024;  // request line + fields; larger → 431 and close
  // The whole request head must arrive within header_timeout (counted from the first byte of a
  // request, or from accept for the first request); the body within body_timeout; a keep-alive
  // connection may wait idle_timeout for its next request; a response must be written within
  // write_timeout. A request head or body that times out gets 408, then the connection closes.
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{60'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds write_timeout{60'000};
  size_t max_connections = 10'000;  // beyond: accepted, answered 503 (plain) or closed (TLS)
  // HTTPS: PEM files of the certificate chain (the server's certificate first) and its private
  // key, read once by Start. Both empty: plain HTTP. With TLS: TLS 1.2 or 1.3 only, ECDHE with
  // AES-GCM or ChaCha20-Poly1305; the handshake counts into the first request's header_timeout;
  // a client that speaks plain HTTP to the port gets a plain 400 and is closed; every response
  // carries Strict-Transport-Security and requests are marked `secure` (Secure cookies).
  std::string tls_cert_file;
  std::string tls_key_file;
  std::vector<std::string> trusted_proxies;  // exact peer IPs whose X-Forwarded-For/-Proto count
  bool access_log = true;
  // Where access-log lines (one JSON object each, no newline) go. Empty: a spdlog logger named
  // "access" writing to stdout. Called from I/O threads concurrently: it must be thread-safe.
  std::function<void(std::string_view line)> access_log_sink;
  // Wall-clock time for the access log; nullptr: the system clock. Must outlive the server.
  const base::Clock* clock = nullptr;
};

// The HTTP/1.1 server: one io_context and one SO_REUSEPORT acceptor per I/O thread, C++20
// coroutines per connection, blocking handlers on a worker pool.
//
// Built in (served before the router, never blocking an I/O thread): GET /healthz → 200 "ok";
// GET /readyz → 200 "ready", or 503 with the readiness check's message, or 503 while draining
// (the check runs on the worker pool since it may touch the store); GET /metrics → the
// registry's Prometheus text. Server metrics: binhyen_http_requests_total{method,route,status},
// binhyen_http_request_duration_seconds{route}, binhyen_http_connections_open,
// binhyen_http_requests_in_flight (route is the pattern, "unmatched" otherwise).
//
// Every response carries X-Request-Id (a valid incoming one, [A-Za-z0-9._-]{1,64}, is kept,
// else 16 random hex digits) and the security headers the handler did not set. Errors the
// server produces itself (400, 404, 405, 408, 413, 431, 500, 503) are application/problem+json
// with English and Vietnamese details. A handler exception gives 500 and is logged once.
//
// Thread safety: Start, Shutdown, RunUntilSignalled and Wait are called from one controlling
// thread; port() from any thread after Start.
class Server {
 public:
  // `metrics` must outlive the server; the server registers its metrics there.
  // REQUIRES (BINHYEN_CHECK): `router` has no GET /healthz, /readyz or /metrics of its own.
  Server(ServerOptions options, Router router, MetricsRegistry& metrics);
  ~Server();  // Shutdown(0 ms) if still running.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the TLS certificate and key (when set), binds the listeners and starts the threads.
  // Returns InvalidArgument "TLS certificate /etc/binhyen/cert.pem: ..." (unreadable, not PEM,
  // key not matching; see internal/tls.h), or Unavailable
  // "listen 127.0.0.1:8080: Address already in use" (or the resolver's error) on failure, in
  // which case nothing keeps running. REQUIRES: called once.
  base::Status Start();

  // The bound port (useful with port 0). REQUIRES: Start succeeded.
  uint16_t port() const;

  // GET /readyz answers 503 with the status message while `check` returns an error.
  // REQUIRES: called before Start. `check` must be thread-safe.
  void SetReadinessCheck(std::function<base::Status()> check);

  // Graceful stop: stop accepting, answer /readyz 503, let in-flight requests finish and be
  // written (with Connection: close), close idle keep-alive connections; after `grace` close
  // every connection left; join the threads (a handler still running is waited for).
  // Idempotent; a no-op before Start.
  void Shutdown(std::chrono::milliseconds grace);

  // Blocks until SIGTERM or SIGINT, then Shutdown(grace).
  void RunUntilSignalled(std::chrono::milliseconds grace);

  // Blocks until Shutdown has finished (returns at once if the server never started).
  void Wait();

 private:
  std::unique_ptr<internal::ServerImpl> impl_;
};

}  // namespace binhyen::http

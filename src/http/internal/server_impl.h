#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "http/internal/server_context.h"
#include "http/server.h"

namespace binhyen::http::internal {

// The server behind http::Server (see server.h for the contract).
// Thread safety: Start/Shutdown/RunUntilSignalled from one controlling thread; Wait from any.
class ServerImpl {
 public:
  ServerImpl(ServerOptions options, Router router, MetricsRegistry& metrics);
  ~ServerImpl();

  base::Status Start();
  uint16_t port() const { return port_; }
  void SetReadinessCheck(std::function<base::Status()> check) { ctx_.readiness = std::move(check); }
  void Shutdown(std::chrono::milliseconds grace);
  void RunUntilSignalled(std::chrono::milliseconds grace);
  void Wait();

 private:
  void AddBuiltinRoutes();
  Response Ready() const;
  base::Status Listen(const tcp::endpoint& endpoint);
  asio::awaitable<void> AcceptLoop(IoWorker& worker);
  asio::awaitable<void> Reject(tcp::socket socket);
  // Runs `fn` on every worker's I/O thread.
  template <typename Fn>
  void OnEachWorker(Fn fn);
  void StopThreads();

  base::SystemClock system_clock_;
  ServerContext ctx_;
  std::vector<std::unique_ptr<IoWorker>> workers_;
  uint16_t port_ = 0;

  std::mutex mu_;
  std::condition_variable stopped_cv_;
  bool started_ = false;  // guarded by mu_
  bool stopped_ = false;  // guarded by mu_
};

}  // namespace binhyen::http::internal

#include "http/internal/server_impl.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <algorithm>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <thread>

#include "base/logging.h"
#include "http/internal/connection.h"
#include "http/internal/problems.h"
#include "http/internal/tls.h"
#include "http/internal/wire.h"

namespace binhyen::http::internal {
namespace {

using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

std::function<void(std::string_view)> DefaultAccessLog() {
  // Not registered with spdlog's global registry: the server owns its logger.
  auto logger =
      std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  logger->set_pattern("%v");
  return [logger](std::string_view line) { logger->info(line); };
}

int Cores() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

}  // namespace

ServerImpl::ServerImpl(ServerOptions options, Router router, MetricsRegistry& metrics) {
  ctx_.options = std::move(options);
  ctx_.router = std::move(router);
  ctx_.registry = &metrics;
  ctx_.clock = ctx_.options.clock != nullptr ? ctx_.options.clock : &system_clock_;
  if (ctx_.options.access_log) {
    ctx_.access_log =
        ctx_.options.access_log_sink ? ctx_.options.access_log_sink : DefaultAccessLog();
  }
  ctx_.metrics.requests = &metrics.AddCounter(
      "binhyen_http_requests_total", "HTTP requests answered, by method, route and status.",
      {"method", "route", "status"});
  ctx_.metrics.duration = &metrics.AddHistogram(
      "binhyen_http_request_duration_seconds",
      "Time from the first byte of a request until its response is ready to send, by route.",
      {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}, {"route"});
  ctx_.metrics.connections_open =
      &metrics.AddGauge("binhyen_http_connections_open", "Open HTTP connections.").WithLabels({});
  ctx_.metrics.in_flight =
      &metrics.AddGauge("binhyen_http_requests_in_flight", "Requests being handled.")
           .WithLabels({});
  AddBuiltinRoutes();
}

ServerImpl::~ServerImpl() { Shutdown(std::chrono::milliseconds(0)); }

void ServerImpl::AddBuiltinRoutes() {
  RouteOptions fast;
  fast.blocking = false;
  fast.max_body_bytes = 0;
  ctx_.router.Add(
      Method::kGet, "/healthz", [](Request&) { return Response::Text(200, "ok"); }, fast);
  // The readiness check and callback gauges of /metrics (e.g. reports by status) may touch the
  // store: they run on the worker pool.
  RouteOptions pooled = fast;
  pooled.blocking = true;
  ctx_.router.Add(
      Method::kGet, "/metrics",
      [this](Request&) {
        return Response::WithType(200, "text/plain; version=0.0.4; charset=utf-8",
                                  ctx_.registry->Render());
      },
      pooled);
  ctx_.router.Add(
      Method::kGet, "/readyz", [this](Request&) { return Ready(); }, pooled);
}

Response ServerImpl::Ready() const {
  if (ctx_.draining.load()) return Response::Text(503, "draining");
  if (ctx_.readiness) {
    base::Status status = ctx_.readiness();
    if (!status.ok()) return Response::Text(503, status.message());
  }
  return Response::Text(200, "ready");
}

base::Status ServerImpl::Listen(const tcp::endpoint& endpoint) {
  const int n = ctx_.options.io_threads > 0 ? ctx_.options.io_threads : Cores();
  tcp::endpoint ep = endpoint;
  for (int i = 0; i < n; ++i) {
    auto worker = std::make_unique<IoWorker>();
    tcp::acceptor& acceptor = worker->acceptor.emplace(worker->ioc);
    beast::error_code ec;
    acceptor.open(ep.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.set_option(reuse_port(true), ec);
    if (!ec) acceptor.bind(ep, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return base::UnavailableError("listen " + ctx_.options.host + ":" +
                                    std::to_string(ep.port()) + ": " + ec.message());
    }
    if (i == 0) ep.port(acceptor.local_endpoint().port());
    workers_.push_back(std::move(worker));
  }
  port_ = ep.port();
  return base::Status::Ok();
}

base::Status ServerImpl::Start() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    BINHYEN_CHECK(!started_, "Server::Start called twice");
  }
  if (!ctx_.options.tls_cert_file.empty() || !ctx_.options.tls_key_file.empty()) {
    BINHYEN_ASSIGN_OR_RETURN(
        ctx_.tls, MakeTlsServerContext(ctx_.options.tls_cert_file, ctx_.options.tls_key_file));
  }
  beast::error_code ec;
  auto address = asio::ip::make_address(ctx_.options.host, ec);
  if (ec) {
    asio::io_context resolver_ioc;
    tcp::resolver resolver(resolver_ioc);
    auto results = resolver.resolve(ctx_.options.host, "", ec);
    if (ec || results.empty()) {
      return base::UnavailableError("listen " + ctx_.options.host + ": " +
                                    (ec ? ec.message() : "no address"));
    }
    address = results.begin()->endpoint().address();
  }
  if (base::Status s = Listen(tcp::endpoint(address, ctx_.options.port)); !s.ok()) {
    workers_.clear();
    return s;
  }
  const int pool_threads =
      ctx_.options.worker_threads > 0 ? ctx_.options.worker_threads : std::max(16, 4 * Cores());
  ctx_.pool = std::make_unique<asio::thread_pool>(static_cast<size_t>(pool_threads));
  for (auto& worker : workers_) {
    IoWorker& w = *worker;
    asio::co_spawn(w.ioc, AcceptLoop(w), asio::detached);
    w.thread = std::thread([&w] {
      for (;;) {
        try {
          w.ioc.run();
          return;
        } catch (const std::exception& e) {
          base::LogError("http: I/O thread: {}", e.what());
        }
      }
    });
  }
  std::lock_guard<std::mutex> lock(mu_);
  started_ = true;
  return base::Status::Ok();
}

asio::awaitable<void> ServerImpl::AcceptLoop(IoWorker& worker) {
  for (;;) {
    tcp::socket socket(worker.ioc);
    beast::error_code ec;
    co_await worker.acceptor->async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !worker.acceptor->is_open()) co_return;
      // Out of file descriptors or similar: back off instead of spinning.
      base::LogWarn("http: accept failed: {}", ec.message());
      asio::steady_timer pause(worker.ioc, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    if (ctx_.open_connections.load(std::memory_order_relaxed) >= ctx_.options.max_connections) {
      // A TLS client could not read a plain answer, and a handshake is what we cannot afford.
      if (ctx_.tls) {
        socket.close(ec);
      } else {
        asio::co_spawn(worker.ioc, Reject(std::move(socket)), asio::detached);
      }
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    if (ctx_.tls) {
      std::make_shared<Connection<TlsStream>>(ctx_, worker, std::move(socket))->Start();
    } else {
      std::make_shared<Connection<tcp::socket>>(ctx_, worker, std::move(socket))->Start();
    }
  }
}

asio::awaitable<void> ServerImpl::Reject(tcp::socket socket) {
  const WireResponse wire =
      ToWire(ServerProblem(ServerError::kTooManyConnections), "-", false, false);
  asio::steady_timer guard(socket.get_executor(), std::chrono::seconds(1));
  guard.async_wait([&socket](const beast::error_code& ec) {
    if (!ec) socket.close();
  });
  beast::error_code ec;
  co_await asio::async_write(socket, wire.Buffers(), asio::redirect_error(asio::use_awaitable, ec));
  guard.cancel();
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

template <typename Fn>
void ServerImpl::OnEachWorker(Fn fn) {
  for (auto& worker : workers_) {
    IoWorker* w = worker.get();
    asio::post(w->ioc, [w, fn] { fn(*w); });
  }
}

void ServerImpl::Shutdown(std::chrono::milliseconds grace) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!started_ || stopped_) return;
  }
  ctx_.draining.store(true);
  OnEachWorker([](IoWorker& w) {
    beast::error_code ec;
    w.acceptor->close(ec);
    // Copy: closing may end a connection, which erases itself from the set.
    std::vector<ConnectionBase*> connections(w.connections.begin(), w.connections.end());
    for (ConnectionBase* c : connections) c->CloseIfIdle();
  });
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (ctx_.open_connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  OnEachWorker([](IoWorker& w) {
    std::vector<ConnectionBase*> connections(w.connections.begin(), w.connections.end());
    for (ConnectionBase* c : connections) c->Close();
  });
  StopThreads();
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
  stopped_cv_.notify_all();
}

void ServerImpl::StopThreads() {
  // Let the force-close handlers run, then stop each loop; coroutines still suspended are
  // destroyed with their io_context, after the worker pool (which may still post to it).
  OnEachWorker([](IoWorker& w) { w.ioc.stop(); });
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  if (ctx_.pool) ctx_.pool->join();
}

void ServerImpl::RunUntilSignalled(std::chrono::milliseconds grace) {
  asio::io_context signals_ioc(1);
  asio::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int signal) {
    base::LogInfo("http: signal {} received, shutting down", signal);
  });
  signals_ioc.run();
  Shutdown(grace);
}

void ServerImpl::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  stopped_cv_.wait(lock, [this] { return !started_ || stopped_; });
}

}  // namespace binhyen::http::internal

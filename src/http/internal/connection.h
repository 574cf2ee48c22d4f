#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "http/internal/asio.h"
#include "http/internal/server_context.h"
#include "http/internal/wire.h"
#include "http/message.h"
#include "http/router.h"

namespace binhyen::http::internal {

// One accepted TCP connection: reads requests one after the other (keep-alive, no pipelining),
// routes them, runs handlers (on the worker pool when they block), writes responses, and
// enforces the limits and timeouts of ServerOptions. Two coroutines share it: Run (the
// requests) and Watchdog (the deadline of whatever Run is waiting for).
// Thread safety: confine to the I/O thread of its worker.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // Registers itself with `worker` and counts itself open in `ctx`.
  Connection(ServerContext& ctx, IoWorker& worker, tcp::socket socket);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Spawns the coroutines on the worker's io_context.
  void Start();
  // Closes the connection if it is waiting for a request (graceful shutdown).
  void CloseIfIdle();
  // Closes the socket now; pending operations end with operation_aborted.
  void Close();

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kClosing };
  // One request/response exchange in progress.
  struct Exchange {
    Request request;
    std::chrono::steady_clock::time_point start;
    base::TimePoint wall_start;
    std::string_view route = "unmatched";  // a Route's pattern (lives as long as the server)
    bool head_only = false;
    unsigned version = 11;  // HTTP/1.0 clients get 1.0 replies (and keep-alive only if asked)
  };

  asio::awaitable<void> Run();
  asio::awaitable<void> Watchdog();
  // Serves one request whose first bytes are in `buffer`. Returns whether to keep going.
  asio::awaitable<bool> ServeOne(beast::flat_buffer& buffer);
  // After the head: routes, checks limits, reads the body, runs the handler, writes.
  asio::awaitable<bool> ServeRouted(beast::flat_buffer& buffer, BeastRequestParser& parser,
                                    Exchange& ex);
  // Reads the body within the route's limit. On failure, answers (413, 408, 400) and returns
  // false: the connection ends.
  asio::awaitable<bool> ReadBody(beast::flat_buffer& buffer, BeastRequestParser& parser,
                                 Exchange& ex, const RouteOptions& options);
  // Answers a failed read (timeout → 408, limits → 413/431, parse error → 400; a closed
  // connection gets nothing). Returns false: the connection ends.
  asio::awaitable<bool> FailRead(const beast::error_code& ec, Exchange& ex, size_t body_limit);
  // Runs the route's handler, on the pool when it blocks; exceptions become 500.
  asio::awaitable<Response> Invoke(const Route& route, Request& request);
  Response CallHandler(const Route& route, Request& request) const;
  // Writes `response`, records metrics and the access log. Returns false on a write error.
  asio::awaitable<bool> Respond(Exchange& ex, Response response, bool keep_alive);
  // Half-closes, optionally reads what the client still sends for a moment (so that it sees
  // our response rather than a reset), then closes.
  asio::awaitable<void> Finish();

  void SetDeadline(std::chrono::milliseconds timeout);
  void Record(const Exchange& ex, int status, size_t bytes);
  void StartExchange(Exchange& ex);

  ServerContext& ctx_;
  IoWorker& worker_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::chrono::steady_clock::time_point deadline_;
  std::string peer_ip_;
  State state_ = State::kIdle;
  bool timed_out_ = false;  // the watchdog cancelled the pending read
  bool closed_ = false;
  bool unread_input_ = false;  // we stop before the end of a request: linger before closing
};

}  // namespace binhyen::http::internal

#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "http/internal/asio.h"
#include "http/internal/server_context.h"
#include "http/internal/wire.h"
#include "http/message.h"
#include "http/router.h"

namespace binhyen::http::internal {

// What the server needs of a connection of either kind (graceful and forced shutdown).
// Thread safety: confine to the I/O thread of its worker.
class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  // Closes the connection if it is waiting for a request or in its TLS handshake.
  virtual void CloseIfIdle() = 0;
  // Closes the socket now; pending operations end with operation_aborted.
  virtual void Close() = 0;
};

// One accepted TCP connection, plain (`Stream` = tcp::socket) or TLS (`Stream` = TlsStream):
// reads requests one after the other (keep-alive, no pipelining), routes them, runs handlers
// (on the worker pool when they block), writes responses, and enforces the limits and timeouts
// of ServerOptions. Two coroutines share it: Run (the requests) and Watchdog (the deadline of
// whatever Run is waiting for). The two kinds are two instantiations (connection.cc): the plain
// one keeps its non-blocking first write; TLS adds the handshake and writes asynchronously.
// Thread safety: confine to the I/O thread of its worker.
template <typename Stream>
class Connection final : public ConnectionBase,
                         public std::enable_shared_from_this<Connection<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  // Registers itself with `worker` and counts itself open in `ctx`.
  // REQUIRES: ctx.tls is set when kTls.
  Connection(ServerContext& ctx, IoWorker& worker, tcp::socket socket);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Spawns the coroutines on the worker's io_context.
  void Start();
  void CloseIfIdle() override;
  void Close() override;

 private:
  enum class State { kHandshake, kIdle, kReading, kHandling, kWriting, kClosing };
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
  // The TLS handshake. On failure answers a plain-HTTP client with a plain 400, closes and
  // returns false.
  asio::awaitable<bool> Handshake();
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

  tcp::socket& socket() { return beast::get_lowest_layer(stream_); }

  ServerContext& ctx_;
  IoWorker& worker_;
  Stream stream_;
  asio::steady_timer timer_;
  std::chrono::steady_clock::time_point deadline_;
  std::string peer_ip_;
  State state_ = State::kIdle;
  bool timed_out_ = false;  // the watchdog cancelled the pending read
  bool closed_ = false;
  bool unread_input_ = false;  // we stop before the end of a request: linger before closing
};

extern template class Connection<tcp::socket>;
extern template class Connection<TlsStream>;

}  // namespace binhyen::http::internal

#include "http/internal/connection.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <exception>
#include <limits>
#include <type_traits>

#include "base/logging.h"
#include "base/strings.h"
#include "http/internal/access_log.h"
#include "http/internal/pool.h"
#include "http/internal/problems.h"
#include "http/internal/request_id.h"
#include "http/internal/wire.h"

namespace binhyen::http::internal {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr size_t kReadChunk = 4096;
constexpr milliseconds kLinger{1000};
constexpr size_t kMaxLingerBytes = 1 << 20;

auto Redirect(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// TLS record sizes: a response up to this size goes out as one record (head and body copied
// together) rather than one per buffer.
constexpr size_t kTlsCoalesceBytes = 16 * 1024;

template <typename Stream>
Stream OpenStream(tcp::socket socket, ServerContext& ctx) {
  if constexpr (std::is_same_v<Stream, TlsStream>) {
    return TlsStream(std::move(socket), *ctx.tls);
  } else {
    return socket;
  }
}

// Whether a failed handshake was a plain HTTP request (OpenSSL recognises "GET ", "POST " ...).
bool IsPlainHttp(const beast::error_code& ec) {
  return ec.category() == asio::error::get_ssl_category() &&
         ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_HTTP_REQUEST;
}

bool IsClosedByPeer(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::operation_aborted || ec == asio::error::broken_pipe ||
         ec == asio::error::bad_descriptor || ec == asio::ssl::error::stream_truncated;
}

}  // namespace

template <typename Stream>
Connection<Stream>::Connection(ServerContext& ctx, IoWorker& worker, tcp::socket socket)
    : ctx_(ctx),
      worker_(worker),
      stream_(OpenStream<Stream>(std::move(socket), ctx)),
      timer_(worker.ioc),
      deadline_(steady_clock::time_point::max()) {
  beast::error_code ec;
  const auto endpoint = this->socket().remote_endpoint(ec);
  if (!ec) peer_ip_ = endpoint.address().to_string();
  // Synchronous calls on the socket return would_block instead of waiting (Respond's first try).
  this->socket().non_blocking(true, ec);
  worker_.connections.insert(this);
  ctx_.open_connections.fetch_add(1, std::memory_order_relaxed);
  ctx_.metrics.connections_open->Inc();
}

template <typename Stream>
Connection<Stream>::~Connection() {
  worker_.connections.erase(this);
  ctx_.metrics.connections_open->Dec();
  ctx_.open_connections.fetch_sub(1, std::memory_order_relaxed);
}

template <typename Stream>
void Connection<Stream>::Start() {
  SetDeadline(ctx_.options.header_timeout);
  auto self = this->shared_from_this();
  asio::co_spawn(
      worker_.ioc, [self] { return self->Run(); }, asio::detached);
  asio::co_spawn(
      worker_.ioc, [self] { return self->Watchdog(); }, asio::detached);
}

template <typename Stream>
void Connection<Stream>::CloseIfIdle() {
  if (state_ == State::kIdle || state_ == State::kHandshake) Close();
}

template <typename Stream>
void Connection<Stream>::Close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  socket().close(ec);
  timer_.cancel();
}

template <typename Stream>
void Connection<Stream>::SetDeadline(milliseconds timeout) {
  timed_out_ = false;
  deadline_ = steady_clock::now() + timeout;
  // The watchdog sleeps until the previous deadline; wake it when the new one is earlier.
  if (deadline_ < timer_.expiry()) timer_.cancel();
}

template <typename Stream>
asio::awaitable<void> Connection<Stream>::Watchdog() {
  while (!closed_) {
    timer_.expires_at(deadline_);
    beast::error_code ec;
    co_await timer_.async_wait(Redirect(ec));
    if (closed_) break;
    if (deadline_ > steady_clock::now()) continue;  // moved on since the timer was set
    if (state_ == State::kReading) {
      // Let Run answer 408, within a short grace of its own.
      timed_out_ = true;
      socket().cancel(ec);
      deadline_ = steady_clock::now() + kLinger;
      state_ = State::kClosing;
    } else {
      Close();
    }
  }
}

template <typename Stream>
asio::awaitable<void> Connection<Stream>::Run() {
  beast::flat_buffer buffer;
  bool first = true;
  try {
    if constexpr (kTls) {
      if (!co_await Handshake()) co_return;
    }
    while (!closed_) {
      if (buffer.size() == 0) {
        if (!first) {
          if (ctx_.draining.load(std::memory_order_relaxed)) break;
          SetDeadline(ctx_.options.idle_timeout);
        }
        state_ = State::kIdle;
        beast::error_code ec;
        const size_t n = co_await stream_.async_read_some(buffer.prepare(kReadChunk), Redirect(ec));
        if (ec) break;  // closed, idle timeout or shutdown: nothing to answer
        buffer.commit(n);
        if (!first) SetDeadline(ctx_.options.header_timeout);
      }
      first = false;
      if (!co_await ServeOne(buffer)) break;
    }
    co_await Finish();
  } catch (const std::exception& e) {
    base::LogError("http: connection from {} failed: {}", peer_ip_, e.what());
    Close();
  }
}

template <typename Stream>
void Connection<Stream>::StartExchange(Exchange& ex) {
  ex.start = steady_clock::now();
  ex.wall_start = ctx_.clock->Now();
  ex.request.method = Method::kOther;  // until the head is parsed
  ex.request.client_ip = peer_ip_;
}

template <typename Stream>
asio::awaitable<bool> Connection<Stream>::ServeOne(beast::flat_buffer& buffer) {
  Exchange ex;
  StartExchange(ex);
  state_ = State::kReading;
  BeastRequestParser parser;
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<size_t>(ctx_.options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // set per route below
  beast::error_code ec;
  // The head is nearly always whole in what Run has read: parsed here, without the event-loop
  // trip a completed asynchronous read costs; the rest of a partial head is read asynchronously.
  if (buffer.size() > 0) {
    buffer.consume(parser.put(buffer.data(), ec));
    if (ec == bhttp::error::need_more) ec = {};
  }
  if (!ec && !parser.is_header_done()) {
    co_await bhttp::async_read_header(stream_, buffer, parser, Redirect(ec));
  }
  if (ec) co_return co_await FailRead(ec, ex, 0);

  const auto& head = parser.get();
  const bool head_ok = FillRequestHead(head, ex.request).ok();
  auto incoming_id = ex.request.headers.Get("x-request-id");
  ex.request.request_id = incoming_id && IsValidRequestId(*incoming_id) ? std::string(*incoming_id)
                                                                        : NewRequestId(worker_.rng);
  ResolveClient(peer_ip_, ctx_.IsTrustedProxy(peer_ip_), ex.request);
  if constexpr (kTls) ex.request.secure = true;
  ex.head_only = ex.request.method == Method::kHead;
  ex.version = head.version() == 10 ? 10 : 11;
  if (!head_ok) {
    unread_input_ = !parser.is_done();
    co_await Respond(ex, ServerProblem(ServerError::kMalformed), false);
    co_return false;
  }
  co_return co_await ServeRouted(buffer, parser, ex);
}

template <typename Stream>
asio::awaitable<bool> Connection<Stream>::ServeRouted(beast::flat_buffer& buffer,
                                                      BeastRequestParser& parser, Exchange& ex) {
  Request& req = ex.request;
  RouteMatch match = ctx_.router.Find(req.method, req.path);
  const Route* not_found = ctx_.router.not_found();
  if (match.kind == RouteMatch::Kind::kNotFound && not_found != nullptr &&
      (req.method == Method::kGet || req.method == Method::kHead)) {
    ex.route = not_found->pattern;
    req.route = not_found->pattern;
    Response r = CallHandler(*not_found, req);
    const bool keep = parser.is_done() && parser.keep_alive();
    unread_input_ = !parser.is_done();
    co_return co_await Respond(ex, std::move(r), keep) && keep;
  }
  if (match.kind != RouteMatch::Kind::kFound) {
    Response r = ServerProblem(match.kind == RouteMatch::Kind::kNotFound ? ServerError::kNotFound
                               : match.kind == RouteMatch::Kind::kMethodNotAllowed
                                   ? ServerError::kMethodNotAllowed
                                   : ServerError::kMalformed);
    if (!match.allow.empty()) r.headers.Set("Allow", match.allow);
    // The connection can go on only if no unread body is in the way.
    const bool keep = parser.is_done() && parser.keep_alive();
    unread_input_ = !parser.is_done();
    co_return co_await Respond(ex, std::move(r), keep) && keep;
  }
  const Route& route = *match.route;
  ex.route = route.pattern;
  req.route = route.pattern;
  req.path_params = std::move(match.params);
  if (!parser.is_done() && !co_await ReadBody(buffer, parser, ex, route.options)) co_return false;
  req.body = std::move(parser.get().body());
  const bool keep_alive = parser.keep_alive();
  Response response = co_await Invoke(route, req);
  const bool keep = keep_alive && !ctx_.draining.load(std::memory_order_relaxed);
  co_return co_await Respond(ex, std::move(response), keep) && keep;
}

template <typename Stream>
asio::awaitable<bool> Connection<Stream>::ReadBody(beast::flat_buffer& buffer,
                                                   BeastRequestParser& parser, Exchange& ex,
                                                   const RouteOptions& options) {
  const size_t limit =
      options.max_multipart_body_bytes > 0 && ex.request.MediaTypeName() == "multipart/form-data"
          ? options.max_multipart_body_bytes
          : options.max_body_bytes;
  // Refused from the Content-Length alone: not a byte of the body is read.
  if (auto length = parser.content_length(); length && *length > limit) {
    unread_input_ = true;
    co_await Respond(ex, ServerProblem(ServerError::kBodyTooLarge, limit), false);
    co_return false;
  }
  beast::error_code ec;
  if (auto expect = ex.request.headers.Get("expect");
      expect && base::EqualsIgnoreAsciiCase(*expect, "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    co_await asio::async_write(stream_, asio::buffer(kContinue), Redirect(ec));
    if (ec) co_return false;
  }
  state_ = State::kReading;
  SetDeadline(ctx_.options.body_timeout);
  parser.body_limit(limit);  // a chunked body is cut off here
  co_await bhttp::async_read(stream_, buffer, parser, Redirect(ec));
  if (ec) co_return co_await FailRead(ec, ex, limit);
  co_return true;
}

template <typename Stream>
asio::awaitable<bool> Connection<Stream>::FailRead(const beast::error_code& ec, Exchange& ex,
                                                   size_t body_limit) {
  std::optional<ServerError> error;
  if (timed_out_) {
    error = ServerError::kTimeout;
  } else if (ec == bhttp::error::header_limit) {
    error = ServerError::kHeadersTooLarge;
  } else if (ec == bhttp::error::body_limit) {
    error = ServerError::kBodyTooLarge;
  } else if (!IsClosedByPeer(ec)) {
    error = ServerError::kMalformed;
  }
  if (!error || closed_) co_return false;
  if (ex.request.request_id.empty()) ex.request.request_id = NewRequestId(worker_.rng);
  unread_input_ = true;
  co_await Respond(ex, ServerProblem(*error, body_limit), false);
  co_return false;
}

template <typename Stream>
Response Connection<Stream>::CallHandler(const Route& route, Request& request) const {
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    base::LogError("http: handler {} {} threw (request_id {}): {}", Name(route.method),
                   route.pattern, request.request_id, e.what());
  } catch (...) {
    base::LogError("http: handler {} {} threw a non-exception (request_id {})", Name(route.method),
                   route.pattern, request.request_id);
  }
  return ServerProblem(ServerError::kHandlerFailed);
}

template <typename Stream>
asio::awaitable<Response> Connection<Stream>::Invoke(const Route& route, Request& request) {
  state_ = State::kHandling;
  deadline_ = steady_clock::time_point::max();
  ctx_.metrics.in_flight->Inc();
  Response response;
  const bool blocking = route.options.blocking_for != nullptr ? route.options.blocking_for(request)
                                                              : route.options.blocking;
  if (blocking) {
    response = co_await RunOnPool(*ctx_.pool,
                                  [this, &route, &request] { return CallHandler(route, request); });
  } else {
    response = CallHandler(route, request);
  }
  ctx_.metrics.in_flight->Dec();
  co_return response;
}

template <typename Stream>
asio::awaitable<bool> Connection<Stream>::Respond(Exchange& ex, Response response,
                                                  bool keep_alive) {
  const WireResponse wire = ToWire(std::move(response), ex.request.request_id, ex.head_only,
                                   keep_alive, ex.version == 10 ? 0 : 1, /*hsts=*/kTls);
  // Recorded before the write, so that a client that has its response also sees it counted.
  Record(ex, wire.status, wire.body.size());
  state_ = State::kWriting;
  beast::error_code ec;
  if constexpr (kTls) {
    // OpenSSL encrypts into records and may stop mid-record on a non-blocking socket: always
    // asynchronous. A small response is one record, not one for the head and one for the body.
    SetDeadline(ctx_.options.write_timeout);
    if (wire.head.size() + wire.body.size() <= kTlsCoalesceBytes) {
      const std::string whole = wire.head + wire.body;
      co_await asio::async_write(stream_, asio::buffer(whole), Redirect(ec));
    } else {
      co_await asio::async_write(stream_, wire.Buffers(), Redirect(ec));
    }
    co_return !ec;
  } else {
    // A response nearly always fits the socket's send buffer: written at once, without a trip
    // through the event loop (an asynchronous write completes through the scheduler, which polls
    // epoll again: two extra system calls per request on the check API). What the kernel did not
    // take, if anything, goes out asynchronously under the write timeout.
    std::array<asio::const_buffer, 2> buffers = wire.Buffers();
    size_t sent = stream_.write_some(buffers, ec);
    if (ec && ec != asio::error::would_block && ec != asio::error::try_again) co_return false;
    if (ec) sent = 0;
    for (asio::const_buffer& b : buffers) {
      const size_t used = std::min(sent, b.size());
      b += used;
      sent -= used;
    }
    if (asio::buffer_size(buffers) == 0) co_return true;
    SetDeadline(ctx_.options.write_timeout);
    ec = {};
    co_await asio::async_write(stream_, buffers, Redirect(ec));
    co_return !ec;
  }
}

template <typename Stream>
void Connection<Stream>::Record(const Exchange& ex, int status, size_t bytes) {
  const Request& req = ex.request;
  const std::string_view method = Name(req.method);
  const double seconds = std::chrono::duration<double>(steady_clock::now() - ex.start).count();
  Counter*& requests =
      worker_.request_counters[{static_cast<int>(req.method), ex.route.data(), status}];
  if (requests == nullptr) {
    requests = &ctx_.metrics.requests->WithLabels({method, ex.route, std::to_string(status)});
  }
  requests->Inc();
  Histogram*& duration = worker_.request_durations[ex.route.data()];
  if (duration == nullptr) duration = &ctx_.metrics.duration->WithLabels({ex.route});
  duration->Observe(seconds);
  if (!ctx_.access_log) return;
  AccessLogEntry entry;
  entry.ts = ex.wall_start;
  entry.request_id = req.request_id;
  entry.method = method;
  entry.route = ex.route;
  const std::string path = PathForLog(ex.route, req.path);
  entry.path = path;
  entry.status = status;
  entry.bytes = bytes;
  entry.duration_ms = seconds * 1000;
  entry.client_ip = req.client_ip;
  entry.user_agent = req.headers.Get("user-agent").value_or("");
  ctx_.access_log(FormatAccessLogLine(entry));
}

template <typename Stream>
asio::awaitable<void> Connection<Stream>::Finish() {
  if (closed_) co_return;
  beast::error_code ec;
  // TLS: no close_notify; every response is framed by Content-Length, so the client knows it
  // has all of it. What the client still sends is drained below the TLS layer.
  socket().shutdown(tcp::socket::shutdown_send, ec);
  if (unread_input_ && !ec) {
    // Closing with unread input would send a reset that may destroy our response in flight.
    state_ = State::kClosing;
    SetDeadline(kLinger);
    char sink[kReadChunk];
    size_t drained = 0;
    while (!closed_ && drained < kMaxLingerBytes) {
      const size_t n = co_await socket().async_read_some(asio::buffer(sink), Redirect(ec));
      if (ec) break;
      drained += n;
    }
  }
  Close();
}

template <typename Stream>
asio::awaitable<bool> Connection<Stream>::Handshake() {
  if constexpr (!kTls) {
    co_return true;
  } else {
    // Within the first request's header_timeout, set at Start; the watchdog closes on expiry.
    state_ = State::kHandshake;
    beast::error_code ec;
    co_await stream_.async_handshake(asio::ssl::stream_base::server, Redirect(ec));
    if (!ec) co_return true;
    if (IsPlainHttp(ec) && !closed_) {
      // The client sent "GET / HTTP/1.1" to the HTTPS port: tell it so in plain text.
      base::LogDebug("http: plain HTTP from {} on the TLS port", peer_ip_);
      const WireResponse wire =
          ToWire(ServerProblem(ServerError::kPlainHttpOnTlsPort), NewRequestId(worker_.rng),
                 /*head_only=*/false, /*keep_alive=*/false);
      state_ = State::kWriting;
      SetDeadline(ctx_.options.write_timeout);
      co_await asio::async_write(socket(), wire.Buffers(), Redirect(ec));
      unread_input_ = true;
      co_await Finish();
      co_return false;
    }
    base::LogDebug("http: TLS handshake with {} failed: {}", peer_ip_, ec.message());
    Close();
    co_return false;
  }
}

template class Connection<tcp::socket>;
template class Connection<TlsStream>;

}  // namespace binhyen::http::internal

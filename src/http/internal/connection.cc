#include "http/internal/connection.h"

#include <algorithm>
#include <array>
#include <exception>
#include <limits>

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

bool IsClosedByPeer(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::operation_aborted || ec == asio::error::broken_pipe ||
         ec == asio::error::bad_descriptor;
}

}  // namespace

Connection::Connection(ServerContext& ctx, IoWorker& worker, tcp::socket socket)
    : ctx_(ctx),
      worker_(worker),
      socket_(std::move(socket)),
      timer_(worker.ioc),
      deadline_(steady_clock::time_point::max()) {
  beast::error_code ec;
  const auto endpoint = socket_.remote_endpoint(ec);
  if (!ec) peer_ip_ = endpoint.address().to_string();
  // Synchronous calls on the socket return would_block instead of waiting (Respond's first try).
  socket_.non_blocking(true, ec);
  worker_.connections.insert(this);
  ctx_.open_connections.fetch_add(1, std::memory_order_relaxed);
  ctx_.metrics.connections_open->Inc();
}

Connection::~Connection() {
  worker_.connections.erase(this);
  ctx_.metrics.connections_open->Dec();
  ctx_.open_connections.fetch_sub(1, std::memory_order_relaxed);
}

void Connection::Start() {
  SetDeadline(ctx_.options.header_timeout);
  auto self = shared_from_this();
  asio::co_spawn(
      worker_.ioc, [self] { return self->Run(); }, asio::detached);
  asio::co_spawn(
      worker_.ioc, [self] { return self->Watchdog(); }, asio::detached);
}

void Connection::CloseIfIdle() {
  if (state_ == State::kIdle) Close();
}

void Connection::Close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  socket_.close(ec);
  timer_.cancel();
}

void Connection::SetDeadline(milliseconds timeout) {
  timed_out_ = false;
  deadline_ = steady_clock::now() + timeout;
  // The watchdog sleeps until the previous deadline; wake it when the new one is earlier.
  if (deadline_ < timer_.expiry()) timer_.cancel();
}

asio::awaitable<void> Connection::Watchdog() {
  while (!closed_) {
    timer_.expires_at(deadline_);
    beast::error_code ec;
    co_await timer_.async_wait(Redirect(ec));
    if (closed_) break;
    if (deadline_ > steady_clock::now()) continue;  // moved on since the timer was set
    if (state_ == State::kReading) {
      // Let Run answer 408, within a short grace of its own.
      timed_out_ = true;
      socket_.cancel(ec);
      deadline_ = steady_clock::now() + kLinger;
      state_ = State::kClosing;
    } else {
      Close();
    }
  }
}

asio::awaitable<void> Connection::Run() {
  beast::flat_buffer buffer;
  bool first = true;
  try {
    while (!closed_) {
      if (buffer.size() == 0) {
        if (!first) {
          if (ctx_.draining.load(std::memory_order_relaxed)) break;
          SetDeadline(ctx_.options.idle_timeout);
        }
        state_ = State::kIdle;
        beast::error_code ec;
        const size_t n = co_await socket_.async_read_some(buffer.prepare(kReadChunk), Redirect(ec));
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

void Connection::StartExchange(Exchange& ex) {
  ex.start = steady_clock::now();
  ex.wall_start = ctx_.clock->Now();
  ex.request.method = Method::kOther;  // until the head is parsed
  ex.request.client_ip = peer_ip_;
}

asio::awaitable<bool> Connection::ServeOne(beast::flat_buffer& buffer) {
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
    co_await bhttp::async_read_header(socket_, buffer, parser, Redirect(ec));
  }
  if (ec) co_return co_await FailRead(ec, ex, 0);

  const auto& head = parser.get();
  const bool head_ok = FillRequestHead(head, ex.request).ok();
  auto incoming_id = ex.request.headers.Get("x-request-id");
  ex.request.request_id = incoming_id && IsValidRequestId(*incoming_id) ? std::string(*incoming_id)
                                                                        : NewRequestId(worker_.rng);
  ResolveClient(peer_ip_, ctx_.IsTrustedProxy(peer_ip_), ex.request);
  ex.head_only = ex.request.method == Method::kHead;
  ex.version = head.version() == 10 ? 10 : 11;
  if (!head_ok) {
    unread_input_ = !parser.is_done();
    co_await Respond(ex, ServerProblem(ServerError::kMalformed), false);
    co_return false;
  }
  co_return co_await ServeRouted(buffer, parser, ex);
}

asio::awaitable<bool> Connection::ServeRouted(beast::flat_buffer& buffer,
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

asio::awaitable<bool> Connection::ReadBody(beast::flat_buffer& buffer, BeastRequestParser& parser,
                                           Exchange& ex, const RouteOptions& options) {
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
    co_await asio::async_write(socket_, asio::buffer(kContinue), Redirect(ec));
    if (ec) co_return false;
  }
  state_ = State::kReading;
  SetDeadline(ctx_.options.body_timeout);
  parser.body_limit(limit);  // a chunked body is cut off here
  co_await bhttp::async_read(socket_, buffer, parser, Redirect(ec));
  if (ec) co_return co_await FailRead(ec, ex, limit);
  co_return true;
}

asio::awaitable<bool> Connection::FailRead(const beast::error_code& ec, Exchange& ex,
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

Response Connection::CallHandler(const Route& route, Request& request) const {
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

asio::awaitable<Response> Connection::Invoke(const Route& route, Request& request) {
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

asio::awaitable<bool> Connection::Respond(Exchange& ex, Response response, bool keep_alive) {
  const WireResponse wire = ToWire(std::move(response), ex.request.request_id, ex.head_only,
                                   keep_alive, ex.version == 10 ? 0 : 1);
  // Recorded before the write, so that a client that has its response also sees it counted.
  Record(ex, wire.status, wire.body.size());
  state_ = State::kWriting;
  // A response nearly always fits the socket's send buffer: written at once, without a trip
  // through the event loop (an asynchronous write completes through the scheduler, which polls
  // epoll again: two extra system calls per request on the check API). What the kernel did not
  // take, if anything, goes out asynchronously under the write timeout.
  beast::error_code ec;
  std::array<asio::const_buffer, 2> buffers = wire.Buffers();
  size_t sent = socket_.write_some(buffers, ec);
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
  co_await asio::async_write(socket_, buffers, Redirect(ec));
  co_return !ec;
}

void Connection::Record(const Exchange& ex, int status, size_t bytes) {
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
  entry.path = req.path;
  entry.status = status;
  entry.bytes = bytes;
  entry.duration_ms = seconds * 1000;
  entry.client_ip = req.client_ip;
  entry.user_agent = req.headers.Get("user-agent").value_or("");
  ctx_.access_log(FormatAccessLogLine(entry));
}

asio::awaitable<void> Connection::Finish() {
  if (closed_) co_return;
  beast::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  if (unread_input_ && !ec) {
    // Closing with unread input would send a reset that may destroy our response in flight.
    state_ = State::kClosing;
    SetDeadline(kLinger);
    char sink[kReadChunk];
    size_t drained = 0;
    while (!closed_ && drained < kMaxLingerBytes) {
      const size_t n = co_await socket_.async_read_some(asio::buffer(sink), Redirect(ec));
      if (ec) break;
      drained += n;
    }
  }
  Close();
}

}  // namespace binhyen::http::internal

#include "http/client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <utility>

namespace binhyen::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

constexpr std::uint64_t kMaxReplyBody = 64 << 20;

base::Status ToStatus(std::string_view what, const beast::error_code& ec) {
  std::string message = std::string(what) + ": " + ec.message();
  if (ec == beast::error::timeout) return {base::StatusCode::kDeadlineExceeded, message};
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category()) {
    return base::InvalidArgumentError(message);
  }
  return base::UnavailableError(message);
}

}  // namespace

struct Client::Impl {
  std::string host;
  uint16_t port = 0;
  std::chrono::milliseconds timeout{0};
  asio::io_context ioc{1};
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  bool reused = false;  // the open connection already carried a request

  // Runs the io_context until the pending operation completes.
  void Run() {
    ioc.restart();
    ioc.run();
  }

  base::Status Open() {
    stream.reset();
    buffer.clear();
    reused = false;
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec)
      return base::UnavailableError("connect " + host + ":" + std::to_string(port) + ": " +
                                    ec.message());
    stream.emplace(ioc);
    stream->expires_after(timeout);
    stream->async_connect(endpoints, [&ec](const beast::error_code& e, const auto&) { ec = e; });
    Run();
    if (ec) {
      stream.reset();
      return ToStatus("connect " + host + ":" + std::to_string(port), ec);
    }
    stream->socket().set_option(tcp::no_delay(true), ec);
    return base::Status::Ok();
  }

  // One attempt. `got_bytes` tells whether any reply byte arrived.
  base::Result<Reply> Exchange(bhttp::request<bhttp::string_body>& req, bool* got_bytes) {
    *got_bytes = false;
    beast::error_code ec;
    stream->expires_after(timeout);
    bhttp::async_write(*stream, req, [&ec](const beast::error_code& e, size_t) { ec = e; });
    Run();
    if (ec) return ToStatus("send", ec);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxReplyBody);
    if (req.method() == bhttp::verb::head) parser.skip(true);
    const size_t before = buffer.size();
    stream->expires_after(timeout);
    bhttp::async_read(*stream, buffer, parser,
                      [&ec](const beast::error_code& e, size_t) { ec = e; });
    Run();
    *got_bytes = parser.got_some() || buffer.size() > before;
    if (ec) return ToStatus("receive", ec);
    auto& res = parser.get();
    Reply reply;
    reply.status = static_cast<int>(res.result_int());
    for (const auto& field : res)
      reply.headers.Add(std::string_view(field.name_string().data(), field.name_string().size()),
                        std::string(field.value()));
    reply.body = std::move(res.body());
    if (!res.keep_alive()) {
      stream->socket().shutdown(tcp::socket::shutdown_both, ec);
      stream.reset();
    }
    return reply;
  }
};

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

base::Result<Client> Client::Connect(std::string host, uint16_t port,
                                     std::chrono::milliseconds timeout) {
  auto impl = std::make_unique<Impl>();
  impl->host = std::move(host);
  impl->port = port;
  impl->timeout = timeout;
  if (base::Status s = impl->Open(); !s.ok()) return s;
  return Client(std::move(impl));
}

bool Client::connected() const { return impl_->stream.has_value(); }

base::Result<Client::Reply> Client::Send(Method method, std::string_view target,
                                         const Headers& headers, std::string_view body) {
  bhttp::request<bhttp::string_body> req;
  req.version(11);
  const std::string_view method_name = Name(method);
  req.method_string(beast::string_view(method_name.data(), method_name.size()));
  req.target(beast::string_view(target.data(), target.size()));
  req.set(bhttp::field::host, impl_->host + ":" + std::to_string(impl_->port));
  for (const auto& [name, value] : headers.all()) req.insert(name, value);  // std::string
  req.body() = std::string(body);
  if (!headers.Has("content-length") && !headers.Has("transfer-encoding")) {
    if (!body.empty() || method == Method::kPost || method == Method::kPut ||
        method == Method::kPatch) {
      req.content_length(body.size());
    }
  }
  for (int attempt = 0;; ++attempt) {
    if (!impl_->stream) BINHYEN_RETURN_IF_ERROR(impl_->Open());
    const bool was_reused = impl_->reused;
    bool got_bytes = false;
    auto reply = impl_->Exchange(req, &got_bytes);
    impl_->reused = true;
    if (reply.ok()) return reply;
    impl_->stream.reset();
    // A keep-alive connection the server closed while idle: the request never reached it.
    if (attempt > 0 || !was_reused || got_bytes ||
        reply.status().code() == base::StatusCode::kDeadlineExceeded) {
      return reply.status();
    }
  }
}

}  // namespace binhyen::http

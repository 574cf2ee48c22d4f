#include "app/webhook_sender_http.h"

// Boost 1.74's coroutine headers need <utility> first under GCC 12 (DESIGN.md).
#include <utility>
//
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <charconv>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace binhyen::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

constexpr uint64_t kMaxAnswerBody = 64 * 1024;

struct Target {
  bool tls = false;       // https://
  std::string host;       // without brackets
  std::string authority;  // for the Host header
  uint16_t port = 80;
  std::string path;  // "/..." with the query
};

base::Result<Target> ParseHttpUrl(std::string_view url) {
  Target t;
  std::string_view rest;
  if (url.starts_with("https://")) {
    t.tls = true;
    t.port = 443;
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return base::InvalidArgumentError("webhook_url: not http:// or https://");
  }
  const size_t slash = rest.find_first_of("/?#");
  t.authority = std::string(rest.substr(0, slash));
  std::string path(slash == std::string_view::npos ? "/" : rest.substr(slash));
  if (const size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
  if (path.empty() || path.front() != '/') path = "/" + path;
  t.path = std::move(path);
  std::string_view host = t.authority;
  const size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos) {
    std::string_view digits = host.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t.port);
    if (ec != std::errc() || end != digits.data() + digits.size() || t.port == 0) {
      return base::InvalidArgumentError("webhook_url: bad port");
    }
    host = host.substr(0, colon);
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) return base::InvalidArgumentError("webhook_url: no host");
  t.host = std::string(host);
  return t;
}

bool IsPublicV4(const asio::ip::address_v4& a) {
  const uint32_t v = a.to_uint();
  auto in = [v](uint32_t net, int bits) {
    const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (v & mask) == net;
  };
  return !(in(0x00000000, 8) || in(0x0A000000, 8) || in(0x64400000, 10) || in(0x7F000000, 8) ||
           in(0xA9FE0000, 16) || in(0xAC100000, 12) || in(0xC0000000, 24) || in(0xC0000200, 24) ||
           in(0xC0A80000, 16) || in(0xC6120000, 15) || in(0xC6336400, 24) || in(0xCB007100, 24) ||
           in(0xE0000000, 4) || in(0xF0000000, 4));
}

bool IsPublic(const asio::ip::address& address) {
  if (address.is_v4()) return IsPublicV4(address.to_v4());
  const asio::ip::address_v6 a = address.to_v6();
  if (a.is_v4_mapped()) return IsPublicV4(asio::ip::make_address_v4(asio::ip::v4_mapped, a));
  const auto bytes = a.to_bytes();
  if (a.is_loopback() || a.is_unspecified() || a.is_multicast() || a.is_link_local()) return false;
  if ((bytes[0] & 0xfe) == 0xfc) return false;  // fc00::/7 unique local
  if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8) return false;
  if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b) {
    return false;  // 64:ff9b::/96 NAT64 can reach private IPv4 space
  }
  return true;
}

base::Status Failed(std::string_view what, const beast::error_code& ec) {
  std::string message = "webhook " + std::string(what) + ": " + ec.message();
  if (ec == beast::error::timeout) return {base::StatusCode::kDeadlineExceeded, message};
  return base::UnavailableError(message);
}

}  // namespace

bool IsPublicAddress(std::string_view text) {
  beast::error_code ec;
  const asio::ip::address a = asio::ip::make_address(std::string(text), ec);
  return !ec && IsPublic(a);
}

namespace {

// Runs the one asynchronous operation `start` begins on `ioc` to its end and returns its error.
template <class Start>
beast::error_code RunOne(asio::io_context& ioc, Start start) {
  beast::error_code ec;
  start([&ec](const beast::error_code& e, auto&&...) { ec = e; });
  ioc.restart();
  ioc.run();
  return ec;
}

// The resolved addresses of `target`, every one public unless `allow_private`.
base::Result<std::vector<tcp::endpoint>> Resolve(asio::io_context& ioc, const Target& target,
                                                 bool allow_private) {
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  const auto endpoints = resolver.resolve(target.host, std::to_string(target.port), ec);
  if (ec) return Failed("resolve " + target.host, ec);
  std::vector<tcp::endpoint> allowed;
  for (const auto& entry : endpoints) {
    const asio::ip::address a = entry.endpoint().address();
    if (!allow_private && !IsPublic(a)) {
      return base::PermissionDeniedError("webhook_url: " + target.host +
                                         " resolves to a non-public address " + a.to_string());
    }
    allowed.push_back(entry.endpoint());
  }
  if (allowed.empty()) return base::UnavailableError("webhook resolve " + target.host + ": none");
  return allowed;
}

// Connects the lowest layer of `stream` to one of `addresses` before `deadline`.
template <class Stream>
base::Status Connect(asio::io_context& ioc, Stream& stream, const Target& target,
                     const std::vector<tcp::endpoint>& addresses,
                     std::chrono::steady_clock::time_point deadline) {
  beast::tcp_stream& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_at(deadline);
  const beast::error_code ec =
      RunOne(ioc, [&](auto done) { tcp_layer.async_connect(addresses, std::move(done)); });
  if (ec) return Failed("connect " + target.authority, ec);
  return base::Status::Ok();
}

// Sends the POST over `stream` (plain or TLS, connected) and returns the answer's status code.
template <class Stream>
base::Result<int> Exchange(asio::io_context& ioc, Stream& stream, const Target& target,
                           const service::WebhookRequest& request,
                           std::chrono::steady_clock::time_point deadline) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, target.path, 11};
  req.set(bhttp::field::host, target.authority);
  req.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();
  beast::get_lowest_layer(stream).expires_at(deadline);
  beast::error_code ec =
      RunOne(ioc, [&](auto done) { bhttp::async_write(stream, req, std::move(done)); });
  if (ec) return Failed("send", ec);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxAnswerBody);
  beast::get_lowest_layer(stream).expires_at(deadline);
  ec = RunOne(ioc, [&](auto done) { bhttp::async_read(stream, buffer, parser, std::move(done)); });
  // An answer whose body is too long still carries its status: the header is what matters.
  if (ec && !(ec == bhttp::error::body_limit && parser.is_header_done())) {
    return Failed("answer", ec);
  }
  return static_cast<int>(parser.get().result_int());
}

// A TLS client context: TLS 1.2+, peer verification against the system's CAs and `ca_file`.
base::Result<std::unique_ptr<ssl::context>> ClientContext(const std::string& ca_file) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  beast::error_code ec;
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                   ec);
  if (!ec) ctx->set_default_verify_paths(ec);
  if (ec) return base::InternalError("webhook tls: " + ec.message());
  if (!ca_file.empty()) {
    ctx->load_verify_file(ca_file, ec);
    if (ec) {
      return base::FailedPreconditionError("webhook tls: cannot load webhooks_ca_file " + ca_file +
                                           ": " + ec.message());
    }
  }
  ctx->set_verify_mode(ssl::verify_peer);
  return ctx;
}

// Asks OpenSSL to check that the peer's certificate names `host` (an IP address or a DNS
// name) and sends the name as SNI when it is not an address.
base::Status ExpectHost(SSL* ssl_handle, const std::string& host) {
  beast::error_code ec;
  asio::ip::make_address(host, ec);
  const bool is_address = !ec;
  const int ok = is_address
                     ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_handle), host.c_str())
                     : SSL_set1_host(ssl_handle, host.c_str()) == 1 &&
                           SSL_set_tlsext_host_name(ssl_handle, host.c_str()) == 1;
  if (ok != 1) return base::InvalidArgumentError("webhook_url: bad host for tls: " + host);
  return base::Status::Ok();
}

// Why the handshake failed, with OpenSSL's certificate verdict when that was the cause.
base::Status HandshakeFailed(SSL* ssl_handle, const Target& target, const beast::error_code& ec) {
  std::string what = "tls handshake " + target.authority;
  const long verdict = SSL_get_verify_result(ssl_handle);
  if (verdict != X509_V_OK) {
    return base::UnavailableError("webhook " + what + ": certificate not accepted: " +
                                  X509_verify_cert_error_string(verdict));
  }
  return Failed(what, ec);
}

base::Result<int> PostTls(const HttpWebhookSenderOptions& options, const Target& target,
                          const service::WebhookRequest& request) {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<ssl::context> ctx, ClientContext(options.ca_file));
  asio::io_context ioc{1};
  BINHYEN_ASSIGN_OR_RETURN(std::vector<tcp::endpoint> addresses,
                           Resolve(ioc, target, options.allow_private));
  beast::ssl_stream<beast::tcp_stream> stream(ioc, *ctx);
  BINHYEN_RETURN_IF_ERROR(ExpectHost(stream.native_handle(), target.host));
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  BINHYEN_RETURN_IF_ERROR(Connect(ioc, stream, target, addresses, deadline));
  beast::get_lowest_layer(stream).expires_at(deadline);
  const beast::error_code ec = RunOne(
      ioc, [&](auto done) { stream.async_handshake(ssl::stream_base::client, std::move(done)); });
  if (ec) return HandshakeFailed(stream.native_handle(), target, ec);
  BINHYEN_ASSIGN_OR_RETURN(int status, Exchange(ioc, stream, target, request, deadline));
  // A polite close_notify; the answer is in already, so a receiver that just drops the
  // connection (stream_truncated) or a slow one changes nothing.
  beast::get_lowest_layer(stream).expires_at(
      std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(500)));
  RunOne(ioc, [&](auto done) { stream.async_shutdown(std::move(done)); });
  return status;
}

base::Result<int> PostPlain(const HttpWebhookSenderOptions& options, const Target& target,
                            const service::WebhookRequest& request) {
  asio::io_context ioc{1};
  BINHYEN_ASSIGN_OR_RETURN(std::vector<tcp::endpoint> addresses,
                           Resolve(ioc, target, options.allow_private));
  beast::tcp_stream stream(ioc);
  // One deadline for the whole exchange, set again before each operation. Beast's timers run on
  // the real steady clock, so the deadline is taken from it too (not from base::Clock, whose
  // fake time would never reach it).
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  BINHYEN_RETURN_IF_ERROR(Connect(ioc, stream, target, addresses, deadline));
  BINHYEN_ASSIGN_OR_RETURN(int status, Exchange(ioc, stream, target, request, deadline));
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return status;
}

}  // namespace

base::Result<int> HttpWebhookSender::Post(const service::WebhookRequest& request) {
  BINHYEN_ASSIGN_OR_RETURN(Target target, ParseHttpUrl(request.url));
  return target.tls ? PostTls(options_, target, request) : PostPlain(options_, target, request);
}

}  // namespace binhyen::app

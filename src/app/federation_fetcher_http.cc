#include "app/federation_fetcher_http.h"

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

struct Target {
  bool tls = false;
  std::string host;       // without brackets
  std::string authority;  // for the Host header
  uint16_t port = 80;
  std::string path;  // the base path, without a trailing '/'
};

base::Result<Target> ParseBaseUrl(std::string_view url) {
  Target t;
  std::string_view rest;
  if (url.starts_with("https://")) {
    t.tls = true;
    t.port = 443;
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return base::InvalidArgumentError("url: not http:// or https://");
  }
  const size_t slash = rest.find('/');
  t.authority = std::string(rest.substr(0, slash));
  t.path = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
  while (!t.path.empty() && t.path.back() == '/') t.path.pop_back();
  std::string_view host = t.authority;
  const size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos) {
    std::string_view digits = host.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t.port);
    if (ec != std::errc() || end != digits.data() + digits.size() || t.port == 0) {
      return base::InvalidArgumentError("url: bad port");
    }
    host = host.substr(0, colon);
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) return base::InvalidArgumentError("url: no host");
  t.host = std::string(host);
  return t;
}

base::Status Failed(std::string_view what, const beast::error_code& ec) {
  if (ec == beast::error::timeout) {
    return base::Status(base::StatusCode::kDeadlineExceeded,
                        "federation " + std::string(what) + ": timed out");
  }
  return base::UnavailableError("federation " + std::string(what) + ": " + ec.message());
}

// Runs the one asynchronous operation `start` begins on `ioc` to its end and returns its error.
template <class Start>
beast::error_code RunOne(asio::io_context& ioc, Start start) {
  beast::error_code ec;
  start([&ec](const beast::error_code& e, auto&&...) { ec = e; });
  ioc.restart();
  ioc.run();
  return ec;
}

template <class Stream>
base::Status Connect(asio::io_context& ioc, Stream& stream, const Target& target,
                     std::chrono::steady_clock::time_point deadline) {
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  const auto endpoints = resolver.resolve(target.host, std::to_string(target.port), ec);
  if (ec) return Failed("resolve " + target.host, ec);
  beast::tcp_stream& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_at(deadline);
  ec = RunOne(ioc, [&](auto done) { tcp_layer.async_connect(endpoints, std::move(done)); });
  if (ec) return Failed("connect " + target.authority, ec);
  return base::Status::Ok();
}

template <class Stream>
base::Result<service::FederationPage> Exchange(asio::io_context& ioc, Stream& stream,
                                               const Target& target, const std::string& path,
                                               uint64_t max_body,
                                               std::chrono::steady_clock::time_point deadline) {
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, path, 11};
  req.set(bhttp::field::host, target.authority);
  req.set(bhttp::field::connection, "close");
  req.set(bhttp::field::accept, "application/json");
  beast::get_lowest_layer(stream).expires_at(deadline);
  beast::error_code ec =
      RunOne(ioc, [&](auto done) { bhttp::async_write(stream, req, std::move(done)); });
  if (ec) return Failed("send", ec);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(max_body);
  beast::get_lowest_layer(stream).expires_at(deadline);
  ec = RunOne(ioc, [&](auto done) { bhttp::async_read(stream, buffer, parser, std::move(done)); });
  if (ec == bhttp::error::body_limit) {
    return base::PayloadTooLargeError("federation answer: larger than " + std::to_string(max_body) +
                                      " bytes");
  }
  if (ec) return Failed("answer", ec);
  auto& res = parser.get();
  if (res.result_int() != 200) {
    return base::UnavailableError("federation GET " + path + ": HTTP " +
                                  std::to_string(res.result_int()) + ": " +
                                  res.body().substr(0, 200));
  }
  service::FederationPage page;
  page.body = std::move(res.body());
  auto header = res.find(std::string(service::kFederationSignatureHeader));
  if (header != res.end()) {
    base::Result<std::string> signature = service::ParseSignatureHeader(
        std::string_view(header->value().data(), header->value().size()));
    if (signature.ok()) page.signature = *std::move(signature);
  }
  return page;
}

base::Result<std::unique_ptr<ssl::context>> ClientContext(const std::string& ca_file) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  beast::error_code ec;
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                   ec);
  if (!ec) ctx->set_default_verify_paths(ec);
  if (ec) return base::InternalError("federation tls: " + ec.message());
  if (!ca_file.empty()) {
    ctx->load_verify_file(ca_file, ec);
    if (ec) return base::FailedPreconditionError("federation tls: cannot load " + ca_file);
  }
  ctx->set_verify_mode(ssl::verify_peer);
  return ctx;
}

}  // namespace

base::Result<service::FederationPage> HttpFederationFetcher::Fetch(const domain::Peer& peer,
                                                                   int64_t since, int limit) {
  BINHYEN_ASSIGN_OR_RETURN(Target target, ParseBaseUrl(peer.url));
  const std::string path = target.path + "/api/v1/federation/feed?since=" + std::to_string(since) +
                           "&limit=" + std::to_string(limit);
  // Beast's timers run on the real steady clock, so the deadline is taken from it too.
  const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
  asio::io_context ioc{1};
  if (!target.tls) {
    beast::tcp_stream stream(ioc);
    BINHYEN_RETURN_IF_ERROR(Connect(ioc, stream, target, deadline));
    return Exchange(ioc, stream, target, path, options_.max_body_bytes, deadline);
  }
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<ssl::context> ctx, ClientContext(options_.ca_file));
  beast::ssl_stream<beast::tcp_stream> stream(ioc, *ctx);
  beast::error_code ec;
  asio::ip::make_address(target.host, ec);
  SSL* handle = stream.native_handle();
  const int ok = !ec ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(handle), target.host.c_str())
                     : SSL_set1_host(handle, target.host.c_str()) == 1 &&
                           SSL_set_tlsext_host_name(handle, target.host.c_str()) == 1;
  if (ok != 1) return base::InvalidArgumentError("url: bad host for tls: " + target.host);
  BINHYEN_RETURN_IF_ERROR(Connect(ioc, stream, target, deadline));
  beast::get_lowest_layer(stream).expires_at(deadline);
  ec = RunOne(
      ioc, [&](auto done) { stream.async_handshake(ssl::stream_base::client, std::move(done)); });
  if (ec) {
    const long verdict = SSL_get_verify_result(handle);
    if (verdict != X509_V_OK) {
      return base::UnavailableError(
          "federation tls " + target.authority +
          ": certificate not accepted: " + X509_verify_cert_error_string(verdict));
    }
    return Failed("tls handshake " + target.authority, ec);
  }
  return Exchange(ioc, stream, target, path, options_.max_body_bytes, deadline);
}

}  // namespace binhyen::app

#include "app/webhook_sender_http.h"

// Boost 1.74's coroutine headers need <utility> first under GCC 12 (DESIGN.md).
#include <utility>
//
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <chrono>
#include <string>

namespace binhyen::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

constexpr uint64_t kMaxAnswerBody = 64 * 1024;

struct Target {
  std::string host;       // without brackets
  std::string authority;  // for the Host header
  uint16_t port = 80;
  std::string path;  // "/..." with the query
};

base::Result<Target> ParseHttpUrl(std::string_view url) {
  if (url.starts_with("https://")) {
    return base::InvalidArgumentError(
        "webhook_url: https is not supported by this server yet (no TLS client)");
  }
  if (!url.starts_with("http://")) return base::InvalidArgumentError("webhook_url: not http://");
  std::string_view rest = url.substr(7);
  const size_t slash = rest.find_first_of("/?#");
  Target t;
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

base::Result<int> HttpWebhookSender::Post(const service::WebhookRequest& request) {
  BINHYEN_ASSIGN_OR_RETURN(Target target, ParseHttpUrl(request.url));
  asio::io_context ioc{1};
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  const auto endpoints = resolver.resolve(target.host, std::to_string(target.port), ec);
  if (ec) return Failed("resolve " + target.host, ec);
  std::vector<tcp::endpoint> allowed;
  for (const auto& entry : endpoints) {
    const asio::ip::address a = entry.endpoint().address();
    if (!options_.allow_private && !IsPublic(a)) {
      return base::PermissionDeniedError("webhook_url: " + target.host +
                                         " resolves to a non-public address " + a.to_string());
    }
    allowed.push_back(entry.endpoint());
  }
  if (allowed.empty()) return base::UnavailableError("webhook resolve " + target.host + ": none");

  beast::tcp_stream stream(ioc);
  // One deadline for the whole exchange, set again before each operation. Beast's timers run on
  // the real steady clock, so the deadline is taken from it too (not from base::Clock, whose
  // fake time would never reach it).
  const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
  stream.expires_at(deadline);
  stream.async_connect(allowed,
                       [&ec](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
  ioc.run();
  if (ec) return Failed("connect " + target.authority, ec);

  bhttp::request<bhttp::string_body> req{bhttp::verb::post, target.path, 11};
  req.set(bhttp::field::host, target.authority);
  req.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();
  stream.expires_at(deadline);
  bhttp::async_write(stream, req, [&ec](const beast::error_code& e, size_t) { ec = e; });
  ioc.restart();
  ioc.run();
  if (ec) return Failed("send", ec);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxAnswerBody);
  stream.expires_at(deadline);
  bhttp::async_read(stream, buffer, parser, [&ec](const beast::error_code& e, size_t) { ec = e; });
  ioc.restart();
  ioc.run();
  // An answer whose body is too long still carries its status: the header is what matters.
  if (ec && !(ec == bhttp::error::body_limit && parser.is_header_done())) {
    return Failed("answer", ec);
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return static_cast<int>(parser.get().result_int());
}

}  // namespace binhyen::app

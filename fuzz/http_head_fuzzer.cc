// Fuzzes what the server does with the bytes of a request before any handler runs, the same way
// http/internal/connection.cc does (Beast's request parser with the server's 16 KiB header
// limit, then FillRequestHead and ResolveClient), and the response head written back:
//   * a head the parser accepts either fills a Request or fails with one-line InvalidArgument;
//   * a filled Request has a method, a target equal to the request line's, path + '?' + query
//     equal to the target, and every header field of the head, in order;
//   * the client address is the peer's unless the peer is a trusted proxy; never empty;
//   * echoing any request header into a response header (which handlers must never do, but a
//     bug might) cannot split the response: ToWire writes exactly one blank line, at the end of
//     the head, no bare CR or LF inside it, and a Content-Length equal to the body's size.
// A broken invariant calls __builtin_trap().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/logging.h"
#include "http/internal/wire.h"
#include "http/message.h"

namespace {

namespace http = binhyen::http;
namespace internal = binhyen::http::internal;

constexpr std::uint32_t kHeaderLimit = 16 * 1024;  // ServerOptions::max_header_bytes
constexpr std::string_view kPeer = "192.0.2.7";

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckRequest(const internal::BeastRequestParser& parser, const http::Request& request) {
  const auto& head = parser.get();
  Check(request.target == std::string_view(head.target().data(), head.target().size()));
  if (request.query.empty()) {
    Check(request.path == request.target || request.path + "?" == request.target);
  } else {
    Check(request.path + "?" + request.query == request.target);
  }
  size_t n = 0;
  for (const auto& field : head) {
    Check(n < request.headers.all().size());
    const auto& [name, value] = request.headers.all()[n++];
    Check(name == std::string_view(field.name_string().data(), field.name_string().size()));
    Check(value == std::string_view(field.value().data(), field.value().size()));
  }
  Check(n == request.headers.all().size());
}

void CheckClient(http::Request request) {
  internal::ResolveClient(kPeer, /*trusted_peer=*/false, request);
  Check(request.client_ip == kPeer);
  Check(!request.secure);
  internal::ResolveClient(kPeer, /*trusted_peer=*/true, request);
  Check(!request.client_ip.empty());
  Check(request.client_ip.find_first_of("\r\n ,") == std::string::npos);
}

// Every request header, copied into a response header, must leave the response well framed.
void CheckResponseFraming(const http::Request& request) {
  http::Response response = http::Response::Text(200, "ok");
  for (const auto& [name, value] : request.headers.all()) response.headers.Add(name, value);
  const internal::WireResponse wire =
      internal::ToWire(std::move(response), "req-1", /*head_only=*/false, /*keep_alive=*/true);
  const std::string& head = wire.head;
  Check(head.size() >= 4 && head.compare(head.size() - 4, 4, "\r\n\r\n") == 0);
  Check(head.find("\r\n\r\n") == head.size() - 4);
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\r') Check(i + 1 < head.size() && head[i + 1] == '\n');
    if (head[i] == '\n') Check(i > 0 && head[i - 1] == '\r');
  }
  Check(head.find("\r\nContent-Length: " + std::to_string(wire.body.size()) + "\r\n") !=
        std::string::npos);
  Check(wire.body == "ok");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  // ToWire logs every header it drops; millions of those lines would only slow the fuzzer.
  static const bool kQuiet = [] {
    binhyen::base::InitLogging(binhyen::base::LogLevel::kOff);
    return true;
  }();
  (void)kQuiet;
  internal::BeastRequestParser parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(64 * 1024);
  internal::beast::error_code ec;
  parser.put(internal::asio::buffer(data, size), ec);
  if (!parser.is_header_done()) return 0;
  http::Request request;
  const binhyen::base::Status filled = internal::FillRequestHead(parser.get(), request);
  if (!filled.ok()) {
    Check(filled.code() == binhyen::base::StatusCode::kInvalidArgument);
    Check(filled.message().find('\n') == std::string::npos);
    return 0;
  }
  CheckRequest(parser, request);
  CheckClient(request);
  CheckResponseFraming(request);
  return 0;
}

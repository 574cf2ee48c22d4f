#include "http/internal/wire.h"

#include <array>

#include "base/logging.h"
#include "base/strings.h"
#include "http/internal/problems.h"
#include "http/status_map.h"

namespace binhyen::http::internal {
namespace {

bool IsSafeFieldPart(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// RFC 9110 tchar: ALPHA / DIGIT / "!#$%&'*+-.^_`|~".
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!kTokenChars[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

}  // namespace

base::Status FillRequestHead(const bhttp::request_header<>& head, Request& request) {
  request.method = ParseMethod(View(head.method_string()));
  const std::string_view target = View(head.target());
  request.target = std::string(target);
  const size_t q = target.find('?');
  request.path = std::string(target.substr(0, q));
  request.query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
  for (const auto& field : head) {
    request.headers.Add(View(field.name_string()), std::string(View(field.value())));
  }
  auto params = ParseUrlEncoded(request.query);
  if (!params.ok()) return params.status();
  request.query_params = std::move(params).value();
  return base::Status::Ok();
}

void ResolveClient(std::string_view peer_ip, bool trusted_peer, Request& request) {
  request.client_ip = std::string(peer_ip);
  if (!trusted_peer) return;
  std::optional<std::string_view> forwarded;
  for (const auto& [name, value] : request.headers.all()) {
    if (base::EqualsIgnoreAsciiCase(name, "x-forwarded-for")) forwarded = value;
  }
  if (forwarded) {
    std::string_view hop = *forwarded;
    if (size_t comma = hop.rfind(','); comma != std::string_view::npos) hop = hop.substr(comma + 1);
    hop = base::TrimAscii(hop);
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(std::string(hop), ec);
    if (!ec) request.client_ip = address.to_string();
  }
  if (auto proto = request.headers.Get("x-forwarded-proto")) {
    request.secure = base::EqualsIgnoreAsciiCase(base::TrimAscii(*proto), "https");
  }
}

WireResponse ToWire(Response response, std::string_view request_id, bool head_only, bool keep_alive,
                    int minor_version, bool hsts) {
  if (response.status < 100 || response.status > 599) {
    base::LogError("http: handler returned status {} (request_id {})", response.status, request_id);
    response = ServerProblem(ServerError::kHandlerFailed);
  }
  WireResponse wire;
  wire.status = response.status;
  std::string& out = wire.head;
  out.reserve(256);
  out.append(minor_version == 0 ? "HTTP/1.0 " : "HTTP/1.1 ");
  out.append(std::to_string(response.status));
  out.push_back(' ');
  // The RFC 9110 phrases ("Content Too Large"), as the problem bodies say.
  const std::string_view reason = ReasonPhrase(response.status);
  out.append(reason == "Unknown" ? std::string_view() : reason);
  out.append("\r\n");
  auto field = [&out](std::string_view name, std::string_view value) {
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
  };
  // The security defaults, each unless the handler set that field.
  struct Default {
    std::string_view name;
    std::string_view value;
    bool set_by_handler = false;
  };
  std::array<Default, 4> defaults = {{{"X-Content-Type-Options", "nosniff"},
                                      {"X-Frame-Options", "DENY"},
                                      {"Referrer-Policy", "same-origin"},
                                      {"Cache-Control", "no-store"}}};
  for (const auto& [name, value] : response.headers.all()) {
    for (Default& d : defaults) {
      if (base::EqualsIgnoreAsciiCase(name, d.name)) d.set_by_handler = true;
    }
  }
  for (const auto& [name, value] : response.headers.all()) {
    if (!IsToken(name) || !IsSafeFieldPart(value) ||
        base::EqualsIgnoreAsciiCase(name, "content-length") ||
        base::EqualsIgnoreAsciiCase(name, "transfer-encoding") ||
        base::EqualsIgnoreAsciiCase(name, "connection") ||
        base::EqualsIgnoreAsciiCase(name, "x-request-id")) {
      if (!base::EqualsIgnoreAsciiCase(name, "x-request-id")) {
        base::LogError("http: dropped response header '{}' (request_id {})", name, request_id);
      }
      continue;
    }
    field(name, value);
  }
  for (const Default& d : defaults) {
    if (!d.set_by_handler) field(d.name, d.value);
  }
  // Only over TLS (RFC 6797 8.1: a browser ignores it over plain HTTP), one year, no
  // includeSubDomains: the town's other hosts are not ours to commit to HTTPS. Appended
  // directly: one more call of `field` made GCC stop inlining it (+35 instructions a request).
  if (hsts && !response.headers.Get("strict-transport-security")) {
    out.append("Strict-Transport-Security: max-age=31536000\r\n");
  }
  field("X-Request-Id", IsSafeFieldPart(request_id) ? request_id : std::string_view("-"));
  const int s = response.status;
  const bool no_body = s < 200 || s == 204 || s == 304;
  if (!no_body) field("Content-Length", std::to_string(response.body.size()));
  if (minor_version == 0 && keep_alive) field("Connection", "keep-alive");
  if (minor_version != 0 && !keep_alive) field("Connection", "close");
  out.append("\r\n");
  if (!no_body && !head_only) wire.body = std::move(response.body);
  return wire;
}

}  // namespace binhyen::http::internal

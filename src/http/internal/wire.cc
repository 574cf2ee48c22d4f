#include "http/internal/wire.h"

#include "base/logging.h"
#include "base/strings.h"
#include "http/internal/problems.h"
#include "http/status_map.h"

namespace binhyen::http::internal {
namespace {

bool IsSafeFieldPart(std::string_view s) {
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!base::IsAsciiAlnum(c) &&
        std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

void SetDefault(Headers& headers, std::string_view name, std::string_view value) {
  if (!headers.Has(name)) headers.Add(name, std::string(value));
}

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

BeastResponse ToWire(Response response, std::string_view request_id, bool head_only,
                     bool keep_alive) {
  if (response.status < 100 || response.status > 599) {
    base::LogError("http: handler returned status {} (request_id {})", response.status, request_id);
    response = ServerProblem(ServerError::kHandlerFailed);
  }
  Headers& h = response.headers;
  SetDefault(h, "X-Content-Type-Options", "nosniff");
  SetDefault(h, "X-Frame-Options", "DENY");
  SetDefault(h, "Referrer-Policy", "same-origin");
  SetDefault(h, "Cache-Control", "no-store");
  h.Set("X-Request-Id", std::string(request_id));

  BeastResponse msg;
  msg.version(11);
  msg.result(static_cast<unsigned>(response.status));
  // Beast knows older phrases ("Payload Too Large"); use the RFC 9110 ones, as the body does.
  if (const std::string_view reason = ReasonPhrase(response.status); reason != "Unknown") {
    msg.reason(beast::string_view(reason.data(), reason.size()));
  }
  for (const auto& [name, value] : h.all()) {
    if (!IsToken(name) || !IsSafeFieldPart(value) ||
        base::EqualsIgnoreAsciiCase(name, "content-length") ||
        base::EqualsIgnoreAsciiCase(name, "transfer-encoding") ||
        base::EqualsIgnoreAsciiCase(name, "connection")) {
      base::LogError("http: dropped response header '{}' (request_id {})", name, request_id);
      continue;
    }
    msg.insert(name, value);
  }
  const int s = response.status;
  const bool no_body = s < 200 || s == 204 || s == 304;
  if (!no_body) msg.content_length(response.body.size());
  if (!no_body && !head_only) msg.body() = std::move(response.body);
  msg.keep_alive(keep_alive);
  return msg;
}

}  // namespace binhyen::http::internal

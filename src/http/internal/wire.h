#pragma once

#include <array>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/internal/asio.h"
#include "http/message.h"

namespace binhyen::http::internal {

using BeastRequestParser = bhttp::request_parser<bhttp::string_body>;

// Fills method, target, path, query, query_params and headers from a parsed request head.
// Returns InvalidArgument when the query string is malformed.
base::Status FillRequestHead(const bhttp::request_header<>& head, Request& request);

// The client address: `peer_ip`, or the last X-Forwarded-For hop (when it is an IP address)
// and X-Forwarded-Proto when `trusted_peer`.
void ResolveClient(std::string_view peer_ip, bool trusted_peer, Request& request);

// A response as written to the socket: the status line and fields, then the body.
struct WireResponse {
  int status = 0;
  std::string head;  // "HTTP/1.1 200 OK\r\n...\r\n\r\n"
  std::string body;  // empty for HEAD and for 1xx, 204 and 304

  std::array<asio::const_buffer, 2> Buffers() const {
    return {asio::buffer(head), asio::buffer(body)};
  }
};

// Builds the wire response for HTTP/1.`minor_version`. Adds the security headers the handler
// did not set and X-Request-Id; drops (and logs) a header whose name or value could break the
// framing, and the framing headers a handler must not set (Content-Length, Transfer-Encoding,
// Connection), which are written here: "Connection: close" on HTTP/1.1 when `keep_alive` is
// false, "Connection: keep-alive" on HTTP/1.0 when it is true. `head_only`: keep Content-Length
// but send no body. `hsts` (TLS connections): adds Strict-Transport-Security: max-age=31536000
// unless the handler set it. Status outside 100..599 becomes 500.
// The head is written directly, without Beast's serializer: on the check API, building Beast's
// field list cost as much as the lookup itself.
WireResponse ToWire(Response response, std::string_view request_id, bool head_only, bool keep_alive,
                    int minor_version = 1, bool hsts = false);

}  // namespace binhyen::http::internal

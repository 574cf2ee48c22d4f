#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "http/internal/asio.h"
#include "http/message.h"

namespace binhyen::http::internal {

using BeastRequestParser = bhttp::request_parser<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// Fills method, target, path, query, query_params and headers from a parsed request head.
// Returns InvalidArgument when the query string is malformed.
base::Status FillRequestHead(const bhttp::request_header<>& head, Request& request);

// The client address: `peer_ip`, or the last X-Forwarded-For hop (when it is an IP address)
// and X-Forwarded-Proto when `trusted_peer`.
void ResolveClient(std::string_view peer_ip, bool trusted_peer, Request& request);

// Builds the wire response. Adds the security headers the handler did not set and
// X-Request-Id; drops (and logs) a header whose name or value could break the framing.
// `head_only`: keep Content-Length but send no body. Status outside 100..599 becomes 500.
BeastResponse ToWire(Response response, std::string_view request_id, bool head_only,
                     bool keep_alive);

}  // namespace binhyen::http::internal

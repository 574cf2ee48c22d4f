#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace binhyen::http::internal {

// What the access log records of one request. Never the query string or the body: they may hold
// personal data.
struct AccessLogEntry {
  base::TimePoint ts;
  std::string_view request_id;
  std::string_view method;
  std::string_view route;  // the pattern, or "unmatched"
  std::string_view path;   // raw path without the query (PathForLog)
  int status = 0;
  size_t bytes = 0;  // response body bytes
  double duration_ms = 0;
  std::string_view client_ip;
  std::string_view user_agent;
};

// The path as the access log writes it: `path`, except that the segments matching a parameter
// named {token}, {receipt} or {code} of `route` are written as "-". Those are capabilities (the
// personal links of campaigns, quizzes, pledges and check-ins, receipt and dispute codes): whoever
// reads the log could otherwise act as their holder. Routes name such parameters so.
std::string PathForLog(std::string_view route, std::string_view path);

// One JSON object on one line (no trailing newline):
// {"ts":"2026-11-28T22:13:22.123Z","request_id":"...","method":"GET","route":"/x","path":"/x",
//  "status":200,"bytes":2,"duration_ms":0.12,"client_ip":"127.0.0.1","user_agent":"curl/7.88"}
std::string FormatAccessLogLine(const AccessLogEntry& e);

}  // namespace binhyen::http::internal
